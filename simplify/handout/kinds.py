"""What kind of article this is, and the questions a patient could bring to the care team about it.

The kind comes from where NCI filed the article (its URL path), then from its title; the questions
are ours, written for each kind and translated by people in the gettext catalogs
(templates/locales), never by a machine.
"""

from __future__ import annotations

import re
from typing import Literal

from simplify.model import Article

Kind = Literal["treatment", "side-effects", "screening", "prevention", "research", "coping", "general"]
KINDS: tuple[Kind, ...] = ("treatment", "side-effects", "screening", "prevention", "research", "coping", "general")


def N_(message: str) -> str:  # noqa: N802 (the gettext convention Babel's extractor looks for)
    """Mark a string for the catalogs; it is translated where it is shown."""
    return message


QUESTIONS: dict[Kind, tuple[str, ...]] = {
    "treatment": (
        N_("What are my treatment choices, and which one do you suggest for me? Why?"),
        N_("What is the goal of this treatment?"),
        N_("What side effects might I have, and how can we manage them?"),
        N_("How will we know if the treatment is working?"),
        N_("Is there a clinical trial that could be right for me?"),
    ),
    "side-effects": (
        N_("Which side effects might I have from my treatment?"),
        N_("Which problems mean I should call you right away?"),
        N_("What can I do at home to feel better?"),
        N_("Whom do I call at night or on the weekend?"),
        N_("Will these side effects go away after treatment ends?"),
    ),
    "screening": (
        N_("Should I have this test? When should I start?"),
        N_("What are the benefits and the harms of this test for me?"),
        N_("How do I get ready for the test?"),
        N_("What happens if the result is not normal?"),
        N_("How often should I have this test?"),
    ),
    # Risk and prevention: a screening test's questions ("Should I have this test?") name no test there.
    "prevention": (
        N_("What can I do to lower my risk of this cancer?"),
        N_("Does my family history, or anything else, put me at higher risk?"),
        N_("Should I have screening tests? When should I start?"),
        N_("Are there medicines or other steps that could lower my risk, and what are their harms?"),
    ),
    "research": (
        N_("Does this research apply to me and my cancer?"),
        N_("Is this treatment approved, or is it only used in studies now?"),
        N_("Is there a clinical trial I could join?"),
        N_("Would this change my care?"),
    ),
    "coping": (
        N_("Who can help me with my feelings about cancer?"),
        N_("Is there a support group near me?"),
        N_("Where can I get help with costs, travel, or work?"),
        N_("Who can my family talk to?"),
    ),
    "general": (
        N_("What kind of cancer do I have, and what is its stage?"),
        N_("What are my next steps?"),
        N_("Where can I learn more from sources I can trust?"),
        N_("Whom should I call when I have questions?"),
    ),
}

# The same kinds, for a page written to a child's parents ("your child"): a parent asks of the child, and
# for the family. Other kinds keep their questions: a screening test, a risk or a study is asked of alike.
PARENT_QUESTIONS: dict[Kind, tuple[str, ...]] = {
    "treatment": (
        N_("What are my child's treatment choices, and which one do you suggest? Why?"),
        N_("What is the goal of this treatment?"),
        N_("What side effects might my child have, and how can we manage them?"),
        N_("How will we know if the treatment is working?"),
        N_("Is there a clinical trial that could be right for my child?"),
    ),
    "side-effects": (
        N_("Which side effects might my child have from treatment?"),
        N_("Which problems mean I should call you right away?"),
        N_("What can I do at home to help my child feel better?"),
        N_("Whom do I call at night or on the weekend?"),
        N_("Will these side effects go away after treatment ends?"),
    ),
    "general": (
        N_("What kind of cancer does my child have, and what is its stage?"),
        N_("What are our next steps?"),
        N_("Who can help my child and our family cope?"),
        N_("Whom should I call when I have questions?"),
    ),
}
# A page says whom it is written to: "your child" again and again (20 to 70 times on cancer.gov's pages on
# childhood cancers; once or twice on a page for adults that mentions children).
_TO_PARENTS = re.compile(r"\byour\s+(?:child|children)\b|\bsus?\s+hij(?:o|a|os|as)\b", re.IGNORECASE)
_TO_PARENTS_TIMES = 3


def questions_for(kind: Kind, article: Article) -> tuple[str, ...]:
    """Return the questions of ``kind`` for the reader the article is written to: a child's parent, or the patient."""
    if kind in PARENT_QUESTIONS and _written_to_parents(article):
        return PARENT_QUESTIONS[kind]
    return QUESTIONS[kind]


def _written_to_parents(article: Article) -> bool:
    return len(_TO_PARENTS.findall(article.source)) >= _TO_PARENTS_TIMES


# Checked in order: the first rule whose pattern is found in the URL path (or, failing that, the title) wins.
_RULES: tuple[tuple[Kind, re.Pattern[str]], ...] = (
    ("side-effects", re.compile(r"side[- ]effects|efectos[- ]secundarios|fertility|fertilidad", re.I)),
    (
        "coping",
        re.compile(
            r"/coping|/sobrellevar|\bcoping\b|survivorship|supervivencia|emotional|emocional|caregiv|cuidador"
            r"|caring[- ]for|support[- ]groups?\b|grupos?[- ]de[- ]apoyo",
            re.I,
        ),
    ),
    ("screening", re.compile(r"screening|deteccion|detección", re.I)),
    # News of a study on prevention is research news first.
    ("research", re.compile(r"/research|/investigacion|/news-events|/noticias|cancer-currents", re.I)),
    # A test's fact sheet is about whether to have the test: "psa-fact-sheet", "pap-hpv-testing-fact-sheet".
    ("screening", re.compile(r"\bpsa\b|pap[- ]|hpv[- ]test|mammogra", re.I)),
    (
        "prevention",
        # Inherited risk ("colorectal-genetics-pdq", "hereditary-...") and moles, which may turn into melanoma.
        re.compile(
            r"\bprevention\b|prevencion|prevención|risk[- ]factors|factores[- ]de[- ]riesgo|genetics|hereditary"
            r"|hereditari|\bmoles\b|lunares",
            re.I,
        ),
    ),
    (
        "treatment",
        re.compile(r"treatment|tratamiento|/drugs|/medicamentos|surg|cirug|therap|terapia|transplant|trasplante", re.I),
    ),
)


def kind_of(article: Article) -> Kind:
    """Return the article's kind: where cancer.gov filed it, else what its title says, else "general"."""
    url = article.meta.url or ""
    path = re.sub(r"^[a-z]+://[^/]+", "", url)
    for where in (path, article.title):
        for kind, pattern in _RULES:
            if where and pattern.search(where):
                return kind
    return "general"
