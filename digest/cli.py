"""Command line: ``digest build``. A thin layer: parse arguments, call the library, print, return a code."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from digest import __version__
from digest.build import BuildFailed, Options, build
from digest.records import BuildReport, Diagnostic, DigestError


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="digest", description="Build a cross-linked news digest from articles/.")
    parser.add_argument("--version", action="version", version=f"digest {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True
    build_cmd = commands.add_parser("build", help="build the site into _site/",
                                    description="Read digest.yaml, topics.yaml, articles/ and templates/; write the site.")
    build_cmd.add_argument("--project", default=".", help="project folder (default: the current folder)")
    build_cmd.add_argument("--out", help="output folder (default: output_dir in digest.yaml, _site)")
    build_cmd.add_argument("--base-url", help="address the site is published at, e.g. https://user.github.io/repo/")
    build_cmd.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build_cmd.add_argument("--keep-going", action="store_true", help="skip articles with errors instead of stopping")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; return the exit code (0 ok, 1 input problems, 2 usage, 130 interrupted)."""
    args = _parser().parse_args(argv)
    try:
        return _build(args)
    except KeyboardInterrupt:
        print("digest: interrupted; the previous site was left as it was", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - last line of defence: a message, never a traceback
        if os.environ.get("DIGEST_DEBUG"):
            raise
        print(f"digest: internal error: {type(exc).__name__}: {exc}\n"
              "  The previous site was left as it was. Run again with DIGEST_DEBUG=1 for details and report it.",
              file=sys.stderr)
        return 1


def _build(args: argparse.Namespace) -> int:
    project = Path(args.project)
    options = Options(strict=args.strict, keep_going=args.keep_going, base_url=args.base_url, output=args.out)
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
          + (f"; ignored {report.ignored} other files (dotfiles, backups, not .md/.txt)" if report.ignored else "")
          + f"; removed {removed} lines of web leftovers" + (f" ({rules})." if rules else "."))
    width = max((len(name) for name, _ in report.per_topic), default=0)
    for name, count in report.per_topic:
        print(f"  {name:<{width}}  {count} article{'s' if count != 1 else ''}")
    print(f"Wrote {report.pages_written} files in {report.seconds:.2f} s; {warnings} warning(s).")
    index = Path(report.output) / "index.html"
    print(f"Open {index} in a browser ({index.as_uri()}).")
