"""Cross-links: topic pages ranked by score; related articles by topics shared, then nearness in date, strength, slug."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from digest.read.config import Config
from digest.analyse.linking import link
from digest.records import Article, SourceRef, TaggedArticle, TopicTag
from digest.analyse.taxonomy import Scoring, Taxonomy, Topic

TAXONOMY = Taxonomy(tuple(Topic(i, i.title(), "", 1.0, (), None) for i in ("a", "b", "c")), Scoring())


def _article(slug: str, date: dt.date | None, **scores: float) -> TaggedArticle:
    article = Article(slug=slug, title=slug, date=date, source="", author="", url="", standfirst="", sections=(),
                      path=SourceRef(f"articles/{slug}.txt"))
    return TaggedArticle(article, tuple(TopicTag(t, s, "assigned", ()) for t, s in scores.items()))


def test_related_ranked_by_shared_topics_then_nearest_date_then_strength_then_slug() -> None:
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
    assert [r.slug for r in site.related_to("n0")] == ["n1", "n2"]
    assert [r.slug for r in site.related_to("n2")] == ["n1", "n3"]
    assert [r.slug for r in link(Config(related_limit=9), TAXONOMY, articles).related_to("n0")][-1] == "undated"
    assert [r.slug for r in site.related_to("undated")] == ["n0", "n1"]
    assert site.articles[-1].article.slug == "undated"


def test_same_day_coverage_is_ranked_by_strength() -> None:
    site = link(Config(related_limit=3), TAXONOMY, [
        _article("me", dt.date(2021, 12, 7), a=4, b=1),
        _article("weak", dt.date(2021, 12, 7), a=1),
        _article("strong", dt.date(2021, 12, 7), a=6),
        _article("next-day", dt.date(2021, 12, 8), a=9),
        _article("pair-last-year", dt.date(2020, 12, 7), a=1, b=1),
    ])
    assert [(r.slug, r.strength) for r in site.related_to("me")] == [
        ("pair-last-year", 2), ("strong", 4), ("weak", 1)]


@pytest.mark.parametrize("limit", [1, 4, 40])
def test_ranking_matches_a_direct_sort_on_a_random_corpus(limit: int) -> None:
    """The grouped search gives the same answer as sorting every other article (the definition)."""
    rng = random.Random(7)
    articles = [_article(f"s{i:03d}", rng.choice([None, *(dt.date(2021, 1, 1) + dt.timedelta(d) for d in range(40))]),
                         **{t: rng.choice([0.5, 1, 2, 3]) for t in "abc" if rng.random() < 0.5}) for i in range(150)]
    site = link(Config(related_limit=limit), TAXONOMY, articles)
    scores = {a.article.slug: {t.topic_id: t.score for t in a.assigned} for a in articles}
    far = float("inf")
    day = {a.article.slug: a.article.date.toordinal() if a.article.date else far for a in articles}
    for me, mine in scores.items():
        others = [o for o in scores if o != me and scores[o].keys() & mine.keys()]
        expected = sorted(others, key=lambda o: (-len(scores[o].keys() & mine.keys()), far if far in (day[o], day[me]) else abs(day[o] - day[me]),
                                                 -sum(min(v, scores[o][t]) for t, v in mine.items() if t in scores[o]),
                                                 o))[:limit]
        assert [r.slug for r in site.related_to(me)] == expected, me


def test_topic_members_ranked_by_score() -> None:
    site = link(Config(), TAXONOMY, [_article("x", None, a=1), _article("y", None, a=4), _article("z", None, b=1)])
    assert [t.article.slug for t in site.topic_articles("a")] == ["y", "x"]
    assert site.topic_articles("c") == ()


def _random_article(rng: random.Random, slug: str) -> TaggedArticle:
    topics = rng.sample("abc", rng.randint(0, 3))
    date = None if rng.random() < 0.05 else dt.date(2021, 1, 1) + dt.timedelta(days=rng.randint(0, 40))
    return _article(slug, date, **{t: float(rng.randint(1, 4)) for t in topics})


@pytest.mark.parametrize("seed", range(30))
def test_relinking_after_a_change_ranks_as_linking_from_scratch(seed: int) -> None:
    """The next build re-ranks only the articles a change can reach: after adding, deleting or editing a
    few articles, every related list equals the one a build from scratch gives."""
    rng = random.Random(seed)
    config = Config(related_limit=rng.randint(1, 6))
    articles = {f"s{i:03d}": _random_article(rng, f"s{i:03d}") for i in range(120)}
    before = link(config, TAXONOMY, list(articles.values()))
    for _ in range(rng.randint(1, 5)):
        change = rng.choice(("add", "delete", "edit"))
        if change == "add":
            slug = f"new{rng.randint(0, 999):03d}"
            articles[slug] = _random_article(rng, slug)
        elif change == "delete":
            articles.pop(rng.choice(sorted(articles)))
        else:
            slug = rng.choice(sorted(articles))
            articles[slug] = _random_article(rng, slug)
    again = link(config, TAXONOMY, list(articles.values()), before.links)
    fresh = link(config, TAXONOMY, list(articles.values()))
    assert again.related == fresh.related


def test_a_new_related_limit_ranks_everything_again() -> None:
    articles = [_article(f"n{i}", dt.date(2021, 1, i + 1), a=1) for i in range(6)]
    before = link(Config(related_limit=2), TAXONOMY, articles)
    after = link(Config(related_limit=4), TAXONOMY, articles, before.links)
    assert [r.slug for r in after.related_to("n0")] == ["n1", "n2", "n3", "n4"]
