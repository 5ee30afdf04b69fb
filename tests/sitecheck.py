"""Read a built site as files: every internal link and asset of every page."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        for name in ("href", "src"):
            if values.get(name):
                self.targets.append(values[name] or "")


def page_links(page: Path) -> tuple[list[str], set[str]]:
    """The href/src values and element ids of one HTML page."""
    parser = _Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.targets, parser.ids


def broken_links(site: Path) -> list[str]:
    """Internal links or assets that do not resolve to a file (or to an id on the target page)."""
    problems = []
    for page in sorted(site.rglob("*.html")):
        targets, _ = page_links(page)
        for target in targets:
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or target.startswith("mailto:"):
                continue
            if target.startswith("/"):
                problems.append(f"{page.relative_to(site)}: absolute link {target}")
                continue
            file = (page.parent / unquote(parts.path)).resolve() if parts.path else page
            if not file.is_file() or not file.is_relative_to(site.resolve()):
                problems.append(f"{page.relative_to(site)}: {target} -> missing")
            elif parts.fragment and file.suffix == ".html" and parts.fragment not in page_links(file)[1]:
                problems.append(f"{page.relative_to(site)}: {target} -> no such id")
    return problems


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def visible_text(html: str) -> str:
    """The text of an HTML fragment with tags removed and whitespace collapsed."""
    parser = _Text()
    parser.feed(html)
    return " ".join("".join(parser.parts).split())
