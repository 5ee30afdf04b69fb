"""The writer: the only output-side I/O. A build appears all at once or not at all.

Pages go into a temporary folder beside the output: files whose bytes did not change are hard-linked
from the previous site (never rewritten), the rest are written; user files kept in the output
(``CNAME``, dotfiles such as ``.git``) are linked across; then the folders are swapped. A failed or
interrupted build leaves the previous site as it was, and the next build cleans up after it.
The build cache is written here too, after the site.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import stat
import threading
from concurrent.futures import Future, ThreadPoolExecutor
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Protocol

from digest.read.cache import FOLDER, FileState, digest_of
from digest.records import DigestError, SourceRef

KEEP = ("CNAME",)
WRITERS = 4
"""Threads writing new files."""


def _sibling(output: Path, tag: str) -> Path:
    return output.parent / f".{output.name}.{tag}"


@contextlib.contextmanager
def build_lock(output: Path) -> Iterator[None]:
    """Hold a lock file beside the output; refuse to start while another build holds it."""
    lock = _sibling(output, "lock")
    output.parent.mkdir(parents=True, exist_ok=True)
    for _ in range(2):
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            break
        except FileExistsError:
            if _holder_alive(lock):
                raise DigestError(SourceRef(str(lock)), "another build is running; wait for it to finish "
                                  "(or delete this file if no build is running)") from None
            lock.unlink(missing_ok=True)
    else:
        raise DigestError(SourceRef(str(lock)), "cannot take the build lock; delete this file and retry")
    try:
        os.write(fd, str(os.getpid()).encode())
        os.close(fd)
        recover(output)
        yield
    finally:
        lock.unlink(missing_ok=True)


def _holder_alive(lock: Path) -> bool:
    try:
        pid = int(lock.read_text().strip() or 0)
        os.kill(pid, 0)
    except (ValueError, ProcessLookupError, FileNotFoundError):
        return False
    except PermissionError:
        return True
    return pid != 0


def recover(output: Path) -> None:
    """Undo what an interrupted build left: restore a swapped-out site, delete temporary folders."""
    olds = sorted(output.parent.glob(f".{output.name}.old-*"))
    if olds and not output.exists():
        olds.pop().rename(output)
    for leftover in olds + sorted(output.parent.glob(f".{output.name}.tmp-*")):
        shutil.rmtree(leftover, ignore_errors=True)


class PageLike(Protocol):
    """A file to publish: its site path, a key (empty when it must be rendered), and how to make its bytes."""

    path: str
    key: str

    def render(self) -> bytes: ...


class IndexLike(Protocol):
    """A folder another tool makes from some of the pages (a search index), with a key for what it was made from."""

    folder: str
    key: str
    pages: tuple[str, ...]
    """The site paths of the pages it is made from."""

    def build(self, site: Path) -> None: ...


@dataclass
class _Staging:
    """The new site as it is put together, and what became of each file."""

    root: Path
    output: Path
    previous: dict[str, FileState]
    files: dict[str, FileState] = field(default_factory=dict)
    written: list[str] = field(default_factory=list)
    folders: dict[str, str] = field(default_factory=dict)
    """Each site folder already checked and created, and where it is in the new site."""
    writers: ThreadPoolExecutor = field(default_factory=lambda: ThreadPoolExecutor(WRITERS))
    """Threads that write new files, so that slow writes overlap (writing releases the GIL)."""
    pending: list[tuple[str, str, str, Future[os.stat_result]]] = field(default_factory=list)
    """Files being written: site path, key, hash, and the write."""

    def target(self, path: str) -> str:
        """Where a site path goes in the new site, its folder checked and created once per folder.
        Plain strings, not ``Path``: an add-one build places tens of thousands of files."""
        folder, _, name = path.rpartition("/")
        made = self.folders.get(folder)
        if made is None or name in ("", ".", "..") or "\\" in name:
            target = safe_target(self.root, path)
            target.parent.mkdir(parents=True, exist_ok=True)
            made = self.folders[folder] = str(target.parent)
        return f"{made}/{name}"

    def reuse(self, path: str, state: FileState | None) -> bool:
        """Link the published file into the new site if it is still as the last build left it."""
        old = f"{self.output}/{path}"
        if state is None or not _intact(old, state):
            return False
        _link_or_copy(old, self.target(path))
        self.files[path] = state
        return True

    def reuse_index(self, index: IndexLike, old: dict[str, FileState]) -> bool:
        """Link an index in from the previous site (``old``: its files there) if its key is unchanged;
        else clear the way to build it."""
        prefix = f"{index.folder}/"
        if old and all(s.key == index.key for s in old.values()) and all(self.reuse(p, s) for p, s in old.items()):
            return True
        self.files = {p: s for p, s in self.files.items() if not p.startswith(prefix)}
        shutil.rmtree(self.root / index.folder, ignore_errors=True)
        self.folders = {f: made for f, made in self.folders.items() if not (f + "/").startswith(prefix)}
        return False

    def put(self, page: PageLike) -> None:
        """Add one page, rendering and writing it only when its key or its bytes changed."""
        state = self.previous.get(page.path)
        if page.key and state is not None and state.key == page.key and self.reuse(page.path, state):
            return
        data = page.render()
        sha = digest_of(data)
        if state is not None and state.sha == sha and self.reuse(page.path, replace(state, key=page.key)):
            return
        self.pending.append((page.path, page.key, sha, self.writers.submit(_write_new, self.target(page.path), data)))
        self.written.append(page.path)

    def written_so_far(self) -> None:
        """Wait for the files being written and record them; raise the first failure."""
        pending, self.pending = self.pending, []
        for path, key, sha, write in pending:
            info = write.result()
            self.files[path] = FileState(key, sha, info.st_size, info.st_mtime_ns)

    def settle(self) -> None:
        """Wait for every file being written and record what was written; raise the first failure."""
        try:
            self.written_so_far()
        finally:
            self.writers.shutdown(cancel_futures=True)


@dataclass(frozen=True)
class Published:
    """What a build published."""

    files: dict[str, FileState]
    """Every file of the new site."""
    written: tuple[str, ...]
    """Files whose bytes changed (or are new); the rest were kept as they were."""
    removed: tuple[str, ...]
    """Files of the previous site that are gone."""
    swapped_out: str = ""
    """Where the swap moved the previous site, still to be deleted (``removing_swapped_out``); empty if none."""


@contextlib.contextmanager
def removing_swapped_out(published: Published) -> Iterator[None]:
    """Delete the previous site in a thread while the body runs (deleting tens of thousands of files is mostly
    waiting on the disk, and releases the GIL); wait for it on the way out. Should the process die first, the
    next build's ``recover`` deletes what is left."""
    if not published.swapped_out:
        yield
        return
    removal = threading.Thread(target=shutil.rmtree, args=(published.swapped_out,), kwargs={"ignore_errors": True})
    removal.start()
    try:
        yield
    finally:
        removal.join()


