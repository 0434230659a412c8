"""The `review-companion` command: classify over stdin and the serve command on a real socket."""

import json
import os
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

from click.testing import CliRunner

from companion.cli import main

ROOT = Path(__file__).resolve().parents[1]


def test_classify_adds_classification_and_keeps_other_keys():
    lines = [
        {"id": "a", "text": "快递太慢了，一个星期才到", "rating": 1},
        {"id": "b", "text": "The handle broke after two days.", "rating": 1, "lang": "en"},
    ]
    stdin = "\n".join(json.dumps(line, ensure_ascii=False) for line in lines) + "\n"
    result = CliRunner().invoke(main, ["classify", "--platform", "douyin"], input=stdin)
    assert result.exit_code == 0, result.output
    out = [json.loads(line) for line in result.output.splitlines()]
    assert [o["id"] for o in out] == ["a", "b"]
    assert out[0]["classification"]["primary"] == "logistics"
    assert out[1]["classification"]["primary"] == "product_quality"
    assert set(out[0]["classification"]) >= {"primary", "labels", "appeal_flags", "sentiment", "escalation_risk"}


def test_classify_bad_line_is_reported_and_the_rest_still_runs():
    stdin = '{"text": "好评"}\n{"rating": 9}\nnot json\n'
    result = CliRunner().invoke(main, ["classify"], input=stdin)
    assert result.exit_code == 1
    out = [json.loads(line) for line in result.output.splitlines()]
    assert "classification" in out[0]
    assert out[1]["error"]["field"] == "text" and out[1]["error"]["line"] == 2
    assert out[2]["error"]["code"] == "bad_json"


def test_classify_survives_deeply_nested_json_and_any_language():
    stdin = "[" * 100_000 + "\n" + json.dumps({"text": "Barang rosak, penghantar lambat sangat", "rating": 1, "lang": "ms"}) + "\n"
    result = CliRunner().invoke(main, ["classify"], input=stdin)
    assert result.exit_code == 1
    out = [json.loads(line) for line in result.output.splitlines()]
    assert out[0]["error"]["code"] == "bad_json" and out[0]["error"]["line"] == 1
    assert out[1]["classification"]["lang"] == "ms"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_serve_prints_url_and_token_and_answers_health(tmp_path):
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "companion", "serve", "--port", str(port), "--data-dir", str(tmp_path)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
    )
    try:
        lines = [proc.stdout.readline() for _ in range(3)]
        assert f"http://127.0.0.1:{port}" in lines[0]
        token = (tmp_path / "token").read_text().strip()
        assert token in lines[2]
        # The lines are flushed once waitress has bound and listens: the first request needs no retry loop.
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/v1/health", timeout=20) as r:
            assert json.load(r)["ok"] is True
            assert r.headers["Server"] == "review-companion"  # waitress, not the debug server
    finally:
        proc.terminate()
        proc.wait(10)
        proc.stdout.close()


def test_serve_refuses_non_loopback_host(tmp_path):
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--data-dir", str(tmp_path)])
    assert result.exit_code != 0
    assert "loopback" in result.output
