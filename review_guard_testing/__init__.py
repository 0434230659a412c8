"""Test helpers shared by tests/ and e2e/; never part of the installed product (see test_packaging.py).

A top-level package rather than `tests/support/` because both suites import it and neither is a package.
"""

from .fake_model import FakeModel

__all__ = ["FakeModel"]
