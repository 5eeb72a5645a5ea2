"""Sentence segmentation for readability counts: abbreviations, initials and decimals do not end sentences.

One regex finds the few places that could end a sentence (a terminal mark followed by white space, or a
CJK full stop); a short rule per candidate then decides from the token before the mark and the word after
it. Abbreviations are data, per language, in :mod:`simplify.text.abbrev`.
"""

from __future__ import annotations

import re

from simplify.text.abbrev import AbbrevTable, Kind, table_for

# Marks that open a quotation or an aside before the first word of a sentence.
_OPENERS = "\"'“‘„‚«‹([{¿¡"
# Marks that close a sentence's quotation or aside after its terminal mark: they belong to that sentence.
_CLOSERS = "\"'”’»›)]}」』）】〕》〉"
# Terminal marks that need white space after them; periods and ellipses get the abbreviation rules.
_TERMS = ".!?…؟۔।॥։።፧‼⁇⁈⁉‽"
# CJK terminal marks end sentences without white space after them.
_CJK_TERMS = "。！？｡"  # keep in step with the test in split_sentences
# Marks that may stand between a terminal mark and the next word ("¿Vienes? —preguntó él.").
_SKIP = _OPENERS + "—–*_-"
# A next "word" that starts with these continues the sentence (". . .", "etc.)", "3 p.m., ...").
_CONTINUATION = frozenset(",;:.…!?)]}%、，")


def _cls(chars: str) -> str:
    """Return a regex character class that matches any of ``chars``."""
    return "[" + "".join("\\" + c if c in "\\]^-[" else c for c in chars) + "]"


_NEXT_WORD = rf"(?=\s*+{_cls(_SKIP)}*+(?:(?P<word>[^\W_]\w*+)(?P<dot>\.?)|(?P<other>\S))?)"
# A run of terminal marks with its closing marks, followed by white space, and a look at the next word.
# The token before the mark is found in Python: cheaper than a regex that scans back.
# ("[.!?][.!?]*" rather than "[.!?]+": the engine scans fast for a leading class, not for a repeat.)
# A reference in brackets right after the mark is the sentence's too: "... survival.[Level of evidence: III] The".
_REFERENCES = rf"(?:\[[^\[\]\n]{{1,80}}\]{_cls(_CLOSERS)}*+)*+"
_CANDIDATE = re.compile(rf"(?P<term>{_cls(_TERMS)}{_cls(_TERMS)}*+){_cls(_CLOSERS)}*+{_REFERENCES}(?!\S){_NEXT_WORD}")
# The same with CJK marks, which need no white space after them; whether white space follows is then
# checked in Python. Used only for texts that hold a CJK mark: an alternation would make the regex
# engine give up its fast scan for the first character.
_ALL_TERMS = _cls(_TERMS + _CJK_TERMS)
_CANDIDATE_CJK = re.compile(rf"(?P<term>{_ALL_TERMS}{_ALL_TERMS}*+){_cls(_CLOSERS)}*+{_REFERENCES}{_NEXT_WORD}")
_LEAD = re.compile(rf"(?:\s|{_cls(_OPENERS)})*")
# List markers at the start of a sentence: "1.", "2.3.", "a.", "IV.".
_ENUMERATOR = re.compile(r"\d{1,3}(?:\.\d{1,3})*|[A-Za-z]|[IVXivx]{1,4}")
# Initials and dotted letters: "J.R.R", "U.S", "i.v", "b.i.d".
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
_PREV_WORD = re.compile(r"(\w+)\s+\Z")
_PREV_PART = re.compile(r"(?<!\S)(\S+)\.\s+\Z")
_HIRAGANA = re.compile(r"[\u3041-\u309f]")


def split_sentences(text: str, lang: str = "en") -> list[tuple[int, int]]:
    """Return the (start, end) character spans of the sentences of ``text``, stripped of white space."""
    table = table_for(lang)
    spans: list[tuple[int, int]] = []
    start = 0
    size = len(text)
    cjk = "。" in text or "！" in text or "？" in text or "｡" in text
    for m in (_CANDIDATE_CJK if cjk else _CANDIDATE).finditer(text):
        end = m.end()
        # Inside a token ("18.4", "U.S.", "www.cancer.gov") a mark ends nothing; CJK marks need no space.
        if cjk and end < size and not text[end].isspace() and m.group("term")[-1] not in _CJK_TERMS:
            continue
        if _ends_sentence(text, m, start, table):
            _add(spans, text, start, end)
            start = end
    _add(spans, text, start, size)
    return spans


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    """Append the span of ``text[start:end]`` without its surrounding white space, unless it is blank."""
    segment = text[start:end]
    stripped = segment.strip()
    if stripped:
        first = start + len(segment) - len(segment.lstrip())
        spans.append((first, first + len(stripped)))


