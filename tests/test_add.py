"""``digest add`` and ``digest new``: new article files with what the text gives, never overwriting anything."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import sys
from pathlib import Path

import pytest

from digest.build import Options, analyse
from digest.cli import main
from digest.read.config import Config
from digest.read.loader import parse_article
from digest.read.source import decode, split_front_matter

CLOCK = "2022-02-01"
SEEDS = {  # what shared/seeds/facts.md says each seed's text states: title line, a date in words, a dateline
    "000": (None, None, None),
    "001": ("Tuesday’s Biden-Putin Phone Call Could Determine Ukraine’s Future", None, None),
    "002": ("Will Joe Biden Boost Low Level US-Russia Relations?", None, None),
    "003": ("Biden Team Cannot Tame Russia", dt.date(2022, 1, 21), None),
    "004": ("Five takeaways from the Biden-Putin call", dt.date(2021, 12, 7), "NYTIMES"),
}
HOSTILE_TITLES = [
    "Breaking: markets fall", 'He said "no" # really', "It's 'quoted' text", "--- divider ---", "- leading dash",
    "[not a list]", "{not: a map}", "yes", "1e3", "0o17", "&anchor *alias !tag %directive @at `tick", "null", "~",
    "? question mark", "| pipe > fold", "Ünïcödé — “quotes” ‘too’",
]
BODY = "Officials met on Thursday to talk about the crisis, and both sides said the talks would go on next week.\n"


def _pasted(project: Path, tmp_path: Path, seed: str) -> Path:
    """A seed article as it was pasted: the project's copy without the front matter added to it."""
    article = next((project / "articles").glob(f"{seed}_*.txt"))
    source = split_front_matter(decode(article.read_bytes(), article.name), article.name)
    pasted = tmp_path / article.name
    pasted.write_text("\n".join(source.body_lines), encoding="utf-8")
    return pasted


def _add(project: Path, *args: str) -> int:
    return main(["add", *args, "--project", str(project), "--clock", CLOCK])


def _files(project: Path) -> set[str]:
    return {p.name for p in (project / "articles").iterdir()}


def _empty_articles(project: Path, tmp_path: Path) -> dict[str, Path]:
    pasted = {seed: _pasted(project, tmp_path, seed) for seed in SEEDS}
    shutil.rmtree(project / "articles")
    (project / "articles").mkdir()
    return pasted


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_add_fills_in_what_each_seed_states(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                            seed: str) -> None:
    pasted = _empty_articles(project, tmp_path)[seed]
    title, date, source = SEEDS[seed]
    assert _add(project, str(pasted)) == 0
    out = capsys.readouterr().out
    (added,) = _files(project)
    assert out.startswith(f"Added articles/{added}\n")
    assert added.startswith(f"{date}-" if date else tuple("abcdefghijklmnopqrstuvwxyz"))
    assert (f"  title: {title} (from the first line)" if title else "  title: not found;") in out
    assert (f"  date: {date} (from " if date else "  date: not found;") in out
    assert (f'  source: {source} (from dateline "WASHINGTON (NYTIMES) -" at line 5)' if source
            else "  source: not found;") in out
    (article,) = (t.article for t in analyse(project, Options(today=dt.date(2022, 2, 1))).site.articles)
    assert (article.date, article.source) == (date, source or "")
    assert article.title == title if title else article.title.startswith("With the fate of Russia-US relations")


