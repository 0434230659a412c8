"""Evidence files written concurrently (companion/evidence.py write_all / write_once): durable, once, never torn."""

import hashlib
import os
import threading

import pytest

from companion import evidence as ev


def test_write_all_names_files_at_once_and_waits_for_them(tmp_path):
    a, b = b"\x89PNG first", b"MIME-Version: 1.0\r\n\r\nsecond"
    names, pending = ev.write_all(tmp_path, [(a, "image/png", None), (b, "multipart/related", hashlib.sha256(b).hexdigest()),
                                             (a, "image/png", None)])
    pending.wait()
    assert names[0] == names[2] == (hashlib.sha256(a).hexdigest(), ev.relative_path(hashlib.sha256(a).hexdigest(), "image/png"))
    for sha, rel in names:
        assert hashlib.sha256((tmp_path / rel).read_bytes()).hexdigest() == sha
    assert len(pending.futures) == 2  # the same bytes twice in one capture: written once
    assert not list(tmp_path.glob(f"evidence/*/*{ev.TMP_SUFFIX}"))


def test_same_bytes_from_many_threads_end_as_one_file(tmp_path):
    data = os.urandom(50_000)
    results, errors = [], []

    def write():
        try:
            results.append(ev.write_once(tmp_path, data, "image/png"))
        except Exception as exc:  # noqa: BLE001 - collected for the assertion
            errors.append(exc)

    threads = [threading.Thread(target=write) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert len(set(results)) == 1
    sha, rel = results[0]
    assert hashlib.sha256((tmp_path / rel).read_bytes()).hexdigest() == sha
    assert [p.name for p in (tmp_path / rel).parent.iterdir()] == [(tmp_path / rel).name]


def test_a_failed_write_is_raised_by_wait_after_every_write_finished(tmp_path):
    good = b"fine bytes"
    names, pending = ev.write_all(tmp_path, [(good, "image/png", None)])
    pending.wait()
    (tmp_path / names[0][1]).chmod(0o600)
    (tmp_path / names[0][1]).write_bytes(b"tampered")  # the stored copy no longer matches its name
    other = b"other bytes"
    names2, pending2 = ev.write_all(tmp_path, [(good, "image/png", None), (other, "image/png", None)])
    with pytest.raises(ev.EvidenceTampered):
        pending2.wait()
    assert all(f.done() for f in pending2.futures)
    assert (tmp_path / names2[1][1]).read_bytes() == other
