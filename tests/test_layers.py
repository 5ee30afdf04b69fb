"""The package's layers: stages import downwards only (import-linter's contract in pyproject.toml)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint_imports(package_parent: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(package_parent)}
    return subprocess.run([str(LINT_IMPORTS), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
                          capture_output=True, text=True, cwd=package_parent, env=env, check=False)


def test_every_stage_imports_only_the_stages_below_it() -> None:
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr


def test_an_upward_import_breaks_the_contract(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "digest", tmp_path / "digest", ignore=shutil.ignore_patterns("__pycache__"))
    source = tmp_path / "digest" / "read" / "source.py"
    source.write_text(source.read_text() + "\nfrom digest.site import writer  # noqa: E402,F401\n")
    result = _lint_imports(tmp_path)
    assert result.returncode == 1
    assert "digest.read.source -> digest.site.writer" in result.stdout
