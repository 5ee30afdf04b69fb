"""The plain-text parser on fixture texts: title, standfirst, subheadings, paragraphs, dateline, lines."""

from __future__ import annotations

import pytest

from digest.read.config import Config
from digest.read.loader import parse_article
from tests.fixtures import cases


def _outline(given: str) -> str:
    article, _ = parse_article(given.encode(), "a.txt", Config(), frozenset())
    lines = [f"title: {article.title if article.metadata_origin[0] != ('title', 'file name') else '(none)'}"]
    if article.standfirst:
        lines.append(f"standfirst: {article.standfirst}")
    if article.dateline:
        d = article.dateline
        lines.append(f"dateline: {d.text} [place {d.place}, agency {d.agency}]")
    for section in article.sections:
        if section.heading:
            lines.append(f"## {section.ref.line}: {section.heading}")
        lines.extend(f"p {p.ref.line}: {p.text}" for p in section.paragraphs)
    return "\n".join(lines)


@pytest.mark.parametrize(("title", "given", "expected"), cases("plaintext.txt"))
def test_plaintext_fixture(title: str, given: str, expected: str) -> None:
    assert _outline(given) == expected, title
