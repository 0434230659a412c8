"""Compliance lint for seller texts (public reply, private message, appeal statement).

Each finding is `{"code", "severity", "message"}`; severity `error` means "do not send as is",
`warning` means "check this", `info` is context (e.g. TikTok allows one reply per rating).
The checks encode DOMAIN.md: no incentive for a review anywhere (好评返现), no benefit (coupon,
cash, gift, red packet, refund …) in the same text as any review-change request, whatever the
wording (`benefit_with_review_request`, an error even with "entirely up to you"), no request to
change a review where the region forbids it (TikTok Shop US, Review Policy 2025-10), no personal
data in public, no arguing or accusing, within the platform's length limit, and no number that the
capture does not support (a draft must never invent order facts).
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from .. import pii
from ._text import cjk_ratio, has_cjk, number_tokens
from .rules import rules_view

KINDS = ("public_reply", "private_message", "appeal_statement", "review_update_request")
CUSTOMER_FACING = ("public_reply", "private_message", "review_update_request")

# --------------------------------------------------------------------------- patterns

# Phrases that are an incentive for a review on their own, whatever surrounds them.
_INCENTIVE_STRONG = re.compile(
    r"好评返现|返现|红包换好评|好评有礼|好评送|好评返|五星好评送|晒图返|改好评送|改评送|删差评送|"
    r"删评返|追评返|追评送|带图好评送|好评.{0,4}红包|红包.{0,4}好评|"
    r"gift\s*cards?\s+for\s+(a\s+)?(5|five)[\s-]*stars?|"
    r"(in\s+exchange|in\s+return)\s+for\s+(a\s+|your\s+)?(positive|good|better|five[\s-]*star|5[\s-]*star|updated|new)?\s*(review|rating)|"
    r"cash\s*back\s+for\s+(a\s+)?review",
    re.I,
)
# Review words and reward words: an incentive when they meet in one sentence in either order …
_REVIEW_WORDS_ZH = r"(好评|五星|5星|满分|改评|删评|修改评价|删除评价|更改评价|更新评价|撤销评价|追评|改成好评|修改差评|删除差评|删掉差评|把差评|差评删|差评改)"
_REWARD_WORDS_ZH = r"(返|送|红包|现金|补偿|退款|优惠券|礼品|礼物|赠品|奖励|折扣|免单)"
_REVIEW_WORDS_EN = (
    r"((chang|updat|edit|remov|delet|revis|modif|improv|rais|upgrad)\w*\s+(your|the|this|that)\s+(review|rating|feedback)"
    r"|(5|five)[\s-]*stars?|positive\s+review|good\s+review|better\s+review|review\s+(update|change|removal))"
)
_REWARD_WORDS_EN = r"(refund|gift|coupon|discount|cash|money|reward|free|voucher|credit|rebate|reimburse\w*|bonus|compensat\w*)"
_INCENTIVE_NEAR = [
    re.compile(_REVIEW_WORDS_ZH + r".{0,20}" + _REWARD_WORDS_ZH),
    re.compile(_REWARD_WORDS_ZH + r".{0,20}" + _REVIEW_WORDS_ZH),
    re.compile(_REVIEW_WORDS_EN + r".{0,60}?\b" + _REWARD_WORDS_EN, re.I),
    re.compile(r"\b" + _REWARD_WORDS_EN + r"\b.{0,60}?" + _REVIEW_WORDS_EN, re.I),
]
# … unless the sentence explicitly says the remedy does not depend on the review.
_NOT_CONDITIONAL = re.compile(
    r"无论|不论|不管|不以.{0,8}为条件|与.{0,6}评价无关|均不影响|都不影响|不会影响|完全由您决定|"
    r"regardless|whether\s+or\s+not|not\s+conditional|does\s+not\s+depend|doesn't\s+depend|"
    r"no\s+matter|won't\s+affect|will\s+not\s+affect|doesn't\s+affect|does\s+not\s+affect|entirely\s+up\s+to\s+you|completely\s+up\s+to\s+you",
    re.I,
)

# The patterns below that mix Chinese words with English ones are searched as their two halves (_Split): each
# half alone is quick (the Chinese one starts with a literal, so re skips to its first characters; the English
# one is only tried where a letter can start), the whole alternation tries every branch at every character.
# The leftmost of the two matches is the whole pattern's match (each half keeps the whole's order of branches;
# a tie in start falls back to the whole pattern). A text with no character that an ASCII letter matches
# (re.I: also 'ſ', 'K', 'İ', 'ı') cannot match the English half: each English branch needs a letter.
_LATIN = re.compile(r"[a-z]", re.I)
# Every English branch of the review patterns (change request, review ask, incentive near a review word) needs
# one of these words; a text without any of their first letters (re.I: 'ſ' is an 's') is not searched for them.
_ASK_WORD = re.compile(r"review|rating|feedback|star|take", re.I)
_ASK_WORD_FIRST = re.compile(r"[FRSTfrst\u017f]")


def _ask_word(text: str) -> bool:
    return _ASK_WORD_FIRST.search(text) is not None and _ASK_WORD.search(text) is not None


class _Split:
    """`re.compile(full or cjk + "|" + latin, re.I).search`, the same match (only its group(0) is read), in two quick
    searches: `cjk` and `latin` are the whole's Chinese and English branches, each in the whole's order."""

    def __init__(self, cjk: str, latin: str, full: str | None = None) -> None:
        self.full = re.compile(full or cjk + r"|" + latin, re.I)
        self.cjk = re.compile(cjk, re.I)
        self.latin = re.compile(latin, re.I)
        self.pattern = self.full.pattern

    def search(self, text: str, latin: bool | None = None):
        """`latin`: False when the English half cannot match (`text` has no letter, or none of the words that
        every English branch needs), when the caller knows; None: tested here (a letter)."""
        a = self.cjk.search(text)
        if latin is None:
            latin = _LATIN.search(text) is not None
        b = self.latin.search(text) if latin else None
        if a is None or b is None:
            return a or b
        if a.start() == b.start():
            return self.full.search(text)
        return a if a.start() < b.start() else b


_CHANGE_REQUEST_ZH = (
    r"(修改|更改|删除|删掉|撤销|撤回|更新|改一下|改下|改掉|追加|重新)(一下)?(您的|你的|这条|这个)?(评价|差评|评论|评分|中评)|"
    r"改(成|为)?好评|删评|追评")
_CHANGE_REQUEST = _Split(
    _CHANGE_REQUEST_ZH,
    r"\b(edit|updat|chang|remov|delet|revis|reconsider|modif|amend|retract|take\s+down|adjust)\w*\s+"
    r"(your|the|this|that|their|his|her)\s+(\w+\s+)?(review|rating|feedback|stars?)\b|"
    r"\bedit\s+review\b",
)

# Any mention of changing, removing or adding to a review, or of the rating the buyer could give:
# broader than _CHANGE_REQUEST on purpose. Together with any benefit in the same text it is an
# error (诱导改评), however politely it is worded.
_REVIEW_ASK_ZH = r"改评|删评|追评|追加评价|好评|五星|5星|五颗星|满分|评价改|差评删|把差评|撤评"
_REVIEW_ASK_EN = (
    r"\b(edit|updat|chang|remov|delet|revis|reconsider|modif|amend|retract|adjust|improv|rais|upgrad|bump)\w*\s+"
    r"(up\s+)?(your|the|this|that|my|our|a|its)\s+(\w+\s+)?(review|rating|feedback|stars?)\b|"
    r"\b(review|rating)\s+(update|change|removal|edit)|"
    r"\b(5|five)[\s-]*stars?\b|\b(positive|good|better|higher|great|nice)\s+(review|rating|feedback)\b|"
    r"\bleave\s+(us\s+)?(a\s+)?(new\s+)?(review|rating)\b|\btake\s+(it|the\s+review)\s+down\b"
)
_REVIEW_ASK = _Split(_CHANGE_REQUEST_ZH + r"|" + _REVIEW_ASK_ZH, _CHANGE_REQUEST.latin.pattern + r"|" + _REVIEW_ASK_EN,
                     full=_CHANGE_REQUEST.pattern + r"|" + _REVIEW_ASK_ZH + r"|" + _REVIEW_ASK_EN)
# Any benefit: a coupon or refund is a fine remedy on its own, but never in a text that also
# mentions changing the review (DOMAIN.md: "the same message must never also ask about the review").
_BENEFIT = re.compile(
    r"优惠券|代金券|店铺券|无门槛|红包|返现|返款|返利|补偿|赔偿|现金|礼品|礼物|赠品|小礼|退款|退差价|差价|免单|折扣|打折|"
    r"积分|奖励|补贴|免费送|送您|送你|好处|"
    r"\bcoupons?\b|\bvouchers?\b|\bgift\w*|\bcash\w*|\brefund\w*|\bdiscount\w*|red\s*packets?|\brewards?\b|"
    r"\bstore\s+credit\b|\bcredits?\b|\brebates?\b|\bbonus\w*|\bcompensat\w*|\bfree\s+(gift|item|product|sample|shipping)\w*|"
    r"\bfor\s+free\b|\bmoney\b|\breimburs\w*|\bpromo\s*codes?\b|\bperks?\b|\bincentives?\b",
    re.I,
)

_LONG_ID = re.compile(r"(?<![\dA-Za-z])[A-Za-z]{0,4}\d{10,}(?![\d])")
_NAME_ZH = re.compile(r"([\u4e00-\u9fff])(先生|女士|小姐)")
_NAME_EN = re.compile(r"\b(Dear|Hi|Hello|Mr\.?|Mrs\.?|Ms\.?|Miss)\s+[A-Z][a-z]+\s+[A-Z][a-z]+\b")
# Characters before 先生/女士 that make it a generic address ("尊敬的先生", "这位女士"), not a surname.
_NAME_ZH_GENERIC = set("的位名各这那该此亲您客户顾买家")

# Accusations that never belong in any seller text.
_ACCUSE_ALWAYS = _Split(
    r"骗子|胡说|撒谎|说谎|你自己|无理取闹|活该|神经病|你们这种人|职业差评师|碰瓷|造谣",
    r"\byou('re| are)\s+lying\b|\bliar\b|\bscam(mer)?s?\b|\bfraud(ster)?\b|\bstupid\b|\bridiculous\b|"
    r"\byour\s+own\s+fault\b|\byou\s+people\b|\bnonsense\b",
)
# Accusing words that are legitimate in an appeal (the platform's own reason labels use them)
# but never in text the buyer reads.
_ACCUSE_CUSTOMER = _Split(r"恶意|敲诈|勒索|讹|诽谤", r"\bmalicious\b|\bextort\w*|\bblackmail\w*|\bdefam\w*")
_EXCLAIM_STORM = re.compile(r"[!！]{2,}|[?？]{3,}")
_UNSAFE = re.compile(r"<\s*/?\s*(script|iframe|img|svg|a)\b|javascript:|(^|\n)\s*[=+@]", re.I)


def _finding(code: str, severity: str, message: str) -> dict[str, str]:
    return {"code": code, "severity": severity, "message": message}


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[。！？!?；;\n])|(?<=\.)\s+", text) if s and s.strip()]


def _msg(lang: str | None, zh: str, en: str) -> str:
    return zh if lang == "zh" else en


def limit_for(kind: str, rules: dict[str, Any]) -> int | None:
    """The platform's character limit for a kind of text (None = no known limit)."""
    key = {"public_reply": "reply_max_chars", "private_message": "dm_max_chars",
           "review_update_request": "dm_max_chars", "appeal_statement": "appeal_desc_max_chars"}[kind]
    return rules.get(key)


