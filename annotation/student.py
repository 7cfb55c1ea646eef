"""Pre-annotate with the current student, with a score per span (`serving.scores`: Monte-Carlo dropout over
the shared encoding for the CNN student, pattern scores for rule spans, None for the MiniLM student)."""

from __future__ import annotations

from typing import Iterable

from medkiln.serving.scores import METHOD, ent_scores


def model_version(nlp) -> str:
    meta = nlp.meta
    return f"{meta.get('name', 'student')}-{meta.get('version', '0')}"


def predict_records(nlp, records: Iterable[dict], *, passes: int = 10, drop: float = 0.4, seed: int = 0,
                    batch_size: int = 64) -> list[dict]:
    """`{"id", "text", "spans", "meta": {"scores": [...], "model_version"}}` for each input record."""
    records = list(records)
    docs = list(nlp.pipe((rec["text"] for rec in records), batch_size=batch_size))
    scores = ent_scores(nlp, docs, passes=passes, drop=drop, seed=seed)
    version = model_version(nlp)
    return [{"id": rec["id"], "text": rec["text"],
             "spans": [[e.start_char, e.end_char, e.label_] for e in doc.ents],
             "meta": {"scores": doc_scores, "model_version": version,
                      "score_method": METHOD.format(drop=drop, passes=passes)}}
            for rec, doc, doc_scores in zip(records, docs, scores)]
