"""Arabic de-identification (`medkiln.deid.ar.v1`): the i2b2 labels, Arabic genres and surface grammars, the
CNN student with spaCy's Arabic tokenizer; builds the package `ar_medkiln_deid`."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ... import registry
from ...base import DomainSpec
from .. import langkit
from ..labels import LABELS

GENERATOR = "medkiln.deid.ar.offline.v1"


def generate_notes(n: int, seed: int) -> Iterator[dict]:
    """`n` Arabic notes with gold spans by construction; same (n, seed), same output."""
    from .genres import write_note

    yield from langkit.generate_notes("ar", GENERATOR, write_note, n, seed)


@registry.register("medkiln.deid.ar.v1")
def deid_ar_v1() -> DomainSpec:
    return DomainSpec(name="deid", version="v1", lang="ar", labels=LABELS, synthesize=generate_notes, patterns=[],
                      package_name="medkiln_deid", label_set="i2b2", folder=Path(__file__).parent,
                      default_n=4000, language_folder=True)


__all__ = ["deid_ar_v1", "generate_notes"]
