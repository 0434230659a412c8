"""Schema migrations. Append-only: never edit a migration once it has landed on main.

Size: it only grows (one function per schema change, applied in file order); it is never split, so the
order a database was built in is the order the file reads.
"""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

from .dbcheck import DatabaseUnusable, check_database, refuse_unknown_migrations  # noqa: F401  (issue 12 item 8)


class GuardedMigrations(Migrations):
    """Migrations that refuse a database recording a migration this version does not know (made by a newer one)."""

    def apply(self, db: Database, **kwargs):
        refuse_unknown_migrations(db, self)
        return super().apply(db, **kwargs)


migrations = GuardedMigrations("review_companion")


@migrations()
def m001_initial(db: Database) -> None:
    """Cases, captures, reviews, classifications, drafts, evidence."""
    db["cases"].create(
        {
            "id": int,
            "case_key": str,  # platform:order:<id> or platform:review:<id> — one case per order
            "platform": str,
            "shop_id": str,
            "shop_name": str,
            "order_id": str,
            "review_id": str,
            "status": str,
            "primary_type": str,
            "escalation_risk": int,
            "created_at": str,
            "updated_at": str,
            "reply_due_at": str,
        },
        pk="id",
        not_null={"case_key", "platform", "status", "created_at", "updated_at"},
        defaults={"status": "open", "escalation_risk": 0},
    )
    db["cases"].create_index(["case_key"], unique=True)
    db["cases"].create_index(["platform", "order_id"])

    db["captures"].create(
        {
            "capture_id": str,
            "case_id": int,
            "platform": str,
            "page_kind": str,
            "page_url": str,
            "page_title": str,
            "region": str,
            "shop_id": str,
            "captured_at": str,
            "received_at": str,
            "extension_version": str,
            "record_json": str,  # the structured fields as received, evidence bytes excluded
        },
        pk="capture_id",
        foreign_keys=[("case_id", "cases", "id")],
        not_null={"case_id", "platform", "page_kind", "page_url", "captured_at", "received_at"},
    )
    db["captures"].create_index(["case_id"])

    db["reviews"].create(
        {
            "platform": str,
            "review_id": str,
            "case_id": int,
            "shop_id": str,
            "order_id": str,
            "product_id": str,
            "product_title": str,
            "sku": str,
            "rating": int,
            "text": str,
            "lang": str,
            "buyer_nick": str,
            "review_time": str,
            "follow_up_text": str,
            "follow_up_time": str,
            "seller_reply": str,
            "tags_json": str,
            "images_json": str,
            "first_captured_at": str,
            "last_captured_at": str,
            "capture_count": int,
        },
        pk=("platform", "review_id"),
        foreign_keys=[("case_id", "cases", "id")],
    )
    db["reviews"].create_index(["platform", "buyer_nick"])
    db["reviews"].create_index(["platform", "product_id"])

    db["classifications"].create(
        {
            "id": int,
            "case_id": int,
            "capture_id": str,
            "platform": str,
            "review_id": str,
            "primary_type": str,
            "result_json": str,
            "classifier_version": str,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("case_id", "cases", "id"), ("capture_id", "captures", "capture_id")],
    )
    db["classifications"].create_index(["case_id"])

    db["drafts"].create(
        {
            "id": int,
            "case_id": int,
            "capture_id": str,
            "kind": str,
            "lang": str,
            "text": str,
            "variant": int,
            "max_chars": int,
            "lint_json": str,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("case_id", "cases", "id"), ("capture_id", "captures", "capture_id")],
    )
    db["drafts"].create_index(["case_id"])

    db["evidence"].create(
        {
            "id": int,
            "case_id": int,
            "capture_id": str,
            "kind": str,
            "media_type": str,
            "sha256": str,
            "size": int,
            "source_url": str,
            "captured_at": str,
            "stored_at": str,
            "version": int,
            "path": str,  # relative to the data dir; the name is derived from sha256
            "prev_chain": str,
            "chain": str,  # sha256 over prev_chain and this row: a tamper-evident log
        },
        pk="id",
        foreign_keys=[("case_id", "cases", "id"), ("capture_id", "captures", "capture_id")],
        not_null={"case_id", "capture_id", "kind", "sha256", "size", "captured_at", "stored_at", "chain"},
    )
    db["evidence"].create_index(["case_id"])
    db["evidence"].create_index(["sha256"])
    # Evidence rows are never modified or deleted: enforce it in the database itself.
    db.executescript(
        """
        CREATE TRIGGER evidence_no_update BEFORE UPDATE ON evidence
        BEGIN SELECT RAISE(ABORT, 'evidence is immutable'); END;
        CREATE TRIGGER evidence_no_delete BEFORE DELETE ON evidence
        BEGIN SELECT RAISE(ABORT, 'evidence is immutable'); END;
        """
    )


