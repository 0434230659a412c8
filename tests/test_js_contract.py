"""extension/shared/contract.js is generated from companion/models.py: it must not drift (like shared-schemas/)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONTRACT = ROOT / "extension" / "shared" / "contract.js"
HOW = "extension/shared/contract.js drifted from companion/models.py: run .venv/bin/python scripts/gen_js_contract.py"


def _generator():
    spec = importlib.util.spec_from_file_location("gen_js_contract", ROOT / "scripts" / "gen_js_contract.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_contract_js_matches_models():
    assert CONTRACT.is_file(), HOW
    assert CONTRACT.read_text(encoding="utf-8") == _generator().render(), HOW


def test_contract_holds_what_the_models_say():
    from companion.models import COMPLAINT_TYPES, PLATFORMS, LookupRequest, Review

    c = _generator().contract()
    assert c["PLATFORMS"] == list(PLATFORMS)
    assert c["COMPLAINT_TYPES"] == list(COMPLAINT_TYPES)
    assert c["REVIEW_KEYS"] == list(Review.model_fields)
    assert c["LIMITS"]["lookup_ids"] == LookupRequest.model_fields["review_ids"].metadata[0].max_length
    assert "review" in c["PAGE_KINDS"] and "login" not in c["PAGE_KINDS"]


def test_content_scripts_load_the_contract_first_and_copy_no_enum():
    import json

    manifest = json.loads((ROOT / "extension" / "manifest.json").read_text(encoding="utf-8"))
    for entry in manifest["content_scripts"]:
        assert entry["js"][0] == "shared/contract.js", entry["js"]
    # The lists live in the contract only: a content script spelling out a whole enum copied it by hand.
    enums = _generator().contract()
    for path in (ROOT / "extension" / "content").rglob("*.js"):
        source = path.read_text(encoding="utf-8")
        for name in ("COMPLAINT_TYPES", "DRAFT_KINDS", "CASE_STATUSES", "PAGE_KINDS"):
            values = enums[name]
            spelled = re.compile(r"\[\s*" + r"\s*,\s*".join(re.escape(f'"{v}"') for v in values[:3]))
            assert not spelled.search(source), f"{path.relative_to(ROOT)} copies {name}: use RC_CONTRACT.{name}"
