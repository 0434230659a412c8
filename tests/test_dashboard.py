"""The local dashboard lists cases and escapes hostile review text."""

import re

from factories import make_capture


def test_dashboard_lists_cases_and_escapes_review_text(client, auth):
    hostile = '<script>alert("x")</script> 质量太差'
    body = client.post("/api/v1/captures", json=make_capture(review={"text": hostile}), headers=auth).json
    page = client.get("/").data.decode()
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert" in page
    assert f'/cases/{body["case"]["id"]}' in page
    detail = client.get(f'/cases/{body["case"]["id"]}')
    assert detail.status_code == 200
    text = detail.data.decode()
    assert body["evidence"][0]["sha256"] in text
    assert "<script>alert" not in text
    assert detail.headers["X-Frame-Options"] == "DENY"


def visible_text(html: str) -> str:
    """The page as a reader sees it: no styles or tags, whitespace collapsed."""
    html = re.sub(r"(?s)<(style|script)\b[^>]*>.*?</\1>", "", html)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()


EN = {"Accept-Language": "en-US,en;q=0.9"}
ZH = {"Accept-Language": "zh-CN,zh;q=0.9,en;q=0.8"}


def test_empty_dashboard_explains_what_to_do(client, auth):
    resp = client.get("/", headers=EN)
    assert resp.status_code == 200
    page = resp.data.decode()
    text = visible_text(page)
    assert "Capture" in page
    # Zero everywhere, no table, and one line saying what to do next.
    assert "0 Replies overdue 0 Due today 0 Unresolved escalation risks 0 Appeal windows closing in 3 days " \
           "0 / 0 / 0 Appeals: pending / accepted / rejected" in text
    assert "No cases yet. Open a review page with the extension and click Capture." in text
    assert "<table" not in page
    # The first capture replaces the hint with the case.
    client.post("/api/v1/captures", json=make_capture(), headers=auth)
    text = visible_text(client.get("/", headers=EN).data.decode())
    assert "Work queue (1)" in text and "No cases yet" not in text


def test_dashboard_speaks_the_browsers_language(client, auth):
    client.post("/api/v1/captures", json=make_capture(), headers=auth)
    zh = client.get("/", headers=ZH).data.decode()
    assert '<html lang="zh-CN">' in zh and "工作队列 (1)" in visible_text(zh) and "抖店" in zh and "物流" in zh
    en = client.get("/", headers=EN).data.decode()
    assert '<html lang="en">' in en and "Work queue (1)" in visible_text(en) and "Logistics" in en
    assert "抖店" in en  # the platform as sellers call it, in both languages
    assert "工作队列" in client.get("/").data.decode()  # no Accept-Language: Chinese
    assert "Work queue" in client.get("/?lang=en", headers=ZH).data.decode()  # the switch link wins


def test_dashboard_shows_overdue_replies_and_appeal_outcomes(client, auth):
    old = {"review_time": "2026-01-05 10:00:00"}  # its 24 h reply window is long gone
    case_id = client.post("/api/v1/captures", json=make_capture(review=old), headers=auth).json["case"]["id"]
    appeal = client.post(f"/api/v1/cases/{case_id}/appeals", json={"reason_code": "x", "statement": "y"}, headers=auth).json
    client.patch(f"/api/v1/appeals/{appeal['id']}", json={"outcome": "accepted"}, headers=auth)
    other = client.post("/api/v1/captures", json=make_capture(review={**old, "review_id": "r2", "order_id": "4900000000000000002"}), headers=auth).json
    page = client.get("/", headers=EN).data.decode()
    assert '<b data-testid="count-overdue">1</b>' in page
    assert "0 / 1 / 0" in page and "won 100%" in page
    assert "Reply overdue" in page and f'/cases/{other["case"]["id"]}' in page
    # The resolved case (appeal accepted) has left the queue.
    assert f'data-case-id="{case_id}"' not in page


def row_ids(page: str, table: str = "queue") -> list[int]:
    section = page.split(f'data-testid="{table}"', 1)[1].split("</table>", 1)[0]
    return [int(x) for x in re.findall(r'data-testid="case-row" data-case-id="(\d+)"', section)]


def test_work_queue_is_ordered_by_urgency(client, auth):
    # NOW is 2026-11-24 04:00 UTC. Reply due 2026-11-24 12:15 UTC (due), one long overdue, one escalation risk.
    due = client.post("/api/v1/captures", json=make_capture(), headers=auth).json["case"]
    overdue = client.post("/api/v1/captures", json=make_capture(review={"review_id": "r2", "order_id": "4900000000000000002",
                                                                        "review_time": "2026-11-20 10:00:00"}), headers=auth).json["case"]
    risk = client.post("/api/v1/captures", json=make_capture(review={"review_id": "r3", "order_id": "4900000000000000003",
                                                                     "text": "再不退款我就去12315投诉你们，还要找媒体曝光"}),
                       headers=auth).json["case"]
    assert risk["escalation_risk"] is True
    page = client.get("/", headers=EN).data.decode()
    assert row_ids(page) == [overdue["id"], risk["id"], due["id"]]
    assert [u for u in re.findall(r'data-urgency="(\w*)"', page)] == ["overdue", "escalation", "due"]
    # Replied: no longer urgent for its reply, still open work, last.
    client.patch(f"/api/v1/cases/{overdue['id']}", json={"status": "replied"}, headers=auth)
    assert row_ids(client.get("/", headers=EN).data.decode()) == [risk["id"], due["id"], overdue["id"]]


