"""A stand-in for a local OpenAI-compatible model server (test helper; not in the installed product).

Used by the unit tests and the e2e tests of the optional "rewrite with local model" feature; it
answers over real HTTP on 127.0.0.1 like Ollama or llama.cpp's server would.
"""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


class FakeModel:
    """`POST /v1/chat/completions` → `{"choices": [{"message": {"content": answer}}]}`; records each request."""

    def __init__(self, answer: str = "感谢您的反馈，给您带来不便非常抱歉。我们已私信联系您，会尽快为您妥善处理。"):
        self.answer = answer
        self.requests: list[tuple[str, dict, str | None]] = []
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                outer.requests.append((self.path, body, self.headers.get("Authorization")))
                data = json.dumps({"choices": [{"message": {"role": "assistant", "content": outer.answer}}]}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self) -> None:
        """Stop serving and free the port."""
        self.server.shutdown()
        self.server.server_close()
