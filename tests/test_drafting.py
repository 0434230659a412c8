"""Drafts, compliance lint and appeal advice: what a seller would notice.

Classification objects are built by hand so these tests do not depend on the classifier.
"""

from __future__ import annotations

import re
from itertools import product
from datetime import datetime, timedelta, timezone

import pytest

from companion.drafting import N_VARIANTS, appeal_advice, lint_draft, make_drafts
from companion.drafting.advice import templates
from companion.drafting.lint import has_errors
from companion.drafting.rules import load_rules
from companion.models import COMPLAINT_TYPES, Classification

TARGETS = [("douyin", None), ("tiktok", None), ("tiktok", "US"), ("tiktok", "TH"), ("tiktok", "VN"),
           ("tiktok", "MY"), ("taobao", None)]
NOW = datetime(2026, 1, 12, 9, 0, tzinfo=timezone(timedelta(hours=8)))
ORDER_ID = "4912345678901234567"
TRACKING = "SF1234567890123"
FLAGS_FOR = {  # a plausible appeal flag per type, to exercise appeal statements everywhere
    "product_quality": ["false_claim"],
    "logistics": ["false_claim"],
    "service_attitude": ["abusive_language"],
    "description_mismatch": ["irrelevant_to_product"],
    "after_sales": ["extortion"],
    "price": ["ad_or_spam"],
    "malicious_or_unfounded": ["privacy_leak"],
    "other": [],
}
PLACEHOLDER = re.compile(r"\$\{?[A-Za-z_]")


def clf(primary="product_quality", flags=(), lang="zh", sentiment="negative", escalation=False, labels=None):
    return Classification(
        primary=primary, labels=labels or [primary], appeal_flags=list(flags), sentiment=sentiment,
        escalation_risk=escalation, lang=lang,
    )


def review(lang="zh", **kw):
    base = {
        "text": "用了一天就坏了，质量太差" if lang == "zh" else "Broke after one day, terrible quality",
        "rating": 1,
        "buyer_nick": "王**",
        "product_title": "不锈钢保温杯 500ml 大容量" if lang == "zh" else "Insulated steel tumbler 40 oz",
        "sku": "红色 500ml" if lang == "zh" else "Blue / 40 oz",
        "order_id": ORDER_ID,
        "review_time": "2026-01-10 10:00:00",
        "lang": lang,
    }
    base.update(kw)
    return base


def order(**kw):
    base = {"order_id": ORDER_ID, "ship_time": "2026-01-06 18:00:00", "sign_time": "2026-01-08 12:30:00",
            "tracking_no": TRACKING, "carrier": "顺丰速运", "price": "39.90"}
    base.update(kw)
    return base


EVIDENCE = [
    {"id": 12, "kind": "mhtml", "page_kind": "logistics", "sha256": "a" * 64},
    {"id": 13, "kind": "screenshot", "sha256": "b" * 64},
    {"id": 14, "kind": "mhtml", "page_kind": "chat", "sha256": "c" * 64},
]

ELEMENTS = {
    "zh": {"thanks": ("感谢", "谢谢"), "apology": ("抱歉", "歉意"), "invite": ("私信", "旺旺")},
    "en": {"thanks": ("thank",), "apology": ("sorry", "apologi"), "invite": ("message", "chat")},
}
# Words that show the brief solution is specific to the complaint type.
SOLUTION_WORDS = {
    "zh": {"product_quality": ("批次",), "logistics": ("补发", "配送"), "service_attitude": ("客服",),
           "description_mismatch": ("描述",), "after_sales": ("售后",), "price": ("价格",),
           "malicious_or_unfounded": ("了解", "弄清楚"), "other": ("了解", "解决")},
    "en": {"product_quality": ("batch", "quality"), "logistics": ("re-ship", "courier"), "service_attitude": ("support",),
           "description_mismatch": ("listing", "description"), "after_sales": ("refund", "after-sales"), "price": ("price",),
           "malicious_or_unfounded": ("understand", "detail"), "other": ("more", "resolve", "detail")},
}
REMEDY_WORDS = {
    "zh": {"product_quality": "退款", "logistics": "补发", "description_mismatch": "换", "after_sales": "退", "price": "差价"},
    "en": {"product_quality": "refund", "logistics": "re-ship", "description_mismatch": "exchange", "after_sales": "refund", "price": "difference"},
}
CHANGE_ASK = re.compile(r"修改评价|更新.{0,3}评价|删除评价|追评|edit review|updat\w* your (review|rating)|chang\w* your review|remov\w* your review", re.I)
# Written independently of the lint: any review-change wording, and any benefit.
REVIEW_ASK = re.compile(r"改评|追评|修改评价|更新.{0,4}评价|删除评价|删评|好评|五星|5星|评分|"
                        r"(updat|chang|edit|remov|delet|revis)\w* (your |the )?(review|rating)|edit review|five stars?|5 stars?|"
                        r"(positive|good|better) review", re.I)
BENEFIT = re.compile(r"优惠券|红包|返现|补偿|现金|礼品|礼物|赠品|退款|差价|免单|折扣|coupon|voucher|refund|gift|cash|"
                     r"discount|credit|compensat|red packet|money", re.I)
ABNORMAL = {"ad_or_spam", "irrelevant_to_product", "abusive_language", "extortion"}


def by_kind(drafts):
    return {d.kind: d for d in drafts}


# --------------------------------------------------------------------------- the big matrix


