"""``digest init``: the files of a new project, ready to build and publish: pure functions that return
each file's path and bytes, and one that creates them all or none."""

from __future__ import annotations

import json
import re
import sys
from importlib import metadata
from pathlib import Path

from digest.authoring.importer import write_new_file
from digest.read.loader import read_text, read_tree
from digest.records import DigestError, SourceRef
from digest.read.theme import DEFAULT_TAXONOMY, DEFAULT_TEMPLATES

EXAMPLE_ARTICLE = """\
---
# An example article: replace it with your own, or import one with `digest add URL`.
title: Finland becomes NATO's 31st member
date: 2023-04-04
source: Example
author: digest
---
Finland joined the North Atlantic Treaty Organization on Tuesday, becoming the alliance's 31st member
and more than doubling the length of the border NATO shares with Russia.

Finland applied for NATO membership in May 2022, together with Sweden, after Russia's full-scale
invasion of Ukraine ended decades of military non-alignment. Turkey's parliament was the last to
ratify Finland's accession, on 30 March.

Sweden's application to join NATO still awaits ratification by Turkey and Hungary.
"""

SETTINGS = """\
# Site settings. Every line is optional: delete one and its default applies.
# `digest build` reports unknown keys and bad values with their line.
title: News digest
description: Following a story across sources.
# The address the site is published at, for the feed, sitemap and canonical links. Leave it empty:
# the GitHub Pages workflow passes it with --base-url.
base_url: ""
language: en
related_limit: 5            # related articles listed under each article
story_window_days: 4        # articles this many days apart or less can be one story
# cleaning:                 # web leftovers removed from pasted articles; every rule is on by default
#   rules:
#     captions: false       # e.g. keep photo captions
#   extra_patterns:         # your own regular expressions: body lines matching one are removed
#     - "^Sponsored by .*$"
"""

GITIGNORE = "_site/\n.digest-cache/\n"

WORKFLOW = """\
# Build the digest and publish it with GitHub Pages.
# One-time setup: Settings -> Pages -> Build and deployment -> Source: "GitHub Actions".
name: Publish to GitHub Pages

on:
  push:
    branches: [main]
  workflow_dispatch:

permissions:
  contents: read
  pages: write
  id-token: write

concurrency:
  group: pages
  cancel-in-progress: false

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - name: Check out the repository
        uses: actions/checkout@v4

      - name: Set up Python
        uses: actions/setup-python@v5
        with:
          python-version: "{python}"
          cache: pip
          cache-dependency-path: requirements.txt

      # requirements.txt pins the digest `digest init` was run with, and the versions it ran with.
      - name: Install digest
        run: python -m pip install -r requirements.txt

      - name: Read the Pages address
        id: pages
        uses: actions/configure-pages@v5

      - name: Build the site
        env:
          BASE_URL: ${{{{ steps.pages.outputs.base_url }}}}/
        run: digest build --base-url "$BASE_URL"

      - name: Upload the site
        uses: actions/upload-pages-artifact@v3
        with:
          path: _site

  # Runs only when the build succeeded, so a failed build never replaces the live site.
  deploy:
    needs: build
    runs-on: ubuntu-latest
    environment:
      name: github-pages
      url: ${{{{ steps.deployment.outputs.page_url }}}}
    steps:
      - name: Deploy to GitHub Pages
        id: deployment
        uses: actions/deploy-pages@v4
"""


def starter_files(theme: bool) -> tuple[list[tuple[str, bytes]], list[str]]:
    """Every file of a new project, as (path inside it, bytes), and notes for the user. With ``theme``,
    the default templates are copied in to be restyled."""
    requirements, notes = pinned_requirements()
    files = [
        ("articles/example.md", EXAMPLE_ARTICLE),
        ("digest.yaml", SETTINGS),
        ("topics.yaml", read_text(DEFAULT_TAXONOMY, "topics.yaml")),
        (".gitignore", GITIGNORE),
        ("requirements.txt", requirements),
        (".github/workflows/pages.yml", WORKFLOW.format(python=f"{sys.version_info.major}.{sys.version_info.minor}")),
    ]
    encoded = [(path, text.encode("utf-8")) for path, text in files]
    if theme:
        encoded += [(f"templates/{name}", data) for _, name, data in read_tree((DEFAULT_TEMPLATES,))]
    return encoded, notes


