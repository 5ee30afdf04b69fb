"""Cross-links: topic pages ranked by score, related articles by what they share, ties by date then slug."""

from __future__ import annotations

import datetime as dt

from digest.config import Config
from digest.linking import link
from digest.records import Article, SourceRef, TaggedArticle, TopicTag
from digest.taxonomy import Scoring, Taxonomy, Topic

TAXONOMY = Taxonomy(tuple(Topic(i, i.title(), "", 1.0, (), None) for i in ("a", "b", "c")), Scoring())


def _article(slug: str, date: dt.date | None, **scores: float) -> TaggedArticle:
    article = Article(slug=slug, title=slug, date=date, source="", author="", url="", standfirst="", sections=(),
                      path=SourceRef(f"articles/{slug}.txt"))
    return TaggedArticle(article, tuple(TopicTag(t, s, "assigned", ()) for t, s in scores.items()))


def test_related_ranked_by_shared_topics_then_strength_then_date_then_slug() -> None:
    site = link(Config(related_limit=10), TAXONOMY, [
        _article("me", dt.date(2021, 1, 1), a=3, b=2),
        _article("both", dt.date(2020, 1, 1), a=1, b=1),
        _article("strong-a", dt.date(2020, 1, 1), a=5),
        _article("old-a", dt.date(2019, 1, 1), a=3),
        _article("new-a", dt.date(2022, 1, 1), a=3),
        _article("tie-x", dt.date(2022, 1, 1), a=3),
        _article("only-c", dt.date(2022, 1, 1), c=9),
    ])
    related = site.related_to("me")
    assert [r.slug for r in related] == ["both", "new-a", "tie-x", "strong-a", "old-a"]
    assert related[0].shared == ("a", "b") and related[0].strength == 2
    assert all("only-c" != r.slug for r in related)


def test_related_limit_is_honoured_and_undated_articles_sort_last() -> None:
    articles = [_article(f"n{i}", dt.date(2021, 1, i + 1), a=1) for i in range(5)] + [_article("undated", None, a=1)]
    site = link(Config(related_limit=2), TAXONOMY, articles)
    assert [r.slug for r in site.related_to("n0")] == ["n4", "n3"]
    assert site.articles[-1].article.slug == "undated"


def test_topic_members_ranked_by_score() -> None:
    site = link(Config(), TAXONOMY, [_article("x", None, a=1), _article("y", None, a=4), _article("z", None, b=1)])
    assert [t.article.slug for t in site.topic_articles("a")] == ["y", "x"]
    assert site.topic_articles("c") == ()
