"""Imports running in the background of the server, with their progress (the API and the dashboard poll it).

A job lives in this process's memory (`app.extensions["rg_import_jobs"]`): its state (running, done,
refused, failed), rows done of the total, and the import's report when it ends. It writes through its own
connection to the database. A restart forgets the jobs, not the rows: an import is resumable (importing.py),
so the same file imported again adds what is missing.
"""

from __future__ import annotations

import secrets
import threading
import time

MAX_JOBS = 50  # finished jobs kept (oldest dropped)


class Jobs:
    def __init__(self):
        self._lock = threading.Lock()
        self._jobs: dict[str, dict] = {}

    def add(self, job: dict) -> None:
        with self._lock:
            finished = [k for k, j in self._jobs.items() if j["state"] != "running"]
            while len(self._jobs) >= MAX_JOBS and finished:
                del self._jobs[finished.pop(0)]
            self._jobs[job["id"]] = job

    def get(self, job_id: str) -> dict | None:
        with self._lock:
            job = self._jobs.get(job_id)
            return None if job is None else {**job}

    def update(self, job_id: str, **changes) -> None:
        with self._lock:
            self._jobs[job_id].update(changes)


def jobs(app) -> Jobs:
    return app.extensions.setdefault("rg_import_jobs", Jobs())


def _connect(path):
    from ..store.sqlite import connect

    return connect(path)


def run_import(app, job_id: str, data: bytes, filename: str, platform: str, shop_id: str | None, classify: bool) -> None:
    """The job's body (in its thread, or inline for `?wait=1`)."""
    from .importing import ImportRefused, import_file

    registry = jobs(app)

    def progress(done: int, total: int) -> None:
        registry.update(job_id, done=done, total=total)

    db = _connect(app.config["DATABASE"])
    try:
        report = import_file(db, data, filename, platform, shop_id=shop_id, classify=classify, progress=progress)
        registry.update(job_id, state="done", report=report, finished_at=time.time())
    except ImportRefused as exc:
        registry.update(job_id, state="refused", report=exc.report, finished_at=time.time(),
                        error={"code": exc.code, "message": exc.message, "field": exc.field})
    except Exception as exc:  # noqa: BLE001 — said to the seller, and logged by the thread's caller
        registry.update(job_id, state="failed", finished_at=time.time(),
                        error={"code": "import_failed", "message": f"The import stopped: {type(exc).__name__}: {exc}"[:500],
                               "field": None})
        app.logger.exception("import %s failed", job_id)
    finally:
        db.conn.close()


def start(app, data: bytes, filename: str, platform: str, shop_id: str | None, classify: bool, *, wait: bool = False) -> dict:
    """Register a job and run it (in a thread unless `wait`); returns the job as it stands."""
    job_id = secrets.token_hex(8)
    jobs(app).add({"id": job_id, "state": "running", "platform": platform, "source": filename[:200], "shop_id": shop_id,
                   "classify": classify, "done": 0, "total": None, "report": None, "error": None,
                   "started_at": time.time(), "finished_at": None})
    if wait:
        run_import(app, job_id, data, filename, platform, shop_id, classify)
    else:
        threading.Thread(target=run_import, args=(app, job_id, data, filename, platform, shop_id, classify),
                         name=f"import-{job_id}", daemon=True).start()
    return jobs(app).get(job_id)
