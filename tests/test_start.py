"""Starting a digest of your own: the default theme and taxonomy installed with digest, a project's
own templates overriding them file by file, ``digest init``, and the README's steps from a non-editable
install in a folder outside this repository."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from digest.build import Options, build
from digest.cli import main
from digest.read.config import parse_config
from tests.test_web_pages import PAGE, _Pages, server  # noqa: F401 - the local web server fixture

ROOT = Path(__file__).resolve().parent.parent
SEED = next((ROOT / "articles").glob("000_*.txt"))


def _articles_only(tmp_path: Path) -> Path:
    project = tmp_path / "mine"
    (project / "articles").mkdir(parents=True)
    shutil.copy2(SEED, project / "articles" / SEED.name)
    return project


def test_a_folder_with_only_articles_builds_with_the_default_theme_and_topics(tmp_path: Path) -> None:
    project = _articles_only(tmp_path)
    report = build(project, Options())
    site = Path(report.output)
    assert dict(report.per_topic)["Ukraine"] == 1
    assert (site / "assets" / "style.css").read_bytes() == (ROOT / "templates" / "static" / "style.css").read_bytes()
    assert (site / "topics" / "ukraine.html").exists() and (site / "index.html").exists()


def test_one_template_of_the_project_replaces_only_that_one(tmp_path: Path) -> None:
    project = _articles_only(tmp_path)
    (project / "templates" / "static").mkdir(parents=True)
    own = (ROOT / "templates" / "article.html").read_text(encoding="utf-8").replace(
        "{% block title %}", "{% block title %}Mine: ")
    (project / "templates" / "article.html").write_text(own, encoding="utf-8")
    (project / "templates" / "static" / "style.css").write_text("body { color: teal }\n", encoding="utf-8")
    site = Path(build(project, Options()).output)
    article = next((site / "articles").glob("*.html")).read_text(encoding="utf-8")
    assert "<title>Mine: " in article
    assert "<title>Mine: " not in (site / "index.html").read_text(encoding="utf-8")
    assert (site / "assets" / "style.css").read_text(encoding="utf-8") == "body { color: teal }\n"
    assert (site / "assets" / "search.js").read_bytes() == (ROOT / "templates" / "static" / "search.js").read_bytes()


def test_a_mistake_in_the_projects_template_is_named_at_its_line(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    project = _articles_only(tmp_path)
    (project / "templates").mkdir()
    (project / "templates" / "article.html").write_text('{% extends "base.html" %}\n{% block main %}{% if %}'
                                                        "{% endblock %}\n", encoding="utf-8")
    assert main(["build", "--project", str(project)]) == 1
    assert "templates/article.html:2: error: template:" in capsys.readouterr().err


def test_the_projects_taxonomy_replaces_the_default_one(tmp_path: Path) -> None:
    project = _articles_only(tmp_path)
    (project / "topics.yaml").write_text("topics:\n  - id: diplomacy\n    name: Diplomacy\n    rules:\n"
                                         "      - phrases: [video call, summit]\n", encoding="utf-8")
    report = build(project, Options())
    assert [name for name, _ in report.per_topic] == ["Diplomacy"]


def test_init_creates_a_project_that_builds_and_refuses_to_overwrite(tmp_path: Path, capsys) -> None:  # noqa: ANN001
    folder = tmp_path / "new"
    assert main(["init", str(folder)]) == 0
    out = capsys.readouterr().out
    for name in ("articles/example.md", "digest.yaml", "topics.yaml", ".gitignore", "requirements.txt",
                 ".github/workflows/pages.yml"):
        assert (folder / name).is_file() and name in out
    assert "digest build" in out and "digest add https://" in out
    assert parse_config((folder / "digest.yaml").read_text(encoding="utf-8"), "digest.yaml").title == "News digest"
    assert (folder / "topics.yaml").read_bytes() == (ROOT / "topics.yaml").read_bytes()
    assert (folder / ".gitignore").read_text(encoding="utf-8").split() == ["_site/", ".digest-cache/"]
    requirements = (folder / "requirements.txt").read_text(encoding="utf-8").splitlines()
    import jinja2
    assert "digest==0.1.0" in requirements and f"jinja2=={jinja2.__version__}" in requirements
    workflow = yaml.safe_load((folder / ".github" / "workflows" / "pages.yml").read_text(encoding="utf-8"))
    steps = [step.get("run", "") for step in workflow["jobs"]["build"]["steps"]]
    assert "python -m pip install -r requirements.txt" in steps and any("digest build --base-url" in s for s in steps)
    report = build(folder, Options())
    assert dict(report.per_topic)["NATO expansion"] == 1 and not report.diagnostics
    (folder / "digest.yaml").write_text("title: Mine\n", encoding="utf-8")
    (folder / "articles" / "example.md").unlink()
    assert main(["init", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "already has digest.yaml, topics.yaml, .gitignore" in err and "nothing was overwritten" in err
    assert not (folder / "articles" / "example.md").exists()
    assert (folder / "digest.yaml").read_text(encoding="utf-8") == "title: Mine\n"


def test_init_theme_copies_the_default_templates_to_restyle(tmp_path: Path) -> None:
    folder = tmp_path / "styled"
    assert main(["init", str(folder), "--theme"]) == 0
    for template in (ROOT / "templates").rglob("*"):
        if template.is_file():
            assert (folder / "templates" / template.relative_to(ROOT / "templates")).read_bytes() == template.read_bytes()
    (folder / "templates" / "static" / "style.css").write_text("main { margin: 0 }\n", encoding="utf-8")
    site = Path(build(folder, Options()).output)
    assert (site / "assets" / "style.css").read_text(encoding="utf-8") == "main { margin: 0 }\n"


def test_the_workflow_init_writes_passes_actionlint(tmp_path: Path) -> None:
    actionlint = shutil.which("actionlint") or str(Path(sys.executable).parent / "actionlint")
    if not Path(actionlint).exists():
        pytest.skip("actionlint is not installed")
    assert main(["init", str(tmp_path / "p")]) == 0
    result = subprocess.run([actionlint, "-shellcheck=", str(tmp_path / "p" / ".github" / "workflows" / "pages.yml")],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_readme_steps_work_from_a_non_editable_install(tmp_path: Path, server: str) -> None:  # noqa: F811
    """pip install (not editable) into a folder, then init, add a URL, build, in a folder outside the repo."""
    installed = tmp_path / "installed"
    pip = subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                          "--target", str(installed), str(ROOT)], capture_output=True, text=True)
    assert pip.returncode == 0, pip.stderr
    assert (installed / "digest" / "defaults" / "templates" / "base.html").is_file()
    environment = {**os.environ, "PYTHONPATH": str(installed)}
    work = tmp_path / "elsewhere"
    work.mkdir()

    def digest(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "digest", *args], cwd=work / "my-digest" if args[0] != "init"
                              else work, env=environment, capture_output=True, text=True, timeout=120)

    where = subprocess.run([sys.executable, "-c", "import digest; print(digest.__file__)"], cwd=work, env=environment,
                           capture_output=True, text=True)
    assert where.stdout.startswith(str(installed))
    assert digest("init", "my-digest").returncode == 0
    added = digest("add", f"{server}/page.html")
    assert added.returncode == 0, added.stderr
    assert "Added articles/2022-03-02-allies-weigh-new-aid-package.md" in added.stdout
    built = digest("build")
    assert built.returncode == 0, built.stderr
    site = work / "my-digest" / "_site"
    assert f"Open {site / 'index.html'}" in built.stdout
    assert (site / "articles" / "allies-weigh-new-aid-package.html").is_file()
    assert (site / "assets" / "style.css").is_file()
