"""bench/kill9.py in CI (issue 12 items 6, 7): a few kill -9 cycles of a real `serve` under streaming captures.

Nothing acknowledged is lost, captures that died in flight are accepted when sent again (same bytes), start-up
removes evidence temp leftovers, and verify (evidence chain + case tamper log against checkpoints.log) is clean.
bench/kill9.py --cycles 25 runs more.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.mark.skipif(os.name == "nt", reason="SIGKILL")
def test_kill9_cycles_lose_nothing_and_verify_clean(tmp_path):
    result = subprocess.run([sys.executable, str(ROOT / "bench" / "kill9.py"), "--cycles", "3", "--per-cycle", "6",
                             "--writers", "3", "--payload-bytes", "100000", "--data-dir", str(tmp_path / "data")],
                            capture_output=True, text=True, cwd=ROOT)
    out = json.loads(result.stdout.strip().splitlines()[-1])
    assert out["acknowledged"] >= 18
    assert out["lost"] == 0 and out["errors_5xx"] == 0, out
    assert out["unacknowledged_left"] == 0, out  # every capture that died in flight was stored when sent again
    assert out["tmp_leftovers_after_start"] == 0, out
    assert out["verify_ok"] is True, out
    assert out["case_log_entries"] == 3 * out["acknowledged"]  # capture, review, evidence each
    assert result.returncode == 0
