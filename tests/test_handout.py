"""Handouts: what they hold, how they are built, and that untrusted articles cannot harm them."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from conftest import SEED
from htmltext import Page
from markdown_it import MarkdownIt

from simplify import articles
from simplify.cli import cli
from simplify.config import Settings
from simplify.errors import ArticleError, SimplifyError
from simplify.files import inside, slugify
from simplify.handout import Handouts, handout_slug
from simplify.handout.body import body_html, body_markdown
from simplify.handout.catalogs import HANDOUT_LANGUAGES
from simplify.handout.content import clean_title, is_key_point, key_points
from simplify.handout.kinds import PARENT_QUESTIONS, QUESTIONS, kind_of


def html_of(handouts: Any, article: Any, tmp_path: Path, **kw: Any) -> str:
    written = handouts.write(article, tmp_path, formats=["html"], **kw)
    return str(written[0].path.read_text(encoding="utf-8"))


def article(body: str, **meta: str) -> Any:
    front = {"title": "A test page", "language": "en", **meta}
    head = "\n".join(f"{k}: {v}" for k, v in front.items())
    return articles.parse(f"---\n{head}\n---\n\n{body}\n", path="test.md")


# -- what a handout holds -------------------------------------------------------------------------


def test_seed_handout_has_every_part_in_order(handouts: Any, seed_article: Any, tmp_path: Path) -> None:
    html = html_of(handouts, seed_article, tmp_path)
    page = Page(html)
    headings = [p for p in page.paragraphs if p in ("Key points", "Words to know", "About this handout")]
    assert headings == ["Key points", "Words to know", "About this handout"]
    assert "Questions to ask your health care team" in page.paragraphs
    assert page.headings.count(1) == 1 and page.headings[0] == 1
    assert page.paragraphs[1] == "Daratumumab for Multiple Myeloma Improves Progression-Free Survival"  # no " - NCI"
    # Jargon is explained at first use, and listed with its plain definition.
    assert re.search(r"phase III clinical trial\. \(Progression-free survival: how long", page.text)
    assert "Source: National Cancer Institute (NCI). Reviewed: December 30, 2025." in page.text
    assert "https://www.cancer.gov/types/myeloma/research/daratumumab-castor-pollux" in page.text
    assert "public domain" in page.text
    assert (
        '<svg role="img" aria-label="https://www.cancer.gov/types/myeloma/research/daratumumab-castor-pollux"' in html
    )
    assert re.search(r"the article is at school grade \d+\.\d; this handout is at grade \d+\.\d", page.text)
    assert "logo" not in html.lower()


def test_no_heading_level_is_skipped_and_landmarks_hold_the_page(
    handouts: Any, corpus: list[Path], tmp_path: Path
) -> None:
    pdq = next(p for p in corpus if p.name.endswith("-pdq.md"))
    page = Page(html_of(handouts, articles.load(str(pdq)), tmp_path))
    assert page.headings.count(1) == 1
    for before, after in zip(page.headings, page.headings[1:], strict=False):
        assert after <= before + 1, page.headings
    roots = [tag for tag, _ in page.tags]
    assert roots[:1] == ["html"] and {"header", "main", "footer"} <= set(roots)


def test_root_has_lang_and_dir_and_the_body_says_its_own_language(
    handouts: Any, seed_article: Any, tmp_path: Path
) -> None:
    page = Page(html_of(handouts, seed_article, tmp_path, langs=["ar"]))
    assert page.tags[0] == ("html", {"lang": "ar", "dir": "rtl"})
    assert ("div", {"class": "article", "lang": "en", "dir": "ltr"}) in page.tags


def test_large_print_is_at_least_18_points(handouts: Any, seed_article: Any, tmp_path: Path) -> None:
    html = html_of(handouts, seed_article, tmp_path, large_print=True)
    assert '<html lang="en" dir="ltr" class="large-print">' in html
    size = re.search(r"html\.large-print \{ font-size: (\d+)pt", html)
    assert size and int(size.group(1)) >= 18
    normal = re.search(r"html \{ font-size: (\d+)pt", html)
    assert normal and 12 <= int(normal.group(1)) <= 14


def test_self_contained_no_request_to_any_host(handouts: Any, corpus: list[Path], tmp_path: Path) -> None:
    with_images = next(p for p in corpus if "![" in p.read_text(encoding="utf-8"))
    html = html_of(handouts, articles.load(str(with_images)), tmp_path)
    page = Page(html)
    for tag, attrs in page.tags:
        assert tag not in ("img", "script", "link", "iframe", "object", "embed", "video", "audio"), (tag, attrs)
        assert "src" not in attrs and "srcset" not in attrs
    assert "@import" not in html and "url(" not in html


@pytest.mark.parametrize(
    ("url", "kind"),
    [
        ("https://www.cancer.gov/about-cancer/treatment/side-effects/nausea", "side-effects"),
        ("https://www.cancer.gov/types/colorectal/screening", "screening"),
        ("https://www.cancer.gov/types/myeloma/research/daratumumab-castor-pollux", "research"),
        ("https://www.cancer.gov/news-events/cancer-currents-blog/2024/x", "research"),
        ("https://www.cancer.gov/about-cancer/coping/feelings", "coping"),
        ("https://www.cancer.gov/about-cancer/treatment/drugs/abemaciclib", "treatment"),
        ("https://www.cancer.gov/types/breast/patient/breast-treatment-pdq", "treatment"),
        ("https://www.cancer.gov/espanol/tipos/seno/paciente/tratamiento-seno-pdq", "treatment"),
        ("https://www.cancer.gov/types/liver/what-is-liver-cancer", "general"),
        ("https://www.cancer.gov/types/prostate/patient/prostate-prevention-pdq", "prevention"),
        ("https://www.cancer.gov/types/breast/causes-risk-factors", "prevention"),
        ("https://www.cancer.gov/espanol/tipos/seno/paciente/prevencion-seno-pdq", "prevention"),
        ("https://www.cancer.gov/types/widget/research/widget-prevention-trial", "research"),  # news first
        ("https://www.cancer.gov/types/widget/screening-and-prevention", "screening"),
        # A test's fact sheet is a screening page; inherited risk and moles are about risk.
        ("https://www.cancer.gov/types/prostate/psa-fact-sheet", "screening"),
        ("https://www.cancer.gov/types/colorectal/hp/colorectal-genetics-pdq", "prevention"),
        ("https://www.cancer.gov/types/skin/moles-fact-sheet", "prevention"),
    ],
)
def test_questions_are_chosen_by_the_articles_kind(url: str, kind: str) -> None:
    assert kind_of(article("Some text.", url=url)) == kind


@pytest.mark.parametrize(
    ("url", "title", "kind"),
    [
        ("https://www.cancer.gov/types/widget/support", "Emotional Support for Teens with Widgetoma", "coping"),
        ("https://www.cancer.gov/types/widget/video", "Caring for a Child with Widgetoma", "coping"),
        ("https://www.cancer.gov/types/widget/caregivers", "Helping at Home", "coping"),
        ("https://www.cancer.gov/types/widget/fertility", "Having Children after Widgetoma", "side-effects"),
        ("https://www.cancer.gov/types/widget/choices-video", "Surgery Choices for Widgetoma", "treatment"),
        ("https://www.cancer.gov/types/widget/hp/transplant", "Widget Cell Transplants in Children", "treatment"),
        ("https://www.cancer.gov/types/widget/hp/car-t", "Widget T-Cell Therapy", "treatment"),
        ("https://www.cancer.gov/types/widget", "What Is Widgetoma?", "general"),
    ],
)
def test_the_title_tells_the_kind_where_the_address_does_not(url: str, title: str, kind: str) -> None:
    assert kind_of(article("Some text.", url=url, title=f"'{title}'")) == kind


def test_every_kind_has_questions() -> None:
    assert all(len(q) >= 4 for q in QUESTIONS.values())
    assert all(len(q) >= 4 for q in PARENT_QUESTIONS.values())


TREATMENT_URL = "https://www.cancer.gov/types/widget/patient/child-widget-treatment-pdq"
TO_PARENTS = "Your child may have a widgetoma. Tests find it in your child. Doctors treat your child."


@pytest.mark.parametrize(
    ("body", "url", "questions"),
    [
        # A page written to a child's parents asks of the child: "your child" again and again.
        (TO_PARENTS, TREATMENT_URL, PARENT_QUESTIONS["treatment"]),
        (TO_PARENTS, "https://www.cancer.gov/types/widget/what-is-widgetoma", PARENT_QUESTIONS["general"]),
        (
            "Su hijo tiene un widgetoma. Su hija también. Sus hijos reciben tratamiento.",
            TREATMENT_URL,
            PARENT_QUESTIONS["treatment"],
        ),
        # Not a page that names children once or twice, nor a kind whose questions fit parents as they are.
        ("Your child may have a widgetoma. Tests find it in your child.", TREATMENT_URL, QUESTIONS["treatment"]),
        (TO_PARENTS, "https://www.cancer.gov/types/widget/screening", QUESTIONS["screening"]),
    ],
)
def test_a_page_written_to_parents_gets_a_parents_questions(body: str, url: str, questions: tuple[str, ...]) -> None:
    from simplify.handout.kinds import questions_for

    page = article(body, url=url)
    assert questions_for(kind_of(page), page) == questions


def test_key_points_come_from_the_lead_and_skip_attributions() -> None:
    body = (
        "# Heading\n\nA new drug helps people live longer. More detail here.\n\n"
        '"It works," said Jane Doe, M.D., of a hospital.\n\nThe drug is a pill. It is taken daily.\n\n'
        "## Later\n\nThis is not the lead."
    )
    assert key_points(article(body)) == ("A new drug helps people live longer.", "The drug is a pill.")


def test_key_points_are_the_articles_own_where_it_lists_them() -> None:
    """PDQ summaries open their sections with a "Key Points" list: the page's points, not its generic lead."""
    body = (
        "# Widget Screening\n\n## What Is Screening?\n\nScreening is looking for lumps before they hurt.\n\n"
        "## General Information\n\n### Key Points\n\n- Widgetomas are lumps that form in widget cells.\n"
        "- Widgetomas are the most common lumps in old widgets.\n- Tests that have been studied include:\n"
        "  - Widget scan\n\n### Widgetomas are lumps.\n\nText.\n\n## Screening\n\n### Key Points\n\n"
        "- Screening for widgetomas may not help a widget last longer.\n- More points that are not needed here.\n"
    )
    assert key_points(article(body)) == (
        "Widgetomas are lumps that form in widget cells.",
        "Widgetomas are the most common lumps in old widgets.",
        "Screening for widgetomas may not help a widget last longer.",  # a short list goes on with the next
    )
    heading = "### Key points for widget owners"  # not the heading of such a list
    assert key_points(article(body.replace("### Key Points", heading))) == (
        "Screening is looking for lumps before they hurt.",
    )


_TREATMENT_SUMMARY = (
    "# Widgetoma Treatment\n\n## General Information\n\n### Key Points\n\n"
    "- Widgetoma is a disease in which lumps form in widget cells.\n- Widgetomas are most common in old widgets.\n"
    "- Signs of widgetoma include a rattle and a squeak.\n\n### Widgetoma is a disease.\n\nText.\n\n"
    "## Treatment Option Overview\n\n### Key Points\n\n- There are different types of treatment for widgetoma.\n"
    "- The following types of treatment are used:\n- Surgery\n- Widget therapy\n"
    "- New types of treatment are being tested in clinical trials.\n- Gadget therapy\n\n"
    "#### Surgery\n\nSurgery takes the lump out.\n"
)


@pytest.mark.parametrize(
    ("names", "said"),
    [
        ("- Surgery\n- Widget therapy\n", "surgery and widget therapy"),
        ("- Surgery\n- Widget therapy\n- Hodgkin therapy\n", "surgery, widget therapy, and Hodgkin therapy"),
        (
            "- Alpha\n- Beta\n- Gamma\n- Delta\n- Epsilon\n",
            "alpha, beta, gamma, and others",
        ),  # no more names than a glance takes in
    ],
)
def test_a_treatment_summary_s_key_points_name_its_treatments(names: str, said: str) -> None:
    """A PDQ treatment summary's first list says what the disease is; the treatments are in a later list."""
    body = _TREATMENT_SUMMARY.replace("- Surgery\n- Widget therapy\n", names)
    assert key_points(article(body, url="https://www.cancer.gov/types/widget/patient/widget-treatment-pdq")) == (
        "Widgetoma is a disease in which lumps form in widget cells.",
        "Widgetomas are most common in old widgets.",
        f"The following types of treatment are used: {said}.",
    )


