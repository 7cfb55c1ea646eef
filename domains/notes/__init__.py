"""The note-extraction domain: problems, tests, treatments and medications with their assertion status,
attributes linked to their head, and sections (`medkiln.notes.v1`)."""

from __future__ import annotations

import json
from pathlib import Path

from .. import registry
from ..base import DomainSpec
from .labels import ASSERTION_PRIORS, ASSERTIONS, ATTRIBUTES, CATEGORIES, HEADS, LABELS, RELATIONS

FOLDER = Path(__file__).parent
SCHEMA_VERSION = "medkiln.notes.extraction.v2"


def schema(version: str = "v2") -> dict:
    """The JSON Schema of the extraction output (`schema.v2.json`; `schema.v1.json` stays published)."""
    return json.loads((FOLDER / f"schema.{version}.json").read_text(encoding="utf-8"))


def sections_lexicon() -> dict[str, list[str]]:
    """Section name -> header strings (`sections.json`)."""
    return json.loads((FOLDER / "sections.json").read_text(encoding="utf-8"))["sections"]


def assertion_cues() -> dict[str, dict[str, tuple[str, ...]]]:
    """Cue phrases per status (and "pseudo" cues that give no status) for the assertion classifier's
    cue features: the same tables the synthesizer writes sentences from."""
    from .synth.cues import CUES, PSEUDO

    return {**CUES, "pseudo": {"pre": PSEUDO, "post": ()}}


@registry.register("medkiln.notes.v1")
def notes_v1() -> DomainSpec:
    from .synth import generate_notes

    return DomainSpec(
        name="notes",
        version="v1",
        lang="en",
        labels=LABELS,
        synthesize=generate_notes,
        package_name="medkiln_notes",
        folder=FOLDER,
        kind="extraction",
        span_choices={"assertion": (ASSERTIONS, HEADS)},
        relations=dict(RELATIONS),
    )


__all__ = ["ASSERTION_PRIORS", "ASSERTIONS", "assertion_cues", "ATTRIBUTES", "CATEGORIES", "HEADS", "LABELS", "RELATIONS", "SCHEMA_VERSION", "notes_v1",
           "schema", "sections_lexicon"]
