"""Build the companion as a one-folder program with PyInstaller: dist/review-companion/ holding the executable
`review-companion` (`review-companion.exe` on Windows) and everything it needs — no Python on the seller's machine.

    .venv/bin/python scripts/build_companion.py [--dist DIR] [--work DIR]      # or scripts/build-companion

PyInstaller comes with the `build` extra (scripts/bootstrap.sh installs it for scripts/test and
scripts/build-companion). The spec is packaging/review-companion.spec; it builds for the OS it runs on (Linux, Windows
or macOS: build each on its own OS; the README says how and what to sign). Prints the folder, its size and the time.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "packaging" / "review-companion.spec"
NAME = "review-companion"


def executable(dist: Path) -> Path:
    return dist / NAME / (f"{NAME}.exe" if os.name == "nt" else NAME)


def build(dist: Path = ROOT / "dist", work: Path = ROOT / "build" / "pyinstaller", quiet: bool = False) -> Path:
    """Run PyInstaller on the spec; return the executable's path."""
    cmd = [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean", "--distpath", str(dist), "--workpath", str(work),
           "--log-level", "WARN", str(SPEC)]
    subprocess.run(cmd, cwd=ROOT, check=True, capture_output=quiet, text=True)
    exe = executable(dist)
    if not exe.is_file():
        raise RuntimeError(f"PyInstaller finished but {exe} is missing")
    return exe


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build" / "pyinstaller", help="PyInstaller's work folder")
    args = parser.parse_args(argv)
    try:
        import PyInstaller  # noqa: F401
    except ModuleNotFoundError:
        print("PyInstaller is not installed: run scripts/build-companion (it installs the `build` extra), "
              "or pip install -e '.[build]' -c constraints.txt", file=sys.stderr)
        return 1
    started = time.monotonic()
    exe = build(args.dist, args.work)
    took = time.monotonic() - started
    print(f"{exe}\n{exe.parent}: {folder_size(exe.parent) / 1e6:.0f} MB, built in {took:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