@pytest.mark.parametrize(
    ("change", "url"),
    [
        (("", ""), "https://www.cancer.gov/types/widget/patient/widget-screening-pdq"),  # not about treatment
        (("- Widget therapy\n", "- Widget therapy, given by mouth\n"), None),  # no short name: said alone, no point
        (("most common in old widgets", "treated by widget makers"), None),  # a point says how it is treated
    ],
)
def test_a_summary_s_own_key_points_stay_where_they_name_no_treatments_or_are_about_treatment(
    change: tuple[str, str], url: str | None
) -> None:
    body = _TREATMENT_SUMMARY.replace(*change) if change[0] else _TREATMENT_SUMMARY
    url = url or "https://www.cancer.gov/types/widget/patient/widget-treatment-pdq"
    points = key_points(article(body.replace("# Widgetoma Treatment", "# Widgetoma"), url=url))
    assert len(points) == 3 and points[2] == "Signs of widgetoma include a rattle and a squeak."


def test_a_heading_above_a_paragraph_is_no_sentence_that_makes_a_word_a_name() -> None:
    """A treatment's name opens the paragraph under its own heading: that is no capital a name keeps."""
    from simplify.handout.content import _as_in_the_text

    assert _as_in_the_text("Radiation", "#### Radiation therapy\n\nRadiation therapy uses rays.") == "radiation"
    assert _as_in_the_text("Wilms", "Children with\nWilms tumor are treated.") == "Wilms"  # a sentence goes on


@pytest.mark.parametrize(
    "announcement",
    ["This summary contains the following key information:", "Este resumen contiene la siguiente información clave:"],
)
def test_key_points_are_the_list_a_paragraph_announces_as_the_key_information(announcement: str) -> None:
    """PDQ summaries for health professionals open with their key information in a list, not under a heading."""
    body = (
        "# Widget Oil\n\n## Overview\n\nThis summary reviews widget oil in depth for widget makers.\n\n"
        f"{announcement}\n\n- Widget oil is a liquid pressed from widget seeds.\n"
        "- Widget oil has been studied in lumps of old widgets.\n\n"
        "## General Information\n\nWidget oil is a derivative of old lore, itself a subset of a larger lore.\n"
    )
    assert key_points(article(body)) == (
        "Widget oil is a liquid pressed from widget seeds.",
        "Widget oil has been studied in lumps of old widgets.",
    )
    # Without the announcement the list is the body's, and the point comes from a paragraph after the lead's.
    assert key_points(article(body.replace(announcement, "It holds:"))) == (
        "Widget oil is a derivative of old lore, itself a subset of a larger lore.",
    )


@pytest.mark.parametrize(
    "question",
    ["What is a widgetoma?", "Is it cancer? ", "¿Qué es un widgetoma?", "¿Qué es? Un bulto."],
)
def test_key_points_state_the_message_and_skip_questions(question: str) -> None:
    body = f"# Heading\n\n{question}\n\nA widgetoma is a slow lump. It is rare.\n\n## Later\n\nNot the lead."
    assert key_points(article(body)) == ("A widgetoma is a slow lump.",)


@pytest.mark.parametrize(
    ("sentence", "is_point"),
    [
        ("Widgetomas grow slowly in most people.", True),
        ("A widgetoma is not cancer!", True),
        ("Most widgetomas (about 90%) never spread.", True),
        ("In 2020, 1,200 people had a widgetoma.", True),
        ("(WIJ-eh-TOH-muh)", False),  # a pronunciation
        ("Brand names of the drug", False),  # a label or a heading set as a paragraph
        ("Posted: May 9, 2016", False),
        ("Signs of a widgetoma may include:", False),  # a list's opening: its message is in the items
        ("Signs of a widgetoma may include", False),
        ("Anatomy of the gland.", False),  # a caption: too short to be a message
        ("widgetomas grow in the widget gland.", False),  # the middle of a sentence
        ("This page lists the drugs approved for widgetomas.", False),
        ("This summary is about widgetomas in adults.", False),
        ("This cancer information summary describes widgetomas.", False),
        ("Play the version of this video with audio description.", False),
        ("Learn more about widgetomas on our widget page.", False),
        ("For information about stages, see Widgetoma Stages.", False),
        ("Widgets grow in three ways (see Figure 2).", False),
        # What every drug page says in the same words, and where the support is, are no message of the page's.
        ("Widgetol is also being studied in the treatment of other types of cancer.", False),
        ("Widgetol is also being studied in the prevention of side effects in other types of cancer.", False),
        ("Drugs are often studied to find out if they can help treat other conditions.", False),
        ("Each of the drugs in this combination is approved by the FDA to treat cancer.", False),
        ("The stages of widgetomas are shown in Table 1.", False),
        ("Both trials found the same for widgetomas (here and here).", False),
        ("Widgetol is being studied in the treatment of widgetomas.", True),
        ("NOTE: Nothing new was found on this topic.", False),
        ("We offer evidence-based information for health professionals.", False),
        ("Other PDQ summaries on widgetomas are also available.", False),
        ("Adapted from the Widget Bulletin of 2011.", False),
        ("The Widget Journal, May 31, 2014.", False),
        ("To find a widgetoma, select a body part or try our list.", False),
        ("To get the most out of the pill, take it with food.", True),
        ("Three women describe the widget surgery they chose.", False),
        ("The results were published online March 2, 2011, in The Widget Journal.", False),
        ("Key statistics about widgetomas from the Widget Review, 1975-2010.", False),
        ("Three women in ten have a widgetoma by the age of 60.", True),
        ("Doctors select the treatment by the widgetoma's size.", True),
        ("Widgetomas need no surgery, according to a study that was published today.", True),
        ("These uses are approved under the widget program.", False),  # what "these" points to is left out
        ("This use is approved under the widget program.", False),
        ("¹This use is approved under the widget program.", False),  # a footnote, its mark and all
        ("3 in 10 women have a widgetoma by the age of 60.", True),  # a number opens a message
        ("They are given by mouth once a day.", False),
        ("This widget combination contains the drugs zorbix and quenmab.", True),  # "this": the page's subject
        ("It is important to know that most widgetomas are not cancer.", True),
        ("Thyroid widgetomas are rare in children.", True),
        # What the sentence points to further on is left out of the box too.
        ("Most of these widgetomas grow in the widget gland.", False),
        ("Call your doctor if you have any of these signs.", False),
        ("If you notice any of the signs listed above, call your doctor.", False),
        ("Widget drugs are approved for the following kinds of widgetoma.", False),
        ("Widgetamab is approved to treat the following kinds in adults: soft widgetoma.", True),
        ("Widgets help those who take them, and the widget drugs help them too.", True),  # "those who"
        # A label, its text a full sentence or not, and where the page's links go.
        ("FDA Approved: No longer sold in the U.S.", False),
        ("Widget Use: Not for children under two.", False),
        ("The drug names link to our widget drug summaries.", False),
        ("Widgets for adults: most are taken once a day.", True),  # words in lower case are no label
    ],
)
def test_a_key_point_is_a_message_not_a_label_a_list_opening_or_a_line_about_the_page(
    sentence: str, is_point: bool
) -> None:
    assert is_key_point(sentence) is is_point


def test_key_points_pass_over_what_opens_a_drug_page() -> None:
    body = (
        "# Widgetamab\n\n(WIJ-eh-TAM-ab)\n\nThis page contains brief facts about widgetamab and links.\n\n"
        "Brand Name(s)\n\nWidgetix\n\n[Label facts for this drug are kept at a drug site.](https://example.org/x)\n\n"
        "## Use in Cancer\n\nWidgetamab is approved to treat:\n\n- widgetoma in adults\n\n"
        "Widgetamab is also being studied in other widget cancers.\n\n## More\n\nWidgetamab is a pill you take daily."
    )
    assert key_points(article(body)) == ("Widgetamab is also being studied in other widget cancers.",)


DRUG_PAGE = (
    "# Widgetamab\n\n(WIJ-eh-TAM-ab)\n\n## Use in Cancer\n\nWidgetamab is approved to be used alone or to treat:\n\n"
    "{items}\n\nWidgetamab is also being studied in other widget cancers.\n\n## More\n\nWidgetamab is a daily pill."
)


@pytest.mark.parametrize(
    ("items", "said"),
    [
        # The names the items open with, in bold: in lower case as in a sentence, what an item says of its name
        # ("It is used: ...") left out, a name said twice said once.
        (
            "- **[Widgetoma](https://example.org/g?id=1).** It is used:\n- In adults who had surgery.\n"
            "- **Gadget Cell Lymphoma** that has spread.\n- **Widgetoma** that came back.",
            "to treat widgetoma and gadget cell lymphoma.",
        ),
        # Three names; a name the lexicon spells with a capital, one the page writes with it after a word in
        # lower case, one that opens with a single letter.
        (
            "- **Hodgkin widgetoma**\n- **Zorbic tumor** in children with Zorbic tumor.\n- **B-cell widgetoma**",
            "to treat Hodgkin widgetoma, Zorbic tumor, and B-cell widgetoma.",
        ),
        # A name's later capitals are its own.
        ("- **Multifocal Zorbic widgetoma**", "to treat multifocal Zorbic widgetoma."),
        # So are a hyphenated word's, after a first part capitalised as the item's opening.
        ("- **Non-Hodgkin widgetoma**", "to treat non-Hodgkin widgetoma."),
        # A paragraph that opens with the name in bold.
        ("**Widgetoma.** It is given into the widget.", "to treat widgetoma."),
        # Names in bold joined by "and" are one.
        ("- **Widget pain** and **gadget pain** caused by surgery.", "to treat widget pain and gadget pain."),
    ],
)
def test_a_drug_pages_key_point_names_what_its_list_of_uses_names(items: str, said: str) -> None:
    """ "X is approved to treat:" and a list of bold names says the page's message: the names are the point."""
    points = key_points(article(DRUG_PAGE.format(items=items)))
    assert points == (f"Widgetamab is approved to be used alone or {said}", DRUG_PAGE.split("\n\n")[-3])


@pytest.mark.parametrize(
    "items",
    [
        "- widgetoma in adults",  # no names in bold: the items say more than a name
        "- **Widget** or gadget tumors\n- **Gadgetoma**",  # a bold opening that is part of a name
        "- **Widgetoma,** in adults\n- **Gadgetoma**",
        "- **Widget** or **gadget** tumors",  # names in bold that are part of one
        "- **Aoma**\n- **Boma**\n- **Coma**\n- **Doma**\n- **Eoma**",  # more names than a glance takes in
    ],
)
def test_a_list_of_uses_that_is_not_short_names_is_no_key_point(items: str) -> None:
    assert key_points(article(DRUG_PAGE.format(items=items))) == (DRUG_PAGE.split("\n\n")[-3],)


def test_a_list_opening_that_announces_names_keeps_its_colon_and_others_are_no_point() -> None:
    lead = "Widgetamab is approved to treat the following kinds of widgetoma in adults:"
    body = f"# Widgetamab\n\n{lead}\n\n- **Soft widgetoma**\n- **Hard widgetoma**\n\n## More\n\nIt is a pill."
    assert key_points(article(body)) == (f"{lead} soft widgetoma and hard widgetoma.",)
    other = body.replace(lead, "Widgetoma in adults may be soft or hard:")
    assert key_points(article(other)) == ()


def test_the_section_after_the_lead_gives_a_list_of_uses_and_no_other_point() -> None:
    """A drug page's lead says what the drug is, the section after it what it treats: both are key points."""
    lead = "Widgetamab is a widget drug that blocks a widget protein."
    uses = "## Use in Cancer\n\nWidgetamab is approved to treat:\n\n- **Widgetoma** in adults."
    assert key_points(article(f"# Widgetamab\n\n{lead}\n\n{uses}\n\n## More\n\nIt is a pill.")) == (
        lead,
        "Widgetamab is approved to treat widgetoma.",
    )
    # Not a list the section announces, nor the section's first sentence.
    announced = "## Kinds\n\nThe following kinds of widgetoma grow in adults:\n\n- **Soft widgetoma**"
    said = "## More\n\nWidgetamab is taken as a pill every day for a year."
    for after in (announced, said):
        assert key_points(article(f"# Widgetamab\n\n{lead}\n\n{after}\n\n## End\n\nIt is a pill.")) == (lead,)


WIDGET_PAGE = "https://www.cancer.gov/about-cancer/treatment/drugs/widget-zeta"


