"""Reading a seller center's review export (CSV or Excel) into review rows: one column mapping per platform.

The header names are the ones sellers see in their exports (Chinese and English seller centers). A header
the mapping does not know is reported as unknown and never guessed; a known header the companion does not
use (门店名称, 图片…) is listed as ignored. A row needs a review id (or an order id, from which a stable id is
derived with the time and the text), the text, the rating and the time; a row that lacks one, or holds a
value the companion refuses, is reported with its line number (the file's line for a CSV, the sheet's row
for Excel) and the other rows go on.

The table is the one in README.md, "Import and export".
"""

from __future__ import annotations

import csv
import hashlib
import io
import re
from datetime import date, datetime, time as dtime
from pathlib import Path

FIELDS = ("review_id", "order_id", "product_id", "product_title", "sku", "rating", "rating_label", "text",
          "buyer_nick", "review_time", "follow_up_text", "follow_up_time", "seller_reply")
REQUIRED = ("text", "review_time")  # plus rating (or rating_label) and review_id (or order_id): see map_header

# Header names per platform and field, as the seller center's export writes them (zh and en seller centers).
MAPPINGS: dict[str, dict[str, tuple[str, ...]]] = {
    "douyin": {  # 抖店 评价管理 → 导出
        "review_id": ("评价ID", "评价id", "评论ID", "Review ID"),
        "order_id": ("订单ID", "订单编号", "子订单ID", "子订单编号", "订单号", "Order ID"),
        "product_id": ("商品ID", "商品编号", "Product ID"),
        "product_title": ("商品名称", "商品标题", "Product Name"),
        "sku": ("商品规格", "规格", "SKU"),
        "rating": ("商品评价得分", "评价得分", "评分", "评价星级", "Rating"),
        "rating_label": ("评价等级", "评价类型"),
        "text": ("评价内容", "评论内容", "Review Content"),
        "buyer_nick": ("用户昵称", "买家昵称", "Buyer Nickname"),
        "review_time": ("评价日期", "评价时间", "评论时间", "Review Time"),
        "follow_up_text": ("追评内容",),
        "follow_up_time": ("追评时间",),
        "seller_reply": ("回复内容", "商家回复", "商家回复内容"),
    },
    "tiktok": {  # TikTok Shop Seller Center → Product ratings → Export
        "review_id": ("Review ID", "Rating ID", "评价ID"),
        "order_id": ("Order ID", "订单ID", "订单号"),
        "product_id": ("Product ID", "商品ID"),
        "product_title": ("Product Name", "Product name", "Product", "商品名称"),
        "sku": ("SKU", "Variation", "SKU Name", "规格"),
        "rating": ("Rating", "Star Rating", "Stars", "Overall Rating", "评分", "星级"),
        "text": ("Review", "Review Content", "Review Text", "Content", "评价内容"),
        "buyer_nick": ("Username", "Buyer Username", "Buyer", "Buyer Name", "买家昵称", "用户名"),
        "review_time": ("Review Time", "Review Date", "Created Time", "Date", "评价时间"),
        "seller_reply": ("Seller Reply", "Reply", "Your Reply", "卖家回复", "商家回复"),
    },
    "taobao": {  # 千牛 评价管理 → 来自买家的评价 → 导出 (Tmall shows 1-5 stars, Taobao 好评/中评/差评)
        "review_id": ("评价ID", "评价编号", "Rate ID"),
        "order_id": ("订单编号", "订单号", "子订单编号", "子订单号", "主订单编号", "Order ID"),
        "product_id": ("宝贝ID", "商品ID", "宝贝编号", "Item ID"),
        "product_title": ("宝贝名称", "宝贝标题", "商品名称", "商品标题", "Item Title"),
        "sku": ("宝贝属性", "销售属性", "商品属性", "SKU"),
        "rating": ("评分", "星级", "店铺评分", "Rating"),
        "rating_label": ("评价结果", "评价等级", "评价类型", "Result"),
        "text": ("评价内容", "初评内容", "Content"),
        "buyer_nick": ("买家昵称", "买家会员名", "会员名", "Buyer Nick"),
        "review_time": ("评价时间", "初评时间", "评价日期", "Rate Time"),
        "follow_up_text": ("追评内容", "追加评论"),
        "follow_up_time": ("追评时间", "追加评论时间"),
        "seller_reply": ("解释内容", "回复内容", "卖家解释", "商家回复"),
    },
}
# Known headers the companion does not import (said in the report as "ignored", never as unknown).
IGNORED: dict[str, tuple[str, ...]] = {
    "douyin": ("商家是否回复", "门店ID", "门店名称", "图片", "评价图片", "视频", "物流评分", "服务评分", "商品评分", "标签"),
    "tiktok": ("Images", "Media", "Video", "Reply Status", "Seller SKU", "Tags", "Region"),
    "taobao": ("图片", "评价图片", "追评图片", "是否有图", "是否已解释", "物流服务评分", "服务态度评分", "宝贝描述评分",
               "交易成功时间", "订单金额"),
}
LABELS = {"好评": 5, "中评": 3, "差评": 1, "positive": 5, "neutral": 3, "negative": 1}

