"""The Flask request's database handle: this thread's store connection (companion/store/sqlite.py)."""

from __future__ import annotations

import sqlite_utils
from flask import current_app, g

from ..store.sqlite import init_db, thread_connection


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
