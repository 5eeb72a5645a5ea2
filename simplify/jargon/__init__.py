"""Jargon: glossary terms (linked or not), abbreviations, and rare words that nothing explains."""

from __future__ import annotations

from simplify.jargon.abbreviations import Abbreviation, find_abbreviations
from simplify.jargon.inflect import plurals
from simplify.jargon.matcher import Match, TermMatcher
from simplify.jargon.report import (
    UNDEFINED_ABBREVIATION,
    UNEXPLAINED,
    AbbreviationUse,
    JargonReport,
    TermUse,
    find_jargon,
)

__all__ = [
    "UNDEFINED_ABBREVIATION",
    "UNEXPLAINED",
    "Abbreviation",
    "AbbreviationUse",
    "JargonReport",
    "Match",
    "TermMatcher",
    "TermUse",
    "find_abbreviations",
    "find_jargon",
    "plurals",
]
