"""An article body as safe HTML, with each topic's evidence sentences marked."""

from __future__ import annotations

from collections import defaultdict

from markupsafe import Markup, escape

from digest.records import Block, TaggedArticle
from digest.analyse.sentences import sentence_spans


def evidence_index(tagged: TaggedArticle) -> dict[int, dict[str, list[str]]]:
    """For each paragraph index: evidence sentence -> topic ids it counts for (assigned topics only)."""
    index: dict[int, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for tag in tagged.assigned:
        for evidence in tag.evidence:
            if evidence.block >= 0:
                index[evidence.block][evidence.sentence].append(tag.topic_id)
    return index


def paragraph_html(block: Block, marks: dict[str, list[str]]) -> Markup:
    """The inside of one paragraph: escaped text with ``<mark>`` around evidence sentences.

    Markdown blocks keep their rendered HTML and are marked as a whole.
    """
    if block.html:
        return Markup(block.html)
    text = block.text
    parts: list[str] = []
    cursor = 0
    for start, end in sentence_spans(text):
        sentence = text[start:end]
        parts.append(str(escape(text[cursor:start])))
        topics = marks.get(sentence)
        if topics:
            ids = " ".join(sorted(set(topics)))
            classes = " ".join(f"t-{t}" for t in sorted(set(topics)))
            parts.append(f'<mark class="ev {classes}" data-topics="{ids}">{escape(sentence)}</mark>')
        else:
            parts.append(str(escape(sentence)))
        cursor = end
    parts.append(str(escape(text[cursor:])))
    return Markup("".join(parts))


def block_topics(marks: dict[str, list[str]]) -> list[str]:
    """Topic ids with evidence anywhere in a paragraph."""
    return sorted({t for topics in marks.values() for t in topics})
