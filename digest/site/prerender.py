"""Render the pages a build must render in worker processes, one per core, before the writer runs.

Only pages whose key differs from the last build's (or that have none) are rendered; the rest are left
to the writer, which links them from the previous site. Workers are forked after the site is linked,
so they share it without copying, and send back only the bytes; the writer stays the only writer. A page
marked ``here`` is rendered by the build's own process while the workers run, because rendering it
fills a cache the build keeps.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from multiprocessing import get_context

from digest.read.cache import FileState
from digest.site.renderer import Page

PARALLEL_FROM = 64
"""Below this many pages to render, worker processes cost more than they save."""

_pages: list[Page] = []


def prerendered(pages: Sequence[Page], previous: Mapping[str, FileState]) -> list[Page]:
    """The pages, with those that must be rendered already rendered (in parallel when there are many)."""
    due = [i for i, page in enumerate(pages) if not page.kept_from(previous)]
    workers = min(os.cpu_count() or 1, 8)
    if len(due) < PARALLEL_FROM or workers < 2:
        return list(pages)
    here = [i for i in due if pages[i].here]
    away = [i for i in due if not pages[i].here]
    _pages[:] = pages
    try:
        with ProcessPoolExecutor(workers, mp_context=get_context("fork"), initializer=gc.enable) as pool:
            results = pool.map(_render, away, chunksize=max(1, len(away) // (workers * 8)))
            rendered = [(i, pages[i].render()) for i in here]  # while the workers render the rest
            rendered += zip(away, results, strict=True)
    finally:
        _pages.clear()
    done = list(pages)
    for index, data in rendered:
        done[index] = replace(pages[index], render=lambda data=data: data)
    return done


def _render(index: int) -> bytes:
    return _pages[index].render()
