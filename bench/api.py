"""Benchmark the companion over real HTTP on loopback (waitress in a separate process).

Prints, side by side with a baseline (the empty `GET /api/v1/health`), the cost of:
  * `POST /api/v1/captures` with a 30 KB screenshot and a 200 KB MHTML (classify + drafts + evidence + fsync),
  * `GET /api/v1/cases/<id>` (the panel's view of a case, with history),
  * `POST /api/v1/classify`.

Run: .venv/bin/python bench/api.py [--n 200]
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

from rich.console import Console
from rich.table import Table

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def capture(i: int, png: bytes, mhtml: bytes) -> dict:
    return {
        "capture_id": uuid.uuid4().hex,
        "platform": "douyin",
        "page_url": "https://fxg.jinritemai.com/ffa/maftersale/comment",
        "captured_at": "2026-11-24T02:00:00Z",
        "shop": {"id": "bench-shop", "name": "bench"},
        "review": {
            "review_id": f"73{i:017d}",
            "order_id": f"49{i:017d}",
            "product_id": f"36{i % 50:011d}",
            "rating": 1,
            "text": ["物流太慢了，等了十天才到，包装也压坏了", "质量很差，用了两天就坏了，客服也不理人", "和图片完全不一样，颜色差太多"][i % 3],
            "buyer_nick": f"买***{i % 40}",
            "review_time": "2026-11-23 20:15:00",
        },
        "evidence": [
            {"kind": "screenshot", "media_type": "image/png", "data_base64": base64.b64encode(png).decode(), "sha256": hashlib.sha256(png).hexdigest()},
            {"kind": "mhtml", "media_type": "multipart/related", "data_base64": base64.b64encode(mhtml).decode()},
        ],
    }


def timed(conn, method, path, body=None, headers=None) -> tuple[float, dict]:
    data = json.dumps(body, ensure_ascii=False).encode() if body is not None else None
    h = {"Host": conn.host_header, **(headers or {})}
    if data is not None:
        h["Content-Type"] = "application/json"
    t0 = time.perf_counter()
    conn.request(method, path, body=data, headers=h)
    resp = conn.getresponse()
    payload = resp.read()
    dt = time.perf_counter() - t0
    if resp.status >= 400:
        raise SystemExit(f"{method} {path} -> {resp.status}: {payload[:300]!r}")
    return dt, json.loads(payload)


def summarise(name: str, samples: list[float], base: float) -> list[str]:
    ms = [s * 1000 for s in samples]
    mean = statistics.fmean(ms)
    p95 = statistics.quantiles(ms, n=20)[18] if len(ms) >= 20 else max(ms)
    return [name, f"{len(ms)}", f"{mean:.2f}", f"{statistics.median(ms):.2f}", f"{p95:.2f}", f"{1000 / mean:.0f}", f"{mean / base:.1f}×"]


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=200, help="requests per endpoint")
    args = ap.parse_args()
    port = free_port()
    with tempfile.TemporaryDirectory() as tmp:
        proc = subprocess.Popen(
            [sys.executable, "-m", "companion", "serve", "--port", str(port), "--data-dir", tmp],
            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        try:
            for _ in range(3):
                proc.stdout.readline()
            token = Path(tmp, "token").read_text().strip()
            auth = {"Authorization": f"Bearer {token}"}
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            conn.host_header = f"127.0.0.1:{port}"
            for _ in range(100):
                try:
                    timed(conn, "GET", "/api/v1/health")
                    break
                except OSError:
                    time.sleep(0.1)
                    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                    conn.host_header = f"127.0.0.1:{port}"
            rng = __import__("random").Random(7)
            png = bytes(rng.getrandbits(8) for _ in range(30_000))
            mhtml = ("MIME-Version: 1.0\r\n\r\n" + "<div>评价内容</div>" * 12_000).encode()
            # warm-up (jieba dictionary load, first connection)
            timed(conn, "POST", "/api/v1/classify", {"text": "预热"}, auth)

            health = [timed(conn, "GET", "/api/v1/health")[0] for _ in range(args.n)]
            classify = [timed(conn, "POST", "/api/v1/classify", {"text": "快递太慢了，客服态度也差", "rating": 1}, auth)[0] for _ in range(args.n)]
            captures, case_ids = [], []
            for i in range(args.n):
                dt, body = timed(conn, "POST", "/api/v1/captures", capture(i, png, mhtml), auth)
                captures.append(dt)
                case_ids.append(body["case"]["id"])
            cases = [timed(conn, "GET", f"/api/v1/cases/{cid}", None, auth)[0] for cid in case_ids]
        finally:
            proc.terminate()
            proc.wait(10)
    base = statistics.fmean(health) * 1000
    table = Table(title=f"companion over loopback HTTP (waitress, keep-alive), n={args.n}")
    for col in ("endpoint", "n", "mean ms", "p50 ms", "p95 ms", "req/s", "vs baseline"):
        table.add_column(col, justify="right" if col != "endpoint" else "left")
    table.add_row(*summarise("GET /health (baseline)", health, base))
    table.add_row(*summarise("POST /classify", classify, base))
    table.add_row(*summarise("POST /captures (230 KB evidence)", captures, base))
    table.add_row(*summarise("GET /cases/<id>", cases, base))
    Console().print(table)


if __name__ == "__main__":
    main()
