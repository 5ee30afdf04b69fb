"""The loader: the only input-side I/O. Finds article files and turns each into an ``Article``."""

from __future__ import annotations

import datetime as dt
import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from digest.read import htmlpage, markdown_body
from digest.read import plaintext
from digest.read.cleaning import clean
from digest.read.structure import BYLINE, date_of_line
from digest.read.config import Config
from digest.read.frontmatter import FrontMatter, parse_front_matter
from digest.read.cache import FOLDER, digest_of
from digest.records import Article, Block, Dateline, Diagnostic, DigestError, Removed, SourceRef, TaggedArticle
from digest.read.slugs import make_slug, unique_slugs
from digest.read.source import SourceText, clean_inline, decode, mojibake, split_front_matter

SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown", ".html": "html", ".htm": "html"}
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_JUNK = re.compile(r"(^[.~#]|~$|\.(swp|swo|tmp|bak)$|^Thumbs\.db$)", re.IGNORECASE)


@dataclass(frozen=True)
class Sources:
    """The bytes of every article file, and the problems met finding and reading them."""

    files: tuple[tuple[str, bytes], ...]
    """(path as shown to the user, file bytes) in a stable order."""
    diagnostics: tuple[Diagnostic, ...]
    """Files that could not be read, and links that were not followed."""
    ignored: int = 0
    """Files in the folder that are not articles."""


def discover(folder: Path, shown: str) -> tuple[list[os.DirEntry[str]], list[Diagnostic], int]:
    """Article files under ``folder`` in a stable order; symlinks and junk files are not followed. Each comes
    as its directory entry, which knows its type and caches its status (a large folder costs one call a file)."""
    found: list[os.DirEntry[str]] = []
    problems: list[Diagnostic] = []
    ignored = 0
    if not folder.is_dir():
        return [], [Diagnostic(SourceRef(shown), "error", "articles folder not found; create it and add .txt or .md files")], 0
    for dirs, files in _walk(str(folder)):
        for entry in dirs:
            if entry.is_symlink() and not _inside(Path(entry.path), folder):
                problems.append(Diagnostic(SourceRef(_shown(Path(entry.path), folder, shown), 1), "error",
                                           "symbolic link to a folder outside the articles folder is not read; "
                                           "copy the articles in"))
        names = [entry.name for entry in files]
        for entry in files:
            name = entry.name
            stem, suffix = os.path.splitext(name)
            if _JUNK.search(name) or suffix.lower() not in SUFFIXES or _kept_page(stem, suffix, names):
                ignored += 1
                continue
            control = _CONTROL.search(name)
            if control:
                shown_name = _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", _shown(Path(entry.path), folder, shown))
                problems.append(Diagnostic(SourceRef(shown_name, 1), "error", f"file name contains the control "
                                           f"character U+{ord(control.group()):04X}; rename the file"))
                continue
            if entry.is_symlink():
                problems.append(Diagnostic(SourceRef(_shown(Path(entry.path), folder, shown), 1), "error",
                                           "symbolic links are not read; copy the article into the folder instead"))
                continue
            found.append(entry)
    return found, problems, ignored


def _walk(top: str) -> Iterator[tuple[list[os.DirEntry[str]], list[os.DirEntry[str]]]]:
    """Each folder's sub-folders not hidden ("." or "_") and its files, by name, top down, never into a linked
    folder (as ``os.walk`` without ``followlinks``); a folder that cannot be listed is passed over."""
    try:
        with os.scandir(top) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError:
        return
    dirs = [e for e in entries if _is_dir(e) and not e.name.startswith((".", "_"))]
    yield dirs, [e for e in entries if not _is_dir(e)]
    for entry in dirs:
        if not entry.is_symlink():
            yield from _walk(entry.path)


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _kept_page(stem: str, suffix: str, names: list[str]) -> bool:
    """A web page kept beside the Markdown article imported from it (``digest add --keep-html``)."""
    return SUFFIXES.get(suffix.lower()) == "html" and f"{stem}.md" in names


def _inside(link: Path, folder: Path) -> bool:
    try:
        return link.resolve(strict=True).is_relative_to(folder.resolve())
    except (OSError, RuntimeError):
        return False


def _shown(path: Path, folder: Path, shown: str) -> str:
    return str(Path(shown, path.relative_to(folder)).as_posix())


@dataclass(frozen=True)
class Scan:
    """The article files found, and a key of them made from their file status alone."""

    paths: tuple[str, ...]
    diagnostics: tuple[Diagnostic, ...]
    ignored: int
    stamp: str
    """A key of the folder from each file's size, modification and change times and inode."""
    settled: bool
    """Whether every file is older than ``SETTLE_SECONDS``, so that the stamp can be trusted next time."""


