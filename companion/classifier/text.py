"""Text plumbing for the classifier: normalisation, language detection, jieba, clauses, lexicon matching.

The matching model is deliberately simple so a seller-facing "why" can be produced for every
decision: a lexicon is compiled into one regular expression (longest alternative first), matched
over the whole review, and each hit is attributed to the clause it sits in. A hit is *negated*
when a negator ends the text between the clause start and the hit (after skipping degree
adverbs), and carries a *degree* multiplier from the adverb in front of it.

Size: ~500 lines; the Chinese and English matchers share the clause and negation model and the
merged English index, so they stay together.
"""

from __future__ import annotations

import re
from bisect import bisect_right
import threading
from functools import lru_cache
import unicodedata
from dataclasses import dataclass
from typing import Iterable, Mapping

from . import lexicon as L
from .segment import RE_HAN, Segmenter, jieba_dict_path

_CJK = re.compile(r"[\u3400-\u9fff]")
_LATIN_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_ASCII_ALPHA = re.compile(r"^[a-z0-9 '!:：.-]+$")
_ALNUM = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")

# --------------------------------------------------------------------------- segmentation (lazy, once)

_segmenter = None
_segmenter_lock = threading.Lock()

# Words jieba must keep whole, otherwise cue matching at token level breaks ("没收到" would be
# cut as 没收/到 = "confiscate").
_USER_WORDS = (
    "没收到", "未收到", "不好用", "不好吃", "不新鲜", "不满意", "不喜欢", "不值", "不划算", "划不来", "翻新机",
    "假货", "发错货", "少发", "漏发", "压坏", "摔坏", "碰伤", "快递小哥", "快递员", "客服", "售后", "退货",
    "退款", "换货", "降价", "差价", "性价比", "头皮屑", "掉发", "起球", "掉色", "色差", "好评", "差评", "中评",
    "呵呵", "12315", "不差", "不慢", "不贵", "不错", "一般般", "太差", "很差", "好差", "物流", "包装",
)
USER_WORD_FREQ = 2000  # as jieba.add_word(w, freq=2000)


def segmenter() -> Segmenter:
    """jieba's segmentation (HMM off) with the user words added, built once from jieba's dict.txt."""
    global _segmenter
    if _segmenter is None:
        with _segmenter_lock:
            if _segmenter is None:
                _segmenter = Segmenter(jieba_dict_path(), [(w, USER_WORD_FREQ) for w in _USER_WORDS])
    return _segmenter


def tokenize_zh(text: str) -> list[tuple[str, int, int]]:
    """jieba tokens with character offsets: [(word, start, end)] (= jieba.tokenize(text, HMM=False))."""
    return segmenter().tokenize(text)


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
_CLAUSE = re.compile(r"[^，,。！!？?；;\n～~….]+(?:\.\d+[^，,。！!？?；;\n～~….]*)*[，,。！!？?；;\n～~….]*")
_EN_CONTRAST = re.compile(r"(%s)\b" % "|".join(L.EN_CONTRAST))  # (compiled once, not looked up per clause)


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
    # "、" does not split: "死机、无显示、掉话" is one enumerated point, not three (rule 1 counts
    # emphasis, and a list is one complaint said once).
    for m in _CLAUSE.finditer(norm):
        seg = m.group(0)
        if not seg.strip(" .，,。"):
            continue
        body = seg.strip()
        head = body.lstrip(" \"'“”(（")
        contrast = head.startswith(L.ZH_CONTRAST) or bool(_EN_CONTRAST.match(head))
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
    """The clause containing a character offset (binary search: a 20,000-character review has
    thousands of clauses)."""
    if len(clauses) > 16:
        # The clause starts are computed once per review and kept on its first clause.
        starts = getattr(clauses[0], "_starts", None)
        if starts is None or len(starts) != len(clauses):
            starts = [c.start for c in clauses]
            clauses[0]._starts = starts
        i = bisect_right(starts, offset) - 1
        c = clauses[max(i, 0)]
        return c if c.start <= offset < c.end else clauses[-1]
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


_ZH_NEG_SET = frozenset(L.ZH_NEGATORS)
# Words that end in a one-character negator but negate nothing ("有个别几个是坏的", "除非").
_NOT_NEGATORS = frozenset(("个别", "区别", "分别", "级别", "类别", "告别", "差别", "识别", "性别", "鉴别", "辨别", "离别",
                           "派别", "特别", "莫非", "是非", "无非", "除非", "南非", "北非", "东非", "而非"))
