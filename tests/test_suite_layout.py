"""The suite runs tests/ and e2e/ in one pytest session (scripts/test): two test modules with the same
file name in both folders make collection fail for everyone, so names must be unique."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_test_module_names_are_unique_across_tests_and_e2e():
    names = [p.name for d in ("tests", "e2e") for p in (ROOT / d).glob("test_*.py")]
    dupes = sorted({n for n in names if names.count(n) > 1})
    assert dupes == [], f"rename one of each: {dupes}"


def test_no_test_module_imports_conftest():
    statement = re.compile(r"^\s*(?:from conftest import|import conftest\b)", re.M)
    offenders = [str(p.relative_to(ROOT)) for d in ("tests", "e2e") for p in (ROOT / d).glob("test_*.py")
                 if statement.search(p.read_text(encoding="utf-8"))]
    assert offenders == [], f"import shared helpers from a plain module instead: {offenders}"
