"""Import of seller-center review exports and export of cases (issue 10), on real SQLite files.

The export files here are written for these tests (headers as each seller center names them, hostile texts:
formulas, markup, newlines, CJK); nothing comes from any data set.
"""

from __future__ import annotations

import re

import csv
import io
import threading

import pytest
from click.testing import CliRunner
from openpyxl import Workbook, load_workbook

from companion.cli import main
from companion.services.importing import ImportRefused, bigram_doc, import_file, import_rows
from companion.services.exporting import cell_safe, mask_pii

HOSTILE = [
    '=HYPERLINK("http://evil.example","点我")杯子漏水',
    "<script>alert(1)</script><img src=x onerror=alert(2)> 快递太慢",
    "第一行\n第二行：盖子拧不紧\r\n第三行",
    "+1 质量差 -- 退货也不处理 @客服",
    "收到就坏了，联系我13812345678，地址上海市浦东新区张江路123号3栋501室",
]

# One export per platform: (headers, rows) with the header names sellers see.
EXPORTS = {
    "douyin": (["评价日期", "订单ID", "商品ID", "商品名称", "商品规格", "商品评价得分", "评价内容", "用户昵称", "评价等级",
                "追评内容", "追评时间", "商家是否回复", "回复内容", "门店名称"],
               [["2026-11-20 14:03:11", f"69{i:017d}", "3601234567890", "保温杯 500ml", "黑色", 1 + i % 2, text, f"买***{i}",
                 "差评", "追评：还是漏", "2026-11-22 09:00:00", "未回复", "", "旗舰店"] for i, text in enumerate(HOSTILE)]),
    "tiktok": (["Review ID", "Order ID", "Product ID", "Product Name", "Variation", "Star Rating", "Review", "Username",
                "Review Time", "Seller Reply", "Images"],
               [[f"7{i:018d}", f"57{i:016d}", "1729384756", "Thermos bottle", "Black", 2, text, f"j***{i}", "Jan 15, 2026",
                 "Sorry to hear that" if i == 0 else "", ""] for i, text in enumerate(HOSTILE)]),
    "taobao": (["订单编号", "宝贝ID", "宝贝名称", "宝贝属性", "评价结果", "评价内容", "买家昵称", "评价时间", "追评内容",
                "解释内容", "是否有图"],
               [[f"45{i:017d}", "712345678901", "电热水壶", "颜色分类:白色", "差评" if i % 2 else "中评", text, f"t**{i}",
                 "2026/11/20 14:03", "", "", "否"] for i, text in enumerate(HOSTILE)]),
}


def csv_bytes(headers, rows, encoding="utf-8-sig") -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(headers)
    w.writerows(rows)
    return buf.getvalue().encode(encoding)


