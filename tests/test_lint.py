"""Static rules: no unsafe YAML loading, no Jinja environment with autoescape off, no pyflakes mistakes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _ruff(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ruff", "check", "--no-cache", *args],
                          capture_output=True, text=True, cwd=ROOT, check=False)


def test_project_passes_the_lint_rules() -> None:
    result = _ruff("digest", "tests", "bench")
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_rules_catch_unsafe_yaml_and_autoescape_off(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text("import yaml\nimport jinja2\n\nyaml.load('a: 1', Loader=yaml.Loader)\n"
                   "jinja2.Environment(autoescape=False)\n")
    result = _ruff("--config", str(ROOT / "pyproject.toml"), str(bad))
    assert "S506" in result.stdout and "S701" in result.stdout
