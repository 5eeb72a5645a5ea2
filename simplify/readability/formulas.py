"""Compute readability formulas from Counts, with textstat 0.7.13's constants and edge cases.

Each function mirrors the textstat metric of the same name: same constants, same order of
operations (so results agree to the last bit), and the same value where textstat divides by zero
(0.0 for an empty text). Nothing is rounded: textstat 0.7.13 rounds nothing unless asked to.
Where textstat's constants differ from the published formula, the docstring says so.
"""

from __future__ import annotations

import math
from collections import Counter

from simplify.readability.counts import Counts, lang_config


def words_per_sentence(c: Counts) -> float:
    """Return the average sentence length in words."""
    return c.words / c.sentences if c.sentences else 0.0


def syllables_per_word(c: Counts) -> float:
    """Return the average word length in syllables."""
    return c.syllables / c.words if c.words else 0.0


def letters_per_word(c: Counts) -> float:
    """Return the average word length in letters."""
    return c.letters / c.words if c.words else 0.0


def chars_per_word(c: Counts) -> float:
    """Return characters per whitespace token, textstat's "characters per word"."""
    return c.characters / c.tokens if c.tokens else 0.0


def sentences_per_word(c: Counts) -> float:
    """Return sentences per word."""
    return c.sentences / c.words if c.words else 0.0


def flesch_reading_ease(c: Counts, lang: str) -> float:
    """Return the Flesch Reading Ease score with ``lang``'s constants.

    Flesch 1948 for English, Amstad for German, Fernandez Huerta for Spanish (so equal to
    ``fernandez_huerta``), Kandel & Moles for French, Flesch-Vacca for Italian, Douma for Dutch,
    Oborneva for Russian, and textstat's Hungarian constants; English's for any other language.
    """
    sentence_length = words_per_sentence(c)
    syllables = syllables_per_word(c)
    if sentence_length == 0 or syllables == 0:
        return 0.0
    return (
        lang_config(lang, "fre_base")
        - lang_config(lang, "fre_sentence_length") * sentence_length
        - lang_config(lang, "fre_syll_per_word") * syllables
    )


def flesch_kincaid_grade(c: Counts) -> float:
    """Return the Flesch-Kincaid grade level."""
    sentence_length = words_per_sentence(c)
    syllables = syllables_per_word(c)
    if sentence_length == 0 or syllables == 0:
        return 0.0
    return (0.39 * sentence_length) + (11.8 * syllables) - 15.59


def smog_index(c: Counts) -> float:
    """Return the SMOG grade over all sentences (no 30-sentence sampling, as in textstat)."""
    if not c.sentences:
        return 0.0
    # ** 0.5 rather than math.sqrt, to round exactly as textstat does.
    root: float = (30 * (c.polysyllables / c.sentences)) ** 0.5
    return (1.043 * root) + 3.1291


def gunning_fog(c: Counts) -> float:
    """Return the Gunning Fog index; its complex words are the unlisted words of 3+ syllables.

    Gunning counted all words of 3+ syllables save proper nouns, compounds and -ed/-es/-ing forms;
    textstat instead spares the words on the Dale-Chall easy list, and so do we.
    """
    if not c.words:
        return 0.0
    per_diff_words = 100 * c.complex_words / c.words
    return 0.4 * (words_per_sentence(c) + per_diff_words)


def coleman_liau_index(c: Counts) -> float:
    """Return the Coleman-Liau index, with textstat's 0.058 letter weight (Coleman & Liau: 0.0588)."""
    letters = letters_per_word(c) * 100
    sentences = sentences_per_word(c) * 100
    if letters == 0 or sentences == 0:
        return 0.0
    return (0.058 * letters) - (0.296 * sentences) - 15.8


def automated_readability_index(c: Counts) -> float:
    """Return the Automated Readability Index, on textstat's characters per whitespace token."""
    a = chars_per_word(c)
    b = words_per_sentence(c)
    if a == 0 or b == 0:
        return 0.0
    return (4.71 * a) + (0.5 * b) - 21.43


def dale_chall_readability_score(c: Counts) -> float:
    """Return the New Dale-Chall score, counting every word off the easy list as difficult."""
    if not c.words:
        return 0.0
    per_difficult_words = 100 * c.unlisted_words / c.words
    score = (0.1579 * per_difficult_words) + (0.0496 * words_per_sentence(c))
    if per_difficult_words > 5:
        score += 3.6365
    return score


