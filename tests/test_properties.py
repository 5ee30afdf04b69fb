"""Property-based tests over arbitrary text and bytes as article files (a short fuzz run in every CI)."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from digest.config import Config
from digest.linking import link
from digest.loader import parse_article
from digest.records import DigestError
from digest.renderer import environment, render_site
from digest.slugs import make_slug
from digest.tagging import tag
from digest.taxonomy import parse_taxonomy
from digest.writer import safe_target

ROOT = Path(__file__).resolve().parent.parent
TAXONOMY = parse_taxonomy((ROOT / "topics.yaml").read_text(), "topics.yaml")
IDS = frozenset(t.id for t in TAXONOMY.topics)
ENV = environment(ROOT / "templates")
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
_front_matter_like = st.builds(lambda body, rest: f"---\n{body}\n---\n{rest}", st.text(max_size=200), st.text(max_size=200))


@FUZZ
@given(st.one_of(st.binary(max_size=2000), st.text(max_size=2000).map(str.encode),
                 _front_matter_like.map(str.encode)))
@example(b"---\ntitle: [" + b"[" * 2000 + b"\n---\n")
@example(b"---\na: &a [1,2]\nb: *a\n---\nx")
@example(b"---\ndate: 2024-02-30\n---\n")
@example("\ufeff---\r\ntitle: x\r\n---\r\n\x0c\x1c\u2028".encode())
@example("---\ntitle: \u2028x\n---\nbody".encode())
@example(b"![![]()\n]([)")
def test_loader_raises_only_our_error_with_a_location(data: bytes) -> None:
    for name in ("a.txt", "a.md"):
        try:
            article, warnings = parse_article(data, f"articles/{name}", Config(), IDS)
        except DigestError as exc:
            assert exc.ref.path == f"articles/{name}" and exc.ref.line >= 0
            assert exc.message
        else:
            assert article.title.strip() and re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", article.slug)
            assert all(w.ref.path == f"articles/{name}" for w in warnings)


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
