"""Cross-links: the topic index, built once, and related articles ranked by what they share."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass

from digest.config import Config
from digest.records import Related, TaggedArticle
from digest.taxonomy import Taxonomy


@dataclass(frozen=True)
class Site:
    """Everything a template may show: finished and read-only."""

    config: Config
    """Site settings."""
    taxonomy: Taxonomy
    """Topics in file order."""
    articles: tuple[TaggedArticle, ...]
    """All articles, newest first, then by slug."""
    by_topic: tuple[tuple[str, tuple[TaggedArticle, ...]], ...]
    """(topic id, its assigned articles ranked by score) in taxonomy order."""
    related: tuple[tuple[str, tuple[Related, ...]], ...]
    """(slug, related articles) for every article."""

    def topic_articles(self, topic_id: str) -> tuple[TaggedArticle, ...]:
        """Articles assigned to a topic, strongest first."""
        return self._lookup["topics"].get(topic_id, ())

    def related_to(self, slug: str) -> tuple[Related, ...]:
        """Related articles for one article."""
        return self._lookup["related"].get(slug, ())

    def article(self, slug: str) -> TaggedArticle:
        """The article with this slug."""
        return self._lookup["articles"][slug]

    @functools.cached_property
    def _lookup(self) -> dict[str, dict]:
        """Indexes over the tuples above, built once on first use."""
        return {"topics": dict(self.by_topic), "related": dict(self.related),
                "articles": {a.article.slug: a for a in self.articles}}


def newest_first(article: TaggedArticle) -> tuple:
    """Sort key: dated articles newest first, undated last, then by slug."""
    date = article.article.date
    return (date is None, -(date or dt.date.min).toordinal(), article.article.slug)


def link(config: Config, taxonomy: Taxonomy, tagged: Sequence[TaggedArticle]) -> Site:
    """Build the topic index once and rank related articles for each article."""
    articles = tuple(sorted(tagged, key=newest_first))
    scores = {a.article.slug: {t.topic_id: t.score for t in a.assigned} for a in articles}
    order = {a.article.slug: i for i, a in enumerate(articles)}
    by_topic = tuple(
        (topic.id, tuple(sorted((a for a in articles if topic.id in scores[a.article.slug]),
                                key=lambda a, t=topic.id: (-scores[a.article.slug][t], order[a.article.slug]))))
        for topic in taxonomy.topics
    )
    topic_order = [t.id for t in taxonomy.topics]
    members = dict(by_topic)
    related = tuple((a.article.slug, _related(a.article.slug, scores, members, order, topic_order,
                                               config.related_limit)) for a in articles)
    return Site(config, taxonomy, articles, by_topic, related)


def _related(slug: str, scores: dict[str, dict[str, float]], members: dict[str, tuple[TaggedArticle, ...]],
             order: dict[str, int], topic_order: list[str], limit: int) -> tuple[Related, ...]:
    mine = scores[slug]
    strength: dict[str, float] = {}
    for topic_id, score in mine.items():
        for other in members[topic_id]:
            other_slug = other.article.slug
            if other_slug != slug:
                strength[other_slug] = strength.get(other_slug, 0.0) + min(score, scores[other_slug][topic_id])
    ranked = sorted(strength, key=lambda s: (-len(mine.keys() & scores[s].keys()), -strength[s], order[s]))
    return tuple(
        Related(s, tuple(t for t in topic_order if t in mine and t in scores[s]), round(strength[s], 2))
        for s in ranked[:limit]
    )