def test_date_quotes_the_words_it_was_read_from(project: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    pasted = _empty_articles(project, tmp_path)
    assert _add(project, str(pasted["004"])) == 0
    assert _add(project, str(pasted["003"])) == 0
    out = capsys.readouterr().out
    assert '  date: 2021-12-07 (from "Tuesday (Dec 7)" at line 5; year from "Dec 7, 2021" at line 3)' in out
    assert ('  date: 2022-01-21 (from "Friday (January 21)" at line 7; the most recent Friday with that date '
            f"up to {CLOCK})") in out


def test_added_seeds_build_into_the_same_site_topics(project: Path, tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    before = {t.article.title: {tag.topic_id for tag in t.assigned} for t in analyse(project).site.articles}
    for path in _empty_articles(project, tmp_path).values():
        assert _add(project, str(path)) == 0
    assert main(["build", "--project", str(project), "--clock", CLOCK]) == 0
    assert "Loaded 5 articles" in capsys.readouterr().out
    after = {t.article.title: {tag.topic_id for tag in t.assigned} for t in analyse(project).site.articles}
    assert {title: after.get(title) for title in before if title in after} == {
        title: topics for title, topics in before.items() if title in after}
    assert len(set(before) & set(after)) == 4  # 000's title is in its front matter only, not in the text


def test_adding_the_same_text_twice_is_refused(project: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    pasted = _pasted(project, tmp_path, "004")
    assert _add(project, str(pasted)) == 0
    target = project / "articles" / "2021-12-07-five-takeaways-from-the-biden-putin-call.txt"
    target.write_text(target.read_text() + "\nMy own note.\n")
    edited = target.read_bytes()
    capsys.readouterr()
    assert _add(project, str(pasted)) == 1
    err = capsys.readouterr().err
    assert "already exists and is never overwritten" in err and "nothing was added" in err
    assert target.read_bytes() == edited


def test_add_reads_standard_input(project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                  monkeypatch: pytest.MonkeyPatch) -> None:
    text = _pasted(project, tmp_path, "003").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\xef\xbb\xbf" + text.replace(b"\n", b"\r\n"))))
    assert _add(project, "-") == 0
    assert "Added articles/2022-01-21-biden-team-cannot-tame-russia.txt" in capsys.readouterr().out
    written = (project / "articles" / "2022-01-21-biden-team-cannot-tame-russia.txt").read_bytes()
    assert b"\r" not in written and not written.startswith(b"\xef\xbb\xbf")
    assert written.endswith(text.rstrip(b"\n") + b"\n")


@pytest.mark.parametrize(("content", "message"), [
    (b"Title\n\nCaf\xe9 au lait\n", "in.txt:3:4: error: not UTF-8 (byte 0xE9)"),
    (b"%PDF-1.7 binary", "in.txt:1:1: error: binary file"),
    (b"Title\n\x00\x01\x02", "in.txt:2:1: error: binary file (contains U+0000 NULL)"),
    (b"", "in.txt: error: nothing to import: the text is empty"),
    (b" \n\n\t\n", "in.txt: error: nothing to import: the text is empty"),
    (b"Just A Title\n", "in.txt: error: no body text to import"),
    (b"---\ntitle: Breaking: news\n---\nBody.\n", "in.txt:2:16: error: YAML: mapping values are not allowed"),
])
def test_unusable_input_is_refused_and_nothing_is_written(
        project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch,
        content: bytes, message: str) -> None:
    monkeypatch.chdir(tmp_path)
    Path("in.txt").write_bytes(content)
    before = _files(project)
    assert _add(project, "in.txt") == 1
    err = capsys.readouterr().err
    assert message in err and "nothing was added" in err and "Traceback" not in err
    assert _files(project) == before


def test_a_missing_file_says_how_to_read_standard_input(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _add(project, "no-such-file.txt") == 1
    assert "no-such-file.txt: error: no such file; check the path, or use - to read standard input" in (
        capsys.readouterr().err)


def test_front_matter_in_the_input_is_kept_and_completed(project: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    pasted = tmp_path / "in.txt"
    pasted.write_text("---\nsource: The Straits Times  # republished\ntopics: [ukraine]\n---\n"
                      + _pasted(project, tmp_path, "004").read_text())
    assert _add(project, str(pasted)) == 0
    out = capsys.readouterr().out
    assert "  source: The Straits Times (from the front matter)" in out
    text = (project / "articles" / "2021-12-07-five-takeaways-from-the-biden-putin-call.txt").read_text()
    assert text.startswith("---\nsource: The Straits Times  # republished\ntopics: [ukraine]\ntitle: Five takeaways")
    assert "source: NYTIMES" not in text


def _first_line_import(project: Path, tmp_path: Path, title: str) -> str:
    pasted = tmp_path / "in.txt"
    pasted.write_text(f"{title}\n\n{BODY}", encoding="utf-8")
    assert _add(project, str(pasted)) == 0
    (added,) = _files(project) - {p.name for p in (Path(__file__).parent.parent / "articles").iterdir()}
    return added


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_hostile_titles_read_back_the_same(project: Path, tmp_path: Path, title: str) -> None:
    added = _first_line_import(project, tmp_path, title)
    data = (project / "articles" / added).read_bytes()
    assert data.startswith(b"---\ntitle: ")
    article, _ = parse_article(data, f"articles/{added}", Config(), frozenset(), dt.date(2022, 2, 1))
    assert article.title == title
    assert [p.text for p in article.paragraphs] == [BODY.strip()]


def test_new_creates_a_dated_markdown_article(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "Talks resume: what's next?", "--project", str(project), "--clock", "2021-12-07"]) == 0
    path = project / "articles" / "2021-12-07-talks-resume-what-s-next.md"
    assert f"Created articles/{path.name}" in capsys.readouterr().out
    article, _ = parse_article(path.read_bytes(), f"articles/{path.name}", Config(), frozenset(), None)
    assert (article.title, article.date, article.source, article.author, article.url) == (
        "Talks resume: what's next?", dt.date(2021, 12, 7), "", "", "")
    for key in ("source: ''", "author: ''", "url: ''", "topics: []"):
        assert f"\n{key}\n" in path.read_text()


@pytest.mark.parametrize("title", HOSTILE_TITLES)
def test_new_quotes_hostile_titles(project: Path, title: str) -> None:
    assert main(["new", title, "--project", str(project), "--clock", "2021-12-07"]) == 0
    (path,) = (project / "articles").glob("2021-12-07-*.md")
    article, warnings = parse_article(path.read_bytes(), f"articles/{path.name}", Config(), frozenset(), None)
    assert article.title == title


def test_new_never_overwrites(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["new", "Talks resume", "--project", str(project), "--clock", "2021-12-07"]
    assert main(argv) == 0
    path = project / "articles" / "2021-12-07-talks-resume.md"
    path.write_text(path.read_text() + "My draft.\n")
    assert main(argv) == 1
    assert "already exists and is never overwritten" in capsys.readouterr().err
    assert path.read_text().endswith("My draft.\n")


def test_a_new_article_is_listed_not_published_until_it_has_text(project: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["new", "Talks resume", "--project", str(project)]) == 0
    name = f"{dt.date.today().isoformat()}-talks-resume.md"
    assert main(["build", "--project", str(project)]) == 0
    captured = capsys.readouterr()
    assert f"articles/{name}:1: warning: no body text; the article is not published" in captured.err
    assert "Loaded 5 articles" in captured.out
    assert not (project / "_site" / "articles" / "talks-resume.html").exists()
    path = project / "articles" / name
    path.write_text(path.read_text() + BODY)
    assert main(["build", "--project", str(project)]) == 0
    assert "Loaded 6 articles" in capsys.readouterr().out
    assert (project / "_site" / "articles" / "talks-resume.html").is_file()


def test_new_refuses_an_empty_title(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _files(project)
    assert main(["new", "  ", "--project", str(project)]) == 1
    assert "the title is empty" in capsys.readouterr().err
    assert _files(project) == before


@pytest.mark.parametrize("command", [["add", "-"], ["new", "T"], ["check"], ["build"]])
@pytest.mark.parametrize("value", ["2021-13-01", "tomorrow", "20211207", "2021-12-7"])
def test_a_bad_clock_is_a_usage_error(command: list[str], value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([*command, "--clock", value])
    assert exit_info.value.code == 2
    assert f"argument --clock: not a date: {value!r}; write it as YYYY-MM-DD" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["add", "new", "check"])
def test_help_names_the_project_and_clock_options(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    out = capsys.readouterr().out
    assert f"usage: digest {command}" in out and "--project" in out and "--clock YYYY-MM-DD" in out


def test_add_of_a_whole_page_takes_its_headline_and_says_where(project: Path, tmp_path: Path,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    from tests.test_structure import PAGE

    pasted = tmp_path / "page.txt"
    pasted.write_text(PAGE, encoding="utf-8")
    assert _add(project, str(pasted)) == 0
    out = capsys.readouterr().out
    assert "title: Ministers Agree on Winter Aid for Ukraine's Grid (from the headline at line 8)" in out
    assert 'date: 2023-03-03 (from date line "March 3, 2023" at line 11)' in out
    assert 'author: Jane Roe (from byline "By Jane Roe" at line 10)' in out
    assert "2023-03-03-ministers-agree-on-winter-aid-for-ukraine-s-grid.txt" in _files(project)
