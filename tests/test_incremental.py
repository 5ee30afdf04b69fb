"""Incremental builds are never stale: after any change, the site equals a clean build of the same input,
and files whose bytes did not change are left untouched (same inode, same modification time)."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from digest.build import Options, build

Change = Callable[[Path], None]
SEARCH = "pagefind"


def site_tree(site: Path) -> dict[str, str]:
    """Every published file, its hash and its mode. Pagefind's own files differ between runs (Pagefind#638), so for
    each search bundle only its page count is compared."""
    tree = {p.relative_to(site).as_posix(): f"{hashlib.sha256(p.read_bytes()).hexdigest()} {p.stat().st_mode:o}"
            for p in sorted(site.rglob("*")) if p.is_file() and not p.relative_to(site).parts[0] == SEARCH}
    for entry in sorted((site / SEARCH).glob("*/pagefind-entry.json")):
        tree[f"{entry.parent.name} pages"] = str(json.loads(entry.read_text())["languages"]["en"]["page_count"])
    return tree


def clean_build_of(project: Path, tmp_path: Path) -> dict[str, str]:
    """The tree a first build of the same input gives, in a fresh folder with no cache."""
    fresh = tmp_path / "fresh"
    fresh.mkdir()
    for name in ("articles", "templates", "topics.yaml", "digest.yaml"):
        (shutil.copytree if (project / name).is_dir() else shutil.copy2)(project / name, fresh / name)
    assert not (fresh / ".digest-cache").exists()
    return site_tree(Path(build(fresh, Options()).output))


def _article(project: Path, name: str = "000_5942b49b410fd248.txt") -> Path:
    return project / "articles" / name


def add(project: Path) -> None:
    (project / "articles" / "2021-12-09-gas.md").write_text(
        "---\ntitle: Germany pauses Nord Stream 2 certification\nsource: Wire\n---\n"
        "Germany's regulator paused the certification of the Nord Stream 2 pipeline on Thursday.\n\n"
        "NATO allies welcomed the move, and Ukraine said the pipeline was a threat to its security.\n",
        encoding="utf-8")


def edit(project: Path) -> None:
    path = _article(project)
    text = path.read_text(encoding="utf-8")
    assert "between the US and Russia were" in text
    path.write_text(text.replace("between the US and Russia were", "between the US and Russia, both nuclear powers, were"),
                    encoding="utf-8")


def retitle(project: Path) -> None:
    path = _article(project)
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    path.write_text("A different headline about Ukraine\n" + "".join(lines[1:]), encoding="utf-8")


def delete(project: Path) -> None:
    _article(project).unlink()


def rename(project: Path) -> None:
    _article(project).rename(project / "articles" / "2021-12-06-renamed.txt")


def change_topics(project: Path) -> None:
    path = project / "topics.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("threshold: 2", "threshold: 5"), encoding="utf-8")


def change_template(project: Path) -> None:
    path = project / "templates" / "article.html"
    path.write_text(path.read_text(encoding="utf-8").replace("</article>", "<p>Edited template.</p></article>", 1),
                    encoding="utf-8")


def change_settings(project: Path) -> None:
    path = project / "digest.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("title: News digest", "title: Ukraine watch"),
                    encoding="utf-8")


def corrupt_cache(project: Path) -> None:
    edit(project)
    for cached in (project / ".digest-cache").iterdir():
        cached.write_bytes(b"digest-cache-1\n" + b"\x80\x05garbage" * 10)


def truncate_cache(project: Path) -> None:
    edit(project)
    for cached in (project / ".digest-cache").iterdir():
        cached.write_bytes(cached.read_bytes()[: cached.stat().st_size // 2])


def tamper_with_output(project: Path) -> None:
    (project / "_site" / "timeline.html").unlink()
    (project / "_site" / "index.html").write_text("changed by hand")
    (project / "_site" / "feed.xml").chmod(0o600)


CHANGES: dict[str, Change] = {
    "add": add, "edit": edit, "retitle": retitle, "delete": delete, "rename": rename, "topics.yaml": change_topics,
    "template": change_template, "digest.yaml": change_settings, "corrupt-cache": corrupt_cache,
    "truncated-cache": truncate_cache, "output-changed-by-hand": tamper_with_output,
}


@pytest.mark.parametrize("change", CHANGES.values(), ids=CHANGES.keys())
def test_incremental_build_equals_a_clean_build(project: Path, tmp_path: Path, change: Change) -> None:
    build(project, Options())
    change(project)
    report = build(project, Options())
    tree = site_tree(Path(report.output))
    assert tree == clean_build_of(project, tmp_path)
    assert {"stories/index.html", "people/index.html", "people/jake-sullivan.html"} <= tree.keys(), \
        "story and people pages are part of what is compared"


def test_topics_change_is_visible(project: Path) -> None:
    """The taxonomy change above is a real one: it changes which topics the seeds get."""
    before = json.loads(build(project, Options()) and (project / "_site/data/articles.json").read_text())
    change_topics(project)
    build(project, Options())
    after = json.loads((project / "_site/data/articles.json").read_text())
    assert [a["topics"] for a in before["articles"]] != [a["topics"] for a in after["articles"]]


def _inodes(site: Path) -> dict[str, tuple[int, int]]:
    return {p.relative_to(site).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns)
            for p in site.rglob("*") if p.is_file()}


def test_a_rebuild_with_no_change_writes_nothing(project: Path) -> None:
    first = build(project, Options())
    before = _inodes(project / "_site")
    again = build(project, Options())
    assert again.pages_written == 0 and again.files_removed == 0
    assert again.articles == first.articles and again.diagnostics == first.diagnostics
    assert _inodes(project / "_site") == before


def test_editing_one_article_rewrites_only_the_files_it_changes(project: Path) -> None:
    build(project, Options())
    before = _inodes(project / "_site")
    edit(project)
    report = build(project, Options())
    after = _inodes(project / "_site")
    changed = {path for path in after if after[path] != before.get(path)}
    slug = "russia-us-video-call-the-primary-takeaways"
    assert f"articles/{slug}.html" in changed and "data/articles.json" in changed
    untouched = [p for p in after if p.startswith("articles/") and p != f"articles/{slug}.html"]
    assert untouched and not changed & set(untouched)
    assert "assets/style.css" not in changed and "topics/index.html" not in changed
    search = {path.split("/")[1] for path in changed if path.startswith(f"{SEARCH}/")}
    assert search == {"2021-12"}, "only the search bundle of the edited article (dated 2021-12-08) is rebuilt"
    assert report.pages_written == len(changed)


def test_deleting_an_article_removes_its_page(project: Path) -> None:
    build(project, Options())
    pages = set((project / "_site" / "articles").iterdir())
    delete(project)
    report = build(project, Options())
    assert len(set((project / "_site" / "articles").iterdir())) == len(pages) - 1
    assert report.files_removed >= 1


def test_the_previous_site_is_deleted_by_the_time_a_build_returns(project: Path) -> None:
    """The swapped-out site is deleted in a thread while the caches are written; the build waits for it."""
    build(project, Options())
    edit(project)
    build(project, Options())
    assert sorted(p.name for p in project.iterdir() if p.name.startswith("._site")) == []


def test_files_kept_in_the_output_survive_incremental_builds(project: Path) -> None:
    build(project, Options())
    (project / "_site" / "CNAME").write_text("news.example.org\n")
    (project / "_site" / ".git").mkdir()
    (project / "_site" / ".git" / "HEAD").write_text("ref: refs/heads/gh-pages\n")
    edit(project)
    build(project, Options())
    build(project, Options())
    assert (project / "_site" / "CNAME").read_text() == "news.example.org\n"
    assert (project / "_site" / ".git" / "HEAD").read_text() == "ref: refs/heads/gh-pages\n"


def test_a_private_file_kept_in_the_output_is_made_readable_even_when_nothing_changed(project: Path) -> None:
    build(project, Options())
    (project / "_site" / "CNAME").write_text("news.example.org\n")
    (project / "_site" / "CNAME").chmod(0o600)
    build(project, Options())
    assert (project / "_site" / "CNAME").stat().st_mode & 0o777 == 0o644


def test_the_first_build_of_a_new_day_reuses_every_article(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Today's date decides only the future-date warning: a new day re-reads no article, and the
    warning still follows the clock."""
    import datetime as dt

    from digest.analyse import prepare

    build(project, Options(today=dt.date(2021, 12, 6)))
    processed: list[str] = []
    real = prepare.process
    monkeypatch.setattr(prepare, "process", lambda path, *rest: processed.append(path) or real(path, *rest))
    before = build(project, Options(today=dt.date(2021, 12, 6)))
    next_day = build(project, Options(today=dt.date(2021, 12, 7)))
    assert processed == []
    future = [d for d in next_day.diagnostics if "dated in the future" in d.message]
    assert len(future) < len([d for d in before.diagnostics if "dated in the future" in d.message])
    assert all(d.ref.line > 0 for d in future)