def read_sources(config: Config, project: Path, scan: Scan | None = None) -> Sources:
    """Read every article file's bytes (those ``scan`` found, else all found now); collect all problems
    instead of stopping at the first."""
    folder = project / config.articles_dir
    scan = scan or scan_sources(config, project)
    diagnostics = list(scan.diagnostics)
    files: list[tuple[str, bytes]] = []
    prefix = len(str(folder)) + 1
    for path in scan.paths:
        shown = f"{config.articles_dir}/{path[prefix:].replace(os.sep, '/')}"
        try:
            files.append((shown, Path(path).read_bytes()))
        except OSError as exc:
            diagnostics.append(Diagnostic(SourceRef(shown, 1), "error",
                                          f"cannot read file ({exc.strerror}); check its permissions"))
    return Sources(tuple(files), tuple(diagnostics), scan.ignored)


SETTLE_SECONDS = 2.0
"""An article file changed less than this long ago may share its modification time with a later change."""


def scan_sources(config: Config, project: Path) -> Scan:
    """Find the article files and key them by their status, reading none. The change time cannot be set
    back by hand, so an edit always changes the stamp once the files have settled."""
    folder = project / config.articles_dir
    entries, diagnostics, ignored = discover(folder, config.articles_dir)
    recent = time.time() - SETTLE_SECONDS
    parts, settled = [repr(diagnostics), str(ignored)], True
    prefix = len(str(folder)) + 1
    for entry in entries:
        name = entry.path[prefix:]
        try:
            info = entry.stat()
        except OSError:
            parts.append(f"{name}\0unreadable")
            settled = False
            continue
        parts.append(f"{name}\0{info.st_size}\0{info.st_mtime_ns}\0{info.st_ctime_ns}\0{info.st_ino}")
        settled = settled and max(info.st_mtime, info.st_ctime) < recent
    paths = [entry.path for entry in entries]
    return Scan(tuple(paths), tuple(diagnostics), ignored, digest_of(*parts), settled)


def unique(articles: list[TaggedArticle]) -> tuple[list[TaggedArticle], list[Diagnostic]]:
    """Give every article its own slug, warning about each one that had to change; sorted by slug."""
    final, collisions = unique_slugs([(t.article.path.path, t.article.slug) for t in articles])
    diagnostics = []
    for path, wanted, given in collisions:
        other = next(t.article.path.path for t in articles if t.article.slug == wanted and t.article.path.path != path)
        diagnostics.append(Diagnostic(SourceRef(path, 1), "warning", f"slug {wanted!r} is already used by {other}; "
                                      f"this article is published as {given!r} (set 'slug:' in its front matter)"))
    renamed = [t if t.article.slug == final[t.article.path.path]
               else replace(t, article=replace(t.article, slug=final[t.article.path.path])) for t in articles]
    return sorted(renamed, key=lambda t: t.article.slug), diagnostics


