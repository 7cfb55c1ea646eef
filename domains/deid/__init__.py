"""The de-identification domain: i2b2-2014 PHI labels, offline note synthesis, PHI patterns."""

from __future__ import annotations

from pathlib import Path

from .. import registry
from ..base import DomainSpec
from .labels import CATEGORIES, LABELS


@registry.register("medkiln.deid.v1")
def deid_v1() -> DomainSpec:
    from .patterns import PATTERNS
    from .synth import generate_notes

    return DomainSpec(
        name="deid",
        version="v1",
        lang="en",
        labels=LABELS,
        synthesize=generate_notes,
        patterns=PATTERNS,
        package_name="medkiln_deid",
        folder=Path(__file__).parent,
    )


__all__ = ["CATEGORIES", "LABELS", "deid_v1"]
