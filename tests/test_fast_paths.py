"""Fast paths give exactly what the general code they stand in for gives."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from conftest import need_shared
from hypothesis import given, settings
from hypothesis import strategies as st

from simplify.articles import _markdown, _plain_inline
from simplify.glossary.index import _Store
from simplify.jargon.abbreviations import Abbreviation, _pair, _valid_short, find_abbreviations


def _inline_text(content: str) -> str:
    """Return the text markdown-it's own inline rules give ``content`` (line breaks as "\\n")."""
    md = _markdown.__wrapped__()  # a parser of our settings, but markdown-it's own stops for text
    from markdown_it.parser_inline import ParserInline

    md.inline.terminator_re = ParserInline().terminator_re
    children: list[Any] = []
    md.inline.parse(content, md, {}, children)
    return "".join("\n" if c.type in ("softbreak", "hardbreak") else c.content for c in children)


@settings(max_examples=300)
@given(st.text(alphabet="ab -:=#+%$@^{}~\t\n.()\"'é", max_size=30))
def test_plain_inline_is_what_markdown_it_gives(content: str) -> None:
    assert _plain_inline(content) == _inline_text(content)


@settings(max_examples=300)
@given(st.text(alphabet="ab -:=#+%$@^{}~\t\n.()\"'é*_[]!<&`\\/", max_size=40))
def test_fewer_text_stops_give_the_same_tokens(content: str) -> None:
    md = _markdown()
    ours: list[Any] = []
    md.inline.parse(content, md, {}, ours)
    reference = _markdown.__wrapped__()
    from markdown_it.parser_inline import ParserInline

    reference.inline.terminator_re = ParserInline().terminator_re
    theirs: list[Any] = []
    reference.inline.parse(content, reference, {}, theirs)
    assert [(t.type, t.content, t.attrs, t.markup) for t in ours] == [
        (t.type, t.content, t.attrs, t.markup) for t in theirs
    ]


_CLAUSE_END = re.compile(r"[.;:!?](?:\s|$)|[)\]]")
_LAST_WORD = re.compile(r"(\S+)\s*$")


def _reference_abbreviations(text: str) -> list[Abbreviation]:
    """Schwartz-Hearst as first written: every clause end found again before each parenthesis."""
    out: list[Abbreviation] = []
    for m in re.finditer(r"\(([^()]*)\)", text):
        inner = m.group(1)
        short = re.split(r"[;,]\s", inner, maxsplit=1)[0].strip()
        before = text[: m.start()]
        clause_start = max((e.end() for e in _CLAUSE_END.finditer(before)), default=0)
        window = before[clause_start:].rstrip()
        if _valid_short(short) and window:
            long = _pair(short, window)
            if long is not None:
                s0 = m.start(1) + inner.index(short)
                pattern = re.compile(r"\s+".join(re.escape(word) for word in long.split()))
                spans = [f.span() for f in pattern.finditer(before[clause_start:])]
                if spans:
                    l0, l1 = clause_start + spans[-1][0], clause_start + spans[-1][1]
                    out.append(Abbreviation(short, long, s0, s0 + len(short), l0, l1))
                continue
        last = _LAST_WORD.search(window)
        if last is None or len(short.split()) < 2:
            continue
        candidate = last.group(1).strip("\"'“”‘’")
        if not _valid_short(candidate) or not any(c.isupper() for c in candidate):
            continue
        long = _pair(candidate, short)
        if long is not None and long == short:
            s0 = clause_start + window.rindex(candidate)
            l0 = m.start(1) + inner.index(short)
            out.append(Abbreviation(candidate, long, s0, s0 + len(candidate), l0, l0 + len(long)))
    return out


_WORDS = st.sampled_from(
    ["computed", "tomography", "Food", "and", "Drug", "Administration", "the", "CT", "FDA", "a", "cell", "x-ray"]
)
_GLUE = st.sampled_from([" ", " ", " ", "  ", "\n", "\t", "\xa0", ". ", "; ", ", ", " (", ") ", "] ", ": "])


@settings(max_examples=400)
@given(st.lists(st.tuples(_WORDS, _GLUE), max_size=25))
def test_abbreviations_as_first_written(pieces: list[tuple[str, str]]) -> None:
    text = "".join(word + glue for word, glue in pieces)
    assert find_abbreviations(text) == _reference_abbreviations(text)


def test_abbreviations_both_ways_and_over_line_breaks() -> None:
    text = "Computed\ntomography (CT) and FDA (Food and Drug Administration); the (CT) scan (long form)."
    assert find_abbreviations(text) == _reference_abbreviations(text)
    assert [(a.short, a.long) for a in find_abbreviations(text)] == [
        ("CT", "Computed tomography"),
        ("FDA", "Food and Drug Administration"),
    ]


def test_a_forked_worker_opens_its_own_glossary_connection(tmp_path: Path) -> None:
    from simplify.glossary.index import INDEX_FILE, import_path

    xml = need_shared("glossary", "nci-glossary-xml-2016")
    first = sorted(xml.glob("CDR*.xml"))[0]
    import_path(first, cache_dir=tmp_path)
    store = _Store(tmp_path / INDEX_FILE)
    term_id = next(iter(store.ids))
    parent = store.db
    assert store.db is parent
    store._pid = -1  # as a worker forked from a batch sees it
    assert store.db is not parent and store.get(term_id) is not None
    store.close()
