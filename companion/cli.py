"""The `review-companion` command (fixed interface: extend freely, never break)."""

from __future__ import annotations

import errno
import json
import os
import socket
import sys
from pathlib import Path

import click

from . import DEFAULT_PORT, __version__, create_app, default_data_dir


@click.group(invoke_without_command=True)
@click.version_option(__version__, prog_name="review-companion")
@click.pass_context
def main(ctx: click.Context) -> None:
    """Review Guard companion: classify reviews, draft replies, keep evidence — all on this machine.

    Without a command it runs `serve` with the defaults (what a double-click on the program does).
    """
    if ctx.invoked_subcommand is None:
        ctx.invoke(serve)


# Exit status of `serve` when it cannot start (port taken, unusable database): 2, like a usage error.
EXIT_CANNOT_START = 2
# "Address in use" on POSIX and Windows (WSAEADDRINUSE); WSAEACCES when Windows reserves the port (Hyper-V ranges).
_IN_USE = {errno.EADDRINUSE, 10048}
_WIN_ACCESS = 10013


def _port_taken(exc: OSError) -> bool:
    codes = {exc.errno, getattr(exc, "winerror", None)}
    return bool(codes & _IN_USE) or (os.name == "nt" and _WIN_ACCESS in codes)


def _windows_port_free(host: str, port: int) -> bool:
    """Windows lets a socket with SO_REUSEADDR (waitress sets it) bind a port another program listens on; probe
    with SO_EXCLUSIVEADDRUSE first so a second companion is told instead of silently sharing the port."""
    exclusive = getattr(socket, "SO_EXCLUSIVEADDRUSE", None)
    if exclusive is None or port == 0:
        return True
    for family, kind, proto, _, addr in socket.getaddrinfo(host, port, type=socket.SOCK_STREAM):
        with socket.socket(family, kind, proto) as probe:
            probe.setsockopt(socket.SOL_SOCKET, exclusive, 1)
            try:
                probe.bind(addr)
            except OSError as exc:
                if _port_taken(exc):
                    return False
                raise
    return True


def _cannot_start(message: str) -> None:
    click.echo(f"Error: {message}", err=True)
    if getattr(sys, "frozen", False) and os.name == "nt" and sys.stdin and sys.stdin.isatty():
        # Started by a double-click: keep the console window open long enough to read why.
        input("Press Enter to close this window.")
    sys.exit(EXIT_CANNOT_START)


