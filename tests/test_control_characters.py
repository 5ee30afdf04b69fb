"""Control characters and Unicode line breaks pasted into articles never reach an output file (catalogue row 10).

The catalogue folders ``10-body-*`` and ``10-front-matter-escaped-controls`` (rows 1-22) and ``27-breaks-*``
(rows 23-44) are built together with two articles holding every such character, in the body and in escaped
front-matter values. Every XML file must parse (a raw form feed makes Atom ill-formed), and no HTML, XML or JSON
file, nor the search index, may hold a control character other than tab and newline, raw or as a reference.
"""

from __future__ import annotations

import contextlib
import gzip
import html
import io
import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
import yaml

from digest.cli import main
from tests.conftest import copy_project

CATALOGUE = Path(__file__).parent / "catalogue"
FOLDERS = [*sorted((CATALOGUE / "rows_01_22").glob("10-body-*")),
           CATALOGUE / "rows_01_22" / "10-front-matter-escaped-controls",
           *sorted((CATALOGUE / "rows_23_44").glob("27-breaks-*"))]
EVERY = "".join(map(chr, [*range(0x01, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0)])) + "\u2028\u2029\ufffe\uffff"
"""Every C0 and C1 control but NUL, tab and newline, the Unicode line breaks and the two XML noncharacters."""
FORBIDDEN = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
TEXT_SUFFIXES = {".html", ".xml", ".json", ".txt", ".css", ".js"}
ATOM = "{http://www.w3.org/2005/Atom}"


def _yaml_escaped(text: str) -> str:
    """``text`` as a double-quoted YAML scalar spelling every character outside printable ASCII as ``\\uXXXX``."""
    return '"' + "".join(c if " " <= c <= "~" and c not in '"\\' else f"\\u{ord(c):04x}" for c in text) + '"'


def _sink(suffix: str) -> bytes:
    """An article with every character in ``EVERY`` in its title, source, author and body."""
    front = (f"title: {_yaml_escaped('Kitchen' + EVERY + 'sink ' + suffix)}\nsource: {_yaml_escaped('Wire' + EVERY)}\n"
             f"author: {_yaml_escaped('Jane' + EVERY + 'Doe')}\ndate: 2024-03-05\ntopics: [ukraine]\n")
    body = (f"## Heading{EVERY}here\n\nUkraine and Kyiv{EVERY}talk again in Geneva.\n\n- item{EVERY}one\n\n"
            f"```\ncode{EVERY}block\n```\n\n[link](https://example.org/ \"title{EVERY}\") and `code{EVERY}span`.\n")
    return f"---\n{front}---\n{body}".encode()


def _strings(value: Any) -> Iterator[str]:
    """Every string in a parsed JSON value, keys included."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield key
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _texts(path: Path) -> Iterator[str]:
    """What a reader or a parser gets from one output file: raw text, references decoded, JSON strings."""
    if path.suffix == ".pf_fragment":
        yield from _strings(json.loads(gzip.decompress(path.read_bytes()).removeprefix(b"pagefind_dcd")))
        return
    if path.suffix not in TEXT_SUFFIXES:
        return
    text = path.read_text(encoding="utf-8")
    yield text
    if path.suffix in (".html", ".xml"):
        yield html.unescape(text)
    if path.suffix == ".json":
        yield from _strings(json.loads(text))


def _pagefind_code(site: Path, path: Path) -> bool:
    """Pagefind's own scripts and styles (third-party code, not article text)."""
    return path.relative_to(site).parts[0] == "pagefind" and path.suffix in (".js", ".css")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The seed project plus the control-character cases, built; returns the site and what the build printed."""
    project = copy_project(tmp_path_factory.mktemp("controls") / "project")
    articles = project / "articles"
    for folder in FOLDERS:
        expect = yaml.safe_load((folder / "expect.yaml").read_text(encoding="utf-8"))
        for name, text in expect.get("generated", {}).items():
            (articles / name).write_text(text, encoding="utf-8")
        for path in folder.iterdir():
            if path.name != "expect.yaml":
                shutil.copy(path, articles / path.name)
    (articles / "sink.md").write_bytes(_sink("md"))
    (articles / "sink.txt").write_bytes(_sink("txt"))
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        assert main(["build", "--project", str(project), "--base-url", "https://example.org/news/"]) == 0
    return project / "_site", err.getvalue()


def test_every_feed_and_the_sitemap_are_well_formed_xml(built: tuple[Path, str]) -> None:
    site, _ = built
    feeds = [site / "feed.xml", *sorted((site / "topics").glob("*.xml"))]
    assert len(feeds) > 1
    for path in [*feeds, site / "sitemap.xml"]:
        ElementTree.parse(path)
    titles = [e.findtext(f"{ATOM}title") for e in ElementTree.parse(site / "feed.xml").getroot().iter(f"{ATOM}entry")]
    assert "Kitchen sink md" in titles and "Kitchen sink txt" in titles


def test_no_control_character_reaches_any_output_file(built: tuple[Path, str]) -> None:
    site, _ = built
    checked = [path for path in sorted(site.rglob("*")) if path.is_file() and not _pagefind_code(site, path)]
    found = [f"{path.relative_to(site)}: {match.group()!r}" for path in checked for text in _texts(path)
             for match in [FORBIDDEN.search(text)] if match]
    assert found == []
    assert any(path.suffix == ".pf_fragment" for path in checked), "the search index was not checked"


def test_the_text_around_the_characters_still_shows(built: tuple[Path, str]) -> None:
    site, _ = built
    records = json.loads((site / "data" / "articles.json").read_text(encoding="utf-8"))["articles"]
    sink = next(r for r in records if r["file"] == "articles/sink.md")
    assert (sink["title"], sink["source"], sink["author"]) == ("Kitchen sink md", "Wire", "Jane Doe")
    page = html.unescape((site / sink["path"]).read_text(encoding="utf-8"))
    for words in ("Heading", "here", "Ukraine and Kyiv", "talk again in Geneva.", "item", "one", "code", "block",
                  "span"):
        assert words in page
    escaped = next(r for r in records if r["file"] == "articles/escaped.md")
    assert (escaped["title"], escaped["source"], escaped["author"]) == ("Kyiv talks resume", "Wire Service", "Jane Doe")


def test_each_article_gets_one_warning_at_its_first_control_character(built: tuple[Path, str]) -> None:
    _, err = built
    for name, line in (("sink.md", 8), ("sink.txt", 8)):
        warnings = [w for w in err.splitlines() if w.startswith(f"articles/{name}:") and "control character" in w]
        assert len(warnings) == 1 and warnings[0].startswith(f"articles/{name}:{line}:11: warning: U+0001 "), warnings


def test_a_control_character_in_a_file_name_is_refused_and_shown_escaped(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A name holding ESC could recolour or rewrite the user's terminal, and would reach data/articles.json."""
    project = copy_project(tmp_path / "project")
    (project / "articles" / "bad\x1b[31mname.txt").write_text("Title here\n\nBody text about Ukraine.\n")
    assert main(["build", "--project", str(project)]) == 1
    err = capsys.readouterr().err
    assert "articles/bad\\x1b[31mname.txt:1: error: file name contains the control character U+001B" in err
    assert "\x1b" not in err
