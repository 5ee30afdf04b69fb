"""Per-article work (parse, clean, tag), reused from the cache when an article's key is unchanged.

Cache misses are processed in worker processes when there are many, so a cold build uses every core.
"""

from __future__ import annotations

import datetime as dt
import gc
import os
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from multiprocessing import get_context

from digest.read.cache import CachedArticle, article_key, digest_of
from digest.read.config import Config
from digest.read.loader import dated_in_future, parse_article, unique
from digest.records import Diagnostic, DigestError, TaggedArticle
from digest.analyse.quotes import article_names, find_quotes, named_people
from digest.analyse.stories import story_terms
from digest.analyse.tagging import tag
from digest.analyse.taxonomy import Taxonomy

PARALLEL_FROM = 64
"""Below this many changed files, worker processes cost more than they save."""


@dataclass(frozen=True)
class Setup:
    """Everything besides an article's own bytes that shapes its record."""

    config: Config
    taxonomy: Taxonomy
    today: dt.date
    """The date that counts as today: for the future-date warning, checked after the cache."""
    key: str
    """Hash of the code, the taxonomy text and the settings that affect reading (not today's date, so the
    first build of a day reuses yesterday's work)."""


def make_setup(config: Config, taxonomy: Taxonomy, taxonomy_text: str, code: bytes, today: dt.date) -> Setup:
    """The setup and its key."""
    reading = repr((config.max_file_bytes, config.cleaning_rules, config.extra_patterns))
    return Setup(config, taxonomy, today, digest_of(code, taxonomy_text, reading))


@dataclass(frozen=True)
class Prepared:
    """Tagged articles with unique slugs, their problems, and the cache entries to keep."""

    articles: tuple[TaggedArticle, ...]
    diagnostics: tuple[Diagnostic, ...]
    cache: dict[str, CachedArticle]


def article_keys(files: Sequence[tuple[str, bytes]], setup: Setup) -> list[str]:
    """The cache key of each file under this setup."""
    return [article_key(setup.key, path, data) for path, data in files]


def prepare(files: Sequence[tuple[str, bytes]], setup: Setup, cached: Mapping[str, CachedArticle],
            keys: Sequence[str] | None = None) -> Prepared:
    """Process every file, reusing cached results; diagnostics stay in file order. ``keys`` are the
    files' ``article_keys``, when the caller has them."""
    keys = keys if keys is not None else article_keys(files, setup)
    missing = [(key, path, data) for key, (path, data) in zip(keys, files, strict=True) if key not in cached]
    fresh = dict(_process_all(missing, setup))
    entries = {key: cached.get(key) or fresh[key] for key in keys}
    diagnostics = [d for key in keys for d in (*entries[key].diagnostics, *_future(entries[key], setup.today))]
    articles, collisions = unique([entries[key].tagged for key in keys if entries[key].tagged is not None])
    return Prepared(tuple(articles), tuple(diagnostics + collisions), entries)


def _future(entry: CachedArticle, today: dt.date) -> tuple[Diagnostic, ...]:
    warning = dated_in_future(entry.tagged.article, today) if entry.tagged else None
    return (warning,) if warning else ()


def _process_all(missing: list[tuple[str, str, bytes]], setup: Setup) -> list[tuple[str, CachedArticle]]:
    workers = min(os.cpu_count() or 1, 8)
    if len(missing) < PARALLEL_FROM or workers < 2:
        return [(key, process(path, data, setup, key)) for key, path, data in missing]
    chunk = max(1, len(missing) // (workers * 4))
    with ProcessPoolExecutor(workers, mp_context=get_context("fork"), initializer=_remember, initargs=(setup,)) as pool:
        results = pool.map(_process_in_worker, missing, chunksize=chunk)
        return [(key, result) for (key, _, _), result in zip(missing, results, strict=True)]


def process(path: str, data: bytes, setup: Setup, key: str) -> CachedArticle:
    """Parse, clean and tag one file (pure)."""
    topic_ids = frozenset(t.id for t in setup.taxonomy.topics)
    try:
        article, warnings = parse_article(data, path, setup.config, topic_ids, None, setup.taxonomy.anchor)
    except DigestError as exc:
        return CachedArticle(None, exc.diagnostics())
    if not article.paragraphs:
        return CachedArticle(None, tuple(warnings))
    names = article_names(article)
    tagged = replace(tag(article, setup.taxonomy), key=key, quotes=find_quotes(article, names),
                     people=named_people(names), terms=story_terms(article))
    if not tagged.assigned:
        warnings.append(Diagnostic(article.path, "warning",
                                   "no topic assigned; check topics.yaml or set 'topics:' in the front matter"))
    return CachedArticle(tagged, tuple(warnings))


_worker_setup: list[Setup] = []


def _remember(setup: Setup) -> None:
    gc.enable()  # a worker makes short-lived garbage: collect it even if the parent paused collection
    _worker_setup.append(setup)


def _process_in_worker(job: tuple[str, str, bytes]) -> CachedArticle:
    key, path, data = job
    return process(path, data, _worker_setup[0], key)
