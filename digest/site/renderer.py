"""The Jinja renderer: one environment, one context builder per page kind; returns (path, bytes) pages."""

from __future__ import annotations

import contextlib
import datetime as dt
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import jinja2
from jinja2 import BytecodeCache, Environment, FileSystemLoader, StrictUndefined
from jinja2.bccache import Bucket

from digest.site import bodyhtml
from digest.site import search
from digest.site import storypage, topicpage
from digest.site.records_json import Entries, article_path, article_record_json, articles_json, record_path
from digest.read.cache import FileState, digest_of
from digest.read.config import Config
from digest.analyse.linking import Site
from digest.analyse.people import Person
from digest.analyse.stories import Story
from digest.records import Quote, Related, TaggedArticle
from digest.analyse.taxonomy import Taxonomy, Topic

EVIDENCE_SHOWN = 3
FEED_SIZE = 50
SOURCE_LATEST = 10
"""A topic page quotes each source's latest articles, this many."""
RANKED_SHOWN = 100
"""A topic page ranks this many articles; its timeline still reaches them all."""
LATEST_SHOWN = 30
"""The front page lists this many of the latest articles; the timeline reaches them all."""
STORIES_SHOWN = 200
"""The stories page lists the newest this many; every story stays linked from its articles."""
PERSON_SHOWN = 100
"""A person page lists the latest this many quotations and articles naming them."""
MONTHS_SHOWN = 60
"""A timeline shows its newest months in full until it has shown this many articles, then lists every
month, each on a page of its own. Month pages are keyed by their articles, so adding one article renders
the listing pages and one month's page, not pages that grow with the site."""


@dataclass(frozen=True)
class Page:
    """One output file, rendered only when asked: the writer reuses the old file when the key is unchanged."""

    path: str
    """Site path."""
    key: str
    """Hash of everything the page is made from; empty for pages that depend on the whole site."""
    render: Callable[[], bytes]
    """Produce the bytes."""
    here: bool = False
    """Rendered in the build's own process, never in a worker: rendering it fills a cache the build keeps."""

    def kept_from(self, previous: Mapping[str, FileState]) -> bool:
        """Whether the last build published this page from the same key, so it need not be rendered."""
        return bool(self.key) and getattr(previous.get(self.path), "key", None) == self.key


class CompiledTemplates(BytecodeCache):
    """Templates compiled by the last build, kept in the build cache: compiling the theme took a fifth of a
    second on every build. Jinja keys each by its file and checks its source; the cache as a whole is kept
    only for the same digest code, settings, theme and Jinja version (``setup_key``), since those shape the
    compiled code too."""

    def __init__(self, previous: object, setup_key: str):
        self.fingerprint = digest_of(setup_key, jinja2.__version__)
        held = previous if isinstance(previous, tuple) and len(previous) == 2 and previous[0] == self.fingerprint else ()
        self.previous: dict[str, bytes] = dict(held[1]) if held else {}
        self.used: dict[str, bytes] = {}
        """Compiled code by Jinja's key, for every template this build loaded."""

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.previous:
            bucket.bytecode_from_string(self.previous[bucket.key])
            if bucket.code is not None:  # Jinja found it current for the template's source
                self.used[bucket.key] = self.previous[bucket.key]

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.used[bucket.key] = bucket.bytecode_to_string()

    def compile_all(self, env: Environment) -> None:
        """Load every page template now, before worker processes fork, so that the workers share them and
        this process keeps them. A broken template is left to fail, and be reported, where it renders."""
        for name in env.list_templates(extensions=("html", "xml")):
            with contextlib.suppress(jinja2.TemplateError):
                env.get_template(name)

    def kept(self) -> tuple[str, dict[str, bytes]] | None:
        """What to keep for the next build, or None when it is what the last build kept."""
        return None if self.used == self.previous else (self.fingerprint, self.used)


def environment(templates: Path | tuple[Path, ...], compiled: CompiledTemplates | None = None) -> Environment:
    """The single Jinja environment: autoescape on for every template, undefined names fail loudly.
    Templates are looked up in each folder in turn, so a project's own replace the default theme's."""
    folders = (templates,) if isinstance(templates, Path) else templates
    env = Environment(
        loader=FileSystemLoader([str(folder) for folder in folders]), autoescape=True, undefined=StrictUndefined,
        keep_trailing_newline=True, trim_blocks=True, lstrip_blocks=True, bytecode_cache=compiled,
    )
    env.filters["isodate"] = lambda d: d.isoformat() if d else ""
    env.filters["longdate"] = _long_date
    return env


