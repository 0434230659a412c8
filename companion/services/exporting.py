"""Exporting cases as CSV or Excel (.xlsx) for the seller's spreadsheets.

Safe to open: every text cell that a spreadsheet would run as a formula (it starts with = + - @, a tab, CR or
LF, or |) gets a leading ' (OWASP "CSV injection"); Excel cells are written as text, never as formulas, and
ids stay text so 19-digit order ids keep their digits. Buyers' phone numbers and postal addresses in the
free-text columns (review, follow-up, seller reply) are masked (companion/pii.py's patterns, the ones the
classifier uses on reviews) unless the seller asks for them (`unmasked=True`: `?unmasked=1`, `--unmasked`).

    write_csv(db, fh, unmasked=False)      csv_chunks(db, unmasked=False)      write_xlsx(db, path, unmasked=False)
"""

from __future__ import annotations

import csv
import io
import re

from sqlite_utils import Database

# The columns of GET /api/v1/cases.csv since its first version (kept, in this order), then the new ones.
LEGACY_COLUMNS = ["id", "platform", "order_id", "status", "primary_type", "escalation_risk", "rating", "review_text",
                  "buyer_nick", "product_title", "review_time", "reply_due_at", "created_at"]
COLUMNS = LEGACY_COLUMNS + ["shop_id", "review_id", "product_id", "sku", "follow_up_text", "follow_up_time", "seller_reply",
                            "updated_at"]
MASKED_COLUMNS = frozenset({"review_text", "follow_up_text", "seller_reply"})
TEXT_COLUMNS = frozenset({"order_id", "review_id", "product_id", "shop_id"})  # ids: text in Excel, never numbers

QUERY = """select c.id, c.platform, c.order_id, c.status, c.primary_type, c.escalation_risk, r.rating, r.text as review_text,
                  r.buyer_nick, r.product_title, r.review_time, c.reply_due_at, c.created_at, c.shop_id, c.review_id,
                  r.product_id, r.sku, r.follow_up_text, r.follow_up_time, r.seller_reply, c.updated_at
           from cases c left join reviews r on r.platform = c.platform and r.review_id = c.review_id order by c.id"""

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "|")


def cell_safe(value) -> str:
    """A text cell a spreadsheet shows as text: a leading formula character gets a ' in front."""
    text = "" if value is None else str(value)
    if text and text[0] in FORMULA_STARTS:
        return "'" + text
    return text


def mask_phone(match: re.Match) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    if len(digits) >= 11:
        return digits[:3] + "****" + digits[-4:]
    return "***" + digits[-2:]


def mask_pii(text: str | None) -> str | None:
    """Phone numbers (138****5678) and postal addresses (first characters, then ***) masked."""
    if not text:
        return text
    from ..pii import addresses, phones

    spans = []
    for m in phones(text):
        spans.append((m.start(), m.end(), mask_phone(m)))
    lowered = text.lower()  # the strict English street pattern is written for lower-cased text (as the classifier uses it)
    for m in addresses(lowered):
        shown = text[m.start():m.end()]
        spans.append((m.start(), m.end(), shown[:3] + "***"))
    if not spans:
        return text
    out, pos = [], 0
    for start, end, repl in sorted(spans):
        if start < pos:  # overlapping matches: the first one masks
            if end > pos:
                pos = end
            continue
        out.append(text[pos:start])
        out.append(repl)
        pos = end
    out.append(text[pos:])
    return "".join(out)


def case_rows(db: Database, *, unmasked: bool = False, columns: list[str] | None = None):
    """Each case as a list of values in `columns` order (PII masked unless `unmasked`); text not yet neutralised."""
    columns = columns or COLUMNS
    cursor = db.conn.execute(QUERY)
    names = [d[0] for d in cursor.description]
    for values in cursor:
        row = dict(zip(names, values))
        if not unmasked:
            for col in MASKED_COLUMNS:
                row[col] = mask_pii(row[col])
        yield [row[c] for c in columns]


def _csv_value(v):
    return v if isinstance(v, (int, float)) and not isinstance(v, bool) else cell_safe(v)


def csv_chunks(db: Database, *, unmasked: bool = False, columns: list[str] | None = None, rows_per_chunk: int = 500):
    """The CSV (UTF-8 with BOM, so Excel reads Chinese right) as text chunks: a download streams, never held whole."""
    columns = columns or COLUMNS
    buf = io.StringIO()
    writer = csv.writer(buf)
    buf.write("\ufeff")
    writer.writerow(columns)
    n = 0
    for row in case_rows(db, unmasked=unmasked, columns=columns):
        writer.writerow([_csv_value(v) for v in row])
        n += 1
        if n % rows_per_chunk == 0:
            yield buf.getvalue()
            buf.seek(0)
            buf.truncate()
    yield buf.getvalue()


def write_csv(db: Database, fh, *, unmasked: bool = False, columns: list[str] | None = None) -> int:
    """Write the CSV to a text file opened with newline=''; returns the number of cases."""
    for chunk in csv_chunks(db, unmasked=unmasked, columns=columns):
        fh.write(chunk)
    return db.execute("select count(*) from cases").fetchone()[0]


def write_xlsx(db: Database, target, *, unmasked: bool = False, columns: list[str] | None = None) -> int:
    """Write an .xlsx workbook (one sheet "cases") to a path or binary file; returns the number of cases."""
    from openpyxl import Workbook
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, WriteOnlyCell

    columns = columns or COLUMNS
    wb = Workbook(write_only=True)
    ws = wb.create_sheet("cases")
    ws.append(columns)
    n = 0
    for row in case_rows(db, unmasked=unmasked, columns=columns):
        cells = []
        for col, v in zip(columns, row):
            if isinstance(v, (int, float)) and not isinstance(v, bool) and col not in TEXT_COLUMNS:
                cells.append(v)
                continue
            cell = WriteOnlyCell(ws, value=ILLEGAL_CHARACTERS_RE.sub("", cell_safe(v)) if v is not None else None)
            if v is not None:
                cell.data_type = "s"  # text, never a formula, whatever it starts with
                cell.number_format = "@"
            cells.append(cell)
        ws.append(cells)
        n += 1
    wb.save(target)
    return n
