"""Regenerate shared-schemas/ from companion/models.py. Run after changing a model."""

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from companion.schemas import export  # noqa: E402

if __name__ == "__main__":
    for path in export(ROOT / "shared-schemas"):
        print(path.relative_to(ROOT))
