"""Sentence segmentation: a should-split / should-not-split table, properties, and the seed article."""

from __future__ import annotations

import re
from pathlib import Path

import frontmatter
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simplify import articles
from simplify.text.abbrev import TABLES, Kind, table_for
from simplify.text.sentences import split_sentences

SEED = Path(__file__).resolve().parents[1] / "seeds" / "004_33357ef47611650a.txt"


def sentences(text: str, lang: str = "en") -> list[str]:
    """Return the sentences of ``text`` as strings."""
    return [text[start:end] for start, end in split_sentences(text, lang)]


# (lang, text, expected sentences). Every text is our own; names and numbers are invented.
CASES: list[tuple[str, str, list[str]]] = [
    # Initials, degrees and titles inside a name.
    (
        "en",
        "Elena B. Marsh, M.D., of the Lakeside Clinic, led the study. The results came out in May.",
        ["Elena B. Marsh, M.D., of the Lakeside Clinic, led the study.", "The results came out in May."],
    ),
    (
        "en",
        "The letter was signed by T. Martin Reyes and Carla J. Boone.",
        ["The letter was signed by T. Martin Reyes and Carla J. Boone."],
    ),
    (
        "en",
        "I like old fantasy novels. J.R.R. Tolkien wrote long ones.",
        ["I like old fantasy novels.", "J.R.R. Tolkien wrote long ones."],
    ),
    ("en", "The report was written by J. A. Smith and K. Lee.", ["The report was written by J. A. Smith and K. Lee."]),
    (
        "en",
        "Mr. Ruiz and Mrs. Okafor met Ms. Chen and Prof. Varga at St. Anne's.",
        ["Mr. Ruiz and Mrs. Okafor met Ms. Chen and Prof. Varga at St. Anne's."],
    ),
    (
        "en",
        "Ruth Klein, Ph.D., and Omar Said, M.P.H., wrote the guide.",
        ["Ruth Klein, Ph.D., and Omar Said, M.P.H., wrote the guide."],
    ),
    (
        "en",
        "The talk was given by Ruth Klein, Ph.D. The room was full.",
        ["The talk was given by Ruth Klein, Ph.D.", "The room was full."],
    ),
    ("en", "She was treated at M.D. Anderson in Texas.", ["She was treated at M.D. Anderson in Texas."]),
    (
        "en",
        "The choir was led by Martin Cole Jr. The hall was quiet.",
        ["The choir was led by Martin Cole Jr.", "The hall was quiet."],
    ),
    (
        "en",
        "He lives on Oak St. The house is blue. Do one more rep. Then rest.",
        ["He lives on Oak St.", "The house is blue.", "Do one more rep.", "Then rest."],
    ),
    (
        "en",
        "In June, Dr. Little and Dr. Rao spoke. They agreed.",
        ["In June, Dr. Little and Dr. Rao spoke.", "They agreed."],
    ),
    # Decimals, numbers and list markers.
    (
        "en",
        "The median survival was 18.4 months. It was 12.1 months before.",
        ["The median survival was 18.4 months.", "It was 12.1 months before."],
    ),
    (
        "en",
        "A dose of .5 mg was given at 0.5 mL per hour. Nobody minded.",
        ["A dose of .5 mg was given at 0.5 mL per hour.", "Nobody minded."],
    ),
    (
        "en",
        "The study enrolled people in 2021. 45 of them finished.",
        ["The study enrolled people in 2021.", "45 of them finished."],
    ),
    ("en", "1. Wash your hands. 2. Put on gloves.", ["1. Wash your hands.", "2. Put on gloves."]),
    ("en", "Take pill No. 5 after lunch.", ["Take pill No. 5 after lunch."]),
    ("en", "Will it hurt? No. The test is quick.", ["Will it hurt?", "No.", "The test is quick."]),
    ("en", "See Fig. 2 and the chart on p. 23 of the booklet.", ["See Fig. 2 and the chart on p. 23 of the booklet."]),
    ("en", "Version 2.1.3 fixed the bug. Update soon.", ["Version 2.1.3 fixed the bug.", "Update soon."]),
    ("en", "The tumor was approx. 3 cm wide.", ["The tumor was approx. 3 cm wide."]),
    # Latin and business abbreviations; months and times.
    (
        "en",
        "Some foods, e.g. beans and rice, help. Others do not.",
        ["Some foods, e.g. beans and rice, help.", "Others do not."],
    ),
    ("en", "Take the smaller dose, i.e. the one on the label.", ["Take the smaller dose, i.e. the one on the label."]),
    ("en", "Drug A vs. Drug B was tested. Both worked.", ["Drug A vs. Drug B was tested.", "Both worked."]),
    (
        "en",
        "Bring a hat, water, snacks, etc. The walk is long.",
        ["Bring a hat, water, snacks, etc.", "The walk is long."],
    ),
    ("en", "Bring a hat, water, etc. and a map.", ["Bring a hat, water, etc. and a map."]),
    (
        "en",
        "Garcia et al. reported similar rates in a later study by Moss et al. (2020).",
        ["Garcia et al. reported similar rates in a later study by Moss et al. (2020)."],
    ),
    (
        "en",
        "The kit is made by Acme Inc. The company is in Ohio. Bolt Co. ships it.",
        ["The kit is made by Acme Inc.", "The company is in Ohio.", "Bolt Co. ships it."],
    ),
    (
        "en",
        "The trial began on Jan. 12 and ended in Feb. 2020.",
        ["The trial began on Jan. 12 and ended in Feb. 2020."],
    ),
    (
        "en",
        "The clinic opens at 9 a.m. on weekdays. It closes at 5 p.m. The staff then leave.",
        ["The clinic opens at 9 a.m. on weekdays.", "It closes at 5 p.m.", "The staff then leave."],
    ),
    ("en", "The U.S. Food and Drug Administration agreed.", ["The U.S. Food and Drug Administration agreed."]),
    ("en", "The drug is sold in the U.S. The price is high.", ["The drug is sold in the U.S.", "The price is high."]),
    (
        "en",
        "Take vitamin D. Then rest. Patients in group B. They did well.",
        ["Take vitamin D.", "Then rest.", "Patients in group B.", "They did well."],
    ),
    # URLs, e-mail addresses and file names.
    (
        "en",
        "Visit www.example.org for more. Or write to help@example.org today.",
        ["Visit www.example.org for more.", "Or write to help@example.org today."],
    ),
    (
        "en",
        "The form is at https://example.org/a.b?c=d now. Fill it out.",
        ["The form is at https://example.org/a.b?c=d now.", "Fill it out."],
    ),
    (
        "en",
        "Read more at example.org/guide.html. Then call us.",
        ["Read more at example.org/guide.html.", "Then call us."],
    ),
    ("en", "Open the file report_v2.pdf and print it.", ["Open the file report_v2.pdf and print it."]),
    # Ellipses.
    ("en", "I thought... maybe not. It was late… and dark.", ["I thought... maybe not.", "It was late… and dark."]),
    ("en", "She paused... Then she spoke.", ["She paused...", "Then she spoke."]),
    ("en", "The plan was ... not finished.", ["The plan was ... not finished."]),
    # Quotations, brackets, "!" and "?".
    (
        "en",
        "“New drugs keep coming, and they help people. Everyone is hopeful about them.”",
        ["“New drugs keep coming, and they help people.", "Everyone is hopeful about them.”"],
    ),
    ("en", "“It works well,” said Dr. Little. “We are glad.”", ["“It works well,” said Dr. Little.", "“We are glad.”"]),
    ("en", "“Is it safe?” she asked. “Is it?” She nodded.", ["“Is it safe?” she asked.", "“Is it?”", "She nodded."]),
    (
        "en",
        'He called them "rest weeks." Nobody liked the name.',
        ['He called them "rest weeks."', "Nobody liked the name."],
    ),
    (
        "en",
        "He called them ‘drug holidays.’ Nobody liked that.",
        ["He called them ‘drug holidays.’", "Nobody liked that."],
    ),
    (
        "en",
        "Stop! Wait for the nurse. Really?! That is fast.",
        ["Stop!", "Wait for the nurse.", "Really?!", "That is fast."],
    ),
    ("en", "(The study was small.) Results may change.", ["(The study was small.)", "Results may change."]),
    ("en", "(Does this apply to you?) Ask your nurse.", ["(Does this apply to you?)", "Ask your nurse."]),
    ("en", "The vaccine worked. mRNA vaccines are new.", ["The vaccine worked.", "mRNA vaccines are new."]),
    # Line breaks and text without terminal punctuation.
    ("en", "The results of\nthe study were good.", ["The results of\nthe study were good."]),
    ("en", "Questions to Ask Your Doctor", ["Questions to Ask Your Doctor"]),
    ("en", "No period here\nor here", ["No period here\nor here"]),
    ("en", "18.5%", ["18.5%"]),
    ("en", "  Two spaces around.  ", ["Two spaces around."]),
    ("en", "", []),
    ("en", " \n\t ", []),
    # Spanish.
    ("es", "La mediana fue de 18,4 meses. El estudio siguió.", ["La mediana fue de 18,4 meses.", "El estudio siguió."]),
    (
        "es",
        "La Dra. Ruiz y el Sr. Gómez hablaron con la Srta. Vega. Luego se fueron.",
        ["La Dra. Ruiz y el Sr. Gómez hablaron con la Srta. Vega.", "Luego se fueron."],
    ),
    ("es", "¿Cómo se siente hoy? ¡Mucho mejor! Gracias.", ["¿Cómo se siente hoy?", "¡Mucho mejor!", "Gracias."]),
    ("es", "¿Vienes mañana? —preguntó la enfermera.", ["¿Vienes mañana? —preguntó la enfermera."]),
    ("es", "Se aprobó en EE. UU. el año pasado.", ["Se aprobó en EE. UU. el año pasado."]),
    ("es", "Se vende en EE. UU. El precio es alto.", ["Se vende en EE. UU.", "El precio es alto."]),
    ("es", "Mide aprox. 3 cm, según la pág. 4. Es pequeño.", ["Mide aprox. 3 cm, según la pág. 4.", "Es pequeño."]),
    ("es", "Coma frutas, p. ej. Manzanas o peras, cada día.", ["Coma frutas, p. ej. Manzanas o peras, cada día."]),
    # A reference in brackets after the stop is the sentence's own (PDQ summaries rate their evidence so).
    (
        "en",
        "Fatigue may shorten survival.[Level of evidence: III] The cause is unknown.[3][4] It varies.",
        ["Fatigue may shorten survival.[Level of evidence: III]", "The cause is unknown.[3][4]", "It varies."],
    ),
    ("en", "See [the page] for more. It is [a link] here.", ["See [the page] for more.", "It is [a link] here."]),
    ("en", "It was a.[b] test of it.", ["It was a.[b] test of it."]),
    # Other Latin-script languages.
    ("fr", "M. Dupont est venu. Il était content.", ["M. Dupont est venu.", "Il était content."]),
    (
        "de",
        "Am 3. Oktober beginnt die Studie. Es gibt z. B. Äpfel.",
        ["Am 3. Oktober beginnt die Studie.", "Es gibt z. B. Äpfel."],
    ),
    ("pt", "A Dra. Lima chegou. Ela estava feliz.", ["A Dra. Lima chegou.", "Ela estava feliz."]),
    ("it", "Il Dott. Rossi è arrivato. Era contento.", ["Il Dott. Rossi è arrivato.", "Era contento."]),
    ("nl", "Dr. Jansen kwam. Hij was blij.", ["Dr. Jansen kwam.", "Hij was blij."]),
    # Scripts with their own full stops.
    ("zh", "我今天很好。你呢？我们走吧！", ["我今天很好。", "你呢？", "我们走吧！"]),
    ("ja", "「はい。」と彼は言った。次に進む。", ["「はい。」と彼は言った。", "次に進む。"]),
    ("ar", "هل تشعر بتحسن؟ نعم، أشعر بتحسن.", ["هل تشعر بتحسن؟", "نعم، أشعر بتحسن."]),
    ("hi", "मैं ठीक हूँ। आप कैसे हैं?", ["मैं ठीक हूँ।", "आप कैसे हैं?"]),
]


