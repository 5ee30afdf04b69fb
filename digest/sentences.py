"""Sentence splitting that survives abbreviations ("U.S.", "Mr.", "Dec. 7"), initials and quotations."""

from __future__ import annotations

import re

ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sr jr st gen lt col sgt capt cmdr adm gov sen rep pres rev hon fr "
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur fri sat sun "
    "inc ltd co corp bros no nos vs approx dept est fig vol op ed univ ave blvd mt ft".split()
)
_BOUNDARY = re.compile(r"[.!?…]+(?P<close>['’\"”)\]]*)(?P<space>\s+)(?=[\"“‘'(\[]?[A-Z0-9])")
_WORD_BEFORE = re.compile(r"(?:^|[\s(\"“‘])([\w.'’-]+?)\.$")
_OPENERS = {"“": 1, "”": -1}
_MAX_QUOTE = 600


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Start and end offsets of each sentence in ``text``; together they cover all non-space text."""
    spans: list[tuple[int, int]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        end = match.start("space")
        if _is_abbreviation(text[start:match.start() + 1]) or _inside_quote(text[start:end]):
            continue
        spans.append((start, end))
        start = match.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def split_sentences(text: str) -> list[str]:
    """The sentences of ``text``."""
    return [text[a:b] for a, b in sentence_spans(text)]


def _is_abbreviation(candidate: str) -> bool:
    """Whether the full stop ending ``candidate`` belongs to an abbreviation or an initial."""
    if not candidate.endswith("."):
        return False
    match = _WORD_BEFORE.search(candidate)
    if not match:
        return False
    word = match.group(1)
    if "." in word or len(word) == 1 and word.isupper():
        return True
    return word.lower() in ABBREVIATIONS


def _inside_quote(candidate: str) -> bool:
    """Whether a quotation opened in ``candidate`` is still open (short quotations only)."""
    depth = sum(_OPENERS.get(ch, 0) for ch in candidate)
    if depth <= 0:
        straight = candidate.count('"') % 2 == 1
        return straight and len(candidate) - candidate.rfind('"') < _MAX_QUOTE
    last_open = candidate.rfind("“")
    return len(candidate) - last_open < _MAX_QUOTE
