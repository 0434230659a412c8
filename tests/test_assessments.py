"""One stored verdict per assessment: reads return what was assessed, only days/hours left are live."""

from __future__ import annotations

import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from companion.store import clock
from companion.store.sqlite import connect
from factories import make_capture

SPAM = "加微信vx12345领优惠，全网最低价代购，私聊"  # Douyin: review 2026-11-23 20:15 (UTC+8), 30-day window


def post(client, auth, payload):
    r = client.post("/api/v1/captures", json=payload, headers=auth)
    assert r.status_code in (200, 201), r.json
    return r.json


def get(client, auth, case_id):
    r = client.get(f"/api/v1/cases/{case_id}", headers=auth)
    assert r.status_code == 200, r.json
    return r.json


def kinds(body):
    return {d["kind"]: d for d in body["drafts"]}


def db_of(app):
    return connect(Path(app.config["DATABASE"]))


def at(monkeypatch, when):
    monkeypatch.setattr(clock, "utcnow", lambda: when)


def test_reads_return_the_stored_assessment_and_only_days_left_move(client, auth, app, clock, monkeypatch):
    body = post(client, auth, make_capture(review={"text": SPAM}))
    case_id = body["case"]["id"]
    adv = body["advice"]
    assert adv["verdict"] == "recommended" and "appeal_statement" in kinds(body)
    assert body["assessment"]["version"] == 1 and body["assessment"]["cause"] == "review_capture"
    assert adv["deadline"].startswith("2026-12-23T20:15:00+08:00")

    # Nothing is recomputed on read: advice and drafting would fail if they were called.
    def boom(*a, **k):
        raise AssertionError("recomputed at read time")

    import companion.drafting as drafting
    monkeypatch.setattr(drafting, "appeal_advice", boom)
    monkeypatch.setattr(drafting, "make_drafts", boom)
    at(monkeypatch, clock + timedelta(days=10))
    later = get(client, auth, case_id)
    assert later["advice"]["days_left"] == pytest.approx(adv["days_left"] - 10)
    keep = ("verdict", "why", "reason_code", "deadline", "evidence_needed", "evidence_missing")
    assert {k: later["advice"][k] for k in keep} == {k: adv[k] for k in keep}
    assert later["checklist"] == body["checklist"] and later["drafts"] == body["drafts"]
    assert later["classification"] == body["classification"]
    assert later["assessment"] == body["assessment"]


def test_a_stored_deadline_that_passes_reads_as_expired_on_its_date(client, auth, clock, monkeypatch):
    body = post(client, auth, make_capture(review={"text": SPAM}))
    at(monkeypatch, clock + timedelta(days=40))
    later = get(client, auth, body["case"]["id"])
    adv = later["advice"]
    assert adv["verdict"] == "expired" and adv["worth_appealing"] is False
    assert adv["days_left"] is None and adv["expired_on"] == "2026-12-23"
    # The why written at assessment time for this moment: it agrees with the heading.
    assert "申诉期已于2026-12-23截止" in adv["why"] and "建议申诉" not in adv["why"]
    statement = kinds(later)["appeal_statement"]
    assert statement["text"] == kinds(body)["appeal_statement"]["text"]
    assert any(f["code"] == "appeal_window_expired" and "2026-12-23" in f["message"] for f in statement["lint"])


def test_a_genuine_complaint_stays_not_recommended_after_its_window(client, auth, clock, monkeypatch):
    body = post(client, auth, make_capture())
    assert body["advice"]["verdict"] == "not_recommended"
    at(monkeypatch, clock + timedelta(days=40))
    adv = get(client, auth, body["case"]["id"])["advice"]
    assert adv["verdict"] == "not_recommended" and adv["why"] == body["advice"]["why"]
    assert adv["days_left"] is None and adv["expired_on"] == "2026-12-23"


def test_corrections_and_context_pages_add_versions_and_never_change_old_ones(client, auth, app, clock, monkeypatch):
    body = post(client, auth, make_capture())
    case_id = body["case"]["id"]
    at(monkeypatch, clock + timedelta(hours=1))
    r = client.post(f"/api/v1/cases/{case_id}/corrections", json={"primary": "product_quality"}, headers=auth)
    assert r.status_code == 201, r.json
    assert r.json["assessment"]["version"] == 2 and r.json["assessment"]["cause"] == "correction"
    assert r.json["classification"]["primary"] == "product_quality"
    order_page = make_capture(page_kind="order", review=None,
                              page_url="https://fxg.jinritemai.com/ffa/morder/order/detail?id=4912345678901234567")
    order_page["order"] = {"order_id": "4912345678901234567", "status": "已签收"}
    third = post(client, auth, order_page)
    assert third["assessment"]["version"] == 3 and third["assessment"]["cause"] == "context_capture"
    assert {i["id"]: i["have"] for i in third["checklist"]}["order"] is True
    # The correction still holds in the newer assessment.
    assert third["classification"]["primary"] == "product_quality"

    db = db_of(app)
    rows = db.execute("select version, cause, assessed_at from assessments where case_id = ? order by version", [case_id]).fetchall()
    assert rows == [(1, "review_capture", "2026-11-24T04:00:00.000Z"), (2, "correction", "2026-11-24T05:00:00.000Z"),
                    (3, "context_capture", "2026-11-24T05:00:00.000Z")]
    first = db.execute("select checklist_json from assessments where version = 1").fetchone()[0]
    assert '"have": false' in first.replace('"have":false', '"have": false')  # the order was missing then
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("update assessments set advice_json = '{}' where version = 1")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("delete from assessments")
    # Every template draft row belongs to its assessment.
    assert db.execute("select count(*) from drafts where case_id = ? and assessment_id is null", [case_id]).fetchone()[0] == 0


def test_an_appeal_statement_of_an_older_assessment_never_leaks_into_a_newer_one(client, auth):
    body = post(client, auth, make_capture(review={"text": SPAM}))
    assert "appeal_statement" in kinds(body)
    r = client.post(f"/api/v1/cases/{body['case']['id']}/corrections", json={"primary": "logistics"}, headers=auth)
    assert r.status_code == 201
    if r.json["advice"]["verdict"] != "recommended":
        assert "appeal_statement" not in kinds(r.json)


def test_checklist_items_say_what_to_do_in_the_panel_and_the_dashboard(client, auth):
    body = post(client, auth, make_capture(review={"text": "杯子说是304不锈钢，收到发现是普通铁皮，和详情页写的完全不一样"}))
    missing = [i for i in body["checklist"] if not i["have"]]
    assert missing and all(i["how"] for i in body["checklist"])
    by_hand = [i for i in body["checklist"] if i["by_hand"]]
    page = client.get(f"/cases/{body['case']['id']}", headers=auth).get_data(as_text=True)
    assert 'data-testid="checklist"' in page
    for item in missing:
        assert item["how"] in page
    assert {i["id"] for i in by_hand} <= {"listing_snapshot", "product_photos", "qc_report"}


def test_a_case_assessed_before_the_assessments_table_still_reads(client, auth, app):
    body = post(client, auth, make_capture(review={"text": SPAM}))
    db = db_of(app)
    db.execute("drop trigger assessments_no_delete")
    db.execute("delete from assessments")
    db.conn.commit()
    old = get(client, auth, body["case"]["id"])
    assert old["advice"]["verdict"] == "recommended" and old["checklist"] == body["checklist"]
    assert "assessment" not in old
