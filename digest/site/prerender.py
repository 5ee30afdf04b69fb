"""Render the pages a build must render in worker processes, one per core, while the writer runs.

Only pages whose key differs from the last build's (or that have none) are rendered; the rest are left
to the writer, which links them from the previous site. Workers are forked after the site is linked,
so they share it without copying, and send back only the bytes; the writer stays the only writer, and
takes each page as soon as it is rendered, so that writing overlaps rendering and rendered pages are
held only until the writer catches up, not until the whole site is rendered. A page
marked ``here`` is rendered by the build's own process while the workers start, because rendering it
fills a cache the build keeps.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import replace
from multiprocessing import get_context

from digest.read.cache import FileState
from digest.site.renderer import Page

PARALLEL_FROM = 64
"""Below this many pages to render, worker processes cost more than they save."""

_pages: list[Page] = []


def prerendered(pages: Sequence[Page], previous: Mapping[str, FileState]) -> Iterator[Page]:
    """The pages in order, those that must be rendered already rendered (in parallel when there are many)."""
    due = [i for i, page in enumerate(pages) if not page.kept_from(previous)]
    workers = min(os.cpu_count() or 1, 8)
    if len(due) < PARALLEL_FROM or workers < 2:
        yield from pages
        return
    away = [i for i in due if not pages[i].here]
    _pages[:] = pages
    pool = ProcessPoolExecutor(workers, mp_context=get_context("fork"), initializer=gc.enable)
    try:
        results = pool.map(_render, away, chunksize=max(1, len(away) // (workers * 8)))
        here = {i: pages[i].render() for i in due if pages[i].here}  # while the workers render the rest
        rendered_away = set(away)
        for index, page in enumerate(pages):
            if index in here or index in rendered_away:
                data = here.pop(index) if index in here else next(results)
                yield replace(page, render=lambda data=data: data)
            else:
                yield page
    finally:
        pool.shutdown(cancel_futures=True)
        _pages.clear()


def _render(index: int) -> bytes:
    return _pages[index].render()
