"""`medkiln review push`: create or update a project and import pre-annotated tasks, idempotently.

Each task carries the record id as `data.medkiln_id`. Pushing again never duplicates a task: a record whose
id is already in the project is skipped, or, when this push brings a prediction from a model version the
task does not have yet, that prediction is added to the existing task. New tasks are imported in review
order (most useful first), in batches, so Label Studio's default sequential sampling shows them first;
`data.medkiln_rank` lets reviewers sort by it in the Data Manager too.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

from medkiln.core.errors import MedkilnError
from medkiln.core.records import iter_jsonl

from . import client as ls
from .kinds import labeling_config
from .kinds import review_kind
from .convert import prediction, to_task
from .selection import select

log = logging.getLogger(__name__)
BATCH = 200


def read_records(path: str | Path, kind: str) -> list[dict]:
    """Records from JSONL, checked for the fields a `kind` task needs (E218 names file and line)."""
    need = review_kind(kind).needs
    records, seen = [], {}
    for line_no, rec in iter_jsonl(path):
        for field in need:
            if field not in rec:
                raise MedkilnError("E218", path=path, line=line_no, field=field, kind=kind)
        rec["id"] = str(rec["id"])
        if rec["id"] in seen:
            raise MedkilnError("E220", path=path, line=line_no, id=rec["id"], first=seen[rec["id"]])
        seen[rec["id"]] = line_no
        records.append(rec)
    return records


def _existing(tasks: list[dict]) -> dict[str, tuple[int, set]]:
    out = {}
    for task in tasks:
        mid = (task.get("data") or {}).get("medkiln_id")
        if mid is not None:
            out[str(mid)] = (task["id"], {p.get("model_version") for p in task.get("predictions") or []})
    return out


def _default_version(records: list[dict], data: Path) -> str:
    meta = (records[0].get("meta") or {}) if records else {}
    if meta.get("model_version") or meta.get("teacher"):
        return str(meta.get("model_version") or meta.get("teacher"))
    if meta.get("annotators"):
        return "ensemble:" + "+".join(meta["annotators"])
    return data.stem


def push_records(client, spec, records: list[dict], project: str, *, model_version: str | None,
                 how: str = "uncertainty", budget: int | None = None, seed: int = 0, batch_size: int = BATCH) -> dict:
    """Push `records` (already carrying spans/scores or MT) to `project`; returns counts and ids only."""
    started = time.perf_counter()
    ordered = select(records, how, budget, seed)
    proj, action = ls.ensure_project(client, project, labeling_config(spec),
                                     description=f"medkiln review of {spec.registry_name}")
    existing = _existing(ls.export_tasks(client, proj["id"])) if action != "created" else {}
    new, extra, skipped = [], [], 0
    for rank, rec in enumerate(ordered):
        if rec["id"] in existing:
            task_id, versions = existing[rec["id"]]
            if model_version is not None and model_version not in versions:
                extra.append({**prediction(rec, spec.kind, model_version), "task": task_id})
            else:
                skipped += 1
            continue
        new.append(to_task(rec, spec.kind, model_version, rank))
    task_ids, added = [], 0
    for i in range(0, len(new), batch_size):
        task_ids += ls.import_tasks(client, proj["id"], new[i:i + batch_size])
        log.info("imported %d/%d new tasks into project %s", min(i + batch_size, len(new)), len(new), proj["id"])
    for i in range(0, len(extra), batch_size):
        added += ls.add_predictions(client, proj["id"], extra[i:i + batch_size])
    return {"project": project, "project_id": proj["id"], "project_action": action, "domain": spec.registry_name,
            "selection": how, "budget": budget, "considered": len(records), "selected": len(ordered),
            "created": len(task_ids), "predictions_added": added, "already_present": skipped,
            "batches": -(-len(new) // batch_size) - (-len(extra) // batch_size), "model_version": model_version,
            "first_ids": [rec["id"] for rec in ordered[:10]], "wall_s": round(time.perf_counter() - started, 3)}


def push(domain: str, data: str | Path, project: str, *, url: str | None = None, token_file: str | Path | None = None,
         token: str | None = None, model: str | Path | None = None, model_version: str | None = None,
         how: str = "uncertainty", budget: int | None = None, seed: int = 0, batch_size: int = BATCH,
         passes: int = 10) -> dict:
    """Read `data` (span JSONL from `medkiln annotate`/`synth`, or parallel JSONL), optionally pre-annotate
    with the student `model` (per-span MC-dropout scores), and push. `model_version` defaults to the
    student's name-version, else the file's `meta.model_version`/teacher, else `data`'s stem."""
    from medkiln.domains import as_spec

    spec = as_spec(domain)
    records = read_records(data, spec.kind)
    if model is not None and not review_kind(spec.kind).accepts_model:
        raise MedkilnError("E219", kind=spec.kind)
    client = ls.connect(url, token_file, token=token)  # URL and token problems show before any scoring
    if model is not None:
        from medkiln.serving.pipeline import load_pipeline

        from .student import model_version as version_of, predict_records

        nlp = load_pipeline(model)
        records = predict_records(nlp, records, passes=passes, seed=seed)
        model_version = model_version or version_of(nlp)
    model_version = model_version or _default_version(records, Path(data))
    return push_records(client, spec, records, project, model_version=model_version, how=how, budget=budget,
                        seed=seed, batch_size=batch_size)
