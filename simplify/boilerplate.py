"""Recognise cancer.gov page furniture so that scores and handouts leave it out.

The rules are data: headings whose whole section is furniture or a reference list, and
short paragraphs or link texts that only exist because the page was scraped from a site.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from simplify.model import Role

# Sections (and all their subsections) that are about the summary, not about cancer: its editorial
# matters, and the changelog PDQ summaries keep for their editors ("Latest Updates to This Summary
# (01/06/2025)": what changed where, who maintains it). Neither is read to a patient nor scored.
BOILERPLATE_SECTIONS = frozenset(
    {
        "about this pdq summary",
        "sobre este resumen del pdq",
        "acerca de este resumen del pdq",
        "latest updates to this summary",
        "changes to this summary",
        "actualizaciones más recientes a este resumen",
        "cambios en este resumen",
        "cambios a este resumen",
    }
)
_DATED = re.compile(r"\(\d{1,2}/\d{1,2}/\d{4}\)$")  # a changelog heading ends with its date
REFERENCE_SECTIONS = frozenset({"references", "referencias", "bibliography", "bibliografía"})

# Whole paragraphs that are scraping artefacts or navigation, matched case-insensitively.
_PARAGRAPHS = re.compile(
    r"""^(?:
        placeholder\ slot
      | enlarge(?:\ image)?
      | ampliar
      | you\ need\ to\ enable\ javascript\b.*
      | go\ to\ (?:patient|health\ professional)\ version
      | ir\ a\ la\ versi[oó]n\ para\ (?:pacientes|profesionales\ de\ salud)
      # A drug page's account of itself, the web page with its links ("... and a collection of links to more
      # information about the use of this drug ..."): a handout holds neither.
      | this\ page\ contains\ brief\ information\ about\ .{1,300}?\ and\ a\ collection\ of\ links\ to\ .{1,300}
      | esta\ p[aá]gina\ contiene\ informaci[oó]n\ breve\ sobre\ .{1,300}?\ enlaces\ .{1,300}
    )\.?$""",
    re.IGNORECASE | re.VERBOSE,
)
_LINK_TEXTS = frozenset({"enlarge", "enlarge image", "ampliar"})


def section_role(heading: str) -> Role:
    """Return the role of a section from its heading (in bold or not, a colon after it or not)."""
    key = _DATED.sub("", " ".join(_MARKUP.sub("", heading).casefold().split())).rstrip(" :.")
    if key in BOILERPLATE_SECTIONS:
        return Role.BOILERPLATE
    if key in REFERENCE_SECTIONS:
        return Role.REFERENCES
    return Role.CONTENT


_MARKUP = re.compile(r"[*_`]")
# An image's credit line: "Credit: iStock", "Credit: © 2011 Michael Bonert, Wikimedia Commons, License ...".
# A line that says more ("Credit: 27% of patients improved.") is the page's text.
_CREDIT = re.compile(r"credit:\s+[^%;\n]{1,80}(?<!\.)", re.IGNORECASE)
_CREDIT_WORDS = 12


def is_boilerplate(text: str) -> bool:
    """Return True if a whole block of text is page furniture."""
    text = " ".join(text.split())
    if _CREDIT.fullmatch(text):
        return len(text.split()) <= _CREDIT_WORDS + 1
    return bool(_PARAGRAPHS.match(text))


def is_boilerplate_link(text: str) -> bool:
    """Return True if a link's text marks it as page furniture ("Enlarge" above an image)."""
    return text.strip().rstrip(".").casefold() in _LINK_TEXTS


# A cancer.gov card is one link around an image, a title and a line of text; scraped, it has blank
# lines inside, which end a link in markdown, so "[" and "text.](/types/x)" would show as text. Its "["
# opens a line (or a list item) and is left open there ...
_CARD_OPEN = re.compile(r"^(\s*(?:[-*+]\s+)?)\[(.*)$")
# ... and its "](address)" ends a later line that opens no bracket of its own.
# (Nothing in it crosses a line end: _CARD_CLOSE_ANYWHERE scans a whole page, and a class that took in
# line ends would rescan from every line to the next bracket.)
_CARD_CLOSE_LINE = r"([^\[\]\n]*)\]\((\S+(?:[^\S\n]+\"[^\"\n]*\")?)\)[^\S\n]*"
_CARD_CLOSE = re.compile(f"^{_CARD_CLOSE_LINE}$")
# After a line break (a card's close is never its first line): a pattern that starts with a literal is
# searched for in C, twice as fast as one that tries "^" at every character.
_CARD_CLOSE_ANYWHERE = re.compile(rf"\n{_CARD_CLOSE_LINE}(?![^\n])")
_IMAGE = re.compile(r"!\[[^\[\]]*\]\([^()]*\)")
_EMPTY_HEADING = re.compile(r" {0,3}#{1,6}[ \t]*(?![^\n])")  # "##" alone on its line
# The same after a line break: a search for a pattern that starts with a literal skips ahead in C, five times
# faster than trying "^" at every character.
_EMPTY_HEADING_ANYWHERE = re.compile(r"\n" + _EMPTY_HEADING.pattern)
# A line that opens another block than a paragraph: a list item, a quote, a heading, a table row, a fence,
# an indented code line, an image or raw HTML.
_NOT_A_TITLE = re.compile(r"(?:[-*+>#|`~<!]|\d+[.)](?:\s|$))")
_CARD_LINES = 6  # image, blank, title, blank, text: a card is no longer than this


