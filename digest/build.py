"""``build``: run each stage in order. Gather and check everything, then write once."""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import gc
import datetime as dt
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from digest.read.cache import (ENTRIES, LINKS, SHARDS, TEMPLATES, CachedArticle, Manifest, by_shard, digest_of, dumps,
                               inputs_key, loads, manifest_name, shard_name)
from digest.read.config import Config, normalise_base_url, parse_config
from digest.analyse.linking import Links, Site, link
from digest.read.theme import Theme, theme_of
from digest.read.loader import Scan, Sources, read_assets, scan_sources, read_cache, read_code, read_sources, read_text, read_tree
from digest.analyse.prepare import Setup, article_keys, make_setup, prepare
from digest.records import BuildReport, Diagnostic, DigestError, SourceRef
from digest.analyse.taxonomy import parse_taxonomy
from digest.site.writer import build_lock, removing_swapped_out, site_intact, write_cache, write_site

if TYPE_CHECKING:
    from digest.site.renderer import Page

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
    theme: Theme
    """The template folders and the taxonomy file."""
    site: Site
    """Articles, topics and cross-links."""
    diagnostics: tuple[Diagnostic, ...]
    """Every error and warning found, in file order."""
    ignored: int
    """Files in the articles folder that are not articles."""
    cache: dict[str, CachedArticle]
    """Per-article results to keep for the next build."""
    cached: dict[str, frozenset[str]]
    """The keys each cache shard held when the build started: a shard whose keys are unchanged is not rewritten."""
    setup_key: str
    """Hash of the code, settings, taxonomy and templates: with the articles' keys, what a page depends on."""
    inputs_key: str
    """Hash of every input and option: equal to the last build's means nothing changed."""


@dataclass(frozen=True)
class Settings:
    """Every input but the articles: settings, theme, taxonomy and code, read and keyed."""

    config: Config
    """Settings with command-line overrides applied."""
    output: Path
    """The output folder."""
    theme: Theme
    setup: Setup
    setup_key: str
    """Hash of the code, settings, taxonomy and templates."""


@dataclass(frozen=True)
class Inputs:
    """Every input of a build, read and keyed but not yet processed."""

    settings: Settings
    sources: Sources
    key: str
    """Hash of every input and option: equal to the last build's means nothing changed."""


def _settings(project: Path, options: Options) -> Settings:
    config = load_config(project, options)
    theme = theme_of(project, config)
    taxonomy_text = read_text(theme.taxonomy, theme.taxonomy_shown)
    taxonomy = parse_taxonomy(taxonomy_text, theme.taxonomy_shown)
    setup = make_setup(config, taxonomy, taxonomy_text, read_code(), options.today or dt.date.today())
    setup_key = digest_of(setup.key, repr(config), repr(read_tree(theme.folders)))
    return Settings(config, _output_folder(project, config, options), theme, setup, setup_key)


def gather(project: Path, options: Options = Options(), settings: Settings | None = None,
           scan: Scan | None = None) -> Inputs:
    """Read every input (settings, taxonomy, templates, article bytes) and compute the keys."""
    settings = settings or _settings(project, options)
    sources = read_sources(settings.config, project, scan)
    key = inputs_key(_run_key(settings, options, repr(sources.diagnostics), str(sources.ignored)), sources.files)
    return Inputs(settings, sources, key)


def _run_key(settings: Settings, options: Options, *articles: str) -> str:
    """A key of the settings, today's date, the options and what stands for the articles."""
    return digest_of(settings.setup_key, settings.setup.today.isoformat(), repr(options), *articles)


def analyse(project: Path, options: Options = Options(), inputs: Inputs | None = None) -> Analysis:
    """Read and check everything a build needs, writing nothing; raise ``DigestError`` when the
    configuration or taxonomy cannot be read. Article problems are returned, not raised."""
    inputs = inputs or gather(project, options)
    settings = inputs.settings
    keys = article_keys(inputs.sources.files, settings.setup)
    wanted = set(keys)
    cached: dict[str, CachedArticle] = {}
    held: dict[str, frozenset[str]] = {}
    for shard in SHARDS:  # only this build's entries are kept: after an upgrade, none of the old ones
        entries = loads(read_cache(project, shard_name(shard)), dict) or {}
        held[shard] = frozenset(entries)
        cached.update((key, entry) for key, entry in entries.items() if key in wanted)
        del entries
    prepared = prepare(inputs.sources.files, settings.setup, cached, keys)
    return Analysis(settings.config, settings.output, settings.theme,
                    link(settings.config, settings.setup.taxonomy, prepared.articles,
                         loads(read_cache(project, LINKS), Links)),
                    inputs.sources.diagnostics + prepared.diagnostics, inputs.sources.ignored, prepared.cache,
                    held,
                    settings.setup_key, inputs.key)