def test_one_click_status_change_from_the_queue(client, auth):
    case = client.post("/api/v1/captures", json=make_capture(), headers=auth).json["case"]
    page = client.get("/", headers=EN).data.decode()
    assert f'action="/cases/{case["id"]}/status"' in page
    r = client.post(f"/cases/{case['id']}/status", data={"status": "replied", "next": "/?q=物流"},
                    headers={"Origin": "http://localhost"})
    assert r.status_code == 303
    assert r.headers["Location"].startswith("/?q=") and f"saved={case['id']}&as=replied" in r.headers["Location"]
    body = client.get(f"/api/v1/cases/{case['id']}", headers=auth).json
    assert body["case"]["status"] == "replied"
    assert [e["status"] for e in body["events"] if e["kind"] == "status_changed"] == ["replied"]
    page = client.get(f"/?saved={case['id']}&as=replied", headers=EN).data.decode()
    assert f"Case #{case['id']} marked “Replied publicly”." in visible_text(page)
    # Resolved: it leaves the queue.
    client.post(f"/cases/{case['id']}/status", data={"status": "resolved"}, headers={"Origin": "http://localhost"})
    assert "Work queue (0)" in visible_text(client.get("/", headers=EN).data.decode())


def test_status_change_refuses_other_sites_and_bad_values(client, auth):
    case_id = client.post("/api/v1/captures", json=make_capture(), headers=auth).json["case"]["id"]
    # No Origin (not a browser form of this dashboard), or another site's: refused, JSON error, nothing changed.
    for headers in ({}, {"Origin": "http://127.0.0.1.evil.example"}, {"Origin": "null"}):
        r = client.post(f"/cases/{case_id}/status", data={"status": "closed"}, headers=headers)
        assert r.status_code == 403 and r.json["ok"] is False, headers
    r = client.post(f"/cases/{case_id}/status", data={"status": "deleted"}, headers={"Origin": "http://localhost"})
    assert r.status_code == 400 and r.json["ok"] is False
    assert client.post("/cases/999/status", data={"status": "closed"}, headers={"Origin": "http://localhost"}).status_code == 404
    # An open redirect is not possible through `next`.
    r = client.post(f"/cases/{case_id}/status", data={"status": "replied", "next": "//evil.example/"}, headers={"Origin": "http://localhost"})
    assert r.headers["Location"].startswith("/?saved=")
    assert client.get(f"/api/v1/cases/{case_id}", headers=auth).json["case"]["status"] == "replied"


def test_search_by_text_order_buyer_and_filters(client, auth):
    a = client.post("/api/v1/captures", json=make_capture(review={"text": "杯子漏水，盖子拧不紧", "buyer_nick": "王**"}), headers=auth).json["case"]
    b = client.post("/api/v1/captures", json=make_capture(review={"review_id": "r2", "order_id": "4900000000000000777",
                                                                  "text": "快递太慢了", "buyer_nick": "李**"}), headers=auth).json["case"]
    c = client.post("/api/v1/captures", json=make_capture(
        platform="taobao", page_url="https://myseller.taobao.com/home.htm/comment-manage/list/rateWait4PC",
        review={"review_id": "1752671001439", "order_id": "4315269989374596447", "text": "<b>漏水</b>严重", "product_title": "羽绒服"}), headers=auth).json["case"]

    def found(query: str) -> list[int]:
        page = client.get("/?" + query, headers=EN).data.decode()
        return sorted(row_ids(page, "results")) if 'data-testid="results"' in page else []

    assert found("q=漏水") == sorted([a["id"], c["id"]])  # two characters: every match
    assert found("q=0777") == [b["id"]]  # order id
    assert found("q=李**") == [b["id"]]  # buyer nickname
    assert found("q=保温杯") == sorted([a["id"], b["id"]])  # product
    assert found("q=漏水&platform=taobao") == [c["id"]]
    assert found("platform=douyin&status=open") == sorted([a["id"], b["id"]])
    assert found(f"primary={b['primary']}") and b["id"] in found(f"primary={b['primary']}")
    assert found("q=漏水&from=2026-11-24&to=2026-11-24") == sorted([a["id"], c["id"]])  # created today (the pinned clock)
    assert found("q=漏水&from=2026-11-25") == []
    page = client.get("/?q=不存在的词", headers=ZH).data.decode()
    assert "没有符合条件的案件。" in page
    assert "<b>漏水</b>" not in client.get("/?q=漏水", headers=EN).data.decode()  # hostile text stays text


def test_case_page_lists_appeals_and_offers_the_evidence_package(client, auth):
    import io
    import zipfile

    case_id = client.post("/api/v1/captures", json=make_capture(), headers=auth).json["case"]["id"]
    client.post(f"/api/v1/cases/{case_id}/appeals", json={"reason_code": "report_reason_low_politics_guns", "statement": "含辱骂"}, headers=auth)
    assert client.get(f"/api/v1/cases/{case_id}", headers=auth).json["appeals"][0]["outcome"] == "pending"
    page = client.get(f"/cases/{case_id}").data.decode()
    assert "report_reason_low_politics_guns" in page and "pending" in page
    r = client.get(f"/cases/{case_id}/export.zip")
    assert r.status_code == 200
    assert "manifest.json" in zipfile.ZipFile(io.BytesIO(r.data)).namelist()
