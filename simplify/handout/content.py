"""What a handout holds, gathered from one article: the data its templates lay out.

Building a handout is a pipeline of steps that annotate and never rewrite facts: jargon is found
and explained at first use (simplify.expand, which only inserts), the body is rendered safely
(simplify.handout.body), the lead becomes the key points, and the article's kind picks the
questions. The templates decide how it looks.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Container, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from simplify import articles
from simplify.check import graded_by
from simplify.expand import ExpandOptions, Expansion, other_name_said, plan, render
from simplify.glossary.model import GLOSSARY_LANGS
from simplify.handout.body import body_html, body_tokens, markdown_of
from simplify.handout.catalogs import RTL_LANGUAGES, text_direction
from simplify.handout.everyday import EVERYDAY_TERMS
from simplify.handout.kinds import Kind, kind_of, questions_for
from simplify.handout.qr import qr_svg
from simplify.jargon.inflect import plurals_of
from simplify.jargon.matcher import cased
from simplify.lang import lang_root
from simplify.links import classify
from simplify.marks import in_body_language, only_our_marks, recorded_translation
from simplify.model import SITE_SUFFIX, Article, Block, BlockKind, LinkKind, dropped_lines, title_respelling
from simplify.readability.rare import RareWords
from simplify.readability.score import BlockSplits, Scorer
from simplify.text.sentences import split_sentences
from simplify.text.wordclass import capitalised, verb_forms

if TYPE_CHECKING:
    from markdown_it.token import Token

    from simplify.jargon.report import TermUse

KEY_POINTS = 3  # sentences from the lead
KEY_POINT_MAX_WORDS = 45  # a longer lead sentence is not a key point a reader can take in at a glance
_ALL_IT_SAYS = 0.9  # key points with this share of the body's words or more say it all again
KEY_POINT_MIN_WORDS = 5  # a shorter one is a label or a caption ("Anatomy of the pancreas."), not a message
# A definition in "Words to know" is its whole sentences up to this many words (the first one always). Our own
# are 25 words at most; many of NCI's dictionary run much longer, which would make the box the hardest reading
# of the handout.
LISTED_MAX_WORDS = 40
KNOWN_ZIPF = 4.5  # unlinked glossary words used at least this often (wordfreq Zipf) are not explained
KNOWN_LINKED_ZIPF = 4.8  # nor linked ones this common: "cancer", "blood", "brain", "treatment"
# A sentence that quotes or names a doctor is support for the message, not the message.
_ATTRIBUTION = re.compile(r"[“”\"«»]|\b(?:M\.D\.|Ph\.D\.|Dr\.|Dra\.)")
# A question ends in "?" (maybe inside closing quotes or brackets) or, in Spanish, opens with "¿".
_QUESTION = re.compile(r"^\W*¿|[?？؟][\"'”’»)\]]*$")
# A statement ends in a full stop or "!" (maybe inside closing quotes or brackets). What ends otherwise is a
# label ("US Brand Name(s)", "Posted: May 9, 2016"), a heading set as a paragraph, or the opening of a list
# ("Symptoms may include:"), whose message is in the items the box leaves out.
_STATEMENT_END = re.compile(r"[.!。！۔][\"'”’»)\]]*$")
# A sentence about the page rather than about cancer: what the page, summary or video holds, where to read,
# watch or learn more, editors' notes and credits, NCI's PDQ summaries and their boards, a citation, and
# references to a figure or an abstract ("(see Figure 1)") the handout does not have.
_ABOUT_THE_PAGE = re.compile(
    r"\b(?:this|these)\s+(?:[\w-]+\s+){0,2}(?:page|pages|summary|summaries|section|video|event|fact\s+sheet)\b"
    r"|\bthe\s+summary\b|\b(?:este|esta|estos|estas)\s+(?:página|páginas|resumen|resúmenes|sección|video)\b"
    r"|^(?:learn|find\s+out|read|watch|listen|play|see|view|visit|click|go\s+to|to\s+learn|for\s+more)\b"
    r"|^(?:more\s+)?information\s+(?:about|on)\b|^for\s+(?:more\s+)?(?:information|resources|details)\b"
    r"|^(?:más\s+información|vea|consulte|lea|mire|escuche|para\s+(?:obtener\s+)?más\s+información)\b"
    r"|^(?:note|nota)\s*:|^we\s+(?:offer|provide)\b|^adapted\s+from\b|\bPDQ\b|[(,;]\s*(?:see|vea|consulte)\b"
    r"|^[^.,;]*,\s+[A-Z][a-z]+\.?\s+\d{1,2},\s+\d{4}\.$"  # a citation: "A Journal, May 31, 2014."
    # where to click and what a video shows: "To find a cancer, select a body location", "Three women describe"
    r"|^to\s+[\w ]+,\s*(?:select|click|tap|choose|visit|go\s+to|use\s+(?:our|the|this))\b"
    r"|(?:^|,\s*)(?:select|click|tap|choose)\s+(?:a|an|the|one|your)\b"
    r"|^(?:two|three|four|five|six|several|\d+)\s+(?:women|men|people|patients|survivors|families|parents)"
    r"\s+(?:describe|share|talk|tell|discuss)\b"
    # where a study was published, and a caption that names a table of figures: support, not the message
    r"|^(?:the\s+)?(?:[\w'’]+\s+){0,2}(?:results|findings|study|trial|report|paper)\s+(?:were|was)\s+published\b"
    r"|^key\s+(?:statistics|facts|figures)\b"
    r"|\b(?:names?|titles?)\s+links?\s+to\b"  # where the page's links go: "The drug names link to ..."
    # what every drug page says in the same words: no message of this page's
    r"|\bis\s+also\s+being\s+studied\b.{0,60}\bother\s+(?:types|kinds|conditions)\b"
    r"|^drugs\s+are\s+often\s+studied\s+to\s+find\s+out\b"
    r"|^each\s+of\s+the\s+drugs\s+in\s+this\s+combination\s+is\s+approved\b"
    # where the support is: a table or a figure the box leaves out, links named "here"
    r"|\b(?:is|are)\s+(?:shown|listed|summarized|described)\s+in\s+(?:table|figure)s?\b|\(here(?:\s+and\s+here)?\)",
    re.IGNORECASE,
)
# A label, whatever follows it: words that each open with a capital, then a colon ("FDA Approved: No ...").
_LABEL = re.compile(r"(?:[A-Z][\w()'’-]*\s+){0,3}[A-Z][\w()'’-]*:\s")
# A sentence that opens by pointing back ("These uses are approved ...", "They grow ...", "This use ..."):
# alone in the box, what it points to is missing. "This" most often points to the page's own subject
# ("This chemotherapy combination contains ..."), but "this use" to one named before it; "It is important
# to ..." points to nothing.
_POINTS_BACK = re.compile(
    r"(?:these|those|they|this\s+use|estos|estas|esos|esas|ellos|ellas|este\s+uso)\b", re.IGNORECASE
)
# Words that announce a list: "the following types of cancer", "los siguientes tipos".
_FOLLOWING = r"\b(?:the\s+following|l[oa]s\s+siguientes)\b"
# ... or that points to what the box leaves out further on: "these" before a noun most often means things the
# sentences before it named ("Most of these tumors are ..."); "above" is the page above, and the box is at the
# top; "the following" announces a list the box leaves out, unless the sentence says it after a colon.
_POINTS_ELSEWHERE = re.compile(
    r"\b(?:these|estos|estas)\s+[^\W\d_]|\b(?:listed|described|shown|mentioned|noted|given)\s+above\b"
    rf"|\babove-mentioned\b|{_FOLLOWING}(?![^:]*:)",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class Word:
    """One entry of the "Words to know" box."""

    name: str
    definition: str
    pronunciation: str | None
    lang: str  # the language of the name and definition (may differ from the handout's)
    # The article's own words for it where the word list is in another language than the body: a reader
    # of Spanish words around an English text finds "mieloma múltiple" by "(multiple myeloma)".
    said: str = ""

    @property
    def dir(self) -> str:
        """Return the writing direction of the word's language."""
        return text_direction(self.lang)


