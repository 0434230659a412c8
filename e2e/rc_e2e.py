"""Helpers shared by the e2e tests and their fixtures (a plain module: tests must not import conftest)."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import socket
import subprocess
import sys
import threading
import urllib.parse
import urllib.request
import uuid
from datetime import datetime, timedelta, timezone
from pathlib import Path

from demo_seller_centers import douyin as douyin_mock
from rc_build import open_shadow_extension

ROOT = Path(__file__).resolve().parents[1]
EXTENSION_DIR = ROOT / "extension"
EXTENSION_ID = "dnkcfgdidihdpbndagnoaeaplochbbgb"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
FXG = "https://fxg.jinritemai.com"
DOUYIN_PAGE = f"{FXG}/ffa/maftersale/comment"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--lang=en-US",
]


def launch_extension(playwright, profile_dir, *, headless: bool, lang: str = "en-US", timezone: str | None = None,
                     viewport: tuple[int, int] = (1400, 900)):
    """A persistent Chromium context with the unpacked extension loaded, in a browser language and time zone.

    The extension is e2e/rc_build.py's copy, whose panels' shadow roots are open to Playwright's locators."""
    ext = open_shadow_extension()
    return playwright.chromium.launch_persistent_context(
        str(profile_dir),
        executable_path=CHROMIUM,
        headless=headless,
        args=[f"--disable-extensions-except={ext}", f"--load-extension={ext}",
              *[a for a in CHROMIUM_ARGS if not a.startswith("--lang=")], f"--lang={lang}"],
        viewport={"width": viewport[0], "height": viewport[1]},
        locale=lang,
        **({"timezone_id": timezone} if timezone else {}),
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Companion:
    """The real companion (`python -m companion serve --demo`) in a subprocess; stop()/start() keep port and data.

    `--demo` mounts the mock seller centers at /mock/ (some tests open them there); the process runs
    from the checkout, so `demo_seller_centers` is importable."""

    def __init__(self, data_dir: Path, port: int | None = None):
        self.data_dir = data_dir
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None
        self.token = ""
        self.log = data_dir.parent / f"companion-{self.port}.log"

    def start(self, timeout: float = 60.0) -> "Companion":
        """Start it and return once it listens: `serve` prints its URL only after the socket is bound (and after the
        classifier, its dictionary and the capture path are warmed up: a few seconds of CPU, far more on a loaded
        CI machine — hence the generous timeout; bench/run.py measures the start itself)."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "companion", "serve", "--host", "127.0.0.1", "--port", str(self.port),
             "--data-dir", str(self.data_dir), "--demo"],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        )
        listening = threading.Event()
        threading.Thread(target=self._copy_output, args=(self.proc, listening), daemon=True).start()
        if not listening.wait(timeout) or self.proc.poll() is not None:
            self.stop()
            raise RuntimeError(f"companion did not start listening: {self.log.read_text()[-2000:]}")
        with urllib.request.urlopen(f"{self.url}/api/v1/health", timeout=10) as r:
            assert r.status == 200
        self.token = (self.data_dir / "token").read_text().strip()
        return self

    def _copy_output(self, proc: subprocess.Popen, listening: threading.Event) -> None:
        """Append the process's output to the log; set `listening` at its "listening on" line (or when it exits)."""
        with open(self.log, "ab") as log:
            for line in proc.stdout:
                log.write(line)
                log.flush()
                if b" listening on http://" in line:
                    listening.set()
        proc.stdout.close()
        listening.set()

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.proc = None

    def request(self, path: str, *, raw: bool = False, token: str | None = None):
        """GET `path` with the token; JSON by default, bytes with raw=True."""
        req = urllib.request.Request(self.url + path, headers={"Authorization": f"Bearer {token or self.token}"})
        with urllib.request.urlopen(req, timeout=10) as r:
            body = r.read()
        return body if raw else json.loads(body)

    def cases(self, **params) -> dict:
        return self.request("/api/v1/cases?" + urllib.parse.urlencode({"limit": 500, **params}))


def pair(context, extension_id: str, url: str, token: str) -> None:
    """Pair like a seller: open Options, paste URL and token, Save — the worker pairs this browser with the companion
    (`POST /api/v1/pairing`, which records the extension's origin); wait until it says how that went (English or Chinese UI)."""
    from playwright.sync_api import expect

    opts = context.new_page()
    console: list[str] = []
    opts.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
    opts.on("pageerror", lambda e: console.append(f"pageerror: {e}"))
    saved = opts.get_by_test_id("rc-opt-saved")
    # "Saved — this browser is paired …", or with a wrong token "Saved, but the companion refused the token …".
    done = saved.filter(has_text=re.compile(r"^(Saved|已保存)"))
    seen = []
    for attempt in range(2):
        if attempt == 0:
            opts.goto(f"chrome-extension://{extension_id}/options/options.html")
        else:
            opts.reload()
        # Ready when the page's script has asked the worker for the saved settings and filled the URL field in
        # (what the seller sees before typing); a Save clicked earlier had no handler yet and reloaded the page
        # (seen under load in full CI runs: the status line stayed empty).
        try:
            expect(opts.get_by_test_id("rc-opt-url")).not_to_have_value("", timeout=30000)
        except AssertionError:
            pass
        opts.get_by_test_id("rc-opt-url").fill(url)
        opts.get_by_test_id("rc-opt-token").fill(token)
        opts.get_by_test_id("rc-opt-save").click()
        try:
            done.wait_for(timeout=20000)
            opts.close()
            return
        except Exception:
            seen.append(saved.text_content())
    raise AssertionError(f"Options did not say Saved; it said {seen!r}; console: {console[-10:]!r}")


def route_douyin(context) -> None:
    """Serve the Douyin mock (same files and list API as the companion's /mock/douyin/) on fxg."""

    def handle(route):
        url = urllib.parse.urlsplit(route.request.url)
        path = url.path.lstrip("/")
        if path.startswith(douyin_mock.ASSET_PREFIX):
            f = douyin_mock.static_file(path[len(douyin_mock.ASSET_PREFIX):])
            if f is None:
                return route.fulfill(status=404, body="not found")
            return route.fulfill(path=str(f))
        if path == douyin_mock.LIST_PATH:
            args = dict(urllib.parse.parse_qsl(url.query))
            return route.fulfill(status=200, content_type="application/json",
                                 body=json.dumps(douyin_mock.comment_list(args), ensure_ascii=False))
        if path == douyin_mock.LOGIN_PATH:
            return route.fulfill(status=200, content_type="text/html; charset=utf-8", body=douyin_mock.LOGIN_FILE.read_bytes())
        if path in douyin_mock.PAGE_PATHS or path == "":
            return route.fulfill(status=200, content_type="text/html; charset=utf-8",
                                 body=(douyin_mock.STATIC_DIR / "index.html").read_bytes())
        return route.fulfill(status=404, body="not found")

    context.route(f"{FXG}/**", handle)


def route_mock(target, module, *, patterns=(), fallback: bool = False) -> None:
    """Serve a mock module's pages on the real hosts (its `ROUTE_PATTERNS`, plus `patterns`).

    `target` is a context or a page. A URL the module does not serve gets a 404, or, with
    `fallback`, goes on to the routes registered before (Playwright runs the newest match first).
    """

    def handle(route):
        answer = module.route_handler(route.request.url)
        if answer is None:
            return route.fallback() if fallback else route.fulfill(status=404, body="not mocked")
        status, ctype, body = answer
        route.fulfill(status=status, content_type=ctype, body=body)

    for pattern in (*module.ROUTE_PATTERNS, *patterns):
        target.route(pattern, handle)


def route_douyin_context(context) -> None:
    """Serve the Douyin context mock (order detail, logistics, after-sales, 飞鸽) on fxg/im hosts.

    Registered after `route_douyin`, so these patterns win for their paths and everything else
    falls back to the 评价管理 mock."""
    from demo_seller_centers import douyin_context

    route_mock(context, douyin_context, fallback=True)


def capture_posts(service_worker) -> None:
    """Record the JSON bodies the service worker POSTs (read back with `posted_captures`)."""
    service_worker.evaluate("""() => {
      if (self.__rcPosts) return;
      self.__rcPosts = [];
      const realFetch = self.fetch.bind(self);
      self.fetch = (url, opts) => {
        if (opts && opts.method === 'POST' && String(url).endsWith('/api/v1/captures')) self.__rcPosts.push(opts.body);
        return realFetch(url, opts);
      };
    }""")


def posted_captures(service_worker) -> list[dict]:
    return [json.loads(b) for b in service_worker.evaluate("() => self.__rcPosts || []")]


def douyin_review_row(page, order_id: str):
    """The mock 评价管理 table row of the review on one order."""
    comment = next(c for c in douyin_mock.load_data()["comments"] if c["order_id"] == order_id)
    return page.locator(f'tr.auxo-table-row[data-row-key="{comment["id"]}"]')


def capture_douyin_review(page, url: str, order_id: str, timeout: int = 15000):
    """Open the review list, capture the review on `order_id`; (its row, the case id) once the panel shows the result."""
    from playwright.sync_api import expect

    page.goto(url)
    page.locator("tr.auxo-table-row rc-panel").first.wait_for()
    r = douyin_review_row(page, order_id)
    r.get_by_test_id("rc-capture").click()
    expect(r.get_by_test_id("rc-type")).to_be_visible(timeout=timeout)
    return r, int(r.get_by_test_id("rc-case").get_attribute("data-case-id"))


# ------------------------------------------------------------------------------------ companion data for dashboard tests
PNG = base64.b64decode("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==")
BEIJING = timezone(timedelta(hours=8))


def api(companion, method: str, path: str, body: dict | None = None) -> dict:
    """One call of the companion's API with its token (JSON in and out)."""
    req = urllib.request.Request(companion.url + path, data=None if body is None else json.dumps(body).encode(), method=method,
                                 headers={"Authorization": f"Bearer {companion.token}", "Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=20) as r:
        return json.loads(r.read() or b"{}")


def store_case(companion, review_id: str, due_at: datetime, text: str, *, product: str = "便携式榨汁杯",
               product_id: str | None = None) -> int:
    """A Douyin capture whose public reply is due at `due_at` (24 h after the review, shown in Beijing time)."""
    review_time = (due_at - timedelta(hours=24)).astimezone(BEIJING).strftime("%Y-%m-%d %H:%M:%S")
    review = {"review_id": review_id, "order_id": "49" + review_id[-17:], "rating": 1, "text": text,
              "review_time": review_time, "product_title": product}
    if product_id:
        review["product_id"] = product_id
    capture = {
        "schema_version": 1, "capture_id": uuid.uuid4().hex, "platform": "douyin", "page_kind": "review",
        "page_url": "https://fxg.jinritemai.com/ffa/maftersale/comment", "page_title": "评价管理",
        "captured_at": datetime.now(timezone.utc).isoformat(timespec="milliseconds").replace("+00:00", "Z"),
        "review": review,
        "evidence": [{"kind": "screenshot", "media_type": "image/png", "data_base64": base64.b64encode(PNG).decode(),
                      "sha256": hashlib.sha256(PNG).hexdigest()}],
    }
    return api(companion, "POST", "/api/v1/captures", capture)["case"]["id"]


def set_status(companion, case_id: int, status: str) -> None:
    api(companion, "PATCH", f"/api/v1/cases/{case_id}", {"status": status})


def sign_in(page, companion, path: str = "/") -> None:
    """Open the dashboard signed in, as the popup does: a one-time link from the API, opened in the browser."""
    page.goto(api(companion, "POST", "/api/v1/dashboard/links", {"next": path})["url"])


def page_problems(page) -> list[str]:
    """What went wrong on a page while a test used it: script errors, console errors, HTTP errors (a missing
    favicon aside). The list fills as the page runs; a test asserts it stays empty."""
    problems: list[str] = []
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" and "status of 404" not in m.text else None)
    page.on("response", lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 and not r.url.endswith("/favicon.ico") else None)
    return problems
