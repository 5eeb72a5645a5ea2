"""Per-word memos stay bounded: a long build must not grow with the vocabulary it has met."""

from __future__ import annotations

from simplify.glossary.index import Glossary
from simplify.glossary.model import Entry
from simplify.memo import Memo
from simplify.readability.rare import RareWords
from simplify.text.syllables import SyllableCounter


def test_a_memo_computes_each_key_once_while_it_holds_it() -> None:
    calls: list[str] = []

    def compute(word: str) -> int:
        calls.append(word)
        return len(word)

    memo: Memo[str, int] = Memo(compute, limit=4)
    assert [memo[w] for w in ("a", "bb", "a", "bb")] == [1, 2, 1, 2]
    assert calls == ["a", "bb"]


def test_a_full_memo_keeps_the_keys_in_use_and_drops_the_others() -> None:
    calls: list[str] = []

    def compute(word: str) -> str:
        calls.append(word)
        return word.upper()

    memo: Memo[str, str] = Memo(compute, limit=4)  # two generations of two
    for word in ("hot", "cold", "new"):  # "new" fills the recent half: "hot" and "cold" become older
        memo[word]
    assert memo.size() == 3 and set(memo.older) == {"hot", "cold"}
    assert memo["hot"] == "HOT"  # found among the older: promoted, not computed again
    assert calls == ["hot", "cold", "new"]
    memo["newer"]  # the recent half is full again: it becomes the older one, and "cold" goes
    assert set(memo.older) == {"new", "hot"} and memo.size() == 3
    memo["cold"]
    assert calls == ["hot", "cold", "new", "newer", "cold"]


def test_a_memo_never_holds_more_than_its_limit() -> None:
    memo: Memo[int, int] = Memo(lambda n: n * n, limit=10)
    for n in range(1000):
        assert memo[n % 37] == (n % 37) ** 2
        assert memo.size() <= 10


def test_word_memos_are_bounded_and_still_right() -> None:
    counter = SyllableCounter("en")
    rare = RareWords("en")
    counter._cache.half = rare._cache.half = 25
    made_up = [f"zorblax{'a' * (i % 7)}{i}" for i in range(500)]
    for word in made_up:
        counter.count(word)
        rare.is_rare(word)
    assert counter._cache.size() <= 50 and rare._cache.size() <= 50
    assert counter.count("thrombocytopenia") == SyllableCounter("en").count("thrombocytopenia")


def test_the_glossary_keeps_a_bounded_number_of_entries_read() -> None:
    project = {str(n): Entry(id=str(n), source="project") for n in range(1, 200)}
    glossary = Glossary(None, project)
    glossary._entries.half = 10
    for n in range(1, 200):
        assert glossary.get(str(n)) is project[str(n)]
    assert glossary._entries.size() <= 20
    assert glossary.get("999") is None and "5" in glossary