@pytest.mark.parametrize(
    ("lead", "point"),
    [
        # A point is read alone: "this drug" and "it" become the drug the page is about.
        (
            "This chemotherapy combination contains the drugs widgetamab and gadgetinib.",
            "The chemotherapy combination widget zeta contains the drugs widgetamab and gadgetinib.",
        ),
        (
            "This drug is also made in a form that cancer patients take as a pill.",
            "The drug widget zeta is also made in a form that cancer patients take as a pill.",
        ),
        ("It is used in adults whose cancer came back after surgery.", "Widget zeta is used in adults "),
        # A point that names it already, and an "it" that stands for no drug, are kept as they are.
        ("This drug holds widget zeta and gadgetinib for cancer.", "This drug holds widget zeta and gadgetinib"),
        ("It is important to take the pill with food for cancer.", "It is important to take the pill"),
    ],
)
def test_a_drug_pages_point_names_the_drug_it_says_this_drug_for(lead: str, point: str) -> None:
    body = f"# Widget Zeta\n\nThis page is about widget zeta and links.\n\n{lead} It helps.\n\n## More\n\nText."
    assert key_points(article(body, url=WIDGET_PAGE, title="Widget Zeta"))[0].startswith(point)
    assert key_points(article(body, title="Widget Zeta"))[0].startswith(
        lead[:20]
    )  # on no drug's page, "this drug" is kept
    if point.startswith("The drug"):
        # A name is in lower case as in a sentence, but where the page writes it with capitals after a word in
        # lower case, or the title is no word in title case ("WZ-7").
        for said, name in (("about Widget Zeta and", "Widget Zeta"), ("about a drug", "widget zeta")):
            named = body.replace("about widget zeta and", said)
            points = key_points(article(named, url=WIDGET_PAGE, title="Widget Zeta"))
            assert points[0].startswith(f"The drug {name} is also")
        long = " ".join(["Widget"] * 9)  # no drug's name: the point is kept as the page says it
        assert key_points(article(body, url=WIDGET_PAGE, title=long))[0].startswith(lead[:20])
        coded = body.replace("# Widget Zeta", "# WZ-7").replace("widget zeta", "a drug")
        assert key_points(article(coded, url=WIDGET_PAGE, title="WZ-7"))[0].startswith("The drug WZ-7 is also")


def test_the_glossary_spells_the_names_a_list_links_to() -> None:
    class Entry:
        def name(self, lang: str) -> str:
            return "Zorbic widgetoma"

    class Glossary:
        def get(self, term_id: str) -> Entry | None:
            return Entry() if term_id == "77" else None

    items = "- **[Zorbic widgetoma](/Common/PopUps/popDefinition.aspx?id=77)**\n- **Zorbic gadgetoma**"
    points = key_points(article(DRUG_PAGE.format(items=items)), glossary=Glossary())
    assert points[0] == "Widgetamab is approved to be used alone or to treat Zorbic widgetoma and zorbic gadgetoma."


@pytest.mark.parametrize("dash", ["-", "\u2013", "\u2014"])
def test_key_points_pass_over_a_link_and_what_is_behind_it(dash: str) -> None:
    """ "[A widget dictionary](...) - Its longer widget facts." points to a page; it is no message."""
    body = (
        f"# Widgetamab\n\n## More\n\n[A widget dictionary](https://example.org/d) {dash} Its longer widget facts.\n\n"
        f"Facts on [Widgetamab](https://example.org/w) {dash} A plain summary of the widget drug.\n\n"
        "Widgetamab is a pill you take daily for widgetoma."
    )
    assert key_points(article(body)) == ("Widgetamab is a pill you take daily for widgetoma.",)
    # A dash in a sentence with a link is no pointer.
    said = f"Ask your doctor about [widget care](https://example.org/c) {dash} it is covered for most people."
    more = "- Widget care is covered in all of the fifty states and in most other places."
    assert key_points(article(f"# Widgets\n\n{said}\n\n{more}")) == (
        said.replace("[", "").replace("](https://example.org/c)", ""),
    )


def test_a_paragraph_that_repeats_the_heading_above_it_is_left_out(handouts: Any) -> None:
    """A video page names its video three times: the title, the video's heading, and a caption."""
    text = "Widgetomas grow slowly, and most of them never spread to other parts of the widget."
    page = article(
        f"# Widget Video - NCI\n\nWidget Video\n\n## The Widget Film\n\nThe Widget Film\n\n{text}\n\nWidget Video",
        title="Widget Video - NCI",
    )
    body = handouts.gather(page).body
    assert body.count("The Widget Film") == 1 and text in body
    assert body.count("Widget Video") == 1  # the last paragraph says the title again, but not under its heading


@pytest.mark.parametrize("said", ["(ZOR-bih-nib)", "(ZOR-bih-nib SUL-fayt )", "(zor-BIH-nib)"])
def test_how_to_say_the_title_goes_with_the_title(handouts: Any, tmp_path: Path, said: str) -> None:
    """A drug's page says how to say its name in a paragraph under its title: the handout prints it there,
    not alone in the body after the key points."""
    text = "Zorbinib is a widget drug that is used to treat widgetomas in adults who have had other drugs."
    page = article(f"# Zorbinib\n\n{said}\n\n{text}", title="Zorbinib")
    handout = handouts.gather(page)
    assert handout.title_said == said.strip() and said not in handout.body and text in handout.body
    html = html_of(handouts, page, tmp_path)
    assert f'</h1>\n  <p class="title-said" dir="ltr">{said.strip()}</p>' in html
    markdown = handouts.write(page, tmp_path, formats=["md"])[0].path.read_text(encoding="utf-8")
    assert markdown.startswith(f"# Zorbinib\n\n{said.strip()}\n\n") and markdown.count(said.strip()) == 1


@pytest.mark.parametrize("first", ["(Video)", "(PDQ®)", "(thuh-lih-doh-mide)", "Zorbinib (ZOR-bih-nib) is a drug."])
def test_a_first_paragraph_that_is_no_respelling_stays_in_the_body(handouts: Any, first: str) -> None:
    page = article(f"# Zorbinib\n\n{first}\n\nZorbinib is a widget drug used to treat widgetomas.", title="Zorbinib")
    handout = handouts.gather(page)
    assert handout.title_said == "" and first.split()[0] in handout.body


def test_no_key_points_that_would_say_the_whole_page_again() -> None:
    said = "Widgetomas are lumps of widget cells that most often grow slowly."
    assert key_points(article(f"# Widgets\n\n{said}")) == ()
    assert key_points(article(f"# Widgets\n\n{said}\n\n- They can be taken out by a widget doctor.")) == (said,)


def test_a_key_point_said_again_in_other_words_is_given_once() -> None:
    first = "A widget owner is someone who has owned a widget from the day of purchase through the end of life."
    again = "An individual is a widget owner from the day of purchase through the rest of life."
    other = "Widget owners who clean their widgets every week keep them running for many more years."
    rest = "\n\n".join(["More words that say nothing new at all about the widgets."] * 9)
    points = key_points(article(f"# Widgets\n\n{first}\n\n{again}\n\n{other}\n\n## More\n\n{rest}"))
    assert points == (first, other)


def test_a_caption_with_no_verb_is_no_key_point() -> None:
    caption = "Anatomy of the widget gland and the small organs around it."
    point = "Widget glands make the oil that keeps widget lumps soft."
    rest = "\n\n".join(["More words that say nothing new at all about the widgets."] * 9)
    assert key_points(article(f"# Widgets\n\n{caption}\n\n{point}\n\n## More\n\n{rest}")) == (point,)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        # A number, a negation, or the same words in another order: another point.
        (
            "Stage I widget lumps are treated with surgery and then with rest.",
            "Stage II widget lumps are treated with surgery and then with rest.",
        ),
        (
            "Widget oil is used to treat lumps in children and in adults.",
            "Widget oil is not used to treat lumps in children and in adults.",
        ),
        (
            "Men get widget lumps more often than women do in the north.",
            "Women get widget lumps more often than men do in the north.",
        ),
    ],
)
def test_key_points_that_differ_in_a_number_a_negation_or_word_order_are_both_given(first: str, second: str) -> None:
    rest = "\n\n".join(["More words that say nothing new at all about the widgets."] * 9)
    assert key_points(article(f"# Widgets\n\n{first}\n\n{second}\n\n## More\n\n{rest}")) == (first, second)


@pytest.mark.parametrize(
    ("body", "empty"),
    [
        ("# A test page\n\nYou need to enable JavaScript to run this app.\n\nPlaceholder slot", True),
        ("# A test page\n\n![a widget](/images/w.png)", True),
        ("# A test page\n\n## A test page\n\nA test page", True),  # the title, said again and again
        ("# A test page\n\nWidgetomas grow slowly.", False),
        ("# A test page\n\n| Widget | Size |\n| --- | --- |\n| A | 2 cm |", False),
    ],
)
def test_an_article_with_nothing_to_read_makes_no_handout(
    body: str, empty: bool, handouts: Any, tmp_path: Path
) -> None:
    """Its handout would be its title and the fixed parts, graded on the title alone: an error says why instead."""
    if empty:
        with pytest.raises(ArticleError, match="^test.md: the article has nothing to read besides its title"):
            handouts.write(article(body), tmp_path, formats=["html", "md"])
        assert list(tmp_path.iterdir()) == []
    else:
        written = handouts.write(article(body), tmp_path, formats=["html", "md"])
        assert [w.path.suffix for w in written] == [".html", ".md"]


def test_titles_lose_the_site_suffix() -> None:
    assert clean_title("Daratumumab Works - NCI") == "Daratumumab Works"
    assert clean_title("Tratamiento | National Cancer Institute") == "Tratamiento"


# -- page furniture never reaches a handout -------------------------------------------------------


@pytest.mark.parametrize("render", [body_html, body_markdown])
def test_boilerplate_is_left_out(render: Any) -> None:
    body = (
        "# A test page - NCI\n\nPlaceholder slot\n\nReal text with 12 facts.\n\n[Enlarge](/images/x.jpg)\n\n"
        "An image: [Enlarge](https://example.org/x.jpg)\n\n"
        "You need to enable JavaScript to run this app.\n\n## About This PDQ Summary\n\nPurpose text.\n\n"
        "### Sub part\n\nStill furniture.\n\n## References\n\n1. Someone. A paper. 2020.\n\n"
        "## Latest Updates to This Summary (01/02/2025)\n\nA changelog paragraph.\n\n## Next\n\nKept 7."
    )
    text = render(article(body))
    assert "Real text with 12 facts." in text and "Kept 7." in text and "Next" in text
    assert "<h2>Next</h2>" in text or "## Next" in text
    for furniture in (
        *("Placeholder", "Enlarge", "JavaScript", "About This", "Purpose", "Still", "References", "2020"),
        *("Latest Updates", "changelog", "x.jpg"),
    ):
        assert furniture not in text
    assert "A test page" not in text  # the title is the handout's h1, not repeated in the body


def test_every_link_says_where_it_goes() -> None:
    """Link words that name no place get the site's name; citation numbers into a reference list lose the link."""
    body = (
        "# Page\n\nSee the abstracts [here](http://www.ncbi.nlm.nih.gov/pubmed/1) and "
        "[click here](https://example.org/a). Moles are common ([1](https://cms.example.org/node/9#r1)), "
        "see [the melanoma page](https://www.cancer.gov/types/skin) and [aquí](https://www.cancer.gov/espanol).\n"
    )
    html = body_html(article(body))
    assert '<a href="http://www.ncbi.nlm.nih.gov/pubmed/1">here (ncbi.nlm.nih.gov)</a>' in html
    assert '<a href="https://example.org/a">click here (example.org)</a>' in html
    assert '<a href="https://www.cancer.gov/espanol">aquí (cancer.gov)</a>' in html
    assert "common (1)" in html and "#r1" not in html
    assert '<a href="https://www.cancer.gov/types/skin">the melanoma page</a>' in html
    markdown = body_markdown(article(body))
    assert "[here (ncbi.nlm.nih.gov)](http://www.ncbi.nlm.nih.gov/pubmed/1)" in markdown
    assert "common (1)" in markdown


@pytest.mark.parametrize("render", [body_html, body_markdown])
def test_citation_markers_are_left_out_as_the_reading_text_leaves_them(render: Any) -> None:
    """The handout has no reference list: "[26,27]" would only be in the reader's way. A level of evidence stays."""
    body = (
        "# Page\n\nSome widgets [[26](#cit/s.26),[27](#cit/s.27)] and more.[[3](#cit/a)-[5](#cit/b)] Next."
        "[[1](#cit/c)]; [[2](#cit/d)] Last.[[8](#cit/e)][[Level of evidence C1](/u)]\n\n- An item.[[4](#cit/x)]\n"
    )
    text = render(article(body))
    assert "Some widgets and more. Next. Last." in text and "An item." in text
    assert "Level of evidence C1" in text
    assert not re.search(r"\d", re.sub(r"</?h2>|C1", "", text))
    # A marker over two lines goes whole; one between two words leaves a space.
    two_lines = "# Page\n\nWidgets [[26](#cit/s.26),\n[27](#cit/s.27)] grow.[[3](#cit/a)]Then, [[4](#cit/b)]more.\n"
    text = render(article(two_lines))
    assert "Widgets grow. Then, more." in text and "[" not in text.replace("\\", "").split("Widgets")[1]


