"""Every API error is JSON with a stable code and the offending field."""

import pytest

from factories import make_capture


def assert_error(r, status, code, field):
    assert r.status_code == status, r.json
    assert r.is_json
    assert r.json["ok"] is False
    assert r.json["error"]["code"] == code
    assert r.json["error"]["field"] == field
    assert r.json["error"]["message"]


@pytest.mark.parametrize(
    "mutate, field",
    [
        (lambda p: p.update(platform="amazon"), "platform"),
        (lambda p: p["review"].update(rating=7), "review.rating"),
        (lambda p: p.update(surprise=1), "surprise"),
        (lambda p: p.update(capture_id="../../etc"), "capture_id"),
        (lambda p: p["evidence"][0].update(kind="video"), "evidence[0].kind"),
        (lambda p: p.pop("page_url"), "page_url"),
    ],
)
def test_capture_validation_errors_name_the_field(client, auth, mutate, field):
    payload = make_capture()
    mutate(payload)
    assert_error(client.post("/api/v1/captures", json=payload, headers=auth), 422, "validation_error", field)


def test_classify_validation(client, auth):
    assert_error(client.post("/api/v1/classify", json={"rating": 1}, headers=auth), 422, "validation_error", "text")
    assert_error(client.post("/api/v1/classify", json={"text": "x", "lang": "x" * 40}, headers=auth), 422, "validation_error", "lang")
    assert_error(client.post("/api/v1/classify", json=["x"], headers=auth), 422, "validation_error", "body")


@pytest.mark.parametrize("lang, text, recorded", [
    ("ms", "Barang rosak, WhatsApp saya 0123456789 untuk harga murah", "ms"),
    ("fr", "Produit cassé à l'arrivée", "fr"),
    ("zh-CN", "质量太差了", "zh"),
    ("xx-unknown", "Barang sampai rosak dan penghantar lambat sangat", "ms"),
    (None, "Hàng giao chậm quá, chất lượng kém, shop không trả lời tin nhắn", "vi"),
])
def test_classify_never_refuses_a_language(client, auth, lang, text, recorded):
    r = client.post("/api/v1/classify", json={"text": text, "rating": 1, **({"lang": lang} if lang else {})}, headers=auth)
    assert r.status_code == 200, r.json
    assert r.json["lang"] == recorded


def test_not_json(client, auth):
    assert_error(client.post("/api/v1/classify", data="text", headers=auth), 415, "unsupported_media_type", "Content-Type")
    r = client.post("/api/v1/classify", data="{bad", headers={**auth, "Content-Type": "application/json"})
    assert_error(r, 400, "bad_json", "body")


def test_unknown_route_and_method(client, auth):
    r = client.get("/api/v1/nope", headers=auth)
    assert r.status_code == 404 and r.json["error"]["code"] == "not_found"
    r = client.delete("/api/v1/captures", headers=auth)
    assert r.status_code == 405 and r.json["error"]["code"] == "method_not_allowed"


def test_missing_things(client, auth):
    assert_error(client.get("/api/v1/cases/99", headers=auth), 404, "not_found", "case_id")
    assert_error(client.get("/api/v1/evidence/99/file", headers=auth), 404, "not_found", "evidence_id")
    assert_error(client.get("/api/v1/cases?limit=abc", headers=auth), 422, "validation_error", "limit")
    assert_error(client.get("/api/v1/history", headers=auth), 422, "validation_error", "platform")
