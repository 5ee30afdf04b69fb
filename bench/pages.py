"""The saved-page corpus in ``tests/corpus/html/``: pages, their hand-checked labels, and what digest
made of each, scored against the labels and against trafilatura alone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

import yaml

from bench.corpus import CORPUS, TODAY, same_title
from digest.read.config import Config
from digest.read.loader import parse_article
from digest.records import Article

PAGES = CORPUS / "html"


@dataclass(frozen=True)
class LabelledPage:
    """One saved page with its labels."""

    name: str
    html: bytes
    split: str
    title: str
    date: dt.date | None
    author: str
    body: str


@dataclass(frozen=True)
class PageReading:
    """A page as digest read it, beside its labels and trafilatura's own text."""

    labelled: LabelledPage
    article: Article
    body: str
    """digest's article text: headings and paragraphs, after cleaning."""
    extractor_body: str
    """trafilatura's text of the same page, with its defaults."""


def load_pages(split: str = "all") -> list[LabelledPage]:
    """Every labelled page of the split, in name order."""
    pages = []
    for label_path in sorted(PAGES.glob("*.yaml")):
        label = yaml.safe_load(label_path.read_text(encoding="utf-8"))
        if split != "all" and label["split"] != split:
            continue
        date = label.get("date")
        pages.append(LabelledPage(
            name=label_path.stem, html=label_path.with_suffix(".html").read_bytes(), split=label["split"],
            title=str(label.get("title") or ""), date=dt.date.fromisoformat(str(date)) if date else None,
            author=str(label.get("author") or ""), body=str(label.get("body") or "")))
    return pages


def read_page(page: LabelledPage, config: Config, topic_ids: frozenset[str]) -> PageReading:
    """Read one page as ``digest build`` reads a saved ``.html`` article."""
    import trafilatura

    article, _ = parse_article(page.html, f"corpus/html/{page.name}.html", config, topic_ids, TODAY)
    body = "\n".join(part for s in article.sections for part in (s.heading, *(p.text for p in s.paragraphs)) if part)
    alone = trafilatura.extract(page.html.decode("utf-8", "replace")) or ""
    return PageReading(page, article, body, alone)


def page_figures(readings: list[PageReading], prf, shingles) -> dict[str, float]:  # noqa: ANN001
    """Body precision, recall and F1 (digest, and trafilatura alone), title exact, date and author right."""
    figures: dict[str, float] = {}
    if not readings:
        return figures
    ours = [prf(shingles(r.body), shingles(r.labelled.body)) for r in readings]
    alone = [prf(shingles(r.extractor_body), shingles(r.labelled.body)) for r in readings]
    for index, name in enumerate(("precision", "recall", "f1")):
        figures[f"pages body {name}"] = _mean([b[index] for b in ours])
    figures["pages body f1 of trafilatura alone"] = _mean([b[2] for b in alone])
    figures["pages title exact"] = _mean([float(same_title(r.article.title, r.labelled.title)) for r in readings])
    figures["pages date right"] = _mean([float(r.article.date == r.labelled.date) for r in readings])
    authored = [r for r in readings if r.labelled.author]
    figures["pages author right"] = _mean([float(same_title(r.article.author, r.labelled.author)) for r in authored])
    return figures


def page_misses(readings: list[PageReading], prf, shingles) -> list[str]:  # noqa: ANN001
    """Every page whose title, date or body is off, one line each."""
    out = []
    for r in readings:
        lab, art = r.labelled, r.article
        if not same_title(art.title, lab.title):
            out.append(f"{lab.name}: title: found {art.title[:70]!r}, expected {lab.title[:70]!r}")
        if lab.author and not same_title(art.author, lab.author):
            out.append(f"{lab.name}: author: found {art.author!r}, expected {lab.author!r}")
        if art.date != lab.date:
            out.append(f"{lab.name}: date: found {art.date}, expected {lab.date}")
        precision, recall, f1 = prf(shingles(r.body), shingles(lab.body))
        if f1 < 0.96:
            out.append(f"{lab.name}: body P {precision:.2f} R {recall:.2f} F1 {f1:.2f}")
    return out


def _mean(values: list[float]) -> float:
    return sum(values) / len(values) if values else float("nan")


def labelled_names() -> list[Path]:
    """The label files, for the corpus checks."""
    return sorted(PAGES.glob("*.yaml"))