def mended(text: str) -> str:
    """Return markdown with the scraping's damage mended: cards (:func:`mended_cards`), headings whose
    title fell to the next line (:func:`mended_headings`), a field whose value did (:func:`mended_fields`)
    numbered questions run into the paragraph before them (:func:`mended_questions`) and bold that a
    letter follows (:func:`mended_bold`). Line numbers still hold."""
    return mended_bold(mended_questions(mended_fields(mended_headings(mended_cards(text)))))


# Bold that ends with a stop and runs into the next word: "**Fatigue after surgery.**Fatigue is common".
_BOLD_RUN_ON = re.compile(r"(?<![^\s(])(\*\*(?=\S)[^*\n]*?[.:;!?,)])\*\*(?=[^\W\d_])")
_RUNS_ON = re.compile(r"\*\*(?<=[.:;!?,)]\*\*)(?=[^\W\d_])")  # its end alone, which a page scan looks for


def mended_bold(text: str) -> str:
    """Return markdown with a space after bold that ends with a stop and runs into a letter.

    "**Fatigue after surgery.**Fatigue": CommonMark closes no bold whose last sign is a stop and whose
    next one a letter, so the reader would see the asterisks and "surgery.Fatigue" would be one word.
    The page means a label in bold, then its text.
    """
    if not _RUNS_ON.search(text):  # one scan for the stop, "**" and letter, without the rest of the pattern
        return text
    lines = text.split("\n")
    code = fenced(lines)
    return "\n".join(line if number in code else _BOLD_RUN_ON.sub(r"\1** ", line) for number, line in enumerate(lines))


# A numbered question in bold alone on its line: a heading of a page of questions and answers.
_QUESTION_LINE = re.compile(r"^ {0,3}(\d{1,2}\.)[ \t]+\*\*([^*\n]+\?)\*\*[ \t]*$")
# ... or on two lines, as a page wrapped it: "5. **Have any studies been done using", "widgets?**".
_QUESTION_OPENS = re.compile(r"^ {0,3}(\d{1,2}\.)[ \t]+\*\*([^*\n]+)$")
_QUESTION_ENDS = re.compile(r"^[ \t]*([^*\n]+\?)\*\*[ \t]*$")
_ATX_LEVEL = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]|$)")


def mended_questions(text: str) -> str:
    """Return markdown with each numbered question in bold ("2. **How is it taken?**") made a heading.

    A page of questions and answers, scraped, lost the blank lines around them (63 of the corpus's 71
    such lines, in 6 pages, follow a line of text): a list item that starts at 2 cannot interrupt a
    paragraph, so the question ran into the answer before it. A heading can; it goes one level under
    the section's.
    """
    if "?**" not in text:
        return text
    lines = text.split("\n")
    level = 1
    code = fenced(lines)
    for number, line in enumerate(lines):
        if number in code:
            continue
        if (heading := _ATX_LEVEL.match(line)) is not None:
            level = len(heading.group(1))
        elif (question := _QUESTION_LINE.match(line)) is not None:
            lines[number] = f"{'#' * min(level + 1, 6)} {question.group(1)} {question.group(2)}"
        elif (
            (opens := _QUESTION_OPENS.match(line)) is not None
            and number + 1 < len(lines)
            and number + 1 not in code
            and (ends := _QUESTION_ENDS.match(lines[number + 1])) is not None
        ):
            said = f"{opens.group(2).strip()} {ends.group(1).strip()}"
            lines[number], lines[number + 1] = f"{'#' * min(level + 1, 6)} {opens.group(1)} {said}", ""
    return "\n".join(lines)


def fenced(lines: Sequence[str]) -> set[int]:
    """Return the indexes of the lines of fenced code blocks ("```" or "~~~"), fences included."""
    inside: set[int] = set()
    fence: str | None = None
    for number, line in enumerate(lines):
        stripped = line.lstrip(" ")
        if fence is not None:
            inside.add(number)
            if stripped.startswith(fence):
                fence = None
        elif stripped.startswith(("```", "~~~")):
            fence = stripped[:3]
            inside.add(number)
    return inside


