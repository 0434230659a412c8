"""POST /api/v1/captures end to end on a real SQLite file and real evidence files."""

import copy
import hashlib
from pathlib import Path

from factories import PNG, make_capture


def post(client, auth, payload):
    return client.post("/api/v1/captures", json=payload, headers=auth)


def test_capture_creates_case_with_classification_drafts_and_evidence(client, auth, app):
    payload = make_capture()
    r = post(client, auth, payload)
    assert r.status_code == 201, r.json
    body = r.json
    assert body["duplicate"] is False
    assert body["case"]["platform"] == "douyin"
    assert body["case"]["order_id"] == "4912345678901234567"  # 19 digits, still a string
    assert body["classification"]["primary"] == "logistics"
    kinds = [d["kind"] for d in body["drafts"]]
    assert "public_reply" in kinds and "private_message" in kinds
    assert all(d["text"] for d in body["drafts"])
    # Reply due 24 h after the review (shown in China time).
    assert body["case"]["reply_due_at"] == "2026-11-24T12:15:00.000Z"
    # Evidence: stored under its SHA-256, bytes identical to what was sent.
    ev = {e["kind"]: e for e in body["evidence"]}
    assert ev["screenshot"]["sha256"] == hashlib.sha256(PNG).hexdigest()
    assert ev["screenshot"]["size"] == len(PNG)
    assert ev["screenshot"]["source_url"] == payload["page_url"]
    assert ev["mhtml"]["media_type"] == "multipart/related"
    for item in body["evidence"]:
        f = client.get(item["url"], headers=auth)
        assert f.status_code == 200
        assert hashlib.sha256(f.data).hexdigest() == item["sha256"] == f.headers["X-Evidence-SHA256"]
        f.close()
        stored = Path(app.config["DATA_DIR"]) / "evidence" / item["sha256"][:2]
        assert any(p.name.startswith(item["sha256"]) for p in stored.iterdir())


def test_same_capture_id_is_stored_once(client, auth):
    payload = make_capture()
    first = post(client, auth, payload)
    again = post(client, auth, copy.deepcopy(payload))
    assert first.status_code == 201 and again.status_code == 200
    assert again.json["duplicate"] is True
    assert again.json["case"]["id"] == first.json["case"]["id"]
    case = client.get(f"/api/v1/cases/{first.json['case']['id']}", headers=auth).json
    assert len(case["evidence"]) == 2 and len(case["captures"]) == 1


def test_recapture_is_a_new_version_never_an_overwrite(client, auth):
    first = post(client, auth, make_capture()).json
    second = post(client, auth, make_capture(review={"text": "物流太慢了，等了十天才到，包装也压坏了。追加：客服也不理人"})).json
    assert second["case"]["id"] == first["case"]["id"]  # same order → same case
    versions = sorted(e["version"] for e in second["evidence"] if e["kind"] == "screenshot")
    assert versions == [1, 2]
    assert len(second["captures"]) == 2
    assert second["review"]["capture_count"] == 2


def test_history_counts_earlier_cases_of_buyer_and_product(client, auth):
    post(client, auth, make_capture(review={"review_id": "r-1", "order_id": "4900000000000000001"}))
    post(client, auth, make_capture(review={"review_id": "r-2", "order_id": "4900000000000000002", "text": "质量太差，用了两天就坏了"}))
    third = post(client, auth, make_capture(review={"review_id": "r-3", "order_id": "4900000000000000003"})).json
    assert third["history"]["buyer"]["count"] == 2
    assert third["history"]["product"]["count"] == 2
    lookup = client.get("/api/v1/history?platform=douyin&buyer_nick=小***鱼&shop_id=shop-1", headers=auth).json
    assert lookup["buyer_nick"]["count"] == 3


def test_evidence_hash_mismatch_rejects_whole_capture(client, auth):
    payload = make_capture()
    payload["evidence"][0]["sha256"] = "0" * 64
    r = post(client, auth, payload)
    assert r.status_code == 422
    assert r.json["error"]["code"] == "sha256_mismatch"
    assert r.json["error"]["field"] == "evidence[0].sha256"
    assert client.get("/api/v1/cases", headers=auth).json["total"] == 0  # nothing half-stored


def test_bad_base64_is_a_clear_error(client, auth):
    payload = make_capture()
    payload["evidence"][1]["data_base64"] = "not base64!!"
    r = post(client, auth, payload)
    assert r.status_code == 422
    assert r.json["error"] == {"code": "bad_base64", "message": "Evidence data is not valid base64.", "field": "evidence[1].data_base64"}


