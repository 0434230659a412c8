"""HTTP API under /api/v1 (the fixed interface: extend freely, never break).

One blueprint, one module per resource, each doing only HTTP ⇄ pydantic models and calling the
services (companion/services/): captures.py, cases.py, appeals.py, evidence.py, settings.py,
lookup.py (lookup, history, classify, lint), exports.py (CSV, export.zip, appeal package, verify),
summary.py, dashboard_links.py, pairing.py. Errors: companion/errors.DomainError from the layers
below, ApiError here, both turned into the JSON error shape by api/errors.py.
"""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from .. import __version__
from ..models import SCHEMA_VERSION
from .errors import ApiError, register_error_handlers  # noqa: F401  (create_app registers them)

bp = Blueprint("api", __name__, url_prefix="/api/v1")


def json_body() -> dict:
    """The request's JSON object, or a 400/415 error that says what is wrong."""
    from ..limits import MAX_JSON_DEPTH, json_depth_ok

    if not request.is_json:
        raise ApiError(415, "unsupported_media_type", "Send JSON with Content-Type: application/json.", field="Content-Type")
    try:
        data = request.get_json(silent=True)
    except RecursionError:  # e.g. 100,000 nested [ : the decoder gives up before any model sees it
        raise ApiError(400, "bad_json", f"The body nests deeper than {MAX_JSON_DEPTH} levels.", field="body") from None
    if data is None:
        raise ApiError(400, "bad_json", "The body is not valid JSON.", field="body")
    if not json_depth_ok(data):
        raise ApiError(400, "bad_json", f"The body nests deeper than {MAX_JSON_DEPTH} levels.", field="body")
    if not isinstance(data, dict):
        raise ApiError(422, "validation_error", "The body must be a JSON object.", field="body")
    return data


@bp.get("/health")
def health():
    """Liveness probe; needs no token."""
    return jsonify({"ok": True, "service": "review-companion", "version": __version__, "schema_version": SCHEMA_VERSION})


@bp.get("/auth")
def auth_check():
    """Whether the token is right (the options page's "Test connection"); 401 otherwise."""
    return jsonify({"ok": True, "paired": True})


# A text search longer than any product title or order id finds nothing; SQLite's LIKE refuses
# patterns above 50,000 bytes anyway. Longer is a 422, not a 500.
MAX_Q = 200


def _bounded_args(names, max_len: int) -> None:
    """Query arguments no longer than `max_len` characters, or a 422 naming the first that is."""
    for name in names:
        if len(request.args.get(name) or "") > max_len:
            raise ApiError(422, "validation_error", f"{name} must be at most {max_len} characters.", field=name)


def _int_arg(name: str, default: int, lo: int, hi: int) -> int:
    """An integer query argument within [lo, hi], or a 422 naming it."""
    raw = request.args.get(name)
    if raw is None:
        return default
    try:
        value = int(raw) if len(raw) <= 20 else None
    except ValueError:
        value = None
    if value is None:
        raise ApiError(422, "validation_error", f"{name} must be an integer.", field=name) from None
    if not lo <= value <= hi:
        raise ApiError(422, "validation_error", f"{name} must be between {lo} and {hi}.", field=name)
    return value


def parse(model, data=None):
    """The request body (or `data`) validated by a pydantic model; a 422 naming the field otherwise."""
    return model.model_validate(json_body() if data is None else data)


# The resources' routes, on `bp` (imported for their side effect of registering).
from . import appeals, captures, cases, evidence, exports, lookup, settings  # noqa: E402,F401