def write_site(output: Path, pages: Sequence[PageLike], previous: dict[str, FileState],
               indexes: Sequence[IndexLike] = ()) -> Published:
    """Assemble the new site beside ``output`` and swap it in. Files whose bytes are unchanged are
    hard-linked from the previous site, not rewritten; an index whose key is unchanged is carried over.
    The pages an index to be rebuilt needs are placed first, and the index is built while the rest are
    placed (its tool runs in another process, the placing is mostly waiting on the disk)."""
    staging = _sibling(output, f"tmp-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(mode=0o755)
    work = _Staging(staging, output, previous if output.is_dir() else {})
    try:
        before = _files_by_folder(work.previous, {index.folder for index in indexes})
        stale = [index for index in indexes if not work.reuse_index(index, before.get(index.folder, {}))]
        needed = {path for index in stale for path in index.pages}
        builds: list[Future[None]] = []
        with ThreadPoolExecutor(max(1, min(len(stale), os.cpu_count() or 1))) as indexers:
            try:
                for page in pages:
                    if page.path in needed:
                        work.put(page)
                work.written_so_far()
                builds = [indexers.submit(index.build, staging) for index in stale]
                for page in pages:
                    if page.path not in needed:
                        work.put(page)
            except BaseException:
                work.writers.shutdown(cancel_futures=True)
                indexers.shutdown(cancel_futures=True)  # an index being built is waited for, on the way out
                raise
            work.settle()
            for build in builds:
                build.result()
        for index in stale:
            _adopt(work, staging / index.folder, index.key)
        _fix_modes(staging, work.written, _carry_over(output, staging))
        swapped_out = _swap(output, staging)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        raise DigestError(SourceRef(str(output)), f"cannot write the site ({exc.strerror or exc}); "
                          "free some disk space or fix the folder's permissions, then build again") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    removed = tuple(sorted(set(work.previous) - set(work.files)))
    return Published(work.files, tuple(work.written), removed, swapped_out)


def _files_by_folder(files: dict[str, FileState], folders: set[str]) -> dict[str, dict[str, FileState]]:
    """The files under each of ``folders``, in one pass over all the files."""
    found: dict[str, dict[str, FileState]] = {}
    for path, state in files.items():
        parts = path.split("/")
        for depth in range(1, len(parts)):
            folder = "/".join(parts[:depth])
            if folder in folders:
                found.setdefault(folder, {})[path] = state
                break
    return found


def _adopt(work: _Staging, folder: Path, key: str) -> None:
    """Record files another tool wrote into the new site, linking back those whose bytes did not change."""
    for path in sorted(folder.rglob("*")):
        if not path.is_file():
            continue
        relative = path.relative_to(work.root).as_posix()
        data = path.read_bytes()
        sha = digest_of(data)
        state = work.previous.get(relative)
        if state is not None and state.sha == sha:
            path.unlink()
            if work.reuse(relative, replace(state, key=key)):
                continue
            path.write_bytes(data)
        info = path.stat()
        work.files[relative] = FileState(key, sha, info.st_size, info.st_mtime_ns)
        work.written.append(relative)


def site_intact(output: Path, files: dict[str, FileState]) -> bool:
    """Whether every file of the last build is still in ``output`` as it was left, and files the user keeps
    there are readable by everyone."""
    root = str(output)
    if not files or not all(_intact(os.path.join(root, path), state) for path, state in files.items()):
        return False
    kept = [entry for entry in output.iterdir() if entry.name.startswith(".") or entry.name in KEEP]
    return all(stat.S_IMODE(entry.lstat().st_mode) == (0o755 if entry.is_dir() else 0o644)
               for entry in kept if not entry.is_symlink())


def _intact(path: Path | str, state: FileState) -> bool:
    try:
        info = os.lstat(path)
    except OSError:
        return False
    return (stat.S_ISREG(info.st_mode) and stat.S_IMODE(info.st_mode) == 0o644 and info.st_size == state.size
            and info.st_mtime_ns == state.mtime_ns)


def write_file(path: str, data: bytes) -> None:
    """Write one file of the new site."""
    with open(path, "wb") as file:
        file.write(data)


def _write_new(path: str, data: bytes) -> os.stat_result:
    write_file(path, data)
    return os.stat(path)


def _link_or_copy(source: Path | str, target: Path | str) -> None:
    try:
        os.link(source, target)
    except OSError:
        shutil.copy2(source, target)


def write_cache(project: Path, name: str, data: bytes) -> None:
    """Replace one cache file atomically; a cache that cannot be written only costs speed next time."""
    folder = project / FOLDER
    try:
        folder.mkdir(exist_ok=True)
        temporary = folder / f".{name}.tmp-{os.getpid()}"
        temporary.write_bytes(data)
        os.replace(temporary, folder / name)
    except OSError:
        return


def safe_target(root: Path, relative: str) -> Path:
    """The file for a site path, refusing anything that would land outside ``root``."""
    parts = PurePosixPath(relative).parts
    if not parts or relative.startswith("/") or "\\" in relative or any(p in ("..", ".", "") for p in parts):
        raise DigestError(SourceRef(relative), "refusing to write outside the output folder")
    target = root.joinpath(*parts)
    if target.exists() and not target.resolve().is_relative_to(root.resolve()) or \
            not target.parent.resolve().is_relative_to(root.resolve()):
        raise DigestError(SourceRef(relative), "refusing to write outside the output folder")
    return target


def _carry_over(output: Path, staging: Path) -> list[str]:
    """Copy files the user keeps in the output (dotfiles and CNAME) into the new site; return their names."""
    if not output.is_dir():
        return []
    carried = []
    for entry in sorted(output.iterdir()):
        if (entry.name.startswith(".") or entry.name in KEEP) and not (staging / entry.name).exists():
            carried.append(entry.name)
            if entry.is_dir() and not entry.is_symlink():
                shutil.copytree(entry, staging / entry.name, symlinks=True, copy_function=_link_or_copy)
            elif entry.is_symlink():
                shutil.copy2(entry, staging / entry.name, follow_symlinks=False)
            else:
                _link_or_copy(entry, staging / entry.name)
    return carried


def _fix_modes(root: Path, written: list[str], carried: list[str]) -> None:
    """Readable by everyone, as GitHub Pages requires (temporary folders start private). Files linked from
    the previous site already are; written and carried-over files may not be."""
    os.chmod(root, 0o755)
    for folder, dirs, _ in os.walk(root):
        for name in dirs:
            if not Path(folder, name).is_symlink():
                os.chmod(Path(folder, name), 0o755)
    for relative in written:
        os.chmod(root / relative, 0o644)
    for name in carried:
        for path in [root / name, *((root / name).rglob("*") if (root / name).is_dir() else ())]:
            if not path.is_symlink():
                os.chmod(path, 0o755 if path.is_dir() else 0o644)


def _swap(output: Path, staging: Path) -> str:
    """Put the new site in place of the old one; return where the old one went ("" if there was none)."""
    old = _sibling(output, f"old-{os.getpid()}")
    if not output.exists():
        staging.rename(output)
        return ""
    output.rename(old)
    staging.rename(output)
    return str(old)