@pytest.mark.parametrize("render", [body_html, body_markdown])
def test_furniture_inside_a_table_quote_or_item_leaves_the_rest_of_it(render: Any) -> None:
    """Only the furniture goes: a cell, the quote's credit, the item's first paragraph; their facts stay."""
    body = (
        "# Page\n\nText.\n\n| Drug | Share |\n|---|---|\n| Enlarge | 13% |\n| carboplatin | AUC 5 |\n\n"
        "> Credit: NCI\n>\n> Take 75 mg of ibrutinib daily.\n\n- Placeholder slot\n\n  Nested 44 mg of olaparib.\n"
    )
    text = render(article(body))
    for fact in ("13%", "carboplatin", "AUC 5", "75 mg of ibrutinib", "44 mg of olaparib"):
        assert fact in text
    for furniture in ("Enlarge", "Credit", "Placeholder"):
        assert furniture not in text


@pytest.mark.parametrize("render", [body_html, body_markdown])
@pytest.mark.parametrize(
    "furniture",
    [
        "## About This PDQ Summary:\n\nPurpose text.",
        "## **About This PDQ Summary**\n\nPurpose text.",
        "## About\u00a0This  PDQ Summary\n\nPurpose text.",
        "Placeholder slot.",
        "[Enlarge.](/images/y.jpg)",
        "Credit: Some Artist, Some Agency",
    ],
)
def test_furniture_written_a_little_otherwise_is_left_out_too(render: Any, furniture: str) -> None:
    text = render(article(f"# Page\n\nReal text.\n\n{furniture}\n\n## Next\n\nKept 7."))
    assert "Real text." in text and "Kept 7." in text
    for word in ("About", "Purpose", "Placeholder", "Enlarge", "Credit"):
        assert word not in text


@pytest.mark.parametrize("render", [body_html, body_markdown])
def test_code_is_shown_as_written(render: Any) -> None:
    """A paragraph indented four spaces is code to markdown: not reading text to score, but the article's."""
    text = render(article("# Page\n\nReal text.\n\n    Bosutinib 500 mg daily\n\n```\nTake 75 mg\n```\n"))
    assert "Bosutinib 500 mg daily" in text and "Take 75 mg" in text


@pytest.mark.parametrize("render", [body_html, body_markdown])
def test_a_paragraph_that_opens_with_credit_and_says_more_is_the_pages(render: Any) -> None:
    text = render(article("# Page\n\nReal text.\n\nCredit: 27% of patients on dasatinib improved.\n"))
    assert "27% of patients on dasatinib improved." in text


@pytest.mark.parametrize("render", [body_html, body_markdown])
@pytest.mark.parametrize(
    "card",
    [
        "- [![A drawing.](/images/a.jpg)\n\nOur Title\n\nA line about the page.](/types/x/y)",
        '[![A drawing.](/images/a.jpg)\n\nOur Title\n\nA line about the page.](/types/x/y "Our Title")',
        "[Our Title\n\nA line about the page.](/types/x/y)",
    ],
)
def test_a_card_whose_link_spans_paragraphs_becomes_a_link_on_its_title(card: str, render: Any) -> None:
    """cancer.gov cards, scraped: one link around an image, a title and a line, with blank lines inside."""
    text = render(article(f"# Page\n\nFirst.\n\n{card}\n\nLast."))
    shown = Page(text if render is body_html else MarkdownIt("commonmark").render(text))
    assert shown.paragraphs == ["Page", "First.", "Our Title", "A line about the page.", "Last."]
    assert ("a", {"href": "https://www.cancer.gov/types/x/y"}) in shown.tags
    assert "li" not in {tag for tag, _ in shown.tags}  # no bullet left with nothing in it


GLOSSARY = "/Common/PopUps/popDefinition.aspx?id=1"


@pytest.mark.parametrize(
    "body",
    [
        f"**Low dose** [**words**]({GLOSSARY})**:** text after.",  # bold spans side by side once the link goes
        f"**A short name.**[Word]({GLOSSARY}) follows at once.",  # bold closing on a stop, before a letter
        "*one* *two* **three** `co`de` and ``a`b`` end.",
        "##\n\nText under a heading with no words.",  # an empty heading is left out of both
        "1. one\n2. two\n   - nested *item*\n\n- dash list\n\n+ plus list",
        "> quoted **text**\n\n---\n\n| a | b |\n| :-- | --: |\n| *x* | [y](/types/x) |",
        "|  |  |\n| --- | :-: |\n| a | *b* |\n| c | d |",  # a header row with no words is left out of both
        "2020\\. A year, not a list item. # not a heading, + not a list.",
        # Nothing opens a block in a heading's text or a table cell.
        "## 1\\. What is it?\n\nText.\n\n| 1.66 – 1.99% | - none |\n| --- | --- |\n| 2.0 | + 3 |",
        # Emphasis ending on a stop, then bold at once: "*Stop!***now**" shows its stars, so the marks go.
        "_Stop!_**now** and **Wait?***here* end.",
    ],
)
def test_the_markdown_body_reads_as_the_html_body(body: str) -> None:
    """The same headings and paragraphs, once a markdown renderer has read the .md."""
    a = article(f"# Page\n\n{body}\n\n## End\n\nLast.")
    html, md = Page(body_html(a)), Page(MarkdownIt("commonmark").enable("table").render(body_markdown(a)))
    assert (md.paragraphs, md.headings) == (html.paragraphs, html.headings)
    # Links and code alike (emphasis may merge, or go where markdown cannot write it: the words stay).
    assert [t for t in md.tags if t[0] in ("code", "a")] == [t for t in html.tags if t[0] in ("code", "a")]


@pytest.mark.parametrize(
    ("body", "levels"),
    [
        ("# One\n\ntext\n\n#### Deep\n\ntext\n\n## Two\n\ntext\n\n###### Deeper\n\ntext", ["2", "3", "3", "4"]),
        # A heading with no words is left out before the levels are counted: none may be skipped for it.
        ("# One\n\ntext\n\n##\n\nWords.\n\n### Sub\n\ntext\n\n## ![](/a.jpg)\n\n### Other\n\ntext", ["2", "3", "3"]),
    ],
)
def test_headings_are_renumbered_from_h2_without_gaps(body: str, levels: list[str]) -> None:
    assert re.findall(r"<h(\d)>", body_html(article(body))) == levels


@pytest.mark.parametrize("render", [body_html, body_markdown])
def test_the_title_line_under_an_empty_heading_is_that_headings_title(render: Any) -> None:
    """Scraped cancer.gov pages put a section's title on its own line under an empty "##"."""
    body = "##\n\nWhat is it?\n\nA sentence.\n\n### Kinds of it\n\nText.\n\n##\n\nNot a title, a sentence.\n\nEnd."
    text = render(article(f"# Page\n\nLead.\n\n{body}"))
    shown = Page(text if render is body_html else MarkdownIt("commonmark").render(text))
    assert shown.headings == [2, 3, 4]
    assert [p for p in shown.paragraphs if p in ("What is it?", "Kinds of it")] == ["What is it?", "Kinds of it"]
    assert "<h3>What is it?</h3>" in text or "### What is it?" in text


def test_a_header_row_with_no_words_is_left_out_and_a_named_column_keeps_its_header() -> None:
    tables = article("# P\n\n|  |  |\n| --- | --- |\n| a | b |\n\n| x | |\n| - | - |\n| 1 | 2 |")
    first, second = body_html(tables).split("</table>")[:2]
    assert "<thead>" not in first and "<td>a</td>" in first
    assert '<th scope="col">x</th>\n<td></td>' in second
    # Markdown needs a header row: an empty one, so that the first row stays a row of cells.
    shown = MarkdownIt("commonmark").enable("table").render(body_markdown(tables))
    assert "<td>a</td>" in shown and "<th>x</th>" in shown


@pytest.mark.parametrize(
    ("before", "captioned"),
    [
        ("Table 2. Doses by age", True),
        ("Tabla 1. Dosis", True),
        ("Cuadro 3. Dosis por edad", True),
        ("Table 12.", True),
        ("Table 2 shows doses.", False),  # a sentence about the table, not its title
        ("Tables 1. and 2.", False),
        ("The doses.", False),
    ],
)
def test_a_table_s_title_becomes_its_caption(before: str, captioned: bool) -> None:
    """A caption names the table to a screen reader and is laid out with it (never alone at a page's foot)."""
    body = (
        f"# P\n\nLead.\n\n{before}\n\n| a | b |\n| --- | --- |\n| 1 | 2 |\n\n- {before}\n\n  | c |\n  | --- |\n  | 3 |"
    )
    html = body_html(article(body))
    if captioned:
        assert html.count(f"<caption>{before}</caption>") == 2  # in a list item too
        assert f"<p>{before}</p>" not in html
    else:
        assert "<caption>" not in html and html.count(f"<p>{before}</p>") == 2
    # Markdown has no caption: the title stays a paragraph before its table.
    shown = Page(MarkdownIt("commonmark").enable("table").render(body_markdown(article(body))))
    assert shown.paragraphs.count(before) == 2


def test_a_scraped_tables_notes_go_to_its_foot_and_its_empty_and_dash_rows_go() -> None:
    """cancer.gov's table footer comes first in the scraped markdown, after a second row of dashes."""
    body = (
        "# P\n\nLead.\n\n| Name | Dose | Note |\n| --- | --- | --- |\n|  |  |  |\n| --- | --- | --- |\n"
        "| Q = a quart. | | |\n| From our own notes. | | |\n| Drug A | 1 | x |\n| Group B | | |\n| Drug B | 2 | y |"
    )
    html = body_html(article(body))
    table = html[html.index("<table") : html.index("</table>")]
    assert "---" not in table and "<td></td>\n<td></td>\n<td></td>" not in table
    rows = re.findall(r"<tr>(.*?)</tr>", table, re.DOTALL)
    assert [re.sub(r"<[^>]+>|\s+", " ", r).split() for r in rows] == [
        ["Name", "Dose", "Note"],
        ["Drug", "A", "1", "x"],
        ["Group", "B"],  # a group's name among the data stays where it is
        ["Drug", "B", "2", "y"],
        ["Q", "=", "a", "quart."],
        ["From", "our", "own", "notes."],
    ]
    assert table.index("<tfoot>") > table.index("</tbody>")
    assert table.count('<td colspan="3">') == 2
    shown = Page(MarkdownIt("commonmark").enable("table").render(body_markdown(article(body))))
    assert shown.paragraphs[-2:] == ["Q = a quart.", "From our own notes."]
    assert "---" not in body_markdown(article(body)).split("| --- | --- | --- |")[1]


@pytest.mark.parametrize("render", [body_html, body_markdown])
def test_a_link_with_no_words_keeps_what_it_shows_and_leaves_no_empty_paragraph(render: Any) -> None:
    """An image alone in a link, or a lone stop linked, names nowhere: a screen reader would read an empty link."""
    body = "[![A scan.](/images/a.jpg)](/types/x)\n\n[Read about stages](/types/y)[.](/node/1)\n\n[→](/types/z) Next."
    text = render(article(f"# Page\n\n{body}"))
    shown = Page(text if render is body_html else MarkdownIt("commonmark").render(text))
    assert shown.paragraphs == ["Page", "Read about stages.", "→ Next."]
    assert [attrs["href"] for tag, attrs in shown.tags if tag == "a"] == ["https://www.cancer.gov/types/y"]
    assert "<p></p>" not in text


# -- untrusted input ------------------------------------------------------------------------------

HOSTILE = [
    '<script>alert("x")</script>',
    '<img src="x" onerror="alert(1)">',
    '<a href="javascript:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](data:text/html;base64,PHNjcmlwdD4=)",
    "[click](vbscript:msgbox)",
    "![x](data:image/png;base64,iVBORw0KGgo=)",
    '<iframe src="https://evil.example"></iframe>',
    '<div style="background:url(https://evil.example/x)">x</div>',
    "<svg onload=alert(1)>",
    "[x](<javascript:alert(1)>)",
    "[x](java&#x09;script:alert(1))",
    "<style>@import 'https://evil.example/x.css';</style>",
]


