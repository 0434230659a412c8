"""The signed-in dashboard (issue 10): a one-time link from the extension sets an HttpOnly, SameSite=Strict
session cookie; every dashboard page, form and download needs it; the token is never in a URL."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

# The token tests/conftest.py gives the app (tests must not import conftest: with e2e/ in the same run
# "conftest" is whichever folder's was imported first).
TOKEN = "test-token-0123456789"
from factories import make_capture

AUTH = {"Authorization": f"Bearer {TOKEN}"}


@pytest.fixture
def anonymous(app):
    """A browser that never signed in."""
    return app.test_client()


def link(client, next_path="/", **kw):
    r = client.post("/api/v1/dashboard/links", json={"next": next_path}, headers=AUTH, **kw)
    assert r.status_code == 201, r.get_json()
    url = urlsplit(r.get_json()["url"])
    return f"{url.path}?{url.query}", r.get_json()


def test_every_dashboard_route_needs_the_session(app, anonymous, client):
    case_id = client.post("/api/v1/captures", json=make_capture(), headers=AUTH).get_json()["case"]["id"]
    for path in ("/", "/?q=物流", f"/cases/{case_id}", f"/cases/{case_id}/export.zip", f"/cases/{case_id}/appeal-package.zip"):
        r = anonymous.get(path)
        assert r.status_code == 401, path
        assert "toolbar" in r.get_data(as_text=True) or "工具栏" in r.get_data(as_text=True)
        assert client.get(path).status_code == 200, path  # the signed-in client
    r = anonymous.post(f"/cases/{case_id}/status", data={"status": "closed"}, headers={"Origin": "http://localhost"})
    assert r.status_code == 401
    assert client.get(f"/api/v1/cases/{case_id}", headers=AUTH).get_json()["case"]["status"] == "open"
    # The token alone does not open the dashboard, in a header or anywhere else.
    assert anonymous.get("/", headers=AUTH).status_code == 401
    assert anonymous.get(f"/?token={TOKEN}").status_code == 401


def test_one_time_link_sets_an_httponly_strict_cookie(anonymous):
    path, body = link(anonymous, "/cases/1?lang=en")
    assert body["expires_in"] == 60 and TOKEN not in body["url"]
    r = anonymous.get(path)
    assert r.status_code == 303 and r.headers["Location"] == "/cases/1?lang=en"
    cookie = r.headers["Set-Cookie"]
    assert cookie.startswith("rg_session=") and "HttpOnly" in cookie and "SameSite=Strict" in cookie and "Path=/" in cookie
    assert TOKEN not in cookie
    assert anonymous.get("/").status_code == 200
    # Used once: the same link (e.g. from the history) signs no other browser in.
    other = anonymous.application.test_client()
    r = other.get(path)
    assert r.status_code == 303 and r.headers["Location"] == "/" and "Set-Cookie" not in r.headers
    assert other.get("/").status_code == 401
    # A signed-in browser following an old link just lands on the dashboard.
    assert anonymous.get(path, follow_redirects=True).status_code == 200


def test_links_expire_and_bad_codes_are_refused(app, anonymous, monkeypatch):
    from companion import session

    path, _ = link(anonymous)
    sessions = session.sessions(app)
    now = sessions._clock()
    monkeypatch.setattr(sessions, "_clock", lambda: now + session.CODE_TTL_S + 1)
    for p in (path, *(f"/signin?code={code}" for code in ("", "x", "A" * 5000, "%00", "../../"))):
        r = anonymous.get(p)
        assert r.status_code == 303 and r.headers["Location"] == "/" and "Set-Cookie" not in r.headers, p
    assert anonymous.get("/").status_code == 401


def test_link_needs_the_token_and_a_local_next(anonymous):
    r = anonymous.post("/api/v1/dashboard/links", json={})
    assert r.status_code == 401 and r.get_json()["error"]["code"] == "unauthorized"
    for bad in ("//evil.example/", "https://evil.example/", "javascript:alert(1)", "\\\\evil", "/\x00", 5, None, "/" + "a" * 3000):
        r = anonymous.post("/api/v1/dashboard/links", json={"next": bad}, headers=AUTH)
        assert r.status_code == 422 and r.get_json()["error"]["field"] == "next", bad
    # A foreign page cannot ask for a link even with the token (Origin refused).
    r = anonymous.post("/api/v1/dashboard/links", json={}, headers={**AUTH, "Origin": "https://evil.example"})
    assert r.status_code == 403
    # No body at all is fine: the dashboard's front page.
    r = anonymous.post("/api/v1/dashboard/links", headers=AUTH)
    assert r.status_code == 201
