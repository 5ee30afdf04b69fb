"""The site's JSON for other tools: ``data/articles.json`` (every article, cross-linked) and
``data/articles/<slug>.json`` (one article's full record exactly as its page shows it).

``<``, ``>`` and ``&`` are written as ``\\u003c``, ``\\u003e`` and ``\\u0026``, so the JSON can be inlined in a page.
"""

from __future__ import annotations

import json
from typing import Any

from digest.analyse.linking import Site
from digest.analyse.taxonomy import Taxonomy
from digest.records import Quote, Related, TaggedArticle, TopicTag


def article_path(slug: str) -> str:
    """The site path of an article page."""
    return f"articles/{slug}.html"


def record_path(slug: str) -> str:
    """The site path of an article's JSON record."""
    return f"data/articles/{slug}.json"


def _encoded(data: Any) -> bytes:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n").encode("utf-8")


EntryParts = tuple[bytes, bytes]
"""An article's entry in ``data/articles.json`` encoded up to its related links, and after them."""


class Entries:
    """Each article's encoded entry in ``data/articles.json``, reused from the last build when the article,
    its slug and its related links are unchanged; when only the related links changed, only they are encoded.
    The parts are kept, not the joined entry, so that the cache holds each article's text once."""

    def __init__(self, previous: dict[tuple[str, str], tuple[EntryParts, tuple[Related, ...], bytes]] | None = None):
        self.previous = previous or {}
        self.kept: dict[tuple[str, str], tuple[EntryParts, tuple[Related, ...], bytes]] = {}
        """This build's entries (parts, related links, the links encoded), to keep for the next."""

    def encoded(self, site: Site, tagged: TaggedArticle) -> bytes:
        """One article's entry, with its related links."""
        name = (tagged.key, tagged.article.slug)
        related = site.related_to(tagged.article.slug)
        found = self.kept.get(name) or self.previous.get(name)
        if found is None or found[1] != related:
            parts = found[0] if found else _entry_parts(tagged)
            links = [{"slug": r.slug, "shared": list(r.shared), "strength": r.strength} for r in related]
            found = parts, related, _encoded(links)[:-1]
        self.kept[name] = found
        (head, tail), _, links_json = found
        return b"%s,\"related\":%s,%s" % (head, links_json, tail)


def _entry_parts(tagged: TaggedArticle) -> EntryParts:
    article = tagged.article
    entry = {
        "slug": article.slug, "title": article.title, "date": article.date.isoformat() if article.date else None,
        "source": article.source, "author": article.author, "url": article.url, "file": article.path.path,
        "path": article_path(article.slug), "record": record_path(article.slug), "words": article.word_count,
        "topics": [{"id": t.topic_id, "score": t.score, "status": t.status,
                    "evidence": [{"text": e.sentence, "line": e.ref.line, "section": e.section}
                                 for e in t.evidence]} for t in tagged.assigned],
        "mentions": [{"id": t.topic_id, "score": t.score, "status": t.status} for t in tagged.mentions],
        "removed": [r.text for r in article.removed],
        "removed_detail": [{"rule": r.rule, "line": r.ref.line} for r in article.removed],
    }
    before = _encoded({k: v for k, v in entry.items() if k < "related"})
    after = _encoded({k: v for k, v in entry.items() if k > "related"})
    return before[:-2], after[1:-1]


def articles_json(site: Site, entries: Entries | None = None) -> bytes:
    """``data/articles.json``: the records, tags, evidence and cross-links, for other tools. Keys are
    sorted, as in every JSON file the site writes; each article's entry comes from ``entries``."""
    entries = entries or Entries()
    topics = [{"id": t.id, "name": t.name, "description": t.description,
               "articles": [a.article.slug for a in site.topic_articles(t.id)]} for t in site.taxonomy.topics]
    stories = [{"id": s.id, "title": s.title, "articles": list(s.slugs), "start": s.start.isoformat(),
                "end": s.end.isoformat()} for s in site.stories]
    people = [{"id": p.id, "name": p.name, "roles": list(p.roles), "articles": list(p.slugs),
               "quotes": [{"text": q.text, "article": slug, "line": q.ref.line} for slug, q in p.quotes]}
              for p in site.people]
    return b'{"articles":[%s],"people":%s,"stories":%s,"topics":%s}\n' % (
        b",".join(entries.encoded(site, t) for t in site.articles), _encoded(people)[:-1], _encoded(stories)[:-1],
        _encoded(topics)[:-1])


def _tag(tag: TopicTag, taxonomy: Taxonomy) -> dict[str, Any]:
    topic = taxonomy.get(tag.topic_id)
    return {"id": tag.topic_id, "name": topic.name if topic else tag.topic_id, "score": tag.score,
            "status": tag.status, "reason": tag.reason,
            "evidence": [{"text": e.sentence, "line": e.ref.line, "section": e.section, "weight": e.weight,
                          "note": e.note, "where": "title" if e.block == -1 else "heading" if e.block == -2
                          else "standfirst" if e.block == -3 else "body"} for e in tag.evidence]}


def article_record_json(tagged: TaggedArticle, taxonomy: Taxonomy, story: str | None = None,
                        people: dict[str, tuple[str, str]] | None = None) -> bytes:
    """``data/articles/<slug>.json``: one article's full record as published. ``story`` is the id of the
    story it is part of; ``people`` maps each name it gives a speaker by to the person's (id, name)."""
    article = tagged.article
    people = people or {}
    dateline = article.dateline
    return _encoded({
        "slug": article.slug, "title": article.title, "date": article.date.isoformat() if article.date else None,
        "source": article.source, "author": article.author, "url": article.url, "file": article.path.path,
        "kind": article.kind, "page": article_path(article.slug), "words": article.word_count,
        "origin": dict(article.metadata_origin), "standfirst": article.standfirst,
        "dateline": {"text": dateline.text, "place": dateline.place, "agency": dateline.agency,
                     "line": dateline.line} if dateline else None,
        "author_bio": article.author_bio,
        "sections": [{"heading": s.heading, "line": s.ref.line if s.ref else None,
                      "paragraphs": [{"text": p.text, "line": p.ref.line, "kind": p.kind} for p in s.paragraphs]}
                     for s in article.sections],
        "removed": [{"rule": r.rule, "text": r.text, "line": r.ref.line} for r in article.removed],
        "topics": [_tag(t, taxonomy) for t in tagged.assigned],
        "mentions": [_tag(t, taxonomy) for t in tagged.mentions],
        "story": story,
        "quotes": [_quote(q, people.get(q.speaker or "")) for q in tagged.quotes],
    })


def _quote(quote: Quote, person: tuple[str, str] | None) -> dict[str, Any]:
    """One quotation of an article's record, with its speaker as the site knows them (``person``: id, name)."""
    return {"text": quote.text, "speaker": person[1] if person else quote.speaker, "person": person[0] if person else None,
            "named_as": quote.named_as, "how": quote.how, "line": quote.ref.line}
