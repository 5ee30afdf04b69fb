"""``build``: run each stage in order. Gather and check everything, then write once."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections import Counter
import traceback
from dataclasses import dataclass
from pathlib import Path

import jinja2

from digest.config import Config, normalise_base_url, parse_config
from digest.linking import Site, link
from digest.loader import load_articles, read_assets, read_text
from digest.records import BuildReport, Diagnostic, DigestError, SourceRef
from digest.renderer import environment, render_site
from digest.search import index_site
from digest.tagging import tag
from digest.taxonomy import parse_taxonomy
from digest.writer import build_lock, write_site

CONFIG_FILE = "digest.yaml"


@dataclass(frozen=True)
class Options:
    """Command-line choices that change a build."""

    strict: bool = False
    """Treat warnings as errors."""
    keep_going: bool = False
    """Skip articles with errors instead of stopping."""
    base_url: str | None = None
    """Override ``base_url`` from ``digest.yaml``."""
    output: str | None = None
    """Override ``output_dir`` from ``digest.yaml``."""
    today: dt.date | None = None
    """The date that counts as today (``--clock``); the system date when None."""


class BuildFailed(Exception):
    """The build stopped; nothing was written. Carries every problem found."""

    def __init__(self, diagnostics: tuple[Diagnostic, ...]):
        super().__init__(f"{sum(d.level == 'error' for d in diagnostics)} error(s)")
        self.diagnostics = diagnostics


def load_config(project: Path, options: Options) -> Config:
    """``digest.yaml`` (defaults when absent) with command-line overrides applied."""
    path = project / CONFIG_FILE
    config = parse_config(read_text(path, CONFIG_FILE), CONFIG_FILE) if path.exists() else Config()
    if options.base_url is not None:
        config = dataclasses.replace(config, base_url=normalise_base_url(options.base_url, SourceRef("--base-url")))
    if options.output is not None:
        config = dataclasses.replace(config, output_dir=options.output)
    return config


@dataclass(frozen=True)
class Analysis:
    """Everything a build knows before it renders: read, cleaned, tagged and linked, nothing written."""

    config: Config
    """Settings with command-line overrides applied."""
    output: Path
    """The output folder."""
    site: Site
    """Articles, topics and cross-links."""
    diagnostics: tuple[Diagnostic, ...]
    """Every error and warning found, in file order."""
    ignored: int
    """Files in the articles folder that are not articles."""


def analyse(project: Path, options: Options = Options()) -> Analysis:
    """Read and check everything a build needs, writing nothing; raise ``DigestError`` when the
    configuration or taxonomy cannot be read. Article problems are returned, not raised."""
    config = load_config(project, options)
    output = _output_folder(project, config, options)
    taxonomy = parse_taxonomy(read_text(project / config.topics_file, config.topics_file), config.topics_file)
    loaded = load_articles(config, project, frozenset(t.id for t in taxonomy.topics), options.today or dt.date.today())
    tagged = [tag(article, taxonomy) for article in loaded.articles]
    diagnostics = list(loaded.diagnostics) + [
        Diagnostic(t.article.path, "warning", "no topic assigned; check topics.yaml or set 'topics:' in the front matter")
        for t in tagged if not t.assigned and t.article.paragraphs
    ]
    return Analysis(config, output, link(config, taxonomy, tagged), tuple(diagnostics), loaded.ignored)


def build(project: Path, options: Options = Options()) -> BuildReport:
    """Load, tag, link, render and write the site; raise ``BuildFailed`` or ``DigestError`` on problems."""
    started = time.perf_counter()
    config = load_config(project, options)
    with build_lock(_output_folder(project, config, options)):
        analysis = analyse(project, options)
        diagnostics, site = analysis.diagnostics, analysis.site
        fatal = {"error", "warning"} if options.strict else {"error"}
        if any(d.level in fatal for d in diagnostics) and not (options.keep_going and not options.strict):
            raise BuildFailed(diagnostics)
        templates = project / analysis.config.templates_dir
        pages = _render(site, templates)
        written = write_site(analysis.output, pages, read_assets(templates), finish=index_site)
    per_topic = tuple((site.taxonomy.get(topic_id).name, len(members)) for topic_id, members in site.by_topic)
    removed = Counter(r.rule for t in site.articles for r in t.article.removed)
    return BuildReport(len(site.articles), per_topic, written,
                       tuple(sorted(removed.items(), key=lambda kv: (-kv[1], kv[0]))), diagnostics,
                       time.perf_counter() - started, str(analysis.output), analysis.ignored)


def _output_folder(project: Path, config: Config, options: Options) -> Path:
    """The output folder, refused when it would overlap the project's own files."""
    output = (project / config.output_dir).resolve()
    root = project.resolve()
    inputs = [root / config.articles_dir, root / config.templates_dir]
    if output == root or any(output == p or output.is_relative_to(p) or p.is_relative_to(output) for p in inputs):
        origin, setting = ("--out", "--out") if options.output is not None else (CONFIG_FILE, "output_dir")
        raise DigestError(SourceRef(origin), f"{setting} {config.output_dir!r} overlaps the project's own "
                          "files; choose a separate folder such as _site")
    return output


def _render(site, templates: Path) -> list[tuple[str, bytes]]:  # noqa: ANN001
    try:
        return list(render_site(site, environment(templates)))
    except jinja2.TemplateSyntaxError as exc:
        raise DigestError(SourceRef(_shown(exc.filename, templates), exc.lineno or 0), f"template: {exc.message}") from None
    except jinja2.TemplateError as exc:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename.startswith(str(templates))]
        ref = SourceRef(_shown(frames[-1].filename, templates), frames[-1].lineno or 0) if frames else SourceRef(
            str(templates))
        raise DigestError(ref, f"template: {exc}") from None


def _shown(filename: str | None, templates: Path) -> str:
    if not filename:
        return str(templates)
    try:
        return str(Path(filename).relative_to(templates.parent))
    except ValueError:
        return filename