def _long_date(date: dt.date | None) -> str:
    months = ("January February March April May June July August September October November December").split()
    return f"{date.day} {months[date.month - 1]} {date.year}" if date else "Undated"


def render_site(site: Site, env: Environment) -> Iterator[tuple[str, bytes]]:
    """Every page of the site, rendered."""
    for page in plan_site(site, env, ""):
        yield page.path, page.render()


def plan_site(site: Site, env: Environment, setup_key: str, entries: Entries | None = None) -> Iterator[Page]:
    """Every page of the site, unrendered. ``setup_key`` hashes the templates, settings, taxonomy and code;
    article pages are keyed by it, their article, its related articles and its neighbours. ``entries``
    keeps each article's part of ``data/articles.json`` for the next build."""
    newest = {topic_id: max(members, key=lambda a: (a.article.date or dt.date.min, a.article.slug))
              for topic_id, members in site.by_topic if members}
    yield _lazy(env, "index.html", "index.html", site, latest=site.articles[:LATEST_SHOWN], newest=newest)
    yield Page("topics/index.html", "", lambda: _render(env, "topics/index.html", "topics.html", site,
                                                        matrix=_cooccurrence(site)))
    months = topicpage.months(site.articles)
    yield _lazy(env, "timeline.html", "timeline.html", site, months=months,
                shown=topicpage.latest_months(months, MONTHS_SHOWN))
    yield from _month_pages(env, site, months, "timeline", None, setup_key)
    yield _lazy(env, "search.html", "search.html", site, bundles=search.folders(site.articles))
    for topic in site.taxonomy.topics:
        topic_months = topicpage.months(site.topic_articles(topic.id))
        yield Page(f"topics/{topic.id}.html", "", lambda topic=topic, m=topic_months: _topic_page(env, site, topic, m))
        yield from _month_pages(env, site, topic_months, f"topics/{topic.id}", topic, setup_key)
        newest_first = [a for a in site.articles if a.tag(topic.id) and a.tag(topic.id).assigned]
        yield _lazy(env, f"topics/{topic.id}.xml", "feed.xml", site, latest=newest_first[:FEED_SIZE],
                    feed_title=topic.name, feed_path=f"topics/{topic.id}.xml")
    for index, tagged in enumerate(site.articles):
        voices = _voices(site, tagged)
        yield _article_page(env, site, tagged, index, setup_key, voices)
        story_id = voices.story.id if voices.story else None
        people = {name: (p.id, p.name) for name, p in voices.speakers.items()}
        record_key = digest_of(setup_key, "record", tagged.key, repr(story_id), repr(sorted(people.items())))
        yield Page(record_path(tagged.article.slug), record_key if setup_key else "",
                   lambda tagged=tagged, story_id=story_id, people=people: article_record_json(
                       tagged, site.taxonomy, story_id, people))
    yield from _story_pages(env, site, setup_key)
    yield from _people_pages(env, site, setup_key)
    yield _lazy(env, "404.html", "404.html", site, root=urlsplit(site.config.base_url).path)
    yield _lazy(env, "feed.xml", "feed.xml", site, latest=site.articles[:FEED_SIZE], feed_title="",
                feed_path="feed.xml")
    if site.config.base_url:
        yield _lazy(env, "sitemap.xml", "sitemap.xml", site, topics=site.taxonomy.topics, months=months)
    yield Page("data/articles.json", "", lambda: articles_json(site, entries), here=True)
    yield Page(".nojekyll", "", lambda: b"")


def _lazy(env: Environment, path: str, template: str, site: Site, root: str | None = None, **context: Any) -> Page:
    """A page that depends on the whole site: rendered on every build."""
    return Page(path, "", lambda: _render(env, path, template, site, root, **context))


