"""Small text and time helpers shared by drafting, lint and appeal advice (internal)."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from typing import Any

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
# A field that looks like markup or a spreadsheet formula is dropped entirely rather than
# "cleaned": a half-stripped payload is still junk in a reply the seller will post publicly.
_HOSTILE = re.compile(r"[<>]|^\s*[=+\-@]|javascript:|\|\s*'|cmd\s*\|", re.I)


def clean_field(value: Any, max_len: int = 60) -> str | None:
    """A capture field (product title, SKU, carrier …) made safe to place into a draft.

    Returns None for empty or hostile-looking values (markup, formula prefixes): callers then use
    a generic wording instead. Strips control/bidi characters and `$`/backticks/braces/pipes
    (template and CSV metacharacters), collapses whitespace and truncates at a word boundary.
    """
    if value is None:
        return None
    text = unicodedata.normalize("NFC", str(value))
    text = _CONTROL.sub(" ", text)
    if _HOSTILE.search(text):
        return None
    text = re.sub(r"[$`{}|\\\"]", " ", text)
    text = re.sub(r"\s+", " ", text).strip(" '")
    if not text:
        return None
    if len(text) > max_len:
        cut = text[:max_len]
        # Never cut through a number: a truncated "128GB" → "12" would be an invented fact.
        cut = re.sub(r"[\w.]*$", "", cut) if " " in cut else re.sub(r"\d+$", "", cut)
        text = cut.rstrip(" ,，、-/") + "…"
    return text


def clean_id(value: Any) -> str | None:
    """Order/tracking/evidence ids: ASCII letters, digits and dashes only, else None (ids stay strings)."""
    if value is None:
        return None
    text = str(value).strip()
    # Anything beyond an id's alphabet means the field is not a clean id: drop it, don't repair it.
    return text if re.fullmatch(r"[0-9A-Za-z\-]{1,64}", text) else None


_NUMBER = re.compile(r"\d+(?:\.\d+)?")


def number_tokens(text: str) -> frozenset[str]:
    """Digit runs (with one decimal part) in NFKC-normalised text: '¥39.90, 2件' → {'39.90', '2'}.

    Remembered for short texts: the lint asks it for every fact of a capture once per draft."""
    text = text or ""
    return _number_tokens(text) if len(text) <= 200 else frozenset(_NUMBER.findall(unicodedata.normalize("NFKC", text)))


@lru_cache(maxsize=2048)
def _number_tokens(text: str) -> frozenset[str]:
    return frozenset(_NUMBER.findall(unicodedata.normalize("NFKC", text)))


def has_cjk(text: str) -> bool:
    """True when the text contains any CJK ideograph."""
    return bool(re.search(r"[\u4e00-\u9fff]", text or ""))


def cjk_ratio(text: str) -> float:
    """Share of CJK ideographs among non-space characters."""
    chars = [c for c in (text or "") if not c.isspace()]
    if not chars:
        return 0.0
    return sum(1 for c in chars if "\u4e00" <= c <= "\u9fff") / len(chars)


_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%Y/%m/%d",
    "%Y.%m.%d %H:%M:%S",
    "%Y.%m.%d",
    "%Y年%m月%d日 %H:%M:%S",
    "%Y年%m月%d日 %H:%M",
    "%Y年%m月%d日",
    "%b %d, %Y",
    "%B %d, %Y",
    "%d %b %Y",
)


def parse_time(value: Any, tz: timezone | None = None) -> datetime | None:
    """Parse the time formats seller centers show; naive results get `tz` attached.

    Accepts datetimes, epoch seconds/milliseconds, ISO 8601, `2026-11-20 14:03:11`,
    `2026/11/20`, `2026年11月20日`, `Jan 15, 2026` and TikTok's `Jan 15, 2026 | Edited 5 days ago`.
    Returns None when nothing fits (callers then say "unknown" instead of guessing).
    """
    if value is None or value == "":
        return None
    dt: datetime | None = None
    if isinstance(value, datetime):
        dt = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        secs = value / 1000 if value > 1e11 else value
        try:
            dt = datetime.fromtimestamp(secs, tz=timezone.utc)
        except (OverflowError, OSError, ValueError):  # far outside any real time: not a time
            return None
    else:
        text = str(value).split("|")[0].strip()
        if re.fullmatch(r"\d{10}(\d{3})?", text):
            return parse_time(int(text), tz)
        try:
            dt = datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            for fmt in _FORMATS:
                try:
                    dt = datetime.strptime(text, fmt)
                    break
                except ValueError:
                    continue
    if dt is None:
        return None
    if dt.tzinfo is None and tz is not None:
        dt = dt.replace(tzinfo=tz)
    return dt


def shown_tz(rules: dict, fallback: timezone | None = None):
    """The time zone a platform shows its times in (rule `shown_time_utc_offset_hours`), else `fallback`."""
    hours = rules.get("shown_time_utc_offset_hours")
    if isinstance(hours, (int, float)):
        return timezone(timedelta(hours=hours))
    return fallback


def aware_now(now: datetime | None) -> datetime:
    """`now` as an aware datetime (naive input is taken as local time)."""
    if now is None:
        return datetime.now(timezone.utc).astimezone()
    return now if now.tzinfo is not None else now.astimezone()


def days_between(later: datetime, earlier: datetime) -> float:
    """(later - earlier) in days, rounded to 2 decimals."""
    return round((later - earlier) / timedelta(days=1), 2)
