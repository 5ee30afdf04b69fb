"""Command line: ``digest <command>``. A thin layer: parse arguments, call the library, print, return a code.

The tools beside the build (authoring, preview) are imported by the command that uses them, so that a
build, the command run most often, does not load the network, HTTP-server and packaging code."""

from __future__ import annotations

import argparse
import datetime as dt
import os
import re
import select
import shlex
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from digest import __version__
from digest.build import BuildFailed, Options, analyse, build, load_config
from digest.read.config import Config
from digest.read.htmlpage import SUFFIXES as PAGE_SUFFIXES
from digest.read.loader import read_text
from digest.records import BuildReport, Diagnostic, DigestError, SourceRef
from digest.read.source import decode
from digest.read.theme import theme_of
from digest.analyse.taxonomy import parse_taxonomy


if TYPE_CHECKING:
    from digest.authoring.importer import Draft


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="digest", description="Build a cross-linked news digest from articles/.")
    parser.add_argument("--version", action="version", version=f"digest {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    build_cmd = commands.add_parser("build", help="build the site into _site/",
                                    description="Read digest.yaml, topics.yaml, articles/ and templates/; write the site.")
    _add_project_options(build_cmd)
    build_cmd.add_argument("--out", help="output folder (default: output_dir in digest.yaml, _site)")
    build_cmd.add_argument("--base-url", help="address the site is published at, e.g. https://user.github.io/repo/")
    build_cmd.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build_cmd.add_argument("--keep-going", action="store_true", help="skip articles with errors instead of stopping")
    build_cmd.set_defaults(run=_build)
    init_cmd = commands.add_parser("init", help="start a new digest in a folder",
                                   description="Create a ready project: articles/ with an example, a commented "
                                   "digest.yaml, topics.yaml to edit, .gitignore, requirements.txt and a GitHub Pages "
                                   "workflow. Never overwrites a file: if any exists, nothing is written.")
    init_cmd.add_argument("folder", metavar="DIR", nargs="?", default=".", help="the new project's folder "
                          "(default: the current folder); created if missing")
    init_cmd.add_argument("--theme", action="store_true", help="also copy the default templates into templates/, "
                          "to restyle them")
    init_cmd.set_defaults(run=_init)
    _serve_parser(commands)
    _authoring_parsers(commands)
    return parser


def _add_project_options(command: argparse.ArgumentParser) -> None:
    """Options every command that reads the project takes."""
    command.add_argument("--project", default=".", help="project folder (default: the current folder)")
    command.add_argument("--clock", type=_clock, metavar="YYYY-MM-DD",
                         help="the date that counts as today (default: the system date)")


def _clock(value: str) -> dt.date:
    """``--clock``: a real YYYY-MM-DD date, or a usage error."""
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return dt.date.fromisoformat(value)
    except ValueError:
        pass
    raise argparse.ArgumentTypeError(f"not a date: {value!r}; write it as YYYY-MM-DD, e.g. 2021-12-07")


def _authoring_parsers(commands: argparse._SubParsersAction) -> None:
    add_cmd = commands.add_parser("add", help="import a web page (URL or saved .html) or pasted text into articles/",
                                  description="Save an article with front matter filled by what the page or text "
                                  "gives (title, date, source, author, address); print where each value came from "
                                  "and what was not found. A URL is fetched (http and https only); a web page is "
                                  "written as Markdown. Never overwrites a file.")
    add_cmd.add_argument("file", metavar="SOURCE", help="an http(s) address, a saved .html page, a text file, or - "
                         "to read pasted text from standard input")
    add_cmd.add_argument("--keep-html", action="store_true", help="keep the web page beside the article, as "
                         "<name>.html (build reads the article, not the page)")
    _add_project_options(add_cmd)
    add_cmd.set_defaults(run=_add)
    new_cmd = commands.add_parser("new", help="start a Markdown article with front matter to fill in",
                                  description="Create articles/<date>-<slug>.md with front matter to fill in; "
                                  "it is not published until it has body text. Never overwrites a file.")
    new_cmd.add_argument("title", metavar="TITLE", help="the article's title")
    _add_project_options(new_cmd)
    new_cmd.set_defaults(run=_new)
    check_cmd = commands.add_parser("check", help="check everything build checks, writing nothing",
                                    description="Read and check the project as build does, write nothing, and list "
                                    "articles with no date, source or topics, near-duplicate bodies and slug "
                                    "collisions. Exit code 1 on errors (with --strict, on warnings too).")
    _add_project_options(check_cmd)
    check_cmd.add_argument("--strict", action="store_true", help="exit with 1 on warnings too")
    check_cmd.set_defaults(run=_check)


