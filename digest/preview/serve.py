"""``digest serve``: build, serve the output on 127.0.0.1, rebuild on change, reload the open page."""

from __future__ import annotations

import shutil
import sys
import tempfile
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType

from digest.build import BuildFailed, Options, build
from digest.preview.livereload import Board
from digest.preview.previewhttp import bind
from digest.records import Diagnostic, DigestError, SourceRef
from digest.preview.siteroutes import normalise_base_path
from digest.preview.watch import Watcher


@dataclass(frozen=True)
class ServeOptions:
    """Command-line choices of ``digest serve``."""

    port: int = 8000
    """Port on 127.0.0.1; 0 picks a free one."""
    base_path: str = "/"
    """The sub-path the site is served under, e.g. ``/repo/``."""
    output: str | None = None
    """Output folder; a temporary folder, removed on exit, when None."""
    strict: bool = False
    """Treat warnings as errors."""
    keep_going: bool = False
    """Skip articles with errors instead of stopping."""
    interval: float = 0.3
    """Seconds between polls of the watched files."""


def _say(line: str) -> None:
    print(line, file=sys.stderr, flush=True)


class Preview:
    """The site built from ``project`` and served at ``url``; after ``start`` it is rebuilt when an input
    changes. Use as a context manager: leaving it stops the server and the watcher."""

    def __init__(self, project: Path, options: ServeOptions, say: Callable[[str], None] = _say) -> None:
        base_path = normalise_base_path(options.base_path)
        self._temporary = None if options.output else Path(tempfile.mkdtemp(prefix="digest-serve-"))
        output = options.output or str(self._temporary / "site")
        self.output = (project / output).resolve()
        self.board = Board()
        try:
            self._server = bind(options.port, self.output, base_path, self.board)
        except DigestError:
            self._remove_temporary()
            raise
        self.url = self._server.url
        self._project = project
        self._say = say
        self._options = Options(strict=options.strict, keep_going=options.keep_going, base_url=self.url, output=output)
        self._watcher = Watcher(project, self.rebuild, options.interval)
        self._serving = threading.Thread(target=self._server.serve_forever, name="digest-server", daemon=True)

    def build(self) -> bool:
        """Build once, publish the outcome to open pages, report it; True when the build succeeded."""
        try:
            report = build(self._project, self._options)
        except BuildFailed as failed:
            return self._failed(failed.diagnostics)
        except DigestError as exc:
            return self._failed(exc.diagnostics())
        except Exception as exc:  # noqa: BLE001 - keep serving the last good site whatever went wrong
            return self._failed((Diagnostic(SourceRef("digest"), "error", f"internal error: {type(exc).__name__}: "
                                            f"{exc}; run digest build with DIGEST_DEBUG=1 and report it"),))
        for diagnostic in report.diagnostics:
            self._say(str(diagnostic))
        warnings = sum(d.level == "warning" for d in report.diagnostics)
        self._say(f"Built {report.articles} articles, {report.pages_written} files in {report.seconds:.2f} s; "
                  f"{warnings} warning(s).")
        self.board.publish(())
        return True

    def rebuild(self, changed: list[str]) -> None:
        """Rebuild after ``changed`` files changed."""
        shown = ", ".join(changed[:3]) + (f" and {len(changed) - 3} more" if len(changed) > 3 else "")
        self._say(f"Changed: {shown}; rebuilding.")
        self.build()

    def start(self) -> None:
        """Serve, and watch the inputs."""
        self._serving.start()
        self._watcher.start()

    def wait(self) -> None:
        """Block until interrupted (Ctrl-C)."""
        self._serving.join()

    def close(self) -> None:
        """Stop watching (after a rebuild in progress), end open event streams, stop serving."""
        self._watcher.stop()
        self.board.close()
        if self._serving.is_alive():
            self._server.shutdown()
        self._server.server_close()
        self._remove_temporary()

    def __enter__(self) -> Preview:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self.close()

    def _remove_temporary(self) -> None:
        if self._temporary is not None:
            shutil.rmtree(self._temporary, ignore_errors=True)

    def _failed(self, problems: tuple[Diagnostic, ...]) -> bool:
        if self._watcher.stopping:
            return False
        for diagnostic in problems:
            self._say(str(diagnostic))
        self._say("digest: build failed; still serving the last good site. Fix the files above and save.")
        self.board.publish(problems)
        return False
