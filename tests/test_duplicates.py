"""Near-duplicate bodies: found when they share most of their text, and without comparing every pair."""

from __future__ import annotations

import random

import pytest

from digest.analyse import duplicates
from digest.analyse.duplicates import near_duplicates

WORDS = [f"w{i}" for i in range(5000)]


def _body(rng: random.Random, length: int = 300) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(length))


def test_copies_and_light_edits_are_found_and_unrelated_texts_are_not() -> None:
    rng = random.Random(4)
    original = _body(rng).split()
    edited = original[:150] + ["changed"] * 5 + original[155:]
    bodies = [("a", " ".join(original)), ("b", " ".join(edited)), ("c", _body(rng)), ("d", " ".join(original).upper())]
    found = {(d.first, d.second): d.similarity for d in near_duplicates(bodies)}
    assert set(found) == {("a", "b"), ("a", "d"), ("b", "d")}
    assert found[("a", "d")] == 1.0
    assert 0.8 <= found[("a", "b")] < 1.0


def test_half_shared_text_is_below_the_threshold() -> None:
    rng = random.Random(5)
    shared, first, second = _body(rng, 150), _body(rng, 150), _body(rng, 150)
    assert near_duplicates([("a", shared + " " + first), ("b", shared + " " + second)]) == []


def test_empty_and_short_bodies() -> None:
    assert near_duplicates([("a", ""), ("b", "  "), ("c", "Two words"), ("d", "two, WORDS!")]) == [
        duplicates.NearDuplicate("c", "d", 1.0)]


def test_distinct_bodies_are_not_compared_pair_by_pair(monkeypatch: pytest.MonkeyPatch) -> None:
    compared = []
    real = duplicates._similarity
    monkeypatch.setattr(duplicates, "_similarity", lambda a, b: compared.append(1) or real(a, b))
    rng = random.Random(6)
    bodies = [(f"{i:04}", _body(rng, 200)) for i in range(2000)]
    assert near_duplicates(bodies) == []
    assert len(compared) < 2000  # all pairs would be 1,999,000


def test_a_crowded_bucket_compares_each_member_with_the_first_only() -> None:
    text = _body(random.Random(7))
    found = near_duplicates([(f"{i:03}", text) for i in range(200)])
    assert len(found) == 199 and {d.first for d in found} == {"000"}
    assert len(near_duplicates([(f"{i:03}", text) for i in range(duplicates.BUCKET_CAP)])) == (
        duplicates.BUCKET_CAP * (duplicates.BUCKET_CAP - 1) // 2)
