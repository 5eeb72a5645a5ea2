"""Translation keeps structure and facts safe, validates every sentence, remembers, and uses the glossary.

These tests drive the pipeline with a small rule-based engine of our own, so they need no model;
tests/test_translate_models.py runs the same pipeline through real transformers and CTranslate2
code with tiny models built locally.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import SEED

from simplify import articles
from simplify.cli import cli
from simplify.config import Settings
from simplify.errors import SimplifyError
from simplify.model import BlockKind, LinkKind
from simplify.readability.score import score_article
from simplify.translate import review_html, translate, translate_with
from simplify.translate.engines import TransformersEngine, engine
from simplify.translate.memory import Memory
from simplify.translate.segment import PLACEHOLDER
from simplify.translate.validate import problem, repeats

WORDS = {"the": "el", "patient": "paciente", "takes": "toma", "drink": "beba", "water": "agua", "and": "y"}


class Rules:
    """A stand-in engine: word by word from a small table, placeholders kept; counts what it was asked."""

    name = "rules"
    model = "rules-1"

    def __init__(self, spoil: Callable[[str], str] | None = None) -> None:
        self.asked: list[str] = []
        self.spoil = spoil

    def translate(self, sentences: Sequence[str], source: str, target: str) -> list[str]:
        self.asked.extend(sentences)
        out = []
        for s in sentences:
            words = re.sub(r"[A-Za-z]+", lambda m: WORDS.get(m.group(0).lower(), m.group(0).lower()), s)
            out.append(self.spoil(words) if self.spoil else words)
        return out


ARTICLE = """---
title: Drink Water
language: en
url: https://www.cancer.gov/about-cancer/treatment/side-effects/example
lastReviewed: '2025-03-01'
---

# Drink water during treatment

The patient takes **8 cups** of [water](/about-cancer/treatment/drugs/water-x) a day and 2.5 mg of `code`.
Call 1-800-422-6237 or see <https://www.cancer.gov/contact> and [our page](https://example.org/a_b).

- Drink *slowly*. Stop at 50%.
- See [the glossary](/Common/PopUps/popDefinition.aspx?id=CDR0000044782&version=Patient&language=English).

| Week | What |
| --- | --- |
| 1 | The patient takes water |

```
code stays: drink water
```

## References

