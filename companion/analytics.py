"""Patterns and results across cases (issue 10): complaints per week, batch-problem alerts, appeal pass
rates, replies within 24 h. Flask-free: every function takes the sqlite-utils handle and an explicit `now`.

A *complaint* is a case with a captured review that the classifier typed (`cases.primary_type`) and a
rating of 3★ or less (中差评) or none shown. Its time is when the review was posted as the seller center
shows it (`reviews.review_time`, in the platform's zone), else when it was first captured.

A *pattern alert* (a batch problem): `MIN_COUNT` or more complaints of one type about one product (same
platform and shop; product id, else its title) whose review times lie within `WINDOW` of each other, the
latest of them within the last `LOOKBACK` — e.g. three 产品质量 complaints on one cup in five days.
"""

from __future__ import annotations

import threading
from collections import Counter, defaultdict
from datetime import date, datetime, timedelta, timezone, tzinfo
from functools import lru_cache

from sqlite_utils import Database

from .drafting import parse_time
from .store.clock import iso as _iso

NEGATIVE_MAX = 3
MIN_COUNT = 3
WINDOW = timedelta(days=7)
LOOKBACK = timedelta(days=30)
# A date range holding more than 1/_SCAN_SHARE of the cases is read in table order, not through the index.
_SCAN_SHARE = 10
# A review is posted at most this long before its reply deadline (rules reply_deadline_hours: 24 everywhere).
_DUE_SLACK = timedelta(hours=72)


@lru_cache(maxsize=16)
def _platform_tz(platform: str | None) -> tzinfo:
    from .services.deadlines import platform_tz

    return platform_tz(platform)


def _instant(value, tz: tzinfo) -> datetime | None:
    try:
        dt = parse_time(value, tz=tz) if value not in (None, "") else None
        return dt.astimezone(timezone.utc) if dt else None
    except (ValueError, OverflowError, TypeError):
        return None


@lru_cache(maxsize=16)
def _reply_hours(platform: str | None) -> timedelta:
    from .drafting import load_rules
    from .services.deadlines import reply_window_hours

    try:
        return timedelta(hours=reply_window_hours(load_rules(platform) if platform else {}))
    except ValueError:
        return timedelta(hours=24)


def complaint_time(row: dict) -> datetime | None:
    """When the review was posted (UTC): the stored reply deadline less the platform's reply window (the deadline
    is computed at capture from the review time as shown, in the platform's and region's zone, or from the
    capture time when none is shown: services/deadlines.py reply_due); without one, the review time as shown,
    else first captured, else the case's creation."""
    due = row.get("reply_due_at")
    if due:
        try:
            return datetime.fromisoformat(due.replace("Z", "+00:00")) - _reply_hours(row.get("platform"))
        except (ValueError, OverflowError):
            pass
    return (_instant(row.get("review_time"), _platform_tz(row.get("platform")))
            or _instant(row.get("first_captured_at"), timezone.utc) or _instant(row.get("created_at"), timezone.utc))


def _scope(shop: tuple[str, str] | None, platform: str | None, args: list) -> str:
    """SQL conditions on `c` for a shop (platform, shop_id) and/or platform filter."""
    sql = ""
    if shop:
        sql += " and c.platform = ? and coalesce(c.shop_id, '') = ?"
        args += [shop[0], shop[1] or ""]
    if platform:
        sql += " and c.platform = ?"
        args.append(platform)
    return sql


