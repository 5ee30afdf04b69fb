"""Read ``topics.yaml`` into a ``Taxonomy`` of compiled match rules."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from collections.abc import Iterable
from typing import Any

from digest.read.config import ConfigErrors
from digest.records import Diagnostic, SourceRef
from digest.read.yamlsafe import load_yaml

TOPIC_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


_TOKEN = re.compile(r"\w+")
_CASE_TRAPS = "\u0130\u0131\u017f"
"""'İ', 'ı' and 'ſ': a case-insensitive pattern matches them to an ASCII letter that ``str.lower`` does not give."""


@dataclass(frozen=True)
class Words:
    """The lower-cased words of a text: enough to tell, without a regular expression, that a phrase is absent."""

    lowered: str
    tokens: frozenset[str]
    """Every run of word characters."""
    unsure: bool
    """The text holds a character the quick test cannot judge, so every phrase may occur in it."""

    @classmethod
    def of(cls, text: str) -> Words:
        """The words of ``text``."""
        lowered = text.lower()
        unsure = not text.isascii() and any(trap in text for trap in _CASE_TRAPS)
        return cls(lowered, frozenset(_TOKEN.findall(lowered)), unsure)

    @classmethod
    def joined(cls, parts: list[Words]) -> Words:
        """The words of texts joined by white space, from each one's: no word runs across white space."""
        return cls("\n".join(w.lowered for w in parts), frozenset().union(*(w.tokens for w in parts)),
                   any(w.unsure for w in parts))


@dataclass(frozen=True)
class Screen:
    """What a text must contain for one of some phrases to occur in it: for each phrase, its longest word
    (every match holds it whole), or, for a lone word ending in ``*``, its start."""

    words: frozenset[str] = frozenset()
    starts: tuple[str, ...] = ()
    always: bool = False
    """A phrase the screen cannot judge (no ASCII word in it): every text may hold it."""

    def admits(self, text: Words) -> bool:
        """Whether one of the phrases may occur in the text (never False when one does)."""
        return (self.always or text.unsure or not self.words.isdisjoint(text.tokens)
                or any(start in text.lowered for start in self.starts))

    @classmethod
    def of(cls, phrases: Iterable[str]) -> Screen:
        """The screen of the phrases (each phrase word is split into word-character runs, as the text is)."""
        words: set[str] = set()
        starts: set[str] = set()
        always = False
        for phrase in phrases:
            whole: list[str] = []
            stems: list[str] = []
            for word in phrase.lower().split():
                pieces = _TOKEN.findall(word)
                if word.endswith("*") and pieces:
                    stems.append(pieces.pop())
                whole += pieces
            whole = [piece for piece in whole if piece.isascii()]
            stems = [stem for stem in stems if stem.isascii()]
            if whole:
                words.add(max(whole, key=len))
            elif stems:
                starts.add(max(stems, key=len))
            else:
                always = True
        return cls(frozenset(words), tuple(sorted(starts)), always)

    @classmethod
    def union(cls, screens: Iterable[Screen]) -> Screen:
        """A screen that admits what any of ``screens`` admits."""
        screens = list(screens)
        return cls(frozenset().union(*(s.words for s in screens)),
                   tuple(sorted({start for s in screens for start in s.starts})), any(s.always for s in screens))


@dataclass(frozen=True)
class PhraseSet:
    """Phrases compiled into one word-bounded pattern."""

    phrases: tuple[str, ...]
    """The phrases as the user wrote them."""
    pattern: re.Pattern[str]
    """Matches any of them."""
    screen: Screen
    """A quick test that skips the pattern for a text that cannot match it."""

    def search(self, text: str, words: Words | None = None) -> bool:
        """Whether any phrase occurs in the text (``words``, when given, are the text's)."""
        if words is not None and not self.screen.admits(words):
            return False
        return self.pattern.search(text) is not None


@dataclass(frozen=True)
class Rule:
    """One way a sentence can earn a topic weight."""

    groups: tuple[PhraseSet, ...]
    """Every group must match in the same sentence (one group for a plain phrase list)."""
    weight: float
    """What a matching sentence adds."""
    requires: PhraseSet | None
    """If set, the rule only counts in articles that contain one of these phrases."""
    unless: PhraseSet | None = None
    """If set, the rule does not count in a sentence that also contains one of these phrases."""


@dataclass(frozen=True)
class Topic:
    """A topic users follow."""

    id: str
    """Stable id used in URLs and front matter."""
    name: str
    """Display name."""
    description: str
    """One paragraph saying what counts."""
    threshold: float
    """Score at which the topic is assigned; below it the topic is a mention."""
    rules: tuple[Rule, ...]
    """Match rules."""
    exclude: PhraseSet | None
    """Sentences containing one of these never count for this topic."""
    background: PhraseSet | None = None
    """Phrases that, just before a match, make it a background cause ('prompted by the invasion of Ukraine')."""

    @functools.cached_property
    def anchor(self) -> re.Pattern[str]:
        """Matches the first phrase group of any rule: text without a match cannot score."""
        return re.compile("|".join(f"(?:{r.groups[0].pattern.pattern})" for r in self.rules) or "(?!)")

    @functools.cached_property
    def screen(self) -> Screen:
        """The quick test of the anchor: text it refuses has no anchor match."""
        return Screen.union(r.groups[0].screen for r in self.rules)


