"""Count English syllables from spelling, with rules made for medical, Greek and Latin words.

A word's syllables are its vowel nuclei. The rules first mark the vowel letters that are not
nuclei (silent e, consonantal y, the u of qu and gu), then count the runs of the remaining vowel
letters, then split the runs that are two syllables: "io" in "radio", "ia" in "leukemia", the
junction in "myelo|ablation". CMUdict knows the everyday words; what reaches these rules is mostly
the vocabulary CMUdict lacks (drug names, Greek and Latin compounds), so where English spelling is
ambiguous the rules lean towards how those words are said.
"""

from __future__ import annotations

import re
import unicodedata

# Combining forms that end in a vowel. Chained at the start of a word they mark morpheme junctions,
# and a vowel after such a junction starts a new syllable whatever the letters would suggest:
# "immuno|assay", "lympho|epithelioma", "chemo|embolization".
_COMBINING_FORMS = frozenset(
    {
        "adeno",
        "adipo",
        "angio",
        "anti",
        "arterio",
        "arthro",
        "astro",
        "athero",
        "audio",
        "auto",
        "bio",
        "broncho",
        "carcino",
        "cardio",
        "cerebro",
        "chemo",
        "chondro",
        "chromo",
        "cranio",
        "cryo",
        "cysto",
        "cyto",
        "dermato",
        "electro",
        "endo",
        "entero",
        "epi",
        "erythro",
        "extra",
        "fibro",
        "gastro",
        "geno",
        "glio",
        "gluco",
        "glyco",
        "gyneco",
        "hemato",
        "hemo",
        "hepato",
        "histo",
        "hydro",
        "hypo",
        "ileo",
        "immuno",
        "infra",
        "intra",
        "iso",
        "lacto",
        "laparo",
        "leuco",
        "leuko",
        "lipo",
        "lympho",
        "macro",
        "mammo",
        "mega",
        "meso",
        "meta",
        "micro",
        "mono",
        "muco",
        "multi",
        "myco",
        "myelo",
        "myo",
        "naso",
        "necro",
        "neo",
        "nephro",
        "neuro",
        "oligo",
        "onco",
        "osteo",
        "oto",
        "pancreato",
        "patho",
        "peri",
        "pharmaco",
        "pharyngo",
        "pheno",
        "phospho",
        "photo",
        "pneumo",
        "poly",
        "proto",
        "pseudo",
        "psycho",
        "pyelo",
        "radio",
        "recto",
        "reno",
        "retino",
        "retro",
        "rhino",
        "sarco",
        "semi",
        "spleno",
        "supra",
        "tetra",
        "thermo",
        "thoraco",
        "thrombo",
        "thyro",
        "toxo",
        "tracheo",
        "ultra",
        "uro",
        "vaso",
        "veno",
        "xeno",
    }
)
_LONGEST_FORM = max(map(len, _COMBINING_FORMS))
# "re" and "pre" before a vowel, two consonants and more are prefixes: "re|assess", "re|infusion",
# "pre|invasive"; digraphs and short rests keep "reach", "really" and "realm" one syllable.
_RE_PREFIX = re.compile(r"(?:re|pre)(?=[aeiou](?!ch|ck|gh|ph|sh|th)[b-df-hj-np-tv-xz]{2}[a-z]{2})")

_CONSONANT_Y = re.compile(r"(?:^|(?<=[aeiou]))y(?=[aeiou])")
_NUCLEI = re.compile(r"[aeiouy]+")
# Letters in the longest word worth the rules below (chemical names run to about 50); each vowel pair's
# rule reads the letters around it, which in a run of thousands of vowels costs time with its square.
_LONGEST_WORD = 100
_VOWEL = re.compile(r"[aeiouy]")
# The e of a final -e, -es, -ed after consonants; which of them are heard is decided in _mark_e.
_FINAL_E = re.compile(r"(?<=[^aeiouy])e([sd]?)$")
# -le and -re after a consonant are syllabic: "possible", "handled", "acres" (not "hole", "belle").
_SYLLABIC_LE = re.compile(r"(?:[^aeiouyl]l|[bcdgt]r)e[sd]?$")
# -es after a sibilant is a syllable: "lymphocytes" no, "metastases" and "abscesses" yes.
_SIBILANT_ES = re.compile(r"(?:[sxzcg]|[cs]h)es$")
# English suffixes after a silent e: "management", "lateness".
_SILENT_E_BEFORE_SUFFIX = re.compile(r"(?<=[aeiouy][b-df-hj-np-tv-z])e(?=(?:ment|ments|ness|less|ful|ly|like)$)")
# Syllabic m: "neoplasm", "albinism", "rhythm".
_SYLLABIC_M = re.compile(r"[aeiouy](?:sm|thm)s?$")
_CONTRACTION = re.compile(r"'(?:s|ll|re|ve|d|m)$|n't$")
_SIBILANT_END = re.compile(r"(?:[sxz]|[cs]h|[cgs]e)$")


