"""Dashboard analytics (issue 10): `/analytics` (charts as server-rendered SVG, companion/charts.py, each with a
table of the same numbers), `/analytics.json` (the same figures), the batch-problem alerts at the top of the
work queue (template global `pattern_alerts_now`), and `/cases/<id>/evidence/<eid>` (a screenshot shown inline on
the case page). Signed in exactly like the other dashboard pages (companion/session.py cookie), same headers."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone

from flask import Blueprint, current_app, jsonify, render_template, request

bp = Blueprint("analytics", __name__, template_folder="templates")

WORDS = {
    "zh": {
        "title": "数据分析", "nav": "数据分析", "back": "← 返回工作台", "shop": "店铺", "platform": "平台", "all": "全部",
        "from": "起始日期", "to": "截止日期", "apply": "查看", "lang_switch": "English",
        "range": "{a} 至 {b}（本机时区 {z}），中差评（≤3★）按买家评价时间计。",
        "alerts": "批量问题预警", "alerts_none": "近 30 天没有同一商品 7 天内 3 条及以上同类差评。",
        "alert_line": "{product}：7 天内 {n} 条「{type}」差评（{a} – {b}），{open} 条未结", "alert_cases": "相关案件",
        "by_type": "每周中差评 · 按类型", "by_product": "每周中差评 · 按商品", "by_platform": "每周中差评 · 按平台",
        "week": "周（周一开始）", "count": "条数", "total": "合计", "other_products": "其他商品", "none": "该时段没有中差评。",
        "none_due": "该时段还没有到期的回复（回复时限未到）。",
        "appeals": "申诉通过率 · 按申诉理由", "reason": "申诉理由", "submitted": "提交", "accepted": "通过",
        "rejected": "驳回", "pending": "审核中", "pass_rate": "通过率", "pass_axis": "通过率（通过 / 已出结果）",
        "appeals_none": "该时段没有提交申诉。", "rejections": "常见驳回理由", "rejection": "平台驳回说明", "times": "次数",
        "no_note": "（未记录驳回说明）", "replies": "24 小时内公开回复率", "reply_rate": "回复率",
        "reply_axis": "24 小时内回复率", "replies_note": "「已回复」以首次标记为已公开回复的时间计；页面上已有回复但未标记的，时间未知，不计入比率。",
        "on_time": "24 小时内回复", "late": "超时回复", "missed": "超时未回复", "on_page": "页面已有回复（时间未知）",
        "closed_without_reply": "未回复即结案", "pending_reply": "尚未到期", "state": "情况", "rate_line": "比率：{r}",
    },
    "en": {
        "title": "Analytics", "nav": "Analytics", "back": "← Back to the workspace", "shop": "Shop", "platform": "Platform",
        "all": "All", "from": "From", "to": "To", "apply": "Show", "lang_switch": "中文",
        "range": "{a} to {b} (this computer's time zone, {z}); negative and neutral reviews (≤3★) by when the buyer posted them.",
        "alerts": "Batch problem alerts", "alerts_none": "No product had 3 or more complaints of one type within 7 days in the last 30 days.",
        "alert_line": "{product}: {n} “{type}” complaints within 7 days ({a} – {b}), {open} open", "alert_cases": "Cases",
        "by_type": "Negative reviews per week · by type", "by_product": "Negative reviews per week · by product",
        "by_platform": "Negative reviews per week · by platform", "week": "Week (starting Monday)", "count": "Reviews",
        "total": "Total", "other_products": "Other products", "none": "No negative reviews in this period.",
        "none_due": "No reply was due yet in this period (reply windows still open).",
        "appeals": "Appeal pass rate · by reason", "reason": "Reason", "submitted": "Submitted", "accepted": "Accepted",
        "rejected": "Rejected", "pending": "Pending", "pass_rate": "Pass rate", "pass_axis": "Pass rate (accepted / decided)",
        "appeals_none": "No appeal submitted in this period.", "rejections": "Top rejection reasons",
        "rejection": "The platform's rejection text", "times": "Times", "no_note": "(no rejection text recorded)",
        "replies": "Public replies within 24 h", "reply_rate": "Rate", "reply_axis": "Replied within 24 h",
        "replies_note": "A reply counts from when the case was first marked “Replied publicly”; a reply seen on the page but "
                        "never marked has no known time and is left out of the rate.",
        "on_time": "Replied within 24 h", "late": "Replied late", "missed": "Overdue, no reply", "on_page": "Reply on the page (time unknown)",
        "closed_without_reply": "Closed without a reply", "pending_reply": "Not due yet", "state": "", "rate_line": "Rate: {r}",
    },
}


@bp.before_request
def _signed_in():
    """Same rule as companion/dashboard.py: the session cookie, else the 401 how-to-open page."""
    from .dashboard_i18n import pick_lang, words
    from .session import COOKIE, sessions

    if sessions(current_app).valid(request.cookies.get(COOKIE)):
        return None
    w = words(pick_lang())
    return render_template("signin.html", t=w["t"], lang=w["lang"]), 401


@bp.after_request
def _headers(response):
    if "X-Evidence-SHA256" in response.headers:  # an evidence file keeps its own sandbox policy
        response.headers["X-Frame-Options"] = "DENY"
        return response
    response.headers["Content-Security-Policy"] = "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'"
    response.headers["X-Frame-Options"] = "DENY"
    response.headers["Referrer-Policy"] = "same-origin"
    response.headers.setdefault("Cache-Control", "no-store")
    return response


def _db():
    from .api.db import get_db

    return get_db()


def _now() -> datetime:
    from .store import clock

    return clock.utcnow()


def alert_view(alert: dict, w: dict) -> dict:
    """An alert with the words the dashboard shows."""
    from .services.deadlines import format_local

    product = alert["product_title"] or alert["product_id"] or "—"
    return {**alert, "product": product, "first_day": format_local(alert["first_at"], alert["platform"])[:10],
            "last_day": format_local(alert["last_at"], alert["platform"])[:10], "type_label": w["types"].get(alert["type"], alert["type"]),
            "platform_label": w["platforms"].get(alert["platform"], alert["platform"])}


@bp.app_template_global("pattern_alerts_now")
def pattern_alerts_now(lang: str = "zh", limit: int = 10) -> list[dict]:
    """The work queue's batch-problem alerts (companion/analytics.py pattern_alerts), for index.html."""
    from .analytics import current_alerts
    from .dashboard_i18n import words

    w = words(lang if lang in ("zh", "en") else "zh")
    return [alert_view(a, w) for a in current_alerts(_db(), _now(), limit=limit)]


