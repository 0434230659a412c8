"""`/api/v1/captures`: store a capture (idempotent on capture_id) and confirm queued deliveries."""

from __future__ import annotations

from pathlib import Path

from flask import current_app, jsonify

from ..models import Capture
from ..services.ingest import ingest
from ..store import cases as store
from . import bp, parse
from .db import get_db
from .errors import ApiError


@bp.post("/captures")
def create_capture():
    """Store a capture (idempotent on capture_id) and return the case with classification and drafts."""
    capture = parse(Capture)
    result = ingest(get_db(), Path(current_app.config["DATA_DIR"]), capture)
    return jsonify(result), (200 if result["duplicate"] else 201)


@bp.get("/captures/<capture_id>")
def get_capture(capture_id: str):
    """Whether a capture has been stored, and in which case (used to confirm queued deliveries)."""
    row = store.capture_case(get_db(), capture_id)
    if not row:
        raise ApiError(404, "not_found", f"No capture {capture_id}.", field="capture_id")
    return jsonify({"capture_id": capture_id, "case_id": row[0], "received_at": row[1]})
