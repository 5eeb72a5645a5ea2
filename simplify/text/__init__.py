"""Counting units of text: sentences, words and syllables, right for medical prose.

Every function takes the language explicitly; there is no global language state.
"""

from __future__ import annotations

from simplify.text.sentences import split_sentences
from simplify.text.syllables import SyllableCounter, count_syllables
from simplify.text.words import WORD_RE, words

__all__ = ["WORD_RE", "SyllableCounter", "count_syllables", "split_sentences", "words"]
