"""The import's SQL (services/importing.py): a batch of new cases, each with its review, capture record, search
rows and case-log entries, written with a few `executemany` calls inside the caller's transaction.

What it writes is what the row-by-row path writes (a capture's, or the m006 search triggers'): the same rows, the
same trigram and 2-character search documents, the same case-log entries (caselog.py: the record's canonical
JSON hashed, chained `sha256(prev, id, kind, key, case_id, capture_id, record hash)`). The entries of the rows
just inserted are hashed from the values in hand (the values SQLite stores: text or None, integers); any other
capture is read back from its tables, as `caselog.log_capture` does.

Search triggers: for a batch of new cases the triggers of m006 are dropped inside the transaction and put back
(their stored SQL) before it ends, so no other connection ever sees the schema without them; the batch's search
rows are inserted in bulk instead. Secondary indexes: when a batch is large beside what is stored (a shop's first
import into a new store), the non-unique indexes of the four tables are dropped the same way and created again
from their stored SQL at the end of the batch: one sorted build instead of a random-order insert per row. Both
are plain DDL inside the batch's transaction: a crash or an error rolls them back with the rows.
"""

from __future__ import annotations

import hashlib
import json
from json.encoder import encode_basestring  # what JSONEncoder(ensure_ascii=False) encodes strings with

from .. import caselog

# The search triggers of migration m006 (companion/migrations.py): the bulk path writes exactly what they write.
SEARCH_TRIGGERS = frozenset({
    "case_search_cases_ai", "case_search_cases_au", "case_search_cases_ad", "case_search_reviews_ai",
    "case_search_reviews_au", "case_search_reviews_au_key", "case_search_reviews_ad",
})
# Indexes set aside for a large first batch: secondary, never unique (a UNIQUE one checks every row as it goes in).
DEFERRABLE_TABLES = ("cases", "reviews", "captures", "case_log")
DEFER_INDEXES_MIN_ROWS = 2_000  # below this a batch's index inserts are cheap anyway

CASE_COLS = ("id", "case_key", "platform", "shop_id", "order_id", "review_id", "status", "created_at", "updated_at",
             "reply_due_at")
REVIEW_COLS = ("platform", "review_id", "case_id", "shop_id", "order_id", "product_id", "product_title", "sku", "rating",
               "text", "lang", "buyer_nick", "review_time", "follow_up_text", "follow_up_time", "seller_reply", "tags_json",
               "images_json", "first_captured_at", "last_captured_at", "capture_count")
CAPTURE_COLS = ("capture_id", "case_id", "platform", "page_kind", "page_url", "page_title", "shop_id", "captured_at",
                "received_at", "extension_version", "record_json")
LOG_COLS = ("id", "kind", "record_key", "case_id", "capture_id", "record_sha256", "format", "logged_at", "prev_chain",
            "chain")


def _insert(table: str, cols: tuple) -> str:
    return f"insert into {table} ({', '.join(cols)}) values ({', '.join('?' * len(cols))})"


CASE_SQL = _insert("cases", CASE_COLS)
REVIEW_SQL = _insert("reviews", REVIEW_COLS)
CAPTURE_SQL = _insert("captures", CAPTURE_COLS)
LOG_SQL = _insert("case_log", LOG_COLS)
SEARCH_SQL = "insert into case_search (rowid, order_id, buyer_nick, product_id, product_title, text) values (?,?,?,?,?,?)"
BIGRAM_SQL = "insert into case_bigrams (rowid, doc) values (?, ?)"

# ------------------------------------------------------------------ the case log's record hashes, from values in hand
# caselog.canonical is json.JSONEncoder(ensure_ascii=False, separators=(",", ":")) over the kind's fields in sorted
# order: '{"field":value,…}', a string through encode_basestring (the encoder's own), an int as int.__repr__,
# None as null. Written out here once per field instead of building a dict per record (tests/test_import_export.py
# compares the two on hostile texts).
_INTEGER_COLS = {"capture": {"case_id"}, "review": {"case_id", "rating", "capture_count"}}  # the rest: TEXT affinity


def _plan(kind: str, cols: tuple) -> tuple:
    """(prefix '"field":', position in the insert tuple or None when not written, INTEGER column?) per sorted field."""
    return tuple((f'"{f}":', cols.index(f) if f in cols else None, f in _INTEGER_COLS[kind]) for f in sorted(caselog.FIELDS[kind]))


