"""The search index: Pagefind, run per bundle of articles, so a change re-indexes only its own bundle.

Articles are grouped by the month they are dated in (undated ones together); each group gets its own
Pagefind index under ``pagefind/<bundle>/``, and the search page merges them in the browser. A month is
small enough that one new article re-indexes a few per cent of a large site, not a quarter of a year. A bundle's key
hashes what its pages show to Pagefind, so an unchanged bundle is carried over from the previous site.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from digest.read.cache import digest_of
from digest.records import DigestError, SourceRef, TaggedArticle

FOLDER = "pagefind"


@dataclass(frozen=True)
class Bundle:
    """One Pagefind index over a group of article pages."""

    folder: str
    """Site path of the index, e.g. ``pagefind/2021-12``."""
    key: str
    """Hash of the setup and of every member article: unchanged means the old index is still right."""
    pages: tuple[str, ...]
    """Site paths of the article pages it indexes."""

    def build(self, site: Path) -> None:
        """Index this bundle's pages of the site assembled in ``site``."""
        index_pages(site, self.pages, site / self.folder)


def bundle_name(date: dt.date | None) -> str:
    """The bundle an article belongs to: the month of its date."""
    return f"{date.year:04d}-{date.month:02d}" if date else "undated"


def _groups(articles: tuple[TaggedArticle, ...]) -> list[tuple[str, list[TaggedArticle]]]:
    """Articles by bundle name, newest bundle first and undated last."""
    groups: dict[str, list[TaggedArticle]] = {}
    for tagged in articles:
        groups.setdefault(bundle_name(tagged.article.date), []).append(tagged)
    return sorted(groups.items(), key=lambda item: (item[0] != "undated", item[0]), reverse=True)


def folders(articles: tuple[TaggedArticle, ...]) -> list[str]:
    """The site paths of the bundles, newest first: the search page loads them all."""
    return [f"{FOLDER}/{name}/" for name, _ in _groups(articles)]


def plan_bundles(articles: tuple[TaggedArticle, ...], setup_key: str,
                 page_path: Callable[[str], str]) -> tuple[Bundle, ...]:
    """The bundles, newest first."""
    return tuple(
        Bundle(f"{FOLDER}/{name}", digest_of(setup_key, *(f"{t.article.slug} {t.key}" for t in members)),
               tuple(page_path(t.article.slug) for t in members))
        for name, members in _groups(articles)
    )


@functools.cache
def _pagefind() -> tuple[str, ...]:
    """The command that runs Pagefind: its binary, found once, so that each bundle does not start a Python
    interpreter only to find it (0.1 s a bundle); ``python -m pagefind`` when it cannot be found here."""
    try:
        from pagefind.service import get_executable
        binary = get_executable()
    except (ImportError, OSError):  # not installed, or installed without its binary: the fallback says so
        binary = None
    return (str(binary),) if binary and binary.is_file() else (sys.executable, "-m", "pagefind")


def index_pages(site: Path, pages: tuple[str, ...], output: Path) -> None:
    """Run Pagefind over ``pages`` (linked into a private folder beside ``site``) into ``output``."""
    with tempfile.TemporaryDirectory(dir=site.parent, prefix=f"{site.name}.search-") as view:
        for page in pages:
            target = Path(view, page)
            target.parent.mkdir(parents=True, exist_ok=True)
            try:
                os.link(site / page, target)
            except OSError:
                shutil.copy2(site / page, target)
        command = [*_pagefind(), "--site", view, "--output-path", str(output), "--silent"]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise DigestError(SourceRef("pagefind"), f"search index not built: {exc}") from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
        raise DigestError(SourceRef("pagefind"), f"search index not built: {detail[0]} "
                          "(install it with: pip install 'pagefind[bin]')")
