"""What gets installed: the wheel is the product alone (no demo seller centers, no test helpers), its
runtime dependencies are what it imports, and constraints.txt pins the versions the suite passed with."""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def build_wheel(tmp_path: Path) -> Path:
    """Build the wheel offline from a copy of the checkout (so no build/ or egg-info lands in it)."""
    src = tmp_path / "src"
    shutil.copytree(ROOT, src, ignore=shutil.ignore_patterns(
        ".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", "*.pyc", "test-results", "node_modules"))
    out = tmp_path / "wheel"
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(src), "--no-deps", "--no-build-isolation", "--no-index", "-q", "-w", str(out)],
        check=True, capture_output=True, text=True,
    )
    (wheel,) = out.glob("review_guard_companion-*.whl")
    return wheel


def test_wheel_holds_the_companion_package_and_nothing_else(tmp_path):
    wheel = build_wheel(tmp_path)
    names = zipfile.ZipFile(wheel).namelist()
    top_levels = {n.split("/", 1)[0] for n in names}
    assert top_levels == {"companion", wheel.name.split("-py3")[0] + ".dist-info"}
    assert [n for n in names if "mock" in n.split("/") or n.endswith("testing.py")] == []
    # Every product file is in it (code, templates, rules, classifier model; developer notes *.md aside).
    src = tmp_path / "src" / "companion"
    on_disk = {f"companion/{p.relative_to(src).as_posix()}" for p in src.rglob("*") if p.is_file() and p.suffix != ".md"}
    assert sorted(on_disk - set(names)) == []
    entry_points = zipfile.ZipFile(wheel).read(f"{wheel.name.split('-py3')[0]}.dist-info/entry_points.txt").decode()
    assert "review-companion = companion.cli:main" in entry_points


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]


def dist_name(requirement: str) -> str:
    """The normalised distribution name of a requirement string (`Flask>=3` → `flask`)."""
    return re.sub(r"[-_.]+", "-", re.split(r"[\s<>=!~;\[(]", requirement, maxsplit=1)[0]).lower()


def test_runtime_dependencies_are_exactly_what_the_product_imports():
    imported = set()
    for path in (ROOT / "companion").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                imported.add(node.module.split(".")[0])
    third_party = imported - set(sys.stdlib_module_names) - {"companion"}
    providers = metadata.packages_distributions()
    needed = {dist_name(d) for module in third_party for d in providers.get(module, [module])}
    assert sorted(needed) == sorted(dist_name(r) for r in project()["dependencies"])


def test_constraints_pin_the_tested_versions():
    """constraints.txt is what this venv runs: every dependency (and theirs) at its installed version."""
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import lock_constraints
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    expected = lock_constraints.render(lock_constraints.closure(lock_constraints.project_requirements()))
    assert (ROOT / "constraints.txt").read_text(encoding="utf-8") == expected, "run scripts/lock_constraints.py"