def test_verify_detects_a_tampered_file(client, auth, app):
    body = post(client, auth, make_capture()).json
    clean = client.get("/api/v1/verify", headers=auth).json
    assert clean["ok"] is True and clean["problems"] == []
    item = body["evidence"][0]
    path = next((Path(app.config["DATA_DIR"]) / "evidence" / item["sha256"][:2]).glob(item["sha256"] + "*"))
    path.chmod(0o644)
    path.write_bytes(b"edited")
    report = client.get("/api/v1/verify", headers=auth).json
    assert report["ok"] is False
    assert {"evidence_id": item["id"], "problem": "hash_mismatch"} in report["problems"]


def test_cases_list_filters_and_csv_neutralises_formulas(client, auth):
    post(client, auth, make_capture(review={"text": "=HYPERLINK(\"http://evil\",\"点我\") 质量差", "review_id": "r-x", "order_id": "4900000000000000009"}))
    listing = client.get("/api/v1/cases?platform=douyin", headers=auth).json
    assert listing["total"] == 1
    assert client.get("/api/v1/cases?platform=tiktok", headers=auth).json["total"] == 0
    csv_text = client.get("/api/v1/cases.csv", headers=auth).data.decode("utf-8-sig")
    assert "'=HYPERLINK" in csv_text
    assert ",=HYPERLINK" not in csv_text


def test_status_correction_and_appeal_tracking(client, auth):
    case_id = post(client, auth, make_capture()).json["case"]["id"]
    r = client.patch(f"/api/v1/cases/{case_id}", json={"status": "replied"}, headers=auth)
    assert r.status_code == 200 and r.json["case"]["status"] == "replied"
    r = client.post(f"/api/v1/cases/{case_id}/corrections", json={"primary": "product_quality"}, headers=auth)
    assert r.status_code == 201 and r.json["case"]["primary"] == "product_quality"
    appeal = client.post(f"/api/v1/cases/{case_id}/appeals", json={"reason_code": "report_reason_low_politics_guns", "statement": "评价含辱骂"}, headers=auth)
    assert appeal.status_code == 201 and appeal.json["outcome"] == "pending"
    decided = client.patch(f"/api/v1/appeals/{appeal.json['id']}", json={"outcome": "accepted"}, headers=auth)
    assert decided.json["outcome"] == "accepted"
    assert client.get(f"/api/v1/cases/{case_id}", headers=auth).json["case"]["status"] == "resolved"


def test_big_ids_round_trip_as_strings(client, auth):
    payload = make_capture(review={"order_id": "4999999999999999999", "review_id": "9007199254740993"})
    body = post(client, auth, payload).json
    assert body["case"]["order_id"] == "4999999999999999999"
    assert body["review"]["review_id"] == "9007199254740993"


def test_context_capture_without_order_id_is_refused(client, auth):
    payload = make_capture(page_kind="chat", review=None)
    r = post(client, auth, payload)
    assert r.status_code == 422
    assert r.json["error"]["field"] == "order.order_id"


def test_concurrent_deliveries_of_one_capture_store_it_once(app, auth):
    """The extension may retry while a slow first delivery is still running: one case, one set of files."""
    from concurrent.futures import ThreadPoolExecutor

    payload = make_capture()

    def deliver(_):
        with app.test_client() as c:
            return c.post("/api/v1/captures", json=payload, headers=auth).status_code

    with ThreadPoolExecutor(max_workers=6) as pool:
        statuses = sorted(pool.map(deliver, range(6)))
    assert statuses == [200] * 5 + [201]
    with app.test_client() as c:
        listing = c.get("/api/v1/cases", headers=auth).json
        assert listing["total"] == 1
        case = c.get(f"/api/v1/cases/{listing['cases'][0]['id']}", headers=auth).json
        assert len(case["evidence"]) == 2
        assert c.get("/api/v1/verify", headers=auth).json["ok"] is True


def test_export_package_holds_files_manifest_and_timeline(client, auth):
    import io
    import json
    import zipfile

    body = post(client, auth, make_capture()).json
    r = client.get(f"/api/v1/cases/{body['case']['id']}/export.zip", headers=auth)
    assert r.status_code == 200 and r.mimetype == "application/zip"
    zf = zipfile.ZipFile(io.BytesIO(r.data))
    manifest = json.loads(zf.read("manifest.json"))
    assert len(manifest["files"]) == 2
    for f in manifest["files"]:
        assert hashlib.sha256(zf.read(f["file"])).hexdigest() == f["sha256"]
    timeline = zf.read("timeline.txt").decode()
    assert "review posted (1★)" in timeline and "4912345678901234567" in timeline