def xlsx_bytes(headers, rows, title_row: str | None = None) -> bytes:
    wb = Workbook()
    ws = wb.active
    if title_row:
        ws.append([title_row])
    ws.append(headers)
    for row in rows:
        ws.append(row)
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # a buyer's text that looks like a formula, stored as text (as the platform's export does)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.fixture
def db(app):
    try:
        from companion.store.sqlite import init_db
    except ImportError:  # before the store/ layer
        from companion.store.sqlite import init_db

    d = init_db(app.config["DATABASE"])
    yield d
    d.conn.close()


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
@pytest.mark.parametrize("platform", ["douyin", "tiktok", "taobao"])
def test_each_platform_export_imports_with_its_mapping(db, platform, fmt):
    headers, rows = EXPORTS[platform]
    data = csv_bytes(headers, rows) if fmt == "csv" else xlsx_bytes(headers, rows, title_row="评价导出 2026-11")
    report = import_file(db, data, f"export.{fmt}", platform, shop_id="shop-1", classify=False)
    assert report["failed"] == 0, report["errors"]
    assert report["imported"] == len(rows) and report["unknown_columns"] == []
    stored = {r["text"]: r for r in db.query("select * from reviews where platform = ?", [platform])}
    # texts kept exactly (markup, formulas, CJK), line breaks as \n (an .xlsx file cannot hold \r\n)
    assert set(stored) == {t.strip().replace("\r\n", "\n") for t in HOSTILE}
    cases = list(db.query("select * from cases where platform = ? order by id", [platform]))
    assert len(cases) == len(rows) and all(c["shop_id"] == "shop-1" for c in cases)
    assert all(len(c["order_id"]) >= 18 and c["order_id"].isdigit() for c in cases)  # long ids stay exact strings
    first = stored[HOSTILE[0]]
    if platform == "douyin":
        assert first["review_id"].startswith("imp-") and first["follow_up_text"] == "追评：还是漏"
        assert report["ignored_columns"] == ["商家是否回复", "门店名称"]
    if platform == "tiktok":
        assert first["rating"] == 2 and first["seller_reply"] == "Sorry to hear that"
        assert cases[0]["status"] == "replied" and cases[1]["status"] == "open"
    if platform == "taobao":  # no stars on Taobao: 差评 → 1, 中评 → 3
        assert sorted({r["rating"] for r in stored.values()}) == [1, 3]
    # every imported case reads like a captured one
    try:
        from companion.services.views import case_result
    except ImportError:  # before the services/ layer
        from companion.services.views import case_result

    result = case_result(db, cases[0]["id"])
    assert result["review"]["text"] and result["captures"][0]["page_url"] == f"import:export.{fmt}"


def test_reimport_is_idempotent_and_a_changed_row_updates_its_review(db):
    headers, rows = EXPORTS["tiktok"]
    data = csv_bytes(headers, rows)
    first = import_file(db, data, "t.csv", "tiktok", classify=False)
    counts = [db.execute(f"select count(*) from {t}").fetchone()[0] for t in ("cases", "reviews", "captures")]
    again = import_file(db, data, "t.csv", "tiktok", classify=False)
    assert first["imported"] == len(rows) and again["imported"] == 0 and again["duplicates"] == len(rows)
    assert [db.execute(f"select count(*) from {t}").fetchone()[0] for t in ("cases", "reviews", "captures")] == counts
    changed = [list(r) for r in rows]
    changed[1][6] = "改了：其实是快递的问题"
    third = import_file(db, csv_bytes(headers, changed), "t2.csv", "tiktok", classify=False)
    assert third["updated"] == 1 and third["duplicates"] == len(rows) - 1
    assert db.execute("select count(*) from cases").fetchone()[0] == counts[0]
    row = db.execute("select text, capture_count from reviews where review_id = ?", [rows[1][0]]).fetchone()
    assert row == ("改了：其实是快递的问题", 2)


def test_bad_rows_are_reported_by_line_and_the_rest_imports(db):
    headers, rows = EXPORTS["douyin"]
    bad = [list(r) for r in rows]
    bad[1][5] = 9  # rating out of range (CSV lines 1 header, 2 first row; row 0's text spans 1 line)
    bad[3][6] = ""  # no text
    bad[4][0] = "not a date"
    data = csv_bytes(headers, bad)
    report = import_file(db, data, "bad.csv", "douyin", classify=False)
    # row 2 (index 2) holds a text with two line breaks: the lines after it move down by two
    assert [(e["line"], e["field"]) for e in report["errors"]] == [(3, "rating"), (7, "text"), (8, "review_time")]
    assert report["imported"] == 2 and report["failed"] == 3
    xreport = import_file(db, xlsx_bytes(headers, bad), "bad.xlsx", "douyin", classify=False)
    assert [e["line"] for e in xreport["errors"]] == [3, 5, 6]  # spreadsheet rows


