"""Text plumbing for the classifier: normalisation, language detection, jieba, clauses, lexicon matching.

The matching model is deliberately simple so a seller-facing "why" can be produced for every
decision: a lexicon is compiled into one regular expression (longest alternative first), matched
over the whole review, and each hit is attributed to the clause it sits in. A hit is *negated*
when a negator ends the text between the clause start and the hit (after skipping degree
adverbs), and carries a *degree* multiplier from the adverb in front of it.
"""

from __future__ import annotations

import logging
import re
import threading
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Mapping

from . import lexicon as L

_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_ASCII_ALPHA = re.compile(r"^[a-z0-9 '!:：.-]+$")

# --------------------------------------------------------------------------- jieba (lazy, once)

_jieba = None
_jieba_lock = threading.Lock()

# Words jieba must keep whole, otherwise cue matching at token level breaks ("没收到" would be
# cut as 没收/到 = "confiscate").
_USER_WORDS = (
    "没收到", "未收到", "不好用", "不好吃", "不新鲜", "不满意", "不喜欢", "不值", "不划算", "划不来", "翻新机",
    "假货", "发错货", "少发", "漏发", "压坏", "摔坏", "碰伤", "快递小哥", "快递员", "客服", "售后", "退货",
    "退款", "换货", "降价", "差价", "性价比", "头皮屑", "掉发", "起球", "掉色", "色差", "好评", "差评", "中评",
    "呵呵", "12315", "不差", "不慢", "不贵", "不错", "一般般", "太差", "很差", "好差", "物流", "包装",
)


def jieba_module():
    """Return the jieba module, initialised once (quiet logging, user words added)."""
    global _jieba
    if _jieba is None:
        with _jieba_lock:
            if _jieba is None:
                import jieba  # imported lazily: startup cost only when Chinese text is seen

                jieba.setLogLevel(logging.WARNING)
                logging.getLogger("jieba").setLevel(logging.WARNING)
                for w in _USER_WORDS:
                    jieba.add_word(w, freq=2000)
                jieba.initialize()
                _jieba = jieba
    return _jieba


def tokenize_zh(text: str) -> list[tuple[str, int, int]]:
    """jieba tokens with character offsets: [(word, start, end)]."""
    return list(jieba_module().tokenize(text))


def tokens(text: str) -> list[str]:
    """Content tokens for similarity: jieba words for Chinese, lower-case words for Latin text."""
    norm = normalize(text)
    out: list[str] = []
    if _CJK.search(norm):
        for w, _, _ in tokenize_zh(norm):
            w = w.strip()
            if w and (_CJK.search(w) or w.isalnum()):
                out.append(w)
    else:
        out = _LATIN_WORD.findall(norm)
    return out


# --------------------------------------------------------------------------- normalisation

def normalize(text: str) -> str:
    """NFKC (full-width → half-width), lower-case, literal '\\n' → newline."""
    return unicodedata.normalize("NFKC", text or "").replace("\\n", "\n").lower()


def detect_lang(norm: str) -> str:
    """'zh' when Chinese characters carry at least as much of the text as Latin words, else 'en'.

    One CJK character is roughly one English word of content, so mixed text like
    "quality 很差, 不推荐" is zh and "the 包装 was crushed in shipping" is en.
    """
    cjk = len(_CJK.findall(norm))
    words = len(_LATIN_WORD.findall(norm))
    if cjk == 0:
        return "en" if words else "zh"
    return "zh" if cjk >= words else "en"


# --------------------------------------------------------------------------- clauses



_ENDS_SENTENCE = re.compile(r"[。.!?！？\n]\s*$")


@dataclass
class Clause:
    """One clause: offsets into the normalised text plus emphasis markers."""

    idx: int
    start: int
    end: int
    text: str
    exclaim: bool = False
    question: bool = False
    contrast: bool = False
    pre_contrast: bool = False
    named_reason: bool = False  # "差评是因为…" / "one star because…": the stated reason for the rating

    @property
    def emphasis(self) -> float:
        """How much a hit in this clause counts: "!" and a contrast opener raise it; what a later
        "但是/but" overrides in the same sentence counts less ("Nice pattern, but rough")."""
        return (1.0 + 0.3 * self.exclaim + 0.3 * self.contrast + 0.5 * self.named_reason) * (
            0.6 if self.pre_contrast else 1.0)


def split_clauses(norm: str) -> list[Clause]:
    """Split on Chinese/Latin punctuation; keep offsets so hits map back to clauses."""
    out: list[Clause] = []
    # Treat sentence dots in English as boundaries but keep decimals ("1.5") intact.
    for m in re.finditer(r"[^，,。！!？?；;\n～~…、.]+(?:\.\d+[^，,。！!？?；;\n～~…、.]*)*[，,。！!？?；;\n～~…、.]*", norm):
        seg = m.group(0)
        if not seg.strip(" .，,。"):
            continue
        body = seg.strip()
        head = body.lstrip(" \"'“”(（")
        contrast = head.startswith(L.ZH_CONTRAST) or bool(re.match(r"(%s)\b" % "|".join(L.EN_CONTRAST), head))
        out.append(Clause(
            idx=len(out), start=m.start(), end=m.end(), text=seg,
            exclaim=("!" in seg or "！" in seg), question=("?" in seg or "？" in seg), contrast=contrast,
        ))
    # A contrast carries over to the rest of its sentence; clauses before it in the same
    # sentence are de-emphasised.
    sent_start = 0
    for i, c in enumerate(out):
        if c.contrast:
            for j in range(sent_start, i):
                if not out[j].contrast:
                    out[j].pre_contrast = True
        elif i > 0 and out[i - 1].contrast and not _ENDS_SENTENCE.search(out[i - 1].text):
            c.contrast = True
        if _ENDS_SENTENCE.search(c.text):
            sent_start = i + 1
    return out


