"""`review-companion import` and `review-companion export` (issue 10), registered on the CLI group in cli.py."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click


def _open_db(data_dir: Path | None):
    from . import default_data_dir

    from .store.sqlite import init_db
    data_dir = data_dir or default_data_dir()
    data_dir.mkdir(parents=True, exist_ok=True)
    return init_db(data_dir / "companion.db")


class Progress:
    """One line on stderr, redrawn in place on a terminal ("import 1,200/5,000 rows 24%"), a line per 10 % otherwise."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.last = -1
        self.t0 = time.perf_counter()

    def __call__(self, done: int, total: int) -> None:
        pct = 100 if not total else int(done * 100 / total)
        if not self.tty and pct // 10 == self.last // 10 and done != total:
            return
        if self.tty and pct == self.last and done != total:
            return
        self.last = pct
        bar = "#" * (pct // 5) + "-" * (20 - pct // 5)
        rate = done / max(time.perf_counter() - self.t0, 1e-6)
        line = f"import [{bar}] {done:,}/{total:,} rows {pct}% ({rate:,.0f}/s)"
        self.stream.write(("\r" + line) if self.tty else line + "\n")
        if self.tty and done == total:
            self.stream.write("\n")
        self.stream.flush()


@click.command("import")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--platform", required=True, type=click.Choice(["douyin", "tiktok", "taobao"]),
              help="The seller center the export comes from (抖店 douyin, TikTok Shop tiktok, 千牛 taobao).")
@click.option("--shop", "shop", default=None, help="The shop id the reviews belong to (sellers with several shops).")
@click.option("--no-classify", is_flag=True, help="Store the rows without assessing them (faster; a capture or correction assesses later).")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None)
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON instead of a summary.")
def import_cmd(file: Path, platform: str, shop: str | None, no_classify: bool, data_dir: Path | None, as_json: bool) -> None:
    """Import historical reviews from a seller center's export (CSV or .xlsx).

    Each row becomes a case (one per order), classified as a capture would be; importing the same file
    again adds nothing. A bad row is reported with its line number and the others are imported. Rows
    are written in batches: an interrupted import resumes when run again. Exit status 1 when a row was
    bad or the file was refused.

    Example: review-companion import 评价导出.xlsx --platform douyin --shop 12345
    """
    import json

    from .services.importing import ImportRefused, import_file

    db = _open_db(data_dir)
    try:
        report = import_file(db, file.read_bytes(), file.name, platform, shop_id=shop, classify=not no_classify,
                             progress=Progress())
    except ImportRefused as exc:
        if as_json:
            click.echo(json.dumps({"error": {"code": exc.code, "message": exc.message, "field": exc.field},
                                   "report": exc.report}, ensure_ascii=False))
        else:
            click.echo(f"Error: {exc.message}", err=True)
        sys.exit(1)
    finally:
        db.conn.close()
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False))
    else:
        click.echo(summary(report))
    sys.exit(1 if report["failed"] else 0)


def summary(report: dict) -> str:
    lines = [f"{report['source']} ({report['platform']}): {report['rows']:,} rows — {report['imported']:,} new cases, "
             f"{report['updated']:,} updated, {report['duplicates']:,} already imported, {report['failed']:,} bad rows; "
             f"{report['classified']:,} classified in {report['elapsed_s']:.1f} s"]
    if report["columns"]:
        lines.append("columns: " + ", ".join(f"{h} → {f}" for f, h in report["columns"].items()))
    if report["unknown_columns"]:
        lines.append("unknown columns (not imported): " + ", ".join(report["unknown_columns"]))
    if report["ignored_columns"]:
        lines.append("ignored columns: " + ", ".join(report["ignored_columns"]))
    for e in report["errors"]:
        lines.append(f"line {e['line']}: {e['field'] or 'row'}: {e['message']}")
    if report["failed"] > len(report["errors"]):
        lines.append(f"… and {report['failed'] - len(report['errors']):,} more bad rows")
    return "\n".join(lines)


@click.command("export")
@click.option("--format", "fmt", type=click.Choice(["csv", "xlsx"]), default="csv", show_default=True)
@click.option("--out", type=click.Path(dir_okay=False, path_type=Path), required=True, help="The file to write.")
@click.option("--unmasked", is_flag=True, help="Keep buyers' phone numbers and addresses (masked by default).")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None)
def export_cmd(fmt: str, out: Path, unmasked: bool, data_dir: Path | None) -> None:
    """Export every case as CSV or Excel: formulas neutralised, phone numbers and addresses masked unless --unmasked.

    Example: review-companion export --format xlsx --out cases.xlsx
    """
    from .services.exporting import write_csv, write_xlsx

    db = _open_db(data_dir)
    tmp = out.with_name(out.name + ".part")
    try:
        if fmt == "csv":
            with tmp.open("w", encoding="utf-8", newline="") as fh:
                n = write_csv(db, fh, unmasked=unmasked)
        else:
            n = write_xlsx(db, str(tmp), unmasked=unmasked)
        tmp.replace(out)  # never a half-written file under the name asked for
    finally:
        db.conn.close()
        tmp.unlink(missing_ok=True)
    click.echo(f"{n:,} cases written to {out}" + (" (phone numbers and addresses NOT masked)" if unmasked else ""))
