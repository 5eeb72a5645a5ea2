"""Parse an article's markdown again after changes inside its lines, reusing the blocks that did not change.

A handout parses its article, then the article with its definitions written in (simplify.expand): the
same lines, a few of them longer. Most of its blocks are the same, and markdown's block structure is
read from the start of each line (markers, indents, blank lines), which a definition put in after a word
does not touch. So the blocks of the first parse whose lines did not change are kept, and only the
changed ones are parsed again, each on its own.

The result is the tokens a parse of the whole new text gives. Whatever could make it differ falls back
to that whole parse: another count of lines, a changed line outside every top-level block (a blank
line, a reference definition), a changed count of "|" in a line (table cells), reference definitions
anywhere (their labels are the whole text's), or a changed block that parses to another shape than it
had. tests/test_reparse.py holds the two equal over every real page's handout and over crafted edits.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

# A handout re-parses the article it was just given, so the last few parses are enough to keep.
KEEP = 2


@dataclass
class Parsed:
    """The block tokens of one parse, the lines of the markdown they came from, and what was read of them.

    ``reads`` is the article parser's (simplify.articles): the text it read from each inline markdown
    of the page, by its line. A re-parse that keeps the blocks keeps these, and reads only new ones.
    """

    lines: list[str]
    tokens: list[Token]
    env: dict[str, Any]
    reads: dict[Any, Any] = field(default_factory=dict)


# Parses kept for a re-parse, by the article text they are of. A re-parse takes its entry out: it
# changes the tokens (simplify.handout.body fills in their inline children), and nothing else holds them.
_kept: OrderedDict[str, Parsed] = OrderedDict()


def keep(text: str, parsed: Parsed) -> None:
    """Keep ``parsed`` (the parse of article ``text``, whose tokens no one else holds) for a re-parse."""
    _kept[text] = parsed
    _kept.move_to_end(text)
    while len(_kept) > KEEP:
        _kept.popitem(last=False)


def take(text: str) -> Parsed | None:
    """Return the kept parse of article ``text`` and forget it, or None."""
    return _kept.pop(text, None)


def parse(md: MarkdownIt, markdown: str, before: Parsed | None = None) -> Parsed:
    """Return ``md``'s parse of ``markdown``, reusing the blocks of ``before`` (its parse before an edit) it can."""
    lines = markdown.split("\n")
    if before is not None:
        tokens = _reused(md, lines, before)
        if tokens is not None:
            return Parsed(lines, tokens, before.env, before.reads)
    env: dict[str, Any] = {}
    return Parsed(lines, md.parse(markdown, env), env)


def _reused(md: MarkdownIt, lines: list[str], before: Parsed) -> list[Token] | None:
    """Return the block tokens of ``lines`` built from ``before``'s, or None where only a whole parse is sure."""
    old = before.lines
    if len(lines) != len(old) or before.env.get("references"):
        return None
    changed = [k for k, (line, was) in enumerate(zip(lines, old, strict=True)) if line != was]
    if any(lines[k].count("|") != old[k].count("|") for k in changed):
        return None
    out: list[Token] = []
    covered = 0  # changed lines inside a top-level block
    for first, end, group in _top_level(before.tokens):
        if first < 0:
            return None  # a block without a line map: nothing to tell its lines by
        inside = sum(1 for k in changed if first <= k < end)
        if not inside:
            out.extend(group)
            continue
        # Each line ends in "\n", so that a last blank line counts (a list's map takes in those after it).
        again = md.parse("".join(f"{line}\n" for line in lines[first:end]), before.env)
        for tok in again:
            if tok.map is not None:
                tok.map = [tok.map[0] + first, tok.map[1] + first]
        if not _same_shape(again, group):
            return None
        out.extend(again)
        covered += inside
    return out if covered == len(changed) else None


def _top_level(tokens: Sequence[Token]) -> Iterator[tuple[int, int, list[Token]]]:
    """Yield each top-level block's first line, the line after it (-1, -1 without a map) and its tokens."""
    start = 0
    depth = 0
    for k, tok in enumerate(tokens):
        depth += tok.nesting
        if depth == 0:
            opener = tokens[start]
            group = list(tokens[start : k + 1])
            yield (opener.map[0], opener.map[1], group) if opener.map else (-1, -1, group)
            start = k + 1


def _same_shape(new: Sequence[Token], old: Sequence[Token]) -> bool:
    """Return True if two runs of block tokens differ at most in their text (an inline's, a fence's)."""
    return len(new) == len(old) and all(_shape(a) == _shape(b) for a, b in zip(new, old, strict=True))


def _shape(tok: Token) -> tuple[Any, ...]:
    # ``hidden`` is a tight list's paragraphs; ``attrs`` an ordered list's start, a cell's alignment.
    return (tok.type, tok.tag, tok.nesting, tok.level, tok.map, tok.markup, tok.info, tok.hidden, tok.attrs)