@pytest.mark.parametrize("platform,region", TARGETS, ids=lambda x: str(x))
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("primary", COMPLAINT_TYPES)
def test_generated_drafts_pass_their_own_lint_everywhere(platform, region, lang, primary):
    """Every type × platform/region × language × variant × case status: no lint errors, four elements,
    limits, and never a benefit together with a review-change request in one text."""
    rules = load_rules(platform, region)
    for variant, flags, status in product(range(N_VARIANTS), ([], FLAGS_FOR[primary]), ("open", "resolved")):
        if True:
            c = clf(primary, flags, lang)
            drafts = make_drafts(review(lang), c, platform=platform, region=region, order=order(),
                                 evidence=EVIDENCE, variant=variant, now=NOW, include_unadvised_appeal=True,
                                 case_status=status)
            kinds = [d.kind for d in drafts]
            asks = (status == "resolved" and rules["ask_review_update"] != "forbidden"
                    and primary != "malicious_or_unfounded" and not set(flags) & ABNORMAL)
            assert kinds == ["public_reply", "private_message", "appeal_statement"] + (["review_update_request"] if asks else [])
            for d in drafts:
                errors = [f for f in d.lint if f["severity"] == "error"]
                assert not errors, (d.kind, d.text, errors)
                # The hard compliance rule, checked with our own patterns rather than the lint's.
                if d.kind != "appeal_statement":
                    assert not (BENEFIT.search(d.text) and REVIEW_ASK.search(d.text)), (d.kind, d.text)
                    assert "benefit_with_review_request" not in {f["code"] for f in d.lint}
                assert not PLACEHOLDER.search(d.text), d.text
                if d.max_chars is not None:
                    assert len(d.text) <= d.max_chars
                assert d.variant == variant
            d = by_kind(drafts)
            pub, dm = d["public_reply"], d["private_message"]
            assert pub.lang == dm.lang == lang
            low = pub.text.lower()
            if set(flags) & ABNORMAL:
                # Spam, abuse, extortion, off-topic: a short neutral reply, no apology; the appeal is the answer.
                assert not any(w in low for w in ELEMENTS[lang]["apology"]), pub.text
                assert any(w in low for w in ELEMENTS[lang]["invite"]), pub.text
                assert "appeal_instead" in {f["code"] for f in pub.lint}
                assert not BENEFIT.search(dm.text) and not any(w in dm.text.lower() for w in ELEMENTS[lang]["apology"]), dm.text
            else:
                for element, words in ELEMENTS[lang].items():
                    assert any(w in low for w in words), (element, pub.text)
                assert any(w in low for w in SOLUTION_WORDS[lang][primary]), pub.text
            # Nothing personal in public: no nickname, no order id, no tracking number.
            assert "王" not in pub.text and ORDER_ID not in pub.text and TRACKING not in pub.text
            if primary in REMEDY_WORDS[lang] and not set(flags) & ABNORMAL:
                assert REMEDY_WORDS[lang][primary] in dm.text.lower(), dm.text
            # The review's own words never come back.
            assert review(lang)["text"] not in pub.text + dm.text
            # The first private message never mentions the review; the ask is its own draft, benefit-free.
            assert not REVIEW_ASK.search(pub.text + dm.text), (pub.text, dm.text)
            if asks:
                ask = d["review_update_request"]
                assert REVIEW_ASK.search(ask.text) and not BENEFIT.search(ask.text), ask.text
                assert ask.lang == lang and "update_ask_after_resolution" in {f["code"] for f in ask.lint}
                assert review(lang)["text"] not in ask.text and "王" not in ask.text
            if d["appeal_statement"].max_chars == 100:
                assert len(d["appeal_statement"].text) <= 100


def test_language_follows_the_review():
    zh = make_drafts(review("zh"), clf(lang="zh"), platform="tiktok", region="US", now=NOW)
    en = make_drafts(review("en"), clf(lang="en"), platform="douyin", now=NOW)
    assert all(re.search(r"[\u4e00-\u9fff]", d.text) for d in zh)
    assert all(d.lang == "en" and "Thank" in d.text or d.kind != "public_reply" for d in en)
    assert not re.search(r"[\u4e00-\u9fff]", by_kind(en)["public_reply"].text)


def test_public_reply_matches_the_seed_example_shape():
    pub = by_kind(make_drafts(review(), clf("other"), platform="douyin", variant=0, now=NOW))["public_reply"]
    # seeds/001: thanks → apology → solution → private message, in that order.
    assert pub.text.index("感谢") < pub.text.index("抱歉") < pub.text.index("私信")


def test_variants_differ_and_default_is_stable():
    texts = {by_kind(make_drafts(review(), clf(), platform="douyin", variant=v))["public_reply"].text
             for v in range(N_VARIANTS)}
    assert len(texts) == N_VARIANTS
    a = make_drafts(review(), clf(), platform="douyin", now=NOW)
    b = make_drafts(review(), clf(), platform="douyin", now=NOW)
    assert [d.text for d in a] == [d.text for d in b]
    other = [make_drafts(review(text=f"坏了{i}"), clf(), platform="douyin")[0].variant for i in range(12)]
    assert len(set(other)) > 1  # the hash actually spreads reviews over variants


def test_product_facts_are_used_and_nothing_is_invented():
    dm = by_kind(make_drafts(review(), clf("description_mismatch"), platform="douyin", order=order(), now=NOW))
    text = dm["private_message"].text
    assert "不锈钢保温杯" in text and "红色 500ml" in text and ORDER_ID in text
    # Without product/order facts the drafts fall back to generic wording and contain no numbers.
    bare = make_drafts({"text": "不好", "rating": 1}, clf("description_mismatch"), platform="douyin")
    for d in bare:
        assert not re.search(r"\d", d.text), d.text
        assert "这件商品" in d.text or d.kind != "private_message"


def test_long_title_never_breaks_the_reply_limit():
    long_title = "超长标题" * 40
    pub = by_kind(make_drafts(review(product_title=long_title), clf(), platform="douyin", now=NOW))["public_reply"]
    assert len(pub.text) <= 300
    en = by_kind(make_drafts(review("en", product_title="Very long product title word " * 10), clf(lang="en"),
                             platform="tiktok", region="US", now=NOW))["public_reply"]
    assert len(en.text) <= en.max_chars


# --------------------------------------------------------------------------- platform behaviour


def test_review_update_ask_is_separate_after_resolution_and_never_on_tiktok_us():
    for primary in COMPLAINT_TYPES:
        for v in range(N_VARIANTS):
            us = by_kind(make_drafts(review("en"), clf(primary, lang="en"), platform="tiktok", region="US", variant=v,
                                     case_status="resolved"))
            assert "review_update_request" not in us
            assert not CHANGE_ASK.search(us["private_message"].text)
    # Open case: no ask anywhere, on any platform, in any language.
    for platform, region in TARGETS:
        for lang in ("zh", "en"):
            drafts = by_kind(make_drafts(review(lang), clf(lang=lang), platform=platform, region=region, variant=0))
            assert "review_update_request" not in drafts
            assert not REVIEW_ASK.search(drafts["private_message"].text), drafts["private_message"].text
    th = by_kind(make_drafts(review("en"), clf(lang="en"), platform="tiktok", region="TH", variant=0, case_status="resolved"))
    assert "Edit Review" in th["review_update_request"].text and "Edit Review" not in th["private_message"].text
    dy = by_kind(make_drafts(review(), clf(), platform="douyin", variant=0, case_status="resolved"))
    ask = dy["review_update_request"].text
    assert "更新" in ask and "完全由您决定" in ask and not BENEFIT.search(ask)
    assert "优惠券" in dy["private_message"].text and "评价" not in dy["private_message"].text
    # Unfounded or abnormal reviews are appealed, not courted.
    assert "review_update_request" not in by_kind(make_drafts(review(), clf("malicious_or_unfounded"), platform="douyin",
                                                             case_status="resolved"))
    assert "review_update_request" not in by_kind(make_drafts(review(), clf("after_sales", ["extortion"]), platform="douyin",
                                                             case_status="resolved"))


def test_review_update_request_function_refuses_where_forbidden():
    from companion.drafting import review_update_request

    assert review_update_request(review("en"), clf(lang="en"), platform="tiktok", region="US") is None
    d = review_update_request(review("en"), clf(lang="en"), platform="tiktok", region="MY", order=order())
    assert d.kind == "review_update_request" and not has_errors(d.lint)


