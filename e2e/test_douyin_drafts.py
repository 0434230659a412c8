"""Draft rules seen in the panel on the Douyin mock (issue 8, parts 1-3).

An abusive review gets a neutral public reply and the appeal; a review with a phone number gets the
checklist of its appeal reason (never a QC report); a resolved case shows the separate
review-update ask, and no draft anywhere carries a benefit next to a review ask.
Each test has its own companion, so cases of other tests cannot interfere.
"""

from __future__ import annotations

import json
import re
import urllib.request

from playwright.sync_api import expect


from rc_e2e import capture_douyin_review, douyin_review_row, pair

CAPTURE_TIMEOUT = 15000
ABUSIVE_ORDER = "4937201865043728916"  # insults the seller, no product fact
PHONE_ORDER = "4937201865043833645"  # 起球掉毛 + a phone number in the review
LOGISTICS_ORDER = "4937201865043310000"  # nine days in transit: the review says it arrived, late
BENEFIT = re.compile(r"优惠券|红包|返现|补偿|现金|礼品|礼物|退款|差价|coupon|refund|gift|cash", re.I)
REVIEW_ASK = re.compile(r"改评|追评|修改评价|更新.{0,4}评价|删除评价|删评|好评|五星|update your review|edit review", re.I)


def api(companion, method: str, path: str, body: dict | None = None) -> dict:
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(companion.url + path, data=data, method=method,
                                 headers={"Authorization": f"Bearer {companion.token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as r:
        return json.loads(r.read())


row = douyin_review_row
capture = capture_douyin_review


def no_benefit_next_to_ask(r) -> None:
    texts = r.locator("[data-testid^='rc-draft-text-']")
    for i in range(texts.count()):
        t = texts.nth(i)
        if t.get_attribute("data-testid") == "rc-draft-text-appeal_statement":
            continue
        text = t.input_value()
        assert not (BENEFIT.search(text) and REVIEW_ASK.search(text)), text


def test_abusive_review_gets_a_neutral_reply_and_the_appeal(context, page, extension_id, own_companion, seller_pages):
    pair(context, extension_id, own_companion.url, own_companion.token)
    r, case_id = capture(page, seller_pages["douyin"], ABUSIVE_ORDER)
    case = api(own_companion, "GET", f"/api/v1/cases/{case_id}")
    assert "abusive_language" in case["classification"]["appeal_flags"]
    reply = r.get_by_test_id("rc-draft-text-public_reply").input_value()
    assert not re.search(r"抱歉|歉意|批次|价格", reply), reply
    expect(r.get_by_test_id("rc-lint-public_reply").locator('[data-code="appeal_instead"]')).to_have_count(1)
    assert not BENEFIT.search(r.get_by_test_id("rc-draft-text-private_message").input_value())
    verdict = r.get_by_test_id("rc-advice-verdict")
    expect(verdict).to_have_attribute("data-verdict", re.compile(r"^(recommended|expired)$"))
    if verdict.get_attribute("data-verdict") == "recommended":
        expect(r.get_by_test_id("rc-draft-appeal_statement")).to_have_count(1)
    else:  # an expired window names its date, never "0 days left"
        expect(r.get_by_test_id("rc-advice-deadline")).to_contain_text("expired on")
        expect(r.get_by_test_id("rc-advice-deadline")).not_to_contain_text("days left")
    no_benefit_next_to_ask(r)


def test_phone_leak_checklist_follows_the_appeal_reason(context, page, extension_id, own_companion, seller_pages):
    pair(context, extension_id, own_companion.url, own_companion.token)
    r, case_id = capture(page, seller_pages["douyin"], PHONE_ORDER)
    advice = api(own_companion, "GET", f"/api/v1/cases/{case_id}")["advice"]
    assert advice["verdict"] == "recommended" and advice["reason_code"]
    expect(r.get_by_test_id("rc-advice-verdict")).to_have_text("Worth appealing")
    checklist = r.get_by_test_id("rc-checklist")
    expect(checklist.get_by_test_id("rc-check-qc_report")).to_have_count(0)
    for item in advice["evidence_missing"]:  # every missing item has its line
        expect(checklist.get_by_test_id(f"rc-check-{item}")).to_have_attribute("data-have", "0")
    expect(checklist.locator("li")).to_have_count(len(advice["evidence_needed"]))
    no_benefit_next_to_ask(r)


def test_resolved_case_shows_the_separate_review_update_ask(context, page, extension_id, own_companion, seller_pages):
    pair(context, extension_id, own_companion.url, own_companion.token)
    r, case_id = capture(page, seller_pages["douyin"], LOGISTICS_ORDER)
    expect(r.get_by_test_id("rc-draft-review_update_request")).to_have_count(0)
    dm = r.get_by_test_id("rc-draft-text-private_message").input_value()
    assert not REVIEW_ASK.search(dm), dm
    assert not re.search(r"是否已收到|是否已送达", dm), dm  # the review says what arrived and how

    api(own_companion, "PATCH", f"/api/v1/cases/{case_id}", {"status": "resolved"})
    page.reload()
    page.locator("tr.auxo-table-row rc-panel").first.wait_for()
    r = row(page, LOGISTICS_ORDER)
    r.get_by_test_id("rc-show-case").click()
    ask = r.get_by_test_id("rc-draft-text-review_update_request")
    expect(ask).to_contain_text("评价")
    assert not BENEFIT.search(ask.input_value()), ask.input_value()
    expect(r.get_by_test_id("rc-draft-review_update_request")).to_contain_text("Review update request")
    expect(r.get_by_test_id("rc-copy-review_update_request")).to_have_text("Copy")
    no_benefit_next_to_ask(r)
