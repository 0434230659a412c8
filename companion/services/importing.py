"""Importing historical reviews from a seller center's export: each row becomes a case, like a capture of it.

    import_file(db, data, "评价导出.xlsx", "douyin", shop_id=None, classify=True, progress=None) -> report
    import_rows(db, rows, classify=False)      # rows already split into fields (the benchmark, the API)

Each row is stored as a capture of its review (page_kind "review", page_url "import:<file>") with the review
and its case (one case per order, as captures do), so the case page, corrections, search and export treat it
like any other. Its capture id is a hash of the row: importing the same file again adds nothing (the rows
count as duplicates), and a row that changed since (a 追评, a reply) is stored as a newer capture of the same
review. With `classify` each new row is assessed exactly as a captured review is (assessment.classify_review then
assessment.store_assessment: classification, advice, checklist, drafts).

Transactions: rows are written in batches, each batch in one `BEGIN IMMEDIATE` transaction (captures from the
extension wait at most one batch). An import that stops part-way (power cut, Ctrl-C) leaves whole batches
only; running it again skips the rows already stored and imports the rest — the import is resumable, and the
report says how many rows were new and how many were already there.

Speed (store/bulk.py): a batch's new cases, reviews, captures and search rows go in with a few executemany calls,
the search triggers of m006 set aside inside the transaction (the same trigram and 2-character rows written in bulk)
and put back before COMMIT, so no other connection ever sees the schema without them; a large first batch into a
small store also sets the secondary indexes aside and builds them once at the end. The case log's entries of the
new rows are hashed from the values written (no read-back); a row that changed in the same batch, or a value SQLite
would convert, is read back as caselog does.
"""

from __future__ import annotations

import hashlib
import json
import time
from array import array
from datetime import timedelta
from pathlib import Path

from sqlite_utils import Database

from .. import caselog
from ..store import clock  # read through the module (tests pin clock.utcnow)
from ..store.clock import iso
from ..store import bulk
from ..store.sqlite import immediate
from .assessment import classify_review, store_assessment
from .import_formats import RowError, map_header, normalize, read_rows, row_record, source_name, expected_headers

BATCH_ROWS = 20_000  # rows per transaction without classification
BATCH_ROWS_CLASSIFIED = 200  # with it: each row's assessment costs milliseconds; captures must not wait long
MAX_ERRORS = 1000  # errors listed in the report (all are counted)

SEARCH_TRIGGERS = bulk.SEARCH_TRIGGERS  # m006's search triggers, set aside for a batch of new cases


class ImportRefused(Exception):
    """The file as a whole cannot be imported (not a table, required columns missing…)."""

    def __init__(self, code: str, message: str, field: str | None = None, report: dict | None = None):
        super().__init__(message)
        self.code, self.message, self.field, self.report = code, message, field, report or {}


def new_report(platform: str | None, source: str) -> dict:
    return {"platform": platform, "source": source, "rows": 0, "imported": 0, "updated": 0, "duplicates": 0,
            "failed": 0, "classified": 0, "errors": [], "unknown_columns": [], "ignored_columns": [], "columns": {},
            "transaction": "per batch; an interrupted import resumes when run again (stored rows are skipped)",
            "elapsed_s": 0.0}


def import_file(db: Database, data: bytes, filename: str, platform: str, *, shop_id: str | None = None,
                classify: bool = True, progress=None) -> dict:
    """Import a CSV or .xlsx export of `platform`'s seller center. Raises ImportRefused for a file that is not one."""
    from .import_formats import MAPPINGS

    if platform not in MAPPINGS:
        raise ImportRefused("validation_error", f"platform must be one of {', '.join(MAPPINGS)}.", "platform")
    report = new_report(platform, source_name(filename))
    try:
        headers, table = read_rows(data, filename)
        mapping = map_header(platform, headers)
        report.update(unknown_columns=mapping["unknown"], ignored_columns=mapping["ignored"], columns=mapping["used"])
        if not headers:
            raise ImportRefused("empty_file", "The file has no header row and no data.", "file", report)
        if mapping["missing"]:
            wanted = "; ".join(f"{f}: one of {', '.join(expected_headers(platform, f))}" for f in mapping["missing"])
            raise ImportRefused("missing_columns", f"Columns the import needs are missing ({wanted}). Unknown columns: "
                                f"{', '.join(mapping['unknown']) or 'none'}.", "file", report)
        rows = []
        for line, cells in table:
            if all(c in (None, "") or (isinstance(c, str) and not c.strip()) for c in cells):
                continue
            record = row_record(cells, mapping["columns"])
            record["_line"] = line
            rows.append(record)
    except RowError as exc:
        raise ImportRefused("unreadable_file", exc.message, "file", report) from None
    return import_rows(db, rows, platform=platform, shop_id=shop_id, classify=classify, progress=progress, report=report)


