"""Pairing binds the extension's real origin (issue 13, issue 12 item 8): no extension id is built into the
companion; a browser becomes allowed by proving the token through `POST /api/v1/pairing`, and unpairing
(API or dashboard) refuses it again. Real app, real SQLite file."""

from __future__ import annotations

import pytest

from companion import create_app

STORE_ID = "chrome-extension://abcdefghijklmnopabcdefghijklmnop"  # e.g. a Chrome Web Store install
UNPACKED = "chrome-extension://dnkcfgdidihdpbndagnoaeaplochbbgb"  # the development key's id
FIREFOX = "moz-extension://3f2a8e1c-5b7d-4c1e-9a0f-2d6b8c4e1f70"


def classify(client, auth, origin):
    return client.post("/api/v1/classify", json={"text": "差评"}, headers={**auth, "Origin": origin})


def pair(client, auth, origin, **body):
    return client.post("/api/v1/pairing", json=body, headers={**auth, "Origin": origin, "User-Agent": "Chromium/156 test"})


@pytest.mark.parametrize("origin", [UNPACKED, STORE_ID, FIREFOX])
def test_unpaired_extension_origin_is_refused_even_with_the_token(client, auth, origin):
    r = classify(client, auth, origin)
    assert r.status_code == 403
    assert r.json["error"]["code"] == "bad_origin" and r.json["error"]["field"] == "Origin"
    assert "Access-Control-Allow-Origin" not in r.headers


@pytest.mark.parametrize("origin", [STORE_ID, FIREFOX])
def test_paired_origin_is_allowed_with_cors_headers(client, auth, origin):
    r = pair(client, auth, origin, label="Shop PC")
    assert r.status_code == 201, r.json
    p = r.json["pairing"]
    assert p["origin"] == origin and p["label"] == "Shop PC" and p["user_agent"] == "Chromium/156 test"
    ok = classify(client, auth, origin)
    assert ok.status_code == 200
    assert ok.headers["Access-Control-Allow-Origin"] == origin
    pre = client.options("/api/v1/captures", headers={"Origin": origin, "Access-Control-Request-Method": "POST"})
    assert pre.status_code == 200 and pre.headers["Access-Control-Allow-Origin"] == origin
    # Another id (another extension, or the same one installed elsewhere) is still refused.
    assert classify(client, auth, UNPACKED).status_code == 403


def test_pairing_again_keeps_one_row(client, auth):
    first = pair(client, auth, STORE_ID, label="A")
    again = pair(client, auth, STORE_ID)
    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json["pairing"]["id"] == first.json["pairing"]["id"]
    assert again.json["pairing"]["label"] == "A"
    assert [p["origin"] for p in client.get("/api/v1/pairing", headers=auth).json["pairings"]] == [STORE_ID]


def test_pairing_needs_the_token(client):
    r = client.post("/api/v1/pairing", json={}, headers={"Origin": STORE_ID})
    assert r.status_code == 401
    r = client.post("/api/v1/pairing", json={}, headers={"Origin": STORE_ID, "Authorization": "Bearer wrong"})
    assert r.status_code == 401
    assert client.get("/api/v1/pairing", headers={"Authorization": "Bearer wrong"}).status_code == 401


def test_unpaired_extension_may_only_find_the_companion_and_pair(client, auth):
    assert client.get("/api/v1/health", headers={"Origin": STORE_ID}).status_code == 200
    pre = client.options("/api/v1/pairing", headers={"Origin": FIREFOX, "Access-Control-Request-Method": "POST"})
    assert pre.status_code == 200 and pre.headers["Access-Control-Allow-Origin"] == FIREFOX
    for method, path in [("get", "/api/v1/pairing"), ("get", "/api/v1/auth"), ("get", "/api/v1/cases"), ("post", "/api/v1/dashboard/links")]:
        assert getattr(client, method)(path, headers={**auth, "Origin": STORE_ID}).status_code == 403, path


@pytest.mark.parametrize("origin", [None, "https://evil.example", "http://127.0.0.1:9999", "chrome-extension://UPPER", "moz-extension://a/b"])
def test_pairing_binds_only_a_browser_extension_origin(client, auth, origin):
    r = client.post("/api/v1/pairing", json={}, headers={**auth, **({"Origin": origin} if origin else {})})
    # A web page's origin never gets past the Origin check; no Origin (curl) or a malformed one cannot pair.
    assert r.status_code in (403, 422)
    assert r.json["error"]["field"] == "Origin"
    assert client.get("/api/v1/pairing", headers=auth).json["pairings"] == []


def test_pairing_body_is_validated(client, auth):
    r = pair(client, auth, STORE_ID, label="x" * 101)
    assert r.status_code == 422 and r.json["error"]["field"] == "label"
    r = client.post("/api/v1/pairing", json={"origin": "chrome-extension://other"}, headers={**auth, "Origin": STORE_ID})
    assert r.status_code == 422
    assert client.get("/api/v1/pairing", headers=auth).json["pairings"] == []


