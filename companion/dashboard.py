"""The local dashboard: a read-only, server-rendered view of cases (Jinja autoescapes review text)."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from .db import get_db

bp = Blueprint("dashboard", __name__, template_folder="templates")

TYPE_LABELS = {
    "product_quality": "产品质量 Product quality",
    "logistics": "物流 Logistics",
    "service_attitude": "客服态度 Service attitude",
    "description_mismatch": "描述不符 Not as described",
    "after_sales": "售后 After-sales",
    "price": "价格 Price",
    "malicious_or_unfounded": "恶意/无理由 Malicious or unfounded",
    "other": "其他 Other",
}


@bp.app_template_filter("local")
def _local(value, platform=None):
    """A stored UTC time in the seller center's own time zone, offset said (companion/deadlines.py)."""
    from .deadlines import format_local

    return format_local(value, platform)


@bp.app_template_filter("left")
def _left(case, lang="zh"):
    """"还剩 20 小时" / "已超时 3 小时" for a case summary or cases row."""
    from .deadlines import left_label

    return left_label(case.get("reply_hours_left"), case.get("reply_state"), lang)


@bp.after_request
def _no_framing(response):
    """The dashboard must not be framed by another page."""
    response.headers["Content-Security-Policy"] = "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'"
    response.headers["X-Frame-Options"] = "DENY"
    return response


@bp.get("/")
def index():
    """Cases, escalation risks first, with the reply deadline."""
    db = get_db()
    status = request.args.get("status")
    where, params = "1=1", []
    if status:
        where, params = "c.status = ?", [status]
    rows = list(
        db.query(
            f"""select c.*, r.text as review_text, r.rating, r.product_title, r.buyer_nick, r.seller_reply,
                       (select count(*) from evidence e where e.case_id = c.id) as evidence_count
                from cases c left join reviews r on r.platform = c.platform and r.review_id = c.review_id
                where {where} order by c.escalation_risk desc, c.updated_at desc limit 200""",
            params,
        )
    )
    counts = dict(db.execute("select status, count(*) from cases group by status").fetchall())
    from .cases import iso, utcnow

    from .deadlines import reply_deadline

    now_dt = utcnow()
    now = iso(now_dt)
    for r in rows:
        r.update(reply_deadline(r["reply_due_at"], platform=r["platform"], status=r["status"],
                                seller_replied=bool(r["seller_reply"]), now=now_dt))
        r["overdue"] = bool(r["reply_due_at"] and r["reply_due_at"] < now and r["status"] == "open")
    appeals = dict(db.execute("select outcome, count(*) from appeals group by outcome").fetchall())
    decided = appeals.get("accepted", 0) + appeals.get("rejected", 0)
    summary = {
        "overdue": db.execute("select count(*) from cases where status = 'open' and reply_due_at < ?", [now]).fetchone()[0],
        "escalation": db.execute("select count(*) from cases where escalation_risk = 1 and status not in ('resolved', 'closed')").fetchone()[0],
        "appeals": appeals,
        "win_rate": (appeals.get("accepted", 0) / decided) if decided else None,
    }
    return render_template("index.html", cases=rows, counts=counts, labels=TYPE_LABELS, status=status, summary=summary)


@bp.get("/cases/<int:case_id>/export.zip")
def case_export(case_id: int):
    """The evidence package, for the seller to upload with an appeal (same as the API's export.zip)."""
    from pathlib import Path

    from flask import current_app

    from .export import package_response

    return package_response(get_db(), Path(current_app.config["DATA_DIR"]), case_id)


@bp.get("/cases/<int:case_id>/appeal-package.zip")
def case_appeal_package(case_id: int):
    """The upload-ready package (same as the API's appeal-package.zip)."""
    from pathlib import Path

    from flask import current_app, request

    from .appeal_package import package_response as appeal_response

    return appeal_response(get_db(), Path(current_app.config["DATA_DIR"]), case_id, request.args.get("lang") or None)


@bp.get("/cases/<int:case_id>")
def case_page(case_id: int):
    """One case: review, classification, drafts, evidence with hashes."""
    from .cases import case_result

    return render_template("case.html", c=case_result(get_db(), case_id), labels=TYPE_LABELS)
