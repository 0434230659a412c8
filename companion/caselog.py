"""The tamper log of the whole case (issue 12 item 6), anchored outside the database.

Every stored record of a capture is chained in `case_log` (migration m008): the capture row as received
(every field, `record_json` included), the review row as it stands after the capture, and every evidence
row (media type, path, version and all). An entry holds the SHA-256 of the record's canonical JSON (sorted
keys, fixed field list) and a link `chain = sha256(prev_chain, id, kind, key, case_id, capture_id, record hash)`.

The chain's head is anchored where the database cannot rewrite it:

- `checkpoints.log` in the data dir: one line `v1 <log id> <chain> <time>` appended after each committed capture;
- the `tamper_log` object of every export.zip `manifest.json` (`manifest_anchor`).

`verify` re-walks the chain, re-hashes every logged record from its table, and compares the chain against
every checkpoint (and any manifest given); it reports every problem and the first broken link. Dropping the
triggers, rewriting a record and recomputing both chains inside the database still disagrees with the anchors.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path

from .store import clock

GENESIS = "0" * 64
CHECKPOINTS = "checkpoints.log"
FORMAT = 1
CAPTURE_FIELDS = ("capture_id", "case_id", "platform", "page_kind", "page_url", "page_title", "region", "shop_id",
                  "captured_at", "received_at", "extension_version", "record_json")
REVIEW_FIELDS = ("platform", "review_id", "case_id", "shop_id", "order_id", "product_id", "product_title", "sku", "rating",
                 "text", "lang", "buyer_nick", "review_time", "follow_up_text", "follow_up_time", "seller_reply", "tags_json",
                 "images_json", "first_captured_at", "last_captured_at", "capture_count")
EVIDENCE_FIELDS = ("id", "case_id", "capture_id", "kind", "media_type", "sha256", "size", "source_url", "captured_at",
                   "stored_at", "version", "path", "prev_chain", "chain")
FIELDS = {"capture": CAPTURE_FIELDS, "review": REVIEW_FIELDS, "evidence": EVIDENCE_FIELDS}


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


_SORTED = {kind: tuple(sorted(fields)) for kind, fields in FIELDS.items()}
_ENCODE = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode


def canonical(kind: str, row: dict) -> bytes:
    """The record's canonical JSON: the kind's fixed fields, sorted keys, no spaces, UTF-8."""
    return _ENCODE({f: row.get(f) for f in _SORTED[kind]}).encode()  # keys inserted sorted: same as sort_keys=True


def link(prev: str, entry: dict) -> str:
    return link_parts(prev, entry["id"], entry["kind"], entry["record_key"], entry["case_id"], entry["capture_id"],
                      entry["record_sha256"])


def link_parts(prev: str, log_id: int, kind: str, record_key: str, case_id, capture_id: str | None, digest: str) -> str:
    """The entry's chain: SHA-256 of the previous chain and the entry's fields (`link` for a dict)."""
    return sha256_hex("\x1f".join((prev, str(log_id), kind, record_key, str(case_id), capture_id or "", digest)).encode())


def _rows(db, kind: str, where: str, args: list) -> list[dict]:
    table = {"capture": "captures", "review": "reviews", "evidence": "evidence"}[kind]
    cur = db.conn.execute(f"select * from {table} where {where}", args)  # one table: no duplicate column names
    keys = [d[0] for d in cur.description]
    return [dict(zip(keys, r)) for r in cur.fetchall()]


def _key(kind: str, row: dict) -> str:
    return {"capture": lambda: row["capture_id"], "review": lambda: f"{row['platform']}:{row['review_id']}",
            "evidence": lambda: str(row["id"])}[kind]()


def _append(db, kind: str, row: dict, capture_id: str | None, now_s: str, last: tuple | None = None) -> dict:
    """Chain one record; `last`: (id, chain) of the log's head when the caller just wrote it (else read)."""
    if last is None:
        last = db.execute("select id, chain from case_log order by id desc limit 1").fetchone()
    entry = {"id": (last[0] if last else 0) + 1, "kind": kind, "record_key": _key(kind, row), "case_id": row["case_id"],
             "capture_id": capture_id, "record_sha256": sha256_hex(canonical(kind, row)), "format": FORMAT,
             "logged_at": now_s, "prev_chain": last[1] if last else GENESIS}
    entry["chain"] = link(entry["prev_chain"], entry)
    db.execute(_INSERT, [entry[c] for c in _LOG_COLS] + [entry["chain"]])  # prepared SQL: no schema lookups per entry
    return entry


