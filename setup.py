"""Package list for setuptools (everything else is in pyproject.toml).

The top-level ``resources/`` folder (fonts, compiled translations, icons) is shipped inside the
package as ``strive_desktop.resources``, so ``importlib.resources`` finds it the same way in a
wheel, an editable install and a PyInstaller bundle. ``pyproject.toml`` cannot combine that
mapping with automatic package discovery, so both are done here. Folders holding only data
(migrations/versions, fonts, translations...) are listed as namespace packages, which is what
setuptools expects of them.
"""

from setuptools import find_namespace_packages, setup

RESOURCES = ["strive_desktop.resources"] + [
    f"strive_desktop.resources.{name}" for name in find_namespace_packages("resources")
    if "__pycache__" not in name
]

setup(
    packages=[*find_namespace_packages(include=["strive_desktop", "strive_desktop.*"],
                                       exclude=["*__pycache__*"]), *RESOURCES],
    package_dir={"strive_desktop.resources": "resources"},
)
