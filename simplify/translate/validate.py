"""Check a machine translation of one sentence before it is used; a sentence that fails keeps its source.

Models fail in known ways on medical text: a placeholder (a number, a link, a drug name) dropped or
doubled, a number invented, the same words repeated until the length limit, a sentence cut short or
padded out. Each check names the failure, so the report can count them.
"""

from __future__ import annotations

import re
from collections import Counter

from simplify.translate.segment import PLACEHOLDER

MIN_RATIO, MAX_RATIO = 0.3, 3.0  # translated length / source length, for sentences of 20+ characters
_DIGITS = re.compile(r"\d+")
_WORD = re.compile(r"\w+|[^\w\s]")
# The same 1 to 10 letters four times or more in a row: a subword loop ("agugugugu") or one in a script
# written without spaces ("每天每天每天每天"), which a word-by-word look cannot see. Digits are left out
# ("10000" is a number).
_LETTER_LOOP = re.compile(r"([^\W\d_]{1,10}?)\1{3,}")


def problem(source: str, translation: str) -> str | None:
    """Return why ``translation`` of ``source`` (both with placeholders) cannot be used, or None if it can."""
    out = translation.strip()
    if not out:
        return "empty translation"
    wanted, got = Counter(PLACEHOLDER.findall(source)), Counter(PLACEHOLDER.findall(out))
    if wanted != got:
        lost = sorted((wanted - got).elements(), key=int)
        extra = sorted((got - wanted).elements(), key=int)
        return f"placeholders changed (lost {lost}, added {extra})"
    numbers_in = Counter(_DIGITS.findall(PLACEHOLDER.sub(" ", source)))
    numbers_out = Counter(_DIGITS.findall(PLACEHOLDER.sub(" ", out)))
    if numbers_out - numbers_in:
        return f"numbers not in the source: {sorted((numbers_out - numbers_in).elements())}"
    if numbers_in - numbers_out:
        return f"numbers lost: {sorted((numbers_in - numbers_out).elements())}"
    if repeats(out) or looping_letters(out, source):
        return "runaway repetition"
    bare_in, bare_out = PLACEHOLDER.sub("", source).strip(), PLACEHOLDER.sub("", out).strip()
    if len(bare_in) >= 20:
        ratio = len(bare_out) / len(bare_in)
        if not MIN_RATIO <= ratio <= MAX_RATIO:
            return f"length ratio {ratio:.2f} outside {MIN_RATIO}-{MAX_RATIO}"
    return None


def repeats(text: str, times: int = 4, longest: int = 6) -> bool:
    """Return True if some run of 1 to ``longest`` words repeats ``times`` times in a row (model looping)."""
    words = _WORD.findall(text.lower())
    for n in range(1, longest + 1):
        for start in range(len(words) - n * times + 1):
            gram = words[start : start + n]
            if all(words[start + k * n : start + (k + 1) * n] == gram for k in range(1, times)):
                return True
    return False


def looping_letters(text: str, source: str = "") -> bool:
    """Return True if ``text`` repeats a run of letters four times in a row where ``source`` does not."""
    loops = {m.group(1) for m in _LETTER_LOOP.finditer(text)}
    return bool(loops) and not _LETTER_LOOP.search(source)
