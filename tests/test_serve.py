"""``digest serve``: watching, live reload, the error overlay, sub-path serving and safe file serving."""

from __future__ import annotations

import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, expect

from digest.cli import main
from digest.preview.livereload import BuildState, inject, overlay, snippet
from digest.records import Diagnostic, DigestError, SourceRef
from digest.preview.serve import Preview, ServeOptions
from digest.preview.siteroutes import content_type, normalise_base_path, route
from digest.preview.watch import Watcher, changes, settle, snapshot, watched_paths

WAIT = 20_000
"""Milliseconds a browser condition may take: a poll, a settle poll, a build and a reload."""
FIRST = "articles/000_5942b49b410fd248.txt"
FIRST_TITLE = "Russia-US Video Call: The Primary Takeaways"
THREADS = ("digest-watcher", "digest-server")

Serve = Callable[..., Preview]


# --- pure helpers -----------------------------------------------------------------------------------------


def test_changes_lists_added_removed_and_modified_files() -> None:
    old = {"a.txt": (1, 10), "b.txt": (2, 20), "c.txt": (3, 30)}
    new = {"a.txt": (1, 10), "b.txt": (2, 21), "d.txt": (4, 40)}
    assert changes(old, new) == ["b.txt", "c.txt", "d.txt"]
    assert changes(old, dict(old)) == []


def test_settle_waits_for_two_equal_polls_so_a_burst_gives_one_rebuild() -> None:
    built = {"a.txt": (1, 10)}
    first, second = {"a.txt": (2, 11)}, {"a.txt": (3, 12)}
    assert settle(built, None, built) == (built, None, [])
    assert settle(built, None, first) == (built, first, [])
    assert settle(built, first, second) == (built, second, [])
    assert settle(built, second, second) == (second, None, ["a.txt"])
    assert settle(built, first, built) == (built, None, []), "a change undone before it settled needs no build"


def test_watcher_polls_rebuild_once_per_settled_burst(project: Path) -> None:
    watcher = Watcher(project, lambda changed: None)
    article = project / FIRST
    for word in ("one", "two", "three"):
        article.write_text(article.read_text() + word)
        assert watcher.poll() == []
    assert watcher.poll() == [FIRST]
    assert watcher.poll() == []


def test_snapshot_skips_editor_files_and_follows_digest_yaml(project: Path) -> None:
    (project / "articles" / ".000.txt.swp").write_text("x")
    (project / "articles" / "notes.txt~").write_text("x")
    (project / "articles" / "sub").mkdir()
    (project / "articles" / "sub" / "deep.md").write_text("x")
    seen = snapshot(watched_paths(project), project)
    assert {"digest.yaml", "topics.yaml", FIRST, "articles/sub/deep.md", "templates/base.html"} <= set(seen)
    assert not any(path.endswith(("~", ".swp")) for path in seen)
    config = project / "digest.yaml"
    config.write_text(config.read_text().replace("articles_dir: articles", "articles_dir: stories"))
    assert project / "stories" in watched_paths(project)
    config.write_text("colour: [unclosed\n")
    assert watched_paths(project, (project / "kept",)) == (project / "kept",)


def test_inject_goes_before_the_last_body_close_tag() -> None:
    assert inject(b"<p></body> x </BODY></html>", "<s>") == b"<p></body> x <s></BODY></html>"
    assert inject(b"<p>no body", "<s>") == b"<p>no body<s>"


def test_snippet_names_the_generation_and_adds_the_overlay_only_after_a_failure() -> None:
    assert snippet(BuildState(3)) == '<script src="/__digest__/reload.js" data-generation="3"></script>\n'
    failed = snippet(BuildState(4, (Diagnostic(SourceRef("articles/a.md", 2, 1), "error", "bad"),)))
    assert 'id="digest-build-errors"' in failed and "articles/a.md:2:1" in failed
    assert 'data-generation="4"' in failed