@pytest.mark.parametrize("markup", HOSTILE)
def test_raw_html_and_unsafe_links_never_become_markup(markup: str, handouts: Any, tmp_path: Path) -> None:
    hostile = article(f"# Heading\n\nBefore {markup} after.\n\n{markup}\n\n- item {markup}\n")
    html = html_of(handouts, hostile, tmp_path)
    page = Page(html)
    for tag, attrs in page.tags:
        assert tag not in ("script", "iframe", "img", "object", "embed"), tag
        assert not any(name.startswith("on") for name in attrs), attrs
        for value in attrs.values():
            assert not re.match(r"\s*(javascript|data|vbscript):", value or "", re.I), value
    assert "<script" not in html and "<iframe" not in html and html.count("<style") == 1


# Links that only a markdown renderer's own link check stops: reference links and images (full, collapsed and
# shortcut), brackets inside link text, links around images. The .md must not rely on the reader's renderer.
UNSAFE_LINKS = [
    "[click][ref]\n\n[ref]: javascript:alert(1)",
    "[click][ref]\n\n[ref]: <JavaScript:alert(1)>",
    "[click][]\n\n[click]: data:text/html;base64,PHNjcmlwdD4=",
    "[click]\n\n[click]: vbscript:msgbox",
    "[click][ref]\n\n[ref]: file:///etc/passwd",
    "![tracker][img]\n\n[img]: https://evil.example/pixel.png",
    '![tracker](https://evil.example/pixel.png "t")',
    "[[nested]](javascript:alert(1))",
    "[a [b] c](data:text/html,x)",
    "[![pic](https://evil.example/p.png)](javascript:alert(1))",
    "[Enlarge](https://nci-media.cancer.gov/pdq/media/images/1.jpg)",
]


# GFM splits a table row at every unescaped "|" before it reads any inline markup, code spans too.
TABLE_CELLS = [
    "| a | b |\n|---|---|\n| `<script>\\|x` | `<img src=x onerror=alert(1)>\\|` |",
    "| a | b |\n|---|---|\n| `x\\|<script>` | y |",
]


def trusting_markdown() -> Any:
    """Return a markdown renderer that trusts its input, as many do: raw HTML on, any link scheme allowed."""
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    md.validateLink = lambda url: True
    return md


def unsafe_parts(md: str) -> list[str]:
    """Return what a trusting renderer makes of ``md`` that a handout must never hold, and reference definitions."""
    found = [f"<{tag}>" for tag, _ in Page(trusting_markdown().render(md)).tags if tag not in SAFE_MARKDOWN_TAGS]
    for tag, attrs in Page(trusting_markdown().render(md)).tags:
        found += [
            f"{tag} {name}={value}"
            for name, value in attrs.items()
            if name != "href" or not SAFE_HREF.match(value or "")
        ]
    # The handout writes no reference definitions: links are written out in full, from the parsed article.
    found += re.findall(r"^ {0,3}\[[^\]]*\]:.*", md, re.MULTILINE)
    return found


SAFE_MARKDOWN_TAGS = frozenset(
    {"h1", "h2", "h3", "h4", "h5", "h6", "p", "ul", "ol", "li", "a", "em", "strong", "code", "pre", "blockquote", "hr"}
    | {"table", "thead", "tbody", "tr", "th", "td"}
)
SAFE_HREF = re.compile(r"(?:https?://|mailto:|tel:)", re.IGNORECASE)


@pytest.mark.parametrize("markup", [*HOSTILE, *UNSAFE_LINKS, *TABLE_CELLS])
def test_the_markdown_handout_never_carries_markup_either(markup: str, handouts: Any, tmp_path: Path) -> None:
    """Title, key points and body of the .md handout, read by a renderer that allows raw HTML and any link."""
    title = "'../../x " + markup.split("\n")[0].replace("'", '"') + "'"
    hostile = article(
        f"The lead says {markup} plainly.\n\n## Heading\n\nBefore {markup} after.\n\n- item {markup}\n\n{markup}\n",
        title=title,
    )
    written = handouts.write(hostile, tmp_path, formats=["md"])
    md = written[0].path.read_text(encoding="utf-8")
    assert written[0].path.parent == tmp_path
    assert unsafe_parts(md) == []


# Emphasis is paired after the inline parse, outside markdown-it's nesting limit: hundreds of marks nest
# hundreds of deep, past the recursion of a tree walk (the markdown body) and of WeasyPrint (the PDF).
DEEP_INLINE = [
    "*" * 600 + "deep" + "*" * 600,
    "_" * 600 + "deep" + "_" * 600,
    "_" * 300 + "*" * 300 + "deep" + "*" * 300 + "_" * 300,
    "**" * 300 + "[deep](https://www.cancer.gov/x)" + "**" * 300,
]


def tag_depth(html: str) -> int:
    """Return how deep the elements of ``html`` nest."""
    depth = deepest = 0
    for m in re.finditer(r"<(/?)[a-z]", html):
        depth += -1 if m.group(1) else 1
        deepest = max(deepest, depth)
    return deepest


@pytest.mark.parametrize("markup", DEEP_INLINE)
def test_deeply_nested_inline_markup_still_makes_a_handout(markup: str, handouts: Any, tmp_path: Path) -> None:
    hostile = article(f"The lead says it plainly.\n\nBefore {markup} after.\n")
    written = handouts.write(hostile, tmp_path, formats=["html", "md"])
    html, md = (w.path.read_text(encoding="utf-8") for w in written)
    assert "Before deep after." in Page(html).text and "deep" in md  # the words stay
    assert tag_depth(body_html(hostile)) <= 25  # markdown-it's own nesting limit (20), and the block around it


def test_the_markdown_handouts_address_cannot_open_markup(handouts: Any, tmp_path: Path) -> None:
    """The front matter's address is checked to be http(s), but "<" in it would end an autolink and start HTML."""
    hostile = article("Text.", url="'https://www.cancer.gov/x/<script>alert(1)</script>'")
    md = handouts.write(hostile, tmp_path, formats=["md"])[0].path.read_text(encoding="utf-8")
    assert unsafe_parts(md) == []
    assert "<https://www.cancer.gov/x/%3Cscript%3Ealert(1)%3C/script%3E>" in md


@pytest.mark.parametrize("reviewed", [{"lastReviewed": "'2025-12-30'"}, {}])
def test_the_markdown_footer_keeps_its_paragraphs_apart(
    reviewed: dict[str, str], handouts: Any, tmp_path: Path
) -> None:
    """The source (and review date) and the article's address are two paragraphs, as in the HTML."""
    page = article("Text.", url="https://www.cancer.gov/x", **reviewed)
    md = handouts.write(page, tmp_path, formats=["md"])[0].path.read_text(encoding="utf-8")
    paragraphs = Page(MarkdownIt("commonmark").render(md)).paragraphs
    source = next(p for p in paragraphs if p.startswith("Source:"))
    assert "Read the full article online" not in source and ("Reviewed" in source) == bool(reviewed)
    assert "Read the full article online: https://www.cancer.gov/x" in paragraphs


@pytest.mark.parametrize(("length", "has_code"), [(100, True), (2200, True), (2400, False), (10_000, False)])
def test_an_address_too_long_for_a_qr_code_still_makes_a_handout(
    length: int, has_code: bool, handouts: Any, tmp_path: Path
) -> None:
    """A QR code holds at most 2,331 bytes (version 40, level M): a longer address is printed, not coded."""
    url = "https://www.cancer.gov/" + "a" * (length - 23)
    html = html_of(handouts, article("Text.", url=url), tmp_path)
    assert f'href="{url}"' in html
    assert ('class="qr"' in html) is has_code


def _assert_segno_masks(urls: list[str]) -> None:
    """best_mask scores the eight masks at once; it must pick segno's, whatever mask the code was made with.

    And the code drawn is segno's own, module for module: simplify masks it again rather than make it twice.
    """
    import segno

    from simplify.handout.qr import best_mask, qr_svg

    for url in urls:
        segnos = segno.make(url, error="m", micro=False)
        for start in (0, 5):
            assert best_mask(segno.make(url, error="m", micro=False, mask=start)) == segnos.mask, url
        drawn = segnos.svg_inline(scale=1, border=4, omitsize=True)
        assert drawn.split(">", 1)[1] in qr_svg(url), url


def test_the_qr_code_is_segnos_own_with_the_mask_it_picks() -> None:
    import random
    import string

    pick = random.Random(7)
    letters = string.ascii_letters + string.digits + "-/_.?=&%"
    sizes = [1, 9, 30, 80, 200, 500, 1500, *(pick.randrange(1, 300) for _ in range(150))]  # up to version 31
    urls = ["https://www.cancer.gov/" + "".join(pick.choices(letters, k=n)) for n in sizes]
    _assert_segno_masks([*urls, "https://www.cancer.gov/espanol/tipos/cáncer?a=ñ"])


@pytest.mark.shared
def test_the_qr_codes_of_the_real_pages_have_the_mask_segno_picks(corpus: list[Path]) -> None:
    urls = [m.group(1) for p in corpus if (m := re.search(r"^url: (\S+)", p.read_text(), re.MULTILINE))]
    assert len(urls) > 400
    _assert_segno_masks(urls)


EASY = "We eat food. The dog runs. It is a sunny day. We go home now."
HARD = "Multidisciplinary immunohistochemical characterization necessitates comprehensive institutional deliberation."


@pytest.mark.parametrize(
    ("hidden", "meta"),
    [
        (f"⟪en: {HARD}⟫", {}),
        (f"\ue000es\ue001 {HARD} \ue002", {}),
        (f"⟪en: {HARD}⟫", {"translation": "{machine: true, from: en}"}),  # no translation is from its own language
    ],
)
def test_an_article_cannot_hide_text_from_its_grade_behind_simplifys_own_marks(
    hidden: str, meta: dict[str, str], handouts: Any
) -> None:
    """Only simplify makes those marks: a translation's kept sentences, definitions in another language."""
    easy = handouts.gather(article(EASY))
    plain = handouts.gather(article(f"{EASY} {HARD}"))
    marked = handouts.gather(article(f"{EASY} {hidden}", **meta))
    assert marked.grade_article > easy.grade_article + 3
    assert marked.grade_article == pytest.approx(plain.grade_article, abs=1.5)
    assert "Multidisciplinary" in marked.body and "untranslated" not in marked.body


def test_a_translation_read_from_a_file_says_so_and_its_kept_sentences_stay_ungraded(
    handouts: Any, tmp_path: Path
) -> None:
    """`simplify translate -o FILE` then `simplify handout FILE`: the front matter says what the body is."""
    head = "---\ntitle: T\nlanguage: es\ntranslation:\n  machine: true\n  from: en\n  sentences: 3\n"
    body = f"El sol sale hoy. ⟪en: {HARD}⟫ ⟪fr: {HARD}⟫\n"
    source = tmp_path / "t.es.md"
    source.write_text(f"{head}  kept_in_source_language: 1\n---\n\n{body}", encoding="utf-8")
    translated = articles.load(str(source))
    handout = handouts.gather(translated)
    assert handout.machine_translated and handout.kept_lang == "en"
    assert handout.body.count('<span lang="en" class="untranslated">⟪en: ') == 1
    assert "⟪\u2060fr: " in handout.body  # not a mark this translation made: plain text, and graded
    written = handouts.write(translated, tmp_path / "out", formats=["html"])
    assert any("1 of 3 sentence(s) failed validation and stay in 'en' in the 'es'" in w for w in written[0].warnings)
    assert "Una computadora tradujo" in written[0].path.read_text(encoding="utf-8")
    without_kept = articles.parse(f"{head}---\n\n{body.replace(f'⟪en: {HARD}⟫ ', '')}", path="t.md")
    assert handout.grade_article == handouts.gather(without_kept).grade_article


def test_headings_and_table_cells_carry_no_line_start_escapes() -> None:
    """Nothing can open a block in a heading's text or a table cell: "1." there needs no backslash."""
    md = body_markdown(article("# Page\n\n## 1\\. What is it?\n\n| 1.66 – 1.99% | 11.0% |\n| --- | --- |\n| - | 2.0 |"))
    assert "## 1. What is it?" in md
    assert "| 1.66 – 1.99% | 11.0% |" in md


def test_markdown_text_shows_exactly_its_text() -> None:
    from simplify.handout.templates import markdown_text

    for text in ("a [b](c) <d> *e* _f_ `g` \\h &amp; #i !j |k| (18.4%)", "line\nbreak  spaces"):
        rendered = MarkdownIt("commonmark").render(markdown_text(text))
        assert rendered == "<p>" + escape(" ".join(text.split()), quote=False) + "</p>\n"


