"""Synthesis: a teacher writes a domain dataset, split into train/dev/test, with a data card."""

from __future__ import annotations

import time
from pathlib import Path

from medkiln.domains import DomainSpec, as_spec

from medkiln.core.records import SPLITS, split_of, write_json, write_splits
from ..teachers import get_teacher
from .card import card_markdown, data_card

def synthesize(domain: "DomainSpec | str", out_dir: str | Path, *, n: int = 3000, seed: int = 0, teacher: str = "offline",
               dev: float = 0.1, test: float = 0.1, **llm_options: object) -> dict:
    """Write `train.jsonl`, `dev.jsonl`, `test.jsonl` (and the same splits as a DatasetDict in `hf/`),
    `datacard.json|md` and `synth.json` (the resolved settings).

    Teachers other than `offline` go through the generator-reviewer-adjudicator loop (`synth.llm`), which
    takes `llm_options` (teacher_settings, reviewers, reviewer_teachers, resume, max_requests, min_share,
    max_attempts, ...); there `n` is a target (see `synth.llm`).
    """
    spec = as_spec(domain)
    if teacher != "offline":
        from .llm import synthesize_llm

        return synthesize_llm(spec, out_dir, n=n, seed=seed, teacher=teacher, dev=dev, test=test,
                              **llm_options)  # type: ignore[arg-type]
    out = Path(out_dir)
    started = time.perf_counter()
    records = list(get_teacher(teacher).synthesize(spec, n, seed))
    parts: dict[str, list[dict]] = {name: [] for name in SPLITS}
    for rec in records:
        parts[split_of(rec["id"], dev, test)].append(rec)
    settings = {"domain": spec.registry_name, "teacher": teacher, "n": n, "seed": seed, "dev": dev, "test": test}
    paths = {name: out / f"{name}.jsonl" for name in SPLITS}
    files = write_splits(out, parts)
    card = data_card(records, categories=spec.categories, **settings)
    card["splits"] = {name: len(parts[name]) for name in SPLITS}
    card["files"] = files
    write_json(out / "datacard.json", card)
    (out / "datacard.md").write_text(card_markdown(card, f"Data card: {spec.registry_name}"), encoding="utf-8")
    write_json(out / "synth.json", settings)
    return {
        "out": str(out),
        "paths": {k: str(v) for k, v in paths.items()},
        "counts": card["splits"],
        "spans": card["spans"],
        "seconds": round(time.perf_counter() - started, 2),
    }
