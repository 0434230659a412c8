"""The `review-companion` command (fixed interface: extend freely, never break)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from . import DEFAULT_PORT, __version__, create_app, default_data_dir


@click.group()
@click.version_option(__version__, prog_name="review-companion")
def main() -> None:
    """Review Guard companion: classify reviews, draft replies, keep evidence — all on this machine."""


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Loopback address to bind (127.0.0.1, ::1 or localhost).")
@click.option("--port", default=DEFAULT_PORT, show_default=True, type=click.IntRange(0, 65535), help="0 picks a free port.")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where the database, token and evidence live. Default: $REVIEW_COMPANION_HOME, else the OS user-data dir.")
@click.option("--threads", default=4, show_default=True, type=click.IntRange(1, 64))
@click.option("--demo", is_flag=True, help="Also serve the mock seller centers under /mock/ (source checkout only; scripts/serve passes it).")
def serve(host: str, port: int, data_dir: Path | None, threads: int, demo: bool) -> None:
    """Run the companion API and dashboard on loopback with waitress.

    Example: review-companion serve --port 8765 --data-dir ~/review-guard
    """
    import waitress

    from .classifier import warm_up

    from . import DemoUnavailable
    from .dbcheck import DatabaseUnusable

    if host not in ("127.0.0.1", "localhost", "::1"):
        raise click.BadParameter("the companion only binds a loopback address", param_hint="--host")
    data_dir = data_dir or default_data_dir()
    try:
        app = create_app({"DATA_DIR": str(data_dir), "DEMO": demo})
    except DemoUnavailable as exc:
        raise click.BadParameter(str(exc), param_hint="--demo") from exc
    except DatabaseUnusable as exc:  # truncated/corrupt or newer database: one clear message, no traceback (issue 12)
        click.echo(f"Error: {exc}", err=True)
        sys.exit(2)
    server = waitress.create_server(app, host=host, port=port, threads=threads, ident="review-companion")
    # Load the classifier's dictionaries and model and the drafting rules before saying "listening"
    # (a request that comes meanwhile waits in the socket's backlog): loaded in the background, they
    # made the seller's first capture 40-150x a warm one; now it costs what every other does.
    warm_up()
    warm_capture_path(app)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{server.effective_port}"
    click.echo(f"Review Guard companion {__version__} listening on {url}")
    click.echo(f"Data directory: {data_dir}")
    click.echo(f"Pairing token (paste it in the extension's options page): {app.config['TOKEN']}")
    mock_page = f"   Mock Douyin review page: {url}/mock/douyin/ffa/maftersale/comment" if demo else ""
    click.echo(f"Dashboard: {url}/{mock_page}")
    sys.stdout.flush()
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


def warm_capture_path(app) -> None:
    """Import and load what a capture uses besides the classifier: drafting, rules, the database."""
    from .drafting import make_drafts  # noqa: F401
    from .drafting.rules import load_rules

    for platform in ("douyin", "tiktok", "taobao"):
        load_rules(platform)
    with app.test_request_context("/api/v1/health"):
        from .db import get_db

        get_db().execute("select count(*) from cases where id = 0").fetchone()


@main.command()
@click.option("--platform", type=click.Choice(["douyin", "tiktok", "taobao"]), default=None, help="Platform the reviews come from.")
def classify(platform: str | None) -> None:
    """Classify JSON lines from stdin; each line comes back with a `classification` object added.

    Input lines: {"text": …, "rating"?: 1-5, "lang"?: "zh"|"en"}; other keys are kept.
    A bad line gets an `error` object instead and the exit status is 1 at the end.

    Example: echo '{"text": "物流太慢了", "rating": 1}' | review-companion classify
    """
    from pydantic import ValidationError

    from .api.errors import validation_error
    from .classifier import classify as run
    from .models import ClassifyRequest

    failed = False
    for lineno, line in enumerate(sys.stdin, 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            if not isinstance(obj, dict):
                raise ValueError("each line must be a JSON object")
            req = ClassifyRequest.model_validate(obj)
        except ValidationError as exc:
            failed = True
            obj = obj if isinstance(obj, dict) else {"input": obj}
            obj["error"] = {**validation_error(exc).body()["error"], "line": lineno}
            click.echo(json.dumps(obj, ensure_ascii=False))
            continue
        except (ValueError, RecursionError) as exc:
            # RecursionError: a line of 100,000 nested "[" — one bad line never stops the others.
            failed = True
            message = "JSON nested too deeply" if isinstance(exc, RecursionError) else str(exc)
            click.echo(json.dumps({"error": {"code": "bad_json", "message": message, "field": None, "line": lineno}}, ensure_ascii=False))
            continue
        obj["classification"] = run(req.text, rating=req.rating, lang=req.lang, platform=req.platform or platform).model_dump(mode="json")
        click.echo(json.dumps(obj, ensure_ascii=False))
    sys.exit(1 if failed else 0)


@main.command()
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None)
def verify(data_dir: Path | None) -> None:
    """Re-hash every evidence file and re-walk the hash chain; exit 1 on any problem.

    Example: review-companion verify --data-dir ~/review-guard
    """
    from .db import init_db
    from .evidence import verify as run

    data_dir = data_dir or default_data_dir()
    db = init_db(data_dir / "companion.db")
    problems = run(db, data_dir)
    count = db.execute("select count(*) from evidence").fetchone()[0]
    for p in problems:
        click.echo(f"evidence #{p['evidence_id']}: {p['problem']}", err=True)
    click.echo(f"{count} evidence items checked, {len(problems)} problems")
    sys.exit(1 if problems else 0)


@main.command("token")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None)
def show_token(data_dir: Path | None) -> None:
    """Print the pairing token (creating it on first use).

    Example: review-companion token
    """
    from .security import load_or_create_token

    data_dir = data_dir or default_data_dir()
    data_dir.mkdir(parents=True, exist_ok=True)
    click.echo(load_or_create_token(data_dir))


@main.command("export-schemas")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=Path("shared-schemas"), show_default=True)
def export_schemas_cmd(out: Path) -> None:
    """Write the JSON Schemas of the API models.

    Example: review-companion export-schemas --out shared-schemas
    """
    from .schemas import export

    for path in export(out):
        click.echo(path)


from .cli_transfer import export_cmd, import_cmd  # noqa: E402  (issue 10: review-companion import / export)

main.add_command(import_cmd)
main.add_command(export_cmd)
