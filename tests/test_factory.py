import os
import stat

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
