"""The tagger on unseen-style text: meanings from TOPICS.md, trap words, scores and evidence."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from digest.read.config import Config
from digest.read.loader import parse_article
from digest.analyse.tagging import tag
from digest.analyse.taxonomy import Words, compile_phrases, parse_taxonomy

ROOT = Path(__file__).resolve().parent.parent
TAXONOMY = parse_taxonomy((ROOT / "topics.yaml").read_text(), "topics.yaml")
IDS = frozenset(t.id for t in TAXONOMY.topics)


def _tags(body: str, front: str = "") -> dict[str, tuple[str, float]]:
    text = (f"---\n{front}\n---\n" if front else "") + body
    article, _ = parse_article(text.encode(), "a.txt", Config(), IDS)
    return {t.topic_id: (t.status, t.score) for t in tag(article, TAXONOMY).tags}


def _assigned(body: str, front: str = "") -> set[str]:
    return {k for k, (status, _) in _tags(body, front).items() if status in ("assigned", "forced")}


def test_finland_accession_story_is_nato_expansion_with_ukraine_only_a_mention() -> None:
    body = ("Finland completes NATO accession\n\n"
            "Finland formally joined NATO on Tuesday, doubling the alliance's border with Russia.\n\n"
            "The Nordic country applied for membership last year after Russia's invasion of Ukraine.\n\n"
            "Sweden's bid is still awaiting ratification by Turkey and Hungary, diplomats said.\n\n"
            "The foreign minister raised the flag at the headquarters in Brussels.\n")
    tags = _tags(body)
    assert tags["nato-expansion"][0] == "assigned"
    assert tags["ukraine"][0] == "mention"


def test_nato_meeting_without_enlargement_is_not_nato_expansion() -> None:
    body = ("Defence ministers meet\n\nNATO defence ministers met in Brussels on Thursday to discuss ammunition "
            "stocks. The alliance agreed to raise its spending targets.\n")
    assert "nato-expansion" not in _tags(body)


def test_trap_words_in_off_topic_news_tag_nothing() -> None:
    body = ("OnePlus Nord 2 review\n\n"
            "The OnePlus Nord 2 is a capable phone with a bright screen and a fast charger.\n\n"
            "Our data pipeline team benchmarked the Nord 2 against its rivals for a week.\n\n"
            "Star Alliance airlines will expand lounge access to members, and the airline alliance added partners.\n\n"
            "Trump's allies in Congress praised the campaign's new ad, and his political allies cheered.\n")
    assert _assigned(body) == set()


def test_nord_stream_called_the_pipeline_counts_in_a_text_about_it() -> None:
    body = ("Germany halts pipeline\n\n"
            "Germany halted certification of the Nord Stream 2 gas pipeline on Tuesday.\n\n"
            "The pipeline, finished last year, has never carried gas.\n\n"
            "Washington had long opposed the project and imposed sanctions on the pipeline's operator.\n")
    status, score = _tags(body)["nord-stream-2"]
    assert status == "assigned" and score >= 3


def test_alliance_coordination_counts_but_a_passing_ally_does_not() -> None:
    readout = ("Readout of the President's call with European leaders\n\n"
               "The President spoke with the leaders of France, Germany and the United Kingdom to coordinate "
               "their response. The leaders affirmed transatlantic unity.\n\n"
               "They agreed that allies and partners would act jointly on sanctions.\n")
    passing = ("Trade figures\n\nExports rose in March, the ministry said. Japan, a close ally, bought more grain. "
               "Prices were stable. Farmers were pleased. Analysts expect more growth.\n")
    assert "alliances" in _assigned(readout)
    assert "alliances" not in _assigned(passing)


def test_lowercase_or_mixed_case_nato_spellings_count() -> None:
    for spelling in ("NATO", "Nato", "North Atlantic Treaty Organization"):
        body = f"Talks\n\nMoscow demanded that {spelling} halt its eastward expansion.\n"
        assert "nato-expansion" in _assigned(body), spelling


def test_evidence_carries_sentence_section_and_line() -> None:
    body = ("Crisis deepens\n\nIntro paragraph without the topic.\n\nUkraine Under Pressure\n\n"
            "Russian troops massed near Ukraine's border. Kyiv asked for help. Ukrainian officials warned of war.\n")
    article, _ = parse_article(body.encode(), "a.txt", Config(), IDS)
    ukraine = tag(article, TAXONOMY).tag("ukraine")
    assert ukraine is not None and ukraine.status == "assigned"
    heading = next(e for e in ukraine.evidence if e.sentence == "Ukraine Under Pressure")
    assert heading.weight == 2 and heading.ref.line == 5
    body_evidence = [e for e in ukraine.evidence if e.ref.line == 7]
    assert [e.sentence for e in body_evidence] == ["Russian troops massed near Ukraine's border.", "Kyiv asked for help.",
                                                   "Ukrainian officials warned of war."]
    assert all(e.section == "Ukraine Under Pressure" for e in body_evidence)
    assert ukraine.score == sum(e.weight for e in ukraine.evidence)


def test_front_matter_can_force_and_exclude_topics() -> None:
    body = "Ukraine talks\n\nUkraine asked for help. Kyiv waited. Ukrainian envoys flew to Paris.\n"
    tags = _tags(body, front="topics:\n  include: [alliances]\n  exclude: [ukraine]")
    assert tags["alliances"] == ("forced", 0.0)
    assert tags["ukraine"][0] == "excluded"


@pytest.mark.parametrize("word", ["Ukraine", "ukraine", "UKRAINE"])
def test_phrases_are_word_bounded_and_case_insensitive(word: str) -> None:
    assert "ukraine" in _tags(f"T\n\n{word} {word} {word}.\n")
    assert "ukraine" not in _tags("T\n\nThe Ukrainefest cafe opened.\n")


def _tag(body: str, topic: str):  # noqa: ANN202
    article, _ = parse_article(body.encode(), "a.txt", Config(), IDS)
    return tag(article, TAXONOMY).tag(topic)


def test_a_short_readout_whose_point_is_one_topic_is_about_it() -> None:
    body = ("Readout of the Secretary's Call with European Counterparts\n\n"
            "The Secretary spoke today with his counterparts from three European countries.\n\n"
            "They discussed the continued response among allies and partners to the crisis.\n\n"
            "The call lasted an hour.\n")
    found = _tag(body, "alliances")
    assert found.status == "assigned" and found.score < TAXONOMY.get("alliances").threshold
    assert "short text" in found.reason


def test_the_same_sentence_in_a_long_report_is_only_a_mention() -> None:
    filler = "".join(f"Paragraph {n} of the report describes the budget of the agency in some detail.\n\n"
                     for n in range(12))
    body = ("Agency Publishes Its Annual Budget Report\n\n" + filler
            + "They discussed the continued response among allies and partners to the crisis.\n\n" + filler)
    found = _tag(body, "alliances")
    assert found.status == "mention"
    assert "below the threshold" in found.reason


def test_a_war_named_only_as_a_cause_counts_for_little() -> None:
    body = ("Pipeline Operator Halts Work on Gas Link\n\n"
            "Work on the gas link stopped in March, prompted by Russia's invasion of Ukraine, the operator said.\n\n"
            "Gas prices rose sharply due to the war in Ukraine, traders said on Monday.\n\n"
            "The company expects to resume construction next year if financing allows.\n\n"
            "Its shares fell four percent in early trading in Frankfurt and Paris.\n\n"
            "Analysts said the delay would cost the company several hundred million euros.\n\n"
            "The regulator will review the project again in the autumn, officials said.\n\n"
            "Local residents have opposed the route since the plans were first published.\n")
    found = _tag(body, "ukraine")
    assert found.status == "mention"
    assert all(e.note.startswith("background") for e in found.evidence)
    assert "background cause" in found.reason


def test_nato_as_an_existing_alliance_is_not_an_alliances_story() -> None:
    body = ("Sweden Joins NATO\n\n"
            "Sweden formally joined NATO on Thursday, becoming the alliance's 32nd member.\n\n"
            "NATO is the greatest military alliance in history, the president said.\n\n"
            "All 32 NATO members will gather for the alliance's summit in July.\n")
    assert _tag(body, "nato-expansion").status == "assigned"
    alliances = _tag(body, "alliances")
    assert alliances is None or alliances.status == "mention"


_PHRASE_WORDS = st.sampled_from(["NATO", "the", "expan*", "Kyiv's", "open-door", "U.S.", "istanbul", "sanctions",
                                 "Ελλάδα", "'s", "x*"])
_TEXT = st.lists(st.sampled_from(["Nato", "the", "expansion", "Kyiv’s", "open–door", "U.S.", "İSTANBUL", "ſanctions",
                                  "SANCTIONS", "ΕΛΛΆΔΑ", "'s", "xs", ".", " ", "\u00a0"]), max_size=10).map("".join)
"""Words and marks that test each way a phrase is matched: case, endings, apostrophes and dashes, initials, and
letters that match an ASCII letter only when case is ignored."""


@given(st.lists(st.lists(_PHRASE_WORDS, min_size=1, max_size=3).map(" ".join), min_size=1, max_size=4), _TEXT)
@settings(max_examples=400, deadline=None, derandomize=bool(os.environ.get("CI")))
def test_the_quick_word_screen_never_hides_a_phrase_the_pattern_finds(phrases: list[str], text: str) -> None:
    found = compile_phrases(phrases)
    assert found.search(text, Words.of(text)) == (found.pattern.search(text) is not None)


@given(st.lists(_TEXT, max_size=4))
@settings(max_examples=200, deadline=None, derandomize=bool(os.environ.get("CI")))
def test_the_words_of_joined_texts_are_those_of_their_parts(texts: list[str]) -> None:
    joined, whole = Words.joined([Words.of(t) for t in texts]), Words.of("\n".join(texts))
    assert (joined.lowered, joined.tokens, joined.unsure) == (whole.lowered, whole.tokens, whole.unsure)
