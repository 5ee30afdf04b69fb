"""Cross-links: the topic index, built once, and related articles ranked by what they share."""

from __future__ import annotations

import bisect
import datetime as dt
import functools
from collections.abc import Sequence
from dataclasses import dataclass

from digest.read.config import Config
from digest.records import Related, TaggedArticle
from digest.analyse.people import Person, gather_people
from digest.analyse.stories import Story, group_stories
from digest.analyse.taxonomy import Taxonomy


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
    links: Links | None = None
    """The ranking as the next build needs it to re-rank only what a change can reach."""
    stories: tuple[Story, ...] = ()
    """Coverage of one event across sources, newest first."""
    people: tuple[Person, ...] = ()
    """Everyone quoted or named with a title, by surname."""

    def story_of(self, slug: str) -> Story | None:
        """The story an article is part of, if any."""
        return self._lookup["stories"].get(slug)

    def person(self, name: str) -> Person | None:
        """The person an article's name for them stands for ("Sullivan": Jake Sullivan), if any."""
        return self._lookup["people"].get(name)

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
                "articles": {a.article.slug: a for a in self.articles},
                "stories": {slug: story for story in self.stories for slug in story.slugs},
                "people": {alias: person for person in self.people for alias in person.aliases}}


def newest_first(article: TaggedArticle) -> tuple:
    """Sort key: dated articles newest first, undated last, then by slug."""
    date = article.article.date
    return (date is None, -(date or dt.date.min).toordinal(), article.article.slug)


@dataclass(frozen=True)
class Links:
    """Related articles as one build ranked them, with what each ranking was made from."""

    setting: tuple[int, tuple[str, ...]]
    """The related limit and the topic order: rankings carry over only when both are unchanged."""
    signatures: dict[str, tuple]
    """For each article, all that ranking looks at: its date and its assigned topics' scores."""
    related: dict[str, tuple[Related, ...]]
    """For each article, its related articles, best first."""


RERANK_ALL_FROM = 0.05
"""When more than this share of the articles changed, every article is ranked afresh."""


def link(config: Config, taxonomy: Taxonomy, tagged: Sequence[TaggedArticle], previous: Links | None = None) -> Site:
    """Build the topic index once and rank related articles for each article. With the last build's
    ``previous`` rankings, an article keeps its list unless a changed article could enter it or one of
    its entries changed or went: the result is the same as ranking everything again."""
    articles = tuple(sorted(tagged, key=newest_first))
    scores = {a.article.slug: {t.topic_id: t.score for t in a.assigned} for a in articles}
    order = {a.article.slug: i for i, a in enumerate(articles)}
    by_topic = tuple(
        (topic.id, tuple(sorted((a for a in articles if topic.id in scores[a.article.slug]),
                                key=lambda a, t=topic.id: (-scores[a.article.slug][t], order[a.article.slug]))))
        for topic in taxonomy.topics
    )
    ranking = _Ranking(articles, scores, [t.id for t in taxonomy.topics], config.related_limit)
    setting = (config.related_limit, tuple(t.id for t in taxonomy.topics))
    signatures = {a.article.slug: (_day(a), tuple(sorted(scores[a.article.slug].items()))) for a in articles}
    related = _reranked(articles, ranking, signatures, previous) if previous and previous.setting == setting else {
        a.article.slug: ranking.related(a) for a in articles}
    return Site(config, taxonomy, articles, by_topic, tuple((a.article.slug, related[a.article.slug]) for a in articles),
                Links(setting, signatures, related), group_stories(articles, config.story_window_days),
                gather_people(articles))


def _reranked(articles: Sequence[TaggedArticle], ranking: _Ranking, signatures: dict[str, tuple],
              previous: Links) -> dict[str, tuple[Related, ...]]:
    """Related lists, reusing the previous ones that no change can reach. The list is the best ``limit``
    articles by (more topics shared, nearer in date, stronger overlap, slug), so it is unchanged when none
    of its entries changed and no changed article ranks above its last entry (or, when it is short, shares
    a topic)."""
    changed = [slug for slug, signature in signatures.items() if previous.signatures.get(slug) != signature]
    gone = {slug for slug, signature in previous.signatures.items() if signatures.get(slug) != signature}
    if len(changed) + len(gone) > RERANK_ALL_FROM * max(len(articles), 1):
        return {a.article.slug: ranking.related(a) for a in articles}
    related = {}
    for tagged in articles:
        slug = tagged.article.slug
        old = previous.related.get(slug)
        keep = old is not None and slug not in gone and not any(r.slug in gone for r in old) and not any(
            ranking.outranks(slug, other, old) for other in changed if other != slug)
        related[slug] = old if keep else ranking.related(tagged)
    return related


