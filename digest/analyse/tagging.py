"""The tagging module: score each article against each topic, keeping the evidence sentences."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from digest.records import Article, Evidence, SourceRef, TaggedArticle, TopicTag
from digest.analyse.sentences import split_sentences
from digest.analyse.taxonomy import Rule, Scoring, Taxonomy, Topic

TITLE, HEADING, STANDFIRST = -1, -2, -3


@dataclass(frozen=True)
class _Unit:
    """A piece of text scored as a whole: the title, a heading, the standfirst or a paragraph."""

    text: str
    section: str
    ref: SourceRef
    block: int


def tag(article: Article, taxonomy: Taxonomy) -> TaggedArticle:
    """Score every topic; assign those at or above their threshold, honouring front-matter overrides."""
    units = [(u, split_sentences(u.text) if u.block >= 0 else [u.text]) for u in _units(article)]
    full_text = "\n".join(u.text for u, _ in units)
    tags = []
    for topic in taxonomy.topics:
        evidence = _evidence(topic, units, full_text, taxonomy.scoring)
        score = round(sum(e.weight for e in evidence), 2)
        status = _status(topic, score, article)
        if status:
            ranked = sorted(evidence, key=lambda e: (-e.weight, e.ref.line))
            tags.append(TopicTag(topic.id, score, status, tuple(ranked)))
    return TaggedArticle(article, tuple(tags))


def _status(topic: Topic, score: float, article: Article) -> str:
    if topic.id in article.overrides.exclude:
        return "excluded"
    if topic.id in article.overrides.include:
        return "forced"
    if score >= topic.threshold:
        return "assigned"
    return "mention" if score > 0 else ""


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


def _evidence(topic: Topic, units: list[tuple[_Unit, list[str]]], full_text: str, scoring: Scoring) -> list[Evidence]:
    active = [r for r in topic.rules if r.requires is None or r.requires.search(full_text)]
    found: list[Evidence] = []
    if not active:
        return found
    anchor = topic.anchor
    for unit, sentences in units:
        if not anchor.search(unit.text):
            continue
        hits = [(s, w) for s in sentences if anchor.search(s) and (w := _sentence_weight(s, active, topic))]
        factor = scoring.heading_weight if unit.block in (TITLE, HEADING) else 1.0
        if len(hits) == 1 and len(sentences) >= scoring.passing_min_sentences:
            factor = scoring.passing_weight
        found.extend(Evidence(s, unit.section, unit.ref, unit.block, round(w * factor, 2)) for s, w in hits)
    return found


def _sentence_weight(sentence: str, rules: list[Rule], topic: Topic) -> float:
    if topic.exclude is not None and topic.exclude.search(sentence):
        return 0.0
    return max((r.weight for r in rules if all(g.search(sentence) for g in r.groups)), default=0.0)
