"""Case search (`GET /api/v1/cases?q=`, the dashboard): indexed, complete, equal to a substring scan.

`q` matches a case when it is a substring (LIKE semantics: ASCII case-insensitive) of the case's
order id, or of its review's text, buyer nickname, product id or product title. Two full-text
indexes, kept in step with `cases` and `reviews` by triggers (migration m006_search), answer it:

* `case_search` — FTS5 with the trigram tokenizer (SQLite ≥ 3.34): a query of 3+ characters is a
  phrase of trigrams, i.e. exactly a substring of one field;
* `case_bigrams` — contentless FTS5 (`detail=none`) over every 2-character window of the fields
  (the last character of each field alone): a 2-character query is one token, a 1-character query
  a prefix. Trigrams cannot answer these (漏水, 快递 are below trigram length).

Both fold case beyond ASCII where LIKE does not; a query with such letters (É, Ж …) is checked with
LIKE on the candidates, so results stay those of a scan. A 1-2 character query with characters the
bigram tokenizer treats as separators (punctuation, symbols) falls back to the LIKE scan: rare, and
still correct.

Pages never count the whole join and never pull every match into Python: `total` is the FTS match
count (one row per case, counted inside SQLite) when no other filter applies; a page of a common
term walks the cases in list order testing the scan's own predicate until the page is full (about
(offset+limit)·cases/total rows), a page of a rare one sorts its few matching ids. A phrase of several
trigrams (an order id) is evaluated once when its matches are few.
"""

from __future__ import annotations

import json
import re

from sqlite_utils import Database

SEARCH_FIELDS = ("c.order_id", "r.text", "r.product_title", "r.buyer_nick", "r.product_id")
ORDER = "c.escalation_risk desc, c.updated_at desc, c.id desc"
from .cases import CASE_REVIEW_JOIN as JOIN  # noqa: E402

# Characters the bigram index keeps as tokens for sure (unicode61, Unicode 6.1 tables): ASCII letters
# and digits, CJK ideographs, kana. Other 1-2 character queries use the scan.
_BIGRAM_SAFE = re.compile(r"^[0-9A-Za-z\u3041-\u3096\u30a1-\u30fa\u3400-\u4db5\u4e00-\u9fcb]{1,2}$")


def _needs_like_check(q: str) -> bool:
    """True when FTS case folding could match more than LIKE (cased letters beyond ASCII)."""
    return any(not ch.isascii() and ch.lower() != ch.upper() for ch in q)


def _fts_phrase(q: str) -> str:
    return '"' + q.replace('"', '""') + '"'


def match_source(q: str) -> tuple[str, list] | None:
    """(SQL selecting the matching case ids, params), or None when only a scan can answer `q`."""
    if "\x00" in q:
        return None
    if len(q) >= 3:
        return "select rowid from case_search where case_search match ?", [_fts_phrase(q)]
    if _BIGRAM_SAFE.match(q):
        expr = _fts_phrase(q) if len(q) == 2 else _fts_phrase(q) + "*"
        return "select rowid from case_bigrams where case_bigrams match ?", [expr]
    return None


def like_pattern(q: str) -> str:
    return "%" + q.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def like_clause(q: str) -> tuple[str, list]:
    """The scan: q as a substring of any searchable field."""
    return "(" + " or ".join(f"{f} like ? escape '\\'" for f in SEARCH_FIELDS) + ")", [like_pattern(q)] * len(SEARCH_FIELDS)


# Up to this many matches of a long phrase are read as ids (~1 µs each) in its one evaluation; more
# are counted instead (the page is then read by walking the list order).
_FEW = 20_000
# Queries at least this long are expected to be rare (identifiers): ids first, then a count if many.
_LONG = 8
# The list index walked in list order (the planner could otherwise sort every case with a filter).
_LIST_JOIN = JOIN.replace("cases c", "cases c indexed by idx_cases_list", 1)

SELECT = """select c.*, r.text as review_text, r.rating as rating, r.product_title as product_title,
                   r.seller_reply as seller_reply, r.buyer_nick as buyer_nick"""