@dataclass(frozen=True, slots=True)
class Handout:
    """Everything a handout template needs, already safe to show."""

    lang: str  # the handout's language: its labels, questions and notes
    body_lang: str  # the language the article's own text is in
    title: str
    key_points: tuple[str, ...]
    body: str  # safe HTML (simplify.handout.body)
    words: tuple[Word, ...]
    kind: Kind
    questions: tuple[str, ...]  # catalog message ids; templates translate them
    grade_article: float | None
    grade_handout: float | None
    formula: str
    url: str | None
    reviewed: dt.date | None
    qr: str  # inline SVG of the URL, or "" when the article has none (or one too long for a QR code)
    large_print: bool = False
    body_translated: bool = True  # False while the body stays in the article's language
    machine_translated: bool = False  # the body was translated by a machine (simplify.translate)
    kept_lang: str | None = None  # the language of sentences the machine translation kept (``from``)
    title_said: str = ""  # how to say the title, from the line under it: "(thuh-LIH-doh-mide)"
    # What the machine translation did: "sentences", "translated", "from_memory", "kept_in_source_language".
    translation: dict[str, int] | None = None
    # The body as parsed for the HTML: the markdown body is written from it only when a template asks.
    body_tokens: tuple[Token, ...] = field(default=(), repr=False, compare=False)

    @property
    def body_markdown(self) -> str:
        """Return the body as safe markdown, page furniture left out, for the md format."""
        return markdown_of(self.body_tokens)

    @property
    def dir(self) -> str:
        """Return the writing direction of the handout's language."""
        return text_direction(self.lang)

    @property
    def body_dir(self) -> str:
        """Return the writing direction of the body's language."""
        return text_direction(self.body_lang)

    @property
    def words_in_lang(self) -> bool:
        """Return True if the handout has a word list and it is in the handout's language."""
        return bool(self.words) and all(lang_root(w.lang) == lang_root(self.lang) for w in self.words)


