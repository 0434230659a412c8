"""The README documents every CLI command and every API route (the fixed interface)."""

import re
from pathlib import Path

from companion.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def test_every_cli_command_is_documented_with_help_and_example():
    for name, command in main.commands.items():
        assert f"review-companion {name}" in README, f"README does not mention `review-companion {name}`"
        assert command.help and "Example:" in command.help, f"{name} needs help text with an Example:"


def test_every_api_route_is_documented(app):
    for rule in app.url_map.iter_rules():
        if not rule.rule.startswith("/api/v1"):
            continue
        documented = re.sub(r"<(?:int:)?(\w+)>", r"<\1>", rule.rule)
        methods = sorted(rule.methods - {"HEAD", "OPTIONS"})
        for method in methods:
            assert f"`{method} {documented}" in README, f"README does not document {method} {documented}"


def test_readme_names_the_two_commands():
    assert "scripts/serve" in README and "scripts/test" in README
    ci = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text()
    assert "scripts/test" in ci, ".ci/run must call the README's test command"