@dataclass(frozen=True)
class Scoring:
    """How sentence weights combine into a score."""

    heading_weight: float = 2.0
    """Multiplier for a match in the title or a subheading."""
    passing_weight: float = 0.5
    """Multiplier for a lone match in a long paragraph (a passing mention)."""
    passing_min_sentences: int = 4
    """A paragraph this long with one matching sentence is a passing mention."""
    background_weight: float = 0.25
    """Multiplier for a match that only names the topic as a background cause."""
    background_window: int = 8
    """At most this many words between a background phrase and the match it weakens."""
    share: float = 0.2
    """In a short body, a topic whose full-weight sentences make up this share is assigned at half its threshold."""
    share_max_sentences: int = 6
    """A body of at most this many sentences is short (a readout whose point may be one sentence)."""


@dataclass(frozen=True)
class Taxonomy:
    """All topics, in file order."""

    topics: tuple[Topic, ...]
    """Topics in the order users listed them."""
    scoring: Scoring
    """Score settings."""

    @functools.cached_property
    def anchor(self) -> re.Pattern[str]:
        """Matches any topic's anchor phrases: a sentence without a match names no topic."""
        return re.compile("|".join(f"(?:{t.anchor.pattern})" for t in self.topics) or "(?!)")

    def get(self, topic_id: str) -> Topic | None:
        """The topic with this id, if any."""
        return next((t for t in self.topics if t.id == topic_id), None)


def compile_phrases(items: list[Any]) -> PhraseSet:
    """Compile phrase entries (strings or ``{phrase, aliases, match_case}``) into one pattern."""
    texts: list[str] = []
    alternatives: list[str] = []
    starts: dict[bool, set[str]] = {True: set(), False: set()}
    for item in items:
        if isinstance(item, str):
            names, match_case = [item], False
        else:
            names = [item["phrase"], *item.get("aliases", [])]
            match_case = bool(item.get("match_case", False))
        for name in names:
            texts.append(name)
            body = _phrase_regex(name)
            alternatives.append(body if match_case else f"(?i:{body})")
            starts[match_case].update(_FIRST_VARIANTS.get(name.strip()[:1], name.strip()[:1]))
    pattern = r"(?<![\w])" + _first_characters(starts) + "(?:" + "|".join(alternatives) + r")(?![\w])"
    return PhraseSet(tuple(texts), re.compile(pattern), Screen.of(texts))


_FIRST_VARIANTS = {"'": "'’", "-": "-‐–"}
"""The characters a phrase's first character also matches (``_phrase_regex`` writes them as classes)."""


def _first_characters(starts: dict[bool, set[str]]) -> str:
    """A lookahead for the characters a phrase can start with: most positions of a text fail on it at once,
    instead of trying every phrase. Case-insensitive ones are matched the same way the phrases are."""
    classes = []
    if starts[True]:
        classes.append("[" + "".join(re.escape(c) for c in sorted(starts[True])) + "]")
    if starts[False]:
        classes.append("(?i:[" + "".join(re.escape(c) for c in sorted(starts[False])) + "])")
    return f"(?={'|'.join(classes)})" if classes else ""


def _phrase_regex(phrase: str) -> str:
    words = phrase.strip().split()
    parts = []
    for word in words:
        stem = word.endswith("*")
        escaped = re.escape(word.rstrip("*")).replace("'", "['’]").replace("\\-", "[-‐–]")
        parts.append(escaped + (r"\w*" if stem else ""))
    return r"[\s\u00a0]+".join(parts)


def parse_taxonomy(text: str, path: str) -> Taxonomy:
    """Validate the text of ``topics.yaml``; raise ``ConfigErrors`` listing every problem."""
    data, lines = load_yaml(text, path)
    problems: list[Diagnostic] = []

    def report(key_path: tuple[Any, ...], message: str) -> None:
        problems.append(Diagnostic(SourceRef(path, lines.get(key_path, 1)), "error", message))

    if not isinstance(data, dict) or not isinstance(data.get("topics"), list):
        raise ConfigErrors([Diagnostic(SourceRef(path, 1), "error", "topics.yaml needs a 'topics:' list")])
    for key in data:
        if key not in ("topics", "scoring"):
            report((key,), f"unknown key {key!r}; use 'topics' and 'scoring'")
    scoring = _scoring(data.get("scoring") or {}, report)
    topics: list[Topic] = []
    for index, entry in enumerate(data["topics"]):
        topic = _topic(entry, ("topics", index), report)
        if topic and any(t.id == topic.id for t in topics):
            report(("topics", index, "id"), f"topic id {topic.id!r} is used twice")
        elif topic:
            topics.append(topic)
    if problems:
        raise ConfigErrors(problems)
    return Taxonomy(tuple(topics), scoring)