_ZH_NEG_LENS = sorted({len(n) for n in L.ZH_NEGATORS}, reverse=True)
_ZH_DEG_SET = frozenset(L.ZH_DEGREE + ("这么", "那么", "这样", "那样", "也", "都", "就", "是"))
_ZH_DEG_LENS = sorted({len(d) for d in _ZH_DEG_SET}, reverse=True)
_STRONG = set(L.ZH_DEGREE_STRONG) | {"这么", "那么"}
_WEAK = set(L.ZH_DEGREE_WEAK)
_EN_NEG = set(L.EN_NEGATORS)
_EN_STRONG = {"very", "so", "really", "extremely", "totally", "completely", "absolutely", "too", "incredibly"}


def zh_neg_degree(prefix: str) -> tuple[bool, float]:
    """Negation and degree from the text directly before a hit ("并不是很" → negated, strong).

    Suffix look-ups in sets (longest first) instead of scanning every word: this runs once per hit.
    """
    p = prefix.rstrip(" ")
    mult = 1.0
    for _ in range(3):
        for n in _ZH_DEG_LENS:
            d = p[-n:]
            if len(d) == n and d in _ZH_DEG_SET:
                if d in _STRONG:
                    mult *= 1.4
                elif d in _WEAK:
                    mult *= 0.7
                p = p[:-n]
                break
        else:
            break
    if p[-2:] in _NOT_NEGATORS:
        return False, mult
    for n in _ZH_NEG_LENS:
        if len(p) >= n and p[-n:] in _ZH_NEG_SET:
            return True, mult
    return False, mult


def en_neg_degree(prefix: str) -> tuple[bool, float]:
    """Negation within the three words before a hit; degree from the word right before it."""
    words = _LATIN_WORD.findall(prefix[-40:])[-3:]
    neg = any(w in _EN_NEG or w.endswith("n't") for w in words)
    mult = 1.4 if words and words[-1] in _EN_STRONG else 1.0
    return neg, mult


class ZhLexicon:
    """A Chinese lexicon matched by dictionary look-ups (leftmost, longest entry first).

    An index from first character to the entry lengths that start with it makes most positions
    a single dict miss, which is several times faster than one big regex alternation.
    One-character entries must be whole jieba tokens; pure-ASCII entries ("sb") must not sit
    inside a Latin word ("usb").
    """

    def __init__(self, entries: Mapping[str, float] | Iterable[str]):
        if not isinstance(entries, Mapping):
            entries = {e: 1.0 for e in entries}
        self.weights = {k.lower(): v for k, v in entries.items() if k}
        ascii_keys = sorted((k for k in self.weights if _ASCII_ALPHA.match(k)), key=len, reverse=True)
        first: dict[str, set[int]] = {}
        for k in self.weights:
            if k not in ascii_keys:
                first.setdefault(k[0], set()).add(len(k))
        self.first = {c: sorted(v, reverse=True) for c, v in first.items()}
        # Positions worth a look: a C-speed character-class search skips the rest.
        self.first_rx = re.compile("[" + "".join(re.escape(c) for c in self.first) + "]") if self.first else None
        self.ascii_rx = (re.compile(r"(?<![a-z0-9])(?=[a-z0-9])(?:" + "|".join(map(re.escape, ascii_keys))
                                    + r")(?![a-z0-9])") if ascii_keys else None)
        _zh_register(self)

    def scan(self, norm: str) -> list[tuple[str, int, int]]:
        """Leftmost-longest, non-overlapping matches: [(entry, start, end)].

        The dictionary part comes from one pass that serves every Chinese lexicon (`_zh_scan_all`);
        the same matches as `scan_alone`.
        """
        out = _zh_scan_all(norm).get(self.lid)
        return self._with_ascii(list(out) if out else [], norm)

    def _with_ascii(self, out: list[tuple[str, int, int]], norm: str) -> list[tuple[str, int, int]]:
        """`out` plus the ASCII entries' matches that overlap none of it, in text order."""
        if self.ascii_rx is not None and norm:
            extra = [(m.group(0), m.start(), m.end()) for m in self.ascii_rx.finditer(norm)]
            if extra:
                taken = [(s, e) for _, s, e in out]
                out += [x for x in extra if not any(s < x[2] and x[1] < e for s, e in taken)]
                out.sort(key=lambda x: x[1])
        return out

    def scan_alone(self, norm: str) -> list[tuple[str, int, int]]:
        """`scan` by this lexicon's own index only (the reference the merged pass is tested against)."""
        out = []
        first, weights = self.first, self.weights
        n = len(norm)
        i = 0  # where the next match may start (after the previous one)
        if self.first_rx is not None:
            # The candidate positions do not depend on earlier matches: one C-speed pass finds them all,
            # and those inside a match are skipped.
            for m in self.first_rx.finditer(norm):
                p = m.start()
                if p < i:
                    continue
                for ln in first[norm[p]]:
                    k = norm[p:p + ln]
                    if k in weights and len(k) == ln:  # (the length only checked on a hit: mostly a miss)
                        out.append((k, p, p + ln))
                        i = p + ln
                        break
        return self._with_ascii(out, norm)

    def find(self, norm: str, clauses: list[Clause], bounds: "TokenBounds | set[int] | None") -> list[Hit]:
        """All hits in the text; `bounds` = jieba token boundaries (None: skip one-char check)."""
        hits = []
        last_end = 0
        for k, s, e in self.scan(norm):
            if len(k) == 1 and bounds is not None and not (s in bounds and e in bounds):
                continue
            c = clause_at(clauses, s)
            # The negator must sit after the previous hit: in "不好不好", the second 不好 is not
            # "negated" by the first one's 不 (+ 好 read as a degree adverb).
            neg, deg = zh_neg_degree(norm[max(c.start, s - 12, last_end):s])
            last_end = e
            hits.append(Hit(k, self.weights[k], s, e, c.idx, neg, deg, k))
        return hits


