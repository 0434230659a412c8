"""Issue 10 case page: one language, the full timeline (captures, drafts copied, replies, appeal with reason and
statement, the platform's result and rejection text) and the evidence viewer that hashes each file again on every
view (✓ intact, ✗ changed or missing). Real SQLite and a real data dir through the app's test client."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

from factories import PNG, make_capture


def visible(html: str) -> str:
    html = re.sub(r"(?s)<(style|script)\b[^>]*>.*?</\1>", "", html)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def captured(client, auth) -> dict:
    r = client.post("/api/v1/captures", json=make_capture(), headers=auth)
    assert r.status_code == 201, r.get_json()
    return r.get_json()


def screenshot_row(app, case_id: int) -> dict:
    from companion.store.sqlite import connect

    db = connect(app.config["DATABASE"])
    return next(db.query("select * from evidence where case_id = ? and kind = 'screenshot'", [case_id]))


def items(page: str) -> dict[str, str]:
    """evidence id → data-verified (ok / changed / missing)."""
    return dict(re.findall(r'data-evidence-id="(\d+)" data-verified="(\w+)"', page))


def test_evidence_is_verified_on_every_view_and_a_changed_file_shows_a_cross(app, client, auth):
    body = captured(client, auth)
    case_id = body["case"]["id"]
    shot = screenshot_row(app, case_id)
    page = client.get(f"/cases/{case_id}?lang=en").get_data(as_text=True)
    assert set(items(page).values()) == {"ok"} and len(items(page)) == len(body["evidence"])
    assert shot["sha256"] == hashlib.sha256(PNG).hexdigest() and shot["sha256"] in page
    assert set(re.findall(r'data-testid="verify">([^<]*)<', page)) == {"✓ matches the capture"}
    # The screenshot is shown inline, from the dashboard (session cookie), and is the stored bytes.
    src = f'/cases/{case_id}/evidence/{shot["id"]}'
    assert f'<img src="{src}"' in page
    r = client.get(src)
    assert r.status_code == 200 and r.data == PNG and r.mimetype == "image/png"
    assert r.headers["X-Evidence-SHA256"] == shot["sha256"] and "sandbox" in r.headers["Content-Security-Policy"]
    r.close()

    # Someone edits the file on disk: the next view hashes it again and says so.
    path = Path(app.config["DATA_DIR"]) / shot["path"]
    os.chmod(path, 0o600)
    path.write_bytes(PNG + b"tampered")
    page = client.get(f"/cases/{case_id}?lang=en").get_data(as_text=True)
    assert items(page)[str(shot["id"])] == "changed"
    assert "✗ file changed" in page and hashlib.sha256(PNG + b"tampered").hexdigest() in page
    assert shot["sha256"] in page  # the hash recorded at capture is still shown beside it
    others = {k: v for k, v in items(page).items() if k != str(shot["id"])}
    assert set(others.values()) == {"ok"}
    zh = client.get(f"/cases/{case_id}", headers={"Accept-Language": "zh-CN"}).get_data(as_text=True)
    assert "✗ 文件已被改动" in zh

    path.unlink()
    page = client.get(f"/cases/{case_id}?lang=en").get_data(as_text=True)
    assert items(page)[str(shot["id"])] == "missing" and "✗ file missing" in page
    assert f'<img src="{src}"' not in page
    assert client.get(src).status_code == 410


def test_evidence_of_another_case_or_without_a_session_is_refused(app, client, auth):
    first = captured(client, auth)
    second = client.post("/api/v1/captures", json=make_capture(review={"review_id": "7399999999999999999", "order_id": "4999999999999999999"}),
                         headers=auth).get_json()
    shot = screenshot_row(app, first["case"]["id"])
    assert client.get(f'/cases/{second["case"]["id"]}/evidence/{shot["id"]}').status_code == 404
    anonymous = app.test_client()
    for path in (f'/cases/{first["case"]["id"]}', f'/cases/{first["case"]["id"]}/evidence/{shot["id"]}',
                 f'/cases/{first["case"]["id"]}?lang=en'):
        r = anonymous.get(path)
        assert r.status_code == 401, path
        assert r.data != PNG and shot["sha256"] not in r.get_data(as_text=True)
    assert anonymous.get(f'/cases/{first["case"]["id"]}/evidence/{shot["id"]}', headers={"Authorization": "Bearer test-token-0123456789"}).status_code == 401
    assert client.get("/cases/9999").status_code == 404


def test_the_full_timeline_in_one_language(client, auth):
    body = captured(client, auth)
    case_id = body["case"]["id"]
    reply = "您好，给您添麻烦了，已安排补发"
    sha = hashlib.sha256(reply.encode()).hexdigest()
    assert client.post(f"/api/v1/cases/{case_id}/events", json={"kind": "draft_copied", "draft_kind": "public_reply",
                       "text_sha256": sha, "text": reply, "edited": True}, headers=auth).status_code == 201
    assert client.patch(f"/api/v1/cases/{case_id}", json={"status": "replied"}, headers=auth).status_code == 200
    statement = "买家评价含辱骂词汇，见截图"
    r = client.post(f"/api/v1/cases/{case_id}/appeals", json={"reason_code": "report_reason_low_politics_guns", "statement": statement},
                    headers=auth)
    assert r.status_code == 201
    rejection = "举证材料不足，驳回"
    assert client.patch(f"/api/v1/appeals/{r.get_json()['id']}", json={"outcome": "rejected", "note": rejection}, headers=auth).status_code == 200

    en = client.get(f"/cases/{case_id}", headers={"Accept-Language": "en-US"}).get_data(as_text=True)
    kinds = re.findall(r'<li data-kind="(\w+)">', en)
    for kind in ("review", "capture", "draft", "reply", "appeal", "rejected"):
        assert kind in kinds, kind
    text = visible(en)
    assert "Full timeline" in text and "Captured the review page (screenshot, page archive (MHTML))" in text
    assert "Draft copied: public reply (edited)" in text and reply in text and sha[:12] in text
    assert "Public reply sent (marked)" in text
    assert "Appeal submitted: Review contains abuse or inappropriate words" in text and statement in text
    assert "Platform result: rejected (rejection text below)" in text and rejection in text
    assert "2026-11-23 20:15:00 +08:00" in text  # the review, in the seller center's zone
    # In order: the review, then the capture, the copy, the reply, the appeal and its result.
    order = [k for k in kinds if k in ("review", "capture", "draft", "reply", "appeal", "rejected")]
    assert order == ["review", "capture", "draft", "reply", "appeal", "rejected"]
    # One language: none of the page's own Chinese words on the English page (the review and the seller's
    # texts are shown as written).
    chrome = text
    for own in (reply, statement, rejection, body["review"]["text"], "示例旗舰店", "不锈钢保温杯 500ml", "黑色 500ml", "评价管理"):
        chrome = chrome.replace(own, "")
    for word in ("证据清单", "操作记录", "完整时间线", "申诉建议", "提交申诉", "被驳回", "审核中", "状态"):
        assert word not in chrome, word

    zh = visible(client.get(f"/cases/{case_id}", headers={"Accept-Language": "zh-CN,zh;q=0.9"}).get_data(as_text=True))
    assert "完整时间线" in zh and "提交申诉：评价内容中包含辱骂或不当词汇" in zh and "平台结果：被驳回" in zh
    assert "复制草稿：公开回复（已修改）" in zh and "已公开回复（标记）" in zh
    assert "采集评价页（截图、网页存档（MHTML））" in zh  # evidence kinds in the page's language, not the stored codes
    for word in ("Full timeline", "Evidence checklist", "Appeal submitted", "Captured", "Not worth appealing", "Timeline"):
        assert word not in zh, word
    assert "抖店" in zh  # the platform as sellers call it


def test_case_page_offers_the_appeal_package_and_the_archive(client, auth):
    case_id = captured(client, auth)["case"]["id"]
    page = client.get(f"/cases/{case_id}?lang=en").get_data(as_text=True)
    for href in (f"/cases/{case_id}/appeal-package.zip?lang=zh", f"/cases/{case_id}/appeal-package.zip?lang=en", f"/cases/{case_id}/export.zip"):
        assert f'href="{href}"' in page
    r = client.get(f"/cases/{case_id}/appeal-package.zip?lang=en")
    assert r.status_code == 200 and r.data[:2] == b"PK"
