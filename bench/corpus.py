"""The labelled reading corpus in ``tests/corpus/``: texts, their labels, and what digest made of them.

Each text is read by digest's own loader and tagger exactly as ``digest build`` would read a ``.txt``
article, and the result is lined up with the labels by source line.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from digest.analyse.tagging import tag
from digest.analyse.taxonomy import Taxonomy, parse_taxonomy
from digest.read.config import Config, parse_config
from digest.read.loader import parse_article
from digest.records import TaggedArticle

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "corpus"
TODAY = dt.date(2026, 12, 1)
SPLITS = ("tuning", "heldout")


@dataclass(frozen=True)
class Labelled:
    """One corpus text with its labels."""

    name: str
    """File stem, e.g. ``101-voa-finland-nato``."""
    lines: tuple[str, ...]
    """The pasted text, line 1 first."""
    kind: str
    """``whole-page`` or ``article-region``."""
    split: str
    """``tuning`` or ``heldout``."""
    category: str
    """``on-topic``, ``off-topic`` or ``trap``."""
    title: str
    """The headline as on the page; empty when the paste does not carry it."""
    furniture: dict[int, str]
    """Line number to furniture kind."""
    meta: dict[int, str]
    """Line number to metadata kind (title, byline, date)."""
    topics: frozenset[str]
    """Topics the text discusses."""

    @property
    def body_lines(self) -> list[int]:
        """Non-blank lines that are article body: neither furniture nor metadata."""
        return [n for n, text in enumerate(self.lines, 1)
                if text.strip() and n not in self.furniture and n not in self.meta]


@dataclass(frozen=True)
class Reading:
    """What digest made of one labelled text."""

    labelled: Labelled
    tagged: TaggedArticle
    kept: frozenset[int]
    """Lines that reached the published article (title, standfirst, headings, paragraphs)."""
    body_text: str
    """The published body: standfirst, headings and paragraphs."""
    removed_by: dict[int, str]
    """Line number to the cleaning rule that removed it."""


def line_numbers(spec: object) -> list[int]:
    """Line numbers from a label: ``7``, ``"3-5"`` or a list of either."""
    items = spec if isinstance(spec, list) else [spec]
    numbers: list[int] = []
    for item in items:
        text = str(item)
        if re.fullmatch(r"\d+\s*-\s*\d+", text):
            first, last = (int(x) for x in text.split("-"))
            numbers.extend(range(first, last + 1))
        else:
            numbers.append(int(text))
    return numbers


def by_line(groups: dict | None) -> dict[int, str]:
    """Line number to group name (a furniture or metadata kind)."""
    return {n: kind for kind, spec in (groups or {}).items() for n in line_numbers(spec)}


def load_corpus(split: str = "all") -> list[Labelled]:
    """Every labelled text of the split (``tuning``, ``heldout`` or ``all``), in name order."""
    texts = []
    for label_path in sorted(CORPUS.glob("*.yaml")):
        label = yaml.safe_load(label_path.read_text(encoding="utf-8"))
        if split != "all" and label["split"] != split:
            continue
        lines = tuple(label_path.with_suffix(".txt").read_text(encoding="utf-8").split("\n"))
        texts.append(Labelled(
            name=label_path.stem, lines=lines, kind=label["kind"], split=label["split"],
            category=label.get("category", "on-topic"),
            title=str(label.get("title") or "") if (label.get("meta") or {}).get("title") else "",
            furniture=by_line(label.get("furniture")), meta=by_line(label.get("meta")),
            topics=frozenset((label.get("topics") or {}).keys()),
        ))
    return texts


def project_settings() -> tuple[Config, Taxonomy]:
    """The repository's own ``digest.yaml`` and ``topics.yaml``, as a new project starts with."""
    config = parse_config((ROOT / "digest.yaml").read_text(encoding="utf-8"), "digest.yaml")
    taxonomy = parse_taxonomy((ROOT / "topics.yaml").read_text(encoding="utf-8"), "topics.yaml")
    return config, taxonomy


def read(labelled: Labelled, config: Config, taxonomy: Taxonomy) -> Reading:
    """Load, clean and tag one text as ``digest build`` would, and line the result up with its labels."""
    data = "\n".join(labelled.lines).encode("utf-8")
    topic_ids = frozenset(t.id for t in taxonomy.topics)
    article, _ = parse_article(data, f"corpus/{labelled.name}.txt", config, topic_ids, TODAY, taxonomy.anchor)
    tagged = tag(article, taxonomy)
    kept: set[int] = set()
    for section in article.sections:
        if section.heading and section.ref:
            kept.add(section.ref.line)
        for block in section.paragraphs:
            kept.update(_block_lines(labelled.lines, block.ref.line, block.text))
    for text in (article.title, article.standfirst):
        line = _line_of(labelled.lines, text)
        if line:
            kept.add(line)
    body = "\n".join([article.standfirst, *(part for s in article.sections
                                            for part in (s.heading, *(p.text for p in s.paragraphs)))])
    removed_by = {r.ref.line: r.rule for r in article.removed}
    return Reading(labelled, tagged, frozenset(kept), body, removed_by)


def _block_lines(lines: tuple[str, ...], start: int, text: str) -> list[int]:
    """The source lines a block was joined from: from its first line until its words are used up."""
    wanted, used, numbers = len(text.split()), 0, []
    for number in range(start, len(lines) + 1):
        words = len(lines[number - 1].split())
        if not words or used >= wanted:
            break
        numbers.append(number)
        used += words
    return numbers or [start]


def _normal(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(re.sub(r"[–—]", "-", text).split()).casefold()


def _line_of(lines: tuple[str, ...], text: str) -> int:
    wanted = _normal(text)
    return next((n for n, line in enumerate(lines, 1) if wanted and _normal(line) == wanted), 0)


def same_title(found: str, labelled: str) -> bool:
    """Titles compared as a reader would: ignoring case, spacing, quote and dash styles, a final stop."""
    return _normal(found).rstrip(".") == _normal(labelled).rstrip(".")