def import_rows(db: Database, rows: list[dict], *, platform: str | None = None, shop_id: str | None = None,
                classify: bool = True, progress=None, report: dict | None = None, batch_rows: int | None = None) -> dict:
    """Import rows given by field (import_formats.FIELDS, plus `platform`/`shop_id` per row when not given here)."""
    t0 = time.perf_counter()
    report = report or new_report(platform, "rows")
    report["rows"] += len(rows)
    valid = []
    for i, record in enumerate(rows, 1):
        line = record.get("_line", i)
        plat = platform or record.get("platform")
        try:
            if plat not in ("douyin", "tiktok", "taobao"):
                raise RowError("platform", "platform must be douyin, tiktok or taobao.")
            review = normalize(record)
        except RowError as exc:
            report["failed"] += 1
            if len(report["errors"]) < MAX_ERRORS:
                report["errors"].append({"line": line, "field": exc.field, "message": exc.message})
            continue
        valid.append((line, plat, record.get("shop_id") or shop_id, review))
    size = batch_rows or (BATCH_ROWS_CLASSIFIED if classify else BATCH_ROWS)
    if progress:
        progress(0, len(valid))
    anchor_dir = _data_dir(db)
    for start in range(0, len(valid), size):
        _import_batch(db, valid[start:start + size], classify, report, report["source"])
        if anchor_dir is not None:  # committed: anchor the case log's head outside the database, as a capture does
            caselog.checkpoint(anchor_dir, db)
        if progress:
            progress(min(start + size, len(valid)), len(valid))
    report["elapsed_s"] = round(time.perf_counter() - t0, 3)
    return report


def _data_dir(db: Database) -> Path | None:
    """The data dir: where the database file lives (and `checkpoints.log` beside it); None in memory."""
    path = db.execute("pragma database_list").fetchone()[2]
    return Path(path).parent if path else None


def review_record(review: dict) -> dict:
    """The review as a capture's record holds it (models.Review's fields)."""
    follow = {"text": review["follow_up_text"] or "", "time": review["follow_up_time"]} \
        if review.get("follow_up_text") or review.get("follow_up_time") else None
    return {"review_id": review["review_id"], "order_id": review.get("order_id"), "product_id": review.get("product_id"),
            "product_title": review.get("product_title"), "sku": review.get("sku"), "rating": review["rating"],
            "sub_ratings": {}, "rating_label": review.get("rating_label"), "text": review["text"], "lang": None,
            "buyer_nick": review.get("buyer_nick"), "review_time": review["review_time"], "images": [], "has_video": False,
            "follow_up": follow, "seller_reply": review.get("seller_reply"), "tags": []}


HASHED = ("review_id", "order_id", "product_id", "product_title", "sku", "rating", "rating_label", "text", "buyer_nick",
          "review_time", "seller_reply")


def capture_id_for(platform: str, shop_id: str | None, review: dict) -> str:
    """Same row, same id: the hash of everything the row says (fields separated by US, absent ones by NUL)."""
    follow = review.get("follow_up") or {}
    parts = [platform, shop_id, *[review.get(k) for k in HASHED], follow.get("text"), follow.get("time")]
    blob = "\x1f".join("\x00" if v is None else str(v) for v in parts)
    return "import-" + hashlib.sha256(blob.encode("utf-8", "surrogatepass")).hexdigest()[:40]


_ZONES: dict = {}


def reply_due_at(platform: str, review_time: str, shown=None) -> str | None:
    """As for a capture (deadlines.reply_due): the review time in the platform's shown zone plus the reply window."""
    if platform not in _ZONES:
        from .deadlines import local_tz, reply_window_hours
        from ..drafting import shown_tz
        from ..drafting.rules import load_rules

        rules = load_rules(platform)
        _ZONES[platform] = (shown_tz(rules, None) or local_tz(), timedelta(hours=reply_window_hours(rules)))
    zone, window = _ZONES[platform]
    if shown is None:
        from ..drafting import parse_time

        shown = parse_time(review_time, tz=zone)
    if shown is None:
        return None
    if shown.tzinfo is None:
        shown = shown.replace(tzinfo=zone)
    return iso(shown + window)