def _serve_parser(commands: argparse._SubParsersAction) -> None:
    serve_cmd = commands.add_parser(
        "serve", help="preview the site on 127.0.0.1, rebuilt and reloaded when you save",
        description="Build the site, serve it on 127.0.0.1 and watch articles/, templates/, topics.yaml and "
                    "digest.yaml: on every change it rebuilds and the open page reloads. A failed build shows its "
                    "errors over the last good site. Press Ctrl-C to stop.")
    serve_cmd.add_argument("--project", default=".", help="project folder (default: the current folder)")
    serve_cmd.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (default: 8000; 0: a free port)")
    serve_cmd.add_argument("--base-path", default="/", help="serve the site under this sub-path, as GitHub Pages "
                           "does for a project site, e.g. /repo/ (default: /)")
    serve_cmd.add_argument("--out", help="output folder (default: a temporary folder, removed on exit; the preview "
                           "links to 127.0.0.1, so do not publish it)")
    serve_cmd.add_argument("--strict", action="store_true", help="treat warnings as errors")
    serve_cmd.add_argument("--keep-going", action="store_true", help="skip articles with errors instead of stopping")
    serve_cmd.set_defaults(run=_serve)


READER_GONE = 141
"""Exit code when whatever reads the output stopped early (``digest build | head -1``), as for SIGPIPE."""


def _reader_gone() -> bool:
    """Whether standard output is a pipe whose reading end has closed."""
    try:
        poller = select.poll()
        poller.register(sys.stdout.fileno(), select.POLLOUT)
        return any(events & select.POLLERR for _, events in poller.poll(0))
    except (AttributeError, OSError, ValueError):  # no poll (Windows), or no file behind stdout
        return False