def test_unknown_columns_are_reported_and_missing_ones_refuse_the_file(db):
    headers, rows = EXPORTS["taobao"]
    report = import_file(db, csv_bytes(headers + ["神秘列", "Unknown thing"], [r + ["x", "y"] for r in rows]), "u.csv", "taobao",
                         classify=False)
    assert report["unknown_columns"] == ["神秘列", "Unknown thing"] and report["imported"] == len(rows)
    with pytest.raises(ImportRefused) as exc:
        import_file(db, csv_bytes(["订单编号", "宝贝名称", "评价时间", "奇怪"], [["1", "x", "2026-11-20", "y"]]), "m.csv", "taobao")
    assert exc.value.code == "missing_columns" and "评价内容" in exc.value.message
    assert exc.value.report["unknown_columns"] == ["奇怪"]
    # a GBK CSV as Excel on a Chinese Windows saves it
    report = import_file(db, csv_bytes(headers, [r[:5] + ["国标编码的评价"] + r[6:] for r in rows[:1]], encoding="gb18030"),
                         "gbk.csv", "taobao", classify=False)
    assert report["failed"] == 0 and db.execute("select count(*) from reviews where text = '国标编码的评价'").fetchone()[0] == 1


def test_excel_number_that_lost_an_ids_digits_is_a_bad_row(db):
    headers, rows = EXPORTS["taobao"]
    broken = [list(r) for r in rows[:2]]
    broken[0][0] = 4.502224694062011e18  # a 19-digit order id Excel turned into a number
    report = import_file(db, xlsx_bytes(headers, broken), "n.xlsx", "taobao", classify=False)
    assert report["errors"][0]["line"] == 2 and report["errors"][0]["field"] == "order_id" and report["imported"] == 1


def test_import_classifies_like_a_capture_and_unclassified_cases_can_be_corrected(app, db, client, auth):
    headers, rows = EXPORTS["douyin"]
    import_file(db, csv_bytes(headers, rows[:2]), "c.csv", "douyin", classify=True)
    case_id = db.execute("select id from cases order by id limit 1").fetchone()[0]
    body = client.get(f"/api/v1/cases/{case_id}", headers=auth).get_json()
    assert body["classification"]["primary"] and body["assessment"]["cause"] == "import"
    assert {d["kind"] for d in body["drafts"]} >= {"public_reply", "private_message"}
    import_file(db, csv_bytes(headers, rows[2:3]), "d.csv", "douyin", classify=False)
    plain = db.execute("select id, primary_type from cases order by id desc limit 1").fetchone()
    assert plain[1] is None
    r = client.post(f"/api/v1/cases/{plain[0]}/corrections", json={"primary": "logistics"}, headers=auth)
    assert r.status_code == 201 and r.get_json()["case"]["primary"] == "logistics"


def test_bulk_indexing_matches_the_search_triggers(db):
    try:
        from companion.store.search import search_cases
    except ImportError:  # before the store/ layer
        from companion.store.search import search_cases

    texts = HOSTILE + ["😀漏水😀", "a", "漏", "  spaces  "]
    for t in texts:  # the Python bigram document equals the trigger's SQL one
        fields = ["49001", "买***1", "36001", "保温杯", t]
        got = db.execute(
            "select group_concat(substr(v, j.key + 1, 2), ' ') from (select ? as v) d,"
            " json_each('[' || rtrim(replace(hex(zeroblob(length(d.v))), '00', '0,'), ',') || ']') j", [" ".join(fields)]
        ).fetchone()[0]
        assert bigram_doc(fields) == got
    rows = [{"platform": "douyin", "review_id": f"r{i}", "order_id": f"49{i:017d}", "rating": 1, "text": t,
             "review_time": "2026-11-20 10:00:00", "buyer_nick": f"买家{i}"} for i, t in enumerate(texts)]
    import_rows(db, rows, classify=False)
    import_rows(db, [{**rows[0], "text": "改成别的内容了"}], classify=False)  # the trigger path rewrites one case's index

    def scan(q):
        like = f"%{q}%"
        return sorted(r[0] for r in db.execute(
            "select c.id from cases c left join reviews r on r.platform = c.platform and r.review_id = c.review_id"
            " where r.text like ? or c.order_id like ? or r.buyer_nick like ?", [like, like, like]))

    for q in ("漏水", "快递", "盖子", "HYPERLINK", "买家", "点我", "49000", "改成"):
        found, total = search_cases(db, filters={}, escalation=False, q=q, limit=100, offset=0)
        assert sorted(r["id"] for r in found) == scan(q) and total == len(scan(q)), q
    assert {t[0] for t in db.execute("select name from sqlite_master where type = 'trigger' and name like 'case_search%'")} \
        == {"case_search_cases_ai", "case_search_cases_au", "case_search_cases_ad", "case_search_reviews_ai",
            "case_search_reviews_au", "case_search_reviews_au_key", "case_search_reviews_ad"}


