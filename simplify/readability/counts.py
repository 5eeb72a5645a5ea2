"""Count, in one pass over a text's sentences, everything the readability formulas need.

Counts are plain integers so that sections can be counted separately and summed into an article.
Definitions follow textstat 0.7.13 (named after its ``count_*`` functions) except where noted:
what a sentence, a word and a syllable is comes from the caller, so we count those better than
textstat does; everything derived from them (difficult words, long words, ...) uses textstat's rules
and textstat's own word lists.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from functools import cache
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from simplify.lang import lang_root
from simplify.memo import Memo

#: Linsear Write reads only the first 100 words of a text (textstat's ``strict_upper``).
LINSEAR_WINDOW = 100

# Characters that are not \w; textstat's letter counts strip them (``[^\w\s]`` then whitespace).
_NON_WORD_CHARS = re.compile(r"\W")

# Arabic letters and marks, as textstat's count_arabic_* functions name them.
_SHORT_VOWELS = frozenset("\u064e\u064f\u0650")  # fatha, damma, kasra
_LONG_VOWEL_LETTERS = frozenset("\u0627\u0648\u064a")  # alef, waw, yaa
_STRESS_MARKS = re.compile("[\u064b\u064c\u064d\u0651]")  # tanween fath/damm/kasr, shadda
_COMPLEX_MARKS = re.compile("[\u064e\u064b\u064f\u064c\u0650\u064d\u0651]")
_UNSYLLABIC_LETTERS = re.compile("[\u0627\u0649]")  # alef, alef maqsura
_FASEEH_LETTERS = re.compile("[\u0626\u0621\u0624\u0630\u0638]|\u0648\u0627|\u0648\u0646")


@cache
def _word_features(root: str) -> Memo[str, tuple[int, bool]]:
    """Return the per-language memo of each word's letter count and absence from the easy list.

    Sections of an article, and articles of a site, repeat their words: computing these once
    per word rather than once per section is most of the cost of counting.
    """
    easy = easy_words(root)

    def features(word: str) -> tuple[int, bool]:
        n_letters = len(word) if word.isalnum() else len(_NON_WORD_CHARS.sub("", word))
        # The list spells contractions with a straight apostrophe; typeset text uses a curly one.
        return n_letters, word.lower().replace("\u2019", "'") not in easy

    return Memo(features)


def lang_config(lang: str, key: str) -> float:
    """Return textstat's constant ``key`` for ``lang``, falling back to English's as textstat does."""
    configs = _lang_configs()
    return configs.get(lang_root(lang), {}).get(key, configs["en"][key])


def _textstat_dir() -> Path:
    """Return textstat's package folder, found without importing textstat."""
    spec = find_spec("textstat")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the textstat package is not installed; pip install textstat", name="textstat")
    return Path(next(iter(spec.submodule_search_locations)))


