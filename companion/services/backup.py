"""Backup and restore of a whole data dir: the database and the evidence, in one zip.

A backup is what a seller needs after a broken disk or a truncated `companion.db`: every case,
review, assessment, appeal and setting, and every evidence file those rows name, checkable later.

- The database is copied with SQLite's online backup API, so a backup taken while the companion
  runs is one consistent snapshot (a capture committed during the copy is either whole in it or
  absent), never a torn file.
- Evidence files are the ones the snapshot's `evidence` rows name (files written for a capture that
  was never committed are left out); each is re-hashed while it is copied and must match its row's
  SHA-256, so a backup never silently carries a tampered file — a mismatch is reported and the file
  is left out of the archive.
- The tamper-log checkpoint file goes along when there is one (`review-companion verify` compares
  against it after a restore).
- `manifest.json` lists every member with its SHA-256 and size; restore checks each member
  against it and accepts no other names, so a crafted archive cannot write outside the data dir.
- The pairing token is NOT in a backup (it is a credential; a restored companion makes a new one
  and the browsers pair again).

Restore writes into an empty data dir, or with `force` moves the existing database aside first
(`companion.db.before-restore-<time>`); evidence files are content-addressed, so existing ones are
kept and missing ones added. Stop the companion before restoring.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import sqlite3
import tempfile
import zipfile
from pathlib import Path

from ..errors import DomainError
from ..store import clock

FORMAT = "review-guard-backup"
FORMAT_VERSION = 1
DB_NAME = "companion.db"
CHECKPOINTS = "checkpoints.log"
# The only member names a backup may hold besides the manifest: the database, the checkpoint file
# and content-addressed evidence (evidence/ab/<64 hex>.<ext>).
_EVIDENCE_NAME = re.compile(r"evidence/[0-9a-f]{2}/[0-9a-f]{64}\.[a-z0-9]{1,10}")
_CHUNK = 1024 * 1024


class BackupError(DomainError):
    """A backup or restore that cannot be done as asked (the CLI prints the message, exit 2)."""

    def __init__(self, message: str, field: str | None = None):
        super().__init__("backup_failed", message, field=field, status_hint=400)


def _sha256_file(path: Path) -> str:
    h = hashlib.sha256()
    with path.open("rb") as fh:
        for block in iter(lambda: fh.read(_CHUNK), b""):
            h.update(block)
    return h.hexdigest()


def _snapshot(db_path: Path, into: Path) -> None:
    """A consistent copy of the live database (WAL included) through SQLite's backup API."""
    src = sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)
    try:
        dst = sqlite3.connect(into)
        try:
            src.backup(dst)
            dst.execute("PRAGMA journal_mode=DELETE")  # one self-contained file, no -wal beside it
        finally:
            dst.close()
    finally:
        src.close()


def create_backup(data_dir: Path, out: Path) -> dict:
    """Write a backup of `data_dir` to `out` (a .zip); return its summary.

    Evidence whose file is missing or no longer matches its SHA-256 is left out and listed under
    `problems` (the rest is backed up: a backup is most needed when something is already wrong).
    """
    data_dir = Path(data_dir)
    db_path = data_dir / DB_NAME
    if not db_path.is_file():
        raise BackupError(f"no database at {db_path}: nothing to back up", field="data_dir")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="review-guard-backup-") as tmp:
        # The checkpoints BEFORE the database: a capture committed in between is then in the snapshot
        # beyond the last checkpoint (as after a crash before its checkpoint line), never a checkpoint
        # line naming a capture the snapshot lacks (which verify rightly reports as missing).
        checkpoints = Path(tmp) / CHECKPOINTS
        if (data_dir / CHECKPOINTS).is_file():
            shutil.copyfile(data_dir / CHECKPOINTS, checkpoints)
        snap = Path(tmp) / DB_NAME
        _snapshot(db_path, snap)
        con = sqlite3.connect(snap)
        try:
            rows = con.execute("select id, path, sha256 from evidence order by id").fetchall()
            counts = {t: con.execute(f"select count(*) from {t}").fetchone()[0] for t in ("cases", "reviews", "captures", "evidence")}
        finally:
            con.close()
        members: list[dict] = []
        problems: list[dict] = []
        partial = out.with_name(out.name + ".partial")
        with zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED, allowZip64=True) as zf:
            zf.write(snap, DB_NAME)
            members.append({"name": DB_NAME, "sha256": _sha256_file(snap), "size": snap.stat().st_size})
            if checkpoints.is_file():
                zf.write(checkpoints, CHECKPOINTS)
                members.append({"name": CHECKPOINTS, "sha256": _sha256_file(checkpoints), "size": checkpoints.stat().st_size})
            seen: set[str] = set()
            for evidence_id, rel, sha in rows:
                name = str(rel).replace("\\", "/")
                if name in seen:
                    continue
                seen.add(name)
                path = data_dir / name
                if not _EVIDENCE_NAME.fullmatch(name):
                    problems.append({"evidence_id": evidence_id, "problem": "unexpected_path", "path": name})
                elif not path.is_file():
                    problems.append({"evidence_id": evidence_id, "problem": "file_missing", "path": name})
                elif _sha256_file(path) != sha:
                    problems.append({"evidence_id": evidence_id, "problem": "hash_mismatch", "path": name})
                else:
                    # Screenshots and MHTML are stored as they are: deflating them again gains little.
                    zf.write(path, name, compress_type=zipfile.ZIP_STORED)
                    members.append({"name": name, "sha256": sha, "size": path.stat().st_size})
            manifest = {
                "format": FORMAT,
                "format_version": FORMAT_VERSION,
                "created_at": clock.iso(clock.utcnow()),
                "counts": counts,
                "members": members,
                "problems": problems,
            }
            zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=1))
        with partial.open("rb") as fh:
            os.fsync(fh.fileno())
        os.replace(partial, out)
    return {"path": str(out), "counts": counts, "files": len(members), "problems": problems}