1. The patient. A paper about water. 2020.
"""


def test_a_title_that_falls_back_is_counted_at_its_own_line(memory: Memory) -> None:
    spoiled = Rules(lambda s: "" if s == "beba agua" else s)
    result = translate(articles.parse(ARTICLE, path="a.md"), "es", spoiled, memory=memory)
    assert [(f.line, f.text) for f in result.report.fallbacks] == [(2, "Drink Water")]
    assert "kept_in_source_language: 1" in result.text and "title: '⟪en: Drink Water⟫'" in result.text


def test_the_memory_keeps_the_outputs_of_each_beam_width_apart(memory: Memory) -> None:
    wide, narrow = Rules(), Rules()
    wide.beams, narrow.beams = 4, 1  # type: ignore[attr-defined]
    translate(articles.parse(ARTICLE, path="a.md"), "es", wide, memory=memory)
    translate(articles.parse(ARTICLE, path="a.md"), "es", narrow, memory=memory)
    assert narrow.asked == wide.asked != []


def test_each_sentence_numbers_its_own_placeholders(memory: Memory) -> None:
    """The same sentence in two places reads the same (one model call, one memory entry), from ⟦0⟧."""
    text = (
        "---\ntitle: Water\nlanguage: en\n---\n\n# Water\n\nSee [the page](https://example.org/a) at 5 mg. "
        "Drink 2 cups.\n\nDrink 2 cups.\n"
    )
    engine = Rules()
    result = translate(articles.parse(text, path="w.md"), "es", engine, memory=memory)
    assert engine.asked.count("Drink ⟦0⟧ cups.") == 1 and "See ⟦0⟧the page⟦1⟧ at ⟦2⟧." in engine.asked
    assert "beba 2 cups." in result.text.lower() and "https://example.org/a" in result.text
    # A body heading that repeats the title is translated too (the handout drops it; the markdown keeps it).
    assert "# agua" in result.text.lower()


def test_units_and_drug_names_are_held_whole() -> None:
    """Compound units, brand names, generic drug names and a linked drug named again unlinked never reach the model."""
    from simplify.translate.segment import units

    body = (
        "Keep it under 3 mg/dL and 5 mmol/L; take 20 mg/m2 of bortezomib (Velcade®).\n"
        "Ask about [tamoxifen](/about-cancer/treatment/drugs/tamoxifen) and pembrolizumab. "
        "Later, tamoxifen again, and [water](/about-cancer/treatment/drugs/water-x) and water.\n"
    )
    sentences = [s for unit in units(body, 0, "en") for s in unit.sentences]
    held = {v for s in sentences for v in s.source.values()}
    for kept in ("3 mg/dL", "5 mmol/L", "20 mg/m2", "bortezomib", "Velcade®", "pembrolizumab", "tamoxifen"):
        assert kept in held, kept
    text = " ".join(s.text for s in sentences)
    assert "mg" not in text and "tamoxifen" not in text and "Velcade" not in text
    assert text.endswith("and water.")  # an everyday word linked to a drug page is still translated unlinked


@pytest.fixture()
def memory(tmp_path: Path) -> Memory:
    return Memory(tmp_path / "memory.sqlite")


def test_structure_links_numbers_and_code_survive(memory: Memory) -> None:
    source = articles.parse(ARTICLE, path="a.md")
    result = translate(source, "es", Rules(), memory=memory)
    out = articles.parse(result.text, path="a.md")
    assert out.lang == "es" and out.meta.title == "beba agua"
    assert [b.kind for b in out.blocks] == [b.kind for b in source.blocks]
    assert sorted(link.href for link in out.links) == sorted(link.href for link in source.links)
    for fact in ("**8 cups**", "2.5 mg", "`code`", "1-800-422-6237", "<https://www.cancer.gov/contact>", "50%"):
        assert fact in result.text, fact
    assert "[water](/about-cancer/treatment/drugs/water-x)" in result.text  # a drug's name is never translated
    assert "el paciente toma" in result.text and "| 1 | el paciente toma agua |" in result.text
    assert "code stays: drink water" in result.text  # code blocks are not text
    assert "1. The patient. A paper about water. 2020." in result.text  # the reference list is left alone
    assert "[our page](https://example.org/a_b)" in result.text
    assert result.report.fallbacks == [] and result.report.translated == result.report.sentences > 0


def test_front_matter_says_it_is_a_machine_translation(memory: Memory) -> None:
    result = translate(articles.parse(ARTICLE, path="a.md"), "es", Rules(), memory=memory)
    meta = articles.parse(result.text, path="a.md").meta
    assert meta.language == "es" and str(meta.last_reviewed) == "2025-03-01"
    assert meta.extra["translation"]["machine"] is True and meta.extra["translation"]["from"] == "en"


@pytest.mark.parametrize(
    ("spoil", "why"),
    [
        (lambda s: PLACEHOLDER.sub("", s), "placeholders changed"),
        (lambda s: s + " " + " ".join(PLACEHOLDER.findall(s)[:1]) if PLACEHOLDER.search(s) else s + " 7", ""),
        (lambda s: s + " 99", "numbers not in the source"),
        (lambda s: s + " el el el el el el", "runaway repetition"),
        (lambda s: "", "empty translation"),
        (lambda s: s + " " + " ".join(f"palabra{chr(97 + i % 26)}" for i in range(80)), "length ratio"),
    ],
)
def test_a_sentence_that_fails_validation_keeps_its_source_marked_and_counted(
    spoil: Callable[[str], str], why: str, memory: Memory
) -> None:
    result = translate(articles.parse(ARTICLE, path="a.md"), "es", Rules(spoil), memory=memory)
    assert result.report.fallbacks, "every sentence was spoiled"
    assert all(why in f.reason for f in result.report.fallbacks)
    first = result.report.fallbacks[0]
    assert f"⟪en: {first.text}⟫" in result.text
    # Nothing is dropped: every link target and number of the source is still there.
    for link in articles.parse(ARTICLE, path="a.md").links:
        assert link.href in result.text


@pytest.mark.parametrize(
    ("source", "translation", "ok"),
    [
        ("Take ⟦0⟧ daily.", "Tome ⟦0⟧ al día.", True),
        ("Take ⟦0⟧ daily.", "Tome al día.", False),
        ("Take ⟦0⟧ daily.", "Tome ⟦0⟧ ⟦0⟧ al día.", False),
        ("Take ⟦0⟧ daily.", "Tome ⟦0⟧ 3 veces al día.", False),
        ("Take it in the morning, with food.", "Tómelo por la mañana, con comida.", True),
        ("Take it in the morning, with food.", "Tómelo.", False),
        ("Take it.", "sí sí sí sí sí", False),
        ("Take it in the morning.", "", False),
    ],
)
def test_validator(source: str, translation: str, ok: bool) -> None:
    assert (problem(source, translation) is None) is ok


def test_repetition_is_found_in_runs_of_several_words() -> None:
    assert repeats("la la la la")
    assert repeats("de la vida de la vida de la vida de la vida")
    assert not repeats("la vida de la persona y la vida de la familia")


@pytest.mark.parametrize(
    ("source", "translation", "ok"),
    [
        ("Wash your hands before meals.", "Lávese las aguguguguguguguguguaasda manos días.", False),
        ("Take it with food every day.", "每天每天每天每天和食物一起服用。", False),
        ("Take it with food every day.", "每天和食物一起服用。", True),
        ("The test looks for ATATATAT repeats.", "La prueba busca repeticiones ATATATAT.", True),
        ("It costs 10000 dollars.", "Cuesta 10000 dólares.", True),
    ],
)
def test_letters_that_loop_are_runaway_repetition(source: str, translation: str, ok: bool) -> None:
    """A subword loop, or one in a script written without spaces, is caught where a word-by-word look is not."""
    assert (problem(source, translation) is None) is ok


def test_a_rerun_translates_only_new_sentences(memory: Memory) -> None:
    first, second = Rules(), Rules()
    translate(articles.parse(ARTICLE, path="a.md"), "es", first, memory=memory)
    changed = ARTICLE.replace("Stop at 50%.", "Stop at 50%. Rest after lunch.")
    result = translate(articles.parse(changed, path="a.md"), "es", second, memory=memory)
    assert second.asked == ["Rest after lunch."]
    assert result.report.from_memory == result.report.sentences - 1


def test_failed_sentences_are_remembered_and_fail_again_without_the_model(memory: Memory) -> None:
    first = translate(articles.parse(ARTICLE, path="a.md"), "es", Rules(lambda s: ""), memory=memory)
    again = Rules()
    second = translate(articles.parse(ARTICLE, path="a.md"), "es", again, memory=memory)
    assert again.asked == [] and len(second.report.fallbacks) == len(first.report.fallbacks) > 0


def test_glossary_terms_take_the_glossary_name_in_the_target_language(memory: Memory) -> None:
    seed = articles.load(str(SEED))
    result = translate_with(Settings(), seed, "es", Rules())
    # "multiple myeloma" and "progression-free survival" are glossary names with Spanish names of our own.
    assert "[mieloma múltiple](/types/myeloma)" in result.text
    assert "supervivencia sin evolución" in result.text


def test_translated_text_is_scored_with_the_target_languages_formulas(memory: Memory) -> None:
    result = translate(articles.parse(ARTICLE, path="a.md"), "es", Rules(), memory=memory)
    score = score_article(articles.parse(result.text, path="a.md"))
    assert "fernandez_huerta" in score.scores and "szigriszt_pazos" in score.scores


def test_same_language_is_an_error(memory: Memory) -> None:
    with pytest.raises(SimplifyError, match="already in"):
        translate(articles.parse(ARTICLE, path="a.md"), "en", Rules(), memory=memory)


def test_review_page_puts_source_and_translation_side_by_side(memory: Memory) -> None:
    from simplify.handout.templates import Templates

    result = translate(
        articles.parse(ARTICLE, path="a.md"), "es", Rules(lambda s: s if "beba" in s else ""), memory=memory
    )
    html = review_html(result, Templates())
    assert html.count('<tr class="fallback">') == len(result.report.fallbacks) > 0
    assert '<td lang="es">' not in html or "beba" in html
    assert '<th scope="col">Source (en)</th>' in html


@pytest.mark.shared
def test_every_link_target_number_and_drug_name_survives_over_the_corpus(corpus: list[Path], tmp_path: Path) -> None:
    memory = Memory(tmp_path / "m.sqlite")
    lost: dict[str, list[str]] = {}
    for path in corpus[::4]:
        source = articles.load(str(path))
        result = translate(source, "es", Rules(), memory=memory)
        out = articles.parse(result.text, path=str(path))
        missing = [link.href for link in source.links if link.href not in result.text]
        numbers = {n for b in source.content_blocks() for n in re.findall(r"\d+(?:[.,]\d+)*%?", b.text)}
        text = " ".join(b.text for b in out.blocks)
        missing += sorted(n for n in numbers if n not in text)
        drugs = {" ".join(link.text.split()) for link in source.links if link.kind is LinkKind.DRUG}
        missing += sorted(d for d in drugs if d and d not in " ".join(text.split()))
        if [b.kind for b in out.blocks if b.kind is BlockKind.HEADING] != [
            b.kind for b in source.blocks if b.kind is BlockKind.HEADING
        ]:
            missing.append("headings changed")
        if missing:
            lost[path.name] = missing[:5]
    assert lost == {}


def test_a_missing_model_is_one_line_that_says_how_to_get_one(tmp_path: Path) -> None:
    pytest.importorskip("transformers", reason="needs the translate extra")
    with pytest.raises(SimplifyError) as caught:
        TransformersEngine(str(tmp_path / "no-such-model")).load()
    message = str(caught.value)
    assert "\n" not in message and "cannot be loaded" in message and "hf download" in message
    with pytest.raises(SimplifyError, match="Helsinki-NLP/opus-mt-en-fr"):  # the model for the pair asked
        TransformersEngine(str(tmp_path / "no-such-model")).translate(["x"], "en", "fr")
    with pytest.raises(SimplifyError, match="no model.bin"):
        engine("ctranslate2", str(tmp_path)).translate(["x"], "en", "es")


def test_translate_command_without_a_model_says_what_to_set(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["translate", str(SEED), "--to", "es"])
    assert result.exit_code != 0
    assert "[tool.simplify.translate]" in result.output


def test_translate_command_with_a_missing_model_folder_exits_2_in_one_line(tmp_path: Path) -> None:
    pytest.importorskip("transformers", reason="needs the translate extra")
    result = CliRunner().invoke(
        cli, ["translate", str(SEED), "--to", "es", "--engine", "transformers", "--model", str(tmp_path / "nope")]
    )
    assert result.exit_code == 2 and "cannot be loaded" in result.output and "Traceback" not in result.output


def test_config_checks_the_translate_table(tmp_path: Path) -> None:
    from simplify.errors import ConfigError

    ok = Settings(root=str(tmp_path)).merged({"translate": {"es": {"model": "m", "engine": "transformers"}}}, "t")
    assert ok.translate["es"] == {"engine": "transformers", "model": "m", "beams": 4}
    for bad in ({"xx-nope": {"model": "m"}}, {"es": {"engine": "google"}}, {"es": {"model": "m", "speed": 1}}):
        with pytest.raises(ConfigError):
            Settings().merged({"translate": bad}, "t")


def test_handout_in_another_language_translates_the_body_when_a_model_is_set(
    seed_article: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from simplify.handout import Handouts

    monkeypatch.setattr("simplify.translate.translator_for", lambda settings, lang, *a: Rules())
    maker = Handouts(Settings())
    written = maker.write(seed_article, tmp_path, langs=["es"], formats=["html"])
    html = written[0].path.read_text(encoding="utf-8")
    assert "Una computadora tradujo este texto." in html
    assert '<html lang="es" dir="ltr">' in html and '<div class="article">' in html  # the body is Spanish now
    assert "el addition of" in html.lower() and "the addition of" not in html.lower()


def test_a_translated_handout_marks_counts_and_does_not_grade_what_stayed_english(
    seed_article: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from simplify.handout import Handouts

    spoiled = Rules(lambda s: "" if "trial" in s else s)  # every sentence about the trial fails validation
    spoiled.model = "rules-spoiled"  # type: ignore[misc]  # its own entries in the translation memory
    monkeypatch.setattr("simplify.translate.translator_for", lambda settings, lang, *a: spoiled)
    maker = Handouts(Settings())
    handout = maker.gather(seed_article, "es")
    assert handout.translation is not None and handout.translation["kept_in_source_language"] > 0
    kept = handout.translation["kept_in_source_language"]
    assert handout.body.count('<span lang="en" class="untranslated">⟪en: ') == handout.body.count("⟫</span>") > 0
    written = maker.write(seed_article, tmp_path, langs=["es"], formats=["html"])
    said = f"{kept} of {handout.translation['sentences']} sentence(s) failed validation and stay in 'en' in the 'es'"
    assert any(said in w for w in written[0].warnings)
    # "Words to know" in a translated handout: the glossary's own Spanish names and definitions.
    glossary = maker.tools.glossary
    spanish = {
        (e.name("es"), e.definition("es").text)
        for i in glossary.ids()
        if (e := glossary.get(i)) and e.name("es") and e.definition("es")
    }
    assert handout.words and all(w.lang == "es" and (w.name, w.definition) in spanish for w in handout.words)


HARD = "Multidisciplinary immunohistochemical characterization necessitates comprehensive institutional deliberation."


def test_an_articles_own_kept_marks_are_not_made_kept_sentences_by_its_translation(
    memory: Memory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An article's own "⟪en: ...⟫", copied by the model, is not a sentence the translation kept (nor ungraded)."""
    from simplify.handout import Handouts

    def page(body: str) -> Any:
        return articles.parse(
            f"---\ntitle: 'Water ⟪en: x⟫'\nlanguage: en\n---\n\nThe patient takes water. {body}\n", path="t.md"
        )

    result = translate(page(f"⟪en: {HARD}⟫ ⟪en: Drink water.⟫"), "es", Rules(), memory=memory)
    assert result.report.fallbacks == [] and "⟪en: " not in result.text and "⟪en: " not in result.title
    monkeypatch.setattr("simplify.translate.translator_for", lambda settings, lang, *a: Rules())
    maker = Handouts(Settings())
    marked, plain = maker.gather(page(f"⟪en: {HARD}⟫"), "es"), maker.gather(page(HARD), "es")
    assert marked.grade_handout == pytest.approx(plain.grade_handout, abs=1) and "untranslated" not in marked.body