def search_cases(db: Database, *, filters: dict[str, str] | None = None, escalation: bool = False, q: str | None = None,
                 limit: int = 50, offset: int = 0, extra_columns: str = "") -> tuple[list[dict], int]:
    """One page of cases (escalation risks first, then newest) and the total that match.

    `filters` maps cases columns (platform, status, primary_type, shop_id) to required values.
    """
    where, params = [], []
    for column, value in (filters or {}).items():
        assert column in ("platform", "status", "primary_type", "shop_id")
        where.append(f"c.{column} = ?")
        params.append(value)
    if escalation:
        where.append("c.escalation_risk = 1")
    select = SELECT + (", " + extra_columns if extra_columns else "")
    source = match_source(q) if q else None

    if not q:
        cond = " and ".join(where) or "1=1"
        total = db.execute(f"select count(*) from cases c where {cond}", params).fetchone()[0]
        if not total or offset >= total:
            return [], total
        # A filter most cases pass (status=open): walk the list order; a rare one: its index, then sort.
        cases_n = db.execute("select coalesce(max(id), 0) from cases").fetchone()[0] or 1
        source = _LIST_JOIN if where and (offset + limit) * cases_n / total * 4 < total else JOIN
        rows = list(db.query(f"{select} from {source} where {cond} order by {ORDER} limit ? offset ?", params + [limit, offset]))
        return rows, total

    if source is None or _needs_like_check(q):
        like, like_params = like_clause(q)
        cond = " and ".join(where + [like])
        cond_params = params + like_params
        if source is not None:  # the index narrows, LIKE decides
            cond = f"c.id in ({source[0]}) and {cond}"
            cond_params = source[1] + cond_params
        rows = list(db.query(f"{select} from {JOIN} where {cond} order by {ORDER} limit ? offset ?", cond_params + [limit, offset]))
        total = db.execute(f"select count(*) from {JOIN} where {cond}", cond_params).fetchone()[0]
        return rows, total

    src_sql, src_params = source
    cases_n = db.execute("select coalesce(max(id), 0) from cases").fetchone()[0] or 1
    ids: list[int] | None = None
    if len(q) >= _LONG:
        # A long phrase (an order id, a product id): evaluating it is the cost and its matches are
        # usually few, so read the ids once, and count only when they turn out to be many.
        ids = [r[0] for r in db.execute(src_sql + " limit ?", src_params + [_FEW + 1])]
        matches = len(ids) if len(ids) <= _FEW else db.execute(f"select count(*) from ({src_sql})", src_params).fetchone()[0]
    else:
        # One token or a short phrase (often common): counting in SQLite costs ~0.1 µs per match,
        # reading the ids into Python ~1 µs; the ids are read only when they turn out to be few.
        matches = db.execute(f"select count(*) from ({src_sql})", src_params).fetchone()[0]
    if where:
        cond = " and ".join(where)
        total = db.execute(f"select count(*) from cases c where c.id in ({src_sql}) and {cond}", src_params + params).fetchone()[0]
    else:
        total = matches
    if not total or offset >= total:
        return [], total
    # Either walk the list order testing each case's fields until the page is full (about
    # (offset+limit)·cases/total rows, a few µs each), or take the matching ids and sort them (about
    # `total` rows). The walk tests the scan's own predicate, so both give the scan's answer.
    walk_rows = (offset + limit) * cases_n / total
    if walk_rows * 4 < total:
        test, test_params = _substring_test(q)
        cond = " and ".join(where + [test])
        rows = list(db.query(f"{select} from {_LIST_JOIN} where {cond} order by {ORDER} limit ? offset ?",
                             params + test_params + [limit, offset]))
        return rows, total
    if ids is None or len(ids) > _FEW:
        ids = [r[0] for r in db.execute(src_sql, src_params)]
    # Sort the matching cases on the cases table alone, then read the page's rows with their reviews.
    # (CROSS JOIN: the ids drive, one primary-key probe each — not a walk of the whole list index.)
    cond = " and ".join(where) or "1=1"
    page = [r[0] for r in db.execute(f"select c.id from json_each(?) j cross join cases c on c.id = j.value"
                                     f" where {cond} order by {ORDER} limit ? offset ?",
                                     [json.dumps(ids)] + params + [limit, offset])]
    by_id = {r["id"]: r for r in db.query(f"{select} from {JOIN} where c.id in (select value from json_each(?))",
                                          [json.dumps(page)])}
    return [by_id[i] for i in page], total


def _substring_test(q: str) -> tuple[str, list]:
    """The scan's predicate for one case row: LIKE when q has ASCII letters (LIKE folds their case),
    else `instr` on each field (the same answer without LIKE's pattern matching)."""
    if any("a" <= ch.lower() <= "z" for ch in q):
        return like_clause(q)
    return "(" + " or ".join(f"instr({f}, ?) > 0" for f in SEARCH_FIELDS) + ")", [q] * len(SEARCH_FIELDS)