@migrations()
def m002_corrections_and_appeals(db: Database) -> None:
    """Seller corrections of the classifier (per shop) and appeal tracking."""
    db["corrections"].create(
        {
            "id": int,
            "case_id": int,
            "platform": str,
            "shop_id": str,
            "text": str,
            "original_primary": str,
            "corrected_primary": str,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("case_id", "cases", "id")],
    )
    db["corrections"].create_index(["platform", "shop_id"])
    db["appeals"].create(
        {
            "id": int,
            "case_id": int,
            "reason_code": str,
            "statement": str,
            "submitted_at": str,
            "outcome": str,  # pending | accepted | rejected
            "decided_at": str,
            "note": str,
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("case_id", "cases", "id")],
    )
    db["appeals"].create_index(["case_id"])


@migrations()
def m003_settings_and_draft_source(db: Database) -> None:
    """Local settings (e.g. the optional model endpoint) and where a draft came from."""
    db["settings"].create({"key": str, "value_json": str, "updated_at": str}, pk="key")
    db["drafts"].add_column("source", str, not_null_default="template")


@migrations()
def m004_case_events(db: Database) -> None:
    """The case timeline of the seller's own actions: a draft copied (what, hash, edited or not), a status change."""
    db["case_events"].create(
        {
            "id": int,
            "case_id": int,
            "kind": str,  # draft_copied | status_changed
            "draft_kind": str,  # public_reply | private_message | appeal_statement | review_update_request
            "text_sha256": str,  # SHA-256 of the UTF-8 text as copied
            "text": str,  # the text as copied (the seller's own words; local only)
            "edited": int,  # 1 when the seller changed the draft before copying
            "status": str,  # the new status of a status_changed event
            "created_at": str,
        },
        pk="id",
        foreign_keys=[("case_id", "cases", "id")],
        not_null={"case_id", "kind", "created_at"},
    )
    db["case_events"].create_index(["case_id"])
    # The timeline is append-only, like the evidence.
    db.executescript(
        """
        CREATE TRIGGER case_events_no_update BEFORE UPDATE ON case_events
        BEGIN SELECT RAISE(ABORT, 'case events are append-only'); END;
        CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
        BEGIN SELECT RAISE(ABORT, 'case events are append-only'); END;
        """
    )


@migrations()
def m005_assessments(db: Database) -> None:
    """One versioned record per assessment of a case: classification, appeal advice, checklist, drafts.

    Written when a capture or a correction re-assesses the case; a read returns the newest one as stored
    (only days/hours left are derived at read time, from its absolute deadline). Append-only.
    """
    db["assessments"].create(
        {
            "id": int,
            "case_id": int,
            "version": int,  # 1, 2, 3 … per case
            "format": int,  # layout of the JSON columns (1)
            "cause": str,  # review_capture | context_capture | correction
            "capture_id": str,  # the capture that triggered it (the review's capture for a correction)
            "classification_id": int,
            "assessed_at": str,  # the one clock the whole assessment was made with (UTC, Z)
            "classification_json": str,
            "advice_json": str,  # appeal_advice as computed then (deadline absolute, ISO 8601 with offset)
            "expired_why": str,  # the advice's `why` once its deadline has passed (written now, shown then)
            "checklist_json": str,
            "drafts_json": str,  # the template drafts; model rewrites are drafts rows with this assessment_id
        },
        pk="id",
        foreign_keys=[("case_id", "cases", "id"), ("capture_id", "captures", "capture_id"),
                      ("classification_id", "classifications", "id")],
        not_null={"case_id", "version", "format", "assessed_at", "classification_json", "advice_json",
                  "checklist_json", "drafts_json"},
    )
    db["assessments"].create_index(["case_id", "version"], unique=True)
    db["drafts"].add_column("assessment_id", int)
    db["drafts"].create_index(["assessment_id"])
    db.executescript(
        """
        CREATE TRIGGER assessments_no_update BEFORE UPDATE ON assessments
        BEGIN SELECT RAISE(ABORT, 'assessments are append-only'); END;
        CREATE TRIGGER assessments_no_delete BEFORE DELETE ON assessments
        BEGIN SELECT RAISE(ABORT, 'assessments are append-only'); END;
        """
    )


