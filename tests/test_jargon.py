"""The jargon finder: term matching, plurals, Schwartz-Hearst abbreviations and findings (our own sentences)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from simplify.articles import parse
from simplify.jargon import (
    UNDEFINED_ABBREVIATION,
    UNEXPLAINED,
    TermMatcher,
    find_abbreviations,
    find_jargon,
    plurals,
)
from simplify.jargon.evaluate import measure, page

NAMES = [
    ("lung cancer", "1"),
    ("non-small cell lung cancer", "2"),
    ("cancer", "3"),
    ("ALL", "4"),
    ("acute lymphoblastic leukemia", "5"),
    ("blood", "6"),
    ("blood test", "7"),
    ("sarcoma", "8"),
    ("metastasis", "9"),
    ("stage", "10"),
    ("WHO", "11"),
    ("will", "12"),
    ("computed tomography scan", "13"),
    ("Hodgkin lymphoma", "14"),
    ("methadone hydrochloride", "15"),
    ("bacterium", "16"),
    ("biopsy", "17"),
    ("car", "18"),
    # NCI's name list writes names in lower case, acronyms too: "pet" and "vus" are copies of these.
    ("PET scan", "19"),
    ("pet", "19"),
    ("pet scans", "19"),
    ("QZT scan", "19"),  # another name of the same term
    ("MALT lymphoma", "20"),
    ("malt", "20"),
    ("ER", "21"),
    ("ER+", "22"),
    ("ER-", "23"),
    ("VUS", "24"),
    ("vus", "24"),
    # A drug's codes in NCI's Drug Dictionary are names without a letter (an IND number, a CAS number).
    ("7921", "25"),
    ("1073059-33-2", "25"),
    ("5-FU", "26"),
    ("HER2", "27"),
]
ES_NAMES = [
    ("quimioterapia metronómica", "1"),
    ("radiación", "2"),
    ("ablación", "3"),
    ("nuez", "4"),
    ("año", "5"),
    ("linfoma no Hodgkin", "6"),
    ("linfoma", "7"),
]


@pytest.fixture(scope="module")
def en() -> TermMatcher:
    return TermMatcher.build(NAMES, "en")


@pytest.fixture(scope="module")
def es() -> TermMatcher:
    return TermMatcher.build(ES_NAMES, "es")


MATCHES = [
    ("She has non-small cell lung cancer now.", [("2", "non-small cell lung cancer")]),  # longest wins
    ("Lung cancer and then cancer.", [("1", "Lung cancer"), ("3", "cancer")]),
    ("Lung cancer, and lung cancer again.", [("1", "Lung cancer")]),  # first occurrence only
    ("Cancers grow.", [("3", "Cancers")]),  # generated plural
    ("Two sarcomas and many sarcomata.", [("8", "sarcomas")]),
    ("Distant metastases were seen.", [("9", "metastases")]),
    ("Some bacteria live there.", [("16", "bacteria")]),
    ("Biopsies were taken.", [("17", "Biopsies")]),
    ("Anticancer drugs.", []),  # whole words only
    ("The lung. Cancer is here.", [("3", "Cancer")]),  # no match across a sentence end
    ("Children with ALL get care.", [("4", "ALL")]),  # acronym in capitals
    ("All children get care.", []),  # ... and never the word
    ("The WHO says so; who knows.", [("11", "WHO")]),
    ("It will hurt.", []),  # everyday words are skipped
    ("The blood was drawn.", []),
    ("A blood test was done.", [("7", "blood test")]),  # ... but not inside a longer term
    ("Which stage is it? Stages differ.", []),  # nor their plurals
    ("A computed tomography (CT) scan.", [("13", "computed tomography (CT) scan")]),  # an aside inside
    ("Hodgkin's lymphoma is rare.", [("14", "Hodgkin's lymphoma")]),  # possessive
    ("Methadone eases pain.", [("15", "Methadone")]),  # a drug without its salt
    ("A CAR went by; the car too.", [("18", "CAR")]),
    ("HIS CAR WILL WAIT", []),  # a heading in capitals holds words, not acronyms
    ("ALL ABOUT THE WHO", []),  # ... even where the name is written in capitals
    ("ER+ AND ER- CELLS", [("22", "ER+"), ("23", "ER-")]),  # an acronym no everyday word is one there too
    ("Her pet ate malt.", []),  # a lower-case copy of an acronym matches only as the acronym
    ("Pet scans and pets.", []),  # ... nor do its plural forms
    ("A PET for MALT.", [("19", "PET"), ("20", "MALT")]),
    ("PET scans.", [("19", "PET scans")]),
    ("ER status: ER+ and ER- cells.", [("21", "ER"), ("22", "ER+"), ("23", "ER-")]),  # a sign is part of a name
    ("ER+ cells only.", [("22", "ER+")]),
    ("BRCA- and ER-related.", [("21", "ER")]),  # a hyphen inside a word is no sign
    ("Stage VI is late.", []),  # "vus" is no Latin "-us" word with a plural "vi"
    ("Of 7921 people, 1073059-33-2 took 5-FU.", [("26", "5-FU")]),  # a code without a letter is no word
]


@pytest.mark.parametrize(("text", "expected"), MATCHES)
def test_matches(en: TermMatcher, text: str, expected: list[tuple[str, str]]) -> None:
    found = en.find(text)
    assert [(m.term_id, m.text) for m in found] == expected
    assert all(text[m.start : m.end] == m.text for m in found)


ES_MATCHES = [
    ("Recibió quimioterapias metronómicas.", [("1", "quimioterapias metronómicas")]),
    ("Las radiaciones dañan.", [("2", "radiaciones")]),
    ("Una ablacion sin tilde.", [("3", "ablacion")]),  # accents fold
    ("Dos nueces.", [("4", "nueces")]),
    ("Los linfomas no Hodgkin crecen.", [("6", "linfomas no Hodgkin")]),
    ("Un ano.", []),  # "ñ" does not fold: "ano" is not "año"
]


@pytest.mark.parametrize(("text", "expected"), ES_MATCHES)
def test_spanish_matches(es: TermMatcher, text: str, expected: list[tuple[str, str]]) -> None:
    assert [(m.term_id, m.text) for m in es.find(text)] == expected


def test_first_occurrence_spans_blocks(en: TermMatcher) -> None:
    assert [[m.term_id for m in ms] for ms in en.find_all(["lung cancer", "lung cancer", "cancer"])] == [
        ["1"],
        [],
        ["3"],
    ]


def test_nci_rule_matches_everyday_words() -> None:
    nci = TermMatcher.build(NAMES, "en", zipf_threshold=None, inflect=False, acronyms=False)
    assert [m.text for m in nci.find("All the blood will go.")] == ["All", "blood", "will"]


PLURALS = [
    ("tumor", "en", ["tumors"]),
    ("lymphoma", "en", ["lymphomas", "lymphomata"]),
    ("metastasis", "en", ["metastases"]),
    ("bronchus", "en", ["bronchi", "bronchuses"]),
    ("ovary", "en", ["ovaries"]),
    ("bacterium", "en", ["bacteria", "bacteriums"]),
    ("biopsy", "en", ["biopsies"]),
    ("lymph node", "en", ["lymph nodes"]),
    ("carcinoma of unknown primary", "en", ["carcinomas of unknown primary", "carcinomata of unknown primary"]),
    ("stage II", "en", []),
    ("CT", "en", ["CTs"]),
    ("radiación", "es", ["radiaciones"]),
    ("nuez", "es", ["nueces"]),
    ("tumor", "es", ["tumores"]),
    ("herencia autosómica recesiva", "es", ["herencias autosómicas recesivas"]),
    ("cáncer de pulmón", "es", ["cánceres de pulmón"]),
    ("tórax", "es", []),
    # The head noun and the adjectives that agree with it, up to "no", a preposition or a proper name.
    ("tumor maligno", "es", ["tumores malignos"]),
    ("linfoma no Hodgkin", "es", ["linfomas no Hodgkin"]),
    ("linfoma no hodgkin", "es", ["linfomas no hodgkin"]),  # NCI's list writes names in lower case
    ("sarcoma Zorbal del hueso", "es", ["sarcomas Zorbal del hueso"]),
    ("linfoma ZQX", "es", ["linfomas ZQX"]),
    ("célula madre", "es", ["células madre"]),  # a noun in apposition does not agree ...
    ("célula madre periférica", "es", ["células madre periféricas"]),  # ... the adjectives after it do
    ("ganglio linfático centinela", "es", ["ganglios linfáticos centinela"]),
    ("célula T citotóxica", "es", ["células T citotóxicas"]),  # a letter is no proper name
    # Unstressed "-en": the stress moves back a syllable and is written.
    ("examen", "es", ["exámenes"]),
    ("régimen", "es", ["regímenes"]),
    ("origen", "es", ["orígenes"]),
    ("resumen de la historia", "es", ["resúmenes de la historia"]),
    ("tren", "es", ["trenes"]),  # one syllable: nothing to move
    ("bien", "es", ["bienes"]),
]


@pytest.mark.parametrize(("name", "lang", "expected"), PLURALS)
def test_plurals(name: str, lang: str, expected: list[str]) -> None:
    assert plurals(name, lang) == expected


ABBREVIATIONS = [
    ("The Federal Widget Office (FWO) approved it.", [("FWO", "Federal Widget Office")]),
    ("Ask the FWO (Federal Widget Office) first.", [("FWO", "Federal Widget Office")]),
    ("Kids with quick lumpy liver (QLL) rest.", [("QLL", "quick lumpy liver")]),
    ("A heat pump protein 7 (HPP7) binds.", [("HPP7", "heat pump protein 7")]),
    ("A soft scan (SS; in 2020) and a hard scan (HS).", [("SS", "soft scan"), ("HS", "hard scan")]),
    ("It grew (see below).", []),
    ("In 2021 (Roe and Doe) wrote.", []),
    ("A big bad wolf (XYZ) howled.", []),  # the letters are not in the words
    # Square brackets, as inside a parenthesis: the long form starts after the parenthesis opens.
    ("It rose (wobble index [WI], 1.4) in all.", [("WI", "wobble index")]),
    # A key under a table or a figure: "SF = long form", each up to a semicolon or a full stop.
    ("QX = quixotic xenograft; ZR = zonal rash.", [("QX", "quixotic xenograft"), ("ZR", "zonal rash")]),
    ("A zonal rash (ZR) and QX = quixotic xenograft", [("ZR", "zonal rash"), ("QX", "quixotic xenograft")]),
    ("n = 12; HR = 0.5; bid = twice daily", []),  # numbers and letters that spell nothing
    # A short form and its long form ending in the same word: the short form is of the words before it.
    ("It is called widget receptor positive (WR positive).", [("WR", "widget receptor")]),
    ("It is called widget receptor positive (WR negative).", []),
]


@pytest.mark.parametrize(("text", "expected"), ABBREVIATIONS)
def test_abbreviations(text: str, expected: list[tuple[str, str]]) -> None:
    found = find_abbreviations(text)
    assert [(a.short, a.long) for a in found] == expected
    for a in found:
        assert text[a.start : a.end] == a.short
        assert text[a.long_start : a.long_end] == a.long


ARTICLE = """---
title: Test page
language: en
---

