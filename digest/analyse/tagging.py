"""The tagging module: score each article against each topic, keeping the evidence sentences.

A topic's score sums its evidence sentences' weights; whether it is assigned also depends on how much
of the article is about it: a short text whose sentences are largely about a topic is about it at half
the threshold, and a sentence that names the topic only as the background cause of something else
counts for little.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from digest.analyse.sentences import split_sentences
from digest.analyse.taxonomy import Rule, Scoring, Taxonomy, Topic, Words
from digest.records import Article, Evidence, SourceRef, TaggedArticle, TopicTag

TITLE, HEADING, STANDFIRST = -1, -2, -3
FULL_WEIGHT = 0.75
"""Evidence at least this heavy is a sentence about the topic, not a passing or background mention."""


@dataclass(frozen=True)
class _Unit:
    """A piece of text scored as a whole: the title, a heading, the standfirst or a paragraph."""

    text: str
    section: str
    ref: SourceRef
    block: int


@dataclass(frozen=True)
class _Split:
    """A unit with its sentences (a title or heading is one sentence), and the words of each, worked out once
    for every topic."""

    unit: _Unit
    sentences: list[str]
    sentence_words: list[Words]

    @classmethod
    def of(cls, unit: _Unit) -> _Split:
        sentences = split_sentences(unit.text) if unit.block >= 0 else [unit.text]
        return cls(unit, sentences, [Words.of(s) for s in sentences])


def tag(article: Article, taxonomy: Taxonomy) -> TaggedArticle:
    """Score every topic; assign those at or above their threshold, honouring front-matter overrides."""
    units = [_Split.of(u) for u in _units(article)]
    full_text = "\n".join(u.unit.text for u in units)
    full_words = Words.joined([words for u in units for words in u.sentence_words])
    body_sentences = sum(len(u.sentences) for u in units if u.unit.block >= 0)
    tags = []
    for topic in taxonomy.topics:
        evidence = _evidence(topic, units, full_text, full_words, taxonomy.scoring)
        score = round(sum(e.weight for e in evidence), 2)
        full = sum(1 for e in evidence if e.block >= 0 and e.weight >= FULL_WEIGHT)
        status, reason = _status(topic, score, full, body_sentences, article, taxonomy.scoring)
        if status:
            ranked = sorted(evidence, key=lambda e: (-e.weight, e.ref.line))
            background = sum(1 for e in evidence if e.note)
            if background:
                reason += f"; {background} sentence(s) name it only as a background cause"
            tags.append(TopicTag(topic.id, score, status, tuple(ranked), reason))
    return TaggedArticle(article, tuple(tags))


def _status(topic: Topic, score: float, full: int, sentences: int, article: Article,
            scoring: Scoring) -> tuple[str, str]:
    share = full / sentences if sentences else 0.0
    about = f"{full} of {sentences} body sentences ({share:.0%}) are about it"
    if topic.id in article.overrides.exclude:
        return "excluded", "excluded in the article's front matter"
    if topic.id in article.overrides.include:
        return "forced", "set in the article's front matter"
    if score >= topic.threshold:
        return "assigned", f"score {score:g} reaches the threshold {topic.threshold:g}; {about}"
    short = sentences <= scoring.share_max_sentences
    if short and scoring.share and share >= scoring.share and score >= topic.threshold / 2:
        return "assigned", (f"{about} in a short text, at least {scoring.share:.0%}, so score {score:g} "
                            f"(half the threshold {topic.threshold:g} or more) is enough")
    if score > 0:
        return "mention", f"score {score:g} is below the threshold {topic.threshold:g} and {about}"
    return "", ""


def _units(article: Article) -> Iterator[_Unit]:
    yield _Unit(article.title, "", article.path, TITLE)
    if article.standfirst:
        yield _Unit(article.standfirst, "", article.path, STANDFIRST)
    index = 0
    for section in article.sections:
        if section.heading:
            yield _Unit(section.heading, section.heading, section.ref or article.path, HEADING)
        for paragraph in section.paragraphs:
            yield _Unit(paragraph.text, section.heading, paragraph.ref, index)
            index += 1


def _evidence(topic: Topic, units: list[_Split], full_text: str, full_words: Words,
              scoring: Scoring) -> list[Evidence]:
    active = [r for r in topic.rules if r.requires is None or r.requires.search(full_text, full_words)]
    found: list[Evidence] = []
    if not active:
        return found
    anchor, screen = topic.anchor, topic.screen
    for split in units:
        unit, sentences = split.unit, split.sentences
        hits = [(s, m, w) for s, words in zip(sentences, split.sentence_words, strict=True)
                if screen.admits(words) and (m := anchor.search(s)) and (w := _sentence_weight(s, words, active, topic))]
        if not hits:
            continue
        factor = scoring.heading_weight if unit.block in (TITLE, HEADING) else 1.0
        if len(hits) == 1 and len(sentences) >= scoring.passing_min_sentences:
            factor = scoring.passing_weight
        for sentence, match, weight in hits:
            cue = _background_cue(sentence, match, topic, scoring.background_window)
            note = f"background: names it as the cause (\u201c{cue}\u201d)" if cue else ""
            weight *= factor * (scoring.background_weight if cue else 1.0)
            found.append(Evidence(sentence, unit.section, unit.ref, unit.block, round(weight, 2), note))
    return found


def _sentence_weight(sentence: str, words: Words, rules: list[Rule], topic: Topic) -> float:
    if topic.exclude is not None and topic.exclude.search(sentence, words):
        return 0.0
    return max((r.weight for r in rules if all(g.search(sentence, words) for g in r.groups)
                and not (r.unless and r.unless.search(sentence, words))), default=0.0)


def _background_cue(sentence: str, match: re.Match[str], topic: Topic, window: int) -> str:
    """The background phrase that introduces the sentence's first match, if any ('since Russia's invasion of')."""
    if topic.background is None:
        return ""
    for cue in topic.background.pattern.finditer(sentence, 0, match.start()):
        if len(re.findall(r"\w+", sentence[cue.end():match.start()])) <= window:
            return cue.group()
    return ""
