"""Glossary terms a handout does not explain: everyday words whose everyday sense is the one meant.

Editors link them on cancer.gov ("breast" on a breast cancer page, "cope" on a coping page), and how
often print uses a word does not tell them from jargon: "breast", "liver" and "cure" are rarer in print
than "diagnosis", "tissue" and "syndrome", which a reader does need explained. A "Words to know" box
that explains "breast" talks down to its reader and buries the words that need it. So the handout
leaves out the terms listed here, chosen by us by CDR id (the same in NCI's dictionary and ours, in
every language): parts of the body everyone can name, everyday words of health and of science, and
everyday verbs. A word whose everyday sense is not the medical one stays out of this list ("stage",
"sign", "cell", "tissue", "response"), as do words patient-education guides ask to be explained
("nausea", "fatigue", "symptom").
"""

from __future__ import annotations

# CDR id: the English name, which tests/test_handout.py holds to the default glossary's (or to NCI's, for
# a term only NCI's dictionary has: "nurse", explained once it is imported, from a review of such handouts).
EVERYDAY_TERMS: dict[str, str] = {
    # The body
    "270735": "blood",
    "797669": "brain",
    "304766": "breast",
    "549425": "breastbone",
    "46501": "bladder",
    "46325": "kidney",
    "46312": "liver",
    "270740": "lung",
    "415914": "spine",
    "46604": "stomach",
    # Health
    "463134": "alcohol",
    "454699": "appetite",
    "407757": "constipation",
    "306496": "diarrhea",
    "450108": "fever",
    "44669": "fluid",
    "45364": "infection",
    "44678": "injection",
    "482419": "medicine",
    "44711": "prescription",
    "44636": "abnormal",
    "748148": "cigarette",
    "455143": "garlic",
    "46642": "urine",
    "430407": "assessment",
    "648947": "caregiver",
    "454803": "monitor",
    "269445": "nurse",
    "467853": "outcome",
    "390246": "physician",
    "386220": "scanner",
    "450122": "stress",
    "45570": "surgery",
    "45938": "vaccine",
    "476471": "vein",
    "45941": "virus",
    "390324": "vomit",
    "45944": "x-ray",
    # Science
    "45632": "calcium",
    "643008": "chemical",
    "446805": "iron",
    "538149": "oxygen",
    "44724": "scientist",
    # Verbs
    "454700": "cope",
    "318813": "cure",
    "454708": "recover",
}
