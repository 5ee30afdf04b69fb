"""Frozen records passed between the pipeline stages."""

from __future__ import annotations

import functools

import datetime as dt
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SourceRef:
    """Where something came from in the user's files."""

    path: str
    """Path as the user would type it, relative to the project when possible."""
    line: int = 0
    """1-based line number; 0 when the whole file is meant."""
    column: int = 0
    """1-based column number; 0 when unknown."""

    def __str__(self) -> str:
        parts = [self.path]
        if self.line:
            parts.append(str(self.line))
            if self.column:
                parts.append(str(self.column))
        return ":".join(parts)


@dataclass(frozen=True)
class Diagnostic:
    """A problem found in the input, reported as ``path:line: level: message``."""

    ref: SourceRef
    """Where the problem is."""
    level: str
    """``"error"`` (the file cannot be used) or ``"warning"`` (usable but suspicious)."""
    message: str
    """What is wrong and what to do about it."""

    def __str__(self) -> str:
        return f"{self.ref}: {self.level}: {self.message}"


class DigestError(Exception):
    """An input problem that stops the current file or command."""

    def __init__(self, ref: SourceRef, message: str):
        super().__init__(f"{ref}: {message}")
        self.ref = ref
        self.message = message

    def diagnostics(self) -> tuple[Diagnostic, ...]:
        """This error as reportable diagnostics."""
        return (Diagnostic(self.ref, "error", self.message),)

    def __reduce__(self) -> tuple[type, tuple[SourceRef, str]]:
        """Pickled by its parts, so an error raised in a worker process arrives whole."""
        return (type(self), (self.ref, self.message))


@dataclass(frozen=True)
class Block:
    """One paragraph-sized piece of an article body."""

    text: str
    """Plain text, used for tagging and search."""
    ref: SourceRef
    """The source line the block starts on."""
    kind: str = "paragraph"
    """``paragraph``, ``heading``, or a Markdown block kind such as ``list``."""
    html: str = ""
    """Pre-rendered safe HTML for Markdown blocks; empty for plain text."""


@dataclass(frozen=True)
class Removed:
    """A line the cleaner took out of the body, kept for audit."""

    rule: str
    """Name of the cleaning rule that matched."""
    text: str
    """The removed text."""
    ref: SourceRef
    """Where it was."""


@dataclass(frozen=True)
class Section:
    """A run of paragraphs under one heading."""

    heading: str
    """The subheading text; empty for the lead section."""
    paragraphs: tuple[Block, ...]
    """Body paragraphs in order."""
    ref: SourceRef | None = None
    """The heading's line, when there is a heading."""


@dataclass(frozen=True)
class Dateline:
    """A wire-style dateline such as ``WASHINGTON (NYTIMES) -``."""

    place: str
    """The place name as written."""
    agency: str
    """The agency in brackets, or empty."""
    text: str
    """The dateline exactly as it opened the paragraph."""
    line: int
    """The line of the paragraph it opened."""


@dataclass(frozen=True)
class TopicOverride:
    """Front-matter instructions to force or exclude topics."""

    include: tuple[str, ...] = ()
    """Topic ids assigned whatever the score."""
    exclude: tuple[str, ...] = ()
    """Topic ids never assigned."""


@dataclass(frozen=True)
class Article:
    """One article after loading and cleaning."""

    slug: str
    """URL-safe unique name, the page is ``articles/<slug>.html``."""
    title: str
    """Display title."""
    date: dt.date | None
    """Publication date, if known."""
    source: str
    """Outlet name, or empty."""
    author: str
    """Author name, or empty."""
    url: str
    """Original address (http or https only), or empty."""
    standfirst: str
    """The one-line summary under the title, or empty."""
    sections: tuple[Section, ...]
    """Body sections in order."""
    path: SourceRef
    """The article file."""
    kind: str = "text"
    """``text`` for pasted plain text, ``markdown`` for Markdown, ``html`` for a saved web page."""
    dateline: Dateline | None = None
    """The dateline that opened the body, if any."""
    author_bio: str = ""
    """Author information found at the end of the text."""
    removed: tuple[Removed, ...] = ()
    """Boilerplate taken out of the body."""
    overrides: TopicOverride = field(default_factory=TopicOverride)
    """Front-matter topic instructions."""
    metadata_origin: tuple[tuple[str, str], ...] = ()
    """Pairs of (field, where it came from), e.g. ``("title", "front matter")``."""
    date_ref: SourceRef | None = None
    """Where the date was read: its front-matter line, its date line, or the file (for a file-name date)."""

    @functools.cached_property
    def paragraphs(self) -> tuple[Block, ...]:
        """Every body paragraph in order (worked out once, and kept with the article in the build cache)."""
        return tuple(p for s in self.sections for p in s.paragraphs)

    @functools.cached_property
    def word_count(self) -> int:
        """Words in the body (worked out once, and kept with the article in the build cache)."""
        return sum(len(p.text.split()) for p in self.paragraphs)