def dale_chall_readability_score_v2(c: Counts) -> float:
    """Return textstat's Dale-Chall v2, whose difficult words need 2+ syllables.

    Its 3.6365 step applies once the raw score exceeds 0.05, not once difficult words exceed 5%.
    """
    if not c.words:
        return 0.0
    asl = words_per_sentence(c)
    pdw = 100 * c.difficult_words / c.words
    raw_score = 0.1579 * (pdw) + 0.0496 * asl
    return raw_score + 3.6365 if raw_score > 0.05 else raw_score


def spache_readability(c: Counts) -> float:
    """Return the Spache grade with the original 1953 constants, as textstat has them.

    The revised 1974 formula is 0.121 * ASL + 0.082 * PUW + 0.659. Like textstat, the unfamiliar
    words are the Dale-Chall difficult words (unlisted, 2+ syllables), not Spache's own list.
    """
    if not c.words:
        return 0.0
    asl = words_per_sentence(c)
    pdw = 100 * c.difficult_words / c.words
    return (0.141 * asl) + (0.086 * pdw) + 0.839


def linsear_write_formula(c: Counts, *, strict_lower: bool = False, strict_upper: bool = True) -> float:
    """Return the Linsear Write grade of the first 100 words (of all words unless ``strict_upper``).

    With ``strict_lower``, texts of fewer than 100 words score 0.0.
    """
    if strict_upper:
        n_words = sum(map(len, c.linsear_head))
        weight = sum(map(sum, c.linsear_head))
        sentences = len(c.linsear_head)
    else:
        n_words = c.words
        weight = (c.words - c.polysyllables - c.syllableless_words) + 3 * c.polysyllables
        sentences = c.sentences
    if (strict_lower and n_words < 100) or not sentences:
        return 0.0
    number = float(weight / sentences)
    if number <= 20:
        number -= 2
    return number / 2


def lix(c: Counts) -> float:
    """Return the LIX score: words per sentence plus the percentage of words over 6 letters."""
    if not c.words:
        return 0.0
    per_long_words = 100 * c.long_words / c.words
    return words_per_sentence(c) + per_long_words


def rix(c: Counts) -> float:
    """Return the RIX score: words over 6 letters per sentence."""
    return c.long_words / c.sentences if c.sentences else 0.0


def mcalpine_eflaw(c: Counts) -> float:
    """Return the McAlpine EFLAW score: words plus words of 3 letters or fewer, per sentence."""
    return (c.words + c.mini_words) / c.sentences if c.sentences else 0.0


def reading_time(c: Counts, ms_per_char: float = 14.69) -> float:
    """Return the reading time in seconds at ``ms_per_char`` milliseconds per non-space character."""
    return ms_per_char * c.characters / 1000


def _grades_around(score: float) -> list[int]:
    """Return the floor, ceiling and rounding of a grade, the votes text_standard gives it."""
    return [math.floor(score), math.ceil(score), round(score)]


def _flesch_grades(score: float) -> list[int]:
    """Return text_standard's grade votes for a Flesch Reading Ease score."""
    # Kept as textstat has it, including the 13 it gives to scores of 100 or more.
    if 90 <= score < 100:
        return [5]
    if 80 <= score < 90:
        return [6]
    if 70 <= score < 80:
        return [7]
    if 60 <= score < 70:
        return [8, 9]
    if 50 <= score < 60:
        return [10]
    if 40 <= score < 50:
        return [11]
    if 30 <= score < 40:
        return [12]
    return [13]


def text_standard(c: Counts, lang: str, *, clamp: bool = True) -> float:
    """Return textstat's consensus grade: the grade most of eight formulas vote for.

    With ``clamp`` the grade is kept within 1-18 as textstat's ``text_standard`` does since 0.7.13;
    without it, this is textstat's backend metric, which is 0.0 for an empty text.
    """
    votes = _grades_around(flesch_kincaid_grade(c))
    votes += _flesch_grades(flesch_reading_ease(c, lang))
    votes += _grades_around(smog_index(c))
    votes += _grades_around(coleman_liau_index(c))
    votes += _grades_around(automated_readability_index(c))
    votes += _grades_around(dale_chall_readability_score(c))
    votes += _grades_around(linsear_write_formula(c))
    votes += _grades_around(gunning_fog(c))
    grade = float(Counter(votes).most_common(1)[0][0])
    return max(1.0, min(grade, 18.0)) if clamp else grade


