import sqlite3

import pytest

from companion.store.sqlite import connect, init_db
from companion.migrations import migrations


def test_migrations_apply_twice_and_record(tmp_path):
    path = tmp_path / "c.db"
    empty = connect(path)
    every = [m.name for m in migrations.pending(empty)]  # an empty database has all of them to run
    empty.close()
    assert every[0] == "m001_initial" and every == sorted(every)
    init_db(path)
    db = init_db(path)  # idempotent
    assert {"cases", "captures", "reviews", "classifications", "drafts", "evidence", "corrections", "appeals"} <= set(db.table_names())
    applied = [m.name for m in migrations.applied(db)]
    assert applied == every
    assert migrations.pending(db) == []


def test_every_connection_uses_wal_and_full_sync(tmp_path):
    db = connect(tmp_path / "c.db")
    assert db.execute("pragma journal_mode").fetchone()[0] == "wal"
    assert db.execute("pragma synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("pragma foreign_keys").fetchone()[0] == 1


def test_evidence_rows_cannot_be_changed_or_deleted(tmp_path):
    db = init_db(tmp_path / "c.db")
    db.execute("insert into cases (case_key, platform, status, created_at, updated_at) values ('k', 'douyin', 'open', 'x', 'x')")
    db.execute("insert into captures (capture_id, case_id, platform, page_kind, page_url, captured_at, received_at) values ('cap12345', 1, 'douyin', 'review', 'u', 't', 't')")
    db.execute(
        "insert into evidence (case_id, capture_id, kind, sha256, size, captured_at, stored_at, chain) values (1, 'cap12345', 'screenshot', 'ab', 1, 't', 't', 'c')"
    )
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        db.execute("update evidence set sha256 = 'cd'")
    with pytest.raises(sqlite3.IntegrityError, match="immutable"):
        db.execute("delete from evidence")
