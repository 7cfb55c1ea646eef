"""Records <-> Label Studio tasks, predictions and annotation results, for every domain kind.

Records follow the data contracts:
- spans: `{"id", "text", "spans": [[start, end, label], ...], "meta": {...}}`;
- extraction: the same plus `"attributes": {choice_name: [[start, end, value], ...]}` (e.g. assertion status
  per span) and `"relations": [[head_start, head_end, attr_start, attr_end], ...]`;
- translation: `{"id", "src", "ref", "src_lang", "tgt_lang"}`; the machine translation to post-edit is
  `mt` when present, else `ref`.

Every task carries the record's id as `data.medkiln_id` (what makes pushing idempotent), its review rank
as `data.medkiln_rank`, and the record's other fields in `data.medkiln_extra` (restored on pull). Per-span scores come from `meta.scores` (aligned with `spans`, written by
`annotation.student`) or from the ensemble's `meta.votes` confidences (`factory.annotate`).
"""

from __future__ import annotations

from medkiln.core.errors import MedkilnError

from .config import MT_FROM, SPAN_FROM, SRC_NAME, TEXT_NAME


# Fields a task's review decides or that the task itself holds; every other field rides along untouched.
_DECIDED = {
    "spans": {"id", "text", "spans", "meta"},
    "extraction": {"id", "text", "spans", "attributes", "relations", "meta"},
    "translation": {"id", "src", "ref", "mt", "src_lang", "tgt_lang", "meta"},
}


def span_scores(rec: dict) -> list[float | None]:
    """One score per span of `rec` (None when the record carries none)."""
    meta = rec.get("meta") or {}
    if isinstance(meta.get("scores"), list) and len(meta["scores"]) == len(rec["spans"]):
        return [None if s is None else float(s) for s in meta["scores"]]
    votes = {(v["start"], v["end"], v["label"]): v.get("confidence") for v in meta.get("votes") or []}
    return [votes.get((int(s), int(e), str(label))) for s, e, label in rec["spans"]]


def _region(i: int, start: int, end: int, text: str) -> tuple[str, dict]:
    return f"r{i}", {"start": start, "end": end, "text": text[start:end]}


def task_data(rec: dict, kind: str, rank: int | None = None) -> dict:
    if kind == "translation":
        data = {"src": rec["src"], "src_lang": rec.get("src_lang", ""), "tgt_lang": rec.get("tgt_lang", "")}
    else:
        data = {"text": rec["text"]}
    extra = {k: v for k, v in rec.items() if k not in _DECIDED[kind]}
    if extra:  # fields review does not touch (notes' `sections`, translation `terms`): carried to the pull
        data["medkiln_extra"] = extra
    data["medkiln_id"] = str(rec["id"])
    if rank is not None:
        data["medkiln_rank"] = rank
    return data


def prediction(rec: dict, kind: str, model_version: str) -> dict:
    """A Label Studio prediction for `rec`: result items with per-span `score`, task-level `score` = the
    least sure span (1.0 without spans)."""
    if kind == "translation":
        mt = rec.get("mt") or rec.get("ref") or ""
        result = [{"id": "t0", "from_name": MT_FROM, "to_name": SRC_NAME, "type": "textarea",
                   "value": {"text": [mt]}}]
        score = (rec.get("meta") or {}).get("score")
        return {"model_version": model_version, "score": 1.0 if score is None else float(score), "result": result}
    text, result, by_span = rec["text"], [], {}
    scores = span_scores(rec)
    for i, ((start, end, label), score) in enumerate(zip(rec["spans"], scores)):
        rid, value = _region(i, int(start), int(end), text)
        item = {"id": rid, "from_name": SPAN_FROM, "to_name": TEXT_NAME, "type": "labels",
                "value": {**value, "labels": [label]}}
        if score is not None:
            item["score"] = round(score, 4)
        result.append(item)
        by_span[(int(start), int(end))] = (rid, value)
    for name, triples in (rec.get("attributes") or {}).items():
        for start, end, choice in triples:
            if (int(start), int(end)) in by_span:
                rid, value = by_span[(int(start), int(end))]
                result.append({"id": rid, "from_name": name, "to_name": TEXT_NAME, "type": "choices",
                               "value": {**value, "choices": [choice]}})
    for hs, he, ts, te in rec.get("relations") or []:
        if (hs, he) in by_span and (ts, te) in by_span:
            result.append({"type": "relation", "from_id": by_span[(ts, te)][0], "to_id": by_span[(hs, he)][0],
                           "direction": "right", "labels": ["attribute_of"]})
    known = [s for s in scores if s is not None]
    return {"model_version": model_version, "score": round(min(known), 4) if known else 1.0, "result": result}