def _topic_page(env: Environment, site: Site, topic: Topic, months: list[topicpage.Month]) -> bytes:
    members = site.topic_articles(topic.id)
    return _render(env, f"topics/{topic.id}.html", "topic.html", site, topic=topic, entries=members,
                   ranked=members[:RANKED_SHOWN], sources=topicpage.by_source(members, SOURCE_LATEST),
                   earlier=topicpage.left_out(members, SOURCE_LATEST),
                   companions=topicpage.companions(site, topic.id), months=months,
                   shown_months=topicpage.latest_months(months, MONTHS_SHOWN))


def _story_pages(env: Environment, site: Site, setup_key: str) -> Iterator[Page]:
    """``stories/index.html`` and a page per story, keyed by its articles."""
    sources = {story.id: sorted({site.article(s).article.source or "Unattributed" for s in story.slugs})
               for story in site.stories[:STORIES_SHOWN]}
    yield _lazy(env, "stories/index.html", "stories.html", site, stories=site.stories[:STORIES_SHOWN], sources=sources)
    for story in site.stories:
        members = [site.article(slug) for slug in story.slugs]
        path = f"stories/{story.id}.html"
        shown = (story.id, story.title, story.start, story.end, [(a.article.slug, a.key) for a in members])
        voices = _story_voices(site, members)
        named = [(p.id, p.name, p.roles[:1]) for p, _ in voices]
        key = digest_of(setup_key, path, repr(shown), repr(named)) if setup_key else ""
        yield Page(path, key, lambda path=path, story=story, members=members, voices=voices: _render(
            env, path, "story.html", None, config=site.config, story=story, items=storypage.coverage(members),
            voices=voices))


def _story_voices(site: Site, members: list[TaggedArticle]) -> list[tuple[Person, list[tuple[TaggedArticle, Quote]]]]:
    """The people a story's articles quote, each with their quotations, in the order first quoted."""
    voices: dict[str, tuple[Person, list[tuple[TaggedArticle, Quote]]]] = {}
    for tagged in members:
        for quote in tagged.quotes:
            person = site.person(quote.speaker) if quote.speaker else None
            if person:
                voices.setdefault(person.id, (person, []))[1].append((tagged, quote))
    return list(voices.values())


def _people_pages(env: Environment, site: Site, setup_key: str) -> Iterator[Page]:
    """``people/index.html`` and a page per person, keyed by what it lists."""
    yield _lazy(env, "people/index.html", "people.html", site, people=site.people)
    for person in site.people:
        path = f"people/{person.id}.html"
        articles = [site.article(slug) for slug in person.slugs[:PERSON_SHOWN]]
        quotes = [(site.article(slug), quote) for slug, quote in person.quotes[:PERSON_SHOWN]]
        shown = (person.id, person.name, person.roles, person.aliases, len(person.slugs), len(person.quotes),
                 [(a.article.slug, a.key) for a in articles], [(a.key, q) for a, q in quotes])
        key = digest_of(setup_key, path, repr(shown)) if setup_key else ""
        yield Page(path, key, lambda path=path, person=person, articles=articles, quotes=quotes: _render(
            env, path, "person.html", None, config=site.config, person=person, articles=articles, quotes=quotes,
            shown=PERSON_SHOWN))


def _month_pages(env: Environment, site: Site, months: list[topicpage.Month], folder: str, topic: Topic | None,
                 setup_key: str) -> Iterator[Page]:
    """A page per month of a timeline (the site's or a topic's), keyed by its articles and its neighbours."""
    for index, month in enumerate(months):
        before = months[index - 1] if index > 0 else None
        after = months[index + 1] if index + 1 < len(months) else None
        path = f"{folder}/{month.id}.html"
        shown = [(a.article.slug, a.key) for a in month.articles]
        neighbours = [(m.id, m.label) if m else None for m in (before, after)]
        key = digest_of(setup_key, path, repr(shown), repr(neighbours)) if setup_key else ""
        yield Page(path, key, lambda path=path, month=month, before=before, after=after: _render(
            env, path, "month.html", None, config=site.config, taxonomy=site.taxonomy,
            topic_names={t.id: t.name for t in site.taxonomy.topics}, topic=topic, month=month,
            before=before, after=after))