def run() -> None:
    """The ``digest`` command: run ``main`` and end the process with its exit code, without tearing the
    interpreter down. Everything is written and flushed by then; freeing a large site's records object by
    object on the way out took a second at 10,000 articles."""
    code = main()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except BrokenPipeError:  # the reader went away (``| head``) before the last of the output
            code = READER_GONE
        except (OSError, ValueError):
            code = code or 1
    os._exit(code)


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; return the exit code (0 ok, 1 input problems, 2 usage, 130 interrupted, 141 when
    the output's reader went away, as for a program stopped by SIGPIPE)."""
    args = _parser().parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        print("digest: interrupted; the previous site was left as it was", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - last line of defence: a message, never a traceback
        if isinstance(exc, BrokenPipeError) and _reader_gone():
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())  # nothing more to say to no one
            return READER_GONE
        if os.environ.get("DIGEST_DEBUG"):
            raise
        print(f"digest: internal error: {type(exc).__name__}: {exc}\n"
              "  The previous site was left as it was. Run again with DIGEST_DEBUG=1 for details and report it.",
              file=sys.stderr)
        return 1


def _build(args: argparse.Namespace) -> int:
    project = Path(args.project)
    options = Options(strict=args.strict, keep_going=args.keep_going, base_url=args.base_url, output=args.out,
                      today=args.clock)
    try:
        report = build(project, options)
    except BuildFailed as failed:
        _print_diagnostics(failed.diagnostics)
        errors = sum(d.level == "error" for d in failed.diagnostics)
        warnings = len(failed.diagnostics) - errors
        reason = f"{errors} error(s)" if errors else f"{warnings} warning(s) in --strict mode"
        print(f"digest: build stopped: {reason}; nothing was written and the previous site is unchanged."
              + ("" if not errors else " Fix the files above, or use --keep-going to skip them."), file=sys.stderr)
        return 1
    except DigestError as exc:
        _print_diagnostics(exc.diagnostics())
        print("digest: build stopped; the previous site is unchanged.", file=sys.stderr)
        return 1
    _print_diagnostics(report.diagnostics)
    _print_summary(report)
    return 0


def _print_diagnostics(diagnostics: Sequence[Diagnostic]) -> None:
    for diagnostic in diagnostics:
        print(diagnostic, file=sys.stderr)


def _print_summary(report: BuildReport) -> None:
    skipped = sum(d.level == "error" for d in report.diagnostics)
    warnings = sum(d.level == "warning" for d in report.diagnostics)
    removed = sum(count for _, count in report.removed)
    rules = ", ".join(f"{rule} {count}" for rule, count in report.removed)
    print(f"Loaded {report.articles} articles" + (f" (skipped {skipped} with errors)" if skipped else "")
          + (f"; ignored {report.ignored} other files (dotfiles, backups, saved pages kept beside their article, "
             "not .md/.txt/.html)" if report.ignored else "")
          + f"; removed {removed} lines of web leftovers" + (f" ({rules})." if rules else "."))
    width = max((len(name) for name, _ in report.per_topic), default=0)
    for name, count in report.per_topic:
        print(f"  {name:<{width}}  {count} article{'s' if count != 1 else ''}")
    if report.pages_written or report.files_removed:
        kept = report.files - report.pages_written
        print(f"Wrote {report.pages_written} new or changed files ({kept} unchanged, {report.files_removed} removed) "
              f"in {report.seconds:.2f} s; {warnings} warning(s).")
    else:
        print(f"Nothing changed since the last build; the site is up to date ({report.seconds:.2f} s, "
              f"{warnings} warning(s)).")
    index = Path(report.output) / "index.html"
    print(f"Open {index} in a browser ({index.as_uri()}).")


def _serve(args: argparse.Namespace) -> int:
    from digest.preview.serve import Preview, ServeOptions

    options = ServeOptions(port=args.port, base_path=args.base_path, output=args.out, strict=args.strict,
                           keep_going=args.keep_going)
    try:
        with Preview(Path(args.project), options) as preview:
            preview.build()
            print(f"Serving {preview.url} (built into {preview.output}); rebuilding when you save. "
                  "Press Ctrl-C to stop.", flush=True)
            preview.start()
            preview.wait()
    except DigestError as exc:
        _print_diagnostics(exc.diagnostics())
        print("digest: cannot serve; fix the problem above and run digest serve again.", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("digest: stopped serving.", file=sys.stderr)
    return 0


def _add(args: argparse.Namespace) -> int:
    from digest.authoring.importer import draft_from_page, draft_import, reload_warnings, write_new_file

    project, today = Path(args.project), args.clock or dt.date.today()
    try:
        config, topic_ids = _project_settings(project)
        page = _read_page(args.file)
        if page is not None:
            address, data = page
            draft = draft_from_page(data, args.file, address, config, topic_ids, today)
        else:
            draft = draft_import(_read_input(args.file), "<stdin>" if args.file == "-" else args.file, config,
                                 topic_ids, today)
        target = f"{config.articles_dir}/{draft.name}"
        warnings = reload_warnings(draft, target, config, topic_ids, today)
        _create(project / config.articles_dir, draft)
        if page is not None and args.keep_html:
            write_new_file(project / config.articles_dir / f"{Path(draft.name).stem}.html", page[1])
    except DigestError as exc:
        _print_diagnostics(exc.diagnostics())
        print("digest: nothing was added.", file=sys.stderr)
        return 1
    print(f"Added {target}" + (f" (and the page, as {Path(target).stem}.html)" if page and args.keep_html else ""))
    for field, value, where in draft.found:
        print(f"  {field}: {value} (from {where})")
    for field, hint in draft.missing:
        print(f"  {field}: not found; {hint}")
    _print_diagnostics(warnings)
    return 0


def _read_page(name: str) -> tuple[str, bytes] | None:
    """(address fetched or empty, the page's bytes) when ``name`` is a web address or a saved page."""
    from digest.authoring.fetch import fetch, is_address

    if is_address(name):
        return name, fetch(name).data
    if Path(name).suffix.lower() in PAGE_SUFFIXES:
        try:
            return "", Path(name).read_bytes()
        except FileNotFoundError:
            raise DigestError(SourceRef(name), "no such file; check the path") from None
        except OSError as exc:
            raise DigestError(SourceRef(name), f"cannot read file ({exc.strerror})") from None
    return None


def _new(args: argparse.Namespace) -> int:
    from digest.authoring.importer import draft_new

    project = Path(args.project)
    try:
        config, _ = _project_settings(project)
        draft = draft_new(args.title, args.clock or dt.date.today())
        _create(project / config.articles_dir, draft)
    except DigestError as exc:
        _print_diagnostics(exc.diagnostics())
        print("digest: nothing was created.", file=sys.stderr)
        return 1
    print(f"Created {config.articles_dir}/{draft.name}: fill in the front matter and write the article below it.")
    return 0


def _check(args: argparse.Namespace) -> int:
    from digest.authoring.checking import check_report

    try:
        analysis = analyse(Path(args.project), Options(strict=args.strict, today=args.clock))
    except DigestError as exc:
        _print_diagnostics(exc.diagnostics())
        print("digest: check stopped; fix the problem above.", file=sys.stderr)
        return 1
    _print_diagnostics(analysis.diagnostics)
    report = check_report(analysis)
    for heading, lines in report.sections:
        print(f"{heading}: {len(lines)}" + "".join(f"\n  {line}" for line in lines))
    print(f"Checked {report.articles} articles: {report.errors} error(s), {report.warnings} warning(s); "
          "nothing was written.")
    return 1 if report.errors or (args.strict and report.warnings) else 0


def _init(args: argparse.Namespace) -> int:
    from digest.authoring.starter import create_project, starter_files

    folder = Path(args.folder)
    try:
        files, notes = starter_files(args.theme)
        create_project(folder, files)
    except DigestError as exc:
        _print_diagnostics(exc.diagnostics())
        print("digest: nothing was created.", file=sys.stderr)
        return 1
    shown = [path for path, _ in files if not path.startswith("templates/")]
    print(f"Created a digest in {folder}:" + "".join(f"\n  {path}" for path in shown)
          + (f"\n  templates/ ({len(files) - len(shown)} files of the default theme)" if args.theme else ""))
    for note in notes:
        print(f"note: {note}", file=sys.stderr)
    into = "" if args.folder == "." else f"  cd {shlex.quote(args.folder)}\n"
    print("Next steps:\n" + into +
          "  digest build                  # build _site/ and print which file to open\n"
          "  digest add https://...        # import an article from a web page (or a saved .html file)\n"
          "  digest serve                  # preview while you write\n"
          "Publish: push the folder to a GitHub repository and set Settings > Pages > Source to "
          "\"GitHub Actions\"; .github/workflows/pages.yml builds and publishes on every push.")
    return 0


def _project_settings(project: Path) -> tuple[Config, frozenset[str]]:
    """The settings and topic ids an article is read with."""
    config = load_config(project, Options())
    theme = theme_of(project, config)
    taxonomy = parse_taxonomy(read_text(theme.taxonomy, theme.taxonomy_shown), theme.taxonomy_shown)
    return config, frozenset(topic.id for topic in taxonomy.topics)


def _read_input(name: str) -> str:
    """The text to import, from standard input (``-``) or a file."""
    if name == "-":
        return decode(sys.stdin.buffer.read(), "<stdin>")
    if not Path(name).is_file():
        raise DigestError(SourceRef(name), "no such file; check the path, or use - to read standard input")
    return read_text(Path(name), name)


def _create(folder: Path, draft: Draft) -> None:
    from digest.authoring.importer import write_new_file

    folder.mkdir(parents=True, exist_ok=True)
    write_new_file(folder / draft.name, draft.text)