def complaints(db: Database, *, since: datetime | None = None, until: datetime | None = None,
               shop: tuple[str, str] | None = None, platform: str | None = None) -> list[dict]:
    """Complaint rows (case id, platform, shop, type, rating, product, status, `at`), `since <= at <= until`, oldest first."""
    from .models import CASE_STATUSES

    base: list = [NEGATIVE_MAX]
    sql = ("select c.id as case_id, c.platform, c.shop_id, c.shop_name, c.primary_type, c.status, c.created_at,"
           " c.reply_due_at, r.rating, r.product_id, r.product_title, r.review_time, r.first_captured_at"
           " from cases c join reviews r on r.platform = c.platform and r.review_id = c.review_id"
           " where c.primary_type is not null and (r.rating is null or r.rating <= ?)")
    sql += _scope(shop, platform, base)
    queries = [(sql, base)]
    if since is not None or until is not None:
        # The deadline is stored (UTC, ISO) a reply window after the review: a range on the (status, reply_due_at)
        # index instead of a scan of every case; cases without a deadline are read apart (also by that index).
        statuses = ",".join("?" * len(CASE_STATUSES))
        bounds, bound_args = "", []
        if since is not None:
            bounds += " and c.reply_due_at >= ?"
            bound_args.append(_iso(since))
        if until is not None:
            bounds += " and c.reply_due_at <= ?"
            bound_args.append(_iso(until + _DUE_SLACK))
        queries = [(sql + f" and c.status in ({statuses}){bounds}", base + list(CASE_STATUSES) + bound_args),
                   (sql + f" and c.status in ({statuses}) and c.reply_due_at is null", base + list(CASE_STATUSES))]
        # A range holding a good part of the store (twelve weeks of a busy shop) is read faster in table order —
        # each case beside the review captured with it — than through the index, one random page per row.
        # (Counted on the (status, reply_due_at) index alone: which way is cheaper, not the answer.)
        in_range = db.execute(f"select count(*) from cases c where c.status in ({statuses}){bounds}",
                              list(CASE_STATUSES) + bound_args).fetchone()[0]
        if in_range * _SCAN_SHARE > (db.execute("select coalesce(max(id), 0) from cases").fetchone()[0] or 1):
            scan = sql.replace(" from cases c join", " from cases c not indexed join", 1)
            scan += f" and c.status in ({statuses}) and (c.reply_due_at is null or (1 = 1{bounds}))"
            queries = [(scan, base + list(CASE_STATUSES) + bound_args)]
    out = []
    for row in (row for q, a in queries for row in db.query(q, a)):
        at = complaint_time(row)
        if at is None or (since is not None and at < since) or (until is not None and at > until):
            continue
        out.append({**row, "at": at})
    out.sort(key=lambda r: (r["at"], r["case_id"]))
    return out


def product_key(row: dict) -> tuple:
    return (row["platform"], row["shop_id"] or "", row["product_id"] or "", "" if row["product_id"] else (row["product_title"] or ""))


def pattern_alerts(db: Database, now: datetime, *, min_count: int = MIN_COUNT, window: timedelta = WINDOW,
                   lookback: timedelta = LOOKBACK, shop: tuple[str, str] | None = None, platform: str | None = None,
                   limit: int = 20) -> list[dict]:
    """Batch problems: per product and complaint type, the latest run of `min_count`+ complaints within `window`
    (the largest such run ending last), when its last complaint is within `lookback` of `now`. Newest first."""
    rows = complaints(db, since=now - lookback - window, until=now + timedelta(days=1), shop=shop, platform=platform)
    groups: dict[tuple, list[dict]] = defaultdict(list)
    for r in rows:
        if r["product_id"] or r["product_title"]:
            groups[(product_key(r), r["primary_type"])].append(r)
    alerts = []
    for (_key, ptype), items in groups.items():
        best: list[dict] = []
        start = 0
        for end in range(len(items)):  # items are in time order: a sliding window
            while items[end]["at"] - items[start]["at"] > window:
                start += 1
            run = items[start:end + 1]
            if len(run) >= min_count and len(run) >= len(best) and items[end]["at"] >= now - lookback:
                best = run
        if not best:
            continue
        last = best[-1]
        alerts.append({
            "platform": last["platform"], "shop_id": last["shop_id"], "shop_name": last["shop_name"],
            "product_id": last["product_id"], "product_title": next((r["product_title"] for r in reversed(best) if r["product_title"]), None),
            "type": ptype, "count": len(best), "first_at": _iso(best[0]["at"]), "last_at": _iso(last["at"]),
            "case_ids": [r["case_id"] for r in best],
            "open": sum(1 for r in best if r["status"] not in ("resolved", "closed")),
        })
    alerts.sort(key=lambda a: (a["last_at"], a["count"]), reverse=True)
    return alerts[:limit]


def week_start(at: datetime, tz: tzinfo) -> date:
    local = at.astimezone(tz).date()
    return local - timedelta(days=local.weekday())


def weeks_of(rows: list[dict], tz: tzinfo):
    """`row → its local week's Monday`, computed once per row (the page groups the same rows four ways)."""
    by_case = {r["case_id"]: week_start(r["at"], tz) for r in rows}
    return lambda r: by_case[r["case_id"]]


def weekly(rows: list[dict], key, tz: tzinfo, *, since: datetime | None = None, until: datetime | None = None,
           top: int | None = None, week_of=None) -> dict:
    """`{"weeks": [monday, …], "series": [(key, [count per week]), …]}`: complaints per local week (Monday first)
    by `key(row)`, every week between the first and last (or since/until) listed, largest series first; with
    `top`, the rest summed under the key None."""
    if since is None and rows:
        since = rows[0]["at"]
    if until is None and rows:
        until = rows[-1]["at"]
    weeks: list[date] = []
    if since is not None and until is not None and since <= until:
        w, last = week_start(since, tz), week_start(until, tz)
        while w <= last and len(weeks) < 520:
            weeks.append(w)
            w += timedelta(days=7)
    index = {w: i for i, w in enumerate(weeks)}
    counts: dict = defaultdict(lambda: [0] * len(weeks))
    totals: Counter = Counter()
    week_of = week_of or (lambda r: week_start(r["at"], tz))
    for r in rows:
        i = index.get(week_of(r))
        if i is None:
            continue
        k = key(r)
        counts[k][i] += 1
        totals[k] += 1
    order = [k for k, _ in sorted(totals.items(), key=lambda kv: (-kv[1], str(kv[0])))]
    series = [(k, counts[k]) for k in order]
    if top is not None and len(series) > top:
        rest = [sum(col) for col in zip(*(v for _k, v in series[top:]))]
        series = series[:top] + [(None, rest)]
    return {"weeks": weeks, "series": series}


