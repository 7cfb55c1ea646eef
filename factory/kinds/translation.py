"""The `translation` kind: parallel records `{"id", "src", "ref", "src_lang", "tgt_lang"}`, a MarianMT student
(HF and CTranslate2), BLEU/chrF and glossary term accuracy, a spaCy package around the translator. The steps
live in `factory/translation/`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from medkiln.domains import DomainSpec

from . import registry
from .base import ReviewedKind, refuse_adapt


@registry.register("translation")
class TranslationKind(ReviewedKind):
    name = "translation"

    def read(self, spec: DomainSpec, path: str | Path) -> list[dict]:
        from ..translation.data import read_pairs

        return read_pairs(path)

    def synthesize(self, spec: DomainSpec, out: str | Path, *, n: int, seed: int, **teacher_options: Any) -> dict:
        """What `medkiln synth` writes for every domain: the offline teacher's source-side records (`text`, no
        spans). The parallel data of a run (translating teachers, filters, splits, glossary) is the run's data
        step (`factory.translation.run`)."""
        from .. import synth

        return synth.synthesize(spec, out, n=n, seed=seed, **teacher_options)

    def train(self, spec: DomainSpec, data: str | Path, out: str | Path, *, seed: int = 0,
              max_steps: int | None = None, src: str = "en", tgt: str = "de", base_model: Path | None = None,
              lora: bool = False, size: str | None = None, budget: float | None = None, threads: int = 1) -> dict:
        """A Marian student on a data folder the run's data step wrote (its data card picks the size)."""
        from ..translation.run import train_settings
        from ..translation.train import train_student

        settings = train_settings(self.card(spec, data), size=size, max_steps=max_steps, seed=seed, lora=lora,
                                  budget=budget, threads=threads, base_model=base_model)
        return train_student(Path(data), Path(out), src=src, tgt=tgt, base_model=base_model, settings=settings)

    def evaluate(self, spec: DomainSpec, model: Any, data: str | Path, *, tgt: str = "de",
                 glossary: str | Path | None = None, ct2: str | Path | None = None, threads: int = 1) -> dict:
        """{runtime: scores} of the Marian model folder `model` (and its CTranslate2 copy `ct2`) on `data`,
        with the glossary beside the data (`glossary.json`) unless one is given."""
        from ..translation.run import evaluate_all

        glossary = Path(glossary) if glossary else Path(data).parent / "glossary.json"
        terms = json.loads(glossary.read_text(encoding="utf-8")) if glossary.is_file() else []
        report = evaluate_all(Path(model), Path(ct2) if ct2 else None, {"data": self.read(spec, data)}, terms,
                              tgt=tgt, threads=threads)
        return report["data"]

    def run(self, spec: DomainSpec, out: str | Path, *, n: int, seed: int = 0, max_steps: int | None = None,
            install: bool = False, real_data: Path | None = None, adapt: dict | None = None,
            backbone: str = "cnn", real_map: str = "physionet", **options: Any) -> dict:
        """`factory.translation.run.run` (src, tgt, base_model, lora, sources, ... in `options`); the student is
        a Marian model (`backbone` and `real_map` are the spans kind's)."""
        from ..translation.run import run

        refuse_adapt(spec, adapt)
        return run(spec, out, n=n, seed=seed, max_steps=max_steps, install=install, real_data=real_data, **options)
