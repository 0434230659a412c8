"""GET /api/v1/summary: replies overdue / due today in the seller's time zone (the toolbar badge and popup).

The clock is conftest's NOW (2026-11-24 04:00 UTC = 12:00 in Beijing, 20:00 the evening before in Los Angeles).
"""

from __future__ import annotations

from factories import make_capture


def capture(client, auth, review_id: str, review_time: str, **review):
    r = client.post("/api/v1/captures", json=make_capture(review={"review_id": review_id, "order_id": "49" + review_id[-17:],
                                                                   "review_time": review_time, **review}), headers=auth)
    assert r.status_code == 201, r.get_json()
    return r.get_json()["case"]


def seed(client, auth):
    """Due 2026-11-23 02:00Z (overdue), 2026-11-24 12:15Z (later today in Beijing), 2026-11-25 02:00Z (tomorrow)."""
    return {
        "overdue": capture(client, auth, "7300000000000000001", "2026-11-22 10:00:00"),
        "today": capture(client, auth, "7300000000000000002", "2026-11-23 20:15:00"),
        "tomorrow": capture(client, auth, "7300000000000000003", "2026-11-24 10:00:00"),
    }


def test_counts_and_the_due_list_most_urgent_first(client, auth):
    cases = seed(client, auth)
    r = client.get("/api/v1/summary?tz=Asia/Shanghai", headers=auth)
    assert r.status_code == 200
    body = r.get_json()
    assert body["replies"] == {"overdue": 1, "due_today": 1}
    assert body["open"] == 3
    assert body["day_ends_at"] == "2026-11-24T16:00:00.000Z"  # midnight in Beijing
    assert [c["id"] for c in body["due"]] == [cases["overdue"]["id"], cases["today"]["id"]]
    first = body["due"][0]
    assert first["reply_state"] == "overdue" and first["reply_hours_left"] < 0
    assert first["review_excerpt"].startswith("物流太慢了") and first["product_title"] == "不锈钢保温杯 500ml"
    assert body["due"][1]["reply_state"] == "due"


def test_today_is_the_sellers_day(client, auth):
    seed(client, auth)
    # In Los Angeles it is 20:00 on the 23rd: the reply due at 12:15Z (04:15 on the 24th there) is not due today.
    body = client.get("/api/v1/summary?tz=America/Los_Angeles", headers=auth).get_json()
    assert body["replies"] == {"overdue": 1, "due_today": 0}
    assert len(body["due"]) == 1
    # UTC: the day ends at 00:00Z on the 25th, so 12:15Z is today and 02:00Z on the 25th is not.
    body = client.get("/api/v1/summary?tz=UTC", headers=auth).get_json()
    assert body["replies"] == {"overdue": 1, "due_today": 1}


def test_replied_or_answered_on_the_page_is_not_due(client, auth):
    cases = seed(client, auth)
    assert client.patch(f"/api/v1/cases/{cases['overdue']['id']}", json={"status": "replied"}, headers=auth).status_code == 200
    capture(client, auth, "7300000000000000004", "2026-11-23 21:00:00", seller_reply="亲，已为您补发")
    body = client.get("/api/v1/summary?tz=Asia/Shanghai", headers=auth).get_json()
    assert body["replies"] == {"overdue": 0, "due_today": 1}
    assert [c["id"] for c in body["due"]] == [cases["today"]["id"]]
    assert body["open"] == 4  # replied is still open work; resolved/closed are not
    client.patch(f"/api/v1/cases/{cases['tomorrow']['id']}", json={"status": "closed"}, headers=auth)
    assert client.get("/api/v1/summary", headers=auth).get_json()["open"] == 3


def test_limit_and_empty(client, auth):
    body = client.get("/api/v1/summary", headers=auth).get_json()
    assert body["replies"] == {"overdue": 0, "due_today": 0} and body["due"] == [] and body["open"] == 0
    seed(client, auth)
    body = client.get("/api/v1/summary?tz=Asia/Shanghai&limit=0", headers=auth).get_json()
    assert body["due"] == [] and body["replies"]["overdue"] == 1
    assert len(client.get("/api/v1/summary?tz=Asia/Shanghai&limit=1", headers=auth).get_json()["due"]) == 1


def test_errors_are_json_with_a_field(client, auth):
    for query, field in (("tz=Mars/Olympus", "tz"), ("tz=../../etc/passwd", "tz"), ("tz=" + "A" * 500, "tz"),
                         ("limit=101", "limit"), ("limit=x", "limit"), ("limit=-1", "limit")):
        r = client.get(f"/api/v1/summary?{query}", headers=auth)
        assert r.status_code == 422, query
        err = r.get_json()["error"]
        assert err["code"] == "validation_error" and err["field"] == field, query
    r = client.get("/api/v1/summary")
    assert r.status_code == 401 and r.get_json()["ok"] is False