def clean_title(title: str) -> str:
    """Return a page title without the site's suffix ("... - NCI")."""
    return SITE_SUFFIX.sub("", title).strip()


def key_points(
    article: Article,
    limit: int = KEY_POINTS,
    dropped: Container[int] | None = None,
    glossary: Any = None,
    kind: Kind | None = None,
) -> tuple[str, ...]:
    """Return up to ``limit`` key points: the article's own, else from its lead.

    Where the article lists its key points under a "Key Points" heading (PDQ summaries do), they are the
    first of that list. Else they are the opening sentence of each paragraph of the lead: news-style
    leads put the message in a paragraph's first sentence; the rest is support. The
    lead ends at the first heading after its first key point; the section after it gives one more only where
    it opens with a list of names (:func:`_with_its_list`: a drug page's "approved to treat:"). Only a
    sentence that states something about cancer is a key point (:func:`is_key_point`), and one with a verb
    (no caption: :func:`_states`), said once (:func:`_says_again`). Points that would be nearly all the page
    says are none: the box would only say the body again. A treatment article whose points name no treatment
    ends with the point its lists name them in (:func:`_treatments_named`). ``dropped`` are the article's
    :func:`~simplify.model.dropped_lines`, where the caller has them already; ``glossary``, where given,
    spells the names a list's items link to (:func:`_with_its_list`); ``kind`` is the article's
    :func:`~simplify.handout.kinds.kind_of`, where the caller has it.
    """
    points: list[str] = []

    def took(sentence: str) -> bool:
        """Take ``sentence`` as a point where it is one; return True once the box is full."""
        if (
            is_key_point(sentence)
            and _states(sentence, article.lang)
            and not any(_says_again(sentence, point) for point in points)
        ):
            points.append(sentence)
            return len(points) == limit
        return False

    # The article's own key points, where it lists them (PDQ summaries open their sections with such a list).
    for item in _listed_key_points(article.content_blocks()):
        if took(item):
            break
    blocks = () if points else article.content_blocks()
    past_the_lead = False  # the next section's first paragraph is read too, for a list of names only
    for at, block in enumerate(blocks):
        if block.kind is BlockKind.HEADING:
            if past_the_lead:
                break
            past_the_lead = bool(points)
            continue
        if block.kind is not BlockKind.PARAGRAPH or _only_a_link(block):
            continue
        spans = split_sentences(block.text, article.lang)
        if not spans:
            continue
        first = " ".join(block.text[spans[0][0] : spans[0][1]].split())
        said = (
            _with_its_list(first, blocks[at + 1 :], article, glossary, announced=not past_the_lead)
            if len(spans) == 1
            else first
        )
        if past_the_lead:
            # A drug page's lead says what the drug is; the section after it, what it is approved to treat.
            if said != first:
                took(said)
            break
        if took(said):
            break
    # A treatment summary's own points open with what the cancer is; the treatments are in a later list.
    if points and (kind or kind_of(article)) == "treatment" and not any(_TREATMENT.search(point) for point in points):
        named = _treatments_named(article)
        if named is not None:
            points = [*points[: limit - 1], named]
    if dropped is None:
        dropped = dropped_lines(article)
    words = sum(
        len(b.text.split())
        for b in article.content_blocks()
        if b.kind is not BlockKind.HEADING and b.line - 1 not in dropped
    )
    if sum(len(p.split()) for p in points) >= _ALL_IT_SAYS * words:
        return ()
    drug = _drug_of_the_page(article)
    return tuple(_naming(point, drug, article.lang) for point in points) if drug else tuple(points)


def _drug_of_the_page(article: Article) -> str | None:
    """Return the name of the drug (or combination) a drug information page is about, or None on other pages.

    It is the page's title as the page writes it after a word in lower case ("about asparaginase erwinia
    chrysanthemi"), else each word in lower case as in a sentence but where the lexicon or the page has it
    with capitals (:func:`_as_in_the_text`), and a code as it is ("CAF").
    """
    url = article.meta.url
    title = " ".join(clean_title(article.title).split())
    if not url or not title or len(title.split()) > _NAME_WORDS or classify(url).kind is not LinkKind.DRUG:
        return None  # a title longer than any drug's name would make the point no glance's read
    pattern = r"\s+".join(re.escape(word) for word in title.split())
    if written := _mid_sentence(f"(?i:{pattern})", article.source):
        return " ".join(written.group(1).split())
    return " ".join(_as_in_the_text(word, article.source) for word in title.split())


