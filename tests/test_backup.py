"""Backup and restore (companion/services/backup.py, `review-companion backup|restore`): a whole data dir
round-trips through one zip, the restored copy passes `verify`, and a damaged or crafted archive is refused."""

from __future__ import annotations

import json
import sqlite3
import zipfile

import pytest
from click.testing import CliRunner

from companion import create_app
from companion.cli import main
from companion.services.backup import BackupError, create_backup, restore_backup
from factories import make_capture

TOKEN = "backup-test-token-0123456789"


@pytest.fixture
def filled(tmp_path):
    """A data dir with two captured cases (screenshots and MHTML on disk)."""
    data = tmp_path / "data"
    app = create_app({"TESTING": True, "DATA_DIR": str(data), "TOKEN": TOKEN})
    c = app.test_client()
    auth = {"Authorization": f"Bearer {TOKEN}"}
    for n in range(2):
        cap = make_capture(review={"review_id": f"73000000000000000{n}", "order_id": f"49000000000000000{n}",
                                   "text": f"第{n + 1}次买，杯盖漏水，客服一直不回"})
        assert c.post("/api/v1/captures", json=cap, headers=auth).status_code in (200, 201)
    return data


def _count(db, table):
    con = sqlite3.connect(db)
    try:
        return con.execute(f"select count(*) from {table}").fetchone()[0]
    finally:
        con.close()


def test_round_trip_restores_every_case_and_file_and_verify_passes(filled, tmp_path):
    out = tmp_path / "b.zip"
    summary = create_backup(filled, out)
    assert summary["problems"] == [] and summary["counts"]["cases"] == 2
    names = zipfile.ZipFile(out).namelist()
    assert "companion.db" in names and "manifest.json" in names and "token" not in names
    evidence_files = [n for n in names if n.startswith("evidence/")]
    # Content-addressed: both captures carry the same screenshot and snapshot bytes, stored once each.
    con = sqlite3.connect(filled / "companion.db")
    distinct = con.execute("select count(distinct path) from evidence").fetchone()[0]
    con.close()
    assert _count(filled / "companion.db", "evidence") == 4 and len(evidence_files) == distinct == 2

    target = tmp_path / "restored"
    result = restore_backup(out, target)
    assert result["evidence_restored"] == 2 and result["moved_aside"] is None
    for table in ("cases", "reviews", "captures", "evidence"):
        assert _count(target / "companion.db", table) == _count(filled / "companion.db", table)
    run = CliRunner().invoke(main, ["verify", "--data-dir", str(target)])
    assert run.exit_code == 0, run.output
    assert "0 problems" in run.output


def test_restore_refuses_an_existing_database_unless_forced_and_then_keeps_it_aside(filled, tmp_path):
    out = tmp_path / "b.zip"
    create_backup(filled, out)
    with pytest.raises(BackupError, match="already holds a database"):
        restore_backup(out, filled)
    result = restore_backup(out, filled, force=True)
    assert result["moved_aside"] and (filled / result["moved_aside"].split("/")[-1]).is_file()
    assert result["evidence_already_there"] == 2


def test_a_tampered_member_is_refused_and_the_old_database_stays(filled, tmp_path):
    out = tmp_path / "b.zip"
    create_backup(filled, out)
    bad = tmp_path / "bad.zip"
    with zipfile.ZipFile(out) as src, zipfile.ZipFile(bad, "w") as dst:
        for info in src.infolist():
            data = src.read(info.filename)
            if info.filename.startswith("evidence/") and info.filename.endswith(".png"):
                data = data + b"altered"
            dst.writestr(info, data)
    target = tmp_path / "t"
    with pytest.raises(BackupError, match="does not match its SHA-256"):
        restore_backup(bad, target)
    assert not (target / "companion.db").exists()


