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
_MAX_QUOTE = 600


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Start and end offsets of each sentence in ``text``; together they cover all non-space text."""
    spans: list[tuple[int, int]] = []
    start = 0
    quotes = _QuoteState()
    for match in _BOUNDARY.finditer(text):
        end = match.start("space")
        quotes.advance(text, end)
        if _is_abbreviation(text[start:match.start() + 1]) or quotes.open(end):
            continue
        spans.append((start, end))
        start = match.end()
        quotes = _QuoteState(start)
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


class _QuoteState:
    """Quotation marks seen since a sentence started, updated as the scan moves on (linear time)."""

    def __init__(self, start: int = 0) -> None:
        self.scanned = start
        self.curly = 0
        self.straight = 0
        self.last_curly = self.last_straight = start

    def advance(self, text: str, end: int) -> None:
        """Count the quotation marks between the last position and ``end``."""
        begin = self.scanned
        if end > begin:
            self.straight += text.count('"', begin, end)
            self.curly += text.count("“", begin, end) - text.count("”", begin, end)
            self.last_straight = max(self.last_straight, text.rfind('"', begin, end))
            self.last_curly = max(self.last_curly, text.rfind("“", begin, end))
        self.scanned = max(self.scanned, end)

    def open(self, end: int) -> bool:
        """Whether a quotation opened in this sentence is still open at ``end`` (short quotations only)."""
        if self.curly > 0:
            return end - self.last_curly < _MAX_QUOTE
        return self.straight % 2 == 1 and end - self.last_straight < _MAX_QUOTE