@pytest.mark.parametrize(("lang", "text", "expected"), CASES, ids=[f"{c[0]}-{c[1][:36]}" for c in CASES])
def test_sentence_table(lang: str, text: str, expected: list[str]) -> None:
    assert sentences(text, lang) == expected


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 40


def test_abbreviation_tables_cover_required_languages() -> None:
    assert {"en", "es", "fr", "de", "pt", "it"} <= set(TABLES)
    assert table_for("pt-BR") is TABLES["pt"]
    assert table_for("es_MX").kind("EE. UU") is Kind.MAY_END
    assert table_for("en").kind("Approx") is Kind.NEVER_ENDS  # case folded for words
    assert table_for("en").kind("V") is None  # but not for single letters: "stage V." ends a sentence


# Pieces that reach the hard rules more often than random characters do.
_PIECES = st.sampled_from(
    [
        "Dr.",
        " Dr. ",
        "U.S. ",
        "e.g. ",
        "etc. ",
        "18.4",
        " A. ",
        " The ",
        " the ",
        "...",
        "…",
        "?!",
        "“",
        "”",
        "’",
        "(",
        ")",
        "¿",
        "¡",
        "。",
        "！",
        "」と",
        "EE. UU. ",
        "z. B. ",
        "1. ",
        "\n",
        "\t",
        "\u00a0",
        " ",
        ".",
        "www.x.org",
    ]
)
_TEXTS = st.one_of(st.text(), st.lists(st.one_of(_PIECES, st.text(max_size=3)), max_size=30).map("".join))


