"""Reading article bytes: encodings, line ends, front matter and its errors with file lines."""

from __future__ import annotations

import datetime as dt

import pytest

from digest.config import Config
from digest.frontmatter import parse_date_text, parse_front_matter
from digest.loader import parse_article
from digest.records import DigestError
from digest.source import decode, split_front_matter

TOPICS = frozenset({"ukraine", "alliances"})


@pytest.mark.parametrize("data", [
    b"---\ntitle: X\n---\nBody line.\n",
    b"\xef\xbb\xbf---\ntitle: X\n---\nBody line.\n",
    b"---\r\ntitle: X\r\n---\r\nBody line.\r\n",
    b"---\rtitle: X\r---\rBody line.\r",
])
def test_bom_and_any_line_end_give_the_same_article(data: bytes) -> None:
    article, _ = parse_article(data, "a.txt", Config(), TOPICS)
    assert article.title == "X"
    assert [(p.text, p.ref.line) for p in article.paragraphs] == [("Body line.", 4)]


def test_non_utf8_names_line_column_and_byte() -> None:
    with pytest.raises(DigestError) as caught:
        decode(b"fine\nCaf\xe9 au lait\n", "a.txt")
    assert str(caught.value).startswith("a.txt:2:4: not UTF-8 (byte 0xE9)")
    assert "re-save" in str(caught.value)


def test_utf16_and_binary_files_are_refused_clearly() -> None:
    with pytest.raises(DigestError, match="UTF-16"):
        decode("hello".encode("utf-16"), "a.txt")
    with pytest.raises(DigestError, match="binary"):
        decode(b"PK\x03\x04\x00\x00", "a.txt")


def test_unclosed_front_matter_points_at_line_one() -> None:
    with pytest.raises(DigestError) as caught:
        split_front_matter("---\ntitle: X\nbody", "a.md")
    assert str(caught.value).startswith("a.md:1:1: front matter opened with '---' but never closed")


def test_yaml_error_reports_the_file_line_and_a_hint() -> None:
    with pytest.raises(DigestError) as caught:
        parse_front_matter("date: 2021-12-07\ntitle: Breaking: markets fall", "a.md", TOPICS)
    assert str(caught.value).startswith("a.md:3:16:")
    assert "quote" in str(caught.value)


@pytest.mark.parametrize(("text", "message"), [
    ("title: yes", "put the value in quotes"),
    ("title: 2024", "put it in quotes"),
    ("date: Tusday", "'date' is not a date"),
    ("date: 2024-02-30", "month|day"),
    ("url: javascript:alert(1)", "http:// or https://"),
    ("topics: [ukrane]", "unknown topic 'ukrane'"),
    ("title: a\ntitle: b", "duplicate key"),
    ("a: &x [1]\nb: *x", "aliases"),
    ("x: !!python/object/apply:os.system [id]", "not allowed"),
    ("- a\n- b", "key: value"),
    ("title: \u2028x", "U\\+2028 LINE SEPARATOR"),
])
def test_bad_front_matter_is_an_error_with_what_to_do(text: str, message: str) -> None:
    with pytest.raises(DigestError, match=message) as caught:
        split = split_front_matter(f"---\n{text}\n---\nBody.", "a.md")
        parse_front_matter(split.front_matter or "", "a.md", TOPICS)
    assert caught.value.ref.path == "a.md" and caught.value.ref.line >= 1


def test_front_matter_values_are_typed_and_overrides_read() -> None:
    meta = parse_front_matter("title: ' A  title '\ndate: 2021-12-07\ntopics:\n  include: [ukraine]\n"
                              "  exclude: [alliances]\nfavourite: 1", "a.md", TOPICS)
    assert meta.title == "A title" and meta.date == dt.date(2021, 12, 7)
    assert meta.overrides.include == ("ukraine",) and meta.overrides.exclude == ("alliances",)
    assert [w.message.split(";")[0] for w in meta.warnings] == ["unknown front-matter key 'favourite' ignored"]


@pytest.mark.parametrize(("text", "expected"), [
    ("2021-12-07", dt.date(2021, 12, 7)), ("Dec 7, 2021", dt.date(2021, 12, 7)),
    ("7 December 2021", dt.date(2021, 12, 7)), ("December 7th, 2021", dt.date(2021, 12, 7)),
    ("05/03/2024", None), ("Tusday", None),
])
def test_dates_in_unambiguous_forms(text: str, expected: dt.date | None) -> None:
    assert parse_date_text(text) == expected


def test_markdown_is_rendered_without_raw_html() -> None:
    data = b"# Heading One\n\nText with <script>alert(1)</script> and [x](javascript:alert(1)).\n\n## Part\n\nMore."
    article, _ = parse_article(data, "a.md", Config(), TOPICS)
    assert article.title == "Heading One"
    first = article.paragraphs[0]
    assert "<script>" not in first.html and "&lt;script&gt;" in first.html
    assert "href" not in first.html and "javascript:alert(1)" in first.text
    assert [s.heading for s in article.sections] == ["", "Part"]
    assert first.ref.line == 3


def test_oversized_file_is_refused_with_the_limit() -> None:
    with pytest.raises(DigestError, match="max_file_bytes"):
        parse_article(b"x" * 50, "a.txt", Config(max_file_bytes=10), TOPICS)
