"""Shared fixtures (flaskr style): an app on a temporary data dir, a client, auth headers."""

from __future__ import annotations

import pytest

from companion import create_app

TOKEN = "test-token-0123456789"


@pytest.fixture
def app(tmp_path, request):
    """A companion on a fresh temporary data directory (real SQLite file).

    Tests marked `demo` get the mock seller centers mounted at /mock/ (`serve --demo`).
    """
    demo = request.node.get_closest_marker("demo") is not None
    return create_app({"TESTING": True, "DATA_DIR": str(tmp_path / "data"), "TOKEN": TOKEN, "DEMO": demo})


@pytest.fixture
def client(app):
    """Test client that sends a loopback Host."""
    return app.test_client()


@pytest.fixture
def auth():
    """Headers of a paired extension."""
    return {"Authorization": f"Bearer {TOKEN}"}
