"""`medkiln review status`: progress and agreement.

- counts: tasks, done (at least one submitted annotation), skipped (only cancelled ones), pending, reviewers,
  conflicts;
- `pre_annotation`: per model version, the pre-annotations scored against the final decision (the conflict
  rule of `annotation.resolve`) per label: precision, recall, F1 (exact span and label), and the share of
  tasks the reviewers changed. This is how good the teachers / the student were;
- `reviewers`: agreement between reviewers on tasks with two or more submitted annotations: pairwise exact
  span F1 per label (symmetric; 1.0 = identical), micro over all pairs, and the share of tasks where they
  agreed completely.
Extraction choices count under their choice name (e.g. `assertion`); translation compares whole texts
(`label` = "translation": exact-match share and mean character similarity).
"""

from __future__ import annotations

import difflib
from collections import Counter, defaultdict
from itertools import combinations

from . import client as ls
from .convert import parse_result
from .kinds import review_kind
from .resolve import items, resolve_task


def _label(item: tuple) -> str:
    return {"span": lambda i: i[3], "choice": lambda i: i[1], "relation": lambda i: "relation",
            "ref": lambda i: "translation"}[item[0]](item)


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(2 * p * r / (p + r) if p + r else 0.0, 4),
            "tp": tp, "fp": fp, "fn": fn}


def _compare(pairs: list[tuple[set, set]]) -> dict:
    """Per-label and micro P/R/F1 of `a` against `b` over (a, b) item-set pairs."""
    counts: dict[str, Counter] = defaultdict(Counter)
    for a, b in pairs:
        for item in a | b:
            key = "tp" if item in a and item in b else "fp" if item in a else "fn"
            counts[_label(item)][key] += 1
    total = sum(counts.values(), Counter())
    return {"micro": _prf(total["tp"], total["fp"], total["fn"]),
            "per_label": {lab: _prf(c["tp"], c["fp"], c["fn"]) for lab, c in sorted(counts.items())},
            "tasks": len(pairs), "unchanged": round(sum(a == b for a, b in pairs) / len(pairs), 4) if pairs else None}


def _similarity(pairs: list[tuple[set, set]]) -> float | None:
    texts = [(next(iter(a))[1], next(iter(b))[1]) for a, b in pairs if a and b]
    if not texts:
        return None
    return round(sum(difflib.SequenceMatcher(None, x, y).ratio() for x, y in texts) / len(texts), 4)


def status_from_tasks(tasks: list[dict], kind: str, rule: str = "majority") -> dict:
    counts = Counter(tasks=len(tasks))
    reviewers, conflicts = set(), 0
    pre: dict[str, list] = defaultdict(list)
    between: list[tuple[set, set]] = []
    for task in tasks:
        decided = resolve_task(task, kind, rule)
        counts[decided["status"]] += 1
        counts["annotations"] += len(task.get("annotations") or [])
        counts["cancelled"] += sum(bool(a.get("was_cancelled")) for a in task.get("annotations") or [])
        reviewers.update(decided["reviewers"])
        conflicts += decided["conflict"]
        if decided["status"] == "done":
            final = items(decided["fields"], kind)
            for pred in task.get("predictions") or []:
                if isinstance(pred, dict):
                    got = items(parse_result(pred.get("result") or [], task.get("data") or {}, kind), kind)
                    pre[str(pred.get("model_version"))].append((got, final))
        valid = [a for a in task.get("annotations") or [] if not a.get("was_cancelled")]
        parsed = [items(parse_result(a.get("result") or [], task.get("data") or {}, kind), kind) for a in valid]
        between += list(combinations(parsed, 2))
    report = {"tasks": counts["tasks"], "done": counts["done"], "skipped": counts["skipped"],
              "pending": counts["pending"], "dropped": counts["dropped"], "annotations": counts["annotations"],
              "cancelled_annotations": counts["cancelled"], "reviewers": len(reviewers), "conflicts": conflicts,
              "rule": rule, "pre_annotation": {v: _compare(p) for v, p in sorted(pre.items())},
              "reviewers_agreement": _compare(between) if between else None}
    if review_kind(kind).similarity:
        for version, pairs in pre.items():
            report["pre_annotation"][version]["similarity"] = _similarity(pairs)
        if between:
            report["reviewers_agreement"]["similarity"] = _similarity(between)
    return report


def status(domain: str, project: str, *, url=None, token_file=None, token=None, rule: str = "majority") -> dict:
    from medkiln.domains import as_spec

    spec = as_spec(domain)
    client = ls.connect(url, token_file, token=token)
    info = ls.require_project(client, project)
    report = status_from_tasks(ls.export_tasks(client, info["id"]), spec.kind, rule)
    return {"project": project, "project_id": info["id"], "domain": spec.registry_name, **report}


def status_markdown(report: dict) -> str:
    """A short Markdown table of the report (counts and per-label F1), for `--out`."""
    lines = [f"# Review status: {report.get('project', '')}", "",
             "| tasks | done | skipped | pending | reviewers | conflicts |", "|---|---|---|---|---|---|",
             f"| {report['tasks']} | {report['done']} | {report['skipped']} | {report['pending']} | "
             f"{report['reviewers']} | {report['conflicts']} |", ""]
    sections = [(f"Pre-annotations `{v}` vs final", c) for v, c in report["pre_annotation"].items()]
    if report.get("reviewers_agreement"):
        sections.append(("Between reviewers (pairwise)", report["reviewers_agreement"]))
    for title, comp in sections:
        lines += [f"## {title} ({comp['tasks']} tasks, unchanged {comp['unchanged']})", "",
                  "| label | P | R | F1 | tp | fp | fn |", "|---|---|---|---|---|---|---|"]
        for label, m in [("micro", comp["micro"]), *comp["per_label"].items()]:
            cells = [label, *(m[k] for k in ("precision", "recall", "f1", "tp", "fp", "fn"))]
            lines.append("| " + " | ".join(str(c) for c in cells) + " |")
        lines.append("")
    return "\n".join(lines)
