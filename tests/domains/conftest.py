"""Shared fixtures of the domain tests: the synthetic notes of each deid language folder, written once per run."""

from __future__ import annotations

from functools import lru_cache

import pytest

from medkiln.domains import get_domain

N_LANG_NOTES = 300


@lru_cache(maxsize=None)
def _lang_notes(lang: str) -> tuple:
    return tuple(get_domain("deid", lang=lang).synthesize(N_LANG_NOTES, 5))


@pytest.fixture(scope="session")
def lang_notes():
    """`lang_notes(lang)`: 300 notes (seed 5) of that language folder, shared by every test file."""
    return lambda lang: list(_lang_notes(lang))
