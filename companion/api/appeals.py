"""`/api/v1/cases/<id>/appeals` and `/api/v1/appeals/<id>`: appeals the seller submitted and their outcomes."""

from __future__ import annotations

from flask import jsonify

from ..models import AppealDecision, AppealRequest
from ..errors import not_found
from ..services import casework
from ..services.views import require_case
from ..store import cases as store
from . import bp, json_body, parse
from .db import get_db


@bp.post("/cases/<int:case_id>/appeals")
def record_appeal(case_id: int):
    """Record an appeal the seller submitted: `{"reason_code", "statement", "submitted_at"?}` (models.AppealRequest)."""
    body = json_body()
    db = get_db()
    require_case(db, case_id)
    return jsonify(casework.record_appeal(db, case_id, parse(AppealRequest, body))), 201


@bp.patch("/appeals/<int:appeal_id>")
def decide_appeal(appeal_id: int):
    """Record the platform's decision: `{"outcome": "accepted"|"rejected", "note"?}` (models.AppealDecision)."""
    body = json_body()
    db = get_db()
    if store.appeal_row(db, appeal_id) is None:
        raise not_found("appeal", appeal_id, "appeal_id")
    return jsonify(casework.decide_appeal(db, appeal_id, parse(AppealDecision, body)))
