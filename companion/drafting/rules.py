"""Per-platform review rules, loaded from `companion/rules/*.json`.

Platform rules change and differ by region, so no number lives in code: each rule is stored as
`{"value": ..., "source": "...", "verified"?: false, "note"?: "..."}` in one file per platform
(`douyin.json`, `tiktok.json`, `taobao.json`) plus region overrides (`tiktok_us.json` …) that are
merged key by key over the platform default. Keys starting with `_` are comments.

`load_rules()` hands out plain values (what the drafting code needs); `rule_source()` and
`rule_detail()` keep the provenance reachable, so the panel can show where a limit comes from.
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from pathlib import Path
from typing import Any

# Path(__file__) rather than importlib.resources: companion/rules is a data directory, not a
# package, and this works both from a checkout and from an installed tree that ships the files.
RULES_DIR = Path(__file__).resolve().parent.parent / "rules"

PLATFORM_FILES = ("douyin", "tiktok", "taobao")
SHARED_FILES = ("evidence", "conditions", "situation")


def _read(name: str) -> dict[str, Any]:
    with open(RULES_DIR / f"{name}.json", encoding="utf-8") as fh:
        data = json.load(fh)
    return {k: v for k, v in data.items() if not k.startswith("_")}


def norm_region(platform: str, region: str | None) -> str | None:
    """Lower-case region code if a region file exists for it, else None (= platform default).

    An unknown region (e.g. TikTok Shop UK) is not an error: the platform defaults apply.
    """
    if not region:
        return None
    r = str(region).strip().lower()
    return r if (RULES_DIR / f"{platform}_{r}.json").is_file() else None


def available_regions(platform: str) -> list[str]:
    """Region codes (upper-case) that have an override file for `platform`."""
    return sorted(p.stem.split("_", 1)[1].upper() for p in RULES_DIR.glob(f"{platform}_*.json"))


@lru_cache(maxsize=64)
def _merged_raw(platform: str, region: str | None) -> dict[str, dict[str, Any]]:
    if platform not in PLATFORM_FILES:
        raise ValueError(f"unknown platform {platform!r}; expected one of {PLATFORM_FILES}")
    raw: dict[str, dict[str, Any]] = {}
    for key, rule in _read(platform).items():
        raw[key] = dict(rule, file=f"{platform}.json")
    if region:
        for key, rule in _read(f"{platform}_{region}").items():
            raw[key] = dict(rule, file=f"{platform}_{region}.json")
    return raw


@lru_cache(maxsize=8)
def _shared_raw(name: str) -> dict[str, dict[str, Any]]:
    if name not in SHARED_FILES:
        raise ValueError(f"unknown rules file {name!r}")
    return {k: dict(v, file=f"{name}.json") for k, v in _read(name).items()}


def load_rules(platform: str, region: str | None = None) -> dict[str, Any]:
    """Rules for a platform (and region), merged and unwrapped: `{"reply_max_chars": 500, ...}`.

    Region overrides win key by key. The result also carries `region` (upper-case or None).
    A fresh copy is returned each call, so callers may mutate it without poisoning the cache.
    Raises ValueError for an unknown platform.
    """
    reg = norm_region(platform, region)
    out = json.loads(_values_json(platform, reg))  # a fresh copy, made in C (deepcopy was ~10 % of a capture)
    out["region"] = reg.upper() if reg else None
    return out


def rules_view(platform: str, region: str | None = None) -> dict[str, Any]:
    """`load_rules` without the copy: one cached dict per platform and region, shared by every caller.

    For the drafting code's own reads on the capture path (a capture looked its rules up ~20 times, each a
    fresh parse). Never modify what it returns; hand out `load_rules` to anything that might.
    """
    return _values(platform, _region_key(platform, region))


@lru_cache(maxsize=256)
def _region_key(platform: str, region: str | None) -> str | None:
    return norm_region(platform, region)


@lru_cache(maxsize=64)
def _values(platform: str, region: str | None) -> dict[str, Any]:
    out = json.loads(_values_json(platform, region))
    out["region"] = region.upper() if region else None
    return out


@lru_cache(maxsize=64)
def _values_json(platform: str, region: str | None) -> str:
    """The unwrapped values of a platform's (and region's) rules, serialised once (they come from JSON)."""
    return json.dumps({key: rule.get("value") for key, rule in _merged_raw(platform, region).items()})


@lru_cache(maxsize=8)
def _shared_values_json(name: str) -> str:
    return json.dumps({k: v.get("value") for k, v in _shared_raw(name).items()})


def rule_detail(platform: str, key: str, region: str | None = None) -> dict[str, Any] | None:
    """The stored rule with provenance: `{value, source, file, verified?, note?}` or None."""
    rule = _merged_raw(platform, norm_region(platform, region)).get(key)
    return copy.deepcopy(rule) if rule is not None else None


def rule_source(platform: str, key: str, region: str | None = None) -> str | None:
    """Where a rule's value comes from (free text citing DOMAIN.md / research / help pages)."""
    rule = _merged_raw(platform, norm_region(platform, region)).get(key)
    return rule.get("source") if rule else None


def rule_sources(platform: str, keys: tuple[str, ...], region: str | None = None) -> list[dict[str, str]]:
    """`[{"key", "source"}]` for each of `keys` that has a source (what `rule_source` says), in order."""
    return [{"key": k, "source": src} for k, src in _rule_sources(platform, _region_key(platform, region), keys)]


@lru_cache(maxsize=64)
def _rule_sources(platform: str, region: str | None, keys: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    raw = _merged_raw(platform, region)
    return tuple((k, raw[k]["source"]) for k in keys if raw.get(k) and raw[k].get("source"))


def lowered(terms: list[str]) -> tuple[str, ...]:
    """The terms of a rules view (`shared_view`) in lower case, worked out once per list."""
    hit = _LOWERED.get(id(terms))
    if hit is not None and hit[0] is terms:
        return hit[1]
    low = tuple(t.lower() for t in terms)
    if len(_LOWERED) < 512:
        _LOWERED[id(terms)] = (terms, low)  # holds the list: its id cannot be reused while cached
    return low


_LOWERED: dict[int, tuple[list[str], tuple[str, ...]]] = {}


def is_verified(platform: str, key: str, region: str | None = None) -> bool:
    """False when the value is a conservative default or comes from an unconfirmed source."""
    rule = _merged_raw(platform, norm_region(platform, region)).get(key)
    return bool(rule) and rule.get("verified", True) is not False


def shared_rules(name: str) -> dict[str, Any]:
    """Unwrapped values of a platform-independent file: `evidence`, `conditions` or `situation`."""
    return json.loads(_shared_values_json(name))


@lru_cache(maxsize=8)
def shared_view(name: str) -> dict[str, Any]:
    """`shared_rules` without the copy: one cached dict per file, shared by every caller (never modify it)."""
    return shared_rules(name)


def shared_source(name: str, key: str) -> str | None:
    """Source of a key in a platform-independent rules file."""
    rule = _shared_raw(name).get(key)
    return rule.get("source") if rule else None
