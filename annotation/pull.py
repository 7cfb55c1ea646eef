"""`medkiln review pull` / `review import`: reviewed tasks -> the data the trainers read.

Writes to OUT (atomically; OUT must not be the input):
- `reviewed.jsonl`: every decided task as a record (span JSONL for spans/extraction, parallel JSONL for
  translation) with `meta.source="labelstudio"`, task and annotation ids, reviewer ids and how it was decided;
- `train.jsonl` / `dev.jsonl` (and `test.jsonl` when the base has one), and the same splits as a Hugging Face
  DatasetDict in `hf/` (`core.records.write_splits`): merged over `base`'s splits when given;
  a reviewed record keeps the split its id had in the base (reviewed records replace base records with the same
  id), a new one goes by `core.records.split_of` (`dev_fraction`); ready for `medkiln train --data OUT`;
- `reviewed.spacy`: a DocBin of the reviewed records (spans kinds);
- `pull.json`: counts, skipped / pending / conflicting / dropped task ids (ids only, never text).
"""

from __future__ import annotations

import json
from pathlib import Path

from medkiln.core.errors import MedkilnError
from medkiln.core.records import DATASET_DICT, SPLITS, iter_jsonl, split_of, write_json, write_jsonl, write_splits

from . import client as ls
from .convert import base_record
from .kinds import review_kind
from .resolve import resolve_task


def records_from_tasks(tasks: list[dict], kind: str, rule: str = "majority", where: str = "export",
                       labels: frozenset[str] | None = None) -> tuple[list, dict]:
    """(records, report) from exported tasks, by the conflict rule in `annotation.resolve`. A task that cannot
    be read (bad offsets, an unknown label, a text that is not valid Unicode) is left out and listed in
    `report["failed"]` with its code and message (task ids and item numbers, never text)."""
    records, report = [], {"tasks": len(tasks), "done": 0, "skipped": [], "pending": 0, "conflicts": [],
                           "dropped": [], "how": {}, "failed": []}
    for task in tasks:
        try:
            rec_id = base_record(task, kind, where)["id"]
            decided = resolve_task(task, kind, rule, where, labels)
        except MedkilnError as err:
            if err.code != "E214":
                raise
            report["failed"].append({"task": task.get("id"), "code": err.code, "message": str(err)})
            continue
        if decided["conflict"]:
            report["conflicts"].append(rec_id)
        if decided["status"] == "skipped":
            report["skipped"].append(rec_id)
        elif decided["status"] == "pending":
            report["pending"] += 1
        elif decided["status"] == "dropped":
            report["dropped"].append(rec_id)
        else:
            report["done"] += 1
            report["how"][decided["how"]] = report["how"].get(decided["how"], 0) + 1
            rec = {**base_record(task, kind), **decided["fields"]}
            rec["meta"] = {"source": "labelstudio", "task_id": task.get("id"), "annotation_ids": decided["annotations"],
                           "reviewers": decided["reviewers"], "resolution": decided["how"]}
            records.append(rec)
    return records, report


def _base_splits(base: Path | None) -> dict[str, tuple[str, dict]]:
    """id -> (split, record) of every record in the base data's train/dev/test files."""
    found: dict[str, tuple[str, dict]] = {}
    for name in SPLITS if base is not None else ():
        path = base / f"{name}.jsonl"
        if path.exists():
            found.update((str(rec.get("id")), (name, rec)) for _, rec in iter_jsonl(path))
    return found


def _split(records: list[dict], fraction: float, base: dict[str, tuple[str, dict]]) -> dict[str, list[dict]]:
    """Reviewed records by split: a record the base data holds keeps its split (a test record never lands in
    train after review); a new one is placed by `core.records.split_of` on its id; base records that were not
    reviewed stay where they were."""
    parts: dict[str, list[dict]] = {name: [] for name in SPLITS}
    reviewed = {str(r["id"]) for r in records}
    for rid, (name, rec) in base.items():
        if rid not in reviewed:
            parts[name].append(rec)
    new = []
    for rec in records:
        name = base[str(rec["id"])][0] if str(rec["id"]) in base else split_of(str(rec["id"]), fraction, 0.0)
        parts[name].append(rec)
        if str(rec["id"]) not in base:
            new.append((name, rec))
    if fraction > 0 and not any(name == "dev" for name, _ in new) and sum(n == "train" for n, _ in new) > 1:
        moved = next(rec for name, rec in reversed(new) if name == "train")  # tiny reviews still get a dev record
        parts["train"].remove(moved)
        parts["dev"].append(moved)
    return parts


