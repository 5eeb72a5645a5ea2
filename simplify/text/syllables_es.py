"""Count Spanish syllables by the rules of Spanish spelling (RAE, Ortografía 2010, §1.4).

Spanish spelling is regular enough that syllables can be counted without a dictionary. Each
syllable has one nucleus: a strong vowel (a, e, o) or an accented weak one (í, ú). Unaccented
weak vowels (i, u, ü and a final y) glide into a neighbouring vowel, making diphthongs
("ciu-dad", "leu-ce-mia") and triphthongs ("U-ru-guay"); two strong vowels, or a strong vowel and
an accented weak one, are in hiatus ("a-é-re-o", "pa-ís", "re-ú-ne").

Choices worth knowing:

- The u of que, qui, gue, gui is silent ("gue-rra", "qui-mio-te-ra-pia"); ü is said ("pin-güi-no").
- h is silent and, as the RAE says, does not stop a diphthong: "prohibir" is counted as said,
  "prohi-bir" (2), not as the school split "pro-hi-bir" (3); "búho" keeps its hiatus by its accent.
- y is a vowel when no vowel follows it ("hoy", "muy", "y"), a consonant otherwise ("ma-yo").
- Prefixes get no hiatus of their own: "biopsia" is "biop-sia" (2), "radioterapia" "ra-dio-te-ra-pia" (5).
"""

from __future__ import annotations

import re
import unicodedata

_STRONG = frozenset("aeoáéóíú")  # accented í and ú carry their own syllable
_VOWEL_RUN = re.compile("[aeiouáéíóúü]+")


def count_spanish(word: str) -> int:
    """Return the syllables of one lower-case Spanish word, never less than one."""
    word = unicodedata.normalize("NFC", word)
    word = re.sub("(?<=[qg])u(?=[eiéí])", "", word)  # que, qui, gue, gui: the u is silent
    word = word.replace("h", "")  # silent; "ch" loses only its h and stays a consonant
    word = re.sub("y(?![aeiouáéíóúü])", "i", word)  # hoy, muy, y; but "mayo", "ayuda"
    return max(1, sum(_nuclei(run.group()) for run in _VOWEL_RUN.finditer(word)))


def _nuclei(run: str) -> int:
    """Return the syllables in a run of vowels: one per strong vowel, else one for the glides."""
    strong = sum(1 for vowel in run if vowel in _STRONG)
    # Weak vowels alone form one diphthong ("ciu-dad", "cui-da-do", "pin-güi-no") per pair.
    return strong or (len(run) + 1) // 2
