"""The hostile-input suite: every entry point driven with the inputs, paths, signals and stale state that broke
promises before, and their neighbours. Each test names the guarantee of docs/serving.md it enforces
(`@pytest.mark.guarantee("G5")`); `test_guarantees.py` holds the table and the tests against each other.

What every case checks (`Outcome.check`): no traceback anywhere, the documented exit status and error code,
no sentinel (an invented name the fake model finds) in any output stream, log or error file, and nothing of
the user's touched outside the output paths the case allows.
"""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from deid_helpers import build_fake_nlp
from hostile_kit import Outcome
from typer.testing import CliRunner


@pytest.fixture(scope="session")
def model_dir(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("hostile_model") / "model"
    build_fake_nlp().to_disk(path)
    return path


@pytest.fixture
def medkiln(caplog):
    """Run the real `medkiln` app in this process: `medkiln("deid", IN, OUT, ...)` -> Outcome."""
    from medkiln.factory.cli.main import app

    def run(*args: object, read: tuple[Path, ...] = ()) -> Outcome:
        caplog.clear()
        caplog.set_level(logging.DEBUG)
        result = CliRunner().invoke(app, [str(a) for a in args])
        texts = [p.read_text(encoding="utf-8", errors="replace") for p in read if p.is_file()]
        return Outcome(result.exit_code, result.stdout, result.stderr, caplog.text, result.exception, texts)

    return run


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents and not any(m.name == "guarantee" for m in item.iter_markers()):
            raise pytest.UsageError(f"{item.nodeid} enforces no guarantee: mark it @pytest.mark.guarantee(...)")