@migrations()
def m006_search(db: Database) -> None:
    """Indexed case search (companion/search.py) and indexes for every lookup the panel and list make.

    `case_search` (FTS5 trigram) holds, per case (rowid = cases.id), the order id and its review's buyer
    nick, product id, product title and text; `case_bigrams` (contentless FTS5) every 2-character window
    of them, for queries below trigram length. Triggers on `cases` and `reviews` keep both in step.
    """
    db.executescript(
        """
        CREATE INDEX IF NOT EXISTS idx_cases_order_id ON cases (order_id);
        CREATE INDEX IF NOT EXISTS idx_cases_platform_review ON cases (platform, review_id);
        CREATE INDEX IF NOT EXISTS idx_cases_list ON cases (escalation_risk, updated_at, id);
        CREATE INDEX IF NOT EXISTS idx_cases_status_due ON cases (status, reply_due_at);
        CREATE INDEX IF NOT EXISTS idx_reviews_platform_order ON reviews (platform, order_id);
        CREATE INDEX IF NOT EXISTS idx_reviews_case ON reviews (case_id);
        CREATE VIRTUAL TABLE case_search USING fts5 (order_id, buyer_nick, product_id, product_title, text, tokenize = 'trigram');
        CREATE VIRTUAL TABLE case_bigrams USING fts5 (doc, tokenize = 'unicode61 remove_diacritics 0', content = '', detail = none);
        """
    )
    # Every 2-character window of the fields (space-separated; unicode61 splits on the spaces), from
    # the row as stored in case_search, so the contentless table's 'delete' gets exactly what was indexed.
    doc = "coalesce(s.order_id, '') || ' ' || coalesce(s.buyer_nick, '') || ' ' || coalesce(s.product_id, '') || ' ' || coalesce(s.product_title, '') || ' ' || coalesce(s.text, '')"
    bigrams = (f"(select group_concat(substr(d.v, j.key + 1, 2), ' ') from (select {doc} as v) d,"
               " json_each('[' || rtrim(replace(hex(zeroblob(length(d.v))), '00', '0,'), ',') || ']') j)")

    def unindex(ids: str) -> str:
        return (f"INSERT INTO case_bigrams (case_bigrams, rowid, doc) SELECT 'delete', s.rowid, {bigrams} FROM case_search s WHERE s.rowid IN ({ids});\n"
                f"DELETE FROM case_search WHERE rowid IN ({ids});\n")

    def index(ids: str) -> str:
        return ("INSERT INTO case_search (rowid, order_id, buyer_nick, product_id, product_title, text)"
                " SELECT c.id, c.order_id, r.buyer_nick, r.product_id, r.product_title, r.text FROM cases c"
                f" LEFT JOIN reviews r ON r.platform = c.platform AND r.review_id = c.review_id WHERE c.id IN ({ids});\n"
                f"INSERT INTO case_bigrams (rowid, doc) SELECT s.rowid, {bigrams} FROM case_search s WHERE s.rowid IN ({ids});\n")

    by_review = "SELECT id FROM cases WHERE platform = {t}.platform AND review_id = {t}.review_id"
    db.executescript(
        f"""
        CREATE TRIGGER case_search_cases_ai AFTER INSERT ON cases BEGIN
        {index("new.id")}
        END;
        CREATE TRIGGER case_search_cases_au AFTER UPDATE OF id, platform, order_id, review_id ON cases BEGIN
        {unindex("old.id")}{index("new.id")}
        END;
        CREATE TRIGGER case_search_cases_ad AFTER DELETE ON cases BEGIN
        {unindex("old.id")}
        END;
        CREATE TRIGGER case_search_reviews_ai AFTER INSERT ON reviews BEGIN
        {unindex(by_review.format(t="new"))}{index(by_review.format(t="new"))}
        END;
        CREATE TRIGGER case_search_reviews_au AFTER UPDATE OF platform, review_id, text, buyer_nick, product_id, product_title ON reviews BEGIN
        {unindex(by_review.format(t="new"))}{index(by_review.format(t="new"))}
        END;
        CREATE TRIGGER case_search_reviews_au_key AFTER UPDATE OF platform, review_id ON reviews
        WHEN old.platform IS NOT new.platform OR old.review_id IS NOT new.review_id BEGIN
        {unindex(by_review.format(t="old"))}{index(by_review.format(t="old"))}
        END;
        CREATE TRIGGER case_search_reviews_ad AFTER DELETE ON reviews BEGIN
        {unindex(by_review.format(t="old"))}{index(by_review.format(t="old"))}
        END;
        """
    )
    db.execute(
        "INSERT INTO case_search (rowid, order_id, buyer_nick, product_id, product_title, text)"
        " SELECT c.id, c.order_id, r.buyer_nick, r.product_id, r.product_title, r.text FROM cases c"
        " LEFT JOIN reviews r ON r.platform = c.platform AND r.review_id = c.review_id"
    )
    db.execute(f"INSERT INTO case_bigrams (rowid, doc) SELECT s.rowid, {bigrams} FROM case_search s")
    for table in ("case_search", "case_bigrams"):
        # One segment after the bulk fill, and few later: a search probes every segment of the index.
        db.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")
        db.execute(f"INSERT INTO {table} ({table}, rank) VALUES ('automerge', 2)")


