"""Catalogue rows 23-44 of RELIABILITY.md: hostile input and faults, each held to what "digest must" do.

Fixture cases are folders ``tests/catalogue/rows_23_44/<NN-name>/`` (like Zola's test_sites_invalid):
the article files to drop into a copy of the built seed project, and ``expect.yaml``:

- ``level``: ``ok`` | ``warning`` | ``error``. An error means exit 1 and the previous site byte-identical;
  otherwise exit 0, and ``ok`` means no diagnostic names the case's files.
- ``file``, ``line``, ``column``, ``message``: the diagnostic
  ``articles/<file>:<line>[:<column>]: <level>: ...<message>...``; ``also`` lists more of the same level.
- ``pages`` / ``missing``: site paths that must / must not exist afterwards.
- ``page`` with ``contains`` / ``absent``: substrings that must / must not be in that page.
- ``forced``: the topic ids the case's one article is forced into (``data/articles.json``).
- ``summary``: a substring of the printed summary.

Rows whose input needs symlinks, permissions, huge or binary files, signals, a held lock or
monkeypatching build it inside their test, as the test's docstring says.
"""

from __future__ import annotations

import errno
import hashlib
import itertools
import json
import os
import random
import re
import shutil
import signal
import stat
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

import digest.read.loader
import digest.site.writer
from digest.cli import main
from digest.site.writer import build_lock
from tests.conftest import copy_project

CASES = Path(__file__).resolve().parent / "catalogue" / "rows_23_44"
TIMEOUT = 5.0
LOOP_TIMEOUT = 10.0
SLOW_BUILD_WAIT = 30.0
CANARY = "CANARY-7f3a"
FRONT = "---\ntitle: {title}\ndate: 2022-03-01\ntopics: [ukraine]\n---\n"


@dataclass(frozen=True)
class Run:
    """What one build returned and printed."""

    code: int
    out: str
    err: str


@dataclass(frozen=True)
class Expect:
    """A case's ``expect.yaml`` (described in the module docstring)."""

    level: str
    file: str = ""
    line: int | None = None
    column: int | None = None
    message: str = ""
    also: list[dict[str, Any]] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    missing: list[str] = field(default_factory=list)
    page: str = ""
    contains: list[str] = field(default_factory=list)
    absent: list[str] = field(default_factory=list)
    forced: list[str] | None = None
    summary: str = ""

    def diagnostics(self) -> list[dict[str, Any]]:
        """Every diagnostic the case expects, as keyword arguments for ``assert_diagnostic``."""
        first = {"file": self.file, "line": self.line, "column": self.column, "message": self.message}
        return ([first] if self.file else []) + self.also