def test_remedies_are_never_conditional_on_the_review():
    for platform, region in TARGETS:
        for lang in ("zh", "en"):
            for v in range(N_VARIANTS):
                dm = by_kind(make_drafts(review(lang), clf("product_quality", lang=lang), platform=platform,
                                         region=region, variant=v))["private_message"]
                codes = {f["code"] for f in dm.lint}
                assert "incentive_for_review" not in codes
                assert "coupon_not_conditional" in codes
                assert not re.search(r"好评|五星|five stars?|5[ -]star", dm.text, re.I)


def test_tiktok_one_reply_note_and_taobao_explanation_window():
    tt = by_kind(make_drafts(review("en"), clf(lang="en"), platform="tiktok", region="US"))["public_reply"]
    assert {"code": "reply_once", "severity": "info"}.items() <= next(f for f in tt.lint if f["code"] == "reply_once").items()
    fu = by_kind(make_drafts(review(follow_up={"text": "追评：还是不行"}), clf(), platform="taobao", now=NOW))["public_reply"]
    assert any(f["code"] == "reply_not_allowed" and f["severity"] == "warning" for f in fu.lint)
    old = by_kind(make_drafts(review(review_time="2025-11-01 10:00:00"), clf(), platform="taobao", now=NOW))["public_reply"]
    assert any(f["code"] == "reply_not_allowed" for f in old.lint)
    fresh = by_kind(make_drafts(review(), clf(), platform="taobao", now=NOW))["public_reply"]
    assert not any(f["code"] == "reply_not_allowed" for f in fresh.lint)
    assert fresh.max_chars == 500


def test_appeal_statement_only_when_advised():
    genuine = make_drafts(review(), clf("product_quality"), platform="douyin", order=order(), now=NOW)
    assert [d.kind for d in genuine] == ["public_reply", "private_message"]
    forced = by_kind(make_drafts(review(), clf("product_quality"), platform="douyin", order=order(), now=NOW,
                                 include_unadvised_appeal=True))
    assert any(f["code"] == "not_advised" and f["severity"] == "info" for f in forced["appeal_statement"].lint)
    abusive = by_kind(make_drafts(review(), clf("malicious_or_unfounded", ["abusive_language"]), platform="douyin",
                                  order=order(), evidence=EVIDENCE, now=NOW))
    st = abusive["appeal_statement"]
    assert "评价内容中包含辱骂或不当词汇" in st.text
    assert "#13 评价截图" in st.text  # cites the evidence item by id, most relevant first
    assert len(st.text) <= 100 and st.max_chars == 100
    assert not any(f["code"] == "not_advised" for f in st.lint)


def test_douyin_appeal_fits_100_chars_with_everything_attached():
    many = [{"id": 100 + i, "kind": "mhtml", "page_kind": k, "sha256": f"{i:064x}"}
            for i, k in enumerate(["logistics", "order", "chat", "after_sales", "review", "logistics", "chat", "order"])]
    r = review(review_time="2026-01-07 08:15:00")
    c = clf("product_quality", ["false_claim"])
    for v in range(N_VARIANTS):
        st = by_kind(make_drafts(r, c, platform="douyin", order=order(), evidence=many, variant=v, now=NOW))["appeal_statement"]
        assert len(st.text) <= 100, st.text
        assert "订单签收前评价商品质量问题" in st.text
        assert not has_errors(st.lint)
        assert len(re.findall(r"#\d+", st.text)) <= 6  # Douyin: at most 6 images


def test_tiktok_appeal_is_objective_and_cites_evidence():
    c = clf("logistics", ["false_claim"], lang="en")
    st = by_kind(make_drafts(review("en", text="Never arrived!"), c, platform="tiktok", region="VN",
                             order=order(carrier="J&T"), evidence=EVIDENCE, now=NOW))["appeal_statement"]
    assert "Erroneous reviews" in st.text
    assert "#12 logistics record" in st.text
    assert "2026-01-08" in st.text  # the signed-for date comes from the order facts
    assert st.lint == []


def test_hostile_capture_fields_are_never_echoed():
    nasty = review(
        text="<script>alert(1)</script> =cmd|' /C calc'!A0",
        product_title="<img src=x onerror=alert(1)>杯子",
        sku="=cmd|' /C calc'!A0",
        buyer_nick="张三丰 13812345678",
        order_id="49123<script>",
    )
    bad_order = order(carrier="=HYPERLINK(\"http://evil\")", sign_time="<b>2026</b>")
    for platform, region in TARGETS:
        for lang in ("zh", "en"):
            drafts = make_drafts(nasty, clf("malicious_or_unfounded", ["abusive_language"], lang=lang), platform=platform,
                                 region=region, order=bad_order, evidence=EVIDENCE, now=NOW, include_unadvised_appeal=True)
            for d in drafts:
                for bad in ("<", ">", "alert", "=cmd", "calc", "HYPERLINK", "evil", "张三丰", "13812345678", "onerror"):
                    assert bad not in d.text, (bad, d.kind, d.text)
                assert not has_errors(d.lint), d.lint


# --------------------------------------------------------------------------- lint catches violations

