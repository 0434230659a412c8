"""Evidence package for one case: what the seller uploads with an appeal, plus proof of integrity.

The zip holds every evidence file under a readable name, `manifest.json` (SHA-256, size, capture
time, source URL of each file, and the hash-chain link of its row), and `timeline.txt`: the case's
facts in time order (companion/timeline.py: one format, the platform's time zone with its offset,
every captured page kind and the case events), which platforms ask for ("evidence must be clear,
complete and on a clear timeline"). The files inside are the stored bytes, never re-encoded: this is
the full archive (MHTML included); the upload-ready images and PDF are appeal-package.zip
(companion/services/appeal_package.py).
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from sqlite_utils import Database

from ..caselog import manifest_anchor
from ..errors import DomainError
from ..store import cases as store
from ..timeline import timeline_text
from .views import case_result


def case_package(db: Database, data_dir: Path, case_id: int) -> tuple[bytes, str]:
    """Build the zip in memory; returns (bytes, file name)."""
    result = case_result(db, case_id)
    case = result["case"]
    rows = {r["id"]: r for r in store.evidence_rows(db, case_id)}
    buf = io.BytesIO()
    manifest = {"case": case, "review": result["review"], "classification": result["classification"],
                "advice": result.get("advice"), "files": []}
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for item in result["evidence"]:
            row = rows[item["id"]]
            path = Path(data_dir) / row["path"]
            if not path.exists():
                raise DomainError("evidence_missing", f"Evidence #{item['id']} is missing from the data directory.",
                                  field="evidence_id", status_hint=410)
            name = f"{item['id']:04d}-{item['kind']}-v{item['version']}{path.suffix}"
            zf.write(path, f"evidence/{name}")
            manifest["files"].append({**item, "file": f"evidence/{name}", "chain": row["chain"]})
        manifest["tamper_log"] = manifest_anchor(db, case_id)  # the log's head, for `verify --package` (issue 12)
        zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        zf.writestr("timeline.txt", timeline_text(db, result))
    order = case["order_id"] or case["review_id"] or str(case_id)
    return buf.getvalue(), f"review-guard-{case['platform']}-{order}.zip"


def content_disposition(name: str) -> str:
    """RFC 6266: an ASCII `filename` for old clients and the exact name as UTF-8 in `filename*`."""
    from urllib.parse import quote

    ascii_name = "".join(c if 32 <= ord(c) < 127 and c not in '"\\;' else "_" for c in name)
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(name, safe='')}"