def _token_before(text: str, pos: int) -> tuple[str, int]:
    """Return the white-space-delimited token that ends at ``pos``, and its start."""
    start = max(text.rfind(" ", 0, pos), text.rfind("\n", 0, pos)) + 1
    tok = text[start:pos]
    if not tok.isprintable():  # a tab, a no-break space or another rarer separator inside
        tail = tok.rsplit(None, 1)[-1] if tok and not tok[-1].isspace() else ""
        start, tok = pos - len(tail), tail
    return tok, start


def _ends_sentence(text: str, m: re.Match[str], seg_start: int, table: AbbrevTable) -> bool:
    """Return whether the candidate ``m`` ends the sentence that began at ``seg_start``."""
    term, word, dot, other = m.group("term", "word", "dot", "other")
    if word is None:
        # Nothing after it (the sentence ends anyway) or punctuation that carries the sentence on.
        if other is None or other in _CONTINUATION:
            return False
        word = ""
    if term[-1] in _CJK_TERMS:
        # Japanese quotes a full sentence and goes on with a particle: 「はい。」と答えた。
        return not (m.end() > m.end("term") and _HIRAGANA.match(word) is not None)
    # Lower case goes on ("“Is it?” she asked", "e.g. the"); "mRNA" may still start a sentence.
    if word and word[0].islower() and word.islower():
        return False
    digit = word[:1].isdigit()
    if term.strip(".…"):
        return True  # "!", "?", "?!" and the full stops of scripts without case or abbreviations
    tok, tok_start = _token_before(text, m.start())
    if term != ".":
        # An ellipsis: "I wonder... Then" ends; "the ... FDA" (a gap in a quotation) needs an opener.
        if digit:
            return False
        return word in table.starters if tok == "" else True
    key = tok.lstrip(_OPENERS)
    kind = _kind(text, key, tok_start, seg_start, table)
    if kind is Kind.NEVER_ENDS or (key, word) in table.pairs:
        return False
    if digit:
        # "No. 5", "Jan. 5", "et al. (2019)" go on; "in 2015. 53 patients" ends, a list "1. 5 mg" not.
        return kind is None and not _enumerator(text, key, tok_start, seg_start)
    if kind is Kind.MAY_END:
        return True
    if _enumerator(text, key, tok_start, seg_start):
        return False
    if kind is Kind.AMBIGUOUS:
        # "in the U.S. The next" ends; "U.S. Food", "Robert A. Kyle", "J. A. Smith" go on.
        return word in table.starters and not (dot and len(word) == 1)
    return True


def _kind(text: str, key: str, tok_start: int, seg_start: int, table: AbbrevTable) -> Kind | None:
    """Return how the token ``key`` before a period behaves, from the table or from its shape."""
    if not key:
        return None
    if key in table.last_parts:
        prev = _PREV_PART.search(text, max(seg_start, tok_start - 16), tok_start)
        if prev is not None:
            kind = table.kind(prev.group(1).lstrip(_OPENERS) + ". " + key)
            if kind is not None:
                return kind
    kind = table.kind(key)
    if kind is not None:
        return kind
    if len(key) == 1 and key.isupper():
        # "vitamin D." and "stage I." are labels, not initials of a name.
        prev = _PREV_WORD.search(text, max(seg_start, tok_start - 40), tok_start)
        if prev is not None and prev.group(1).lower() in table.label_words:
            return None
        return Kind.AMBIGUOUS
    if "." in key and _DOTTED.fullmatch(key):
        return Kind.AMBIGUOUS
    if table.ordinal_period and key.isdigit() and len(key) <= 2:
        return Kind.AMBIGUOUS
    return None


def _enumerator(text: str, key: str, tok_start: int, seg_start: int) -> bool:
    """Return whether ``key`` is a list marker ("1.", "a.", "IV.") opening the current sentence."""
    # Cheap shape test first: markers are short or start with a digit.
    if not (len(key) <= 4 or key[:1].isdigit()) or _ENUMERATOR.fullmatch(key) is None:
        return False
    lead = _LEAD.match(text, seg_start, tok_start)
    return lead is not None and lead.end() == tok_start