def _import_batch(db: Database, batch: list, classify: bool, report: dict, source: str) -> None:
    now_s = iso(clock.utcnow())
    items = []
    for line, plat, shop, review in batch:
        record = review_record(review)
        key = f"{plat}:order:{review['order_id']}" if review.get("order_id") else f"{plat}:review:{review['review_id']}"
        items.append({"line": line, "source": source, "time": review.get("_time"), "platform": plat, "shop_id": shop, "review": record, "key": key,
                      "capture_id": capture_id_for(plat, shop, record)})
    conn = db.conn
    with immediate(db):
        conn.execute("PRAGMA defer_foreign_keys = ON")  # checked at COMMIT
        stored = {r[0] for r in bulk.existing(conn, "select capture_id from captures where capture_id in ({marks})",
                                              [it["capture_id"] for it in items])}
        todo, seen = [], set()
        for it in items:
            if it["capture_id"] in stored or it["capture_id"] in seen:
                report["duplicates"] += 1
                continue
            seen.add(it["capture_id"])
            todo.append(it)
        if not todo:
            return
        cases = {r[0] for r in bulk.existing(conn, "select case_key from cases where case_key in ({marks})", [it["key"] for it in todo])}
        reviews = set()
        for plat in {it["platform"] for it in todo}:
            ids = [it["review"]["review_id"] for it in todo if it["platform"] == plat]
            reviews |= {(plat, r[0]) for r in bulk.existing(
                conn, "select review_id from reviews where platform = ? and review_id in ({marks})", ids, (plat,))}
        fresh, merge, keys, rids = [], [], set(), set()
        for it in todo:
            rid = (it["platform"], it["review"]["review_id"])
            if it["key"] in cases or it["key"] in keys or rid in reviews or rid in rids:
                merge.append(it)
            else:
                fresh.append(it)
            keys.add(it["key"])
            rids.add(rid)
        known, aside = {}, None
        if fresh:
            next_id = bulk.next_case_id(conn)
            aside = bulk.set_aside(conn, len(fresh), next_id)
            known = _insert_fresh(conn, aside, fresh, next_id, now_s)
            bulk.put_back(conn, aside, keep_aside=("case_log",))  # the merges below go through the triggers
        for it in merge:
            _merge_one(db, it, now_s)
        if merge and known:  # a new review a later row of the batch changed is chained as it stands now: read back
            merged = {(it["platform"], it["review"]["review_id"]) for it in merge}
            for f in fresh:
                if (f["platform"], f["review"]["review_id"]) in merged:
                    known.pop(f["capture_id"], None)
        # The case tamper log (issue 12): the capture, its review and its evidence, chained in the batch's order.
        bulk.append_log(conn, [it["capture_id"] for it in todo], known, now_s)
        bulk.put_back(conn, aside)
        report["imported"] += len(fresh)
        report["updated"] += len(merge)
        if classify:
            for it in todo:
                facts = {}
                classification = classify_review(db, it["platform"], it["shop_id"], it["review"], facts)
                store_assessment(db, it["case_id"], it["capture_id"], it["platform"], None, it["review"], classification,
                                 now_s, cause="import")
                report["classified"] += 1


_ENCODE_RECORD = json.JSONEncoder(ensure_ascii=False).encode  # json.dumps(…, ensure_ascii=False), without its set-up


def _capture_row(it: dict, now_s: str) -> tuple:
    record = {"capture_id": it["capture_id"], "platform": it["platform"], "page_kind": "review",
              "page_url": f"import:{it.get('source') or 'file'}", "shop": {"id": it["shop_id"], "name": None},
              "review": it["review"], "import": {"line": it["line"]}}
    return (it["capture_id"], it["case_id"], it["platform"], "review", record["page_url"], "import", it["shop_id"], now_s, now_s,
            "import", _ENCODE_RECORD(record))


CAPTURE_SQL = bulk.CAPTURE_SQL
REVIEW_COLS = bulk.REVIEW_COLS


def _review_row(it: dict, now_s: str, first: str, count: int) -> tuple:
    r = it["review"]
    follow = r["follow_up"] or {}
    return (it["platform"], r["review_id"], it["case_id"], it["shop_id"], r["order_id"], r["product_id"], r["product_title"],
            r["sku"], r["rating"], r["text"], None, r["buyer_nick"], r["review_time"], follow.get("text"), follow.get("time"),
            r["seller_reply"], "[]", "[]", first, now_s, count)


def import_status(review: dict) -> str:
    """The status of a case an import creates: "replied" when the export shows the seller's reply; "closed" for a
    positive review (4-5★), which is history for search, buyer history and analytics, not work — importing a
    shop's whole past must not flood the work queue; "open" for the rest (the negative reviews worth a look)."""
    if review["seller_reply"]:
        return "replied"
    rating = review.get("rating")
    if rating is not None and rating >= 4:
        return "closed"
    return "open"


