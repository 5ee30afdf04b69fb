"""Shared fixtures: a copy of the project in a temporary folder, and the seed site built once."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from digest.build import Options, build
from tests.browser import SiteServer, launch, require_chromium

ROOT = Path(__file__).resolve().parent.parent
PROJECT_FILES = ("articles", "templates", "topics.yaml", "digest.yaml")


def copy_project(target: Path) -> Path:
    """Copy the project's inputs (articles, templates, taxonomy, settings) into ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name)
        else:
            shutil.copy2(source, target / name)
    return target


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A private copy of the project that a test may change."""
    return copy_project(tmp_path / "project")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole test run (skipped, or failed under CI, when there is none)."""
    executable = require_chromium()
    with sync_playwright() as playwright:
        chromium = launch(playwright, executable)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def site_at_root(seed_site: Path) -> Iterator[SiteServer]:
    """The seed site served over HTTP at ``/``."""
    with SiteServer(seed_site) as server:
        yield server


@pytest.fixture(scope="session")
def seed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The five seed articles built once into a temporary output folder; returns the output folder."""
    project = copy_project(tmp_path_factory.mktemp("seed") / "project")
    report = build(project, Options())
    return Path(report.output)
