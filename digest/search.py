"""The search index: Pagefind run over the finished site before it is published."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from digest.records import DigestError, SourceRef


def index_site(folder: Path) -> None:
    """Write Pagefind's index and UI into ``folder/pagefind``; raise ``DigestError`` if it cannot."""
    command = [sys.executable, "-m", "pagefind", "--site", str(folder), "--silent"]
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise DigestError(SourceRef("pagefind"), f"search index not built: {exc}") from None
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
        raise DigestError(SourceRef("pagefind"), f"search index not built: {detail[0]} "
                          "(install it with: pip install 'pagefind[bin]')")
