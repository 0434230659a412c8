"""E2E fixtures: Debian Chromium with the unpacked extension, the real companion as a subprocess,
pairing through the real options page, and the Douyin mock routed onto fxg.jinritemai.com.

Recipe: shared research browser-testing.md §2 (headless Chromium loads MV3 extensions only with
`--disable-extensions-except` + `--load-extension`; `"key"` in the manifest fixes the id).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from rc_e2e import CHROMIUM, CHROMIUM_ARGS, DOUYIN_PAGE, EXTENSION_ID, Companion, launch_extension, pair, route_douyin, route_douyin_context


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
    ctx = launch_extension(playwright, tmp_path / "profile", headless=not request.config.getoption("--headed", default=False))
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
    assert ext_id == EXTENSION_ID, "the manifest key no longer yields the id the tests open the extension's pages by"
    return ext_id


@pytest.fixture()
def page(context):
    """The persistent context's first tab (pytest-playwright's `page` would open a second one)."""
    return context.pages[0] if context.pages else context.new_page()


@pytest.fixture()
def paired(context, extension_id, companion):
    pair(context, extension_id, companion.url, companion.token)
    return companion


# ------------------------------------------------------------------------------------ seller pages


@pytest.fixture()
def seller_pages(context):
    """The Douyin review page and its context pages (order, logistics, after-sales, 飞鸽), routed on the real hosts."""
    route_douyin(context)
    route_douyin_context(context)
    return {"douyin": DOUYIN_PAGE}