BAD = [
    # (text, kind, platform, region, lang, expected code)
    ("亲，好评返现5元，麻烦改成五星哦", "private_message", "douyin", None, "zh", "incentive_for_review"),
    ("给个五星好评就送您一个红包", "private_message", "taobao", None, "zh", "incentive_for_review"),
    ("您把差评删除后我们马上给您退款", "private_message", "douyin", None, "zh", "incentive_for_review"),
    ("We will refund you if you change your review to 5 stars.", "private_message", "tiktok", "TH", "en", "incentive_for_review"),
    ("We'll send you a $20 gift card for 5 stars.", "private_message", "tiktok", None, "en", "incentive_for_review"),
    ("Update your review and we will give you a discount code.", "private_message", "tiktok", "VN", "en", "incentive_for_review"),
    ("Once resolved, could you please update your review?", "private_message", "tiktok", "US", "en", "review_change_request"),
    ("Would you consider removing the negative review?", "private_message", "tiktok", "US", "en", "review_change_request"),
    ("Please use Edit Review after we fix this.", "private_message", "tiktok", "US", "en", "review_change_request"),
    # A benefit and a review-change request in one text: an error, however politely worded (诱导改评).
    ("我们也想送您一张店铺优惠券表示歉意。问题处理好之后，如果您愿意，可以考虑更新评价", "private_message", "douyin", None, "zh", "benefit_with_review_request"),
    ("已为您办理退款。方便的话麻烦追评一下说明情况。", "private_message", "taobao", None, "zh", "benefit_with_review_request"),
    ("给您补发了一份，另外送您一个小礼物。如果满意的话，可以把评价改一下吗？", "private_message", "douyin", None, "zh", "benefit_with_review_request"),
    ("红包已发您，辛苦删评哈", "private_message", "douyin", None, "zh", "benefit_with_review_request"),
    ("退款已到账。问题解决后能否修改评价？完全由您决定。", "private_message", "taobao", None, "zh", "benefit_with_review_request"),
    ("我们补偿您十元现金。要是方便，也请给个五星。", "private_message", "douyin", None, "zh", "benefit_with_review_request"),
    ("感谢理解，优惠券已发放。期待您的好评！", "review_update_request", "taobao", None, "zh", "benefit_with_review_request"),
    ("We've issued a full refund. Once you're happy, would you consider updating your review? Entirely up to you.",
     "private_message", "tiktok", "TH", "en", "benefit_with_review_request"),
    ("Here is a coupon for your next order. If you have a moment, please change your review.",
     "private_message", "tiktok", "MY", "en", "benefit_with_review_request"),
    ("Sorry again! We're sending a free gift. We'd really appreciate 5 stars.", "private_message", "tiktok", None, "en",
     "benefit_with_review_request"),
    ("Your refund is on its way. Could you remove your review when you get a chance?", "review_update_request", "tiktok", "VN",
     "en", "benefit_with_review_request"),
    ("We added store credit to your account. Please edit the review if things are fine now.", "private_message", "tiktok", "TH",
     "en", "benefit_with_review_request"),
    ("Thanks! A discount code is attached. Feel free to leave us a better review.", "public_reply", "tiktok", None, "en",
     "benefit_with_review_request"),
    ("Could you please update your review?", "review_update_request", "tiktok", "US", "en", "review_change_request"),
    ("感谢反馈，请联系13812345678处理。", "public_reply", "douyin", None, "zh", "personal_data"),
    ("Thanks, we emailed jane.doe@example.com about it.", "public_reply", "tiktok", "US", "en", "personal_data"),
    ("感谢王先生的反馈，已为您处理。", "public_reply", "taobao", None, "zh", "personal_data"),
    ("已寄往浙江省杭州市西湖区文三路88号。", "public_reply", "taobao", None, "zh", "personal_data"),
    ("Dear John Smith, sorry for the delay.", "public_reply", "tiktok", None, "en", "personal_data"),
    ("您的订单4912345678901234567已处理", "public_reply", "douyin", None, "zh", "personal_data"),
    ("你自己不会用还给差评，胡说八道！", "public_reply", "douyin", None, "zh", "emotional_or_accusing"),
    ("恶意差评，我们会追究。", "public_reply", "douyin", None, "zh", "emotional_or_accusing"),
    ("You are lying, this is a scam.", "public_reply", "tiktok", "US", "en", "emotional_or_accusing"),
    ("We shipped on time!!! Read the listing!!!", "public_reply", "tiktok", None, "en", "emotional_or_accusing"),
    ("感谢反馈。" * 30, "appeal_statement", "douyin", None, "zh", "too_long"),
    ("x" * 501, "public_reply", "taobao", None, "en", "too_long"),
    ("<script>alert(1)</script>", "public_reply", "douyin", None, "en", "unsafe_content"),
    ("=HYPERLINK(\"http://x\")", "private_message", "douyin", None, "en", "unsafe_content"),
    ("Thanks for your feedback.", "public_reply", "douyin", None, "zh", "language_mismatch"),
    ("", "public_reply", "douyin", None, "zh", "empty"),
]


@pytest.mark.parametrize("text,kind,platform,region,lang,code", BAD, ids=[b[-1] + str(i) for i, b in enumerate(BAD)])
def test_lint_catches_hand_written_violations(text, kind, platform, region, lang, code):
    findings = lint_draft(text, kind=kind, platform=platform, region=region, lang=lang)
    assert code in {f["code"] for f in findings}, findings
    for f in findings:
        assert set(f) == {"code", "severity", "message"} and f["severity"] in ("error", "warning", "info")
        assert f["message"]


def test_lint_messages_follow_the_draft_language():
    zh = lint_draft("好评返现", kind="private_message", platform="douyin", lang="zh")
    en = lint_draft("cash back for review", kind="private_message", platform="douyin", lang="en")
    assert re.search(r"[\u4e00-\u9fff]", zh[0]["message"])
    assert not re.search(r"[\u4e00-\u9fff]", en[0]["message"])


def test_review_change_request_severity_depends_on_region():
    ask = "Once this is resolved, would you consider updating your review? It's entirely up to you."
    sev = lambda region: {f["code"]: f["severity"] for f in lint_draft(ask, kind="private_message", platform="tiktok", region=region, lang="en")}
    assert sev("US")["review_change_request"] == "error"
    # In a first private message the ask is out of place (warning); as its own message after resolution it is fine (info).
    assert sev("TH")["review_change_request"] == "warning"
    assert sev(None)["review_change_request"] == "warning"
    alone = lint_draft(ask, kind="review_update_request", platform="tiktok", region="TH", lang="en")
    assert [(f["code"], f["severity"]) for f in alone] == [("review_change_request", "info")]
    assert lint_draft(ask, kind="review_update_request", platform="tiktok", region="US", lang="en")[0]["severity"] == "error"
    pub = lint_draft(ask, kind="public_reply", platform="douyin", lang="en")
    assert {"code": "review_change_request", "severity": "warning"}.items() <= pub[0].items()


def test_remedy_alone_is_fine_but_never_next_to_a_review_ask():
    ok = [
        "We'll refund you regardless of your review.",
        "您好，很抱歉。核实后我们为您退款或换货，另送一张优惠券表示歉意。",
        "We've issued a refund, and here's a shop coupon as an apology.",
        "问题处理好了，如果您觉得满意，可以考虑更新一下评价，完全由您决定。",  # the ask alone, no benefit
    ]
    for text in ok:
        codes = {f["code"] for f in lint_draft(text, kind="private_message", platform="douyin")}
        assert not codes & {"incentive_for_review", "benefit_with_review_request"}, (text, codes)
    # "Entirely up to you" does not make a benefit next to a review ask acceptable.
    for text in ("我们为您准备了一张优惠券表示歉意。问题解决后，可以考虑更新一下评价，完全由您决定。",
                 "无论您是否修改评价，退款都会照常为您办理。"):
        findings = lint_draft(text, kind="private_message", platform="douyin", lang="zh")
        assert {"code": "benefit_with_review_request", "severity": "error"}.items() <= \
            next(f for f in findings if f["code"] == "benefit_with_review_request").items()
        assert has_errors(findings)
    # An appeal may describe the buyer's extortion without being flagged as our incentive.
    st = "The buyer demanded a refund in exchange for removing the review. Evidence: #14 chat transcript."
    assert lint_draft(st, kind="appeal_statement", platform="tiktok", lang="en", facts={"e": "14"}) == []


def test_benefit_with_review_request_is_an_error_everywhere():
    for (text, kind, platform, region, lang, code) in BAD:
        if code != "benefit_with_review_request":
            continue
        for p, r in TARGETS:
            findings = lint_draft(text, kind=kind, platform=p, region=r, lang=lang)
            assert any(f["code"] == code and f["severity"] == "error" for f in findings), (text, p, r, findings)


