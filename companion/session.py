"""The signed-in dashboard: a one-time sign-in link from the extension, then an HttpOnly session cookie.

Flow: the extension's service worker (the only holder of the pairing token) asks
`POST /api/v1/dashboard/links` `{"next"?: "/cases/5"}` → `{"url": ".../signin?code=…", "expires_in": 60}` and
opens that URL in a tab. `GET /signin?code=` redeems the code ONCE (60 s), sets the cookie
`rg_session` (HttpOnly, SameSite=Strict, Path=/, 12 h) and redirects (303) to `next`. Every other dashboard
page, form and download needs that cookie: without it, a 401 page says to open the dashboard from the
extension's toolbar popup. The token is never in a URL; the code in the sign-in URL is useless once used.

Codes and sessions live in this process's memory only (stored as SHA-256 digests): a restart signs every
browser out, and the popup signs in again with one click.
"""

from __future__ import annotations

import hashlib
import secrets
import threading
import time

COOKIE = "rg_session"
CODE_TTL_S = 60
SESSION_TTL_S = 12 * 3600
MAX_LIVE = 1000  # codes and sessions kept at most (oldest dropped)


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()


class Sessions:
    def __init__(self, clock=time.monotonic):
        self._clock = clock
        self._lock = threading.Lock()
        self._codes: dict[str, tuple[float, str]] = {}
        self._sessions: dict[str, float] = {}

    def _prune(self, table: dict, now: float) -> None:
        for key in [k for k, v in table.items() if (v[0] if isinstance(v, tuple) else v) <= now]:
            del table[key]
        while len(table) >= MAX_LIVE:
            del table[next(iter(table))]

    def issue_code(self, next_path: str) -> str:
        code = secrets.token_urlsafe(32)
        now = self._clock()
        with self._lock:
            self._prune(self._codes, now)
            self._codes[_digest(code)] = (now + CODE_TTL_S, next_path)
        return code

    def redeem(self, code: str) -> tuple[str, str] | None:
        """(a new session id, the `next` path) for a live code, used up now; None otherwise."""
        if not code or len(code) > 200:
            return None
        now = self._clock()
        with self._lock:
            entry = self._codes.pop(_digest(code), None)
            if entry is None or entry[0] <= now:
                return None
            self._prune(self._sessions, now)
            sid = secrets.token_urlsafe(32)
            self._sessions[_digest(sid)] = now + SESSION_TTL_S
        return sid, entry[1]

    def valid(self, sid: str | None) -> bool:
        if not sid or len(sid) > 200:
            return False
        with self._lock:
            expires = self._sessions.get(_digest(sid))
            return expires is not None and expires > self._clock()


def sessions(app) -> Sessions:
    return app.extensions.setdefault("rg_sessions", Sessions())


def safe_next(path: str | None) -> str:
    """A local path on this companion (`/…`, never `//host` or a scheme), else `/`."""
    if not isinstance(path, str) or not path.startswith("/") or path.startswith("//") or "\\" in path:
        return "/"
    if len(path) > 2000 or any(ord(ch) < 0x20 for ch in path):
        return "/"
    return path
