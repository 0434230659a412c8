"""`/api/v1/captures`: store a capture (idempotent on capture_id) and confirm queued deliveries."""

from __future__ import annotations

from pathlib import Path

from flask import current_app, jsonify, request
from pydantic import ValidationError

from ..limits import json_depth_ok
from ..models import Capture
from ..services.ingest import ingest
from ..store import cases as store
from . import bp, parse
from .db import get_db
from .errors import ApiError


def parse_capture() -> tuple[Capture, dict | None]:
    """The body as a Capture: parsed and validated in one pass from the raw JSON (pydantic's parser, ~4x faster
    than json.loads then validate on a capture's half-megabyte of base64). Anything that pass refuses (bad
    JSON, a lone surrogate, a validation error) or that nests deeper than the limit goes through `parse`,
    which answers exactly as every other route does. Also returns the record as ingest stores it (the capture
    without its evidence, as JSON values) when it was made here for the depth check, else None."""
    if request.is_json:
        raw = _body()
        try:
            capture = Capture.model_validate_json(raw)
        except ValidationError:
            capture = None
        if capture is not None:
            record = capture.model_dump(mode="json", exclude={"evidence"})
            if json_depth_ok(record):
                return capture, record
    return parse(Capture), None


def _body() -> bytes:
    """`request.get_data(cache=True)`, read in one piece when the length is known: werkzeug reads a body in 64 KB
    pieces and copies each ~4 times (~0.3 ms for a capture's half megabyte). Kept as werkzeug's own cache, so
    `get_json` in the fallback path (`parse`) reads these very bytes."""
    size = request.content_length
    if size is None or getattr(request, "_cached_data", None) is not None:
        return request.get_data(cache=True)
    stream, pieces, got = request.stream, [], 0  # the stream is limited to Content-Length (and to the route's limit)
    while got < size:
        piece = stream.read(size - got)
        if not piece:
            break
        pieces.append(piece)
        got += len(piece)
    raw = pieces[0] if len(pieces) == 1 else b"".join(pieces)
    request._cached_data = raw  # werkzeug's cache of get_data (what get_data(cache=True) sets)
    return raw


@bp.post("/captures")
def create_capture():
    """Store a capture (idempotent on capture_id) and return the case with classification and drafts."""
    capture, record = parse_capture()
    result = ingest(get_db(), Path(current_app.config["DATA_DIR"]), capture, record=record)
    return jsonify(result), (200 if result["duplicate"] else 201)


@bp.get("/captures/<capture_id>")
def get_capture(capture_id: str):
    """Whether a capture has been stored, and in which case (used to confirm queued deliveries)."""
    row = store.capture_case(get_db(), capture_id)
    if not row:
        raise ApiError(404, "not_found", f"No capture {capture_id}.", field="capture_id")
    return jsonify({"capture_id": capture_id, "case_id": row[0], "received_at": row[1]})
