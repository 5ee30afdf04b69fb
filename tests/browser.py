"""Helpers for the browser tests: find and launch Chromium, serve a built site over HTTP."""

from __future__ import annotations

import functools
import os
import shutil
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any

import pytest
from playwright.sync_api import Browser, Playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


def find_chromium() -> str | None:
    """The path of a Chromium executable, or None when there is none."""
    if os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    return shutil.which("chromium")


def require_chromium() -> str:
    """Chromium's path; skip the calling test without one, or fail it when ``CI`` is set."""
    executable = find_chromium()
    if executable is None:
        reason = f"no Chromium found (looked for {CHROMIUM} and 'chromium' on PATH); install Debian's chromium"
        if os.environ.get("CI"):
            pytest.fail(f"{reason}; browser tests cannot be skipped when CI is set", pytrace=False)
        pytest.skip(reason)
    return executable


def launch(playwright: Playwright, executable: str) -> Browser:
    """Start headless Chromium with the flags it needs to run offline without stalling."""
    return playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)


class _SiteHandler(SimpleHTTPRequestHandler):
    """Serves files under ``prefix`` from the handler's directory; everything else is a 404."""

    def __init__(self, *args: Any, prefix: str, **kwargs: Any) -> None:
        self.prefix = prefix
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:  # noqa: N802
        if self._in_prefix():
            super().do_GET()

    def do_HEAD(self) -> None:  # noqa: N802
        if self._in_prefix():
            super().do_HEAD()

    def _in_prefix(self) -> bool:
        if self.path.startswith(self.prefix):
            return True
        self.send_error(404)
        return False

    def translate_path(self, path: str) -> str:
        return super().translate_path("/" + path[len(self.prefix):])

    def list_directory(self, path: str | os.PathLike[str]) -> None:
        """No directory listings: a static host answers 404 for a folder without index.html."""
        self.send_error(404)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Keep test output quiet."""


class SiteServer:
    """A threaded HTTP server for ``folder`` at ``http://127.0.0.1:<port><prefix>``; use as a context manager."""

    def __init__(self, folder: Path, prefix: str = "/") -> None:
        if not (prefix.startswith("/") and prefix.endswith("/")):
            raise ValueError(f"prefix must start and end with '/': {prefix!r}")
        handler = functools.partial(_SiteHandler, directory=str(folder), prefix=prefix)
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._thread = threading.Thread(target=self._server.serve_forever, name=f"site-server{prefix}", daemon=True)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}{prefix}"

    def __enter__(self) -> SiteServer:
        self._thread.start()
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 traceback: TracebackType | None) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


@contextmanager
def local_server(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    """Serve ``handler`` on a free port of 127.0.0.1 in a thread; yield its origin, stop it after."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