def test_overlay_escapes_every_piece_of_text() -> None:
    hostile = Diagnostic(SourceRef("articles/<b>x.md", 3), "error", 'got "<script>alert(1)</script>" & more')
    html = overlay([hostile] * 60)
    assert "<script>" not in html and "<b>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "articles/&lt;b&gt;x.md:3" in html
    assert html.count("<li><code>") == 50 and "and 10 more; the terminal lists them all" in html


@pytest.mark.parametrize(("given", "expected"), [("/", "/"), ("", "/"), ("repo", "/repo/"), ("/repo", "/repo/"),
                                                 ("/a/b-c_d/", "/a/b-c_d/")])
def test_base_path_is_normalised(given: str, expected: str) -> None:
    assert normalise_base_path(given) == expected


@pytest.mark.parametrize("given", ["/../x/", "/a b/", "/./", "/__digest__/", "/a//b/", "/x?y/"])
def test_unusable_base_path_is_refused(given: str) -> None:
    with pytest.raises(DigestError, match="not a usable base path"):
        normalise_base_path(given)


@pytest.mark.parametrize(("name", "expected"), [
    ("index.html", "text/html; charset=utf-8"), ("style.css", "text/css; charset=utf-8"),
    ("search.js", "text/javascript; charset=utf-8"), ("favicon.svg", "image/svg+xml"),
    ("feed.xml", "application/xml"), ("articles.json", "application/json"), ("x.wasm", "application/wasm"),
    ("en_c759202.pf_index", "application/octet-stream"), ("wasm.en.pagefind", "application/octet-stream"),
    ("README", "application/octet-stream"),
])
def test_content_types(name: str, expected: str) -> None:
    assert content_type(name) == expected


def test_route_serves_only_files_inside_the_site(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "topics").mkdir(parents=True)
    (site / "index.html").write_text("home")
    (site / "topics" / "index.html").write_text("topics")
    (site / ".git").mkdir()
    (tmp_path / "secret.txt").write_text("secret")
    (site / "leak.txt").symlink_to(tmp_path / "secret.txt")
    assert route(site, "/", "/") == route(site, "/", "/index.html?q=1")
    assert route(site, "/", "/topics/").target == str(site.resolve() / "topics" / "index.html")
    assert route(site, "/", "/topics").kind == "redirect" and route(site, "/", "/topics").target == "/topics/"
    assert route(site, "/repo/", "/").target == "/repo/" and route(site, "/repo/", "/repo").target == "/repo/"
    assert route(site, "/repo/", "/index.html").kind == "missing"
    assert route(site, "/repo/", "/repo/index.html").kind == "file"
    assert route(site, "/", "/__digest__/events") == route(site, "/repo/", "/__digest__/events")
    for attempt in ("/../secret.txt", "/%2e%2e/secret.txt", "/topics/..%2f..%2fsecret.txt", "/.git/",
                    "/leak.txt", "/topics/%5c..%5c..%5csecret.txt", "/index.html%00.css"):
        assert route(site, "/", attempt).kind == "forbidden", attempt
    assert route(site, "/", "//etc/passwd").kind == "missing"
    assert route(site, "/", "/nothing.html").kind == "missing"


# --- the server over HTTP ---------------------------------------------------------------------------------


@pytest.fixture
def log() -> list[str]:
    """What the preview printed for the user."""
    return []


@pytest.fixture
def serve(project: Path, log: list[str]) -> Iterator[Serve]:
    """Start a preview of the test project on a free port; every preview is stopped after the test."""
    started: list[Preview] = []

    def start(base_path: str = "/") -> Preview:
        preview = Preview(project, ServeOptions(port=0, base_path=base_path, interval=0.1), say=log.append)
        started.append(preview)
        assert preview.build(), log
        preview.start()
        return preview

    yield start
    for preview in started:
        preview.close()
    assert not [t.name for t in threading.enumerate() if t.name in THREADS and t.is_alive()]


