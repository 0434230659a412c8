"""Issue 12 item 6: the tamper log covers the whole case and is anchored outside the database.

Each tampering below is what someone with the data dir could do with the sqlite3 shell; `verify` (API and CLI)
must report it, and name the first broken link.
"""

import base64
import hashlib
import io
import json
import sqlite3
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from companion import caselog
from companion.cli import main
from companion.evidence import chain_hash, relative_path
from factories import make_capture

ORDER_ID = "4912345678901234567"


@pytest.fixture
def case(client, auth):
    """A review capture (screenshot + MHTML) and an order-page capture of the same order."""
    review = client.post("/api/v1/captures", json=make_capture(), headers=auth)
    assert review.status_code == 201, review.json
    order = make_capture(page_kind="order", review=None, page_url=f"https://fxg.jinritemai.com/ffa/morder/order/detail?id={ORDER_ID}")
    order["order"] = {"order_id": ORDER_ID, "order_time": "2026/11/12 09:00:00"}
    r = client.post("/api/v1/captures", json=order, headers=auth)
    assert r.status_code == 201, r.json
    return review.json


def raw(app) -> sqlite3.Connection:
    """The attacker's connection: the sqlite3 shell, foreign keys off."""
    return sqlite3.connect(Path(app.config["DATA_DIR"]) / "companion.db", isolation_level=None)


def report(client, auth) -> dict:
    r = client.get("/api/v1/verify", headers=auth)
    assert r.status_code == 200
    return r.json


def log_entry(app, kind: str, key: str) -> int:
    return raw(app).execute("select max(id) from case_log where kind = ? and record_key = ?", [kind, key]).fetchone()[0]


def test_every_record_of_a_capture_is_chained_and_anchored(client, auth, app, case):
    body = report(client, auth)
    assert body["ok"] is True and body["problems"] == [] and body["first_broken"] is None
    kinds = [r[0] for r in raw(app).execute("select kind from case_log order by id")]
    assert kinds == ["capture", "review", "evidence", "evidence", "capture", "evidence", "evidence"]
    assert body["case_log"]["entries"] == 7 and body["case_log"]["checkpoints"] == 2
    lines = (Path(app.config["DATA_DIR"]) / "checkpoints.log").read_text().splitlines()
    assert [line.split()[:3] for line in lines][-1] == ["v1", "7", body["case_log"]["head"]["chain"]]
    manifest = json.loads(zipfile.ZipFile(io.BytesIO(client.get(f"/api/v1/cases/{case['case']['id']}/export.zip", headers=auth).data))
                          .read("manifest.json"))
    assert manifest["tamper_log"]["head"] == body["case_log"]["head"]
    assert [e["kind"] for e in manifest["tamper_log"]["case_entries"]] == kinds


@pytest.mark.parametrize("tamper, kind", [
    ("update captures set record_json = replace(record_json, '压坏', '完好') where page_kind = 'review'", "capture"),
    ("update captures set page_url = 'https://example.invalid/' where page_kind = 'review'", "capture"),
    ("update reviews set text = '很好' ", "review"),
    ("delete from captures where page_kind = 'review'", "capture"),
])
def test_a_changed_or_deleted_record_is_reported(client, auth, app, case, tamper, kind):
    key = case["capture_id"] if kind == "capture" else f"douyin:{make_capture()['review']['review_id']}"
    raw(app).execute(tamper)
    body = report(client, auth)
    assert body["ok"] is False
    expected = "record_missing" if tamper.startswith("delete") else "record_changed"
    assert body["first_broken"] == {"log_id": log_entry(app, kind, key), "kind": kind, "key": key,
                                    "case_id": case["case"]["id"], "problem": expected}


def test_evidence_metadata_is_covered(client, auth, app, case):
    """media_type, path and version are in the record now (the evidence chain alone left them out)."""
    mhtml = next(e for e in case["evidence"] if e["kind"] == "mhtml")
    db = raw(app)
    db.executescript("drop trigger evidence_no_update;")
    db.execute("update evidence set media_type = 'text/html', version = 7 where id = ?", [mhtml["id"]])
    body = report(client, auth)
    assert body["first_broken"]["problem"] == "record_changed" and body["first_broken"]["key"] == str(mhtml["id"])
    assert {"evidence_id": mhtml["id"], "problem": "chain_broken"} not in body["problems"]  # the old chain did not see it


