"""Case search (companion/store/search.py) returns exactly what a full LIKE scan returns, on texts written here.

The indexes (FTS5 trigram for 3+ characters, a bigram index for 1-2) must never miss a case nor add
one: every query is compared with a scan of every searchable field, in the same order, with the same
total, after inserts, updates and deletes, and through the API.
"""

from __future__ import annotations

import inspect
import hashlib

import pytest

from companion.store.sqlite import connect, init_db
from companion.migrations import migrations
from companion.store.search import SEARCH_FIELDS, like_pattern, search_cases

from factories import make_capture

REVIEWS = [
    # (order_id, buyer_nick, product_id, product_title, text)
    ("4912345678901234567", "小***鱼", "3601234567890", "不锈钢保温杯 500ml", "杯子用了三天就开始漏水了，客服也不理人"),
    ("4912345678901234568", "大***熊", "3601234567891", "无线蓝牙耳机", "快递太慢了，等了一个星期"),
    ("4998765432109876543", "漏水侠", "3601234567890", "不锈钢保温杯 500ml", "盖子拧不紧一倒就漏"),
    ("4900000000000000001", "Amy_W", "3609999999999", "LED Desk Lamp", "The lamp FLICKERS; shipping was slow. 100% not as described"),
    ("4900000000000000002", "买***2", "3609999999999", "LED Desk Lamp", "Écran cassé à l'arrivée, très déçu"),
    ("4900000000000000003", "買家", "3601111111111", "儿童纯棉睡衣", "快递员把包裹扔在门口，睡衣脏了。快"),
    ("4900000000000000004", None, None, None, None),  # a case without a review (context page only)
    ("4900000000000000005", "x\\y", "36_0", "a%b", "水，漏水？漏 水 c:\\path 50% off_now"),
]

QUERIES = [
    "漏水", "漏水了", "快递", "快", "漏", "水", "水，", "，", "？", "了。快", "客服也不理人", "等了一个星期",
    "4912345678901234567", "491234567890123456", "49123", "12", "1", "0000000000000000001",
    "小***鱼", "***", "熊", "漏水侠", "Amy", "amy_w", "_", "%", "a%b", "50%", "\\", "x\\y", "c:\\path",
    "led", "LED desk", "flickers", "ÉCRAN", "écran", "é", "déçu", "3601234567890", "36_0", "不锈钢保温杯 500ml",
    "杯 500", " ", "no such text", "漏水漏水", "買家", "lamp", "p", "ow",
]


def scan(db, q: str) -> tuple[list[int], int]:
    """The reference: LIKE over every searchable field, the list order."""
    where = " or ".join(f"{f} like ? escape '\\'" for f in SEARCH_FIELDS)
    params = [like_pattern(q)] * len(SEARCH_FIELDS)
    join = "from cases c left join reviews r on r.platform = c.platform and r.review_id = c.review_id"
    ids = [r[0] for r in db.execute(
        f"select c.id {join} where {where} order by c.escalation_risk desc, c.updated_at desc, c.id desc", params)]
    return ids, len(ids)


def fill(db, reviews=REVIEWS, start=1):
    with db.conn:
        for k, (order_id, nick, product_id, title, text) in enumerate(reviews, start):
            review_id = f"73{k:017d}" if text is not None else None
            db.execute(
                "insert into cases (id, case_key, platform, order_id, review_id, status, escalation_risk, created_at, updated_at)"
                " values (?, ?, 'douyin', ?, ?, 'open', ?, 't', ?)",
                [k, f"douyin:order:{order_id}", order_id, review_id, k % 3 == 0, f"2026-11-{k:02d}"],
            )
            if text is not None:
                db.execute(
                    "insert into reviews (platform, review_id, case_id, order_id, product_id, product_title, text, buyer_nick)"
                    " values ('douyin', ?, ?, ?, ?, ?, ?, ?)",
                    [review_id, k, order_id, product_id, title, text, nick],
                )


def assert_equal_to_scan(db, queries=QUERIES):
    for q in queries:
        ids, total = scan(db, q)
        rows, got_total = search_cases(db, q=q, limit=500)
        assert ([r["id"] for r in rows], got_total) == (ids, total), q
        # paging: every page is the scan's slice
        for offset in (0, 1, 3):
            rows, got_total = search_cases(db, q=q, limit=2, offset=offset)
            assert [r["id"] for r in rows] == ids[offset:offset + 2] and got_total == total, (q, offset)


@pytest.fixture
def db(tmp_path):
    db = init_db(tmp_path / "c.db")
    fill(db)
    return db


def test_search_equals_a_full_scan_on_hand_written_texts(db):
    assert_equal_to_scan(db)
    # the queries do find things (not an empty index agreeing with an empty scan)
    assert scan(db, "漏水")[1] == 3 and scan(db, "快递")[1] == 2 and scan(db, "ÉCRAN")[1] == 1 and scan(db, "écran")[1] == 0  # LIKE folds ASCII only


def test_search_with_filters_equals_the_scan(db):
    db.execute("update cases set status = 'resolved' where id in (1, 3)")
    for q in ("漏水", "漏水了", "快", "led", "水，"):
        ids, _ = scan(db, q)
        want = [i for i in ids if db.execute("select status from cases where id = ?", [i]).fetchone()[0] == "open"]
        rows, total = search_cases(db, q=q, filters={"status": "open"}, limit=500)
        assert [r["id"] for r in rows] == want and total == len(want), q