# --------------------------------------------------------------------------- Chinese: one pass for all lexicons

_ZH_REGISTRY: list["ZhLexicon"] = []
_ZH_LENS: dict[str, list[int]] = {}            # first character -> entry lengths of any lexicon, longest first
_ZH_KEYS: dict[str, tuple[int, ...]] = {}      # entry -> the lexicons that match it in their dictionary pass
_ZH_PRE2: set[str] = set()                     # the first two characters of the entries of ≥ 2
_ZH_ONE: dict[str, tuple[int]] = {}            # characters that are an entry of their own: (1,)
_ZH_STATE: list = [None, ("", {})]             # [the first-character regex, (last text, its matches)]


def _zh_register(lx: "ZhLexicon") -> None:
    """Add a lexicon to the merged index (at creation: module level, once per lexicon)."""
    lx.lid = len(_ZH_REGISTRY)
    _ZH_REGISTRY.append(lx)
    for k in lx.weights:
        # Exactly the slices its own pass would test: a length listed under the entry's first character.
        if k[0] in lx.first and len(k) in lx.first[k[0]]:
            _ZH_KEYS[k] = _ZH_KEYS.get(k, ()) + (lx.lid,)
            if len(k) >= 2:
                _ZH_PRE2.add(k[:2])
            else:
                _ZH_ONE[k] = (1,)
    for c, lens in lx.first.items():
        _ZH_LENS[c] = sorted(set(_ZH_LENS.get(c, ())) | set(lens), reverse=True)
    _ZH_STATE[0] = None
    _ZH_STATE[1] = ("", {})


def _zh_scan_all(norm: str) -> dict[int, list[tuple[str, int, int]]]:
    """One pass over the text for the dictionary part of ALL Chinese lexicons: {lexicon id: [(entry,
    start, end)]}, each lexicon's own leftmost-longest, non-overlapping matches. At a candidate
    position the slices are tried longest first and each lexicon takes the first entry of its own
    there (its longest) unless it is still inside its previous match. The last text's result is kept:
    a review is scanned by ~20 lexicons in a row."""
    last = _ZH_STATE[1]
    if last[0] == norm:
        return last[1]
    rx = _ZH_STATE[0]
    if rx is None:
        rx = _ZH_STATE[0] = re.compile("[" + "".join(re.escape(c) for c in _ZH_LENS) + "]") if _ZH_LENS else False
    out: dict[int, list[tuple[str, int, int]]] = {}
    if rx:
        lens_of, keys, pre2, ones = _ZH_LENS, _ZH_KEYS, _ZH_PRE2, _ZH_ONE
        resume = [0] * len(_ZH_REGISTRY)
        for m in rx.finditer(norm):
            p = m.start()
            # Longer entries only where the first two characters begin one (mostly they do not).
            for ln in (lens_of[norm[p]] if norm[p:p + 2] in pre2 else ones.get(norm[p], ())):
                k = norm[p:p + ln]
                lids = keys.get(k)
                if lids is not None and len(k) == ln:
                    for lid in lids:
                        if resume[lid] <= p:
                            resume[lid] = p + ln
                            lst = out.get(lid)
                            if lst is None:
                                out[lid] = [(k, p, p + ln)]
                            else:
                                lst.append((k, p, p + ln))
    _ZH_STATE[1] = (norm, out)
    return out


# --------------------------------------------------------------------------- English: prefix-indexed regexes