@pytest.mark.parametrize(
    ("href", "kept"),
    [
        (
            "/about-cancer/treatment/drugs/daratumumab",
            "https://www.cancer.gov/about-cancer/treatment/drugs/daratumumab",
        ),
        ("https://clinicaltrials.gov/show/NCT0", "https://clinicaltrials.gov/show/NCT0"),
        ("mailto:nciinfo@example.org", "mailto:nciinfo@example.org"),
        ("tel:1-800-422-6237", "tel:1-800-422-6237"),
        ("/Common/PopUps/popDefinition.aspx?id=CDR0000044782&version=Patient&language=English", None),
        ("#section_1", None),
        ("//evil.example/x", None),
        ("ftp://example.org/x", None),
        ("file:///etc/passwd", None),
    ],
)
def test_links_are_kept_only_where_a_reader_can_follow_them(href: str, kept: str | None) -> None:
    html = body_html(article(f"See [these words]({href}) now."))
    assert "these words" in html
    if kept is None:
        assert "<a " not in html
    else:
        assert f'<a href="{kept}">these words</a>' in html


def test_rtl_bodies_isolate_numbers_urls_and_phone_numbers() -> None:
    html = body_html(
        article("Call 1-800-422-6237 or see https://www.cancer.gov/x: 18.4% of 569, 5 % or 5 people, 3-4 days."),
        rtl=True,
    )
    for run in ("1-800-422-6237", "https://www.cancer.gov/x", "18.4%", "569", "5 %", "3-4"):
        assert f'<span dir="ltr">{run}</span>' in html
    # The space after a number belongs to the right-to-left text around it, or it shows on the wrong side.
    assert '<span dir="ltr">5</span> people' in html
    assert not re.search(r'<span dir="ltr">[^<]*\s</span>', html)


@pytest.mark.parametrize(
    ("text", "runs"),
    [
        ("اتصل على 1-800-4-CANCER اليوم", ["1-800-4-CANCER"]),  # a phone number spelled with letters
        ("فحص CA-125 في الدم", ["CA-125"]),
        ("سرطان HER2 الإيجابي", ["HER2"]),
        ("طفرة BRCA1/2 أو BRCA2", ["BRCA1/2", "BRCA2"]),
        ("المرحلة 2A من السرطان", ["2A"]),
        ("ورم T1N0M0 صغير في 3 مواضع", ["T1N0M0", "3"]),
    ],
    ids=["vanity phone", "hyphen", "letters then digit", "slash", "digit then letter", "several"],
)
def test_rtl_bodies_isolate_a_code_of_letters_and_digits_whole(text: str, runs: list[str]) -> None:
    """Right to left, a code isolated only in its digits reads wrong: "HER2" as "2HER", "CA-125" as "125CA-"."""
    html = body_html(article(text), rtl=True)
    assert re.findall(r'<span dir="ltr">([^<]*)</span>', html) == runs


def test_rtl_title_key_points_and_word_list_isolate_numbers_too(handouts: Any, tmp_path: Path) -> None:
    from dataclasses import replace

    from simplify.handout.content import Word

    arabic = article("شارك 569 مريضا في الدراسة.\n\nاستمرت الدراسة 5 سنوات.", title="'دراسة 2016'", language="ar")
    handout = handouts.gather(arabic)
    handout = replace(handout, words=(Word("كلمة 7", "معنى من 3 كلمات", None, "ar"), *handout.words))
    html = handouts.templates.render(handout, "html").text
    assert '<h1>دراسة <span dir="ltr">2016</span></h1>' in html
    assert '<li>شارك <span dir="ltr">569</span> مريضا في الدراسة.</li>' in html
    assert (
        '<dt>كلمة <span dir="ltr">7</span></dt>' in html and '<dd>معنى من <span dir="ltr">3</span> كلمات</dd>' in html
    )


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("../../etc/passwd", "etc-passwd"),
        ("Quimioterapia rápida: ¿qué es?", "quimioterapia-rapida-que-es"),
        ("/absolute/path", "absolute-path"),
        ("..", "article"),
        ("", "article"),
        ("a" * 200, "a" * 80),
        ("C:\\Windows\\x", "c-windows-x"),
        ("CON", "con-article"),  # Windows devices, whatever the extension after them
        ("aux", "aux-article"),
        ("Nul", "nul-article"),
        ("LPT1", "lpt1-article"),
        ("com¹", "com1-article"),  # folded to ASCII first
        ("Con Cancer", "con-cancer"),
        ("console", "console"),
    ],
)
def test_file_names_made_from_titles_stay_in_the_output_folder(text: str, slug: str, tmp_path: Path) -> None:
    assert slugify(text) == slug
    assert inside(tmp_path, f"{slugify(text)}.en.html").parent == tmp_path.resolve()


def test_inside_refuses_names_that_leave_the_folder(tmp_path: Path) -> None:
    for name in ("../x.html", "/etc/x.html", "a/../../x.html", "sub/x.html"):
        with pytest.raises(SimplifyError):
            inside(tmp_path, name)


def test_a_symlink_where_a_handout_goes_is_one_line_and_the_other_articles_are_made(tmp_path: Path) -> None:
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    out.mkdir()
    elsewhere.mkdir()
    (out / "a.en.html").symlink_to(elsewhere / "a.en.html")
    for name in ("a", "b"):
        (tmp_path / f"{name}.md").write_text(f"---\ntitle: {name}\nlanguage: en\n---\n\nSome text.\n")
    result = CliRunner().invoke(
        cli, ["handout", str(tmp_path / "a.md"), str(tmp_path / "b.md"), "-o", str(out), "--format", "html"]
    )
    assert result.exit_code != 0 and "internal error" not in result.output
    assert "leaves the output folder" in result.output
    assert not (elsewhere / "a.en.html").exists() and (out / "b.en.html").is_file()


def test_an_article_with_nothing_to_read_is_one_line_and_the_others_are_made(tmp_path: Path) -> None:
    out = tmp_path / "out"
    (tmp_path / "a.md").write_text("---\ntitle: Widgets\nlanguage: en\n---\n\n# Widgets\n\nPlaceholder slot\n")
    (tmp_path / "b.md").write_text("---\ntitle: b\nlanguage: en\n---\n\nSome text.\n")
    result = CliRunner().invoke(
        cli, ["handout", str(tmp_path / "a.md"), str(tmp_path / "b.md"), "-o", str(out), "--format", "html"]
    )
    assert result.exit_code == 2
    assert f"simplify: {tmp_path / 'a.md'}: the article has nothing to read besides its title" in result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["b.en.html"]


def test_slug_comes_from_the_url_then_the_file_then_the_title(seed_article: Any) -> None:
    assert handout_slug(seed_article) == "daratumumab-castor-pollux"
    assert handout_slug(article("text", title="Über ../../etc")) == "test"
    assert handout_slug(articles.parse("---\ntitle: Über ../../etc\nlanguage: en\n---\n\ntext\n", path="-")) == (
        "uber-etc"
    )


