"""Structure for text pasted from a web page: paragraphs, title, standfirst, subheadings, dateline."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from digest.records import Block, Dateline, Section, SourceRef
from digest.read.source import PARAGRAPH_BREAKS, break_lines

_TERMINAL = re.compile(r"[.!?:;,…]['’\"”)\]]*$")
_NUMBERED = re.compile(r"^\d{1,2}[.)]\s+\S")
_MINOR_WORDS = frozenset("a an and as at but by for from in into nor not of on or per the to vs via with".split())
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’-]+(?:\s[A-Z][A-Z.'’-]+){0,3})"
    r"(?:,\s(?P<region>[A-Z][A-Za-z.]+(?:\s[\w.]+){0,2}?))?"
    r"(?:,?\s\((?P<agency>[A-Za-z][\w .&-]{0,30})\))?"
    r"\s?[-–—]{1,2}\s+"
)


def paragraphs(lines: Sequence[str], path: str, first_line: int) -> list[Block]:
    """Split lines into paragraphs: one per line, except lines that continue a wrapped sentence.

    A paragraph separator (U+2029) inside a line also ends a paragraph, and the next one keeps the
    line number an editor shows; line breaks inside a line (U+2028, form feed, ...) are spaces.
    """
    blocks: list[Block] = []
    previous_blank = True
    for raw, number in break_lines(lines, first_line, PARAGRAPH_BREAKS):
        text = " ".join(raw.split())
        if not text:
            previous_blank = True
            continue
        if blocks and not previous_blank and _continues(blocks[-1].text, text):
            blocks[-1] = Block(blocks[-1].text + " " + text, blocks[-1].ref)
        else:
            blocks.append(Block(text, SourceRef(path, number)))
        previous_blank = False
    return blocks


def _continues(previous: str, line: str) -> bool:
    """A hard-wrapped line: the previous line stops mid-sentence and this one starts in lower case."""
    return not _TERMINAL.search(previous) and (line[0].islower() or previous.endswith(("-", ",")))


def looks_like_title(text: str) -> bool:
    """A first line that can serve as a title: short, and not a sentence ending in a full stop."""
    return len(text.split()) <= 25 and not text.endswith(".")


def is_heading(text: str) -> bool:
    """A subheading: a numbered takeaway or a short title-case line without a final stop."""
    words = text.split()
    if not words or len(words) > 15 or not text[0].isupper() and not text[0].isdigit():
        return False
    if _NUMBERED.match(text):
        return not _TERMINAL.search(text) or text.endswith("?")
    if _TERMINAL.search(text) and not text.endswith("?"):
        return False
    significant = [w for w in words if w.lower().strip("’'\",") not in _MINOR_WORDS]
    capitalised = [w for w in significant if w[0].isupper() or w[0].isdigit()]
    needed = 0.75 if text.endswith("?") else 0.6
    return bool(significant) and len(capitalised) / len(significant) >= needed


def standfirst(blocks: Sequence[Block]) -> bool:
    """Whether the first block is a one-line summary: short, and followed by a longer paragraph."""
    if len(blocks) < 2 or is_heading(blocks[0].text):
        return False
    first, second = len(blocks[0].text.split()), len(blocks[1].text.split())
    return first <= 25 and second > first and blocks[0].text.count(". ") == 0


def dateline(block: Block) -> tuple[Dateline, str] | None:
    """Split a wire dateline such as 'WASHINGTON (NYTIMES) - ' off the start of a paragraph."""
    text = block.text
    match = _DATELINE.match(text)
    if not match or len(match.group("place")) < 3 or not text[match.end():][:1].isupper():
        return None
    found = Dateline(match.group("place"), match.group("agency") or "", match.group().strip(), block.ref.line)
    return found, text[match.end():]


def mark_headings(blocks: Sequence[Block]) -> list[Block]:
    """Mark subheadings as ``heading`` blocks (a heading must have a paragraph after it)."""
    marked = []
    for index, block in enumerate(blocks):
        following = blocks[index + 1] if index + 1 < len(blocks) else None
        heading = following is not None and is_heading(block.text) and not is_heading(following.text)
        marked.append(replace(block, kind="heading") if heading else block)
    return marked


def sections(blocks: Sequence[Block]) -> tuple[Section, ...]:
    """Group blocks into sections at each ``heading`` block (plain text and Markdown alike)."""
    result: list[Section] = []
    heading, heading_ref, body = "", None, []
    for block in blocks:
        if block.kind == "heading":
            if body or heading:
                result.append(Section(heading, tuple(body), heading_ref))
            heading, heading_ref, body = block.text, block.ref, []
        else:
            body.append(block)
    if body or heading:
        result.append(Section(heading, tuple(body), heading_ref))
    return tuple(result)