def to_task(rec: dict, kind: str, model_version: str | None, rank: int | None = None) -> dict:
    task = {"data": task_data(rec, kind, rank)}
    if model_version is not None:
        task["predictions"] = [prediction(rec, kind, model_version)]
    return task


def _bad(where: str, task, item: int, reason: str) -> MedkilnError:
    return MedkilnError("E214", where=where, task=task, item=item, reason=reason)


def _shown(value) -> str:
    """An offset as the message shows it: a whole number as is, anything else by its type (never its content)."""
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else type(value).__name__


def _checked(result, where: str, task) -> list[dict]:
    if not isinstance(result, list):
        raise _bad(where, task, 0, f"is not a list of result items (got {type(result).__name__})")
    for i, item in enumerate(result):
        if not isinstance(item, dict) or not isinstance(item.get("value", {}), dict):
            raise _bad(where, task, i, "is not a result item (a JSON object with a 'value' object)")
    return result


def parse_result(result: list[dict], data: dict, kind: str, *, where: str = "export", task=None,
                 labels: frozenset[str] | None = None) -> dict:
    """The record fields decided by one annotation/prediction `result` (no id/text): `spans` (+ `attributes`
    and `relations`) or `ref`. Offsets are checked against the task text, span labels against `labels` when
    given (E214 names task and item, never the text or a value)."""
    result = _checked(result, where, task)
    if kind == "translation":
        texts = [" ".join(str(t) for t in (item["value"].get("text") or [])) for item in result
                 if item.get("type") == "textarea" and item.get("from_name", MT_FROM) == MT_FROM]
        return {"ref": texts[-1].strip() if texts else ""}
    text = data.get("text", "")
    spans, regions, attributes, relations = [], {}, {}, []
    for i, item in enumerate(result):
        kind_ = item.get("type")
        value = item.get("value") or {}
        if kind_ in ("labels", "choices"):
            start, end = value.get("start"), value.get("end")
            if not (isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text)):
                raise _bad(where, task, i, f"has offsets [{_shown(start)}, {_shown(end)}] outside the text "
                           f"(length {len(text)})")
        if kind_ == "labels":
            found = value.get("labels") or []
            if not isinstance(found, list) or len(found) != 1:
                raise _bad(where, task, i, "does not hold exactly one label")
            if labels is not None and found[0] not in labels:
                raise _bad(where, task, i, "has a label that is not in the domain's label set")
            spans.append([start, end, found[0]])
            regions[item.get("id")] = (start, end)
        elif kind_ == "choices" and value.get("choices"):
            attributes.setdefault(item["from_name"], []).append([start, end, value["choices"][0]])
        elif kind_ == "relation":
            relations.append((item.get("from_id"), item.get("to_id")))
    out = {"spans": sorted(spans)}
    if kind == "extraction":
        out["attributes"] = {name: sorted(v) for name, v in sorted(attributes.items())}
        out["relations"] = sorted([*regions[to], *regions[frm]] for frm, to in relations
                                  if frm in regions and to in regions)
    return out


def base_record(task: dict, kind: str, where: str = "export") -> dict:
    """id and input fields of the record behind `task` (its `medkiln_id`, else the Label Studio task id);
    E214 when a text field is not a string or is not valid Unicode."""
    data = task.get("data") or {}
    for field in ("src", "src_lang", "tgt_lang") if kind == "translation" else ("text",):
        value = data.get(field, "")
        if not isinstance(value, str):
            raise _bad(where, task.get("id"), 0, f"has a '{field}' that is not a string")
        if not value.isascii():
            try:
                value.encode("utf-8")
            except UnicodeEncodeError:
                raise _bad(where, task.get("id"), 0, f"has a '{field}' with an unpaired surrogate") from None
    rec = {"id": str(data.get("medkiln_id", task.get("id")))}
    if kind == "translation":
        rec.update(src=data.get("src", ""), src_lang=data.get("src_lang", ""), tgt_lang=data.get("tgt_lang", ""))
    else:
        rec["text"] = data.get("text", "")
    if isinstance(data.get("medkiln_extra"), dict):
        rec.update({k: v for k, v in data["medkiln_extra"].items() if k not in _DECIDED[kind]})
    return rec
