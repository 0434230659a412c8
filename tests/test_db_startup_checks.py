"""Issue 12 item 8: a database from a newer version, or a truncated/corrupt one, stops start-up with one clear message."""

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
import sqlite_utils

from companion import create_app
from companion.dbcheck import DatabaseUnusable
from companion.migrations import migrations
from factories import make_capture

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "test-token-0123456789"


def serve(data_dir: Path) -> subprocess.CompletedProcess:
    """`review-companion serve` on the data dir; it must exit by itself (it never gets to listen)."""
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "companion", "serve", "--port", "0", "--data-dir", str(data_dir)],
                          capture_output=True, text=True, env=env, timeout=120)


def filled_data_dir(tmp_path: Path, captures: int = 30) -> Path:
    """A data dir with a real database holding some captures, checkpointed into the main file."""
    data_dir = tmp_path / "data"
    client = create_app({"TESTING": True, "DATA_DIR": str(data_dir), "TOKEN": TOKEN}).test_client()
    for i in range(captures):
        r = client.post("/api/v1/captures", headers={"Authorization": f"Bearer {TOKEN}"},
                        json=make_capture(review={"review_id": f"r{i}", "order_id": f"49{i:017d}", "text": "质量差" * (i + 1)}))
        assert r.status_code == 201, r.get_json()
    conn = sqlite3.connect(data_dir / "companion.db")
    conn.execute("pragma wal_checkpoint(TRUNCATE)")
    conn.close()
    return data_dir


def test_a_database_from_a_newer_version_is_refused(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    db = sqlite_utils.Database(data_dir / "companion.db")
    migrations.apply(db)
    db.execute("insert into _sqlite_migrations (migration_set, name, applied_at) values ('review_companion', 'm099_from_the_future', 'x')")
    db.conn.commit()
    db.conn.close()
    with pytest.raises(DatabaseUnusable, match="newer Review Guard companion.*m099_from_the_future"):
        create_app({"TESTING": True, "DATA_DIR": str(data_dir), "TOKEN": TOKEN})
    db = sqlite_utils.Database(data_dir / "companion.db")
    with pytest.raises(DatabaseUnusable, match="m099_from_the_future"):
        migrations.apply(db)  # every path that migrates (init_db: verify, tests) refuses it too
    db.conn.close()
    result = serve(data_dir)
    assert result.returncode == 2
    assert "newer Review Guard companion" in result.stderr and "Traceback" not in result.stderr + result.stdout


@pytest.mark.parametrize("cut", ["half_pages", "mid_page"])
def test_a_truncated_database_stops_start_up_with_one_clear_message(tmp_path, cut):
    data_dir = filled_data_dir(tmp_path)
    path = data_dir / "companion.db"
    size = path.stat().st_size
    page = sqlite3.connect(path).execute("pragma page_size").fetchone()[0]
    assert size >= 8 * page
    new_size = (size // page // 2) * page if cut == "half_pages" else size - page // 2
    with open(path, "r+b") as fh:
        fh.truncate(new_size)
    with pytest.raises(DatabaseUnusable, match="truncated"):
        create_app({"TESTING": True, "DATA_DIR": str(data_dir), "TOKEN": TOKEN})
    result = serve(data_dir)
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    message = result.stderr.strip()
    assert message.count("\n") == 0  # one message
    assert "truncated" in message and "backup" in message and str(path) in message
    assert path.stat().st_size == new_size  # nothing was written to it


def test_a_file_that_is_not_a_database_stops_start_up(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    (data_dir / "companion.db").write_bytes(b"this is not sqlite at all" * 100)
    result = serve(data_dir)
    assert result.returncode == 2
    assert "not a SQLite database" in result.stderr and "backup" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("mid_checkpoint", [False, True])
def test_a_database_left_by_a_killed_process_with_its_wal_starts(tmp_path, mid_checkpoint):
    """kill -9 leaves companion.db-wal (and -shm) holding committed pages, maybe in the middle of a checkpoint (the
    main file's header already names pages the file does not hold yet): start-up must replay it, not refuse."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    script = (
        "import os, sqlite3, sys\n"
        "from companion.migrations import migrations\n"
        "import sqlite_utils\n"
        "conn = sqlite3.connect(sys.argv[1], isolation_level=None)\n"
        "conn.execute('pragma journal_mode=wal'); conn.execute('pragma wal_autocheckpoint=0')\n"
        "db = sqlite_utils.Database(conn); migrations.apply(db)\n"
        "conn.execute(\"insert into settings (key, value_json, updated_at) values ('probe', '{}', 'x')\")\n"
        "conn.execute('create table filler (x)')\n"
        "conn.executemany('insert into filler values (?)', [('y' * 500,)] * 2000)\n"
        "os._exit(0)\n"  # no close, no checkpoint: what kill -9 leaves
    )
    subprocess.run([sys.executable, "-c", script, str(data_dir / "companion.db")], check=True,
                   env={**os.environ, "PYTHONPATH": str(ROOT)})
    wal = (data_dir / "companion.db-wal").read_bytes()
    assert len(wal) > 0
    if mid_checkpoint:  # a checkpoint copies pages in page order: page 1 (the header with the new size) lands first
        page = int.from_bytes(wal[8:12], "big")
        frames = [wal[32 + i * (24 + page): 32 + (i + 1) * (24 + page)] for i in range((len(wal) - 32) // (24 + page))]
        first_page = [f[24:] for f in frames if int.from_bytes(f[:4], "big") == 1][-1]
        with open(data_dir / "companion.db", "r+b") as fh:
            fh.write(first_page)
        head = (data_dir / "companion.db").read_bytes()[:100]
        assert int.from_bytes(head[28:32], "big") * page > (data_dir / "companion.db").stat().st_size  # looks truncated
    app = create_app({"TESTING": True, "DATA_DIR": str(data_dir), "TOKEN": TOKEN})
    conn = sqlite3.connect(app.config["DATABASE"])
    assert conn.execute("select key from settings").fetchall() == [("probe",)]
    assert conn.execute("select count(*) from filler").fetchone()[0] == 2000
    conn.close()
