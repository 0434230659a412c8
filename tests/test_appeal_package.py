"""Evidence fit for an appeal (issue 8 part 5): the upload-ready appeal-package.zip, its PDF report,
and timeline.txt in export.zip (sorted, one time format with the platform's offset, every page kind,
the case events)."""

from __future__ import annotations

import base64
import hashlib
import io
import random
import re
import zipfile
from urllib.parse import unquote

import pytest
from PIL import Image

from companion.services.appeal_package import fit_image, package_limits
from companion.drafting.rules import rule_detail
from factories import make_capture

ORDER_ID = "4912345678901234567"


def post(client, auth, payload):
    r = client.post("/api/v1/captures", json=payload, headers=auth)
    assert r.status_code in (200, 201), r.json
    return r.json


def png(width: int, height: int, noise: bool = False) -> bytes:
    img = Image.new("RGB", (width, height), (244, 245, 247))
    if noise:  # a screenshot-like picture that compresses badly as PNG
        rnd = random.Random(7)
        img.putdata([(rnd.randrange(256), rnd.randrange(256), rnd.randrange(256)) for _ in range(width * height)])
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()


def shot(data: bytes) -> dict:
    return {"kind": "screenshot", "media_type": "image/png", "data_base64": base64.b64encode(data).decode(),
            "sha256": hashlib.sha256(data).hexdigest()}


def context(kind: str, url: str, record: dict | None, image: bytes, captured_at: str) -> dict:
    payload = make_capture(page_kind=kind, review=None, page_url=url, captured_at=captured_at, evidence=[shot(image)])
    payload["order"] = {"order_id": ORDER_ID, "order_time": "2026/11/12 09:00:00", "sign_time": "2026/11/15 18:20:55"}
    payload["record"] = record
    return payload


@pytest.fixture
def full_case(client, auth):
    """A Douyin case with the review, order, two chats, logistics and after-sales pages, and a status change."""
    review = post(client, auth, make_capture(review={"text": "<b>骗子</b> =HYPERLINK(\"x\") 不退款就差评", "review_time": "2026-11-23 20:15:00"}))
    cid = review["case"]["id"]
    post(client, auth, context("order", f"https://fxg.jinritemai.com/ffa/morder/order/detail?id={ORDER_ID}", None, png(400, 300),
                               "2026-11-24T03:00:00.000Z"))
    post(client, auth, context("chat", f"https://im.jinritemai.com/pc_seller_v2/main/workspace?order_id={ORDER_ID}", {
        "buyer_nick": "小***鱼",
        "messages": [{"time": "2026/11/22 21:05:40", "sender": "buyer", "text": "不给退款我就给差评"},
                     {"time": "2026/11/22 21:02:03", "sender": "seller", "text": "亲，您好"},
                     {"time": "刚刚", "sender": "seller", "text": "在的"}]}, png(400, 900), "2026-11-24T03:01:00.000Z"))
    post(client, auth, context("chat", f"https://im.jinritemai.com/pc_seller_v2/main/workspace?order_id={ORDER_ID}&tab=2", None,
                               png(400, 500), "2026-11-24T03:01:30.000Z"))
    post(client, auth, context("logistics", f"https://fxg.jinritemai.com/ffa/morder/logistics/detail?order_id={ORDER_ID}", {
        "tracking_events": [{"time": "2026/11/15 18:20:55", "text": "快件已签收"}, {"time": "2026/11/13 11:20:03", "text": "已揽收"}]},
        png(400, 400), "2026-11-24T03:02:00.000Z"))
    post(client, auth, context("after_sales", "https://fxg.jinritemai.com/ffa/merchant-aftersale-workbench/aftersale/detail?aftersale_id=1", {
        "aftersale_id": "1", "aftersale_status": "退款成功",
        "timeline": [{"time": "2026-11-21 10:00:00", "text": "买家申请仅退款"}]}, png(400, 400), "2026-11-24T03:03:00.000Z"))
    assert client.patch(f"/api/v1/cases/{cid}", json={"status": "contacted"}, headers=auth).status_code == 200
    return cid


def open_zip(r) -> zipfile.ZipFile:
    assert r.status_code == 200 and r.mimetype == "application/zip", r.data[:300]
    return zipfile.ZipFile(io.BytesIO(r.data))


def test_rules_hold_the_package_limits_with_their_source():
    limits = package_limits("douyin", None)
    assert (limits["max_files"], limits["max_file_mb"], limits["formats"]) == (6, 5, ["png", "jpg"])
    assert limits["verified"] is False  # the formats are not documented
    assert "§1.4b" in rule_detail("douyin", "evidence_max_files")["source"]
    assert rule_detail("douyin", "evidence_image_formats")["verified"] is False
    tk = package_limits("tiktok", "US")  # unknown on TikTok: the conservative shared default, said unverified
    assert tk["max_files"] == 6 and tk["verified"] is False


