"""POST /api/v1/captures parses its body in one pass (api/captures.py parse_capture); what that pass refuses goes
through the common `parse`, so every answer is the one the route gave before."""

import json
import sqlite3
from pathlib import Path

from factories import make_capture


def post_raw(client, auth, raw: bytes, content_type="application/json"):
    return client.post("/api/v1/captures", data=raw, headers={**auth, "Content-Type": content_type})


def stored_record(app, capture_id):
    con = sqlite3.connect(Path(app.config["DATA_DIR"]) / "companion.db")
    try:
        return json.loads(con.execute("select record_json from captures where capture_id = ?", [capture_id]).fetchone()[0])
    finally:
        con.close()


def test_record_stored_as_received(app, client, auth):
    payload = make_capture(review={"review_id": "r-esc", "order_id": "o-esc", "text": "漏水 \u00e9 \\ \"quoted\" \u0000 tab\tend",
                                   "rating": 1})
    r = post_raw(client, auth, json.dumps(payload).encode())  # ASCII escapes for every non-ASCII character
    assert r.status_code == 201, r.json
    record = stored_record(app, payload["capture_id"])
    assert record["review"]["text"] == payload["review"]["text"]
    assert record["page_title"] == payload["page_title"] and "evidence" not in record


def test_bodies_the_fast_pass_refuses_answer_as_before(client, auth):
    good = json.dumps(make_capture()).encode()
    cases = [
        (b"\xef\xbb\xbf" + good, None),  # a UTF-8 BOM: json.loads reads it, as before
        (good[:-1] + b",}", (400, "bad_json")),  # trailing comma
        (good + b" x", (400, "bad_json")),
        (b"[" * 10_000, (400, "bad_json")),
        (b'"just a string"', (422, "validation_error")),
        (json.dumps({**make_capture(), "unknown": 1}).encode(), (422, "validation_error")),
    ]
    for raw, expected in cases:
        r = post_raw(client, auth, raw)
        assert r.is_json and r.status_code < 500, (raw[:40], r.status_code)
        if expected:
            assert (r.status_code, r.json["error"]["code"]) == expected, (raw[:40], r.json)
    assert post_raw(client, auth, good, content_type="text/plain").status_code == 415