def test_pages_rendered_in_worker_processes_equal_pages_rendered_in_one(project: Path, tmp_path: Path,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from digest.site import prerender

    monkeypatch.setattr(prerender, "PARALLEL_FROM", 1)
    parallel = site_tree(Path(build(project, Options()).output))
    monkeypatch.setattr(prerender, "PARALLEL_FROM", 10 ** 9)
    assert parallel == clean_build_of(project, tmp_path)


def test_a_template_error_in_a_worker_process_is_located(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from digest.records import DigestError
    from digest.site import prerender

    monkeypatch.setattr(prerender, "PARALLEL_FROM", 1)
    article = project / "templates" / "article.html"
    article.write_text(article.read_text(encoding="utf-8").replace("{{ article.title }}", "{{ article.title.nope() }}", 1),
                       encoding="utf-8")
    with pytest.raises(DigestError) as raised:
        build(project, Options())
    assert raised.value.ref.path.endswith("article.html") and raised.value.ref.line > 0


def test_a_build_with_nothing_changed_reads_no_article_once_the_files_have_settled(
        project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """With the files older than the settle time, a no-op build decides from file status alone; an edit
    that keeps the size and the modification time is still seen (the change time moves), and rebuilt."""
    from digest import build as driver
    from digest.read import loader

    monkeypatch.setattr(loader, "SETTLE_SECONDS", -3600.0)
    first = build(project, Options())
    article = next((project / "articles").glob("000_*.txt"))

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("an article was read")

    with monkeypatch.context() as reading:
        reading.setattr(driver, "read_sources", refuse)
        again = build(project, Options())
    assert again.pages_written == 0 and again.articles == first.articles
    info = article.stat()
    text = article.read_text(encoding="utf-8")
    article.write_text(text.replace("Biden", "Bidem", 1), encoding="utf-8")
    os.utime(article, ns=(info.st_atime_ns, info.st_mtime_ns))
    assert article.stat().st_size == info.st_size and article.stat().st_mtime_ns == info.st_mtime_ns
    edited = build(project, Options())
    assert edited.pages_written > 0
    assert "Bidem" in (Path(edited.output) / "data" / "articles.json").read_text(encoding="utf-8")


def test_the_same_project_named_another_way_is_up_to_date(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Building by an absolute path and then by a relative one (or from inside the folder) redoes nothing."""
    from digest import build as driver

    build(project.resolve(), Options())
    monkeypatch.chdir(project.parent)

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("the articles were analysed again")

    monkeypatch.setattr(driver, "analyse", refuse)
    assert build(Path(project.name), Options()).pages_written == 0
    monkeypatch.chdir(project)
    assert build(Path("."), Options()).pages_written == 0
