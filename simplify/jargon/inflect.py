"""Inflections of glossary names, English and Spanish, so "sarcomas" and "quimioterapias" find their term.

Plurals in both languages; for English also the "-ing" and "-ed" forms of a name that may be a verb
("retch" -> "retching", "molecular test" -> "molecular testing") and the spelling variants that
medical writing uses for one word ("neurologic" / "neurological", "nonsmoker" / "non-smoker").

The forms are generated, not looked up: a wrong form ("viri") costs nothing because text never holds
it, while a missing one loses a term. So a rule that is right for many words but not all is kept.
"""

from __future__ import annotations

import re

from simplify.lang import lang_root
from simplify.memo import Memo

_ROMAN = re.compile(r"^[ivxlcdm]+$", re.IGNORECASE)
_LETTERS = re.compile(r"^[^\W\d_]+(?:-[^\W\d_]+)*$")
_VOWELS = "aeiou"
# Prefixes that English writes joined, hyphenated or spaced: "nonsmoker", "non-smoker", "non smoker".
_PREFIXES = (
    "anti",
    "extra",
    "hyper",
    "hypo",
    "inter",
    "intra",
    "micro",
    "multi",
    "neo",
    "non",
    "peri",
    "post",
    "pre",
    "pseudo",
    "semi",
    "sub",
    "super",
    "ultra",
)
_JOINED = re.compile(rf"\b({'|'.join(_PREFIXES)})([^\W\d_]{{4,}})", re.IGNORECASE)
_SPLIT = re.compile(rf"\b({'|'.join(_PREFIXES)})[- ]([^\W\d_]{{3,}})", re.IGNORECASE)
# "-ologic" and "-ological" are one adjective ("histologic grade", "histological grade"); "-ic" alone
# is not ("clinic" / "clinical", "topic" / "topical" differ).
_OLOGIC = re.compile(r"(olog|ograph|ometr)ic(al)?\b", re.IGNORECASE)

# A multi-word English name is pluralised at its head noun: the last word before the first of these
# ("carcinoma of unknown primary" -> "carcinomas of unknown primary").
_EN_BREAKS = frozenset(["of", "in", "for", "with", "to", "on", "at", "from", "by", "that", "which"])
# A Spanish name leads with its noun and its adjectives agree ("herencias autosómicas recesivas"):
# the words after the noun agree up to the first of these. "No" is one: in "linfoma no hodgkin" (NCI's
# list writes names in lower case) it negates a name, not an adjective that agrees.
_ES_BREAKS = frozenset(
    [
        "no",
        "de",
        "del",
        "con",
        "en",
        "para",
        "por",
        "a",
        "al",
        "sin",
        "y",
        "e",
        "o",
        "u",
        "que",
        "entre",
        "sobre",
        "contra",
        "según",
        "tipo",
    ]
)
# Nouns set beside a noun to qualify it ("células madre", "ganglios linfáticos centinela") and words
# that stay invariable after one ("tratamientos estándar", "interferones alfa"): no agreement, but the
# adjectives after them still agree with the head ("células madre periféricas").
_ES_INVARIABLE = frozenset(
    [
        "madre",
        "centinela",
        "diana",
        "control",
        "piloto",
        "clave",
        "láser",
        "estándar",
        "alfa",
        "beta",
        "gamma",
        "delta",
        "kappa",
        "lambda",
    ]
)
_ES_STRESSED = {"á": "a", "é": "e", "í": "i", "ó": "o", "ú": "u"}
_ES_ACCENTED = {v: k for k, v in _ES_STRESSED.items()}
_ES_VOWELS = "aeiouáéíóú"


def _is_word(token: str) -> bool:
    """Return True if ``token`` is a plain word that can take a plural (no digits, numerals, initials)."""
    return len(token) > 1 and bool(_LETTERS.match(token)) and not _ROMAN.match(token)


def english_word_plurals(word: str) -> list[str]:
    """Return the plural forms of one English word, regular and Latin/Greek ("-oma" -> "-omata")."""
    if len(word) >= 2 and word.isupper() and word.isalpha() and not _ROMAN.match(word):
        return [word + "s"]  # "CTs", "MRIs"; "stage II" has no plural "IIs"
    if not _is_word(word) or len(word) < 3:
        return []
    low = word.lower()
    if low.endswith("is"):
        return [word[:-2] + "es"]  # metastasis -> metastases
    if low.endswith("us"):
        return [word[:-2] + "i", word + "es"]  # bronchus -> bronchi; sinus -> sinuses
    if low.endswith("ss"):
        return [word + "es"]
    if low.endswith("s"):
        return []  # already plural or invariant: "diabetes", "herpes"
    if low.endswith("oma"):
        return [word + "s", word + "ta"]
    if low.endswith("um"):
        return [word[:-2] + "a", word + "s"]  # bacterium -> bacteria; serum -> serums
    if low.endswith(("ex", "ix")):
        return [word[:-2] + "ices", word + "es"]  # cortex -> cortices; appendix -> appendixes
    if low.endswith(("x", "z", "ch", "sh")):
        return [word + "es"]
    if low.endswith("y") and low[-2] not in _VOWELS:
        return [word[:-1] + "ies"]
    if low.endswith("a") and len(low) >= 5:
        return [word + "s", word + "e"]  # vertebra -> vertebrae
    return [word + "s"]