def test_cell_safe_and_masking():
    assert [cell_safe(v) for v in ("=1+1", "+86", "-2", "@x", "\tx", "\rx", "ok", None)] == \
        ["'=1+1", "'+86", "'-2", "'@x", "'\tx", "'\rx", "ok", ""]
    masked = mask_pii(HOSTILE[4])
    assert "13812345678" not in masked and "138****5678" in masked and "张江路123号" not in masked
    assert mask_pii("杯子漏水") == "杯子漏水"


def _seed(db):
    headers, rows = EXPORTS["douyin"]
    import_file(db, csv_bytes(headers, rows), "s.csv", "douyin", classify=False)


def test_api_exports_neutralise_formulas_and_mask_unless_asked(db, client, auth):
    _seed(db)
    text = client.get("/api/v1/exports/cases.csv", headers=auth).get_data(as_text=True)
    table = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    texts = [r[table[0].index("review_text")] for r in table[1:]]
    assert texts[0].startswith("'=HYPERLINK") and texts[3].startswith("'+1")
    assert not any(t[:1] in "=+-@" for row in table[1:] for t in row if t)
    assert "13812345678" not in text and "138****5678" in text
    assert "13812345678" in client.get("/api/v1/exports/cases.csv?unmasked=1", headers=auth).get_data(as_text=True)
    for unmasked in ("", "?unmasked=1"):
        r = client.get(f"/api/v1/exports/cases.xlsx{unmasked}", headers=auth)
        assert r.status_code == 200 and r.mimetype.endswith("spreadsheetml.sheet")
        ws = load_workbook(io.BytesIO(r.data)).active
        r.close()  # the server closes the streamed temporary file
        values = [[c.value for c in row] for row in ws.iter_rows()]
        col = values[0].index("review_text")
        assert values[1][col].startswith("'=HYPERLINK") and all(ws.cell(row=i, column=col + 1).data_type == "s" for i in range(2, 7))
        assert values[1][values[0].index("order_id")] == "6900000000000000000"
        assert ("13812345678" in values[5][col]) == bool(unmasked)
    legacy = client.get("/api/v1/cases.csv", headers=auth).get_data(as_text=True)  # the first export route: same columns
    assert legacy.lstrip("\ufeff").splitlines()[0] == "id,platform,order_id,status,primary_type,escalation_risk,rating," \
        "review_text,buyer_nick,product_title,review_time,reply_due_at,created_at"
    assert "'=HYPERLINK" in legacy and "138****5678" in legacy and "13812345678" not in legacy
    assert client.get("/api/v1/exports/cases.csv").status_code == 401  # the token, as every /api/v1 route
    r = client.get("/api/v1/exports/cases.csv", headers={**auth, "Origin": "https://evil.example"})
    assert r.status_code == 403 and r.get_json()["error"]["code"] == "bad_origin"


