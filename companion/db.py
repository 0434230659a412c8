"""SQLite storage through sqlite-utils: one connection per request, WAL, synchronous=FULL."""

from __future__ import annotations

import sqlite3
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


def get_db() -> sqlite_utils.Database:
    """The request's database connection, opened on first use."""
    if "db" not in g:
        g.db = connect(current_app.config["DATABASE"])
    return g.db


def close_db(exc: BaseException | None = None) -> None:
    """Close the request's connection (teardown)."""
    db = g.pop("db", None)
    if db is not None:
        db.conn.close()


def init_app(app) -> None:
    """Migrate once at start-up and register the per-request teardown."""
    init_db(app.config["DATABASE"]).conn.close()
    app.teardown_appcontext(close_db)
