"""What a saved page says about its article beyond its text: the headline as the page shows it, the
publication date and the author, read from the page's markup by the conventions pages follow. Pure
functions over an lxml tree."""

from __future__ import annotations

import datetime as dt
import re
from itertools import pairwise

from digest.records import Block, SourceRef
from digest.read.source import clean_inline
from digest.read.structure import date_of_line


def headline(titles: list[str], blocks: list[Block], h1s: list[str]) -> tuple[str, SourceRef | None, int]:
    """The headline as the page shows it, where it is, and how many blocks come before it.

    The metadata's titles may word the headline differently from the page itself. The headline is the
    page's one visible ``<h1>`` when it opens the body or shares half the title's words; else, among the
    short blocks that open the body (before its first paragraph of prose), the one holding most of the
    words of the first title that one holds most of, or one that is a visible ``<h1>``; else the
    metadata's title. The blocks above the
    headline are the page's chrome (site name, menus, notices)."""
    opening: list[tuple[int, Block]] = []
    for index, block in enumerate(blocks[:12]):
        if len(block.text.split()) >= 30 or (index and block.text.endswith(".") and len(_words(block.text)) > 20):
            break
        opening.append((index, block))
    in_opening = [(i, b) for i, b in opening if any(same(b.text, h1) for h1 in h1s)]
    if len(h1s) == 1:
        if in_opening:
            return in_opening[0][1].text, in_opening[0][1].ref, in_opening[0][0]
        if _share(titles, h1s[0]) >= 0.5:
            return h1s[0], None, 0
    best = None
    for title in titles:
        wanted = len(_words(title))
        shares = [(_share([title], b.text), -i, i, b) for i, b in opening if len(_words(b.text)) <= 2 * wanted + 4]
        top = max(shares, default=None, key=lambda found: found[:2])
        if top and top[0] >= 0.6:
            best = (top[2], top[3])
            break
    best = best or next(iter(in_opening), None)
    if best is not None:
        return best[1].text, best[1].ref, best[0]
    return next(iter(titles), next(iter(h1s), "")), None, 0


def _share(titles: list[str], text: str) -> float:
    """The largest share of a title's words that ``text`` holds."""
    words = _words(text)
    return max((len(_words(t) & words) / len(_words(t)) for t in titles if _words(t)), default=0.0)


def stated_titles(tree, extracted: str, sites: set[str]) -> list[str]:  # noqa: ANN001 - an lxml element
    """The titles the page gives, most trusted first (``og:title``, ``<title>``, then trafilatura's, which
    may be any heading), without site names; none that is a site's name or address."""
    found = [e.get("content", "") for e in tree.iter("meta")
             if (e.get("property") or e.get("name") or "").casefold() in ("og:title", "twitter:title")]
    found += [*(e.text_content() for e in tree.iter("title")), extracted]
    titles: list[str] = []
    for title in map(clean_inline, found):
        for site in sites:
            title = _without_site(title, site)
        if title and not any(same(title, site) for site in sites) and title not in titles and not _ADDRESS.fullmatch(title):
            titles.append(title)
    return titles


def site_names(tree, extracted: str) -> set[str]:  # noqa: ANN001 - an lxml element
    """What the site calls itself: trafilatura's site name, ``og:site_name``, and a heading marked as the
    site's title or logo."""
    names = {extracted} | {clean_inline(e.get("content", "")) for e in tree.iter("meta")
                           if (e.get("property") or e.get("name") or "").casefold() in ("og:site_name", "application-name")}
    names |= {clean_inline(e.text_content()) for e in tree.iter("h1", "div", "a", "span")
              if _SITE_MARK.search(f"{e.get('class', '')} {e.get('id', '')}") and len(e.text_content().split()) <= 6}
    return {name for name in names if name and len(name.split()) <= 6}


_ADDRESS = re.compile(r"(?:www\.)?[\w-]+(?:\.[\w-]+)+")
_SITE_MARK = re.compile(r"site-title|site-name|logo|brand", re.IGNORECASE)


_PUBLISHED = frozenset({"article:published_time", "datepublished", "og:published_time", "pubdate", "publishdate",
                        "publish-date", "dc.date.issued", "dcterms.issued", "sailthru.date", "parsely-pub-date"})
"""Names of the metadata that state when an article was first published (htmldate may prefer a later
modification time)."""


def stated_date(tree) -> str:  # noqa: ANN001 - an lxml element
    """The publication date the page's metadata states, as YYYY-MM-DD, or empty."""
    for element in tree.iter("meta", "time"):
        names = {(element.get(a) or "").casefold() for a in ("name", "property", "itemprop")}
        if element.tag == "time" and element.get("pubdate") is not None:
            names.add("pubdate")
        if names & _PUBLISHED:
            value = element.get("content") or element.get("value") or element.get("datetime") or ""
            if as_date(value):
                return value[:10]
    for script in tree.iter("script"):
        if "ld+json" in (script.get("type") or ""):
            found = re.search(r'"datePublished"\s*:\s*"(\d{4}-\d{2}-\d{2})', script.text_content())
            if found and as_date(found.group(1)):
                return found.group(1)
    return ""


def labelled_date(tree, guessed: str | None) -> str:  # noqa: ANN001 - an lxml element
    """A date the page shows under a label ("Announced" then "April 2, 2024"), when the extractor's own
    date is only a year (it reads "1998-01-01" off a copyright line)."""
    if guessed and not guessed.endswith("-01-01"):
        return ""
    for previous, text in pairwise(["", *_leaves(tree)[:2000]]):
        date = date_of_line(text)
        if date and (_DATE_LABEL.match(text) or _DATE_LABEL.fullmatch(previous)):
            return date.isoformat()
    return ""


