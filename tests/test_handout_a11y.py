"""Accessibility of handouts, measured in a real browser: axe-core in headless Chromium, for every language.

Needs Debian's chromium and chromium-driver and axe-core from npm (`npm ci --prefix tests/axe`,
part of the README's test command). Without them the tests skip, and under CI=true they fail.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from simplify.handout.catalogs import HANDOUT_LANGUAGES

AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
# What axe checks: WCAG 2.0-2.2 A and AA, and its best practices (landmarks, one h1, heading order).
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]}
}


def _chromium() -> tuple[str, str]:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not browser or not driver:
        pytest.skip("needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)")
    if not AXE.exists():
        pytest.skip(f"needs axe-core from npm: npm ci --prefix {AXE.parents[2]}")
    return browser, driver


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Start one headless Chromium (no network: a handout loads nothing) for the module."""
    binary, driver_path = _chromium()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = binary
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
    ):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.set_script_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


def axe_violations(browser: Any, page: Path) -> list[dict[str, Any]]:
    """Load ``page`` and return axe-core's violations (rule id, impact, what failed and where)."""
    browser.get(page.as_uri())
    browser.execute_script(AXE.read_text(encoding="utf-8"))
    result = browser.execute_async_script(
        "const done = arguments[arguments.length - 1];"
        "axe.run(document, arguments[0]).then(r => done(JSON.stringify(r.violations)), e => done(String(e)));",
        AXE_OPTIONS,
    )
    violations: list[dict[str, Any]] = json.loads(result)
    return [
        {"id": v["id"], "impact": v["impact"], "help": v["help"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in violations
    ]


@pytest.mark.parametrize("lang", HANDOUT_LANGUAGES)
def test_seed_handout_has_no_axe_violations_in_any_language(
    browser: Any, handouts: Any, seed_article: Any, tmp_path: Path, lang: str
) -> None:
    written = handouts.write(seed_article, tmp_path, langs=[lang], formats=["html"])
    assert axe_violations(browser, written[0].path) == []


def test_large_print_handout_has_no_axe_violations(
    browser: Any, handouts: Any, seed_article: Any, tmp_path: Path
) -> None:
    written = handouts.write(seed_article, tmp_path, langs=["en"], formats=["html"], large_print=True)
    assert axe_violations(browser, written[0].path) == []


SMALLEST_TEXT = """
const sizes = [];
const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
while (walker.nextNode()) {
  const node = walker.currentNode;
  if (!node.textContent.trim() || !node.parentElement.getClientRects().length) continue;
  sizes.push([parseFloat(getComputedStyle(node.parentElement).fontSize), node.textContent.trim().slice(0, 40)]);
}
sizes.sort((a, b) => a[0] - b[0]);
return sizes[0];
"""


@pytest.mark.parametrize(("large_print", "floor_pt"), [(False, 12.0), (True, 18.0)])
def test_no_text_of_a_handout_is_smaller_than_its_floor_on_screen_or_in_print(
    browser: Any, handouts: Any, seed_article: Any, tmp_path: Path, large_print: bool, floor_pt: float
) -> None:
    """Patient-education guidance: 12-14 pt text, 18 pt or more in large print, tables and notes included."""
    written = handouts.write(seed_article, tmp_path, langs=["en"], formats=["html"], large_print=large_print)
    browser.get(written[0].path.as_uri())
    for media in ("screen", "print"):
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": media})
        px, text = browser.execute_script(SMALLEST_TEXT)
        assert px * 0.75 >= floor_pt - 0.01, f"{media}: {text!r} is {px * 0.75:.1f} pt"
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})


SPANISH = """---
title: Antes de la quimioterapia
language: es
url: https://www.cancer.gov/espanol/cancer/tratamiento/tipos/quimioterapia
lastReviewed: '2025-01-15'
---

# Lo que debe saber

El médico le hará una biopsia antes de empezar la quimioterapia. Después revisará sus riñones.

- Tome mucha agua el 1 de marzo.
- Llame al 1-800-422-6237 si tiene fiebre de más de 38 °C.

| Semana | Qué pasa |
|---|---|
| 1 | Primera dosis |
"""


def _first(corpus: list[Path], wanted: str, where: str = "url") -> Path:
    for path in corpus:
        text = path.read_text(encoding="utf-8")
        head = text.split("---", 2)[1]
        if (
            (where == "url" and re.search(rf"^url:.*{wanted}", head, re.M))
            or (where == "body" and wanted in text)
            or (where == "pattern" and re.search(wanted, text, re.M))
        ):
            return path
    raise AssertionError(f"no page of the corpus matches {wanted!r}")


@pytest.mark.shared
def test_real_pages_of_every_shape_and_a_spanish_article_have_no_axe_violations(
    browser: Any, handouts: Any, corpus: list[Path], tmp_path: Path
) -> None:
    """A PDQ summary with tables, a drug page, a coping page, a side-effects page; and Spanish with an RTL label set."""
    from simplify import articles

    chosen = {
        "table": articles.load(str(_first(corpus, "\n| --- |", "body"))),
        # A table titled above it (a caption) whose scraped footer came first (notes moved to its foot).
        "captioned": articles.load(
            str(_first(corpus, r"^Table 1\..*\n\n(?:\|.*\n)+\| --- .*\n(?:\|.*\n)*\| --- ", "pattern"))
        ),
        "pdq": articles.load(str(_first(corpus, "-pdq"))),
        "drug": articles.load(str(_first(corpus, "/treatment/drugs/"))),
        "coping": articles.load(str(_first(corpus, "/coping"))),
        "side-effects": articles.load(str(_first(corpus, "/side-effects"))),
        "es": articles.parse(SPANISH, path="es.md"),
    }
    failures = {}
    for name, article in chosen.items():
        for lang in (None, "ar"):
            written = handouts.write(article, tmp_path / name, langs=[lang], formats=["html"])
            found = axe_violations(browser, written[0].path)
            if found:
                failures[f"{name} {lang}: {article.path}"] = found
    assert failures == {}


def test_build_report_has_no_axe_violations(browser: Any, tmp_path: Path) -> None:
    from conftest import SEED

    from simplify.batch import build
    from simplify.config import Settings

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "seed.txt").write_bytes(SEED.read_bytes())
    (seeds / "broken.md").write_bytes(b"\x00 binary")  # a failed row, highlighted, must pass too
    build(seeds, tmp_path / "out", Settings(), langs=["en", "es"], formats=["html"], jobs=1)
    assert axe_violations(browser, tmp_path / "out" / "index.html") == []