def _naming(point: str, drug: str, lang: str) -> str:
    """Return ``point`` with the drug named where it opens with "this drug" or "it" for it: a point is read alone.

    "This chemotherapy combination contains ..." becomes "The chemotherapy combination CAF contains ...", and
    "It is used in adults ..." "Idecabtagene vicleucel is used in adults ..."; a point that names the drug
    already is kept.
    """
    opening = _THIS_DRUG.get(lang_root(lang))
    said = opening.match(point) if opening else None
    if said is None or drug.casefold() in point.casefold():
        return point
    rest = point[said.end() :]
    if said.group("this"):
        return f"{_THE[said.group('this')]} {said.group('what')} {drug}{rest}"
    return f"{drug[:1].upper()}{drug[1:]}{rest}"


# How a drug page's sentence says the drug ("This drug", "It is used ..."; no "it" that stands for nothing: "It
# is important to ..."), and the article that names it instead. Spanish drops "it": "Se usa ...".
_THIS_DRUG = {
    "en": re.compile(
        r"(?P<this>This) (?P<what>(?:chemotherapy )?(?:drug|medicine|combination|regimen|vaccine))\b"
        r"|It(?= (?:is|was|may be|can be) (?:also )?(?:used|approved|given|available)\b| works\b)"
    ),
    "es": re.compile(
        r"(?P<this>Est[ea]) (?P<what>combinación de quimioterapia|combinación|medicamento|fármaco|vacuna)\b"
    ),
}
_THE = {"This": "The", "Este": "El", "Esta": "La"}
_NAME_WORDS = 8  # "asparaginase erwinia chrysanthemi (recombinant)-rywn" has four


def _with_its_list(
    opening: str, after: Sequence[Block], article: Article, glossary: Any = None, *, announced: bool = True
) -> str:
    """Return a list's opening said with the names its items begin with, where they are short; else ``opening``.

    "Widgetamab is approved to treat:" followed by "- **Widgetoma.** It is used: ..." states a drug page's
    message in its list: "Widgetamab is approved to treat widgetoma." (:func:`_listed_names`). With
    ``announced``, an opening that announces its list ("... the following types of widgetoma:") is said
    with it too, the colon kept; other openings only introduce what the items say ("... may be local,
    regional, or distant:").
    """
    words_of = _LIST_WORDS.get(lang_root(article.lang))
    if words_of is None or not opening.endswith(":"):
        return opening
    names = _listed_names(after, article, glossary)
    if not names:
        return opening
    said = _joined(names, words_of)
    lead = opening[:-1].rstrip()
    if (lead.split() or [""])[-1].lower() in words_of[2]:  # the words it ends with when names go right after
        return f"{lead} {said}."
    return f"{lead}: {said}." if announced and _ANNOUNCES.search(lead) else opening


def _joined(names: Sequence[str], words_of: tuple[str, str, frozenset[str]]) -> str:
    """Return ``names`` said as a list in a sentence ("a, b, and c"), joined by the words of its language
    (an entry of :data:`_LIST_WORDS`)."""
    two, last, _ = words_of
    return f"{', '.join(names[:-1])}{two if len(names) == 2 else last}{names[-1]}" if len(names) > 1 else names[0]


def _listed_names(after: Sequence[Block], article: Article, glossary: Any) -> list[str]:
    """Return the names the list at the start of ``after`` is of, or [] where it is not a short list of names.

    The names are the items' bold openings ("**Widget pain** and **gadget pain**" is one), or that of the one
    paragraph there, at most :data:`_LISTED_NAMES` of them, each a whole name: a bold opening followed by more
    of the name ("**Myeloid** or **lymphoid** neoplasms") names part of something. An item with no bold
    opening after a name says more of it ("It is used: ..."). A name is in lower case but where the glossary's
    name of the term it links to, the lexicon or the page has capitals (:func:`_as_in_the_text`).
    """
    lines = article.source.splitlines()
    names: list[str] = []
    for block in after:
        alone = block.kind is BlockKind.PARAGRAPH and not names  # "**Bladder cancer.** It is given ..."
        if block.kind is not BlockKind.LIST_ITEM and not alone:
            break
        bold = _BOLD_OPENING.match(lines[block.line - 1]) if block.line <= len(lines) else None
        if bold is None:
            if not names:
                return []  # the list does not open with a name
            continue
        name = " ".join(_MARKUP.sub(r"\1", bold.group(1)).replace("*", "").split()).rstrip(".:")
        text = " ".join(block.text.split())
        if not name or name.endswith(",") or not text.startswith(name) or not _NAME_ENDS.match(text, len(name)):
            return []
        spelled = _spelled_by_glossary(block, glossary, article.lang)
        # Sentence case capitalises the first word alone: a capital further on is a name's ("Castleman"), but
        # where every word has one ("Renal Cell Carcinoma"), each is decided.
        words = name.split()
        title_case = all(word[:1].isupper() for word in words)
        name = " ".join(
            spelled.get(word.casefold()) or (_as_in_the_text(word, article.source) if i == 0 or title_case else word)
            for i, word in enumerate(words)
        )
        if name not in names:
            names.append(name)
        if alone:
            break
    return names if len(names) <= _LISTED_NAMES else []