def replace_screenshot_and_recompute_everything(app, case) -> int:
    """Drop the triggers, put another picture in place of the screenshot, fix its row, re-chain evidence and case_log."""
    data_dir = Path(app.config["DATA_DIR"])
    shot = next(e for e in case["evidence"] if e["kind"] == "screenshot")
    fake = b"\x89PNG\r\n\x1a\n" + b"another picture" * 10
    sha = hashlib.sha256(fake).hexdigest()
    rel = relative_path(sha, "image/png")
    (data_dir / rel).parent.mkdir(parents=True, exist_ok=True)
    (data_dir / rel).write_bytes(fake)
    db = raw(app)
    db.row_factory = sqlite3.Row
    db.executescript("drop trigger evidence_no_update; drop trigger case_log_no_update;")
    db.execute("update evidence set sha256 = ?, path = ?, size = ? where id = ?", [sha, rel, len(fake), shot["id"]])
    prev = "0" * 64
    for row in [dict(r) for r in db.execute("select * from evidence order by id")]:
        chain = chain_hash(prev, row)
        db.execute("update evidence set prev_chain = ?, chain = ? where id = ?", [prev, chain, row["id"]])
        prev = chain
    prev = caselog.GENESIS
    for entry in [dict(r) for r in db.execute("select * from case_log order by id")]:
        table, where = {"capture": ("captures", "capture_id = ?"), "evidence": ("evidence", "id = ?"),
                        "review": ("reviews", "platform || ':' || review_id = ?")}[entry["kind"]]
        record = dict(db.execute(f"select * from {table} where {where}", [entry["record_key"]]).fetchone())
        entry["record_sha256"] = hashlib.sha256(caselog.canonical(entry["kind"], record)).hexdigest()
        entry["prev_chain"] = prev
        entry["chain"] = prev = caselog.link(prev, entry)
        db.execute("update case_log set record_sha256 = ?, prev_chain = ?, chain = ? where id = ?",
                   [entry["record_sha256"], entry["prev_chain"], entry["chain"], entry["id"]])
    return log_entry(app, "evidence", str(shot["id"]))


def test_a_replaced_screenshot_with_every_chain_recomputed_is_caught_by_the_checkpoints(client, auth, app, case):
    first_changed = replace_screenshot_and_recompute_everything(app, case)
    body = report(client, auth)
    assert body["ok"] is False
    # Inside the database everything agrees now: only the anchors tell.
    assert {p["problem"] for p in body["problems"]} == {"chain_differs_from_anchor"}
    assert body["first_broken"]["problem"] == "chain_differs_from_anchor"
    # The first checkpoint after the change: the change lies after the last entry an anchor confirms.
    first = body["first_broken"]
    assert first["checkpoint_line"] == 1 and first["after_log_id"] < first_changed <= first["log_id"]
    result = CliRunner().invoke(main, ["verify", "--data-dir", app.config["DATA_DIR"]])
    assert result.exit_code == 1
    assert "chain_differs_from_anchor" in result.output and "First broken link" in result.output


def test_the_export_manifest_anchors_the_head_even_without_the_checkpoint_file(client, auth, app, case, tmp_path):
    package = tmp_path / "export.zip"
    package.write_bytes(client.get(f"/api/v1/cases/{case['case']['id']}/export.zip", headers=auth).data)
    ok = CliRunner().invoke(main, ["verify", "--data-dir", app.config["DATA_DIR"], "--package", str(package)])
    assert ok.exit_code == 0, ok.output
    assert "0 problems" in ok.output
    first_changed = replace_screenshot_and_recompute_everything(app, case)
    (Path(app.config["DATA_DIR"]) / "checkpoints.log").unlink()  # the attacker removed this anchor too
    assert report(client, auth)["ok"] is True  # without any anchor a full recomputation cannot be told
    result = CliRunner().invoke(main, ["verify", "--data-dir", app.config["DATA_DIR"], "--package", str(package)])
    assert result.exit_code == 1
    first = json.loads(result.output.split("First broken link: ", 1)[1].splitlines()[0])
    assert first["log_id"] == first_changed and first["problem"] == "chain_differs_from_anchor" and "export.zip" in first["anchor"]


