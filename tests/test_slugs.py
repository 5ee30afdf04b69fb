"""Slugs: ASCII, stable, unique, never a path."""

from __future__ import annotations

import re

import pytest

from digest.read.slugs import MAX_LENGTH, make_slug, unique_slugs


@pytest.mark.parametrize(("title", "expected"), [
    ("新闻报道", "xin-wen-bao-dao"), ("Ελληνικά νέα", "ellenika-nea"), ("Привет мир", "privet-mir"),
    ("café", "cafe"), ("cafe\u0301", "cafe"), ("ﬁnance ①", "finance-1"),
    ("Tuesday’s Biden-Putin Call", "tuesdays-biden-putin-call"),
])
def test_titles_in_any_script_become_ascii(title: str, expected: str) -> None:
    assert make_slug(title, "file") == expected


@pytest.mark.parametrize("title", ["../../.bashrc", "/etc/passwd", "..\\..\\x", "%2e%2e/x", "a/../../b", "..", "🔥🔥🔥"])
def test_hostile_or_empty_titles_never_make_a_path(title: str) -> None:
    slug = make_slug(title, "🔥")
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)


def test_reserved_and_long_slugs() -> None:
    assert make_slug("Index", "f") == "index-article"
    long = make_slug("word " * 100, "f")
    assert len(long) <= MAX_LENGTH + 7 and long == make_slug("word " * 100, "other")


def test_collisions_are_resolved_by_source_path_whatever_the_listing_order() -> None:
    wanted = [("articles/b.txt", "same"), ("articles/a.txt", "same"), ("articles/c.txt", "same-2")]
    final, collisions = unique_slugs(wanted)
    assert final == {"articles/a.txt": "same", "articles/b.txt": "same-2", "articles/c.txt": "same-2-2"}
    assert unique_slugs(list(reversed(wanted))) == (final, collisions)
    assert ("articles/b.txt", "same", "same-2") in collisions
