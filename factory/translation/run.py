"""`medkiln run translation --src en --tgt de`: data -> train -> evaluate (HF and CTranslate2) -> export.

Sized to finish offline in under 20 minutes on 2 CPU cores: `n` offline pairs (the CLI's --n), a small
MarianMT from scratch (or --base-model), a training time budget, early stopping on dev chrF.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from medkiln.domains import as_spec

from medkiln.core.errors import MedkilnError
from ..run import step
from medkiln.core.records import write_json
from .data import build_data, check_direction, read_pairs

log = logging.getLogger(__name__)
DEFAULT_TRAIN_BUDGET_S = 660.0
DEFAULT_MAX_STEPS = 6000


def evaluate_all(model_dir: Path, ct2_dir: Path | None, sets: dict[str, list[dict]], glossary: list[dict], *,
                 tgt: str, threads: int = 1, constrain: bool = True) -> dict:
    """{set: {runtime: scores}}: PyTorch generate and CTranslate2 int8 on each set, plus the glossary-
    constrained CTranslate2 run (n-best reranking) when `constrain`."""
    from .evaluate import evaluate_pairs, load_backends

    backends = load_backends(model_dir, ct2_dir, threads=threads)
    report = {}
    for name, pairs in sets.items():
        runs = {}
        for backend, (model, tok) in backends.items():
            runs[backend] = evaluate_pairs(backend, model, tok, pairs, glossary, tgt=tgt)["scores"]
        if constrain:
            backend = "ct2" if "ct2" in backends else "hf"
            model, tok = backends[backend]
            runs[f"{backend}+glossary"] = evaluate_pairs(backend, model, tok, pairs, glossary, tgt=tgt,
                                                         constrain=True, beams=4)["scores"]
        report[name] = runs
    return report


def run(domain: str, out: str | Path, *, n: int = 3000, seed: int = 0, max_steps: int | None = None,
        install: bool = False, real_data: Path | None = None, src: str | None = None, tgt: str | None = None,
        base_model: Path | None = None, lora: bool = False, size: str = "small",
        train_budget_s: float | None = DEFAULT_TRAIN_BUDGET_S, threads: int = 1, extra_pairs: dict | None = None,
        build: str = "wheel") -> dict:
    """The translation chain for one direction. `real_data`: parallel JSONL (`src`, `ref`) to measure on."""
    from .ct2 import convert
    from .train import TrainSettings, train_student

    spec = as_spec(domain)
    if spec.kind != "translation":
        raise MedkilnError("E410", name=spec.name, kind=spec.kind)
    src, tgt = src or "en", tgt or "de"
    check_direction(src, tgt)
    out = Path(out)
    timings: dict[str, float] = {}
    data_card = step("data", timings, build_data, src, tgt, out / "data", n=n, seed=seed, extra_pairs=extra_pairs)
    settings = TrainSettings(size=size, max_steps=max_steps or DEFAULT_MAX_STEPS, seed=seed, lora=lora,
                             time_budget_s=train_budget_s, threads=threads)
    trained = step("train", timings, train_student, out / "data", out / "train", src=src, tgt=tgt,
                    base_model=base_model, settings=settings)
    model_dir = Path(trained["model"])
    ct2_dir = step("ct2", timings, convert, model_dir, out / "train" / "ct2")
    glossary = json.loads((out / "data" / "glossary.json").read_text(encoding="utf-8"))
    sets = {"synthetic_test": read_pairs(out / "data" / "test.jsonl")}
    if real_data is not None:
        sets["real"] = read_pairs(real_data)
    evaluation = step("evaluate", timings, evaluate_all, model_dir, ct2_dir, sets, glossary, tgt=tgt, threads=threads)
    write_json(out / "eval" / "report.json", evaluation)
    exported = step("export", timings, _export, model_dir, ct2_dir, out / "export", src=src, tgt=tgt, train=trained,
                     evaluation=evaluation, data_card=data_card, glossary=glossary, build=build)
    summary = {"direction": f"{src}-{tgt}", "data": str(out / "data"), "model": str(model_dir), "ct2": str(ct2_dir),
               "evaluation": str(out / "eval" / "report.json"), "package": exported,
               "chrf_synthetic": evaluation["synthetic_test"]["hf"]["chrf"], "train_steps": trained["steps"],
               "stop_reason": trained["stop_reason"]}
    if install and exported.get("wheel"):
        from ..export import install as install_wheel

        step("install", timings, install_wheel, exported["wheel"])
    summary["seconds"] = timings
    write_json(out / "run.json", summary)
    return summary


def _export(*args, **kwargs) -> dict:
    from .export import export_translation

    return export_translation(*args, **kwargs)
