"""Conventions of extension/ (the role of refined-github's features.test.ts): no browser needed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from companion.models import PLATFORMS

ROOT = Path(__file__).resolve().parents[1]
EXT = ROOT / "extension"
MANIFEST = json.loads((EXT / "manifest.json").read_text(encoding="utf-8"))
ADAPTERS = sorted(p.stem for p in (EXT / "content" / "adapters").glob("*.js"))
JS_FILES = sorted(EXT.rglob("*.js"))
# The contract (generated), core, the page side of screenshots, the panel, the adapter, then the features
# sharing RC.session (the one capture routine, case actions, one file per page kind) and the router last.
CORE_ORDER = ["shared/contract.js", "content/core.js", "content/shot.js", "content/panel-kit.js",
              "content/panel-result.js", "content/panel.js", "ADAPTER", "content/session.js",
              "content/capture.js", "content/case-actions.js", "content/review-page.js", "content/context-page.js",
              "content/blocked-page.js", "content/main.js"]
# Ways to turn a string into markup; review texts are hostile, so none of these may appear.
FORBIDDEN = re.compile(r"\.innerHTML\b|\.outerHTML\b|insertAdjacentHTML|document\.write|createContextualFragment|DOMParser")


# The unpacked extension's id, fixed by the development `key` (the companion knows no id: it learns the origin
# when the seller pairs, tests/test_pairing.py).
DEV_EXTENSION_ID = "dnkcfgdidihdpbndagnoaeaplochbbgb"


def extension_id(key_b64: str) -> str:
    """Chrome's id: first 32 hex digits of sha256(DER public key), mapped 0-f → a-p."""
    import base64
    import hashlib

    digest = hashlib.sha256(base64.b64decode(key_b64)).hexdigest()[:32]
    return "".join(chr(ord("a") + int(c, 16)) for c in digest)


def test_manifest_basics():
    assert MANIFEST["manifest_version"] == 3
    assert MANIFEST["default_locale"] == "en"
    assert extension_id(MANIFEST["key"]) == DEV_EXTENSION_ID  # the e2e tests open its pages by this id
    assert MANIFEST["background"]["service_worker"] == "background/service-worker.js"
    for perm in ("storage", "alarms", "pageCapture"):
        assert perm in MANIFEST["permissions"]
    referenced = [MANIFEST["background"]["service_worker"], MANIFEST["options_ui"]["page"]]
    referenced += [js for entry in MANIFEST["content_scripts"] for js in entry["js"]]
    for path in referenced:
        assert (EXT / path).is_file(), path


def test_adapters_exist():
    assert ADAPTERS, "no adapters in extension/content/adapters/"


@pytest.mark.parametrize("adapter", ADAPTERS)
def test_adapter_conventions(adapter):
    source = (EXT / "content" / "adapters" / f"{adapter}.js").read_text(encoding="utf-8")
    entries = [e for e in MANIFEST["content_scripts"] if f"content/adapters/{adapter}.js" in e["js"]]
    assert len(entries) == 1, f"{adapter}.js must be in exactly one content_scripts entry"
    expected = [f"content/adapters/{adapter}.js" if x == "ADAPTER" else x for x in CORE_ORDER]
    assert entries[0]["js"] == expected, "classic scripts load in order: contract, core, shot, panel, adapter, the features, main"
    assert adapter in PLATFORMS, "adapter file name must be a platform id of companion.models.PLATFORMS"
    assert re.search(rf"""\bid:\s*["']{adapter}["']""", source), "registered id must equal the file name"
    block = re.search(r"/\* Test URLs\n(.+?)\*/\s*$", source, re.S)
    assert block and block.group(1).strip(), "adapter must end with a /* Test URLs */ block"
    assert (ROOT / "e2e" / "fixtures" / adapter).is_dir(), f"e2e/fixtures/{adapter}/ is missing"
    # Hashed CSS-module classes change every deploy: never select on them.
    assert not re.search(r"style_\w+__[A-Za-z0-9_-]{5}", source)


@pytest.mark.parametrize("path", JS_FILES, ids=lambda p: str(p.relative_to(EXT)))
def test_no_markup_sinks(path):
    hits = [line for line in path.read_text(encoding="utf-8").splitlines() if FORBIDDEN.search(line)]
    assert not hits, hits


def test_locales_have_the_same_keys():
    en = json.loads((EXT / "_locales" / "en" / "messages.json").read_text(encoding="utf-8"))
    zh = json.loads((EXT / "_locales" / "zh_CN" / "messages.json").read_text(encoding="utf-8"))
    assert sorted(en) == sorted(zh)
    for key in en:
        assert sorted(en[key].get("placeholders", {})) == sorted(zh[key].get("placeholders", {})), key


def test_used_message_keys_exist():
    en = json.loads((EXT / "_locales" / "en" / "messages.json").read_text(encoding="utf-8"))
    used = set()
    for path in JS_FILES:
        used |= set(re.findall(r"""\bt\(\s*["']([A-Za-z_]+)["']""", path.read_text(encoding="utf-8")))
    for path in EXT.rglob("*.html"):
        used |= set(re.findall(r'data-i18n="([A-Za-z_]+)"', path.read_text(encoding="utf-8")))
    used |= set(re.findall(r"__MSG_(\w+)__", json.dumps(MANIFEST)))
    assert used - set(en) == set()
    from companion.models import PageKind

    assert {"kind_" + k for k in PageKind.__args__} <= set(en), "kind_"
    for prefix, values in (("type_", __import__("companion.models", fromlist=["x"]).COMPLAINT_TYPES),
                           ("flag_", __import__("companion.models", fromlist=["x"]).APPEAL_FLAGS)):
        assert {prefix + v for v in values} <= set(en), prefix