def log_capture(db, capture_id: str, now_s: str | None = None) -> dict | None:
    """Inside the capture's transaction, after its rows are written: chain the capture, its review and its evidence."""
    now_s = now_s or _now()
    captures = _rows(db, "capture", "capture_id = ?", [capture_id])
    if not captures:
        return None
    cap = captures[0]
    entry = _append(db, "capture", cap, capture_id, now_s)
    try:
        review_id = (json.loads(cap["record_json"] or "{}").get("review") or {}).get("review_id")
    except ValueError:
        review_id = None
    if review_id:
        for row in _rows(db, "review", "platform = ? and review_id = ?", [cap["platform"], review_id]):
            entry = _append(db, "review", row, capture_id, now_s, (entry["id"], entry["chain"]))
    for row in _rows(db, "evidence", "case_id = ? and capture_id = ? order by id", [cap["case_id"], capture_id]):  # case_id: indexed
        entry = _append(db, "evidence", row, capture_id, now_s, (entry["id"], entry["chain"]))
    return entry


_LOG_COLS = ("id", "kind", "record_key", "case_id", "capture_id", "record_sha256", "format", "logged_at", "prev_chain")
_INSERT = f"insert into case_log ({', '.join(_LOG_COLS)}, chain) values ({', '.join('?' * (len(_LOG_COLS) + 1))})"


def log_review(db, platform: str, review_id: str, now_s: str | None = None) -> dict | None:
    """Chain a review row changed outside a capture (an import): call inside the writing transaction."""
    rows = _rows(db, "review", "platform = ? and review_id = ?", [platform, review_id])
    return _append(db, "review", rows[0], None, now_s or _now()) if rows and rows[0]["case_id"] is not None else None


def backfill(db, now_s: str | None = None) -> None:
    """Chain the records stored before the log existed (migration m008), capture by capture."""
    now_s = now_s or _now()
    for (capture_id,) in db.execute("select capture_id from captures order by received_at, rowid").fetchall():
        log_capture(db, capture_id, now_s)


def head(db) -> dict | None:
    row = db.execute("select id, chain from case_log order by id desc limit 1").fetchone()
    return {"log_id": row[0], "chain": row[1]} if row else None


def checkpoint(data_dir: Path, db) -> dict | None:
    """After a committed capture: append the log's head to `checkpoints.log` (owner-only, append-only)."""
    top = head(db)
    if top is None:
        return None
    path = Path(data_dir) / CHECKPOINTS
    try:  # the capture is committed already: a full disk here costs one anchor, never the capture's answer
        fd = os.open(path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o600)
        try:
            os.write(fd, f"v1 {top['log_id']} {top['chain']} {_now()}\n".encode())
        finally:
            os.close(fd)
    except OSError as exc:
        logging.getLogger(__name__).warning("could not append to %s: %s", path, exc)
        return None
    return top


def manifest_anchor(db, case_id: int) -> dict:
    """For an export's manifest: the log's head and this case's entries (what `verify --package` compares)."""
    top = head(db)
    entries = [dict(r) for r in db.query(
        "select id, kind, record_key, capture_id, record_sha256, chain from case_log where case_id = ? order by id", [case_id])]
    return {"format": FORMAT, "head": top, "case_entries": entries}