def parse_article(data: bytes, path: str, config: Config, topic_ids: frozenset[str],
                  today: dt.date | None = None, topic_words: re.Pattern[str] | None = None) -> tuple[
                      Article, list[Diagnostic]]:
    """Turn one file's bytes into an Article (pure: no I/O). ``topic_words`` protects sentences naming
    a topic from the cleaner's guesses."""
    if len(data) > config.max_file_bytes:
        raise DigestError(SourceRef(path, 1), f"file is {len(data):,} bytes, over the {config.max_file_bytes:,} byte "
                          "limit; split it or raise max_file_bytes in digest.yaml")
    if SUFFIXES[Path(path).suffix.lower()] == "html":
        return _parse_page(data, path, config, today, topic_words)
    source = split_front_matter(decode(data, path), path)
    meta = (parse_front_matter(source.front_matter, path, topic_ids) if source.front_matter is not None
            else FrontMatter())
    kind = SUFFIXES[Path(path).suffix.lower()]
    warnings = [*source.warnings, *meta.warnings]
    garbled = mojibake(source.body_lines, source.body_start)
    if garbled:
        warnings.append(Diagnostic(SourceRef(path, *garbled), "warning", "looks like mojibake (UTF-8 read as "
                                   "Windows-1252, e.g. 'â€™' for '’'); copy the text again from the source"))
    origin = [(name, "front matter") for name in ("title", "date", "source", "author") if getattr(meta, name)]
    if kind == "markdown":
        heading, blocks, notes = markdown_body.blocks(source.body_lines, path, source.body_start)
        warnings.extend(notes)
        title = meta.title or clean_inline(heading)
    else:
        blocks = plaintext.paragraphs(source.body_lines, path, source.body_start)
    kept, removed = clean(blocks, config.cleaning_rules, config.extra_patterns, topic_words)
    if kind == "text":
        title, title_line, kept = _text_title(meta.title, kept)
        if not title and kept:
            title, title_line = clean_inline(kept[0].text), kept[0].ref.line
            warnings.append(Diagnostic(SourceRef(path, 1), "warning", "no title; the first line is used "
                                       "(add 'title:' to the front matter)"))
        if title and not meta.title:
            origin.append(("title", "first line" if title_line == _first_line(source) else f"headline at line {title_line}"))
    elif title and not meta.title:
        origin.append(("title", "first line"))
    if not title:
        title = _file_title(path)
        origin.append(("title", "file name"))
        warnings.append(Diagnostic(SourceRef(path, 1), "warning", "no title; add 'title:' to the front matter"))
    bios = [r.text for r in removed if r.rule == "author_bio"]
    bylines = [BYLINE.match(r.text.strip()) for r in removed if r.rule == "byline"]
    author = meta.author or next((m.group(1) for m in bylines if m), "")
    if author and not meta.author:
        origin.append(("author", "byline"))
    lead, dateline, kept = _lead(kept) if kind == "text" else ("", None, kept)
    source_name = meta.source or (dateline.agency if dateline and dateline.agency else "")
    if source_name and not meta.source:
        origin.append(("source", "dateline"))
    sections = plaintext.sections(plaintext.mark_headings(kept) if kind == "text" else kept)
    if not any(s.paragraphs for s in sections):
        warnings.append(Diagnostic(SourceRef(path, 1), "warning", "no body text; the article is not published"))
    date, how, date_ref = _dated(meta, removed, path)
    if date and how != "front matter":
        origin.append(("date", how))
    if date is None:
        warnings.append(Diagnostic(SourceRef(path, 1), "warning", "no date; add 'date: YYYY-MM-DD' to the front matter"))
    article = Article(
        slug=make_slug(meta.slug or title, Path(path).stem), title=title, date=date, source=source_name,
        author=author, url=meta.url, standfirst=lead, sections=sections, path=SourceRef(path), kind=kind,
        dateline=dateline, author_bio=" ".join(bios), removed=removed, overrides=meta.overrides,
        metadata_origin=tuple(origin), date_ref=date_ref,
    )
    future = dated_in_future(article, today)
    return article, warnings + ([future] if future else [])


PAGE_RULES_OFF = ("page_chrome",)
"""Cleaning rules a saved page skips: trafilatura has already found the article's region on the page
(what it kept above the headline is removed as ``page_chrome``, when that rule is on)."""


def _parse_page(data: bytes, path: str, config: Config, today: dt.date | None,
                topic_words: re.Pattern[str] | None) -> tuple[Article, list[Diagnostic]]:
    """A saved HTML page: trafilatura's article text and metadata, then the same cleaning rules."""
    page = htmlpage.read_page(htmlpage.decode_page(data, path), path)
    rules = tuple(rule for rule in config.cleaning_rules if rule not in PAGE_RULES_OFF)
    kept, removed = clean(page.blocks, rules, config.extra_patterns, topic_words)
    if "page_chrome" in config.cleaning_rules:
        removed = tuple(sorted((*removed, *(Removed("page_chrome", b.text, b.ref) for b in page.chrome)),
                               key=lambda r: r.ref.line))
    warnings: list[Diagnostic] = []
    origin = [(name, how + (f" at line {ref.line}" if ref else "")) for name, how, ref in page.origins]
    title = page.title
    if not title:
        title = _file_title(path)
        origin.append(("title", "file name"))
        warnings.append(Diagnostic(SourceRef(path, 1), "warning", "no title in the page; the file name is used"))
    sections = plaintext.sections(kept)
    if not any(s.paragraphs for s in sections):
        warnings.append(Diagnostic(SourceRef(path, 1), "warning", "no article text found in the page; it is not "
                                   "published (save the page itself, not a frame, or paste its text into a .txt file)"))
    if page.date is None:
        warnings.append(Diagnostic(SourceRef(path, 1), "warning", "no date in the page; import it with digest add "
                                   "and add 'date: YYYY-MM-DD' to the front matter"))
    date_ref = next((ref for name, _, ref in page.origins if name == "date"), None)
    article = Article(
        slug=make_slug(title, Path(path).stem), title=title, date=page.date, source=page.source, author=page.author,
        url=page.url, standfirst="", sections=sections, path=SourceRef(path), kind="html", removed=removed,
        metadata_origin=tuple(origin), date_ref=date_ref,
    )
    future = dated_in_future(article, today)
    return article, warnings + ([future] if future else [])


def _file_title(path: str) -> str:
    """A title made from the file name, for an article that gives none."""
    return Path(path).stem.replace("_", " ").replace("-", " ").strip() or "Untitled"


def dated_in_future(article: Article, today: dt.date | None) -> Diagnostic | None:
    """The warning for an article dated after ``today``: checked apart from parsing, so that a parsed
    article can be cached from one day to the next."""
    if article.date is None or today is None or article.date <= today:
        return None
    return Diagnostic(article.date_ref or article.path, "warning",
                      f"dated in the future ({article.date.isoformat()}); published anyway")