@cache
def _lang_configs() -> Mapping[str, Mapping[str, float]]:
    """Return textstat's LANG_CONFIGS, read from its source as data.

    Importing textstat imports NLTK, a fifth of a second that every `simplify check` would pay
    for one table of constants; the literal is evaluated, not executed.
    """
    import ast

    tree = ast.parse((_textstat_dir() / "backend" / "utils" / "constants.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.AnnAssign | ast.Assign):
            targets = [node.target] if isinstance(node, ast.AnnAssign) else node.targets
            if any(isinstance(t, ast.Name) and t.id == "LANG_CONFIGS" for t in targets) and node.value:
                configs: Mapping[str, Mapping[str, float]] = ast.literal_eval(node.value)
                return configs
    raise LookupError("textstat's constants.py has no LANG_CONFIGS literal; is this textstat 0.7.13?")


def easy_words(lang: str) -> frozenset[str]:
    """Return textstat's easy-word list for ``lang`` (English's where textstat has none, as it does)."""
    return _easy_words(lang_root(lang))


@cache
def _easy_words(root: str) -> frozenset[str]:
    """Read textstat's easy-word list for a language root, once."""
    resources_dir = _textstat_dir() / "resources"
    for name in (root, "en"):
        path = resources_dir / name / "easy_words.txt"
        if path.is_file():
            return frozenset(line.strip() for line in path.read_text(encoding="utf-8").splitlines())
    raise FileNotFoundError("textstat ships no English easy-word list; is textstat installed?")


@dataclass(frozen=True, slots=True)
class Counts:
    """Hold the counts of a text that every readability formula is computed from.

    Word-level counts are over the caller's words; ``characters`` and ``tokens`` over the sentence
    texts. The difficulty counts follow textstat's ``is_difficult_word``: a word is *unlisted* when
    its lowercase form is not on the language's easy-word list. Dale-Chall counts all unlisted
    words; Dale-Chall v2 and Spache the unlisted words of 2+ syllables (``difficult_words``); Gunning
    Fog those of at least the language's ``syllable_threshold`` syllables (3; Polish 4, Hungarian 5:
    ``complex_words``). All are counted with repetition, as every textstat formula counts them;
    unique counts could not be summed over sections.

    ``linsear_head`` keeps the first 100 words (Linsear Write's sample), grouped by sentence, each as
    its Linsear weight: 3 for 3+ syllables, 1 for 1-2, 0 for none. Keeping the words, not just their
    tallies, is what makes the sample correct after summing: adding a section tops the window up with
    that section's first words and the sentences they start.

    Sum sections with ``+`` or ``sum(sections, Counts())``.
    """

    sentences: int = 0
    #: Words as the formulas count them (textstat's ``count_words``).
    words: int = 0
    #: Whitespace-separated tokens, punctuation-only ones included: the word count textstat divides
    #: characters by (ARI, Gulpease), so that the punctuation characters have words to go with.
    tokens: int = 0
    #: Non-whitespace characters, punctuation included (textstat's ``count_chars``).
    characters: int = 0
    #: \w characters (letters and digits) of the words; textstat's ``count_letters`` takes those of the
    #: whole text, which differs only by any not in a word.
    letters: int = 0
    syllables: int = 0
    monosyllables: int = 0
    #: Words of 3+ syllables (SMOG, Wiener Sachtextformel).
    polysyllables: int = 0
    #: Words with no syllable at all; Linsear Write counts them neither easy nor hard.
    syllableless_words: int = 0
    #: Words of more than 6 letters (LIX, RIX, Wiener Sachtextformel).
    long_words: int = 0
    #: Words of at most 3 letters (McAlpine EFLAW).
    mini_words: int = 0
    unlisted_words: int = 0
    difficult_words: int = 0
    complex_words: int = 0
    #: Left at 0 here: filled from word frequencies by the caller.
    rare_words: int = 0
    linsear_head: tuple[tuple[int, ...], ...] = ()
    #: Osman's Arabic counts; zero unless the text was counted as Arabic.
    arabic_syllables: int = 0
    arabic_complex_words: int = 0
    arabic_long_words: int = 0
    faseeh_words: int = 0

    def __add__(self, other: Counts) -> Counts:
        """Return the counts of this text followed by ``other``."""
        if not isinstance(other, Counts):
            return NotImplemented
        values: dict[str, Any] = {
            f.name: getattr(self, f.name) + getattr(other, f.name) for f in fields(Counts) if f.name != "linsear_head"
        }
        values["linsear_head"] = _top_up(self.linsear_head, other.linsear_head)
        return Counts(**values)


def _top_up(head: tuple[tuple[int, ...], ...], more: Iterable[Sequence[int]]) -> tuple[tuple[int, ...], ...]:
    """Return ``head`` filled up to the Linsear window with the sentences of ``more``."""
    room = LINSEAR_WINDOW - sum(map(len, head))
    if room <= 0:
        return head
    extra: list[tuple[int, ...]] = []
    for sentence in more:
        if room <= 0:
            break
        extra.append(tuple(sentence[:room]))
        room -= len(sentence)
    return head + tuple(extra)


def _linsear_weight(syllables: int) -> int:
    """Return a word's Linsear Write weight: 3 if hard (3+ syllables), 1 if easy, 0 if it has none."""
    if syllables >= 3:
        return 3
    return 1 if syllables > 0 else 0


def arabic_syllables(word: str) -> int:
    """Return the syllables of an Arabic word as textstat's ``count_arabic_syllables`` weighs them.

    Short vowels count 1, long vowels (a short vowel before alef, waw or yaa) and stress marks
    (tanween, shadda) 2. A word written without short vowels falls back to its letters other than
    alef and alef maqsura, as textstat does for a whole text (it then subtracts 2 per text; we do not,
    since a per-text constant cannot be summed over sections).
    """
    short = long = 0
    for i, char in enumerate(word):
        if char in _SHORT_VOWELS:
            if word[i + 1 : i + 2] in _LONG_VOWEL_LETTERS:
                long += 1
            else:
                short += 1
    if short == 0:
        short = len(_UNSYLLABIC_LETTERS.sub("", _NON_WORD_CHARS.sub("", word)))
    return short + 2 * (long + len(_STRESS_MARKS.findall(word)))


def count_sentences_of(
    sentences: Iterable[tuple[str, Sequence[str]]],
    lang: str,
    syllables: Callable[[str], int],
    *,
    occurrences: Mapping[str, int] | None = None,
) -> Counts:
    """Count sentences, each given as its text and its words, in language ``lang``.

    ``syllables`` is called once per distinct word. ``occurrences``, the words of exactly these
    sentences already counted by the caller, saves counting them again. Sentences without words add their characters
    and tokens but are not counted as sentences (textstat also drops sentences of 1-2 words; we
    leave that to the sentence splitter, which knows an abbreviation from a short sentence).
    """
    root = lang_root(lang)
    tally: Counter[str] = Counter()
    syllables_of: dict[str, int] = {}
    head: list[tuple[int, ...]] = []
    room = LINSEAR_WINDOW
    n_sentences = tokens = characters = 0
    for text, sentence_words in sentences:
        parts = text.split()
        tokens += len(parts)
        characters += sum(map(len, parts))
        if not sentence_words:
            continue
        n_sentences += 1
        if occurrences is None:
            tally.update(sentence_words)
        if room:
            sample = sentence_words[:room]
            weights = []
            for word in sample:
                n = syllables_of.get(word)
                if n is None:
                    n = syllables_of[word] = syllables(word)
                weights.append(_linsear_weight(n))
            head.append(tuple(weights))
            room -= len(sample)

    complex_threshold = int(lang_config(root, "syllable_threshold"))
    is_arabic = root == "ar"
    words = letters = total_syllables = mono = poly = silent = long_words = mini = 0
    unlisted = difficult = complex_words = 0
    ar_syllables = ar_complex = ar_long = faseeh = 0
    features = _word_features(root)
    # One iteration per distinct word: the per-occurrence work was Counter.update, done in C.
    for word, k in (tally if occurrences is None else occurrences).items():
        n = syllables_of.get(word)
        if n is None:
            n = syllables(word)
        n_letters, is_unlisted = features[word]
        words += k
        letters += n_letters * k
        total_syllables += n * k
        if n >= 3:
            poly += k
        elif n == 1:
            mono += k
        elif n == 0:
            silent += k
        if n_letters > 6:
            long_words += k
        elif n_letters <= 3:
            mini += k
        if is_unlisted:
            unlisted += k
            if n >= 2:
                difficult += k
            if n >= complex_threshold:
                complex_words += k
        if is_arabic:
            word_syllables = arabic_syllables(word)
            ar_syllables += word_syllables * k
            if len(_COMPLEX_MARKS.findall(word)) > 5:
                ar_complex += k
            # Diacritics are not \w, so n_letters already excludes them, as textstat strips them.
            if n_letters > 5:
                ar_long += k
            if word_syllables > 5 and _FASEEH_LETTERS.search(word):
                faseeh += k
    return Counts(
        sentences=n_sentences,
        words=words,
        tokens=tokens,
        characters=characters,
        letters=letters,
        syllables=total_syllables,
        monosyllables=mono,
        polysyllables=poly,
        syllableless_words=silent,
        long_words=long_words,
        mini_words=mini,
        unlisted_words=unlisted,
        difficult_words=difficult,
        complex_words=complex_words,
        linsear_head=tuple(head),
        arabic_syllables=ar_syllables,
        arabic_complex_words=ar_complex,
        arabic_long_words=ar_long,
        faseeh_words=faseeh,
    )
