"""The translation pipeline through the real transformers and CTranslate2 code, with tiny models built here.

The Marian and NLLB-style toy models (simplify.translate.toymodels) are trained on a dozen sentence
pairs of our own until greedy decoding reproduces them exactly, so what a translated article must
read is known. Nothing is downloaded: the session's socket guard would fail any attempt.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT

pytest.importorskip("torch", reason="needs the translate extra (pip install torch==2.13.0 'simplify[translate]')")
pytest.importorskip("transformers", reason="needs the translate extra")
pytest.importorskip("ctranslate2", reason="needs the translate extra")
pytest.importorskip("sentencepiece", reason="needs the translate extra")

from simplify import articles  # noqa: E402
from simplify.translate import translate  # noqa: E402
from simplify.translate.engines import CTranslate2Engine, TransformersEngine  # noqa: E402
from simplify.translate.memory import Memory  # noqa: E402
from simplify.translate.segment import PLACEHOLDER  # noqa: E402
from simplify.translate.toymodels import cached_model  # noqa: E402

MODELS = ROOT / ".pytest_cache" / "simplify-models"

ARTICLE = """---
title: Drink water every day.
language: en
---

# Rest when you feel tired.

Drink water every day.

- Take 2 pills each morning.
- Call 1-800-422-6237 or visit <https://www.cancer.gov/contact>.

| Ask your nurse about side effects. |
| --- |
| Walk a little every day. |

Your next visit is on 2026-03-01.

Learn more at <https://www.cancer.gov/about-cancer>.
"""

EXPECTED = """# Descanse cuando se sienta cansado.

Beba agua todos los días.

- Tome 2 pastillas cada mañana.
- Llame al 1-800-422-6237 o visite <https://www.cancer.gov/contact>.

| Pregunte a su enfermera sobre los efectos secundarios. |
| --- |
| Camine un poco todos los días. |

Su próxima visita es el 2026-03-01.

