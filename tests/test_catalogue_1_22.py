"""Catalogue rows 1-22 of RELIABILITY.md: one fixture folder per bad input, built by the real command.

Each folder in ``tests/catalogue/rows_01_22/`` holds the article file(s) of one case and ``expect.yaml``:

- ``level``: ``error``, ``warning`` or ``ok``.
- ``message``: a regular expression searched in the diagnostic; ``line`` and ``column`` (when the parser
  gives one) must appear in its ``articles/<file>:<line>[:<column>]:`` prefix; ``file`` names the article
  when the folder holds several.
- ``generated``: article files the test writes as UTF-8 (for characters git cannot hold cleanly, e.g. NUL).
- ``articles``: the expected treatment, per file, as published in ``data/articles.json``: ``null`` for no
  page, else any of ``slug`` (a regular expression), ``title`` and ``date``.
- ``order``: files expected in this order in ``data/articles.json`` (newest first).
- ``checks``: names of extra checks from ``CHECKS``.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml

CASES = Path(__file__).parent / "catalogue" / "rows_01_22"
EXPECT = "expect.yaml"
TIMEOUT = 5


@dataclass(frozen=True)
class Expect:
    """The outcome one case folder expects."""

    level: str
    message: str = ""
    file: str = ""
    line: int = 0
    column: int = 0
    generated: dict[str, str] = field(default_factory=dict)
    articles: dict[str, dict[str, Any] | None] = field(default_factory=dict)
    order: list[str] = field(default_factory=list)
    checks: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Case:
    """A case folder: its article files and what it expects."""

    files: dict[str, bytes]
    expect: Expect

    @classmethod
    def load(cls, folder: Path) -> Case:
        """Read a case folder; ``file`` defaults to its only article."""
        files = {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.name != EXPECT}
        expect = Expect(**yaml.safe_load((folder / EXPECT).read_text(encoding="utf-8")))
        files |= {name: text.encode("utf-8") for name, text in expect.generated.items()}
        if not expect.file and len(files) == 1:
            expect = replace(expect, file=next(iter(files)))
        return cls(files, expect)


@dataclass(frozen=True)
class Run:
    """A finished ``digest build``."""

    code: int
    output: str
    """stdout and stderr together."""


def _build(project: Path) -> Run:
    env = {k: v for k, v in os.environ.items() if k != "DIGEST_DEBUG"}
    command = [sys.executable, "-m", "digest", "build", "--project", str(project)]
    try:
        result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True,
                                timeout=TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail(f"build did not finish within {TIMEOUT} s")
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    return Run(result.returncode, output)


def _hash_tree(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
            for p in sorted(folder.rglob("*"))}


def _diagnostic(expect: Expect) -> re.Pattern[str]:
    column = f":{expect.column}" if expect.column else r"(?::\d+)?"
    return re.compile(rf"^articles/{re.escape(expect.file)}:{expect.line}{column}: {expect.level}: "
                      rf".*(?:{expect.message})", re.MULTILINE)


def _records(site: Path) -> list[dict[str, Any]]:
    return json.loads((site / "data" / "articles.json").read_text(encoding="utf-8"))["articles"]


def _record(site: Path, file: str) -> dict[str, Any]:
    return next(r for r in _records(site) if r["file"] == f"articles/{file}")


def _check_treatment(site: Path, expect: Expect) -> None:
    records = _records(site)
    by_file = {r["file"].removeprefix("articles/"): r for r in records}
    pages = {p.relative_to(site).as_posix() for p in (site / "articles").glob("*.html")}
    assert pages == {r["path"] for r in records}, "article pages and data/articles.json disagree"
    for file, wanted in expect.articles.items():
        if wanted is None:
            assert file not in by_file, f"{file} was published"
            continue
        record = by_file[file]
        if "slug" in wanted:
            assert re.fullmatch(wanted["slug"], record["slug"]), record["slug"]
        for key in ("title", "date"):
            if key in wanted:
                assert record[key] == wanted[key]
    files = [r["file"].removeprefix("articles/") for r in records]
    assert [f for f in files if f in expect.order] == expect.order


class _PageText(HTMLParser):
    """Text, attribute values and ``<script>`` contents of an HTML page, entities decoded."""

    def __init__(self) -> None:
        super().__init__()
        self.text: list[str] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_script = tag == "script"
        self.text.extend(value for _, value in attrs if value)

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        (self.scripts if self._in_script else self.text).append(data)


def _title_escaped_everywhere(project: Path, expect: Expect) -> None:
    """Row 17: the title is text in every sink; never a live ``<script>``."""
    site = project / "_site"
    record = _record(site, expect.file)
    title = record["title"]
    for page in sorted(site.rglob("*.html")):
        parsed = _PageText()
        parsed.feed(page.read_text(encoding="utf-8"))
        assert not any("alert(1)" in script for script in parsed.scripts), page
        assert "<script>alert(1)" not in page.read_text(encoding="utf-8"), page
    article = _PageText()
    article.feed((site / record["path"]).read_text(encoding="utf-8"))
    assert sum(title in text for text in article.text) >= 2, "title missing from <title> or <h1>"
    feed_titles = [e.text for e in ET.parse(site / "feed.xml").iter() if e.tag.endswith("title")]
    assert title in feed_titles


def _listed_last(project: Path, expect: Expect) -> None:
    """Row 14: an undated article comes after every dated one."""
    assert _records(project / "_site")[-1]["file"] == f"articles/{expect.file}"


def _no_command_ran(project: Path, expect: Expect) -> None:
    """Row 7: the ``touch pwned-row07`` in the tag never ran."""
    assert not (project / "pwned-row07").exists()


CHECKS: dict[str, Callable[[Path, Expect], None]] = {
    "title_escaped_everywhere": _title_escaped_everywhere,
    "listed_last": _listed_last,
    "no_command_ran": _no_command_ran,
}


@pytest.mark.parametrize("folder", sorted(p for p in CASES.iterdir() if p.is_dir()), ids=lambda p: p.name)
def test_catalogue_case(folder: Path, project: Path, seed_site: Path) -> None:
    """Build with the case's files over a previous site; check the diagnostic, exit code, site and treatment."""
    case = Case.load(folder)
    expect = case.expect
    site = project / "_site"
    shutil.copytree(seed_site, site)
    before = _hash_tree(site)
    for name, data in case.files.items():
        (project / "articles" / name).write_bytes(data)

    run = _build(project)

    if expect.level == "ok":
        assert run.code == 0, run.output
        about_case = [line for line in run.output.splitlines() if line.startswith(tuple(
            f"articles/{name}:" for name in case.files))]
        assert not about_case, "\n".join(about_case)
    else:
        pattern = _diagnostic(expect)
        assert pattern.search(run.output), f"no diagnostic matching {pattern.pattern!r} in:\n{run.output}"
        assert run.code == (1 if expect.level == "error" else 0), run.output
    if expect.level == "error":
        assert _hash_tree(site) == before, "a failed build changed the previous site"
    else:
        assert _hash_tree(site) != before, "the site was not rebuilt"
        _check_treatment(site, expect)
    for check in expect.checks:
        CHECKS[check](project, expect)
