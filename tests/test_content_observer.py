"""The content scripts follow the page through ONE MutationObserver (core.js `RC.watch`), and the panel's
shadow root is closed in the extension as shipped (issue 9, issue 12 item 5). Source checks; the browser
side is e2e/test_closed_panel.py (one observer connected, the root closed to the page)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONTENT = ROOT / "extension" / "content"


def test_only_core_constructs_mutation_observers():
    found = {}
    for path in sorted(CONTENT.rglob("*.js")):
        code = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines() if not line.lstrip().startswith(("*", "//", "/*")))
        n = len(re.findall(r"new MutationObserver\(", code))
        if n:
            found[str(path.relative_to(CONTENT))] = n
    # core.js: the document observer, and `until`'s short-lived one while attributes are watched; tiktok.js: a
    # frame's document after a captcha (the page's own document goes through RC.watch).
    assert found == {"core.js": 2, "adapters/tiktok.js": 1}, f"observe the page through RC.watch (core.js), not a new observer: {found}"


def test_panel_root_is_closed():
    source = (CONTENT / "panel.js").read_text(encoding="utf-8")
    assert source.count('const SHADOW_MODE = "closed";') == 1
    roots = re.findall(r"attachShadow\(([^)]*)\)", source)  # the row/context panel and the capture-all bar
    assert roots and set(roots) == {"{ mode: SHADOW_MODE }"}
