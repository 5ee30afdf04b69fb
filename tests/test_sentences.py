"""Sentence splitting on the cases news text throws at it."""

from __future__ import annotations

import pytest

from digest.analyse.sentences import sentence_spans, split_sentences


@pytest.mark.parametrize(("text", "expected"), [
    ("Top U.S. diplomats met in Geneva. They left.", ["Top U.S. diplomats met in Geneva.", "They left."]),
    ("Mr. Putin spoke on Dec. 7 at noon. Mr Biden listened.",
     ["Mr. Putin spoke on Dec. 7 at noon.", "Mr Biden listened."]),
    ("He said, “This is it. We go.” Then he left.", ["He said, “This is it. We go.”", "Then he left."]),
    ("It was “a useful, honest conversation.” Both agreed.", ["It was “a useful, honest conversation.”", "Both agreed."]),
    ('He said "stop now." Then silence.', ['He said "stop now."', "Then silence."]),
    ("President George W. Bush met him. Later came 2011.", ["President George W. Bush met him.", "Later came 2011."]),
    ("Is it? Yes! No.", ["Is it?", "Yes!", "No."]),
    ("The U.S. Secretary of State spoke", ["The U.S. Secretary of State spoke"]),
])
def test_split(text: str, expected: list[str]) -> None:
    assert split_sentences(text) == expected


def test_spans_cover_the_text_without_losing_characters() -> None:
    text = "One. Two?  Three!\tFour."
    spans = sentence_spans(text)
    rebuilt = "".join(text[a:b] for a, b in spans)
    assert rebuilt.replace(" ", "") == text.replace(" ", "").replace("\t", "")
