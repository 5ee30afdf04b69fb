"""The five seed articles built into a site: tags, evidence, cross-links, data and links as facts.md says."""

from __future__ import annotations

import json
import os
import subprocess
from xml.etree import ElementTree
import sys
from pathlib import Path

import pytest

from tests.conftest import copy_project
from tests.sitecheck import broken_links, visible_text

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden" / "articles.json"
EXPECTED = {  # the table "Which topics each article is about" in shared/seeds/facts.md
    "000": {"ukraine", "nato-expansion", "nord-stream-2", "alliances"},
    "001": {"ukraine", "nato-expansion"},
    "002": set(),
    "003": {"ukraine", "nato-expansion"},
    "004": {"ukraine", "nato-expansion", "nord-stream-2", "alliances"},
}
LEFTOVERS = {  # lines listed under "Web leftovers" in facts.md
    "000": ["Eli is a Political Data Scientist"],
    "001": ["2 thoughts on", "Leave a Reply", "WordPress.com Logo", "Connecting to %s"],
    "002": ["Latest news", "Related news", "Please enter your comment!", "Please enter your name here"],
    "003": ["Published by the European Commission at https://www.youtube.com/"],
    "004": ["PHOTO: REUTERS", "PHOTO: AFP", "Remote video URL", "Join ST's Telegram channel"],
}


@pytest.fixture(scope="module")
def data(seed_site: Path) -> dict:
    return json.loads((seed_site / "data" / "articles.json").read_text(encoding="utf-8"))


def _by_file(data: dict) -> dict[str, dict]:
    return {Path(a["file"]).name[:3]: a for a in data["articles"]}


def test_seeds_are_tagged_as_facts_md_says(data: dict) -> None:
    assigned = {key: {t["id"] for t in a["topics"]} for key, a in _by_file(data).items()}
    assert assigned == EXPECTED
    assert {m["id"] for m in _by_file(data)["002"]["mentions"]} >= {"ukraine"}


def test_every_tag_has_a_score_and_evidence_with_lines(data: dict) -> None:
    for article in data["articles"]:
        for topic in article["topics"]:
            assert topic["score"] > 0 and topic["evidence"]
            assert all(e["text"] and e["line"] >= 0 for e in topic["evidence"])
    nord = next(t for t in _by_file(data)["004"]["topics"] if t["id"] == "nord-stream-2")
    assert any("Nord Stream 2" in e["text"] and e["line"] == 35 for e in nord["evidence"])


def test_web_leftovers_are_gone_and_no_article_sentence_is_lost(seed_site: Path, data: dict) -> None:
    for key, article in _by_file(data).items():
        page = (seed_site / article["path"]).read_text(encoding="utf-8")
        body = visible_text(page.split('<div class="body" id="top">')[1].split('<p class="bio">')[0].split("</div>")[0])
        shown = visible_text(page.split("<main")[1].split('<details class="removed">')[0])
        for leftover in LEFTOVERS[key]:
            assert leftover not in body, (key, leftover)
            assert any(leftover in removed for removed in article["removed"]), (key, leftover)
        source = (ROOT / article["file"]).read_text(encoding="utf-8").split("\n---\n", 1)[1]
        for line in source.splitlines():
            text = " ".join(line.split())
            if text and not any(leftover in text for leftover in LEFTOVERS[key] + ["2 thoughts", "You are commenting",
                                                                                   "Fill in your", "Twitter picture",
                                                                                   "Facebook photo"]):
                assert text in shown, (key, text)


def test_related_articles_share_topics_and_are_ranked(data: dict) -> None:
    by_slug = {a["slug"]: a for a in data["articles"]}
    for article in data["articles"]:
        mine = {t["id"] for t in article["topics"]}
        shared = [len(r["shared"]) for r in article["related"]]
        assert shared == sorted(shared, reverse=True)
        for related in article["related"]:
            theirs = {t["id"] for t in by_slug[related["slug"]]["topics"]}
            assert set(related["shared"]) == mine & theirs and related["shared"]
    first_000 = _by_file(data)["000"]["related"][0]
    assert by_slug[first_000["slug"]]["file"].endswith("004_cb0caa5794b2883b.txt")
    assert len(first_000["shared"]) == 4
    assert _by_file(data)["002"]["related"] == []


def test_topic_index_lists_articles_by_score(data: dict) -> None:
    scores = {(a["slug"], t["id"]): t["score"] for a in data["articles"] for t in a["topics"]}
    for topic in data["topics"]:
        ranked = [scores[(slug, topic["id"])] for slug in topic["articles"]]
        assert ranked == sorted(ranked, reverse=True)
    assert {t["id"]: len(t["articles"]) for t in data["topics"]} == {
        "ukraine": 4, "nato-expansion": 4, "nord-stream-2": 2, "alliances": 2}