def _spelled_by_glossary(block: Block, glossary: Any, lang: str) -> dict[str, str]:
    """Return the words of the glossary's names of the terms ``block`` links to, by their case-folded form."""
    spelled: dict[str, str] = {}
    for link in block.links if glossary is not None else ():
        entry = glossary.get(link.term_id) if link.term_id else None
        name = entry.name(lang_root(lang)) if entry is not None else None
        for word in (name or "").split():
            spelled.setdefault(word.casefold(), word)
    return spelled


def _as_in_the_text(word: str, text: str) -> str:
    """Return ``word`` in lower case where it opens with a capital only as a list's item does.

    A list's items open with a capital: "Multiple myeloma", "Glioma". A name keeps it: one the lexicon
    spells with the capital ("Hodgkin", "Ewing"), or one the article writes so after a word in lower case
    ("with Wilms tumor"); a word opening with one letter does too ("B-cell"). After a hyphen, a capital is a
    name's, and only the part before it is decided so ("Non-Hodgkin" is "non-Hodgkin", "Epstein-Barr" stays).
    """
    head, hyphen, tail = word.partition("-")
    named = bool(hyphen) and tail[:1].isupper()
    opening = head if named else word
    if not _OPENS_WITH_A_CAPITAL.fullmatch(opening) or opening in capitalised():
        return word
    if _mid_sentence(re.escape(word), text):
        return word
    return f"{head.lower()}-{tail}" if named else word.lower()


def _mid_sentence(pattern: str, text: str) -> re.Match[str] | None:
    """Find where ``text`` writes ``pattern`` (a whole word or words) after a word in lower case: there a
    capital is the name's own, not a sentence's or a list item's ("with Wilms tumor"). A sentence may go on
    over a line break, but not past a blank line: "therapy", a heading's last word, and then "Radiation therapy
    uses ..." opening the paragraph under it are no sentence."""
    return re.search(rf"\b[a-z]+,?(?:[ \t]+\n?|\n)[ \t]*({pattern})(?![\w-])", text)


_OPENS_WITH_A_CAPITAL = re.compile(r"[A-Z][a-z]+(?:-[a-z]+)*")


_LISTED_NAMES = 4  # a list of more names is no message a reader takes in at a glance
# Per language: how two names join, how the last of more names joins, and the words a list's opening ends
# with when the names go right after them ("to treat multiple myeloma").
_LIST_WORDS = {
    "en": (" and ", ", and ", frozenset({"treat", "prevent", "with", "of", "including"})),
    "es": (" y ", " y ", frozenset({"tratar", "prevenir", "con", "de", "incluidos", "incluidas"})),
}
_ANNOUNCES = re.compile(_FOLLOWING, re.IGNORECASE)
# "- **[Breast cancer](...)** that ...", "- **Nausea** and **vomiting** caused by ..."
_BOLD_OPENING = re.compile(r"\s*(?:(?:[-*+]|\d+[.)])\s+)?(\*\*.+?\*\*(?:,?\s+(?:and|or|y|o)\s+\*\*.+?\*\*)*)")
_MARKUP = re.compile(r"\[([^\]]*)\]\([^)]*\)")  # a link, by its text
# What may follow a whole name: the item's end or punctuation, a participle or a word that opens what is said of
# it ("caused by", "that has spread", "in adults"); else the bold opening is part of a longer name ("**Myeloid**
# or **lymphoid** neoplasms").
_NAME_ENDS = re.compile(
    r"\s*(?:$|[.:;(]|[^\W\d_]+ed\b|(?:that|which|who|whose|in|of|with|after|before|when|at|for|from|to|as)\b"
    r"|(?:que|en|de|con|tras|antes|cuando|para|como)\b)"
)


