"""Content-addressed evidence files: named by SHA-256, written once, never modified.

A file lives at `evidence/<sha[:2]>/<sha><ext>`. Identical bytes captured twice share one file;
each capture still gets its own evidence row (a new version), and every row extends a SHA-256
hash chain so that a removed or edited row is detectable (`review-companion verify`).
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

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


def sha256_hex(data: bytes) -> str:
    """Hex SHA-256 of `data`."""
    return hashlib.sha256(data).hexdigest()


def relative_path(sha: str, media_type: str) -> str:
    """Where a file with this hash is stored, relative to the data dir."""
    ext = EXTENSIONS.get(media_type.split(";")[0].strip().lower(), ".bin")
    return f"evidence/{sha[:2]}/{sha}{ext}"


def write_once(data_dir: Path, data: bytes, media_type: str) -> tuple[str, str]:
    """Store `data` under its hash (if not already there) and return (sha256, relative path).

    The file is created exclusively and made read-only; an existing file with the same name is
    re-hashed so that a tampered copy is never silently reused.
    """
    sha = sha256_hex(data)
    rel = relative_path(sha, media_type)
    path = Path(data_dir) / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.exists():
        if sha256_hex(path.read_bytes()) == sha:
            return sha, rel
        raise EvidenceTampered(f"{rel} exists but no longer matches its hash")
    tmp = path.with_name(path.name + f".{os.getpid()}.tmp")
    with open(tmp, "xb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    os.chmod(tmp, 0o444)
    os.replace(tmp, path)
    return sha, rel


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
