"""Near-duplicate bodies, found without comparing every pair: MinHash sketches of word shingles, bucketed by LSH.

Each body becomes the set of its 5-word shingles. One-permutation MinHash keeps, for each of 64 bins, the smallest
shingle hash that falls in it; two bodies agree on a bin with probability equal to their Jaccard similarity. The
bins are cut into 16 bands of 4: bodies that agree on a whole band share a bucket and become a candidate pair, so
pairs above about 60% similarity are found with high probability and dissimilar pairs are rarely looked at. A
bucket holding more than ``BUCKET_CAP`` bodies compares each with its first member only, keeping the work linear.
"""

from __future__ import annotations

import re
import zlib
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

SHINGLE = 5
BINS = 64
ROWS = 4
BUCKET_CAP = 50
THRESHOLD = 0.6
_MASK = (1 << 64) - 1
_BIN_SHIFT = 64 - (BINS - 1).bit_length()
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class NearDuplicate:
    """Two bodies that say mostly the same thing."""

    first: str
    """Key of one body (the smaller key)."""
    second: str
    """Key of the other."""
    similarity: float
    """Estimated Jaccard similarity of their shingle sets, 0 to 1."""


def near_duplicates(bodies: Iterable[tuple[str, str]], threshold: float = THRESHOLD) -> list[NearDuplicate]:
    """Pairs of (key, body text) whose estimated similarity reaches ``threshold``, most similar first."""
    sketches = {key: sketch for key, text in sorted(bodies) if (sketch := _sketch(text))}
    buckets: defaultdict[tuple[int, tuple[int | None, ...]], list[str]] = defaultdict(list)
    for key, sketch in sketches.items():
        for band in range(0, BINS, ROWS):
            rows = sketch[band:band + ROWS]
            if any(value is not None for value in rows):
                buckets[(band, rows)].append(key)
    pairs = {pair for members in buckets.values() for pair in _candidates(members)}
    found = [NearDuplicate(a, b, _similarity(sketches[a], sketches[b])) for a, b in pairs]
    return sorted((d for d in found if d.similarity >= threshold), key=lambda d: (-d.similarity, d.first, d.second))


def shingles(text: str) -> set[int]:
    """Unsigned 64-bit hashes of the text's overlapping 5-word runs (case-folded; a shorter text is one run)."""
    words = list(map(zlib.crc32, map(str.encode, _WORD.findall(text.casefold()))))
    if len(words) < SHINGLE:
        return {hash(tuple(words)) & _MASK} if words else set()
    return {hash(run) & _MASK for run in zip(*(words[i:] for i in range(SHINGLE)), strict=False)}


def _sketch(text: str) -> tuple[int | None, ...] | None:
    """The smallest shingle hash in each of ``BINS`` bins (chosen by its top bits); None for a body without words."""
    hashes = sorted(shingles(text), reverse=True)
    smallest = dict(zip([value >> _BIN_SHIFT for value in hashes], hashes, strict=True))  # the last, smallest, value wins
    return tuple(smallest.get(index) for index in range(BINS)) if smallest else None


def _candidates(members: Sequence[str]) -> Iterable[tuple[str, str]]:
    """Pairs within one bucket (members are in key order); a crowded bucket pairs each with the first only."""
    if len(members) > BUCKET_CAP:
        return ((members[0], other) for other in members[1:])
    return ((a, b) for i, a in enumerate(members) for b in members[i + 1:])


def _similarity(a: Sequence[int | None], b: Sequence[int | None]) -> float:
    """The share of bins, filled in either sketch, on which the two agree."""
    filled = [(x, y) for x, y in zip(a, b, strict=True) if x is not None or y is not None]
    return sum(x == y for x, y in filled) / len(filled)
