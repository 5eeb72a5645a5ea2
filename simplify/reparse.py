"""Parse an article's markdown again after changes inside its lines, reusing the blocks that did not change.

A handout parses its article, then the article with its definitions written in (simplify.expand): the
same lines, a few of them longer. Most of its blocks are the same, so the blocks of the first parse
whose lines did not change are kept, and only the changed ones are parsed again, each with the blocks
on either side of it: those show whether it still begins and ends where it did.

The result is the tokens a parse of the whole new text gives. Whatever could make it differ falls back
to that whole parse: another count of lines, a changed line outside every top-level block (a blank
line, a reference definition), a changed count of "|" in a line (table cells), reference definitions
anywhere (their labels are the whole text's), or a run of blocks parsed again that has another shape
than it had. tests/test_reparse.py holds the two equal over every real page's handout, over edits a
review found that move a block's start or end, and over random edits of random documents.
"""

from __future__ import annotations

import bisect
import threading
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
# A Dask worker may run articles in threads: the lock keeps the two steps of keeping one.
_kept: OrderedDict[str, Parsed] = OrderedDict()
_lock = threading.Lock()


def keep(text: str, parsed: Parsed) -> None:
    """Keep ``parsed`` (the parse of article ``text``, whose tokens no one else holds) for a re-parse."""
    with _lock:
        _kept[text] = parsed
        _kept.move_to_end(text)
        while len(_kept) > KEEP:
            _kept.popitem(last=False)


def take(text: str) -> Parsed | None:
    """Return the kept parse of article ``text`` and forget it, or None."""
    with _lock:
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
    blocks = list(_top_level(before.tokens))
    if any(first < 0 for first, _, _ in blocks):
        return None  # a block without a line map: nothing to tell its lines by
    starts = [first for first, _, _ in blocks]
    hit: set[int] = set()
    for k in changed:
        at = bisect.bisect_right(starts, k) - 1
        if at < 0 or k >= blocks[at][1]:
            return None  # a blank line or a reference definition changed: blocks may begin or end elsewhere
        hit.add(at)
    out: list[Token] = []
    done = 0
    for low, high in _spans(sorted(hit), len(blocks)):
        for _, _, tokens in blocks[done:low]:
            out.extend(tokens)
        first, end = blocks[low][0], blocks[high][1]
        # As in the whole text: a line break after the last line unless it is the text's own last.
        again = md.parse("\n".join(lines[first:end]) + ("\n" if end < len(lines) else ""), before.env)
        for tok in again:
            if tok.map is not None:
                tok.map = [tok.map[0] + first, tok.map[1] + first]
        if not _same_shape(again, [tok for _, _, tokens in blocks[low : high + 1] for tok in tokens]):
            return None
        out.extend(again)
        done = high + 1
    for _, _, tokens in blocks[done:]:
        out.extend(tokens)
    # A changed line may be a reference definition now (one a references section had blanked): its label is
    # the whole text's, and what was read of the unchanged blocks' links was read without it.
    return None if before.env.get("references") else out


def _spans(hit: Sequence[int], count: int) -> Iterator[tuple[int, int]]:
    """Yield the runs of blocks to parse again: each changed block and its neighbours; runs that meet are one.

    A block's neighbours show whether it still begins and ends where it did: a changed line that can no
    longer break into the block before it ("<div>" made "<dov>" after a paragraph) joins that block, and one
    that breaks its block's end (a fence's closing line, an HTML block's closing tag, a list item's indent)
    takes in the block after it. Either way the run has another shape, and the whole text is parsed.
    """
    low = high = -1
    for k in hit:
        a, b = max(k - 1, 0), min(k + 1, count - 1)
        if low >= 0 and a <= high + 1:
            high = max(high, b)
            continue
        if low >= 0:
            yield low, high
        low, high = a, b
    if low >= 0:
        yield low, high


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
