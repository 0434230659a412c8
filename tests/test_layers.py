"""The companion's imports run one way: api (and the other HTTP/CLI edges) → services → store → models.

Parsed with `ast` (every import, including those inside functions), so a lower layer that reaches up
fails here before it can tangle the layout described in README's "How it is built".
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent / "companion"

# Lowest first. A module may import its own layer and any layer below it, never one above.
DOMAIN = ("companion.models", "companion.errors", "companion.schemas", "companion.pii", "companion.drafting",
          "companion.classifier")
STORE = ("companion.store", "companion.migrations", "companion.evidence")
SERVICES = ("companion.services", "companion.timeline", "companion.llm")
EDGE = ("companion.api", "companion.dashboard", "companion.security", "companion.session", "companion.limits",
        "companion.cli")
WEB = ("flask", "werkzeug", "waitress", "jinja2")


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def imports(path: Path) -> list[tuple[int, str]]:
    """(line, absolute module) of every import in the file; `from . import x` counts as `package.x`."""
    name = module_name(path)
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(node.lineno, a.name) for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                mod = ".".join(base + ([node.module] if node.module else []))
            else:
                mod = node.module or ""
            out.append((node.lineno, mod))
            out += [(node.lineno, f"{mod}.{a.name}") for a in node.names]
    return out


def under(mod: str, prefixes) -> bool:
    return any(mod == p or mod.startswith(p + ".") for p in prefixes)


def layer_files(prefixes):
    files = []
    for p in sorted(ROOT.rglob("*.py")):
        if under(module_name(p), prefixes):
            files.append(p)
    return files


FORBIDDEN = [
    ("domain", DOMAIN, STORE + SERVICES + EDGE + WEB),
    ("store", STORE, SERVICES + EDGE + WEB),
    ("services", SERVICES, EDGE + WEB),
]


@pytest.mark.parametrize("layer, prefixes, above", FORBIDDEN, ids=[f[0] for f in FORBIDDEN])
def test_no_upward_import(layer, prefixes, above):
    files = layer_files(prefixes)
    assert files, f"no {layer} modules found: the layer map above is out of date"
    bad = [f"{p.relative_to(ROOT.parent)}:{line} imports {mod}"
           for p in files for line, mod in imports(p) if under(mod, above)]
    assert not bad, f"{layer} reaches up:\n" + "\n".join(bad)


def test_only_the_api_uses_its_error_class_and_only_drafting_its_private_text():
    bad = []
    for p in sorted(ROOT.rglob("*.py")):
        name = module_name(p)
        for line, mod in imports(p):
            if under(mod, ("companion.api.errors",)) and not under(name, ("companion.api",)):
                bad.append(f"{p.relative_to(ROOT.parent)}:{line} imports {mod}")
            if under(mod, ("companion.drafting._text",)) and not under(name, ("companion.drafting",)):
                bad.append(f"{p.relative_to(ROOT.parent)}:{line} imports {mod}")
    assert not bad, "\n".join(bad)


def test_the_checker_resolves_relative_imports():
    """`from ..models import Capture` in store/cases.py is seen as companion.models.Capture, so an upward one would be too."""
    found = {mod for _, mod in imports(ROOT / "store" / "cases.py")}
    assert "companion.models.Capture" in found and "companion.evidence" in found
    assert under("companion.api.errors", EDGE) and not under("companion.apiary", EDGE)
