"""Helpers for the HTTP tests: tiny extraction/translation pipelines and a real uvicorn server process."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import httpx

# Invented PHI that the fake model finds (see deid_helpers.PATTERNS); must never appear in logs or errors.
SECRET_NAME = "Zorbla Quentworth"
SECRET_NOTE = f"{SECRET_NAME} seen 03/04/2021 at Riverbend General, call (410) 555-0199."


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def own_extension(name: str):
    """Register doc._.NAME as a plain settable attribute for a test, then restore whatever was there (the
    notes components register `extraction` as a global getter)."""
    from spacy.tokens import Doc

    before = Doc.get_extension(name) if Doc.has_extension(name) else None
    Doc.set_extension(name, default=None, force=True)
    try:
        yield
    finally:
        Doc.remove_extension(name)
    if before is not None:
        default, method, getter, setter = before
        if getter is not None:
            Doc.set_extension(name, getter=getter, setter=setter)
        elif method is not None:
            Doc.set_extension(name, method=method)
        else:
            Doc.set_extension(name, default=default)


def extraction_nlp():
    """A blank pipeline whose component sets doc._.extraction (the note-extraction contract)."""
    import spacy
    from spacy.language import Language

    if "test_extraction" not in Language.factories:
        @Language.component("test_extraction", assigns=["doc._.extraction"])
        def _extract(doc):
            doc._.extraction = {"entities": [{"start": t.idx, "end": t.idx + len(t), "label": "NUM"}
                                             for t in doc if t.like_num], "sections": []}
            return doc
    nlp = spacy.blank("en")
    nlp.add_pipe("test_extraction")
    return nlp


def translation_nlp():
    """A blank pipeline whose component sets doc._.translation (reverses word order: easy to check)."""
    import spacy
    from spacy.language import Language

    if "test_translation" not in Language.factories:
        @Language.component("test_translation", assigns=["doc._.translation"])
        def _translate(doc):
            doc._.translation = " ".join(t.text for t in reversed(doc))
            return doc
    nlp = spacy.blank("en")
    nlp.add_pipe("test_translation")
    return nlp


def start_server(model_dir: Path, log_path: Path, *args: str, env: dict | None = None, seed: int | None = 7) -> tuple:
    """`medkiln serve` in a subprocess on a free loopback port; returns (process, base_url)."""
    port = free_port()
    cmd = [sys.executable, "-m", "medkiln.factory.cli.main", "serve", "--model", f"fake={model_dir}", "--port", str(port),
           "--log-level", "info", *(["--seed", str(seed)] if seed is not None else []), *args]
    full_env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1", **(env or {})}
    log = log_path.open("wb")
    proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=full_env)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode}; see {log_path}")
        try:
            if httpx.get(base + "/readyz", timeout=1).status_code == 200:
                return proc, base
        except httpx.HTTPError:
            time.sleep(0.3)
    proc.kill()
    raise RuntimeError("server did not become ready in 90 s")


def stop_server(proc) -> None:
    proc.terminate()
    try:
        proc.wait(timeout=15)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
