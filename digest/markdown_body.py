"""Markdown bodies: raw HTML off, split into top-level blocks that keep their source lines."""

from __future__ import annotations

from collections.abc import Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from digest.records import Block, SourceRef

_MD = MarkdownIt("commonmark", {"html": False, "maxNesting": 100})


def blocks(lines: Sequence[str], path: str, first_line: int) -> tuple[str, list[Block]]:
    """Parse Markdown; return the first level-1 heading (if it opens the text) and the blocks.

    Headings become ``heading`` blocks; every other top-level construct becomes one block with
    its rendered HTML and its plain text.
    """
    tokens = _MD.parse("\n".join(lines))
    result: list[Block] = []
    title = ""
    index = 0
    while index < len(tokens):
        end = _block_end(tokens, index)
        token = tokens[index]
        line = first_line + (token.map[0] if token.map else 0)
        ref = SourceRef(path, line)
        text = " ".join(_plain_text(tokens[index:end]).split())
        if token.type == "heading_open":
            if token.tag == "h1" and not result and not title:
                title = text
            else:
                result.append(Block(text, ref, "heading"))
        elif text:
            kind = token.type.removesuffix("_open")
            html = _MD.renderer.render(tokens[index:end], _MD.options, {})
            result.append(Block(text, ref, kind, html))
        index = end
    return title, result


def _block_end(tokens: list[Token], start: int) -> int:
    """Index just past the top-level block starting at ``start``."""
    depth = 0
    for index in range(start, len(tokens)):
        depth += tokens[index].nesting
        if depth == 0:
            return index + 1
    return len(tokens)


def _plain_text(tokens: Sequence[Token]) -> str:
    parts: list[str] = []
    for token in tokens:
        if token.type == "inline":
            for child in token.children or []:
                if child.type in ("text", "code_inline"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append(" ")
            parts.append(" ")
        elif token.type in ("fence", "code_block"):
            parts.append(token.content)
    return "".join(parts)