def create_project(folder: Path, files: list[tuple[str, bytes]]) -> None:
    """Create every file under ``folder``, or none when any of them exists already."""
    existing = [path for path, _ in files if (folder / path).exists()]
    if existing:
        raise DigestError(SourceRef(str(folder)), "already has " + ", ".join(existing) + "; nothing was "
                          "overwritten. Choose an empty folder, or move these files away")
    for path, data in files:
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        write_new_file(folder / path, data)


def pinned_requirements() -> tuple[str, list[str]]:
    """``requirements.txt`` for the publishing workflow: this digest, where it was installed from when
    that can be reached from elsewhere, and every package it runs with at its installed version."""
    notes: list[str] = []
    try:
        digest = metadata.distribution("digest")
    except metadata.PackageNotFoundError:
        return "digest\n", ["digest is not installed as a package; requirements.txt names it without a version"]
    origin = _installed_from(digest)
    if origin is None:
        origin = f"digest=={digest.version}"
        notes.append("digest was installed from a folder on this computer, which the workflow cannot reach: in "
                     "requirements.txt, replace 'digest==...' by where it can be installed from, e.g. "
                     f"'digest @ git+https://github.com/OWNER/digest@v{digest.version}'")
    lines = [
        "# What the publishing workflow installs: the digest `digest init` was run with, and the versions",
        "# of the packages it ran with.",
        origin,
        *sorted(f"{name}=={version}" for name, version in installed_dependencies(digest).items()),
    ]
    return "\n".join(lines) + "\n", notes


def _installed_from(dist: metadata.Distribution) -> str | None:
    """A requirement naming where ``dist`` came from (PEP 610), when that is a repository or a download."""
    try:
        direct = json.loads(dist.read_text("direct_url.json") or "null")
    except ValueError:
        return None
    if not isinstance(direct, dict) or not str(direct.get("url", "")).startswith(("https://", "http://")):
        return None
    vcs = direct.get("vcs_info")
    if isinstance(vcs, dict) and vcs.get("vcs") == "git":
        return f"digest @ git+{direct['url']}@{vcs.get('commit_id', '')}".rstrip("@")
    return None if "dir_info" in direct else f"digest @ {direct['url']}"


def installed_dependencies(dist: metadata.Distribution) -> dict[str, str]:
    """Every installed package ``dist`` needs, directly or not, with the extras it asks for, and its version."""
    found: dict[str, str] = {}
    seen: set[tuple[str, frozenset[str]]] = set()
    todo: list[tuple[metadata.Distribution, set[str]]] = [(dist, set())]
    while todo:
        needing, extras = todo.pop()
        for requirement in needing.requires or ():
            wanted = _REQUIREMENT.match(requirement)
            extra = _EXTRA.search(requirement)
            if not wanted or (extra and extra.group(1) not in extras):
                continue
            key = wanted.group(1).lower().replace("_", "-")
            try:
                needed = metadata.distribution(key)
            except metadata.PackageNotFoundError:
                continue
            asked = {e.strip() for e in (wanted.group(2) or "").split(",") if e.strip()}
            found[key] = needed.version
            if (key, frozenset(asked)) not in seen:
                seen.add((key, frozenset(asked)))
                todo.append((needed, asked))
    return found


_REQUIREMENT = re.compile(r"\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(?:\[([^\]]*)\])?")
_EXTRA = re.compile(r"extra\s*==\s*[\"']([^\"']+)[\"']")
