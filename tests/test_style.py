"""The code stays ruff- and mypy-clean (DESIGN.md conventions), checked with the rest of the suite."""

from __future__ import annotations

import subprocess
import sys

import pytest
from conftest import ROOT

CHECKS = {
    "ruff check": [sys.executable, "-m", "ruff", "check", "simplify", "tests", "benchmarks"],
    "ruff format": [sys.executable, "-m", "ruff", "format", "--check", "simplify", "tests", "benchmarks"],
    "mypy --strict": [sys.executable, "-m", "mypy", "simplify", "benchmarks"],
}


@pytest.mark.parametrize("name", list(CHECKS))
def test_clean(name: str) -> None:
    proc = subprocess.run(CHECKS[name], cwd=ROOT, capture_output=True, text=True, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
