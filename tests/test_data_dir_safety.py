"""Issue 12 items 4 (owner-only data dir and files) and 7 (crash leftovers of evidence writes)."""

import hashlib
import os
import stat
from pathlib import Path

import pytest

from companion import create_app
from companion.evidence import relative_path
from factories import PNG, make_capture

TOKEN = "test-token-0123456789"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
posix_only = pytest.mark.skipif(os.name == "nt", reason="POSIX modes; Windows relies on the user profile's ACL (docs/security.md)")


def mode(path: Path) -> int:
    return stat.S_IMODE(os.lstat(path).st_mode)


def make(data_dir: Path):
    return create_app({"TESTING": True, "DATA_DIR": str(data_dir), "TOKEN": TOKEN})


def capture(app, **overrides):
    r = app.test_client().post("/api/v1/captures", json=make_capture(**overrides), headers=AUTH)
    assert r.status_code in (200, 201), r.get_json()
    return r.get_json()


def all_paths(data_dir: Path) -> list[Path]:
    return [data_dir, *sorted(data_dir.rglob("*"))]


@posix_only
def test_a_new_install_is_owner_only_after_start_and_a_capture(tmp_path):
    data_dir = tmp_path / "data"
    old = os.umask(0o022)  # the usual umask, which made 0755 dirs and 0644 files
    try:
        app = make(data_dir)
        capture(app)
    finally:
        os.umask(old)
    from companion.security import load_or_create_token

    load_or_create_token(data_dir)
    names = {p.name for p in data_dir.iterdir()}
    assert {"companion.db", "companion.db-wal", "companion.db-shm", "token", "evidence"} <= names
    seen_evidence_file = False
    for path in all_paths(data_dir):
        m = mode(path)
        assert m & 0o077 == 0, f"{path} is {oct(m)}: readable by others"
        if path.is_dir():
            assert m == 0o700, f"{path} is {oct(m)}"
        elif "evidence" in path.relative_to(data_dir).parts:
            seen_evidence_file = True
            assert m == 0o400, f"{path} is {oct(m)}"
        else:
            assert m == 0o600, f"{path} is {oct(m)}"
    assert seen_evidence_file


@posix_only
def test_an_existing_world_readable_install_is_fixed_at_start(tmp_path):
    data_dir = tmp_path / "data"
    app = make(data_dir)
    capture(app)
    (data_dir / "token").write_text("t" * 40 + "\n")
    (data_dir / "companion.db.before-restore-20261202-0930").write_bytes(b"an older database")
    for path in all_paths(data_dir):  # as installs before this change were: 0755 dirs, 0644 files
        path.chmod(0o755 if path.is_dir() else 0o644)
    make(data_dir)  # start again
    for path in all_paths(data_dir):
        assert mode(path) & 0o077 == 0, f"{path} is still {oct(mode(path))}"
    assert mode(data_dir) == 0o700 and mode(data_dir / "companion.db") == 0o600 and mode(data_dir / "token") == 0o600
    assert mode(data_dir / "companion.db.before-restore-20261202-0930") == 0o600
    shot = next((data_dir / "evidence").rglob("*.png"))
    assert mode(shot) == 0o400 and mode(shot.parent) == 0o700


@posix_only
def test_only_the_companions_own_files_are_touched(tmp_path):
    """A data dir pointed at a folder holding other things leaves those things as they are."""
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    other = data_dir / "notes.txt"
    other.write_text("mine")
    other.chmod(0o644)
    (data_dir / "photos").mkdir(mode=0o755)
    (data_dir / "photos").chmod(0o755)
    make(data_dir)
    assert mode(other) == 0o644 and mode(data_dir / "photos") == 0o755
    assert mode(data_dir) == 0o700


def leftover_name(data: bytes, media_type: str, data_dir: Path) -> Path:
    rel = relative_path(hashlib.sha256(data).hexdigest(), media_type)
    return data_dir / f"{rel}.{os.getpid()}.tmp"  # the name a killed process with our pid left before this change


def test_resending_the_same_bytes_after_a_crash_works_despite_a_leftover_temp_file(tmp_path):
    data_dir = tmp_path / "data"
    app = make(data_dir)
    left = leftover_name(PNG, "image/png", data_dir)
    left.parent.mkdir(parents=True, exist_ok=True)
    left.write_bytes(PNG[:7])  # kill -9 mid-write: a partial temp file under the pid's name
    left.chmod(0o444)
    body = capture(app)
    shot = next(e for e in body["evidence"] if e["kind"] == "screenshot")
    stored = data_dir / relative_path(shot["sha256"], "image/png")
    assert stored.read_bytes() == PNG
    r = app.test_client().get(f"/api/v1/evidence/{shot['id']}/file", headers=AUTH)
    try:
        assert r.status_code == 200 and r.data == PNG
    finally:
        r.close()


def test_temp_leftovers_are_removed_at_start_and_evidence_is_kept(tmp_path):
    data_dir = tmp_path / "data"
    app = make(data_dir)
    body = capture(app)
    left = leftover_name(PNG, "image/png", data_dir)
    left.write_bytes(PNG[:7])
    other = left.parent / f"{hashlib.sha256(b'x').hexdigest()}.png.4242.0123abcd.tmp"  # the new naming
    other.write_bytes(b"x")
    make(data_dir)
    assert not left.exists() and not other.exists()
    shot = next(e for e in body["evidence"] if e["kind"] == "screenshot")
    assert (data_dir / relative_path(shot["sha256"], "image/png")).read_bytes() == PNG
    assert not list((data_dir / "evidence").rglob("*.tmp"))


def test_no_temp_file_stays_after_a_write(tmp_path):
    data_dir = tmp_path / "data"
    capture(make(data_dir))
    assert not list((data_dir / "evidence").rglob("*.tmp"))
