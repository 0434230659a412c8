"""Start-up checks of the database file: truncated or corrupt, or written by a newer version (issue 12 item 8).

Each stops start-up with one message that says what happened and what to do (`DatabaseUnusable`);
the CLI prints it without a traceback and exits 2. Nothing is written to the file before the checks pass.
"""

from __future__ import annotations

import sqlite3
import struct
from pathlib import Path

HEADER = b"SQLite format 3\x00"


class DatabaseUnusable(RuntimeError):
    """The database cannot be used: the message says why and how to restore it."""


def _restore_hint(path: Path) -> str:
    return (f"Nothing was changed. To restore from a backup made with `review-companion backup`: stop the companion and "
            f"run `review-companion restore <backup.zip> --data-dir {path.parent} --force` (the damaged {path.name} is "
            "moved aside, not deleted). A copy of the whole folder works too: put its companion.db in place of this one "
            f"(and remove {path.name}-wal and {path.name}-shm). Evidence files under evidence/ are separate and are kept. "
            f"Without a backup, `sqlite3 {path.name} .recover` may save part of it.")


def check_database(path: str | Path) -> None:
    """Refuse a truncated or corrupt database file, or one made by a newer version. A missing or empty file is fine (new)."""
    path = Path(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return
    if size == 0:
        return
    with open(path, "rb") as fh:
        head = fh.read(100)
    # A non-empty WAL (a process killed, even mid-checkpoint) holds pages the main file does not have yet: SQLite
    # recovers from it when the database is opened, so the size checks would be wrong then; the open below decides.
    wal = path.with_name(path.name + "-wal")
    pending = wal.exists() and wal.stat().st_size > 0
    problem = _header_problem(head, size, sizes=not pending)
    if problem:
        raise DatabaseUnusable(f"The database {path} is damaged: {problem}. {_restore_hint(path)}")
    try:
        # Read-only when nothing is pending; else read-write, so SQLite can replay the WAL (what any open would do).
        conn = sqlite3.connect(f"{path.as_uri()}?mode={'rw' if pending else 'ro'}", uri=True, timeout=30)
    except sqlite3.Error as exc:
        raise DatabaseUnusable(f"The database {path} cannot be opened ({exc}). {_restore_hint(path)}") from None
    try:
        conn.execute("select count(*) from sqlite_master").fetchone()
        has_log = conn.execute("select 1 from sqlite_master where name = '_sqlite_migrations'").fetchone()
        names = [r[0] for r in conn.execute("select name from _sqlite_migrations where migration_set = 'review_companion'")] if has_log else []
    except sqlite3.DatabaseError as exc:
        raise DatabaseUnusable(f"The database {path} is damaged ({exc}). {_restore_hint(path)}") from None
    finally:
        conn.close()
    _refuse(names, path)


def _header_problem(head: bytes, size: int, sizes: bool = True) -> str | None:
    """What is wrong with the 100-byte header given the file size, or None."""
    if len(head) < 100 or not head.startswith(HEADER):
        return f"it is not a SQLite database (the file is {size} bytes and does not start with the SQLite header)"
    page_size = struct.unpack(">H", head[16:18])[0]
    page_size = 65536 if page_size == 1 else page_size
    if page_size < 512 or page_size & (page_size - 1):
        return f"its header names an impossible page size ({page_size})"
    if not sizes:
        return None
    if size % page_size:
        return f"the file is truncated ({size} bytes is not a whole number of {page_size}-byte pages)"
    change_counter, pages = struct.unpack(">II", head[24:32])
    valid_for = struct.unpack(">I", head[92:96])[0]
    if valid_for == change_counter and pages and pages * page_size > size:
        return f"the file is truncated: its header says {pages} pages ({pages * page_size} bytes) but it holds {size} bytes"
    return None


def refuse_unknown_migrations(db, migrations) -> None:
    """Refuse a database (sqlite-utils) that records migrations this version does not know."""
    _refuse([m.name for m in migrations.applied(db)], Path(db.conn.execute("pragma database_list").fetchone()[2] or "companion.db"))


def _refuse(applied: list[str], path: Path) -> None:
    from . import __version__
    from .migrations import migrations

    known = {m.name for m in migrations._migrations}
    unknown = [name for name in applied if name not in known]
    if unknown:
        raise DatabaseUnusable(
            f"The database {path} was written by a newer Review Guard companion: it records migration "
            f"{', '.join(unknown)}, which this version ({__version__}) does not know. It was not opened, so nothing "
            "was changed. Install the newer companion again (pip install -U review-guard-companion), or point --data-dir "
            "at a copy made by this version.")
