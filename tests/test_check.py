"""``digest check``: everything build checks, a report of what to fix, and nothing written at all."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from digest.cli import main

SEED_004 = "articles/004_cb0caa5794b2883b.txt"


def _snapshot(folder: Path) -> dict[str, str]:
    """Every path under ``folder`` (folders too) with the hash of its bytes."""
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "dir"
            for p in sorted(folder.rglob("*"))}


def _check(project: Path, *extra: str) -> int:
    return main(["check", "--project", str(project), *extra])


def _section(out: str, heading: str) -> list[str]:
    match = re.search(rf"^{heading}: (\d+)\n((?:  .*\n)*)", out, re.MULTILINE)
    assert match, out
    lines = match.group(2).splitlines()
    assert len(lines) == int(match.group(1))
    return [line.strip() for line in lines]


def test_check_reports_the_seeds_and_writes_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = _snapshot(project.parent)
    assert _check(project) == 0
    captured = capsys.readouterr()
    assert _snapshot(project.parent) == before
    assert not (project / "_site").exists()
    assert "articles/002_a6398a6266833cdf.txt: warning: no topic assigned" in captured.err
    assert _section(captured.out, "No topics") == [
        "articles/002_a6398a6266833cdf.txt  Will Joe Biden Boost Low Level US-Russia Relations?"]
    assert _section(captured.out, "No date") == []
    assert [line.split()[0] for line in _section(captured.out, "No source")] == [
        f"articles/{n}" for n in ("000_5942b49b410fd248.txt", "001_7175a7e198ed7ad5.txt",
                                  "002_a6398a6266833cdf.txt", "003_5f423ee80351fc58.txt")]
    assert _section(captured.out, "Near-duplicate bodies") == []
    assert _section(captured.out, "Slug collisions") == []
    assert captured.out.endswith("Checked 5 articles: 0 error(s), 1 warning(s); nothing was written.\n")


def test_check_leaves_an_existing_site_untouched(project: Path) -> None:
    assert main(["build", "--project", str(project)]) == 0
    (project / "articles" / "bad.md").write_text("---\ntitle: [unclosed\n---\nBody.\n")
    before = _snapshot(project.parent)
    assert _check(project) == 1
    assert _snapshot(project.parent) == before


def test_a_copied_article_is_a_near_duplicate_and_a_slug_collision(project: Path,
                                                                   capsys: pytest.CaptureFixture[str]) -> None:
    original = (project / SEED_004).read_text()
    edited = original.replace("roughly two hours", "about two hours").replace("Mr Biden's", "President Biden's")
    (project / "articles" / "copy.txt").write_text(edited)
    (project / "articles" / "unrelated.md").write_text("---\ntitle: Weather\ndate: 2021-12-07\n---\n"
                                                       + "Rain is expected over the weekend in the north. " * 20)
    assert _check(project) == 0
    out = capsys.readouterr().out
    (pair,) = _section(out, "Near-duplicate bodies")
    match = re.fullmatch(rf"{SEED_004} ~ articles/copy\.txt: (\d+)% similar", pair)
    assert match and 80 <= int(match.group(1)) < 100
    (collision,) = _section(out, "Slug collisions")
    assert collision.startswith("articles/copy.txt: slug 'five-takeaways-from-the-biden-putin-call' is already used")


def test_identical_bodies_are_fully_similar(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (project / SEED_004).read_text().replace("---\n", "---\nslug: another-copy\n", 1)
    (project / "articles" / "same.txt").write_text(text)
    assert _check(project) == 0
    out = capsys.readouterr().out
    assert _section(out, "Near-duplicate bodies") == [f"{SEED_004} ~ articles/same.txt: 100% similar"]
    assert _section(out, "Slug collisions") == []


def test_errors_give_exit_code_1_with_every_problem(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "articles" / "a.md").write_text("---\ndate: Tusday\n---\nBody.\n")
    (project / "articles" / "b.md").write_text("---\ntopics: [ukrane]\n---\nBody.\n")
    assert _check(project) == 1
    captured = capsys.readouterr()
    assert "articles/a.md:2: error: 'date' is not a date" in captured.err
    assert "articles/b.md:2: error: unknown topic 'ukrane'" in captured.err
    assert "Checked 5 articles: 2 error(s), 1 warning(s); nothing was written." in captured.out


def test_strict_makes_warnings_fail(project: Path) -> None:
    assert _check(project) == 0
    assert _check(project, "--strict") == 1


def test_clock_decides_what_is_in_the_future(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _check(project, "--clock", "2021-12-06") == 0
    err = capsys.readouterr().err
    assert f"{SEED_004}:2: warning: dated in the future (2021-12-07)" in err
    assert "003_5f423ee80351fc58.txt:2: warning: dated in the future (2022-01-21)" in err
    assert "000_5942b49b410fd248.txt:3: warning: dated in the future" in err
    assert _check(project, "--clock", "2022-01-21") == 0
    assert "dated in the future" not in capsys.readouterr().err


def test_articles_without_date_or_topics_are_listed(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (project / "articles" / "plain.md").write_text("# Weather\n\nRain is expected over the weekend.\n")
    assert _check(project) == 0
    out = capsys.readouterr().out
    assert "articles/plain.md  Weather" in _section(out, "No date")
    assert "articles/plain.md  Weather" in _section(out, "No topics")


def test_a_broken_configuration_stops_the_check(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = project / "digest.yaml"
    config.write_text(config.read_text() + "colour: blue\n")
    assert _check(project) == 1
    err = capsys.readouterr().err
    assert "digest.yaml:" in err and "unknown setting 'colour'" in err and "check stopped" in err
