"""One real Label Studio server (from `.venv-ls`, `make labelstudio`'s venv) for all round-trip tests."""

from __future__ import annotations

import pytest
from needs import missing


@pytest.fixture(scope="session")
def label_studio(tmp_path_factory):
    from medkiln.annotation.server import find_label_studio, start_server
    from medkiln.core.errors import MedkilnError

    try:
        find_label_studio()
    except MedkilnError:
        missing("Label Studio (.venv-ls)", "make .venv-ls/.installed")
    root = tmp_path_factory.mktemp("labelstudio")
    server = start_server(root / "data")
    token_file = root / "token"
    token_file.write_text(server.token + "\n")
    token_file.chmod(0o600)
    server.token_file = token_file
    try:
        yield server
    finally:
        server.stop()
