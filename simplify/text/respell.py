"""Syllable counts from NCI pronunciation respellings, such as "(noo-troh-PEE-nee-uh)".

In an NCI respelling every syllable is a hyphen-separated chunk ("lim-FOH-muh"), words are separated
by spaces or by "/" for a term like "leukemia/lymphoma", and an ellipsis ("…" or "...") stands for
words left unrespelled: "(… SEL)" for "B cell". A chunk that is a run of digits ("SY-toh-kine-3")
counts as one syllable, as the syllable counter counts numbers.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from simplify.files import parse_xml

# A gap where NCI left words unrespelled.
_ELLIPSIS = re.compile(r"…+\.*|\.{3,}")
_WORD_SEPARATOR = re.compile(r"[\s/]+")
_CHUNK = re.compile(r"[^\W_]+")
# A term word worth a glossary entry: letters, with inner hyphens or apostrophes.
_TERM_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_EDGE_PUNCTUATION = re.compile(r"^[^\w]+|[^\w]+$")
# A term's words with the separator before each, and the same with hyphenated words in their parts.
_TERM_PIECES_BY_WORD = re.compile(r"[\s/]*[^\s/]+")
_TERM_PIECES = re.compile(r"[\s/-]*[^\s/-]+")


@dataclass(frozen=True, slots=True)
class Pronunciation:
    """One NCI glossary term with its respelling."""

    cdr_id: int
    term: str
    respelling: str


def respelling_words(respelling: str) -> list[int | None]:
    """Return the syllables of each word of ``respelling``, with None for an ellipsis gap."""
    words: list[int | None] = []
    for i, part in enumerate(_ELLIPSIS.split(respelling)):
        if i:
            words.append(None)
        for token in _WORD_SEPARATOR.split(part):
            # Chunks are what hyphens, parentheses and stray punctuation leave: "(KAN-ser," -> 2.
            chunks = _CHUNK.findall(token)
            if chunks:
                words.append(len(chunks))
    return words


def filled(respelling: str, term: str) -> str | None:
    """Return ``respelling`` with each ellipsis replaced by the words of ``term`` it stands for, or None if unclear.

    A reader cannot say "(… in-TES-tin)"; "(small in-TES-tin)" says that the first word is read as
    written. The gaps stand for the term's words that the respelled words leave over, counted first in
    words and, where that leaves none, in the parts of hyphenated words ("SEH-kund … THAYR-uh-pee"
    for "second-line therapy"). Several gaps are clear only when each stands for one whole word.
    """
    parts = [[w for w in _WORD_SEPARATOR.split(part.strip(" ()")) if w] for part in _ELLIPSIS.split(respelling)]
    gaps = len(parts) - 1
    if not gaps:
        return respelling
    if gaps > 1 and "-" in term:
        return None  # "(AN-tee … MAH-noh-KLOH-nul …)": a gap may be part of a hyphenated word or all of it
    for pieces in (_TERM_PIECES_BY_WORD.findall(term), _TERM_PIECES.findall(term)):
        left = len(pieces) - sum(map(len, parts))
        if left == gaps or (gaps == 1 and left >= 1):
            words: list[str] = []
            at = 0
            for i, part in enumerate(parts):
                words += part
                at += len(part)
                if i < gaps:
                    size = left // gaps
                    words.append("".join(pieces[at : at + size]).strip(" -/"))
                    at += size
            said = " ".join(words)
            return f"({said})" if respelling.lstrip().startswith("(") else said
    return None


def respelling_syllables(respelling: str) -> int:
    """Return the syllables of an NCI respelling: "(noo-troh-PEE-nee-uh)" -> 5, summed over its words."""
    return sum(n for n in respelling_words(respelling) if n is not None)


def nci_pronunciations(folder: Path) -> Iterator[Pronunciation]:
    """Yield the terms of an NCI GlossaryTerm XML export (one CDR*.xml per term) that have a respelling."""
    for path in sorted(folder.glob("*.xml")):
        try:
            root = parse_xml(path)
        except (ValueError, OSError):
            continue  # as `glossary import` does, a file that is not a term's XML is passed over
        term = (root.findtext("TermName") or "").strip()
        respelling = (root.findtext("TermPronunciation") or "").strip()
        if term and respelling:
            cdr_id = int(re.sub(r"\D", "", root.get("id", "")) or 0)
            yield Pronunciation(cdr_id, term, respelling)


def load_nci_respellings(folder: Path) -> dict[str, int]:
    """Map the lower-case words of the terms of an NCI XML export to the syllables of their respellings."""
    return respellings_of(nci_pronunciations(folder))


def respellings_of(pronunciations: Iterable[Pronunciation]) -> dict[str, int]:
    """Map the lower-case words of NCI glossary terms to the syllables of their respellings.

    A one-word term gives its word directly. A term of several words gives each of its words when
    its respelling has as many words (an ellipsis counting as one unrespelled word): "bone marrow
    biopsy" respelled "(… MAYR-oh BY-op-see)" gives "marrow" 2 and "biopsy" 3. Where terms disagree,
    a one-word term wins, then the count most terms give.
    """
    single: dict[str, int] = {}
    votes: dict[str, Counter[int]] = {}
    for entry in pronunciations:
        term_words = [_EDGE_PUNCTUATION.sub("", w).lower() for w in _WORD_SEPARATOR.split(entry.term)]
        counts = respelling_words(entry.respelling)
        if len(term_words) != len(counts):
            continue
        for word, n in zip(term_words, counts, strict=True):
            if n is None or not _TERM_WORD.fullmatch(word):
                continue
            if len(term_words) == 1:
                single.setdefault(word, n)
            else:
                votes.setdefault(word, Counter())[n] += 1
    return {word: tally.most_common(1)[0][0] for word, tally in votes.items()} | single
