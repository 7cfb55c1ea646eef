"""Italian de-identification (`medkiln.deid.it.v1`): the i2b2 labels, Italian hospital documents (lettera di
dimissione, verbale di pronto soccorso) and surface grammars, the CNN student with spaCy's Italian tokenizer; builds the
package `it_medkiln_deid`."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from ... import registry
from ...base import DomainSpec
from .. import langkit
from ..labels import LABELS

GENERATOR = "medkiln.deid.it.offline.v1"


def generate_notes(n: int, seed: int) -> Iterator[dict]:
    """`n` Italian notes with gold spans by construction; same (n, seed), same output."""
    from .genres import write_note

    yield from langkit.generate_notes("it", GENERATOR, write_note, n, seed)


@registry.register("medkiln.deid.it.v1")
def deid_it_v1() -> DomainSpec:
    return DomainSpec(name="deid", version="v1", lang="it", labels=LABELS, synthesize=generate_notes, patterns=[],
                      package_name="medkiln_deid", label_set="i2b2", folder=Path(__file__).parent,
                      default_n=3000, language_folder=True)


__all__ = ["deid_it_v1", "generate_notes"]
