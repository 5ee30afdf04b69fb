"""Saved web pages as articles, and ``digest add URL`` / ``digest add page.html``: the article's text,
metadata and lines read from the HTML, furniture removed, and every fetch failure told in one line."""

from __future__ import annotations

import http.server
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from playwright.sync_api import Browser, expect

from digest.authoring import fetch as fetching
from digest.build import Options, build
from digest.cli import main
from digest.read.config import Config
from digest.read.loader import parse_article
from tests.browser import SiteServer, local_server

PAGE = Path(__file__).resolve().parent / "pages" / "briefing.html"
TOPICS = frozenset({"ukraine", "nato-expansion", "nord-stream-2", "alliances"})


def _read(data: bytes, name: str = "articles/page.html"):  # noqa: ANN202
    return parse_article(data, name, Config(), TOPICS)


def test_a_saved_page_gives_its_article_with_metadata_and_html_lines() -> None:
    article, warnings = _read(PAGE.read_bytes())
    assert (article.title, article.author, article.source) == ("Allies weigh new aid package", "Jane Doe", "Example News")
    assert str(article.date) == "2022-03-02" and article.url == "https://news.example.org/2022/03/02/allies-aid"
    assert warnings == []
    lines = PAGE.read_text(encoding="utf-8").splitlines()
    texts = [p.text for p in article.paragraphs]
    assert texts[0].startswith("NATO foreign ministers met in Brussels")
    for paragraph in article.paragraphs:
        assert paragraph.text[:30] in lines[paragraph.ref.line - 1].replace("&amp;", "&")
    assert [s.heading for s in article.sections] == ["", "What comes next"]
    joined = " ".join(texts)
    for furniture in ("Home", "cookies", "Share on", "Photo:", "newsletter", "Related", "comment", "rights reserved"):
        assert furniture not in joined
    assert [r.rule for r in article.removed] == ["social_prompts"]
    assert dict(article.metadata_origin)["title"] == '<meta property="og:title"> at line 6'


def test_a_page_in_another_declared_encoding_is_read() -> None:
    data = PAGE.read_bytes().replace(b'<meta charset="utf-8">', b'<meta charset="iso-8859-1">')
    data = data.replace(b"weigh new aid", "weigh new aid \u00e9".encode("latin-1"))
    article, _ = _read(data)
    assert article.title == "Allies weigh new aid \u00e9 package"


@pytest.mark.parametrize("html", ["<html><body><nav><a href='/'>Home</a></nav></body></html>", "<html></html>"])
def test_a_page_with_no_article_is_listed_and_not_published(project: Path, html: str) -> None:
    (project / "articles" / "empty.html").write_text(html)
    report = build(project, Options())
    assert any(str(d).startswith("articles/empty.html:1: warning: no article text found in the page")
               for d in report.diagnostics)
    assert report.articles == 5


def test_a_saved_page_is_built_tagged_and_escaped(project: Path) -> None:
    hostile = PAGE.read_bytes().replace(b"Allies weigh new aid package",
                                        b"Allies &lt;script&gt;alert(1)&lt;/script&gt; weigh aid")
    (project / "articles" / "briefing.html").write_bytes(hostile)
    report = build(project, Options())
    site = Path(report.output)
    page = next(p for p in (site / "articles").glob("allies-*.html"))
    html = page.read_text(encoding="utf-8")
    assert "<script>alert(1)" not in html and "&lt;script&gt;alert(1)" in html
    body, removed = html.split('<div class="body"', 1)[1].split('<details class="removed"', 1)
    assert "NATO foreign ministers met in Brussels" in body and "Sign up for our daily newsletter" not in body
    assert "Sign up for our daily newsletter" in removed
    ukraine = (site / "topics" / "ukraine.html").read_text(encoding="utf-8")
    assert page.name in ukraine


