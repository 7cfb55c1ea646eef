"""Spanish de-identification (`medkiln.deid.es.v1`): the i2b2 labels, Spanish genres and surface grammars, the
CNN student with spaCy's Spanish tokenizer; builds the package `es_medkiln_deid`."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Iterator

from ... import registry
from ...base import DomainSpec
from .. import langkit, not_names
from ..labels import LABELS

GENERATOR = "medkiln.deid.es.offline.v1"
# The shared rules whose patterns hold in any language: e-mail addresses, URLs with a scheme, IP addresses.
PATTERN_NAMES = ("email", "url.scheme", "ip.v4", "ip.v6")


def patterns() -> list[dict]:
    from ..patterns import PATTERNS

    return [p for p in PATTERNS if p["name"] in PATTERN_NAMES]


def generate_notes(n: int, seed: int) -> Iterator[dict]:
    """`n` Spanish notes with gold spans by construction; same (n, seed), same output."""
    from .genres import write_note

    yield from langkit.generate_notes("es", GENERATOR, write_note, n, seed)


@registry.register("medkiln.deid.es.v1")
def deid_es_v1() -> DomainSpec:
    return DomainSpec(name="deid", version="v1", lang="es", labels=LABELS, synthesize=generate_notes,
                      patterns=patterns(), package_name="medkiln_deid", label_set="i2b2", folder=Path(__file__).parent,
                      default_n=4000, language_folder=True, not_names=partial(not_names.load, "es"))


__all__ = ["deid_es_v1", "generate_notes", "patterns"]
