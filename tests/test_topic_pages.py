"""A topic page stays readable when a topic has thousands of articles: its ranking and its quotes per source
are capped, and every article is still one click away in its timeline."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import digest.site.renderer
from digest.build import Options, build


def test_long_topics_are_capped_and_every_article_stays_in_the_timeline(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for day in range(1, 13):
        (project / "articles" / f"2022-03-{day:02d}-wire.md").write_text(
            f"---\ntitle: Kyiv update number {day}\nsource: Wire\n---\n"
            "Russian forces shelled Kyiv again as Ukraine asked NATO allies for more air defence.\n",
            encoding="utf-8")
    monkeypatch.setattr(digest.site.renderer, "RANKED_SHOWN", 5)
    build(project, Options())
    page = (project / "_site" / "topics" / "ukraine.html").read_text(encoding="utf-8")
    total = len(re.findall(r'<h3 class="source-name">', page))
    assert total >= 2
    ranked = page.split('id="ranked-heading"')[1].split('id="timeline-heading"')[0]
    assert ranked.count('<li class="card">') == 5 and re.search(r"The 5 most relevant of \d+;", ranked)
    wire = page.split('<h3 class="source-name">Wire</h3>')[1].split("</ul>")[0]
    assert "The latest 10; 2 earlier articles from Wire in the" in wire
    assert wire.count("<li>") == 10 and "Kyiv update number 12" in wire and "Kyiv update number 2<" not in wire
    timeline = page.split('id="timeline-heading"')[1]
    assert all(f"Kyiv update number {day}<" in timeline for day in range(1, 13))
