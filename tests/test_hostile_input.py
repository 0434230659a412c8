"""Hostile input gets a JSON 4xx naming the field, never a 500 (issue 12 items 1 and 2).

A 500 is what a retrying client treats as "try again later": one poison capture answered with a
500 used to sit at the head of the extension's queue forever.
"""

from __future__ import annotations

import pytest

from factories import make_capture


def assert_refused(r, status, code, field):
    assert r.status_code == status, (r.status_code, r.get_data(as_text=True)[:500])
    assert r.is_json and r.json["ok"] is False
    assert r.json["error"]["code"] == code
    assert r.json["error"]["field"] == field
    assert r.json["error"]["message"]


@pytest.mark.parametrize("review_time", [
    "9999-12-31 23:00:00", "0001-01-01 00:00:00", "9999-12-31T23:59:59+14:00", "9999/12/31", "1900年1月1日",
    "9999999999999",  # epoch milliseconds in the year 2286
])
def test_review_time_outside_window_is_a_422(client, auth, review_time):
    r = client.post("/api/v1/captures", json=make_capture(review={"review_time": review_time}), headers=auth)
    assert_refused(r, 422, "validation_error", "review.review_time")
    assert "out of range" in r.json["error"]["message"]
    assert client.get("/api/v1/cases", headers=auth).json["total"] == 0


@pytest.mark.parametrize("captured_at", ["9999-12-31T23:59:59Z", "0001-01-01T00:00:00+14:00", "0001-01-01T00:00:00",
                                         "1970-01-01T00:00:00Z", "2200-01-01T00:00:00Z"])
def test_captured_at_outside_window_is_a_422(client, auth, captured_at):
    r = client.post("/api/v1/captures", json=make_capture(captured_at=captured_at), headers=auth)
    assert_refused(r, 422, "validation_error", "captured_at")


@pytest.mark.parametrize("path, field", [
    (lambda p: p["review"].update(follow_up={"text": "追评", "time": "9999-12-31"}), "review.follow_up.time"),
    (lambda p: p.update(order={"order_id": "4912345678901234567", "sign_time": "0001-01-01 00:00"}), "order.sign_time"),
])
def test_every_shown_time_is_bounded(client, auth, path, field):
    payload = make_capture()
    path(payload)
    assert_refused(client.post("/api/v1/captures", json=payload, headers=auth), 422, "validation_error", field)


@pytest.mark.parametrize("review_time", ["2026-11-23 20:15:00", "昨天 20:15", "Jan 15, 2026 | Edited 5 days ago", "", "刚刚"])
def test_shown_times_that_are_not_times_or_in_range_still_pass(client, auth, review_time):
    r = client.post("/api/v1/captures", json=make_capture(review={"review_time": review_time}), headers=auth)
    assert r.status_code == 201, r.json
