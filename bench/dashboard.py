"""The dashboard on a big store: the pages a seller opens, timed over loopback HTTP, signed in as the
extension signs the seller in (a one-time link → session cookie).

    bench/run.py calls `measure(server, queries)` on its search store (1,000,000 reviews in full mode).

Reported (ms, median of the runs after a first, uncached one): the work queue (`/`, the most urgent 200
open cases, the reply counts, batch alerts, the shop list), a list filtered by status, a search, and the
analytics page (weekly charts over the default range). The first view is reported apart: the batch
alerts and the shop list are computed once per change of the store.
"""

from __future__ import annotations

import http.client
import statistics
import time
import urllib.parse


def _session(server) -> str:
    """The dashboard session cookie of a seller signed in through a one-time link."""
    _, body = server.ok("POST", "/api/v1/dashboard/links", {"next": "/"})
    url = urllib.parse.urlsplit(body["url"])
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=600)
    conn.request("GET", f"{url.path}?{url.query}", headers={"Host": f"127.0.0.1:{server.port}"})
    resp = conn.getresponse()
    resp.read()
    cookie = resp.getheader("Set-Cookie") or ""
    conn.close()
    if resp.status != 303 or not cookie:
        raise SystemExit(f"dashboard sign-in answered {resp.status}")
    return cookie.split(";", 1)[0]


def measure(server, text_query: str, runs: int = 3) -> dict:
    cookie = _session(server)
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=600)

    def get(path: str) -> float:
        t0 = time.perf_counter()
        conn.request("GET", path, headers={"Host": f"127.0.0.1:{server.port}", "Cookie": cookie})
        resp = conn.getresponse()
        resp.read()
        if resp.status != 200:
            raise SystemExit(f"GET {path} answered {resp.status}")
        return time.perf_counter() - t0

    out: dict = {}
    pages = {"dashboard_queue": "/", "dashboard_status": "/?status=open",
             "dashboard_search": "/?q=" + urllib.parse.quote(text_query), "dashboard_analytics": "/analytics"}
    for name, path in pages.items():
        first = get(path)
        rest = [get(path) for _ in range(runs)]
        out[f"{name}_first_ms"] = round(first * 1000, 1)
        out[f"{name}_ms"] = round(statistics.median(rest) * 1000, 1)
    conn.close()
    return out
