"""``digest add URL``: fetch one web page. The only code in digest that touches the network."""

from __future__ import annotations

import socket
import ssl
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from digest import __version__
from digest.records import DigestError, SourceRef

TIMEOUT_SECONDS = 20
MAX_BYTES = 10_000_000
MAX_REDIRECTS = 5
HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass(frozen=True)
class Fetched:
    """A page as the server sent it."""

    url: str
    """The address asked for."""
    final_url: str
    """The address answered, after redirects."""
    data: bytes


def is_address(text: str) -> bool:
    """Whether a command-line argument is a web address rather than a file."""
    return "://" in text and not text.startswith("file://")


def fetch(url: str, timeout: float = TIMEOUT_SECONDS, max_bytes: int = MAX_BYTES) -> Fetched:
    """Fetch an HTML page over http or https; raise ``DigestError`` with a one-line reason on any failure."""
    _check_scheme(url, url)
    host = urllib.parse.urlsplit(url).hostname or url
    opener = urllib.request.build_opener(_Redirects(url))
    request = urllib.request.Request(url, headers={"User-Agent": f"digest/{__version__}",
                                                   "Accept": "text/html,application/xhtml+xml"})
    try:
        with opener.open(request, timeout=timeout) as response:
            kind = response.headers.get_content_type()
            if kind not in HTML_TYPES:
                raise _failed(url, f"not a web page (Content-Type: {kind}); digest imports HTML pages only")
            length = response.headers.get("Content-Length")
            if length and length.isdigit() and int(length) > max_bytes:
                raise _failed(url, f"the page is {int(length):,} bytes, over the {max_bytes:,} byte limit")
            data = response.read(max_bytes + 1)
            if len(data) > max_bytes:
                raise _failed(url, f"the page is over the {max_bytes:,} byte limit")
            return Fetched(url, response.geturl(), _as_utf8(data, response.headers.get_content_charset()))
    except urllib.error.HTTPError as exc:
        raise _failed(url, f"the server answered {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise _failed(url, _reason(exc.reason, host, timeout)) from None
    except (TimeoutError, socket.timeout):
        raise _failed(url, f"no answer from {host} within {timeout:g} s; try again later") from None
    except (ConnectionError, OSError) as exc:
        raise _failed(url, _reason(exc, host, timeout)) from None


def _as_utf8(data: bytes, charset: str | None) -> bytes:
    """The page in UTF-8 when the server names another encoding and the bytes are not UTF-8 already, so
    that a saved copy reads the same without the server's header."""
    if not charset or charset.lower().replace("_", "-") in ("utf-8", "utf8"):
        return data
    try:
        data.decode("utf-8")
        return data
    except UnicodeDecodeError:
        pass
    try:
        return data.decode(charset).encode("utf-8")
    except (LookupError, UnicodeDecodeError):
        return data


def _reason(reason: object, host: str, timeout: float) -> str:
    if isinstance(reason, socket.gaierror):
        return f"cannot find the host {host} (DNS lookup failed); check the address and your connection"
    if isinstance(reason, ConnectionRefusedError):
        return f"{host} refused the connection; check the address and port"
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"no answer from {host} within {timeout:g} s; try again later"
    if isinstance(reason, ssl.SSLError):
        return f"the secure connection to {host} failed ({getattr(reason, 'reason', None) or reason})"
    if isinstance(reason, DigestError):
        return reason.message
    return f"cannot connect to {host} ({getattr(reason, 'strerror', None) or reason})"


def _check_scheme(url: str, shown: str) -> None:
    parts = urllib.parse.urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise _failed(shown, f"only http:// and https:// addresses can be fetched, not {url!r}")


def _failed(url: str, reason: str) -> DigestError:
    return DigestError(SourceRef(url), f"cannot fetch: {reason}")


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follow at most ``MAX_REDIRECTS`` redirects, and only to http or https addresses."""

    def __init__(self, url: str):
        self.url = url
        self.followed = 0

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # noqa: ANN001, ANN201 - urllib's signature
        self.followed += 1
        if self.followed > MAX_REDIRECTS:
            raise _failed(self.url, f"more than {MAX_REDIRECTS} redirects; open the address in a browser and "
                          "import the page it ends on")
        _check_scheme(newurl, self.url)
        return super().redirect_request(req, fp, code, msg, headers, newurl)
