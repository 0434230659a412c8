"""Appeal flags that come from the text alone, plus escalation terms.

Each detector returns the matched snippets so the panel can show *why* a flag is raised: an
appeal is only as good as the evidence the seller can point at.
"""

from __future__ import annotations

import re

from .. import pii
from . import lexicon as L
from .text import ZhLexicon

# --------------------------------------------------------------------------- privacy

# "收件人: 张伟" / "my name is John Smith" – a real full name given in the review.
_CN_NAME = re.compile(r"(?:收件人|收货人|姓名|我叫|本人叫)\s*[:：是]?\s*[\u4e00-\u9fff]{2,3}")
_EN_NAME = re.compile(r"\bmy name is [a-z]+ [a-z]+")
_ORDER_CONTEXT = re.compile(r"(订单|单号|order|tracking|运单|快递单)\D{0,6}$")


def privacy_hits(norm: str) -> list[str]:
    """Phone numbers, e-mails, addresses and full names found in the text (not order numbers)."""
    out: list[str] = []
    for m in pii.phones(norm):
        if _ORDER_CONTEXT.search(norm[max(0, m.start() - 12):m.start()]):
            continue
        out.append(m.group(0))
    out.extend(m.group(0) for m in pii.EMAIL.finditer(norm))
    out.extend(m.group(0) for m in pii.addresses(norm))
    for rx in (_CN_NAME, _EN_NAME):
        out.extend(m.group(0) for m in rx.finditer(norm))
    return out


# --------------------------------------------------------------------------- extortion

_ZH_EXTORT = re.compile(
    r"(?:不|不给|不肯|拒绝)(?:我)?(?:退款|退货|退钱|赔|赔偿|补偿|返现|处理|解决|换)[^。！!？?]{0,8}?(?:就|我就|就给|就会|那就|等着)[^。！!？?]{0,6}?(?:差评|一星|投诉|曝光|举报)"
    r"|(?:给我|赔我|补偿我|退我|返我)[^。！!？?]{0,12}?(?:否则|不然|要不然|要不|不给的话)[^。！!？?]{0,8}?(?:差评|一星|投诉|曝光)"
    r"|(?:否则|不然|要不然)[^。！!？?]{0,4}(?:就)?(?:给)?(?:你)?(?:差评|一星|追评)"
    r"|(?:补偿|赔偿|返现|红包|退款)[^。！!？?]{0,10}(?:才|就)(?:给|改|删)[^。！!？?]{0,4}(?:好评|追评|差评)"
    r"|(?:改|删)(?:成)?(?:好评|差评)[^。！!？?]{0,4}(?:要|得|需要)?(?:先)?(?:补偿|赔|给钱|返现)"
)
_EN_EXTORT = re.compile(
    r"\b(?:pay|refund|compensate|reimburse|give) me\b[^.!?]{0,40}?\bor (?:else )?(?:i'll|i will|i'm going to|i am going to)\b[^.!?]{0,30}?\b(?:review|star|rating|report)"
    r"|\bunless (?:you|they) (?:refund|pay|compensate|give|send)[^.!?]{0,40}?\b(?:review|star|rating)"
    r"|\b(?:i'll|i will) (?:change|remove|delete|update) (?:my|the|this) (?:review|rating)[^.!?]{0,30}?\bif you (?:refund|pay|give|send|compensate)"
    r"|\b(?:i'll|i will|i'm going to) (?:leave|write|post|give) (?:a |you a )?(?:bad|negative|1[- ]star|one[- ]star)[^.!?]{0,20}?\bunless\b"
)


def extortion_hits(norm: str) -> list[str]:
    """Threats of a bad review in exchange for money/refund (both languages)."""
    return [m.group(0) for rx in (_ZH_EXTORT, _EN_EXTORT) for m in rx.finditer(norm)]


# --------------------------------------------------------------------------- abuse, spam, irrelevance, escalation

class _Words:
    """A literal word list (Chinese, or ASCII like "sb"/"12315" kept apart from longer Latin or digit
    runs) matched by dictionary look-ups; exposes `finditer` like a compiled regex."""

    def __init__(self, words):
        self.lex = ZhLexicon(words)

    def finditer(self, norm: str):
        return [_Lit(k) for k, _, _ in self.lex.scan(norm)]


class _Lit:
    __slots__ = ("text",)

    def __init__(self, text: str):
        self.text = text

    def group(self, _=0) -> str:
        return self.text


def _zh_rx(words) -> _Words:
    return _Words(words)


def _en_rx(pats) -> re.Pattern:
    # Latin-letter boundaries (not \b): CJK characters count as word characters in Python.
    return re.compile(r"(?<![a-z0-9])(?=[a-z0-9])(?:" + "|".join(f"(?:{p})" for p in pats) + r")(?![a-z0-9])")


_ABUSE = (_zh_rx(L.ZH_ABUSE), _en_rx(L.EN_ABUSE))
# Insults aimed at people/companies (not mere expletives): these also add the
# malicious_or_unfounded secondary label (LABELING "secondary").
_INSULT = _zh_rx(("傻逼", "傻b", "煞笔", "sb", "脑残", "智障", "白痴", "混蛋", "王八蛋", "贱人", "不要脸", "你妈",
                  "草泥马", "畜生", "人渣", "狗东西", "汉奸", "你丫", "狗日", "去死"))
_EN_INSULT = _en_rx((r"morons?", r"idiots?", r"dumbass", r"retard(ed|s)?", r"scumbags?", r"bitch\w*", r"assholes?", r"bastards?"))
_SPAM = (_zh_rx(L.ZH_SPAM), _en_rx(L.EN_SPAM))
_URL = re.compile(r"https?:\s*/*\S+|www\.\S+|t\.cn/\S+|\b[a-z0-9-]+\.(?:com|cn|net|shop)(?:/\S*)?")
_IRRELEVANT = (_zh_rx(L.ZH_IRRELEVANT), _en_rx(L.EN_IRRELEVANT))
_MENTION = re.compile(r"@[\w\u4e00-\u9fff]+")
_ESC = (_zh_rx(L.ZH_ESCALATION), _en_rx(L.EN_ESCALATION))


def abuse_hits(norm: str) -> list[str]:
    """Profanity and insults."""
    return [m.group(0) for rx in _ABUSE for m in rx.finditer(norm)]


def insult_hits(norm: str) -> list[str]:
    """Insults aimed at people or companies."""
    return [m.group(0) for rx in (_INSULT, _EN_INSULT) for m in rx.finditer(norm)]


def spam_hits(norm: str) -> list[str]:
    """Advertising or contact diversion (WeChat/QQ ids, promo codes, links)."""
    return [m.group(0) for rx in _SPAM for m in rx.finditer(norm)]


def url_hits(norm: str) -> list[str]:
    """Links and bare domain names (a bare link share is irrelevant content, LABELING)."""
    return [m.group(0) for m in _URL.finditer(norm)]


def irrelevant_hits(norm: str) -> list[str]:
    """Reposts, check-ins, @-mentions and similar off-topic markers."""
    out = [m.group(0) for rx in _IRRELEVANT for m in rx.finditer(norm)]
    out += [m.group(0) for m in _MENTION.finditer(norm) if "@" in m.group(0) and not pii.EMAIL.search(norm)]
    return out


def escalation_hits(norm: str) -> list[str]:
    """Escalation terms (假货, 12315, lawsuit, chargeback …), de-duplicated, in order of appearance."""
    seen: list[str] = []
    for rx in _ESC:
        for m in rx.finditer(norm):
            t = m.group(0)
            if t not in seen:
                seen.append(t)
    return seen