def clause_at(clauses: list[Clause], offset: int) -> Clause:
    """The clause containing a character offset (binary search would be overkill: reviews are short)."""
    for c in clauses:
        if c.start <= offset < c.end:
            return c
    return clauses[-1]


# --------------------------------------------------------------------------- lexicon matching

@dataclass
class Hit:
    """One lexicon match."""

    key: str
    weight: float
    start: int
    end: int
    clause: int
    negated: bool
    degree: float
    text: str = ""


_ZH_NEG_SORTED = sorted(L.ZH_NEGATORS, key=len, reverse=True)
_ZH_DEG_SORTED = sorted(L.ZH_DEGREE + ("这么", "那么", "这样", "那样", "也", "都", "就", "是"), key=len, reverse=True)
_STRONG = set(L.ZH_DEGREE_STRONG) | {"这么", "那么"}
_WEAK = set(L.ZH_DEGREE_WEAK)
_EN_NEG = set(L.EN_NEGATORS)
_EN_STRONG = {"very", "so", "really", "extremely", "totally", "completely", "absolutely", "too", "incredibly"}


def zh_neg_degree(prefix: str) -> tuple[bool, float]:
    """Negation and degree from the text directly before a hit ("并不是很" → negated, strong)."""
    p = prefix.rstrip(" ")
    mult = 1.0
    for _ in range(3):
        for d in _ZH_DEG_SORTED:
            if p.endswith(d):
                if d in _STRONG:
                    mult *= 1.4
                elif d in _WEAK:
                    mult *= 0.7
                p = p[: -len(d)]
                break
        else:
            break
    for n in _ZH_NEG_SORTED:
        if p.endswith(n):
            return True, mult
    return False, mult


def en_neg_degree(prefix: str) -> tuple[bool, float]:
    """Negation within the three words before a hit; degree from the word right before it."""
    words = _LATIN_WORD.findall(prefix)[-3:]
    neg = any(w in _EN_NEG or w.endswith("n't") for w in words)
    mult = 1.4 if words and words[-1] in _EN_STRONG else 1.0
    return neg, mult


class ZhLexicon:
    """A Chinese lexicon compiled to one alternation; one-char entries must be whole jieba tokens."""

    def __init__(self, entries: Mapping[str, float] | Iterable[str]):
        if not isinstance(entries, Mapping):
            entries = {e: 1.0 for e in entries}
        self.weights = {k.lower(): v for k, v in entries.items()}
        parts = []
        for k in sorted(self.weights, key=len, reverse=True):
            e = re.escape(k)
            if _ASCII_ALPHA.match(k):  # "sb" must not fire inside "usb"
                e = r"(?<![a-z])" + e + r"(?![a-z])"
            parts.append(e)
        self.rx = re.compile("|".join(parts)) if parts else None

    def find(self, norm: str, clauses: list[Clause], bounds: set[int] | None) -> list[Hit]:
        """All hits in the text; `bounds` = jieba token boundaries (None: skip one-char check)."""
        if self.rx is None:
            return []
        hits = []
        for m in self.rx.finditer(norm):
            k = m.group(0)
            s, e = m.start(), m.end()
            if len(k) == 1 and bounds is not None and not (s in bounds and e in bounds):
                continue
            c = clause_at(clauses, s)
            neg, deg = zh_neg_degree(norm[c.start:s])
            hits.append(Hit(k, self.weights[k], s, e, c.idx, neg, deg, k))
        return hits


class EnLexicon:
    """An English regex lexicon: named groups tell which entry matched."""

    def __init__(self, entries: Mapping[str, float] | Iterable[str]):
        if not isinstance(entries, Mapping):
            entries = {e: 1.0 for e in entries}
        self.keys = list(entries)
        self.weights = dict(entries)
        # One leading \b outside the alternation: positions inside words fail at once, which makes
        # the big alternation ~10x faster on long English reviews.
        # Latin-letter boundaries instead of \b: in Python, CJK characters are word characters,
        # so \b would never fire in mixed text like "这个quality很差".
        alts = [f"(?P<g{i}>(?:{p})(?![a-z0-9]))" for i, p in enumerate(self.keys)]
        self.rx = re.compile(r"(?<![a-z0-9'])(?=[a-z0-9$])(?:" + "|".join(alts) + ")") if alts else None

    def find(self, norm: str, clauses: list[Clause]) -> list[Hit]:
        """All hits in the text (Latin part only)."""
        if self.rx is None:
            return []
        hits = []
        for m in self.rx.finditer(norm):
            key = self.keys[int(m.lastgroup[1:])]
            s = m.start()
            c = clause_at(clauses, s)
            neg, deg = en_neg_degree(norm[c.start:s])
            hits.append(Hit(key, self.weights[key], s, m.end(), c.idx, neg, deg, m.group(0)))
        return hits


def token_bounds(norm: str) -> set[int]:
    """Start/end offsets of jieba tokens (used to accept one-character words)."""
    b: set[int] = set()
    for _, s, e in tokenize_zh(norm):
        b.add(s)
        b.add(e)
    return b


def has_cjk(s: str) -> bool:
    """True when the text contains Chinese characters."""
    return bool(_CJK.search(s))


def has_latin(s: str) -> bool:
    """True when the text contains Latin words."""
    return bool(_LATIN_WORD.search(s))


def latin_word_count(s: str) -> int:
    """Number of Latin words."""
    return len(_LATIN_WORD.findall(s))
