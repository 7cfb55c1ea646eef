"""Spanish de-identification (`medkiln.deid.es.v1`): the i2b2 labels, Spanish genres and surface grammars, the
CNN student with spaCy's Spanish tokenizer; builds the package `es_medkiln_deid`."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Iterator

from ... import registry
from ...base import DomainSpec
from ..labels import LABELS

GENERATOR = "medkiln.deid.es.offline.v1"


def generate_notes(n: int, seed: int) -> Iterator[dict]:
    """`n` Spanish notes with gold spans by construction; same (n, seed), same notes."""
    from .genres import write_note

    for i in range(n):
        rng = random.Random(f"es-{seed}-{i}")
        genre, note = write_note(rng, seed * 1_000_003 + i)
        yield note.record(f"es-{seed}-{i}", {"note_type": genre, "generator": GENERATOR, "seed": seed,
                                             "lang": "es"})


@registry.register("medkiln.deid.es.v1")
def deid_es_v1() -> DomainSpec:
    return DomainSpec(name="deid", version="v1", lang="es", labels=LABELS, synthesize=generate_notes, patterns=[],
                      package_name="medkiln_deid", label_set="i2b2", folder=Path(__file__).parent,
                      default_n=4000, language_folder=True)


__all__ = ["deid_es_v1", "generate_notes"]
