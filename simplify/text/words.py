"""Word tokenization for readability counts, textstat-compatible where textstat is right.

textstat (``list_words``) deletes every character that is neither a word character, white space nor a
contraction apostrophe, then splits on white space. So a white-space-delimited token is one word when it
holds a letter or digit: "singer-songwriter", "it'll", "18.4", "(18.5%)", "M.D.," and "and/or" are one
word each, and "&" or "—" alone are none. We keep that rule and its results, and differ only where
gluing is wrong:

- An em or en dash separates words: "survival—and" is two words ("survival", "and"), where textstat's
  deletion glues them into one ("survivaland"). A dash stands for a pause between words, as a space
  does; a hyphen (kept inside the word) joins them. "2015–2016" is therefore two words, "2015-2016" one.
- An ellipsis separates words ("nonsense...my" is two), and so do "?" and "!" ("there?I" is two).
- A URL is one word (its "?" and "." are not breaks): "https://x.org/a.b?c=d".
- Curly apostrophes (’) join a contraction like straight ones: "don’t" is one word.
- Han and kana characters have no spaces between words; each counts as one word (a character-based
  unit, as Chinese and Japanese readability measures use), so a CJK text is never one giant word.
- A token of underscores alone ("___", a form's blank) is no word; textstat counts it as one.

Words are returned without leading or trailing punctuation ("(18.5%)" -> "18.5", "M.D.," -> "M.D").
"""

from __future__ import annotations

import re

# Han (with extensions and compatibility ideographs), hiragana, katakana, and the iteration marks.
_CJK = (
    "\u3005-\u3007\u3041-\u3096\u309d-\u309f\u30a1-\u30fa\u30fc-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uf900-\ufaff\uff66-\uff9d\U00020000-\U0003134f"
)
# A letter or digit that belongs to a spaced word (anything \w but "_" and the CJK characters).
_W = rf"[^\W_{_CJK}]"
# What may sit inside a word between letters or digits: everything but white space, dashes, "?", "!",
# ellipses and CJK characters; a period only alone ("U.S", "18.4", but not "this...that").
_JOIN = r"(?:[^\w\s\u2012-\u2015\u2e3a\u2e3b…?!.。、，！？]|_|\.(?!\.))"
# A URL is one word; it must go on with a word character after "://" or "www." (so "www." alone is not
# one), and it ends before the punctuation that closes the sentence or the parenthesis around it.
_URL = (
    r"(?:[A-Za-z][A-Za-z0-9+.-]*://|www\.)(?=\w)"
    r"[^\s\u2012-\u2015…<>\"“”]*[^\s\u2012-\u2015…<>\"“”.,;:!?'’)\]»]"
)

WORD_RE: re.Pattern[str] = re.compile(rf"{_URL}|{_W}+(?:{_JOIN}+{_W}+)*|[{_CJK}]")

# Punctuation that often wraps a word: a token made of an ASCII word inside it needs no regex.
WRAPPERS = ".,;:()[]\"'“”‘’!?"
_findall = WORD_RE.findall


def words(text: str, lang: str = "en") -> list[str]:
    """Return the words of ``text`` as readability formulas count them.

    The rules depend on the script, not on ``lang``; the parameter keeps the text API uniform.
    """
    # Same result as WORD_RE.findall(text), about three times faster: no match crosses white space, and
    # most tokens are a plain ASCII word, maybe wrapped in punctuation, which is exactly its own match.
    out: list[str] = []
    append, extend = out.append, out.extend
    for token in text.split():
        core = token if token.isalnum() else token.strip(WRAPPERS)
        if core.isascii() and core.isalnum():
            append(core)
        else:
            extend(_findall(token))
    return out


def word_spans(text: str, lang: str = "en") -> list[tuple[int, int]]:
    """Return the (start, end) character spans of the words of ``text``."""
    return [m.span() for m in WORD_RE.finditer(text)]
