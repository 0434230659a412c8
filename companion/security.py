"""Loopback-only guards: Host allow-list (DNS rebinding), Origin allow-list, bearer token.

flask-cors would only add headers; the browser still sends the request. These checks refuse it
in the server itself, before any view runs.

Origins allowed: the companion's own (the dashboard), the browsers paired with it (companion/paired_origins.py,
learnt by `POST /api/v1/pairing`, issue 13) and `ALLOWED_ORIGINS` (empty unless configured). No extension id is
hard-coded and no scheme passes as such (`moz-extension://` included). An extension origin not paired yet may
reach only what pairing needs: `GET /api/v1/health` and `POST /api/v1/pairing` (which wants the token).
Requests without an Origin header (the CLI, curl) are not browser requests: the token alone decides.

The bearer is the companion's token or a paired browser's own credential (paired_origins.credential): the
extension keeps only the latter, so unpairing really locks that browser out — also on the GETs browsers send
without an Origin header. A credential is accepted from its own origin only, and cannot pair.
"""

from __future__ import annotations

import hmac
import os
import re
import secrets
from pathlib import Path

from flask import current_app, request

from .errors import DomainError
from .paired_origins import is_extension_origin, is_paired, pairing_for_credential

_LOOPBACK_HOST = re.compile(r"^(127\.0\.0\.1|localhost|\[::1\])(:\d{1,5})?$", re.IGNORECASE)


def load_or_create_token(data_dir: Path) -> str:
    """Read `data_dir/token`, creating a random one (mode 0600) on first start."""
    path = Path(data_dir) / "token"
    if path.exists():
        token = path.read_text().strip()
        if token:
            return token
    token = secrets.token_urlsafe(32)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(token + "\n")
    os.chmod(path, 0o600)
    return token


def origin_allowed(origin: str) -> bool:
    """True for the companion's own origin, the configured `ALLOWED_ORIGINS` and the paired extension origins."""
    own = f"{request.scheme}://{request.host}"
    if origin.lower() == own.lower() or origin in current_app.config.get("ALLOWED_ORIGINS", ()):
        return True
    if not is_extension_origin(origin):
        return False
    from .api.db import get_db

    return is_paired(get_db(), origin)


# What an extension that is not paired yet may call: enough to find the companion and to pair.
PAIRING_PATHS = {"/api/v1/health": {"GET", "OPTIONS"}, "/api/v1/pairing": {"POST", "OPTIONS"}}


def _pairing_request(origin: str) -> bool:
    return is_extension_origin(origin) and request.method in PAIRING_PATHS.get(request.path, ())


def check_request() -> None:
    """before_request: refuse foreign Hosts and Origins; require the token under /api/v1."""
    if not _LOOPBACK_HOST.match(request.host or ""):
        raise DomainError("bad_host", "Host must be a loopback address (127.0.0.1 or localhost).", field="Host", status_hint=403)
    origin = request.headers.get("Origin")
    if origin == "null":
        raise DomainError("bad_origin", "Opaque origins are not allowed.", field="Origin", status_hint=403)
    if origin and not origin_allowed(origin) and not _pairing_request(origin):
        hint = " Pair this browser: paste the token in the extension's options." if is_extension_origin(origin) else ""
        raise DomainError("bad_origin", f"Origin {origin[:200]!r} is not allowed to call the companion.{hint}", field="Origin", status_hint=403)
    if request.path.startswith("/api/") and request.path != "/api/v1/health" and request.method != "OPTIONS":
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not _token_ok(token.strip(), origin):
            raise DomainError("unauthorized", "Missing or wrong token: pair the extension in its options page.", field="Authorization", status_hint=401)


def _token_ok(token: str, origin: str | None) -> bool:
    """The companion's token, or the credential of a live pairing used from its own origin (never to pair)."""
    secret = current_app.config["TOKEN"]
    if hmac.compare_digest(token.encode("utf-8", "surrogatepass"), secret.encode()):
        return True
    if not token.startswith("rgp_") or request.path == "/api/v1/pairing":
        return False
    from .api.db import get_db

    row = pairing_for_credential(get_db(), secret, token)
    return row is not None and (not origin or origin == row["origin"])


def add_cors_headers(response):
    """Answer allowed extension origins (Firefox sends preflights for loopback calls)."""
    origin = request.headers.get("Origin")
    if origin and origin != "null" and (origin_allowed(origin) or _pairing_request(origin)):
        response.headers["Access-Control-Allow-Origin"] = origin
        response.headers["Vary"] = "Origin"
        response.headers["Access-Control-Allow-Headers"] = "Authorization, Content-Type"
        response.headers["Access-Control-Allow-Methods"] = "GET, POST, PUT, PATCH, DELETE, OPTIONS"
        response.headers["Access-Control-Max-Age"] = "600"
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "no-referrer")
    return response


def init_app(app) -> None:
    """Install the guards on every request."""
    app.before_request(check_request)
    app.after_request(add_cors_headers)