def test_a_crash_while_writing_leaves_the_old_handout_and_no_temporary_file(
    handouts: Any, seed_article: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = handouts.write(seed_article, tmp_path, formats=["html"])[0].path
    before = first.read_bytes()

    def broken(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("simplify.files.os.fsync", broken)
    with pytest.raises(SimplifyError, match="cannot write .*: No space left on device"):
        handouts.write(seed_article, tmp_path, formats=["html"])
    monkeypatch.undo()
    assert first.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == [first.name]


# -- languages of the handout's own words ---------------------------------------------------------


def test_spanish_labels_and_glossary_around_an_english_body(handouts: Any, seed_article: Any, tmp_path: Path) -> None:
    written = handouts.write(seed_article, tmp_path, langs=["es"], formats=["html"])
    page = Page(written[0].path.read_text(encoding="utf-8"))
    assert "Palabras que debe conocer" in page.paragraphs
    # The Spanish glossary's name, in the word list, and the English name the reader finds in the body;
    # a name both languages share is said once.
    assert "mieloma múltiple (multiple myeloma)" in page.paragraphs
    assert "neutropenia" in page.paragraphs
    html = written[0].path.read_text(encoding="utf-8")
    assert '<span class="said" lang="en" dir="ltr">(progression-free survival)</span>' in html
    english = html_of(handouts, seed_article, tmp_path / "en", langs=["en"])
    assert "(progression-free survival)" not in english and "(multiple myeloma)" not in english
    assert any("increased progression-free survival" in p for p in page.paragraphs)  # the body stays English
    assert any("the body stays in 'en'" in w and "glossary words in 'es'" in w for w in written[0].warnings)


def test_the_word_list_says_the_other_name_the_article_calls_a_term_by(handouts: Any, seed_article: Any) -> None:
    said = {word.name: word.said for word in handouts.gather(seed_article).words}
    assert said["adverse effect"] == "adverse event"  # the article's "adverse events", singular
    assert said["National Cancer Institute"] == "NCI"  # "NCI’s"
    assert said["multiple myeloma"] == said["neutropenia"] == ""  # called by their names


def test_definitions_in_another_language_than_the_body_say_so(handouts: Any, seed_article: Any, tmp_path: Path) -> None:
    """WCAG 3.1.2: a Spanish definition inside the English body is marked lang="es"; the grade is of the English."""
    html_path, md_path = (w.path for w in handouts.write(seed_article, tmp_path, langs=["es"], formats=["html", "md"]))
    html = html_path.read_text(encoding="utf-8")
    body = html[html.index('<div class="article" lang="en"') :]
    spans = re.findall(r'<span lang="es">([^<]+)</span>', body)
    # Each inside its parentheses, after the English words it explains where they are not right before them.
    inside = r'\((?:[^()<:]+: )?<span lang="es">{}</span>\.?\)'
    assert spans and all(re.search(inside.format(re.escape(s)), body) for s in spans)
    # "disease progression" in a long sentence: after it, "(Progression: ...)", naming the word it explains.
    assert re.search(r'\(Progression: <span lang="es">[^<]+</span>\.\)', body)
    assert "\ue000" not in html + md_path.read_text(encoding="utf-8")
    english = handouts.gather(seed_article)
    spanish = handouts.gather(seed_article, "es")
    assert spanish.grade_handout == spanish.grade_article == english.grade_article
    markdown = MarkdownIt("commonmark").render(md_path.read_text(encoding="utf-8"))
    assert all(re.search(r"\((?:[^()<:]+: )?" + re.escape(s) + r"\.?\)", markdown) for s in spans)
    ar = handouts.write(seed_article, tmp_path / "ar", langs=["ar"], formats=["html"])
    assert any("glossary words in 'en'" in w for w in ar[0].warnings)


def test_a_language_without_a_catalog_falls_back_to_english_with_a_warning(
    handouts: Any, seed_article: Any, tmp_path: Path
) -> None:
    written = handouts.write(seed_article, tmp_path, langs=["de"], formats=["html"])
    assert "Words to know" in written[0].path.read_text(encoding="utf-8")
    assert any("no catalog for 'de'" in w for w in written[0].warnings)
    assert any("labels are in 'en'" in w for w in written[0].warnings)


@pytest.mark.parametrize("lang", HANDOUT_LANGUAGES)
def test_the_review_date_reads_as_a_date_in_every_language(
    lang: str, handouts: Any, seed_article: Any, tmp_path: Path
) -> None:
    """No CLDR placeholder month where CLDR has no month names ("2025 M12 30"), no ".." after "г." (Russian)."""
    page = Page(html_of(handouts, seed_article, tmp_path, langs=[lang]))
    [source] = [p for p in page.paragraphs if "NCI" in p and "2025" in p]
    assert "30" in source and not re.search(r"\bM\d", source), source
    assert ".." not in source and "。." not in source, source


LONG_NOTE = (
    "This handout's text is in its original language. Only its labels, questions and word list are in your language."
)
SHORT_NOTE = "This handout's text is in its original language. Only its labels and questions are in your language."


@pytest.mark.parametrize(
    ("lang", "root", "note"),
    [
        ("en", ("en", "ltr"), None),
        ("de", ("en", "ltr"), None),  # no German catalog: every word is English, and nothing claims otherwise
        ("es", ("es", "ltr"), LONG_NOTE),  # Spanish labels and glossary words, English body
        ("ar", ("ar", "rtl"), SHORT_NOTE),  # the glossary has no Arabic: its words stay English
        ("zh-Hans", ("zh-Hans", "ltr"), SHORT_NOTE),
        ("ko", ("ko", "ltr"), SHORT_NOTE),
    ],
)
def test_each_part_says_the_language_it_is_in_and_the_note_is_true(
    lang: str, root: tuple[str, str], note: str | None, handouts: Any, seed_article: Any, tmp_path: Path
) -> None:
    """WCAG 3.1.1 and 3.1.2: the root is the labels' language; the English title, body and words say they are."""
    from simplify.handout.catalogs import translations_for
    from simplify.handout.templates import builtin_templates

    html = html_of(handouts, seed_article, tmp_path, langs=[lang])
    page = Page(html)
    assert page.tags[0] == ("html", {"lang": root[0], "dir": root[1]})
    english = {} if root[0] == "en" else {"lang": "en", "dir": "ltr"}
    assert ("title", english) in page.tags and ("h1", english) in page.tags
    assert ("div", {"class": "article", **english}) in page.tags
    words = [attrs for tag, attrs in page.tags if tag == "div" and attrs.get("class") == "word"]
    assert words and all(w.get("lang", root[0]) == ("es" if lang == "es" else "en") for w in words)
    catalog = translations_for((builtin_templates(),), lang)
    notes = {(catalog.gettext(n) if catalog else n): n for n in (LONG_NOTE, SHORT_NOTE)}
    assert [notes[p] for p in page.paragraphs if p in notes] == ([note] if note else [])


# -- templates ------------------------------------------------------------------------------------


def test_a_user_folder_overrides_single_templates(seed_article: Any, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "handout.css").write_text("body { color: #000; } /* ours */\n")
    maker = Handouts(Settings(), templates=mine)
    html = html_of(maker, seed_article, tmp_path / "out")
    assert "/* ours */" in html and "Words to know" in html  # our css, the built-in page


def test_templates_can_come_from_pyproject(seed_article: Any, tmp_path: Path) -> None:
    (tmp_path / "tpl").mkdir()
    (tmp_path / "tpl" / "handout.css").write_text("/* from settings */\n")
    settings = Settings(root=str(tmp_path)).merged({"templates": "tpl"}, "test")
    html = html_of(Handouts(settings), seed_article, tmp_path / "out")
    assert "/* from settings */" in html


@pytest.mark.parametrize("fmt", ["html", "md"])
def test_a_user_template_extends_ours_and_replaces_one_block(fmt: str, seed_article: Any, tmp_path: Path) -> None:
    """As with an mkdocs theme: ours is "simplify/NAME", whatever the user's folder holds."""
    name = {"html": "handout.html", "md": "handout.md.jinja"}[fmt]
    mine = tmp_path / "mine"
    mine.mkdir()
    block = "<p>Call us: 555-0100</p>" if fmt == "html" else "Call us: 555-0100\n"
    (mine / name).write_text(f'{{% extends "simplify/{name}" %}}{{% block questions %}}{block}{{% endblock %}}')
    maker = Handouts(Settings(), templates=mine)
    text = maker.templates.render(maker.gather(seed_article), fmt).text
    ours = Handouts(Settings()).templates.render(maker.gather(seed_article), fmt).text
    assert "Call us: 555-0100" in text and "Questions to ask" not in text
    assert "Words to know" in text and text.split("Words to know")[0] == ours.split("Words to know")[0]


@pytest.mark.parametrize(
    ("template", "says"),
    [
        ("<p>\n{% if %}", r"mine/handout.html:2: TemplateSyntaxError"),
        ("<p>\n{{ h.no_such_field }}", r"mine/handout.html:2: UndefinedError: .*no_such_field"),
        ("<p>\n\n{% include 'nope.html' %}", r"mine/handout.html:3: TemplateNotFound: nope.html \(looked in .*mine, "),
        (
            "{{ h.__class__.__init__.__globals__['os'].system('true') }}",
            r"mine/handout.html:1: SecurityError: .*sandbox",
        ),
        # What a template's expression raises as it runs is its fault too, not an internal error.
        ("<p>\n{% for x in range(10**9) %}{% endfor %}", r"mine/handout.html:2: OverflowError"),
        ("<p>\n{{ 1 / 0 }}", r"mine/handout.html:2: ZeroDivisionError"),
        # Extending "handout.html" finds this very file again: the error says how to reach ours.
        ('{% extends "handout.html" %}', r'RecursionError: .*Extend ours as "simplify/handout.html"'),
    ],
)
def test_a_broken_user_template_is_one_error_naming_its_file_and_line(
    template: str, says: str, seed_article: Any, tmp_path: Path
) -> None:
    from simplify.errors import ConfigError

    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "handout.html").write_text(template)
    with pytest.raises(ConfigError, match=f"^template .*{says}"):
        html_of(Handouts(Settings(), templates=mine), seed_article, tmp_path / "out")


def test_a_broken_user_template_streamed_is_the_same_one_error(tmp_path: Path) -> None:
    """The build report is written piece by piece: its template's fault is found only while it is read."""
    from simplify.errors import ConfigError
    from simplify.handout.templates import Templates

    (tmp_path / "build-report.html").write_text("<p>\n{{ data.no_such_field }}")
    with pytest.raises(ConfigError, match=r"^template .*/build-report.html:2: UndefinedError"):
        "".join(Templates(tmp_path).stream("build-report.html", "en", data={}))


def test_a_broken_user_template_fails_the_command_without_a_traceback(tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "handout.html").write_text("{% if %}")
    result = CliRunner().invoke(cli, ["handout", str(SEED), "-o", str(tmp_path / "o"), "--templates", str(mine)])
    assert result.exit_code == 2 and "TemplateSyntaxError" in result.output and "Traceback" not in result.output


def test_autoescape_is_on_for_article_text(handouts: Any, tmp_path: Path) -> None:
    html = html_of(handouts, article("# x\n\nText.", title="'\"><script>alert(1)</script>'"), tmp_path)
    assert "<script>alert" not in html and "&lt;script&gt;" in html


def test_autoescape_is_on_in_a_user_stylesheet(handouts: Any, tmp_path: Path) -> None:
    """The stylesheet goes in the page's <style>: a title printed there must not end it and open a script."""
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "handout.css").write_text('@page { @top-center { content: "{{ h.title }}"; } }\n')
    title = "'Lung\" } </style><script>alert(1)</script><style> x { a: \"'"
    html = html_of(Handouts(Settings(), templates=mine), article("# x\n\nText.", title=title), tmp_path / "out")
    assert "<script>" not in html and html.count("</style>") == 1


def test_missing_templates_folder_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(SimplifyError, match="does not exist"):
        Handouts(Settings(), templates=tmp_path / "nope")


# -- the command ----------------------------------------------------------------------------------


def test_a_handout_that_cannot_be_written_is_one_error_and_the_others_are_written(tmp_path: Path) -> None:
    """A folder where the handout's file would go (or a full disk) is that article's error, not an internal one."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.md").write_text("---\ntitle: Widget Care\nlanguage: en\n---\n\nWidgets need care. They rust.\n")
    (src / "b.md").write_text("---\ntitle: Widget Rust\nlanguage: en\n---\n\nRust eats widgets. It spreads.\n")
    (tmp_path / "o" / "a.en.md").mkdir(parents=True)
    result = CliRunner().invoke(cli, ["handout", str(src), "-o", str(tmp_path / "o"), "--format", "md"])
    assert result.exit_code == 2 and "internal error" not in result.output
    assert "cannot write" in result.output and "a.en.md" in result.output
    assert (tmp_path / "o" / "b.en.md").is_file()
    assert not [p for p in (tmp_path / "o").iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize(
    ("name", "stdin", "title"),
    [
        ("low-dose_radiation.md", None, "Low dose radiation"),  # the file's name in words
        ("-", "Widgets need care, and they rust in rain. More text.\n", "Widgets need care, and they rust in rain"),
    ],
)
def test_an_article_with_no_title_or_heading_still_has_one_and_says_so(
    name: str, stdin: str | None, title: str, tmp_path: Path
) -> None:
    """One h1 that says something: the file's name, or the article's opening words; and a warning."""
    if stdin is None:
        (tmp_path / name).write_text("---\nlanguage: en\n---\n\nWidgets need care, and they rust in rain.\n")
        name = str(tmp_path / name)
    result = CliRunner().invoke(cli, ["handout", name, "-o", str(tmp_path / "o"), "--format", "html"], input=stdin)
    assert result.exit_code == 0, result.output
    (html,) = (tmp_path / "o").glob("*.html")
    page = html.read_text(encoding="utf-8")
    assert f"<h1>{title}</h1>" in page and f"<title>{title}</title>" in page
    assert f"no title or heading: the handout is titled '{title}'" in result.output


def test_handout_command_writes_each_format_and_reports_grades(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["handout", str(SEED), "-o", str(tmp_path), "--format", "html,md"])
    assert result.exit_code == 0, result.output
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names == ["daratumumab-castor-pollux.en.html", "daratumumab-castor-pollux.en.md"]
    assert re.search(r"daratumumab-castor-pollux\.en\.html \(grade \d+\.\d -> \d+\.\d\)", result.output)
    md = (tmp_path / "daratumumab-castor-pollux.en.md").read_text()
    assert md.startswith("# Daratumumab for Multiple Myeloma") and "## Words to know" in md


@pytest.mark.parametrize(
    ("presentation", "inline", "word_box"), [("both", True, True), ("inline", True, False), ("list", False, True)]
)
def test_the_handout_presents_jargon_as_the_settings_say(
    seed_article: Any, presentation: str, inline: bool, word_box: bool
) -> None:
    handout = Handouts(Settings(presentation=presentation)).gather(seed_article)  # type: ignore[arg-type]
    assert ("(Progression-free survival: how long a person lives" in handout.body_markdown) is inline
    assert bool(handout.words) is word_box
    assert "## Words to know" not in handout.body_markdown  # the template's box, never the body's


def test_the_handout_command_takes_expand_settings_and_flags(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.simplify]\npresentation = 'list'\n")
    config = ["--config", str(tmp_path / "pyproject.toml"), "-o", str(tmp_path), "--format", "md"]
    md = tmp_path / "daratumumab-castor-pollux.en.md"
    assert CliRunner().invoke(cli, ["handout", *config, str(SEED)]).exit_code == 0
    assert "(how long a person lives" not in md.read_text() and "## Words to know" in md.read_text()
    result = CliRunner().invoke(cli, ["handout", *config, "--presentation", "inline", "--max-inline", "1", str(SEED)])
    assert result.exit_code == 0 and "(how long a person lives" in md.read_text()
    assert "## Words to know" not in md.read_text()


def test_handout_command_rejects_bad_formats_and_languages(tmp_path: Path) -> None:
    bad_format = CliRunner().invoke(cli, ["handout", str(SEED), "-o", str(tmp_path), "--format", "docx"])
    bad_lang = CliRunner().invoke(cli, ["handout", str(SEED), "-o", str(tmp_path), "--lang", "xx-nope"])
    assert bad_format.exit_code == 2 and bad_lang.exit_code == 2


def test_a_bad_article_fails_alone(tmp_path: Path) -> None:
    broken = tmp_path / "broken.md"
    broken.write_bytes(b"\x00\x01binary")
    result = CliRunner().invoke(
        cli, ["handout", str(broken), str(SEED), "-o", str(tmp_path / "out"), "--format", "html"]
    )
    assert result.exit_code == 2
    assert "broken.md" in result.output and (tmp_path / "out" / "daratumumab-castor-pollux.en.html").exists()


@pytest.mark.parametrize(("body", "listed"), [("Rest is good for you.", False), ("Chemotherapy can help.", True)])
def test_words_to_know_are_words_the_handout_shows(handouts: Any, body: str, listed: bool) -> None:
    """The page title is printed once, as the h1 without its " - NCI": its words in the body are not listed."""
    page = article(f"# Chemotherapy Works - NCI\n\n{body}", title="Chemotherapy Works - NCI")
    handout = handouts.gather(page)
    assert ("chemotherapy" in {w.name.lower() for w in handout.words}) is listed
    assert "Chemotherapy Works" not in handout.body  # the title is the h1 alone


@pytest.mark.parametrize(
    ("body", "name"),
    [
        ("New medicines can help.", None),  # "medicines" is rarer in print than "medicine", a common word
        ("New therapies can help.", None),
        ("Some lymphomas grow slowly.", "lymphoma"),  # a rare word is explained in either number
        ("The NCI funds research.", "National Cancer Institute"),  # a name's abbreviation is no plural of it
    ],
)
def test_a_common_word_is_not_explained_in_the_plural_either(handouts: Any, body: str, name: str | None) -> None:
    handout = handouts.gather(article(f"# Research\n\n{body}"))
    assert [w.name for w in handout.words] == ([name] if name else [])


def test_a_word_every_adult_knows_is_not_explained_even_where_it_is_linked(handouts: Any) -> None:
    link = "/Common/PopUps/popDefinition.aspx?id=CDR00000{}&version=Patient&language=English"
    body = f"[Cancer]({link.format(45333)}) can bring [neutropenia]({link.format(45361)})."
    handout = handouts.gather(article(f"# Research\n\n{body}"))
    assert [w.name for w in handout.words] == ["neutropenia"]
    assert "Cancer can bring neutropenia (" in handout.body
    # A code or an acronym is jargon, however often print has it.
    body = f"[Cancer]({link.format(45333)}) can bring [HER2]({link.format(45361)})."
    assert [w.name for w in handouts.gather(article(f"# Research\n\n{body}")).words] == ["neutropenia"]


def test_an_everyday_word_is_not_explained_however_rare_in_print(handouts: Any) -> None:
    """ "Breast" and "cure" are rarer in print than "diagnosis": frequency alone would explain them."""
    link = "/Common/PopUps/popDefinition.aspx?id=CDR0000{}&version=Patient&language=English"
    body = (
        f"A [breast]({link.format(304766)}) lump may be found. Can it [cure]({link.format(318813)}) it? "
        f"Ask about the [diagnosis]({link.format(46450)}) and how to cope."
    )
    handout = handouts.gather(article(f"# Research\n\n{body}"))
    assert [w.name for w in handout.words] == ["diagnosis"]


@pytest.mark.shared
def test_the_everyday_terms_are_the_default_glossarys_words(handouts: Any) -> None:
    """Each id names the word its comment says: a mistyped id would let the word be explained again. A term
    the default glossary lacks is held to NCI's export (its GlossaryTerm XML, one file per id)."""
    from conftest import need_shared

    from simplify.handout.everyday import EVERYDAY_TERMS

    glossary, export = handouts.tools.glossary, need_shared("glossary", "nci-glossary-xml-2016")

    def name(term_id: str) -> str | None:
        entry = glossary.get(term_id)
        if entry is not None:
            return entry.name("en")
        found = re.search(r"<TermName>([^<]*)</TermName>", (export / f"CDR{term_id}.xml").read_text(encoding="utf-8"))
        return found.group(1) if found else None

    assert {term_id: name(term_id) for term_id in EVERYDAY_TERMS} == EVERYDAY_TERMS