@migrations()
def m007_paired_origins(db: Database) -> None:
    """Browsers paired with the companion (issue 13): the extension Origin each proved with the token."""
    db["paired_origins"].create(
        {"id": int, "origin": str, "label": str, "user_agent": str, "paired_at": str, "last_paired_at": str},
        pk="id",
        not_null={"origin", "paired_at"},
    )
    db["paired_origins"].create_index(["origin"], unique=True)


@migrations()
def m008_case_log(db: Database) -> None:
    """The tamper log of the whole case (issue 12, companion/caselog.py): every capture, review and evidence record
    chained by the SHA-256 of its canonical JSON; append-only. Records stored before are chained now, capture by capture."""
    db["case_log"].create(
        {
            "id": int,
            "kind": str,  # capture | review | evidence
            "record_key": str,  # capture_id | platform:review_id | evidence id
            "case_id": int,
            "capture_id": str,  # the capture that wrote the record (None: a review changed by an import)
            "record_sha256": str,  # SHA-256 of the record's canonical JSON (caselog.canonical)
            "format": int,
            "logged_at": str,
            "prev_chain": str,
            "chain": str,
        },
        pk="id",
        not_null={"kind", "record_key", "record_sha256", "format", "logged_at", "prev_chain", "chain"},
    )
    db["case_log"].create_index(["case_id"])
    db["case_log"].create_index(["kind", "record_key"])
    db.executescript(
        """
        CREATE TRIGGER case_log_no_update BEFORE UPDATE ON case_log
        BEGIN SELECT RAISE(ABORT, 'the case log is append-only'); END;
        CREATE TRIGGER case_log_no_delete BEFORE DELETE ON case_log
        BEGIN SELECT RAISE(ABORT, 'the case log is append-only'); END;
        """
    )
    from .caselog import backfill

    backfill(db)


@migrations()
def m009_work_queue_indexes(db: Database) -> None:
    """The work queue, the reply counts and the shop list without reading every case (issue 11): the shops
    (platform, shop id, name), the reviews that carry a seller reply (few), and the appeal deadline of the assessments whose advice recommends an
    appeal (the deadline is ISO 8601 with its offset inside advice_json; julianday reads it as an instant)."""
    db.execute("CREATE INDEX IF NOT EXISTS idx_cases_shop ON cases (platform, coalesce(shop_id, ''), shop_name)")
    db.execute(
        "CREATE INDEX IF NOT EXISTS idx_reviews_seller_replied ON reviews (platform, review_id)"
        " WHERE coalesce(seller_reply, '') != ''"
    )
    db.execute(
        "CREATE INDEX IF NOT EXISTS idx_assessments_appeal_deadline"
        " ON assessments (julianday(json_extract(advice_json, '$.deadline')))"
        " WHERE json_valid(advice_json) AND json_extract(advice_json, '$.verdict') = 'recommended'"
    )