# The limits of models.Review (ids 1-128 characters, short texts 2,000, texts 20,000).
MAX_ID, MAX_SHORT, MAX_TEXT = 128, 2000, 20000
MAX_CELL = 200_000


class RowError(ValueError):
    def __init__(self, field: str | None, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def norm_header(name) -> str:
    """Compare headers without case, spaces, BOM, a trailing * (required mark) or colon."""
    text = "" if name is None else str(name)
    return re.sub(r"[\s\ufeff*:：]+", "", text).lower()


def map_header(platform: str, headers: list) -> dict:
    """{"columns": {field: index}, "unknown": [...], "ignored": [...], "missing": [...], "used": {field: header}}."""
    known = {norm_header(h): field for field, names in MAPPINGS[platform].items() for h in names}
    ignored_names = {norm_header(h) for h in IGNORED.get(platform, ())}
    columns: dict[str, int] = {}
    used: dict[str, str] = {}
    unknown, ignored = [], []
    for i, h in enumerate(headers):
        key = norm_header(h)
        if not key:
            continue
        field = known.get(key)
        if field and field not in columns:
            columns[field] = i
            used[field] = str(h).strip()
        elif key in ignored_names:
            ignored.append(str(h).strip())
        elif not field:
            unknown.append(str(h).strip())
        else:
            ignored.append(str(h).strip())  # a second column for a field already mapped: the first one wins
    missing = [f for f in REQUIRED if f not in columns]
    if "rating" not in columns and "rating_label" not in columns:
        missing.append("rating")
    if "review_id" not in columns and "order_id" not in columns:
        missing.append("review_id")
    return {"columns": columns, "unknown": unknown, "ignored": ignored, "missing": missing, "used": used}


def expected_headers(platform: str, field: str) -> list[str]:
    names = list(MAPPINGS[platform].get(field, ()))
    if field == "rating":
        names += MAPPINGS[platform].get("rating_label", ())
    if field == "review_id":
        names += MAPPINGS[platform].get("order_id", ())
    return names


# --------------------------------------------------------------------------- files
def read_rows(data: bytes, filename: str):
    """(headers, rows) of a CSV or .xlsx export: rows are (line number, cells). The header is the first row
    (within the first 10) that has at least two non-empty cells followed by data; title rows above it are skipped."""
    if filename.lower().endswith((".xlsx", ".xlsm")) or data[:2] == b"PK":
        table = _xlsx_rows(data)
    else:
        table = _csv_rows(data)
    head: list = []
    for _ in range(10):
        line, cells = next(table, (None, None))
        if line is None:
            return [], iter(())
        if sum(1 for c in cells if c not in (None, "")) >= 2:
            head = cells
            break
    return head, table


def _decode(data: bytes) -> str:
    for enc in ("utf-8-sig", "gb18030"):  # Excel on a Chinese Windows saves CSV as GBK
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise RowError(None, "The file is neither UTF-8 nor GBK/GB18030 text: save it as CSV UTF-8 or .xlsx.")


def _csv_rows(data: bytes):
    text = _decode(data).replace("\x00", "")
    first = text.split("\n", 1)[0]
    delimiter = "\t" if first.count("\t") > first.count(",") else ","
    csv.field_size_limit(MAX_CELL)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise RowError(None, f"line {start}: {exc}") from None
        yield start, cells
        start = reader.line_num + 1


def _xlsx_rows(data: bytes):
    try:
        from openpyxl import load_workbook

        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # a corrupt or non-Excel file: said, not a traceback
        raise RowError(None, f"Not a readable .xlsx file ({type(exc).__name__}).") from None
    ws = wb.worksheets[0]
    for n, row in enumerate(ws.iter_rows(values_only=True), 1):
        yield n, list(row)
    wb.close()


# --------------------------------------------------------------------------- one row
def cell_text(value, field: str, limit: int) -> str | None:
    """A cell as text: Excel numbers that are ids stay exact or are refused (a 19-digit id stored as a number lost digits)."""
    if value is None:
        return None
    if type(value) is str:  # the common case (every CSV cell): no conversions
        text = value.strip()
        if not text:
            return None
        if "\x00" in text:
            text = text.replace("\x00", "")
        if "\r" in text:  # line breaks as \n whatever the file wrote (an .xlsx cannot keep \r\n)
            text = text.replace("\r\n", "\n").replace("\r", "\n")
        if field.endswith("_id") and not text.isdigit():
            return _id_text(text, field, limit)
        if len(text) > limit:
            raise RowError(field, f"{field} is longer than {limit} characters.")
        return text
    if isinstance(value, bool):
        value = str(value)
    if isinstance(value, float):
        if value.is_integer():
            if abs(value) > 2**53 and field.endswith("_id"):
                raise RowError(field, f"{field} was stored as a number in Excel and lost its last digits: format the column as text and export again.")
            value = int(value)
        else:
            value = repr(value)
    if isinstance(value, datetime):
        value = value.strftime("%Y-%m-%d %H:%M:%S")
    elif isinstance(value, (date, dtime)):
        value = value.isoformat()
    text = str(value).replace("\x00", "").strip()
    if not text:
        return None
    if field.endswith("_id"):
        return _id_text(text, field, limit)
    if len(text) > limit:
        raise RowError(field, f"{field} is longer than {limit} characters.")
    return text


def _id_text(text: str, field: str, limit: int) -> str:
    if text.startswith("'") and text[1:].isdigit():
        text = text[1:]  # exports write '4502224694062011129 so Excel keeps the digits
    if re.fullmatch(r"\d(?:\.\d+)?[eE]\+?\d+", text):
        raise RowError(field, f"{field} {text!r} was saved by Excel as a number and lost its digits: format the column as text and export again.")
    if len(text) > limit:
        raise RowError(field, f"{field} is longer than {limit} characters.")
    return text


def parse_rating(value, label) -> int:
    """1-5 from a number, "1星", "★★☆☆☆" or a 好评/中评/差评 label (5/3/1)."""
    if type(value) is int and 1 <= value <= 5:  # the common case (a number cell, an API row)
        return value
    if value not in (None, ""):
        text = str(value).strip()
        if "★" in text:
            n = text.count("★")
        else:
            m = re.fullmatch(r"(\d+(?:\.0+)?)\s*(?:星|stars?|分)?", text, re.I)
            n = int(float(m.group(1))) if m else None
        if n is not None and 1 <= n <= 5:
            return n
        raise RowError("rating", f"rating {text[:40]!r} is not 1-5 stars.")
    if label not in (None, ""):
        n = LABELS.get(str(label).strip().lower())
        if n:
            return n
        raise RowError("rating", f"rating label {str(label)[:40]!r} is not 好评/中评/差评.")
    raise RowError("rating", "rating is empty.")


_TIME: list = []  # parse_time and the models' time bounds, imported on first use


def check_time(value: str | None, field: str):
    """The time the text shows (naive when it names no zone), or RowError."""
    if value is None:
        return None
    if not _TIME:
        from ..drafting import parse_time
        from ..models import EARLIEST_TIME, LATEST_TIME

        _TIME.extend((parse_time, EARLIEST_TIME, LATEST_TIME))
    parse_time, earliest, latest = _TIME
    try:
        dt = parse_time(value)
    except (OverflowError, OSError, ValueError):
        dt = None
    if dt is None:
        raise RowError(field, f"{field} {value[:40]!r} is not a time.")
    aware = dt if dt.tzinfo else dt.replace(tzinfo=earliest.tzinfo)
    if not earliest <= aware <= latest:
        raise RowError(field, f"{field} {value[:40]!r} is out of range.")
    return dt


def derived_review_id(order_id: str | None, review_time: str, text: str, buyer_nick: str | None) -> str:
    """A stable id for exports without one (Douyin, TikTok): the same row always gets the same id."""
    digest = hashlib.sha256("\x1f".join([order_id or "", review_time, text, buyer_nick or ""]).encode("utf-8")).hexdigest()
    return f"imp-{digest[:32]}"


def normalize(record: dict) -> dict:
    """A review dict (models.Review's fields) from a row's raw values by field, or RowError."""
    out: dict = {}
    for field in ("review_id", "order_id", "product_id"):
        out[field] = cell_text(record.get(field), field, MAX_ID)
    for field in ("product_title", "sku", "buyer_nick", "review_time", "follow_up_time", "rating_label"):
        out[field] = cell_text(record.get(field), field, MAX_SHORT)
    for field in ("text", "follow_up_text", "seller_reply"):
        out[field] = cell_text(record.get(field), field, MAX_TEXT)
    if not out["text"]:
        raise RowError("text", "review text is empty.")
    if not out["review_time"]:
        raise RowError("review_time", "review time is empty.")
    out["_time"] = check_time(out["review_time"], "review_time")
    check_time(out["follow_up_time"], "follow_up_time")
    rating = record.get("rating")
    if isinstance(rating, float) and rating.is_integer():
        rating = int(rating)
    out["rating"] = parse_rating(rating, out["rating_label"])
    if not out["review_id"]:
        if not out["order_id"]:
            raise RowError("review_id", "neither a review id nor an order id.")
        out["review_id"] = derived_review_id(out["order_id"], out["review_time"], out["text"], out["buyer_nick"])
    return out


def row_record(cells: list, columns: dict[str, int]) -> dict:
    return {field: (cells[i] if i < len(cells) else None) for field, i in columns.items()}


def source_name(path: str | Path) -> str:
    return Path(str(path)).name[:200]