def _port_in_use_message(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return (f"port {port} on {host} is already in use (is the companion already running? open http://{shown}:{port}/). "
            f"Choose another port with --port, e.g. `review-companion serve --port {port + 1 if port < 65535 else 8766}`, "
            "and set the same URL in the extension's options.")


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
    first_start = not _token_exists(data_dir)
    if not _windows_port_free(host, port):
        _cannot_start(_port_in_use_message(host, port))
    try:
        app = create_app({"DATA_DIR": str(data_dir), "DEMO": demo})
    except DemoUnavailable as exc:
        raise click.BadParameter(str(exc), param_hint="--demo") from exc
    except DatabaseUnusable as exc:  # truncated/corrupt or newer database: one clear message, no traceback (issue 12)
        _cannot_start(str(exc))
    try:
        # A capture's body (~0.5 MB of base64) read in 256 KB pieces and kept in memory up to 8 MB: waitress's
        # defaults (8 KB reads, a temporary file past 512 KB) cost a capture ~1 ms more (issue 11).
        server = waitress.create_server(app, host=host, port=port, threads=threads, ident="review-companion",
                                        recv_bytes=256 * 1024, inbuf_overflow=8 * 1024 * 1024)
    except OSError as exc:  # one line, not a traceback ending in "[Errno 98]" (issue 13)
        if not _port_taken(exc):
            raise
        _cannot_start(_port_in_use_message(host, port))
    # Load the classifier's dictionaries and model and the drafting rules before saying "listening"
    # (a request that comes meanwhile waits in the socket's backlog): loaded in the background, they
    # made the seller's first capture 40-150x a warm one; now it costs what every other does.
    warm_up()
    warm_capture_path(app)
    shown = f"[{host}]" if ":" in host else host
    url = f"http://{shown}:{server.effective_port}"
    click.echo(f"Review Guard companion {__version__} listening on {url}")
    click.echo(f"Data directory: {data_dir}")
    if first_start:
        # The token is printed this once, when it is created, so it does not land in every log (issue 12).
        click.echo(f"Pairing token (paste it in the extension's options page, then Save): {app.config['TOKEN']}")
        click.echo("  It is shown only at this first start; later run `review-companion token` to see it again.")
    else:
        click.echo("To pair a browser: run `review-companion token` and paste the token in the extension's options page, then Save.")
    mock_page = f"   Mock Douyin review page: {url}/mock/douyin/ffa/maftersale/comment" if demo else ""
    click.echo(f"Dashboard: {url}/{mock_page}")
    sys.stdout.flush()
    try:
        server.run()
    except KeyboardInterrupt:
        pass
    finally:
        server.close()


def _token_exists(data_dir: Path) -> bool:
    try:
        return bool((Path(data_dir) / "token").read_text().strip())
    except (FileNotFoundError, NotADirectoryError):
        return False
    except OSError:
        return True  # unreadable: create_app will say why; do not print a token over it


def warm_capture_path(app) -> None:
    """Import and load what a capture uses besides the classifier: drafting, rules, the database."""
    from .drafting import make_drafts  # noqa: F401
    from .drafting.rules import load_rules

    for platform in ("douyin", "tiktok", "taobao"):
        load_rules(platform)
    with app.test_request_context("/api/v1/health"):
        from .api.db import get_db

        get_db().execute("select count(*) from cases where id = 0").fetchone()
    from .services.ingest import warm_up as warm_ingest

    warm_ingest()  # a made-up capture's parse, decode, advice and drafts, nothing stored


@main.command()
@click.option("--platform", type=click.Choice(["douyin", "tiktok", "taobao"]), default=None, help="Platform the reviews come from.")
def classify(platform: str | None) -> None:
    """Classify JSON lines from stdin; each line comes back with a `classification` object added.

    Input lines: {"text": …, "rating"?: 1-5, "lang"?: "zh"|"en"}; other keys are kept.
    A bad line gets an `error` object instead and the exit status is 1 at the end.

    Example: echo '{"text": "物流太慢了", "rating": 1}' | review-companion classify
    """
    from pydantic import ValidationError

    from .errors import validation_error
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
@click.option("--package", "packages", multiple=True, type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="An export.zip whose manifest (tamper-log head and entries) must match this data dir; repeatable.")
def verify(data_dir: Path | None, packages: tuple[Path, ...]) -> None:
    """Re-hash every evidence file, re-walk the hash chain and the case tamper log against its checkpoints (and the
    packages given); print the first broken link; exit 1 on any problem, 2 when the database cannot be opened.

    Example: review-companion verify --data-dir ~/review-guard --package review-guard-douyin-4912.zip
    """
    from .caselog import run_cli_verify  # issue 12: the whole case, anchored outside the database

    sys.exit(run_cli_verify(data_dir or default_data_dir(), packages))


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


@main.command("autostart")
@click.argument("state", type=click.Choice(["on", "off", "status"]))
@click.option("--port", default=None, type=click.IntRange(1, 65535), help="Port to serve on at login (default 8765).")
@click.option("--data-dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Data directory to use at login (default: as `serve`).")
def autostart_cmd(state: str, port: int | None, data_dir: Path | None) -> None:
    """Start the companion when you log in (off by default): on, off, or status.

    Linux: an XDG autostart .desktop file; macOS: a LaunchAgent; Windows: an entry in your Startup folder.

    Example: review-companion autostart on
    """
    from . import autostart

    if state == "on":
        path = autostart.enable(autostart.command(port, data_dir))
        click.echo(f"The companion will start when you log in ({path}). Turn it off with `review-companion autostart off`.")
    elif state == "off":
        path = autostart.disable()
        click.echo(f"Removed {path}: the companion no longer starts at login." if path else "Start at login was already off.")
    else:
        path = autostart.entry_path()
        click.echo(f"on ({path})" if path.exists() else "off")


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

from .cli_backup import backup_cmd, restore_cmd  # noqa: E402  (issue 10: review-companion backup / restore)

main.add_command(backup_cmd)
main.add_command(restore_cmd)
