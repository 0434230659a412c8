"""JSON Schemas generated from the pydantic models (the contract with the extension)."""

from __future__ import annotations

import json
from pathlib import Path

from .models import EXPORTED_MODELS


def render() -> dict[str, str]:
    """File name -> schema text, deterministic (sorted keys, trailing newline)."""
    out = {}
    for name, model in EXPORTED_MODELS.items():
        schema = model.model_json_schema()
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"https://review-guard.local/schemas/{name}.schema.json"
        out[f"{name}.schema.json"] = json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
    return out


def export(out_dir: Path) -> list[Path]:
    """Write every schema into `out_dir`; returns the paths written."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in render().items():
        path = out_dir / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
