"""Opt-in start at login (`review-companion autostart on|off|status`), off by default.

One entry per OS, in the current user's own space only (no administrator rights, nothing system-wide):

- Linux and other XDG desktops: `$XDG_CONFIG_HOME/autostart/review-companion.desktop` (default `~/.config`);
- macOS: a LaunchAgent `~/Library/LaunchAgents/com.reviewguard.companion.plist` (RunAtLoad; launchd reads it
  at the next login — `launchctl load <file>` starts it at once);
- Windows: `review-companion.cmd` in the user's Startup folder
  (`%APPDATA%\\Microsoft\\Windows\\Start Menu\\Programs\\Startup`), which starts the companion minimised.
  A file rather than the registry's Run key: the seller can see and delete it in Explorer, and it is testable.

`command()` is what starts the companion: the frozen executable itself (PyInstaller build), else the
`review-companion` script beside this Python, else `python -m companion`. `--port`/`--data-dir` given to
`autostart on` are written into the entry.
"""

from __future__ import annotations

import os
import plistlib
import shutil
import sys
from pathlib import Path

APP_ID = "com.reviewguard.companion"


def command(port: int | None = None, data_dir: Path | None = None) -> list[str]:
    """argv that starts `serve` from this installation."""
    if getattr(sys, "frozen", False):
        argv = [sys.executable, "serve"]
    else:
        script = Path(sys.executable).with_name("review-companion.exe" if os.name == "nt" else "review-companion")
        found = str(script) if script.exists() else shutil.which("review-companion")
        argv = [found, "serve"] if found else [sys.executable, "-m", "companion", "serve"]
    if port is not None:
        argv += ["--port", str(port)]
    if data_dir is not None:
        argv += ["--data-dir", str(Path(data_dir).expanduser().resolve())]
    return argv


def platform_kind(name: str | None = None) -> str:
    """'windows', 'macos' or 'xdg' for `sys.platform` (or `name`)."""
    name = name or sys.platform
    if name.startswith("win"):
        return "windows"
    if name == "darwin":
        return "macos"
    return "xdg"


def entry_path(kind: str | None = None, home: Path | None = None, env: dict | None = None) -> Path:
    """Where the login entry lives for `kind` in `home` (default: the current user's)."""
    kind = kind or platform_kind()
    env = os.environ if env is None else env
    home = Path(home) if home else Path.home()
    if kind == "windows":
        appdata = Path(env["APPDATA"]) if env.get("APPDATA") else home / "AppData" / "Roaming"
        return appdata / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Startup" / "review-companion.cmd"
    if kind == "macos":
        return home / "Library" / "LaunchAgents" / f"{APP_ID}.plist"
    config = Path(env["XDG_CONFIG_HOME"]) if env.get("XDG_CONFIG_HOME") else home / ".config"
    return config / "autostart" / "review-companion.desktop"


def _desktop_quote(arg: str) -> str:
    """Quote one argument for a .desktop Exec line (freedesktop Desktop Entry spec)."""
    if arg and not any(c in arg for c in ' \t\n"\'\\><~|&;$*?#()`%'):
        return arg
    escaped = arg.replace("\\", "\\\\").replace('"', '\\"').replace("`", "\\`").replace("$", "\\$")
    return f'"{escaped}"'.replace("%", "%%")


def _cmd_quote(arg: str) -> str:
    return f'"{arg}"' if (not arg or any(c in arg for c in ' \t&()[]{}^=;!\'+,`~')) else arg


def render(kind: str, argv: list[str], home: Path | None = None) -> bytes:
    """The entry's bytes for `kind`."""
    if kind == "windows":
        line = "start \"Review Guard companion\" /min " + " ".join(_cmd_quote(a) for a in argv)
        return ("@echo off\r\nrem Review Guard companion: start at login (review-companion autostart off removes this)\r\n"
                + line + "\r\n").encode("utf-8")
    if kind == "macos":
        logs = (Path(home) if home else Path.home()) / "Library" / "Logs" / "review-companion.log"
        return plistlib.dumps({"Label": APP_ID, "ProgramArguments": argv, "RunAtLoad": True, "KeepAlive": False,
                               "ProcessType": "Interactive", "StandardOutPath": str(logs), "StandardErrorPath": str(logs)})
    return ("[Desktop Entry]\nType=Application\nName=Review Guard companion\n"
            "Comment=Local companion of the Review Guard browser extension\n"
            f"Exec={' '.join(_desktop_quote(a) for a in argv)}\nTerminal=false\nNoDisplay=false\n"
            "X-GNOME-Autostart-enabled=true\n").encode("utf-8")


def enable(argv: list[str], kind: str | None = None, home: Path | None = None, env: dict | None = None) -> Path:
    """Write the login entry (replacing an older one); owner-only where the OS has modes."""
    kind = kind or platform_kind()
    path = entry_path(kind, home, env)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_bytes(render(kind, argv, home))
    if os.name != "nt":
        os.chmod(tmp, 0o600)
    os.replace(tmp, path)
    return path


def disable(kind: str | None = None, home: Path | None = None, env: dict | None = None) -> Path | None:
    """Remove the login entry; the path removed, or None when there was none."""
    path = entry_path(kind, home, env)
    try:
        path.unlink()
    except FileNotFoundError:
        return None
    return path


def is_enabled(kind: str | None = None, home: Path | None = None, env: dict | None = None) -> bool:
    return entry_path(kind, home, env).exists()