def _treatments_named(article: Article) -> str | None:
    """Return the key point that names the treatments, from the "Key Points" lists, or None where none does.

    PDQ treatment summaries list them after an opening: "- The following types of treatment are used:",
    "- Surgery", "- Radiation therapy", "- Chemotherapy". The point is the opening said with them, "The
    following types of treatment are used: surgery, radiation therapy, and chemotherapy." (each name in lower
    case but where it is a name: :func:`_as_in_the_text`), its first :data:`_LISTED_NAMES` and "others" where
    there are more. The names are the items after the opening up to the next sentence; an item that is no
    short name ("Radiation therapy, including ...") leaves the opening unsaid.
    """
    words_of = _LIST_WORDS.get(lang_root(article.lang))
    if words_of is None:
        return None
    items = list(_listed_key_points(article.content_blocks()))
    for at, opening in enumerate(items):
        if not (opening.endswith(":") and _TREATMENT_TYPES.search(opening)):
            continue
        names = list(itertools.takewhile(lambda item: not _SENTENCE_END.search(item), items[at + 1 :]))
        if not names or any("," in name or len(name.split()) > _NAME_WORDS for name in names):
            continue
        said = [
            " ".join(_as_in_the_text(word, article.source) if i == 0 else word for i, word in enumerate(n.split()))
            for n in names
        ]
        if len(said) > _LISTED_NAMES:
            said = [*said[: _LISTED_NAMES - 1], _OTHERS[lang_root(article.lang)]]
        return f"{opening[:-1].rstrip()}: {_joined(said, words_of)}."
    return None


_TREATMENT = re.compile(r"\b(?:treat|tratamiento|tratar)", re.IGNORECASE)
# How a list of treatments opens: "The following types of treatment are used:", "Three types of standard
# treatment are used:", "Se usan los siguientes tipos de tratamiento:".
_TREATMENT_TYPES = re.compile(r"\btypes? of (?:[^\W\d_]+ )?treatments?\b|\btipos de tratamiento", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.:;!?][\"'”’»)\]]*$")
_OTHERS = {"en": "others", "es": "otros"}


def _listed_key_points(blocks: Iterable[Block]) -> Iterator[str]:
    """Yield the items of the lists under "Key Points" headings ("Puntos importantes"), in order, each on one line.

    The first list is the page's opening section's; a short one is followed by the next section's. A list
    that a paragraph announces as the page's key information is one too (PDQ summaries for health
    professionals open so: "This summary contains the following key information:").
    """
    under = False
    for block in blocks:
        if block.kind is BlockKind.HEADING:
            under = _KEY_POINTS_HEADING.fullmatch(block.text.strip()) is not None
        elif block.kind is BlockKind.PARAGRAPH and _KEY_INFORMATION.fullmatch(" ".join(block.text.split())):
            under = True
        elif under and block.kind is BlockKind.LIST_ITEM:
            yield " ".join(block.text.split())
        else:
            under = False  # the list has ended


_KEY_POINTS_HEADING = re.compile(r"(?:key points|puntos importantes)\s*:?", re.IGNORECASE)
_KEY_INFORMATION = re.compile(
    r"(?:this|the) (?:summary|article|page|fact sheet) (?:contains|includes|covers) the following key"
    r" (?:information|points):"
    r"|(?:este|el) (?:resumen|artículo) (?:contiene|incluye) (?:la siguiente información (?:clave|importante)"
    r"|los siguientes puntos (?:clave|importantes)):",
    re.IGNORECASE,
)


def _states(sentence: str, lang: str) -> bool:
    """Return True if ``sentence`` has a word that can be a verb: a caption ("Anatomy of the female
    reproductive system.") states nothing. English only, where LemmInflect knows the words."""
    if lang_root(lang) != "en":
        return True
    verbs = verb_forms()
    return any(word.lower() in verbs for word in _LETTERS.findall(sentence))


_LETTERS = re.compile(r"[A-Za-z]+")


def _says_again(sentence: str, point: str) -> bool:
    """Return True if ``sentence`` is ``point`` said again in other words: as long, and nearly all its words.

    Pages say their message twice ("A person is considered a cancer survivor from the time of diagnosis
    through the balance of life." and, in a box, "An individual is ... through the rest of life."). Not
    when a number or a negation sets them apart ("Stage I ..." and "Stage II ...", "is used" and "is not
    used"), nor the same words in another order ("Men ... than women" and "Women ... than men").
    """
    words, said = _WORD.findall(sentence.casefold()), _WORD.findall(point.casefold())
    if not words or min(len(words), len(said)) < _SAME_LENGTH * max(len(words), len(said)):
        return False
    if sorted(words) == sorted(said):
        return words == said
    known = set(said)
    if any(w.isdigit() or _NUMERAL.fullmatch(w) or w in _NEGATIONS for w in known.symmetric_difference(words)):
        return False
    return sum(word in known for word in words) >= _SAME_WORDS * len(words)


