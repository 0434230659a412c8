"""Spec suite of the appeal-flag families and of "never accuse without grounds".

Every text here is written for this suite (none comes from any data set). Each family has
positives and hard negatives: texts that look close but must stay unflagged, because a flag puts
an appeal — an accusation — in front of the seller.
"""

from __future__ import annotations

import pytest

from companion.classifier import classify

FAMILIES = {
    "ad_or_spam": [
        "质量太差了，想要好货的联系我QQ 2938475610",
        "便宜好货看这里 www.haohuo-88.com",
        "东西一般，https://t.cn/A6xYz9 这家更便宜",
        "加V：shopgirl_2024 内部优惠券随便领",
        "需要的加薇信 1 3 8 0 0 1 3 8 0 0 0 私聊",
        "扣扣号二九三八四七五六一零，进群领红包",
        "招刷单兼职，日结200，有意私聊",
        "低价出京东E卡和话费充值卡，需要的私我",
        "别在这家买了，某宝搜‘小鹿家居’，同款半价",
        "Cheap AirPods here, DM me on Telegram @gadgetdeals",
        "Visit my store for the same thing at half price!",
        "Selling gift cards 30% off, whatsapp +1 415 555 0199",
        "Earn $300 a day working from home, link in bio",
        "Murah gila! Hubungi WhatsApp 0123456789 untuk promo",
        "Use my referral code SAVE50 for a discount on everything",
    ],
    "privacy_leak": [
        "送到北京市朝阳区建国路88号3栋2单元501室，结果还是坏的",
        "我电话13912345678，有问题直接打",
        "我的手机号是一三九一二三四五六七八，你们客服为什么不回电",
        "身份证都填了110101199003074514还说我信息不全",
        "快递员王建国态度很差，东西直接扔门口",
        "收件人：李秀英，我妈说根本没收到",
        "联系我邮箱 buyer.zhang@example.com 处理退款",
        "Call me at (415) 555-0134 about this broken kettle",
        "The driver, Michael Johnson, threw the box over the fence",
        "my name is emma watson and i want my money back",
        "ship it again to 1200 maple street apt 4, the first one was damaged",
    ],
    "abusive_language": [
        "垃圾东西，卖家就是骗子，脑子有病才会再来买，滚！",
        "你们这些傻逼卖的什么破东西",
        "客服是智障吗，问三遍都听不懂",
        "tmd 用了一天就坏了",
        "什么玩意儿，sb店家",
        "傻X商家，退钱",
        "nmsl，发的什么垃圾",
        "这家店老板不得好死",
        "This s*** is total garbage and so are you",
        "What a f***ing joke, broke in a day",
        "The seller is a complete moron",
        "Customer service are a bunch of idiots",
        "Screw you and your fake reviews",
    ],
    "extortion": [
        "不给我补偿五十块钱，这个差评就一直挂着",
        "返20块就改好评，不返就一直差评",
        "赔我两百精神损失费，不然天天追评",
        "给我发个100元红包我就把差评删了",
        "要么再免费寄一台，要么我把一星挂到底",
        "双倍赔偿，否则我所有商品都去给差评",
        "Pay me $50 and I'll change it to 5 stars.",
        "Refund me double or I'll leave 1 star on every listing you have.",
        "Send me a free one and I will update my review, otherwise it stays at one star.",
        "I will remove this review if you give me a $30 gift card.",
    ],
    "irrelevant_to_product": [
        "凑字数凑字数凑字数凑字数凑字数",
        "为了积分随便写写，不知道说什么",
        "嘤嘤嘤嘤嘤嘤嘤嘤嘤嘤嘤嘤",
        "这条评价是给上一单的，这单还没用",
        "asdfghjkl qwrtzp",
        "转发抽奖 @小明 快来",
        "Writing this for the points, lorem ipsum blah blah",
    ],
}

