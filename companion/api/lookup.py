"""`/api/v1/lookup`, `/history`, `/classify`, `/lint`: questions the extension asks about reviews and texts."""

from __future__ import annotations

from flask import jsonify, request

from ..models import ClassifyRequest, LintRequest, LookupRequest
from ..services import casework
from ..services.views import history_for
from . import _bounded_args, bp, parse
from .db import get_db
from .errors import ApiError


@bp.post("/classify")
def classify_one():
    """Classify one review: `{"text", "rating"?, "lang"?, "platform"?}`."""
    from ..classifier import classify

    req = parse(ClassifyRequest)
    result = classify(req.text, rating=req.rating, lang=req.lang, platform=req.platform)
    return jsonify(result.model_dump(mode="json"))


@bp.post("/lint")
def lint_text():
    """Lint a text the seller edited: `{"text", "kind", "platform", "region"?, "lang"?, "case_id"?}` → `{"findings", "errors"}`.

    The same rules as the drafts (companion/drafting/lint.py). With `case_id`, every number in the text
    must come from the case's captured facts, and the case's region applies when none is given.
    """
    return jsonify(casework.lint(get_db(), parse(LintRequest)))


@bp.post("/lookup")
def lookup():
    """Which of these reviews / orders already have a case: `{"platform", "review_ids": [...], "order_ids": [...]}`.

    The extension asks this when a review page loads, so a row captured earlier shows its case again.
    """
    return jsonify(casework.lookup(get_db(), parse(LookupRequest)))


@bp.get("/history")
def history_lookup():
    """Earlier cases for a buyer, product or order: `?platform=douyin&buyer_nick=…|product_id=…|order_id=…`."""
    platform = request.args.get("platform")
    if not platform:
        raise ApiError(422, "validation_error", "platform is required.", field="platform")
    _bounded_args(("platform", "shop_id"), 200)
    _bounded_args(("buyer_nick", "product_id", "order_id"), 2000)
    out = {}
    for column in ("buyer_nick", "product_id", "order_id"):
        if request.args.get(column):
            out[column] = history_for(get_db(), platform, request.args.get("shop_id"), column, request.args[column], None)
    if not out:
        raise ApiError(422, "validation_error", "Give buyer_nick, product_id or order_id.", field="buyer_nick")
    return jsonify(out)