def _dated(meta: FrontMatter, removed: tuple[Removed, ...], path: str) -> tuple[dt.date | None, str, SourceRef | None]:
    """The date, where it came from and its line: the front matter, else a date line near the headline,
    else a ``YYYY-MM-DD-`` file-name prefix."""
    if meta.date:
        return meta.date, "front matter", meta.date_ref
    line = next((r for r in removed if r.rule == "date_line"), None)
    if line:
        return date_of_line(line.text), "date line", line.ref
    named = _file_name_date(Path(path).name)
    return named, "file name", SourceRef(path, 1) if named else None


def _file_name_date(name: str) -> dt.date | None:
    """The date a ``YYYY-MM-DD-`` file-name prefix gives, as Jekyll names posts."""
    match = re.match(r"(\d{4}-\d{2}-\d{2})-", name)
    try:
        return dt.date.fromisoformat(match.group(1)) if match else None
    except ValueError:
        return None


def _text_title(stated: str, blocks: tuple[Block, ...]) -> tuple[str, int, tuple[Block, ...]]:
    """The title and its line: the front-matter title (its copy in the text is dropped), or the headline
    the cleaner left at the top of the article when it reads like one."""
    first = blocks[0].text if blocks else ""
    if stated:
        same = first.casefold().replace("\u00a0", " ").strip() == stated.casefold()
        return stated, 0, blocks[1:] if same else blocks
    if first and plaintext.looks_like_title(first):
        return _UPDATE_NOTE.sub("", clean_inline(first)), blocks[0].ref.line, blocks[1:]
    return "", 0, blocks


_UPDATE_NOTE = re.compile(r"(?:\s*[\[(](?:updated|revised|corrected|update|open pdf|pdf|download)\b[^\])]{0,40}[\])])+$",
                          re.IGNORECASE)
"""Notes after a headline ('[Updated August 2021]', '[open pdf - 800KB]'): about the page, not the title."""


def _first_line(source: SourceText) -> int:
    """The line of the first non-blank line of the body."""
    return next((source.body_start + i for i, line in enumerate(source.body_lines) if line.strip()), 0)


def _lead(blocks: tuple[Block, ...]) -> tuple[str, Dateline | None, tuple[Block, ...]]:
    """Take the standfirst and the dateline off the start of a plain-text body."""
    lead = ""
    if plaintext.standfirst(blocks):
        lead, blocks = blocks[0].text, blocks[1:]
    for index, block in enumerate(blocks[:2]):
        found = plaintext.dateline(block)
        if found and not plaintext.is_heading(block.text):
            dateline, rest = found
            return lead, dateline, blocks[:index] + (replace(block, text=rest),) + blocks[index + 1:]
    return lead, None, blocks



def read_assets(folders: tuple[Path, ...]) -> list[tuple[str, bytes]]:
    """Static files from each template folder's ``static/``, published under ``assets/``; a file in an
    earlier folder (the project's) replaces the one of the same name in a later one (the default theme)."""
    assets: dict[str, bytes] = {}
    for folder in reversed(folders):
        static = folder / "static"
        if static.is_dir():
            assets.update((f"assets/{p.relative_to(static).as_posix()}", p.read_bytes()) for p in sorted(static.rglob("*"))
                          if p.is_file() and not p.is_symlink() and not p.name.startswith("."))
    return sorted(assets.items())


def read_code() -> bytes:
    """digest's own source, so that a cache made by other code is never used."""
    package = Path(__file__).resolve().parent.parent
    files = sorted(p.relative_to(package).as_posix() for p in package.rglob("*.py"))
    return b"".join(f"{name}\n".encode() + (package / name).read_bytes() for name in files)


def read_cache(project: Path, name: str) -> bytes | None:
    """A cache file's bytes, or None when there is none or it cannot be read."""
    try:
        return (project / FOLDER / name).read_bytes()
    except OSError:
        return None


def read_tree(folders: tuple[Path, ...]) -> list[tuple[int, str, bytes]]:
    """Every file under each template folder (by the folder's place in the search order, so that the
    same project named another way gives the same fingerprint), for fingerprinting."""
    return [(index, p.relative_to(folder).as_posix(), p.read_bytes()) for index, folder in enumerate(folders)
            if folder.is_dir() for p in sorted(folder.rglob("*")) if p.is_file()]


def read_text(path: Path, shown: str) -> str:
    """A configuration file's text, or a clear error."""
    try:
        return decode(path.read_bytes(), shown)
    except FileNotFoundError:
        raise DigestError(SourceRef(shown), "file not found; run digest from the project folder") from None
    except OSError as exc:
        raise DigestError(SourceRef(shown), f"cannot read file ({exc.strerror})") from None
