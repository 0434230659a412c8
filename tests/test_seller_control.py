"""The seller stays in control (issue 8 part 6): lint of edited text, the copy timeline, status changes."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import datetime, timezone

import pytest
from factories import make_capture

from companion.store import clock
from companion.store.sqlite import init_db


def sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@pytest.fixture
def case_id(client, auth):
    return client.post("/api/v1/captures", json=make_capture(), headers=auth).json["case"]["id"]


# ------------------------------------------------------------------ POST /api/v1/lint


def test_lint_an_edited_clean_reply(client, auth):
    r = client.post("/api/v1/lint", json={"text": "感谢您的反馈，给您带来不便非常抱歉，我们已私信您处理。", "kind": "public_reply",
                                          "platform": "douyin", "lang": "zh"}, headers=auth)
    assert r.status_code == 200
    assert r.json["ok"] is True and r.json["errors"] == 0
    assert all(f["severity"] != "error" for f in r.json["findings"])


def test_lint_finds_a_benefit_next_to_a_review_ask(client, auth):
    text = "非常抱歉，给您补偿一张优惠券，麻烦您把差评改成好评。"
    r = client.post("/api/v1/lint", json={"text": text, "kind": "private_message", "platform": "douyin", "lang": "zh"}, headers=auth)
    codes = {f["code"]: f["severity"] for f in r.json["findings"]}
    assert codes["benefit_with_review_request"] == "error"
    assert r.json["ok"] is False and r.json["errors"] >= 1


def test_lint_region_rules_apply(client, auth):
    body = {"text": "Sorry about this. Could you update your review once it is fixed?", "kind": "private_message",
            "platform": "tiktok", "lang": "en"}
    us = client.post("/api/v1/lint", json={**body, "region": "US"}, headers=auth).json
    assert any(f["code"] == "review_change_request" and f["severity"] == "error" for f in us["findings"])
    th = client.post("/api/v1/lint", json={**body, "region": "TH"}, headers=auth).json
    assert not any(f["code"] == "review_change_request" and f["severity"] == "error" for f in th["findings"])


def test_lint_with_a_case_checks_numbers_against_the_capture(client, auth, case_id):
    base = {"kind": "private_message", "platform": "douyin", "lang": "zh", "case_id": case_id}
    invented = client.post("/api/v1/lint", json={**base, "text": "您好，已为您补发，运单号 9876543210。"}, headers=auth).json
    assert any(f["code"] == "unsupported_fact" for f in invented["findings"])
    known = client.post("/api/v1/lint", json={**base, "text": "您好，关于订单 4912345678901234567 的问题我们马上处理。"}, headers=auth).json
    assert not any(f["code"] == "unsupported_fact" for f in known["findings"])


@pytest.mark.parametrize("body, status, code, field", [
    ({"kind": "public_reply", "platform": "douyin"}, 422, "validation_error", "text"),
    ({"text": "x", "kind": "tweet", "platform": "douyin"}, 422, "validation_error", "kind"),
    ({"text": "x", "kind": "public_reply", "platform": "amazon"}, 422, "validation_error", "platform"),
    ({"text": "x", "kind": "public_reply", "platform": "douyin", "lang": "fr"}, 422, "validation_error", "lang"),
    ({"text": "x", "kind": "public_reply", "platform": "douyin", "extra": 1}, 422, "validation_error", "extra"),
    ({"text": "x" * 10001, "kind": "public_reply", "platform": "douyin"}, 422, "validation_error", "text"),
    ({"text": "x", "kind": "public_reply", "platform": "douyin", "case_id": 999}, 404, "not_found", "case_id"),
    ({"text": "x", "kind": "public_reply", "platform": "douyin", "case_id": "abc"}, 422, "validation_error", "case_id"),
])
def test_lint_errors_are_json_with_code_and_field(client, auth, body, status, code, field):
    r = client.post("/api/v1/lint", json=body, headers=auth)
    assert r.status_code == status, r.json
    assert r.json["ok"] is False and r.json["error"]["code"] == code and r.json["error"]["field"] == field


def test_lint_of_a_case_on_another_platform_is_refused(client, auth, case_id):
    r = client.post("/api/v1/lint", json={"text": "x", "kind": "public_reply", "platform": "taobao", "case_id": case_id}, headers=auth)
    assert r.status_code == 422 and r.json["error"]["field"] == "platform"


def test_lint_needs_the_token(client):
    assert client.post("/api/v1/lint", json={"text": "x", "kind": "public_reply", "platform": "douyin"}).status_code == 401


def test_lint_bad_json(client, auth):
    r = client.post("/api/v1/lint", data="{", headers={**auth, "Content-Type": "application/json"})
    assert r.status_code == 400 and r.json["error"]["code"] == "bad_json"


# ------------------------------------------------------------------ POST /api/v1/cases/<id>/events


def test_copied_draft_is_recorded_on_the_timeline(client, auth, case_id, monkeypatch):
    monkeypatch.setattr(clock, "utcnow", lambda: datetime(2026, 11, 24, 3, 0, tzinfo=timezone.utc))
    text = "感谢反馈，已私信您。"
    r = client.post(f"/api/v1/cases/{case_id}/events", json={"kind": "draft_copied", "draft_kind": "public_reply",
                                                             "text_sha256": sha(text), "text": text, "edited": True}, headers=auth)
    assert r.status_code == 201, r.json
    assert r.json == {"id": 1, "kind": "draft_copied", "draft_kind": "public_reply", "text_sha256": sha(text), "text": text,
                      "edited": True, "status": None, "created_at": "2026-11-24T03:00:00.000Z"}
    # Only the hash is fine too.
    assert client.post(f"/api/v1/cases/{case_id}/events", json={"kind": "draft_copied", "draft_kind": "private_message",
                                                                "text_sha256": sha("x")}, headers=auth).status_code == 201
    events = client.get(f"/api/v1/cases/{case_id}", headers=auth).json["events"]
    assert [(e["kind"], e["draft_kind"]) for e in events] == [("draft_copied", "public_reply"), ("draft_copied", "private_message")]


@pytest.mark.parametrize("body, code, field", [
    ({"kind": "draft_sent", "draft_kind": "public_reply", "text_sha256": "0" * 64}, "validation_error", "kind"),
    ({"kind": "draft_copied", "draft_kind": "essay", "text_sha256": "0" * 64}, "validation_error", "draft_kind"),
    ({"kind": "draft_copied", "draft_kind": "public_reply", "text_sha256": "XYZ"}, "validation_error", "text_sha256"),
    ({"kind": "draft_copied", "draft_kind": "public_reply"}, "validation_error", "text_sha256"),
    ({"kind": "draft_copied", "draft_kind": "public_reply", "text_sha256": "0" * 64, "text": "hello"}, "sha256_mismatch", "text_sha256"),
    ({"kind": "draft_copied", "draft_kind": "public_reply", "text_sha256": "0" * 64, "who": "me"}, "validation_error", "who"),
])
def test_event_errors_name_the_field(client, auth, case_id, body, code, field):
    r = client.post(f"/api/v1/cases/{case_id}/events", json=body, headers=auth)
    assert r.status_code == 422, r.json
    assert r.json["error"]["code"] == code and r.json["error"]["field"] == field


def test_event_on_a_missing_case_is_404(client, auth):
    r = client.post("/api/v1/cases/42/events", json={"kind": "draft_copied", "draft_kind": "public_reply", "text_sha256": "0" * 64},
                    headers=auth)
    assert r.status_code == 404 and r.json["error"]["field"] == "case_id"


def test_timeline_is_append_only(tmp_path):
    db = init_db(tmp_path / "c.db")
    db.execute("insert into cases (case_key, platform, status, created_at, updated_at) values ('k', 'douyin', 'open', 'x', 'x')")
    db.execute("insert into case_events (case_id, kind, created_at) values (1, 'draft_copied', 't')")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("update case_events set kind = 'x'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("delete from case_events")


# ------------------------------------------------------------------ PATCH status (the panel's one-click buttons)


def test_status_changes_are_on_the_timeline_and_resolved_brings_the_update_ask(client, auth, case_id):
    for status in ("replied", "contacted", "contacted", "resolved"):
        r = client.patch(f"/api/v1/cases/{case_id}", json={"status": status}, headers=auth)
        assert r.status_code == 200 and r.json["case"]["status"] == status
    events = r.json["events"]
    assert [(e["kind"], e["status"]) for e in events] == [("status_changed", "replied"), ("status_changed", "contacted"),
                                                          ("status_changed", "resolved")]  # no event for no change
    assert "review_update_request" in [d["kind"] for d in r.json["drafts"]]


def test_bad_status_is_422_with_field(client, auth, case_id):
    r = client.patch(f"/api/v1/cases/{case_id}", json={"status": "messaged"}, headers=auth)
    assert r.status_code == 422 and r.json["error"]["field"] == "status"