Obtenga más información en <https://www.cancer.gov/about-cancer>.
"""


@pytest.fixture(scope="module")
def marian() -> Path:
    return cached_model("marian", MODELS)


# The CTranslate2 models here are float32 conversions: int8 arithmetic gives other words on CPUs without VNNI
# (see toymodels.convert_ctranslate2), and these tests check exact output.
@pytest.fixture(scope="module")
def marian_ct2() -> Path:
    return cached_model("marian-ct2", MODELS, quantization="float32")


@pytest.fixture(scope="module")
def nllb() -> Path:
    return cached_model("nllb", MODELS, train=True)


@pytest.fixture(scope="module")
def nllb_ct2() -> Path:
    return cached_model("nllb-ct2", MODELS, train=True, quantization="float32")


def body(text: str) -> str:
    return text.split("\n---\n", 1)[1].lstrip("\n")


class Counting:
    """Wraps a real engine: counts sentences asked, and can spoil outputs to test validation."""

    def __init__(self, inner: Any, spoil: Any = None) -> None:
        self.inner, self.spoil, self.asked = inner, spoil, 0
        self.name, self.model = inner.name, inner.model

    def translate(self, sentences: Sequence[str], source: str, target: str) -> list[str]:
        self.asked += len(sentences)
        out = self.inner.translate(sentences, source, target)
        return [self.spoil(s) for s in out] if self.spoil else out


@pytest.mark.parametrize("kind", ["transformers", "ctranslate2"])
def test_marian_translates_the_article_exactly_keeping_structure_numbers_and_links(
    kind: str, marian: Path, marian_ct2: Path, tmp_path: Path
) -> None:
    model = (
        TransformersEngine(str(marian), beams=1)
        if kind == "transformers"
        else CTranslate2Engine(str(marian_ct2), beams=1)
    )
    result = translate(articles.parse(ARTICLE, path="a.md"), "es", model, memory=Memory(tmp_path / "m.sqlite"))
    assert body(result.text) == EXPECTED
    assert articles.parse(result.text, path="a.md").meta.title == "Beba agua todos los días."
    assert result.report.fallbacks == [] and result.report.translated == result.report.sentences == 9


def test_output_is_deterministic_across_fresh_engines(marian: Path, tmp_path: Path) -> None:
    first = translate(
        articles.parse(ARTICLE, path="a.md"),
        "es",
        TransformersEngine(str(marian), beams=4),
        memory=Memory(tmp_path / "1"),
    )
    second = translate(
        articles.parse(ARTICLE, path="a.md"),
        "es",
        TransformersEngine(str(marian), beams=4),
        memory=Memory(tmp_path / "2"),
    )
    assert first.text.split("date:")[0] == second.text.split("date:")[0]
    assert body(first.text) == EXPECTED  # beam search finds the same sentences as greedy on what it learned


def test_a_failed_validation_falls_back_through_the_real_engine(marian_ct2: Path, tmp_path: Path) -> None:
    spoiled = Counting(CTranslate2Engine(str(marian_ct2), beams=1), spoil=lambda s: PLACEHOLDER.sub("", s))
    result = translate(articles.parse(ARTICLE, path="a.md"), "es", spoiled, memory=Memory(tmp_path / "m.sqlite"))
    kept = {f.text for f in result.report.fallbacks}
    assert kept == {
        "Take 2 pills each morning.",
        "Call 1-800-422-6237 or visit <https://www.cancer.gov/contact>.",
        "Your next visit is on 2026-03-01.",
        "Learn more at <https://www.cancer.gov/about-cancer>.",
    }
    assert "⟪en: Take 2 pills each morning.⟫" in result.text and "Beba agua todos los días." in result.text


def test_a_rerun_comes_from_the_translation_memory(marian_ct2: Path, tmp_path: Path) -> None:
    memory = Memory(tmp_path / "m.sqlite")
    first = Counting(CTranslate2Engine(str(marian_ct2), beams=1))
    translate(articles.parse(ARTICLE, path="a.md"), "es", first, memory=memory)
    again = Counting(CTranslate2Engine(str(marian_ct2), beams=1))
    result = translate(articles.parse(ARTICLE, path="a.md"), "es", again, memory=memory)
    assert first.asked == 8 and again.asked == 0  # the title and the first paragraph are one sentence
    assert result.report.from_memory == 9 and body(result.text) == EXPECTED


@pytest.mark.parametrize("kind", ["transformers", "ctranslate2"])
def test_nllb_style_model_gets_its_language_codes(kind: str, nllb: Path, nllb_ct2: Path, tmp_path: Path) -> None:
    """FLORES codes: the source language set on the tokenizer, the target forced as the first token."""
    model = (
        TransformersEngine(str(nllb), beams=1) if kind == "transformers" else CTranslate2Engine(str(nllb_ct2), beams=1)
    )
    family = model.load()[2]
    assert family.kind == "nllb" and family.target_token("es") == "spa_Latn"
    result = translate(articles.parse(ARTICLE, path="a.md"), "es", model, memory=Memory(tmp_path / "m.sqlite"))
    assert body(result.text) == EXPECTED


def test_translate_command_writes_markdown_and_a_review_page(marian_ct2: Path, tmp_path: Path) -> None:
    from click.testing import CliRunner

    from simplify.cli import cli

    source = tmp_path / "a.md"
    source.write_text(ARTICLE, encoding="utf-8")
    out, review = tmp_path / "a.es.md", tmp_path / "review.html"
    args = ["translate", str(source), "--to", "es", "--engine", "ctranslate2", "--model", str(marian_ct2)]
    result = CliRunner().invoke(cli, [*args, "-o", str(out), "--review", str(review)])
    assert result.exit_code == 0, result.output
    assert body(out.read_text(encoding="utf-8")) == EXPECTED
    assert "sentence(s):" in result.output
    page = review.read_text(encoding="utf-8")
    assert '<td lang="en">Drink water every day.</td>' in page and "Beba agua todos los días." in page


def test_spanish_handout_of_an_english_article_is_translated_with_spanish_words(
    marian_ct2: Path, tmp_path: Path
) -> None:
    from simplify.config import Settings
    from simplify.handout import Handouts

    settings = Settings().merged(
        {"translate": {"es": {"engine": "ctranslate2", "model": str(marian_ct2), "beams": 1}}}, "t"
    )
    written = Handouts(settings).write(articles.parse(ARTICLE, path="a.md"), tmp_path, langs=["es"], formats=["html"])
    html = written[0].path.read_text(encoding="utf-8")
    assert "<h1>Beba agua todos los días.</h1>" in html and "<p>Beba agua todos los días.</p>" in html
    assert "Una computadora tradujo este texto." in html  # said in the handout's language
    assert '<html lang="es" dir="ltr">' in html and 'lang="en"' not in html.split("<footer>")[0].split("<main>")[1]


def test_the_test_install_has_the_cpu_build_of_torch() -> None:
    """The README's install must not pull the multi-gigabyte CUDA build (and its nvidia-* packages)."""
    from importlib import metadata

    import torch

    assert torch.version.cuda is None, f"torch {torch.__version__} is a CUDA build"
    nvidia = sorted(d.metadata["Name"] for d in metadata.distributions() if d.metadata["Name"].startswith("nvidia-"))
    assert not nvidia, f"CUDA packages installed: {nvidia}"


