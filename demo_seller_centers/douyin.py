"""Mock of Douyin 抖店 评价管理 (`/ffa/maftersale/comment`) and its list XHR.

The same files and the same `comment_list` answer are served by the companion's `/mock/douyin/`
blueprint (the README's try-it path) and by Playwright routing on `https://fxg.jinritemai.com/` in
e2e, so the extension is exercised against one page in both places. Shape follows
shared research seller-pages.md §1.2/§1.6.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

HERE = Path(__file__).parent
STATIC_DIR = HERE / "static" / "douyin"
DATA_FILE = HERE / "data" / "douyin.json"

# Page routes (relative to the site root) that all serve the same SPA shell, newest first.
PAGE_PATHS = ("ffa/maftersale/comment", "ffa/g/comment", "index.html")
# The SPA loads its assets from `<base>/_mock/…` and calls `<base>/product/tcomment/commentList`.
ASSET_PREFIX = "_mock/"
LIST_PATH = "product/tcomment/commentList"
# Where the SPA sends a seller whose session expired (`?extra=<json with target_url>`), served as a login page.
LOGIN_PATH = "login/common"
LOGIN_FILE = STATIC_DIR / "login.html"
# The list API's answer when the mock's `session_expired=1` test switch is on (the page forwards it).
SESSION_EXPIRED = {"st": 10008, "code": 10008, "msg": "登录状态已失效，请重新登录", "data": None, "total": 0}

# `rank` tab filter: 0 all, 1 差评 (1–2★), 2 中评 (3★), 3 好评 (4–5★).
RANK_FILTER = {0: range(1, 6), 1: range(1, 3), 2: range(3, 4), 3: range(4, 6)}


@lru_cache(maxsize=1)
def load_data() -> dict:
    """The mock shop, stats and reviews (ids are strings: 19-digit order ids exceed 2**53)."""
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


def _int(value: str | None, default: int) -> int:
    try:
        return int(value) if value not in (None, "") else default
    except ValueError:
        return default


def comment_list(args: dict) -> dict:
    """Answer `GET /product/tcomment/commentList` like the real API: `{st, code, msg, data, total}`.

    :param args: query parameters: `rank` (0–3), `page` (0-based), `pageSize` (10/20/50),
        `content_search` (matches product id, order id, product name or text); the test switch
        `session_expired=1` answers the session-expired code instead (the page then goes to LOGIN_PATH).
    """
    if args.get("session_expired") == "1":
        return dict(SESSION_EXPIRED)
    data = load_data()
    ranks = RANK_FILTER.get(_int(args.get("rank"), 0), RANK_FILTER[0])
    page = max(_int(args.get("page"), 0), 0)
    size = min(max(_int(args.get("pageSize"), 10), 1), 50)
    needle = (args.get("content_search") or args.get("id") or "").strip()
    rows = [c for c in data["comments"] if c["rank"] in ranks]
    if needle:
        rows = [
            c for c in rows
            if needle in (c["product_id"], c["order_id"]) or needle in c["product"]["name"] or needle in c["content"]
        ]
    return {
        "st": 0,
        "code": 0,
        "msg": "success",
        "data": rows[page * size:(page + 1) * size],
        "total": len(rows),
        "shop": data["shop"],
        "stats": data["stats"],
    }


def static_file(name: str) -> Path | None:
    """Path of a static asset under static/douyin/, or None when it does not exist or escapes."""
    path = (STATIC_DIR / name).resolve()
    if STATIC_DIR.resolve() not in path.parents or not path.is_file():
        return None
    return path
