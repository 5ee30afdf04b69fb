"""Quality gates over the built seed site: axe-core accessibility, the Nu HTML Checker, and Atom feed structure.

The npm tools live in tests/tools (install them with ``npm ci --prefix tests/tools --ignore-scripts``);
without them these tests are skipped, or fail when ``CI`` is set.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any, NoReturn
from urllib.parse import unquote, urlsplit

import pytest
from playwright.sync_api import Browser

from tests.browser import SiteServer

TOOLS = Path(__file__).resolve().parent / "tools"
NODE_MODULES = TOOLS / "node_modules"
AXE_SCRIPT = NODE_MODULES / "axe-core" / "axe.min.js"
VNU_JAR = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
INSTALL_COMMAND = "npm ci --prefix tests/tools --ignore-scripts"

PAGES = (
    "index.html",
    "topics/index.html",
    "topics/ukraine.html",
    "articles/five-takeaways-from-the-biden-putin-call.html",
    "404.html",
    "timeline.html",
    "timeline/2021-12.html",
    "topics/ukraine/2021-12.html",
    "stories/index.html",
    "stories/2021-12-06-tuesdays-biden-putin-phone-call-could-determine.html",
    "people/index.html",
    "people/jake-sullivan.html",
    "search.html",
)
SCHEMES = ("light", "dark")
BLOCKING_IMPACTS = frozenset({"serious", "critical"})

AXE_JS = """async () => {
  const results = await axe.run(document, {resultTypes: ['violations']});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target, summary: n.failureSummary})),
  }));
}"""

ATOM = "{http://www.w3.org/2005/Atom}"
ATOM_REQUIRED = ("id", "title", "updated")


def skip_or_fail(reason: str) -> NoReturn:
    """Skip the calling test for a missing tool, or fail it when ``CI`` is set."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason}; quality gates cannot be skipped when CI is set", pytrace=False)
    pytest.skip(reason)


def require_tool(path: Path, name: str) -> Path:
    """``path`` if the npm install put it there; otherwise skip, or fail under CI."""
    if not path.is_file():
        skip_or_fail(f"{name} not installed ({path} is missing); run `{INSTALL_COMMAND}`")
    return path


@pytest.fixture(scope="session")
def axe_script() -> Path:
    """The axe-core browser bundle."""
    return require_tool(AXE_SCRIPT, "axe-core")


@pytest.fixture(scope="session")
def vnu_command() -> list[str]:
    """The command line that runs the Nu HTML Checker, up to its file arguments."""
    jar = require_tool(VNU_JAR, "vnu-jar")
    java = shutil.which("java")
    if java is None:
        skip_or_fail("no `java` on PATH; the Nu HTML Checker needs Java 11 or later")
    return [java, "-jar", str(jar), "--errors-only", "--format", "json"]


def describe_violation(violation: dict[str, Any]) -> str:
    """One axe violation as text: rule id, impact, summary, and each offending element's selector."""
    lines = [f"{violation['id']} ({violation['impact']}): {violation['help']}"]
    for node in violation["nodes"]:
        target = " >> ".join(json.dumps(part) if isinstance(part, list) else part for part in node["target"])
        summary = " ".join((node["summary"] or "").split())
        lines.append(f"    {target}: {summary}")
    return "\n".join(lines)


@pytest.mark.browser
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", PAGES)
def test_axe_finds_no_serious_violations(
    browser: Browser, site_at_root: SiteServer, axe_script: Path, path: str, scheme: str
) -> None:
    """axe-core reports no serious or critical accessibility violation on the page in this colour scheme."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(site_at_root.url + path, wait_until="load")
        page.add_script_tag(path=axe_script)
        violations = page.evaluate(AXE_JS)
    finally:
        context.close()
    blocking = [v for v in violations if v["impact"] in BLOCKING_IMPACTS]
    if blocking:
        report = "\n".join(describe_violation(v) for v in blocking)
        pytest.fail(f"axe violations on {path} ({scheme} scheme):\n{report}", pytrace=False)


def describe_message(message: dict[str, Any], root: Path) -> str:
    """One checker message as ``file:line:column: type: text`` plus the offending source extract."""
    url = message.get("url", "")
    where = Path(unquote(urlsplit(url).path)).relative_to(root).as_posix() if url.startswith("file:") else url
    line = f"{where}:{message.get('lastLine', '?')}:{message.get('firstColumn', '?')}: {message['type']}: "
    extract = " ".join(message.get("extract", "").split())
    return line + message["message"] + (f"\n    {extract}" if extract else "")


def test_html_is_valid(seed_site: Path, vnu_command: list[str]) -> None:
    """The Nu HTML Checker finds no error in any page of the site."""
    root = seed_site.resolve()
    files = sorted(str(p) for p in root.rglob("*.html"))
    assert files, "the seed site has no HTML pages"
    result = subprocess.run([*vnu_command, *files], capture_output=True, text=True, timeout=300)
    try:
        messages = json.loads(result.stderr)["messages"]
    except (json.JSONDecodeError, KeyError):
        pytest.fail(f"the Nu HTML Checker gave no JSON report (exit {result.returncode}):\n{result.stderr}",
                    pytrace=False)
    if messages:
        pytest.fail("Nu HTML Checker errors:\n" + "\n".join(describe_message(m, root) for m in messages),
                    pytrace=False)
    assert result.returncode == 0, result.stdout + result.stderr


def missing_children(element: ET.Element, names: tuple[str, ...]) -> list[str]:
    """The Atom child elements among ``names`` that ``element`` lacks or leaves empty."""
    return [name for name in names if not (element.findtext(ATOM + name) or "").strip()]


def test_feeds_have_required_atom_elements(seed_site: Path) -> None:
    """Every feed.xml parses; the feed has id, title and updated; each entry has those and a link."""
    feeds = sorted(seed_site.rglob("feed.xml"))
    assert feeds, "the seed site has no feed.xml"
    problems = []
    for feed_file in feeds:
        name = feed_file.relative_to(seed_site).as_posix()
        feed = ET.parse(feed_file).getroot()
        if feed.tag != ATOM + "feed":
            problems.append(f"{name}: root element is {feed.tag}, not an Atom <feed>")
            continue
        problems += [f"{name}: feed has no <{child}>" for child in missing_children(feed, ATOM_REQUIRED)]
        for number, entry in enumerate(feed.findall(ATOM + "entry"), start=1):
            where = f"{name}: entry {number} ({entry.findtext(ATOM + 'title') or 'untitled'})"
            problems += [f"{where} has no <{child}>" for child in missing_children(entry, ATOM_REQUIRED)]
            if not any(link.get("href") for link in entry.findall(ATOM + "link")):
                problems.append(f"{where} has no <link href>")
    if problems:
        pytest.fail("\n".join(problems), pytrace=False)
