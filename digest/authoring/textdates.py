"""Find the date an article gives in its text: "Dec 7, 2021", "7 December 2021", "2021-12-07", "Tuesday (Dec 7)"."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from digest.read.frontmatter import parse_date_text

_MONTH = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?"
          r"|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?")
_DAY = r"\d{1,2}(?:st|nd|rd|th)?\b"
_FULL = re.compile(rf"\b(?:{_MONTH}\s+{_DAY},?\s+\d{{4}}|{_DAY}\s+{_MONTH},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}})\b")
_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_WEEKDAY = re.compile(rf"\b(?P<weekday>{'|'.join(_WEEKDAYS)}),?\s+\(?(?P<day_month>{_MONTH}\s+{_DAY}|{_DAY}\s+{_MONTH})"
                      rf"\)?(?!,?\s+\d{{4}})")
YEARS_BACK = 28
"""How far back to look for a year in which a day and month fall on the weekday named (the calendar repeats)."""


@dataclass(frozen=True)
class DateClue:
    """A date read from the text, and the words it was read from."""

    date: dt.date
    """The date."""
    text: str
    """The words as written, e.g. ``Tuesday (Dec 7)``."""
    line: int
    """The line they are on."""
    year_from: str = ""
    """How the year was chosen when the words give none; empty when they do."""


def find_date(paragraphs: Sequence[tuple[int, str]], context: Sequence[tuple[int, str]],
              today: dt.date) -> DateClue | None:
    """The first date in ``paragraphs`` (line, text) that is not after ``today``.

    A weekday with a day and month but no year ("Tuesday (Dec 7)") takes its year from a full date elsewhere in
    ``context`` with the same day and month, then from any year in ``context`` on which the weekday matches,
    then from the most recent past year on which it matches.
    """
    full = [(line, m.group(), found) for line, text in context for m in _FULL.finditer(text)
            if (found := parse_date_text(m.group()))]
    for line, text in paragraphs:
        clues = [(m.start(), DateClue(found, m.group(), line)) for m in _FULL.finditer(text)
                 if (found := parse_date_text(m.group()))]
        clues += [(m.start(), clue) for m in _WEEKDAY.finditer(text) if (clue := _weekday_clue(m, line, full, today))]
        for _, clue in sorted(clues, key=lambda pair: pair[0]):
            if clue.date <= today:
                return clue
    return None


def _weekday_clue(match: re.Match[str], line: int, full: list[tuple[int, str, dt.date]],
                  today: dt.date) -> DateClue | None:
    weekday = _WEEKDAYS.index(match.group("weekday"))
    day_month = match.group("day_month")

    def on(year: int) -> dt.date | None:
        found = parse_date_text(f"{day_month} {year}")
        return found if found and found.weekday() == weekday else None

    for where, written, found in full:
        if on(found.year) == found:
            return DateClue(found, match.group(), line, f'year from "{written}" at line {where}')
    for where, written, found in full:
        if (date := on(found.year)) and date <= today:
            return DateClue(date, match.group(), line, f'year from "{written}" at line {where}')
    for year in range(today.year, today.year - YEARS_BACK, -1):
        if (date := on(year)) and date <= today:
            return DateClue(date, match.group(), line, f"the most recent {match.group('weekday')} with that date "
                            f"up to {today.isoformat()}")
    return None