def test_a_log_cut_short_is_caught_by_the_checkpoints(client, auth, app, case):
    db = raw(app)
    db.executescript("drop trigger case_log_no_delete;")
    db.execute("delete from case_log where id = (select max(id) from case_log)")
    body = report(client, auth)
    problems = {p["problem"] for p in body["problems"]}
    assert {"anchored_entry_missing", "record_not_in_log"} <= problems


def test_a_record_slipped_in_without_a_log_entry_is_reported(client, auth, app, case):
    raw(app).execute("insert into captures (capture_id, case_id, platform, page_kind, page_url, captured_at, received_at)"
                     " values ('forged-capture-1', ?, 'douyin', 'chat', 'u', '2026-11-20T00:00:00Z', '2026-11-20T00:00:00Z')",
                     [case["case"]["id"]])
    body = report(client, auth)
    assert {"log_id": None, "kind": "capture", "key": "forged-capture-1", "problem": "record_not_in_log"} in body["problems"]


def test_records_stored_before_the_log_are_chained_by_the_migration(tmp_path):
    import sqlite_utils

    from companion.migrations import migrations

    db = sqlite_utils.Database(tmp_path / "c.db")
    migrations.apply(db, stop_before="m008_case_log")
    db.execute("insert into cases (id, case_key, platform, status, created_at, updated_at) values (1, 'k', 'douyin', 'open', 't', 't')")
    db.execute("insert into captures (capture_id, case_id, platform, page_kind, page_url, captured_at, received_at, record_json)"
               " values ('old-capture', 1, 'douyin', 'order', 'u', 't', 't', '{}')")
    data = base64.b64decode(base64.b64encode(b"x"))
    db.execute("insert into evidence (case_id, capture_id, kind, media_type, sha256, size, captured_at, stored_at, version, path, prev_chain, chain)"
               " values (1, 'old-capture', 'screenshot', 'image/png', ?, 1, 't', 't', 1, 'evidence/x.png', ?, 'c')",
               [hashlib.sha256(data).hexdigest(), "0" * 64])
    db.conn.commit()
    migrations.apply(db)
    assert [(r["kind"], r["record_key"]) for r in db.query("select * from case_log order by id")] == [("capture", "old-capture"), ("evidence", "1")]
    assert caselog.verify(db, tmp_path)["problems"] == []


def test_imported_reviews_are_chained_and_a_captured_review_updated_by_an_import_still_verifies(client, auth, app, case):
    import sqlite_utils

    from companion.services.importing import import_rows

    review = make_capture()["review"]
    db = sqlite_utils.Database(Path(app.config["DATA_DIR"]) / "companion.db")
    import_rows(db, [{"platform": "douyin", "review_id": review["review_id"], "order_id": ORDER_ID, "rating": 2,
                      "text": "导入时评价已被买家修改", "review_time": "2026-11-23 20:15:00", "buyer_nick": "小***鱼"},
                     {"platform": "douyin", "review_id": "r-imported-1", "order_id": "4900000000000000001", "rating": 1,
                      "text": "导入的新差评", "review_time": "2026-11-20 10:00:00", "buyer_nick": "买家1"}], classify=False)
    db.conn.close()
    body = report(client, auth)
    assert body["ok"] is True, body["problems"]
    kinds = [r[0] for r in raw(app).execute("select kind from case_log where id > 7 order by id")]
    assert kinds == ["capture", "review", "capture", "review"]
    raw(app).execute("update reviews set text = '被改过' where review_id = 'r-imported-1'")
    assert report(client, auth)["first_broken"]["key"] == "douyin:r-imported-1"


def test_the_appeal_report_carries_the_log_head(client, auth, app, case):
    from test_appeal_package import pdf_text

    head = report(client, auth)["case_log"]["head"]
    r = client.get(f"/api/v1/cases/{case['case']['id']}/appeal-package.zip?lang=en", headers=auth)
    assert r.status_code == 200
    zf = zipfile.ZipFile(io.BytesIO(r.data))
    text = pdf_text(zf.read("appeal-report.pdf"))
    flat = text.replace(" ", "")  # the PDF wraps the long line; the extracted words lose their spaces there
    assert f"loghead#{head['log_id']}{head['chain']}" in flat
