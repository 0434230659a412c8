"""The analytics page's reads at a big shop's scale (issue 11) give what they gave: complaints read in table
order equal those read through the (status, reply_due_at) index, and the page's weekly figures computed once
per row equal the per-call ones. Random stores; both ways forced through analytics._SCAN_SHARE."""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone

import pytest

from companion import analytics
from companion.models import CASE_STATUSES
from companion.store.clock import iso
from companion.store.sqlite import init_db

NOW = datetime(2026, 11, 24, 4, 0, tzinfo=timezone.utc)
BEIJING = timezone(timedelta(hours=8))


@pytest.fixture
def db(tmp_path):
    db = init_db(tmp_path / "c.db")
    rng = random.Random(5)
    with db.conn:
        for k in range(1, 401):
            platform = rng.choice(["douyin", "tiktok", "taobao"])
            posted = NOW - timedelta(days=rng.uniform(0, 120))
            due = rng.choice([iso(posted + timedelta(hours=24)), iso(posted + timedelta(hours=24)), None])
            review_time = rng.choice([posted.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M:%S"), None, "not a time"])
            db.execute(
                "insert into cases (id, case_key, platform, shop_id, shop_name, order_id, review_id, status, primary_type,"
                " created_at, updated_at, reply_due_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [k, f"{platform}:order:{k}", platform, rng.choice(["s1", "s2", None]), "店", f"49{k:017d}", f"73{k:017d}",
                 rng.choice(CASE_STATUSES), rng.choice(["product_quality", "logistics", None]), iso(posted), iso(posted), due])
            db.execute(
                "insert into reviews (platform, review_id, case_id, order_id, product_id, product_title, rating, text,"
                " review_time, first_captured_at, seller_reply) values (?, ?, ?, ?, ?, ?, ?, '差', ?, ?, ?)",
                [platform, f"73{k:017d}", k, f"49{k:017d}", rng.choice(["p1", "p2", None]), rng.choice(["杯子", None]),
                 rng.choice([1, 2, 3, 4, 5, None]), review_time, iso(posted), rng.choice([None, "谢谢"])])
            if rng.random() < 0.3:
                db.execute("insert into case_events (case_id, kind, status, created_at) values (?, 'status_changed', 'replied', ?)",
                           [k, iso(posted + timedelta(hours=rng.uniform(1, 48)))])
    return db


@pytest.mark.parametrize("days", [3, 30, 84, 400])
@pytest.mark.parametrize("scope", [{}, {"platform": "douyin"}, {"shop": ("tiktok", "s1")}, {"shop": ("taobao", "")}])
def test_table_order_and_index_read_the_same_complaints(db, monkeypatch, days, scope):
    since, until = NOW - timedelta(days=days), NOW
    monkeypatch.setattr(analytics, "_SCAN_SHARE", 0)  # never scan: the index
    by_index = analytics.complaints(db, since=since, until=until, **scope)
    monkeypatch.setattr(analytics, "_SCAN_SHARE", 10**9)  # always scan: table order
    by_scan = analytics.complaints(db, since=since, until=until, **scope)
    assert by_scan == by_index
    if days >= 30 and not scope:
        assert len(by_index) > 20


def test_weekly_figures_with_weeks_computed_once_equal_the_per_call_ones(db):
    tz = BEIJING
    rows = analytics.complaints(db, since=NOW - timedelta(days=84), until=NOW)
    week_of = analytics.weeks_of(rows, tz)
    for key in (lambda r: r["primary_type"], analytics.product_key, lambda r: r["platform"]):
        assert analytics.weekly(rows, key, tz, week_of=week_of) == analytics.weekly(rows, key, tz)
    span = {"since": NOW - timedelta(days=84), "until": NOW}
    assert (analytics.reply_stats(db, NOW, tz=tz, rows=rows, week_of=week_of, **span)
            == analytics.reply_stats(db, NOW, tz=tz, **span))
