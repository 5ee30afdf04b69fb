"""Live reload for ``digest serve``: the build generation, and what the server adds to HTML it serves.

The built files are never changed. The server inserts a same-origin script before ``</body>``; the
script listens to ``/__digest__/events`` (Server-Sent Events) and reloads the page when the build
generation differs from the one the page was served with. When the last build failed, the server
also inserts an overlay listing the problems above the last good page.
"""

from __future__ import annotations

import html
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from digest.records import Diagnostic

PREFIX = "/__digest__/"
"""Where the server's own files live, at the server root whatever the base path."""
SHOWN_PROBLEMS = 50
"""The overlay lists at most this many problems; the terminal has them all."""

RELOAD_JS = """// digest serve: reload this page when the site has been rebuilt.
(() => {
  const generation = document.currentScript.dataset.generation;
  const events = new EventSource("/__digest__/events");
  events.onmessage = (event) => {
    if (event.data !== generation) {
      events.close();
      location.reload();
    }
  };
})();
"""

OVERLAY_CSS = """#digest-build-errors {
  position: fixed; inset: auto 1rem 1rem 1rem; z-index: 2147483647; max-height: 50vh; overflow: auto;
  padding: 1rem 1.25rem; border: 2px solid #b00020; border-radius: 6px; background: #fff5f5; color: #2b0000;
  font: 15px/1.45 system-ui, sans-serif; box-shadow: 0 4px 24px rgba(0, 0, 0, .35);
}
#digest-build-errors h2 { margin: 0 0 .25rem; font-size: 1.1rem; color: #b00020; }
#digest-build-errors p { margin: .25rem 0; }
#digest-build-errors ul { margin: .5rem 0 0; padding-left: 1.25rem; }
#digest-build-errors code { font-family: ui-monospace, monospace; overflow-wrap: anywhere; }
"""


@dataclass(frozen=True)
class BuildState:
    """What the browser needs to know about the latest build."""

    generation: int
    """Counts finished builds, failed or not; a page served at another generation reloads."""
    problems: tuple[Diagnostic, ...] = ()
    """Why the latest build failed; empty when it succeeded."""


class Board:
    """The latest ``BuildState``, shared by the builder and the request threads."""

    def __init__(self) -> None:
        self._state = BuildState(0)
        self._closed = False
        self._changed = threading.Condition()

    @property
    def state(self) -> BuildState:
        """The latest build."""
        with self._changed:
            return self._state

    def publish(self, problems: Sequence[Diagnostic]) -> BuildState:
        """Record a finished build (``problems`` empty when it succeeded) and wake every listener."""
        with self._changed:
            self._state = BuildState(self._state.generation + 1, tuple(problems))
            self._changed.notify_all()
            return self._state

    def wait(self, seen: int | None, timeout: float) -> BuildState | None:
        """The latest build once its generation differs from ``seen`` or ``timeout`` passes; None when closed."""
        with self._changed:
            self._changed.wait_for(lambda: self._closed or self._state.generation != seen, timeout)
            return None if self._closed else self._state

    def close(self) -> None:
        """Wake every listener for good: the server is stopping."""
        with self._changed:
            self._closed = True
            self._changed.notify_all()


def snippet(state: BuildState) -> str:
    """The HTML the server adds to every page: the overlay when the build failed, and the reload script."""
    script = f'<script src="{PREFIX}reload.js" data-generation="{state.generation}"></script>\n'
    return (overlay(state.problems) if state.problems else "") + script


def overlay(problems: Sequence[Diagnostic]) -> str:
    """A fixed panel listing the problems, every piece of text escaped (messages quote article text)."""
    items = "".join(f"<li><code>{html.escape(str(p.ref))}</code> {html.escape(p.level)}: "
                    f"{html.escape(p.message)}</li>\n" for p in problems[:SHOWN_PROBLEMS])
    more = len(problems) - SHOWN_PROBLEMS
    if more > 0:
        items += f"<li>and {more} more; the terminal lists them all</li>\n"
    return (f'<link rel="stylesheet" href="{PREFIX}overlay.css">\n'
            '<aside id="digest-build-errors" role="alert" aria-labelledby="digest-build-errors-title">\n'
            '<h2 id="digest-build-errors-title">Build failed: you are seeing the last good site</h2>\n'
            "<p>Fix the problems below and save; this page reloads by itself.</p>\n"
            f"<ul>\n{items}</ul>\n</aside>\n")


def inject(page: bytes, addition: str) -> bytes:
    """``page`` with ``addition`` inserted before its last ``</body>`` (appended when there is none)."""
    at = page.lower().rfind(b"</body")
    encoded = addition.encode()
    return page + encoded if at < 0 else page[:at] + encoded + page[at:]
