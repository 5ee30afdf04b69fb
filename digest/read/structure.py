"""The shape of a pasted page: navigation and banners, then the article, then its tail.

Each block is classed by its own shape (length, sentence punctuation, share of function words) and
then by its neighbours, as jusText does: a short line between two paragraphs of prose is part of the
article, a short line among menus is not. The article's span is the run of blocks with the most
prose once the chrome between them is paid for; its headline is the title-like line that opens it.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from digest.read.frontmatter import parse_date_text
from digest.read.furniture import is_furniture, is_tail_marker, words_in
from digest.read.plaintext import is_heading
from digest.records import Block

GOOD, NEAR, SHORT, BAD = "good", "near-good", "short", "bad"
_STOPWORDS = frozenset("""
a about after against all also an and any are as at be been before being between both but by can could
did do does during each either for from had has have he her here hers him his how i if in into is it its
just may me might more most must my no nor not of off on once only or other our out over own said says
she should since so some such than that the their them then there these they this those through to too
under until up upon very was we were what when where whether which while who whom why will with within
would yet you your
""".split())
_SENTENCE_END = re.compile(r"[.!?…:;][\"'’”)\]]*(?:\[\w{1,4}\])*$")
_WORD = re.compile(r"[^\W\d_][\w'’-]*")


@dataclass(frozen=True)
class Layout:
    """Where the article sits among the blocks of a paste."""

    start: int
    """Index of the first block of the article's prose."""
    end: int
    """Index after its last block."""
    classes: tuple[str, ...]
    """Each block's class after context: good, near-good, short or bad."""


def _word_counts(text: str) -> tuple[int, int]:
    """(function words, words) in the text."""
    words = _WORD.findall(text.lower())
    return sum(w in _STOPWORDS for w in words), len(words)


def _own_class(text: str, share: float) -> str:
    """A block's class from its own shape; ``share`` is its share of function words (0.35 when the
    page is not in English, so that only length and punctuation decide)."""
    if is_furniture(text) or is_tail_marker(text):
        return BAD
    words = words_in(text)
    sentence = bool(_SENTENCE_END.search(text)) and not (text.endswith("?") and is_heading(text))
    if words >= 25 and share >= 0.25 or words >= 12 and sentence and share >= 0.3:
        return GOOD
    if words >= 8 and sentence and share >= 0.2:
        return NEAR
    if words > 12 and share < 0.2:
        return BAD
    return NEAR if words > 12 and (sentence or share >= 0.25) else SHORT


def _in_context(classes: list[str]) -> list[str]:
    """Short and near-good blocks take the class of their nearest decided neighbours; at the page's
    edges only near-good blocks join the prose next to them."""
    settled = list(classes)
    decided = [i for i, c in enumerate(classes) if c in (GOOD, BAD)]
    for index, own in enumerate(classes):
        if own in (GOOD, BAD):
            continue
        before = next((classes[i] for i in reversed(decided) if i < index), None)
        after = next((classes[i] for i in decided if i > index), None)
        if before == after and before is not None:
            settled[index] = before
        elif own == NEAR and GOOD in (before, after):
            settled[index] = GOOD
        else:
            settled[index] = BAD if BAD in (before, after) and GOOD not in (before, after) else own
    return settled


def layout(blocks: Sequence[Block], taken: frozenset[int] | set[int] = frozenset()) -> Layout:
    """Class every block and find the article's span; ``taken`` blocks are known furniture."""
    texts = [b.text.strip() for b in blocks]
    counts = [_word_counts(text) for text in texts]
    english = sum(s for s, _ in counts[:200]) >= 0.15 * max(1, sum(n for _, n in counts[:200]))
    classes = _in_context([BAD if i in taken else _own_class(text, (stop / words if words else 0.0) if english else 0.35)
                           for i, (text, (stop, words)) in enumerate(zip(texts, counts, strict=True))])
    start, end = _best_span(blocks, classes)
    return Layout(start, end, tuple(classes))


def _weight(block: Block, cls: str) -> float:
    words = words_in(block.text)
    if cls == GOOD:
        return float(words)
    if cls == SHORT:
        return -1.0
    return -max(4.0, words / 2)


def _best_span(blocks: Sequence[Block], classes: Sequence[str]) -> tuple[int, int]:
    """The run of blocks with the largest total weight (Kadane), cut at the first tail marker after prose."""
    best, best_start, best_end = 0.0, 0, 0
    total, start, prose = 0.0, 0, 0
    for index, (block, cls) in enumerate(zip(blocks, classes, strict=True)):
        if prose >= 40 and is_tail_marker(block.text.strip()):
            break
        if total <= 0:
            total, start = 0.0, index
        total += _weight(block, cls)
        prose += words_in(block.text) if cls == GOOD else 0
        if total > best:
            best, best_start, best_end = total, start, index + 1
    while best_start < best_end and classes[best_start] != GOOD:
        best_start += 1
    while best_end > best_start and classes[best_end - 1] not in (GOOD, SHORT):
        best_end -= 1
    return best_start, _closing_lines(blocks, classes, best_end)


def _closing_lines(blocks: Sequence[Block], classes: Sequence[str], end: int) -> int:
    """Extend the span over short lines after the prose up to the last sentence before any chrome:
    a closing subheading and its short paragraph ('The talks resume on Friday.') still belong to it."""
    extended = end
    for index in range(end, len(blocks)):
        text = blocks[index].text.strip()
        if classes[index] == BAD or is_tail_marker(text) or is_furniture(text):
            break
        if _SENTENCE_END.search(text) and not (text.endswith("?") and is_heading(text)):
            extended = index + 1
    return extended


BYLINE = re.compile(r"^(?:By|BY|Written by|Words by|Story by|Reporting by)\s+"
                    r"([A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|de|van|von|da|di|al|el|bin))*)"
                    r"(?:\s*[,|–—-]\s*.{0,60})?$")
