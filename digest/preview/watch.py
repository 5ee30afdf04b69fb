"""Watch the project's inputs by polling: a snapshot of stat signatures, a diff, and a settle rule."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from digest.build import CONFIG_FILE, Options, load_config
from digest.read.config import Config
from digest.records import DigestError

Snapshot = dict[str, tuple[int, int]]
"""Each watched file (as shown to the user) and its stat signature: size and mtime in nanoseconds."""

_EDITOR_FILES = re.compile(r"(^[.#]|~$|\.(swp|swo|swx|tmp|bak)$|^4913$)", re.IGNORECASE)


def watched_paths(project: Path, fallback: Sequence[Path] = ()) -> tuple[Path, ...]:
    """``digest.yaml``, the taxonomy and the articles and templates folders named in it; ``fallback``
    (or the defaults) while ``digest.yaml`` cannot be read."""
    try:
        config = load_config(project, Options())
    except DigestError:
        if fallback:
            return tuple(fallback)
        config = Config()
    return tuple(project / name for name in (CONFIG_FILE, config.topics_file, config.articles_dir,
                                              config.templates_dir))


def snapshot(roots: Iterable[Path], project: Path) -> Snapshot:
    """The signature of every file under ``roots`` (files or folders, walked without following links),
    skipping editors' temporary files."""
    found: Snapshot = {}
    for root in roots:
        if root.is_dir() and not root.is_symlink():
            for folder, dirs, files in os.walk(root):
                dirs[:] = [d for d in dirs if not _EDITOR_FILES.search(d)]
                for name in files:
                    if not _EDITOR_FILES.search(name):
                        _add(found, Path(folder, name), project)
        else:
            _add(found, root, project)
    return found


def _add(found: Snapshot, path: Path, project: Path) -> None:
    try:
        stat = path.lstat()
    except OSError:
        return
    shown = path.relative_to(project).as_posix() if path.is_relative_to(project) else str(path)
    found[shown] = (stat.st_size, stat.st_mtime_ns)


def changes(old: Snapshot, new: Snapshot) -> list[str]:
    """Files added, removed or modified between two snapshots, sorted."""
    return sorted({path for path, _ in old.items() ^ new.items()})


def settle(built: Snapshot, pending: Snapshot | None, current: Snapshot) -> tuple[Snapshot, Snapshot | None, list[str]]:
    """One poll: return the new (built, pending) pair and the files to rebuild for. A change is acted on
    only when two polls in a row see the same files, so a burst of saves gives one rebuild."""
    if current == built:
        return built, None, []
    if current != pending:
        return built, current, []
    return current, None, changes(built, current)


class Watcher:
    """Polls in a background thread and calls ``on_change`` with the changed files once they settle."""

    def __init__(self, project: Path, on_change: Callable[[list[str]], None], interval: float = 0.3) -> None:
        self._project = project
        self._roots = watched_paths(project)
        self._built = snapshot(self._roots, project)
        self._pending: Snapshot | None = None
        self._on_change = on_change
        self._interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="digest-watcher", daemon=True)

    def poll(self) -> list[str]:
        """Take one snapshot; return the changed files when a change has settled, else nothing."""
        current = snapshot(self._roots, self._project)
        self._built, self._pending, changed = settle(self._built, self._pending, current)
        if changed:
            self._roots = watched_paths(self._project, self._roots)
        return changed

    def start(self) -> None:
        """Start polling."""
        self._thread.start()

    def stop(self) -> None:
        """Stop polling and wait for a rebuild in progress to finish."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    @property
    def stopping(self) -> bool:
        """True once ``stop`` was called."""
        return self._stop.is_set()

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            changed = self.poll()
            if changed:
                self._on_change(changed)