# Texts that must carry NO flag at all: angry, escalating or full of numbers, but legitimate.
HARD_NEGATIVES = [
    "已经打了12315投诉，再不处理就去工商举报",
    "假货！我要去市场监管局投诉你们",
    "不退款我就投诉到平台",
    "要求退款，东西根本不能用",
    "申请退货退款，质量太差了",
    "再也不会买了，差评",
    "垃圾产品，用了两天就坏了，骗人的东西",
    "客服电话打不通，打了十几次",
    "订单号 6923451234567890123 一直没发货",
    "订单号110101199003074514，到现在都没发货",
    "运单号SF1402938475610显示还在转运",
    "iPhone 15 Pro Max 256G 买回来就发烫",
    "买的42码发来40码，鞋子退了",
    "2026年11月3日下单，11月20日才到，太慢了",
    "花了1399买的，一周就降到999",
    "才用了3天，电池从100%掉到20%只要两小时",
    "This is junk. I want a full refund.",
    "I filed a chargeback with my bank.",
    "Reported this seller to the BBB, it's a counterfeit.",
    "Never buying from this store again, 1 star.",
    "Called customer service at the number on the box and nobody answered.",
    "Order #4900000000000000777 never shipped.",
    "I gave one star because the lid cracked after a week.",
    "If this isn't fixed I will leave a bad review.",
    "客服说给我返5块让我改好评，我没理",
    "快递小哥很好，一星给产品",
    "客服张口就骂人，态度太差",
    "Size 10 shoes arrived in size 8, 2 weeks late.",
    "The 3.5mm jack stopped working after 30 days.",
    "质量一般，凑合用吧",
]


@pytest.mark.parametrize("flag,text", [(f, t) for f, texts in FAMILIES.items() for t in texts])
def test_flag_family_positive(flag, text):
    c = classify(text, rating=1)
    assert flag in c.appeal_flags, (text, c.appeal_flags, c.reasons)


@pytest.mark.parametrize("text", HARD_NEGATIVES)
def test_hard_negative_carries_no_flag(text):
    c = classify(text, rating=1)
    assert c.appeal_flags == [], (text, c.appeal_flags, c.reasons)


def test_escalation_is_risk_not_extortion():
    c = classify("已经打了12315投诉，再不处理就去工商举报", rating=1)
    assert c.escalation_risk and "extortion" not in c.appeal_flags
    assert c.primary != "malicious_or_unfounded"


# --------------------------------------------------------------------------- never accuse without grounds

SIGNED = {"status": "已签收", "ship_time": "2026-11-01 10:00:00", "sign_time": "2026-11-03 18:20:00"}


@pytest.mark.parametrize("order", [
    {"status": "未签收", "ship_time": "2026-11-01 10:00:00"},
    {"status": "待签收", "ship_time": "2026-11-01 10:00:00"},
    {"status": "派送中", "ship_time": "2026-11-01 10:00:00"},
    {"status": "运输中", "tracking_events": [{"time": "2026-11-02 08:00:00", "text": "快件已到达【杭州转运中心】"}]},
    {"status": "Not delivered", "ship_time": "2026-11-01 10:00:00"},
    {"status": "Out for delivery"},
    {"status": "in transit", "tracking_events": [{"time": "2026-11-03 09:00:00", "text": "Delivery attempted, no one home"}]},
    {"status": "已发货", "tracking_events": [{"time": "2026-11-03 09:00:00", "text": "已签收"},
                                          {"time": "2026-11-05 09:00:00", "text": "买家拒收，包裹退回"}]},
    {"status": "Returned to sender"},
    {},
])
def test_not_received_is_never_false_claim_without_a_delivery(order):
    for text in ("货到现在都没见着，差评", "It never arrived and nobody answers me."):
        c = classify(text, rating=1, order=order)
        assert "false_claim" not in c.appeal_flags, (text, order, c.reasons)


def test_not_received_against_a_signed_delivery_is_false_claim():
    c = classify("货到现在都没见着，差评", rating=1, order=SIGNED)
    assert "false_claim" in c.appeal_flags


