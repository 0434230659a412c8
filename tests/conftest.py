"""Shared fixtures (flaskr style): an app on a temporary data dir, a client, auth headers."""

from __future__ import annotations

from datetime import datetime, timezone
from urllib.parse import urlsplit

import pytest

from companion import create_app

TOKEN = "test-token-0123456789"
# The companion's clock in every test: the morning after the factories' review (2026-11-23 20:15
# Beijing time), so reply and appeal windows never depend on the day the suite runs.
NOW = datetime(2026, 11, 24, 4, 0, tzinfo=timezone.utc)


@pytest.fixture(autouse=True)
def clock(monkeypatch):
    """Pin the companion's clock (`companion.store.clock.utcnow`) to NOW; a test may pin it elsewhere."""
    from companion.store import clock

    monkeypatch.setattr(clock, "utcnow", lambda: NOW)
    return NOW


@pytest.fixture
def app(tmp_path, request):
    """A companion on a fresh temporary data directory (real SQLite file).

    Tests marked `demo` get the mock seller centers mounted at /mock/ (`serve --demo`).
    """
    demo = request.node.get_closest_marker("demo") is not None
    return create_app({"TESTING": True, "DATA_DIR": str(tmp_path / "data"), "TOKEN": TOKEN, "DEMO": demo})


def sign_in(client, next_path: str = "/") -> None:
    """Sign a test client in to the dashboard as the extension does (one-time link → session cookie)."""
    link = client.post("/api/v1/dashboard/links", json={"next": next_path}, headers={"Authorization": f"Bearer {TOKEN}"})
    assert link.status_code == 201, link.get_json()
    url = urlsplit(link.get_json()["url"])
    assert client.get(f"{url.path}?{url.query}").status_code == 303


@pytest.fixture
def client(app):
    """Test client that sends a loopback Host, signed in to the dashboard like a seller who opened it from the
    extension's popup (tests/test_dashboard_session.py checks the rules without a session)."""
    c = app.test_client()
    sign_in(c)
    return c


@pytest.fixture
def auth():
    """Headers of a paired extension."""
    return {"Authorization": f"Bearer {TOKEN}"}