def test_sentences_kept_in_the_source_language_are_left_out_of_the_grade() -> None:
    from simplify.marks import in_body_language

    text = "---\ntitle: T\nlanguage: es\n---\n\nEl sol sale. ⟪en: The multidisciplinary oncologist deliberated.⟫\n"
    article = articles.parse(text, path="t.md")
    only = in_body_language(article)
    assert only.meta.title == "T" and "oncologist" not in " ".join(b.text for b in only.blocks)
    assert "El sol sale." in " ".join(b.text for b in only.blocks)


def test_definitions_in_another_language_go_whole_from_the_graded_text() -> None:
    """With the words that name what they explain, after a term or after a sentence: no "(Kidney: .)" is left."""
    from simplify.marks import LANG_CLOSE, LANG_END, LANG_OPEN, in_body_language

    def marked(text: str) -> str:
        return f"{LANG_OPEN}es{LANG_END}{text}{LANG_CLOSE}"

    body = (
        f"The kidney ({marked('un órgano')}) works. A long sentence ends here. (Kidney: {marked('un órgano')}.)"
        f" Then acute kidney injury (kidney: {marked('un órgano')}) came (see: page)."
    )
    only = in_body_language(articles.parse(f"---\ntitle: T\nlanguage: en\n---\n\n{body}\n", path="t.md"))
    assert only.blocks[-1].text == (
        "The kidney works. A long sentence ends here. Then acute kidney injury came (see: page)."
    )