def test_add_a_saved_page_writes_markdown_that_builds_the_same_article(project: Path, capsys) -> None:  # noqa: ANN001
    assert main(["add", str(PAGE), "--project", str(project), "--keep-html"]) == 0
    out = capsys.readouterr().out
    added = project / "articles" / "2022-03-02-allies-weigh-new-aid-package.md"
    assert added.exists() and added.with_suffix(".html").read_bytes() == PAGE.read_bytes()
    assert 'title: Allies weigh new aid package (from <meta property="og:title"> at line 6 of the page)' in out
    assert "url: https://news.example.org/2022/03/02/allies-aid (from <link rel=\"canonical\"> at line 10" in out
    text = added.read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: Allies weigh new aid package\ndate: 2022-03-02\n") and "## What comes next" in text
    from_page, _ = _read(PAGE.read_bytes())
    from_markdown, _ = parse_article(added.read_bytes(), "articles/x.md", Config(), TOPICS)
    assert [p.text for p in from_markdown.paragraphs] == [p.text for p in from_page.paragraphs]
    assert (from_markdown.title, from_markdown.date, from_markdown.url) == (from_page.title, from_page.date, from_page.url)
    report = build(project, Options())
    assert report.ignored == 1  # the kept page is not a second article
    assert report.articles == 6


class _Pages(http.server.BaseHTTPRequestHandler):
    """A local web server with one article and every way a fetch can go wrong."""

    def do_GET(self) -> None:  # noqa: N802 - the standard library's name
        routes = {
            "/page.html": (200, "text/html; charset=utf-8", PAGE.read_bytes()),
            "/report.pdf": (200, "application/pdf", b"%PDF-1.4"),
            "/big.html": (200, "text/html", b"<p>" + b"x" * 5000 + b"</p>"),
            "/latin.html": (200, "text/html; charset=iso-8859-1", PAGE.read_bytes().replace(
                b'<meta charset="utf-8">', b"").replace(b"weigh new aid", "weigh new aid \u00e9".encode("latin-1"))),
        }
        if self.path == "/moved":
            return self._redirect("/page.html")
        if self.path.startswith("/loop"):
            return self._redirect(f"/loop{len(self.path)}")
        if self.path == "/to-ftp":
            return self._redirect("ftp://127.0.0.1/file")
        if self.path == "/slow.html":
            time.sleep(1.5)
        status, kind, body = routes.get(self.path, (404, "text/html", b"not here"))
        try:
            self.send_response(status)
            self.send_header("Content-Type", kind)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up waiting, as the timeout test means it to

    def _redirect(self, where: str) -> None:
        self.send_response(302)
        self.send_header("Location", where)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    """The local web server's origin."""
    with local_server(_Pages) as origin:
        yield origin


def test_a_page_in_the_encoding_its_server_names_is_read(project: Path, server: str, capsys) -> None:  # noqa: ANN001
    assert main(["add", f"{server}/latin.html", "--project", str(project), "--keep-html"]) == 0
    assert "title: Allies weigh new aid \u00e9 package (from" in capsys.readouterr().out
    kept = next((project / "articles").glob("*-allies-weigh-new-aid-e-package.html"))
    assert "aid \u00e9 package" in kept.read_text(encoding="utf-8")


def test_add_url_fetches_the_page_and_records_its_address(project: Path, server: str, capsys) -> None:  # noqa: ANN001
    assert main(["add", f"{server}/moved", "--project", str(project)]) == 0
    out = capsys.readouterr().out
    added = project / "articles" / "2022-03-02-allies-weigh-new-aid-package.md"
    assert f"url: {server}/moved\n" in added.read_text(encoding="utf-8")
    assert f"url: {server}/moved (from the address fetched)" in out
    assert not added.with_suffix(".html").exists()


@pytest.mark.parametrize(("path", "says"), [
    ("/missing.html", "the server answered 404"),
    ("/report.pdf", "not a web page (Content-Type: application/pdf)"),
    ("/big.html", "over the 1,000 byte limit"),
    ("/loop", "more than 5 redirects"),
    ("/to-ftp", "only http:// and https:// addresses"),
    ("/slow.html", "no answer from 127.0.0.1 within 0.5 s"),
])
def test_every_fetch_failure_is_one_clear_line(project: Path, server: str, capsys, monkeypatch,  # noqa: ANN001
                                               path: str, says: str) -> None:
    monkeypatch.setattr(fetching, "MAX_BYTES", 1000)
    monkeypatch.setattr(fetching.fetch, "__defaults__", (0.5, 1000))
    before = sorted((project / "articles").iterdir())
    assert main(["add", f"{server}{path}", "--project", str(project)]) == 1
    err = capsys.readouterr().err
    assert f"{server}{path}: error: cannot fetch: " in err and says in err, err
    assert "Traceback" not in err and err.count("\n") == 2
    assert sorted((project / "articles").iterdir()) == before


