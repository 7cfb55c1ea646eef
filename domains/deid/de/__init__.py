"""German de-identification (`medkiln.deid.de.v1`): the i2b2 labels, German letters (Arztbrief, Entlassungsbrief)
and surface grammars, the CNN student with spaCy's German tokenizer; builds the package `de_medkiln_deid`.

Generator v2 (over v1): German capitalises every noun, so the PHI-free text carries thousands of capitalised
words that are never PHI (`vocab.py`: medical compounds, anatomy, findings, procedures, lab parameters, drug INNs,
regimens, everyday nouns, inflected adjectives, shorthand, general nouns from `nouns.txt`), small numbers that
are no dates, and decoys (a PHI-free word) in untitled name and place slots.

Rules (`rules.py`): German numeric and month-name dates, ages, postcodes, towns, streets, phone, case and insurance
numbers as patterns beside the student (the package's `medkiln_phi_rules`)."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Iterator

from ... import registry
from ...base import DomainSpec
from .. import langkit, not_names
from ..labels import LABELS

GENERATOR = "medkiln.deid.de.offline.v2"


def generate_notes(n: int, seed: int) -> Iterator[dict]:
    """`n` German letters with gold spans by construction; same (n, seed), same output."""
    from .genres import write_note

    yield from langkit.generate_notes("de", GENERATOR, write_note, n, seed)


@registry.register("medkiln.deid.de.v1")
def deid_de_v1() -> DomainSpec:
    from .rules import PATTERNS

    return DomainSpec(name="deid", version="v1", lang="de", labels=LABELS, synthesize=generate_notes,
                      patterns=PATTERNS, package_name="medkiln_deid", label_set="i2b2", folder=Path(__file__).parent,
                      default_n=3000, language_folder=True, not_names=partial(not_names.load, "de"))


__all__ = ["deid_de_v1", "generate_notes"]
