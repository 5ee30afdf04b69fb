"""What ``digest check`` reports beyond the diagnostics: articles missing metadata or topics, near-duplicate
bodies and slug collisions (pure: reads an ``Analysis``, writes nothing)."""

from __future__ import annotations

from dataclasses import dataclass

from digest.build import Analysis
from digest.analyse.duplicates import near_duplicates
from digest.records import Article

SLUG_COLLISION = "is already used by"
"""Words of the loader's slug-collision warning."""


@dataclass(frozen=True)
class CheckReport:
    """Lists a user reads to decide what to fix; each line names the article file."""

    articles: int
    """Articles that would be published."""
    errors: int
    """Error diagnostics."""
    warnings: int
    """Warning diagnostics."""
    sections: tuple[tuple[str, tuple[str, ...]], ...]
    """(heading, lines) for: no date, no source, no topics, near-duplicate bodies, slug collisions."""


def check_report(analysis: Analysis) -> CheckReport:
    """Sort what the analysis found into the lists ``digest check`` prints."""
    tagged = analysis.site.articles
    articles = sorted((t.article for t in tagged), key=lambda a: a.path.path)
    bodies = ((a.path.path, " ".join(p.text for p in a.paragraphs)) for a in articles)
    sections = (
        ("No date", tuple(_line(a) for a in articles if a.date is None)),
        ("No source", tuple(_line(a) for a in articles if not a.source)),
        ("No topics", tuple(_line(t.article) for t in sorted(tagged, key=lambda t: t.article.path.path)
                            if not t.assigned)),
        ("Near-duplicate bodies", tuple(f"{d.first} ~ {d.second}: {d.similarity:.0%} similar"
                                        for d in near_duplicates(bodies))),
        ("Slug collisions", tuple(f"{d.ref.path}: {d.message}" for d in analysis.diagnostics
                                  if SLUG_COLLISION in d.message)),
    )
    errors = sum(d.level == "error" for d in analysis.diagnostics)
    return CheckReport(len(articles), errors, len(analysis.diagnostics) - errors, sections)


def _line(article: Article) -> str:
    return f"{article.path.path}  {article.title}"
