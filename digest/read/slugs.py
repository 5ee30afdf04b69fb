"""Slugs: ASCII, stable, unique, never a path."""

from __future__ import annotations

import hashlib
import unicodedata

from slugify import slugify

MAX_LENGTH = 80
RESERVED = frozenset({"index", "404", "feed", "sitemap", "search", "assets", "data", "topics", "articles", "cname"})


def make_slug(text: str, fallback: str) -> str:
    """Transliterate ``text`` to ``a-z0-9-``; use ``fallback`` text, then a hash, when nothing is left."""
    for candidate in (text, fallback):
        slug = _slugify(candidate)
        if slug:
            return slug
    return "article-" + hashlib.sha1(fallback.encode("utf-8")).hexdigest()[:8]


def _slugify(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    slug = slugify(text, max_length=200)
    if len(slug) > MAX_LENGTH:
        digest = hashlib.sha1(slug.encode("ascii")).hexdigest()[:6]
        slug = slug[:MAX_LENGTH].rstrip("-") + "-" + digest
    if slug in RESERVED:
        slug += "-article"
    return slug


def unique_slugs(wanted: list[tuple[str, str]]) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """Resolve collisions deterministically by source path.

    ``wanted`` is (source path, slug). Returns {path: final slug} and the collisions as
    (path, slug wanted, slug given).
    """
    taken: set[str] = set()
    final: dict[str, str] = {}
    collisions: list[tuple[str, str, str]] = []
    for path, slug in sorted(wanted):
        candidate, number = slug, 2
        while candidate in taken:
            candidate, number = f"{slug}-{number}", number + 1
        taken.add(candidate)
        final[path] = candidate
        if candidate != slug:
            collisions.append((path, slug, candidate))
    return final, collisions


def unique_id(wanted: str, taken: set[str]) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``, ... whichever is not yet taken; then taken."""
    candidate, number = wanted, 1
    while candidate in taken:
        number += 1
        candidate = f"{wanted}-{number}"
    taken.add(candidate)
    return candidate
