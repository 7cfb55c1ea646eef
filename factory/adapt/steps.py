"""The steps of `medkiln adapt` (see the package docstring): settings, teachers' votes, training sets, retraining."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path

from medkiln.core.errors import MedkilnError
from medkiln.core.records import read_spans

from .card import NOTES_DESCRIPTION
from .notes import NotesSettings

log = logging.getLogger(__name__)


FINE_TUNE = {"learn_rate": 0.0002, "batch_words": 1000}


@dataclass
class AdaptSettings:
    """Everything `medkiln adapt` can be told (the resolved settings are written to OUT/adapt.json)."""

    threshold: float = 0.8           # agreement: combined confidence a silver span needs
    uncertain: str = "mask"          # mask: unknown tokens; drop: leave out notes with unknown regions
    propagate: bool = True           # run-wide propagation as a teacher
    # (measured, not the default) the student votes what serving keeps of its NER (the shape check) and the
    # propagation also learns from every vote of at least this score, marking the learned words' other mentions,
    # unknown ones included (what `medkiln deid` outputs); None: from the kept spans only, onto O only
    propagate_votes: float | None = None
    unsure_words: bool = True        # words teachers mark in enough of the run's mentions are never taught as O
    passes: int = 10                 # dropout passes that score the base student's spans
    # the confidence of the stronger student's spans (--teacher-model), which gives no score of its own: at 1.0
    # it alone keeps a span nobody contradicts; under `threshold` it needs the base student's agreement, and
    # what it alone marks becomes unknown (never O, never an entity)
    teacher_score: float = 1.0
    silver_repeat: int = 2           # each silver note appears this many times in the training set
    silver_dev_every: int = 10       # every Nth silver note is held out into dev (0: none)
    synthetic_limit: int | None = None  # at most this many synthetic training notes
    init: str = "base"               # base: continue from the base student's weights; scratch: new weights
    # last: the weights after max_steps. best: spaCy's model-best on dev, which favours the base student itself
    # (its own labels are most of the silver dev notes, and it was chosen on synthetic dev notes).
    pick: str = "last"
    dev_limit: int | None = 500      # synthetic dev notes scored during training (each evaluation reads them all)
    max_steps: int = 1000
    # None: FINE_TUNE (below) from the base student, the training config's from scratch. Fine-tuning with the
    # config's 0.001 and its compounding batches (starting at 100 words) cost the base 3 points of synthetic dev F1
    # in the first 400 steps and 3-4 points of real-note recall (docs/adapt.md).
    learn_rate: float | None = None
    batch_words: int | None = None   # words per batch throughout
    eval_frequency: int = 400
    seed: int = 0
    gpu: int = -1
    description: str = NOTES_DESCRIPTION
    notes: NotesSettings = field(default_factory=NotesSettings)


def check_settings(settings: AdaptSettings) -> None:
    if not 0.0 < settings.threshold <= 1.0:
        raise MedkilnError("E019", option="--set threshold", reason="a confidence in (0, 1]")
    if not 0.0 < settings.teacher_score <= 1.0:
        raise MedkilnError("E019", option="--set teacher_score", reason="a confidence in (0, 1]")
    if settings.uncertain not in ("mask", "drop"):
        raise MedkilnError("E019", option="--set uncertain", reason="mask or drop")
    if settings.init not in ("base", "scratch"):
        raise MedkilnError("E019", option="--set init", reason="base or scratch")
    if settings.pick not in ("last", "best"):
        raise MedkilnError("E019", option="--set pick", reason="last or best")
    if settings.silver_repeat < 1 or settings.max_steps < 1 or settings.passes < 0:
        raise MedkilnError("E019", option="--set silver_repeat/max_steps/passes", reason="out of range")


def load_student(model: str | Path):
    from medkiln.serving.pipeline import load_pipeline
    from medkiln.serving.scores import listener_ner

    nlp = load_pipeline(model)
    if listener_ner(nlp) is None:
        raise MedkilnError("E552", name=model, components=", ".join(nlp.pipe_names))
    return nlp


def collect_votes(spec, notes: list[dict], student, *, teacher_model: str | Path | None = None,
                  llm=None, passes: int = 10, seed: int = 0, teacher_score: float = 1.0,
                  shape_check: bool = False) -> tuple[dict, dict]:
    """`{teacher: per-note votes}` from every teacher available, and what each did (counts only)."""
    from medkiln.serving.pipeline import load_pipeline

    from .teachers import llm_votes, pipeline_votes, rule_votes

    votes, info = {}, {}
    started = time.perf_counter()
    votes["student"] = pipeline_votes(student, notes, passes=passes, seed=seed, shape_check=shape_check)
    info["student"] = {"spans": sum(map(len, votes["student"])), "seconds": round(time.perf_counter() - started, 1)}
    if teacher_model is not None:
        started = time.perf_counter()
        votes["teacher"] = [[(s, e, label, teacher_score) for s, e, label, _ in found]
                            for found in pipeline_votes(load_pipeline(teacher_model), notes, passes=0)]
        info["teacher"] = {"model": Path(str(teacher_model)).name, "spans": sum(map(len, votes["teacher"])),
                           "seconds": round(time.perf_counter() - started, 1)}
    if spec.patterns:
        votes["rules"] = rule_votes(spec, notes)
        info["rules"] = {"spans": sum(map(len, votes["rules"]))}
    if llm is not None:
        votes["llm"], failures = llm_votes(spec, notes, llm)
        info["llm"] = {"model": getattr(llm, "model", None), "spans": sum(map(len, votes["llm"])),
                       "failures": dict(failures)}
    for who, what in info.items():
        log.info("teacher %s: %d spans", who, what["spans"])
    return votes, info


def training_sets(spec, data: Path, silver: list[dict], settings: AdaptSettings) -> tuple[list, list]:
    for split in ("train", "dev"):
        if not (data / f"{split}.jsonl").exists():
            raise MedkilnError("E553", path=data / f"{split}.jsonl")
    synthetic = list(read_spans(data / "train.jsonl", spec.labels))[:settings.synthetic_limit]
    dev = list(read_spans(data / "dev.jsonl", spec.labels))[:settings.dev_limit]
    every = settings.silver_dev_every
    held = [rec for i, rec in enumerate(silver) if every and i % every == every - 1]
    used = [rec for i, rec in enumerate(silver) if not (every and i % every == every - 1)]
    train = synthetic + [dict(rec, id=f"{rec['id']}-{k}") for k in range(settings.silver_repeat) for rec in used]
    if not train:
        raise MedkilnError("E015", path=data / "train.jsonl")
    return train, dev + held


def retrain(spec, train_records: list, dev_records: list, out: Path, base_dir: Path | None,
            settings: AdaptSettings) -> dict:
    """Train the CNN on synthetic + silver records (from `base_dir`'s weights when given)."""
    from ..train.spacy_cnn import train_cnn

    import json

    overrides = {"training.eval_frequency": settings.eval_frequency}
    tune = FINE_TUNE if base_dir is not None else {}
    learn_rate = settings.learn_rate if settings.learn_rate is not None else tune.get("learn_rate")
    batch_words = settings.batch_words if settings.batch_words is not None else tune.get("batch_words")
    if learn_rate is not None:
        overrides["training.optimizer.learn_rate"] = learn_rate
    if batch_words is not None:
        overrides["training.batcher.size.start"] = overrides["training.batcher.size.stop"] = batch_words
    result = train_cnn(spec, train_records, dev_records, out, seed=settings.seed, max_steps=settings.max_steps,
                       overrides=overrides, use_gpu=settings.gpu, init_from=base_dir)
    if settings.pick == "last":
        last = Path(result["pipeline"]).parent / "model-last"
        perf = json.loads((last / "meta.json").read_text(encoding="utf-8")).get("performance", {})
        result.update(pipeline=str(last), scores={k: perf[k] for k in ("ents_f", "ents_p", "ents_r") if k in perf})
    return result


__all__ = ["AdaptSettings", "check_settings", "collect_votes", "load_student", "retrain", "training_sets"]