def build(project: Path, options: Options = Options()) -> BuildReport:
    """Load, tag, link, render and write the site; raise ``BuildFailed`` or ``DigestError`` on problems.
    Unchanged articles come from the cache; unchanged pages are not rendered; unchanged files are not written."""
    started = time.perf_counter()
    config = load_config(project, options)
    with build_lock(_output_folder(project, config, options)):
        settings = _settings(project, options)
        scan = scan_sources(settings.config, project)
        stamp, settled = _run_key(settings, options, scan.stamp), scan.settled
        manifest = manifest_name(settings.output)
        previous = loads(read_cache(project, manifest), Manifest) or Manifest()
        intact = functools.cache(lambda: bool(previous.report) and site_intact(settings.output, previous.files))
        if previous.stamp == stamp and intact():  # the site is checked only when nothing else changed
            return _nothing_changed(previous, started)
        inputs = gather(project, options, settings, scan)
        if previous.inputs == inputs.key and intact():
            if settled:
                write_cache(project, manifest, dumps(dataclasses.replace(previous, stamp=stamp)))
            return _nothing_changed(previous, started)
        try:
            with _collection_paused():
                analysis = analyse(project, options, inputs)
            return _publish(project, options, analysis, previous, manifest, started, stamp if settled else "")
        finally:
            gc.unfreeze()


def _nothing_changed(previous: Manifest, started: float) -> BuildReport:
    """The last build's report, for a build that found every input and published file as it left them."""
    return dataclasses.replace(previous.report, pages_written=0, files_removed=0, seconds=time.perf_counter() - started)


def _publish(project: Path, options: Options, analysis: Analysis, previous: Manifest, manifest: str,
             started: float, stamp: str) -> BuildReport:
    """Render and write the analysed site, then the caches; raise ``BuildFailed`` when problems are fatal."""
    diagnostics, site = analysis.diagnostics, analysis.site
    fatal = {"error", "warning"} if options.strict else {"error"}
    if any(d.level in fatal for d in diagnostics) and not (options.keep_going and not options.strict):
        raise BuildFailed(diagnostics)
    from digest.site.prerender import prerendered  # the site stage: loaded only by a build that renders
    from digest.site.records_json import Entries
    from digest.site.renderer import CompiledTemplates, Page, article_path, environment, plan_site
    from digest.site.search import plan_bundles

    theme = analysis.theme
    json_entries = Entries(loads(read_cache(project, ENTRIES), dict))
    compiled = CompiledTemplates(loads(read_cache(project, TEMPLATES), tuple), analysis.setup_key)
    env = environment(theme.folders, compiled)
    compiled.compile_all(env)
    planned = plan_site(site, env, analysis.setup_key, json_entries)
    wrap = _reporting_template_errors(theme)  # only pages that will render: a kept page rendered cleanly last time
    pages = [page if page.kept_from(previous.files) else wrap(page) for page in planned]
    pages += [Page(path, "", lambda data=data: data) for path, data in read_assets(theme.folders)]
    bundles = plan_bundles(site.articles, analysis.setup_key, article_path)
    published = write_site(analysis.output, prerendered(pages, previous.files), previous.files, bundles)
    per_topic = tuple((site.taxonomy.get(topic_id).name, len(members)) for topic_id, members in site.by_topic)
    removed = Counter(r.rule for t in site.articles for r in t.article.removed)
    report = BuildReport(len(site.articles), per_topic, len(published.written),
                         tuple(sorted(removed.items(), key=lambda kv: (-kv[1], kv[0]))), diagnostics,
                         time.perf_counter() - started, str(analysis.output), analysis.ignored,
                         len(published.files), len(published.removed))
    with removing_swapped_out(published):  # the old site is deleted while the caches are written
        write_cache(project, manifest, dumps(Manifest(analysis.inputs_key, report, published.files, stamp)))
        write_cache(project, LINKS, dumps(site.links))
        for shard, results in by_shard(analysis.cache).items():
            if results.keys() != analysis.cached[shard]:
                write_cache(project, shard_name(shard), dumps(results))
        if json_entries.kept != json_entries.previous:
            write_cache(project, ENTRIES, dumps(json_entries.kept))
        if (templates := compiled.kept()) is not None:
            write_cache(project, TEMPLATES, dumps(templates))
    return report


@contextlib.contextmanager
def _collection_paused() -> Iterator[None]:
    """Python's cycle collector off while the records are read and linked: they are allocated by the
    million and make no cycles, and walking them on every collection cost a fifth of an incremental
    build at 10,000 articles. On the way out everything made so far is frozen out of the collector's
    sight (until ``gc.unfreeze``), so that it only looks at new garbage: otherwise its first pass walks
    every record (0.7 s at 10,000 articles)."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if collecting:
            gc.enable()


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


def _reporting_template_errors(theme: Theme) -> Callable[[Page], Page]:
    """Wrap a page so that a template error is reported at its template file and line."""
    def wrap(page: Page) -> Page:
        return dataclasses.replace(page, render=lambda: _rendered(page, theme))
    return wrap


def _rendered(page: Page, theme: Theme) -> bytes:
    import jinja2

    try:
        return page.render()
    except jinja2.TemplateSyntaxError as exc:
        raise DigestError(SourceRef(theme.shown(exc.filename or ""), exc.lineno or 0), f"template: {exc.message}") from None
    except DigestError:
        raise
    except Exception as exc:  # noqa: BLE001 - an error raised by template code is the template's to fix
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if theme.shown(f.filename) != f.filename]
        if not frames and not isinstance(exc, jinja2.TemplateError):
            raise
        ref = SourceRef(theme.shown(frames[-1].filename), frames[-1].lineno or 0) if frames else SourceRef(
            theme.names[0])
        raise DigestError(ref, f"template: {exc}") from None