@dataclass(frozen=True)
class Evidence:
    """A sentence that earned a topic its score."""

    sentence: str
    """The sentence text."""
    section: str
    """The heading of its section, or empty for the lead."""
    ref: SourceRef
    """The line of the paragraph it is in."""
    block: int
    """Index of the paragraph in ``Article.paragraphs``; -1 for the title, -2 for a heading."""
    weight: float
    """What this sentence added to the score."""
    note: str = ""
    """Why the sentence counts for less than its rule's weight, e.g. a background cause; empty otherwise."""


@dataclass(frozen=True)
class TopicTag:
    """How strongly an article is about one topic."""

    topic_id: str
    """The topic's id."""
    score: float
    """Sum of the evidence weights."""
    status: str
    """``assigned``, ``forced``, ``mention`` (below threshold) or ``excluded``."""
    evidence: tuple[Evidence, ...]
    """Evidence sentences, strongest first."""
    reason: str = ""
    """Why the topic was assigned or fell short, in words a reader can check."""

    @property
    def quote(self) -> Evidence | None:
        """The strongest evidence sentence from the body (a title or heading only if nothing else)."""
        return next((e for e in self.evidence if e.block >= 0), self.evidence[0] if self.evidence else None)

    @property
    def assigned(self) -> bool:
        """Whether the article counts as being about the topic."""
        return self.status in ("assigned", "forced")


@dataclass(frozen=True)
class Quote:
    """A direct quotation in an article and who said it, as the article attributes it."""

    text: str
    """The words between the quotation marks."""
    speaker: str | None
    """The person (or body) quoted, named as fully as the article names them; None when the article does not say."""
    named_as: str
    """The words that name the speaker where the quotation is ("Mr Sullivan", "he")."""
    how: str
    """How the speaker was found: said-after, said-before, according-to, previous-sentence, continued, title, none."""
    ref: SourceRef
    """The paragraph's source line."""
    block: int
    """The paragraph's index in the body."""
    role: str = ""
    """The speaker's title as the article first gives it ("US National Security Adviser")."""


@dataclass(frozen=True)
class TaggedArticle:
    """An article with its topic tags."""

    article: Article
    """The loaded article."""
    tags: tuple[TopicTag, ...]
    """Tags for every topic that scored or was overridden, in taxonomy order."""
    key: str = ""
    """Hash of the file and of everything that shaped this record (taxonomy, settings, code version)."""
    quotes: tuple[Quote, ...] = ()
    """Direct quotations in the body, in order, with their speakers."""
    people: tuple[tuple[str, str], ...] = ()
    """The people the article names in full with a title, and that title, in order of first mention."""
    terms: tuple[tuple[str, int], ...] = ()
    """The names (``n:...``) and content words the article uses most, with counts: what stories compare."""

    @functools.cached_property
    def assigned(self) -> tuple[TopicTag, ...]:
        """Tags that count, strongest first (worked out once, and kept in the build cache)."""
        return tuple(sorted((t for t in self.tags if t.assigned), key=lambda t: (-t.score, t.topic_id)))

    @functools.cached_property
    def mentions(self) -> tuple[TopicTag, ...]:
        """Topics named but not discussed (worked out once, and kept in the build cache)."""
        return tuple(t for t in self.tags if t.status in ("mention", "excluded"))

    def tag(self, topic_id: str) -> TopicTag | None:
        """The tag for one topic, if any."""
        return next((t for t in self.tags if t.topic_id == topic_id), None)


@dataclass(frozen=True)
class Related:
    """Another article sharing topics with this one."""

    slug: str
    """The related article's slug."""
    shared: tuple[str, ...]
    """Shared topic ids, in taxonomy order."""
    strength: float
    """Sum over shared topics of the smaller of the two scores."""


@dataclass(frozen=True)
class BuildReport:
    """What a build did."""

    articles: int
    """Articles loaded."""
    per_topic: tuple[tuple[str, int], ...]
    """(topic name, articles assigned) in taxonomy order."""
    pages_written: int
    """Files written because they were new or their bytes changed."""
    removed: tuple[tuple[str, int], ...]
    """(cleaning rule, lines it removed) across all articles, busiest rule first."""
    diagnostics: tuple[Diagnostic, ...]
    """Every error and warning."""
    seconds: float
    """Wall time."""
    output: str
    """The output folder."""
    ignored: int = 0
    """Files in the articles folder that are not articles (dotfiles, backups, other types)."""
    files: int = 0
    """Files the site has; ``pages_written`` of them were new or changed."""
    files_removed: int = 0
    """Files of the previous site that were deleted (articles removed or renamed)."""
