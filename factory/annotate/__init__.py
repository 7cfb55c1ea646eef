"""Pre-annotation of the user's own texts by an ensemble of teachers plus rule annotators.

`annotate(domain, input, out_dir, teachers=[...])` writes `annotations.jsonl` (span contract; per-record
votes and confidence in `meta`) as results arrive, then `report.json` and `annotate.json` (the resolved
settings). A record one of the teachers could not annotate (its `meta.status` names the reason) still gets
the others' votes; the report counts such records (`failed_records`) and their reasons (`unannotated`,
`teacher:reason` -> records), and the CLI exits non-zero with that table. `resume=True` skips ids already
annotated and redoes those a teacher failed on for transport reasons (timeouts, HTTP errors); the file
then keeps the latest line per id. Input is real data by default: the privacy guard only lets it go to
loopback/private teachers unless `allow_remote=True`.
"""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Iterator

from medkiln.domains import as_spec

from medkiln.core.errors import MedkilnError
from medkiln.core.records import iter_jsonl, write_json, write_jsonl
from ..teachers import get_teacher
from ..teachers.openai_client import is_transport
from ..teachers.privacy import check_privacy, redact_url
from .ensemble import vote
from .rules import RuleAnnotator

log = logging.getLogger(__name__)
BATCH = 64


def read_texts(path: str | Path, text_field: str = "text", id_field: str = "id") -> Iterator[dict]:
    """`{"id", "text"}` records from JSONL, a .txt file or a folder of .txt files."""
    path = Path(path)
    if not path.exists():
        raise MedkilnError("S002", path=path)
    if path.is_dir():
        for file in sorted(path.glob("*.txt")):
            yield {"id": file.stem, "text": file.read_text(encoding="utf-8")}
        return
    if path.suffix != ".jsonl":
        yield {"id": path.stem, "text": path.read_text(encoding="utf-8")}
        return
    for line_no, rec in iter_jsonl(path):
        if not isinstance(rec.get(text_field), str):
            raise MedkilnError("S022", path=path, line=line_no, field=text_field)
        yield {"id": str(rec.get(id_field, f"{path.stem}-{line_no}")), "text": rec[text_field]}


def build_annotators(spec, teachers: list[str], settings: dict, rules: bool) -> list:
    """Teacher specs `name` or `name:model` (e.g. `openai:qwen2.5`) -> annotator objects; `offline`/`rules`
    mean the domain's rule recognizers."""
    annotators: list = []
    for item in teachers:
        name, _, model = item.partition(":")
        if name in ("offline", "rules"):
            rules = True
            continue
        opts = {**settings, **({"model": model} if model else {})}
        annotators.append(get_teacher(name, **opts))
    if rules and spec.patterns:
        annotators.append(RuleAnnotator(spec))
    labels = [getattr(a, "label", a.name) for a in annotators]
    if len(set(labels)) != len(labels):
        for i, ann in enumerate(annotators):
            ann.label = f"{labels[i]}#{i}"
    return annotators


def _annotate_one(spec, annotators: list, rec: dict, real: bool) -> dict:
    results = {a.label: a.annotate_text(spec, rec["text"], real) for a in annotators}
    ok = {who: res["spans"] for who, res in results.items() if res["ok"]}
    spans, votes = vote(ok, order=[a.label for a in annotators])
    status = {who: ("ok" if res["ok"] else res["reason"]) for who, res in results.items()}
    meta = {"annotators": [a.label for a in annotators], "status": status, "votes": votes,
            "disagreements": sum(1 for v in votes if v["disagreement"]),
            "prompt_versions": {a.label: f"annotate.{a.version}" for a in annotators if hasattr(a, "version")}}
    return {"id": rec["id"], "text": rec["text"], "spans": spans, "meta": meta}


def _read_written(path: Path) -> dict[str, dict]:
    """The records already in `annotations.jsonl`, the latest line per id (in first-seen order)."""
    written: dict[str, dict] = {}
    if not path.exists():
        return written
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            try:
                rec = json.loads(line)
                written[str(rec["id"])] = rec
            except (json.JSONDecodeError, KeyError, TypeError):
                continue  # a line cut off by a crash: that record is redone
    return written


