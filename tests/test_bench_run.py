"""bench/run.py runs end to end on a tiny store and ends with one JSON line holding issue 11's keys.

No timing is asserted here (benchmarks are not tests): only that it runs, that its search answers equal
a full scan on the generated store, and the shape of its last line.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

KEYS = {
    "capture_p50_ms", "capture_p95_ms", "empty_p50_ms", "capture_vs_empty_p50", "classify_per_s", "first_capture_ms",
    "import_rows_per_s", "raw_insert_rows_per_s", "import_vs_raw", "search_order_p95_ms", "search_text3_p95_ms",
    "search_text2_p95_ms", "panel_inject_ms_500", "long_tasks_over_50ms", "companion_rss_mb_1m",
}


def test_bench_run_tiny_prints_the_keys_last(tmp_path):
    env = {**os.environ, "REVIEW_GUARD_DATA": str(tmp_path / "no-data")}  # generated texts only
    proc = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "run.py"), "--rows", "3000", "--captures", "3", "--import-rows", "500",
         "--classify-seconds", "0.2", "--panel-rows", "20"],
        capture_output=True, text=True, timeout=300, env=env, cwd=ROOT,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    last = proc.stdout.strip().splitlines()[-1]
    result = json.loads(last)
    assert KEYS <= set(result)
    assert result["search_correct"] is True, result["search_checks"]
    assert result["classify_texts"].startswith("generated")
    assert result["capture_p50_ms"] > 0 and result["raw_insert_rows_per_s"] > 0
    assert "capture p50 ms" in proc.stdout  # the human-readable table comes first
    # The panel benchmark ran the real extension on a 20-row page (the 500-row key stays null for 20 rows).
    assert result["panel_rows"] == 20 and result["panel_inject_ms_20"] >= 0, result["notes"]
    assert result["long_tasks_extension"] >= 0 and result["long_tasks_baseline"] >= 0