@settings(max_examples=400, deadline=None)
@given(_TEXTS, st.sampled_from(["en", "es", "de", "fr", "zh", "ar", "xx"]))
def test_spans_are_ordered_disjoint_stripped_and_cover_the_text(text: str, lang: str) -> None:
    spans = split_sentences(text, lang)
    covered: set[int] = set()
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        assert not text[start].isspace() and not text[end - 1].isspace()
        covered.update(range(start, end))
        previous_end = end
    assert all(i in covered for i, char in enumerate(text) if not char.isspace())


_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_EMPHASIS = re.compile(r"(\*{1,3}|_{1,3})(\S(?:.*?\S)?)\1")


def test_seed_article_has_the_sentences_a_reader_counts() -> None:
    body = frontmatter.load(str(SEED)).content
    prose = headings = 0
    for paragraph in re.split(r"\n\s*\n", body):
        text = _EMPHASIS.sub(r"\2", _LINK.sub(r"\1", paragraph.strip()))
        if not text:
            continue
        if text.startswith("#"):
            headings += len(split_sentences(text.lstrip("#").strip()))
        else:
            prose += len(split_sentences(text))
    # Read by hand: 32 sentences in the prose (textstat counts 54), and two H1 headings of one each.
    assert abs(prose - 32) <= 1
    assert headings == 2
    assert abs(prose + headings - 34) <= 1


@pytest.mark.shared
def test_references_after_a_stop_end_the_sentences_of_the_real_pages(corpus: list[Path]) -> None:
    """Wherever a page's text has a stop, references in brackets and a capital, a sentence ends there."""
    found = 0
    for path in corpus:
        for block in articles.load(str(path)).blocks:
            ends = {end for _, end in split_sentences(block.text, "en")}
            for m in _REFERENCE_THEN_CAPITAL.finditer(block.text):
                found += 1
                assert m.end(1) in ends, block.text[max(0, m.start() - 60) : m.end() + 20]
    assert found > 100  # PDQ summaries for health professionals rate their evidence after many sentences


_REFERENCE_THEN_CAPITAL = re.compile(r"[.!?](?:\[[^\[\]\n]{1,80}\])+()(?= [A-Z])")