def test_unsupported_fact():
    facts = {"order.order_id": ORDER_ID, "order.price": "39.90", "evidence.0": "12"}
    good = lint_draft(f"订单号{ORDER_ID}，价格39.90元，证据#12。", kind="appeal_statement", platform="douyin", facts=facts)
    assert not any(f["code"] == "unsupported_fact" for f in good)
    bad = lint_draft("已于3天前签收，运单号YT7788990011。", kind="appeal_statement", platform="douyin", facts=facts)
    hit = next(f for f in bad if f["code"] == "unsupported_fact")
    assert hit["severity"] == "error" and "7788990011" in hit["message"] and "3" in hit["message"]
    # No facts given → the check is skipped rather than guessing.
    assert not any(f["code"] == "unsupported_fact" for f in lint_draft("3天", kind="appeal_statement", platform="douyin"))


# --------------------------------------------------------------------------- appeal advice

DOUYIN_CASES = [
    # (classification kwargs, review overrides, order overrides, expected code)
    (dict(primary="malicious_or_unfounded", flags=["abusive_language"]), {}, {}, "report_reason_low_politics_guns"),
    (dict(primary="malicious_or_unfounded", flags=["ad_or_spam"]), {}, {}, "report_reason_evaluate_advertise"),
    (dict(primary="malicious_or_unfounded", flags=["irrelevant_to_product"]), {}, {}, "report_reason_evaluate_product_other_shop"),
    (dict(primary="after_sales", flags=["extortion"]), {}, {}, "report_reason_negative_comment_compensation"),
    (dict(primary="product_quality", flags=["false_claim"]), {"review_time": "2026-01-07 09:00:00"}, {}, "report_reason_before_signing_evaluate"),
    (dict(primary="product_quality"), {"review_time": "2026-01-07 09:00:00"}, {}, "report_reason_before_signing_evaluate"),
    (dict(primary="other", sentiment="positive"), {"text": "很好用，物流也快，推荐", "rating": 1}, {}, "report_reason_fake_negative_comment"),
    (dict(primary="malicious_or_unfounded"), {"text": "同行来踩一下，垃圾"}, {}, "report_reason_business_evil_compete"),
    (dict(primary="description_mismatch"), {"text": "我自己买错型号了，不合适"}, {}, "report_reason_wrong_size"),
    (dict(primary="price"), {"text": "刚买就降价了，差价不退"}, {}, "report_reason_platform_voucher"),
    (dict(primary="malicious_or_unfounded"), {"text": "垃圾"}, {}, "report_reason_evaluate_product_other_shop"),
    # extortion wins over abuse: the stronger, evidence-backed reason comes first
    (dict(primary="malicious_or_unfounded", flags=["abusive_language", "extortion"]), {}, {}, "report_reason_negative_comment_compensation"),
]


@pytest.mark.parametrize("ckw,rkw,okw,code", DOUYIN_CASES, ids=[c[-1] + str(i) for i, c in enumerate(DOUYIN_CASES)])
def test_advice_picks_the_douyin_reason(ckw, rkw, okw, code):
    c = clf(ckw["primary"], ckw.get("flags", ()), sentiment=ckw.get("sentiment", "negative"))
    adv = appeal_advice(c, review(**rkw), platform="douyin", order=order(**okw), evidence=EVIDENCE, now=NOW)
    assert adv["reason_code"] == code
    assert adv["worth_appealing"] is True
    assert adv["reason_label"] in {r["label_zh"] for r in load_rules("douyin")["appeal_reasons"]}


def test_genuine_complaints_are_not_appealed():
    for primary in ("product_quality", "logistics", "service_attitude", "description_mismatch", "after_sales"):
        adv = appeal_advice(clf(primary), review(), platform="douyin", order=order(), now=NOW)
        assert adv["worth_appealing"] is False and adv["reason_code"] is None
        assert "不建议申诉" in adv["why"]
    en = appeal_advice(clf("logistics", lang="en"), review("en"), platform="tiktok", region="US", order=order(), now=NOW)
    assert en["worth_appealing"] is False and "not advised" in en["why"]


def test_other_platform_reasons():
    tt = lambda flags, **kw: appeal_advice(clf("malicious_or_unfounded", flags, lang="en"), review("en", **kw),
                                           platform="tiktok", region="TH", now=NOW)["reason_code"]
    assert tt(["extortion"]) == "coercive"
    assert tt(["ad_or_spam"]) == "traffic_diversion"
    assert tt(["false_claim"]) == "erroneous"
    assert tt(["irrelevant_to_product"]) == "invalid"
    assert tt([], text="a competitor shop paid me") == "competitor"
    assert tt([], buyer_negative_reviews=3) == "multiple_malicious"
    tb = lambda flags: appeal_advice(clf("malicious_or_unfounded", flags), review(), platform="taobao", now=NOW)
    assert tb(["privacy_leak"])["reason_label"] == "泄露隐私"
    assert tb(["abusive_language"])["reason_label"] == "不文明用语"
    assert tb(["extortion"])["reason_label"] == "以差评谋求不正当利益"
    assert tb(["ad_or_spam"])["reason_label"] == "广告垃圾信息"
    # Grounds but no matching Taobao type: still worth appealing, with the caveat spelled out.
    loose = tb(["irrelevant_to_product"])
    assert loose["worth_appealing"] and loose["reason_code"] is None and "没有完全对应" in loose["why"]
    assert "未经核实" in loose["why"]  # Taobao's window is an unverified default


def test_deadline_maths():
    c = clf("malicious_or_unfounded", ["abusive_language"])
    adv = appeal_advice(c, review(review_time="2026-01-10 10:00:00"), platform="douyin", now=NOW)
    assert adv["deadline"] == "2026-02-09T10:00:00+08:00"  # naive review time taken in now's zone
    assert adv["days_left"] == pytest.approx(28.04, abs=0.01)  # 2026-01-12 09:00 → 2026-02-09 10:00
    late = appeal_advice(c, review(review_time="2025-12-01 10:00:00"), platform="douyin", now=NOW)
    assert late["worth_appealing"] is False and late["verdict"] == "expired"
    assert late["days_left"] is None and late["expired_on"] == "2025-12-31"
    assert late["why"].startswith("申诉期已于2025-12-31截止") and "建议申诉" not in late["why"]
    assert late["reason_code"] == "report_reason_low_politics_guns"  # still says what it would have been
    iso = appeal_advice(c, review(review_time="2026-01-10T02:00:00+00:00"), platform="tiktok", region="MY", now=NOW)
    assert iso["deadline"] == "2026-02-09T02:00:00+00:00"
    tt = appeal_advice(c, review(review_time="Jan 10, 2026 | Edited 1 day ago"), platform="tiktok", region="VN", now=NOW)
    assert tt["deadline"].startswith("2026-02-09")
    unknown = appeal_advice(c, review(review_time=None), platform="douyin", now=NOW)
    assert unknown["deadline"] is None and unknown["days_left"] is None and "评价时间未知" in unknown["why"]


