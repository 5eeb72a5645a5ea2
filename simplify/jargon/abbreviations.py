"""Abbreviations defined in text, by Schwartz and Hearst's algorithm (PSB 2003), both ways round.

"long form (SF)" is the paper's pattern (square brackets too, as inside a parenthesis: "(long form [SF])");
"SF (long form)" its reverse, used when the parentheses hold more words than a short form may have; and
"SF = long form", the key under a table or a figure. The long form is found by matching the short form's
characters right to left in the words before it, the first character at the start of a word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PAREN = re.compile(r"\(([^()\[\]]*)\)|\[([^()\[\]]*)\]")
# Where a long form cannot reach back past: the end of a sentence or clause, an earlier aside, or the opening
# of the aside it stands in ("(prevalence ratio [PR], 2.9)").
_CLAUSE_END = re.compile(r"[.;:!?](?:\s|$)|[()\[\]]")
# A key's "SF =", and where its long form ends: "AD = autosomal dominant; AR = autosomal recessive."
_KEY = re.compile(r"(?<![\w&-])([^\W_][\w&-]*)[ \t]?=[ \t]?(?=[^\W_])")
_KEY_END = re.compile(r"[;=|\n]|\.(?:\s|$)")
_SHORT_END = re.compile(r"[;,]\s")  # "(FDA; 1990)": the short form ends at ";"


@dataclass(frozen=True, slots=True)
class Abbreviation:
    """An abbreviation defined in text: the short form's span, and its long form's."""

    short: str
    long: str
    start: int
    end: int
    long_start: int
    long_end: int


def _valid_short(short: str) -> bool:
    """Return True if ``short`` may be a short form: 2-10 characters, at most two words, a letter, alnum first."""
    return 2 <= len(short) <= 10 and len(short.split()) <= 2 and short[0].isalnum() and any(c.isalpha() for c in short)


def best_long_form(short: str, long: str) -> str | None:
    """Return the shortest end of ``long`` whose characters spell ``short`` in order, or None."""
    s, i = len(short) - 1, len(long) - 1
    while s >= 0:
        c = short[s].lower()
        if not c.isalnum():
            s -= 1
            continue
        # The short form's first character must begin a word of the long form.
        while i >= 0 and (long[i].lower() != c or (s == 0 and i > 0 and long[i - 1].isalnum())):
            i -= 1
        if i < 0:
            return None
        i -= 1
        s -= 1
    return long[long.rfind(" ", 0, i + 1) + 1 :]


def _pair(short: str, window: str) -> str | None:
    """Return the long form of ``short`` at the end of ``window`` by the paper's limits, or None."""
    words = window.split()
    window = " ".join(words[-min(len(short) + 5, len(short) * 2) :])
    long = best_long_form(short, window)
    if long is None:
        return None
    n = len(long.split())
    if (
        len(long) <= len(short)
        or short.lower() + " " in long.lower()
        or long.lower().endswith(short.lower())
        or n > len(short) * 2
        or n > len(short) + 5
    ):
        return None
    return long


def _last_spaced(phrase: str, text: str) -> tuple[int, int] | None:
    """Return the span of the last occurrence of ``phrase`` in ``text``, any run of white space matching a space."""
    words = phrase.split()
    if text.isprintable() and "  " not in text:
        # Its only white space is single spaces: the phrase is a plain string (as a regex would find it,
        # occurrences do not overlap).
        literal = " ".join(words)
        found = None
        at = text.find(literal)
        while at >= 0:
            found = (at, at + len(literal))
            at = text.find(literal, found[1])
        return found
    pattern = re.compile(r"\s+".join(re.escape(word) for word in words))
    found = None
    for m in pattern.finditer(text):
        found = m.span()
    return found


def _shared_last_word(short: str, window: str) -> tuple[str, str]:
    """Return the short form and the words before it that it abbreviates, where both end in the same word.

    "hormone receptor positive (HR positive)" defines "HR", of "hormone receptor". Anything else is
    returned as it is.
    """
    words = short.split()
    if len(words) == 2 and _valid_short(words[0]) and window:
        head, _, last = window.rpartition(" ")
        if last.casefold() == words[1].casefold() and head.strip():
            return words[0], head.rstrip()
    return short, window


def find_abbreviations(text: str) -> list[Abbreviation]:
    """Return the abbreviations ``text`` defines, "long form (SF)" and "SF (long form)", in text order."""
    out: list[Abbreviation] = []
    if "=" in text:
        out.extend(_keys(text))
    if "(" not in text and "[" not in text:
        return out
    scanned = 0  # the end of the last parenthesis, itself a clause end: the text before it is read
    for m in _PAREN.finditer(text):
        group = 1 if m.group(1) is not None else 2
        inner = m.group(group)
        short = _SHORT_END.split(inner, maxsplit=1)[0].strip()
        start = m.start()
        clause_start = scanned
        for end in _CLAUSE_END.finditer(text, scanned, start):
            clause_start = end.end()
        scanned = m.end()
        before = text[clause_start:start]
        window = before.rstrip()
        short, window = _shared_last_word(short, window)
        if _valid_short(short) and window:
            long = _pair(short, window)
            if long is not None:
                s0 = m.start(group) + inner.index(short)
                # The long form was read with its white space folded; find it as written (line breaks).
                where = _last_spaced(long, before)
                if where is not None:
                    l0, l1 = clause_start + where[0], clause_start + where[1]
                    out.append(Abbreviation(short, long, s0, s0 + len(short), l0, l1))
                    continue
                continue
        # Reverse: "FDA (Food and Drug Administration)": the word before the parenthesis is the short form.
        if not window or len(short.split()) < 2:
            continue
        candidate = window.rsplit(None, 1)[-1].strip("\"'“”‘’")
        if not _valid_short(candidate) or not any(c.isupper() for c in candidate):
            continue
        long = _pair(candidate, short)
        if long is not None and long == short:
            s0 = clause_start + window.rindex(candidate)
            l0 = m.start(group) + inner.index(short)
            out.append(Abbreviation(candidate, long, s0, s0 + len(candidate), l0, l0 + len(long)))
    return sorted(out, key=lambda a: a.start) if "=" in text else out


def _keys(text: str) -> list[Abbreviation]:
    """Return the abbreviations a key defines ("SF = long form; ..."): the letters spell the whole long form."""
    out = []
    for m in _KEY.finditer(text):
        short = m.group(1)
        end = _KEY_END.search(text, m.end())
        long = text[m.end() : end.start() if end else len(text)].rstrip()
        if (
            _valid_short(short)
            and any(c.isupper() for c in short)
            and len(long.split()) <= min(len(short) + 5, len(short) * 2)
            and _pair(short, long) == long
        ):
            out.append(Abbreviation(short, long, m.start(1), m.end(1), m.end(), m.end() + len(long)))
    return out
