"""The work queue reads only the cases that can rank among its first rows (issue 11: a store with a
million open cases opened the dashboard in minutes), and ranks them exactly as ranking every open case
would: checked on random stores against the same ranking with a limit above the number of open cases."""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta, timezone

import pytest

from companion.models import CASE_STATUSES
from companion.services.workqueue import work_queue
from companion.store import workqueue as store
from companion.store.clock import iso
from companion.store.sqlite import init_db

NOW = datetime(2026, 11, 24, 4, 0, tzinfo=timezone.utc)


def fill(db, rng: random.Random, n: int) -> None:
    def when(days_from: float, days_to: float) -> str:
        return iso(NOW + timedelta(days=rng.uniform(days_from, days_to)))

    with db.conn:
        for k in range(1, n + 1):
            review_id = f"73{k:017d}" if rng.random() < 0.9 else None
            due = rng.choice([None, when(-5, -0.01), when(0.01, 0.5), when(0.5, 3), when(-1, 1)])
            # a few identical times: the id breaks the tie
            updated = rng.choice([when(-30, 0), "2026-11-20T00:00:00.000Z"])
            db.execute(
                "insert into cases (id, case_key, platform, order_id, review_id, status, escalation_risk, created_at, updated_at,"
                " reply_due_at) values (?, ?, 'douyin', ?, ?, ?, ?, ?, ?, ?)",
                [k, f"douyin:order:49{k:017d}", f"49{k:017d}", review_id, rng.choice(CASE_STATUSES),
                 rng.random() < 0.15, updated, updated, due])
            if review_id:
                db.execute("insert into reviews (platform, review_id, case_id, order_id, rating, text, seller_reply)"
                           " values ('douyin', ?, ?, ?, 1, '差评', ?)",
                           [review_id, k, f"49{k:017d}", "已回复" if rng.random() < 0.2 else None])
            for version in range(1, rng.choice([0, 0, 1, 2, 3]) + 1):
                verdict = rng.choice(["recommended", "recommended", "not_recommended", "expired"])
                advice = {"verdict": verdict}
                if rng.random() < 0.85:
                    local = (NOW + timedelta(days=rng.uniform(-2, 6))).astimezone(timezone(timedelta(hours=8)))
                    advice["deadline"] = local.isoformat(timespec="seconds")
                db.execute(
                    "insert into assessments (case_id, version, format, assessed_at, classification_json, advice_json,"
                    " checklist_json, drafts_json) values (?, ?, 1, ?, '{}', ?, '[]', '[]')",
                    [k, version, iso(NOW), json.dumps(advice) if rng.random() < 0.95 else "not json"])


@pytest.mark.parametrize("seed", range(6))
def test_first_rows_of_the_queue_equal_the_ranking_of_every_open_case(tmp_path, seed):
    db = init_db(tmp_path / "c.db")
    rng = random.Random(seed)
    fill(db, rng, 160)
    everything, total = work_queue(db, NOW, limit=10_000)
    assert total == len(everything) == db.execute("select count(*) from cases where status not in ('resolved', 'closed')").fetchone()[0]
    # every tier turns up, or the comparison proves little
    assert {"overdue", "escalation", "appeal_closing", "due", "none"} <= {r["urgency"] for r in everything}
    for limit in (1, 2, 3, 5, 8, 13, 21, 40, 80):
        got, got_total = work_queue(db, NOW, limit=limit)
        assert got_total == total
        assert [(r["id"], r["urgency"]) for r in got] == [(r["id"], r["urgency"]) for r in everything[:limit]], limit
        assert got == everything[:limit]


@pytest.mark.parametrize("seed", range(4))
def test_reply_counts_equal_the_join_over_every_case(tmp_path, seed):
    """Overdue / due-today counts (badge, popup, dashboard) as the plain join over every case counts them."""
    db = init_db(tmp_path / "c.db")
    fill(db, random.Random(100 + seed), 200)
    now_s, end_s = iso(NOW), iso(NOW + timedelta(hours=12))
    want = db.execute(
        f"""select sum(case when c.reply_due_at <= ? then 1 else 0 end),
                   sum(case when c.reply_due_at > ? and c.reply_due_at <= ? then 1 else 0 end)
            from {store.JOIN} where {store.PENDING}""", [now_s, now_s, end_s, *store.DONE_STATUSES]).fetchone()
    assert want[0] and want[1]
    assert store.due_counts(db, now_s, end_s) == (want[0], want[1])


def test_shop_list_equals_grouping_every_case(tmp_path):
    """The dashboard's shop list (a skip scan of idx_cases_shop) lists what grouping every case lists, in the
    same order: several platforms, cases without a shop id, shops without a name, a shop renamed."""
    from companion.analytics import shops

    db = init_db(tmp_path / "c.db")
    rng = random.Random(7)
    with db.conn:
        for k in range(1, 301):
            platform = rng.choice(["douyin", "tiktok", "taobao"])
            shop_id = rng.choice([None, "", "s1", "s2", "s10", "店铺9"])
            name = rng.choice([None, "甲店", "乙店", "Alpha Store"])
            db.execute("insert into cases (id, case_key, platform, shop_id, shop_name, status, created_at, updated_at)"
                       " values (?, ?, ?, ?, ?, 'open', 't', 't')", [k, f"{platform}:review:{k}", platform, shop_id, name])
    want = list(db.query("select platform, coalesce(shop_id, '') as shop_id, max(shop_name) as shop_name from cases"
                         " group by platform, coalesce(shop_id, '') order by platform, shop_name, shop_id"))
    assert len(want) > 10 and shops(db) == want


@pytest.mark.parametrize("which", ["overdue", "today", "all"])
def test_due_rows_equal_the_sorted_join(tmp_path, which):
    """The popup's and badge's most urgent replies: the first rows of the plain sorted join over every case."""
    db = init_db(tmp_path / "c.db")
    fill(db, random.Random(42), 250)
    now_s, end_s = iso(NOW), iso(NOW + timedelta(hours=12))
    cond = {"overdue": "c.reply_due_at <= ?", "today": "c.reply_due_at > ? and c.reply_due_at <= ?", "all": "c.reply_due_at <= ?"}[which]
    params = {"overdue": [now_s], "today": [now_s, end_s], "all": [end_s]}[which]
    want = [r[0] for r in db.execute(f"select c.id from {store.JOIN} where {store.PENDING} and {cond}"
                                     " order by c.reply_due_at asc, c.id asc", [*store.DONE_STATUSES, *params])]
    assert len(want) > 5
    for limit in (1, 3, 5, 20, 500):
        assert [r["id"] for r in store.due_rows(db, now_s, end_s, which, limit)] == want[:limit], limit
