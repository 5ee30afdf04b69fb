"""The labelled reading corpus is well formed, and the cleaner and tagger stay above their floors on it.

The floors (``bench/floors.yaml``) sit just under the figures of the tuning part; the held-out part is
scored only by hand (``python bench/quality.py --split heldout``), so it is never tuned against here.
"""

from __future__ import annotations

import re
from collections import Counter

import pytest
import yaml

from bench import quality
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
    floors = yaml.safe_load((ROOT / "bench" / "floors.yaml").read_text(encoding="utf-8"))
    assert quality.below_floors(quality.score(readings), floors) == []