def test_douyin_empty_text_and_one_report_per_order():
    c = clf("malicious_or_unfounded")
    empty = appeal_advice(c, review(text=""), platform="douyin", now=NOW)
    assert empty["worth_appealing"] is False and empty["verdict"] == "not_recommended" and "驳回" in empty["why"]
    assert empty["why"].startswith("暂不建议申诉") and "建议申诉，" not in empty["why"]
    ok = appeal_advice(clf("malicious_or_unfounded", ["ad_or_spam"]), review(), platform="douyin", now=NOW)
    assert "每个订单只能举报一次" in ok["why"]
    assert ok["limits"]["appeal_desc_max_chars"] == 100 and ok["limits"]["evidence_max_files"] == 6
    assert any(s["key"] == "appeal_desc_max_chars" and "100" in s["source"] for s in ok["sources"])


def test_evidence_missing_and_have():
    c = clf("product_quality", ["false_claim"])
    adv = appeal_advice(c, review(review_time="2026-01-07 09:00:00"), platform="douyin", order=order(),
                        evidence=[{"id": 1, "kind": "screenshot", "sha256": "a" * 64}], now=NOW)
    assert adv["evidence_have"] == ["review_screenshot"]
    # What 订单签收前评价 needs (logistics, order, review screenshot), not the product-quality list (no QC report).
    assert adv["evidence_needed"] == ["order", "review_screenshot", "logistics"]
    assert adv["evidence_missing"] == ["order", "logistics"]
    assert "还缺证据" in adv["why"]


def test_every_template_renders_without_leftover_placeholders():
    """Render every slot of every template with every variant through the real drafting paths."""
    for lang in ("zh", "en"):
        t = templates(lang)
        assert len(t["public_reply"]["thanks"]) == N_VARIANTS
        for primary in COMPLAINT_TYPES:
            assert len(t["public_reply"]["solution"][primary]) == N_VARIANTS
            assert len(t["private_message"]["questions"][primary]) == N_VARIANTS
        for basis in t["appeal_statement"]["basis"]:
            assert len(t["appeal_statement"]["basis"][basis]) == N_VARIANTS
        # No digits in templates: numbers must come from the capture.
        for section in ("public_reply", "private_message", "appeal_statement", "refs"):
            assert not re.search(r"\d", repr(t[section])), section
    bases = {
        "extortion": dict(flags=["extortion"]), "abusive_language": dict(flags=["abusive_language"]),
        "privacy_leak": dict(flags=["privacy_leak"]), "ad_or_spam": dict(flags=["ad_or_spam"]),
        "irrelevant_to_product": dict(flags=["irrelevant_to_product"]), "false_claim": dict(flags=["false_claim"]),
        "competitor_mentioned": dict(text="同行 competitor"), "review_before_sign": dict(review_time="2026-01-07 09:00:00"),
        "praise_with_low_rating": dict(sentiment="positive", text="很好 great"), "wrong_model_mentioned": dict(text="买错 wrong size"),
        "price_drop_mentioned": dict(primary="price", text="降价 price drop"), "repeat_buyer_malicious": dict(buyer_negative_reviews=5),
        "sensitive_content_mentioned": dict(text="赌博"), "malicious_or_unfounded": dict(),
    }
    assert set(bases) == set(templates("zh")["appeal_statement"]["basis"])
    seen = set()
    for basis, kw in bases.items():
        primary = kw.get("primary", "malicious_or_unfounded" if basis != "review_before_sign" else "product_quality")
        c = clf(primary, kw.get("flags", ()), sentiment=kw.get("sentiment", "negative"))
        rkw = {k: v for k, v in kw.items() if k in ("text", "review_time", "buyer_negative_reviews")}
        for platform, region in TARGETS:
            adv = appeal_advice(c, review(**rkw), platform=platform, region=region, order=order(), now=NOW)
            seen.add(adv["basis"])
            for v in range(N_VARIANTS):
                for d in make_drafts(review(**rkw), c, platform=platform, region=region, order=order(), evidence=EVIDENCE,
                                     variant=v, now=NOW, include_unadvised_appeal=True):
                    assert not PLACEHOLDER.search(d.text), d.text
                    assert not has_errors(d.lint), (d.text, d.lint)
    seen.discard(None)  # e.g. review_before_sign is no ground on TikTok/Taobao
    assert seen == set(bases)


def test_accepts_pydantic_models_and_dicts():
    """The API holds Review/OrderFacts/EvidenceItem models and stored classification dicts."""
    from companion.models import EvidenceItem, OrderFacts, Review

    rv = Review(review_id="r1", order_id=ORDER_ID, product_title="保温杯", text="垃圾", rating=1,
                review_time="2026-01-10 10:00:00")
    od = OrderFacts(order_id=ORDER_ID, sign_time="2026-01-08 12:00:00")
    ev = EvidenceItem(id=7, case_id=1, capture_id="cap-00001", kind="screenshot", media_type="image/png",
                      sha256="f" * 64, size=10, source_url=None, captured_at="2026-01-10T10:00:00Z",
                      stored_at="2026-01-10T10:00:01Z", version=1, url="/api/v1/evidence/7/file")
    c = clf("malicious_or_unfounded", ["abusive_language"]).model_dump()
    drafts = by_kind(make_drafts(rv, c, platform="douyin", order=od, evidence=[ev], now=NOW))
    assert "#7 评价截图" in drafts["appeal_statement"].text
    adv = appeal_advice(c, rv, platform="douyin", order=od, evidence=[ev], now=NOW)
    assert adv["evidence_have"] == ["review_screenshot"] and adv["worth_appealing"]


def test_sound_seller_texts_are_clean():
    """No false alarms on the kind of text DOMAIN.md recommends."""
    good = [
        ("感谢您的反馈，非常抱歉我们的产品没有达到您的期望。我们已私信您，希望能为您解决这个问题。", "public_reply", "zh"),  # seeds/001
        ("尊敬的先生，感谢您的反馈，给您带来不便非常抱歉，我们会为您补发。", "public_reply", "zh"),
        ("We're sorry about the delay. Please message us and we'll arrange a replacement.", "public_reply", "en"),
        ("您好，很抱歉。核实后我们为您退款或换货，另送一张优惠券表示歉意。", "private_message", "zh"),
    ]
    for text, kind, lang in good:
        for platform, region in TARGETS:
            findings = lint_draft(text, kind=kind, platform=platform, region=region, lang=lang, facts={})
            assert not has_errors(findings), (text, platform, region, findings)


# --------------------------------------------------------------------------- drafts grounded in the capture

ASKS_ARRIVAL = re.compile(r"是否已收到|是否已送达|收到包裹时的状态|has the parcel arrived|arrived yet|current state of the parcel|"
                          r"how was the parcel when it arrived", re.I)
ASKS_WHAT = re.compile(r"哪里出了问题|具体遇到了什么|描述一下问题|哪里不一致|哪里让您不满意|说说当时的情况|what exactly went wrong|"
                       r"describe the problem|what went wrong|what differs|what happened", re.I)
