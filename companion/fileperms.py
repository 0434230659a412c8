"""The data dir is the seller's alone: owner-only modes on creation, and fixed at every start.

The data dir holds buyers' data and the model API key in clear (`companion.db`, its `-wal`/`-shm`),
the pairing `token`, the evidence files and the tamper-log checkpoints. On POSIX:

- the data dir and every directory under `evidence/` are 0700;
- evidence files are 0400 (written once, never modified), every other file the companion keeps is 0600;
- `companion.db` is created 0600 before SQLite opens it, so its `-wal`/`-shm` (which SQLite creates
  with the database file's mode) are 0600 from the first write;
- an install made before this (0755 dirs, 0644 files) is fixed by `secure_data_dir` at start.

Only the companion's own files are touched (a data dir pointed at a home folder keeps everything
else as it is). On Windows the data dir lives under the user profile (`%LOCALAPPDATA%`), whose ACL
already grants only the user, SYSTEM and Administrators; `secure_data_dir` also removes inherited
entries from the data dir with `icacls` (grant: the current user and SYSTEM), best effort. Not tested in CI
(no Windows runner).
"""

from __future__ import annotations

import logging
import os
import stat
import subprocess
from pathlib import Path

from .evidence import EVIDENCE_FILE_MODE, remove_temp_leftovers

DIR_MODE = 0o700
FILE_MODE = 0o600
# The companion's own files at the top of the data dir (sqlite's side files included).
OWN_FILES = ("companion.db", "companion.db-wal", "companion.db-shm", "companion.db-journal", "token", "checkpoints.log")

log = logging.getLogger(__name__)


def secure_data_dir(data_dir: Path, database: str | Path | None = None) -> dict:
    """Create the data dir owner-only (or fix an existing one), pre-create the database file 0600, fix
    every file the companion keeps, and remove crash leftovers. Returns what it changed (for tests and logs)."""
    data_dir = Path(data_dir)
    changed: list[str] = []
    _mkdir_private(data_dir)
    _mkdir_private(data_dir / "evidence")
    db = Path(database) if database else data_dir / "companion.db"
    if db.parent.is_dir() and not db.exists():
        os.close(os.open(db, os.O_WRONLY | os.O_CREAT | os.O_EXCL, FILE_MODE))
    if os.name == "nt":
        _windows_acl(data_dir)
    else:
        _fix(data_dir.resolve(), DIR_MODE, changed)  # a data dir reached through a symlink is still made private
        for name in OWN_FILES:
            _fix(data_dir / name, FILE_MODE, changed)
        for path in data_dir.glob("companion.db*"):  # copies a restore moved aside (.before-restore-…), staged ones
            _fix(path, FILE_MODE, changed)
        if db.parent != data_dir:
            for name in (db.name, f"{db.name}-wal", f"{db.name}-shm", f"{db.name}-journal"):
                _fix(db.parent / name, FILE_MODE, changed)
        for root, dirs, files in os.walk(data_dir / "evidence"):
            _fix(Path(root), DIR_MODE, changed)
            for name in files:
                _fix(Path(root) / name, EVIDENCE_FILE_MODE, changed)
    removed = remove_temp_leftovers(data_dir)
    return {"modes_fixed": changed, "temp_removed": [str(p) for p in removed]}


def _mkdir_private(path: Path) -> None:
    path.mkdir(mode=DIR_MODE, parents=True, exist_ok=True)


def _fix(path: Path, mode: int, changed: list[str]) -> None:
    """chmod `path` to `mode` when it is a regular file/dir of ours with other bits (never through a symlink)."""
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return
    if stat.S_ISLNK(st.st_mode) or not (stat.S_ISREG(st.st_mode) or stat.S_ISDIR(st.st_mode)):
        return
    if stat.S_IMODE(st.st_mode) == mode:
        return
    if hasattr(os, "getuid") and st.st_uid != os.getuid():
        log.warning("%s belongs to another user; its mode was left as it is", path)
        return
    try:
        os.chmod(path, mode)
        changed.append(str(path))
    except OSError as exc:
        log.warning("could not make %s owner-only: %s", path, exc)


def _windows_acl(data_dir: Path) -> None:
    """Best effort: only the current user and SYSTEM on the data dir, inherited by everything in it (Windows
    propagates the inheritable entries to the files below; no /T walk of the evidence at every start)."""
    user = os.environ.get("USERNAME")
    if not user:
        return
    domain = os.environ.get("USERDOMAIN")
    who = f"{domain}\\{user}" if domain else user
    try:
        subprocess.run(["icacls", str(data_dir), "/inheritance:r", "/grant:r", f"{who}:(OI)(CI)F", "*S-1-5-18:(OI)(CI)F", "/Q"],
                       check=False, capture_output=True, timeout=60)
    except (OSError, subprocess.SubprocessError) as exc:
        log.warning("icacls on %s failed: %s", data_dir, exc)
