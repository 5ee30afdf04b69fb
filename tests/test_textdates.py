"""Dates written in article text: full dates as written, and a weekday with a day and month but no year."""

from __future__ import annotations

import datetime as dt

import pytest

from digest.authoring.textdates import find_date

TODAY = dt.date(2026, 3, 1)


def _date(text: str, context: str = "", today: dt.date = TODAY) -> dt.date | None:
    clue = find_date([(1, text)], [(1, text), (2, context)], today)
    return clue.date if clue else None


@pytest.mark.parametrize(("text", "expected"), [
    ("spoke on Dec 7, 2021, by video", dt.date(2021, 12, 7)),
    ("spoke on December 7, 2021 by video", dt.date(2021, 12, 7)),
    ("spoke on 7 December 2021 by video", dt.date(2021, 12, 7)),
    ("Updated: 08 Dec. 2021, 10:12", dt.date(2021, 12, 8)),
    ("Posted 2021-12-07 by the desk", dt.date(2021, 12, 7)),
    ("on Sept. 3rd, 2019 at noon", dt.date(2019, 9, 3)),
    ("on Tuesday, Dec 17, 2021 they met", dt.date(2021, 12, 17)),
    ("no date here, only 2021 and Dec", None),
    ("on 2021-02-30, which does not exist", None),
])
def test_full_dates(text: str, expected: dt.date | None) -> None:
    assert _date(text) == expected


def test_a_weekday_date_takes_its_year_from_a_full_date_with_the_same_day() -> None:
    clue = find_date([(5, "met on Tuesday (Dec 7) to talk")], [(3, "photo taken on Dec 7, 2021"), (9, "in 2014")],
                     TODAY)
    assert clue and (clue.date, clue.text, clue.line) == (dt.date(2021, 12, 7), "Tuesday (Dec 7)", 5)
    assert clue.year_from == 'year from "Dec 7, 2021" at line 3'


def test_a_weekday_date_takes_a_year_in_the_text_on_which_the_weekday_matches() -> None:
    clue = find_date([(5, "on Friday (January 21) they met")], [(2, "a deal signed on March 3, 2022")], TODAY)
    assert clue and clue.date == dt.date(2022, 1, 21)


@pytest.mark.parametrize(("today", "expected"), [
    (dt.date(2022, 2, 1), dt.date(2022, 1, 21)),
    (dt.date(2022, 1, 20), dt.date(2011, 1, 21)),  # 21 January 2022 has not come yet: the previous Friday, 2011
    (dt.date(2030, 6, 1), dt.date(2028, 1, 21)),
])
def test_without_a_year_the_most_recent_past_matching_date_is_chosen(today: dt.date, expected: dt.date) -> None:
    assert _date("met in Geneva on Friday (January 21) to talk", today=today) == expected
    assert _date("met in Geneva on Friday, 21 January, to talk", today=today) == expected


def test_the_first_date_that_is_not_in_the_future_wins() -> None:
    clue = find_date([(1, "Elections on March 5, 2030 follow talks held on Tuesday (Dec 7)."),
                      (2, "An earlier meeting on June 16, 2021.")], [(3, "Dec 7, 2021")], TODAY)
    assert clue and (clue.date, clue.line) == (dt.date(2021, 12, 7), 1)


def test_a_bare_weekday_or_lower_case_month_is_not_a_date() -> None:
    assert _date("talks on Tuesday and tomorrow's summit") is None
    assert _date("officials may 5 times a day say so") is None
