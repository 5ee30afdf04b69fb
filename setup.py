"""Build hook: install this repository's ``templates/`` and ``topics.yaml`` inside the package, as
``digest/defaults/``, so that an installed digest carries its default theme and taxonomy. Everything
else about the package is in ``pyproject.toml``."""

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildWithDefaults(build_py):
    """The usual build, plus the default theme and taxonomy copied into the built package."""

    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads them from the repository itself
        target = Path(self.build_lib, "digest", "defaults")
        shutil.copytree("templates", target / "templates", dirs_exist_ok=True)
        shutil.copy2("topics.yaml", target / "topics.yaml")


setup(cmdclass={"build_py": BuildWithDefaults})
