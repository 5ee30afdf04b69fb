"""Read and validate ``digest.yaml`` into a typed ``Config``; every problem is reported at once."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from digest.read.cleaning import RULE_NAMES
from digest.records import Diagnostic, DigestError, SourceRef
from digest.read.yamlsafe import LineMap, load_yaml


@dataclass(frozen=True)
class Config:
    """Site settings from ``digest.yaml``."""

    title: str = "News digest"
    """Site title shown in every page header."""
    description: str = "Following a story across sources."
    """One sentence shown on the home page and in meta tags."""
    base_url: str = ""
    """Absolute address the site is published at, ending in ``/``; empty for local use."""
    language: str = "en"
    """The ``lang`` of every page."""
    articles_dir: str = "articles"
    """Folder of article files."""
    templates_dir: str = "templates"
    """Folder of Jinja templates and static assets."""
    output_dir: str = "_site"
    """Folder the site is written to."""
    topics_file: str = "topics.yaml"
    """The taxonomy file."""
    related_limit: int = 5
    """At most this many related articles per article."""
    story_window_days: int = 4
    """Articles dated at most this many days apart can be one story (a preview and the report of an event)."""
    max_file_bytes: int = 2_000_000
    """Article files larger than this are refused."""
    cleaning_rules: tuple[str, ...] = RULE_NAMES
    """Enabled cleaning rules, in order."""
    extra_patterns: tuple[str, ...] = ()
    """User regexes: body lines matching one entirely are removed."""


_FIELDS: dict[str, type] = {
    "title": str, "description": str, "base_url": str, "language": str, "articles_dir": str,
    "templates_dir": str, "output_dir": str, "topics_file": str, "related_limit": int,
    "story_window_days": int, "max_file_bytes": int, "cleaning": dict,
}


def parse_config(text: str, path: str) -> Config:
    """Validate the text of ``digest.yaml``; raise ``ConfigErrors`` listing every problem."""
    data, lines = load_yaml(text, path)
    if data is None:
        return Config()
    problems: list[Diagnostic] = []

    def report(key_path: tuple[Any, ...], message: str) -> None:
        problems.append(Diagnostic(SourceRef(path, lines.get(key_path, 1)), "error", message))

    if not isinstance(data, dict):
        raise ConfigErrors([Diagnostic(SourceRef(path, 1), "error", "digest.yaml must be a mapping of settings")])
    values: dict[str, Any] = {}
    for key, value in data.items():
        expected = _FIELDS.get(key)
        if expected is None:
            report((key,), f"unknown setting {key!r}; known settings: {', '.join(sorted(_FIELDS))}")
        elif not isinstance(value, expected) or isinstance(value, bool):
            report((key,), f"{key!r} must be {expected.__name__}, got {type(value).__name__}")
        else:
            values[key] = value
    values.update(_cleaning(values.pop("cleaning", {}), lines, report))
    _check_values(values, report)
    if problems:
        raise ConfigErrors(sorted(problems, key=lambda d: d.ref.line))
    return Config(**values)


def _cleaning(section: dict, lines: LineMap, report) -> dict[str, Any]:  # noqa: ANN001
    result: dict[str, Any] = {}
    for key in section:
        if key not in ("rules", "extra_patterns"):
            report(("cleaning", key), f"unknown cleaning setting {key!r}; use 'rules' or 'extra_patterns'")
    rules = section.get("rules", {}) or {}
    if not isinstance(rules, dict):
        report(("cleaning", "rules"), "cleaning.rules must map rule names to true or false")
        rules = {}
    for name, on in rules.items():
        if name not in RULE_NAMES:
            report(("cleaning", "rules", name), f"unknown cleaning rule {name!r}; known rules: {', '.join(RULE_NAMES)}")
        elif not isinstance(on, bool):
            report(("cleaning", "rules", name), f"cleaning rule {name!r} must be true or false")
    result["cleaning_rules"] = tuple(n for n in RULE_NAMES if rules.get(n, True) is not False)
    patterns = section.get("extra_patterns", []) or []
    if not isinstance(patterns, list) or not all(isinstance(p, str) for p in patterns):
        report(("cleaning", "extra_patterns"), "cleaning.extra_patterns must be a list of regular expressions")
        patterns = []
    for index, pattern in enumerate(patterns):
        try:
            re.compile(pattern)
        except re.error as exc:
            report(("cleaning", "extra_patterns", index), f"bad regular expression {pattern!r}: {exc}")
    result["extra_patterns"] = tuple(patterns)
    return result


def normalise_base_url(base_url: str, ref: SourceRef) -> str:
    """An http(s) address ending in ``/``, or empty."""
    if base_url and not re.match(r"^https?://[^\s/]+(/[^\s]*)?$", base_url):
        raise DigestError(ref, "base_url must be an http(s) address such as https://user.github.io/repo/")
    return base_url if not base_url or base_url.endswith("/") else base_url + "/"


def _check_values(values: dict[str, Any], report) -> None:  # noqa: ANN001
    try:
        values["base_url"] = normalise_base_url(values.get("base_url", ""), SourceRef(""))
    except DigestError as exc:
        report(("base_url",), exc.message)
    if values.get("related_limit", 5) < 0:
        report(("related_limit",), "related_limit must be 0 or more")
    if values.get("story_window_days", 4) < 0:
        report(("story_window_days",), "story_window_days must be 0 or more")
    if values.get("max_file_bytes", 1) <= 0:
        report(("max_file_bytes",), "max_file_bytes must be positive")


class ConfigErrors(DigestError):
    """Several configuration problems, reported together."""

    def __init__(self, problems: list[Diagnostic]):
        super().__init__(problems[0].ref, problems[0].message)
        self.problems = tuple(problems)

    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """Every problem found."""
        return self.problems
