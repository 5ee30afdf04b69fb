"""The build cache: per-article results and the last build's output, keyed by content hashes.

Keys hash the bytes that produced a result, so a cached value can never be stale: a changed file,
taxonomy, setting, template or digest version gives a new key. An unreadable cache is ignored.
The cache is local build state, trusted like ``__pycache__``; it is never published.
"""

from __future__ import annotations

import gc
import hashlib
import pickle
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from digest.records import BuildReport, Diagnostic, TaggedArticle

FOLDER = ".digest-cache"
SHARDS = tuple("0123456789abcdef")
"""Per-article results are kept in one file per first hex digit of their key, so that a build that
changes one article rewrites a sixteenth of the cache, not all of it."""
LINKS = "links.pickle"
"""Related articles as the last build ranked them."""
ENTRIES = "entries.pickle"
"""Each article's encoded part of ``data/articles.json``."""
TEMPLATES = "templates.pickle"
"""The theme's templates, compiled."""
_FORMAT = b"digest-cache-1\n"


def digest_of(*parts: bytes | str) -> str:
    """A hex hash of the parts, each length-prefixed so that no two sequences collide."""
    hasher = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass") if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "little"))
        hasher.update(data)
    return hasher.hexdigest()


@dataclass(frozen=True)
class CachedArticle:
    """What reading one file gave: its tagged record (None when it failed or is empty) and its problems."""

    tagged: TaggedArticle | None
    """The record, before slugs are made unique."""
    diagnostics: tuple[Diagnostic, ...]
    """Errors and warnings for this file."""


@dataclass(frozen=True)
class FileState:
    """One published file as the last build left it."""

    key: str
    """Hash of what the page was rendered from; empty for pages rendered every time."""
    sha: str
    """Hash of the bytes."""
    size: int
    """Size in bytes, to notice a file changed by hand."""
    mtime_ns: int
    """Modification time, to notice a file changed by hand."""


@dataclass(frozen=True)
class Manifest:
    """The last successful build: what went in, what it reported, and every file it published."""

    inputs: str = ""
    """Hash of every input and option; equal inputs mean the site is up to date."""
    report: BuildReport | None = None
    """The report printed for that build."""
    files: dict[str, FileState] = field(default_factory=dict)
    """Site path to file state."""
    stamp: str = ""
    """``inputs`` with the articles known by their file status (size, times, inode) instead of their
    bytes: equal means nothing changed, without reading any article. Empty when not to be trusted."""


def shard_name(shard: str) -> str:
    """The cache file of one shard of per-article results."""
    return f"articles-{shard}.pickle"


def by_shard(entries: dict[str, CachedArticle]) -> dict[str, dict[str, CachedArticle]]:
    """Per-article results split by the shard their key falls in (every shard present, maybe empty)."""
    shards: dict[str, dict[str, CachedArticle]] = {shard: {} for shard in SHARDS}
    for key, entry in entries.items():
        shards[key[0]][key] = entry
    return shards


def manifest_name(output: Path) -> str:
    """The manifest file for one output folder (``digest serve`` builds into its own)."""
    return f"manifest-{digest_of(str(output))[:16]}.pickle"


def dumps(value: object) -> bytes:
    """Serialise a cache value with a format marker."""
    return _FORMAT + pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)


def loads(data: bytes | None, expected: type) -> object | None:
    """The cached value, or None when it is missing, from another format, or damaged."""
    if not data or not data.startswith(_FORMAT):
        return None
    collecting = gc.isenabled()
    gc.disable()  # unpickling only allocates; collections in the middle would walk the growing records
    try:
        value = pickle.loads(data[len(_FORMAT):])  # noqa: S301 - local build state, like __pycache__
    except Exception:  # noqa: BLE001 - any damage means: rebuild from scratch
        return None
    finally:
        if collecting:
            gc.enable()
    return value if isinstance(value, expected) else None


def article_key(setup: str, path: str, data: bytes) -> str:
    """The key of one article file: its path and bytes under one build setup."""
    return digest_of(setup, path, data)


def inputs_key(setup: str, files: Iterable[tuple[str, bytes]]) -> str:
    """The key of a whole build: the setup and every article file."""
    return digest_of(setup, *(part for path, data in files for part in (path, data)))
