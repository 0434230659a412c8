"""Content-addressed evidence files: named by SHA-256, written once, never modified.

A file lives at `evidence/<sha[:2]>/<sha><ext>`. Identical bytes captured twice share one file;
each capture still gets its own evidence row (a new version), and every row extends a SHA-256
hash chain so that a removed or edited row is detectable (`review-companion verify`).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
import secrets
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from pydantic import ConfigDict, TypeAdapter

EXTENSIONS = {
    "image/png": ".png",
    "image/jpeg": ".jpg",
    "image/webp": ".webp",
    "multipart/related": ".mhtml",
    "application/x-mimearchive": ".mhtml",
    "text/html": ".html",
    "application/json": ".json",
}

GENESIS = "0" * 64
TMP_SUFFIX = ".tmp"
EVIDENCE_FILE_MODE = 0o400  # owner-read only: written once, never modified


# pydantic-core's base64 decoder (Rust), ~3x faster than binascii on a capture's screenshot. It also takes the
# URL-safe alphabet, so `decode_base64` hands it only text binascii would decode the same way.
_BASE64_JSON = TypeAdapter(bytes, config=ConfigDict(val_json_bytes="base64"))
_NOT_IN_PLAIN_BASE64 = ("=", "-", "_", "\\", '"')  # padding, URL-safe letters, JSON escapes


def decode_base64(text: str) -> bytes:
    """`base64.b64decode(text, validate=True)`: the same bytes for the same text, the same errors (binascii.Error,
    ValueError) for anything it refuses, about 3x faster on large uploads.

    The text but its last 4 characters goes to pydantic-core's decoder when it holds whole 4-character groups with
    no padding, no URL-safe letter and nothing JSON would unescape: then the standard alphabet is the only way to
    read it (any other character, the decoder refuses). The last group, where padding lives, and everything else
    (short, odd-length, not ASCII, refused) go through the standard library itself. An ASCII str is handed over as
    it is (its characters are its UTF-8 bytes): no encoded copy of the upload.
    """
    if len(text) < 1024 or len(text) % 4 or not text.isascii():
        return base64.b64decode(text, validate=True)  # a non-ASCII str: refused as before
    end = len(text) - 4
    if any(text.find(c, 0, end) >= 0 for c in _NOT_IN_PLAIN_BASE64):
        return base64.b64decode(text, validate=True)
    try:
        head = _BASE64_JSON.validate_json('"' + text[:end] + '"')
        tail = binascii.a2b_base64(text[end:], strict_mode=True)
    except ValueError:  # a character outside the alphabet (pydantic's ValidationError), odd padding (binascii.Error)
        return base64.b64decode(text, validate=True)  # the standard library's own answer and error
    return head + tail


def sha256_hex(data: bytes) -> str:
    """Hex SHA-256 of `data`."""
    return hashlib.sha256(data).hexdigest()


def relative_path(sha: str, media_type: str) -> str:
    """Where a file with this hash is stored, relative to the data dir."""
    ext = EXTENSIONS.get(media_type.split(";")[0].strip().lower(), ".bin")
    return f"evidence/{sha[:2]}/{sha}{ext}"


def write_once(data_dir: Path, data: bytes, media_type: str, sha: str | None = None) -> tuple[str, str]:
    """Store `data` under its hash (if not already there) and return (sha256, relative path).

    The file is created exclusively, fsync'd, made read-only and renamed into place, and its directory
    is fsync'd (the new name survives a power cut too). An existing file with the same name is re-hashed
    so that a tampered copy is never silently reused. `sha`: the hash of `data` when the caller has it.
    """
    sha = sha or sha256_hex(data)
    rel = relative_path(sha, media_type)
    path = Path(data_dir) / rel
    private_dirs(Path(data_dir), path.parent)
    if path.exists():
        if sha256_hex(path.read_bytes()) == sha:
            fsync_dir(path.parent)  # its writer may still be before its own directory fsync (writes run concurrently)
            return sha, rel
        raise EvidenceTampered(f"{rel} exists but no longer matches its hash")
    # A unique temp name (pid + random): a leftover of a killed process that had the same pid (common
    # in containers) can never block the write. Leftovers are removed at start (remove_temp_leftovers).
    while True:
        tmp = path.with_name(f"{path.name}.{os.getpid()}.{secrets.token_hex(8)}{TMP_SUFFIX}")
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
            break
        except FileExistsError:
            continue
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, EVIDENCE_FILE_MODE)
        try:
            os.replace(tmp, path)
        except PermissionError:  # Windows: a concurrent request stored the same bytes first (read-only target)
            if not (path.exists() and sha256_hex(path.read_bytes()) == sha):
                raise
            os.chmod(tmp, 0o600)
            tmp.unlink(missing_ok=True)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)
    return sha, rel


class PendingWrites:
    """Evidence files being written and fsync'd on a small thread pool (`write_all`) while the request goes on.

    `wait()` before committing the rows that name them: it returns once every file is durable, or raises
    the first write's error (the capture's transaction then rolls back).
    """

    def __init__(self, futures: list):
        self.futures = futures

    def wait(self) -> None:
        error = None
        for f in self.futures:  # every write finishes (or fails) before we answer, even after an error
            try:
                f.result()
            except BaseException as exc:  # noqa: BLE001 - re-raised below
                error = error or exc
        if error is not None:
            raise error

    def settle(self) -> None:
        """Wait for every write without raising (after the request failed for another reason)."""
        for f in self.futures:
            f.exception()


_POOL = None
_POOL_LOCK = threading.Lock()
WRITER_THREADS = 4


def _pool() -> ThreadPoolExecutor:
    global _POOL
    with _POOL_LOCK:
        if _POOL is None:
            _POOL = ThreadPoolExecutor(max_workers=WRITER_THREADS, thread_name_prefix="evidence-write")
        return _POOL


def warm_writers() -> None:
    """Start the writer threads now (server start) rather than on the first capture."""
    together = threading.Barrier(WRITER_THREADS, timeout=2)  # each task waits for the others: one thread each

    def meet() -> None:
        try:
            together.wait()
        except threading.BrokenBarrierError:
            pass

    for f in [_pool().submit(meet) for _ in range(WRITER_THREADS)]:
        f.result()


def write_all(data_dir: Path, files: list[tuple[bytes, str, str | None]]) -> tuple[list[tuple[str, str]], PendingWrites]:
    """Start `write_once` for each (data, media_type, sha256 or None) concurrently; return (sha, path) of each at once.

    The files are written, fsync'd and renamed in the background (concurrent fsyncs share the
    filesystem's journal commits); the caller does its other work meanwhile and calls `wait()` before
    it commits a row naming them.
    """
    names, futures, started = [], [], set()
    for data, media_type, sha in files:
        sha = sha or sha256_hex(data)
        names.append((sha, relative_path(sha, media_type)))
        if names[-1][1] not in started:  # the same bytes twice in one capture: one file, written once
            started.add(names[-1][1])
            futures.append(_pool().submit(write_once, data_dir, data, media_type, sha))
    return names, PendingWrites(futures)


def fsync_dir(d: Path) -> None:
    """Make a directory's new entries durable (no-op where directories cannot be opened, i.e. Windows)."""
    if os.name == "nt":
        return
    fd = os.open(d, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def private_dirs(root: Path, leaf: Path) -> None:
    """Create `leaf` and its parents below `root` owner-only (0700); a new directory's parent is fsync'd."""
    missing = []
    d = leaf
    while d != root and not d.exists():
        missing.append(d)
        d = d.parent
    for d in reversed(missing):
        try:
            d.mkdir(mode=0o700)
        except FileExistsError:
            pass
        if os.name != "nt":
            os.chmod(d, 0o700)
        fsync_dir(d.parent)


def remove_temp_leftovers(data_dir: Path) -> list[Path]:
    """Delete `evidence/**/*.tmp` a killed process left behind (called once at start); return what went."""
    removed = []
    root = Path(data_dir) / "evidence"
    if not root.is_dir():
        return removed
    for tmp in root.glob(f"*/*{TMP_SUFFIX}"):
        if tmp.is_file() and not tmp.is_symlink():
            try:
                if os.name == "nt":
                    os.chmod(tmp, 0o600)  # Windows cannot delete a read-only file
                tmp.unlink()
                removed.append(tmp)
            except OSError:
                pass
    return removed


def chain_hash(prev_chain: str, row: dict) -> str:
    """The next link of the evidence log: covers the previous link and this row's facts."""
    parts = [
        prev_chain,
        str(row["case_id"]),
        row["capture_id"],
        row["kind"],
        row["sha256"],
        str(row["size"]),
        row.get("source_url") or "",
        row["captured_at"],
        row["stored_at"],
    ]
    return sha256_hex("\x1f".join(parts).encode("utf-8"))


class EvidenceTampered(Exception):
    """A stored evidence file no longer matches its SHA-256."""


def verify(db, data_dir: Path) -> list[dict]:
    """Re-hash every evidence file and re-walk the chain; return the problems found."""
    problems = []
    prev = GENESIS
    for row in db.query("select * from evidence order by id"):
        if row["prev_chain"] != prev or chain_hash(prev, row) != row["chain"]:
            problems.append({"evidence_id": row["id"], "problem": "chain_broken"})
        prev = row["chain"]
        path = Path(data_dir) / row["path"]
        if not path.exists():
            problems.append({"evidence_id": row["id"], "problem": "file_missing"})
        elif sha256_hex(path.read_bytes()) != row["sha256"]:
            problems.append({"evidence_id": row["id"], "problem": "hash_mismatch"})
    return problems


def verify_report(db, data_dir: Path, anchors: list[dict] | None = None) -> dict:
    """`GET /api/v1/verify` and `review-companion verify`: the evidence files and chain (`problems`, as before) plus
    the case's tamper log against its anchors (companion/caselog.py): `case_log` and the `first_broken` link."""
    from . import caselog

    problems = verify(db, data_dir)
    log = caselog.verify(db, data_dir, anchors)
    for p in log["problems"]:
        problems.append({**p, **({"evidence_id": int(p["key"])} if p.get("kind") == "evidence" and p.get("key") else {})})
    first = log["first_broken"] or (problems[0] if problems else None)
    return {"ok": not problems, "problems": problems, "first_broken": first,
            "case_log": {k: log[k] for k in ("entries", "head", "checkpoints")}}
