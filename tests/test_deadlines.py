"""The public-reply deadline (issue 8 part 4): the platform's shown time zone, rounding, overdue, naive times.

No test reads the clock: `now` is passed to companion.services.deadlines, and API tests pin
`companion.store.clock.utcnow`.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from factories import make_capture

from companion.models import Capture
from companion.services.deadlines import format_local, left_label, left_parts, reply_deadline, reply_due
from companion.store import clock

UTC = timezone.utc
CST = timezone(timedelta(hours=8))


def at(s: str) -> datetime:
    return datetime.fromisoformat(s)


def pin_now(monkeypatch, value: str) -> None:
    monkeypatch.setattr(clock, "utcnow", lambda: at(value))


# ------------------------------------------------------------------ reply_due (capture → stored instant)


def test_douyin_review_time_without_zone_is_beijing_time_and_the_date_is_not_cut_from_utc():
    # The case: posted 11-23 03:57 Beijing time = 11-22 19:57 UTC; due 11-24 03:57 Beijing time.
    cap = Capture.model_validate(make_capture(review={"review_time": "2026-11-23 03:57:43"}))
    due = reply_due(cap)
    assert due == "2026-11-23T19:57:43.000Z"
    f = reply_deadline(due, platform="douyin", now=at("2026-11-23T09:00:00+00:00"))
    assert f["reply_due_shown"] == "2026-11-24T03:57:43+08:00"  # the seller center's own day: the 24th
    assert format_local(due, "douyin") == "2026-11-24 03:57 (UTC+8)"


def test_taobao_shows_beijing_time_too():
    cap = Capture.model_validate(make_capture(platform="taobao", review={"review_time": "2026/11/23 23:30"}))
    assert reply_due(cap) == "2026-11-24T15:30:00.000Z"


def test_tiktok_naive_time_is_read_in_the_sellers_own_zone():
    # TikTok's per-region shown zone is unknown (rules: null): the seller's own zone applies.
    cap = Capture.model_validate(make_capture(platform="tiktok", region="US", review={"review_time": "2026-11-23 10:00:00"}))
    la = timezone(timedelta(hours=-8))
    assert reply_due(cap, local=la) == "2026-11-24T18:00:00.000Z"
    assert reply_due(cap, local=UTC) == "2026-11-24T10:00:00.000Z"


def test_review_time_with_an_explicit_zone_keeps_it():
    cap = Capture.model_validate(make_capture(review={"review_time": "2026-11-23T03:57:43+09:00"}))
    assert reply_due(cap) == "2026-11-23T18:57:43.000Z"


def test_no_readable_review_time_counts_from_the_capture():
    cap = Capture.model_validate(make_capture(review={"review_time": "昨天"}, captured_at="2026-11-24T02:00:00Z"))
    assert reply_due(cap) == "2026-11-25T02:00:00.000Z"


# ------------------------------------------------------------------ derived fields and rounding


def test_hours_left_and_state():
    due = "2026-11-24T12:00:00.000Z"
    f = reply_deadline(due, platform="douyin", now=at("2026-11-24T00:30:00+00:00"))
    assert f == {"reply_due_shown": "2026-11-24T20:00:00+08:00", "reply_hours_left": 11.5, "reply_state": "due"}
    assert reply_deadline(due, platform="douyin", now=at("2026-11-24T12:00:00+00:00"))["reply_state"] == "overdue"  # at the deadline
    late = reply_deadline(due, platform="douyin", now=at("2026-11-24T15:20:00+00:00"))
    assert late["reply_state"] == "overdue" and late["reply_hours_left"] == pytest.approx(-3.33)
    assert reply_deadline(due, platform="douyin", status="replied", now=at("2026-11-24T15:00:00+00:00"))["reply_state"] == "done"
    assert reply_deadline(due, platform="douyin", seller_replied=True, now=at("2026-11-30T00:00:00+00:00"))["reply_state"] == "done"
    assert reply_deadline(None, platform="douyin", now=at("2026-11-24T00:00:00+00:00")) == {
        "reply_due_shown": None, "reply_hours_left": None, "reply_state": None}


@pytest.mark.parametrize("hours, parts, zh, en", [
    (23.99, ("left", 23, "h"), "还剩 23 小时", "23 h left"),  # never promise more time than there is
    (24.0, ("left", 24, "h"), "还剩 24 小时", "24 h left"),
    (1.0, ("left", 1, "h"), "还剩 1 小时", "1 h left"),
    (0.99, ("left", 59, "min"), "还剩 59 分钟", "59 min left"),
    (-0.5, ("overdue", 30, "min"), "已超时 30 分钟", "Overdue by 30 min"),
    (-3.0, ("overdue", 3, "h"), "已超时 3 小时", "Overdue by 3 h"),
    (-3.98, ("overdue", 3, "h"), "已超时 3 小时", "Overdue by 3 h"),
    (-47.9, ("overdue", 47, "h"), "已超时 47 小时", "Overdue by 47 h"),
    (-48.0, ("overdue", 2, "d"), "已超时 2 天", "Overdue by 2 d"),  # whole days from 48 h on
    (-71.9, ("overdue", 2, "d"), "已超时 2 天", "Overdue by 2 d"),
    (-72.0, ("overdue", 3, "d"), "已超时 3 天", "Overdue by 3 d"),
])
def test_rounding_to_whole_hours_and_days(hours, parts, zh, en):
    assert left_parts(hours) == parts
    assert left_label(hours, "overdue" if hours <= 0 else "due", "zh") == zh
    assert left_label(hours, "overdue" if hours <= 0 else "due", "en") == en


def test_done_and_unknown_labels():
    assert left_label(-5, "done", "zh") == "已处理" and left_label(-5, "done", "en") == "Handled"
    assert left_label(None, None) == ""


# ------------------------------------------------------------------ API


def test_capture_result_says_when_the_reply_is_due(client, auth, monkeypatch):
    pin_now(monkeypatch, "2026-11-23T01:00:00+00:00")
    body = client.post("/api/v1/captures", json=make_capture(review={"review_time": "2026-11-23 03:57:43"}), headers=auth).json
    c = body["case"]
    assert c["reply_due_at"] == "2026-11-23T19:57:43.000Z"
    assert c["reply_due_shown"] == "2026-11-24T03:57:43+08:00"
    assert c["reply_hours_left"] == pytest.approx(18.96)
    assert c["reply_state"] == "due"
    # The same fields on every read of the case: GET, the list, the lookup after a reload.
    case_id = c["id"]
    assert client.get(f"/api/v1/cases/{case_id}", headers=auth).json["case"]["reply_due_shown"] == "2026-11-24T03:57:43+08:00"
    listed = client.get("/api/v1/cases", headers=auth).json["cases"][0]
    assert listed["reply_state"] == "due" and listed["reply_due_shown"] == c["reply_due_shown"]
    found = client.post("/api/v1/lookup", json={"platform": "douyin", "review_ids": ["7312345678901234567"]}, headers=auth).json
    assert found["reviews"]["7312345678901234567"]["reply_hours_left"] == pytest.approx(18.96)


def test_review_captured_after_its_deadline_is_overdue_then_done_when_replied(client, auth, monkeypatch):
    pin_now(monkeypatch, "2026-11-24T15:20:00+00:00")  # 23:20 Beijing time on the 24th; due 03:57 that day
    body = client.post("/api/v1/captures", json=make_capture(review={"review_time": "2026-11-23 03:57:43"}), headers=auth).json
    assert body["case"]["reply_state"] == "overdue"
    assert left_label(body["case"]["reply_hours_left"], "overdue", "zh") == "已超时 19 小时"
    r = client.patch(f"/api/v1/cases/{body['case']['id']}", json={"status": "replied"}, headers=auth)
    assert r.json["case"]["reply_state"] == "done"


def test_a_seller_reply_already_on_the_page_means_done(client, auth, monkeypatch):
    pin_now(monkeypatch, "2026-11-30T00:00:00+00:00")
    body = client.post("/api/v1/captures", json=make_capture(review={"seller_reply": "亲，已为您处理"}), headers=auth).json
    assert body["case"]["reply_state"] == "done"


# ------------------------------------------------------------------ dashboard


def test_dashboard_shows_local_times_not_raw_utc(client, auth, monkeypatch):
    pin_now(monkeypatch, "2026-11-24T15:20:00+00:00")
    body = client.post("/api/v1/captures", json=make_capture(review={"review_time": "2026-11-23 03:57:43"}), headers=auth).json
    page = client.get("/").data.decode()
    assert "2026-11-23T19:57:43.000Z" not in page.replace('datetime="2026-11-23T19:57:43.000Z"', "")
    assert '<time datetime="2026-11-23T19:57:43.000Z"' in page
    assert "2026-11-24 03:57 (UTC+8)" in page
    assert "已超时 19 小时" in page
    detail = client.get(f"/cases/{body['case']['id']}").data.decode()
    assert "2026-11-24 03:57 (UTC+8)" in detail
    assert "2026-11-24 10:00 (UTC+8)" in detail  # the evidence's capture time (02:00 UTC), local too
    for raw in ("T15:20:00.000Z<", "T02:00:00.000Z<"):
        assert raw not in detail
