"""Nudging by the seller's own earlier corrections (per shop).

A seller who corrected "发的不是我买的颜色" from product_quality to description_mismatch expects the
next near-duplicate to come out right. We compare content tokens (jieba words / English words,
minus function words) by Jaccard similarity:

- similarity ≥ 0.6 → the corrected label becomes primary (a near-duplicate);
- similarity ≥ 0.3 and ≥ 2 shared distinctive tokens → a score bonus for the corrected label, so
  it wins only when the rules were undecided.
"""

from __future__ import annotations

from functools import lru_cache

from .text import tokens

_STOP = {
    "的", "了", "是", "我", "你", "他", "她", "它", "们", "也", "都", "就", "还", "很", "太", "又", "和", "跟", "与",
    "这", "那", "个", "一", "有", "在", "吧", "啊", "呢", "吗", "呀", "哦", "给", "买", "说", "要", "会", "到",
    "the", "a", "an", "and", "or", "is", "was", "it", "this", "that", "i", "to", "of", "in", "for", "my", "me",
    "with", "on", "be", "are", "were", "but", "so", "very", "they", "them", "you", "have", "had", "has",
}

STRONG = 0.6
WEAK = 0.3


@lru_cache(maxsize=4096)
def content_tokens(text: str) -> frozenset[str]:
    """Distinctive tokens of a text (no function words, no punctuation); cached because a shop's
    corrections (up to hundreds) are compared against every new review."""
    return frozenset(t for t in tokens(text) if t not in _STOP)


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    """|a ∩ b| / |a ∪ b| (0 for two empty sets)."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def best_correction(text: str, corrections: list[dict] | None, valid: tuple[str, ...]) -> tuple[str, float, int] | None:
    """The most similar earlier correction: (label, similarity, shared token count), or None."""
    if not corrections:
        return None
    mine = content_tokens(text)
    best = None
    for c in corrections:
        label = (c or {}).get("primary")
        if label not in valid or not (c.get("text") or "").strip():
            continue
        other = content_tokens(c["text"])
        sim = jaccard(mine, other)
        shared = len(mine & other)
        if best is None or sim > best[1]:
            best = (label, sim, shared)
    if best is None or best[1] < WEAK or (best[1] < STRONG and best[2] < 2):
        return None
    return best