def policy_forbids(rules: dict[str, Any]) -> bool:
    """True where the platform/region forbids asking buyers to change reviews at all (TikTok Shop US)."""
    return rules.get("ask_review_update") == "forbidden"


def lint_draft(
    text: str,
    *,
    kind: str,
    platform: str,
    region: str | None = None,
    lang: str | None = None,
    facts: dict | None = None,
) -> list[dict]:
    """Check one text against the platform's review rules; returns findings (empty = clean).

    `kind` is public_reply / private_message / review_update_request / appeal_statement. `lang` (zh/en) picks the message
    language and enables a language check; when None it is guessed from the text. `facts` is a
    dict of strings from the capture (order id, times, price, product title, evidence ids …):
    when given, every number in the text must occur in it (`unsupported_fact`); when None that
    check is skipped. Codes: incentive_for_review, benefit_with_review_request, review_change_request, personal_data,
    emotional_or_accusing, too_long, unsupported_fact, unsafe_content, language_mismatch,
    empty, reply_once.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown kind {kind!r}; expected one of {KINDS}")
    rules = rules_view(platform, region)
    text = text or ""
    norm = unicodedata.normalize("NFKC", text)
    latin = _LATIN.search(norm) is not None  # no letter: the English alternatives cannot match (_Split)
    asks = latin and _ask_word(norm)  # no review word: the English review branches cannot match
    msg_lang = lang or ("zh" if has_cjk(text) else "en")
    out: list[dict] = []

    if not text.strip():
        return [_finding("empty", "error", _msg(msg_lang, "内容为空。", "The text is empty."))]

    # --- incentive for a review: a violation on every platform (DOMAIN.md step 3).
    # Appeal statements are exempt: describing the buyer's own demand ("refund or I leave a bad
    # review") is the whole point of an extortion appeal.
    if kind in CUSTOMER_FACING:
        hit = _INCENTIVE_STRONG.search(norm)
        if not hit:
            for sent in _sentences(norm):
                # A sentence that says the remedy does not depend on the review is skipped (checked only when
                # a pattern hits: the same answer, without the costly search on every sentence).
                near = _INCENTIVE_NEAR if asks else _INCENTIVE_NEAR[:2]  # [2], [3] need a review word
                hit = next((m for p in near if (m := p.search(sent))), None)
                if hit and _NOT_CONDITIONAL.search(sent):
                    hit = None
                if hit:
                    break
        if hit:
            out.append(_finding(
                "incentive_for_review", "error",
                _msg(msg_lang, f"以利益换取好评/改评属于违规（好评返现）：「{hit.group(0)}」。补偿不得以修改评价为条件。",
                     f"Offering a benefit in exchange for a review is prohibited: \"{hit.group(0)}\". "
                     "Remedies must never depend on the review."),
            ))

    # --- a benefit and a review-change request in one text: an error on every platform, even when
    # the ask says "entirely up to you" (诱导改评). The ask is a separate message after resolution.
    # The review ask first: it is rare in a draft, a benefit (coupon, refund) is common, and only both matter.
    ask = _REVIEW_ASK.search(norm, asks) if kind in CUSTOMER_FACING else None
    if ask:
        benefit = _BENEFIT.search(norm)
        if benefit:
            out.append(_finding(
                "benefit_with_review_request", "error",
                _msg(msg_lang, f"同一条消息里既有利益（「{benefit.group(0)}」）又提到修改/删除评价或好评（「{ask.group(0)}」），"
                               "会被平台认定为诱导改评。补偿单独发；更新评价的询问只能在问题解决后另发一条，且不附带任何利益。",
                     f"One text both offers a benefit (\"{benefit.group(0)}\") and mentions changing the review or the rating "
                     f"(\"{ask.group(0)}\"): platforms treat this as inducing a review change. Send the remedy on its own; "
                     "any review-update ask goes in a separate message after resolution, with no benefit."),
            ))

    # --- asking the buyer to change or remove the review.
    if kind in CUSTOMER_FACING:
        hit = _CHANGE_REQUEST.search(norm, asks) or (ask if policy_forbids(rules) else None)
        policy = rules.get("ask_review_update")
        if hit and policy == "forbidden":
            out.append(_finding(
                "review_change_request", "error",
                _msg(msg_lang, f"该平台/地区禁止请求买家修改或删除评价：「{hit.group(0)}」。",
                     f"This platform/region forbids asking buyers to change or remove reviews: \"{hit.group(0)}\"."),
            ))
        elif hit and kind == "public_reply":
            out.append(_finding(
                "review_change_request", "warning",
                _msg(msg_lang, "不要在公开回复里请求修改评价；问题解决后再在私信中礼貌询问。",
                     "Do not ask for a review change in a public reply; ask politely in private after the issue is resolved."),
            ))
        elif hit and kind == "private_message":
            out.append(_finding(
                "review_change_request", "warning",
                _msg(msg_lang, "第一条私信不要询问修改评价：问题解决后再单独发一条，且不得附带任何利益。",
                     "Keep the review out of the first message: ask in a separate message after the issue is resolved, never tied to any benefit."),
            ))
        elif hit:
            out.append(_finding(
                "review_change_request", "info",
                _msg(msg_lang, "仅在问题解决后礼貌询问，且不得附带任何利益。",
                     "Ask only after the issue is resolved, politely, and never tied to any benefit."),
            ))

    # --- personal data: an error in public, a warning in an appeal, allowed in private.
    if kind != "private_message":
        sev = "error" if kind == "public_reply" else "warning"
        found: list[str] = []
        if pii.EMAIL.search(norm):
            found.append("email")
        if pii.phones(norm, broad=True):
            found.append("phone")
        if pii.addresses(norm, broad=True):
            found.append("address")
        zh_names = [m for m in _NAME_ZH.finditer(norm) if m.group(1) not in _NAME_ZH_GENERIC]
        if zh_names or _NAME_EN.search(norm):
            found.append("name")
        if kind == "public_reply" and _LONG_ID.search(norm):
            found.append("order/tracking number")
        nick = (facts or {}).get("buyer_nick")
        if nick and "*" not in str(nick) and len(str(nick)) >= 2 and str(nick) in norm:
            found.append("buyer nickname")
        if found:
            out.append(_finding(
                "personal_data", sev,
                _msg(msg_lang, f"包含个人信息（{', '.join(found)}），不要公开。",
                     f"Contains personal data ({', '.join(found)}); keep it out of public text."),
            ))

    # --- arguing / accusing / shouting.
    hit = _ACCUSE_ALWAYS.search(norm, latin) or (kind in CUSTOMER_FACING and _ACCUSE_CUSTOMER.search(norm, latin))
    storm = _EXCLAIM_STORM.search(norm) or len(re.findall(r"[!！]", norm)) >= 3
    shouting = len(re.findall(r"\b[A-Z]{4,}\b", norm)) >= 3
    if hit or storm or shouting:
        what = hit.group(0) if hit else ("!!!" if storm else "ALL CAPS")
        out.append(_finding(
            "emotional_or_accusing", "error" if kind in CUSTOMER_FACING else "warning",
            _msg(msg_lang, f"语气情绪化或指责买家（「{what}」）；保持冷静、客观、专业。",
                 f"Emotional or accusing wording (\"{what}\"); stay calm, objective and professional."),
        ))

    # --- length, measured the way the seller centers count: len() of the string.
    limit = limit_for(kind, rules)
    if limit is not None and len(text) > limit:
        out.append(_finding(
            "too_long", "error",
            _msg(msg_lang, f"共{len(text)}字，超过平台上限{limit}字。",
                 f"{len(text)} characters; the platform limit is {limit}."),
        ))

    # --- numbers must come from the capture.
    if facts is not None:
        known: set[str] = set()
        for value in facts.values():
            if value is not None:
                known |= number_tokens(str(value))
        missing = sorted(number_tokens(text) - known)
        if missing:
            out.append(_finding(
                "unsupported_fact", "error",
                _msg(msg_lang, f"数字 {', '.join(missing)} 不在订单/采集信息中，请核实，不要编造事实。",
                     f"Number(s) {', '.join(missing)} are not in the captured order facts; do not invent facts."),
            ))

    if _UNSAFE.search(text):
        out.append(_finding(
            "unsafe_content", "error",
            _msg(msg_lang, "包含脚本/标记或表格公式样式的内容。", "Contains markup, script or spreadsheet-formula-like content."),
        ))

    if lang == "zh" and not has_cjk(text):
        out.append(_finding("language_mismatch", "warning", "草稿语言与评价语言（中文）不一致。"))
    elif lang == "en" and cjk_ratio(text) > 0.3:
        out.append(_finding("language_mismatch", "warning", "The draft is not in the review's language (English)."))

    if kind == "public_reply" and rules.get("reply_once"):
        out.append(_finding(
            "reply_once", "info",
            _msg(msg_lang, "该平台每条评价只能回复一次，发送前请确认内容。",
                 "Only one seller reply per review on this platform; check it before posting."),
        ))
    return out


def has_errors(findings: list[dict]) -> bool:
    """True when any finding is an error."""
    return any(f.get("severity") == "error" for f in findings)