def english_verb_forms(word: str, *, past: bool = True) -> list[str]:
    """Return the "-ing" (and with ``past`` the "-ed") forms of an English word that may be a verb.

    "retch" -> "retching", "retched"; "dilute" -> "diluting", "diluted"; "biopsy" -> "biopsying",
    "biopsied"; "stop" -> also "stopping", "stopped". Words that cannot be verbs' stems (capitals,
    digits, "-s", "-ing", "-ed", Latin "-a", "-i", "-o", "-u" endings) have none.
    """
    if not _is_word(word) or len(word) < 3 or "-" in word or not word.islower():
        return []
    if word.endswith(("s", "ing", "ed", "a", "i", "o", "u")):
        return []
    if word.endswith("ie"):
        forms = [word[:-2] + "ying", word + "d"]
    elif word.endswith("ee"):
        forms = [word + "ing", word + "d"]
    elif word.endswith("e"):
        forms = [word[:-1] + "ing", word + "d"]
    elif word.endswith("y") and word[-2] not in _VOWELS:
        forms = [word + "ing", word[:-1] + "ied"]
    else:
        forms = [word + "ing", word + "ed"]
        if word[-1] not in _VOWELS + "wxy" and word[-2] in _VOWELS and word[-3] not in _VOWELS:
            forms += [word + word[-1] + "ing", word + word[-1] + "ed"]  # "stop" -> "stopping"
    return [f for f in forms if f.endswith("ing")] if not past else forms


def english_verb_names(name: str) -> list[str]:
    """Return the verb forms of an English name: both of a one-word name, "-ing" of a longer name's head.

    "retch" -> "retching", "retched"; "molecular test" -> "molecular testing"; a longer name has no
    "-ed" form ("molecular tested" is not how text names the test).
    """
    words = name.split(" ")
    if len(words) == 1:
        return english_verb_forms(name)
    head = _head(words)
    return [" ".join([*words[:head], form, *words[head + 1 :]]) for form in english_verb_forms(words[head], past=False)]


def english_variants(name: str) -> list[str]:
    """Return the other spellings of an English name: "-ologic"/"-ological", joined/hyphenated prefixes.

    "neurologic exam" -> "neurological exam"; "acute nonlymphocytic leukemia" -> "acute
    non-lymphocytic leukemia"; "post-remission therapy" -> "postremission therapy".
    """
    out: list[str] = []
    toggled = name if "ic" not in name else _OLOGIC.sub(lambda m: m.group(1) + ("ic" if m.group(2) else "ical"), name)
    for form in (name, toggled):
        if form != name:
            out.append(form)
        joined = _SPLIT.sub(r"\1\2", form)
        split = _JOINED.sub(r"\1-\2", form)
        out += [f for f in (joined, split) if f != form]
    return list(dict.fromkeys(out))


def spanish_word_plurals(word: str) -> list[str]:
    """Return the plural forms of one Spanish word (s/es, -ión -> -iones, z -> ces)."""
    if len(word) >= 2 and word.isupper() and word.isalpha():
        return []  # Spanish keeps acronyms invariable: "las TC"
    if not _is_word(word) or len(word) < 2:
        return []
    low = word.lower()
    last = low[-1]
    if last == "z":
        return [word[:-1] + "ces"]
    if last in "sx":
        if len(low) >= 2 and low[-2] in _ES_STRESSED:  # "compás" -> "compases"
            return [word[:-2] + _ES_STRESSED[low[-2]] + word[-1] + "es"]
        return []  # "tórax", "lunes": invariable
    if last in _VOWELS or last in "áéó":
        return [word + "s"]
    if last in "íú":
        return [word + "s", word + "es"]  # "bisturís", "bisturíes"
    if len(low) >= 2 and low[-2] in _ES_STRESSED and last == "n":
        return [word[:-2] + _ES_STRESSED[low[-2]] + "nes"]  # "radiación" -> "radiaciones"
    if low.endswith("en"):
        return [_spanish_en_plural(word)]
    return [word + "es"]