_DATE_WORDS = re.compile(r"^(?:(?:published|posted|updated|last updated|released|issued|date|dated)(?: on)?:?\s*)?"
                         r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s*)?(?P<date>.+?)"
                         r"(?:[\s,|·•-]+\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*[A-Z]{2,4})?)?\W*$", re.IGNORECASE)


_LATER_UPDATE = re.compile(r"\s*[|·•,;-]?\s*(?:last )?(?:updated|modified|edited)\b.*$", re.IGNORECASE)


@functools.lru_cache(maxsize=8192)
def date_of_line(text: str) -> dt.date | None:
    """The date of a line that is only a date, perhaps with 'Published', a weekday or a time
    ('Published Tuesday, December 7, 2021 | 10:30 AM'); None for any other line."""
    if words_in(text) > 16:
        return None
    published = _LATER_UPDATE.sub("", text.strip())
    match = _DATE_WORDS.match(published) if words_in(published) <= 10 else None
    return parse_date_text(match.group("date").strip(" ,.")) if match else None


def is_date_line(text: str) -> bool:
    """A line that is only a date."""
    return date_of_line(text) is not None


def _normal(text: str) -> str:
    return " ".join(re.sub(r"[^\w ]", " ", text.casefold()).split())


def _is_meta(text: str) -> bool:
    return bool(BYLINE.match(text)) or is_date_line(text)


def _in_prose(block: Block) -> bool:
    """A sentence of the article: a title-like line right after one is a subheading, not the headline."""
    text = block.text.strip()
    return bool(_SENTENCE_END.search(text)) and words_in(text) >= 3 and not is_furniture(text) and not _is_meta(text)


_LIST_ITEM = re.compile(r"^(?:[-•*·–]|\d{1,2}[.)])\s")
_DATE_INSIDE = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}\b"
                          r"|\b\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]* \d{4}\b", re.IGNORECASE)


_PLACE = re.compile(r"^[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,2}, [A-Z][\w.]*(?: [A-Z][\w.]*)?$")
"""A place on its own line ('Washington, DC'): a dateline, not a headline."""


def _candidate(text: str) -> bool:
    words = words_in(text)
    return (2 <= words <= 30 and not text.endswith((".", ",", ":", ";")) and not _LIST_ITEM.match(text)
            and not _PLACE.match(text) and not is_furniture(text) and not _is_meta(text))


def headline(blocks: Sequence[Block], found: Layout, taken: frozenset[int] | set[int] = frozenset()) -> int | None:
    """Index of the headline that opens the article: a title-like line before its prose, often
    repeated higher up the page (the page title, a breadcrumb) or followed by a byline or a date."""
    keys = [_normal(b.text) if _candidate(b.text.strip()) else "" for b in blocks[:found.start]]
    best, best_score, distance = None, 0.0, 0.0
    for index in range(found.start - 1, max(-1, found.start - 30), -1):
        text = blocks[index].text.strip()
        if index in taken or not _candidate(text):
            distance += 0.5 if _in_prose(blocks[index]) else 0.1
            continue
        key, words = keys[index], words_in(text)
        repeated = any(k and (k != key and (k.startswith(key) or key.startswith(k) or key.endswith(k))
                              and words_in(k) >= 2 or k == key and i != index) for i, k in enumerate(keys))
        longer = any(k and k != key and key.startswith(k) and words_in(k) >= 2 for k in keys)
        score = 1.0 + (words >= 5) + (text[:1].isupper()) + 2 * repeated - 1.5 * longer - 3 * (words <= 3) * (not repeated)
        score += 2 * any(_is_meta(b.text.strip()) for b in blocks[index + 1:min(found.start, index + 5)])
        previous = next((j for j in range(index - 1, -1, -1) if j not in taken), None)
        score -= distance + 2 * (previous is not None and _in_prose(blocks[previous]))
        score -= 2 * bool(_DATE_INSIDE.search(text))
        if score > best_score:
            best, best_score = index, score
        distance += 0.25
    return best


def _heads_prose(blocks: Sequence[Block], index: int, taken: frozenset[int] | set[int]) -> bool:
    """A subheading: a heading-shaped line whose next line is a sentence of the article."""
    following = next((j for j in range(index + 1, len(blocks)) if j not in taken), None)
    return following is not None and is_heading(blocks[index].text) and _in_prose(blocks[following])


def page_chrome(blocks: Sequence[Block], taken: frozenset[int] | set[int] = frozenset()) -> set[int]:
    """Everything outside the article: lines before its headline, after its prose, and the short
    non-sentences between the headline and the prose that are not a byline, date or standfirst.
    ``taken`` are the blocks earlier rules removed: still part of the page's shape, never the article."""
    found = layout(blocks, taken)
    if found.start >= found.end:
        return set()
    top = headline(blocks, found, taken)
    if top is None:
        top = found.start
        while top > 0 and found.classes[top - 1] != BAD and not is_furniture(blocks[top - 1].text.strip()):
            top -= 1
    removed = set(range(top)) | set(range(found.end, len(blocks)))
    started = False
    for index in range(top + 1, found.start):
        text = blocks[index].text.strip()
        prose = found.classes[index] in (GOOD, NEAR) or _SENTENCE_END.search(text) and words_in(text) >= 3
        if not (_is_meta(text) or prose or started and _heads_prose(blocks, index, taken)):
            removed.add(index)
        started = started or index not in taken and _in_prose(blocks[index])
    for index in range(found.start, found.end):
        text = blocks[index].text.strip()
        if found.classes[index] == BAD and words_in(text) <= 16 and not _SENTENCE_END.search(text):
            removed.add(index)
    return removed
