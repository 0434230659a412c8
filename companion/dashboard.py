"""The local dashboard: a read-only, server-rendered view of cases (Jinja autoescapes review text)."""

from __future__ import annotations

from flask import Blueprint, render_template, request

from .api.db import get_db
from .errors import DomainError
from .models import CASE_STATUSES as STATUSES

bp = Blueprint("dashboard", __name__, template_folder="templates")

@bp.app_template_filter("local")
def _local(value, platform=None):
    """A stored UTC time in the seller center's own time zone, offset said (companion/services/deadlines.py)."""
    from .services.deadlines import format_local

    return format_local(value, platform)


@bp.app_template_filter("left")
def _left(case, lang="zh"):
    """"还剩 20 小时" / "已超时 3 小时" for a case summary or cases row."""
    from .services.deadlines import left_label

    return left_label(case.get("reply_hours_left"), case.get("reply_state"), lang)


@bp.before_request
def _signed_in():
    """Every dashboard page, form and download needs the session cookie (companion/session.py), but sign-in."""
    from flask import current_app

    from .session import COOKIE, sessions

    if request.endpoint == "dashboard.signin":
        return None
    if sessions(current_app).valid(request.cookies.get(COOKIE)):
        return None
    from .dashboard_i18n import pick_lang, words

    w = words(pick_lang())
    return render_template("signin.html", t=w["t"], lang=w["lang"]), 401


@bp.get("/signin")
def signin():
    """Redeem a one-time sign-in code (from the extension): set the HttpOnly session cookie, go to `next`."""
    from flask import current_app, redirect

    from .session import COOKIE, SESSION_TTL_S, safe_next, sessions

    got = sessions(current_app).redeem(request.args.get("code") or "")
    if got is None:
        # Used, expired or made up: the front page (signed-in browsers see the dashboard, others the how-to).
        response = redirect("/", code=303)
        response.headers["Cache-Control"] = "no-store"
        return response
    sid, nxt = got
    response = redirect(safe_next(nxt), code=303)
    response.set_cookie(COOKIE, sid, max_age=SESSION_TTL_S, path="/", httponly=True, samesite="Strict")
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.after_request
def _no_framing(response):
    """The dashboard must not be framed by another page."""
    response.headers["Content-Security-Policy"] = "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'"
    response.headers["X-Frame-Options"] = "DENY"
    # Same-origin, not no-referrer: with no-referrer the browser sends `Origin: null` on the queue's status
    # forms, which the companion refuses; other sites still get no referrer.
    response.headers["Referrer-Policy"] = "same-origin"
    return response


SEARCH_ARGS = ("q", "platform", "shop", "status", "primary", "from", "to", "escalation")
SEARCH_LIMIT = 200


def _date_arg(name: str) -> str | None:
    """A YYYY-MM-DD query argument, or None (anything else is ignored, as a form would send it)."""
    import re

    value = (request.args.get(name) or "").strip()
    return value if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None


_shops_cache: dict = {}


def shop_options(db) -> list[dict]:
    """The shops cases came from (`{platform, shop_id, shop_name}`), for the search form. Reading them scans the
    cases, so the list is kept until a case is added (a new shop only ever arrives with a new case)."""
    from .analytics import shops

    key = (db.execute("pragma database_list").fetchone()[2], db.execute("select max(id) from cases").fetchone()[0])
    if _shops_cache.get("key") != key:
        _shops_cache.update(key=key, shops=[s for s in shops(db) if s["shop_id"]])
    return _shops_cache["shops"]


def _search(db, lang_words, now):
    """The search form's results (companion/store/search.py, the same search as GET /api/v1/cases?q=), or None
    when no search argument is given. Dates filter on the day the case was created (UTC)."""
    from .models import COMPLAINT_TYPES, PLATFORMS
    from .services.views import case_summary
    from .store.search import search_cases

    args = {k: (request.args.get(k) or "").strip() for k in SEARCH_ARGS}
    if not any(args.values()):
        return None
    filters = {}
    if args["platform"] in PLATFORMS:
        filters["platform"] = args["platform"]
    if args["status"] in STATUSES:
        filters["status"] = args["status"]
    if args["primary"] in COMPLAINT_TYPES:
        filters["primary_type"] = args["primary"]
    if args["shop"]:
        # "<platform>:<shop id>" from the shop list; a shop id alone is accepted too (typed into the URL).
        platform, sep, shop_id = args["shop"][:200].rpartition(":")
        if sep and platform in PLATFORMS:
            filters["platform"] = platform
        filters["shop_id"] = shop_id
    q = args["q"][:200] or None
    date_from, date_to = _date_arg("from"), _date_arg("to")
    dated = bool(date_from or date_to)
    rows, total = search_cases(db, filters=filters, escalation=args["escalation"] in ("1", "on", "true"), q=q,
                               limit=1000 if dated else SEARCH_LIMIT, offset=0,
                               extra_columns="(select count(*) from evidence e where e.case_id = c.id) as evidence_count")
    if dated:
        rows = [r for r in rows if (not date_from or (r["created_at"] or "")[:10] >= date_from)
                and (not date_to or (r["created_at"] or "")[:10] <= date_to)]
        total = len(rows)
        rows = rows[:SEARCH_LIMIT]
    out = []
    for r in rows:
        out.append({**r, **case_summary(r, now), "urgency": None})
    return {"rows": out, "total": total, "args": args}


