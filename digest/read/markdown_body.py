"""Markdown bodies: raw HTML off, split into top-level blocks that keep their source lines."""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator, Sequence

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

from digest.records import Block, Diagnostic, DigestError, SourceRef
from digest.read.source import LINE_BREAKS, PARAGRAPH_BREAKS, break_lines, scrub


def _scrub_references(state: StateCore) -> None:
    """Character references can spell a form feed or U+2028 (``&#12;``): scrub text and attributes."""
    _scrub_tokens(state.tokens)


def _scrub_tokens(tokens: Sequence[Token]) -> None:
    """Scrub text tokens and attribute values, children included."""
    for token in tokens:
        if token.type == "text":
            token.content = scrub(token.content)
        token.attrs = {name: scrub(value) if isinstance(value, str) else value for name, value in token.attrs.items()}
        _scrub_tokens(token.children or [])


_MD = MarkdownIt("commonmark", {"html": False, "maxNesting": 100})
_MD.core.ruler.push("scrub_references", _scrub_references)
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
    its rendered HTML and its plain text. Line and paragraph breaks inside a line (U+2028, form
    feed, ...) are line ends, and blocks keep the line number an editor shows.
    """
    pieces = break_lines(lines, first_line, LINE_BREAKS + PARAGRAPH_BREAKS)
    origin = [number for _, number in pieces] or [first_line]
    with _budget(PARSE_BUDGET, SourceRef(path, first_line)):
        tokens = _MD.parse("\n".join(text for text, _ in pieces))
    notes = _too_deep(tokens, path, origin)
    result: list[Block] = []
    title = ""
    index = 0
    while index < len(tokens):
        end = _block_end(tokens, index)
        token = tokens[index]
        ref = SourceRef(path, _line(token, origin))
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


def _line(token: Token | None, origin: Sequence[int]) -> int:
    """The file line a block token starts on (``origin`` maps parsed lines to file lines)."""
    return origin[min(token.map[0], len(origin) - 1)] if token and token.map else origin[0]


def _too_deep(tokens: list[Token], path: str, origin: Sequence[int]) -> list[Diagnostic]:
    """A warning where markdown-it stopped at maxNesting and dropped the rest of a block."""
    limit = _MD.options["maxNesting"]
    top = None
    for token in tokens:
        if token.level == 0 and token.map:
            top = token
        if token.level >= limit - 1:
            return [Diagnostic(SourceRef(path, _line(top, origin)), "warning", f"content nested deeper than "
                               f"{limit - 1} levels was dropped; flatten the quotes or lists")]
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
