"""Validate an article's front matter into typed metadata."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from slugify import slugify

from digest.records import Diagnostic, DigestError, SourceRef, TopicOverride
from digest.read.source import clean_inline
from digest.read.yamlsafe import load_yaml

KNOWN_KEYS = ("title", "date", "source", "author", "url", "topics", "slug")
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}
_MONTH_WORDS = frozenset(_MONTHS) | {"sept", "january", "february", "march", "april", "june", "july", "august",
                                      "september", "october", "november", "december"}
_MONTH_FIRST = re.compile(r"^([A-Za-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$")
_DAY_FIRST = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]{3,9})\.?,?\s+(\d{4})$")


@dataclass(frozen=True)
class FrontMatter:
    """Metadata an article's front matter states."""

    title: str = ""
    date: dt.date | None = None
    date_ref: SourceRef | None = None
    """The line of the ``date:`` key."""
    source: str = ""
    author: str = ""
    url: str = ""
    slug: str = ""
    overrides: TopicOverride = field(default_factory=TopicOverride)
    warnings: tuple[Diagnostic, ...] = ()


def parse_front_matter(text: str, path: str, topic_ids: frozenset[str]) -> FrontMatter:
    """Check types and values of a front-matter block that starts on file line 2."""
    data, lines = load_yaml(text, path, first_line=2)
    if data is None:
        return FrontMatter()
    if not isinstance(data, dict):
        raise DigestError(SourceRef(path, 2), "front matter must be 'key: value' lines, such as 'title: ...'")

    def at(*key: Any) -> SourceRef:
        return SourceRef(path, lines.get(key, lines.get(key[:1], 2)))

    warnings = [Diagnostic(at(key), "warning", f"unknown front-matter key {key!r} ignored; known keys: "
                           + ", ".join(KNOWN_KEYS)) for key in data if key not in KNOWN_KEYS]
    values = {key: _text(data[key], key, at(key), _written(text, lines.get((key,), 2)))
              for key in ("title", "source", "author", "url", "slug")
              if data.get(key) is not None}
    if values.get("url") and not re.match(r"^https?://\S+$", values["url"]):
        raise DigestError(at("url"), f"url must start with http:// or https:// (got {values['url'][:60]!r})")
    date = _date(data["date"], at("date")) if data.get("date") is not None else None
    overrides = _overrides(data.get("topics"), at, topic_ids, warnings)
    return FrontMatter(date=date, date_ref=at("date") if date else None, overrides=overrides,
                       warnings=tuple(warnings), **values)


def _written(text: str, line: int) -> str:
    """A value as written on its front-matter line (file line ``line``; the block starts on line 2)."""
    return text.split("\n")[line - 2].partition(":")[2].strip()


def _text(value: Any, key: str, ref: SourceRef, written: str) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise DigestError(ref, f"{key!r} was read as {type(value).__name__}; put the value in quotes")
    if not isinstance(value, str):
        raise DigestError(ref, f"{key!r} was read as a number; put it in quotes, e.g. {key}: \"{written}\"")
    return clean_inline(value)


def _date(value: Any, ref: SourceRef) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        parsed = parse_date_text(value.strip())
        if parsed:
            return parsed
    raise DigestError(ref, f"'date' is not a date (got {str(value)[:40]!r}); write it as YYYY-MM-DD, e.g. 2021-12-07")


def parse_date_text(text: str) -> dt.date | None:
    """Read ISO dates and unambiguous English dates such as 'Dec 7, 2021' or '7 December 2021'."""
    try:
        return dt.date.fromisoformat(text[:10]) if re.match(r"^\d{4}-\d{2}-\d{2}", text) else _named_month(text)
    except ValueError:
        return None


def _named_month(text: str) -> dt.date | None:
    match = _MONTH_FIRST.match(text)
    if match:
        month, day, year = match.groups()
    else:
        match = _DAY_FIRST.match(text)
        if not match:
            return None
        day, month, year = match.groups()
    number = _MONTHS[month[:3].lower()] if month.lower() in _MONTH_WORDS else None
    return dt.date(int(year), number, int(day)) if number else None


def _overrides(value: Any, at, topic_ids: frozenset[str], warnings: list[Diagnostic]) -> TopicOverride:  # noqa: ANN001
    if value is None:
        return TopicOverride()
    if isinstance(value, (str, list)):
        value = {"include": value}
    if not isinstance(value, dict) or not set(value) <= {"include", "exclude"}:
        raise DigestError(at("topics"), "topics must be a list of topic ids, or {include: [...], exclude: [...]}")
    result = {}
    for key in ("include", "exclude"):
        ids = value.get(key) or []
        if isinstance(ids, str):
            ids = [part.strip() for part in ids.split(",")]
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            raise DigestError(at("topics", key), f"topics.{key} must be a list of topic ids")
        chosen: list[str] = []
        for raw in ids:
            wanted = slugify(unicodedata.normalize("NFKC", raw).casefold())
            if not wanted:
                warnings.append(Diagnostic(at("topics", key), "warning",
                                           f"topic {raw!r} has no letters or digits; ignored"))
                continue
            if wanted not in topic_ids:
                raise DigestError(at("topics", key), f"unknown topic {raw.strip()!r}; known topics: "
                                  + ", ".join(sorted(topic_ids)))
            if wanted != raw:
                warnings.append(Diagnostic(at("topics", key), "warning",
                                           f"topic {raw!r} read as {wanted!r}; write ids as in topics.yaml"))
            if wanted not in chosen:
                chosen.append(wanted)
        result[key] = tuple(chosen)
    return TopicOverride(**result)