def test_douyin_times_are_china_time_for_deadlines(client, auth):
    body = post(client, auth, make_capture(review={"text": "垃圾，骗子，不退款就给差评"})).json
    assert body["case"]["reply_due_at"] == "2026-11-24T12:15:00.000Z"  # 20:15 +08:00 + 24 h
    assert body["advice"]["deadline"] == "2026-12-23T20:15:00+08:00"  # 30-day report window


def context_capture(kind: str, order_id: str, **fields) -> dict:
    """A capture of an order/logistics/chat/after-sales page (no review)."""
    payload = make_capture(page_kind=kind, review=None, page_url=f"https://fxg.jinritemai.com/ffa/morder/order/detail?id={order_id}")
    payload["order"] = {"order_id": order_id, **fields.pop("order", {})}
    payload["record"] = fields.pop("record", None)
    return payload


def test_context_pages_join_the_review_case_and_order_facts_reclassify(client, auth):
    """'Never arrived' + a logistics page showing a signed delivery before the review = false claim."""
    order_id = "4912345678901234567"
    first = post(client, auth, make_capture(review={"text": "压根没见到包裹，差评", "review_time": "2026-11-23 20:15:00"})).json
    assert "false_claim" not in first["classification"]["appeal_flags"]
    logistics = context_capture(
        "logistics", order_id,
        order={"sign_time": "2026-11-20 10:02:00", "carrier": "中通快递", "tracking_no": "75312345678901"},
        record={"tracking_no": "75312345678901", "carrier": "中通快递",
                "tracking_events": [{"time": "2026-11-20 10:02:00", "text": "您的快件已签收，签收人：本人"}]},
    )
    second = post(client, auth, logistics)
    assert second.status_code == 201, second.json
    body = second.json
    assert body["case"]["id"] == first["case"]["id"]
    assert [c["page_kind"] for c in body["captures"]] == ["review", "logistics"]
    assert body["order"]["sign_time"] == "2026-11-20 10:02:00"
    assert "false_claim" in body["classification"]["appeal_flags"]
    checklist = {item["id"]: item["have"] for item in body["checklist"]}
    assert checklist.get("logistics") is True


def test_context_page_first_then_review_is_one_case(client, auth):
    order_id = "4900000000000000777"
    ctx = post(client, auth, context_capture("order", order_id, order={"status": "已完成", "sign_time": "2026-11-20 10:02:00"})).json
    assert ctx["review"] is None and ctx["classification"] is None
    review = post(client, auth, make_capture(review={"order_id": order_id, "review_id": "r-777", "text": "货到现在都没见着"})).json
    assert review["case"]["id"] == ctx["case"]["id"]
    assert "false_claim" in review["classification"]["appeal_flags"]


def test_correction_moves_advice_checklist_and_drafts_to_the_new_type(client, auth):
    body = post(client, auth, make_capture()).json
    assert body["classification"]["primary"] == "logistics"
    corrected = client.post(f"/api/v1/cases/{body['case']['id']}/corrections", json={"primary": "product_quality"}, headers=auth).json
    assert corrected["case"]["primary"] == "product_quality" and corrected["case"]["corrected"] is True
    assert corrected["classification"]["primary"] == "product_quality"
    assert corrected["drafts"] and corrected["drafts"] != body["drafts"]
    # The same shop's next review with the same words is classified the corrected way.
    again = post(client, auth, make_capture(review={"review_id": "r-9", "order_id": "4900000000000000099"})).json
    assert again["classification"]["primary"] == "product_quality"


def test_lookup_tells_which_reviews_and_orders_have_a_case(client, auth):
    body = post(client, auth, make_capture()).json
    r = client.post("/api/v1/lookup", json={"platform": "douyin", "review_ids": ["7312345678901234567", "nope"],
                                            "order_ids": ["4912345678901234567", "4900000000000000000"]}, headers=auth)
    assert r.status_code == 200
    assert list(r.json["reviews"]) == ["7312345678901234567"]
    hit = r.json["reviews"]["7312345678901234567"]
    assert hit["id"] == body["case"]["id"] and hit["capture_count"] == 1 and hit["primary"] == "logistics"
    assert list(r.json["orders"]) == ["4912345678901234567"]
    assert client.post("/api/v1/lookup", json={"platform": "tiktok", "review_ids": ["7312345678901234567"]}, headers=auth).json == {"reviews": {}, "orders": {}}
    bad = client.post("/api/v1/lookup", json={"platform": "douyin", "review_ids": "x"}, headers=auth)
    assert bad.status_code == 422 and bad.json["error"]["field"] == "review_ids"
