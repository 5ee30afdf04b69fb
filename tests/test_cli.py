"""The command line as a user meets it: summaries, clear errors, and a previous site that survives."""

from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from digest.cli import main


def _hash_tree(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def _build(project: Path, *extra: str) -> int:
    return main(["build", "--project", str(project), *extra])


def test_build_prints_a_summary_and_where_to_open(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _build(project) == 0
    out = capsys.readouterr().out
    assert ("Loaded 5 articles; removed 20 lines of web leftovers (comment_form 12, captions 3, related_links 2, "
            "author_bio 1, embeds 1, social_prompts 1).") in out
    assert "Ukraine         4 articles" in out and "Nord Stream 2   2 articles" in out
    assert re.search(r"Wrote \d+ new or changed files \(0 unchanged, 0 removed\) in \d+\.\d\d s; 1 warning\(s\)\.", out)
    assert f"Open {project / '_site' / 'index.html'}" in out


def test_a_second_build_says_the_site_is_up_to_date(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _build(project) == 0
    first = capsys.readouterr()
    assert _build(project) == 0
    again = capsys.readouterr()
    assert "Nothing changed since the last build; the site is up to date" in again.out
    assert again.err == first.err and "Loaded 5 articles" in again.out
    (project / "articles" / "000_5942b49b410fd248.txt").unlink()
    assert _build(project) == 0
    assert re.search(r"Wrote \d+ new or changed files \(\d+ unchanged, [1-9][0-9]* removed\)", capsys.readouterr().out)


@pytest.mark.parametrize(("name", "content", "expected"), [
    ("bad.md", "---\ntitle: Breaking: news\n---\nBody.\n", "articles/bad.md:2:16: error: YAML: mapping values"),
    ("latin1.txt", b"Title\n\nCaf\xe9\n", "articles/latin1.txt:3:4: error: not UTF-8 (byte 0xE9)"),
    ("open.md", "---\ntitle: X\nBody.\n", "articles/open.md:1:1: error: front matter opened with '---' but never closed"),
])
def test_bad_article_stops_the_build_and_keeps_the_previous_site(
        project: Path, capsys: pytest.CaptureFixture[str], name: str, content: str | bytes, expected: str) -> None:
    assert _build(project) == 0
    (project / "_site" / "CNAME").write_text("news.example.org\n")
    before = _hash_tree(project / "_site")
    target = project / "articles" / name
    target.write_bytes(content if isinstance(content, bytes) else content.encode())
    capsys.readouterr()
    assert _build(project) == 1
    err = capsys.readouterr().err
    assert expected in err and "Traceback" not in err
    assert "previous site is unchanged" in err
    assert _hash_tree(project / "_site") == before


def test_every_bad_file_is_reported_before_stopping(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "articles" / "a.md").write_text("---\ndate: Tusday\n---\nBody.\n")
    (project / "articles" / "b.md").write_text("---\ntopics: [ukrane]\n---\nBody.\n")
    assert _build(project) == 1
    err = capsys.readouterr().err
    assert "articles/a.md:2: error: 'date' is not a date" in err
    assert "articles/b.md:2: error: unknown topic 'ukrane'" in err


def test_keep_going_skips_bad_articles(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "articles" / "bad.md").write_text("---\ntitle: [unclosed\n---\nBody.\n")
    assert _build(project, "--keep-going") == 0
    out = capsys.readouterr().out
    assert "Loaded 5 articles (skipped 1 with errors)" in out


def test_strict_makes_warnings_fatal(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _build(project, "--strict") == 1
    assert "no topic assigned" in capsys.readouterr().err
    assert not (project / "_site").exists()


def test_user_files_in_the_output_survive_a_build(project: Path) -> None:
    site = project / "_site"
    site.mkdir()
    (site / "CNAME").write_text("news.example.org\n")
    (site / ".git").mkdir()
    (site / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    (site / "stale.html").write_text("old")
    assert _build(project) == 0
    assert (site / "CNAME").read_text() == "news.example.org\n"
    assert (site / ".git" / "HEAD").is_file()
    assert not (site / "stale.html").exists()
    assert not list(project.glob("._site.*"))


def test_template_error_names_the_template_line(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    template = project / "templates" / "topic.html"
    template.write_text(template.read_text().replace("{{ topic.name }}</h1>", "{{ topic.nmae }}</h1>"))
    assert _build(project) == 1
    err = capsys.readouterr().err
    assert "templates/topic.html:" in err and "nmae" in err and "Traceback" not in err


def test_unknown_config_key_is_reported_with_its_line(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = project / "digest.yaml"
    text = config.read_text()
    config.write_text(text + "colour: blue\n")
    line = text.count("\n") + 1
    assert _build(project) == 1
    assert f"digest.yaml:{line}: error: unknown setting 'colour'" in capsys.readouterr().err


def test_output_inside_the_articles_folder_is_refused(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _build(project, "--out", "articles/site") == 1
    assert "overlaps the project's own files" in capsys.readouterr().err
    assert not (project / "articles" / "site").exists()


def test_a_second_build_is_refused_while_one_runs(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "._site.lock").write_text("1")
    assert _build(project) == 1
    assert "another build is running" in capsys.readouterr().err


def test_stale_lock_and_temporary_folders_are_recovered(project: Path) -> None:
    (project / "._site.lock").write_text("999999999")
    (project / "._site.tmp-424242").mkdir()
    assert _build(project) == 0
    assert sorted(p.name for p in project.iterdir() if p.name.startswith("._site")) == []


@pytest.mark.parametrize("argv", [["--help"], ["build", "--help"]])
def test_help_on_every_command(argv: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    assert exit_info.value.code == 0
    assert "usage: digest" in capsys.readouterr().out


def test_front_matter_overrides_are_shown_on_the_page(project: Path) -> None:
    article = project / "articles" / "002_a6398a6266833cdf.txt"
    article.write_text(article.read_text().replace("---\n", "---\ntopics: {include: [alliances], exclude: [ukraine]}\n", 1))
    assert _build(project) == 0
    page = (project / "_site" / "articles" / "will-joe-biden-boost-low-level-us-russia-relations.html").read_text()
    assert "(set in the article's front matter)" in page
    assert "excluded in the article's front matter" in page
    topic = (project / "_site" / "topics" / "alliances.html").read_text()
    assert "Will Joe Biden Boost Low Level US-Russia Relations?" in topic


def test_base_url_gives_sitemap_canonical_and_open_graph_urls(project: Path) -> None:
    assert _build(project) == 0
    assert not (project / "_site" / "sitemap.xml").exists()
    base = "https://example.github.io/repo/"
    assert _build(project, "--base-url", base.rstrip("/")) == 0
    sitemap = (project / "_site" / "sitemap.xml").read_text()
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    records = json.loads((project / "_site" / "data" / "articles.json").read_text())["articles"]
    months = {f"timeline/{r['date'][:7]}.html" for r in records}
    assert len(locs) == 3 + 4 + len(months) + 5 and all(loc.startswith(base) for loc in locs)
    assert {loc[len(base):] for loc in locs} >= months
    assert all((project / "_site" / (loc[len(base):] or "index.html")).is_file() for loc in locs)
    page = (project / "_site" / "topics" / "ukraine.html").read_text()
    assert f'<link rel="canonical" href="{base}topics/ukraine.html">' in page
    assert f'<meta property="og:url" content="{base}topics/ukraine.html">' in page
    assert '<meta property="og:title" content="Ukraine · News digest">' in page


def test_an_error_raised_inside_a_template_is_reported_at_its_line(
        project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    template = project / "templates" / "topic.html"
    text = template.read_text(encoding="utf-8")
    line = text.splitlines().index("{% for source, items in sources %}") + 1
    template.write_text(text.replace("{% for source, items in sources %}", "{% for source, items, x in sources %}"),
                        encoding="utf-8")
    assert _build(project) == 1
    err = capsys.readouterr().err
    assert f"templates/topic.html:{line}: error: template: not enough values to unpack" in err
    assert "internal error" not in err and "Traceback" not in err


@pytest.mark.parametrize("unbuffered", [False, True])
def test_a_reader_that_stops_early_gets_no_error(project: Path, unbuffered: bool) -> None:
    """``digest build | head -1``: the pipe closes before the report is printed (found at the last flush, or at
    the first print when output is unbuffered); no traceback, no internal error."""
    assert _build(project) == 0
    (project / "articles" / "2021-12-09-new.md").write_text("---\ntitle: New\n---\nUkraine and NATO met.\n",
                                                            encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"
    child = subprocess.Popen([sys.executable, "-m", "digest", "build", "--project", str(project)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    child.stdout.close()
    err = child.stderr.read()
    child.stderr.close()
    assert child.wait(timeout=120) == 141
    assert "internal error" not in err and "Traceback" not in err, err
