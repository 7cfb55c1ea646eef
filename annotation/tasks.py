"""Offline Label Studio exchange: span records <-> Label Studio task JSON (with predictions) and exports."""

from __future__ import annotations

from typing import Iterable, Iterator


def _result(start: int, end: int, label: str, text: str, score: float | None = None) -> dict:
    item = {
        "from_name": "label", "to_name": "text", "type": "labels",
        "value": {"start": start, "end": end, "text": text[start:end], "labels": [label]},
    }
    if score is not None:
        item["score"] = score
    return item


def to_tasks(records: Iterable[dict], model_version: str) -> Iterator[dict]:
    """One Label Studio task per record; its spans become a prediction (pre-annotation) tagged `model_version`."""
    for rec in records:
        result = [_result(s, e, label, rec["text"]) for s, e, label in rec["spans"]]
        yield {
            "data": {"text": rec["text"], "medkiln_id": rec["id"]},
            "predictions": [{"model_version": model_version, "result": result}],
        }


def from_export(tasks: Iterable[dict]) -> Iterator[dict]:
    """Span records from a Label Studio JSON export: the latest non-cancelled annotation of each task.

    Tasks whose annotations are all cancelled (skipped) are left out; count them with `skipped_ids`.
    """
    for task in tasks:
        annotations = [a for a in task.get("annotations", []) if not a.get("was_cancelled")]
        if not annotations:
            continue
        latest = max(annotations, key=lambda a: (a.get("updated_at") or "", a.get("id") or 0))
        spans = sorted(
            [item["value"]["start"], item["value"]["end"], item["value"]["labels"][0]]
            for item in latest.get("result", []) if item.get("type") == "labels"
        )
        data = task["data"]
        yield {"id": data.get("medkiln_id", str(task.get("id"))), "text": data["text"], "spans": spans,
               "meta": {"source": "labelstudio", "task_id": task.get("id"), "annotation_id": latest.get("id")}}


def skipped_ids(tasks: Iterable[dict]) -> list:
    """Ids of tasks that have annotations but all of them cancelled (reviewers skipped them)."""
    return [t["data"].get("medkiln_id", t.get("id")) for t in tasks
            if t.get("annotations") and all(a.get("was_cancelled") for a in t["annotations"])]