def test_a_crafted_archive_cannot_write_outside_the_data_dir(tmp_path):
    evil = tmp_path / "evil.zip"
    manifest = {"format": "review-guard-backup", "format_version": 1,
                "members": [{"name": "companion.db", "sha256": "0" * 64, "size": 1},
                            {"name": "../../outside.txt", "sha256": "0" * 64, "size": 1}]}
    with zipfile.ZipFile(evil, "w") as zf:
        zf.writestr("manifest.json", json.dumps(manifest))
        zf.writestr("companion.db", b"x")
        zf.writestr("../../outside.txt", b"x")
    with pytest.raises(BackupError, match="may not hold"):
        restore_backup(evil, tmp_path / "t")
    assert not (tmp_path.parent / "outside.txt").exists()


def test_backup_leaves_out_and_reports_an_altered_evidence_file(filled, tmp_path):
    png = next((filled / "evidence").rglob("*.png"))
    png.chmod(0o600)
    png.write_bytes(b"not the screenshot")
    summary = create_backup(filled, tmp_path / "b.zip")
    assert [p["problem"] for p in summary["problems"]] == ["hash_mismatch"]
    run = CliRunner().invoke(main, ["backup", "--data-dir", str(filled), "--out", str(tmp_path / "c.zip")])
    assert run.exit_code == 1 and "hash_mismatch" in run.output


def test_cli_backup_then_restore(filled, tmp_path):
    out = tmp_path / "cli.zip"
    run = CliRunner().invoke(main, ["backup", "--data-dir", str(filled), "--out", str(out)])
    assert run.exit_code == 0, run.output
    assert "2 cases" in run.output
    run = CliRunner().invoke(main, ["restore", str(out), "--data-dir", str(tmp_path / "new")])
    assert run.exit_code == 0, run.output
    assert "pair the extension again" in run.output
    run = CliRunner().invoke(main, ["restore", str(tmp_path / "missing.zip"), "--data-dir", str(tmp_path / "x")])
    assert run.exit_code == 2 and "no backup file" in run.output


def test_backup_while_captures_go_on_restores_a_consistent_copy(tmp_path):
    """Two clients keep capturing while the backup runs: the backup is one consistent snapshot — restored, verify
    (evidence hashes, the hash chain, the case tamper log against the checkpoints) is clean and every case in it has
    its evidence; the captures made meanwhile all landed in the live store."""
    import threading

    data = tmp_path / "live"
    app = create_app({"TESTING": True, "DATA_DIR": str(data), "TOKEN": TOKEN})
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert app.test_client().post("/api/v1/captures", json=make_capture(), headers=auth).status_code == 201
    stop, running = threading.Event(), threading.Event()
    sent: list[int] = []

    def capture_loop(worker: int) -> None:
        c = app.test_client()
        n = 0
        while not stop.is_set() or n < 3:
            cap = make_capture(review={"review_id": f"74{worker}{n:015d}", "order_id": f"48{worker}{n:015d}",
                                       "text": f"第{n}单：杯盖漏水，客服不回"})
            sent.append(c.post("/api/v1/captures", json=cap, headers=auth).status_code)
            n += 1
            if n == 2:
                running.set()

    workers = [threading.Thread(target=capture_loop, args=(w,)) for w in (1, 2)]
    for t in workers:
        t.start()
    assert running.wait(60)  # the captures are under way before the backup starts, and go on during it
    try:
        summary = create_backup(data, tmp_path / "during.zip")
    finally:
        stop.set()
        for t in workers:
            t.join()
    assert sent and set(sent) == {201}, sent
    assert summary["problems"] == []

    restored = tmp_path / "restored"
    restore_backup(tmp_path / "during.zip", restored)
    run = CliRunner().invoke(main, ["verify", "--data-dir", str(restored)])
    assert run.exit_code == 0, run.output
    con = sqlite3.connect(restored / "companion.db")
    try:
        cases = con.execute("select count(*) from cases").fetchone()[0]
        bare = con.execute("select count(*) from cases c where not exists (select 1 from evidence e where e.case_id = c.id)").fetchone()[0]
    finally:
        con.close()
    assert cases >= 1 and bare == 0
    assert _count(data / "companion.db", "cases") == 1 + len(sent)  # nothing lost in the live store either
