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
    document = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False, include_tables=True,
                                           output_format="python")
    if document is None or document.body is None:
        return Page("", None, "", "", "", (), ())
    lines = _LineFinder(tree)
    blocks = list(_blocks(document.body, path, lines))
    stated = _without_site(clean_inline(document.title or ""), clean_inline(document.sitename or ""))
    title, title_ref, before = _headline(stated, blocks, _visible_h1s(tree))
    url = document.url if re.match(r"https?://[^\s/]+", document.url or "") else ""
    fields = {"title": title, "date": document.date or "", "author": _author(tree, document.author or ""),
              "source": clean_inline(document.sitename or ""), "url": url}
    origins = tuple((name, *_where(tree, name, value)) for name, value in fields.items() if value)
    origins = tuple((name, how, SourceRef(path, line) if line else None) for name, how, line in origins)
    if title_ref is not None and not any(name == "title" and ref for name, _, ref in origins):
        origins = (("title", "the headline", title_ref), *(o for o in origins if o[0] != "title"))
    article = blocks[before + 1:] if title_ref is not None else blocks
    return Page(title, _date(document.date), fields["author"], fields["source"], url, tuple(article),
                origins, tuple(blocks[:before]))


def _headline(title: str, blocks: list[Block], h1s: list[str]) -> tuple[str, SourceRef | None, int]:
    """The headline as the page shows it, where it is, and how many blocks come before it.

    trafilatura's title comes from the page's metadata, which may word the headline differently from
    the page itself. Among the short blocks that open the body (before its first paragraph of prose),
    the headline is the one that is one of the page's visible ``<h1>``, or that holds most of the
    metadata title's words; the blocks above it are the page's chrome (site name, menus, notices)."""
    wanted = _words(title)
    for index, block in enumerate(blocks[:12]):
        words = _words(block.text)
        if len(block.text.split()) >= 30 or (index and block.text.endswith(".") and len(words) > 20):
            break
        shared = len(wanted & words) / len(wanted) if wanted else 0.0
        if any(_same(block.text, h1) for h1 in h1s) or (shared >= 0.6 and len(words) <= 2 * len(wanted) + 4):
            return block.text, block.ref, index
    if not title:
        title = next(iter(h1s), "")
    return title, None, 0


def _author(tree, extracted: str) -> str:  # noqa: ANN001 - an lxml element
    """The byline's name: the page's ``<meta name="author">`` when it holds one, without the address or
    e-mail set after it ("Jane Doe (https://example.org/jane)"), else trafilatura's first author."""
    for element in tree.iter("meta"):
        if (element.get("name") or "").casefold() == "author":
            name = clean_inline(_CONTACT.sub(" ", element.get("content", "")))
            if 1 < len(name.split()) <= 6:
                return name
    return clean_inline(extracted.split(";")[0])


_CONTACT = re.compile(r"\(?\s*(?:https?://|www\.|mailto:|\S+@)\S*\s*\)?")


def _without_site(title: str, site: str) -> str:
    """The title without the site's name set after a separator ("Issue 85 – Firefox Nightly News")."""
    parts = _SEPARATOR.split(title)
    if len(parts) > 1 and site and _words(parts[-1]) <= _words(site) | {"the"}:
        return clean_inline(title[:title.rindex(parts[-1])].rstrip()[:-1])
    return title


_SEPARATOR = re.compile(r"\s+[|–—/·:-]\s+")


def _visible_h1s(tree) -> list[str]:  # noqa: ANN001 - an lxml element
    """The text of each ``<h1>`` a reader sees (not one hidden for screen readers)."""
    found = []
    for element in tree.iter("h1"):
        marks = f"{element.get('class', '')} {element.get('style', '')}"
        if re.search(r"sr-only|visually-hidden|screen-reader|display:\s*none", marks):
            continue
        text = clean_inline(element.text_content())
        if 1 < len(text.split()) <= 30:
            found.append(text)
    return found


def _words(text: str) -> set[str]:
    return {w.removesuffix("'s").removesuffix("’s") for w in re.findall(r"[\w'’]+", text.casefold())}


def _blocks(body, path: str, lines: _LineFinder):  # noqa: ANN001, ANN202 - trafilatura's lxml tree
    """Each heading, paragraph, list item, quotation, table row and loose run of text of the extracted
    body, in order, with its line; containers marked as furniture by their class or id are skipped."""
    last = 1
    for tag, text in _pieces(body):
        text = clean_inline(text)
        if text:
            last = lines.line_of(text) or last
            yield Block(text, SourceRef(path, last), "heading" if tag in HEADING_TAGS else "paragraph")


_TEXT_TAGS = frozenset({"head", "p", "quote", "code", "item", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote"})
_FURNITURE_CLASS = re.compile(r"related|nextstory|next-post|recommend|teaser|promo|share|social|newsletter|subscri"
                              r"|advert|adslot|admargin|sidebar|comment|footer|breadcrumb|cookie|banner|popular"
                              r"|more-stories|sponsor", re.IGNORECASE)
"""Class and id words that mark page furniture: trafilatura's fallback extractors keep the page's own
elements, and with them the boxes of other stories, share bars and sign-up forms."""


def _pieces(element):  # noqa: ANN001, ANN202 - an lxml element
    """(tag, text) for each text block under ``element``."""
    marks = f"{element.get('class', '')} {element.get('id', '')}"
    if marks.strip() and _FURNITURE_CLASS.search(marks):
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


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
