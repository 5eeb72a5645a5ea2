"""A handout's second parse (the article with its definitions in) reuses the first's blocks and equals a whole parse."""

from __future__ import annotations

import contextlib
import random
from pathlib import Path
from typing import Any

import pytest

from simplify import articles, reparse
from simplify.config import Settings
from simplify.errors import ArticleError

# One of each block the reuse must get right: nested and tight/loose lists, a quote holding a list, tables
# with aligned columns, a setext heading, an indented and a fenced code block, raw HTML, a paragraph a
# list interrupts, an ordered list that starts at 3.
DOCUMENT = """\
# Widgetoma treatment

Widgetoma is a rare tumor of the widget gland.
It grows slowly and a second line goes on.

- Surgery removes the tumor.
- Radiation therapy uses beams.
  - Nested chemotherapy line.

- A loose item after a blank line.

3. Third step first.
4. Fourth step.

> A quote with text.
> - a listed dose of 40 mg

| Drug | Dose |
|:-----|-----:|
| Widgetmab | 240 mg |
| Gizmostat | 13% |

Setext heading here
-------------------

    indented code line

```
fenced code line
```

<div>raw html block</div>

A paragraph a list breaks into
- right here without a blank line

## Last section

Closing words of the page.
"""


def _edited(text: str, rng: random.Random, inserts: int) -> str:
    """Return ``text`` with words put in after letters inside its lines, as a definition goes in after a term."""
    palette = [" (tumor: a lump)", " (a | b)", " *x*", " `code`", " <b>", " [y](/z)", " - z", " 1.", " ## h", " ---"]
    lines = text.split("\n")
    for _ in range(inserts):
        row = rng.randrange(len(lines))
        spots = [k + 1 for k, c in enumerate(lines[row]) if c.isalpha() and k > 0]
        if spots:
            at = rng.choice(spots)
            lines[row] = lines[row][:at] + rng.choice(palette) + lines[row][at:]
    return "\n".join(lines)


def _both(text: str, edit: str) -> tuple[tuple[Any, list[Any]], tuple[Any, list[Any]], bool]:
    """Return (article, tokens) of ``edit`` parsed as an edit of ``text``, and as a whole; and if it reused."""
    reused: list[bool] = []
    real = reparse._reused

    def spy(*args: Any) -> Any:
        out = real(*args)
        reused.append(out is not None)
        return out

    articles.parse(text, path="w.md", lang="en")
    reparse._reused = spy
    try:
        article, blocks = articles.parse_with_blocks(edit, path="w.md", lang="en", edit_of=text)
    finally:
        reparse._reused = real
    whole, whole_blocks = articles.parse_with_blocks(edit, path="w.md", lang="en")
    return (
        (article, blocks.tokens),
        (whole, whole_blocks.tokens),
        reused == [True],
    )


def test_an_edit_inside_lines_reuses_the_unchanged_blocks() -> None:
    edit = DOCUMENT.replace("rare tumor", "rare tumor (tumor: a lump)").replace("Widgetmab |", "Widgetmab (a drug) |")
    again, whole, reused = _both(DOCUMENT, edit)
    assert reused
    assert again == whole


def test_the_first_parse_is_taken_once() -> None:
    """A second edit of the same article parses it whole: the first took the kept tokens (it changes them)."""
    articles.parse(DOCUMENT, path="w.md")
    assert reparse.take(DOCUMENT) is not None
    assert reparse.take(DOCUMENT) is None


@pytest.mark.parametrize(
    ("edit", "why"),
    [
        (DOCUMENT.replace("| Gizmostat | 13% |", "| Gizmostat (a | b) | 13% |"), "a '|' more in a table row"),
        (DOCUMENT.replace("slowly and", "slowly\nand"), "a line more"),
        (DOCUMENT.replace("\n\n- Surgery", "\nx\n- Surgery"), "a blank line gets text"),
        (DOCUMENT.replace("Setext heading here", "Setext heading here\n- a list ends it"), "a line more"),
        (DOCUMENT.replace("It grows slowly", "- It grows slowly"), "a line's start makes another block"),
        (DOCUMENT.replace("    indented code line", "  not code any more"), "a line's indent changes"),
    ],
)
def test_an_edit_that_may_change_the_blocks_parses_them_whole(edit: str, why: str) -> None:
    again, whole, reused = _both(DOCUMENT, edit)
    assert not reused, why
    assert again == whole


def test_reference_definitions_have_the_whole_text_parsed() -> None:
    text = DOCUMENT + "\nSee [the widget page][w].\n\n[w]: https://example.org/widget\n"
    again, whole, reused = _both(text, text.replace("rare tumor", "rare tumor (tumor: a lump)"))
    assert not reused
    assert again == whole