def fernandez_huerta(c: Counts) -> float:
    """Return the Fernandez Huerta readability (Spanish Flesch, 0-100, higher is easier)."""
    sentence_length = words_per_sentence(c)
    syllables = syllables_per_word(c)
    if sentence_length == 0 or syllables == 0:
        return 0.0
    return 206.84 - (60 * syllables) - (1.02 * sentence_length)


def fernandez_huerta_grade(score: float) -> float:
    """Return the school grade Fernandez Huerta's 1959 table gives a score.

    90-100 very easy, 4th grade; 80-90 easy, 5th; 70-80 fairly easy, 6th; 60-70 normal, 7th or 8th
    (we say 8); 50-60 fairly difficult, pre-university (12); 30-50 difficult, first university
    years (14); below 30 very difficult, university (16).
    """
    for lowest, grade in ((90, 4.0), (80, 5.0), (70, 6.0), (60, 8.0), (50, 12.0), (30, 14.0)):
        if score >= lowest:
            return grade
    return 16.0


def szigriszt_pazos(c: Counts, lang: str) -> float:
    """Return the Szigriszt-Pazos perspicuity (Spanish, 0-100, higher is easier).

    Its base is ``lang``'s Flesch base: 206.84 for Spanish (Szigriszt published 206.835).
    """
    if not c.words or not c.sentences:
        return 0.0
    return lang_config(lang, "fre_base") - 62.3 * (c.syllables / c.words) - (c.words / c.sentences)


def inflesz_band(score: float) -> str:
    """Return the INFLESZ band (Barrio-Cantalejo 2008) of a Szigriszt-Pazos score."""
    if score < 40:
        return "muy difícil (very difficult)"
    if score < 55:
        return "algo difícil (somewhat difficult)"
    if score < 65:
        return "normal (normal)"
    if score <= 80:
        return "bastante fácil (fairly easy)"
    return "muy fácil (very easy)"


def gutierrez_polini(c: Counts) -> float:
    """Return the Gutierrez de Polini comprehensibility (Spanish, for primary-school texts)."""
    lpw = letters_per_word(c)
    wps = words_per_sentence(c)
    if lpw == 0 or wps == 0:
        return 0.0
    return 95.2 - 9.7 * lpw - 0.35 * wps


def crawford(c: Counts) -> float:
    """Return the Crawford years of schooling (Spanish, for primary-school texts)."""
    sentences_per_words = 100 * sentences_per_word(c)
    syllables_per_words = 100 * syllables_per_word(c)
    if sentences_per_words == 0 or syllables_per_words == 0:
        return 0.0
    return -0.205 * sentences_per_words + 0.049 * syllables_per_words - 3.407


def gulpease_index(c: Counts) -> float:
    """Return the Gulpease index (Italian, 0-100, higher is easier), on textstat's characters."""
    spw = sentences_per_word(c)
    cpw = chars_per_word(c)
    if spw == 0 or cpw == 0:
        return 0.0
    return (300 * spw) - (10 * cpw) + 89


def wiener_sachtextformel(c: Counts, variant: int) -> float:
    """Return the Wiener Sachtextformel grade (German), ``variant`` 1 to 4."""
    if variant not in (1, 2, 3, 4):
        raise ValueError(f"variant can only be an integer between 1 and 4, not {variant!r}")
    if not c.words:
        return 0.0
    ms = 100 * c.polysyllables / c.words
    sl = words_per_sentence(c)
    iw = 100 * c.long_words / c.words
    es = 100 * c.monosyllables / c.words
    if variant == 1:
        return (0.1935 * ms) + (0.1672 * sl) + (0.1297 * iw) - (0.0327 * es) - 0.875
    if variant == 2:
        return (0.2007 * ms) + (0.1682 * sl) + (0.1373 * iw) - 2.779
    if variant == 3:
        return (0.2963 * ms) + (0.1905 * sl) - 1.1144
    return (0.2744 * ms) + (0.2656 * sl) - 1.693


def osman(c: Counts) -> float:
    """Return the OSMAN readability (Arabic, higher is easier)."""
    if not c.words:
        return 0.0
    complex_word_rate = c.arabic_complex_words / c.words
    long_word_rate = c.arabic_long_words / c.words
    syllable_rate = c.arabic_syllables / c.words
    faseeh_per_word = c.faseeh_words / c.words
    return (
        200.791
        - (1.015 * words_per_sentence(c))
        - (24.181 * (complex_word_rate + syllable_rate + faseeh_per_word + long_word_rate))
    )
