"""Realistic payloads for the API tests."""

from __future__ import annotations

import base64
import hashlib
import uuid

PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def make_capture(**overrides) -> dict:
    """A realistic Douyin review capture with a screenshot and an MHTML snapshot."""
    mhtml = b"From: <Saved by Blink>\r\nSnapshot-Content-Location: https://fxg.jinritemai.com/ffa/maftersale/comment\r\n\r\n<html>mock</html>"
    capture = {
        "schema_version": 1,
        "capture_id": uuid.uuid4().hex,
        "platform": "douyin",
        "page_kind": "review",
        "page_url": "https://fxg.jinritemai.com/ffa/maftersale/comment",
        "page_title": "评价管理",
        "captured_at": "2026-11-24T02:00:00.000Z",
        "shop": {"id": "shop-1", "name": "示例旗舰店"},
        "review": {
            "review_id": "7312345678901234567",
            "order_id": "4912345678901234567",
            "product_id": "3601234567890",
            "product_title": "不锈钢保温杯 500ml",
            "sku": "黑色 500ml",
            "rating": 1,
            "text": "物流太慢了，等了十天才到，包装也压坏了",
            "buyer_nick": "小***鱼",
            "review_time": "2026-11-23 20:15:00",
        },
        "evidence": [
            {"kind": "screenshot", "media_type": "image/png", "data_base64": base64.b64encode(PNG).decode(),
             "sha256": hashlib.sha256(PNG).hexdigest()},
            {"kind": "mhtml", "media_type": "multipart/related", "data_base64": base64.b64encode(mhtml).decode()},
        ],
    }
    for key, value in overrides.items():
        if key == "review" and value is not None:
            capture["review"] = {**capture["review"], **value}
        else:
            capture[key] = value
    return capture


def big_ints(text: str) -> list[int]:
    """Integers of 16+ digits in a JSON text: a browser would round them, so ids must be strings."""
    import json

    found: list[int] = []

    def parse_int(s: str) -> int:
        if len(s.lstrip("-")) >= 16:
            found.append(int(s))
        return int(s)

    json.loads(text, parse_int=parse_int)
    return found