OFFERS_REFUND = re.compile(r"为您(办理)?退款|安排退款|退款、换货|退款或|或退款|可以为您退款|refund, replace|or refund|a refund or|"
                           r"refund or exchange|can refund|we'll refund", re.I)


def sit_drafts(platform="douyin", region=None, lang="zh", primary="product_quality", flags=(), confidence=None, **kw):
    c = clf(primary, flags, lang)
    if confidence:
        c = c.model_copy(update={"confidence": confidence})
    rv = review(lang, **kw.pop("rv", {}))
    return by_kind(make_drafts(rv, c, platform=platform, region=region, order=kw.pop("od", order()), now=NOW, **kw))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_existing_seller_reply_is_not_answered_again(lang):
    answered = {"seller_reply": "您好，已私信您处理" if lang == "zh" else "Hi, we have messaged you."}
    for platform, region in (("tiktok", "US"), ("tiktok", "TH"), ("taobao", None)):  # one reply per review
        d = sit_drafts(platform, region, lang, rv=answered)
        assert "public_reply" not in d
        note = next(f for f in d["private_message"].lint if f["code"] == "already_replied")
        assert note["severity"] == "warning" and note["message"]
    d = sit_drafts("douyin", None, lang, rv=answered)  # Douyin takes more than one reply: an addition only
    pub = d["public_reply"]
    assert any(f["code"] == "already_replied" and f["severity"] == "warning" for f in pub.lint)
    assert not any(w in pub.text.lower() for w in ELEMENTS[lang]["apology"]), pub.text
    assert pub.text.startswith("补充") if lang == "zh" else pub.text.startswith("Update:")
    assert not has_errors(pub.lint)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_a_parcel_that_arrived_broken_is_not_asked_about_arrival(lang):
    text = "收到的时候杯子已经碎了，外箱也压扁了" if lang == "zh" else "The tumbler arrived shattered and the box was crushed."
    for primary in ("logistics", "product_quality"):
        for v in range(N_VARIANTS):
            dm = sit_drafts(lang=lang, primary=primary, rv={"text": text}, variant=v, od=order(sign_time=None))["private_message"]
            assert not ASKS_ARRIVAL.search(dm.text), dm.text
            assert not ASKS_WHAT.search(dm.text), dm.text
            assert ("照片" in dm.text) if lang == "zh" else ("photo" in dm.text.lower()), dm.text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_never_received_follows_the_tracking(lang):
    text = "等了半个月一直没收到货" if lang == "zh" else "Never received my order, two weeks and nothing."
    transit = order(sign_time=None, status="运输中" if lang == "zh" else "In transit")
    for v in range(N_VARIANTS):
        dm = sit_drafts(lang=lang, primary="logistics", rv={"text": text}, od=transit, variant=v)["private_message"]
        assert not ASKS_ARRIVAL.search(dm.text) and re.search(r"途中|路上|还没有签收|on its way|in transit|hasn't been delivered", dm.text), dm.text
        signed = sit_drafts(lang=lang, primary="logistics", rv={"text": text}, variant=v)["private_message"]
        assert "2026-01-08" in signed.text and re.search(r"签收|delivered", signed.text), signed.text
        assert not has_errors(signed.lint), signed.lint
    # 待签收 / 派送中 are not delivered even when a tracking event is listed.
    pending = order(sign_time=None, tracking_events=[{"time": "2026-01-08 09:00:00", "text": "快件派送中，待签收"}])
    dm = sit_drafts(primary="logistics", rv={"text": "一直没收到货"}, od=pending, variant=0)["private_message"]
    assert "途中" in dm.text and "已签收" not in dm.text, dm.text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_after_sales_state_refund_done_and_exchange_pending(lang):
    """A broken juicer whose fault is described, refund done, and a follow-up saying the exchange is stuck."""
    rv = {"text": "榨汁机用了两次电机就不转了，按键也失灵" if lang == "zh" else "The juicer's motor stopped working after two uses.",
          "follow_up": {"text": "换货到现在还没寄出来" if lang == "zh" else "The exchange is still stuck, nothing shipped."}}
    record = {"aftersale_type": "退货退款" if lang == "zh" else "Return and refund",
              "aftersale_status": "退款成功" if lang == "zh" else "Refund successful", "timeline": []}
    for v in range(N_VARIANTS):
        d = sit_drafts(lang=lang, rv=rv, after_sales=record, variant=v)
        dm, pub = d["private_message"], d["public_reply"]
        assert not ASKS_WHAT.search(dm.text), dm.text
        assert not OFFERS_REFUND.search(dm.text) and not OFFERS_REFUND.search(pub.text), (dm.text, pub.text)
        assert re.search(r"换货|exchange", dm.text, re.I) and re.search(r"换货|exchange", pub.text, re.I)
        codes = {f["code"] for f in dm.lint}
        assert {"refund_done", "exchange_pending"} <= codes and not has_errors(dm.lint)
    # Refund done, nothing else pending: no refund offered again.
    done = sit_drafts(lang=lang, rv={"text": rv["text"]}, after_sales=record, variant=0)
    assert not OFFERS_REFUND.search(done["private_message"].text + done["public_reply"].text)
    # A refund still in progress: promise to handle it, not to "consider" one.
    pend = sit_drafts(lang=lang, rv={"text": rv["text"]}, variant=1,
                      after_sales={"aftersale_type": "仅退款" if lang == "zh" else "Refund only",
                                   "aftersale_status": "待商家处理" if lang == "zh" else "Pending seller review"})
    assert re.search(r"退款申请|退款我们|refund request|your refund", pend["private_message"].text, re.I), pend["private_message"].text


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_stated_fault_gets_photos_only_and_vague_review_may_be_asked(lang):
    for primary in ("product_quality", "description_mismatch", "service_attitude", "after_sales", "price"):
        for v in range(N_VARIANTS):
            dm = sit_drafts(lang=lang, primary=primary, variant=v)["private_message"]  # the default review states the fault
            assert not ASKS_WHAT.search(dm.text), (primary, dm.text)
    vague = sit_drafts(lang=lang, primary="product_quality", rv={"text": "差" if lang == "zh" else "Bad."}, variant=1)
    assert ASKS_WHAT.search(vague["private_message"].text)


@pytest.mark.parametrize("flag", ["ad_or_spam", "irrelevant_to_product", "abusive_language", "extortion"])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_abnormal_review_gets_a_neutral_reply_and_the_appeal(flag, lang):
    d = sit_drafts(lang=lang, primary="malicious_or_unfounded" if flag != "extortion" else "after_sales", flags=[flag])
    pub, dm = d["public_reply"], d["private_message"]
    assert not any(w in pub.text.lower() for w in ELEMENTS[lang]["apology"] + ("价格", "price", "批次", "batch")), pub.text
    assert len(pub.text) < (60 if lang == "zh" else 160)
    assert any(f["code"] == "appeal_instead" for f in pub.lint)
    assert not BENEFIT.search(dm.text) and "coupon_not_conditional" not in {f["code"] for f in dm.lint}, dm.text
    assert "appeal_statement" in d  # the panel proposes the appeal
    # A low-confidence flag is not acted on: the review is treated as a genuine complaint.
    low = sit_drafts(lang=lang, primary="product_quality", flags=[flag], confidence={flag: 0.4})
    assert any(w in low["public_reply"].text.lower() for w in ELEMENTS[lang]["apology"])
    assert "appeal_instead" not in {f["code"] for f in low["public_reply"].lint}


