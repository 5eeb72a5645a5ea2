"""Scoring whole articles: sections, hardest sentences, rare words, languages without formulas."""

from __future__ import annotations

import pytest
import wordfreq
from conftest import SEED

from simplify import articles
from simplify.readability.rare import RareWords
from simplify.readability.score import Scorer, score_article, score_text
from simplify.text import words

SCORER = Scorer()


def test_seed_counts_and_grade() -> None:
    s = score_article(articles.load(str(SEED)))
    assert abs(s.counts.sentences - 34) <= 1
    assert s.lang == "en" and s.note is None
    # textstat calls the seed grade 11.2 (54 sentences, undercounted syllables); it reads harder than that.
    assert s.scores["flesch_kincaid_grade"] > 14
    assert s.grade is not None and s.grade > 14
    assert [sec.heading for sec in s.sections][-1].startswith("Daratumumab Improves")
    assert sum(sec.counts.words for sec in s.sections) == s.counts.words
    assert s.hardest[0].line == 25 and "rare: daratumumab" in s.hardest[0].why
    assert {"daratumumab", "lenalidomide", "neutropenia", "thrombocytopenia"} <= set(s.rare_words)
    assert 0.05 < (s.rare_word_rate or 0) < 0.2


def test_boilerplate_is_left_out_of_scores() -> None:
    body = "---\ntitle: T\nlanguage: en\n---\n\n# Title\n\nA short line.\n"
    plain = SCORER.score(articles.parse(body, path="a.md"))
    noisy = SCORER.score(
        articles.parse(
            body + "\nPlaceholder slot\n\n## About This PDQ Summary\n\nLong administrative text goes here, about "
            "editorial boards and permissions and citations.\n\n###### References\n\n"
            "1. Author A: Title. J 1: 2, 2000.\n",
            path="a.md",
        )
    )
    assert noisy.counts == plain.counts


def test_spanish_article_uses_spanish_formulas_and_syllables() -> None:
    text = (
        "---\ntitle: Prueba\nlanguage: es\n---\n\n# La quimioterapia\n\n"
        "La quimioterapia es un tratamiento que usa medicamentos. El médico le explica el plan.\n"
    )
    s = SCORER.score(articles.parse(text, path="es.md"))
    assert set(s.scores) >= {"fernandez_huerta", "szigriszt_pazos", "gutierrez_polini", "crawford"}
    assert s.counts.sentences == 3
    assert s.grade is not None
    assert s.bands["inflesz"] in {
        "muy difícil (very difficult)",
        "algo difícil (somewhat difficult)",
        "normal (normal)",
        "bastante fácil (fairly easy)",
        "muy fácil (very easy)",
    }
    assert s.to_dict()["bands"] == dict(s.bands)


@pytest.mark.parametrize("lang", ["zh-Hans", "vi", "ko", "tl"])
def test_language_without_formula_says_so_and_counts(lang: str) -> None:
    s = SCORER.score(articles.parse("# Tiêu đề\n\nMột câu ngắn. Câu thứ hai.\n", path="x.md", lang=lang))
    assert s.scores == {} and s.grade is None
    assert s.note == f"no readability formula is known for language '{lang}'; counts only"
    assert s.counts.sentences >= 1 and s.counts.words > 0


def test_score_text_matches_textstat_on_plain_easy_text() -> None:
    scores = score_text("The cat sat on the mat. The dog ran to the park.")
    assert scores["flesch_kincaid_grade"] < 3


@pytest.mark.parametrize(
    ("word", "rare"),
    [
        ("the", False),
        ("cancer", False),
        ("myeloma", True),
        ("neutropenia", True),
        ("18.4", False),
        ("drug’s", False),
        ("doesn’t", False),
        ("progression-free", False),
        ("daratumumab", True),
        ("chemo-radiation-immunotherapy", True),
    ],
)
def test_rare_words(word: str, rare: bool) -> None:
    assert RareWords("en").is_rare(word) is rare


def test_rare_words_agree_with_wordfreq_on_the_seed() -> None:
    """Our compact table decides as wordfreq itself does (possessives aside, which we read as their noun)."""
    table = RareWords("en")
    article = articles.load(str(SEED))
    vocabulary = {w for b in article.content_blocks() for w in words(b.text)}
    for w in vocabulary:
        if any(c.isdigit() for c in w) or w.replace("’", "'").endswith("'s"):
            continue
        assert table.is_rare(w) == (wordfreq.zipf_frequency(w.replace("’", "'"), "en") < 3), w


def test_unsupported_language_has_no_rare_rate() -> None:
    s = SCORER.score(articles.parse("# Tit\n\nMo fraz kout.\n", path="x.md", lang="ht"))
    assert s.rare_word_rate is None


def test_sections_sum_to_the_document_score(corpus: list) -> None:
    """Scoring without sections gives exactly the counts and formulas of scoring section by section."""
    for page in corpus[::20]:
        article = articles.load(str(page))
        whole = SCORER.score(article, sections=False)
        parts = SCORER.score(article)
        assert whole.counts == parts.counts, page
        assert whole.scores == parts.scores and whole.sections == ()


def test_an_article_with_nothing_to_read_has_no_grade() -> None:
    text = "---\ntitle: T\nlanguage: en\n---\n\nPlaceholder slot\n\n<div>only markup</div>\n"
    s = SCORER.score(articles.parse(text, path="empty.md"))
    assert s.counts.words == 0 and s.scores == {} and s.grade is None
    assert s.note == "the article has no reading text (only page furniture, markup or references)"


def test_hardest_sentences_are_prose_not_one_word_headings() -> None:
    text = "---\ntitle: T\nlanguage: en\n---\n\n# Lymphangioleiomyomatosis\n\n" + (
        "The doctor will look at the results of the blood test with you and talk about what they mean today.\n"
    )
    s = SCORER.score(articles.parse(text, path="h.md"))
    assert [h.line for h in s.hardest] == [8]


def test_duplicated_page_title_is_furniture_but_a_different_h1_is_not() -> None:
    dup = articles.parse("---\ntitle: T\n---\n\n# Hair Loss - NCI\n\n# Hair loss\n\nText.\n", path="d.md", lang="en")
    assert [b.role.value for b in dup.blocks] == ["boilerplate", "content", "content"]
    seed = articles.load(str(SEED))
    assert [b.role.value for b in seed.blocks[:2]] == ["content", "content"]  # the seed's two H1s differ
