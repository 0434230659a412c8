"""Paired browsers (issue 13): the extension origins allowed to call the companion, learnt at pairing.

The extension's id differs per install (unpacked, Chrome Web Store, Edge Add-ons, Firefox's per-profile
`moz-extension://<uuid>`), so the companion hard-codes none: the extension's service worker proves it holds
the token with `POST /api/v1/pairing`, the browser's `Origin` header of that request is recorded here, and
from then on exactly the recorded origins (and the companion's own, for the dashboard) pass the Origin check
(companion/security.py). Unpairing deletes the row: that browser is refused again until the seller pairs it.

Plain SQL on a sqlite-utils Database, no Flask.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

# Origins a browser gives its extensions' pages and workers. Ids: Chrome/Edge 32 letters a-p, Firefox a UUID,
# Safari a UUID; bounded so a hostile header cannot bloat the table.
EXTENSION_ORIGIN = re.compile(r"^(chrome-extension|moz-extension|safari-web-extension)://[a-z0-9-]{1,64}$")
MAX_LABEL = 100
MAX_USER_AGENT = 300


def is_extension_origin(origin: str | None) -> bool:
    return bool(origin) and EXTENSION_ORIGIN.fullmatch(origin) is not None


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds").replace("+00:00", "Z")


def _row(cursor_row, columns) -> dict:
    return dict(zip(columns, cursor_row))


COLUMNS = ("id", "origin", "label", "user_agent", "paired_at", "last_paired_at")


def is_paired(db, origin: str) -> bool:
    return db.execute("select 1 from paired_origins where origin = ?", [origin]).fetchone() is not None


def list_paired(db) -> list[dict]:
    rows = db.execute(f"select {', '.join(COLUMNS)} from paired_origins order by id").fetchall()
    return [_row(r, COLUMNS) for r in rows]


def get_paired(db, pairing_id: int) -> dict | None:
    r = db.execute(f"select {', '.join(COLUMNS)} from paired_origins where id = ?", [pairing_id]).fetchone()
    return _row(r, COLUMNS) if r else None


def pair(db, origin: str, *, label: str | None, user_agent: str | None) -> tuple[dict, bool]:
    """Record `origin` (an extension origin) as paired; again for a paired one refreshes label and time.

    :returns: (the pairing, True when it is new)
    """
    if not is_extension_origin(origin):
        raise ValueError(f"not an extension origin: {origin!r}")
    now = _now()
    label = (label or "").strip()[:MAX_LABEL] or None
    user_agent = (user_agent or "").strip()[:MAX_USER_AGENT] or None
    with db.conn:
        existing = db.execute("select id from paired_origins where origin = ?", [origin]).fetchone()
        if existing:
            db.execute("update paired_origins set label = coalesce(?, label), user_agent = ?, last_paired_at = ? where id = ?",
                       [label, user_agent, now, existing[0]])
            pairing_id, new = existing[0], False
        else:
            cur = db.execute("insert into paired_origins (origin, label, user_agent, paired_at, last_paired_at) values (?, ?, ?, ?, ?)",
                             [origin, label, user_agent, now, now])
            pairing_id, new = cur.lastrowid, True
    return get_paired(db, pairing_id), new


def unpair(db, pairing_id: int) -> dict | None:
    """Delete one pairing; the deleted row, or None when there was none."""
    with db.conn:
        row = get_paired(db, pairing_id)
        if row:
            db.execute("delete from paired_origins where id = ?", [pairing_id])
    return row