def _filters(tz) -> dict:
    """shop (`platform:shop_id`), platform, from/to (local dates, YYYY-MM-DD) → the query's bounds; the default
    range is the last 12 weeks to today."""
    from .models import PLATFORMS

    def day(name: str) -> date | None:
        value = (request.args.get(name) or "").strip()
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return None
        try:
            d = date.fromisoformat(value)
        except ValueError:
            return None
        return d if 2000 <= d.year <= 2100 else None  # (year 1 or 9999 would overflow in a time zone)

    today = _now().astimezone(tz).date()
    d_to = day("to") or today
    d_from = day("from") or (d_to - timedelta(weeks=12) + timedelta(days=1))
    if d_from > d_to:
        d_from, d_to = d_to, d_from
    shop_arg = (request.args.get("shop") or "").strip()[:300]
    shop = None
    if ":" in shop_arg and shop_arg.split(":", 1)[0] in PLATFORMS:
        shop = tuple(shop_arg.split(":", 1))
    platform = request.args.get("platform") if request.args.get("platform") in PLATFORMS else None
    since = datetime.combine(d_from, datetime.min.time(), tz).astimezone(timezone.utc)
    until = datetime.combine(d_to + timedelta(days=1), datetime.min.time(), tz).astimezone(timezone.utc) - timedelta(microseconds=1)
    return {"from": d_from, "to": d_to, "shop": shop, "shop_arg": shop_arg if shop else "", "platform": platform,
            "since": since, "until": until}


def figures(db, now: datetime, f: dict, tz, lang: str) -> dict:
    """Every number on the analytics page (also `/analytics.json`)."""
    from .analytics import appeal_stats, complaints, product_key, reason_label, reply_stats, weekly, weeks_of
    from . import charts
    from .dashboard_i18n import words

    w, aw = words(lang), WORDS[lang]
    scope = {"shop": f["shop"], "platform": f["platform"]}
    rows = complaints(db, since=f["since"], until=f["until"], **scope)
    titles = {product_key(r): (r["product_title"] or r["product_id"] or "—") for r in rows}
    span = {"since": f["since"], "until": f["until"]}

    def named(result: dict, label) -> dict:
        return {"weeks": [d.isoformat() for d in result["weeks"]],
                "series": [{"key": "|".join(k) if isinstance(k, tuple) else k, "label": label(k), "values": v,
                            "total": sum(v), "color": charts.PALETTE[i % len(charts.PALETTE)]}
                           for i, (k, v) in enumerate(result["series"])]}

    week_of = weeks_of(rows, tz)
    by_type = named(weekly(rows, lambda r: r["primary_type"], tz, week_of=week_of, **span), lambda k: w["types"].get(k, k))
    by_product = named(weekly(rows, product_key, tz, top=6, week_of=week_of, **span),
                       lambda k: aw["other_products"] if k is None else titles.get(k, "—"))
    by_platform = named(weekly(rows, lambda r: r["platform"], tz, week_of=week_of, **span), lambda k: w["platforms"].get(k, k))
    appeals = appeal_stats(db, since=f["since"], until=f["until"], **scope)
    for r in appeals["reasons"]:
        r["label"] = reason_label(r["platform"], r["reason_code"], lang)
        r["platform_label"] = w["platforms"].get(r["platform"], r["platform"])
    for r in appeals["rejections"]:
        r["reasons"] = [reason_label(p, code, lang) for p, code in r["reasons"]]
    replies = reply_stats(db, now, since=f["since"], until=f["until"], tz=tz, rows=rows, week_of=week_of, **scope)
    replies["weeks"] = [d.isoformat() for d in replies["weeks"]]
    return {"from": f["from"].isoformat(), "to": f["to"].isoformat(), "complaints": len(rows),
            "by_type": by_type, "by_product": by_product, "by_platform": by_platform, "appeals": appeals,
            "replies": replies, "alerts": [alert_view(a, w) for a in _alerts(db, now, scope)]}


