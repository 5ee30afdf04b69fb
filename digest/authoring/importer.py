"""New article files: text pasted from a web page with the metadata the loader can infer, or a blank Markdown
article to fill in. Pure functions that return the file's name and text, and one exclusive-create write."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from digest.read.config import Config
from digest.read.loader import SUFFIXES, parse_article
from digest.records import Article, Diagnostic, DigestError, Section, SourceRef
from digest.read.slugs import make_slug
from digest.read.source import clean_inline, split_front_matter
from digest.authoring.textdates import find_date

FIELDS = ("title", "date", "source", "author")
_HINTS = {
    "title": "the text opens with a sentence, not a title line; add 'title: ...' to the front matter",
    "date": "no date in the text; add 'date: YYYY-MM-DD' to the front matter",
    "source": "no dateline names an outlet; add 'source: ...' (the outlet's name) to the front matter",
    "author": "no 'By ...' line; add 'author: ...' to the front matter",
}
NEW_BODY_HINT = "# Write the article below the closing --- line; until it has body text it is listed and not published."


@dataclass(frozen=True)
class Draft:
    """A new article file, ready to be written."""

    name: str
    """File name inside the articles folder."""
    text: str
    """The whole file: front matter and body."""
    found: tuple[tuple[str, str, str], ...] = ()
    """(field, value, where it came from) for each metadata field that is known."""
    missing: tuple[tuple[str, str], ...] = ()
    """(field, what to do) for each metadata field that could not be inferred."""


def draft_import(text: str, shown: str, config: Config, topic_ids: frozenset[str], today: dt.date) -> Draft:
    """Turn pasted text (decoded, ``\\n`` line ends) into an article file; raise ``DigestError`` when unusable."""
    if not text.strip():
        raise DigestError(SourceRef(shown), "nothing to import: the text is empty; paste the article into it")
    suffix = Path(shown).suffix.lower() if Path(shown).suffix.lower() in SUFFIXES else ".txt"
    as_path = shown if Path(shown).suffix.lower() == suffix else f"{shown}{suffix}"
    article, warnings = parse_article(text.encode("utf-8"), as_path, config, topic_ids, today)
    if not article.paragraphs:
        raise DigestError(SourceRef(shown), "no body text to import; paste the article's text, not only its title")
    source = split_front_matter(text, shown)
    origin = dict(article.metadata_origin)
    if any(w.message.startswith("no title") for w in warnings):  # the loader fell back to the first sentence
        origin.pop("title", None)
    found = {name: (getattr(article, name), _where(article, name, how)) for name, how in origin.items()}
    if "date" not in found:
        lines = list(enumerate(source.body_lines, start=source.body_start))
        clue = find_date([(p.ref.line, p.text) for p in article.paragraphs], lines, today)
        if clue:
            found["date"] = (clue.date, f'"{clue.text}" at line {clue.line}'
                             + (f"; {clue.year_from}" if clue.year_from else ""))
    inferred = {name: found[name][0] for name in FIELDS if name in found and origin.get(name) != "front matter"}
    front = (source.front_matter + "\n" if source.front_matter else "") + _yaml(inferred)
    body = "\n".join(source.body_lines).rstrip("\n") + "\n"
    title = str(found["title"][0]) if "title" in found else _opening(article)
    date = found["date"][0] if "date" in found else None
    return Draft(file_name(title, date, suffix), (f"---\n{front}---\n" if front else "") + body,
                 tuple((n, _shown_value(found[n][0]), found[n][1]) for n in FIELDS if n in found),
                 tuple((n, _HINTS[n]) for n in FIELDS if n not in found))


_PAGE_HINTS = {
    "title": "the page names no title; add 'title: ...' to the front matter",
    "date": "the page gives no publication date; add 'date: YYYY-MM-DD' to the front matter",
    "source": "the page names no site; add 'source: ...' (the outlet's name) to the front matter",
    "author": "the page names no author; add 'author: ...' to the front matter",
}


def draft_from_page(data: bytes, shown: str, address: str, config: Config, topic_ids: frozenset[str],
                    today: dt.date) -> Draft:
    """Turn a web page (``address``: where it was fetched from, or empty for a saved file) into a Markdown
    article with front matter; raise ``DigestError`` when it holds no article."""
    article, _ = parse_article(data, "page.html", config, topic_ids, today)
    if not article.paragraphs:
        raise DigestError(SourceRef(shown), "no article text found in this page; save the page itself, or paste "
                          "its text into a file and import that")
    origin = dict(article.metadata_origin)
    found = {name: (getattr(article, name), f"{origin[name]} of the page") for name in FIELDS
             if getattr(article, name) and origin.get(name, "file name") != "file name"}
    fields: dict[str, Any] = {name: value for name, (value, _) in found.items()}
    url = address or article.url
    if url:
        fields["url"] = url
    body = "\n\n".join(_markdown_section(section) for section in article.sections)
    return Draft(file_name(article.title, article.date, ".md"), f"---\n{_yaml(fields)}---\n{body}\n",
                 tuple((n, _shown_value(found[n][0]), found[n][1]) for n in FIELDS if n in found)
                 + ((("url", url, "the address fetched" if address else f"{origin['url']} of the page"),) if url else ()),
                 tuple((n, _PAGE_HINTS[n]) for n in FIELDS if n not in found))


def _markdown_section(section: Section) -> str:
    """A section as Markdown: its heading, then its paragraphs, with Markdown's own characters escaped."""
    parts = ([f"## {_escaped(section.heading)}"] if section.heading else []) + [
        _escaped(p.text) for p in section.paragraphs]
    return "\n\n".join(parts)


