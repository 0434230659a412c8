"""kill -9 harness (issue 12 items 6 and 7): captures stream into a real `review-companion serve` that is killed
with SIGKILL mid-stream, again and again; nothing acknowledged may be lost, and after each restart the evidence
temp leftovers are gone, the same bytes can be sent again, and `verify` (evidence chain and case tamper log
against checkpoints.log) is clean.

    .venv/bin/python bench/kill9.py --cycles 25          # prints one JSON line
    tests/test_kill9_cycles.py runs 3 cycles in CI.

POSIX only (SIGKILL). No sleeps: the kill comes after a number of acknowledged captures, and the writers keep
sending while it lands, so some requests die in flight.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import urllib.error
import urllib.request
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def start(data_dir: Path) -> tuple[subprocess.Popen, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-m", "companion", "serve", "--port", "0", "--data-dir", str(data_dir)],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    for line in proc.stdout:
        if "listening on " in line:
            url = line.split("listening on ", 1)[1].strip()
            threading.Thread(target=lambda: [None for _ in proc.stdout], daemon=True).start()  # drain
            return proc, url
    raise RuntimeError(f"serve exited with {proc.wait()} before listening")


def capture(n: int, payload_bytes: int) -> dict:
    body = os.urandom(payload_bytes // 2).hex().encode()
    mhtml = b"From: <Saved by Blink>\r\nSnapshot-Content-Location: https://fxg.jinritemai.com/x\r\n\r\n<html>" + body + b"</html>"
    return {
        "schema_version": 1, "capture_id": uuid.uuid4().hex, "platform": "douyin", "page_kind": "review",
        "page_url": "https://fxg.jinritemai.com/ffa/maftersale/comment", "page_title": "评价管理",
        "captured_at": "2026-11-24T02:00:00.000Z", "shop": {"id": "shop-1", "name": "示例旗舰店"},
        "review": {"review_id": f"73{n:017d}", "order_id": f"49{n:017d}", "rating": 1, "text": f"物流太慢了 {n}",
                   "buyer_nick": "小***鱼", "review_time": "2026-11-23 20:15:00"},
        "evidence": [{"kind": "mhtml", "media_type": "multipart/related", "data_base64": base64.b64encode(mhtml).decode(),
                      "sha256": hashlib.sha256(mhtml).hexdigest()}],
    }


def post(url: str, token: str, payload: dict) -> int | None:
    req = urllib.request.Request(f"{url}/api/v1/captures", data=json.dumps(payload).encode(), method="POST",
                                 headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            return r.status
    except urllib.error.HTTPError as exc:
        return exc.code
    except OSError:
        return None  # the server died under the request


def get(url: str, token: str, path: str) -> tuple[int, dict]:
    req = urllib.request.Request(f"{url}{path}", headers={"Authorization": f"Bearer {token}"})
    try:
        with urllib.request.urlopen(req, timeout=120) as r:
            return r.status, json.load(r)
    except urllib.error.HTTPError as exc:
        return exc.code, {}


def run(cycles: int, per_cycle: int, writers: int, payload_bytes: int, data_dir: Path) -> dict:
    acked: dict[str, dict] = {}
    unacked: list[dict] = []
    lock = threading.Lock()
    counter = iter(range(10**9))
    errors_5xx = 0
    leftovers_seen = 0

    def resend(url: str, token: str) -> None:
        """Everything sent without an answer is sent again (same bytes, same ids): it must be stored now."""
        nonlocal errors_5xx
        for payload in list(unacked):
            status = post(url, token, payload)
            if status in (200, 201):
                acked[payload["capture_id"]] = payload
                unacked.remove(payload)
            elif status and status >= 500:
                errors_5xx += 1

    for _cycle in range(cycles):
        if (data_dir / "evidence").is_dir():
            leftovers_seen += len(list((data_dir / "evidence").rglob("*.tmp")))
        proc, url = start(data_dir)
        token = (data_dir / "token").read_text().strip()
        resend(url, token)
        enough = threading.Event()
        done_in_cycle = [0]

        def writer():
            nonlocal errors_5xx
            while True:
                with lock:
                    n = next(counter)
                payload = capture(n, payload_bytes)
                status = post(url, token, payload)
                with lock:
                    if status in (200, 201):
                        acked[payload["capture_id"]] = payload
                        done_in_cycle[0] += 1
                        if done_in_cycle[0] >= per_cycle:
                            enough.set()
                    else:
                        unacked.append(payload)
                        if status and status >= 500:
                            errors_5xx += 1
                if status is None or enough.is_set() and status not in (200, 201):
                    return

        threads = [threading.Thread(target=writer) for _ in range(writers)]
        for t in threads:
            t.start()
        enough.wait()
        os.kill(proc.pid, signal.SIGKILL)  # while the writers are still sending
        proc.wait()
        for t in threads:
            t.join()
    leftovers_seen += len(list((data_dir / "evidence").rglob("*.tmp")))
    proc, url = start(data_dir)
    try:
        token = (data_dir / "token").read_text().strip()
        leftovers_after_start = len(list((data_dir / "evidence").rglob("*.tmp")))
        resend(url, token)
        lost = [cid for cid in acked if get(url, token, f"/api/v1/captures/{cid}")[0] != 200]
        status, report = get(url, token, "/api/v1/verify")
    finally:
        proc.terminate()
        proc.wait()
    return {"cycles": cycles, "acknowledged": len(acked), "lost": len(lost), "unacknowledged_left": len(unacked),
            "errors_5xx": errors_5xx, "tmp_leftovers_found_before_restarts": leftovers_seen,
            "tmp_leftovers_after_start": leftovers_after_start, "verify_ok": bool(report.get("ok")),
            "verify_problems": report.get("problems", [])[:5], "case_log_entries": (report.get("case_log") or {}).get("entries"),
            "checkpoints": (report.get("case_log") or {}).get("checkpoints")}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cycles", type=int, default=25)
    ap.add_argument("--per-cycle", type=int, default=20, help="acknowledged captures before each kill")
    ap.add_argument("--writers", type=int, default=4)
    ap.add_argument("--payload-bytes", type=int, default=200_000)
    ap.add_argument("--data-dir", type=Path, default=None)
    args = ap.parse_args(argv)
    data_dir = args.data_dir or Path(tempfile.mkdtemp(prefix="rg-kill9-")) / "data"
    out = run(args.cycles, args.per_cycle, args.writers, args.payload_bytes, data_dir)
    print(json.dumps(out, ensure_ascii=False))
    return 0 if out["lost"] == 0 and out["verify_ok"] and out["errors_5xx"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
