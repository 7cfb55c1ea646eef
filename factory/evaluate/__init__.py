"""`medkiln evaluate`: score a span model on gold JSONL (strict/relaxed P/R/F1, PHI token recall, leak rate).

`evaluate()` runs a model and returns a dict; `score_records()` scores already-predicted records (the
benchmark uses it for Presidio); `write_report()` writes report.json, report.md and report.html.
"""

from __future__ import annotations

import logging
import time
from itertools import islice
from pathlib import Path
from typing import Iterable

from medkiln.core.records import read_spans
from .base import Evaluator
from .labelmaps import LabelMap, load_label_map
from .report import write_report
from .span_eval import SpanEvaluator

logger = logging.getLogger(__name__)


def score_records(gold_records: Iterable[dict], pred_records: Iterable[dict],
                  label_map: "str | Path | LabelMap | None" = None, hipaa_ages: bool = False) -> dict:
    """Score predicted span records against gold ones (aligned by position; ids must agree when both have one).

    Predicted records need only `spans`; offsets refer to the gold record's text.
    """
    golds, preds = list(gold_records), list(pred_records)
    if len(golds) != len(preds):
        raise ValueError(f"{len(golds)} gold records but {len(preds)} predicted records")
    for gold, pred in zip(golds, preds):
        if "id" in gold and "id" in pred and str(gold["id"]) != str(pred["id"]):
            raise ValueError(f"record ids differ: gold {gold['id']!r}, predicted {pred['id']!r}")
    evaluator = SpanEvaluator(load_label_map(label_map), hipaa_ages=hipaa_ages)
    return evaluator.score(golds, preds)


def load_model(model):
    """A spaCy Language as is, else a name or path through `serving.pipeline.load_pipeline`."""
    if not isinstance(model, (str, Path)):
        return model
    from medkiln.serving.pipeline import load_pipeline

    return load_pipeline(str(model))


def predict_records(nlp, records: list[dict], batch_size: int = 64, progress: bool = False) -> list[dict]:
    """Run a pipeline over the records' texts; predicted records carry `id` and `spans` from `doc.ents`."""
    docs = nlp.pipe((r["text"] for r in records), batch_size=batch_size)
    if progress:
        from rich.progress import track

        docs = track(docs, total=len(records), description="evaluate", transient=True)
    return [{"id": rec.get("id"), "spans": [[e.start_char, e.end_char, e.label_] for e in doc.ents]}
            for rec, doc in zip(records, docs)]


def evaluate(model, data: "str | Path", *, label_map: "str | Path | LabelMap | None" = None,
             hipaa_ages: bool = False, limit: int | None = None, batch_size: int = 64,
             pred_map: "str | Path | LabelMap | None" = None, progress: bool = False,
             run_propagation: bool = False) -> dict:
    """Run `model` over the gold span JSONL `data` and score it.

    `label_map`: `i2b2` (default), `physionet`, `meddocan` / `grascco` (from the `mapping.json` beside `data`),
    a JSON path or a LabelMap; `pred_map` swaps in another
    predicted-label side (e.g. `spacy` for a stock spaCy pipeline). `run_propagation` adds what `medkiln deid`
    adds over a whole input (`serving.propagation`): the scores are then those of the de-identification run.
    Returns the scores plus n_docs, words/s, docs/s, the label map, the data path and a metric signature.
    """
    lmap = load_label_map(label_map, pred_map, data=data)
    records = list(islice(read_spans(data), limit))
    nlp = load_model(model)
    start = time.perf_counter()
    preds = predict_records(nlp, records, batch_size=batch_size, progress=progress)
    if run_propagation:
        from medkiln.serving.propagation import propagate_run

        extra = propagate_run([r["text"] for r in records], [[tuple(s) for s in p["spans"]] for p in preds])
        for pred, added in zip(preds, extra):
            pred["spans"] = pred["spans"] + [list(s) for s in added]
    seconds = time.perf_counter() - start
    result = score_records(records, preds, lmap, hipaa_ages)
    n_words = sum(len(r["text"].split()) for r in records)
    result.update({
        "model": _model_name(model, nlp), "data": str(data), "limit": limit, "batch_size": batch_size,
        "run_propagation": run_propagation,
        "n_words": n_words, "seconds": round(seconds, 3),
        "words_per_s": n_words / seconds if seconds > 0 else 0.0,
        "docs_per_s": len(records) / seconds if seconds > 0 else 0.0,
    })
    logger.info("evaluated %d docs with map %s: token recall %.3f", len(records), lmap.name,
                result["token"]["recall"])
    return result


def _model_name(model, nlp) -> str:
    if isinstance(model, (str, Path)):
        return str(model)
    meta = getattr(nlp, "meta", {}) or {}
    return f"{meta.get('lang', '')}_{meta.get('name', 'pipeline')}-{meta.get('version', '')}"


__all__ = ["Evaluator", "LabelMap", "SpanEvaluator", "evaluate", "load_label_map", "load_model",
           "predict_records", "score_records", "write_report"]
