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


def context_capture(kind: str, order_id: str, **fields) -> dict:
    payload = make_capture(page_kind=kind, review=None, page_url=f"https://fxg.jinritemai.com/ffa/morder/order/detail?id={order_id}")
    payload["order"] = {"order_id": order_id, **fields.pop("order", {})}
    payload["record"] = fields.pop("record", None)
    return payload


def test_existing_seller_reply_on_tiktok_gets_no_second_public_reply(client, auth):
    payload = make_capture(
        platform="tiktok", region="MY", page_url="https://seller-my.tiktok.com/product/rating",
        review={"text": "The lid cracked on the second day and it leaks.", "lang": "en", "review_time": "Nov 23, 2026",
                "order_id": "576123456789012345", "seller_reply": "Sorry to hear that, we have messaged you."},
    )
    drafts = kinds(post(client, auth, payload))
    assert "public_reply" not in drafts
    assert any(f["code"] == "already_replied" for f in drafts["private_message"]["lint"])


def test_douyin_reply_addition_and_after_sales_state_from_a_context_page(client, auth):
    order_id = "4912345678901234567"
    first = post(client, auth, make_capture(review={
        "text": "榨汁机用了两次电机就不转了，按键也失灵", "seller_reply": "亲，已私信您处理",
        "follow_up": {"text": "换货到现在还没寄出来", "time": "2026-11-25 09:00:00"}}))
    pub = kinds(first)["public_reply"]
    assert pub["text"].startswith("补充") and any(f["code"] == "already_replied" for f in pub["lint"])
    refund = context_capture("after_sales", order_id, record={
        "aftersale_id": "AS1001", "aftersale_type": "退货退款", "aftersale_status": "退款成功",
        "timeline": [{"time": "2026-11-24 10:00:00", "text": "买家申请退货退款"}, {"time": "2026-11-24 18:00:00", "text": "退款成功"}]})
    body = post(client, auth, refund)
    dm = kinds(body)["private_message"]
    assert "哪里出了问题" not in dm["text"]
    assert not re.search(r"为您(办理)?退款|退款、换货|退款或", dm["text"]), dm["text"]
    assert "换货" in dm["text"]
    assert {"refund_done", "exchange_pending"} <= {f["code"] for f in dm["lint"]}


def test_arrived_broken_is_never_asked_whether_it_arrived(client, auth):
    body = post(client, auth, make_capture(review={"text": "收到的时候杯子已经碎成好几块了，外箱也压扁了"}))
    dm = kinds(body)["private_message"]["text"]
    assert not re.search(r"是否已收到|是否已送达|收到包裹时的状态", dm), dm
    assert "照片" in dm


def test_spam_review_gets_a_neutral_reply_and_the_appeal(client, auth):
    body = post(client, auth, make_capture(review={"text": "加微信vx12345领优惠，全网最低价代购，私聊"}))
    assert "ad_or_spam" in body["classification"]["appeal_flags"]
    d = kinds(body)
    pub = d["public_reply"]
    assert not re.search(r"抱歉|歉意|价格", pub["text"]), pub["text"]
    assert any(f["code"] == "appeal_instead" for f in pub["lint"])
    assert not BENEFIT.search(d["private_message"]["text"])
    assert body["advice"]["worth_appealing"] is True and "appeal_statement" in d


def test_checklist_follows_the_chosen_appeal_reason_and_matches_missing(client, auth):
    body = post(client, auth, make_capture(review={"text": "杯子质量很差，用了一周就漏水。有事打我电话13912345678",
                                                   "review_time": "2026-11-23 20:15:00"}))
    adv = body["advice"]
    assert "privacy_leak" in body["classification"]["appeal_flags"]
    assert adv["verdict"] == "recommended" and adv["worth_appealing"]
    ids = [item["id"] for item in body["checklist"]]
    assert "qc_report" not in ids and ids == adv["evidence_needed"]
    # Every missing item has its checklist line (where the panel puts the Open link).
    assert set(adv["evidence_missing"]) <= set(ids)
    assert {i["id"] for i in body["checklist"] if not i["have"]} == set(adv["evidence_missing"])


def test_expired_window_is_one_verdict_with_a_date(client, auth):
    body = post(client, auth, make_capture(review={"text": "加微信vx12345领优惠，全网最低价代购，私聊",
                                                   "review_time": "2025-01-05 08:00:00"}))
    adv = body["advice"]
    assert adv["verdict"] == "expired" and adv["worth_appealing"] is False
    assert adv["days_left"] is None and adv["expired_on"] == "2025-02-04"
    assert "申诉期已于2025-02-04截止" in adv["why"] and "建议申诉，" not in adv["why"]
    assert "appeal_statement" not in kinds(body)


def test_dashboard_case_page_shows_the_verdict(client, auth):
    body = post(client, auth, make_capture(review={"text": "", "rating": 1}))
    page = client.get(f"/cases/{body['case']['id']}?lang=en", headers=auth)  # the page is in one language
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert body["advice"]["verdict"] == "not_recommended"
    assert "Not worth appealing" in html and "建议申诉，" not in html
