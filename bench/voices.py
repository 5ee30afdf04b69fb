"""The quotes corpus in ``tests/corpus/voices/``: texts with every quotation and its speaker labelled by
hand, read by digest's loader as a ``.txt`` article and scored by who digest says spoke.

A digest quotation matches a label on the same source line when one's words contain the other's (after
dropping punctuation and case). Attribution precision: of the quotations digest gives a speaker, the
share whose speaker is the labelled one (a quotation with no label, or labelled unattributed, counts
against it). Recall: of the labelled quotations with a speaker, the share digest gives that speaker. A
speaker is right when it is the labelled name (middle initials aside) or its surname alone, the article
never naming them in full.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from bench.corpus import CORPUS, ROOT, TODAY
from digest.analyse.quotes import MIN_WORDS, find_quotes
from digest.read.config import Config
from digest.read.loader import parse_article
from digest.records import Quote

VOICES = CORPUS / "voices"


@dataclass(frozen=True)
class LabelledQuote:
    """One labelled quotation."""

    text: str
    line: int
    speaker: str | None


@dataclass(frozen=True)
class VoicesText:
    """One text of the quotes corpus and what digest found in it."""

    name: str
    split: str
    labels: tuple[LabelledQuote, ...]
    found: tuple[Quote, ...]


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.casefold()))


def _name_words(name: str) -> list[str]:
    """A name's words without middle initials: digest writes "David Jackson" for "David S. Jackson"."""
    words = _words(name).split()
    return [w for i, w in enumerate(words) if len(w) > 1 or i in (0, len(words) - 1)]


def _file_of(label_path: Path, label: dict) -> Path:
    return ROOT / label["file"] if label.get("file") else label_path.with_suffix(".txt")


def load_voices(split: str, config: Config, topic_ids: frozenset[str]) -> list[VoicesText]:
    """Every labelled text of the split, read as ``digest build`` reads a ``.txt`` article."""
    texts = []
    for label_path in sorted(VOICES.glob("*.yaml")):
        label = yaml.safe_load(label_path.read_text(encoding="utf-8"))
        if split != "all" and label["split"] != split:
            continue
        source = _file_of(label_path, label)
        article, _ = parse_article(source.read_bytes(), f"corpus/voices/{source.name}", config, topic_ids, TODAY)
        labels = tuple(LabelledQuote(str(q["text"]), int(q["line"]), q.get("speaker"))
                       for q in label.get("quotes") or () if len(str(q["text"]).split()) >= MIN_WORDS)
        texts.append(VoicesText(label_path.stem, label["split"], labels, find_quotes(article)))
    return texts


def _same_speaker(found: str | None, wanted: str | None) -> bool:
    if not found or not wanted:
        return False
    found_words, wanted_words = _name_words(found), _name_words(wanted)
    return found_words == wanted_words or (len(found_words) == 1 and found_words[-1:] == wanted_words[-1:])


def _match(quote: Quote, labels: tuple[LabelledQuote, ...]) -> LabelledQuote | None:
    mine = _words(quote.text)
    for label in labels:
        theirs = _words(label.text)
        if abs(label.line - quote.ref.line) <= 1 and mine and theirs and (mine in theirs or theirs in mine):
            return label
    return None


def voices_figures(texts: list[VoicesText]) -> dict[str, float]:
    """Attribution precision and recall, and how many quotations were labelled and found."""
    given = right = 0
    wanted = [label for t in texts for label in t.labels if label.speaker]
    recalled = 0
    for text in texts:
        matched = {}
        for quote in text.found:
            label = _match(quote, text.labels)
            if label is not None:
                matched.setdefault(label, quote)
            if quote.speaker:
                given += 1
                right += bool(label and _same_speaker(quote.speaker, label.speaker))
        recalled += sum(1 for label, quote in matched.items() if label.speaker and
                        _same_speaker(quote.speaker, label.speaker))
    found_labels = sum(1 for t in texts for label in t.labels if _match_any(label, t.found))
    return {"quotes labelled": float(sum(len(t.labels) for t in texts)),
            "quotes found": found_labels / max(1, sum(len(t.labels) for t in texts)),
            "quotes attribution precision": right / given if given else 0.0,
            "quotes attribution recall": recalled / len(wanted) if wanted else 0.0}


def _match_any(label: LabelledQuote, found: tuple[Quote, ...]) -> bool:
    return any(_match(q, (label,)) for q in found)


def voices_misses(texts: list[VoicesText]) -> list[str]:
    """Each wrong, missing or unwanted attribution, with the words digest read."""
    lines = []
    for text in texts:
        for quote in text.found:
            label = _match(quote, text.labels)
            wanted = label.speaker if label else None
            if (quote.speaker or wanted) and not _same_speaker(quote.speaker, wanted):
                lines.append(f"{text.name}:{quote.ref.line}: speaker {quote.speaker!r} ({quote.how}, "
                             f"{quote.named_as!r}), labelled {wanted!r}: {quote.text[:60]!r}")
        for label in text.labels:
            if not _match_any(label, text.found):
                lines.append(f"{text.name}:{label.line}: quotation not found: {label.text[:60]!r}")
    return lines