def _insert_fresh(conn, aside: dict | None, fresh: list, next_id: int, now_s: str) -> dict:
    """New cases with their review, capture and search rows, in bulk (store/bulk.py). Returns the case-log records
    of each new capture — (kind, key, case_id, hash) of its capture row and its review row, hashed from the values
    written — for the rows SQLite stores exactly as given (the others are read back when chained)."""
    case_rows, review_rows, capture_rows, docs, known = [], [], [], [], {}
    record_sha256 = bulk.record_sha256
    for k, it in enumerate(fresh):
        case_id = it["case_id"] = next_id + k
        r, plat = it["review"], it["platform"]
        case_rows.append((case_id, it["key"], plat, it["shop_id"], r["order_id"], r["review_id"], import_status(r), now_s, now_s,
                          reply_due_at(plat, r["review_time"], it["time"])))
        rev = _review_row(it, now_s, now_s, 1)
        cap = _capture_row(it, now_s)
        review_rows.append(rev)
        capture_rows.append(cap)
        docs.append((case_id, r["order_id"], r["buyer_nick"], r["product_id"], r["product_title"], r["text"]))
        cap_sha, rev_sha = record_sha256("capture", cap), record_sha256("review", rev)
        if cap_sha and rev_sha:
            known[it["capture_id"]] = [("capture", it["capture_id"], case_id, cap_sha),
                                       ("review", f"{plat}:{r['review_id']}", case_id, rev_sha)]
    bulk.insert_fresh(conn, aside, case_rows, review_rows, capture_rows, docs, bigram_doc)
    return known


def bigram_doc(fields) -> str:
    """What m006's triggers put in case_bigrams for a case_search row: every 2-character window of its fields
    joined with spaces (coalesce(x, '') || ' ' || …), windows separated by spaces."""
    v = " ".join([f or "" for f in fields])
    n = len(v)
    if n < 2:
        return v
    try:  # built as code points in one array (v[i], v[i+1], space, …, v[n-1]): 3-4x quicker than joining n pairs
        a = array(_U32, v.encode("utf-32-le"))
    except (UnicodeEncodeError, TypeError):  # a lone surrogate (SQLite refuses it anyway), or no 4-byte array type
        return " ".join(map(str.__add__, v, v[1:])) + " " + v[-1]
    m = 3 * (n - 1)
    out = array(_U32, bytes(4 * (m + 1)))
    out[0:m:3] = a[0:n - 1]
    out[1:m:3] = a[1:n]
    out[2:m:3] = _SPACE * (n - 1)
    out[m] = a[n - 1]
    return out.tobytes().decode("utf-32-le")


_U32 = next((code for code in "IL" if array(code).itemsize == 4), None)  # "I" on every platform we ship
_SPACE = array(_U32, " ".encode("utf-32-le")) if _U32 else None  # from bytes: the same on any byte order


def _merge_one(db: Database, it: dict, now_s: str) -> None:
    """A row for a case or review already stored (captured earlier, or imported before and changed since):
    the same updates a capture makes, through the usual triggers."""
    r = it["review"]
    row = db.execute("select id from cases where case_key = ?", [it["key"]]).fetchone()
    updates = {"updated_at": now_s, "review_id": r["review_id"], "reply_due_at": reply_due_at(it["platform"], r["review_time"])}
    if it["shop_id"]:
        updates["shop_id"] = it["shop_id"]
    if row:
        it["case_id"] = row[0]
        db["cases"].update(row[0], {k: v for k, v in updates.items() if v is not None})
    else:
        it["case_id"] = db["cases"].insert({"case_key": it["key"], "platform": it["platform"], "order_id": r["order_id"],
                                            "status": import_status(r), "created_at": now_s,
                                            **updates}).last_pk
    db.conn.execute(CAPTURE_SQL, _capture_row(it, now_s))
    prev = db.execute("select first_captured_at, capture_count from reviews where platform = ? and review_id = ?",
                      [it["platform"], r["review_id"]]).fetchone()
    row_values = dict(zip(REVIEW_COLS, _review_row(it, now_s, prev[0] if prev else now_s, (prev[1] or 0) + 1 if prev else 1)))
    if prev:
        del row_values["lang"], row_values["tags_json"], row_values["images_json"]  # what a capture saw stays
    db["reviews"].upsert(row_values, pk=("platform", "review_id"))