_WORD = re.compile(r"\w+")
_NUMERAL = re.compile(r"[ivx]+")
_NEGATIONS = frozenset({"not", "no", "never", "without", "nor", "cannot", "t"})  # "t" of "don't"
_SAME_LENGTH = 0.8  # "said again" is about as long as what it repeats ...
_SAME_WORDS = 0.75  # ... and mostly its words; a point on another part of the subject shares fewer


def _only_a_link(block: Block) -> bool:
    """Return True if a paragraph points to another page rather than saying something: a link alone, or a
    link near its start and what is behind it ("[Definition from the NCI Drug Dictionary](...) - Detailed ...",
    "MedlinePlus Information on [Degarelix](...) - A lay language summary ...")."""
    if len(block.links) == 1 and block.links[0].text.split() == block.text.split():
        return True
    for link in block.links:
        at = block.text.find(link.text) if link.text.strip() else -1
        if (
            0 <= at <= _LEAD_IN_CHARS
            and len(block.text[:at].split()) <= _LEAD_IN_WORDS
            and _DESCRIBED.match(block.text, at + len(link.text))
        ):
            return True
    return False


_LEAD_IN_WORDS = 3  # "MedlinePlus Information on [...]"
_LEAD_IN_CHARS = 100  # three words are no longer: a paragraph's later links are not read word by word
_DESCRIBED = re.compile(r"\s+[-\u2013\u2014]\s+[A-Z]")  # "[a page] - What it holds"


def is_key_point(sentence: str) -> bool:
    """Return True if ``sentence`` states a message a reader can take in at a glance.

    Passed over: sentences that report who said what (quotations, a named doctor), questions ("What
    is colorectal cancer?" states no message), labels, headings and list openings (no full stop),
    a pronunciation ("(ny-LOH-tih-nib)"), sentences about the page itself ("This page lists ...",
    "Learn more about ..."), sentences whose subject points back to what the box leaves out ("These
    uses are approved ...") or that point to it elsewhere in the sentence ("any of these symptoms", "the
    problems listed above", "... the following types of cancer."), and sentences too short or too long
    to be a message.
    """
    first = sentence[:1]
    return (
        KEY_POINT_MIN_WORDS <= len(sentence.split()) <= KEY_POINT_MAX_WORDS
        and first.isalnum()
        and (first.isdecimal() or not first.isdigit())  # a digit, but no footnote's mark: "¹This use is ..."
        and not first.islower()
        and bool(_STATEMENT_END.search(sentence))
        and not _ATTRIBUTION.search(sentence)
        and not _QUESTION.search(sentence)
        and not _LABEL.match(sentence)
        and not _ABOUT_THE_PAGE.search(sentence)
        and not _POINTS_BACK.match(sentence)
        and not _POINTS_ELSEWHERE.search(sentence)
    )


def _said(expansion: Expansion, glossary: Any, words_lang: str, body_lang: str) -> str:
    """Return the name the body gives a term of the word list where it differs from the list's, else "".

    A list in another language than the body: the glossary's name in the body's language ("mieloma
    múltiple (multiple myeloma)"), failing that the words the article first named it by. A list in the
    body's language: the term's other name the article calls it by ("adverse effect (adverse event)").
    A name the list already shows ("anemia") is not said twice.
    """
    body = lang_root(body_lang)
    if words_lang == body:
        return other_name_said(glossary, expansion.term_id, expansion.text, body)
    entry = glossary.get(expansion.term_id)
    said = (entry and entry.name(body)) or " ".join(expansion.text.split())
    return "" if said.casefold() == expansion.name.casefold() else said


