"""Which language a review is written in.

Chinese versus Latin-script text is decided by script (cheap, exact for what matters here). A
Latin-script text is then checked with py3langid (BSD-3-Clause; its model ships inside the
wheel, nothing is downloaded), restricted to the languages TikTok Shop sellers meet, so that a
Malay, Indonesian, Vietnamese or Tagalog review is recorded as such instead of being read as
broken English. Only zh and en are classified fully; see `companion.models.ReviewLang`.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import get_args

from companion.models import ReviewLang

from .text import detect_lang

KNOWN = frozenset(get_args(ReviewLang))
_CANDIDATES = ("en", "ms", "id", "vi", "tl", "es", "fr", "de", "pt", "it", "tr")
_THAI = re.compile(r"[\u0e00-\u0e7f]")
_KANA = re.compile(r"[\u3040-\u30ff]")
_HANGUL = re.compile(r"[\uac00-\ud7af]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN_WORDS = re.compile(r"[a-zà-ỹ]{2,}")
_EN_FUNCTION = frozenset(("the", "and", "is", "it", "to", "for", "was", "this", "my", "of", "not", "but", "with", "that",
                          "have", "you", "they", "on", "in", "are", "had", "be", "so", "after", "just"))
# Below this many Latin words the identifier guesses; short texts stay English.
MIN_WORDS = 4
# A non-English verdict needs this much of the (normalised) probability, so English stays English.
CONFIDENT = 0.7


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    ident.set_languages(list(_CANDIDATES))
    # py3langid keeps the table of all 142 languages beside the restricted one, only so that
    # set_languages(None) can undo the restriction; we never undo it, and the table is 27 MB.
    ident._full_model = (ident.nb_ptc, ident.nb_pc, ident.nb_classes)
    return ident


def warm_up() -> None:
    """Load the language model now (server start), not on the seller's first capture."""
    _identifier()


def normalise_tag(tag: str | None) -> str | None:
    """"zh-CN" → "zh", "EN" → "en", "fil" → "tl"; None for an empty or unknown tag."""
    if not tag or not isinstance(tag, str):
        return None
    primary = tag.strip().replace("_", "-").split("-")[0].lower()
    primary = {"fil": "tl", "in": "id", "zho": "zh", "eng": "en", "msa": "ms", "may": "ms", "ind": "id", "vie": "vi",
               "tha": "th", "cmn": "zh", "yue": "zh"}.get(primary, primary)
    return primary if primary in KNOWN else None


def detect(norm: str) -> str:
    """The review language of a normalised (lower-cased) text, one of ReviewLang."""
    if _THAI.search(norm):
        return "th"
    if _KANA.search(norm):
        return "ja"
    if _HANGUL.search(norm):
        return "ko"
    base = detect_lang(norm)
    if base == "zh":
        return "zh"
    if _ARABIC.search(norm):
        return "ar"
    if _CYRILLIC.search(norm):
        return "ru"
    words = _LATIN_WORDS.findall(norm)
    if len(words) < MIN_WORDS:
        return "en"
    # Plain English (most Latin-script reviews) is recognised by its function words without the
    # identifier: a text where they are at least a fifth of the words is English.
    if sum(w in _EN_FUNCTION for w in words) * 5 >= len(words):
        return "en"
    probs = dict(_identifier().rank(norm))
    # Malay and Indonesian share most words: together they are one strong signal.
    malay = probs.get("ms", 0.0) + probs.get("id", 0.0)
    if malay >= CONFIDENT:
        return "ms" if probs.get("ms", 0.0) >= probs.get("id", 0.0) else "id"
    code = max(probs, key=probs.get)
    return code if code != "en" and probs[code] >= CONFIDENT else "en"


def resolve(tag: str | None, norm: str) -> str:
    """The caller's tag when it names a known language, else the detected one."""
    return normalise_tag(tag) or detect(norm)
