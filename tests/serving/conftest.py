"""A fast, deterministic fake PHI model (blank English + entity_ruler), saved to disk so tests load it by path."""

from __future__ import annotations

from pathlib import Path

import pytest
from deid_helpers import build_fake_nlp


@pytest.fixture(scope="session")
def fake_model_dir(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("fake_model") / "model"
    build_fake_nlp().to_disk(path)
    return path


@pytest.fixture(scope="session")
def fake_nlp():
    return build_fake_nlp()