def count_english(word: str) -> int:
    """Return the syllables of one lower-case English word (letters, maybe an apostrophe) by rules."""
    word = word.replace("\u2019", "'")
    contraction = _CONTRACTION.search(word)
    extra = 0
    if contraction:
        stem = word[: contraction.start()]
        suffix = contraction.group()
        # "isn't" and "nurse's" gain a syllable; "don't", "we'll" and "doctor's" do not.
        if suffix == "n't" and stem[-1:] not in "aeiouy" or suffix == "'s" and _SIBILANT_END.search(stem):
            extra = 1
        word = stem
    return max(1, sum(_count_letters(part) for part in _fold(word).split("-") if part) + extra)


def _fold(word: str) -> str:
    """Spell ``word`` in a-z and hyphens: drop accents, and split before a vowel with a diaeresis."""
    # In English a diaeresis means "say this vowel apart": naïve, coöperate, Zoë.
    decomposed = re.sub(r"(.)\u0308", r"-\1", unicodedata.normalize("NFD", word))
    return re.sub(r"[^a-z-]", "", decomposed)


def _count_letters(word: str) -> int:
    """Return the syllables of a word spelled in a-z, never less than one."""
    if not _VOWEL.search(word):
        return 1
    if len(word) > _LONGEST_WORD:
        return len(_NUCLEI.findall(word))  # no word anyone says: its vowel groups, in linear time
    marked = _mark(word)
    junctions = _junctions(marked)
    n = 0
    for run in _NUCLEI.finditer(marked):
        n += 1
        n += sum(1 for i in range(run.start() + 1, run.end()) if i in junctions or _hiatus(marked, i))
    if _SYLLABIC_M.search(marked):
        n += 1
    if marked.startswith("mc") and len(marked) > 2 and marked[2] not in "aeiouy":
        n += 1  # McDonald: the Mc is said "mik"
    return max(1, n)


def _mark(word: str) -> str:
    """Upper-case the vowel letters of ``word`` that are not syllable nuclei."""
    # y is a consonant at the start of a word or between vowels: "yondelis", "ayurveda".
    marked = _CONSONANT_Y.sub("Y", word)
    marked = re.sub(r"(?<=q)u", "W", marked)
    if not re.search(r"gu(?:ous|ity)", marked):  # ambiguous, contiguity keep their u
        marked = re.sub(r"(?<=g)u(?=[aeio])", "W", marked)  # language, consanguinity, fatigue
    return _SILENT_E_BEFORE_SUFFIX.sub("E", _mark_e(marked))


def _mark_e(word: str) -> str:
    """Mark a silent final e, including the e of -es and -ed."""
    final = _FINAL_E.search(word)
    if not final or not _VOWEL.search(word[: final.start()]):
        return word
    ending = final.group(1)
    if _SYLLABIC_LE.search(word):
        return word
    if ending == "s" and _SIBILANT_ES.search(word):
        return word
    # -ed after t or d is a syllable; so is the -ed of -trexed drug names (pemetrexed, raltitrexed).
    if ending == "d" and (word[final.start() - 1] in "td" or word.endswith("trexed")):
        return word
    return word[: final.start()] + "E" + ending


