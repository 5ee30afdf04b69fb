"""Nothing from an article executes in a reader's browser, in any output file, while the text still shows.

The corpus (tests/security/) covers the classes of markdown-it's XSS fixtures and the payloads of
shared/RELIABILITY.md §2: raw HTML, event handlers, javascript: in its encodings, autolinks, reference
links, attribute breakouts, hostile front matter, and template syntax in bodies.
"""

from __future__ import annotations

import html
import json
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path
from xml.etree import ElementTree

import pytest

from digest.cli import main
from tests.sitecheck import visible_text

CORPUS = Path(__file__).parent / "security"
SAFE_SCHEMES = {"http", "https", "mailto"}
OUR_SCRIPTS = ("assets/search.js",)
_CONTROL = re.compile(r"[\x00-\x20]")


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, dict[str, str | None]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, dict(attrs)))


def _tags(page: Path) -> list[tuple[str, dict[str, str | None]]]:
    parser = _Tags()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.found


def _scheme(url: str) -> str:
    cleaned = _CONTROL.sub("", html.unescape(url)).lower()
    match = re.match(r"^([a-z][a-z0-9+.-]*):", cleaned)
    return match.group(1) if match else ""


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import copy_project

    project = copy_project(tmp_path_factory.mktemp("hostile") / "project")
    for name in ("payloads.md", "payloads.txt"):
        shutil.copy(CORPUS / name, project / "articles" / name)
    assert main(["build", "--project", str(project), "--base-url", "https://example.org/news/"]) == 0
    return project / "_site"


def test_no_script_handler_or_dangerous_url_in_any_page(hostile_site: Path) -> None:
    problems = []
    for page in sorted(hostile_site.rglob("*.html")):
        for tag, attrs in _tags(page):
            where = f"{page.relative_to(hostile_site)} <{tag}>"
            if tag in ("script", "iframe", "object", "embed", "svg", "img", "base", "form"):
                if not (tag == "script" and (attrs.get("src") or "").endswith(OUR_SCRIPTS)):
                    problems.append(f"{where} from content")
            problems += [f"{where} {name}=" for name in attrs if name.startswith("on")]
            for name in ("href", "src", "action", "formaction", "content"):
                value = attrs.get(name) or ""
                scheme = _scheme(value)
                if scheme and scheme not in SAFE_SCHEMES and not (name == "content" and tag == "meta"):
                    problems.append(f"{where} {name}={value!r}")
    assert problems == []


def test_the_payload_text_still_shows(hostile_site: Path) -> None:
    page = next(p for p in (hostile_site / "articles").glob("*.html") if "alert(&#39;raw&#39;)" in p.read_text())
    text = visible_text(page.read_text(encoding="utf-8"))
    assert "</script><script>alert('title')</script> & \"q\" 'x' <b>bold</b>" in text
    assert "<script>alert('raw')</script>" in text and "[plain](javascript:alert('plain'))" in text
    assert "{{ 7*7 }} {% include \"/etc/passwd\" %} {{ config }}" in text
    assert "<img src=x onerror=alert('author')>" in text


def test_metadata_is_escaped_in_feeds_sitemap_and_json(hostile_site: Path) -> None:
    title = "</script><script>alert('title')</script> & \"q\" 'x' <b>bold</b>"
    atom = "{http://www.w3.org/2005/Atom}"
    for feed in [hostile_site / "feed.xml", *sorted((hostile_site / "topics").glob("*.xml"))]:
        root = ElementTree.parse(feed).getroot()
        titles = [e.findtext(f"{atom}title") for e in root.findall(f"{atom}entry")]
        if feed.name in ("feed.xml", "ukraine.xml"):
            assert title in titles, feed
        assert "<script" not in feed.read_text(encoding="utf-8")
    ElementTree.parse(hostile_site / "sitemap.xml")
    data = json.loads((hostile_site / "data" / "articles.json").read_text(encoding="utf-8"))
    assert title in [a["title"] for a in data["articles"]]


def test_plain_text_is_never_rendered_as_markup(hostile_site: Path) -> None:
    page = next(p for p in (hostile_site / "articles").glob("*.html") if "txt-a" in p.read_text())
    raw = page.read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#39;txt&#39;)&lt;/script&gt;" in raw
    assert "{{ 7*7 }}" in raw and "49" not in visible_text(raw)


@pytest.mark.parametrize("url", ["javascript:alert(1)", "JaVaScRiPt:alert(1)", "data:text/html,x", "//evil.example"])
def test_hostile_front_matter_url_is_an_error_and_never_published(
        project: Path, url: str, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "articles" / "u.md").write_text(f"---\nurl: \"{url}\"\n---\nBody.\n")
    assert main(["build", "--project", str(project), "--keep-going"]) == 0
    assert "articles/u.md:2: error: url must start with http:// or https://" in capsys.readouterr().err
    for file in (project / "_site").rglob("*"):
        if file.is_file() and file.suffix in (".html", ".xml", ".json"):
            assert url.lower() not in file.read_text(encoding="utf-8").lower()
