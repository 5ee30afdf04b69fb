"""The structural pass: a whole pasted page loses its chrome, keeps its article, and gives its headline."""

from __future__ import annotations

import datetime as dt
import re

from digest.read.cleaning import RULE_NAMES, clean
from digest.read.config import Config
from digest.read.loader import parse_article
from digest.read.plaintext import paragraphs

PAGE = """\
Skip to main content
An official website of the United States government
Here's how you know
Menu
Search
Home > News > Europe
Ministers Agree on Winter Aid for Ukraine's Grid
Ministers Agree on Winter Aid for Ukraine's Grid

By Jane Roe
March 3, 2023
Share on Facebook
Share on Twitter
Listen 4 min

Energy ministers from twelve countries agreed on Friday to send transformers, cables and generators to Ukraine before the coldest weeks of the winter, officials said.

The package follows weeks of strikes on power stations, which have left large parts of the country without electricity for hours at a time.

Repairs Before the Frost

Engineers will be trained in neighbouring countries, and the first deliveries are due within a month.

The ministers meet again in April.

Related stories
Talks on Grain Exports Resume
Prices Ease at the Pump
Tags: Energy, Europe
Privacy Policy
Contact Us
Copyright 2023 Example Agency. All rights reserved.
"""

ARTICLE = [
    "Energy ministers from twelve countries agreed on Friday to send transformers, cables and generators to "
    "Ukraine before the coldest weeks of the winter, officials said.",
    "The package follows weeks of strikes on power stations, which have left large parts of the country without "
    "electricity for hours at a time.",
    "Engineers will be trained in neighbouring countries, and the first deliveries are due within a month.",
    "The ministers meet again in April.",
]


def _read(text: str):
    return parse_article(text.encode(), "articles/page.txt", Config(), frozenset())


def test_a_whole_page_keeps_only_its_article() -> None:
    article, _ = _read(PAGE)
    assert [p.text for p in article.paragraphs] == ARTICLE
    assert [s.heading for s in article.sections] == ["", "Repairs Before the Frost"]


def test_the_headline_opens_the_article_not_the_first_line_of_the_paste() -> None:
    article, _ = _read(PAGE)
    assert article.title == "Ministers Agree on Winter Aid for Ukraine's Grid"
    assert ("title", "headline at line 8") in article.metadata_origin


def test_byline_and_date_lines_near_the_headline_become_metadata() -> None:
    article, _ = _read(PAGE)
    assert article.author == "Jane Roe"
    assert {r.rule for r in article.removed if r.text == "March 3, 2023"} == {"date_line"}
    assert article.date == dt.date(2023, 3, 3)
    assert ("date", "date line") in article.metadata_origin


def test_everything_removed_stays_on_the_record_with_its_rule() -> None:
    article, _ = _read(PAGE)
    rules = {r.text: r.rule for r in article.removed}
    assert rules["An official website of the United States government"] == "banners"
    assert rules["Share on Facebook"] == "social_prompts"
    assert rules["Listen 4 min"] == "media_players"
    assert rules["Copyright 2023 Example Agency. All rights reserved."] == "footers"
    assert rules["Talks on Grain Exports Resume"] == "related_links"
    assert rules["Menu"] == "navigation"
    kept = {p.text for p in article.paragraphs} | {article.title}
    every_line = {line for line in PAGE.splitlines() if line.strip()}
    assert every_line == kept | set(rules) | {s.heading for s in article.sections if s.heading}


def test_an_article_region_paste_loses_nothing() -> None:
    text = "\n\n".join(["Ministers Agree on Winter Aid", *ARTICLE]) + "\n"
    article, _ = _read(text)
    assert article.title == "Ministers Agree on Winter Aid"
    assert [p.text for p in article.paragraphs] == ARTICLE
    assert article.removed == ()


def test_a_sentence_naming_a_topic_is_never_guessed_away() -> None:
    tail = "Ukraine will receive the first generators next week, the ministry said on Saturday."
    network = ["Our Network", "Example Weekly", "Example Radio", "Example Podcasts", "Example Kids"]
    blocks = paragraphs([*PAGE.splitlines(), *network, tail, "Example Archive", "Example Shop"], "a.txt", 1)
    unprotected, _ = clean(blocks, RULE_NAMES)
    protected, removed = clean(blocks, RULE_NAMES, protect=re.compile(r"\bUkraine\b"))
    assert tail not in [b.text for b in unprotected]
    assert tail in [b.text for b in protected]
    assert {"Example Radio", "Example Shop"} <= {r.text for r in removed}


def test_a_page_in_another_language_keeps_its_prose() -> None:
    text = ("Les ministres se sont mis d'accord vendredi sur une aide pour l'hiver.\n\n"
            "Les premières livraisons sont attendues dans un mois, selon les responsables.\n\n"
            "Ils se retrouveront en avril pour faire le point sur les réparations.\n")
    article, _ = _read(text)
    assert len(article.paragraphs) == 3


NEWSPAPER_PAGE = """\
SKIP TO CONTENT
SECTIONS
SEARCH
LOG IN
Today's Paper
ADVERTISEMENT
Continue reading the main story
World
Allies Pledge Air Defences at Emergency Meeting
Defence ministers met for six hours and promised more systems before the winter.
Credit...Pat Doe/The Example Times
By Sam Writer and Lee Reporter
Published Nov. 3, 2022 Updated Nov. 4, 2022
Defence ministers from more than forty countries agreed on Thursday to send additional air defence systems to Ukraine, after a week of strikes on cities far from the front line.
The meeting, held at an air base in Germany, was the first since the summer, and several ministers said their governments would announce new packages within days.
ADVERTISEMENT
Continue reading the main story
"We will not let the skies go undefended," one minister told reporters after the session ended late in the evening.
Pat Doe/The Example Times
Officials said the first systems could arrive within weeks, though training crews will take longer.
Most Popular
A Chef's Guide to Winter Soups
The Best Running Shoes of the Year
Site Index
Site Information Navigation
© 2022 The Example Times Company
Contact Us
Work with us
Privacy Policy
Terms of Service
"""


def test_a_newspaper_page_keeps_the_article_and_its_quote() -> None:
    article, _ = _read(NEWSPAPER_PAGE)
    assert article.title == "Allies Pledge Air Defences at Emergency Meeting"
    assert article.standfirst == "Defence ministers met for six hours and promised more systems before the winter."
    assert article.author == "Sam Writer and Lee Reporter"
    assert article.date == dt.date(2022, 11, 3)
    assert [p.text.split()[0] for p in article.paragraphs] == ["Defence", "The", '"We', "Officials"]
    removed = {r.text: r.rule for r in article.removed}
    assert removed["Credit...Pat Doe/The Example Times"] == removed["Pat Doe/The Example Times"] == "credits"
    assert removed["A Chef's Guide to Winter Soups"] in ("related_links", "page_chrome")