def _escaped(text: str) -> str:
    """Plain text that Markdown shows as written."""
    text = _MARKDOWN_CHARACTERS.sub(r"\\\g<0>", text)
    return _LINE_START.sub(r"\g<1>\\\g<2>", text)


_MARKDOWN_CHARACTERS = re.compile(r"[\\`*_\[\]<>|]")
_LINE_START = re.compile(r"^(\d*)([#>+=~-]|\.(?= ))")


def draft_new(title: str, today: dt.date) -> Draft:
    """A Markdown article with front matter to fill in and an empty body (listed by ``build``, not published)."""
    title = clean_inline(title)
    if not title:
        raise DigestError(SourceRef("digest new"), 'the title is empty; give one, e.g. digest new "Talks resume in Geneva"')
    fields = {"title": title, "date": today, "source": "", "author": "", "url": "", "topics": []}
    return Draft(file_name(title, today, ".md"), f"---\n{_yaml(fields)}{NEW_BODY_HINT}\n---\n")


def file_name(title: str, date: dt.date | None, suffix: str) -> str:
    """``YYYY-MM-DD-<slug of the title><suffix>``, without the date prefix when the date is unknown."""
    return (f"{date.isoformat()}-" if date else "") + make_slug(title, "article") + suffix


def reload_warnings(draft: Draft, shown: str, config: Config, topic_ids: frozenset[str],
                    today: dt.date) -> list[Diagnostic]:
    """What ``build`` will say about the new file, beyond the fields ``draft.missing`` already names; raise
    ``DigestError`` if the file would not read back."""
    covered = tuple(f"no {field}" for field, _ in draft.missing)
    warnings = parse_article(draft.text.encode("utf-8"), shown, config, topic_ids, today)[1]
    return [w for w in warnings if not w.message.startswith(covered)]


def write_new_file(path: Path, data: str | bytes) -> None:
    """Create ``path`` with ``data``, refusing to replace any file. This is the one write outside ``writer.py``:
    that module publishes whole sites into the output folder, while this adds files the user owns (an article,
    a new project's files), where exclusive creation (``open(path, "x")``) is the guarantee that nothing is
    overwritten."""
    try:
        with open(path, "xb") as handle:
            handle.write(data.encode("utf-8") if isinstance(data, str) else data)
    except FileExistsError:
        raise DigestError(SourceRef(str(path)), "a file with this name already exists and is never overwritten; "
                          "rename or remove it, or set a different title") from None


def _yaml(fields: dict[str, Any]) -> str:
    """Front-matter lines; ``yaml.safe_dump`` quotes every value that needs it (": ", "#", quotes, "---")."""
    return yaml.safe_dump(fields, sort_keys=False, allow_unicode=True, width=1_000_000) if fields else ""


def _where(article: Article, name: str, how: str) -> str:
    """Where a field the loader filled came from, with the line when there is one."""
    if how == "dateline" and article.dateline:
        return f'dateline "{article.dateline.text}" at line {article.dateline.line}'
    byline = next((r for r in article.removed if r.rule == "byline"), None)
    if how == "byline" and byline:
        return f'byline "{byline.text}" at line {byline.ref.line}'
    date_line = next((r for r in article.removed if r.rule == "date_line"), None)
    if how == "date line" and date_line:
        return f'date line "{date_line.text}" at line {date_line.ref.line}'
    return f"the {how}"


def _opening(article: Article) -> str:
    """The first words of the body, to name a file whose title is unknown."""
    return " ".join(article.paragraphs[0].text.split()[:8])


def _shown_value(value: object) -> str:
    return value.isoformat() if isinstance(value, dt.date) else str(value)