_PREFIX_K = 3


def _regex_prefixes(pattern: str, k: int = _PREFIX_K) -> set[str] | None:
    """The possible first ≤k characters of a regex (None when they cannot be enumerated).

    A prefix shorter than k means "from here on anything may follow" (or the pattern ends), so a
    look-up must try text[pos:pos+1], [pos:pos+2] … [pos:pos+k].
    """
    import re._constants as C
    import re._parser as P

    def run(items, states):
        for op, av in items:
            if not any(not done and len(s) < k for s, done in states):
                return states
            if op is C.LITERAL:
                states = {(s + chr(av), done) if not done and len(s) < k else (s, done) for s, done in states}
            elif op is C.IN:
                chars = []
                for o, a in av:
                    if o is C.LITERAL:
                        chars.append(chr(a))
                    elif o is C.RANGE and a[1] - a[0] < 12:
                        chars.extend(chr(x) for x in range(a[0], a[1] + 1))
                    else:
                        chars = None
                        break
                if chars is None:
                    states = {(s, True) for s, _ in states}
                else:
                    states = {(s + ch, False) if not done and len(s) < k else (s, done)
                              for s, done in states for ch in chars}
            elif op is C.BRANCH:
                new = set()
                for alt in av[1]:
                    new |= run(list(alt), states)
                states = new
            elif op is C.SUBPATTERN:
                states = run(list(av[3]), states)
            elif op in (C.MAX_REPEAT, C.MIN_REPEAT):
                lo, hi, sub = av
                once = run(list(sub), states)
                if hi != 1:
                    once = {(s, True) for s, _ in once}
                states = (states | once) if lo == 0 else once
            elif op in (C.AT, C.ASSERT, C.ASSERT_NOT):
                continue
            else:
                states = {(s, True) for s, _ in states}
            if len(states) > 256:
                raise ValueError("too many prefixes")
        return states

    try:
        states = run(list(P.parse(pattern)), {("", False)})
    except Exception:  # noqa: BLE001 - any unsupported construct: always try this pattern
        return None
    out = {s for s, _ in states}
    return None if "" in out else out


_EN_WORD_START = re.compile(r"(?<![a-z0-9'])[a-z0-9$]")
_EN_REGISTRY: list["EnLexicon"] = []
_EN_INDEX: dict[str, list[tuple[int, int]]] = {}
_EN_ALWAYS: list[tuple[int, int]] = []
_EN_INDEXED = 0
_EN_CACHE: list = [None]  # [(last text, its matches)]: one slot, so threads never pair one text with another's matches
_EN_CAND_CACHE: dict[str, tuple[tuple[int, int], ...]] = {}


def _en_rebuild() -> None:
    """Merge the prefix indexes of every English lexicon (new lexicons register at creation)."""
    global _EN_INDEXED
    _EN_INDEX.clear()
    _EN_ALWAYS.clear()
    for lid, lx in enumerate(_EN_REGISTRY):
        for i, p in enumerate(lx.keys):
            pre = _regex_prefixes(p)
            if pre is None:
                _EN_ALWAYS.append((lid, i))
            else:
                for s in pre:
                    _EN_INDEX.setdefault(s, []).append((lid, i))
    _EN_INDEXED = len(_EN_REGISTRY)
    _EN_CACHE[0] = None
    _EN_CAND_CACHE.clear()


def _en_scan_all(norm: str) -> dict[int, list[tuple[int, int, int]]]:
    """One pass over the word starts for ALL English lexicons: {lexicon id: [(entry, start, end)]}.

    Per lexicon: leftmost-longest, like the Chinese lexicons — at a word start the entry with the
    longest match wins (the first in entry order on ties) and that lexicon resumes after it, so a
    specific phrase ("advertised as 1000 watts") beats a generic one ("advertised as").
    """
    if _EN_INDEXED != len(_EN_REGISTRY):
        _en_rebuild()
    last = _EN_CACHE[0]
    if last is not None and last[0] == norm:
        return last[1]
    out: dict[int, list[tuple[int, int, int]]] = {}
    pos_min: dict[int, int] = {}
    index, always = _EN_INDEX, _EN_ALWAYS
    cache = _EN_CAND_CACHE
    for m in _EN_WORD_START.finditer(norm):
        pos = m.start()
        win = norm[pos:pos + 3]
        cand = cache.get(win)
        if cand is None:
            # Candidates depend only on the 3-character window: computed once per window.
            cand = tuple(sorted(set((index.get(win[:1]) or []) + (index.get(win[:2]) or [])
                                    + (index.get(win) or []) + always)))
            if len(cache) < 50000:
                cache[win] = cand
        if not cand:
            continue
        best: dict[int, tuple[int, int]] = {}
        for lid, i in cand:
            if pos < pos_min.get(lid, 0):
                continue
            mm = _EN_REGISTRY[lid].rx[i].match(norm, pos)
            if mm and (lid not in best or mm.end() > best[lid][1]):
                best[lid] = (i, mm.end())
        for lid, (i, end) in best.items():
            out.setdefault(lid, []).append((i, pos, end))
            pos_min[lid] = max(end, pos + 1)
    _EN_CACHE[0] = (norm, out)
    return out