def test_refused_connections_and_unknown_hosts_are_named(project: Path, capsys) -> None:  # noqa: ANN001
    assert main(["add", "http://127.0.0.1:9/", "--project", str(project)]) == 1
    assert "127.0.0.1 refused the connection" in capsys.readouterr().err
    assert main(["add", "http://no-such-host.invalid/", "--project", str(project)]) == 1
    assert "cannot find the host no-such-host.invalid (DNS lookup failed)" in capsys.readouterr().err


def test_only_the_fetch_module_touches_the_network() -> None:
    """No module but ``authoring/fetch.py`` imports a network client, nor calls trafilatura's own fetcher."""
    import ast

    package = Path(__file__).resolve().parent.parent / "digest"
    network = {"socket", "ssl", "http.client", "urllib.request", "urllib3", "requests", "httpx", "trafilatura.downloads"}
    users = set()
    for path in package.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
        imported |= {node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)}
        imported |= {f"{node.module}.{alias.name}" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                     for alias in node.names}
        called = {node.attr for node in ast.walk(tree) if isinstance(node, ast.Attribute)}
        if imported & network or "fetch_url" in called:
            users.add(path.relative_to(package).as_posix())
    assert users == {"authoring/fetch.py"}


@pytest.mark.browser
def test_a_reader_finds_a_saved_page_by_topic_and_reads_it(browser: Browser, project: Path) -> None:
    """In Chromium: the page's article is on the home page and its topic's page, with its source, its
    subheading as a heading, the newsletter prompt gone, and a record saying where the title came from."""
    (project / "articles" / "briefing.html").write_bytes(PAGE.read_bytes())
    site = Path(build(project, Options()).output)
    with SiteServer(site) as server:
        page = browser.new_page()
        try:
            page.goto(server.url + "topics/ukraine.html")
            page.get_by_role("link", name="Allies weigh new aid package").first.click()
            expect(page.get_by_role("heading", level=1)).to_have_text("Allies weigh new aid package")
            expect(page.get_by_role("heading", name="What comes next")).to_be_visible()
            expect(page.locator("main")).to_contain_text("Example News")
            expect(page.locator("div.body")).to_contain_text("ruled out a no-fly zone over Ukraine")
            expect(page.locator("div.body")).not_to_contain_text("Sign up for our daily newsletter")
            page.get_by_role("link", name="This article's record as JSON").click()
            page.wait_for_url("**/data/articles/*.json")
            page.wait_for_load_state()
            record = page.evaluate("JSON.parse(document.body.innerText)")
            assert record["origin"]["title"] == '<meta property="og:title"> at line 6'
            assert record["url"] == "https://news.example.org/2022/03/02/allies-aid"
        finally:
            page.close()


def test_an_extractor_failure_names_the_file_and_keeps_the_site(project: Path, monkeypatch, capsys) -> None:  # noqa: ANN001
    import trafilatura

    def broken(*args: object, **kwargs: object) -> None:
        raise ImportError("lxml.html.clean module is now a separate project")

    assert main(["build", "--project", str(project)]) == 0
    before = sorted(p.name for p in (project / "_site" / "articles").iterdir())
    (project / "articles" / "briefing.html").write_bytes(PAGE.read_bytes())
    monkeypatch.setattr(trafilatura, "bare_extraction", broken)
    capsys.readouterr()
    assert main(["build", "--project", str(project)]) == 1
    err = capsys.readouterr().err
    assert "articles/briefing.html:1: error: cannot extract the article from this page (ImportError:" in err
    assert "Traceback" not in err and "internal error" not in err
    assert sorted(p.name for p in (project / "_site" / "articles").iterdir()) == before