def run_build(project: Path, *args: str, timeout: float = TIMEOUT, umask: int = -1) -> Run:
    """``digest build`` in a fresh interpreter; a build that outlives ``timeout`` fails the test."""
    env = {key: value for key, value in os.environ.items() if key != "DIGEST_DEBUG"}
    try:
        done = subprocess.run([sys.executable, "-m", "digest", "build", "--project", str(project), *args],
                              capture_output=True, text=True, encoding="utf-8", errors="replace",
                              timeout=timeout, env=env, umask=umask, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail(f"build did not finish within {timeout} s", pytrace=False)
    run = Run(done.returncode, done.stdout, done.stderr)
    assert "Traceback" not in run.out + run.err
    return run


def build_in_process(project: Path, capsys: pytest.CaptureFixture[str], *args: str) -> Run:
    """``digest build`` in this process, for faults injected with monkeypatch."""
    code = main(["build", "--project", str(project), *args])
    captured = capsys.readouterr()
    run = Run(code, captured.out, captured.err)
    assert "Traceback" not in run.out + run.err
    return run


def tree_hash(folder: Path) -> dict[str, str]:
    """Every path under ``folder`` with the sha256 of its bytes (folders and links marked as such)."""
    found: dict[str, str] = {}
    for parent, dirs, files in os.walk(folder):
        for name in dirs + files:
            path = Path(parent, name)
            key = path.relative_to(folder).as_posix()
            if path.is_symlink():
                found[key] = "link " + os.readlink(path)
            elif path.is_dir():
                found[key] = "folder"
            else:
                found[key] = hashlib.sha256(path.read_bytes()).hexdigest()
    return found


def leftovers(project: Path) -> list[str]:
    """Lock, temporary and swapped-out folders a build left beside ``_site``."""
    return sorted(path.name for path in project.glob("._site.*"))


def assert_diagnostic(err: str, level: str, file: str, message: str, line: int | None = None,
                      column: int | None = None) -> None:
    """``articles/<file>:<line>[:<column>]: <level>: ...<message>...`` was printed (``line=None``: any line)."""
    where = (f":{line}" if line else ":[0-9]+") + (f":{column}" if column else "(:[0-9]+)?")
    pattern = rf"^articles/{re.escape(file)}{where}: {level}: .*{re.escape(message)}"
    assert re.search(pattern, err, re.MULTILINE), f"expected a line matching {pattern!r} in:\n{err}"


def assert_refused(project: Path, before: dict[str, str], run: Run) -> None:
    """Exit 1, the previous site byte-identical and nothing left beside it."""
    assert run.code == 1, run.err
    assert tree_hash(project / "_site") == before
    assert leftovers(project) == []


def forced_topics(site: Path, files: list[str]) -> list[str]:
    """Topic ids the one article among ``files`` is forced into."""
    data = json.loads((site / "data" / "articles.json").read_text(encoding="utf-8"))
    [article] = [a for a in data["articles"] if a["file"] in {f"articles/{name}" for name in files}]
    return sorted(tag["id"] for tag in article["topics"] if tag["status"] == "forced")


def check_case(folder: Path, project: Path) -> None:
    """Add the case's files to the built project, build, and check what ``expect.yaml`` says."""
    expect = Expect(**yaml.safe_load((folder / "expect.yaml").read_text(encoding="utf-8")))
    files = sorted(path.name for path in folder.iterdir() if path.name != "expect.yaml")
    for name in files:
        shutil.copy2(folder / name, project / "articles" / name)
    site = project / "_site"
    before = tree_hash(site)
    run = run_build(project)
    for diagnostic in expect.diagnostics():
        assert_diagnostic(run.err, expect.level, **diagnostic)
    if expect.level == "error":
        assert_refused(project, before, run)
        return
    assert run.code == 0, run.err
    if expect.level == "ok":
        named = tuple(f"articles/{name}:" for name in files)
        assert [line for line in run.err.splitlines() if line.startswith(named)] == []
    assert [page for page in expect.pages if not (site / page).is_file()] == []
    assert [page for page in expect.missing if (site / page).exists()] == []
    if expect.page:
        text = (site / expect.page).read_text(encoding="utf-8")
        assert [s for s in expect.contains if s not in text] == []
        assert [s for s in expect.absent if s in text] == []
    if expect.forced is not None:
        assert forced_topics(site, files) == sorted(expect.forced)
    assert expect.summary in run.out


def cases(row: int) -> list[Any]:
    """The fixture folders of one catalogue row."""
    return [pytest.param(path, id=path.name) for path in sorted(CASES.glob(f"{row:02d}-*"))]


@pytest.fixture(scope="module")
def built_seed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed project with its site built once; every test works on a copy."""
    project = copy_project(tmp_path_factory.mktemp("seed") / "project")
    assert run_build(project).code == 0
    return project


@pytest.fixture
def site_project(built_seed: Path, tmp_path: Path) -> Path:
    """A private copy of the built seed project; its ``_site`` is the previous site."""
    return Path(shutil.copytree(built_seed, tmp_path / "project", symlinks=True))


def add_copies(project: Path, count: int) -> list[Path]:
    """``count`` copies of a seed article, to make a build slow enough to interrupt."""
    source = sorted((project / "articles").glob("*.txt"))[0]
    copies = [project / "articles" / f"copy-{number:03d}.txt" for number in range(count)]
    for copy in copies:
        shutil.copy(source, copy)
    return copies


@pytest.mark.parametrize("case", cases(23))
def test_row_23_topic_chaos(case: Path, site_project: Path) -> None:
    """``topics:`` ids: comma strings split, null ignored, odd spellings merged with a warning, empty-slug ids
    dropped with a warning, nested lists and unknown ids errors at their line."""
    check_case(case, site_project)


@pytest.mark.parametrize("case", cases(24))
def test_row_24_path_traversal_never_escapes_the_output(case: Path, site_project: Path) -> None:
    """Hostile ``slug:``/``url:`` values: pages stay inside ``_site``; nothing appears around the project."""

    def around() -> tuple[list[str], list[str], bool]:
        return sorted(os.listdir(site_project.parent)), sorted(os.listdir(site_project)), Path("/etc/x").exists()

    before = around()
    check_case(case, site_project)
    assert around() == before
    site = (site_project / "_site").resolve()
    for parent, dirs, files in os.walk(site):
        for name in dirs + files:
            path = Path(parent, name)
            assert not path.is_symlink() and path.resolve().is_relative_to(site), path


@pytest.mark.parametrize("case", cases(25))
def test_row_25_reserved_names_get_a_suffix(case: Path, site_project: Path) -> None:
    """Slugs such as ``index``, ``feed``, ``cname`` or ``_draft`` never take a reserved name."""
    check_case(case, site_project)


@pytest.mark.parametrize("case", cases(26))
def test_row_26_bom_before_front_matter(case: Path, site_project: Path) -> None:
    """A UTF-8 BOM does not hide the front matter, in ``.md`` or ``.txt``."""
    check_case(case, site_project)


@pytest.mark.parametrize("case", cases(27))
def test_row_27_crlf_and_lone_cr(case: Path, site_project: Path) -> None:
    """CRLF and lone CR read like LF, and line numbers stay those of the file."""
    check_case(case, site_project)


@pytest.mark.parametrize("case", cases(28))
def test_row_28_not_utf8_is_an_error_with_line_and_column(case: Path, site_project: Path) -> None:
    """Windows-1252 names the byte and where it is; UTF-16 is named as such."""
    check_case(case, site_project)


@pytest.mark.parametrize("case", cases(29))
def test_row_29_mojibake_is_warned_not_fixed(case: Path, site_project: Path) -> None:
    """Valid UTF-8 mojibake is a warning at its line and is published unchanged."""
    check_case(case, site_project)


PDF = (b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
       b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj\n"
       b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >> endobj\n"
       b"4 0 obj << /Length 36 >> stream\nBT /F1 24 Tf 72 700 Td (Hello) Tj ET\nendstream endobj\n"
       b"trailer << /Root 1 0 R >>\n%%EOF\n")


@pytest.mark.parametrize(("name", "data"), [
    ("noise.txt", random.Random(30).randbytes(4096)),
    ("report.txt", PDF),
    ("nul.md", b"---\ntitle: NUL\n---\nBody\x00text.\n"),
], ids=["random-bytes", "uncompressed-pdf", "nul-byte"])
def test_row_30_binary_files_are_refused(site_project: Path, name: str, data: bytes) -> None:
    """Built inside the test (binary bytes): seeded noise, a PDF, a NUL byte: each is a "binary file" error."""
    (site_project / "articles" / name).write_bytes(data)
    before = tree_hash(site_project / "_site")
    run = run_build(site_project)
    assert_diagnostic(run.err, "error", name, "binary file")
    assert_refused(site_project, before, run)


@pytest.mark.parametrize(("name", "size"), [("huge.txt", 50_000_000), ("line.md", 5_000_000)],
                         ids=["50-MB", "5-MB-single-line"])
def test_row_31_files_over_the_size_cap_are_refused(site_project: Path, name: str, size: int) -> None:
    """Built inside the test (huge files): over the 2 MB cap is an error that states the size and the cap."""
    (site_project / "articles" / name).write_bytes(b"x" * (size - 1) + b"\n")
    before = tree_hash(site_project / "_site")
    run = run_build(site_project)
    assert_diagnostic(run.err, "error", name, f"file is {size:,} bytes, over the 2,000,000 byte limit", line=1)
    assert_refused(site_project, before, run)


def test_row_31_a_long_file_under_the_cap_builds_within_the_budget(site_project: Path) -> None:
    """Built inside the test (a 0.5 MB file): 10,000 short paragraphs, well under the cap, build within 5 s."""
    body = "".join(f"The committee met again on day {day} and adjourned.\n\n" for day in range(10_000))
    (site_project / "articles" / "long.txt").write_text("Long text\n\n" + body, encoding="utf-8")
    assert run_build(site_project).code == 0
    assert (site_project / "_site" / "articles" / "long-text.html").is_file()


PATHOLOGICAL = {
    "brackets": "[" * 200_000,
    "ampersands": "&" * 200_000,
    "oss-fuzz-55401": "?c_" * 100_000,
    "nested-emphasis": "*a **a " * 5000 + "b" + " a** a*" * 5000,
    "link-openers": "[](" * 20_000,
}


@pytest.mark.parametrize("body", PATHOLOGICAL.values(), ids=PATHOLOGICAL.keys())
def test_row_32_pathological_markdown_ends_within_5_s(site_project: Path, body: str) -> None:
    """Built inside the test (generated 100-300 KB bodies): the build ends within 5 s, with the article either
    published or refused as a file-scoped error (a per-file time budget), never a hang."""
    (site_project / "articles" / "slow.md").write_text(FRONT.format(title="Pathological") + body + "\n")
    before = tree_hash(site_project / "_site")
    run = run_build(site_project)
    if run.code == 0:
        assert (site_project / "_site" / "articles" / "pathological.html").is_file()
    else:
        assert_diagnostic(run.err, "error", "slow.md", "")
        assert_refused(site_project, before, run)


@pytest.mark.parametrize("case", cases(33))
def test_row_33_deep_nesting_is_kept_or_warned(case: Path, site_project: Path) -> None:
    """Nesting up to maxNesting keeps its text; deeper nesting, which markdown-it drops, is a warning."""
    check_case(case, site_project)


@pytest.mark.parametrize("case", cases(34))
def test_row_34_parser_crash_inputs(case: Path, site_project: Path) -> None:
    """Inputs that crashed Markdown parsers build cleanly."""
    check_case(case, site_project)


@pytest.mark.parametrize("link", ["leak.md", "leaked"], ids=["file", "folder"])
def test_row_35_symlink_to_a_secret_never_reaches_the_output(site_project: Path, tmp_path: Path, link: str) -> None:
    """Built inside the test (symlinks): a link in articles/ to a file or a folder outside it is an error naming
    the link; even with --keep-going the secret never reaches the output."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "leak.md").write_text(FRONT.format(title="Secret") + f"The key is {CANARY}.\n")
    (site_project / "articles" / link).symlink_to(outside / link if link.endswith(".md") else outside)
    before = tree_hash(site_project / "_site")
    run = run_build(site_project)
    assert_diagnostic(run.err, "error", link, "symbolic link")
    assert_refused(site_project, before, run)
    assert run_build(site_project, "--keep-going").code == 0
    site = site_project / "_site"
    assert [p for p in site.rglob("*") if p.is_file() and CANARY.encode() in p.read_bytes()] == []


def test_row_36_symlink_loop_and_dangling_lock_file(site_project: Path) -> None:
    """Built inside the test (symlinks): ``articles/sub/loop -> ..`` and Emacs' dangling ``.#a.md`` lock. The build
    ends within 10 s, publishes the article beside the loop once, and never mentions the lock file."""
    sub = site_project / "articles" / "sub"
    sub.mkdir()
    (sub / "real.md").write_text(FRONT.format(title="Beside the loop") + "Body.\n")
    (sub / "loop").symlink_to("..")
    (site_project / "articles" / ".#a.md").symlink_to("root@host.4242:1700000000")
    run = run_build(site_project, timeout=LOOP_TIMEOUT)
    assert run.code == 0, run.err
    assert ".#a.md" not in run.out + run.err
    pages = sorted(p.name for p in (site_project / "_site" / "articles").glob("beside-the-loop*"))
    assert pages == ["beside-the-loop.html"]


@pytest.mark.parametrize("case", cases(37))
def test_row_37_junk_files_are_ignored_and_counted(case: Path, site_project: Path) -> None:
    """Dotfiles, backups and other types are never read; ``.MD`` is an article; the summary counts the rest."""
    check_case(case, site_project)


@pytest.mark.parametrize("fault", ["chmod-000", "vanished", "permission-denied"])
def test_row_38_unreadable_or_vanished_file_is_an_error(site_project: Path, monkeypatch: pytest.MonkeyPatch,
                                                        capsys: pytest.CaptureFixture[str], fault: str) -> None:
    """Built inside the test, in-process: chmod 000 (skipped where it does not stop reading, as for root), a file
    deleted between listing and reading (``digest.read.loader.discover`` wrapped), and EACCES on read
    (``Path.read_bytes`` patched). Each is an error naming the file."""
    target = site_project / "articles" / "locked.md"
    target.write_text(FRONT.format(title="Locked") + "Body.\n")
    if fault == "chmod-000":
        target.chmod(0)
        if os.access(target, os.R_OK):
            pytest.skip("chmod 000 does not stop this user reading (running as root)")
    elif fault == "vanished":
        listing = digest.read.loader.discover

        def discover_then_delete(*args: object) -> object:
            listed = listing(*args)
            target.unlink()
            return listed

        monkeypatch.setattr(digest.read.loader, "discover", discover_then_delete)
    else:
        read = Path.read_bytes

        def refuse(path: Path) -> bytes:
            if path == target:
                raise PermissionError(errno.EACCES, "Permission denied", str(path))
            return read(path)

        monkeypatch.setattr(Path, "read_bytes", refuse)
    before = tree_hash(site_project / "_site")
    run = build_in_process(site_project, capsys)
    assert_diagnostic(run.err, "error", "locked.md", "cannot read", line=1)
    assert_refused(site_project, before, run)


@pytest.mark.parametrize("case", cases(39))
def test_row_39_txt_is_never_markup(case: Path, site_project: Path) -> None:
    """A ``.txt`` that looks like Markdown, HTML or Jinja is published as escaped text."""
    check_case(case, site_project)


@pytest.mark.parametrize("out", ["articles", ".", "..", "templates", "link-to-articles"])
def test_row_40_output_overlapping_the_input_is_refused_untouched(site_project: Path, out: str) -> None:
    """Built inside the test (command-line folders; one is a symlink to articles/): an error, and not one byte
    changes in or around the project, including no lock file."""
    (site_project / "link-to-articles").symlink_to("articles")
    around = site_project.parent
    before = tree_hash(around)
    run = run_build(site_project, "--out", out)
    assert run.code == 1 and re.search(r": error: .*overlap", run.err), run.err
    assert tree_hash(around) == before
    assert list(around.parent.glob(f".{around.name}.*")) == []


def test_row_41_user_files_in_the_output_survive_the_swap(site_project: Path) -> None:
    """Built inside the test (a ``.git`` folder cannot be a fixture in a repository): CNAME, ``.git`` and other
    dotfiles kept in the output are carried across the swap byte for byte."""
    site = site_project / "_site"
    kept = {"CNAME": b"news.example.org\n", ".git/HEAD": b"ref: refs/heads/gh-pages\n",
            ".git/objects/ab/cdef0123": bytes(range(256)),
            ".well-known/security.txt": b"Contact: mailto:x@example.org\n"}
    for relative, data in kept.items():
        (site / relative).parent.mkdir(parents=True, exist_ok=True)
        (site / relative).write_bytes(data)
    assert run_build(site_project).code == 0
    assert {relative: (site / relative).read_bytes() for relative in kept} == kept


def _template_error(project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A misspelt variable in topic.html; put right again afterwards."""
    template = project / "templates" / "topic.html"
    text = template.read_text(encoding="utf-8")
    template.write_text(text.replace("{{ topic.name }}</h1>", "{{ topic.nmae }}</h1>"), encoding="utf-8")
    run = run_build(project)
    assert run.code == 1 and "templates/topic.html:" in run.err, run.err
    template.write_text(text, encoding="utf-8")


def _disk_full(project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """ENOSPC on the 10th file the writer writes (in-process, ``digest.site.writer.write_file`` patched).
    The build cache is deleted first, so that every file is written rather than kept."""
    shutil.rmtree(project / ".digest-cache")
    write = digest.site.writer.write_file
    count = itertools.count(1)

    def fail_on_tenth(path: str, data: bytes) -> None:
        if next(count) == 10:
            raise OSError(errno.ENOSPC, "No space left on device", path)
        write(path, data)

    monkeypatch.setattr(digest.site.writer, "write_file", fail_on_tenth)
    run = build_in_process(project, capsys)
    monkeypatch.undo()
    assert run.code == 1 and "No space left on device" in run.err and "free some disk space" in run.err, run.err
    assert "internal error" not in run.err


def _killed(sig: signal.Signals) -> Callable[[Path, pytest.MonkeyPatch, pytest.CaptureFixture[str]], None]:
    """A build of 300 extra articles, sent ``sig`` as soon as its temporary folder appears; the copies are
    removed afterwards, so the next build is the ordinary one."""

    def inject(project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
        copies = add_copies(project, 300)
        build = subprocess.Popen([sys.executable, "-m", "digest", "build", "--project", str(project)],
                                 stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        staging = project / f"._site.tmp-{build.pid}"
        deadline = time.monotonic() + SLOW_BUILD_WAIT
        while not staging.exists():
            if build.poll() is not None or time.monotonic() > deadline:
                build.kill()
                pytest.fail("the build ended or stalled before its temporary folder appeared", pytrace=False)
            time.sleep(0.001)
        build.send_signal(sig)
        out, err = build.communicate(timeout=TIMEOUT)
        for copy in copies:
            copy.unlink()
        assert "Traceback" not in out + err
        assert build.returncode == (130 if sig == signal.SIGINT else -sig), err

    return inject


FAULTS = {"template-error": _template_error, "enospc-on-10th-write": _disk_full,
          "sigint": _killed(signal.SIGINT), "sigkill": _killed(signal.SIGKILL)}


@pytest.mark.parametrize("fault", FAULTS.values(), ids=FAULTS.keys())
def test_row_42_a_build_dying_half_way_leaves_the_previous_site(
        site_project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        fault: Callable[[Path, pytest.MonkeyPatch, pytest.CaptureFixture[str]], None]) -> None:
    """Built inside the test (monkeypatching, signals): after a template error, ENOSPC, SIGINT or SIGKILL the
    previous site is byte-identical, and the next build succeeds and cleans up what was left."""
    site = site_project / "_site"
    before = tree_hash(site)
    fault(site_project, monkeypatch, capsys)
    assert tree_hash(site) == before
    assert run_build(site_project).code == 0
    assert leftovers(site_project) == []
    assert (site / "index.html").is_file()


def test_row_43_a_second_build_is_refused_while_one_runs(site_project: Path) -> None:
    """Built inside the test (concurrency): this process holds the build lock as a running build does; a second
    build is refused without touching the site or the lock, and runs once the lock is released."""
    site = site_project / "_site"
    lock = site_project / "._site.lock"
    before = tree_hash(site)
    with build_lock(site):
        held = lock.read_bytes()
        run = run_build(site_project)
        assert run.code == 1 and "another build is running" in run.err, run.err
        assert lock.read_bytes() == held
        assert tree_hash(site) == before
    assert run_build(site_project).code == 0
    assert leftovers(site_project) == []


def test_row_44_output_modes_are_0644_and_0755(site_project: Path) -> None:
    """Built inside the test (umask 077, a private CNAME kept): every folder is 0755 and every file 0644, with no
    symlinks or hard links, as GitHub Pages artifacts require."""
    site = site_project / "_site"
    (site / "CNAME").write_text("news.example.org\n")
    (site / "CNAME").chmod(0o600)
    assert run_build(site_project, umask=0o077).code == 0
    found = {".": (site.lstat(), 0o755)}
    for parent, dirs, files in os.walk(site):
        for name in dirs + files:
            path = Path(parent, name)
            found[path.relative_to(site).as_posix()] = (path.lstat(), 0o755 if name in dirs else 0o644)
    wrong = {relative: oct(status.st_mode) for relative, (status, mode) in found.items()
             if stat.S_ISLNK(status.st_mode) or stat.S_IMODE(status.st_mode) != mode
             or stat.S_ISREG(status.st_mode) and status.st_nlink != 1}
    assert wrong == {}
