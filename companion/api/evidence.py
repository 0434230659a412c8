"""`/api/v1/evidence/<id>`: one evidence item's metadata and its stored bytes."""

from __future__ import annotations

from pathlib import Path

from flask import current_app, jsonify, send_file

from ..models import MEDIA_TYPES
from ..services.views import evidence_item
from ..store import cases as store
from . import bp
from .db import get_db
from .errors import ApiError


def _row(evidence_id: int) -> dict:
    row = store.evidence_row(get_db(), evidence_id)
    if row is None:
        raise ApiError(404, "not_found", f"No evidence {evidence_id}.", field="evidence_id")
    return row


@bp.get("/evidence/<int:evidence_id>")
def evidence_meta(evidence_id: int):
    """Metadata of one evidence item."""
    return jsonify(evidence_item(_row(evidence_id)))


@bp.get("/evidence/<int:evidence_id>/file")
def evidence_file(evidence_id: int):
    """The stored bytes, exactly as captured (served as an attachment, never rendered inline)."""
    row = _row(evidence_id)
    path = Path(current_app.config["DATA_DIR"]) / row["path"]
    if not path.exists():
        raise ApiError(410, "evidence_missing", "The evidence file is missing from the data directory.", field="evidence_id")
    # Rows stored before media types were allow-listed may hold anything: never put that in a header.
    media_type = row["media_type"] if (row["media_type"] or "").split(";")[0].strip().lower() in MEDIA_TYPES \
        and row["media_type"].isascii() and row["media_type"].isprintable() else "application/octet-stream"
    response = send_file(path, mimetype=media_type, as_attachment=True, download_name=Path(row["path"]).name)
    response.headers["X-Evidence-SHA256"] = row["sha256"]
    response.headers["Content-Security-Policy"] = "sandbox"
    return response
