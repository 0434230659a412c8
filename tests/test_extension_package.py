"""The extension's store package (issue 13): scripts/package_extension.py writes dist/review-guard-<version>.zip with
manifest.json at its root, no development key, the project's one version, complete zh_CN and en locales, and only the
files the manifest references (no README, test or fixture). Loading it in Chromium: e2e/test_store_package.py."""

from __future__ import annotations

import json
import re
import shutil
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXTENSION = ROOT / "extension"
sys.path.insert(0, str(ROOT / "scripts"))
try:
    import package_extension as pkg
finally:
    sys.path.remove(str(ROOT / "scripts"))


def pyproject_version() -> str:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def messages(lang: str) -> dict:
    return json.loads((EXTENSION / "_locales" / lang / "messages.json").read_text(encoding="utf-8"))


def test_one_version_pyproject_manifest_and_companion_agree():
    """pyproject.toml is where the version is set; the packager writes it into the store manifest. The development
    manifest and the companion must say the same, so an unpacked load and the package never disagree."""
    import companion

    version = pyproject_version()
    assert json.loads((EXTENSION / "manifest.json").read_text(encoding="utf-8"))["version"] == version
    assert companion.__version__ == version
    assert pkg.project_version() == version


def test_locales_zh_cn_and_en_have_the_same_keys_and_no_empty_message():
    en, zh = messages("en"), messages("zh_CN")
    assert sorted(set(en) - set(zh)) == [] and sorted(set(zh) - set(en)) == []
    for lang, table in (("en", en), ("zh_CN", zh)):
        empty = [k for k, v in table.items() if not isinstance(v, dict) or not str(v.get("message", "")).strip()]
        assert empty == [], f"{lang}: empty messages {empty}"
    # The Chinese table is Chinese: most of its messages contain CJK characters.
    cjk = [k for k, v in zh.items() if re.search(r"[\u4e00-\u9fff]", v["message"])]
    assert len(cjk) >= 0.8 * len(zh)


def test_store_zip_contents(tmp_path):
    path = pkg.build(tmp_path)
    assert path == tmp_path / f"review-guard-{pyproject_version()}.zip"
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        manifest = json.loads(zf.read("manifest.json"))
        zipped = {n: zf.read(n) for n in names}
    assert names[0] == "manifest.json" and len(names) == len(set(names))
    assert "key" not in manifest and "browser_specific_settings" not in manifest
    assert manifest["version"] == pyproject_version() and manifest["manifest_version"] == 3
    # Only what the extension runs: no README, test, fixture, source map or dotfile.
    assert [n for n in names if re.search(r"(^|/)(\.|README|tests?/|fixtures?/|e2e/)|\.(md|map|py)$", n)] == []
    assert {"_locales/en/messages.json", "_locales/zh_CN/messages.json"} <= set(names)
    # Every file is byte-identical to the source.
    assert [n for n in names if n != "manifest.json" and zipped[n] != (EXTENSION / n).read_bytes()] == []
    # Everything the manifest names is there.
    bg = manifest["background"]["service_worker"]
    named = {bg, manifest["options_ui"]["page"], manifest["action"]["default_popup"], *manifest["icons"].values(),
             *manifest["action"]["default_icon"].values(), *(js for cs in manifest["content_scripts"] for js in cs["js"])}
    assert sorted(named - set(names)) == []
    # ...and every module the service worker imports, transitively, and every script the pages load.
    for name in names:
        if name.endswith(".js"):
            for ref in re.findall(r"""from\s*["'](\.{1,2}/[^"']+)["']""", zipped[name].decode()):
                assert pkg._resolve(name, ref) in names, f"{name} imports {ref}"
        if name.endswith(".html"):
            for ref in re.findall(r"""(?:src|href)="([^"#:]+)\"""", zipped[name].decode()):
                assert pkg._resolve(name, ref) in names, f"{name} loads {ref}"
    # Every file of the source extension but its README is needed (so nothing the extension loads is left out).
    source = {p.relative_to(EXTENSION).as_posix() for p in EXTENSION.rglob("*") if p.is_file() and p.suffix != ".md"}
    assert sorted(source - set(names)) == []
    # Demo seller-center patterns are a source-checkout thing.
    patterns = [p for cs in manifest["content_scripts"] for p in cs["matches"] + cs.get("include_globs", [])]
    assert [p for p in patterns if "/mock/" in p] == [] and all(cs["matches"] for cs in manifest["content_scripts"])
    # Manifest messages resolve in both locales.
    for key in re.findall(r"__MSG_(\w+)__", json.dumps(manifest)):
        assert key in messages("en") and key in messages("zh_CN")


def test_store_zip_is_reproducible(tmp_path):
    first = pkg.build(tmp_path / "a").read_bytes()
    assert pkg.build(tmp_path / "b").read_bytes() == first


def copy_extension(tmp_path) -> Path:
    src = tmp_path / "extension"
    shutil.copytree(EXTENSION, src)
    return src


def test_packager_refuses_a_missing_file_and_a_locale_gap(tmp_path):
    src = copy_extension(tmp_path)
    (src / "background" / "errors.js").unlink()  # imported by the service worker's modules
    with pytest.raises(pkg.PackageError, match="errors.js"):
        pkg.build(tmp_path / "out", src)
    src = copy_extension(tmp_path / "2")
    zh = json.loads((src / "_locales" / "zh_CN" / "messages.json").read_text(encoding="utf-8"))
    dropped = sorted(zh)[0]
    del zh[dropped]
    (src / "_locales" / "zh_CN" / "messages.json").write_text(json.dumps(zh, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(pkg.PackageError, match=dropped):
        pkg.build(tmp_path / "out", src)
    assert not list((tmp_path / "out").glob("*.zip"))


def test_package_extension_command_prints_the_zip(tmp_path):
    import subprocess

    proc = subprocess.run([str(ROOT / "scripts" / "package-extension"), "--out", str(tmp_path)],
                          capture_output=True, text=True, env={"PATH": f"{Path(sys.executable).parent}:/usr/bin:/bin"})
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith(str(tmp_path / f"review-guard-{pyproject_version()}.zip"))