def test_grounded_drafts_keep_every_guarantee_everywhere():
    """Every situation × platform/region × language × variant: no lint errors, no placeholders, no echo."""
    situations = [
        dict(rv={"seller_reply": "已回复"}),
        dict(rv={"text": "收到就碎了 arrived shattered"}, primary="logistics"),
        dict(rv={"text": "一直没收到 never received"}, primary="logistics", od=order(sign_time=None, status="派送中")),
        dict(rv={"text": "一直没收到 never received"}, primary="logistics"),
        dict(after_sales={"aftersale_type": "换货", "aftersale_status": "处理中"}),
        dict(after_sales={"aftersale_type": "退款", "aftersale_status": "退款成功"}, rv={"follow_up": {"text": "换货还没寄"}}),
        dict(primary="malicious_or_unfounded", flags=["ad_or_spam"]),
        dict(primary="after_sales", flags=["extortion"]),
    ]
    for platform, region in TARGETS:
        for lang in ("zh", "en"):
            for kw in situations:
                for v in range(N_VARIANTS):
                    d = sit_drafts(platform, region, lang, variant=v, include_unadvised_appeal=True, case_status="resolved",
                                   **{k: (dict(val) if isinstance(val, dict) else val) for k, val in kw.items()})
                    for draft in d.values():
                        assert not has_errors(draft.lint), (draft.kind, draft.text, draft.lint)
                        assert not PLACEHOLDER.search(draft.text), draft.text
                        assert "王" not in draft.text
                        if draft.kind != "appeal_statement":
                            assert not (BENEFIT.search(draft.text) and REVIEW_ASK.search(draft.text)), draft.text
                            for frag in ("碎", "shattered", "never received", "一直没收到", "换货还没寄"):
                                assert frag not in draft.text, (frag, draft.text)


# --------------------------------------------------------------------------- one consistent verdict

HEADING_SAYS_APPEAL = re.compile(r"(?<!不)建议申诉，|Appeal recommended", re.I)


def test_verdict_and_text_always_agree():
    """Every type × flag × platform/region × language × review time × text: one verdict, a why that matches it."""
    times = ["2026-01-10 10:00:00", "2025-06-01 10:00:00", None]
    for platform, region in TARGETS:
        for lang in ("zh", "en"):
            for primary in COMPLAINT_TYPES:
                for flags in ([], FLAGS_FOR[primary], ["ad_or_spam"]):
                    for rt in times:
                        for text in ("", "垃圾" if lang == "zh" else "junk"):
                            adv = appeal_advice(clf(primary, flags, lang), review(lang, review_time=rt, text=text),
                                                platform=platform, region=region, order=order(), now=NOW)
                            assert adv["verdict"] in ("recommended", "not_recommended", "expired")
                            assert adv["worth_appealing"] is (adv["verdict"] == "recommended")
                            said = HEADING_SAYS_APPEAL.search(adv["why"])
                            assert bool(said) == (adv["verdict"] == "recommended" and adv["reason_code"] is not None), adv
                            if adv["verdict"] == "expired":
                                assert adv["days_left"] is None and adv["expired_on"]
                                assert adv["expired_on"] in adv["why"]
                            if adv["days_left"] is not None:
                                assert adv["days_left"] >= 0
                            assert set(adv["evidence_missing"]) <= set(adv["evidence_needed"])


def test_empty_one_star_review_on_douyin_is_not_advised_in_heading_and_text():
    adv = appeal_advice(clf("malicious_or_unfounded"), review(text="", rating=1), platform="douyin", now=NOW)
    assert adv["verdict"] == "not_recommended"
    assert "建议申诉，" not in adv["why"] and "暂不建议申诉" in adv["why"]


def test_tiktok_expired_window_says_the_date_not_zero_days():
    adv = appeal_advice(clf("malicious_or_unfounded", ["ad_or_spam"], lang="en"),
                        review("en", review_time="Feb 3, 2025"), platform="tiktok", region="US", now=NOW)
    assert adv["verdict"] == "expired" and not adv["worth_appealing"]
    assert "expired on 2025-03-05" in adv["why"] and "recommended" not in adv["why"].lower()
    assert adv["days_left"] is None


def test_evidence_follows_the_chosen_reason():
    # A phone-number leak: the review screenshot and the order, never a QC report.
    leak = appeal_advice(clf("product_quality", ["privacy_leak"]), review(), platform="douyin", now=NOW)
    assert leak["reason_code"] == "report_reason_low_politics_guns"
    assert leak["evidence_needed"] == ["order", "review_screenshot"]
    assert "qc_report" not in leak["evidence_missing"] and "质检报告" not in leak["why"]
    # Extortion: the chat showing the demand.
    ext = appeal_advice(clf("after_sales", ["extortion"], lang="en"), review("en"), platform="tiktok", region="TH", now=NOW)
    assert ext["evidence_needed"] == ["order", "review_screenshot", "chat"]
    # A genuine complaint keeps the complaint type's checklist (it is resolved, not appealed).
    genuine = appeal_advice(clf("product_quality"), review(), platform="douyin", now=NOW)
    assert "qc_report" in genuine["evidence_needed"] and genuine["verdict"] == "not_recommended"
    from companion.drafting import evidence_checklist

    rows = evidence_checklist("product_quality", ["screenshot"], "zh", ids=leak["evidence_needed"])
    assert [r["id"] for r in rows] == ["order", "review_screenshot"] and rows[1]["have"]


def test_low_confidence_flag_is_never_grounds_for_an_appeal():
    for platform, region in TARGETS:
        for flag in ("ad_or_spam", "privacy_leak", "abusive_language", "extortion", "irrelevant_to_product", "false_claim"):
            c = clf("product_quality", [flag]).model_copy(update={"confidence": {flag: 0.55, "product_quality": 0.8}})
            adv = appeal_advice(c, review(), platform=platform, region=region, order=order(), now=NOW)
            assert adv["verdict"] == "not_recommended" and adv["reason_code"] is None, (platform, flag, adv)
            assert adv["low_confidence_flags"] == [flag] and "把握不高" in adv["why"]
            drafts = by_kind(make_drafts(review(), c, platform=platform, region=region, order=order(), now=NOW))
            assert "appeal_statement" not in drafts
            sure = clf("product_quality", [flag]).model_copy(update={"confidence": {flag: 0.6}})
            assert appeal_advice(sure, review(), platform=platform, region=region, order=order(), now=NOW)["grounds"]
