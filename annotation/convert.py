"""Records <-> Label Studio tasks, predictions and annotation results, for every domain kind (what differs by
kind is in `annotation.kinds`).

Records follow the data contracts:
- spans: `{"id", "text", "spans": [[start, end, label], ...], "meta": {...}}`;
- extraction: the same plus `"attributes": {choice_name: [[start, end, value], ...]}` (e.g. assertion status
  per span) and `"relations": [[head_start, head_end, attr_start, attr_end], ...]`;
- translation: `{"id", "src", "ref", "src_lang", "tgt_lang"}`; the machine translation to post-edit is
  `mt` when present, else `ref`.

Every task carries the record's id as `data.medkiln_id` (what makes pushing idempotent), its review rank
as `data.medkiln_rank`, and the record's other fields in `data.medkiln_extra` (restored on pull). Per-span scores
come from `meta.scores` (aligned with `spans`, written by `annotation.student`) or from the ensemble's
`meta.votes` confidences (`factory.annotate`).
"""

from __future__ import annotations

from medkiln.serving.labelstudio import prediction as build_prediction

from .kinds import bad, review_kind


def task_data(rec: dict, kind: str, rank: int | None = None) -> dict:
    review = review_kind(kind)
    data = review.data(rec)
    extra = {k: v for k, v in rec.items() if k not in review.decided}
    if extra:  # fields review does not touch (notes' `sections`, translation `terms`): carried to the pull
        data["medkiln_extra"] = extra
    data["medkiln_id"] = str(rec["id"])
    if rank is not None:
        data["medkiln_rank"] = rank
    return data


def prediction(rec: dict, kind: str, model_version: str) -> dict:
    """A Label Studio prediction for `rec`: result items with per-span `score`, task-level `score` = the
    least sure span (1.0 without scores)."""
    items, scores = review_kind(kind).prediction_items(rec)
    return build_prediction(items, scores, model_version)


def to_task(rec: dict, kind: str, model_version: str | None, rank: int | None = None) -> dict:
    task = {"data": task_data(rec, kind, rank)}
    if model_version is not None:
        task["predictions"] = [prediction(rec, kind, model_version)]
    return task


def _checked(result, where: str, task) -> list[dict]:
    if not isinstance(result, list):
        raise bad(where, task, 0, f"is not a list of result items (got {type(result).__name__})")
    for i, item in enumerate(result):
        if not isinstance(item, dict) or not isinstance(item.get("value", {}), dict):
            raise bad(where, task, i, "is not a result item (a JSON object with a 'value' object)")
    return result


def parse_result(result: list[dict], data: dict, kind: str, *, where: str = "export", task=None,
                 labels: frozenset[str] | None = None) -> dict:
    """The record fields decided by one annotation/prediction `result` (no id/text): `spans` (+ `attributes`
    and `relations`) or `ref`. Offsets are checked against the task text, span labels against `labels` when
    given (E214 names task and item, never the text or a value)."""
    return review_kind(kind).parse(_checked(result, where, task), data, where, task, labels)


def base_record(task: dict, kind: str, where: str = "export") -> dict:
    """id and input fields of the record behind `task` (its `medkiln_id`, else the Label Studio task id);
    E214 when a text field is not a string or is not valid Unicode."""
    review = review_kind(kind)
    data = task.get("data") or {}
    rec = {"id": str(data.get("medkiln_id", task.get("id")))}
    for field in review.text_fields:
        value = data.get(field, "")
        if not isinstance(value, str):
            raise bad(where, task.get("id"), 0, f"has a '{field}' that is not a string")
        if not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise bad(where, task.get("id"), 0, f"has a '{field}' with an unpaired surrogate") from None
        rec[field] = value
    if isinstance(data.get("medkiln_extra"), dict):
        rec.update({k: v for k, v in data["medkiln_extra"].items() if k not in review.decided})
    return rec
