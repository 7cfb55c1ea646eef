"""What a task's reviewers decided, and the rule for when several reviewers disagree.

The conflict rule (documented in docs/review.md):
1. Cancelled (skipped) annotations never count. A task whose annotations are all cancelled is *skipped*;
   one without annotations is *pending*.
2. An annotation flagged ground truth in Label Studio wins outright (the latest one, if several).
3. If all remaining annotations decide the same thing, that is the result.
4. Otherwise the task is a *conflict*, resolved by `rule`:
   - `majority` (default): every item (span `[start, end, label]`, per-span choice, relation, or the whole
     post-edited translation) is kept when more than half of the annotations contain it exactly; an item
     on exactly half of them (a tie, e.g. two reviewers) is kept when the most recently updated annotation
     has it. So with two reviewers the latest one decides; with three, the majority does.
     Choices and relations whose spans were not kept are dropped.
   - `latest`: the most recently updated annotation wins.
   - `drop`: conflicting tasks are left out of the training data (still listed in the report).
"""

from __future__ import annotations

from collections import Counter

from medkiln.core.errors import MedkilnError

from .convert import parse_result
from .kinds import review_kind

RULES = ("majority", "latest", "drop")


def _latest_key(ann: dict) -> tuple:
    return (ann.get("updated_at") or ann.get("created_at") or "", ann.get("id") or 0)


def items(fields: dict, kind: str) -> set[tuple]:
    """The decided items of parsed fields, as hashable tuples."""
    return review_kind(kind).items(fields)


def fields_of(kept: set[tuple], kind: str) -> dict:
    """Back from items to record fields; choices/relations need their spans kept."""
    return review_kind(kind).fields_of(kept)


def _majority(parsed: list[tuple[dict, set]]) -> set[tuple]:
    n = len(parsed)
    latest = max(parsed, key=lambda p: _latest_key(p[0]))[1]
    votes = Counter(item for _, its in parsed for item in its)
    return {item for item, v in votes.items() if 2 * v > n or (2 * v == n and item in latest)}


def resolve_task(task: dict, kind: str, rule: str = "majority", where: str = "export",
                 labels: frozenset[str] | None = None) -> dict:
    """`{"status": "done"|"skipped"|"pending"|"dropped", "fields", "how", "annotations", "reviewers",
    "conflict"}` for one exported task."""
    if rule not in RULES:
        raise MedkilnError("E213", name=rule)
    anns = task.get("annotations") or []
    if not isinstance(anns, list) or not all(isinstance(a, dict) for a in anns):
        raise MedkilnError("E214", where=where, task=task.get("id"), item=0, reason="has annotations that are not "
                           "a list of objects")
    valid = [a for a in anns if not a.get("was_cancelled")]
    info = {"annotations": [a.get("id") for a in valid], "reviewers": sorted({a.get("completed_by") for a in valid},
                                                                             key=str), "conflict": False}
    if not valid:
        return {**info, "status": "skipped" if anns else "pending", "fields": None, "how": None}
    parsed = [(a, items(parse_result(a.get("result") or [], task.get("data") or {}, kind, where=where,
                                     task=task.get("id"), labels=labels), kind)) for a in valid]
    truth = [p for p in parsed if p[0].get("ground_truth")]
    if truth:
        kept, how = max(truth, key=lambda p: _latest_key(p[0]))[1], "ground_truth"
    elif all(its == parsed[0][1] for _, its in parsed):
        kept, how = parsed[0][1], "single" if len(parsed) == 1 else "agreed"
    else:
        info["conflict"] = True
        if rule == "drop":
            return {**info, "status": "dropped", "fields": None, "how": "drop"}
        latest = max(parsed, key=lambda p: _latest_key(p[0]))[1]
        kept = _majority(parsed) if rule == "majority" else latest
        kept = review_kind(kind).empty_conflict(kept, latest)
        how = rule
    return {**info, "status": "done", "fields": fields_of(kept, kind), "how": how}
