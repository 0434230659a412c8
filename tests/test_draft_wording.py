"""Wording a seasoned 客服主管 would send: natural order/SKU references, no coupon beside an after-sales
remedy still under way, no photos asked of an item the buyer has sent back, no promise said twice."""

from __future__ import annotations

import re

import pytest

from companion.classifier import classify
from companion.drafting import N_VARIANTS, make_drafts

BROKEN = {
    "text": "收到就是坏的，充电指示灯不亮，杯身底部还有一道裂缝。联系售后让我自己寄回去检测。",
    "rating": 1, "order_id": "4937201865043414729", "product_title": "便携式榨汁杯 300ml",
    "sku": "颜色:象牙白;规格:双杯套装", "review_time": "2026-11-23 03:57:43",
    "follow_up": {"text": "换货寄回去一周了还没消息。", "time": "2026-11-24 05:57:43"},
}
REFUNDED = {"aftersale_type": "退货退款", "aftersale_status": "退款成功"}
COUPON = re.compile(r"优惠券|coupon", re.I)


def drafts(review, platform="douyin", after_sales=None, lang="zh"):
    text = review["text"] + ("\n" + review["follow_up"]["text"] if review.get("follow_up") else "")
    cls = classify(text, rating=review.get("rating"), lang=lang, platform=platform)
    return [{d.kind: d for d in make_drafts(review, cls, platform=platform, variant=v, after_sales=after_sales)}
            for v in range(N_VARIANTS)]


@pytest.mark.parametrize("variant", range(N_VARIANTS))
def test_refund_done_and_exchange_pending_reads_right(variant):
    d = drafts(BROKEN, after_sales=REFUNDED)[variant]
    dm, pub = d["private_message"].text, d["public_reply"].text
    assert not COUPON.search(dm), dm  # no coupon next to an exchange still under way
    assert "coupon_not_conditional" not in {f["code"] for f in d["private_message"].lint}
    assert "照片" not in dm and "哪里出了问题" not in dm, dm  # the item went back: nothing to photograph
    assert "换货" in dm and not re.search(r"为您(办理)?退款|退款、换货|退款或", dm), dm
    assert "（订单号" not in dm and "订单（" not in dm, dm
    assert "在订单4937201865043414729中购买的" in dm or "4937201865043414729" not in dm
    assert "（象牙白，双杯套装）" in dm and "颜色:" not in dm, dm
    # The public reply promises updates once, not "tell you the progress" twice.
    assert len(re.findall(r"告诉您|同步给您", pub)) <= 1, pub


def test_a_plain_quality_complaint_still_gets_photos_and_the_apology_coupon():
    review = {k: v for k, v in BROKEN.items() if k != "follow_up"}
    for d in drafts(review):
        dm = d["private_message"].text
        assert "照片" in dm and COUPON.search(dm), dm
        assert "coupon_not_conditional" in {f["code"] for f in d["private_message"].lint}


def test_english_order_and_sku_references():
    review = {"text": "The lid cracked on the second day and it leaks everywhere.", "rating": 1, "lang": "en",
              "order_id": "576123456789012345", "product_title": "Steel tumbler", "sku": "Color: Black"}
    for d in drafts(review, platform="tiktok", lang="en"):
        dm = d["private_message"].text
        assert "(order " not in dm and "576123456789012345" in dm, dm
        assert "(Black)" in dm and "Color:" not in dm, dm


def test_a_follow_up_saying_the_refund_was_handled_gets_no_refund_offer():
    review = {"text": "用了三天右耳就没声音了，做工太差。", "rating": 1, "order_id": "4201600729171476622",
              "product_title": "蓝牙耳机", "sku": "颜色分类:珍珠白", "seller_reply": "已为您登记处理",
              "follow_up": {"text": "退货退款已经给我处理了，速度还行，但耳机质量确实不行。", "time": "2026-11-25 10:00:00"}}
    for d in drafts(review, platform="taobao"):
        dm = d["private_message"].text
        assert not re.search(r"为您(办理)?退款|退款、换货|退款或|安排退款", dm), dm
        assert not COUPON.search(dm) and "照片" not in dm, dm
        assert "refund_done" in {f["code"] for f in d["private_message"].lint}