def _done_ids(written: dict[str, dict]) -> set[str]:
    """Ids that need no new request: no teacher failed on them for a reason a new try could change."""
    return {rid for rid, rec in written.items()
            if not any(is_transport(str(status)) for status in (rec.get("meta") or {}).get("status", {}).values())}


def _unannotated(written: dict[str, dict]) -> tuple[int, Counter]:
    """Records some teacher could not annotate, and `teacher:reason` -> records, over the whole output."""
    table: Counter = Counter()
    failed = 0
    for rec in written.values():
        bad = {who: status for who, status in (rec.get("meta") or {}).get("status", {}).items() if status != "ok"}
        table.update(f"{who}:{status}" for who, status in bad.items())
        failed += bool(bad)
    return failed, table


def _run(spec, annotators: list, todo, target: Path, append: bool, real: bool) -> tuple[Counter, Counter, dict]:
    """Annotate `todo` in batches, writing each record as it is decided; returns counts, labels, failures."""
    counts: Counter = Counter(docs=0, spans=0, disagreements=0)
    labels: Counter = Counter()
    failures: dict[str, Counter] = {a.label: Counter() for a in annotators}
    workers = max([getattr(a, "concurrency", 1) for a in annotators] + [1])
    with target.open("a" if append else "w", encoding="utf-8") as fh, ThreadPoolExecutor(workers) as pool:
        while batch := [rec for _, rec in zip(range(BATCH), todo)]:
            for res in pool.map(lambda r: _annotate_one(spec, annotators, r, real), batch):
                fh.write(json.dumps(res, ensure_ascii=False) + "\n")
                fh.flush()
                counts["docs"] += 1
                counts["spans"] += len(res["spans"])
                counts["disagreements"] += res["meta"]["disagreements"]
                labels.update(label for _, _, label in res["spans"])
                for who, status in res["meta"]["status"].items():
                    if status != "ok":
                        failures[who][status] += 1
    return counts, labels, failures


def annotate(domain: str, input_path: str | Path, out_dir: str | Path, *, teachers: list[str] | None = None,
             teacher_settings: dict | None = None, rules: bool = True, real: bool = True,
             allow_remote: bool = False, resume: bool = False, text_field: str = "text",
             id_field: str = "id") -> dict:
    """Pre-annotate texts with an ensemble; returns the run report (also written to `report.json`)."""
    started = time.perf_counter()
    spec = as_spec(domain)
    settings = {**(teacher_settings or {})}
    if "base_url" in settings and settings["base_url"]:
        check_privacy(str(settings["base_url"]), real=real, allow_remote=allow_remote)
    settings["allow_remote"] = allow_remote
    annotators = build_annotators(spec, list(teachers or []), settings, rules)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    target = out / "annotations.jsonl"
    written = _read_written(target) if resume else {}
    done = _done_ids(written)
    todo = (rec for rec in read_texts(input_path, text_field, id_field) if rec["id"] not in done)
    try:
        counts, labels, failures = _run(spec, annotators, todo, target, resume, real)
    finally:
        for ann in annotators:
            if hasattr(ann, "close"):
                ann.close()
    final = _read_written(target)
    if resume and len(written) > len(done):  # records redone: keep the latest line per id
        write_jsonl(target, list(final.values()))
    failed, table = _unannotated(final)
    report = {
        "domain": spec.registry_name, "out": str(target), **counts, "skipped_done": len(done),
        "records": len(final), "failed_records": failed, "unannotated": dict(table.most_common()),
        "labels": dict(sorted(labels.items())), "annotators": [a.label for a in annotators],
        "failures": {who: dict(c) for who, c in failures.items() if c},
        "response_format": {a.label: a.response_format for a in annotators if hasattr(a, "response_format")},
        "teachers": {a.label: a.stats.to_dict() for a in annotators if hasattr(a, "stats")},
        "wall_s": round(time.perf_counter() - started, 3),
    }
    public = {k: v for k, v in settings.items() if k != "stats"}
    if public.get("base_url"):
        public["base_url"] = redact_url(str(public["base_url"]))
    write_json(out / "annotate.json", {"domain": spec.registry_name, "teachers": list(teachers or []),
                                       "rules": rules, "real": real, "teacher_settings": public})
    write_json(out / "report.json", report)
    return report
