"""The built wheel is the product alone: `companion/` and nothing of the demo seller centers or test helpers."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
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
