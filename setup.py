"""Install the owner's folders (factory/, domains/, annotation/, serving/) and the base layer (core/) under one
namespace, `medkiln.*`.

Every sub-folder with an `__init__.py` is found here, so adding a folder adds a package without editing a list.
The rest of the project's metadata lives in pyproject.toml.
"""

from setuptools import find_packages, setup

FOLDERS = ("core", "factory", "domains", "annotation", "serving")
package_dir = {
    f"medkiln.{name}": name.replace(".", "/")
    for name in find_packages(include=[f"{top}" for top in FOLDERS] + [f"{top}.*" for top in FOLDERS])
}
setup(packages=sorted(package_dir), package_dir=package_dir)