_PLANS = {"capture": _plan("capture", CAPTURE_COLS), "review": _plan("review", REVIEW_COLS)}


def record_sha256(kind: str, values: tuple, _enc=encode_basestring, _sha=hashlib.sha256) -> str | None:
    """caselog's `sha256_hex(canonical(kind, row))` of the capture or review row stored from this insert tuple;
    None when SQLite would not give a value back as given (anything but text in a TEXT column, an int in an INTEGER
    one, or None: a column's affinity would convert it): such a row is read back to be hashed."""
    parts = []
    for prefix, pos, integer in _PLANS[kind]:
        v = None if pos is None else values[pos]
        if v is None:
            parts.append(prefix + "null")
        elif type(v) is str and not integer:
            parts.append(prefix + _enc(v))
        elif type(v) is int and integer:
            parts.append(prefix + int.__repr__(v))
        else:
            return None
    return _sha(("{" + ",".join(parts) + "}").encode()).hexdigest()


# ------------------------------------------------------------------ reads
def existing(conn, sql: str, values: list, extra: tuple = ()) -> list:
    """Rows of `sql` (with `{marks}` for an `in (…)` list) over `values`, 500 at a time."""
    out = []
    for i in range(0, len(values), 500):
        part = values[i:i + 500]
        out += conn.execute(sql.format(marks=",".join("?" * len(part))), [*extra, *part]).fetchall()
    return out


def next_case_id(conn) -> int:
    return conn.execute("select coalesce(max(id), 0) + 1 from cases").fetchone()[0]


# ------------------------------------------------------------------ writes
def set_aside(conn, new_cases: int, next_id: int) -> dict | None:
    """Inside the batch's transaction: drop m006's search triggers (None, nothing dropped, when the triggers are
    not exactly m006's: then they index row by row) and, for a batch of `new_cases` larger than the store so far
    (ids below `next_id`), the secondary indexes of the four tables. `put_back` restores them from their SQL."""
    triggers = conn.execute("select name, sql from sqlite_master where type = 'trigger' and name like 'case_search%'").fetchall()
    if {name for name, _ in triggers} != SEARCH_TRIGGERS:
        return None
    indexes = []
    if new_cases >= DEFER_INDEXES_MIN_ROWS and next_id - 1 < new_cases:
        # A table's largest rowid bounds its row count (one B-tree step): only tables smaller than the batch.
        small = [t for t in DEFERRABLE_TABLES if (conn.execute(f"select max(rowid) from {t}").fetchone()[0] or 0) < new_cases]
        indexes = conn.execute(
            "select name, sql, tbl_name from sqlite_master where type = 'index' and sql is not null"
            f" and sql not like 'CREATE UNIQUE%' and tbl_name in ({','.join('?' * len(small))})", small).fetchall() if small else []
    for name, _ in triggers:
        conn.execute(f'drop trigger "{name}"')
    for name, _, _ in indexes:
        conn.execute(f'drop index "{name}"')
    return {"triggers": triggers, "indexes": indexes}


def put_back(conn, aside: dict | None, *, keep_aside: tuple = ()) -> None:
    """Recreate what `set_aside` dropped (all but the indexes of the tables in `keep_aside`, which stay set aside)."""
    if not aside:
        return
    for _, sql, table in [i for i in aside["indexes"] if i[2] not in keep_aside]:
        conn.execute(sql)
    aside["indexes"] = [i for i in aside["indexes"] if i[2] in keep_aside]
    for _, sql in aside["triggers"]:
        conn.execute(sql)
    aside["triggers"] = []


def insert_fresh(conn, aside: dict | None, cases: list, reviews: list, captures: list, docs: list, bigrams) -> None:
    """New cases (ids given), their reviews and capture records, and (triggers set aside) their search rows: docs
    are (rowid, order_id, buyer_nick, product_id, product_title, text), `bigrams(fields)` the 2-character document.
    Inside the caller's transaction, foreign keys deferred."""
    if aside is None:  # the triggers index row by row: the review first, the case's trigger reads it
        conn.executemany(REVIEW_SQL, reviews)
        conn.executemany(CASE_SQL, cases)
        conn.executemany(CAPTURE_SQL, captures)
        return
    # Cases before the rows that refer to them: with no foreign-key violation pending, inserting a parent row
    # does not look for its children in every table that refers to cases.
    conn.executemany(CASE_SQL, cases)
    conn.executemany(REVIEW_SQL, reviews)
    conn.executemany(CAPTURE_SQL, captures)
    conn.executemany(SEARCH_SQL, docs)
    conn.executemany(BIGRAM_SQL, [(d[0], bigrams(d[1:])) for d in docs])