@pytest.mark.parametrize(
    ("tokenizer_class", "model_type", "kind", "source", "forced", "prefix"),
    [
        ("MarianTokenizer", "marian", "marian", None, None, ""),
        ("NllbTokenizerFast", "m2m_100", "nllb", "eng_Latn", "spa_Latn", ""),
        ("M2M100Tokenizer", "m2m_100", "m2m100", "en", "__es__", ""),
    ],
)
def test_each_model_family_is_told_the_languages_its_own_way(
    tokenizer_class: str, model_type: str, kind: str, source: str | None, forced: str | None, prefix: str
) -> None:
    from types import SimpleNamespace

    from simplify.translate.engines import family_of

    tokenizer = type(tokenizer_class, (), {"get_vocab": lambda self: {"<s>": 0, "</s>": 1}})()
    family = family_of(SimpleNamespace(model_type=model_type), tokenizer)
    assert family.kind == kind
    assert (family.source_code("en"), family.target_token("es"), family.prefix("es")) == (source, forced, prefix)
    if kind == "nllb":
        assert family.target_token("zh-Hans") == "zho_Hans" and family.target_token("ar") == "arb_Arab"


def test_a_madlad_vocabulary_is_told_the_language_by_a_prefix(tmp_path: Path) -> None:
    """MADLAD-400's "<2xx>" tags are pieces of a real T5 sentencepiece vocabulary, not special tokens."""
    import sentencepiece as spm
    from transformers import AutoTokenizer, T5Tokenizer

    from simplify.translate.engines import family_of
    from simplify.translate.toymodels import train_tokenizer

    texts = ["the cancer grows slowly", "el cáncer crece despacio", "a new treatment"] * 4
    model = train_tokenizer(texts, tmp_path / "spm", 60, user_symbols=["<2es>", "<2en>"], options={"pad_id": 3})
    pieces = spm.SentencePieceProcessor(model_file=str(model))
    vocab = [(pieces.id_to_piece(i), pieces.get_score(i)) for i in range(pieces.get_piece_size())]
    T5Tokenizer(vocab=vocab, extra_ids=0).save_pretrained(str(tmp_path / "madlad"))
    tokenizer = AutoTokenizer.from_pretrained(str(tmp_path / "madlad"))
    family = family_of(type("Config", (), {"model_type": "t5"})(), tokenizer)
    assert family.kind == "madlad" and family.prefix("es") == "<2es> "
    assert "<2es>" in tokenizer.tokenize(family.prefix("es") + "the cancer")
    plain = T5Tokenizer(vocab=[v for v in vocab if not v[0].startswith("<2")], extra_ids=0)
    assert family_of(type("Config", (), {"model_type": "t5"})(), plain).kind == "seq2seq"


@pytest.mark.parametrize("how", ["connect", "connect_ex"])
def test_the_test_session_refuses_the_network(how: str) -> None:
    import socket

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock, pytest.raises(OSError, match="must not touch"):
        getattr(sock, how)(("93.184.215.14", 443))
