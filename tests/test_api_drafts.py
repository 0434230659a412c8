"""Draft rules through the API: what a seller sees in a case after a capture or a status change."""

from __future__ import annotations

import re

from factories import make_capture

BENEFIT = re.compile(r"优惠券|红包|返现|补偿|现金|礼|退款|差价|coupon|voucher|refund|gift|cash|discount|credit", re.I)
REVIEW_ASK = re.compile(r"改评|追评|修改评价|更新.{0,4}评价|删除评价|删评|好评|五星|"
                        r"(updat|chang|edit|remov|delet)\w* (your |the )?(review|rating)|edit review|5 stars?|five stars?", re.I)


def post(client, auth, payload):
    r = client.post("/api/v1/captures", json=payload, headers=auth)
    assert r.status_code in (200, 201), r.json
    return r.json


def kinds(body):
    return {d["kind"]: d for d in body["drafts"]}


def set_status(client, auth, case_id, status):
    r = client.patch(f"/api/v1/cases/{case_id}", json={"status": status}, headers=auth)
    assert r.status_code == 200, r.json
    return r.json


def test_review_update_ask_only_after_resolution_and_never_with_a_benefit(client, auth):
    body = post(client, auth, make_capture())
    case_id = body["case"]["id"]
    first = kinds(body)
    assert "review_update_request" not in first
    for d in body["drafts"]:
        assert not (BENEFIT.search(d["text"]) and REVIEW_ASK.search(d["text"])), d
        assert not any(f["severity"] == "error" for f in d["lint"]), d
    assert not REVIEW_ASK.search(first["private_message"]["text"])

    for status in ("replied", "contacted"):
        assert "review_update_request" not in kinds(set_status(client, auth, case_id, status))
    resolved = kinds(set_status(client, auth, case_id, "resolved"))
    ask = resolved["review_update_request"]
    assert REVIEW_ASK.search(ask["text"]) and not BENEFIT.search(ask["text"]), ask["text"]
    assert ask["lang"] == "zh" and ask["source"] == "template"
    assert "update_ask_after_resolution" in {f["code"] for f in ask["lint"]}
    assert not any(f["severity"] == "error" for f in ask["lint"])
    # The case view (GET) shows the same; closing the case withdraws the ask.
    got = client.get(f"/api/v1/cases/{case_id}", headers=auth).json
    assert kinds(got)["review_update_request"]["text"] == ask["text"]
    assert "review_update_request" not in kinds(set_status(client, auth, case_id, "closed"))


def test_tiktok_us_never_gets_a_review_update_ask(client, auth):
    payload = make_capture(
        platform="tiktok", region="US", page_url="https://seller-us.tiktok.com/product/rating?shop_region=US",
        review={"text": "The lid cracked on the second day and it leaks everywhere.", "lang": "en",
                "review_time": "Nov 23, 2026", "order_id": "576123456789012345", "product_title": "Steel tumbler"},
    )
    body = post(client, auth, payload)
    resolved = set_status(client, auth, body["case"]["id"], "resolved")
    assert "review_update_request" not in kinds(resolved)
    for d in resolved["drafts"]:
        assert not REVIEW_ASK.search(d["text"]), d["text"]