def _spanish_en_plural(word: str) -> str:
    """Return the plural of a Spanish word in unstressed "-en", whose stress then needs a written accent.

    "examen" -> "exámenes", "origen" -> "orígenes", "régimen" -> "regímenes"; a word of one syllable
    keeps its stress where it is ("tren" -> "trenes", "bien" -> "bienes").
    """
    stem = "".join(_ES_STRESSED.get(c, c) for c in word[:-2])  # "régimen": the accent moves
    if not stem or stem[-1].lower() in _ES_VOWELS:
        return word + "es"  # "bien": "ie" is one syllable
    vowels = [i for i, c in enumerate(stem) if c.lower() in _VOWELS]
    if not vowels:
        return word + "es"
    # The stressed syllable's vowel group: the strong vowel carries the accent, else the last one.
    group = [vowels[-1]]
    while group[0] - 1 in vowels:
        group.insert(0, group[0] - 1)
    at = next((i for i in group if stem[i].lower() in "aeo"), group[-1])
    accented = _ES_ACCENTED[stem[at].lower()]
    return stem[:at] + (accented.upper() if stem[at].isupper() else accented) + stem[at + 1 :] + word[-2:] + "es"


def english_plurals(name: str) -> list[str]:
    """Return plural forms of an English name, pluralising the head noun of a multi-word name."""
    words = name.split(" ")
    head = _head(words)
    return [" ".join([*words[:head], form, *words[head + 1 :]]) for form in english_word_plurals(words[head])]


def _head(words: list[str]) -> int:
    """Return the index of an English name's head noun: the last word before "of", "in", ... or the last."""
    for i, word in enumerate(words):
        if i and word.lower() in _EN_BREAKS:
            return i - 1
    return len(words) - 1


def spanish_plurals(name: str) -> list[str]:
    """Return the plural form of a Spanish name: its head noun (the first word) and the adjectives that agree.

    Agreement stops at a preposition, a conjunction or "no", and at a proper name or acronym ("linfoma
    no Hodgkin" -> "linfomas no Hodgkin"); a noun in apposition stays as it is ("células madre").
    """
    words = name.split(" ")
    head = spanish_word_plurals(words[0])
    if not head:
        return []
    plural = [head[0]]
    for i, word in enumerate(words[1:], 1):
        low = word.lower()
        if low in _ES_BREAKS or (word[:1].isupper() and _is_word(word)):
            plural += words[i:]
            break
        forms = [] if low in _ES_INVARIABLE else spanish_word_plurals(word)
        plural.append(forms[0] if forms else word)
    return [" ".join(plural)]


def plurals(name: str, lang: str) -> list[str]:
    """Return generated plural forms of ``name`` in ``lang`` ("en" or "es"; others get none)."""
    root = lang.split("-")[0].lower()
    if root == "en":
        return english_plurals(name)
    if root == "es":
        return spanish_plurals(name)
    return []


_PLURAL_MEMOS: dict[str, Memo[str, list[str]]] = {}


def plurals_of(lang: str) -> Memo[str, list[str]]:
    """Return a bounded memo of :func:`plurals` in ``lang``: pages name the same words again and again."""
    root = lang_root(lang)
    memo = _PLURAL_MEMOS.get(root)
    if memo is None:
        memo = _PLURAL_MEMOS[root] = Memo(lambda name: plurals(name, root))
    return memo


def singulars(word: str) -> list[str]:
    """Return the words ``word`` may be an English regular plural of ("stages" -> "stage", "stag")."""
    low = word.lower()
    out = []
    if low.endswith("ies") and len(low) > 4:
        out.append(low[:-3] + "y")
    if low.endswith("es") and len(low) > 3:
        out.append(low[:-2])
    if low.endswith("s") and not low.endswith("ss") and len(low) > 2:
        out.append(low[:-1])
    return out


def verb_stems(word: str) -> set[str]:
    """Return the words an English "-ing" or "-ed" form may be made from, undoing :func:`english_verb_forms`.

    "relapsed" -> "relapse", "relaps", ...; "dying" -> "die"; "stopped" -> "stop". Which of them is a word,
    and has ``word`` among its forms, is the caller's to ask.
    """
    stems = set()
    for ending in ("ing", "ed", "d"):
        if word.endswith(ending) and len(word) > len(ending) + 1:
            stem = word[: -len(ending)]
            stems |= {stem, stem + "e", stem[:-1], stem[:-1] + "y", stem[:-1] + "ie"}
    return stems
