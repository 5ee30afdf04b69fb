"""Property-based tests over arbitrary text and bytes as article files: the loader's fuzz run in every CI.

Under CI (``CI`` set) every property runs a fixed, derandomized set of examples, so a run is repeatable and
bounded (a few hundred examples, a few seconds); locally the examples are random and Hypothesis keeps failures
in its database. Inputs that once broke the loader are replayed from ``tests/fuzz_regressions/`` (one file per
input, its bytes exactly; the folder's README says how to add one).
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from digest.read.config import Config
from digest.read.frontmatter import parse_front_matter
from digest.analyse.linking import link
from digest.read.loader import parse_article
from digest.records import Article, DigestError
from digest.site.renderer import environment, render_site
from digest.read.slugs import make_slug
from digest.analyse.tagging import tag
from digest.analyse.taxonomy import parse_taxonomy
from digest.site.writer import safe_target

ROOT = Path(__file__).resolve().parent.parent
REGRESSIONS = Path(__file__).resolve().parent / "fuzz_regressions"
TAXONOMY = parse_taxonomy((ROOT / "topics.yaml").read_text(), "topics.yaml")
IDS = frozenset(t.id for t in TAXONOMY.topics)
ENV = environment(ROOT / "templates")
IN_CI = bool(os.environ.get("CI"))
FUZZ = settings(max_examples=300, deadline=None, derandomize=IN_CI, print_blob=True,
                suppress_health_check=[HealthCheck.too_slow])
"""A few hundred examples per property; under CI the same ones every run (derandomize implies no database)."""
UNSAFE = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufffe\uffff]")
"""Characters no page or feed may hold (XML 1.0 forbids C0 controls; the rest are invisible line breaks)."""
_front_matter_like = st.builds(lambda body, rest: f"---\n{body}\n---\n{rest}",
                               st.text(max_size=200), st.text(max_size=200))


def _published_text(article: Article) -> list[str]:
    """Every string of an article that reaches an output file."""
    blocks = [*article.paragraphs, *article.removed]
    return [article.title, article.source, article.author, article.standfirst, article.author_bio,
            *(s.heading for s in article.sections), *(b.text for b in blocks),
            *(b.html for b in article.paragraphs)]


def _check_loader(data: bytes) -> None:
    """The loader raises only ``DigestError`` with a location, or returns a publishable article."""
    for name in ("a.txt", "a.md"):
        try:
            article, warnings = parse_article(data, f"articles/{name}", Config(), IDS)
        except DigestError as exc:
            assert exc.ref.path == f"articles/{name}" and exc.ref.line >= 0
            assert exc.message
        else:
            assert article.title.strip() and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", article.slug)
            assert all(w.ref.path == f"articles/{name}" for w in warnings)
            assert [t for t in _published_text(article) if UNSAFE.search(t)] == []


@FUZZ
@given(st.one_of(st.binary(max_size=2000), st.text(max_size=2000).map(str.encode),
                 _front_matter_like.map(str.encode)))
def test_loader_raises_only_our_error_with_a_location(data: bytes) -> None:
    _check_loader(data)


@pytest.mark.parametrize("path", sorted(REGRESSIONS.glob("*.bin")),
                         ids=lambda p: p.name)
def test_fuzz_regressions_still_load_or_fail_cleanly(path: Path) -> None:
    _check_loader(path.read_bytes())


@FUZZ
@given(st.text(min_size=1, max_size=120).filter(lambda t: t.strip()))
def test_titles_round_trip_through_escaping(title: str) -> None:
    quoted = title.replace("\\", "\\\\").replace('"', '\\"')
    data = f'---\ntitle: "{quoted}"\n---\nSome body text.\n'.encode()
    try:
        article, _ = parse_article(data, "articles/t.md", Config(), IDS)
    except DigestError:
        return
    site = link(Config(), TAXONOMY, [tag(article, TAXONOMY)])
    pages = dict(render_site(site, ENV))
    page = pages[f"articles/{article.slug}.html"].decode()
    heading = re.search(r"<h1>(.*?)</h1>", page, re.S)
    assert heading is not None and html.unescape(heading.group(1)) == article.title
    assert "<script" not in heading.group(1).lower()


_offsets = st.builds(lambda minutes: dt.timezone(dt.timedelta(minutes=minutes)), st.integers(-23 * 60, 23 * 60))
_date_values = st.one_of(
    st.dates(min_value=dt.date(1000, 1, 1)).map(dt.date.isoformat),
    st.datetimes(min_value=dt.datetime(1000, 1, 1)).map(lambda d: d.isoformat(sep=" ")),
    st.datetimes(min_value=dt.datetime(1000, 1, 2), timezones=_offsets).map(dt.datetime.isoformat),
    st.dates(min_value=dt.date(1000, 1, 1)).map(lambda d: f'"{d:%b} {d.day}, {d.year}"'),
)


@FUZZ
@given(st.lists(_date_values, min_size=2, max_size=8))
def test_mixed_date_types_load_as_one_type_and_sort(values: list[str]) -> None:
    """Row 13: dates, naive and aware datetimes and English dates load as ``date``, so a corpus sorts."""
    dates = [parse_front_matter(f"date: {value}", "articles/a.md", IDS).date for value in values]
    assert {type(d) for d in dates} == {dt.date}
    assert sorted(dates) == sorted(dates, key=dt.date.toordinal)


@FUZZ
@given(st.text(max_size=200))
def test_slugs_and_output_paths_never_leave_the_output(text: str) -> None:
    slug = make_slug(text, text)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)
    root = Path("/tmp/out")
    assert safe_target(root, f"articles/{slug}.html").is_relative_to(root)


@pytest.mark.parametrize("path", ["../x.html", "/etc/passwd", "a/../../b", "..\\x", "../output-evil/x", ""])
def test_hostile_output_paths_are_refused(path: str) -> None:
    with pytest.raises(DigestError, match="outside the output folder"):
        safe_target(Path("/tmp/out"), path)