def test_zh_package_is_upload_ready_for_douyin(client, auth, full_case):
    r = client.get(f"/api/v1/cases/{full_case}/appeal-package.zip?lang=zh", headers=auth)
    zf = open_zip(r)
    names = zf.namelist()
    assert names == ["评价截图.png", "订单详情.png", "聊天记录-1.png", "聊天记录-2.png", "物流轨迹.png", "售后记录.png", "申诉材料报告.pdf"]
    images = [n for n in names if not n.endswith(".pdf")]
    limits = package_limits("douyin", None)
    assert len(images) <= limits["max_files"]
    for n in images:
        data = zf.read(n)
        assert len(data) <= 5 * 1024 * 1024
        assert Image.open(io.BytesIO(data)).format in ("PNG", "JPEG")
    # Numbered in the order the chats were captured; each is the newest screenshot of its page.
    case = client.get(f"/api/v1/cases/{full_case}", headers=auth).json
    chats = [e["sha256"] for e in case["evidence"] if e["kind"] == "screenshot" and "im.jinritemai.com" in (e["source_url"] or "")]
    assert [hashlib.sha256(zf.read(n)).hexdigest() for n in ("聊天记录-1.png", "聊天记录-2.png")] == chats
    # RFC 6266: an ASCII fallback and the real name in filename*.
    cd = r.headers["Content-Disposition"]
    assert cd.startswith('attachment; filename="') and "filename*=UTF-8''" in cd
    assert unquote(cd.split("filename*=UTF-8''")[1]) == f"申诉材料-douyin-{ORDER_ID}.zip"
    pdf = zf.read("申诉材料报告.pdf")
    assert pdf.startswith(b"%PDF-") and b"STSong-Light" in pdf


def test_package_keeps_the_limit_and_reencodes_big_images(client, auth, monkeypatch):
    big = png(1400, 1300, noise=True)  # ~5.2 MB as PNG: over Douyin's 5 MB
    assert len(big) > 5 * 1024 * 1024
    cid = post(client, auth, make_capture(evidence=[shot(big)]))["case"]["id"]
    for i in range(8):  # eight more order pages (different URLs): more than the 6 Douyin takes
        post(client, auth, context("order", f"https://fxg.jinritemai.com/ffa/morder/order/detail?id={ORDER_ID}&v={i}", None,
                                   png(100 + i, 100), f"2026-11-24T03:0{i}:00.000Z"))
    zf = open_zip(client.get(f"/api/v1/cases/{cid}/appeal-package.zip?lang=en", headers=auth))
    images = [n for n in zf.namelist() if not n.endswith(".pdf")]
    assert len(images) == 6 and "appeal-report.pdf" in zf.namelist()
    assert images[0] == "review-screenshot.jpg"
    data = zf.read(images[0])
    assert len(data) <= 5 * 1024 * 1024 and Image.open(io.BytesIO(data)).format == "JPEG"
    assert all(re.fullmatch(r"order-details-\d\.png", n) for n in images[1:])
    # The stored evidence is untouched: verify still passes and export.zip holds the original PNG.
    assert client.get("/api/v1/verify", headers=auth).json["ok"] is True
    full = open_zip(client.get(f"/api/v1/cases/{cid}/export.zip", headers=auth))
    assert big in [full.read(n) for n in full.namelist() if n.startswith("evidence/")]


def test_fit_image_refuses_what_is_not_an_image():
    with pytest.raises(ValueError):
        fit_image(b"<html>not an image</html>", ["png", "jpg"], 5 * 1024 * 1024)
    data = png(50, 50)
    assert fit_image(data, ["png", "jpg"], 5 * 1024 * 1024) == (data, "png", None)


def test_pdf_report_escapes_hostile_text_and_lists_hashes(client, auth, full_case):
    zf = open_zip(client.get(f"/api/v1/cases/{full_case}/appeal-package.zip?lang=en", headers=auth))
    pdf = zf.read("appeal-report.pdf")
    assert pdf.startswith(b"%PDF-")
    text = pdf_text(pdf)
    case = client.get(f"/api/v1/cases/{full_case}", headers=auth).json
    for e in case["evidence"]:
        assert e["sha256"] in text.replace(" ", "")
    # The review is printed as written: its markup is text, not interpreted.
    assert '<b>骗子</b> =HYPERLINK("x")' in text
    assert "2026-11-22 21:05:40 +08:00" in text and "Images in this package" in text


