"""The README and the CLI stay in step: quick-start commands, CI, and every command documented."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner
from conftest import ROOT

from simplify.cli import cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


def quick_start() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section, re.DOTALL)


def test_quick_start_is_exactly_two_commands() -> None:
    commands = quick_start()
    assert len(commands) == 2
    assert all("\n" not in c for c in commands)
    assert "seeds/" in commands[0] and "simplify score" in commands[0] and "simplify check" in commands[0]
    # The main job renders the seed's handouts, HTML, PDF and large print, into out/.
    assert "simplify handout seeds/ -o out --format html,pdf" in commands[0] and "--large-print" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "export CI=true" in ci
    assert quick_start()[1] in ci.splitlines()


@pytest.mark.parametrize("name", sorted(cli.commands))
def test_every_command_has_help_and_is_documented(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0 and len(result.output) > 100
    assert f"simplify {name}" in README
