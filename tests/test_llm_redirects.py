"""Issue 12 item 3: the model key never leaves the configured loopback origin (no redirects, no proxy)."""

import json
import socket
import threading
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from companion.store.sqlite import connect
from companion.llm import LlmSettings, ModelError, complete
from factories import make_capture


class Recorder:
    """An HTTP server that records every request it gets (method, path, Authorization) and answers `status`."""

    def __init__(self, host: str, status: int = 200, location: str | None = None):
        self.requests: list[tuple[str, str, str | None]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def _any(self):
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                outer.requests.append((self.command, self.path, self.headers.get("Authorization")))
                data = json.dumps({"choices": [{"message": {"role": "assistant", "content": "被转发的回复，谢谢您。"}}]}).encode()
                self.send_response(status)
                if location:
                    self.send_header("Location", location)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_POST = do_PUT = _any

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer((host, 0), Handler)
        self.url = f"http://{host}:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def other_loopback_host() -> str:
    """127.0.0.2 where the system routes it (Linux), else another port on 127.0.0.1."""
    try:
        with socket.socket() as s:
            s.bind(("127.0.0.2", 0))
        return "127.0.0.2"
    except OSError:
        return "127.0.0.1"


@pytest.fixture
def elsewhere():
    server = Recorder(other_loopback_host())
    yield server
    server.close()


@pytest.mark.parametrize("status", [301, 302, 303, 307, 308])
def test_a_redirect_is_refused_and_the_key_goes_nowhere_else(client, auth, app, elsewhere, status):
    redirector = Recorder("127.0.0.1", status=status, location=f"{elsewhere.url}/v1/chat/completions")
    try:
        r = client.put("/api/v1/settings", headers=auth, json={"llm": {
            "enabled": True, "base_url": redirector.url, "model": "qwen", "api_key": "sk-secret-key", "timeout_s": 10}})
        assert r.status_code == 200, r.json
        case_id = client.post("/api/v1/captures", json=make_capture(), headers=auth).json["case"]["id"]
        r = client.post(f"/api/v1/cases/{case_id}/drafts/rewrite", headers=auth)
        assert r.status_code == 200, r.json
        drafts = r.json["drafts"]
    finally:
        redirector.close()
    assert redirector.requests and {req[0] for req in redirector.requests} == {"POST"}  # one per draft kind
    assert redirector.requests[0][2] == "Bearer sk-secret-key"  # the configured origin got it, as it should
    assert elsewhere.requests == []  # the other loopback server received nothing at all
    assert all(d["source"] == "template" for d in drafts)
    refused = [f for d in drafts for f in d["lint"] if f["code"] == "model_redirect_refused"]
    assert refused and str(status) in refused[0]["message"] and "never followed" in refused[0]["message"]
    db = connect(app.config["DATABASE"])
    try:
        assert db.execute("select count(*) from drafts where source = 'model'").fetchone()[0] == 0
    finally:
        db.conn.close()


def test_an_environment_proxy_never_gets_the_request(monkeypatch, elsewhere):
    model = Recorder("127.0.0.1")
    monkeypatch.setenv("http_proxy", elsewhere.url)
    monkeypatch.setenv("HTTP_PROXY", elsewhere.url)
    monkeypatch.setenv("no_proxy", "")
    monkeypatch.setenv("NO_PROXY", "")
    monkeypatch.setattr(urllib.request, "_opener", None)  # urlopen's global opener reads the environment once
    try:
        text = complete(LlmSettings(enabled=True, base_url=model.url, api_key="sk-secret-key"), "hi")
    finally:
        model.close()
    assert text and len(model.requests) == 1
    assert elsewhere.requests == []


def test_settings_built_in_code_with_a_remote_url_send_nothing(elsewhere):
    llm = LlmSettings.model_construct(enabled=True, base_url="http://192.0.2.1:9", model="m", api_key="sk-secret-key", timeout_s=1)
    with pytest.raises(ModelError, match="nothing leaves the machine"):
        complete(llm, "hi")
