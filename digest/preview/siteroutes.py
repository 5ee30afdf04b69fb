"""Map a request path to a file of the built site, safely: nothing outside the output folder is served."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from urllib.parse import quote, unquote

from digest.preview.livereload import PREFIX
from digest.records import DigestError, SourceRef

CONTENT_TYPES = {
    ".html": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8", ".mjs": "text/javascript; charset=utf-8",
    ".json": "application/json", ".xml": "application/xml", ".svg": "image/svg+xml",
    ".txt": "text/plain; charset=utf-8", ".wasm": "application/wasm", ".png": "image/png",
    ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif", ".webp": "image/webp",
    ".ico": "image/x-icon", ".woff2": "font/woff2", ".woff": "font/woff",
}
"""Known suffixes; anything else, Pagefind's ``.pf_*`` and ``.pagefind`` files included, is binary."""


@dataclass(frozen=True)
class Route:
    """What a request asks for."""

    kind: str
    """``file``, ``redirect``, ``live`` (the server's own files), ``missing`` or ``forbidden``."""
    target: str = ""
    """The file's path, the redirect's location, or the name under ``/__digest__/``."""


def normalise_base_path(base_path: str) -> str:
    """``repo``, ``/repo`` or ``/repo/`` as ``/repo/``; refuse anything a URL path cannot plainly hold."""
    stripped = base_path.strip("/")
    path = f"/{stripped}/" if stripped else "/"
    usable = re.fullmatch(r"[A-Za-z0-9_~-][A-Za-z0-9._~-]*(/[A-Za-z0-9_~-][A-Za-z0-9._~-]*)*", stripped)
    if stripped and (not usable or path.startswith(PREFIX)):
        raise DigestError(SourceRef("--base-path"), f"{base_path!r} is not a usable base path; "
                          "use letters, digits, '-', '_' and '/', e.g. --base-path /repo/")
    return path


def content_type(path: str) -> str:
    """The ``Content-Type`` for a file name."""
    return CONTENT_TYPES.get(PurePosixPath(path).suffix.lower(), "application/octet-stream")


def route(root: Path, base_path: str, target: str) -> Route:
    """Resolve a request target (path and query, percent-encoded) against the site in ``root`` served
    under ``base_path``. Folders serve their ``index.html``; dotfiles, ``..`` and links out are refused."""
    path = unquote(target.split("?", 1)[0].split("#", 1)[0])
    if path.startswith(PREFIX):
        return Route("live", path[len(PREFIX):])
    if base_path != "/" and path in ("/", base_path.rstrip("/")):
        return Route("redirect", base_path)
    if not path.startswith(base_path):
        return Route("missing")
    relative = path[len(base_path):]
    parts = [part for part in relative.split("/") if part]
    if any(part.startswith(".") or "\\" in part or "\0" in part for part in parts):
        return Route("forbidden")
    return _locate(root, parts, base_path, relative == "" or relative.endswith("/"))


def _locate(root: Path, parts: list[str], base_path: str, folder_asked: bool) -> Route:
    candidate = root.joinpath(*parts)
    if candidate.is_dir():
        if not folder_asked:
            return Route("redirect", quote(base_path + "/".join(parts) + "/"))
        candidate = candidate / "index.html"
    try:
        real = candidate.resolve(strict=True)
    except (OSError, RuntimeError):
        return Route("missing")
    if not real.is_relative_to(root.resolve()):
        return Route("forbidden")
    return Route("file", str(real)) if real.is_file() else Route("missing")
