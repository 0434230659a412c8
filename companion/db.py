"""SQLite storage through sqlite-utils: one connection per server thread (reused across requests), WAL, synchronous=FULL."""

from __future__ import annotations

import os
import sqlite3
import threading
from collections import OrderedDict
from pathlib import Path

import sqlite_utils
from flask import current_app, g

from .migrations import migrations


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


def get_db() -> sqlite_utils.Database:
    """The request's database connection (the thread's, opened on first use)."""
    if "db" not in g:
        g.db = thread_connection(current_app.config["DATABASE"])
    return g.db


def close_db(exc: BaseException | None = None) -> None:
    """Teardown: the connection stays open for the thread's next request, never inside a transaction."""
    db = g.pop("db", None)
    if db is not None and db.conn.in_transaction:
        db.conn.rollback()


def init_app(app) -> None:
    """Migrate once at start-up and register the per-request teardown."""
    init_db(app.config["DATABASE"]).conn.close()
    app.teardown_appcontext(close_db)
