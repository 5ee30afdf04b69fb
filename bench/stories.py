"""The story corpus in ``tests/corpus/stories/``: pairs of articles labelled same event or not, scored by
whether digest puts them in the same story.

Every text named by a pair is read as ``digest build`` reads it (the seeds as they are; the corpus texts
with their label's date, source and title given as front matter) and tagged; stories are grouped over
all of them at once, as over a site. A pair counts as predicted same-event when both articles are in
one story. Precision and recall are over the same-event pairs of the split.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from bench.corpus import CORPUS, ROOT, TODAY
from digest.analyse.quotes import find_quotes
from digest.analyse.stories import Story, group_stories, story_terms
from digest.analyse.tagging import tag
from digest.analyse.taxonomy import Taxonomy
from digest.read.config import Config
from digest.read.loader import parse_article
from digest.records import TaggedArticle

STORIES = CORPUS / "stories"


@dataclass(frozen=True)
class Pair:
    """Two texts and whether they cover the same event."""

    a: str
    b: str
    same: bool
    split: str


def load_pairs(split: str) -> list[Pair]:
    """The labelled pairs of the split."""
    pairs = yaml.safe_load((STORIES / "pairs.yaml").read_text(encoding="utf-8"))
    return [Pair(p["a"], p["b"], bool(p["same_event"]), p["split"]) for p in pairs
            if split == "all" or p["split"] == split]


def _source(path: str) -> bytes:
    """A text's bytes, with its label's date, source and title as front matter when it has none."""
    data = (ROOT / path).read_bytes()
    label_path = (ROOT / path).with_suffix(".yaml")
    if data.startswith(b"---") or not label_path.exists():
        return data
    label = yaml.safe_load(label_path.read_text(encoding="utf-8"))
    front = {k: label[k] for k in ("date", "source", "title") if label.get(k)}
    return b"---\n" + yaml.safe_dump(front, allow_unicode=True).encode("utf-8") + b"---\n" + data


def read_all(pairs: list[Pair], config: Config, taxonomy: Taxonomy) -> dict[str, TaggedArticle]:
    """Every text the pairs name, read and tagged, by path (slugs are the paths, so each is unique)."""
    topic_ids = frozenset(t.id for t in taxonomy.topics)
    read = {}
    for path in sorted({p.a for p in pairs} | {p.b for p in pairs}):
        article, _ = parse_article(_source(path), path, config, topic_ids, TODAY)
        article = replace(article, slug=path)
        read[path] = replace(tag(article, taxonomy), quotes=find_quotes(article), terms=story_terms(article))
    return read


def story_figures(pairs: list[Pair], stories: tuple[Story, ...]) -> dict[str, float]:
    """Precision and recall of same-event pairs."""
    story_of = {slug: story.id for story in stories for slug in story.slugs}
    predicted = [p for p in pairs if story_of.get(p.a) is not None and story_of.get(p.a) == story_of.get(p.b)]
    right = sum(1 for p in predicted if p.same)
    wanted = sum(1 for p in pairs if p.same)
    return {"story pairs labelled": float(len(pairs)),
            "story pairs precision": right / len(predicted) if predicted else 0.0,
            "story pairs recall": right / wanted if wanted else 0.0}


def story_misses(pairs: list[Pair], stories: tuple[Story, ...]) -> list[str]:
    """Each pair put together wrongly or kept apart wrongly."""
    story_of = {slug: story.id for story in stories for slug in story.slugs}
    lines = []
    for p in pairs:
        together = story_of.get(p.a) is not None and story_of.get(p.a) == story_of.get(p.b)
        if together != p.same:
            lines.append(f"{'split' if p.same else 'joined'}: {Path(p.a).stem} / {Path(p.b).stem} "
                         f"({story_of.get(p.a)} / {story_of.get(p.b)})")
    return lines


def grouped(config: Config, taxonomy: Taxonomy) -> tuple[Story, ...]:
    """The stories over every text of the whole corpus (both splits), as one site would group them."""
    texts = read_all(load_pairs("all"), config, taxonomy)
    return group_stories(list(texts.values()))