# Edits that move where a block begins or ends, from a review that hunted for them: the changed block is
# parsed with its neighbours, and each of these then falls back to the whole parse.
MOVED = [
    ("<pre>\nx\n</pre>\n\nA tumor grows.\n", "<pre>\nx\n</pre (tumor: a lump)>\n\nA tumor grows.\n"),  # end tag broken
    ("<pre>\nx\n</pre>\n\nA tumor grows.\n", "<p (tumor: a lump)re>\nx\n</pre>\n\nA tumor grows.\n"),  # kind of HTML
    ("```\ncode\n```\n\npara\n", "```\ncode\n``` x\n\npara\n"),  # a fence left open
    ("<!-- c -->\ntext\n", "<!-- c - ->\ntext\n"),
    ("para\n<div>\n", "para\n<dov>\n"),  # HTML that cannot break into a paragraph
    ("| a |\n|---|\n| b |\n<div>\n", "| a |\n|---|\n| b |\n<dov>\n"),  # ... and is a table's row
    ("-  a\n\n  b\n", "- a\n\n  b\n"),  # a list item's indent
    ("- # i\nTerm\n", "- # i\n  Term\n"),  # a line that joins the list above it
    ("Text.\n\n```\nA tumor grows", "Text.\n\n```\nA tumor (tumor: a lump) grows"),  # no line break at the end
    ("Text.\n\n<div>\nA tumor grows", "Text.\n\n<div>\nA tumor (tumor: a lump) grows"),
    # A references section no more: its reference definition counts, and the links above it read otherwise.
    ("See [x] here.\n\n- a\n  ## References\n  [x]: /u\n", "See [x] here.\n\n- a\n  ## References (r: s)\n  [x]: /u\n"),
    ("See [x].\n\n> # h\n>\n> text\n", "See [x].\n\n> # h\n> [x]: /u\n> text\n"),
]


@pytest.mark.parametrize(("text", "edit"), MOVED)
def test_an_edit_that_moves_a_blocks_start_or_end_gives_the_whole_parse(text: str, edit: str) -> None:
    again, whole, _ = _both(text, edit)
    assert again == whole


# Blocks of every kind markdown has, for random documents (written for this test).
BLOCKS = [
    *("A tumor grows slowly.", "Line one\nand line two", "# Heading", "## References", "Setext\n---", "Setext\n==="),
    *("- one\n- two", "- one\n\n- two", "3. three\n4. four", "- outer\n  - inner", "- item\nlazy line"),
    *("> quoted\n> more", "> quoted\nlazy", "> - item\n> - two", "| a | b |\n|:--|--:|\n| c | d |"),
    *("    code", "```\nfenced\n```", "~~~\ntilde\n~~~", "<div>\nhtml\n</div>", "<!-- note\nstill -->"),
    *("<pre>\npre\n</pre>", "<script>\nvar x;\n</script>", "***", "Hard break  \nnext", "Para\n<div>"),
    *("Para\n- a list breaks in", "-  spaced item\n\n  inside?", "> quote\n>\n> # h", "See [x] and *stress*."),
]
# What an edit puts in: a definition, markdown's signs, and whitespace at a line's start.
PUT_IN = [" (tumor: a lump)", " (a | b)", " *x*", " `c`", " <b>", " -->", " ```", " </pre>", ">", "\\", "[x]: /u"]


def _document(rng: random.Random) -> str:
    text = rng.choice(BLOCKS)
    for _ in range(rng.randrange(5)):
        text += rng.choice(["\n\n", "\n"]) + rng.choice(BLOCKS)
    return text + ("\n" if rng.random() < 0.8 else "")


def _any_edit(text: str, rng: random.Random) -> str:
    lines = text.split("\n")
    row = rng.randrange(len(lines))
    line, how = lines[row], rng.random()
    if how < 0.5:
        at = rng.randint(0, len(line))
        lines[row] = line[:at] + rng.choice(PUT_IN) + line[at:]
    elif how < 0.7 and line:
        at = rng.randrange(len(line))
        lines[row] = line[:at] + line[at + 1 :]
    else:
        lines[row] = rng.choice(["", " ", "  ", "    "]) + line.lstrip(" ")
    return "\n".join(lines)


def test_random_edits_of_random_documents_give_the_whole_parse() -> None:
    rng = random.Random(7)
    reused = 0
    for _ in range(600):
        text = _document(rng)
        edit = _any_edit(text, rng)
        again, whole, did = _both(text, edit)
        assert again == whole, (text, edit)
        reused += did
    assert reused > 150


def test_any_edit_after_a_letter_gives_the_whole_parse() -> None:
    """Edits with markdown's own signs in them ("|", "*", "`", "<", "-", "#") are found out or harmless."""
    rng = random.Random(20261207)
    reused = 0
    for case in range(300):
        edit = _edited(DOCUMENT, rng, 1 + case % 4)
        again, whole, did = _both(DOCUMENT, edit)
        assert again == whole, edit
        reused += did
    assert reused > 150  # most edits are inside a block and keep its shape


def test_a_handout_reuses_the_articles_blocks_over_the_real_pages(corpus: list[Path], monkeypatch: Any) -> None:
    """Every page's handout parses its expanded body from the article's blocks, and gets a whole parse's tokens."""
    from simplify.handout import Handouts

    maker = Handouts(Settings())
    real_parse, real_reused = articles.parse_with_blocks, reparse._reused
    checked: list[bool] = []
    reused: list[bool] = []

    def spy_reused(*args: Any) -> Any:
        out = real_reused(*args)
        reused.append(out is not None)
        return out

    def spy_parse(text: str, **kw: Any) -> Any:
        got = real_parse(text, **kw)
        whole = real_parse(text, path=kw["path"], lang=kw["lang"])
        checked.append(got[0] == whole[0] and got[1].tokens == whole[1].tokens)
        return got

    monkeypatch.setattr(articles, "parse_with_blocks", spy_parse)
    monkeypatch.setattr(reparse, "_reused", spy_reused)
    for path in corpus:
        # A page with nothing to read but its title makes no handout, but its second parse is checked.
        with contextlib.suppress(ArticleError):
            maker.gather(articles.parse(path.read_text(encoding="utf-8"), path=str(path)))
    assert len(checked) == len(corpus)
    assert all(checked), [str(p) for p, ok in zip(corpus, checked, strict=True) if not ok][:5]
    assert sum(reused) == len(corpus)
