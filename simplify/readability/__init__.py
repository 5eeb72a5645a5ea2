"""Readability of whole articles: our counts, textstat's formulas, and jargon density beside the grade."""

from __future__ import annotations

from simplify.readability.counts import Counts, count_sentences_of
from simplify.readability.languages import formulas_for, grade_of, score_all
from simplify.readability.score import (
    DocumentScore,
    HardSentence,
    SectionScore,
    SentenceCount,
    score_article,
    score_text,
)

__all__ = [
    "Counts",
    "DocumentScore",
    "HardSentence",
    "SectionScore",
    "SentenceCount",
    "count_sentences_of",
    "formulas_for",
    "grade_of",
    "score_all",
    "score_article",
    "score_text",
]