def write_outputs(records: list[dict], report: dict, out: Path, spec, *, dev_fraction: float = 0.2,
                  base: Path | None = None) -> dict:
    out = Path(out)
    if base is not None and Path(base).resolve() == out.resolve():
        raise MedkilnError("S004", output=out)
    parts = _split(records, dev_fraction, _base_splits(Path(base) if base is not None else None))
    write_jsonl(out / "reviewed.jsonl", records)
    files = ["reviewed.jsonl"]
    written = write_splits(out, {name: parts[name] for name in SPLITS if parts[name] or name != "test"})
    files += [*written["splits"].values(), DATASET_DICT]
    train, dev = parts["train"], parts["dev"]
    if review_kind(spec.kind).docbin:
        _write_docbin(records, out / "reviewed.spacy", spec.lang)
        files.append("reviewed.spacy")
    summary = {**report, "domain": spec.registry_name, "out": str(out), "files": files, "reviewed": len(records),
               "train": len(train), "dev": len(dev), "test": len(parts["test"]), "base": str(base) if base else None}
    write_json(out / "pull.json", summary)
    return summary


def _write_docbin(records: list[dict], path: Path, lang: str) -> None:
    import os
    import tempfile

    import spacy

    from medkiln.core.records import records_to_docbin

    docbin, _ = records_to_docbin(records, spacy.blank(lang))
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    with os.fdopen(fd, "wb") as fh:
        fh.write(docbin.to_bytes())
    os.replace(tmp, path)


def pull(domain: str, project: str, out: str | Path, *, url: str | None = None, token_file: str | Path | None = None,
         token: str | None = None, rule: str = "majority", dev_fraction: float = 0.2,
         base: str | Path | None = None) -> dict:
    """Fetch the project's export and write the reviewed data to `out`."""
    from medkiln.domains import as_spec

    spec = as_spec(domain)
    client = ls.connect(url, token_file, token=token)
    project_info = ls.require_project(client, project)
    tasks = ls.export_tasks(client, project_info["id"])
    records, report = records_from_tasks(tasks, spec.kind, rule, where=f"project {project_info['id']}",
                                         labels=frozenset(spec.labels) or None)
    report.update(project=project, project_id=project_info["id"], rule=rule)
    return write_outputs(records, report, Path(out), spec, dev_fraction=dev_fraction,
                         base=Path(base) if base else None)


def read_export(path: str | Path) -> list[dict]:
    """A Label Studio JSON export file (a list of tasks); E008 / E216 otherwise."""
    path = Path(path)
    if not path.exists():
        raise MedkilnError("S002", path=path)
    try:
        tasks = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError, RecursionError, ValueError):
        raise MedkilnError("E216", path=path) from None
    if not isinstance(tasks, list) or not all(isinstance(t, dict) and "data" in t for t in tasks):
        raise MedkilnError("E216", path=path)
    return tasks


def import_export(domain: str, export: str | Path, out: str | Path, *, rule: str = "majority",
                  dev_fraction: float = 0.2, base: str | Path | None = None) -> dict:
    """Offline: convert a Label Studio JSON export file like `pull` does."""
    from medkiln.domains import as_spec

    spec = as_spec(domain)
    out = Path(out)
    if Path(export).resolve() == out.resolve():
        raise MedkilnError("S004", output=out)
    records, report = records_from_tasks(read_export(export), spec.kind, rule, where=str(export),
                                         labels=frozenset(spec.labels) or None)
    report.update(export=str(export), rule=rule)
    return write_outputs(records, report, out, spec, dev_fraction=dev_fraction, base=Path(base) if base else None)
