"""Score articles: one pass over the reading text gives counts, every formula, and jargon density."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from itertools import chain
from typing import Any, NamedTuple

from simplify.model import Article, BlockKind, Role
from simplify.readability.counts import Counts, count_sentences_of, easy_words
from simplify.readability.languages import bands_of, formulas_for, grade_of, score_all
from simplify.readability.rare import DEFAULT_ZIPF, RareWords
from simplify.text import SyllableCounter, split_sentences, words

SCHEMA = "simplify.score/1"
LONG_WORD = 7  # letters: the "long word" of LIX and of plain-language guides
# Hard sentences are prose: a heading or table cell of a word or two is short, not hard, however long its word.
_PROSE = frozenset({BlockKind.PARAGRAPH, BlockKind.LIST_ITEM, BlockKind.CAPTION})
_MIN_HARD_WORDS = 8


class _Sentence(NamedTuple):
    """A sentence as scoring first finds it."""

    text: str
    line: int
    section: int
    words: list[str]
    prose: bool


@dataclass(frozen=True, slots=True)
class SentenceCount:
    """One sentence of the reading text, with the counts that rank and check it."""

    text: str
    line: int
    section: int
    words: int
    syllables: int
    prose: bool = True  # from a paragraph, list item or caption (not a heading or table cell)

    @property
    def grade(self) -> float:
        """Return the Flesch-Kincaid grade of this sentence alone: the ranking key for hard sentences.

        Words per sentence and syllables per word make a sentence hard in any language, so this
        ranks sentences everywhere; it is shown as a grade only for English.
        """
        if not self.words:
            return 0.0
        return 0.39 * self.words + 11.8 * self.syllables / self.words - 15.59


@dataclass(frozen=True, slots=True)
class HardSentence:
    """A sentence among the hardest of an article, with its line and why."""

    text: str
    line: int
    why: str
    grade: float


@dataclass(frozen=True, slots=True)
class SectionScore:
    """Counts and scores of one section's own reading text."""

    heading: str
    level: int
    line: int
    counts: Counts
    scores: Mapping[str, float]
    grade: float | None


