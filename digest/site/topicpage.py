"""What a listing page shows beyond the ranking: sources, companion topics and months of articles (pure)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass

from digest.analyse.linking import Site
from digest.records import TaggedArticle

UNATTRIBUTED = "Unattributed"


def _by_date(article: TaggedArticle) -> tuple:
    date = article.article.date
    return (date is None, date or dt.date.min, article.article.slug)


def by_source(members: tuple[TaggedArticle, ...], latest: int) -> list[tuple[str, list[TaggedArticle]]]:
    """Articles grouped by source (named sources first, alphabetically): each source's ``latest`` articles,
    oldest first."""
    groups = _source_groups(members)
    return [(name, sorted(items, key=_by_date)[-latest:]) for name, items in groups]


def left_out(members: tuple[TaggedArticle, ...], latest: int) -> dict[str, int]:
    """For each source, how many of its articles ``by_source`` leaves out."""
    return {name: max(0, len(items) - latest) for name, items in _source_groups(members)}


def _source_groups(members: tuple[TaggedArticle, ...]) -> list[tuple[str, list[TaggedArticle]]]:
    groups: dict[str, list[TaggedArticle]] = defaultdict(list)
    for tagged in members:
        groups[tagged.article.source or UNATTRIBUTED].append(tagged)
    return sorted(groups.items(), key=lambda item: (item[0] == UNATTRIBUTED, item[0].casefold()))


def companions(site: Site, topic_id: str) -> list[tuple[str, int]]:
    """Other topics assigned to this topic's articles, with how many articles they share, most first."""
    counts: Counter[str] = Counter()
    for tagged in site.topic_articles(topic_id):
        counts.update(t.topic_id for t in tagged.assigned if t.topic_id != topic_id)
    order = [t.id for t in site.taxonomy.topics]
    return sorted(counts.items(), key=lambda kv: (-kv[1], order.index(kv[0])))


@dataclass(frozen=True)
class Month:
    """One calendar month of articles, oldest first; the undated ones are a month of their own, last."""

    id: str
    """``2021-12``, or ``undated``: the name of its archive page."""
    label: str
    """``December 2021``, or ``Undated``."""
    articles: tuple[TaggedArticle, ...]


def months(articles: tuple[TaggedArticle, ...]) -> list[Month]:
    """Articles grouped by month, oldest month first."""
    names = ("January February March April May June July August September October November December").split()
    groups: dict[tuple[str, str], list[TaggedArticle]] = {}
    for tagged in sorted(articles, key=_by_date):
        date = tagged.article.date
        month = (f"{date.year:04d}-{date.month:02d}", f"{names[date.month - 1]} {date.year}") if date else (
            "undated", "Undated")
        groups.setdefault(month, []).append(tagged)
    return [Month(month_id, label, tuple(items)) for (month_id, label), items in groups.items()]


def latest_months(all_months: list[Month], at_least: int) -> list[Month]:
    """The newest dated months that together hold at least ``at_least`` articles (all of them when the
    site is smaller), oldest first: what a listing page shows in full before it links to the archive."""
    dated = [month for month in all_months if month.id != "undated"]
    shown: list[Month] = []
    for month in reversed(dated):
        if sum(len(m.articles) for m in shown) >= at_least:
            break
        shown.insert(0, month)
    return shown if len(shown) < len(dated) else all_months
