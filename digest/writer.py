"""The writer: the only output-side I/O. A build appears all at once or not at all.

Pages go into a temporary folder beside the output; user files kept in the output (``CNAME``,
dotfiles such as ``.git``) are copied across; then the folders are swapped. A failed or
interrupted build leaves the previous site as it was, and the next build cleans up after it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path, PurePosixPath

from digest.records import DigestError, SourceRef

KEEP = ("CNAME",)


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


def write_site(output: Path, pages: Iterable[tuple[str, bytes]], assets: Iterable[tuple[str, bytes]],
               finish: Callable[[Path], None] | None = None) -> int:
    """Write every page into a fresh folder, run ``finish`` on it (the search index), and swap it in place
    of ``output``; return the number of files published."""
    staging = _sibling(output, f"tmp-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(mode=0o755)
    count = 0
    try:
        for path, data in [*pages, *assets]:
            target = safe_target(staging, path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
            count += 1
        if finish is not None:
            finish(staging)
            count = sum(1 for p in staging.rglob("*") if p.is_file())
        _carry_over(output, staging)
        _fix_modes(staging)
        _swap(output, staging)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return count


def safe_target(root: Path, relative: str) -> Path:
    """The file for a site path, refusing anything that would land outside ``root``."""
    parts = PurePosixPath(relative).parts
    if not parts or relative.startswith("/") or "\\" in relative or any(p in ("..", ".", "") for p in parts):
        raise DigestError(SourceRef(relative), "refusing to write outside the output folder")
    target = root.joinpath(*parts)
    if not target.resolve().is_relative_to(root.resolve()):
        raise DigestError(SourceRef(relative), "refusing to write outside the output folder")
    return target


def _carry_over(output: Path, staging: Path) -> None:
    """Copy files the user keeps in the output (dotfiles and CNAME) into the new site."""
    if not output.is_dir():
        return
    for entry in sorted(output.iterdir()):
        if (entry.name.startswith(".") or entry.name in KEEP) and not (staging / entry.name).exists():
            if entry.is_dir() and not entry.is_symlink():
                shutil.copytree(entry, staging / entry.name, symlinks=True)
            else:
                shutil.copy2(entry, staging / entry.name, follow_symlinks=False)


def _fix_modes(root: Path) -> None:
    """Readable by everyone, as GitHub Pages requires (temporary folders start private)."""
    os.chmod(root, 0o755)
    for folder, dirs, files in os.walk(root):
        for name in dirs:
            if not Path(folder, name).is_symlink():
                os.chmod(Path(folder, name), 0o755)
        for name in files:
            if not Path(folder, name).is_symlink():
                os.chmod(Path(folder, name), 0o644)


def _swap(output: Path, staging: Path) -> None:
    old = _sibling(output, f"old-{os.getpid()}")
    if output.exists():
        output.rename(old)
    staging.rename(output)
    shutil.rmtree(old, ignore_errors=True)
