"""The HTTP side of ``digest serve``: serve the output folder on 127.0.0.1, adding live reload to HTML."""

from __future__ import annotations

import errno
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from digest.preview.livereload import OVERLAY_CSS, RELOAD_JS, Board, inject, snippet
from digest.records import DigestError, SourceRef
from digest.preview.siteroutes import content_type, route

HOST = "127.0.0.1"
HEARTBEAT = 15.0
"""Seconds between keep-alive comments on an idle event stream; a closed browser is noticed then."""
NOT_BUILT = (b'<!DOCTYPE html>\n<html lang="en">\n<head><meta charset="utf-8"><title>Not found</title></head>\n'
             b"<body>\n<h1>Not found</h1>\n<p>There is no page here, and the site has no 404.html yet.</p>\n"
             b"</body>\n</html>\n")


class PreviewServer(ThreadingHTTPServer):
    """A threaded server for the site in ``root`` under ``base_path``; ``board`` tells pages when to reload."""

    def __init__(self, port: int, root: Path, base_path: str, board: Board) -> None:
        super().__init__((HOST, port), _Handler)
        self.root = root
        self.base_path = base_path
        self.board = board

    @property
    def url(self) -> str:
        """The address of the site's home page."""
        return f"http://{HOST}:{self.server_address[1]}{self.base_path}"


def bind(port: int, root: Path, base_path: str, board: Board) -> PreviewServer:
    """Listen on 127.0.0.1:``port`` (0: a free port); raise ``DigestError`` when the port cannot be used."""
    if not 0 <= port <= 65535:
        raise DigestError(SourceRef("--port"), f"port {port} is out of range; use 1-65535, or 0 for a free port")
    try:
        return PreviewServer(port, root, base_path, board)
    except OSError as exc:
        reason = "is in use" if exc.errno == errno.EADDRINUSE else f"cannot be used ({exc.strerror})"
        raise DigestError(SourceRef("--port"), f"port {port} {reason}; choose another with --port, "
                          "or --port 0 for a free one") from None


class _Handler(BaseHTTPRequestHandler):
    """Serves the built site, adding the live-reload script (and the error overlay) to HTML."""

    server: PreviewServer
    server_version = "digest"

    def do_GET(self) -> None:  # noqa: N802
        self._answer(body=True)

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(body=False)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Quiet: no line per request."""

    def _answer(self, body: bool) -> None:
        found = route(self.server.root, self.server.base_path, self.path)
        if found.kind == "live":
            self._live(found.target, body)
        elif found.kind == "redirect":
            self.send_response(302)
            self.send_header("Location", found.target)
            self._send(b"", "text/plain; charset=utf-8", body)
        elif found.kind == "file":
            self._file(Path(found.target), 200, body)
        else:
            self._file(self.server.root / "404.html", 403 if found.kind == "forbidden" else 404, body)

    def _file(self, path: Path, status: int, body: bool) -> None:
        try:
            data, kind = path.read_bytes(), content_type(path.name)
        except OSError:
            if status == 200:
                return self._file(self.server.root / "404.html", 404, body)
            data, kind = NOT_BUILT, content_type("404.html")
        if kind.startswith("text/html"):
            data = inject(data, snippet(self.server.board.state))
        self.send_response(status)
        self._send(data, kind, body)

    def _live(self, name: str, body: bool) -> None:
        if name == "events":
            return self._events(body)
        files = {"reload.js": RELOAD_JS, "overlay.css": OVERLAY_CSS}
        if name not in files:
            return self._file(self.server.root / "404.html", 404, body)
        self.send_response(200)
        self._send(files[name].encode(), content_type(name), body)

    def _send(self, data: bytes, kind: str, body: bool) -> None:
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.end_headers()
        if body:
            self.wfile.write(data)

    def _events(self, body: bool) -> None:
        """Server-Sent Events: the build generation now and after every build, until the server stops."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        seen: int | None = None
        try:
            self.wfile.write(b"retry: 1000\n\n")
            while body:
                state = self.server.board.wait(seen, HEARTBEAT)
                if state is None:
                    return
                self.wfile.write(f"data: {state.generation}\n\n".encode() if state.generation != seen
                                 else b": keep-alive\n\n")
                self.wfile.flush()
                seen = state.generation
        except (BrokenPipeError, ConnectionResetError):
            return
