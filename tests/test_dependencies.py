"""S13: dependency floors past the advisories the catalogue names, and no element id taken from article text.

Floors (shared/RELIABILITY.md S13): markdown-it-py >= 2.2.0 (CVE-2023-26303/26302; 4.x for the linear-time
fixes of #423), PyYAML >= 5.4 (CVE-2020-1747, CVE-2020-14343), Jinja2 >= 3.1.6 (CVE-2025-27516). Heading ids
would let article text clobber DOM globals (markdown-it#28), so ids must not depend on what an article says.
"""

from __future__ import annotations

import re
import tomllib
from importlib.metadata import version
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.version import Version

from digest.read.config import Config
from digest.analyse.linking import link
from digest.read.loader import parse_article
from digest.site.renderer import environment, render_site
from digest.analyse.tagging import tag
from digest.analyse.taxonomy import parse_taxonomy

ROOT = Path(__file__).resolve().parent.parent
FLOORS = {"markdown-it-py": "4.0", "pyyaml": "5.4", "jinja2": "3.1.6"}


def _declared() -> dict[str, Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    requirements = (Requirement(text) for text in project["dependencies"])
    return {r.name.lower(): r for r in requirements}


@pytest.mark.parametrize(("name", "floor"), FLOORS.items(), ids=FLOORS.keys())
def test_pyproject_sets_a_floor_past_the_advisories(name: str, floor: str) -> None:
    requirement = _declared()[name]
    lowest = [Version(spec.version) for spec in requirement.specifier if spec.operator in (">=", "==", "~=")]
    assert lowest and min(lowest) >= Version(floor), str(requirement)
    assert version(name) in requirement.specifier, f"installed {name} {version(name)} is below {requirement}"


def _ids(heading: str) -> list[str]:
    """Element ids of an article page whose one subheading is ``heading``."""
    taxonomy = parse_taxonomy((ROOT / "topics.yaml").read_text(encoding="utf-8"), "topics.yaml")
    data = f"---\ntitle: Kyiv talks\ndate: 2024-03-05\n---\nUkraine and NATO.\n\n## {heading}\n\nKyiv said so.\n"
    article, _ = parse_article(data.encode(), "articles/a.md", Config(), frozenset(t.id for t in taxonomy.topics))
    pages = dict(render_site(link(Config(), taxonomy, [tag(article, taxonomy)]), environment(ROOT / "templates")))
    return re.findall(r'\sid="([^"]*)"', pages[f"articles/{article.slug}.html"].decode())


def test_no_element_id_comes_from_article_text() -> None:
    plain = _ids("Background")
    assert _ids("document") == plain and _ids("top") == plain and _ids("cookie forms location") == plain


USE_EVERY_STAGE = """
import sys
before = set(sys.modules)
from importlib import metadata
from pathlib import Path
from digest.build import Options, build
project = Path(sys.argv[1])
build(project, Options())
from digest.authoring.starter import installed_dependencies
allowed = set(installed_dependencies(metadata.distribution("digest"))) | {"digest"}
owners = metadata.packages_distributions()
used = {dist.lower().replace("_", "-") for name in set(sys.modules) - before if "." not in name
        for dist in owners.get(name, ())}
print(" ".join(sorted(used - allowed)))
"""


def test_a_build_uses_only_packages_digest_declares(project: Path) -> None:
    """A package a build imports but no declared dependency brings in works here and fails in a fresh
    install (as lxml_html_clean did, once lxml stopped bringing it): build text, Markdown and a saved page,
    then compare what was imported with what digest's requirements install."""
    import shutil
    import subprocess
    import sys

    shutil.copy2(ROOT / "tests" / "pages" / "briefing.html", project / "articles" / "briefing.html")
    result = subprocess.run([sys.executable, "-c", USE_EVERY_STAGE, str(project)], capture_output=True, text=True,
                            timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [], f"imported but not declared: {result.stdout}"