_TOPIC_KEYS = {"id", "name", "description", "threshold", "rules", "exclude", "background"}
_RULE_KEYS = {"phrases", "all", "weight", "requires", "unless"}


def _topic(entry: Any, at: tuple[Any, ...], report) -> Topic | None:  # noqa: ANN001
    if not isinstance(entry, dict):
        report(at, "each topic must be a mapping with id, name, description, threshold and rules")
        return None
    for key in entry:
        if key not in _TOPIC_KEYS:
            report(at + (key,), f"unknown topic key {key!r}; known keys: {', '.join(sorted(_TOPIC_KEYS))}")
    topic_id = entry.get("id")
    if not isinstance(topic_id, str) or not TOPIC_ID.match(topic_id):
        report(at + ("id",), "topic id must be lowercase letters, digits and hyphens, e.g. nato-expansion")
        return None
    threshold = _positive(entry, "threshold", at, report)
    rules = [_rule(r, at + ("rules", i), report) for i, r in enumerate(entry.get("rules") or [])]
    if not rules:
        report(at, f"topic {topic_id!r} has no rules; add at least one 'phrases:' rule")
    exclude = _phrases(entry["exclude"], at + ("exclude",), report) if entry.get("exclude") else None
    background = _phrases(entry["background"], at + ("background",), report) if entry.get("background") else None
    return Topic(
        id=topic_id,
        name=str(entry.get("name") or topic_id),
        description=" ".join(str(entry.get("description") or "").split()),
        threshold=threshold,
        rules=tuple(r for r in rules if r is not None),
        exclude=exclude,
        background=background,
    )


def _rule(entry: Any, at: tuple[Any, ...], report) -> Rule | None:  # noqa: ANN001
    if not isinstance(entry, dict) or ("phrases" in entry) == ("all" in entry):
        report(at, "a rule needs either 'phrases: [...]' or 'all: [[...], [...]]'")
        return None
    for key in entry:
        if key not in _RULE_KEYS:
            report(at + (key,), f"unknown rule key {key!r}; known keys: {', '.join(sorted(_RULE_KEYS))}")
    if "phrases" in entry:
        groups = [_phrases(entry["phrases"], at + ("phrases",), report)]
    elif isinstance(entry["all"], list) and len(entry["all"]) >= 2:
        groups = [_phrases(g, at + ("all", i), report) for i, g in enumerate(entry["all"])]
    else:
        report(at + ("all",), "'all' must be a list of two or more phrase lists")
        return None
    weight = _positive(entry, "weight", at, report)
    requires = _optional_phrases(entry, "requires", at, report)
    unless = _optional_phrases(entry, "unless", at, report)
    if any(g is None for g in groups):
        return None
    return Rule(tuple(groups), weight, requires, unless)


def _positive(entry: dict, key: str, at: tuple[Any, ...], report) -> float:  # noqa: ANN001
    """A positive number from the entry (1 when absent); reported, and 1, when it is anything else."""
    value = entry.get(key, 1)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        report(at + (key,), f"{key} must be a positive number")
        return 1.0
    return float(value)


def _optional_phrases(entry: dict, key: str, at: tuple[Any, ...], report) -> PhraseSet | None:  # noqa: ANN001
    """A rule's phrase list under ``key``, or None when the rule has no such key."""
    return _phrases(entry[key], at + (key,), report) if key in entry else None


def _phrases(items: Any, at: tuple[Any, ...], report) -> PhraseSet | None:  # noqa: ANN001
    if not isinstance(items, list) or not items:
        report(at, "expected a non-empty list of phrases")
        return None
    for index, item in enumerate(items):
        ok_str = isinstance(item, str) and item.strip()
        ok_map = (
            isinstance(item, dict)
            and isinstance(item.get("phrase"), str)
            and set(item) <= {"phrase", "aliases", "match_case"}
            and all(isinstance(a, str) and a.strip() for a in item.get("aliases", []))
        )
        if not (ok_str or ok_map):
            report(at + (index,), "a phrase is text, or {phrase: ..., aliases: [...], match_case: true}")
            return None
    return compile_phrases(items)


def _scoring(section: Any, report) -> Scoring:  # noqa: ANN001
    if not isinstance(section, dict):
        report(("scoring",), "scoring must be a mapping")
        return Scoring()
    values: dict[str, Any] = {}
    defaults = Scoring()
    for key, value in section.items():
        default = getattr(defaults, key, None)
        if default is None:
            report(("scoring", key), f"unknown scoring key {key!r}")
        elif isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            report(("scoring", key), f"scoring.{key} must be a number of 0 or more")
        else:
            values[key] = type(default)(value)
    return Scoring(**values)
