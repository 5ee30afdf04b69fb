"""Markdown bodies: raw HTML off, split into top-level blocks that keep their source lines."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator, Sequence

from markdown_it import MarkdownIt
from markdown_it.token import Token

from digest.records import Block, Diagnostic, DigestError, SourceRef

_MD = MarkdownIt("commonmark", {"html": False, "maxNesting": 100})
PARSE_BUDGET = 2.0
"""Seconds one article's Markdown may take to parse (markdown-it-py is quadratic on some inputs)."""


class _OverBudget(Exception):
    pass


@contextlib.contextmanager
def _budget(seconds: float, ref: SourceRef) -> Iterator[None]:
    """Turn a parse that runs longer than ``seconds`` into a file-scoped error (POSIX, main thread only)."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def expire(signum: int, frame: object) -> None:
        raise _OverBudget

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except _OverBudget:
        raise DigestError(ref, f"Markdown too complex to read within {seconds:g} s (such as thousands of "
                          "unclosed '['); simplify it, or save the article as .txt") from None
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def blocks(lines: Sequence[str], path: str, first_line: int) -> tuple[str, list[Block], list[Diagnostic]]:
    """Parse Markdown; return the first level-1 heading (if it opens the text) and the blocks.

    Headings become ``heading`` blocks; every other top-level construct becomes one block with
    its rendered HTML and its plain text.
    """
    with _budget(PARSE_BUDGET, SourceRef(path, first_line)):
        tokens = _MD.parse("\n".join(lines))
    notes = _too_deep(tokens, path, first_line)
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
    return title, result, notes


def _too_deep(tokens: list[Token], path: str, first_line: int) -> list[Diagnostic]:
    """A warning where markdown-it stopped at maxNesting and dropped the rest of a block."""
    limit = _MD.options["maxNesting"]
    top = None
    for token in tokens:
        if token.level == 0 and token.map:
            top = token
        if token.level >= limit - 1:
            line = first_line + (top.map[0] if top and top.map else 0)
            return [Diagnostic(SourceRef(path, line), "warning", f"content nested deeper than {limit - 1} "
                               "levels was dropped; flatten the quotes or lists")]
    return []


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