def report_line(db, case_id: int, zh: bool) -> str:
    """The appeal report's line anchoring the case tamper log: its head and this case's last entry."""
    top = head(db)
    mine = db.execute("select id, chain from case_log where case_id = ? order by id desc limit 1", [case_id]).fetchone()
    if top is None or mine is None:
        return "案件防篡改日志：无记录。" if zh else "Case tamper log: no entries."
    if zh:
        return (f"案件防篡改日志：本案最后一条 #{mine[0]} {mine[1]}；日志头 #{top['log_id']} {top['chain']}。"
                "review-companion verify 将其与存档核对。")
    return (f"Case tamper log: this case's last entry #{mine[0]} {mine[1]}; log head #{top['log_id']} {top['chain']}. "
            "`review-companion verify` checks them against the archive.")


def read_checkpoints(data_dir: Path) -> list[dict]:
    path = Path(data_dir) / CHECKPOINTS
    out = []
    if not path.exists():
        return out
    for lineno, line in enumerate(path.read_text("utf-8", "replace").splitlines(), 1):
        parts = line.split()
        if len(parts) >= 3 and parts[0] == "v1" and parts[1].isdigit() and len(parts[2]) == 64:
            out.append({"line": lineno, "log_id": int(parts[1]), "chain": parts[2]})
    return out  # a torn last line (power cut mid-append) is skipped, not an error


def verify(db, data_dir: Path, anchors: list[dict] | None = None) -> dict:
    """Walk the log, re-hash every logged record, compare with the checkpoints and `anchors` (manifest heads/entries).

    Returns {"entries", "head", "checkpoints", "problems": [...], "first_broken": problem or None}; each problem names
    the log entry (`log_id`), the record (`kind`, `key`) and what is wrong. An anchor only tells that the chain up
    to its entry changed: its problem says `after_log_id`, the last entry an earlier anchor still confirms (the
    change lies in between); a manifest anchors each of its case's entries, so it names the very entry.
    """
    problems: list[dict] = []
    by_id: dict[int, dict] = {}
    prev = GENESIS
    latest: dict[tuple[str, str], dict] = {}
    for entry in db.query("select * from case_log order by id"):
        if entry["prev_chain"] != prev or link(prev, entry) != entry["chain"]:
            problems.append(_problem(entry, "log_chain_broken"))
        prev = entry["chain"]
        by_id[entry["id"]] = entry
        latest[(entry["kind"], entry["record_key"])] = entry
        if entry["kind"] != "review":  # captures and evidence rows never change: each entry must still match
            problems += _check_record(db, entry)
    for (kind, _key_), entry in latest.items():
        if kind == "review":  # a review row is updated by later captures: its newest entry must match
            problems += _check_record(db, entry)
    logged = {(e["kind"], e["record_key"]) for e in by_id.values()}
    for kind, sql in (("capture", "select capture_id from captures"), ("evidence", "select id from evidence")):
        for (key,) in db.execute(sql):
            if (kind, str(key)) not in logged:
                problems.append({"log_id": None, "kind": kind, "key": str(key), "problem": "record_not_in_log"})
    points = read_checkpoints(data_dir)
    anchored = sorted(points + [a for a in anchors or [] if a.get("log_id")], key=lambda a: a["log_id"])
    good = 0  # the last entry an anchor confirms: a break found at an anchor lies after it
    for point in anchored:
        entry = by_id.get(point["log_id"])
        where = {"checkpoint_line": point["line"]} if "line" in point else {"anchor": point.get("source", "manifest")}
        if entry is None:
            problems.append({"log_id": point["log_id"], "problem": "anchored_entry_missing", "after_log_id": good, **where})
        elif entry["chain"] != point["chain"]:
            problems.append({**_problem(entry, "chain_differs_from_anchor"), "after_log_id": good, **where})
        elif not any(p.get("log_id") and p["log_id"] <= entry["id"] for p in problems):
            good = max(good, entry["id"])
    problems.sort(key=lambda p: (p["log_id"] is None, p["log_id"] or 0))
    return {"entries": len(by_id), "head": head(db), "checkpoints": len(points), "problems": problems,
            "first_broken": problems[0] if problems else None}