def test_build_with_a_spanish_model_translates_each_handout_and_reports_it(marian_ct2: Path, tmp_path: Path) -> None:
    import json

    from simplify.batch import build
    from simplify.config import Settings

    seeds = tmp_path / "seeds"
    seeds.mkdir()
    (seeds / "a.md").write_text(ARTICLE, encoding="utf-8")
    settings = Settings().merged(
        {"translate": {"es": {"engine": "ctranslate2", "model": str(marian_ct2), "beams": 1}}}, "t"
    )
    build(seeds, tmp_path / "out", settings, langs=["en", "es"], formats=["html"], jobs=1)
    report = json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))
    (row,) = report["articles"]
    done = row["translations"]["es"]  # the memory (the user cache) may hold them from an earlier test
    assert row["error"] is None and done["sentences"] == done["translated"] + done["from_memory"] == 9
    assert done["kept_in_source_language"] == 0
    spanish = next(tmp_path.joinpath("out").rglob("es/handout.html")).read_text(encoding="utf-8")
    assert "<p>Beba agua todos los días.</p>" in spanish and "Una computadora tradujo este texto." in spanish


def test_a_configured_model_loads_once_per_process(marian_ct2: Path, tmp_path: Path, monkeypatch: Any) -> None:
    import ctranslate2

    from simplify.config import Settings
    from simplify.translate import translator_for

    loads = []
    real = ctranslate2.Translator
    monkeypatch.setattr(ctranslate2, "Translator", lambda *a, **k: loads.append(a) or real(*a, **k))
    settings = Settings().merged({"translate": {"es": {"engine": "ctranslate2", "model": str(marian_ct2)}}}, "t")
    for _ in range(2):
        engine = translator_for(settings, "es")
        assert engine is translator_for(settings, "es")
        translate(articles.parse(ARTICLE, path="a.md"), "es", engine, memory=Memory(tmp_path / f"{_}.sqlite"))
    assert len(loads) <= 1  # none if an earlier test of this process loaded it already


def test_emphasis_and_links_keep_their_markup_through_the_real_engine(marian_ct2: Path, tmp_path: Path) -> None:
    """Whatever the model makes of a sentence it never learned, its markup and link targets come back."""
    text = ARTICLE.replace(
        "\nDrink water every day.\n", '\nDrink **water** every day. See [our page](https://example.org/p "T") *now*.\n'
    )
    assert text != ARTICLE
    source = articles.parse(text, path="a.md")
    result = translate(source, "es", CTranslate2Engine(str(marian_ct2), beams=1), memory=Memory(tmp_path / "m"))
    out = articles.parse(result.text, path="a.md")
    assert sorted(link.href for link in out.links) == sorted(link.href for link in source.links)
    assert body(result.text).count("**") == 2 and '(https://example.org/p "T")' in result.text
    assert [b.kind for b in out.blocks] == [b.kind for b in source.blocks]


@pytest.mark.parametrize("processes", [None, 1, 2, 64])
def test_ctranslate2_runs_a_batch_per_core_of_its_share(
    processes: int | None, marian_ct2: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On CPU, batches go side by side, one core each: every core alone, or the process's share in a build."""
    import os

    from simplify.translate import engines

    monkeypatch.setattr(engines, "_share", None)
    cores = len(os.sched_getaffinity(0))
    if processes is not None:
        engines.share_cores(processes)
    translator = CTranslate2Engine(str(marian_ct2), device="cpu", beams=1).load()[1]
    assert translator.num_translators == (cores if processes is None else max(1, cores // processes))
    # the sentences split into a batch for each translator: not a word changes
    sentences = ["Drink water every day."] * 5
    assert (
        CTranslate2Engine(str(marian_ct2), device="cpu", beams=1).translate(sentences, "en", "es")
        == [
            CTranslate2Engine(str(marian_ct2), device="cpu", beams=1, batch_size=1).translate(
                sentences[:1], "en", "es"
            )[0]
        ]
        * 5
    )