@dataclass(frozen=True, slots=True)
class DocumentScore:
    """Everything simplify measured about one article's readability."""

    path: str
    lang: str
    title: str
    counts: Counts
    scores: Mapping[str, float]
    grade: float | None
    sections: tuple[SectionScore, ...]
    sentences: tuple[SentenceCount, ...]
    hardest: tuple[HardSentence, ...]
    rare_word_rate: float | None
    long_word_rate: float
    rare_words: tuple[str, ...]  # distinct rare words, most used first
    zipf_threshold: float
    note: str | None = None  # said plainly when the language has no formula
    bands: Mapping[str, str] = field(default_factory=dict)  # named bands, e.g. INFLESZ for Spanish
    extra: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Return this score as one document of the ``simplify.score/1`` JSON schema."""
        return {
            "path": self.path,
            "language": self.lang,
            "title": self.title,
            "counts": _counts_dict(self.counts),
            "scores": dict(self.scores),
            "grade": self.grade,
            "bands": dict(self.bands),
            "density": {
                "rare_word_rate": self.rare_word_rate,
                "long_word_rate": self.long_word_rate,
                "zipf_threshold": self.zipf_threshold,
            },
            "note": self.note,
            "sections": [
                {
                    "heading": s.heading,
                    "level": s.level,
                    "line": s.line,
                    "counts": _counts_dict(s.counts),
                    "scores": dict(s.scores),
                    "grade": s.grade,
                }
                for s in self.sections
            ],
            "hardest_sentences": [{"text": h.text, "line": h.line, "why": h.why} for h in self.hardest],
            **self.extra,
        }


def _counts_dict(c: Counts) -> dict[str, int]:
    return {
        "sentences": c.sentences,
        "words": c.words,
        "syllables": c.syllables,
        "polysyllables": c.polysyllables,
        "characters": c.characters,
        "rare_words": c.rare_words,
    }


class Scorer:
    """Hold the per-language tools (syllable counters, word frequencies) that scoring reuses.

    Building them costs tens of milliseconds; a batch keeps one Scorer per process.
    """

    def __init__(
        self, *, zipf_threshold: float = DEFAULT_ZIPF, respellings: Mapping[str, int] | None = None, hardest: int = 5
    ) -> None:
        self.zipf_threshold = zipf_threshold
        self.respellings = respellings
        self.hardest = hardest
        self._syllables: dict[str, SyllableCounter] = {}
        self._rare: dict[str, RareWords] = {}

    def syllables(self, lang: str) -> SyllableCounter:
        """Return the syllable counter for ``lang``."""
        counter = self._syllables.get(lang)
        if counter is None:
            counter = self._syllables[lang] = SyllableCounter(lang, respellings=self.respellings)
        return counter

    def rare(self, lang: str) -> RareWords:
        """Return the rare-word table for ``lang``."""
        table = self._rare.get(lang)
        if table is None:
            table = self._rare[lang] = RareWords(lang, self.zipf_threshold)
        return table

    def prepare(self, lang: str) -> None:
        """Load the word tables scoring ``lang`` needs (CMUdict, word frequencies, the easy-word list).

        A batch calls this before forking its workers, so that they share one copy of each table
        instead of each loading its own (CMUdict alone is 126,000 words).
        """
        self.syllables(lang).prepare()
        self.rare(lang).prepare()
        easy_words(lang)

    def score(self, article: Article, *, sections: bool = True, split: BlockSplits | None = None) -> DocumentScore:
        """Score the reading text of ``article`` (boilerplate and reference lists left out).

        ``sections=False`` skips the per-section scores, which a check does not report. ``split``
        keeps each block's sentences and words from one call to the next: a handout scores an
        article and its expansion, which share most of their blocks.
        """
        lang = article.lang
        sentences = _sentences(article, split)
        by_section: dict[int, list[tuple[str, Sequence[str]]]] = {}
        for sentence in sentences:
            by_section.setdefault(sentence.section, []).append((sentence.text, sentence.words))
        used, syllables = self._syllables_of(sentences, lang)
        rare = self.rare(lang)
        rare_set = {w for w in used if rare.is_rare(w)} if rare.supported else set()
        per_sentence = [
            SentenceCount(text.replace("\n", " "), line, section, len(ws), sum(map(syllables.__getitem__, ws)), prose)
            for text, line, section, ws, prose in sentences
        ]
        formulas = formulas_for(lang)
        count = self.syllables(lang).count
        section_scores: list[SectionScore] = []
        if sections:
            total: Counts | None = None
            for index, section in enumerate(article.sections):
                items = by_section.get(index)
                if not items:
                    continue
                counts = count_sentences_of(items, lang, syllables.__getitem__)
                if rare_set:
                    counts = replace(counts, rare_words=sum(1 for _, ws in items for w in ws if w in rare_set))
                total = counts if total is None else total + counts
                scores = score_all(counts, lang) if formulas else {}
                grade = grade_of(scores, lang)
                section_scores.append(SectionScore(section.heading, section.level, section.line, counts, scores, grade))
            if total is None:
                total = count_sentences_of([], lang, count)
        else:
            items = [(s.text, s.words) for s in sentences]
            total = replace(
                count_sentences_of(items, lang, syllables.__getitem__, occurrences=used),
                rare_words=sum(k for w, k in used.items() if w in rare_set),
            )
        readable = total.words > 0
        scores = score_all(total, lang) if formulas and readable else {}
        candidates = [i for i, s in enumerate(per_sentence) if s.prose and s.words >= _MIN_HARD_WORDS]
        order = sorted(candidates, key=lambda i: per_sentence[i].grade, reverse=True)
        hardest = [self._hard(per_sentence[i], sentences[i].words, syllables, rare_set) for i in order[: self.hardest]]
        n_words = total.words or 1
        long_words = sum(k for w, k in used.items() if len(w) >= LONG_WORD)
        return DocumentScore(
            path=article.path,
            lang=lang,
            title=article.title,
            counts=total,
            scores=scores,
            grade=grade_of(scores, lang),
            sections=tuple(section_scores),
            sentences=tuple(per_sentence),
            hardest=tuple(hardest),
            rare_word_rate=round(total.rare_words / n_words, 4) if rare.supported else None,
            long_word_rate=round(long_words / n_words, 4),
            rare_words=tuple(sorted(rare_set, key=lambda w: (-used[w], w))),
            zipf_threshold=self.zipf_threshold,
            note=_note(lang, bool(formulas), readable),
            bands=bands_of(scores, lang),
        )

    def scores(self, article: Article, *, split: BlockSplits | None = None) -> tuple[dict[str, float], float | None]:
        """Return the formulas' scores of ``article`` and its consensus grade: :meth:`score`'s, without the rest.

        A handout shows two grades, of the article and of itself, and no sentence, section or rare word:
        this skips the work of those.
        """
        lang = article.lang
        sentences = _sentences(article, split)
        used, syllables = self._syllables_of(sentences, lang)
        total = count_sentences_of(
            [(s.text, s.words) for s in sentences], lang, syllables.__getitem__, occurrences=used
        )
        scores = score_all(total, lang) if formulas_for(lang) and total.words > 0 else {}
        return scores, grade_of(scores, lang)

    def _syllables_of(self, sentences: Sequence[_Sentence], lang: str) -> tuple[Counter[str], dict[str, int]]:
        """Return how often each word of ``sentences`` occurs, and its syllables."""
        # Work per distinct word, then per occurrence through C-level dict lookups: an article
        # repeats its words, and this is the hot loop of checking a whole site.
        used = Counter(chain.from_iterable([s.words for s in sentences]))
        count = self.syllables(lang).count
        return used, {w: count(w) for w in used}

    @staticmethod
    def _hard(s: SentenceCount, ws: Sequence[str], syllables: Mapping[str, int], rare: set[str]) -> HardSentence:
        """Describe a hard sentence: its length, long words and rare words."""
        why = [f"{s.words} words"]
        poly = sum(1 for w in ws if syllables[w] >= 3)
        if poly:
            why.append(f"{poly} of 3+ syllables")
        rare_here = [w for w in dict.fromkeys(ws) if w in rare]
        if rare_here:
            why.append("rare: " + ", ".join(rare_here))
        return HardSentence(s.text, s.line, "; ".join(why), round(s.grade, 1))

    def explain(self, article: Article) -> list[dict[str, Any]]:
        """Return how each sentence and word was counted, and from which source."""
        lang = article.lang
        counter = self.syllables(lang)
        rare = self.rare(lang)
        out: list[dict[str, Any]] = []
        for block in article.blocks:
            if block.role is not Role.CONTENT:
                continue
            for start, end in split_sentences(block.text, lang):
                sentence = block.text[start:end]
                detail = []
                for w in words(sentence, lang):
                    n, source = counter.explain(w)
                    detail.append({"word": w, "syllables": n, "source": source, "rare": rare.is_rare(w)})
                out.append(
                    {
                        "line": block.line_at(start),
                        "kind": str(block.kind),
                        "text": sentence.replace("\n", " "),
                        "words": detail,
                    }
                )
        return out


#: A block's text -> its sentences with words, as (start, end, words) (see Scorer.score's ``split``).
BlockSplits = dict[str, tuple[tuple[int, int, list[str]], ...]]


def _sentences(article: Article, split: BlockSplits | None) -> list[_Sentence]:
    """Return the sentences of the reading text of ``article`` that have words, split as ``split`` keeps them."""
    lang = article.lang
    if split is None:
        split = {}
    sentences: list[_Sentence] = []
    for block in article.blocks:
        if block.role is not Role.CONTENT:
            continue
        text = block.text
        prose = block.kind in _PROSE
        found = split.get(text)
        if found is None:
            found = split[text] = _split(text, lang)
        for start, end, ws in found:
            sentences.append(_Sentence(text[start:end], block.line_at(start), block.section, ws, prose))
    return sentences


def _split(text: str, lang: str) -> tuple[tuple[int, int, list[str]], ...]:
    """Return the sentences of a block that have words, each as (start, end, words)."""
    out = []
    for start, end in split_sentences(text, lang):
        ws = words(text[start:end], lang)
        if ws:
            out.append((start, end, ws))
    return tuple(out)


def _note(lang: str, has_formulas: bool, readable: bool) -> str | None:
    """Say plainly why an article has no scores, if it has none."""
    if not readable:
        return "the article has no reading text (only page furniture, markup or references)"
    if not has_formulas:
        return f"no readability formula is known for language '{lang}'; counts only"
    return None


@cache
def _default_scorer() -> Scorer:
    return Scorer()


def score_article(article: Article) -> DocumentScore:
    """Score ``article`` with default settings."""
    return _default_scorer().score(article)


def score_text(text: str, lang: str = "en") -> dict[str, float]:
    """Return every formula for plain ``text`` (no markdown), counted our way."""
    count = _default_scorer().syllables(lang).count
    items = [(text[s:e], words(text[s:e], lang)) for s, e in split_sentences(text, lang)]
    return score_all(count_sentences_of([i for i in items if i[1]], lang, count), lang)
