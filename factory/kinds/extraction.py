"""The `extraction` kind (note extraction): span records plus per-span choices (`attributes`, e.g. assertion
status) and `relations` (attribute -> head); a spaCy NER + assertion classifier + linker student; entity,
assertion and link scores; `en_medkiln_notes`. The steps live in `factory/extraction/`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from medkiln.domains import DomainSpec

from . import registry
from .base import ReviewedKind, refuse_adapt


@registry.register("extraction")
class ExtractionKind(ReviewedKind):
    name = "extraction"

    def read(self, spec: DomainSpec, path: str | Path) -> list[dict]:
        from ..extraction.data import read_records

        return read_records(path, spec)

    def synthesize(self, spec: DomainSpec, out: str | Path, *, n: int, seed: int, teacher: str = "offline",
                   teacher_settings: dict | None = None, max_attempts: int | None = None,
                   max_requests: int | None = None, min_share: float = 0.9, **spans_options: Any) -> dict:
        """The offline teacher writes notes like every domain's; an LLM teacher answers the extraction schema
        (statuses, attributes and sections parsed, `factory.extraction.llm`): one request per attempt and no
        reviewer loop, so `spans_options` (reviewers, reviewer_teachers, resume) do not apply."""
        if teacher.partition(":")[0] == "offline":
            from .. import synth

            return synth.synthesize(spec, out, n=n, seed=seed, teacher=teacher)
        from ..extraction.llm import synthesize_llm

        return synthesize_llm(spec, out, n=n, seed=seed, teacher=teacher, teacher_settings=teacher_settings,
                              max_attempts=max_attempts, max_requests=max_requests, min_share=min_share)

    def train(self, spec: DomainSpec, data: str | Path, out: str | Path, *, seed: int = 0,
              max_steps: int | None = None, **options: Any) -> dict:
        from ..extraction.train import train_extraction

        return train_extraction(spec, data, out, seed=seed, max_steps=max_steps, **options)

    def evaluate(self, spec: DomainSpec, model: Any, data: str | Path, *, out: str | Path | None = None,
                 **options: Any) -> dict:
        """Entity (strict/relaxed), assertion and link scores of `model` on `data`; the report goes to `out`."""
        from ..extraction.run import evaluate_model

        return evaluate_model(model, data, spec, out, **options)

    def run(self, spec: DomainSpec, out: str | Path, *, n: int, seed: int = 0, max_steps: int | None = None,
            install: bool = False, real_data: Path | None = None, adapt: dict | None = None,
            backbone: str = "cnn", real_map: str = "physionet", **options: Any) -> dict:
        """`factory.extraction.run.run`; the student is always the CNN NER + classifier (`backbone` and
        `real_map` are the spans kind's)."""
        from ..extraction.run import run

        refuse_adapt(spec, adapt)
        return run(spec, out, n=n, seed=seed, max_steps=max_steps, install=install, real_data=real_data, **options)
