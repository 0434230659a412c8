"""A case's lifecycle (services/casework.py): while a case is worked any step may follow any other; a finished case
(resolved, closed) is reopened before it is worked again — over the API (409 invalid_transition naming what is
allowed) and on the dashboard (only the allowed buttons; a stale form is refused with a message, nothing changed).
Recording what happened on the platform (an appeal, its decision) is never refused."""

from __future__ import annotations

import re

from factories import make_capture

ORIGIN = {"Origin": "http://localhost"}


def _case(client, auth, n: int = 1) -> int:
    cap = make_capture(review={"review_id": f"73100000000000000{n}", "order_id": f"49100000000000000{n}"})
    return client.post("/api/v1/captures", json=cap, headers=auth).json["case"]["id"]


def _status(client, auth, case_id: int, status: str):
    return client.patch(f"/api/v1/cases/{case_id}", json={"status": status}, headers=auth)


def test_worked_cases_move_freely_and_finished_ones_must_be_reopened(client, auth):
    case_id = _case(client, auth)
    for step in ("contacted", "replied", "appealed", "replied", "resolved"):
        r = _status(client, auth, case_id, step)
        assert r.status_code == 200, (step, r.json)
    # Resolved: it may be closed or reopened, not worked as it is.
    r = _status(client, auth, case_id, "appealed")
    assert r.status_code == 409
    err = r.json["error"]
    assert err["code"] == "invalid_transition" and err["field"] == "status"
    assert err["current"] == "resolved" and err["allowed"] == ["open", "closed"] and "reopen" in err["message"]
    assert _status(client, auth, case_id, "closed").status_code == 200
    r = _status(client, auth, case_id, "replied")
    assert r.status_code == 409 and r.json["error"]["allowed"] == ["open"]
    assert _status(client, auth, case_id, "closed").status_code == 200  # a repeat is a no-op, never an error
    body = client.get(f"/api/v1/cases/{case_id}", headers=auth).json
    assert body["case"]["status"] == "closed"
    changes = [e["status"] for e in body["events"] if e["kind"] == "status_changed"]
    assert changes == ["contacted", "replied", "appealed", "replied", "resolved", "closed"]  # refused steps left no trace
    assert _status(client, auth, case_id, "open").status_code == 200
    assert _status(client, auth, case_id, "replied").status_code == 200


def test_recording_the_platforms_facts_is_never_refused(client, auth):
    case_id = _case(client, auth, 2)
    assert _status(client, auth, case_id, "closed").status_code == 200
    # The seller appealed on the platform after closing the case here: the appeal is recorded all the same.
    r = client.post(f"/api/v1/cases/{case_id}/appeals",
                    json={"reason_code": "abusive_language", "statement": "评价含辱骂词汇，与商品无关。"}, headers=auth)
    assert r.status_code == 201, r.json
    assert client.get(f"/api/v1/cases/{case_id}", headers=auth).json["case"]["status"] == "appealed"


def test_dashboard_offers_only_the_allowed_steps_and_refuses_a_stale_form(client, auth):
    case_id = _case(client, auth, 3)
    assert _status(client, auth, case_id, "closed").status_code == 200
    page = client.get("/?status=closed", headers={"Accept-Language": "zh-CN"}).data.decode()
    row = re.search(rf'<tr id="case-{case_id}".*?</tr>', page, re.S).group(0)
    assert re.findall(r'data-testid="mark-(\w+)"', row) == ["open"] and "重新打开" in row
    # A page loaded before the case was closed still shows "replied": refused, with a message, nothing changed.
    r = client.post(f"/cases/{case_id}/status", data={"status": "replied", "next": "/?status=closed"}, headers=ORIGIN)
    assert r.status_code == 303 and f"refused={case_id}&as=replied" in r.headers["Location"]
    page = client.get(r.headers["Location"], headers={"Accept-Language": "zh-CN"}).data.decode()
    assert f"案件 #{case_id} 已结案" in page and "重新打开" in page
    assert client.get(f"/api/v1/cases/{case_id}", headers=auth).json["case"]["status"] == "closed"
    # Reopen from the row, then the usual buttons are back.
    r = client.post(f"/cases/{case_id}/status", data={"status": "open", "next": "/"}, headers=ORIGIN)
    assert r.status_code == 303 and f"saved={case_id}&as=open" in r.headers["Location"]
    page = client.get("/", headers={"Accept-Language": "en"}).data.decode()
    row = re.search(rf'<tr id="case-{case_id}".*?</tr>', page, re.S).group(0)
    assert re.findall(r'data-testid="mark-(\w+)"', row) == ["replied", "contacted", "appealed", "resolved", "closed"]


def test_dashboard_search_by_shop(client, auth):
    """Two shops on one companion: the search form lists them by name and filters on one."""
    ids = {}
    for n, (shop_id, name) in enumerate((("shop-a", "杯具旗舰店"), ("shop-b", "厨房好物店"))):
        cap = make_capture(shop={"id": shop_id, "name": name},
                           review={"review_id": f"73200000000000000{n}", "order_id": f"49200000000000000{n}"})
        ids[shop_id] = client.post("/api/v1/captures", json=cap, headers=auth).json["case"]["id"]
    page = client.get("/", headers={"Accept-Language": "zh-CN"}).data.decode()
    shop_select = re.search(r'<select name="shop".*?</select>', page, re.S).group(0)
    assert "抖店 · 杯具旗舰店" in shop_select and "抖店 · 厨房好物店" in shop_select
    page = client.get("/?shop=douyin:shop-b", headers={"Accept-Language": "zh-CN"}).data.decode()
    found = [int(x) for x in re.findall(r'data-testid="case-row" data-case-id="(\d+)"', page)]
    assert ids["shop-b"] in found and ids["shop-a"] not in found
    assert 'value="douyin:shop-b" selected' in page
