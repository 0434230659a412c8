"""The companion frozen with PyInstaller (issue 13): scripts/build_companion.py builds the one-folder program once, then
the frozen executable — no Python of ours involved — serves on a free port with a temp data dir, answers health, stores
one capture and passes `verify`. Marked `frozen_build` (it takes a minute or two: `-m "not frozen_build"` leaves it
out of a quick local run); scripts/test and CI run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from factories import make_capture

ROOT = Path(__file__).resolve().parents[1]
pytestmark = pytest.mark.frozen_build


@pytest.fixture(scope="module")
def frozen(tmp_path_factory) -> Path:
    try:
        import PyInstaller  # noqa: F401
    except ModuleNotFoundError:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("PyInstaller missing: scripts/test installs the `build` extra")
        pytest.skip("PyInstaller not installed (pip install -e '.[build]' -c constraints.txt)")
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import build_companion
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    out = tmp_path_factory.mktemp("frozen")
    try:
        return build_companion.build(out / "dist", out / "work", quiet=True)
    except subprocess.CalledProcessError as exc:
        pytest.fail(f"PyInstaller failed:\n{(exc.stdout or '')[-3000:]}\n{(exc.stderr or '')[-3000:]}")


def clean_env(tmp_path: Path) -> dict:
    """No PYTHONPATH or venv: the frozen program must find everything in its own folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    return {**env, "HOME": str(tmp_path / "home")}


def test_frozen_folder_holds_the_product_only(frozen):
    internal = frozen.parent / "_internal"
    assert (internal / "companion" / "classifier" / "model" / "types.json").is_file()
    assert any((internal / "companion" / "templates").glob("*.html")) and any((internal / "companion" / "rules").glob("*.json"))
    assert (internal / "jieba" / "dict.txt").is_file()
    everything = [p.relative_to(frozen.parent).as_posix() for p in frozen.parent.rglob("*")]
    assert [p for p in everything if "demo_seller_centers" in p or "review_guard_testing" in p or "/mock/" in p] == []


def test_frozen_program_serves_captures_and_verifies(frozen, tmp_path):
    from companion import __version__

    env = clean_env(tmp_path)
    version = subprocess.run([str(frozen), "--version"], capture_output=True, text=True, env=env, timeout=300)
    assert version.returncode == 0 and __version__ in version.stdout
    data = tmp_path / "data"
    proc = subprocess.Popen([str(frozen), "serve", "--port", "0", "--data-dir", str(data)], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    lines: list[str] = []
    try:
        for line in proc.stdout:
            lines.append(line.rstrip("\n"))
            if line.startswith("Dashboard:") or "Traceback" in line:
                break
        assert lines and " listening on http://127.0.0.1:" in lines[0], "\n".join(lines)
        url = lines[0].split(" listening on ", 1)[1].strip()
        token = (data / "token").read_text().strip()
        assert any(token in line for line in lines)  # first start: the token is shown once
        with urllib.request.urlopen(f"{url}/api/v1/health", timeout=60) as r:
            assert json.load(r)["ok"] is True
        capture = make_capture()
        req = urllib.request.Request(f"{url}/api/v1/captures", data=json.dumps(capture, ensure_ascii=False).encode(),
                                     headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=120) as r:
            assert r.status == 201
            body = json.load(r)
        assert body["case"]["id"] and body["classification"]["primary"] == "logistics"  # the model and lexicons are in
        assert len(body["evidence"]) == 2 and body["drafts"]  # the drafting rules and templates are in
    finally:
        proc.terminate()
        proc.wait(60)
        proc.stdout.close()
    verify = subprocess.run([str(frozen), "verify", "--data-dir", str(data)], capture_output=True, text=True, env=env, timeout=300)
    assert verify.returncode == 0, verify.stdout + verify.stderr
    assert "2 evidence items checked, 0 problems" in verify.stdout