@lru_cache(maxsize=16)
def _reason_labels(platform: str) -> dict:
    from .drafting import load_rules

    try:
        reasons = load_rules(platform).get("appeal_reasons") or []
    except ValueError:
        return {}
    return {r.get("code"): {"zh": r.get("label_zh"), "en": r.get("label_en")} for r in reasons if isinstance(r, dict)}


def reason_label(platform: str | None, code: str | None, lang: str) -> str:
    label = (_reason_labels(platform or "").get(code) or {}).get(lang) if platform else None
    return label or code or "—"


def appeal_stats(db: Database, *, since: datetime | None = None, until: datetime | None = None,
                 shop: tuple[str, str] | None = None, platform: str | None = None, top: int = 10) -> dict:
    """Appeals submitted in the range: per reason `{platform, reason_code, submitted, accepted, rejected, pending,
    pass_rate}` (pass rate = accepted / decided, None before any decision), the totals, and the platform's
    most frequent rejection texts (`notes` of rejected appeals, whitespace-normalised) with their count."""
    args: list = []
    sql = ("select a.id, a.reason_code, a.outcome, a.note, a.submitted_at, c.platform from appeals a"
           " join cases c on c.id = a.case_id where 1 = 1")
    sql += _scope(shop, platform, args)
    if since is not None:
        sql += " and a.submitted_at >= ?"
        args.append(_iso(since))
    if until is not None:
        sql += " and a.submitted_at <= ?"
        args.append(_iso(until))
    by_reason: dict[tuple, Counter] = defaultdict(Counter)
    rejections: Counter = Counter()
    rejection_reasons: dict[str, set] = defaultdict(set)
    for a in db.query(sql, args):
        outcome = a["outcome"] if a["outcome"] in ("accepted", "rejected") else "pending"
        by_reason[(a["platform"], a["reason_code"])][outcome] += 1
        if outcome == "rejected":
            text = " ".join((a["note"] or "").split())
            rejections[text] += 1
            rejection_reasons[text].add((a["platform"], a["reason_code"]))

    def row(counter: Counter) -> dict:
        decided = counter["accepted"] + counter["rejected"]
        return {"submitted": sum(counter.values()), "accepted": counter["accepted"], "rejected": counter["rejected"],
                "pending": counter["pending"], "pass_rate": counter["accepted"] / decided if decided else None}

    reasons = [{"platform": p, "reason_code": code, **row(c)} for (p, code), c in by_reason.items()]
    reasons.sort(key=lambda r: (-r["submitted"], r["platform"] or "", r["reason_code"] or ""))
    total: Counter = Counter()
    for c in by_reason.values():
        total.update(c)
    top_rejections = [{"note": text or None, "count": n, "reasons": sorted(rejection_reasons[text], key=str)}
                      for text, n in sorted(rejections.items(), key=lambda kv: (-kv[1], kv[0]))[:top]]
    return {"reasons": reasons, "total": row(total), "rejections": top_rejections}


