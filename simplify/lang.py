"""Language codes: normalise what articles and users write, and detect a body's language."""

from __future__ import annotations

import re
from functools import cache

# Languages simplify knows: every language textstat has formulas for, plus the languages
# handouts are made in. A language outside this table is an input error, not a guess.
LANGUAGES: dict[str, str] = {
    "en": "English",
    "es": "Spanish",
    "fr": "French",
    "de": "German",
    "it": "Italian",
    "nl": "Dutch",
    "pt": "Portuguese",
    "pl": "Polish",
    "hu": "Hungarian",
    "ru": "Russian",
    "ar": "Arabic",
    "zh-Hans": "Chinese (Simplified)",
    "zh-Hant": "Chinese (Traditional)",
    "ja": "Japanese",
    "ko": "Korean",
    "vi": "Vietnamese",
    "tl": "Tagalog",
    "ht": "Haitian Creole",
    "uk": "Ukrainian",
    "fa": "Persian",
    "hi": "Hindi",
    "bn": "Bengali",
    "ur": "Urdu",
    "so": "Somali",
    "am": "Amharic",
    "ne": "Nepali",
    "km": "Khmer",
    "hmn": "Hmong",
    "ca": "Catalan",
    "cs": "Czech",
    "da": "Danish",
    "fi": "Finnish",
    "el": "Greek",
    "he": "Hebrew",
    "id": "Indonesian",
    "ms": "Malay",
    "nb": "Norwegian",
    "ro": "Romanian",
    "sv": "Swedish",
    "tr": "Turkish",
    "th": "Thai",
    "sw": "Swahili",
}
_NAMES = {name.lower(): code for code, name in LANGUAGES.items()} | {
    "spanish": "es",
    "español": "es",
    "espanol": "es",
    "chinese": "zh-Hans",
    "filipino": "tl",
    "fil": "tl",
    "zh": "zh-Hans",
    "zh-cn": "zh-Hans",
    "zh-sg": "zh-Hans",
    "zh-tw": "zh-Hant",
    "zh-hk": "zh-Hant",
    "zh-mo": "zh-Hant",
    "iw": "he",
    "no": "nb",
}
_TAG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{2,8})*$")


def normalize_lang(value: str) -> str | None:
    """Return the canonical code for a language tag or name ("en_US" -> "en"), or None if unknown."""
    raw = value.strip()
    key = raw.lower().replace("_", "-")
    if key in _NAMES:
        return _NAMES[key]
    if not _TAG.match(raw):
        return None
    parts = key.split("-")
    if parts[0] == "zh":
        # A script named outright wins over a region ("zh-Hans-HK" is Simplified).
        return "zh-Hant" if "hans" not in parts and {"hant", "tw", "hk", "mo"} & set(parts[1:]) else "zh-Hans"
    return parts[0] if parts[0] in LANGUAGES else None


def lang_root(lang: str) -> str:
    """Return the language without script or region: "zh-Hans", "en_US" and "EN" give "zh", "en", "en"."""
    return lang.replace("_", "-").split("-", 1)[0].strip().lower()


# Scripts that name their language outright (or nearly: Han is Chinese unless kana appear).
_SCRIPTS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("ja", re.compile(r"[\u3040-\u30ff]")),
    ("ko", re.compile(r"[\uac00-\ud7af]")),
    ("zh-Hans", re.compile(r"[\u4e00-\u9fff]")),
    ("ar", re.compile(r"[\u0600-\u06ff]")),
    ("ru", re.compile(r"[\u0400-\u04ff]")),
    ("el", re.compile(r"[\u0370-\u03ff]")),
    ("he", re.compile(r"[\u0590-\u05ff]")),
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
    ("hi", re.compile(r"[\u0900-\u097f]")),
)
_LATIN_CANDIDATES = ("en", "es", "fr", "de", "it", "nl", "pt", "pl", "hu", "vi", "tl")
_LATIN_WORD = re.compile(r"[^\W\d_]+")


@cache
def _common_words(lang: str) -> frozenset[str]:
    from wordfreq import top_n_list  # a cold import costs ~0.1 s: pay it only when detecting

    return frozenset(top_n_list("fil" if lang == "tl" else lang, 150))


def detect_lang(text: str) -> str | None:
    """Return the most likely language of ``text``, or None when there is too little to tell."""
    sample = text[:20000]
    for code, script in _SCRIPTS:
        if len(script.findall(sample)) > 20:
            return code
    words = [w.lower() for w in _LATIN_WORD.findall(sample)][:2000]
    if len(words) < 5:
        return None
    scores = {lang: sum(w in _common_words(lang) for w in words) for lang in _LATIN_CANDIDATES}
    best = max(scores, key=scores.__getitem__)
    return best if scores[best] >= max(3, len(words) // 10) else None