def test_api_import_runs_in_the_background_and_reports(client, auth, app):
    headers, rows = EXPORTS["tiktok"]
    r = client.post("/api/v1/imports?platform=tiktok&classify=0&filename=t.csv", data=csv_bytes(headers, rows), headers=auth)
    assert r.status_code == 202, r.get_json()
    job = r.get_json()
    for t in threading.enumerate():  # wait for the job's own thread (no sleep)
        if t.name == f"import-{job['id']}":
            t.join()
    done = client.get(f"/api/v1/imports/{job['id']}", headers=auth).get_json()
    assert done["state"] == "done" and done["report"]["imported"] == len(rows)
    bad = client.post("/api/v1/imports?platform=tiktok&wait=1", data=b"a,b\n1,2\n", headers=auth)
    assert bad.status_code == 422 and bad.get_json()["error"]["code"] == "missing_columns"
    assert client.post("/api/v1/imports?platform=nope", data=b"x", headers=auth).get_json()["error"]["field"] == "platform"
    assert client.post("/api/v1/imports?platform=tiktok", data=b"x").status_code == 401
    assert client.get("/api/v1/imports/nope", headers=auth).status_code == 404
    big = client.post("/api/v1/imports?platform=tiktok&wait=1&classify=0",
                      data=csv_bytes(headers, rows * 2000), headers=auth)  # ~1 MB: above the JSON routes' limit
    assert big.status_code == 200 and big.get_json()["report"]["duplicates"] == len(rows) * 2000


