"""The labelled reading corpus is well formed, and the cleaner and tagger stay above their floors on it.

The floors (``bench/floors.yaml``) sit just under the figures of the tuning part; the held-out part is
scored only by hand (``python bench/quality.py --split heldout``), so it is never tuned against here.
"""

from __future__ import annotations

import html
import re
from collections import Counter

import pytest
import yaml

from bench import quality
from bench.pages import labelled_names, load_pages, page_figures, read_page
from bench.corpus import CORPUS, ROOT, by_line, line_numbers, load_corpus, project_settings, read

LABELS = sorted(CORPUS.glob("*.yaml"))
KINDS = {"navigation", "banner", "cookie", "advert", "share", "newsletter", "media", "caption", "related", "tags",
         "comments", "footer", "archive", "page-meta", "prompt", "author-bio", "other"}
TOPICS = {"ukraine", "nato-expansion", "nord-stream-2", "alliances"}


def _label(path) -> dict:  # noqa: ANN001
    return yaml.safe_load(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", LABELS, ids=lambda p: p.stem)
def test_every_text_has_a_licence_a_source_and_consistent_labels(path) -> None:  # noqa: ANN001
    label = _label(path)
    assert re.match(r"https?://", label["source_url"])
    assert re.search(r"public domain|CC BY", label["licence"], re.IGNORECASE)
    assert label["kind"] in ("whole-page", "article-region") and label["split"] in ("tuning", "heldout")
    assert label["category"] in ("on-topic", "off-topic", "trap")
    text = path.with_suffix(".txt").read_text(encoding="utf-8")
    lines = text.split("\n")
    groups = [n for group in ("furniture", "meta") for spec in (label.get(group) or {}).values()
              for n in line_numbers(spec)]
    labelled = set(by_line(label.get("furniture"))) | set(by_line(label.get("meta")))
    assert len(groups) == len(set(groups)), "a line is in two groups"
    assert all(1 <= n <= len(lines) and lines[n - 1].strip() for n in labelled), "a label points at a blank line"
    assert set(label.get("furniture") or {}) <= KINDS
    flat = " ".join(text.split())
    for topic, sentence in (label.get("topics") or {}).items():
        assert topic in TOPICS
        assert " ".join(str(sentence).split())[:60] in flat, f"{topic}: quoted sentence not in the text"
    assert set(label.get("rejected") or {}) <= TOPICS
    if label["category"] != "on-topic":
        assert not label.get("topics")


def test_the_corpus_has_the_size_and_spread_the_issue_asks_for() -> None:
    labels = [_label(p) for p in LABELS]
    assert len(labels) >= 60
    kinds = Counter(label["kind"] for label in labels)
    categories = Counter(label["category"] for label in labels)
    per_topic = Counter(topic for label in labels for topic in (label.get("topics") or {}))
    assert kinds["whole-page"] >= 20
    assert categories["off-topic"] >= 10 and categories["trap"] >= 6
    assert all(per_topic[topic] >= 8 for topic in TOPICS), per_topic
    heldout = sum(label["split"] == "heldout" for label in labels)
    assert len(labels) / 4 <= heldout <= len(labels) / 2


def test_the_tuning_part_stays_above_its_floors() -> None:
    config, taxonomy = project_settings()
    readings = [read(t, config, taxonomy) for t in load_corpus("tuning")]
    topic_ids = frozenset(t.id for t in taxonomy.topics)
    figures = quality.score(readings)
    figures.update(page_figures([read_page(p, config, topic_ids) for p in load_pages("tuning")], quality.prf,
                                quality.shingles))
    figures.update(quality.voices_and_stories("tuning", config, taxonomy)[0])
    floors = yaml.safe_load((ROOT / "bench" / "floors.yaml").read_text(encoding="utf-8"))
    assert quality.below_floors(figures, floors) == []


@pytest.mark.parametrize("path", labelled_names(), ids=lambda p: p.stem)
def test_every_saved_page_has_a_licence_a_source_and_its_text_in_the_page(path) -> None:  # noqa: ANN001
    label = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert re.match(r"https?://", label["url"]) and label["saved_from"] and label["split"] in ("tuning", "heldout")
    assert re.search(r"public domain|CC BY", label["licence"]), label["licence"]
    page = path.with_suffix(".html").read_text(encoding="utf-8", errors="replace")
    texts = [" ".join(re.findall(r"\w+", html.unescape(re.sub(r"<[^>]+>", gap, page)).casefold())) for gap in ("", " ")]
    for piece in [label["title"], *[p for p in label["body"].split("\n\n") if p.strip()]]:
        start = " ".join(re.findall(r"\w+", piece.casefold())[:8])
        assert any(start in text for text in texts), start


def test_the_saved_pages_are_enough_and_split() -> None:
    labels = [yaml.safe_load(p.read_text(encoding="utf-8")) for p in labelled_names()]
    heldout = sum(label["split"] == "heldout" for label in labels)
    assert len(labels) >= 30 and len(labels) / 4 <= heldout <= len(labels) / 2
