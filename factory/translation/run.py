"""`medkiln run translation --src en --tgt de`: data -> train -> evaluate (HF and CTranslate2) -> export.

`n` offline pairs (the CLI's --n), the sentences the translating teachers were given (the user's `--documents`,
offline English corpora), a MarianMT from scratch (or --base-model), a training time budget (`--train-budget`),
early stopping on dev chrF. The default budget depends on the data: templates alone are learned in
`TEMPLATE_BUDGET_S` (the run finishes in under 20 minutes on 2 CPU cores); a student that must learn a real
teacher's translations of tens of thousands of sentences gets `TEACHER_BUDGET_S` (docs/benchmarks.md has what
such budgets reached on 2 CPU cores).

With a teacher that translates (Apertium, an LLM), the student is the `fast` size (deep encoder, one
decoder layer) with one SentencePiece vocabulary for both sides; with the template teacher alone, the
`small` size with a joint vocabulary.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from medkiln.core.records import write_json
from medkiln.domains import DomainSpec

from ..chain import check_kind, step
from .data import build_data, check_direction, read_pairs
from .sources import SourceSettings, settings_dict, teacher_sources

log = logging.getLogger(__name__)
TEMPLATE_BUDGET_S = 660.0
TEACHER_BUDGET_S = 3600.0
DEFAULT_MAX_STEPS = 6000
# Training defaults by whether a teacher translates real sentences (more, longer, more varied pairs).
TEACHER_TRAINING = {"size": "fast", "batch_size": 64, "max_steps": 20000, "patience": 6, "eval_every": 500}
TEMPLATE_TRAINING = {"size": "small", "batch_size": 32, "max_steps": DEFAULT_MAX_STEPS, "patience": 4,
                     "eval_every": 250}


def evaluate_all(model_dir: Path, ct2_dir: Path | None, sets: dict[str, list[dict]], glossary: list[dict], *,
                 tgt: str, threads: int = 1, constrain: bool = True, backends: tuple[str, ...] | None = None) -> dict:
    """{set: {runtime: scores}}: PyTorch generate and CTranslate2 int8 on each set (or only `backends`), plus
    the glossary-constrained CTranslate2 run (n-best reranking) when `constrain`."""
    from .evaluate import evaluate_pairs, load_backends

    loaded = load_backends(model_dir, ct2_dir, threads=threads)
    backends = {k: v for k, v in loaded.items() if backends is None or k in backends} or loaded
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


def _data(spec: DomainSpec, src: str, tgt: str, out: Path, *, n: int, seed: int, sources: SourceSettings,
          extra_pairs: dict | None) -> dict:
    """Teacher pairs for the source sentences, the template teacher's pairs, filters, splits, data card."""
    pairs, provenance = teacher_sources(src, tgt, sources, domain=spec, seed=seed)
    pairs.update(extra_pairs or {})
    templates = "template" in provenance["teacher_names"]
    return build_data(src, tgt, out, n=n if templates else 0, seed=seed, extra_pairs=pairs, provenance=provenance)


def train_settings(data_card: dict, *, size: str | None, max_steps: int | None, seed: int, lora: bool,
                   budget: float | str | None, threads: int, base_model: Path | None):
    """TrainSettings for the run: teacher-translated sources get the `fast` student and `TEACHER_BUDGET_S`,
    templates alone `small` and `TEMPLATE_BUDGET_S` (`budget="auto"`; a number is seconds, None no limit)."""
    from .train import TrainSettings

    translated = any(k not in ("offline", "copy_through") for k in (data_card.get("provenance") or {}).get("sources", {}))
    if budget == "auto":
        budget = TEACHER_BUDGET_S if translated else TEMPLATE_BUDGET_S
    defaults = dict(TEACHER_TRAINING if translated else TEMPLATE_TRAINING)
    if size:
        defaults["size"] = size
    if max_steps:
        defaults["max_steps"] = max_steps
    return TrainSettings(**defaults, seed=seed, lora=lora, time_budget_s=budget, threads=threads,
                         joint_vocab=base_model is None)


def run(spec: DomainSpec, out: str | Path, *, n: int = 3000, seed: int = 0, max_steps: int | None = None,
        install: bool = False, real_data: Path | None = None, src: str | None = None, tgt: str | None = None,
        base_model: Path | None = None, lora: bool = False, size: str | None = None,
        train_budget_s: float | str | None = "auto", threads: int = 1, extra_pairs: dict | None = None,
        build: str = "wheel", sources: SourceSettings | None = None) -> dict:
    """The translation chain for one direction. `real_data`: parallel JSONL (`src`, `ref`) to measure on;
    `sources`: the teachers and the source sentences they translate (default: `auto` teachers, no documents)."""
    from .ct2 import convert
    from .train import train_student

    check_kind(spec, "translation", "E410")
    src, tgt = src or "en", tgt or "de"
    check_direction(src, tgt)
    out = Path(out)
    sources = sources or SourceSettings()
    timings: dict[str, float] = {}
    data_card = step("data", timings, _data, spec, src, tgt, out / "data", n=n, seed=seed, sources=sources,
                     extra_pairs=extra_pairs)
    settings = train_settings(data_card, size=size, max_steps=max_steps, seed=seed, lora=lora, budget=train_budget_s,
                              threads=threads, base_model=base_model)
    write_json(out / "config.json", {"src": src, "tgt": tgt, "n": n, "seed": seed, "sources": settings_dict(sources),
                                     "train": {**settings.__dict__}, "base_model": str(base_model) if base_model
                                     else None, "real_data": str(real_data) if real_data else None})
    trained = step("train", timings, train_student, out / "data", out / "train", src=src, tgt=tgt,
                    base_model=base_model, settings=settings)
    model_dir = Path(trained["model"])
    ct2_dir = step("ct2", timings, convert, model_dir, out / "train" / "ct2")
    glossary = json.loads((out / "data" / "glossary.json").read_text(encoding="utf-8"))
    sets = {"synthetic_test": read_pairs(out / "data" / "test.jsonl")}
    if real_data is not None:
        sets["real"] = read_pairs(real_data)
        seen = training_sources(out / "data")
        unseen = [p for p in sets["real"] if " ".join(p["src"].split()) not in seen]
        if len(unseen) < len(sets["real"]):
            log.warning("%d of %d real sources were training sources (e.g. --documents); 'real_unseen' scores "
                        "the rest", len(sets["real"]) - len(unseen), len(sets["real"]))
            if unseen:
                sets["real_unseen"] = unseen
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


def training_sources(data: Path) -> set[str]:
    """Every source sentence of the training data (whitespace-normalised): real-set sentences among them
    were seen in training, so their scores say nothing about unseen text."""
    out = set()
    for name in ("train", "dev", "test"):
        if (data / f"{name}.jsonl").is_file():
            out.update(" ".join(p["src"].split()) for p in read_pairs(data / f"{name}.jsonl"))
    return out


def _export(*args, **kwargs) -> dict:
    from .export import export_translation

    return export_translation(*args, **kwargs)