def reply_stats(db: Database, now: datetime, *, since: datetime | None = None, until: datetime | None = None,
                shop: tuple[str, str] | None = None, platform: str | None = None, tz: tzinfo = timezone.utc,
                rows: list[dict] | None = None, week_of=None) -> dict:
    """Public replies against the 24-hour deadline (`cases.reply_due_at`, 24 h after the review) for the
    complaints in the range. A reply is recorded when the case is marked 已公开回复 (`case_events`
    status_changed → replied, from the queue, the panel or the API): its first such event counts.

    Per complaint: `on_time` (replied by the deadline), `late`, `missed` (deadline passed, no reply, still
    not resolved/closed), `on_page` (a seller reply seen on the review page but not marked: time unknown),
    `closed_without_reply`, `pending` (deadline not reached). Rate = on_time / (on_time + late + missed).
    Also the rate per local week (None for a week with nothing decided). `rows`: the range's complaints when the
    caller has them already (`complaints` with the same bounds and scope), so they are read once."""
    if rows is None:
        rows = complaints(db, since=since, until=until, shop=shop, platform=platform)
    rows = [r for r in rows if r["reply_due_at"]]
    replied: dict[int, str] = {}
    seen_on_page: set[int] = set()
    ids = [r["case_id"] for r in rows]
    for chunk in (ids[i:i + 500] for i in range(0, len(ids), 500)):
        marks = ",".join("?" * len(chunk))
        for e in db.query(f"select case_id, min(created_at) as at from case_events where kind = 'status_changed'"
                          f" and status = 'replied' and case_id in ({marks}) group by case_id", chunk):
            replied[e["case_id"]] = e["at"]
        for e in db.query(f"select c.id from cases c join reviews r on r.platform = c.platform and r.review_id = c.review_id"
                          f" where coalesce(r.seller_reply, '') != '' and c.id in ({marks})", chunk):
            seen_on_page.add(e["id"])
    counts: Counter = Counter()
    per_week: dict[date, Counter] = defaultdict(Counter)
    now_s = _iso(now)
    for r in rows:
        due = r["reply_due_at"]
        if r["case_id"] in replied:
            state = "on_time" if replied[r["case_id"]] <= due else "late"
        elif r["case_id"] in seen_on_page:
            state = "on_page"
        elif r["status"] in ("resolved", "closed"):
            state = "closed_without_reply"
        elif due < now_s:
            state = "missed"
        else:
            state = "pending"
        counts[state] += 1
        per_week[week_of(r) if week_of else week_start(r["at"], tz)][state] += 1

    def rate(c: Counter) -> float | None:
        decided = c["on_time"] + c["late"] + c["missed"]
        return c["on_time"] / decided if decided else None

    weeks = weekly(rows, lambda r: 0, tz, since=since, until=until, week_of=week_of)["weeks"] if rows else []
    states = ("on_time", "late", "missed", "on_page", "closed_without_reply", "pending")
    return {"counts": {s: counts[s] for s in states}, "rate": rate(counts),
            "weeks": weeks, "weekly_rate": [rate(per_week[w]) for w in weeks]}


def shops(db: Database) -> list[dict]:
    """The shops cases came from: `{platform, shop_id, shop_name}`, by platform then name.

    A skip scan of idx_cases_shop (m009): one index probe per shop for the next (platform, shop id) and
    one for its name, instead of grouping every case."""
    key = "platform, coalesce(shop_id, '')"
    out = []
    row = db.execute(f"select {key} from cases order by {key} limit 1").fetchone()
    while row is not None:
        name = db.execute(f"select max(shop_name) from cases where ({key}) = (?, ?)", row).fetchone()[0]
        out.append({"platform": row[0], "shop_id": row[1], "shop_name": name})
        row = (db.execute(f"select {key} from cases where platform = ? and coalesce(shop_id, '') > ? order by {key} limit 1",
                          row).fetchone()
               or db.execute(f"select {key} from cases where platform > ? order by {key} limit 1", row[:1]).fetchone())
    # as `order by platform, shop_name, shop_id` orders them (a missing name first)
    out.sort(key=lambda s: (s["platform"], s["shop_name"] is not None, s["shop_name"] or "", s["shop_id"]))
    return out


_cache: dict = {}
_cache_lock = threading.Lock()


def _state(db: Database, now: datetime) -> tuple:
    """What the alerts depend on, read in O(1): the newest case, capture, correction and case event (new
    complaints, re-captures, type corrections, status changes) and the hour (the look-back window moves)."""
    marks = db.execute("select (select max(id) from cases), (select max(rowid) from captures),"
                       " (select max(id) from corrections), (select max(id) from case_events)").fetchone()
    path = db.execute("pragma database_list").fetchone()[2]
    return (path, tuple(marks), now.replace(minute=0, second=0, microsecond=0))


def current_alerts(db: Database, now: datetime, limit: int = 20) -> list[dict]:
    """`pattern_alerts(db, now)` computed once per change of the store (or hour): the toolbar badge asks for the
    summary every 30 s and the work queue on every view."""
    key = (_state(db, now), limit)
    with _cache_lock:
        if key in _cache:
            return [dict(a) for a in _cache[key]]
    alerts = pattern_alerts(db, now, limit=limit)
    with _cache_lock:
        if len(_cache) >= 16:
            _cache.pop(next(iter(_cache)))
        _cache[key] = alerts
    return [dict(a) for a in alerts]


def popup_alerts(db: Database, now: datetime, limit: int = 5) -> list[dict]:
    """`pattern_alerts` of `GET /api/v1/summary` (the toolbar popup): each alert's fields plus `dashboard_path`,
    the work queue searched for that product and type (open it through the extension's sign-in link)."""
    from urllib.parse import urlencode

    out = []
    for a in current_alerts(db, now, limit=limit):
        q = a["product_id"] or (a["product_title"] or "")[:200]
        out.append({**a, "dashboard_path": "/?" + urlencode({"q": q, "primary": a["type"]})})
    return out