_DATE_LABEL = re.compile(r"(published|posted|announced|released|issued|date|dated)\b\s*:?", re.IGNORECASE)


def _leaf_elements(tree) -> list:  # noqa: ANN001 - an lxml element
    """Every element that holds text and no other element, in page order."""
    return [e for e in tree.iter() if isinstance(e.tag, str) and len(e) == 0
            and e.tag not in ("script", "style", "title", "meta") and (e.text or "").strip()]


def _leaves(tree) -> list[str]:  # noqa: ANN001 - an lxml element
    """The text of every element that holds text and no other element, in page order."""
    return [clean_inline(e.text_content()) for e in _leaf_elements(tree)]


def author(tree, extracted: str, site: str) -> str:  # noqa: ANN001 - an lxml element
    """The byline's name: the page's ``<meta name="author">`` (without the address or e-mail set after
    it), else a name set after a lone "By", else an element marked as the author, else trafilatura's
    first author; each only when it reads as a person's name (not a date or the site's name) and is not
    in a box of other stories."""
    candidates = [_CONTACT.sub(" ", e.get("content", "")) for e in tree.iter("meta")
                  if (e.get("name") or "").casefold() == "author"]
    leaves = [e for e in _leaf_elements(tree) if not _in_furniture(e)]
    candidates += [name.text_content() for word, name in pairwise(leaves)
                   if _BYLINE_WORD.fullmatch(clean_inline(word.text_content()))]
    candidates += [e.text_content() for e in tree.iter("a", "span", "div", "p", "address")
                   if _AUTHOR_MARK.search(" ".join(e.get(a, "") for a in ("class", "id", "rel", "itemprop")))
                   and not _in_furniture(e)]
    candidates.append(extracted.split(";")[0])
    return next((name for name in map(_name, candidates) if _plausible_name(name, site)), "")


def _in_furniture(element) -> bool:  # noqa: ANN001 - an lxml element
    """Whether the element or one of its three nearest ancestors is marked as another story's box."""
    near = [element, *list(element.iterancestors())[:3]]
    return any(FURNITURE_CLASS.search(f"{a.get('class', '')} {a.get('id', '')}") for a in near)


_CONTACT = re.compile(r"\(?\s*(?:https?://|www\.|mailto:|\S+@)\S*\s*\)?")
_AUTHOR_MARK = re.compile(r"author|byline", re.IGNORECASE)
_BYLINE_WORD = re.compile(r"(?:by|por|par|von|door|di|av|af)\s*:?", re.IGNORECASE)
_MONTHS = frozenset("january february march april may june july august september october november december".split())


def _name(text: str) -> str:
    name = clean_inline(text)
    return re.sub(r"^(?:by|por|par|von|door|di|av|af)\s+", "", name, flags=re.IGNORECASE).strip(" ,|")


def _plausible_name(name: str, site: str) -> bool:
    """Two to five words, mostly capitalised, with no digits, month or site name among them."""
    words = name.split()
    if not 2 <= len(words) <= 5 or re.search(r"\d|@|://", name) or same(name, site):
        return False
    if {w.casefold().strip(".,") for w in words} & _MONTHS:
        return False
    return sum(w[:1].isupper() for w in words) * 2 >= len(words) + 1


def _without_site(title: str, site: str) -> str:
    """The title without the site's name set before or after a separator ("Issue 85 – Firefox Nightly
    News", "Global Voices Online » Africa: ...")."""
    parts = _SEPARATOR.split(title)
    if len(parts) > 1 and site and _words(parts[-1]) <= _words(site) | {"the"}:
        return clean_inline(title[:title.rindex(parts[-1])].rstrip()[:-1])
    if len(parts) > 1 and site and _words(parts[0]) <= _words(site) | {"the"}:
        return clean_inline(_SEPARATOR.split(title, maxsplit=1)[1])
    return title


_SEPARATOR = re.compile(r"\s+[|–—/·:»«›‹-]\s+")


def visible_h1s(tree, sites: set[str]) -> list[str]:  # noqa: ANN001 - an lxml element
    """The text of each ``<h1>`` a reader sees as a headline (not one hidden for screen readers, nor the
    site's name set as its logo)."""
    found = []
    for element in tree.iter("h1"):
        marks = f"{element.get('class', '')} {element.get('id', '')} {element.get('style', '')}"
        if re.search(r"sr-only|visually-hidden|screen-reader|display:\s*none|site-title|logo|brand", marks):
            continue
        text = clean_inline(element.text_content())
        if 1 < len(text.split()) <= 30 and not any(same(text, site) for site in sites):
            found.append(text)
    return found


def _words(text: str) -> set[str]:
    return {w.removesuffix("'s").removesuffix("’s") for w in re.findall(r"[\w'’]+", text.casefold())}


FURNITURE_CLASS = re.compile(r"related|nextstory|next-post|recommend|teaser|promo|share|social|newsletter|subscri"
                              r"|advert|adslot|admargin|sidebar|comment|footer|breadcrumb|cookie|banner|popular"
                              r"|more-stories|sponsor", re.IGNORECASE)
"""Class and id words that mark page furniture: trafilatura's fallback extractors keep the page's own
elements, and with them the boxes of other stories, share bars and sign-up forms."""


def same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def as_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None
