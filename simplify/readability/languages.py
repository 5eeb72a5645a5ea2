"""Say which readability formulas apply to which language, and score counts with all of them."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from simplify.lang import lang_root
from simplify.readability import formulas as f
from simplify.readability.counts import Counts

#: Every formula by the name ``score_all`` reports it under; each takes the counts and language root.
SCORERS: Mapping[str, Callable[[Counts, str], float]] = MappingProxyType(
    {
        "flesch_reading_ease": f.flesch_reading_ease,
        "flesch_kincaid_grade": lambda c, lang: f.flesch_kincaid_grade(c),
        "smog_index": lambda c, lang: f.smog_index(c),
        "coleman_liau_index": lambda c, lang: f.coleman_liau_index(c),
        "automated_readability_index": lambda c, lang: f.automated_readability_index(c),
        "dale_chall_readability_score": lambda c, lang: f.dale_chall_readability_score(c),
        "dale_chall_readability_score_v2": lambda c, lang: f.dale_chall_readability_score_v2(c),
        "linsear_write_formula": lambda c, lang: f.linsear_write_formula(c),
        "gunning_fog": lambda c, lang: f.gunning_fog(c),
        "spache_readability": lambda c, lang: f.spache_readability(c),
        "mcalpine_eflaw": lambda c, lang: f.mcalpine_eflaw(c),
        "lix": lambda c, lang: f.lix(c),
        "rix": lambda c, lang: f.rix(c),
        # As textstat's text_standard(float_output=True) returns it: clamped to grades 1-18.
        "text_standard": f.text_standard,
        "fernandez_huerta": lambda c, lang: f.fernandez_huerta(c),
        "szigriszt_pazos": f.szigriszt_pazos,
        "gutierrez_polini": lambda c, lang: f.gutierrez_polini(c),
        "crawford": lambda c, lang: f.crawford(c),
        "gulpease_index": lambda c, lang: f.gulpease_index(c),
        "wiener_sachtextformel_1": lambda c, lang: f.wiener_sachtextformel(c, 1),
        "wiener_sachtextformel_2": lambda c, lang: f.wiener_sachtextformel(c, 2),
        "wiener_sachtextformel_3": lambda c, lang: f.wiener_sachtextformel(c, 3),
        "wiener_sachtextformel_4": lambda c, lang: f.wiener_sachtextformel(c, 4),
        "osman": lambda c, lang: f.osman(c),
    }
)

#: The formulas whose value is a school grade (or years of schooling), which a maximum grade can gate.
#: The others score ease (Flesch, Fernandez Huerta, Szigriszt-Pazos, Gutierrez, Gulpease, Osman: higher
#: is easier) or an index on a scale of its own (Dale-Chall raw score, LIX, RIX, McAlpine EFLAW).
GRADE_FORMULAS: frozenset[str] = frozenset(
    {
        "flesch_kincaid_grade",
        "smog_index",
        "coleman_liau_index",
        "automated_readability_index",
        "linsear_write_formula",
        "gunning_fog",
        "spache_readability",
        "text_standard",
        "crawford",
        "wiener_sachtextformel_1",
        "wiener_sachtextformel_2",
        "wiener_sachtextformel_3",
        "wiener_sachtextformel_4",
    }
)

#: The formulas textstat 0.7.13 has for each language root: all its general formulas for English
#: (they are English formulas, with English word lists); Flesch Reading Ease where textstat has
#: constants for the language; Gunning Fog where it has a syllable threshold (Polish, Hungarian);
#: and its language-specific formulas. SMOG counts for Hungarian because textstat's Hungarian tests
#: validate it. Spanish lists Flesch Reading Ease beside Fernandez Huerta, its equal, so that every
#: Flesch language reports the same key. Every other language (Portuguese, Chinese, Vietnamese,
#: Korean, Tagalog, Haitian Creole, ...) has none: textstat would silently apply English constants.
FORMULAS: Mapping[str, tuple[str, ...]] = MappingProxyType(
    {
        "en": (
            "flesch_reading_ease",
            "flesch_kincaid_grade",
            "smog_index",
            "coleman_liau_index",
            "automated_readability_index",
            "dale_chall_readability_score",
            "dale_chall_readability_score_v2",
            "linsear_write_formula",
            "gunning_fog",
            "spache_readability",
            "mcalpine_eflaw",
            "lix",
            "rix",
            "text_standard",
        ),
        "es": ("fernandez_huerta", "szigriszt_pazos", "gutierrez_polini", "crawford", "flesch_reading_ease"),
        "de": (
            "flesch_reading_ease",
            "wiener_sachtextformel_1",
            "wiener_sachtextformel_2",
            "wiener_sachtextformel_3",
            "wiener_sachtextformel_4",
        ),
        "fr": ("flesch_reading_ease",),
        "it": ("flesch_reading_ease", "gulpease_index"),
        "nl": ("flesch_reading_ease",),
        "ru": ("flesch_reading_ease",),
        "hu": ("flesch_reading_ease", "gunning_fog", "smog_index"),
        "pl": ("gunning_fog",),
        "ar": ("osman",),
    }
)


def formulas_for(lang: str) -> tuple[str, ...]:
    """Return the names of the formulas that apply to ``lang`` (empty if none does)."""
    return FORMULAS.get(lang_root(lang), ())


def score_all(counts: Counts, lang: str) -> dict[str, float]:
    """Return every formula that applies to ``lang``, by name, unrounded as textstat returns them."""
    root = lang_root(lang)
    return {name: SCORERS[name](counts, root) for name in FORMULAS.get(root, ())}


def grade_of(scores: Mapping[str, float], lang: str) -> float | None:
    """Return the school grade that ``scores`` amount to in ``lang``, or None if there is no such grade.

    English: textstat's consensus grade (``text_standard``). Spanish: the grade Fernandez Huerta's
    own table gives its score (see ``fernandez_huerta_grade``). Crawford, the one Spanish grade
    formula, was normed on primary-school texts and squeezes adult prose into grades 5-9, too
    narrow to gate on. Other languages: None, as textstat has no grade scale for them.
    """
    root = lang_root(lang)
    if root == "en":
        return scores.get("text_standard")
    if root == "es" and "fernandez_huerta" in scores:
        return f.fernandez_huerta_grade(scores["fernandez_huerta"])
    return None


def grade_source(lang: str) -> str | None:
    """Return what ``grade_of`` reads the grade from for ``lang``, for people to see."""
    return {"en": "consensus of the grade formulas", "es": "Fernández Huerta's grade table"}.get(lang_root(lang))


def bands_of(scores: Mapping[str, float], lang: str) -> dict[str, str]:
    """Return the named bands that some scores are read by, e.g. INFLESZ for Szigriszt-Pazos."""
    if lang_root(lang) == "es" and "szigriszt_pazos" in scores:
        return {"inflesz": f.inflesz_band(scores["szigriszt_pazos"])}
    return {}