@pytest.mark.parametrize("text", [
    "物流显示已签收，可我根本没收到，被人冒领了",
    "Tracking says delivered but I never got it, someone stole it",
    "没收到货，物流信息是假的",
])
def test_buyer_disputing_the_delivery_is_not_lying(text):
    c = classify(text, rating=1, order=SIGNED)
    assert "false_claim" not in c.appeal_flags, (text, c.reasons)


def test_quality_review_with_unknown_delivery_is_not_accused():
    # No sign time and a status that does not say "not delivered": nothing contradicts the buyer.
    order = {"status": "已发货", "ship_time": "2026-11-01 10:00:00", "review_time": "2026-11-04 10:00:00"}
    c = classify("质量太差，一用就坏", rating=1, order=order)
    assert "false_claim" not in c.appeal_flags


# Angry but legitimate: none of these may be called extortion, a false claim or spam.
ANGRY_LEGIT = [
    "用了三天就坏，客服还不理人，我已经投诉到12315了，你们等着",
    "说好七天无理由，现在不给退，我去消协告你们",
    "东西是坏的！！！退款！！！不退我就一直打电话",
    "再不处理我就去黑猫投诉，还要发抖音曝光",
    "This blender exploded in my kitchen. I'm contacting a lawyer and filing a chargeback.",
    "Worst purchase ever, I'll be telling everyone I know not to buy here.",
    "I want my money back or I'm disputing the charge with PayPal.",
    "发错货了，又不给换，差评！以后再也不来了",
    "包装破了，洗发水漏了一箱子，要求补发或者退款",
    "价格刚买就降了两百，不给补差价就退货",
]


@pytest.mark.parametrize("text", ANGRY_LEGIT)
def test_angry_but_legitimate_reviews_accuse_no_one(text):
    c = classify(text, rating=1, order=SIGNED)
    assert not {"extortion", "false_claim", "ad_or_spam", "privacy_leak"} & set(c.appeal_flags), (text, c.appeal_flags)


# --------------------------------------------------------------------------- first-character gates

_GATE_TEXTS = [
    "", "x", "赔我200块否则一直挂差评", "不给补偿我就天天追评", "tel 0755-83451276 找我", "+86 138 1234 5678",
    "客服王建国态度很差", "my name is john smith", "Jl. Melati No. 27", "你**的", "这**东西", "**的垃圾", "@#$%!!",
    "@小明 #好物推荐", "a@b.com", "110101199003074578", "订单号 1101011990030745", "差评。赔钱！", "不不不给",
]


def test_gated_patterns_match_as_their_regex():
    """A gated pattern finds exactly what its own regex finds (finditer and search), look-behinds,
    \\b and ^ at the candidate position included."""
    from companion.classifier import flags as F

    gated = [v for v in vars(F).values() if isinstance(v, F._Gated)]
    assert gated
    for g in gated:
        for t in _GATE_TEXTS + [t + " " + u for t in _GATE_TEXTS for u in _GATE_TEXTS[:6]]:
            assert [(m.span(), m.groups()) for m in g.finditer(t)] == [(m.span(), m.groups()) for m in g.rx.finditer(t)], (g.pattern, t)
            a, b = g.search(t), g.rx.search(t)
            assert (a and a.span()) == (b and b.span()), (g.pattern, t)


@pytest.mark.parametrize("pattern, first", [
    (r"ab|cd", "[ac]"), (r"(?<![a-z])(?:x|y)z", "[xy]"), (r"(?:^|[他你])\*的", r"[\*他你]"), (r"a?b", "[ab]"),
    (r"a*", None), (r"(?i:ab)", None), (r".b", None), (r"[^a]b", None), (r"\bq号|qq", "[q]"),
])
def test_first_characters_of_a_pattern(pattern, first):
    from companion.classifier.flags import _first_chars

    assert _first_chars(pattern) == first