def _get(url: str, raw_path: str) -> tuple[http.client.HTTPResponse, bytes]:
    """The response and body for a request sent exactly as given (a browser would normalise ``..`` away)."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=10)
    connection.putrequest("GET", raw_path, skip_accept_encoding=True)
    connection.endheaders()
    response = connection.getresponse()
    body = response.read()
    connection.close()
    return response, body


def test_files_are_served_with_their_type_and_never_cached(serve: Serve) -> None:
    preview = serve()
    pf_meta = next(preview.output.glob("pagefind/*/*.pf_meta")).relative_to(preview.output / "pagefind").as_posix()
    for path, expected in [("/", "text/html; charset=utf-8"), ("/assets/style.css", "text/css; charset=utf-8"),
                           ("/assets/search.js", "text/javascript; charset=utf-8"),
                           ("/assets/favicon.svg", "image/svg+xml"), ("/feed.xml", "application/xml"),
                           ("/data/articles.json", "application/json"),
                           (f"/pagefind/{pf_meta}", "application/octet-stream"),
                           ("/__digest__/reload.js", "text/javascript; charset=utf-8")]:
        response, _ = _get(preview.url, path)
        assert (response.status, response.getheader("Content-Type")) == (200, expected), path
        assert response.getheader("Cache-Control") == "no-store"
    topics, _ = _get(preview.url, "/topics")
    assert (topics.status, topics.getheader("Location")) == (302, "/topics/")
    assert b"<h1>Topics</h1>" in _get(preview.url, "/topics/")[1]


def test_traversal_and_hidden_files_are_refused(serve: Serve, project: Path) -> None:
    preview = serve()
    (preview.output / "leak.html").symlink_to(project / "digest.yaml")
    (preview.output / ".git").mkdir()
    (preview.output / ".git" / "config").write_text("[remote]")
    for attempt in ("/../digest.yaml", "/../../../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
                    "/articles/..%2f..%2fdigest.yaml", "/%2E%2E%2Fdigest.yaml", "//etc/passwd", "/leak.html",
                    "/.git/config", "/.nojekyll", "/assets/%5c..%5c..%5cdigest.yaml"):
        response, body = _get(preview.url, attempt)
        assert response.status in (403, 404), attempt
        assert b"Page not found" in body and b"cleaning:" not in body and b"root:" not in body, attempt


def test_built_files_carry_no_live_reload_but_served_pages_do(serve: Serve) -> None:
    preview = serve()
    built = [p for p in preview.output.rglob("*") if p.is_file()]
    assert built and not [p for p in built if b"__digest__" in p.read_bytes()]
    served = _get(preview.url, "/index.html")[1]
    assert served.count(b'<script src="/__digest__/reload.js" data-generation="1"></script>\n</body>') == 1


def test_a_failed_first_build_still_serves_the_errors(project: Path, log: list[str]) -> None:
    (project / "articles" / "open.md").write_text("---\ntitle: X\n")
    with Preview(project, ServeOptions(port=0), say=log.append) as preview:
        assert not preview.build()
        preview.start()
        response, body = _get(preview.url, "/")
    assert response.status == 404 and b"Build failed" in body and b"articles/open.md:1:1" in body
    assert "articles/open.md:1:1: error: front matter opened with '---' but never closed" in "\n".join(log)


def test_port_in_use_is_reported(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        assert main(["serve", "--project", str(project), "--port", str(port)]) == 1
    err = capsys.readouterr().err
    assert f"--port: error: port {port} is in use; choose another with --port, or --port 0" in err
    assert "Traceback" not in err


def test_unusable_base_path_is_reported(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--project", str(project), "--port", "0", "--base-path", "/my repo/"]) == 1
    assert "--base-path: error: '/my repo/' is not a usable base path" in capsys.readouterr().err


def test_serve_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["serve", "--help"])
    assert exit_info.value.code == 0 and "--base-path" in capsys.readouterr().out


def test_ctrl_c_stops_the_command_cleanly(project: Path) -> None:
    command = [sys.executable, "-m", "digest", "serve", "--project", str(project), "--port", "0"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        line = process.stdout.readline()  # type: ignore[union-attr]
        url = re.search(r"Serving (http://127\.0\.0\.1:(\d+)/) ", line)
        assert url, line
        with socket.create_connection(("127.0.0.1", int(url.group(2)))):  # idle, as browsers keep some
            assert _get(url.group(1), "/")[0].status == 200  # answered after the idle one was accepted
            process.send_signal(signal.SIGINT)
            _, err = process.communicate(timeout=30)
    finally:
        process.kill()
        process.wait()
    assert process.returncode in (0, 130)
    assert err.rstrip().splitlines()[-1] == "digest: stopped serving." and "Traceback" not in err
    temporary = re.search(r"built into (\S+)\)", line)
    assert temporary and not Path(temporary.group(1)).exists()


# --- in the browser ---------------------------------------------------------------------------------------


@pytest.fixture
def page(browser: Browser, serve: Serve) -> Iterator[Page]:
    """A fresh browser page, closed before the preview stops; fails the test on any page error."""
    context = browser.new_context()
    context.set_default_timeout(WAIT)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


@pytest.mark.browser
def test_saving_an_article_reloads_the_open_page(serve: Serve, page: Page, project: Path) -> None:
    preview = serve()
    page.goto(preview.url)
    expect(page.get_by_role("link", name=FIRST_TITLE).first).to_be_visible()
    page.evaluate("window.notReloaded = true")
    _replace(project / FIRST, FIRST_TITLE, "Video call ends in a stalemate")
    expect(page.get_by_role("link", name="Video call ends in a stalemate").first).to_be_visible(timeout=WAIT)
    assert page.evaluate("window.notReloaded") is None, "the page reloaded itself"
    expect(page.get_by_role("link", name=FIRST_TITLE)).to_have_count(0)


@pytest.mark.browser
def test_a_broken_article_shows_its_error_over_the_last_good_site(
        serve: Serve, page: Page, project: Path, log: list[str]) -> None:
    preview = serve()
    page.goto(preview.url)
    broken = project / "articles" / "bro<i>ken.md"
    broken.write_text("---\ntitle: X\n")
    panel = page.locator("#digest-build-errors")
    expect(panel).to_be_visible(timeout=WAIT)
    expect(panel.get_by_role("heading")).to_have_text("Build failed: you are seeing the last good site")
    expect(panel).to_contain_text("articles/bro<i>ken.md:1:1 error: front matter opened with '---' but never closed")
    expect(panel.locator("i")).to_have_count(0)
    expect(page.get_by_role("link", name=FIRST_TITLE).first).to_be_visible()
    assert "articles/bro<i>ken.md:1:1: error: front matter opened with '---' but never closed" in "\n".join(log)
    broken.write_text("---\ntitle: Fixed at last\n---\nNATO allies met to discuss Ukraine.\n")
    expect(page.get_by_role("link", name="Fixed at last").first).to_be_visible(timeout=WAIT)
    expect(panel).to_have_count(0)


@pytest.mark.browser
def test_base_path_serves_the_site_under_repo(serve: Serve, page: Page) -> None:
    preview = serve(base_path="/repo/")
    server = preview.url.removesuffix("repo/")
    page.goto(server)
    assert page.url == preview.url
    page.get_by_role("link", name=FIRST_TITLE).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(FIRST_TITLE)
    assert page.url.startswith(preview.url + "articles/")
    response = page.goto(server + "repo/no/such/page.html")
    assert response is not None and response.status == 404
    page.get_by_role("link", name="Go to the latest articles").click()
    expect(page.get_by_role("link", name=FIRST_TITLE).first).to_be_visible()
    assert page.url == preview.url + "index.html"
    outside = page.goto(server + "elsewhere.html")
    assert outside is not None and outside.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Page not found")
