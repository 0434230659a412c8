"""`review-companion backup` and `review-companion restore` (issue 10: data backed up), registered on the CLI group in cli.py."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import click


@click.command("backup")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="The zip to write (default: review-guard-backup-<date>-<time>.zip in the current folder).")
def backup_cmd(data_dir: Path | None, out: Path | None) -> None:
    """Back up the database and every evidence file into one zip (safe while the companion runs).

    Example: review-companion backup --out D:/backups/review-guard.zip
    """
    from . import default_data_dir
    from .services.backup import BackupError, create_backup

    data_dir = data_dir or default_data_dir()
    out = out or Path(f"review-guard-backup-{datetime.now():%Y%m%d-%H%M%S}.zip")
    try:
        summary = create_backup(data_dir, out)
    except BackupError as exc:
        click.echo(f"Error: {exc.message}", err=True)
        sys.exit(2)
    c = summary["counts"]
    click.echo(f"Backed up {c.get('cases', 0)} cases, {c.get('reviews', 0)} reviews and {summary['files'] - 1} files to {summary['path']}")
    for p in summary["problems"]:
        click.echo(f"  left out evidence #{p['evidence_id']} ({p['path']}): {p['problem']}", err=True)
    sys.exit(1 if summary["problems"] else 0)


@click.command("restore")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None)
@click.option("--force", is_flag=True, help="Restore over an existing database (it is moved aside, not deleted).")
def restore_cmd(file: Path, data_dir: Path | None, force: bool) -> None:
    """Restore a backup made by `review-companion backup` (stop the companion first).

    Example: review-companion restore review-guard-backup-20261202-0930.zip --force
    """
    from . import default_data_dir
    from .services.backup import BackupError, restore_backup

    data_dir = data_dir or default_data_dir()
    try:
        summary = restore_backup(file, data_dir, force=force)
    except BackupError as exc:
        click.echo(f"Error: {exc.message}", err=True)
        sys.exit(2)
    c = summary["counts"]
    click.echo(f"Restored {c.get('cases', 0)} cases and {summary['evidence_restored'] + summary['evidence_already_there']} "
               f"evidence files into {summary['data_dir']}")
    if summary["moved_aside"]:
        click.echo(f"The previous database was moved to {summary['moved_aside']}")
    click.echo("Start the companion, then pair the extension again (a backup holds no pairing token); "
               "`review-companion verify` re-checks every file.")
