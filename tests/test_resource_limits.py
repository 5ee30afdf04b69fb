"""S11 resource limits: hostile inputs end in a file-scoped error or warning within 5 s and 1 GiB of memory.

Each build runs in a fresh interpreter under ``RLIMIT_AS`` (address space, so Pagefind is bounded too): a YAML
bomb, 1,000 ``[`` in front matter, pathological Markdown, nesting beyond maxNesting, and a 50 MB file.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import copy_project

resource = pytest.importorskip("resource")

CATALOGUE = Path(__file__).parent / "catalogue"
MEMORY = 1 << 30
TIMEOUT = 5
FRONT = "---\ntitle: Hostile\ndate: 2024-03-05\n---\n"
INPUTS: dict[str, tuple[str, bytes, str, str]] = {
    "yaml-bomb": ("bomb.md", (CATALOGUE / "rows_01_22" / "08-yaml-bomb" / "bomb.md").read_bytes(), "error", "alias"),
    "front-matter-nesting": ("deep.md", (CATALOGUE / "rows_01_22" / "09-deep-nesting" / "deep.md").read_bytes(),
                             "error", "nested too deeply"),
    "brackets": ("brackets.md", (FRONT + "[" * 200_000 + "\n").encode(), "", ""),
    "oss-fuzz-55401": ("fuzz.md", (FRONT + "?c_" * 100_000 + "\n").encode(), "", ""),
    "blockquote-150": ("quotes.md", (CATALOGUE / "rows_23_44" / "33-blockquote-150" / "article.md").read_bytes(),
                       "warning", "nested deeper"),
    "50-MB": ("huge.txt", b"x" * 49_999_999 + b"\n", "error", "over the 2,000,000 byte limit"),
}
"""id -> (file name, bytes, expected level or "" for either a clean build or an error, message)."""


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY, MEMORY))


@pytest.mark.parametrize(("name", "data", "level", "message"), INPUTS.values(), ids=INPUTS.keys())
def test_hostile_input_ends_cleanly_within_time_and_memory(tmp_path: Path, name: str, data: bytes, level: str,
                                                           message: str) -> None:
    project = copy_project(tmp_path / "project")
    (project / "articles" / name).write_bytes(data)
    env = {key: value for key, value in os.environ.items() if key != "DIGEST_DEBUG"}
    try:
        run = subprocess.run([sys.executable, "-m", "digest", "build", "--project", str(project)], env=env,
                             capture_output=True, text=True, timeout=TIMEOUT, preexec_fn=_limit_memory, check=False)
    except subprocess.TimeoutExpired:
        pytest.fail(f"build did not finish within {TIMEOUT} s", pytrace=False)
    output = run.stdout + run.stderr
    assert "Traceback" not in output and "MemoryError" not in output, output
    about = [line for line in run.stderr.splitlines() if line.startswith(f"articles/{name}:")]
    if level:
        assert any(f": {level}: " in line and message in line for line in about), output
        assert run.returncode == (1 if level == "error" else 0), output
    else:
        assert run.returncode == 0 or any(": error: " in line for line in about), output
