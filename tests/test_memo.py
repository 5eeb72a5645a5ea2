"""Per-word memos stay bounded: a long build must not grow with the vocabulary it has met."""

from __future__ import annotations

from simplify.memo import Memo
from simplify.readability.rare import RareWords
from simplify.text.syllables import SyllableCounter


def test_a_memo_starts_afresh_when_full() -> None:
    memo: Memo[str, int] = Memo(limit=3)
    assert [memo.put(w, len(w)) for w in ("a", "bb", "ccc")] == [1, 2, 3]
    assert len(memo) == 3 and memo.get("bb") == 2
    assert memo.put("dddd", 4) == 4
    assert dict(memo) == {"dddd": 4}


def test_word_memos_are_bounded_and_still_right() -> None:
    counter = SyllableCounter("en")
    rare = RareWords("en")
    counter._cache.limit = rare._cache.limit = 50
    made_up = [f"zorblax{'a' * (i % 7)}{i}" for i in range(500)]
    for word in made_up:
        counter.count(word)
        rare.is_rare(word)
    assert len(counter._cache) <= 50 and len(rare._cache) <= 50
    assert counter.count("thrombocytopenia") == SyllableCounter("en").count("thrombocytopenia")
