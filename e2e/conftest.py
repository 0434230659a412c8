"""E2E fixtures: Debian Chromium with the unpacked extension, the real companion as a subprocess,
pairing through the real options page, and the Douyin mock routed onto fxg.jinritemai.com.

Recipe: shared research browser-testing.md §2 (headless Chromium loads MV3 extensions only with
`--disable-extensions-except` + `--load-extension`; `"key"` in the manifest fixes the id).
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from companion.mock import douyin as douyin_mock

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


def pytest_configure(config):
    config.addinivalue_line("markers", "e2e: browser tests (Chromium + extension + companion)")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if Path(str(item.fspath)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.e2e)


def _require_chromium() -> None:
    if Path(CHROMIUM).exists() or shutil.which(CHROMIUM):
        return
    message = f"Chromium not found at {CHROMIUM} (set CHROMIUM_PATH, or apt-get install chromium)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    """Make pytest-playwright's own `browser` fixture use Debian Chromium too (no `playwright install`)."""
    _require_chromium()
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


# ------------------------------------------------------------------------------------ companion


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Companion:
    """The real companion (`python -m companion serve`) in a subprocess; stop()/start() keep port and data."""

    def __init__(self, data_dir: Path, port: int | None = None):
        self.data_dir = data_dir
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen | None = None
        self.token = ""
        self.log = data_dir.parent / f"companion-{self.port}.log"

    def start(self, timeout: float = 20.0) -> "Companion":
        self.data_dir.mkdir(parents=True, exist_ok=True)
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "companion", "serve", "--host", "127.0.0.1", "--port", str(self.port),
                 "--data-dir", str(self.data_dir)],
                cwd=ROOT, stdout=log, stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"companion exited with {self.proc.returncode}: {self.log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/api/v1/health", timeout=1) as r:
                    if r.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.05)
        else:
            self.stop()
            raise RuntimeError(f"companion did not become healthy: {self.log.read_text()[-2000:]}")
        self.token = (self.data_dir / "token").read_text().strip()
        return self

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


@pytest.fixture(scope="session")
def companion(tmp_path_factory):
    """One real companion for the session (tests that stop it use `own_companion`)."""
    c = Companion(tmp_path_factory.mktemp("companion") / "data").start()
    yield c
    c.stop()


@pytest.fixture()
def own_companion(tmp_path):
    """A companion of this test alone: it may be stopped and restarted."""
    c = Companion(tmp_path / "companion-data").start()
    yield c
    c.stop()


# ------------------------------------------------------------------------------------ browser


@pytest.fixture()
def context(playwright, tmp_path, request):
    """A persistent Chromium context with the extension loaded; a fresh profile per test."""
    _require_chromium()
    headless = not request.config.getoption("--headed", default=False)
    ctx = playwright.chromium.launch_persistent_context(
        str(tmp_path / "profile"),
        executable_path=CHROMIUM,
        headless=headless,
        args=[f"--disable-extensions-except={EXTENSION_DIR}", f"--load-extension={EXTENSION_DIR}", *CHROMIUM_ARGS],
        viewport={"width": 1400, "height": 900},
        locale="en-US",
    )
    recorder = None
    try:
        recorder = request.getfixturevalue("_artifacts_recorder")  # --tracing / --screenshot support
        recorder.on_did_create_browser_context(ctx)
    except Exception:  # private pytest-playwright hook: optional
        recorder = None
    yield ctx
    if recorder:
        try:
            recorder.on_will_close_browser_context(ctx)
        except Exception:
            pass
    ctx.close()


@pytest.fixture()
def service_worker(context):
    workers = context.service_workers
    return workers[0] if workers else context.wait_for_event("serviceworker", timeout=10000)


@pytest.fixture()
def extension_id(service_worker):
    ext_id = service_worker.url.split("/")[2]
    assert ext_id == EXTENSION_ID, "the manifest key no longer yields the id the companion allow-lists"
    return ext_id


@pytest.fixture()
def page(context):
    """The persistent context's first tab (pytest-playwright's `page` would open a second one)."""
    return context.pages[0] if context.pages else context.new_page()


def pair(context, extension_id: str, url: str, token: str) -> None:
    """Pair like a seller: open Options, paste URL and token, Save."""
    opts = context.new_page()
    opts.goto(f"chrome-extension://{extension_id}/options/options.html")
    opts.get_by_test_id("rc-opt-url").fill(url)
    opts.get_by_test_id("rc-opt-token").fill(token)
    opts.get_by_test_id("rc-opt-save").click()
    opts.get_by_test_id("rc-opt-saved").filter(has_text="Saved").wait_for()
    opts.close()


@pytest.fixture()
def paired(context, extension_id, companion):
    pair(context, extension_id, companion.url, companion.token)
    return companion


# ------------------------------------------------------------------------------------ seller pages


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
        if path in douyin_mock.PAGE_PATHS or path == "":
            return route.fulfill(status=200, content_type="text/html; charset=utf-8",
                                 body=(douyin_mock.STATIC_DIR / "index.html").read_bytes())
        return route.fulfill(status=404, body="not found")

    context.route(f"{FXG}/**", handle)


@pytest.fixture()
def seller_pages(context):
    route_douyin(context)
    return {"douyin": DOUYIN_PAGE}


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
