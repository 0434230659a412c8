"""Evidence package for one case: what the seller uploads with an appeal, plus proof of integrity.

The zip holds every evidence file under a readable name, `manifest.json` (SHA-256, size, capture
time, source URL of each file, and the hash-chain link of its row), and `timeline.txt`: the case's
facts in time order, which platforms ask for ("evidence must be clear, complete and on a clear
timeline"). The files inside are the stored bytes, never re-encoded.
"""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

from sqlite_utils import Database

from .api.errors import ApiError
from .cases import case_result


def case_package(db: Database, data_dir: Path, case_id: int) -> tuple[bytes, str]:
    """Build the zip in memory; returns (bytes, file name)."""
    result = case_result(db, case_id)
    case = result["case"]
    rows = {r["id"]: r for r in db.query("select * from evidence where case_id = ? order by id", [case_id])}
    buf = io.BytesIO()
    manifest = {"case": case, "review": result["review"], "classification": result["classification"],
                "advice": result.get("advice"), "files": []}
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for item in result["evidence"]:
            row = rows[item["id"]]
            path = Path(data_dir) / row["path"]
            if not path.exists():
                raise ApiError(410, "evidence_missing", f"Evidence #{item['id']} is missing from the data directory.", field="evidence_id")
            name = f"{item['id']:04d}-{item['kind']}-v{item['version']}{path.suffix}"
            zf.write(path, f"evidence/{name}")
            manifest["files"].append({**item, "file": f"evidence/{name}", "chain": row["chain"]})
        zf.writestr("manifest.json", json.dumps(manifest, ensure_ascii=False, indent=2))
        zf.writestr("timeline.txt", timeline(result))
    order = case["order_id"] or case["review_id"] or str(case_id)
    return buf.getvalue(), f"review-guard-{case['platform']}-{order}.zip"


def package_response(db: Database, data_dir: Path, case_id: int):
    """The package as a download (used by the API and by the dashboard)."""
    from flask import Response

    data, name = case_package(db, data_dir, case_id)
    return Response(data, mimetype="application/zip", headers={"Content-Disposition": f"attachment; filename={name}"})


def timeline(result: dict) -> str:
    """The case's known facts, one per line, in time order."""
    events: list[tuple[str, str]] = []
    order = result.get("order") or {}
    labels = {"order_time": "order placed", "pay_time": "paid", "ship_time": "shipped",
              "delivery_time": "delivered", "sign_time": "signed for"}
    for key, label in labels.items():
        if order.get(key):
            events.append((str(order[key]), label))
    for ev in order.get("tracking_events") or []:
        events.append((str(ev.get("time") or ""), f"tracking: {ev.get('text') or ''}"))
    review = result.get("review") or {}
    if review.get("review_time"):
        events.append((review["review_time"], f"review posted ({review.get('rating') or '?'}★)"))
    if review.get("follow_up_time"):
        events.append((review["follow_up_time"], "follow-up review posted"))
    for cap in result.get("captures") or []:
        events.append((cap["captured_at"], f"captured {cap['page_kind']} page {cap['page_url']}"))
    events.sort(key=lambda e: e[0])
    lines = [f"Case {result['case']['id']} · {result['case']['platform']} · order {result['case']['order_id'] or '-'}", ""]
    lines += [f"{t}\t{what}" for t, what in events]
    return "\n".join(lines) + "\n"