_FAR = float("inf")


class _Ranking:
    """Related articles: most topics shared first, then the nearest in date, then the strongest overlap, then slug.

    Articles are grouped by their exact set of topics, and each group is kept in date order, so finding
    the best few for one article looks at the nearest members of each group rather than at every article:
    the work grows with the number of distinct topic sets, not with the number of articles.
    """

    def __init__(self, articles: Sequence[TaggedArticle], scores: dict[str, dict[str, float]],
                 topic_order: list[str], limit: int):
        self.scores, self.topic_order, self.limit = scores, topic_order, limit
        groups: dict[frozenset[str], list[tuple[float, str]]] = {}
        self.day_of = {tagged.article.slug: _day(tagged) for tagged in articles}
        for tagged in articles:
            slug = tagged.article.slug
            if scores[slug]:
                groups.setdefault(frozenset(scores[slug]), []).append((_day(tagged), slug))
        self.groups = {topics: sorted(members) for topics, members in groups.items()}
        self.days = {topics: [day for day, _ in members] for topics, members in self.groups.items()}

    def related(self, tagged: TaggedArticle) -> tuple[Related, ...]:
        """The related articles of one article, best first."""
        slug, day = tagged.article.slug, _day(tagged)
        mine = self.scores[slug]
        levels: dict[int, list[frozenset[str]]] = {}
        for topics in self.groups:
            if shared := len(topics & mine.keys()):
                levels.setdefault(shared, []).append(topics)
        ranked: list[Related] = []
        for shared in sorted(levels, reverse=True):
            wanted = self.limit - len(ranked)
            if wanted <= 0:
                break
            candidates = [(_distance(other, day), other_slug) for topics in levels[shared]
                          for other, other_slug in self._nearest(topics, day, wanted + 1)]
            scored = sorted((distance, -self._strength(mine, other), other, self._shared(mine, other))
                            for distance, other in candidates if other != slug)
            ranked.extend(Related(other, common, round(-strength, 2)) for _, strength, other, common in scored[:wanted])
        return tuple(ranked)

    def outranks(self, slug: str, other: str, ranked: tuple[Related, ...]) -> bool:
        """Whether ``other`` would enter ``slug``'s related list ``ranked``."""
        if not self.scores[slug].keys() & self.scores[other].keys():
            return False
        return len(ranked) < self.limit or self._order(slug, other) < self._order(slug, ranked[-1].slug)

    def _order(self, slug: str, other: str) -> tuple:
        """Where ``other`` ranks among ``slug``'s candidates: lower is better."""
        mine = self.scores[slug]
        return (-len(mine.keys() & self.scores[other].keys()), _distance(self.day_of[other], self.day_of[slug]),
                -self._strength(mine, other), other)

    def _nearest(self, topics: frozenset[str], day: float, count: int) -> list[tuple[float, str]]:
        """The ``count`` members nearest to ``day``, and every member as near as the farthest of them."""
        members, days = self.groups[topics], self.days[topics]
        if day == _FAR:
            return members
        left = right = bisect.bisect_left(days, day)
        taken: list[tuple[float, str]] = []
        while left > 0 or right < len(members):
            before = day - days[left - 1] if left > 0 else _FAR
            after = days[right] - day if right < len(members) else _FAR
            distance = min(before, after)
            if len(taken) >= count and distance > abs(taken[-1][0] - day):
                break
            if left > 0 and before <= after:
                left -= 1
                taken.append(members[left])
            else:
                taken.append(members[right])
                right += 1
        return taken

    def _strength(self, mine: dict[str, float], other: str) -> float:
        theirs = self.scores[other]
        return sum(min(score, theirs[topic]) for topic, score in mine.items() if topic in theirs)

    def _shared(self, mine: dict[str, float], other: str) -> tuple[str, ...]:
        return tuple(t for t in self.topic_order if t in mine and t in self.scores[other])


def _distance(day: float, other: float) -> float:
    """Days between two dates; undated articles are far from everything, each other included."""
    return _FAR if _FAR in (day, other) else abs(day - other)


def _day(tagged: TaggedArticle) -> float:
    """The article's date as a day number; undated articles are infinitely far from every date."""
    date = tagged.article.date
    return float(date.toordinal()) if date else _FAR