def _junctions(word: str) -> frozenset[int]:
    """Return the indexes after a prefix at which a vowel after a vowel starts a new syllable."""
    found = set()
    start = 0
    prefix = _RE_PREFIX.match(word)
    if prefix:
        start = prefix.end()
        found.add(start)
    while True:
        for end in range(min(len(word) - 3, start + _LONGEST_FORM), start + 2, -1):
            # -oid and -ous swallow the o of a form: thyroid, carcinoid, fibrous
            if word[start:end] in _COMBINING_FORMS and not word.startswith(("id", "us"), end):
                found.add(end)
                start = end
                break
        else:
            return frozenset(found)


def _hiatus(word: str, i: int) -> bool:
    """Tell whether the vowel letters ``word[i - 1]`` and ``word[i]`` belong to two syllables."""
    pair = word[i - 1 : i + 1]
    before, after = word[: i - 1], word[i + 1 :]
    if pair[1] == "i" and after in ("ng", "ngs", "ngly"):
        return True  # -ing after a vowel: being, seeing, going
    match pair:
        case "ay" | "ey" | "oy" | "uy" | "iy" | "ee" | "au" | "ae" | "aa" | "uu":
            return False
        case "ya" | "yi" | "yo" | "yu" | "ye":
            # myeloma, embryo; but "dye" is one syllable
            return not (pair == "ye" and after == "")
        case "ai":
            return bool(re.match(r"(?:c|sm)$", after))  # mosaic, archaism
        case "ea":
            # urea, ileal, pancreas, create; not "breast", "overtreatment"
            if after == "" or re.match(r"(?:[lns]s?|c)$", after) or before.endswith("cr"):
                return True
            return bool(re.match(r"t(?:E|ed|es|ing|ion|ions)$", after) and _VOWEL.search(before))
        case "ei":
            return bool(re.match(r"(?:c|ty|nE$)", after))  # syngeneic, deity, cysteine
        case "eo":
            return not (re.match(r"(?:n|us)s?$", after) and before[-1:] in ("c", "g"))  # surgeon, herbaceous
        case "eu":
            return bool(re.match(r"[ms]$", after))  # ileum, nucleus; not leukemia
        case "ia":
            # -cia, -tia, -sia, -algia are one syllable (alopecia, dementia, anesthesia, neuralgia),
            # and so are -cial, -tian; leukemia, dysphagia, cachexia and gynecomastia have two.
            if after == "" and re.search(r"(?:[^s][ct]|[aeiouy]s|lg)$", before):
                return False
            return not (re.match(r"[ln](?:s|ly|ism|ist|ize|ized|ity)?$", after) and before[-1:] in ("c", "t"))
        case "ie":
            if after in ("", "s", "d") or re.match(r"(?:[fv]|ld|nd|ce|ge|ze)", after):
                return False  # calories, field, piece
            return not (before[-1:] in ("c", "t") and not before.endswith("sc") and after.startswith("n"))
        case "io":
            # -tion, -sion, -cious, -gion are one syllable unless the i ends "anti"
            one = after.startswith(("n", "us")) and before[-1:] in ("c", "t", "s", "x", "g")
            return not one or before.endswith("ant")
        case "oa":
            # boat, road, coast, coals; but protozoa, oasis, koala, and compounds like "pyrazolo|acridine"
            return not re.match(r"(?:[dtrpmnkfx]|ch|sh|st|s$|l(?![aeiouy]))", after)
        case "oe":
            return not (after in ("", "s", "d") or after.startswith("i"))  # aloe, pharmacopoeia
        case "oi":
            if before.endswith("p") and after.startswith("e"):
                return False  # thrombopoietin
            return not re.match(r"(?:d|n$|nt(?:s|ed|ing|ment)?$|ns|l|se|ce|st)", after)  # -oid, -oin, point
        case "oo":
            return before == ""  # oophorectomy, oocyte
        case "ou":
            return bool(re.match(r"r[aeiouy]", after)) and len(before) >= 3  # nephro|ureter, fluoro|uracil
        case "ue":
            return after not in ("", "s", "d")  # tissue; fluent, cruel
        case "ui":
            return not re.match(r"(?:ts?$|ce|se)", after)  # fluid; fruit, juice
        case "uo":
            return not after.startswith("r")  # duodenum; fluoro is "floor-oh"
        case _:
            return True  # iu, ii, ao, ua: calcium, radii, chaos, actual
