"""Issue 12 item 8: text from a page cannot forge `timeline.txt` lines or columns (tabs, newlines, control characters)."""

import io
import zipfile

from factories import make_capture

ORDER_ID = "4912345678901234567"
FORGED_TIME = "2026-11-01 08:00:00 +08:00"
FORGERY = f"\n{FORGED_TIME}\tFORGED seller admitted fault"


def test_order_fields_cannot_forge_timeline_lines(client, auth):
    r = client.post("/api/v1/captures", json=make_capture(), headers=auth)
    assert r.status_code == 201, r.json
    case_id = r.json["case"]["id"]
    context = make_capture(page_kind="logistics", review=None, page_url="https://fxg.jinritemai.com/ffa/morder/logistics/detail")
    context["order"] = {"order_id": ORDER_ID, "order_time": "昨天" + FORGERY, "pay_time": "刚刚\r" + FORGED_TIME + "\tFORGED",
                        "ship_time": "x\u2028" + FORGED_TIME + "\u0085\tFORGED", "sign_time": "2026/11/15 18:20:55"}
    context["record"] = {"tracking_events": [
        {"time": "2026/11/13 11:20:03", "text": "已揽收" + FORGERY},
        {"time": "不详\x0b" + FORGED_TIME + "\x1c\tFORGED", "text": "\u202e派送中\x1b[2J"}]}
    r = client.post("/api/v1/captures", json=context, headers=auth)
    assert r.status_code == 201, r.json
    assert r.json["case"]["id"] == case_id
    r = client.get(f"/api/v1/cases/{case_id}/export.zip", headers=auth)
    assert r.status_code == 200
    text = zipfile.ZipFile(io.BytesIO(r.data)).read("timeline.txt").decode()
    lines = text.split("\n")
    assert lines[-1] == ""
    body = lines[3:-1]
    for line in body:
        assert line.count("\t") == 1, repr(line)  # exactly two columns, whatever the page said
        assert not line.startswith(FORGED_TIME), repr(line)
        assert not any(ch in line for ch in "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029\x1b\u202e"), repr(line)
    assert text.splitlines() == lines[:-1]  # no reader splits a line where the writer did not
    forged = [line for line in body if "FORGED" in line]
    assert len(forged) == 5  # each stays inside its own legitimate line, escaped
    assert any("\\n" + FORGED_TIME + "\\tFORGED" in line for line in forged)
    assert any("\\u202e" in line for line in body)