def _read_manifest(zf: zipfile.ZipFile) -> dict:
    try:
        manifest = json.loads(zf.read("manifest.json"))
    except (KeyError, ValueError) as exc:
        raise BackupError("not a Review Guard backup (no readable manifest.json)", field="file") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise BackupError("not a Review Guard backup (unknown format)", field="file")
    if manifest.get("format_version") != FORMAT_VERSION:
        raise BackupError(f"backup format version {manifest.get('format_version')!r} is not supported by this companion "
                          f"(it reads version {FORMAT_VERSION}); update the companion", field="file")
    return manifest


def _checked_members(zf: zipfile.ZipFile, manifest: dict) -> list[dict]:
    """The manifest's members, each an allowed name present in the archive; anything else refuses the archive."""
    members = manifest.get("members")
    if not isinstance(members, list) or not members:
        raise BackupError("the backup's manifest lists no files", field="file")
    names = set(zf.namelist())
    out = []
    for m in members:
        name = m.get("name") if isinstance(m, dict) else None
        if not isinstance(name, str) or not (name in (DB_NAME, CHECKPOINTS) or _EVIDENCE_NAME.fullmatch(name)):
            raise BackupError(f"the backup names a file it may not hold: {name!r}", field="file")
        if name not in names:
            raise BackupError(f"the backup is incomplete: {name} is missing", field="file")
        if not isinstance(m.get("sha256"), str) or not re.fullmatch(r"[0-9a-f]{64}", m["sha256"]):
            raise BackupError(f"the backup's manifest has no valid SHA-256 for {name}", field="file")
        out.append(m)
    if DB_NAME not in {m["name"] for m in out}:
        raise BackupError("the backup holds no database", field="file")
    return out


def _extract(zf: zipfile.ZipFile, member: dict, target: Path, mode: int) -> None:
    """Copy one member to `target` through a temp file, checking its SHA-256 before it takes the name."""
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    h = hashlib.sha256()
    fd, tmp = tempfile.mkstemp(prefix=target.name + ".", suffix=".restore.tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as out, zf.open(member["name"]) as src:
            for block in iter(lambda: src.read(_CHUNK), b""):
                h.update(block)
                out.write(block)
            out.flush()
            os.fsync(out.fileno())
        if h.hexdigest() != member["sha256"]:
            raise BackupError(f"{member['name']} in the backup does not match its SHA-256: the archive is damaged or altered",
                              field="file")
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def restore_backup(archive: Path, data_dir: Path, force: bool = False) -> dict:
    """Restore a backup into `data_dir`; return a summary. The companion must not be running on it."""
    archive, data_dir = Path(archive), Path(data_dir)
    if not archive.is_file():
        raise BackupError(f"no backup file at {archive}", field="file")
    try:
        zf = zipfile.ZipFile(archive)
    except zipfile.BadZipFile as exc:
        raise BackupError(f"{archive} is not a zip file (or is truncated)", field="file") from exc
    with zf:
        manifest = _read_manifest(zf)
        members = _checked_members(zf, manifest)
        db_path = data_dir / DB_NAME
        moved_aside = None
        if db_path.exists() and db_path.stat().st_size > 0:
            if not force:
                raise BackupError(f"{data_dir} already holds a database; restore into an empty data dir, "
                                  "or pass --force to move the current one aside first", field="data_dir")
        data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        # Evidence first (content-addressed: a file already there with the same name is the same file).
        restored = kept = 0
        for m in members:
            if m["name"] in (DB_NAME, CHECKPOINTS):
                continue
            target = data_dir / m["name"]
            if target.is_file() and _sha256_file(target) == m["sha256"]:
                kept += 1
                continue
            if target.exists():
                target.chmod(0o600)
            _extract(zf, m, target, 0o400)
            restored += 1
        # The database last, so a restore that fails midway leaves the old database untouched.
        db_member = next(m for m in members if m["name"] == DB_NAME)
        staged = data_dir / (DB_NAME + ".restoring")
        _extract(zf, db_member, staged, 0o600)
        con = sqlite3.connect(staged)
        try:
            ok = con.execute("PRAGMA integrity_check").fetchone()[0]
        finally:
            con.close()
        if ok != "ok":
            staged.unlink(missing_ok=True)
            raise BackupError(f"the backup's database fails SQLite's integrity check ({ok})", field="file")
        if db_path.exists() and db_path.stat().st_size > 0:
            stamp = clock.utcnow().strftime("%Y%m%dT%H%M%SZ")
            moved_aside = db_path.with_name(f"{DB_NAME}.before-restore-{stamp}")
            os.replace(db_path, moved_aside)
        for side in ("-wal", "-shm", "-journal"):
            Path(str(db_path) + side).unlink(missing_ok=True)
        os.replace(staged, db_path)
        cp = next((m for m in members if m["name"] == CHECKPOINTS), None)
        if cp is not None:
            _extract(zf, cp, data_dir / CHECKPOINTS, 0o600)
    return {"data_dir": str(data_dir), "counts": manifest.get("counts", {}), "evidence_restored": restored,
            "evidence_already_there": kept, "moved_aside": str(moved_aside) if moved_aside else None,
            "problems_at_backup": manifest.get("problems", [])}