# About lung cancer

The Federal Widget Office (FWO) says lung cancer is common.

Doctors use a QZX test, and the FWO agrees.

A [biopsy](https://www.cancer.gov/Common/PopUps/popDefinition.aspx?id=45&version=Patient&language=English)
may find zorblatic cells.

Another QZX test follows.
"""


def test_findings_with_lines(en: TermMatcher) -> None:
    report = find_jargon(parse(ARTICLE, path="page.md"), en)
    assert [(a.abbreviation.short, a.line) for a in report.abbreviations] == [("FWO", 8)]
    assert [(f.rule, f.line, f.path) for f in report.findings] == [
        (UNDEFINED_ABBREVIATION, 10, "page.md"),
        (UNEXPLAINED, 13, "page.md"),
    ]
    assert '"QZX"' in report.findings[0].message
    assert '"zorblatic"' in report.findings[1].message
    assert [(t.term_id, t.linked) for t in report.linked] == [("45", True)]
    assert [(t.term_id, t.text, t.line) for t in report.unlinked] == [("1", "lung cancer", 6)]


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # Words of a name or title do not mean the term: its first use is the next one outside a name ...
        ("It ran in the Journal of Sarcoma Research. Later a sarcoma grew.", [("8", "sarcoma", 6)]),
        ("The Sarcoma Society met.\n\nA big\nsarcoma grew.", [("8", "sarcoma", 9)]),
        # ... or none at all.
        ("The Sarcoma Society met.", []),
        # ... also where the name opens a block: the term's words after its first in capitals are a title's.
        ("- Blood Test Summary Index\n- A blood test ran.", [("7", "blood test", 7)]),
        ("**Ovarian, Blood Test, and Other** Lumps\n\nA blood test ran.", [("7", "blood test", 8)]),
        # A sentence may begin with the term, and a heading in capitals at each word holds it.
        ("It grew. Sarcoma is rare.", [("8", "Sarcoma", 6)]),
        ("Blood test results came.", [("7", "Blood test", 6)]),
        ("# Treating Sarcoma Today\n\nIt grew.", [("8", "Sarcoma", 6)]),
    ],
)
def test_a_term_inside_a_name_is_found_at_its_next_use(
    en: TermMatcher, body: str, expected: list[tuple[str, str, int]]
) -> None:
    report = find_jargon(parse(f"---\ntitle: T\nlanguage: en\n---\n\n{body}\n", path="p.md"), en)
    assert [(t.term_id, t.text, t.line) for t in report.unlinked] == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # A term that is a mass noun, counted, is another thing ("this observation" is a finding): its first use
        # is the next one that is not counted.
        ("This observation held, as did an observation before.\n\nObservation is best.", [("1", "Observation", 8)]),
        ("The same observation held. These observations held. An odd observation held.", []),
        ("After surgery, observation is best.", [("1", "observation", 6)]),
        # With "the" it is a finding too ("the recent observation that …"), unless it names the approach in
        # a compound: "the observation group", "the observation-alone arm".
        ("The recent observation that it held. The observation of it held.", []),
        ("Those in the observation group did well.", [("1", "observation", 6)]),
        ("Those in the observation-alone arm did well.", [("1", "observation", 6)]),
    ],
)
def test_a_mass_noun_counted_is_no_use_of_it(body: str, expected: list[tuple[str, str, int]]) -> None:
    matcher = TermMatcher.build([("observation", "1")], "en")
    report = find_jargon(parse(f"---\ntitle: T\nlanguage: en\n---\n\n{body}\n", path="p.md"), matcher)
    assert [(t.term_id, t.text, t.line) for t in report.unlinked] == expected


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # The glossary's "sensitivity" is a test's: in a sentence that speaks of a test, and not "to" something.
        ("The scan had a sensitivity of 80 percent.", [("1", "sensitivity", 6)]),
        ("Both sensitivity and specificity were high.", [("1", "sensitivity", 6)]),
        ("The blood test has low sensitivity.", [("1", "sensitivity", 6)]),
        # A body's sensitivity is another thing, and its first use the next one that is a test's.
        ("Soaps can trigger sensitivities in some people. The exam has high sensitivity.", [("1", "sensitivity", 6)]),
        ("Cells gain sensitivity to the drug in 30% of tumors.", []),
        ("Sun sensitivity shows early.", []),
        ("The sensitivity to detect small tumors was low.", [("1", "sensitivity", 6)]),
        # A carrier has a gene change: a symbol with a digit or a gene word in the sentence says so.
        ("Of the 40 XYZ1 carriers, few were ill.", [("2", "carriers", 6)]),
        ("Mutation carriers were tested.", [("2", "carriers", 6)]),
        ("Blood cells are carriers of oxygen. Mix it with a carrier oil.", []),
        # Spanish the same.
        ("La prueba tiene una sensibilidad alta.", [("3", "sensibilidad", 6)]),
        ("Hay sensibilidad a la luz del sol.", []),
        ("Los portadores de una mutación en BRCA1 se hacen pruebas.", [("4", "portadores", 6)]),
        ("Los glóbulos rojos son portadores de oxígeno.", []),
        # An aggressive tumor is the glossary's; an aggressive treatment is not (its first sentence says a tumor's).
        ("It needs more aggressive systemic treatment. It is an aggressive tumor.", [("5", "aggressive", 6)]),
        ("An aggressive surgical approach helped.", []),
        ("It needs aggressive doxorubicin-based combination chemotherapy.", []),
        ("They had aggressive local and combined modality treatments.", []),
        ("An aggressive tumor that needs treatment grew.", [("5", "aggressive", 6)]),
        ("An aggressive disease needs treatment.", [("5", "aggressive", 6)]),
        ("Aggressive complaining is a sign.", []),
        # A capsule wraps a tumor or an organ, not a seed or a dose.
        ("Seeds or capsules that contain a radiation source are placed in the tumor.", []),
        ("Take the ground root in a capsule.", []),
        ("The tumor broke through its capsule.", [("6", "capsule", 6)]),
        # A variant is a gene's; a membrane a sheet of tissue; plasma the blood's.
        ("This rare variant of widget lymphoma grows fast. The follicular variant is rare.", []),
        ("An inherited variant in XYZ1 was found.", [("7", "variant", 6)]),
        ("If the tumor has an XYZ variant, a pill may help.", [("7", "variant", 6)]),
        ("XYZ1 fusions mark the fibrosarcoma-like variants and the large cell variant.", []),
        ("Drugs go through the cell membrane. A membrane lines the belly.", [("8", "membrane", 6)]),
        ("It sits in the membrane of melanosomes.", []),
        ("Plasma cell tumors grew. The plasma levels rose.", [("9", "plasma", 6)]),
        # A reduction is a chemical one; T4 the thyroid's hormone; a recurrence risk a family's; a concentration a
        # substance's; cervical the neck's; a filter a device.
        ("Risk reduction helped. Reduction of the iron by hydrogen followed.", [("10", "Reduction", 6)]),
        ("| IIIB | T4, N0, M0 |\n\nHer thyroid made T4 hormone.", [("11", "T4", 8)]),
        ("The recurrence risk was low after surgery.", []),
        ("The recurrence risk for her siblings was 25%.", [("12", "recurrence risk", 6)]),
        ("Diminished concentration and memory and concentration problems are common.", []),
        ("Blood concentrations of the drug rose.", [("13", "concentrations", 6)]),
        ("Stage cervical and vaginal cancer early. Cervical lymph nodes swelled.", [("14", "Cervical", 6)]),
        ("You can filter trials by place. A filter keeps clots out.", [("15", "filter", 6)]),
        # A survivor has had cancer; anatomy is the field, not a part's make-up.
        ("It affects survivors of stressful events. Survivors of childhood cancer too.", [("16", "Survivors", 6)]),
        ("Anatomy of the bone.\n\nAnatomy is taught in school.", [("17", "Anatomy", 8)]),
    ],
)
def test_a_word_in_a_sense_the_glossary_does_not_give_it_is_no_use(
    body: str, expected: list[tuple[str, str, int]]
) -> None:
    lang = "es" if " la " in f" {body.lower()} " or " los " in f" {body.lower()} " else "en"
    names = (
        [("sensibilidad", "3"), ("portador", "4")]
        if lang == "es"
        else [
            ("sensitivity", "1"),
            ("carrier", "2"),
            ("aggressive", "5"),
            ("capsule", "6"),
            ("variant", "7"),
            ("membrane", "8"),
            ("plasma", "9"),
            ("reduction", "10"),
            ("T4", "11"),
            ("recurrence risk", "12"),
            ("concentration", "13"),
            ("cervical", "14"),
            ("filter", "15"),
            ("survivor", "16"),
            ("anatomy", "17"),
        ]
    )
    matcher = TermMatcher.build(names, lang)
    report = find_jargon(parse(f"---\ntitle: T\nlanguage: {lang}\n---\n\n{body}\n", path="p.md"), matcher)
    assert [(t.term_id, t.text, t.line) for t in report.unlinked] == expected


def test_a_word_editors_link_holds_in_any_sense() -> None:
    href = "https://www.cancer.gov/Common/PopUps/popDefinition.aspx?id=1&version=Patient"
    body = f"Cells gain [sensitivity]({href}) to the drug. Later, sensitivity to light grew."
    report = find_jargon(
        parse(f"---\ntitle: T\nlanguage: en\n---\n\n{body}\n", path="p.md"),
        TermMatcher.build([("sensitivity", "1")], "en"),
    )
    assert [t.term_id for t in report.linked] == ["1"]


@pytest.mark.parametrize(("given", "expected"), [("45", ["45"]), ("CDR0000000045", ["45"]), ("abc", []), ("0", [])])
def test_without_a_resolver_a_link_counts_by_its_cdr_number_alone(
    en: TermMatcher, given: str, expected: list[str]
) -> None:
    href = f"https://www.cancer.gov/Common/PopUps/popDefinition.aspx?id={given}&version=Patient"
    report = find_jargon(parse(f"---\ntitle: T\nlanguage: en\n---\n\nA [biopsy]({href}) grew.\n", path="p.md"), en)
    assert [t.term_id for t in report.linked] == expected


UNEXPLAINED_WORDS = [
    # A term explains its words in the plural and the singular too (the matcher finds a term once).
    ("A sarcoma grew. Later sarcomas grew.", []),
    ("Sarcomas grew. Later a sarcoma grew.", []),
    ("A metastasis grew. Later metastases grew.", []),
    ("A sarcoma grew. Later sarcomatoid cells grew.", ["sarcomatoid"]),  # another word, not a form
    # ... and in English its verb's "-ing" and "-ed" forms.
    ("A biopsy was done. Later the node was biopsied.", []),
    # Capitals joined to a common word: nothing but the capitals to explain, and they are the other rule's.
    ("An NCI-supported trial and a zorbic-supported one.", ["zorbic-supported"]),
    # A person's name: capitalised everywhere, and inside a sentence somewhere (titles and initials
    # do not end a sentence), or just before such a name.
    ("Zelmira Q. Zorbikov led it. Later, Dr. Zorbikov spoke. Zorbikov agreed.", []),
    ("Zelmira Zorbikov led it.", []),
    ("Zorbikov agreed.", ["Zorbikov"]),  # only ever first in a sentence: nothing says it is a name
    ("Zorblatic cells grow. Zorblatic cells die.", ["Zorblatic"]),  # only ever first: may be anything
    ("Zorblatic cells grow. The Zorblatic cells and zorblatic ones.", ["Zorblatic"]),  # also in lower case
    ("We saw zorblatic cells. Then Zorblatic cells.", ["zorblatic"]),
    # No word to explain: a respelling, a name in inner capitals, a footnote letter fused to a common word,
    # "un-" or "non-" before a common word; before a rare word it still is one.
    (
        "Ask ZorbPlus (zor-BLAT-ik) for unapproved and nonsmoking aReprinted Controlb. Then unzorblatic ones.",
        ["unzorblatic"],
    ),
]


UNDEFINED_ABBREVIATIONS = [
    ("The QZX2 test was done.", ["QZX2"]),
    # A glossary term explains the abbreviation at every use, digits and all, not only where it was found.
    ("The HER2 test was done.\n\nLater the HER2 test came back.", []),
    # No long form to spell out: a substage, a trial's or a drug's code, a protein change.
    ("Stage IIIB and IVA1 came back after IVF. So did IID.", ["IVF"]),
    ("The NCT01234567 and QZXW-0123 trials gave QZX4567 to people with V600E or T790M.", []),
    # Codes of fewer letters stand for words ("CA-125", "CD117"), as does "A1C".
    ("The QZX-12 scale, the QZ-125 and QZ125 tests and the A1C.", ["QZX-12", "QZ-125", "QZ125", "A1C"]),
    # Nor do an author's initials in a citation or a state in an address.
    ("In: Zorbikov QB, Marlow QC, et al., eds.: A book. New York, NY: A press; Farmington, CT 06032.", []),
    ("Zorbikov QB, Marlow QC: A paper. Zorbikov QD et al. said so.", []),
    # Lists of tests and sites are no citations or addresses.
    ("In Hodgkin Lymphoma, CT scans and the QR were done.", ["CT", "QR"]),
    (
        "Ultrasound, CT, and MRI were done. Sites: Breast QCIS, Lung QCC, and Skin QBC.",
        ["CT", "MRI", "QCIS", "QCC", "QBC"],
    ),
    ("Tests done: Blood QBC, and a scan. Care team: Nurse NP, a doctor.", ["QBC", "NP"]),
    # A gene's symbol says what it is by the word after it.
    ("The QZX2 gene, QZX3 mutations and the QZX5 protein were found by the QZX4 test.", ["QZX4"]),
    # ... from there on, not before.
    ("QZX2 is rare. The QZX2 gene and QZX3 mutations.\n\nLater QZX3 came back, as did QZX2.", ["QZX2"]),
    ("The QZX6 gene is rare. QZX6 is studied.", []),
    # ... after a list of them, and before them where the language puts the noun first.
    ("The QZX7 and QZX8 genes, and the genes QZX9, QZX10 and QZX11.", []),
    # A trial's name is a name: the reader is told what it names, and from there on it needs no long form.
    ("The QZXUM trial and the QZXAB and QZXCD trials. The QZXUM results came.", []),
    ("The QZXEF results came before the QZXEF study.", ["QZXEF"]),
    # After "a" or "an", capitals before "study" or "trial" say who ran it: an abbreviation like any other.
    ("An QZXIJ study and a QZXKL trial; a QZX12 gene.", ["QZXIJ", "QZXKL"]),
    # English "study" is not read before capitals: they are seldom a study's name there.
    ("In this study QZXGH scientists found it.", ["QZXGH"]),
    # Another name of a term already used is a glossary name too; its capitals alone are not.
    ("A PET scan (QZT scan) was done.\n\nThe QZT scan came back.", []),
    ("A PET scan was done. The QZT came back.", ["QZT"]),
    # Each side of a slash, and a short form's first word where its second ends the long form.
    (
        "An atypical zorbic/rhabdoid teratoma (AZ/RT) and then RT. Hormone zorb positive (HZ positive), or HZ gone.",
        [],
    ),
    # Hyphenated capitals whose parts are each explained; a letter or a number alone is a part's mark.
    ("A positron zorb (PZ) and a core tomography (CT): a PZ-CT, a B-PZ, a PZ-2, and a QZ-CT.", ["QZ-CT"]),
    # A TNM category that cannot be assessed, and a city's quarter after a street.
    ("Stage TX, NX, or GX. Write to 600 Zorb Avenue, NW, or Zorb St. SE.", []),
]


@pytest.mark.parametrize(("body", "expected"), UNDEFINED_ABBREVIATIONS)
def test_undefined_abbreviations(en: TermMatcher, body: str, expected: list[str]) -> None:
    report = find_jargon(parse(f"---\ntitle: T\nlanguage: en\n---\n\n{body}\n", path="page.md"), en)
    found = [f.message.split('"')[1] for f in report.findings if f.rule == UNDEFINED_ABBREVIATION]
    assert found == expected


def test_undefined_abbreviations_named_first_in_spanish(es: TermMatcher) -> None:
    body = "El ensayo QZXAB y los genes QZX1 y QZX2 se vieron en QZXCD. Luego QZXAB y QZX2 otra vez."
    report = find_jargon(parse(f"---\ntitle: T\nlanguage: es\n---\n\n{body}\n", path="page.md"), es)
    assert [f.message.split('"')[1] for f in report.findings if f.rule == UNDEFINED_ABBREVIATION] == ["QZXCD"]


def test_every_verb_form_of_a_one_word_name_is_read_back_to_it() -> None:
    """The check finds what an "-ing" or "-ed" form is made from by undoing its ending (inflect.verb_stems)."""
    from simplify.glossary.index import load_glossary
    from simplify.jargon.inflect import english_verb_forms
    from simplify.jargon.inflect import verb_stems as _stems

    names = {e.name("en") for e in load_glossary().entries() if e.name("en") and " " not in (e.name("en") or "")}
    pairs = [(name, form) for name in names if name for form in english_verb_forms(name)]
    assert len(pairs) > 100 and all(name in _stems(form) for name, form in pairs)
    assert all(name in _stems(form) for name in ("die", "stop", "biopsy") for form in english_verb_forms(name))


@pytest.mark.parametrize(("body", "expected"), UNEXPLAINED_WORDS)
def test_unexplained_words(en: TermMatcher, body: str, expected: list[str]) -> None:
    report = find_jargon(parse(f"---\ntitle: T\nlanguage: en\n---\n\n{body}\n", path="page.md"), en)
    assert [word for word, _ in report.unexplained] == expected


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from([*"aAlL éñ()-+.'’sS\n", "ER", "lung", "cancer", "ALL", "blood", "test", "(CT)"])).map(
        "".join
    )
    | st.text()
)
def test_matcher_never_raises(en: TermMatcher, text: str) -> None:
    matcher = en
    for m in matcher.find(text):
        assert 0 <= m.start < m.end <= len(text)
        assert text[m.start : m.end] == m.text
    for a in find_abbreviations(text):
        assert 0 <= a.start < a.end <= len(text)


# Short acronyms our own glossary of this test gives a meaning, and what a page may mean by them instead.
SHORT = [("QX", "31"), ("quixotic xenograft", "31"), ("IV", "32"), ("intravenous", "32"), ("ZR", "33")]
_TABLE = "| Place | Count |\n| --- | --- |\n| QX-Quixotia | 5 |\n| ZR-Zarland | 7 |\n|  |  |\n| TOTAL | 12 |"


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # A short acronym in running text is a use of the term ...
        ("Doctors ran a QX today.", [("31", "QX", 6)]),
        # ... but not as a stressed syllable of a pronunciation respelling: the term's next use counts.
        ("Blorinib\n\n(bloh-QX-ih-nib)", []),
        ("Blorinib (BLOR-ih-nib ZR-uh-kate) is new.\n\nA ZR works.", [("33", "ZR", 8)]),
        # A respelling of two syllables is too like a compound ("ZR-positive").
        ("It is (ZR-positive) now.", [("33", "ZR", 6)]),
        # Nor in a table column of codes (states: "QX-Quixotia"), labels in capitals around them.
        (_TABLE, []),
        (f"{_TABLE}\n\nThe QX grew.", [("31", "QX", 13)]),
        ("| Place | Count |\n| --- | --- |\n| QX-Quixotia | 5 |\n| Zarland | 7 |", [("31", "QX", 8)]),
        # Nor as a Roman numeral ...
        ("The tumor was stage IV.", []),
        ("The tumor was stage IV. An intravenous line went in.", [("32", "intravenous", 6)]),
        # ... nor where the page explains the word itself, in other words than the term's.
        ("The inner QX (the small opening at the top) shut.", []),
        ("The QX (quite a xenograft of cells) grew.", [("31", "QX", 6)]),
        # A page that defines the acronym means the term wherever it writes it ...
        ("A quixotic xenograft (QX) grew.\n\n" + _TABLE, [("31", "quixotic xenograft", 6)]),
        ("QX = quixotic xenograft.\n\nThe QX grew.", [("31", "QX", 6)]),
        # ... unless it defines it as something else: then the term is nowhere, in a key or in parentheses ...
        ("A quiet xylophone (QX) played.\n\nThe QX was loud.", []),
        ("QX = quiet xylophone; ZR = zonal rash.\n\nThe QX was loud.", []),
        # ... nor in a longer code it defines ("QX-B"), where the acronym alone still is the term.
        ("The QX-B (quick x-ray board) met.\n\nA QX grew.", [("31", "QX", 8)]),
        # A numeral that numbers a stage or a group is none, even where the page defines the letters ...
        ("The tumor was stage IV.\n\nAn intravenous (IV) line went in.", [("32", "intravenous", 8)]),
        ("It was grade II, III or IV.\n\nAn intravenous (IV) line went in.", [("32", "intravenous", 8)]),
        (
            "It was stages IIB, IIIB with bulky disease, and IV.\n\nAn intravenous (IV) line went in.",
            [("32", "intravenous", 8)],
        ),
        (
            "| Stage | Spread |\n| --- | --- |\n| IV | Far |\n\nAn intravenous (IV) line went in.",
            [("32", "intravenous", 10)],
        ),
        # ... and nor are a person's initials in a list of authors.
        ("Adapted from Roe QX, Doe ZR. Tumors, 2020.\n\nA QX grew.", [("31", "QX", 8)]),
        ("As Roe QX et al. showed,\na QX grew.", [("31", "QX", 7)]),
    ],
)
def test_a_short_acronym_that_stands_for_something_else_is_no_use_of_the_term(
    body: str, expected: list[tuple[str, str, int]]
) -> None:
    report = find_jargon(parse(f"---\ntitle: T\nlanguage: en\n---\n\n{body}\n", path="p.md"), _short())
    assert [(t.term_id, t.text, t.line) for t in report.unlinked] == expected


def _short() -> TermMatcher:
    return TermMatcher.build(SHORT, "en")


def test_the_measure_counts_uses_as_the_report_does() -> None:
    """A page that links a short acronym means the term by it, even where it stands as a code: found."""
    link = "[QX](https://www.cancer.gov/Common/PopUps/popDefinition.aspx?id=31)"
    linked = page(parse(f"---\ntitle: T\nlanguage: en\n---\n\n{_TABLE.replace('QX', link)}\n", path="p.md"))
    plain = page(parse(f"---\ntitle: T\nlanguage: en\n---\n\n{_TABLE}\n", path="p.md"))
    assert linked.truth == {"31"}
    assert measure(_short(), [linked], {"31"}).found == 1
    assert measure(_short(), [plain], {"31"}).extra_per_1k == 0  # the codes are no extra terms


def test_a_code_is_read_only_as_far_as_a_code_reaches_either_way() -> None:
    """A code longer than that is none: the acronym alone is looked up, on both sides alike."""
    from simplify.jargon.report import code_at

    assert code_at("The QX-B-2 met.", 4, 6) == "QX-B-2"
    assert code_at("The A-QX met.", 6, 8) == "A-QX"
    chain = "-B" * 20
    assert code_at(f"QX{chain} met.", 0, 2) == "QX"
    assert code_at(f"{chain[1:]}-QX met.", len(chain), len(chain) + 2) == "QX"


def test_finding_jargon_takes_time_that_grows_with_the_text_not_its_square() -> None:
    """Articles are untrusted: each acronym of a long hyphenated run ("IV-IV-...") must cost about the same."""
    import time

    matcher = TermMatcher.build(SHORT, "en")

    def seconds(size: int) -> float:
        article = parse(f"---\ntitle: T\nlanguage: en\n---\n\n{'IV-' * (size // 3)}IV\n", path="p.md")
        best = float("inf")
        for _ in range(3):
            started = time.perf_counter()
            find_jargon(article, matcher)
            best = min(best, time.perf_counter() - started)
        return best

    small, large = seconds(4_000), seconds(40_000)
    assert large < 25 * small, (small, large)  # 10 times the text; the square would be 100 times the time