# A drug page's "FDA Approved" field, its value a paragraph of its own ("Yes") in the scraped markdown; the
# label may hold a definition simplify put in ("FDA (...) Approved").
_FIELD = re.compile(r"(?m)^(FDA\b[^\n]*?\bApproved)[ \t]*\n[ \t]*\n((?:Yes|No)\b[^\n]*)$")


def mended_fields(text: str) -> str:
    """Return markdown with each field's value put after its label ("FDA Approved: Yes"), its own lines left blank.

    Scraped, a drug page's field list is two paragraphs (102 drug pages of the corpus): a label, then a
    value ("Yes") that reads as nothing on its own. The brand names are one a line ("Eligard", "Lupron
    Depot"), which a paragraph would run together: they are listed with commas.
    """
    if "Approved" in text:
        text = _FIELD.sub(lambda m: f"{m.group(1)}: {m.group(2)}\n\n", text)
    if _BRANDS_LABEL not in text:
        return text
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if line.strip() != _BRANDS_LABEL or number + 2 >= len(lines) or lines[number + 1].strip():
            continue
        end = number + 2
        while end < len(lines) and lines[end].strip():
            end += 1
        names = [name.strip() for name in lines[number + 2 : end]]
        if names and all(
            len(name) <= _BRAND_CHARS and not name.endswith(".") and not _NOT_A_TITLE.match(name) for name in names
        ):
            lines[number:end] = [f"{_BRANDS_LABEL}: {', '.join(names)}", *[""] * (end - number - 1)]
    return "\n".join(lines)


_BRANDS_LABEL = "US Brand Name(s)"
_BRAND_CHARS = 60  # a brand name is short; a longer line is a sentence that follows


def mended_headings(text: str) -> str:
    """Return markdown with each title that stands alone under an empty heading ("##") put in that heading.

    Scraped cancer.gov pages do this to section titles (312 times in 47 pages of the corpus). A title
    is one line of text, between blank lines, that does not end a sentence with a full stop. The heading
    line is blanked and the title line becomes the heading, so that line numbers still hold.
    """
    # Where each empty heading's line starts (the first line has no break before it); most pages have none.
    found = [m.start() + 1 for m in _EMPTY_HEADING_ANYWHERE.finditer(text)]
    if _EMPTY_HEADING.match(text):
        found.insert(0, 0)
    if not found:
        return text
    lines = text.split("\n")
    number = offset = 0
    for start in found:
        number += text.count("\n", offset, start)  # the heading's line, counted on from the one before
        offset = start
        line = lines[number]
        at = next((k for k in range(number + 1, len(lines)) if lines[k].strip()), None)
        if at is None or (at + 1 < len(lines) and lines[at + 1].strip()):
            continue
        title = lines[at].strip()
        if _NOT_A_TITLE.match(title) or title.endswith(".") or not any(c.isalnum() for c in title):
            continue
        lines[number], lines[at] = "", f"{line.strip()} {title}"
    return "\n".join(lines)


def mended_cards(text: str) -> str:
    """Return markdown with each scraped card's link put on its title, and its stray brackets taken out.

    Lines are changed in place, never added or removed, so that line numbers still hold.
    """
    if not _CARD_CLOSE_ANYWHERE.search(text):  # most pages have no card: one scan, in C
        return text
    lines = text.split("\n")
    for number, line in enumerate(lines):
        opened = _CARD_OPEN.match(line) if "[" in line else None
        if opened is None or _unbalanced(opened.group(2)):
            continue
        inside = lines[number + 1 : number + 1 + _CARD_LINES]
        end = next((k for k, later in enumerate(inside) if "[" in later or _CARD_CLOSE.match(later)), None)
        closed = _CARD_CLOSE.match(inside[end]) if end is not None else None
        if closed is None or end is None:
            continue
        prefix, rest = opened.groups()
        lines[number + 1 + end] = closed.group(1)
        lines[number] = prefix + rest
        # The title is the first text of the card: on the opening line after its image, or a line of its own.
        titled = [number] if _IMAGE.sub("", rest).strip() else []
        titled += [k for k in range(number + 1, number + 2 + end) if lines[k].strip()]
        if titled:
            at = titled[0]
            indent = "" if at == number else lines[at][: len(lines[at]) - len(lines[at].lstrip())]
            title = rest if at == number else lines[at].strip()
            lines[at] = f"{prefix if at == number else indent}[{title}]({closed.group(2)})"
    return "\n".join(lines)


def _unbalanced(text: str) -> bool:
    """Return True if ``text`` closes a bracket it did not open, or leaves one open."""
    depth = 0
    for char in text:
        depth += {"[": 1, "]": -1}.get(char, 0)
        if depth < 0:
            return True
    return depth != 0
