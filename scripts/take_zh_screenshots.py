"""Take README.zh-CN.md's screenshots: the real extension (unpacked) in a Chinese Chromium at 1366×768, paired with a
real companion (`serve --demo`), on the mock Douyin review page.

    .venv/bin/python scripts/take_zh_screenshots.py        # writes docs/img/zh-options.png, docs/img/zh-panel.png

Chromium on Linux takes its UI language from LANGUAGE (Debian needs `chromium-l10n` for zh-CN). The PNGs are reduced
to a 256-colour palette so they stay small in the repository.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "docs" / "img"
sys.path[:0] = [str(ROOT), str(ROOT / "e2e")]

from PIL import Image  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from rc_build import open_shadow_extension  # noqa: E402
from rc_e2e import CHROMIUM, CHROMIUM_ARGS, Companion  # noqa: E402


def port_free(port: int) -> bool:
    import socket

    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def shrink(path: Path) -> None:
    img = Image.open(path).convert("RGB")
    img.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE).save(path, optimize=True)


def main() -> int:
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        # The e2e suite's copy with the panel's shadow root open (one line differs, e2e/rc_build.py): Playwright
        # cannot click inside the product's closed root; the picture is the same.
        extension = open_shadow_extension()
        companion = Companion(Path(tmp) / "data", port=8765 if port_free(8765) else None).start()  # the usual URL if free
        try:
            with sync_playwright() as p:
                ctx = p.chromium.launch_persistent_context(
                    str(Path(tmp) / "profile"), executable_path=CHROMIUM, headless=True,
                    args=[f"--disable-extensions-except={extension}", f"--load-extension={extension}",
                          *[a for a in CHROMIUM_ARGS if not a.startswith("--lang=")], "--lang=zh-CN"],
                    locale="zh-CN", timezone_id="Asia/Shanghai", viewport={"width": 1366, "height": 768},
                    env={**os.environ, "LANGUAGE": "zh_CN", "LANG": "zh_CN.UTF-8"})
                worker = ctx.service_workers[0] if ctx.service_workers else ctx.wait_for_event("serviceworker")
                ext = worker.url.split("/")[2]
                opts = ctx.new_page()
                opts.goto(f"chrome-extension://{ext}/options/options.html")
                opts.get_by_test_id("rc-opt-url").fill(companion.url)
                opts.get_by_test_id("rc-opt-token").fill(companion.token)
                opts.get_by_test_id("rc-opt-save").click()
                opts.get_by_test_id("rc-opt-saved").filter(has_text="已保存").wait_for()
                opts.screenshot(path=str(OUT / "zh-options.png"))
                opts.close()

                page = ctx.pages[0] if ctx.pages else ctx.new_page()
                page.goto(f"{companion.url}/mock/douyin/ffa/maftersale/comment")
                row = page.locator("tr.auxo-table-row").filter(has=page.get_by_test_id("rc-capture")).first
                row.get_by_test_id("rc-capture").click()
                row.get_by_test_id("rc-type").wait_for(timeout=60000)
                row.scroll_into_view_if_needed()
                page.screenshot(path=str(OUT / "zh-panel.png"))
                ctx.close()
        finally:
            companion.stop()
    for name in ("zh-options.png", "zh-panel.png"):
        shrink(OUT / name)
        print(OUT / name, (OUT / name).stat().st_size // 1024, "KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
