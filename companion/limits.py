"""Request limits at the edge: ids that fit SQLite, body sizes per route, JSON nesting depth.

Nothing a request carries may turn into a 500: an integer id of 25 digits is a 404 (it cannot name a
row), a body larger than its route needs is a 413 before it is read (only a capture carries
screenshots and MHTML: megabytes; every other JSON body needs kilobytes), and JSON nested deeper than
any model of ours is a 400 before pydantic or the recursion limit sees it.
"""

from __future__ import annotations

from flask import request
from werkzeug.routing import IntegerConverter

from .errors import DomainError

SQLITE_MAX_INT = 2**63 - 1
# Routes whose body may be large (evidence files, base64): everything else gets MAX_BODY_BYTES.
LARGE_BODY_ENDPOINTS = frozenset({"api.create_capture", "transfer.create_import", "dashboard_import.upload"})  # + review exports
# The deepest JSON any model nests (a capture: record → messages → item) is 4; room to spare, far
# below the interpreter's recursion limit.
MAX_JSON_DEPTH = 32


class BoundedIntConverter(IntegerConverter):
    """`<int:…>` that only matches ids SQLite can hold (1 … 2**63-1, at most 19 digits): else a 404."""

    regex = r"\d{1,19}"

    def __init__(self, map, *args, **kwargs):
        kwargs.setdefault("max", SQLITE_MAX_INT)
        super().__init__(map, *args, **kwargs)


def body_limit() -> None:
    """before_request: the body size this route allows; a larger declared body is refused unread (413)."""
    from flask import current_app

    if request.endpoint in LARGE_BODY_ENDPOINTS:
        limit = current_app.config["MAX_CONTENT_LENGTH"]
    else:
        limit = current_app.config["MAX_BODY_BYTES"]
    request.max_content_length = limit  # also bounds a chunked body while it is read
    if request.content_length is not None and request.content_length > limit:
        raise DomainError("payload_too_large", f"The body is {request.content_length} bytes; this route takes at most {limit}.",
                          field="body", status_hint=413, max_bytes=limit)


def json_depth_ok(value, limit: int = MAX_JSON_DEPTH) -> bool:
    """True when `value` (parsed JSON) nests at most `limit` containers deep (iterative: no recursion)."""
    stack = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict):
            children = node.values()
        elif isinstance(node, list):
            children = node
        else:
            continue
        if depth > limit:
            return False
        stack.extend((child, depth + 1) for child in children if isinstance(child, (dict, list)))
    return True


def init_app(app) -> None:
    """Install the converter (before any blueprint adds its rules) and the body-size check."""
    app.config.setdefault("MAX_BODY_BYTES", 512 * 1024)
    app.url_map.converters["int"] = BoundedIntConverter
    app.before_request(body_limit)
