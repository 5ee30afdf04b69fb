"""Saved web pages: the article's blocks and metadata, extracted with trafilatura, each block at its line
in the HTML file. Pure: takes the page's text, gives a ``Page``."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from digest.records import Block, DigestError, SourceRef
from digest.read.source import clean_inline

SUFFIXES = (".html", ".htm")
HEADING_TAGS = ("head",)


@dataclass(frozen=True)
class Page:
    """What a saved page says about its article."""

    title: str
    date: dt.date | None
    author: str
    source: str
    """The site's name."""
    url: str
    """The page's canonical address (http or https), or empty."""
    blocks: tuple[Block, ...]
    """Headings and paragraphs of the article, in page order."""
    origins: tuple[tuple[str, str, SourceRef | None], ...]
    """(field, where in the page it was found, its line) for each field found."""


def decode_page(data: bytes, path: str) -> str:
    """The page's text: UTF-8, else the encoding its ``<meta charset>`` declares; line ends normalised."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        declared = _CHARSET.search(data[:4096])
        try:
            text = data.decode(declared.group(1).decode("ascii") if declared else "windows-1252")
        except (LookupError, UnicodeDecodeError):
            raise DigestError(SourceRef(path, 1), "cannot tell how this page is encoded; save it again as UTF-8") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


_CHARSET = re.compile(rb"<meta[^>]+charset=[\"']?([A-Za-z0-9_-]+)", re.IGNORECASE)


def read_page(text: str, path: str) -> Page:
    """Extract the article from a page's HTML (no blocks when it holds no article text); raise
    ``DigestError`` when it is not HTML at all."""
    import trafilatura  # imported here: only saved pages need it, and it takes a fifth of a second to load
    from lxml import html as lxml_html

    try:
        tree = lxml_html.document_fromstring(text)
    except (ValueError, SyntaxError):
        raise DigestError(SourceRef(path, 1), "not an HTML page; save the page again as HTML") from None
    document = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False, include_tables=True,
                                           output_format="python")
    if document is None or document.body is None:
        return Page("", None, "", "", "", (), ())
    lines = _LineFinder(tree)
    title = clean_inline(document.title or "")
    blocks = [block for block in _blocks(document.body, path, lines)]
    if blocks and blocks[0].kind == "heading" and _same(blocks[0].text, title):
        blocks = blocks[1:]
    url = document.url if re.match(r"https?://[^\s/]+", document.url or "") else ""
    fields = {"title": title, "date": document.date or "", "author": clean_inline(document.author or ""),
              "source": clean_inline(document.sitename or ""), "url": url}
    origins = tuple((name, *_where(tree, name, value)) for name, value in fields.items() if value)
    return Page(title, _date(document.date), fields["author"], fields["source"], url, tuple(blocks),
                tuple((name, how, SourceRef(path, line) if line else None) for name, how, line in origins))


def _blocks(body, path: str, lines: _LineFinder):  # noqa: ANN001, ANN202 - trafilatura's lxml tree
    """Each heading, paragraph, list item, quotation and table row of the extracted body, with its line."""
    last = 1
    for element in body:
        pieces = [element] if element.tag in ("head", "p", "quote", "code") else list(
            element.iter("item", "row")) or [element]
        for piece in pieces:
            if piece.tag == "row":
                text = " | ".join(clean_inline(" ".join(cell.itertext())) for cell in piece.iter("cell"))
            else:
                text = clean_inline(" ".join(piece.itertext()))
            if not text:
                continue
            last = lines.line_of(text) or last
            yield Block(text, SourceRef(path, last), "heading" if piece.tag in HEADING_TAGS else "paragraph")


class _LineFinder:
    """The HTML line each text starts on: the deepest element whose text begins the same way."""

    def __init__(self, tree):  # noqa: ANN001 - an lxml element
        self.starts: dict[str, int] = {}
        for element in tree.iter():
            if not isinstance(element.tag, str) or element.tag in ("script", "style", "head", "title", "meta"):
                continue
            key = _key(element.text_content())
            if key:
                self.starts[key] = element.sourceline or 0

    def line_of(self, text: str) -> int:
        key = _key(text)
        found = self.starts.get(key)
        if found is None and len(key) > 24:
            found = next((line for start, line in self.starts.items() if start.startswith(key[:24])), None)
        return found or 0


def _key(text: str) -> str:
    return " ".join(text.split())[:48].casefold()


def _where(tree, name: str, value: str) -> tuple[str, int]:  # noqa: ANN001 - an lxml element
    """Which element of the page holds ``value``, and its line (trafilatura does not say): one that holds
    exactly it, else one that contains it."""
    wanted = " ".join(value.split()).casefold()
    for exact in (True, False):
        for element in tree.iter("meta", "link", "time", "title", "h1", "script"):
            candidates = [element.get(attribute, "") for attribute in ("content", "href", "datetime")]
            if element.tag in ("title", "h1", "script"):
                candidates.append(element.text_content())
            if any(_holds(" ".join(c.split()).casefold(), wanted, name, exact) for c in candidates if c):
                return _describe(element), element.sourceline or 0
    return "the page's metadata", 0


def _holds(text: str, wanted: str, name: str, exact: bool) -> bool:
    if name == "date":
        return text.startswith(wanted) if exact else f'"{wanted}' in text
    return text == wanted if exact else wanted in text


def _describe(element) -> str:  # noqa: ANN001 - an lxml element
    for attribute in ("property", "name", "itemprop", "rel", "type"):
        if element.get(attribute):
            return f'<{element.tag} {attribute}="{element.get(attribute)}">'
    return f"<{element.tag}>"


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
