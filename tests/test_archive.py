"""Listing pages stay small as a site grows: the front page shows the latest articles, each timeline (the
site's and every topic's) shows its newest months in full and links a page for every month, and adding an
article re-renders its own month's page, not the others."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

import digest.site.renderer
from digest.build import Options, build

MONTHS = ("2022-03", "2022-04", "2022-05", "2022-06", "2022-07", "2022-08")


def _add_wire_stories(project: Path) -> None:
    for month in MONTHS:
        for day in range(1, 6):
            (project / "articles" / f"{month}-{day:02d}-wire.md").write_text(
                f"---\ntitle: Kyiv update {month} day {day}\nsource: Wire\ndate: {month}-{day:02d}\n---\n"
                "Russian forces shelled Kyiv again as Ukraine asked NATO allies for more air defence.\n",
                encoding="utf-8")


def _titles(html: str) -> set[str]:
    return set(re.findall(r"Kyiv update \d{4}-\d{2} day \d", html))


@pytest.fixture
def long_site(project: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    _add_wire_stories(project)
    monkeypatch.setattr(digest.site.renderer, "MONTHS_SHOWN", 10)
    monkeypatch.setattr(digest.site.renderer, "LATEST_SHOWN", 7)
    build(project, Options())
    return project / "_site"


def test_the_timeline_shows_the_latest_months_and_links_a_page_for_every_month(long_site: Path) -> None:
    timeline = (long_site / "timeline.html").read_text(encoding="utf-8")
    shown, every = timeline.split('id="months-heading"')
    assert _titles(shown) == {f"Kyiv update {m} day {d}" for m in ("2022-07", "2022-08") for d in range(1, 6)}
    months = re.findall(r'href="timeline/([\w-]+)\.html">[^<]+</a> <span class="n">\((\d+)\)', every)
    assert ("2022-03", "5") in months and ("2021-12", "3") in months
    for month, count in months:
        page = (long_site / "timeline" / f"{month}.html").read_text(encoding="utf-8")
        assert page.count("<time") == int(count)
        if month in MONTHS:
            assert _titles(page) == {f"Kyiv update {month} day {d}" for d in range(1, 6)}
        for neighbour in re.findall(r'rel="(?:prev|next)" href="([\w-]+\.html)"', page):
            assert (long_site / "timeline" / neighbour).is_file()


def test_the_front_page_lists_the_latest_and_sends_readers_to_the_timeline(long_site: Path) -> None:
    index = (long_site / "index.html").read_text(encoding="utf-8")
    latest = index.split('id="latest-heading"')[1]
    assert latest.count('<li class="card">') == 7
    assert _titles(latest) == {f"Kyiv update 2022-08 day {d}" for d in range(1, 6)} | {
        "Kyiv update 2022-07 day 5", "Kyiv update 2022-07 day 4"}
    assert re.search(r"The latest 7 of 35; every article is in the <a href=\"timeline.html\">timeline</a>", latest)


def test_a_topic_timeline_links_its_own_month_pages(long_site: Path) -> None:
    topic = (long_site / "topics" / "ukraine.html").read_text(encoding="utf-8")
    timeline = topic.split('id="timeline-heading"')[1]
    pages = re.findall(r'href="\.\./topics/ukraine/([\w-]+)\.html"', timeline)
    assert set(MONTHS) <= set(pages)
    march = (long_site / "topics" / "ukraine" / "2022-03.html").read_text(encoding="utf-8")
    assert _titles(march) == {f"Kyiv update 2022-03 day {d}" for d in range(1, 6)}
    assert 'href="../../topics/ukraine.html">Ukraine</a>' in march


def test_adding_an_article_rewrites_its_month_and_leaves_the_other_months_alone(long_site: Path) -> None:
    project = long_site.parent
    before = {p.name: os.stat(p).st_ino for p in (long_site / "timeline").iterdir()}
    (project / "articles" / "2022-04-20-wire.md").write_text(
        "---\ntitle: Kyiv update 2022-04 day 9\nsource: Wire\ndate: 2022-04-20\n---\n"
        "Ukraine asked NATO allies for more air defence after new strikes on Kyiv.\n", encoding="utf-8")
    build(project, Options())
    after = {p.name: os.stat(p).st_ino for p in (long_site / "timeline").iterdir()}
    changed = {name for name in after if before.get(name) != after[name]}
    assert changed == {"2022-04.html"}
    assert "Kyiv update 2022-04 day 9" in (long_site / "timeline" / "2022-04.html").read_text(encoding="utf-8")