def pdf_text(pdf: bytes) -> str:
    """The text the PDF draws (reportlab: ASCII85 + Flate streams, STSong-Light strings in UCS-2)."""
    import zlib

    def unescape(raw: bytes) -> bytes:
        out, i = bytearray(), 0
        while i < len(raw):
            c = raw[i]
            if c == 0x5C:  # backslash
                m = re.match(rb"[0-7]{1,3}", raw[i + 1:i + 4])
                if m:
                    out.append(int(m.group(0), 8))
                    i += 1 + len(m.group(0))
                    continue
                nxt = raw[i + 1:i + 2]
                out += {b"n": b"\n", b"r": b"\r", b"t": b"\t"}.get(nxt, nxt)
                i += 2
                continue
            out.append(c)
            i += 1
        return bytes(out)

    text = []
    for m in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        try:
            data = zlib.decompress(base64.a85decode(m.group(1).strip(), adobe=True))
        except Exception:
            continue
        for lit in re.findall(rb"\(((?:\\.|[^\\)])*)\)\s*Tj", data, re.S):
            text.append(unescape(lit).decode("utf-16-be", "replace"))
    return "".join(text)


def test_timeline_is_sorted_one_format_every_page_kind_and_events(client, auth, full_case):
    zf = open_zip(client.get(f"/api/v1/cases/{full_case}/export.zip", headers=auth))
    lines = zf.read("timeline.txt").decode().splitlines()
    rows = [line.split("\t", 1) for line in lines if "\t" in line]
    fmt = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d \+08:00$")
    dated = [t for t, _ in rows if fmt.match(t)]
    assert dated == sorted(dated) and len(dated) >= 12
    assert rows[-1][0].startswith("刚刚")  # a time that cannot be read is kept, last
    text = "\n".join(w for _, w in rows)
    for what in ("captured review page", "captured order detail page", "captured chat page", "captured logistics page",
                 "captured after-sales page", "chat · buyer: 不给退款我就给差评", "tracking: 已揽收", "after-sales: 买家申请仅退款",
                 "case status → contacted", "review posted (1★)"):
        assert what in text, what
    # Captured at 03:00Z is 11:00 Beijing time; the shown chat time stays as the platform showed it.
    assert ["2026-11-24 11:00:00 +08:00", f"captured order detail page https://fxg.jinritemai.com/ffa/morder/order/detail?id={ORDER_ID}"] in rows
    assert ["2026-11-22 21:05:40 +08:00", "chat · buyer: 不给退款我就给差评"] in rows
    assert "2026/11" not in "\n".join(t for t, _ in rows) and "Z" not in "".join(t for t, _ in rows)


def test_package_errors_are_json(client, auth, full_case):
    r = client.get(f"/api/v1/cases/{full_case}/appeal-package.zip?lang=fr", headers=auth)
    assert r.status_code == 422 and r.json["error"]["code"] == "validation_error" and r.json["error"]["field"] == "lang"
    r = client.get("/api/v1/cases/99999/appeal-package.zip", headers=auth)
    assert r.status_code == 404 and r.json["error"]["field"] == "case_id"
    assert client.get(f"/api/v1/cases/{full_case}/appeal-package.zip").status_code == 401


def test_dashboard_offers_both_packages(client, auth, full_case):
    page = client.get(f"/cases/{full_case}", headers=auth).get_data(as_text=True)
    assert f"/cases/{full_case}/appeal-package.zip?lang=zh" in page and f"/cases/{full_case}/export.zip" in page


def test_report_says_a_screenshot_was_stitched_and_truncated(client, auth):
    """The extension says how it took the screenshot (Capture.screenshot); the report repeats it."""
    payload = context("chat", f"https://im.jinritemai.com/pc_seller_v2/main/workspace?order_id={ORDER_ID}", None, png(300, 600),
                      "2026-11-24T03:00:00.000Z")
    payload["screenshot"] = {"mode": "element", "slices": 14, "truncated": True, "panels_hidden": 1, "fixed_hidden": 0,
                             "sticky_elements": 0, "width_px": 1280, "height_px": 12000, "page_height_px": 30411, "scale": 1,
                             "downscaled": False}
    cid = post(client, auth, payload)["case"]["id"]
    zf = open_zip(client.get(f"/api/v1/cases/{cid}/appeal-package.zip?lang=en", headers=auth))
    text = pdf_text(zf.read("appeal-report.pdf")).replace(" ", "")  # lines wrap at spaces
    assert "wholepage,stitchedfrom14screens" in text and "truncated:12000of30411pxshown" in text
    bad = dict(payload, capture_id=payload["capture_id"][::-1], screenshot={"mode": "everything"})
    r = client.post("/api/v1/captures", json=bad, headers=auth)
    assert r.status_code == 422 and r.json["error"]["field"] == "screenshot.mode"