def package_anchors(manifest: dict) -> list[dict]:
    """The anchors an export's manifest.json holds (its head and its case's entries)."""
    log = (manifest or {}).get("tamper_log") or {}
    out = [{"log_id": e["id"], "chain": e["chain"], "source": "manifest"} for e in log.get("case_entries") or []]
    if log.get("head"):
        out.append({**log["head"], "source": "manifest head"})
    return out


def _check_record(db, entry: dict) -> list[dict]:
    kind, key = entry["kind"], entry["record_key"]
    if kind == "capture":
        rows = _rows(db, kind, "capture_id = ?", [key])
    elif kind == "review":
        platform, _, review_id = key.partition(":")
        rows = _rows(db, kind, "platform = ? and review_id = ?", [platform, review_id])
    else:
        rows = _rows(db, kind, "id = ?", [int(key)])
    if not rows:
        return [_problem(entry, "record_missing")]
    if sha256_hex(canonical(kind, rows[0])) != entry["record_sha256"]:
        return [_problem(entry, "record_changed")]
    return []


def _problem(entry: dict, problem: str) -> dict:
    return {"log_id": entry["id"], "kind": entry["kind"], "key": entry["record_key"], "case_id": entry["case_id"],
            "problem": problem}


def _now() -> str:
    return clock.iso(clock.utcnow())  # the companion's one clock


def run_cli_verify(data_dir: Path, packages=(), echo=None) -> int:
    """`review-companion verify [--package export.zip …]`: the lines it prints and its exit status (0 ok, 1 problems,
    2 database unusable). The first lines are as before (evidence problems, `N evidence items checked, M problems`)."""
    import zipfile

    import sqlite_utils

    from .dbcheck import DatabaseUnusable, check_database
    from .evidence import verify_report
    from .migrations import migrations

    if echo is None:
        import click

        echo = click.echo
    path = Path(data_dir) / "companion.db"
    anchors: list[dict] = []
    try:
        check_database(path)
        db = sqlite_utils.Database(path)
        migrations.apply(db)
        for package in packages:
            with zipfile.ZipFile(package) as zf:
                anchors += [{**a, "source": f"{Path(package).name}: {a['source']}"}
                            for a in package_anchors(json.loads(zf.read("manifest.json")))]
    except DatabaseUnusable as exc:
        echo(f"Error: {exc}", err=True)
        return 2
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as exc:
        echo(f"Error: cannot read the package's manifest.json ({exc})", err=True)
        return 2
    report = verify_report(db, Path(data_dir), anchors)
    count = db.execute("select count(*) from evidence").fetchone()[0]
    for p in report["problems"]:
        what = f"evidence #{p['evidence_id']}" if p.get("evidence_id") is not None else f"log entry #{p.get('log_id')} ({p.get('kind', '-')} {p.get('key', '')})"
        where = f" [checkpoints.log line {p['checkpoint_line']}]" if "checkpoint_line" in p else (f" [{p['anchor']}]" if "anchor" in p else "")
        echo(f"{what}: {p['problem']}{where}", err=True)
    echo(f"{count} evidence items checked, {len(report['problems'])} problems")
    log = report["case_log"]
    echo(f"Case log: {log['entries']} entries, head {(log['head'] or {}).get('chain', '-')}, {log['checkpoints']} checkpoints, "
         f"{len(anchors)} package anchors")
    first = report["first_broken"]
    if first:
        echo(f"First broken link: {json.dumps(first, ensure_ascii=False)}")
    db.conn.close()
    return 1 if report["problems"] else 0
