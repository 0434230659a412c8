"""Friendly start (issue 13) and the token printed once (issue 12 item 4): a taken port is one line and exit 2,
`serve` says URL, data dir and how to pair, the token only when it is created; `autostart on|off` per OS."""

from __future__ import annotations

import os
import plistlib
import socket
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from companion import autostart
from companion.cli import main

ROOT = Path(__file__).resolve().parents[1]


def companion_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "companion", *args]


def env() -> dict:
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def start_lines(data_dir: Path) -> list[str]:
    """Start `serve` on a free port, read what it prints up to the Dashboard line, stop it."""
    proc = subprocess.Popen(companion_cmd("serve", "--port", "0", "--data-dir", str(data_dir)),
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env())
    lines: list[str] = []
    try:
        for line in proc.stdout:
            lines.append(line.rstrip("\n"))
            if line.startswith("Dashboard:"):
                break
    finally:
        proc.terminate()
        proc.wait(30)
        proc.stdout.close()
    return lines


def test_port_in_use_is_one_line_naming_port_and_exit_2(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = subprocess.run(companion_cmd("serve", "--port", str(port), "--data-dir", str(tmp_path / "data")),
                              capture_output=True, text=True, env=env(), timeout=120)
    assert proc.returncode == 2
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert f"port {port}" in lines[0] and "already in use" in lines[0] and "--port" in lines[0]
    assert "Traceback" not in proc.stderr + proc.stdout and "Errno" not in proc.stderr


def test_token_printed_at_first_start_only(tmp_path):
    data = tmp_path / "data"
    first = start_lines(data)
    token = (data / "token").read_text().strip()
    assert first[0].startswith("Review Guard companion ") and " listening on http://127.0.0.1:" in first[0]
    assert first[1] == f"Data directory: {data}"
    assert token in first[2] and "options page" in first[2]
    assert "review-companion token" in "\n".join(first)
    second = start_lines(data)
    assert token not in "\n".join(second)
    assert any("review-companion token" in line and "options page" in line for line in second), second
    # `review-companion token` still prints it, unchanged.
    result = CliRunner().invoke(main, ["token", "--data-dir", str(data)])
    assert result.exit_code == 0 and result.output.strip() == token


def test_bare_command_serves(tmp_path):
    """A double-click runs the program without arguments: that is `serve` with its defaults. With the default port
    8765 held (by this test, or by whatever already holds it), it answers as `serve` does: one line, exit 2."""
    from companion import DEFAULT_PORT

    holder = socket.socket()
    try:
        try:
            holder.bind(("127.0.0.1", DEFAULT_PORT))
            holder.listen()
        except OSError:
            pass  # already taken by another program: just as good
        proc = subprocess.run(companion_cmd(), capture_output=True, text=True, timeout=120,
                              env={**env(), "REVIEW_COMPANION_HOME": str(tmp_path / "home")})
    finally:
        holder.close()
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert "Usage:" not in proc.stdout and f"port {DEFAULT_PORT}" in proc.stderr


def test_autostart_on_status_off_in_a_temp_home(tmp_path):
    """The real command on this OS (Linux: XDG autostart) with HOME and XDG_CONFIG_HOME in a temp dir."""
    home = tmp_path / "home"
    home.mkdir()
    environ = {**env(), "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"), "APPDATA": str(home / "AppData")}
    run = lambda *a: subprocess.run(companion_cmd("autostart", *a), capture_output=True, text=True, env=environ, timeout=120)  # noqa: E731
    assert run("status").stdout.strip() == "off"
    entry = autostart.entry_path(home=home, env=environ)
    on = run("on", "--port", "9123", "--data-dir", str(tmp_path / "rg data"))
    assert on.returncode == 0, on.stderr
    assert entry.exists() and str(entry) in on.stdout
    if autostart.platform_kind() == "xdg":
        assert entry == home / ".config" / "autostart" / "review-companion.desktop"
        text = entry.read_text()
        assert "[Desktop Entry]" in text and "Type=Application" in text
        exec_line = next(line for line in text.splitlines() if line.startswith("Exec="))
        assert " serve --port 9123 --data-dir " in exec_line and f'"{tmp_path / "rg data"}"' in exec_line
        assert oct(entry.stat().st_mode & 0o777) == "0o600"
    assert run("status").stdout.startswith("on (")
    off = run("off")
    assert off.returncode == 0 and not entry.exists() and "no longer starts" in off.stdout
    assert "already off" in run("off").stdout


def test_autostart_entries_for_macos_and_windows_in_a_temp_dir(tmp_path):
    argv = ["/Applications/Review Companion/review-companion", "serve", "--port", "8765"]
    plist = autostart.enable(argv, kind="macos", home=tmp_path)
    assert plist == tmp_path / "Library" / "LaunchAgents" / "com.reviewguard.companion.plist"
    data = plistlib.loads(plist.read_bytes())
    assert data["ProgramArguments"] == argv and data["RunAtLoad"] is True and data["Label"] == "com.reviewguard.companion"
    assert autostart.disable(kind="macos", home=tmp_path) == plist and not plist.exists()

    win_argv = [r"C:\Users\店主\Review Guard\review-companion.exe", "serve"]
    appdata = tmp_path / "AppData" / "Roaming"
    cmd = autostart.enable(win_argv, kind="windows", home=tmp_path, env={"APPDATA": str(appdata)})
    assert cmd == appdata / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Startup" / "review-companion.cmd"
    body = cmd.read_bytes().decode("utf-8")
    assert "\r\n" in body and f'/min "{win_argv[0]}" serve' in body
    assert autostart.is_enabled(kind="windows", home=tmp_path, env={"APPDATA": str(appdata)})
    autostart.disable(kind="windows", home=tmp_path, env={"APPDATA": str(appdata)})
    assert not cmd.exists()


def test_autostart_command_runs_this_installation():
    argv = autostart.command(8765, None)
    assert argv[-3:] == ["serve", "--port", "8765"]
    assert Path(argv[0]).name.startswith(("review-companion", "python")) or argv[0] == sys.executable
