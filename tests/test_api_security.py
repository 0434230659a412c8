"""Loopback-only guards: Host, Origin, token."""

import pytest

EXT = "chrome-extension://dnkcfgdidihdpbndagnoaeaplochbbgb"


def test_health_needs_no_token(client):
    r = client.get("/api/v1/health")
    assert r.status_code == 200
    assert r.json["ok"] is True and r.json["service"] == "review-companion"


@pytest.mark.parametrize("path", ["/api/v1/cases", "/api/v1/cases/1", "/api/v1/evidence/1", "/api/v1/verify"])
def test_token_required(client, path):
    r = client.get(path)
    assert r.status_code == 401
    assert r.json["error"]["code"] == "unauthorized"
    assert r.json["error"]["field"] == "Authorization"
    assert client.get(path, headers={"Authorization": "Bearer wrong"}).status_code == 401


@pytest.mark.parametrize("host", ["evil.example", "127.0.0.1.evil.example:8765", "192.168.1.5:8765"])
def test_foreign_host_rejected_dns_rebinding(client, auth, host):
    r = client.get("/api/v1/health", headers={"Host": host})
    assert r.status_code == 403
    assert r.json["error"] == {"code": "bad_host", "message": r.json["error"]["message"], "field": "Host"}


@pytest.mark.parametrize("host", ["127.0.0.1:8765", "localhost:8765", "[::1]:8765", "127.0.0.1"])
def test_loopback_hosts_accepted(client, host):
    assert client.get("/api/v1/health", headers={"Host": host}).status_code == 200


@pytest.mark.parametrize("origin", ["https://evil.example", "http://127.0.0.1:9999", "chrome-extension://aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "null"])
def test_foreign_origin_rejected_even_with_token(client, auth, origin):
    r = client.post("/api/v1/classify", json={"text": "差评"}, headers={**auth, "Origin": origin})
    assert r.status_code == 403
    assert r.json["error"]["code"] == "bad_origin"
    assert r.json["error"]["field"] == "Origin"


def test_extension_origin_allowed_with_cors_headers(client, auth):
    """Once paired (tests/test_pairing.py: no id is built in; an unpaired one is refused)."""
    assert client.post("/api/v1/pairing", json={}, headers={**auth, "Origin": EXT}).status_code == 201
    r = client.get("/api/v1/health", headers={"Origin": EXT})
    assert r.status_code == 200
    assert r.headers["Access-Control-Allow-Origin"] == EXT
    pre = client.options("/api/v1/captures", headers={"Origin": EXT, "Access-Control-Request-Method": "POST"})
    assert pre.status_code == 200
    assert "Authorization" in pre.headers["Access-Control-Allow-Headers"]


def test_foreign_origin_gets_no_cors_headers_on_preflight(client):
    r = client.options("/api/v1/captures", headers={"Origin": "https://evil.example"})
    assert r.status_code == 403
    assert "Access-Control-Allow-Origin" not in r.headers


def test_token_in_query_string_is_not_accepted(client, auth):
    token = auth["Authorization"].split()[1]
    assert client.get(f"/api/v1/cases?token={token}").status_code == 401