def test_every_page_exists_and_every_internal_link_resolves(seed_site: Path, data: dict) -> None:
    expected = ["index.html", "topics/index.html", "404.html", "data/articles.json", "feed.xml", ".nojekyll",
                "assets/style.css"] + [a["path"] for a in data["articles"]] + [f"topics/{t['id']}.html" for t in data["topics"]]
    assert all((seed_site / path).is_file() for path in expected)
    assert broken_links(seed_site) == []


def test_metadata_reaches_the_article_page(seed_site: Path, data: dict) -> None:
    page = (seed_site / _by_file(data)["004"]["path"]).read_text(encoding="utf-8")
    assert "<h1>Five takeaways from the Biden-Putin call</h1>" in page
    assert "The Straits Times" in page and 'datetime="2021-12-07"' in page
    assert '<span class="dateline">WASHINGTON (NYTIMES) -</span>' in page
    assert 'data-topics="nord-stream-2"' in page


def test_golden_articles_json(data: dict) -> None:
    """Refresh with: UPDATE_GOLDEN=1 ./dev test tests/test_end_to_end.py"""
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    assert data == json.loads(GOLDEN.read_text(encoding="utf-8"))


def _build_in_subprocess(project: Path, out: str, env: dict[str, str]) -> Path:
    subprocess.run([sys.executable, "-m", "digest", "build", "--project", str(project), "--out", out],
                   check=True, capture_output=True, env={**os.environ, **env}, cwd=ROOT)
    return project / out


def _tree(folder: Path) -> dict[str, bytes]:
    """Every file digest writes itself. Pagefind's filter index is left out: Pagefind does not promise
    stable filter files between runs (Pagefind/pagefind#638)."""
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*"))
            if p.is_file() and p.relative_to(folder).parts[0] != "pagefind"}


def test_same_input_gives_the_same_bytes(project: Path, tmp_path: Path) -> None:
    """Hash seed, time zone, locale, file creation order and modification times change nothing."""
    shuffled = copy_project(tmp_path / "shuffled")
    for article in sorted((shuffled / "articles").iterdir(), reverse=True):
        data = article.read_bytes()
        article.unlink()
        article.write_bytes(data)
        os.utime(article, (1_000_000_000 + len(data), 2_000_000_000 - len(data)))
    first = _build_in_subprocess(project, "one", {"PYTHONHASHSEED": "1", "TZ": "UTC", "LC_ALL": "C"})
    second = _build_in_subprocess(shuffled, "two", {"PYTHONHASHSEED": "999", "TZ": "Asia/Tokyo", "LC_ALL": "C.UTF-8"})
    assert _tree(first) == _tree(second)
    for site in (first, second):
        assert sorted(p.parent.name for p in (site / "pagefind").glob("*/pagefind-ui.js")) == [
            "2021-06", "2021-12", "2022-01"]


def test_topic_page_reads_as_a_digest(seed_site: Path) -> None:
    page = visible_text((seed_site / "topics" / "nord-stream-2.html").read_text(encoding="utf-8"))
    assert "2 articles from 2 sources" in page
    assert "Travels with Ukraine (2) NATO expansion (2) Alliances (2)" in page
    says = page.split("What each source says")[1].split("Most relevant first")[0]
    assert says.index("The Straits Times") < says.index("Unattributed")
    assert "The Nord 2 natural gas pipeline has been a hot-button issue" in says
    assert "3. A major energy pipeline" not in says
    timeline = page.split("Timeline", 1)[1]
    assert timeline.index("7 December 2021") < timeline.index("8 December 2021")


def test_timeline_lists_every_article_oldest_first(seed_site: Path, data: dict) -> None:
    page = visible_text((seed_site / "timeline.html").read_text(encoding="utf-8")).split("Timeline", 2)[2]
    positions = [page.index(a["title"]) for a in sorted(data["articles"], key=lambda a: a["date"])]
    assert positions == sorted(positions)
    assert page.index("June 2021") < page.index("December 2021") < page.index("January 2022")


def test_feeds_are_atom_with_required_elements(seed_site: Path) -> None:
    atom = "{http://www.w3.org/2005/Atom}"
    for feed in [seed_site / "feed.xml", *sorted((seed_site / "topics").glob("*.xml"))]:
        root = ElementTree.parse(feed).getroot()
        assert root.tag == f"{atom}feed"
        assert all(root.find(f"{atom}{name}") is not None for name in ("id", "title", "updated"))
        entries = root.findall(f"{atom}entry")
        assert entries, feed
        for entry in entries:
            assert all(entry.find(f"{atom}{name}") is not None for name in ("id", "title", "updated", "link"))
    ukraine = ElementTree.parse(seed_site / "topics" / "ukraine.xml").getroot()
    assert len(ukraine.findall(f"{atom}entry")) == 4
