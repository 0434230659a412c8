"""The store package loads in Chromium as a store install would (issue 13): unpacked from
dist/review-guard-<version>.zip — no development `key`, so Chromium gives it an id of its own — its service
worker starts, and its options page renders in Chinese in a zh-CN browser."""

from __future__ import annotations

import json
import os
import sys
import zipfile
from pathlib import Path

from rc_e2e import CHROMIUM, CHROMIUM_ARGS, EXTENSION_ID

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
try:
    import package_extension
finally:
    sys.path.remove(str(ROOT / "scripts"))


def test_store_zip_loads_and_options_render_in_chinese(playwright, tmp_path, request):
    zipped = package_extension.build(tmp_path / "dist")
    unpacked = tmp_path / "review-guard"
    with zipfile.ZipFile(zipped) as zf:
        zf.extractall(unpacked)
    zh = json.loads((unpacked / "_locales" / "zh_CN" / "messages.json").read_text(encoding="utf-8"))
    context = playwright.chromium.launch_persistent_context(
        str(tmp_path / "profile"), executable_path=CHROMIUM,
        headless=not request.config.getoption("--headed", default=False),
        args=[f"--disable-extensions-except={unpacked}", f"--load-extension={unpacked}",
              *[a for a in CHROMIUM_ARGS if not a.startswith("--lang=")], "--lang=zh-CN"],
        locale="zh-CN", viewport={"width": 1366, "height": 768},
        # Chromium on Linux takes its UI language (chrome.i18n) from the environment; --lang is for Windows/macOS.
        env={**os.environ, "LANGUAGE": "zh_CN", "LANG": "zh_CN.UTF-8"},
    )
    try:
        worker = context.service_workers[0] if context.service_workers else context.wait_for_event("serviceworker", timeout=15000)
        ext_id = worker.url.split("/")[2]
        assert worker.url == f"chrome-extension://{ext_id}/background/service-worker.js"
        assert ext_id != EXTENSION_ID, "the store package must not carry the development key"
        # The worker runs its modules: the manifest it reads is the store one, with the project's version.
        manifest = worker.evaluate("() => chrome.runtime.getManifest()")
        assert manifest["version"] == package_extension.project_version() and "key" not in manifest
        ui = worker.evaluate("() => chrome.i18n.getUILanguage()")
        assert ui.lower().startswith("zh"), f"Chromium runs in {ui}: Debian needs its locale packs (apt-get install chromium-l10n)"

        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(f"chrome-extension://{ext_id}/options/options.html")
        title = page.locator("[data-i18n=optionsTitle]")
        title.filter(has_text=zh["optionsTitle"]["message"]).wait_for()
        assert page.locator("[data-i18n=optionsSave]").inner_text() == zh["optionsSave"]["message"]
        assert page.get_by_test_id("rc-opt-url").is_visible() and page.get_by_test_id("rc-opt-token").is_visible()
        assert errors == []
    finally:
        context.close()