def _render(env: Environment, path: str, template: str, site: Site | None, root: str | None = None,
            **context: Any) -> bytes:
    """Render one page. ``root`` leads from the page to the site root: relative unless given (404.html
    is served at any depth, so with a ``base_url`` it links from the site's absolute path). Article
    pages get no ``site``: they show only what their key covers, so an unchanged key means an unchanged page."""
    root = "../" * path.count("/") if root is None else root
    whole = {"site": site, "config": site.config, "taxonomy": site.taxonomy,
             "topic_names": {t.id: t.name for t in site.taxonomy.topics}} if site else {}
    html = env.get_template(template).render(page_path=path, root=root, article_path=article_path, **whole, **context)
    return html.encode("utf-8")


def _article_page(env: Environment, site: Site, tagged: TaggedArticle, index: int, setup_key: str,
                  voices: _Voices) -> Page:
    related = [(site.article(r.slug), r) for r in site.related_to(tagged.article.slug)]
    newer = site.articles[index - 1] if index > 0 else None
    older = site.articles[index + 1] if index + 1 < len(site.articles) else None
    shown = [(a.article.slug, a.key) if a else None for a in (tagged, newer, older)]
    linked = [(a.key, r.slug, r.shared, r.strength) for a, r in related]
    key = digest_of(setup_key, repr(shown), repr(linked), voices.key) if setup_key else ""
    return Page(article_path(tagged.article.slug), key,
                lambda: _article_html(env, site.config, site.taxonomy, tagged, related, newer, older, voices))


@dataclass(frozen=True)
class _Voices:
    """What an article page shows of the site beyond its related articles: its story and its people."""

    story: Story | None
    siblings: tuple[TaggedArticle, ...]
    speakers: dict[str, Person]
    """Each name the article gives a person by, to that person."""
    named: tuple[Person, ...]

    @property
    def key(self) -> str:
        """All of it that the page shows, for the page's key."""
        story = self.story and (self.story.id, self.story.title, self.story.start, self.story.end)
        return repr((story, [(a.article.slug, a.key) for a in self.siblings],
                     sorted((name, p.id, p.name) for name, p in self.speakers.items())))


def _voices(site: Site, tagged: TaggedArticle) -> _Voices:
    story = site.story_of(tagged.article.slug)
    siblings = tuple(site.article(s) for s in story.slugs if s != tagged.article.slug) if story else ()
    names = [name for name, _ in tagged.people] + [q.speaker for q in tagged.quotes if q.speaker]
    speakers = {name: person for name in names if (person := site.person(name))}
    named = tuple({p.id: p for p in speakers.values()}.values())
    return _Voices(story, siblings, speakers, named)


def _article_html(env: Environment, config: Config, taxonomy: Taxonomy, tagged: TaggedArticle,
                  related: list[tuple[TaggedArticle, Related]], newer: TaggedArticle | None,
                  older: TaggedArticle | None, voices: _Voices) -> bytes:
    marks = bodyhtml.evidence_index(tagged)
    sections, position, anchored = [], 0, set()

    def anchor(line: int) -> str:
        """``L<line>`` for the first element from a source line (two paragraphs can share one)."""
        fresh = line not in anchored
        anchored.add(line)
        return f"L{line}" if fresh else ""

    for section in tagged.article.sections:
        heading_anchor = anchor(section.ref.line) if section.heading and section.ref else ""
        paragraphs = []
        for block in section.paragraphs:
            found = marks.get(position, {})
            paragraphs.append({"block": block, "html": bodyhtml.paragraph_html(block, found),
                               "topics": bodyhtml.block_topics(found), "anchor": anchor(block.ref.line)})
            position += 1
        sections.append({"section": section, "anchor": heading_anchor, "paragraphs": paragraphs})
    return _render(env, article_path(tagged.article.slug), "article.html", None, config=config, taxonomy=taxonomy,
                   topic_names={t.id: t.name for t in taxonomy.topics}, item=tagged, sections=sections,
                   related=related, newer=newer, older=older, shown=EVIDENCE_SHOWN, story=voices.story,
                   siblings=voices.siblings, speakers=voices.speakers, named=voices.named)


def _cooccurrence(site: Site) -> list[tuple[str, list[int]]]:
    """For each topic, how many articles it shares with every topic (the diagonal is its own count)."""
    assigned = [{t.topic_id for t in a.assigned} for a in site.articles]
    ids = [t.id for t in site.taxonomy.topics]
    return [(row, [sum(1 for s in assigned if row in s and col in s) for col in ids]) for row in ids]
