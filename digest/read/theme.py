"""Where a project's templates and taxonomy come from: its own files first, then digest's defaults.

The defaults are this repository's ``templates/`` and ``topics.yaml``. An installed digest carries a
copy in ``digest/defaults/`` (``setup.py`` puts it there); run from a source checkout or an editable
install, digest reads them from the repository itself.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from digest.read.config import Config

_PACKAGED = Path(__file__).resolve().parent.parent / "defaults"
DEFAULTS = _PACKAGED if _PACKAGED.is_dir() else _PACKAGED.parent.parent
"""The folder holding the default ``templates/`` and ``topics.yaml``."""
DEFAULT_TEMPLATES = DEFAULTS / "templates"
DEFAULT_TAXONOMY = DEFAULTS / "topics.yaml"


@dataclass(frozen=True)
class Theme:
    """The template folders a project renders with and the taxonomy it tags with."""

    folders: tuple[Path, ...]
    """Template folders, searched in order: the project's own (when it has one), then the default theme."""
    names: tuple[str, ...]
    """How each folder is named in messages."""
    taxonomy: Path
    """The taxonomy file: the project's own, or the default one."""
    taxonomy_shown: str
    """How the taxonomy file is named in messages."""

    def shown(self, filename: str) -> str:
        """A template file as named in messages: ``templates/article.html``, or where it is in the default theme."""
        for folder, name in zip(self.folders, self.names, strict=True):
            if filename.startswith(str(folder) + "/"):
                return f"{name}/{filename[len(str(folder)) + 1:]}"
        return filename


def theme_of(project: Path, config: Config) -> Theme:
    """The project's theme: its templates override the default ones file by file, and its own
    taxonomy file, when it has one, replaces the default one."""
    own = project / config.templates_dir
    default_name = "digest's default theme: templates"
    if own.is_dir() and own.resolve() == DEFAULT_TEMPLATES.resolve():
        folders, names = (DEFAULT_TEMPLATES,), (config.templates_dir,)
    elif own.is_dir():
        folders, names = (own, DEFAULT_TEMPLATES), (config.templates_dir, default_name)
    else:
        folders, names = (DEFAULT_TEMPLATES,), (default_name,)
    taxonomy = project / config.topics_file
    if taxonomy.exists() or config.topics_file != Config.topics_file:
        return Theme(folders, names, taxonomy, config.topics_file)
    return Theme(folders, names, DEFAULT_TAXONOMY, f"{config.topics_file} (digest's default)")
