"""Reading article bytes: encodings, line ends, front matter and its errors with file lines."""

from __future__ import annotations

import datetime as dt

import pytest

from digest.read.config import Config
from digest.read.frontmatter import parse_date_text, parse_front_matter
from digest.read.loader import parse_article
from digest.records import DigestError
from digest.read.source import LINE_BREAKS, PARAGRAPH_BREAKS, break_lines, decode, split_front_matter

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


def test_control_characters_leave_the_body_with_one_warning_at_the_first() -> None:
    split = split_front_matter("---\ntitle: X\n---\nfine\nit\x92s\x07 here\x00\n", "a.txt")
    assert split.body_lines == ("fine", "its here", "")
    [warning] = split.warnings
    assert str(warning.ref) == "a.txt:5:3" and warning.level == "warning"
    assert warning.message.startswith("U+0092 control character (probably '’' in the wrong encoding) "
                                      "and 2 more removed")


def test_a_nul_past_the_binary_check_is_removed_not_published() -> None:
    data = b"Title\n\n" + b"Ukraine talks. " * 600 + b"\nA late\x00 NUL.\n"
    article, warnings = parse_article(data, "a.txt", Config(), TOPICS)
    assert article.paragraphs[-1].text == "A late NUL."
    assert [str(w.ref) for w in warnings if "U+0000" in w.message] == ["a.txt:4:7"]


@pytest.mark.parametrize("char", ["\x0c", "\x85", "\x01"])
def test_raw_controls_in_front_matter_are_errors_at_their_column(char: str) -> None:
    with pytest.raises(DigestError, match=f"front matter contains U\\+{ord(char):04X}") as caught:
        split_front_matter(f"---\ntitle: Kyiv{char}talks\n---\nBody.", "a.md")
    assert str(caught.value.ref) == "a.md:2:12"


def test_breaks_inside_a_line_keep_the_editor_line_number() -> None:
    lines = ("a\u2028b\x0bc", "", "d\u2029e")
    assert break_lines(lines, 5, LINE_BREAKS + PARAGRAPH_BREAKS) == (
        ("a", 5), ("b", 5), ("c", 5), ("", 6), ("d", 7), ("", 7), ("e", 7))
    text = "Ukraine talks went on\u2028in Kyiv.\n\nFirst.\u2029Second, same line.\n"
    article, _ = parse_article(f"---\ntitle: T\n---\n{text}".encode(), "a.txt", Config(), TOPICS)
    assert [(p.text, p.ref.line) for p in article.paragraphs] == [
        ("Ukraine talks went on in Kyiv.", 4), ("First.", 6), ("Second, same line.", 6)]