def test_dashboard_import_page_needs_the_session_and_the_own_origin(app, client):
    anonymous = app.test_client()
    assert anonymous.get("/import").status_code == 401
    assert anonymous.get("/exports/cases.csv").status_code == 401
    assert 'href="/import?lang=' in client.get("/").get_data(as_text=True)  # the workspace links to it
    page = client.get("/import")
    assert page.status_code == 200 and "frame-ancestors 'none'" in page.headers["Content-Security-Policy"]
    html = page.get_data(as_text=True)
    assert 'enctype="multipart/form-data"' in html and "/exports/cases.xlsx" in html
    zh = client.get("/import", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    assert "本地助手" in zh and "local companion" not in zh  # the page's header in the page's language too
    headers, rows = EXPORTS["taobao"]
    form = {"platform": "taobao", "classify": "", "file": (io.BytesIO(csv_bytes(headers, rows)), "淘宝.csv")}
    assert client.post("/import", data=form, content_type="multipart/form-data").status_code == 403  # no Origin
    form["file"] = (io.BytesIO(csv_bytes(headers, rows)), "淘宝.csv")
    r = client.post("/import", data=form, content_type="multipart/form-data", headers={"Origin": "http://localhost"})
    assert r.status_code == 303 and r.headers["Location"].startswith("/import/")
    job_id = r.headers["Location"].rsplit("/", 1)[1]
    for t in threading.enumerate():
        if t.name == f"import-{job_id}":
            t.join()
    progress = client.get(f"/import/{job_id}").get_data(as_text=True)
    assert '<script src="/import/progress.js"></script>' in progress and "<script>" not in progress
    status = client.get(f"/import/{job_id}/status").get_json()
    assert status["state"] == "done" and status["report"]["imported"] == len(rows)
    js = client.get("/import/progress.js")
    assert js.mimetype == "text/javascript" and "textContent" in js.get_data(as_text=True)
    assert "innerHTML" not in js.get_data(as_text=True)
    assert client.get("/exports/cases.csv").status_code == 200


def test_cli_import_and_export_end_to_end(tmp_path):
    data_dir = tmp_path / "home"
    headers, rows = EXPORTS["douyin"]
    src = tmp_path / "抖店评价导出.xlsx"
    bad = [list(r) for r in rows] + [["2026-11-20", "", "", "x", "", 1, "没有订单号", "", "", "", "", "", "", ""]]
    src.write_bytes(xlsx_bytes(headers, bad))
    runner = CliRunner()
    result = runner.invoke(main, ["import", str(src), "--platform", "douyin", "--shop", "s1", "--no-classify",
                                  "--data-dir", str(data_dir)])
    assert result.exit_code == 1, result.output  # one bad row: reported, the rest imported
    assert "5 new cases" in result.output and "line 7: review_id" in result.output
    assert "import [####################] 5/5 rows 100%" in result.stderr
    # The imported rows are anchored outside the database at once (as a capture is), not at the next capture.
    verified = runner.invoke(main, ["verify", "--data-dir", str(data_dir)])
    assert verified.exit_code == 0, verified.output
    assert re.search(r"Case log: \d+ entries, head \S+, 1 checkpoints", verified.output), verified.output
    again = runner.invoke(main, ["import", str(src), "--platform", "douyin", "--data-dir", str(data_dir), "--shop", "s1",
                                 "--no-classify"])
    assert "0 new cases" in again.output and "5 already imported" in again.output
    out_csv, out_xlsx = tmp_path / "cases.csv", tmp_path / "cases.xlsx"
    r = runner.invoke(main, ["export", "--format", "csv", "--out", str(out_csv), "--data-dir", str(data_dir)])
    assert r.exit_code == 0 and "5 cases written" in r.output
    text = out_csv.read_text(encoding="utf-8-sig")
    assert "'=HYPERLINK" in text and "13812345678" not in text
    r = runner.invoke(main, ["export", "--format", "xlsx", "--out", str(out_xlsx), "--unmasked", "--data-dir", str(data_dir)])
    assert r.exit_code == 0 and "NOT masked" in r.output
    ws = load_workbook(out_xlsx).active
    assert any("13812345678" in (c.value or "") for c in ws["H"])
    refused = runner.invoke(main, ["import", str(out_csv), "--platform", "taobao", "--data-dir", str(data_dir)])
    assert refused.exit_code == 1 and "missing" in refused.output + (refused.stderr or "")


def test_exports_answer_for_hostile_stored_values(client, auth):
    from factories import make_capture
    from hostile_corpus import STRINGS

    HOSTILE_IDS = [s for s in STRINGS if s.strip() and len(s) <= 128 and "\ud800" not in s]
    for i, s in enumerate(HOSTILE_IDS):
        cap = make_capture(review={"review_id": s, "order_id": s, "product_id": s, "text": s, "buyer_nick": s,
                                   "product_title": s, "sku": s}, shop={"id": s, "name": s})
        cap["capture_id"] = f"hostile-export-{i:04d}"
        client.post("/api/v1/captures", json=cap, headers=auth)
    stored = client.get("/api/v1/cases?limit=1", headers=auth).get_json()["total"]
    assert stored >= len(HOSTILE_IDS) - 5
    for path in ("/api/v1/exports/cases.csv", "/api/v1/exports/cases.xlsx?unmasked=1", "/api/v1/cases.csv"):
        r = client.get(path, headers=auth)
        data = r.get_data()
        r.close()
        assert r.status_code == 200, path
        if path.endswith("xlsx?unmasked=1"):
            assert load_workbook(io.BytesIO(data)).active.max_row == stored + 1
        else:
            rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
            assert len(rows) == stored + 1
            assert not any(cell[:1] in ("=", "+", "-", "@", "\t", "\r") for row in rows[1:] for cell in row
                           if not cell.lstrip("-").isdigit())


def test_importing_a_shops_past_puts_only_unanswered_negative_reviews_on_the_work_queue(db):
    """A whole history imported: positive reviews are closed (history, not work), answered ones replied, the
    unanswered 1-3★ ones open — so the queue and the overdue count show what the seller can still act on."""
    headers = EXPORTS["tiktok"][0]
    rows = [[f"8{i:018d}", f"58{i:016d}", "1729384756", "Thermos bottle", "Black", stars, text, f"k***{i}", "Jan 15, 2026",
             reply, ""]
            for i, (stars, text, reply) in enumerate([(5, "Keeps tea hot all day", ""), (4, "Good, lid a bit stiff", ""),
                                                      (1, "Leaked in my bag on day two", ""),
                                                      (2, "Dented on arrival", "We are sending a replacement"),
                                                      (3, "Fine but smaller than shown", "")])]
    report = import_file(db, csv_bytes(headers, rows), "history.csv", "tiktok", classify=False)
    assert report["failed"] == 0 and report["imported"] == 5, report["errors"]
    status = {r["text"]: r["status"] for r in db.query(
        "select r.text, c.status from cases c join reviews r on r.platform = c.platform and r.review_id = c.review_id")}
    assert status == {"Keeps tea hot all day": "closed", "Good, lid a bit stiff": "closed",
                      "Leaked in my bag on day two": "open", "Dented on arrival": "replied",
                      "Fine but smaller than shown": "open"}


# --------------------------------------------------------------------------- the bulk path (store/bulk.py, issue 11)
def _store_dump(db) -> dict:
    """Everything an import writes, comparable across stores: rows of the four tables, the case log, the schema,
    the search indexes' answers."""
    out = {t: sorted(map(repr, db.execute(f"select * from {t}").fetchall())) for t in ("cases", "reviews", "captures")}
    out["case_log"] = db.execute("select * from case_log order by id").fetchall()
    out["schema"] = sorted(db.execute("select type, name, tbl_name, sql from sqlite_master where name not like 'sqlite_autoindex%'"
                                      " and name not like 'case_search_%' and name not like 'case_bigrams_%'").fetchall())
    out["search"] = db.execute("select rowid, * from case_search order by rowid").fetchall()
    out["bigrams"] = {q: db.execute("select rowid from case_bigrams where case_bigrams match ? order by rowid", [f'"{q}"']).fetchall()
                      for q in ("漏水", "快递", "买家", "49", "00", "ab")}
    return out


def _history(n: int) -> list[dict]:
    """n rows of a shop's past (with the hostile texts, follow-ups, replies, shared orders, no-id rows)."""
    rows = []
    for i in range(n):
        rows.append({"platform": ("douyin", "tiktok", "taobao")[i % 3], "review_id": None if i % 9 == 4 else f"r{i:06d}",
                     "order_id": f"49{i // 2 if i % 5 == 0 else i:017d}", "product_id": f"36{i % 7:011d}",
                     "product_title": "保温杯" if i % 4 else None, "rating": (1, 2, 5, "4星", "3")[i % 5],
                     "text": HOSTILE[i % len(HOSTILE)] + f" 漏水{i}" + (" 快递" if i % 3 else ""), "buyer_nick": f"买家{i % 11}",
                     "review_time": f"2026-11-{1 + i % 28:02d} {i % 24:02d}:03:11", "shop_id": f"shop-{i % 2}",
                     "seller_reply": "已处理" if i % 6 == 1 else None,
                     "follow_up_text": "追评：还是漏" if i % 8 == 3 else None, "follow_up_time": "2026-11-29 09:00:00" if i % 8 == 3 else None})
    return rows


def test_case_log_hashes_from_values_in_hand_equal_the_canonical_json_of_the_stored_row():
    import hashlib
    import json

    from companion import caselog
    from companion.store import bulk

    record = json.dumps({"review": {"text": HOSTILE, "x": "\u2028\x00\x1f\"\\😀"}}, ensure_ascii=False)
    for text in [*HOSTILE, "", "\x00\x01\x7f\u2028\u2029", '"\\/', "😀" * 3, "é" * 5]:
        cap = ("import-abc", 7, "douyin", "review", f"import:{text}", "import", text, "2026-11-24T04:00:00.000Z",
               "2026-11-24T04:00:00.000Z", "import", record + text)
        rev = ("douyin", text or "r1", 7, None, "49", None, text, None, 3, text, None, text, "2026-11-20 10:00:00", None, None,
               text, "[]", "[]", "2026-11-24T04:00:00.000Z", "2026-11-24T04:00:00.000Z", 1)
        for kind, values, cols in (("capture", cap, bulk.CAPTURE_COLS), ("review", rev, bulk.REVIEW_COLS)):
            expected = hashlib.sha256(caselog.canonical(kind, dict(zip(cols, values)))).hexdigest()
            assert bulk.record_sha256(kind, values) == expected, (kind, text)
    # A value SQLite would not give back as given (its column's affinity converts it): hashed after reading it back.
    assert bulk.record_sha256("capture", cap[:6] + (12345,) + cap[7:]) is None  # an int shop id in a TEXT column
    assert bulk.record_sha256("review", rev[:8] + (3.0,) + rev[9:]) is None
    assert bulk.record_sha256("review", rev[:8] + (True,) + rev[9:]) is None


@pytest.mark.parametrize("defer_indexes", [True, False])
def test_bulk_import_leaves_the_store_the_row_by_row_path_leaves(tmp_path, monkeypatch, defer_indexes):
    """Same rows, case log, schema and search index whether the batch's case-log records are hashed from the values
    in hand (indexes set aside for a large first batch, or not) or every record is read back as caselog does."""
    from companion import caselog
    from companion.store import bulk
    from companion.store.sqlite import init_db

    rows = _history(120)
    changed = [{**r, "seller_reply": "补充回复"} for r in rows[10:30]] + [{**r, "text": r["text"] + "，再补一句"} for r in rows[40:45]]
    dumps = []
    for mode in ("bulk", "read_back"):
        monkeypatch.setattr(bulk, "DEFER_INDEXES_MIN_ROWS", 10 if defer_indexes else 10**9)
        if mode == "read_back":
            monkeypatch.setattr(bulk, "record_sha256", lambda kind, values: None)
        db = init_db(tmp_path / f"{mode}.db")
        first = import_rows(db, rows + rows[:5] + changed[:3], classify=False)  # duplicates and merges inside the first batch
        again = import_rows(db, rows + changed + _history(130)[120:], classify=False, batch_rows=40)
        assert first["failed"] == again["failed"] == 0, (first["errors"], again["errors"])
        assert first["duplicates"] == 5 and first["updated"] >= 3  # a changed row, or a review on an order seen before
        assert again["duplicates"] == 123 and again["imported"] + again["updated"] == 10 + len(changed) - 3
        assert db.execute("pragma integrity_check").fetchone()[0] == "ok"
        db.execute("insert into case_search (case_search) values ('integrity-check')")
        (tmp_path / mode).mkdir()
        assert caselog.verify(db, tmp_path / mode)["problems"] == []
        dumps.append(_store_dump(db))
        db.conn.close()
    assert dumps[0] == dumps[1]


def test_an_import_stopped_part_way_leaves_whole_batches_and_the_same_rows_again_add_the_rest(tmp_path, monkeypatch):
    """A batch that fails (power cut, Ctrl-C) takes its rows and the search triggers and indexes it set aside with it
    (plain DDL in the batch's transaction); importing the same rows again stores the rest."""
    from companion import caselog
    from companion.store import bulk
    from companion.store.sqlite import init_db

    monkeypatch.setattr(bulk, "DEFER_INDEXES_MIN_ROWS", 10)
    db = init_db(tmp_path / "c.db")
    schema = sorted(db.execute("select type, name, sql from sqlite_master").fetchall())
    rows = _history(90)
    calls = {"n": 0}
    real = bulk.append_log

    def stop_in_the_second_batch(*args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return real(*args, **kwargs)

    monkeypatch.setattr(bulk, "append_log", stop_in_the_second_batch)
    with pytest.raises(KeyboardInterrupt):
        import_rows(db, rows, classify=False, batch_rows=50)
    assert db.execute("select count(*) from captures").fetchone()[0] == 50
    assert sorted(db.execute("select type, name, sql from sqlite_master").fetchall()) == schema
    monkeypatch.setattr(bulk, "append_log", real)
    report = import_rows(db, rows, classify=False, batch_rows=50)
    assert report["duplicates"] == 50 and report["imported"] + report["updated"] == 40
    assert db.execute("select count(*) from captures").fetchone()[0] == 90
    assert caselog.verify(db, tmp_path)["problems"] == []


def test_bigram_doc_is_every_two_character_window_whatever_the_characters():
    for fields in [("49001", None, "36001", "保温杯", "😀漏水😀 a\nb"), ("a",), (None, None), ("ab",), ("\ud800漏水",), tuple(HOSTILE)]:
        v = " ".join(f or "" for f in fields)
        assert bigram_doc(fields) == " ".join([*map(str.__add__, v, v[1:]), v[-1:]]), fields