def test_index_follows_updates_and_deletes(db):
    with db.conn:
        db.execute("update reviews set text = '完全没问题，物流很快' where case_id = 1")
        db.execute("update reviews set buyer_nick = '新名字' where case_id = 2")
        db.execute("update cases set order_id = '4977777777777777777' where id = 3")
        db.execute("delete from reviews where case_id = 6")
        db.execute("delete from cases where id = 7")
    assert_equal_to_scan(db, QUERIES + ["物流很快", "新名字", "4977777777777777777", "熊"])
    assert scan(db, "漏水了")[1] == 0 and search_cases(db, q="漏水了")[1] == 0


def test_many_rows_take_both_page_strategies(tmp_path):
    """A common term (walk the list order and probe) and a rare one (sort the matches) agree with the scan."""
    db = init_db(tmp_path / "c.db")
    texts = ["快递很慢，漏水", "质量不错", "颜色不对", "快递员态度差", "漏水严重"]
    rows = [(f"49{k:017d}", f"买***{k % 13}", f"36{k % 7:011d}", "保温杯", texts[k % 5] + ("，罕见词" if k == 321 else ""))
            for k in range(1, 1201)]
    fill(db, rows)
    assert_equal_to_scan(db, ["快递", "漏水", "罕见词", "罕见", "颜色不对", "质量", "49000000000000000123", "买***1"])


def test_the_list_walk_keeps_the_scans_answer_with_filters_and_letters(tmp_path):
    """A common term read by walking the list order: ASCII letters fold like LIKE (led finds LED, not
    only led), a status filter still applies, and a multi-trigram phrase with many matches is counted."""
    db = init_db(tmp_path / "c.db")
    titles = ["LED 台灯", "led灯泡", "保温杯", "Led Strip"]
    rows = [(f"49{k:017d}", f"买***{k % 11}", f"36{k % 5:011d}", titles[k % 4], "快递很慢，漏水了" if k % 3 else "质量不错")
            for k in range(1, 2401)]
    fill(db, rows)
    db.execute("update cases set status = 'resolved' where id % 7 = 0")
    for q in ("led", "LED", "Le", "快递很慢", "漏水了", "36000", "360000000"):
        ids, total = scan(db, q)
        for limit, offset in ((3, 0), (3, 4), (500, 0), (50, 1700)):
            got, got_total = search_cases(db, q=q, limit=limit, offset=offset)
            assert [r["id"] for r in got] == ids[offset:offset + limit] and got_total == total, (q, limit, offset)
    # no query, only a filter most cases pass: the list order walked, filtered, paged
    every = [r[0] for r in db.execute("select id from cases where status = 'open'"
                                      " order by escalation_risk desc, updated_at desc, id desc")]
    for limit, offset in ((3, 0), (3, 10), (500, 0)):
        got, total = search_cases(db, filters={"status": "open"}, limit=limit, offset=offset)
        assert [r["id"] for r in got] == every[offset:offset + limit] and total == len(every)
    for q in ("led", "漏水", "快递很慢"):
        ids, _ = scan(db, q)
        want = [i for i in ids if i % 7]
        for offset in (0, 5):
            got, total = search_cases(db, q=q, filters={"status": "open"}, limit=3, offset=offset)
            assert [r["id"] for r in got] == want[offset:offset + 3] and total == len(want), (q, offset)


def test_search_through_the_api_and_captures(client, auth):
    for i, text in enumerate(["屏幕漏水了，要求退款", "快递太慢", "漏水"]):
        cap = make_capture(review={"review_id": f"7300000000000000{i:03d}", "order_id": f"4900000000000000{i:03d}", "text": text})
        assert client.post("/api/v1/captures", json=cap, headers=auth).status_code == 201
    # a second capture of the same review with a new text (the buyer's edit) replaces what is found
    cap = make_capture(review={"review_id": "7300000000000000001", "order_id": "4900000000000000001", "text": "快递太慢，漏水了"})
    client.post("/api/v1/captures", json=cap, headers=auth)
    for q, want in (("漏水", 3), ("漏水了", 2), ("快递", 1), ("4900000000000000002", 1), ("小***鱼", 3), ("保温杯", 3)):
        body = client.get("/api/v1/cases", query_string={"q": q}, headers=auth).get_json()
        assert body["total"] == want == len(body["cases"]), q


# sha256 (first 16 hex) of each landed migration's source. A landed migration is never edited: a change
# to the schema is a new migration appended at the end. Add a migration here once it has landed on main.
LANDED_MIGRATIONS = {
    "m001_initial": "eb5e316d82d7f021",
    "m002_corrections_and_appeals": "86057c0f93edb77a",
    "m003_settings_and_draft_source": "03bb4cd1cf5afbc0",
    "m004_case_events": "a14bc22862fd4c7a",
    "m005_assessments": "b67aefb07f519a72",
    "m006_search": "686d23a1ce12bf35",
}


def test_landed_migrations_are_never_edited():
    from companion import migrations as module

    registered = [m.name for m in migrations.pending(connect(":memory:"))]
    assert registered == sorted(registered) and set(LANDED_MIGRATIONS) <= set(registered)
    for name, digest in LANDED_MIGRATIONS.items():
        source = inspect.getsource(getattr(module, name))
        assert hashlib.sha256(source.encode()).hexdigest()[:16] == digest, f"{name} was edited after it landed"


def test_upgrade_backfills_the_index(tmp_path):
    """A database with cases made before m006_search is fully searchable after the upgrade."""
    from companion.store.sqlite import connect

    path = tmp_path / "old.db"
    db = connect(path)
    migrations.apply(db, stop_before="m006_search")
    assert "case_search" not in db.table_names()
    fill(db)
    db.close()
    db = init_db(path)
    assert "case_search" in db.table_names()
    assert_equal_to_scan(db)
