"""Stories: articles from any source that cover the same event, grouped by nearness in date and by what
they share beyond a topic (pure).

Each article is known by its *terms*: the people, places and organisations it names and its most
frequent content words (worked out once per article, with the rest of its record). Across the site a
term counts by how rare it is (TF-IDF), so "Ukraine" in a Ukraine digest says little and "Reykjavik"
says a lot. Articles are taken in date order; each joins the story of the most similar earlier article
dated within the window, if that story began within the window too and the likeness reaches the
threshold; otherwise it starts a story. Candidates come only from the window and from articles that
share a rare term (an inverted index), never from every pair. A story is two articles or more.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
import re
from collections import Counter, defaultdict, deque
from collections.abc import Sequence
from dataclasses import dataclass, replace

from digest.analyse.names import NAME, ROLE_WORDS, bare_name
from digest.read.slugs import make_slug, unique_id
from digest.records import Article, TaggedArticle

WINDOW_DAYS = 4
"""Articles dated this many days apart or less can cover the same event (a preview and the report)."""
THRESHOLD = 0.15
"""Likeness (cosine of TF-IDF term weights, 0 to 1) an article needs to join a story."""
TERMS_KEPT = 40
"""Terms kept per article: its names and its most frequent content words."""
VECTOR_SIZE = 20
"""Terms per article that take part in likeness, the rarest-weighted first."""
NAME_WEIGHT = 2.0
"""A name counts this many times a content word."""

_WORD = re.compile(r"[a-z][a-z’'\-]{2,}[a-z]")
_NAME = re.compile(NAME)
STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being below
between both but by can could did do does doing down during each few for from further had has have having
he her here hers herself him himself his how i if in into is it its itself just me more most my no nor not
now of off on once only or other our ours out over own same she should so some such than that the their
them then there these they this those through to too under until up very was we were what when where
which while who whom why will with would you your said says say told tell according also would could
may might must shall one two three new last first next year years week weeks day days time monday tuesday
wednesday thursday friday saturday sunday january february march april june july august september october
november december today yesterday tomorrow mr ms mrs president minister secretary official officials
government country countries people percent per many much well like get got make made us u.s
""".split())


@dataclass(frozen=True)
class Story:
    """Articles about one event, oldest first."""

    id: str
    """Stable id used in URLs: the start date and the first headline's words."""
    title: str
    """The earliest article's headline."""
    slugs: tuple[str, ...]
    """The articles, in date order."""
    start: dt.date
    end: dt.date


def story_terms(article: Article) -> tuple[tuple[str, int], ...]:
    """What an article names and talks about most: names (``"n:..."``, by their last word, so that "Joe
    Biden" and "Mr Biden" are one) and content words (their first seven letters, so that "Ukraine" and
    "Ukrainian" are one), with counts."""
    counts: Counter[str] = Counter()
    names: Counter[str] = Counter()
    for text in (article.title, article.title, *(p.text for p in article.paragraphs)):
        names.update(match.group() for match in _NAME.finditer(text))
        counts.update(word[:7] for word in _WORD.findall(text.casefold()) if word not in STOPWORDS)
    for found, times in names.items():  # each way of writing a name looked at once
        name, _ = bare_name(found)
        words = name.split()
        if name and not (len(words) == 1 and (words[0] in ROLE_WORDS or words[0].lower() in STOPWORDS)):
            counts["n:" + re.sub(r"[’']s$", "", words[-1].casefold())] += times
    return tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:TERMS_KEPT])


def group_stories(articles: Sequence[TaggedArticle], window: int = WINDOW_DAYS,
                  threshold: float = THRESHOLD) -> tuple[Story, ...]:
    """The stories among the articles, newest first; undated articles are in none."""
    dated = sorted((a for a in articles if a.article.date), key=lambda a: (a.article.date, a.article.slug))
    vectors = _vectors(dated)
    days = [tagged.article.date.toordinal() for tagged in dated]
    index: dict[str, deque[tuple[int, float]]] = defaultdict(deque)
    story_of: list[int] = []
    starts: list[int] = []
    members: list[list[int]] = []
    for position, vector in enumerate(vectors):
        day = days[position]
        scores: dict[int, float] = defaultdict(float)
        for term, weight in vector.items():  # likeness summed term by term, over the articles sharing each
            postings = index[term]
            while postings and day - days[postings[0][0]] > window:
                postings.popleft()
            for other, other_weight in postings:
                scores[other] += weight * other_weight
        best, best_score = -1, threshold
        for other in sorted(scores):
            if day - starts[story_of[other]] <= window and scores[other] >= best_score:
                best, best_score = other, scores[other]
        if best >= 0:
            story_of.append(story_of[best])
            members[story_of[best]].append(position)
        else:
            story_of.append(len(members))
            starts.append(day)
            members.append([position])
        for term, weight in vector.items():
            index[term].append((position, weight))
    stories, taken = [], set()
    for group in members:
        if len(group) > 1:
            story = _story([dated[i] for i in group])
            stories.append(replace(story, id=unique_id(story.id, taken)))
    return tuple(sorted(stories, key=lambda s: (s.start, s.id), reverse=True))


def _vectors(dated: list[TaggedArticle]) -> list[dict[str, float]]:
    """Each article's rarest-weighted terms, as a unit-length TF-IDF vector."""
    frequency: Counter[str] = Counter(term for a in dated for term, _ in a.terms)
    total = len(dated) + 1
    rarity = {term: (NAME_WEIGHT if term.startswith("n:") else 1.0) * math.log(total / count)
              for term, count in frequency.items() if count > 1}
    vectors = []
    for tagged in dated:
        weights = [(-rarity[term] * math.log1p(count), term) for term, count in tagged.terms if term in rarity]
        top = [(term, -negative) for negative, term in heapq.nsmallest(VECTOR_SIZE, weights)]
        norm = math.sqrt(sum(w * w for _, w in top)) or 1.0
        vectors.append({term: w / norm for term, w in top})
    return vectors


def _story(items: list[TaggedArticle]) -> Story:
    first = items[0].article
    start, end = first.date, items[-1].article.date
    return Story(f"{start.isoformat()}-{make_slug(first.title, 'story')[:48].strip('-')}", first.title,
                 tuple(a.article.slug for a in items), start, end)
