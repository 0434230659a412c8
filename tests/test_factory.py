import os
import stat

import pytest

from companion import create_app


def test_config_and_token_file(tmp_path):
    data = tmp_path / "d"
    app = create_app({"DATA_DIR": str(data)})
    token_file = data / "token"
    assert token_file.read_text().strip() == app.config["TOKEN"]
    assert len(app.config["TOKEN"]) >= 32
    assert stat.S_IMODE(os.stat(token_file).st_mode) == 0o600
    # A second start keeps the token: the extension stays paired.
    assert create_app({"DATA_DIR": str(data)}).config["TOKEN"] == app.config["TOKEN"]


def test_data_dir_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("REVIEW_COMPANION_HOME", str(tmp_path / "home"))
    app = create_app()
    assert app.config["DATABASE"] == str(tmp_path / "home" / "companion.db")


def test_product_app_has_no_mock_pages(tmp_path):
    app = create_app({"DATA_DIR": str(tmp_path / "d")})
    assert "mock" not in app.blueprints
    assert app.test_client().get("/mock/douyin/ffa/maftersale/comment").status_code == 404


def test_demo_mounts_the_mock_seller_centers_at_mock(tmp_path):
    client = create_app({"DATA_DIR": str(tmp_path / "d"), "DEMO": True}).test_client()
    with client.get("/mock/douyin/ffa/maftersale/comment") as resp:
        assert resp.status_code == 200 and resp.mimetype == "text/html"
    assert "/mock/tiktok/product/rating?shop_region=US" in client.get("/mock/").get_data(as_text=True)


def test_demo_without_the_demo_package_says_where_it_lives(tmp_path, monkeypatch):
    import companion

    monkeypatch.setattr(companion, "DEMO_PACKAGE", "no_such_demo_package")
    with pytest.raises(companion.DemoUnavailable, match="source checkout"):
        create_app({"DATA_DIR": str(tmp_path / "d"), "DEMO": True})
