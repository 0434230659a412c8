"""The durability a capture cannot skip, measured alone (bench/run.py prints it beside the capture's latency)."""

from __future__ import annotations

import os
import sqlite3
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path


def fsync_floor(d: Path, n: int, evidence_files) -> list[float]:
    """Seconds per durable write of a capture's evidence alone: a 300 KB and a 100 KB file written, fsync'd and renamed
    concurrently (each directory fsync'd), then a one-row commit to a WAL database with synchronous=FULL."""
    d.mkdir()
    con = sqlite3.connect(str(d / "floor.db"), isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute("create table t (x)")

    def write(name: str, data: bytes) -> None:
        fd = os.open(d / f"{name}.tmp", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(d / f"{name}.tmp", d / name)
        dfd = os.open(d, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)

    out = []
    with ThreadPoolExecutor(2) as pool:
        for i in range(n):
            png, mhtml = evidence_files(10_000 + i)
            t0 = time.perf_counter()
            list(pool.map(write, [f"{i}.png", f"{i}.mhtml"], [png, mhtml]))
            con.execute("BEGIN IMMEDIATE")
            con.execute("insert into t values (?)", [f"row {i}"])
            con.execute("COMMIT")
            out.append(time.perf_counter() - t0)
    con.close()
    return out
