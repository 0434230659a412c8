"""serve warms a capture's CPU path before it listens (services/ingest.warm_up, issue 11): the made-up capture goes
through parse, decode, advice and drafts for every platform without an error, and nothing is stored anywhere."""

from __future__ import annotations

from companion import evidence as ev
from companion.services import ingest


def test_warm_up_runs_the_capture_path_without_error_and_starts_the_writers():
    ingest._warm_up()  # the guarded warm_up() only logs a failure: call the body so a break fails here
    assert len(ev._pool()._threads) == ev.WRITER_THREADS


def test_warm_up_never_raises(monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(ingest, "decode_evidence", broken)
    ingest.warm_up()  # logged, not raised: the companion still starts
    assert "capture warm-up failed" in caplog.text