def test_unpairing_revokes(client, auth):
    pid = pair(client, auth, FIREFOX).json["pairing"]["id"]
    assert classify(client, auth, FIREFOX).status_code == 200
    r = client.delete(f"/api/v1/pairing/{pid}", headers=auth)
    assert r.status_code == 200 and r.json["unpaired"]["origin"] == FIREFOX
    assert classify(client, auth, FIREFOX).status_code == 403
    again = client.delete(f"/api/v1/pairing/{pid}", headers=auth)
    assert again.status_code == 404 and again.json["error"]["code"] == "not_found"
    # The seller pairs it again (pastes the token): allowed again.
    assert pair(client, auth, FIREFOX).status_code == 201
    assert classify(client, auth, FIREFOX).status_code == 200


def test_pairings_survive_a_restart(tmp_path, auth):
    config = {"TESTING": True, "DATA_DIR": str(tmp_path / "data"), "TOKEN": "test-token-0123456789"}
    first = create_app(config).test_client()
    assert pair(first, auth, STORE_ID).status_code == 201
    second = create_app(config).test_client()
    assert classify(second, auth, STORE_ID).status_code == 200
    assert classify(second, auth, FIREFOX).status_code == 403


def test_dashboard_lists_and_unpairs_browsers(client, auth):
    assert 'href="/settings/browsers?lang=en"' in client.get("/?lang=en").get_data(as_text=True)
    pid = pair(client, auth, STORE_ID, label="<b>Front desk</b>").json["pairing"]["id"]
    page = client.get("/settings/browsers?lang=en")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert STORE_ID in html and "&lt;b&gt;Front desk&lt;/b&gt;" in html and "<b>Front desk" not in html
    # Only from the dashboard itself: another site's form (or none) cannot unpair.
    assert client.post(f"/settings/browsers/{pid}/unpair", headers={"Origin": "https://evil.example"}).status_code == 403
    assert client.post(f"/settings/browsers/{pid}/unpair").status_code == 403
    assert classify(client, auth, STORE_ID).status_code == 200
    r = client.post(f"/settings/browsers/{pid}/unpair", headers={"Origin": "http://localhost"})
    assert r.status_code == 303 and r.headers["Location"].startswith("/settings/browsers?unpaired=")
    assert classify(client, auth, STORE_ID).status_code == 403
    assert "No browser paired yet" in client.get("/settings/browsers?lang=en").get_data(as_text=True)


def test_dashboard_browsers_page_needs_the_session(app):
    anonymous = app.test_client()
    assert anonymous.get("/settings/browsers").status_code == 401
    assert anonymous.post("/settings/browsers/1/unpair", headers={"Origin": "http://localhost"}).status_code == 401


def bearer(token):
    return {"Authorization": f"Bearer {token}"}


def test_pairing_gives_the_browser_its_own_credential_bound_to_its_origin(client, auth):
    r = pair(client, auth, STORE_ID)
    own = r.json["token"]
    assert own.startswith("rgp_") and auth["Authorization"].split()[1] not in own
    assert pair(client, auth, STORE_ID).json["token"] == own, "pairing again keeps the credential"
    assert "token" not in str(client.get("/api/v1/pairing", headers=auth).json)
    assert classify(client, bearer(own), STORE_ID).status_code == 200
    # Browsers send no Origin on some GETs: the credential alone works there too.
    assert client.get("/api/v1/cases", headers=bearer(own)).status_code == 200
    # From another (even paired) origin, or to pair, it is not the companion's token.
    pair(client, auth, FIREFOX)
    assert classify(client, bearer(own), FIREFOX).status_code == 401
    assert client.post("/api/v1/pairing", json={}, headers={**bearer(own), "Origin": STORE_ID}).status_code == 401
    # Made up or altered: refused.
    forged = own[:-2] + ("AA" if not own.endswith("AA") else "BB")
    assert client.get("/api/v1/cases", headers=bearer(forged)).status_code == 401
    assert client.get("/api/v1/cases", headers=bearer("rgp_99_" + own.split("_", 2)[2])).status_code == 401


def test_unpairing_revokes_the_credential_even_without_an_origin(client, auth):
    r = pair(client, auth, STORE_ID)
    own, pid = r.json["token"], r.json["pairing"]["id"]
    assert client.get("/api/v1/summary", headers=bearer(own)).status_code == 200
    assert client.delete(f"/api/v1/pairing/{pid}", headers=bearer(own)).status_code == 200
    assert client.get("/api/v1/summary", headers=bearer(own)).status_code == 401
    assert classify(client, bearer(own), STORE_ID).status_code == 403
    # Paired again (the seller pastes the token): a new credential; the old one stays dead.
    again = pair(client, auth, STORE_ID).json["token"]
    assert again != own
    assert client.get("/api/v1/summary", headers=bearer(again)).status_code == 200
    assert client.get("/api/v1/summary", headers=bearer(own)).status_code == 401


def test_a_non_ascii_bearer_is_a_401_not_a_500(client):
    assert client.get("/api/v1/cases", headers={"Authorization": "Bearer 令牌"}).status_code == 401
