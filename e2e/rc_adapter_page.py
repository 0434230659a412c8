"""Adapters in a page WITHOUT the extension (the adapter contract tests): what to inject first."""

from __future__ import annotations

from rc_e2e import EXTENSION_DIR


def add_core(page) -> None:
    """The generated contract (shared/contract.js: page kinds…), then core.js; the adapter goes after them."""
    page.add_script_tag(path=str(EXTENSION_DIR / "shared" / "contract.js"))
    page.add_script_tag(path=str(EXTENSION_DIR / "content" / "core.js"))
