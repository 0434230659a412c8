"""Paired browsers (issue 13): the extension origins allowed to call the companion, learnt at pairing.

The extension's id differs per install (unpacked, Chrome Web Store, Edge Add-ons, Firefox's per-profile
`moz-extension://<uuid>`), so the companion hard-codes none: the extension's service worker proves it holds
the token with `POST /api/v1/pairing`, the browser's `Origin` header of that request is recorded here, and
from then on exactly the recorded origins (and the companion's own, for the dashboard) pass the Origin check
(companion/security.py). Unpairing deletes the row: that browser is refused again until the seller pairs it.

Plain SQL on a sqlite-utils Database, no Flask.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
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
    # Microseconds: a pairing's credential is derived from (id, origin, paired_at), and SQLite hands a deleted
    # row's id to the next insert, so the time is what makes a re-pairing's credential differ from the revoked one.
    return datetime.now(timezone.utc).isoformat(timespec="microseconds").replace("+00:00", "Z")


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


_CREDENTIAL = re.compile(r"rgp_([1-9][0-9]{0,11})_([A-Za-z0-9_-]{43})")


def credential(secret: str, pairing: dict) -> str:
    """The bearer credential of one pairing: HMAC-SHA256 under the companion's token of (id, origin, paired_at)."""
    msg = f"review-guard pairing\n{pairing['id']}\n{pairing['origin']}\n{pairing['paired_at']}".encode()
    mac = hmac.new(secret.encode(), msg, hashlib.sha256).digest()
    return f"rgp_{pairing['id']}_{base64.urlsafe_b64encode(mac).rstrip(b'=').decode()}"


def pairing_for_credential(db, secret: str, token: str) -> dict | None:
    """The live pairing whose credential `token` is, else None (unpaired, forged, or made under another token)."""
    m = _CREDENTIAL.fullmatch(token or "")
    if not m:
        return None
    row = get_paired(db, int(m.group(1)))
    if row is None or not hmac.compare_digest(credential(secret, row).encode(), token.encode()):
        return None
    return row


def unpair(db, pairing_id: int) -> dict | None:
    """Delete one pairing; the deleted row, or None when there was none."""
    with db.conn:
        row = get_paired(db, pairing_id)
        if row:
            db.execute("delete from paired_origins where id = ?", [pairing_id])
    return row