@bp.get("/")
def index():
    """The seller's workspace: at-a-glance counts, the work queue (open cases by urgency) with one-click
    status changes, and search. In the browser's language (zh/en)."""
    from .dashboard_i18n import pick_lang, words
    from .services.deadlines import local_tz
    from .services.workqueue import APPEAL_CLOSING_DAYS, due_counts, work_queue
    from .store import cases as store
    from .store import clock

    db = get_db()
    lang = pick_lang()
    w = words(lang)
    now = clock.utcnow()
    search = _search(db, w, now)
    queue, queue_total = work_queue(db, now)
    counts = store.count_by(db, "cases", "status")
    appeals = store.count_by(db, "appeals", "outcome")
    decided = appeals.get("accepted", 0) + appeals.get("rejected", 0)
    due = due_counts(db, now, local_tz())
    summary = {
        "overdue": due["overdue"],
        "due_today": due["due_today"],
        "escalation": store.open_escalations(db),
        "appeal_closing": sum(1 for c in queue if c["appeal_days_left"] is not None and c["appeal_days_left"] < APPEAL_CLOSING_DAYS),
        "appeals": appeals,
        "win_rate": (appeals.get("accepted", 0) / decided) if decided else None,
    }
    saved = None
    if request.args.get("saved", "").isdigit() and request.args.get("as") in STATUSES:
        saved = w["t"]["status_saved"].format(id=request.args["saved"], status=w["statuses"][request.args["as"]])
    if request.args.get("refused", "").isdigit() and request.args.get("as") in STATUSES:
        saved = w["t"]["status_refused"].format(id=request.args["refused"], status=w["statuses"][request.args["as"]])
    from urllib.parse import urlencode

    from .models import COMPLAINT_TYPES, PLATFORMS

    kept = [(k, v) for k, v in request.args.items(multi=True) if k not in ("saved", "refused", "as")]
    here = "/" + ("?" + urlencode(kept) if kept else "")
    return render_template("index.html", here=here, w=w, t=w["t"], lang=lang, queue=queue, queue_total=queue_total, search=search,
                           total_cases=sum(counts.values()), summary=summary, saved=saved, status_options=STATUSES,
                           platform_options=PLATFORMS, type_options=COMPLAINT_TYPES, actions=actions_for,
                           shop_options=shop_options(db),
                           search_limit=SEARCH_LIMIT)


ACTION_STATUSES = ("replied", "contacted", "appealed", "resolved", "closed")


def actions_for(status: str) -> list[str]:
    """The one-click buttons of a case row: the lifecycle's next statuses ("open" shown as Reopen, finished cases only)."""
    from .services.casework import FINISHED, allowed_next

    nxt = allowed_next(status)
    return [s for s in ("open", *ACTION_STATUSES) if s in nxt and (s != "open" or status in FINISHED)]


@bp.post("/cases/<int:case_id>/status")
def set_status(case_id: int):
    """One-click status change from the work queue (a plain form: no script). Same effect as
    `PATCH /api/v1/cases/<id>` (the change goes on the case timeline). Only from the dashboard itself: the
    request must carry this companion's own Origin (browsers send it on every form POST), so another
    site cannot submit it."""
    from urllib.parse import urlsplit

    from flask import abort, redirect

    from .models import CaseStatusUpdate
    from .services.casework import set_status as change_status
    from .store import cases as store

    origin = request.headers.get("Origin") or ""
    if not origin or urlsplit(origin).netloc != request.host:
        abort(403)
    status = request.form.get("status")
    if status not in STATUSES:
        abort(400)
    db = get_db()
    if store.get_case(db, case_id) is None:
        abort(404)
    back = request.form.get("next") or "/"
    if not back.startswith("/") or back.startswith("//") or "\\" in back:
        back = "/"
    sep = "&" if "?" in back else "?"
    try:
        change_status(db, case_id, CaseStatusUpdate(status=status))
    except DomainError as exc:  # a stale page offering a step the lifecycle no longer allows
        if exc.code != "invalid_transition":
            raise
        return redirect(f"{back}{sep}refused={case_id}&as={status}#case-{case_id}", code=303)
    return redirect(f"{back}{sep}saved={case_id}&as={status}#case-{case_id}", code=303)


@bp.get("/cases/<int:case_id>/export.zip")
def case_export(case_id: int):
    """The evidence package, for the seller to upload with an appeal (same as the API's export.zip)."""
    from .api.exports import export_zip

    return export_zip(case_id)


@bp.get("/cases/<int:case_id>/appeal-package.zip")
def case_appeal_package(case_id: int):
    """The upload-ready package (same as the API's appeal-package.zip)."""
    from .api.exports import appeal_zip

    return appeal_zip(case_id, request.args.get("lang") or None)


@bp.get("/cases/<int:case_id>")
def case_page(case_id: int):
    """One case: review, classification, drafts, evidence with hashes."""
    from .dashboard_case import render_case_page  # one language, full timeline, evidence re-verified (issue 10)

    return render_case_page(get_db(), case_id)