class EnLexicon:
    """An English regex lexicon, matched at word starts.

    Every entry is compiled on its own and indexed by its possible first characters (up to 3); the
    indexes of all English lexicons are merged, so one pass over the word starts serves them all and
    at each word start only the few entries that can begin there are tried — far cheaper than one
    big alternation per lexicon; the longest match at a word start wins. Latin-letter boundaries instead of \\b: in Python, CJK characters
    are word characters, so \\b would never fire in mixed text like "这个quality很差".
    """

    def __init__(self, entries: Mapping[str, float] | Iterable[str]):
        if not isinstance(entries, Mapping):
            entries = {e: 1.0 for e in entries}
        self.keys = list(entries)
        self.weights = dict(entries)
        self.rx = [re.compile(f"(?:{p})(?![a-z0-9])") for p in self.keys]
        self.lid = len(_EN_REGISTRY)
        _EN_REGISTRY.append(self)

    def matches(self, norm: str) -> list[tuple[int, int, int]]:
        """[(entry index, start, end)], non-overlapping, left to right."""
        return _en_scan_all(norm).get(self.lid, [])

    def find(self, norm: str, clauses: list[Clause]) -> list[Hit]:
        """All hits in the text (Latin part only)."""
        hits = []
        for i, s, e in self.matches(norm):
            key = self.keys[i]
            c = clause_at(clauses, s)
            neg, deg = en_neg_degree(norm[max(c.start, s - 40):s])
            hits.append(Hit(key, self.weights[key], s, e, c.idx, neg, deg, norm[s:e]))
        return hits


@lru_cache(maxsize=2048)
def _block_bounds(blk: str) -> frozenset[int]:
    """Token boundaries inside one RE_HAN block, relative to its start (0 and len included)."""
    out = {0}
    pos = 0
    for w in segmenter().cut_block(blk):
        pos += len(w)
        out.add(pos)
    return frozenset(out)


class TokenBounds:
    """The start/end offsets of jieba's tokens, computed only where asked (`offset in bounds`).

    jieba splits the text into blocks (RE_HAN runs; between them every character is a token of its
    own, "\\r\\n" excepted) and segments each block alone, so a boundary inside a block depends on
    that block only: only the blocks holding a one-character lexicon hit are ever segmented. Same
    answers as the full set of token offsets (`{s, e for every token}`), for any offset inside the text.
    """

    __slots__ = ("norm", "_starts", "_ends", "_seen")

    def __init__(self, norm: str):
        self.norm = norm
        self._starts: list[int] | None = None
        self._ends: list[int] = []
        self._seen: dict[int, frozenset[int]] = {}

    def __contains__(self, pos: int) -> bool:
        norm = self.norm
        if not norm or pos < 0 or pos > len(norm):
            return False
        if self._starts is None:
            spans = [m.span() for m in RE_HAN.finditer(norm)]
            self._starts = [a for a, _ in spans]
            self._ends = [b for _, b in spans]
        i = bisect_right(self._starts, pos) - 1
        if i >= 0 and self._starts[i] < pos < self._ends[i]:
            b = self._seen.get(i)
            if b is None:
                b = self._seen[i] = _block_bounds(norm[self._starts[i]:self._ends[i]])
            return pos - self._starts[i] in b
        # A block's edge, or between two characters outside the blocks: a boundary, except inside "\\r\\n".
        return not (0 < pos < len(norm) and norm[pos - 1] == "\r" and norm[pos] == "\n")


def token_bounds(norm: str) -> TokenBounds:
    """Start/end offsets of jieba tokens (used to accept one-character words), computed lazily."""
    return TokenBounds(norm)


def has_cjk(s: str) -> bool:
    """True when the text contains Chinese characters."""
    return bool(_CJK.search(s))


def has_latin(s: str) -> bool:
    """True when the text contains Latin words."""
    return bool(_LATIN_WORD.search(s))


def latin_word_count(s: str) -> int:
    """Number of Latin words."""
    return len(_LATIN_WORD.findall(s))
