"""The translation domain: parallel clinical sentences for MarianMT students (no labels).

Offline data comes from aligned multilingual templates and bilingual lexicons (`languages/<lang>.json`);
LLM teachers translate, back-translate and review with the prompts in `prompts/`.
"""

from __future__ import annotations

from pathlib import Path

from .. import registry
from ..base import DomainSpec


@registry.register("medkiln.translation.v1")
def translation_v1() -> DomainSpec:
    from .synth import generate_texts

    return DomainSpec(
        name="translation",
        version="v1",
        lang="en",
        labels={},
        synthesize=generate_texts,
        package_name="medkiln_mt",
        folder=Path(__file__).parent,
        kind="translation",
    )


__all__ = ["translation_v1"]
