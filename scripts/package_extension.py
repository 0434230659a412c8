"""Write the store package of the extension: dist/review-guard-<version>.zip, ready for the Chrome Web Store
and Edge Add-ons as it is.

    python3 scripts/package_extension.py [--out DIR]      # or scripts/package-extension; prints the zip's path

What goes in is read from extension/manifest.json when it runs (no file list here): the background service
worker and every module it imports, the content scripts and styles, the options and popup pages and what they
load (scripts, styles, images, pages opened with chrome.runtime.getURL), the icons, web-accessible resources
and every `_locales/<lang>/messages.json`. Nothing else: no README, test or fixture.

The manifest in the zip differs from the development one in these ways only:
- `version` is the project's version from pyproject.toml, the one place it is set (tests/test_extension_package.py
  checks that extension/manifest.json and companion.__version__ say the same);
- the development `key` is removed (the stores assign their own id; the companion binds whatever id pairs);
- Firefox-only keys (`browser_specific_settings`, `background.scripts`) are removed: Chrome warns about them;
- content-script patterns for the demo seller centers (`http://127.0.0.1/mock/…`, `http://localhost/mock/…`,
  served only by a source checkout's `serve --demo`) are removed.

It refuses to write a package when a referenced file is missing, when a locale's keys differ from the default
locale's, or when a `__MSG_name__` of the manifest has no message. The zip is reproducible (sorted entries,
fixed timestamps).
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import sys
import tomllib
import zipfile
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath

ROOT = Path(__file__).resolve().parents[1]
EXTENSION = ROOT / "extension"
DIST = ROOT / "dist"
ZIP_DATE = (2020, 1, 1, 0, 0, 0)
FIREFOX_ONLY = ("browser_specific_settings",)
DEMO_PATTERN = re.compile(r"^https?://(127\.0\.0\.1|localhost)[^/]*/mock/")
JS_IMPORT = re.compile(r"""(?:^|[;\s])(?:import|export)\s[^'"]*?\bfrom\s*['"]([^'"]+)['"]|(?:^|[;\s])import\s*\(?\s*['"]([^'"]+)['"]""", re.M)
GET_URL = re.compile(r"""runtime\.getURL\(\s*['"]([^'"]+)['"]""")
CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")


class PackageError(Exception):
    """The package cannot be written as it is: says what to fix."""


def project_version() -> str:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    if not re.fullmatch(r"\d+(\.\d+){0,3}", version) or any(int(p) > 65535 for p in version.split(".")):
        raise PackageError(f"pyproject version {version!r} is not a Chrome extension version (1-4 integers ≤ 65535)")
    return version


class _PageRefs(HTMLParser):
    """Local files an extension page loads: scripts, styles, images, icons."""

    def __init__(self) -> None:
        super().__init__()
        self.refs: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag in ("script", "img", "source", "iframe") and a.get("src"):
            self.refs.append(a["src"])
        elif tag == "link" and a.get("href") and (a.get("rel") or "").lower() in ("stylesheet", "icon", "modulepreload"):
            self.refs.append(a["href"])


def _local(ref: str) -> bool:
    return not re.match(r"^[a-z][a-z0-9+.-]*:|^//|^#", ref, re.I) and not ref.startswith("data:")


def _resolve(base: str, ref: str) -> str:
    """`ref` as written in the file `base` (both extension-relative, POSIX) → extension-relative path."""
    ref = ref.split("#", 1)[0].split("?", 1)[0]
    if ref.startswith("/"):
        parts = PurePosixPath(ref.lstrip("/")).parts
    else:
        parts = (PurePosixPath(base).parent / ref).parts
    out: list[str] = []
    for part in parts:
        if part == "..":
            if not out:
                raise PackageError(f"{base} refers outside the extension: {ref}")
            out.pop()
        elif part not in (".", ""):
            out.append(part)
    return "/".join(out)


def _refs_of(path: str, text: str) -> list[str]:
    """What a file loads, extension-relative."""
    found: list[str] = []
    if path.endswith((".html", ".htm")):
        parser = _PageRefs()
        parser.feed(text)
        found += [_resolve(path, r) for r in parser.refs if _local(r)]
    elif path.endswith((".js", ".mjs")):
        for m in JS_IMPORT.finditer(text):
            ref = m.group(1) or m.group(2)
            if ref and _local(ref) and ref.startswith((".", "/")):
                found.append(_resolve(path, ref))
        found += [_resolve("x", r) for r in GET_URL.findall(text)]  # getURL paths are root-relative
    elif path.endswith(".css"):
        found += [_resolve(path, r) for r in CSS_URL.findall(text) if _local(r)]
    return found


def _manifest_roots(manifest: dict) -> list[str]:
    roots: list[str] = []
    bg = manifest.get("background") or {}
    roots += [bg["service_worker"]] if bg.get("service_worker") else []
    for cs in manifest.get("content_scripts") or []:
        roots += cs.get("js", []) + cs.get("css", [])
    roots += [p for p in ((manifest.get("options_ui") or {}).get("page"), manifest.get("options_page"),
                          (manifest.get("action") or {}).get("default_popup"), (manifest.get("side_panel") or {}).get("default_path"),
                          manifest.get("devtools_page")) if p]
    roots += list((manifest.get("icons") or {}).values())
    icon = (manifest.get("action") or {}).get("default_icon")
    roots += list(icon.values()) if isinstance(icon, dict) else ([icon] if icon else [])
    for war in manifest.get("web_accessible_resources") or []:
        roots += [r for r in war.get("resources", []) if "*" not in r]
    for rules in (manifest.get("declarative_net_request") or {}).get("rule_resources", []):
        roots.append(rules["path"])
    return [_resolve("x", r) for r in roots]


def store_manifest(manifest: dict, version: str) -> dict:
    out = copy.deepcopy(manifest)
    out["version"] = version
    out.pop("key", None)
    for k in FIREFOX_ONLY:
        out.pop(k, None)
    if isinstance(out.get("background"), dict) and out["background"].get("service_worker"):
        out["background"].pop("scripts", None)
    for cs in out.get("content_scripts") or []:
        for field in ("matches", "include_globs"):
            if field in cs:
                kept = [p for p in cs[field] if not DEMO_PATTERN.match(p)]
                if kept or field == "include_globs":
                    cs[field] = kept
        if "include_globs" in cs and not cs["include_globs"]:
            del cs["include_globs"]
    return out


def check_locales(manifest: dict, src: Path = EXTENSION) -> list[str]:
    """Every locale has exactly the default locale's keys; the manifest's __MSG_x__ exist. Returns the locale files."""
    default = manifest.get("default_locale")
    locales = sorted(p.parent.name for p in (src / "_locales").glob("*/messages.json"))
    if not default or default not in locales:
        raise PackageError(f"default_locale {default!r} has no _locales/{default}/messages.json")
    keys = {loc: set(json.loads((src / "_locales" / loc / "messages.json").read_text(encoding="utf-8"))) for loc in locales}
    for loc in locales:
        if keys[loc] != keys[default]:
            missing, extra = sorted(keys[default] - keys[loc]), sorted(keys[loc] - keys[default])
            raise PackageError(f"_locales/{loc} differs from {default}: missing {missing[:10]}, extra {extra[:10]}")
    used = set(re.findall(r"__MSG_(\w+)__", json.dumps(manifest)))
    if used - keys[default]:
        raise PackageError(f"manifest messages without a translation: {sorted(used - keys[default])}")
    return [f"_locales/{loc}/messages.json" for loc in locales]


def collect(manifest: dict, src: Path = EXTENSION) -> list[str]:
    """The extension-relative files the manifest references, followed through pages, modules and styles."""
    todo = _manifest_roots(manifest)
    seen: set[str] = set()
    while todo:
        rel = todo.pop()
        if rel in seen:
            continue
        path = src / rel
        if not path.is_file():
            raise PackageError(f"the manifest (or a file it loads) refers to {rel}, which is missing")
        seen.add(rel)
        if path.suffix in (".html", ".htm", ".js", ".mjs", ".css"):
            todo += _refs_of(rel, path.read_text(encoding="utf-8"))
    return sorted(seen | set(check_locales(manifest, src)))


def build(out_dir: Path = DIST, src: Path = EXTENSION) -> Path:
    manifest = json.loads((src / "manifest.json").read_text(encoding="utf-8"))
    version = project_version()
    files = collect(manifest, src)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"review-guard-{version}.zip"
    tmp = target.with_suffix(".zip.tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        def put(name: str, data: bytes) -> None:
            info = zipfile.ZipInfo(name, ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)

        put("manifest.json", (json.dumps(store_manifest(manifest, version), ensure_ascii=False, indent=2) + "\n").encode("utf-8"))
        for rel in files:
            put(rel, (src / rel).read_bytes())
    tmp.replace(target)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DIST, help="output folder (default dist/)")
    args = parser.parse_args(argv)
    try:
        path = build(args.out)
    except PackageError as exc:
        print(f"package-extension: {exc}", file=sys.stderr)
        return 1
    with zipfile.ZipFile(path) as zf:
        count, size = len(zf.namelist()), sum(i.file_size for i in zf.infolist())
    print(f"{path}  ({count} files, {size // 1024} KB unpacked, {path.stat().st_size // 1024} KB zipped)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
