"""The companion's one clock: every "now" of a request is `clock.utcnow()` (tests pin it here)."""

from __future__ import annotations

from datetime import datetime, timezone


def utcnow() -> datetime:
    """Now, in UTC (call it as `clock.utcnow()` so a pinned clock is seen everywhere)."""
    return datetime.now(timezone.utc)


def iso(dt: datetime) -> str:
    """UTC ISO-8601 with a Z, to the millisecond."""
    return dt.astimezone(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def parse_iso(value: str) -> datetime:
    """An `iso()` string back to an aware datetime."""
    return datetime.fromisoformat(value.replace("Z", "+00:00"))
