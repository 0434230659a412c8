"""SQLite connections through sqlite-utils: one connection per server thread (reused across requests), WAL,
synchronous=FULL, and the write transaction (`immediate`). The Flask request's handle is companion/api/db.py."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections import OrderedDict
from contextlib import contextmanager
from pathlib import Path

import sqlite_utils
from sqlite_utils.db import dedupe_keys

from ..migrations import migrations


def connect(path: str | Path) -> sqlite_utils.Database:
    """Open the database at `path` with the pragmas every connection must have.

    WAL lets the dashboard read while a capture writes; synchronous=FULL because evidence
    records must survive a power cut once the API has said "stored".
    """
    conn = sqlite3.connect(str(path), timeout=30)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=FULL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=30000")
    return sqlite_utils.Database(conn)


def init_db(path: str | Path) -> sqlite_utils.Database:
    """Open the database and apply pending migrations."""
    db = connect(path)
    migrations.apply(db)
    return db


_local = threading.local()
# Databases a thread keeps a connection to (tests make many apps in one thread; a server has one).
MAX_CONNECTIONS_PER_THREAD = 4


def thread_connection(path: str | Path) -> sqlite_utils.Database:
    """This thread's open connection to the database at `path`, opened on first use.

    Reused across requests: closing the last connection to a WAL database checkpoints it (and
    fsyncs the main file) every time, which was a third of a capture's cost. Keyed by the file's
    inode too, so a database replaced on disk gets a fresh connection.
    """
    try:
        key = (str(path), os.stat(path).st_ino)
    except OSError:
        key = (str(path), None)
    pool = getattr(_local, "pool", None)
    if pool is None:
        pool = _local.pool = OrderedDict()
    db = pool.get(key)
    if db is None:
        db = pool[key] = connect(path)
        while len(pool) > MAX_CONNECTIONS_PER_THREAD:
            pool.popitem(last=False)[1].conn.close()
    else:
        pool.move_to_end(key)
    return db


@contextmanager
def immediate(db: sqlite_utils.Database):
    """A write transaction that takes the write lock up front (BEGIN IMMEDIATE): all or nothing."""
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        if db.conn.in_transaction:
            db.conn.execute("ROLLBACK")
        raise
    else:
        db.conn.execute("COMMIT")


def dict_rows(db: sqlite_utils.Database, sql: str, params=()) -> list[dict]:
    """A SELECT's rows as dicts (like `db.query`, duplicate column names renamed the same way), without its
    per-query SAVEPOINT/RELEASE guard: for the store's own read-only statements on the hot paths."""
    cur = db.conn.execute(sql, params)
    keys = dedupe_keys(d[0] for d in cur.description)
    return [dict(zip(keys, r)) for r in cur.fetchall()]


def table_missing(exc: sqlite3.OperationalError) -> bool:
    """Whether a statement failed because its table does not exist (a store not yet migrated)."""
    return str(exc).startswith("no such table")