def build(
    article: Article,
    tools: Any,
    scorer: Scorer,
    *,
    lang: str | None = None,
    large_print: bool = False,
    formula: str = "consensus",
    options: ExpandOptions | None = None,
    machine_translated: bool = False,
) -> Handout:
    """Gather the handout of ``article`` in ``lang`` (default: the article's language).

    ``tools`` is a JargonTools (simplify.jargon.analysis). ``article`` is the body as it will be
    printed: the caller translates it first (``machine_translated``) or, with no model for ``lang``,
    passes the source article, whose body then stays in its language around labels and glossary
    words in ``lang`` (the glossary's words in that language when it has them, else the article's).
    """
    lang = lang or article.lang
    options = options or ExpandOptions()
    article = only_our_marks(article)
    words_lang = lang_root(lang) if lang_root(lang) in GLOSSARY_LANGS else lang_root(article.lang)
    # Words to know are words of the handout: a block it leaves out, such as the page title it prints once
    # as its h1 ("... - NCI"), is not read for terms.
    dropped = dropped_lines(article)
    kind = kind_of(article)
    report = tools.terms(replace(article, blocks=tuple(b for b in article.blocks if b.line - 1 not in dropped)))
    # A word most readers know ("drug", "protein") is not worth a definition unless editors linked it; nor is
    # its plural, which is rarer in print than the word ("medicines", "therapies"). Words every adult knows
    # are not explained even where editors linked them ("cancer" on a page about it).
    known, everyday = RareWords(article.lang, KNOWN_ZIPF), RareWords(article.lang, KNOWN_LINKED_ZIPF)
    report = replace(
        report,
        linked=tuple(u for u in report.linked if _rare_use(u, tools.glossary, everyday, article.lang)),
        unlinked=tuple(u for u in report.unlinked if _rare_use(u, tools.glossary, known, article.lang)),
    )
    expansions = plan(article, report, tools.glossary, words_lang, options, dropped)
    # Definitions in another language than the body's are marked so (``<span lang>``).
    foreign = words_lang if words_lang != lang_root(article.lang) else None
    # The word list is a box of the handout's own, not part of the body.
    source = render(article, expansions, words_lang, replace(options, presentation="inline"), mark_lang=foreign)
    expanded, blocks = articles.parse_with_blocks(source, path=article.path, lang=article.lang, edit_of=article.source)
    # The grades are of the body's own language: sentences a translation kept in the source language,
    # and definitions in another language, are not scored by the body language's formulas.
    split: BlockSplits = {}
    before = scorer.scores(in_body_language(article), split=split)
    after = scorer.scores(in_body_language(expanded), split=split)
    tokens = body_tokens(expanded, blocks)  # the parse above, for the HTML and the markdown body
    url = article.meta.url
    return Handout(
        lang=lang,
        body_lang=article.lang,
        title=clean_title(article.title) or _opening_words(article),
        # A respelling of the English name says nothing of a name the machine translated.
        title_said="" if machine_translated else title_respelling(article, dropped),
        key_points=key_points(article, dropped=dropped, glossary=tools.glossary, kind=kind),
        body=body_html(expanded, rtl=lang_root(article.lang) in RTL_LANGUAGES, tokens=tokens),
        body_tokens=tuple(tokens),
        words=()
        if options.presentation == "inline"
        else tuple(
            Word(
                e.name,
                listed_definition(e.definition, words_lang),
                e.pronunciation,
                words_lang,
                _said(e, tools.glossary, words_lang, article.lang),
            )
            for e in expansions
        ),
        kind=kind,
        questions=questions_for(kind, article),
        grade_article=_grade(graded_by(*before, formula)),
        grade_handout=_grade(graded_by(*after, formula)),
        formula=formula,
        url=url,
        reviewed=article.meta.last_reviewed,
        qr=qr_svg(url) if url else "",
        large_print=large_print,
        body_translated=lang_root(lang) == lang_root(article.lang),
        machine_translated=machine_translated,
        kept_lang=str(recorded["from"]) if (recorded := recorded_translation(article)) else None,
    )


def listed_definition(definition: str, lang: str, most: int = LISTED_MAX_WORDS) -> str:
    """Return ``definition`` as "Words to know" lists it: its first sentence, and those after it while all of
    them keep to ``most`` words. Sentences stay whole: a cut one could say less than it seems to."""
    text = " ".join(definition.split())
    words = 0
    for k, (start, end) in enumerate(split_sentences(text, lang)):
        words += len(text[start:end].split())
        if k and words > most:
            return text[:start].rstrip()
    return text


def _opening_words(article: Article, most: int = 8) -> str:
    """Return a title for an article that has none, not even a file's name (read from standard input): its
    first words, "…" after them where it goes on."""
    text = " ".join(next((b.text for b in article.content_blocks() if b.text.strip()), "").split())
    spans = split_sentences(text, article.lang)
    words = text[spans[0][0] : spans[0][1]].rstrip(".!?:;").split() if spans else []
    return " ".join(words[:most]) + ("…" if len(words) > most else "")


def _rare_use(use: TermUse, glossary: Any, known: RareWords, lang: str) -> bool:
    """Return True if the words of ``use`` are rare, and so is the name they are a plural of.

    Codes and acronyms ("HER2", "BRCA1", "CT") are jargon however often print has them; everyday words
    (:data:`~simplify.handout.everyday.EVERYDAY_TERMS`: "breast", "cure") are not, however rare.
    """
    if use.term_id in EVERYDAY_TERMS:
        return False
    if any(c.isdigit() for c in use.text) or cased(use.text):
        return True
    if not known.is_rare(use.text):
        return False
    entry = glossary.get(use.term_id)
    name = entry.name(lang_root(lang)) if entry is not None else None
    if name is None or use.text.lower() not in {p.lower() for p in plurals_of(lang)[name]}:
        return True
    return known.is_rare(name)


def _grade(value: float | None) -> float | None:
    return None if value is None else round(value, 1)