@pytest.fixture(scope="module")
def nci_handouts(tmp_path_factory: pytest.TempPathFactory) -> Handouts:
    """Return a Handouts maker whose glossary has NCI's dictionary imported (the export in ../shared)."""
    from conftest import need_shared

    from simplify.glossary.index import import_path, load_glossary
    from simplify.jargon.analysis import JargonTools

    cache = tmp_path_factory.mktemp("nci") / "cache"
    import_path(need_shared("glossary", "nci-glossary-xml-2016"), cache_dir=cache)
    maker = Handouts(Settings())
    maker.tools = JargonTools(load_glossary(cache))
    return maker


@pytest.mark.shared
def test_with_nci_imported_the_word_list_says_how_to_pronounce(seed_article: Any, nci_handouts: Handouts) -> None:
    """Once NCI's glossary is imported, its respellings give "Words to know" its pronunciations."""
    handout = nci_handouts.gather(seed_article)
    said = {w.name: w.pronunciation for w in handout.words}
    assert sum(1 for p in said.values() if p) >= 5, said
    html = nci_handouts.templates.render(handout, "html").text
    assert re.search(r'<dt>[^<]+ <span class="say">\([^)]+\)</span></dt>', html)
    letters = re.compile(r"[\W_]+")
    assert not [
        w for w in handout.words if w.pronunciation and letters.sub("", w.pronunciation) == letters.sub("", w.name)
    ]  # no "dose (dose)"


@pytest.mark.parametrize(
    ("said", "name", "kept"),
    [("(dose)", "dose", False), ("(X-ray)", "X-ray", False), ("(dohs)", "dose", True), ("(PEL-vis)", "pelvis", True)],
)
def test_a_pronunciation_that_spells_the_word_as_written_is_left_out(said: str, name: str, kept: bool) -> None:
    from simplify.expand import _worth_saying

    assert _worth_saying(said, name) == (said if kept else None)


@pytest.mark.shared
def test_with_nci_imported_the_word_list_keeps_its_definitions_short(seed_article: Any, nci_handouts: Handouts) -> None:
    """NCI's definitions run long: "Words to know" lists each one's first sentences, whole, up to 40 words."""
    from simplify.handout.content import LISTED_MAX_WORDS
    from simplify.text.sentences import split_sentences

    glossary = nci_handouts.tools.glossary
    handout = nci_handouts.gather(seed_article)
    shortened = 0
    for word in handout.words:
        listed = word.definition
        assert len(listed.split()) <= LISTED_MAX_WORDS or len(split_sentences(listed, "en")) == 1, word
        fulls = [" ".join(d.text.split()) for e in glossary.find(word.name) if (d := e.definition("en"))]
        assert any(full.startswith(listed) for full in fulls), word  # its first sentences, as written
        shortened += all(len(full) > len(listed) for full in fulls if full.startswith(listed))
    assert shortened >= 3  # the seed's terms include long NCI definitions


@pytest.mark.parametrize(
    ("sentences", "listed"),
    [
        ([15, 15, 15], 2),  # 30 words: a third sentence would make 45
        ([50, 5], 1),  # a first sentence stays whole, however long
        ([10, 30], 2),  # exactly 40
        ([12], 1),
    ],
)
def test_a_listed_definition_is_its_first_whole_sentences(sentences: list[int], listed: int) -> None:
    from simplify.handout.content import listed_definition

    made = [" ".join(["Word"] + ["word"] * (n - 1)) + "." for n in sentences]
    assert listed_definition("  ".join(made), "en") == " ".join(made[:listed])


def test_two_articles_of_one_name_both_get_their_handouts(tmp_path: Path) -> None:
    """Articles whose addresses end alike would write the same files: the second is named apart, and says so."""
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "page.md").write_text(
            f"---\ntitle: {folder}\nlanguage: en\nurl: https://example.org/{folder}/same\n---\n\nText of {folder}.\n"
        )
    out = tmp_path / "out"
    paths = [str(tmp_path / "one" / "page.md"), str(tmp_path / "two" / "page.md")]
    result = CliRunner().invoke(cli, ["handout", *paths, "-o", str(out), "--format", "md"])
    assert result.exit_code == 0, result.output
    (apart,) = {p.name for p in out.iterdir()} - {"same.en.md"}
    assert re.fullmatch(r"same-[0-9a-f]{6}\.en\.md", apart) and len(list(out.iterdir())) == 2
    assert "Text of one" in (out / "same.en.md").read_text() and "Text of two" in (out / apart).read_text()
    assert "has its handouts' name" in result.output


@pytest.mark.parametrize(
    "body",
    [
        "Table 1. Doses\n\n| a | b |\n| --- | --- |\n|  |  |\n| --- | --- |\n| Q = a quart. | |\n| 1 | 2 |",
        "- Table 2. Doses\n\n  | a | b |\n  | --- | --- |\n  | 1 | 2 |",
        "> Table 3. Doses\n>\n> | a |\n> | --- |\n> | 1 |",
    ],
)
def test_a_captioned_table_s_tokens_nest_at_their_levels(body: str) -> None:
    """Whoever walks the tokens by level (as markdown-it's own tools do) meets the caption inside its table."""
    from simplify.handout.body import body_tokens

    tokens = body_tokens(article(f"# P\n\nLead.\n\n{body}"))
    assert any(tok.type == "caption_open" for tok in tokens)
    depth = 0
    for tok in tokens:
        depth += min(tok.nesting, 0)
        assert tok.level == depth, (tok.type, tok.level, depth)
        depth += max(tok.nesting, 0)
    assert depth == 0


_NOTES = "| Name | Dose |\n| --- | --- |\n|  |  |\n| --- | --- |\n| Q = a quart. | |\n"


@pytest.mark.parametrize(
    ("rows", "foot", "body"),
    [
        # The group's name that opens the data stays above its data: in emphasis ...
        ("| **Adults** | |\n| Drug A | 1 |", ["Q = a quart."], ["Adults", "Drug A 1"]),
        ("| *Adults* | |\n| Drug A | 1 |", ["Q = a quart."], ["Adults", "Drug A 1"]),
        ("| **Adults** | |\n| Drug A | |\n| Drug B | 2 |", ["Q = a quart."], ["Adults", "Drug A", "Drug B 2"]),
        # ... or a name that ends no sentence, right before a row of data.
        ("| All adults | |\n| Drug A | 1 |", ["Q = a quart."], ["All adults", "Drug A 1"]),
        ("| Adults: | |\n| Drug A | 1 |", ["Q = a quart."], ["Adults:", "Drug A 1"]),
        # A note is a sentence, or ends with a citation or a parenthesis.
        ("| From our notes. | |\n| Drug A | 1 |", ["Q = a quart.", "From our notes."], ["Drug A 1"]),
        ("| From our notes (2020) | |\n| Drug A | 1 |", ["Q = a quart.", "From our notes (2020)"], ["Drug A 1"]),
        # A label of notes is followed by notes, not data.
        ("| Notes: | |\n| R = a rule. | |\n| Drug A | 1 |", ["Q = a quart.", "Notes:", "R = a rule."], ["Drug A 1"]),
        ("| *R* = a rule. | |\n| Drug A | 1 |", ["Q = a quart.", "R = a rule."], ["Drug A 1"]),
    ],
)
def test_the_group_name_that_opens_a_scraped_table_s_data_is_no_note(
    rows: str, foot: list[str], body: list[str]
) -> None:
    html = body_html(article(f"# P\n\nLead.\n\n{_NOTES}{rows}"))
    words = [" ".join(re.sub(r"<[^>]+>", " ", r).split()) for r in re.findall(r"<tr>(.*?)</tr>", html, re.DOTALL)]
    assert words == ["Name Dose", *body, *foot]


def test_a_one_column_table_has_no_notes_to_move() -> None:
    """Every row of one column has words in its first cell only: the data would all go to the foot."""
    html = body_html(article("# P\n\nLead.\n\n| Steps |\n| --- |\n| --- |\n| Rest. |\n| Walk. |"))
    assert "<tfoot>" not in html and "colspan" not in html
    assert html.index("Rest.") > html.index("<tbody>") and html.index("Walk.") < html.index("</tbody>")


@pytest.mark.parametrize(
    ("table", "rows"),
    [
        # Notes first, then an empty row and the dashes, then the data (an empty header row, left out).
        (
            "|  |  |\n| --- | --- |\n| Q = a quart. | |\n| From our notes. | |\n|  |  |\n| --- | --- |\n"
            "| **Adults:** | |\n| Drug A | 1 |",
            ["Adults:", "Drug A 1", "Q = a quart.", "From our notes."],
        ),
        # A group's name before the dashes ends no sentence: it opens the data, and the notes follow the dashes.
        (
            "| Name | Dose |\n| --- | --- |\n| Age 55 or older: | |\n|  |  |\n| --- | --- |\n"
            "| Q = a quart. | |\n| Drug A | 1 |",
            ["Name Dose", "Age 55 or older:", "Drug A 1", "Q = a quart."],
        ),
        # No dashes after them: the rows that open the body are its data (a group's name), and stay.
        (
            "| Name | Dose |\n| --- | --- |\n| Adults | |\n| Drug A | 1 |",
            ["Name Dose", "Adults", "Drug A 1"],
        ),
        # Data before the dashes: nothing above them is a note.
        (
            "| Name | Dose |\n| --- | --- |\n| Drug A | 1 |\n| Adults | |\n| --- | --- |\n| Drug B | 2 |",
            ["Name Dose", "Drug A 1", "Adults", "Drug B 2"],
        ),
    ],
)
def test_notes_that_open_a_scraped_table_before_its_dashes_go_to_its_foot(table: str, rows: list[str]) -> None:
    html = body_html(article(f"# P\n\nLead.\n\n{table}"))
    words = [" ".join(re.sub(r"<[^>]+>", " ", r).split()) for r in re.findall(r"<tr>(.*?)</tr>", html, re.DOTALL)]
    assert words == rows


def test_the_markdown_key_points_end_before_a_body_that_opens_with_text(handouts: Any, tmp_path: Path) -> None:
    """In HTML the key points are a box; in markdown a body with no heading first would read as more of them."""
    page = article("Widgets help people who are sick feel better.\n\nThey come in many sizes and colors.")
    md = handouts.write(page, tmp_path, formats=["md"])[0].path.read_text(encoding="utf-8")
    tokens = MarkdownIt("commonmark").parse(md)
    kinds = [t.type for t in tokens if t.level == 0 and not t.type.endswith("_close")]
    points = kinds.index("bullet_list_open")
    assert kinds[points - 1] == "heading_open" and "Key points" in md.split("\n- ")[0]
    assert kinds[points + 1] in ("hr", "heading_open")  # the body starts apart from the list
