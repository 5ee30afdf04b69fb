"""Saved web pages: the article's blocks and metadata, extracted with trafilatura, each block at its line
in the HTML file. Pure: takes the page's text, gives a ``Page``."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from digest.records import Block, DigestError, SourceRef
from digest.read.pagemeta import (FURNITURE_CLASS, as_date, author, headline, labelled_date, site_names,
                                  stated_date, stated_titles, visible_h1s)
from digest.read.source import clean_inline

SUFFIXES = (".html", ".htm")


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
    chrome: tuple[Block, ...] = ()
    """Blocks the extractor kept above the headline: the site's name, menus, notices."""


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
    try:
        document = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False,
                                               include_tables=True, output_format="python")
    except Exception as exc:  # noqa: BLE001 - the extractor's failure is this file's problem, said with its name
        raise DigestError(SourceRef(path, 1), f"cannot extract the article from this page ({type(exc).__name__}: "
                          f"{exc}); save the page again, or paste its text into a .txt file") from None
    if document is None or document.body is None:
        return Page("", None, "", "", "", (), ())
    lines = _LineFinder(tree)
    blocks = list(_blocks(document.body, path, lines))
    sites = site_names(tree, clean_inline(document.sitename or ""))
    titles = stated_titles(tree, clean_inline(document.title or ""), sites)
    title, title_ref, before = headline(titles, blocks, visible_h1s(tree, sites))
    url = document.url if re.match(r"https?://[^\s/]+", document.url or "") else ""
    date = stated_date(tree) or labelled_date(tree, document.date) or document.date or ""
    site = clean_inline(document.sitename or "")
    fields = {"title": title, "date": date, "author": author(tree, document.author or "", site), "source": site,
              "url": url}
    origins = tuple((name, *_where(tree, name, value)) for name, value in fields.items() if value)
    origins = tuple((name, how, SourceRef(path, line) if line else None) for name, how, line in origins)
    if title_ref is not None and not any(name == "title" and ref for name, _, ref in origins):
        origins = (("title", "the headline", title_ref), *(o for o in origins if o[0] != "title"))
    article = blocks[before + 1:] if title_ref is not None else blocks
    return Page(title, as_date(date), fields["author"], fields["source"], url, tuple(article),
                origins, tuple(blocks[:before]))


def _blocks(body, path: str, lines: _LineFinder):  # noqa: ANN001, ANN202 - trafilatura's lxml tree
    """Each heading, paragraph, list item, quotation, table row and loose run of text of the extracted
    body, in order, with its line; containers marked as furniture by their class or id are skipped."""
    last = 1
    for tag, text in _pieces(body):
        text = clean_inline(text)
        if text:
            last = lines.line_of(text) or last
            yield Block(text, SourceRef(path, last), "heading" if tag == "head" else "paragraph")


_TEXT_TAGS = frozenset({"head", "p", "quote", "code", "item", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote"})
def _pieces(element):  # noqa: ANN001, ANN202 - an lxml element
    """(tag, text) for each text block under ``element``."""
    marks = f"{element.get('class', '')} {element.get('id', '')}"
    if marks.strip() and FURNITURE_CLASS.search(marks):
        return
    if element.tag in _TEXT_TAGS:
        yield ("head" if element.tag in ("head", "h1", "h2", "h3", "h4", "h5", "h6") else "p",
               " ".join(element.itertext()))
        return
    if element.tag in ("row", "tr") and not any(child.tag in _TEXT_TAGS or len(child) for cell in element
                                                for child in cell):
        cells = [" ".join(" ".join(cell.itertext()).split()) for cell in element]
        yield "row", " | ".join(cell for cell in cells if cell)
        return
    if element.text and element.text.strip():
        yield "p", element.text
    for child in element:
        yield from _pieces(child)
        if child.tail and child.tail.strip():
            yield "p", child.tail


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


