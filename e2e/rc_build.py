"""The extension the e2e suite loads: a copy of extension/ whose panels use an OPEN shadow root.

The product's panel (extension/content/panel.js) attaches a CLOSED shadow root, so the seller center's own
scripts cannot read the case text. Playwright's locators cannot pierce closed roots (nor can anything
running in the page's worlds), and the suite drives the panel through hundreds of them. So the suite
loads a copy that differs in exactly one line — `const SHADOW_MODE = "closed";` becomes "open" — and
e2e/test_closed_panel.py loads the real, unmodified extension to check that its panels are closed to the
page and still work. Nothing in the product reads a flag for this: no page can open the root.
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

SOURCE = Path(__file__).resolve().parents[1] / "extension"
CLOSED = 'const SHADOW_MODE = "closed";'
OPEN = 'const SHADOW_MODE = "open";'
_built: Path | None = None


def open_shadow_extension() -> Path:
    """The copy (made once per test process, in a temporary directory removed when the process exits)."""
    global _built
    if _built is None or not _built.exists():
        root = Path(tempfile.mkdtemp(prefix="rc-ext-open-shadow-"))
        shutil.copytree(SOURCE, root / "extension")
        panel = root / "extension" / "content" / "panel.js"
        text = panel.read_text(encoding="utf-8")
        assert text.count(CLOSED) == 1, f"{CLOSED!r} must appear exactly once in extension/content/panel.js"
        panel.write_text(text.replace(CLOSED, OPEN), encoding="utf-8")
        import atexit

        atexit.register(shutil.rmtree, root, True)
        _built = root / "extension"
    return _built
