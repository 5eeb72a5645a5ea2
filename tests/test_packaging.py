"""Every package of simplify is declared, so that a wheel holds all of it, our glossary included."""

from __future__ import annotations

import tomllib

from conftest import ROOT


def test_every_package_is_listed_for_the_wheel() -> None:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    found = {".".join(p.relative_to(ROOT).parts[:-1]) for p in (ROOT / "simplify").rglob("__init__.py")}
    assert found | {"simplify.glossary_data"} == set(config["packages"])
    assert config["package-dir"]["simplify.glossary_data"] == "glossary"
    assert any((ROOT / "glossary").glob("*.yaml"))
