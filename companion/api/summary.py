"""`GET /api/v1/summary`: what is due at a glance (the extension's toolbar badge and popup).

Routes on the /api/v1 blueprint (`companion.api.bp`); registered by importing this module in
create_app. Counts and the list come from companion/services/workqueue.py.
"""

from __future__ import annotations

from flask import jsonify, request

from ..services.views import case_summary
from ..services.workqueue import due_counts, due_rows, end_of_day, open_count, seller_tz
from ..store import clock
from . import _int_arg, bp
from .db import get_db
from .errors import ApiError

EXCERPT = 120


@bp.get("/summary")
def summary():
    """`?tz=<IANA zone>` (the seller's; default the machine's) `&limit=N` (due cases listed, 0–100, default 20) →
    `{"now", "tz", "day_ends_at", "open", "replies": {"overdue", "due_today"}, "due": [case, …]}`;
    `due` lists pending public replies overdue then due today, most urgent first, each a case summary
    (as in `GET /cases`) with `review_excerpt` and `product_title`."""
    tz_name = request.args.get("tz") or ""
    try:
        tz = seller_tz(tz_name)
    except ValueError:
        raise ApiError(422, "validation_error", "tz must be an IANA time zone name such as Asia/Shanghai.", field="tz") from None
    limit = _int_arg("limit", 20, 0, 100)
    now = clock.utcnow()
    db = get_db()
    due = []
    for row in due_rows(db, now, tz, "all", limit) if limit else []:
        item = case_summary(row, now)
        text = row.get("review_text") or ""
        item["review_excerpt"] = text[:EXCERPT] + ("…" if len(text) > EXCERPT else "")
        item["product_title"] = row.get("product_title")
        due.append(item)
    return jsonify({
        "now": clock.iso(now),
        "tz": tz_name or str(getattr(tz, "key", "") or tz),
        "day_ends_at": clock.iso(end_of_day(now, tz)),
        "open": open_count(db),
        "replies": due_counts(db, now, tz),
        "due": due,
        # Batch problems: 3+ same-type complaints on one product within 7 days (companion/analytics.py).
        "pattern_alerts": __import__("companion.analytics", fromlist=["popup_alerts"]).popup_alerts(db, now),
    })