def _alerts(db, now: datetime, scope: dict) -> list[dict]:
    """The batch alerts for the page's scope: the work queue's cached ones (computed once per change of the
    store) when the page is not narrowed to a shop or platform."""
    from .analytics import current_alerts, pattern_alerts

    if not scope["shop"] and not scope["platform"]:
        return current_alerts(db, now)
    return pattern_alerts(db, now, **scope)


@bp.get("/analytics")
def analytics_page():
    from . import charts
    from .analytics import shops
    from .dashboard_i18n import pick_lang, words
    from .models import PLATFORMS
    from .services.deadlines import local_tz

    lang = pick_lang()
    w, aw = words(lang), WORDS[lang]
    tz = local_tz()
    f = _filters(tz)
    db = _db()
    data = figures(db, _now(), f, tz, lang)
    weeks = [d[5:] for d in data["by_type"]["weeks"]]

    def bars(key: str, title: str):
        series = [(s["label"], s["values"]) for s in data[key]["series"]]
        return charts.stacked_bars(weeks, series, title=title, y_label=aw["count"], x_label=aw["week"], empty=aw["none"],
                                   testid=f"chart-{key.replace('_', '-')}")

    appeal_rows = [(f"{r['label']} · {r['platform_label']}", r["pass_rate"], f"{r['accepted']}/{r['accepted'] + r['rejected']}")
                   for r in data["appeals"]["reasons"]]
    chart = {
        "by_type": bars("by_type", aw["by_type"]), "by_product": bars("by_product", aw["by_product"]),
        "by_platform": bars("by_platform", aw["by_platform"]),
        "appeals": charts.hbars(appeal_rows, title=aw["appeals"], x_label=aw["pass_axis"], testid="chart-appeals"),
        "replies": charts.line_chart([d[5:] for d in data["replies"]["weeks"]], data["replies"]["weekly_rate"],
                                     title=aw["replies"], y_label=aw["reply_axis"], x_label=aw["week"], empty=aw["none_due"],
                                     testid="chart-replies"),
    }
    zone = datetime.now(timezone.utc).astimezone(tz).strftime("%z")
    return render_template("analytics.html", w=w, t=w["t"], aw=aw, lang=lang, data=data, chart=chart, f=f,
                           shops=shops(db), platform_options=PLATFORMS, weeks=weeks,
                           range_text=aw["range"].format(a=data["from"], b=data["to"], z=f"UTC{zone[:3]}:{zone[3:]}"))


@bp.get("/analytics.json")
def analytics_json():
    """The analytics page's figures as JSON (same filters: shop, platform, from, to, lang)."""
    from .dashboard_i18n import pick_lang
    from .services.deadlines import local_tz

    tz = local_tz()
    return jsonify(figures(_db(), _now(), _filters(tz), tz, pick_lang()))


@bp.get("/cases/<int:case_id>/evidence/<int:evidence_id>")
def evidence_view(case_id: int, evidence_id: int):
    """A stored evidence file for the case page: screenshots and images inline (the page's <img>), anything
    else as a download; sandboxed, never sniffed. 404 unless the item belongs to that case."""
    from pathlib import Path

    from flask import abort, send_file

    from .case_view import INLINE_IMAGES
    from .store import cases as store

    row = store.evidence_row(_db(), evidence_id)
    if row is None or row["case_id"] != case_id:
        abort(404)
    path = Path(current_app.config["DATA_DIR"]) / row["path"]
    if not path.is_file():
        abort(410)
    media = (row["media_type"] or "").split(";")[0].strip().lower()
    inline = media in INLINE_IMAGES
    response = send_file(path, mimetype=media if inline else "application/octet-stream", as_attachment=not inline,
                         download_name=Path(row["path"]).name)
    response.headers["X-Evidence-SHA256"] = row["sha256"]
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response.headers["Cache-Control"] = "no-store"
    return response