# ------------------------------------------------------------------ the case log
def append_log(conn, capture_ids: list[str], known: dict, now_s: str) -> None:
    """Chain the records of `capture_ids` in order, as `caselog.log_capture` would for each: `known[capture_id]` is the list
    of (kind, record_key, case_id, record_sha256) of a capture whose rows were just written from values in hand;
    any other capture's rows (capture, its review as it stands now, its evidence) are read back."""
    last = conn.execute("select id, chain from case_log order by id desc limit 1").fetchone()
    next_id, prev = (last[0] + 1, last[1]) if last else (1, caselog.GENESIS)
    read = _read_back(conn, [c for c in capture_ids if c not in known])
    fmt, link = caselog.FORMAT, caselog.link_parts
    entries = []
    for capture_id in capture_ids:
        records = known.get(capture_id)
        if records is None:
            records = read.get(capture_id, ())
        for kind, key, case_id, digest in records:
            chain = link(prev, next_id, kind, key, case_id, capture_id, digest)
            entries.append((next_id, kind, key, case_id, capture_id, digest, fmt, now_s, prev, chain))
            prev = chain
            next_id += 1
    conn.executemany(LOG_SQL, entries)


def _rows(conn, table: str, where: str, args: list) -> list[dict]:
    cur = conn.execute(f"select * from {table} where {where}", args)
    keys = [d[0] for d in cur.description]
    return [dict(zip(keys, r)) for r in cur.fetchall()]


def _read_back(conn, capture_ids: list[str]) -> dict:
    """{capture_id: [(kind, key, case_id, sha)]} of stored captures: the capture row, the review its record names
    (as it stands now), its evidence rows by id — what `caselog.log_capture` chains."""
    out: dict = {}
    for start in range(0, len(capture_ids), 400):
        ids = capture_ids[start:start + 400]
        marks = ",".join("?" * len(ids))
        caps = {r["capture_id"]: r for r in _rows(conn, "captures", f"capture_id in ({marks})", ids)}
        case_ids = sorted({c["case_id"] for c in caps.values()})
        evidence: dict[str, list[dict]] = {}
        if case_ids:
            for row in _rows(conn, "evidence", f"case_id in ({','.join('?' * len(case_ids))}) and capture_id in ({marks})"
                             " order by id", [*case_ids, *ids]):
                evidence.setdefault(row["capture_id"], []).append(row)
        wanted: dict[str, tuple[str, str]] = {}
        for capture_id, cap in caps.items():
            try:
                review_id = (json.loads(cap["record_json"] or "{}").get("review") or {}).get("review_id")
            except ValueError:
                review_id = None
            if review_id:
                wanted[capture_id] = (cap["platform"], review_id)
        reviews: dict[tuple[str, str], dict] = {}
        by_platform: dict[str, set] = {}
        for platform, review_id in wanted.values():
            by_platform.setdefault(platform, set()).add(review_id)
        for platform, review_ids in by_platform.items():
            rids = sorted(review_ids)
            for r in _rows(conn, "reviews", f"platform = ? and review_id in ({','.join('?' * len(rids))})", [platform, *rids]):
                reviews[(r["platform"], r["review_id"])] = r
        for capture_id in ids:
            cap = caps.get(capture_id)
            if cap is None:
                continue
            records = [("capture", cap["capture_id"], cap)]
            review = reviews.get(wanted.get(capture_id))
            if review is not None:
                records.append(("review", f"{review['platform']}:{review['review_id']}", review))
            records += [("evidence", str(r["id"]), r) for r in evidence.get(capture_id, [])]
            out[capture_id] = [(kind, key, row["case_id"], caselog.sha256_hex(caselog.canonical(kind, row)))
                               for kind, key, row in records]
    return out
