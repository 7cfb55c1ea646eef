"""Synthesis with LLM teachers: generator -> reviewer(s) -> adjudicator, diversity briefs, near-duplicate
removal, provenance per example, a run report, results written as they arrive and `resume`.

`n` is a target: attempts go on until `n` examples are accepted or the run's request budget is spent
(`max_requests`, default `default_request_budget`: retries count, cache hits do not); `report.json` says
whether at least `min_share` of `n` was reached (`met`) and holds the acceptance table (`outcomes`:
accepted, rejected or failed by stage and reason), so the CLI can exit non-zero with it.

`generated.jsonl` logs every attempt (`{"index", "status", "reason"?, "record"?}`) the moment it is decided;
`resume=True` replays it and only retries attempts that failed for transport reasons (timeouts, HTTP
errors). Finally the accepted records are split into train/dev/test with a data card, `synth.json` (the
resolved settings) and `report.json` (requests, cache hits, rejections by reason, tokens, wall time).
"""

from __future__ import annotations

import itertools
import json
import logging
import time
from collections import Counter, deque
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from pathlib import Path

from medkiln.domains import DomainSpec

from medkiln.core.records import write_json, write_splits
from ..teachers import get_teacher
from ..teachers.diversity import brief_for, load_axes
from medkiln.core.errors import TeacherError
from ..teachers.parse import resolve_overlaps
from ..teachers.openai_client import is_transport
from ..teachers.privacy import redact_url
from medkiln.core.records import SPLITS, split_of
from .card import card_markdown, data_card
from .dedup import NearDupIndex

log = logging.getLogger(__name__)


def adjudicate(gen_spans: list, reviews: list[dict], n_reviewers: int, gen_dropped: dict | None = None) -> dict:
    """Decide one example: `{"verdict": accept|repair|reject, "spans", "reason", "votes"}`.

    No reviewers: accept unless the generator used labels outside the domain. Otherwise a majority of
    the answering reviewers rejecting rejects; repairs are merged by span vote (an accepting reviewer
    endorses the generator's spans) keeping spans backed by at least half of the answering reviewers.
    """
    mislabelled = bool((gen_dropped or {}).get("unknown_label"))
    if n_reviewers == 0:
        if mislabelled:
            return {"verdict": "reject", "spans": [], "reason": "generator_unknown_label", "votes": []}
        return {"verdict": "accept", "spans": gen_spans, "reason": None, "votes": [1] * len(gen_spans)}
    ok = [r for r in reviews if r.get("ok")]
    if not ok:
        return {"verdict": "reject", "spans": [], "reason": "review_failed", "votes": []}
    verdicts = Counter(r["verdict"] for r in ok)
    if verdicts["reject"] * 2 > len(ok):
        return {"verdict": "reject", "spans": [], "reason": "review_reject", "votes": []}
    if not verdicts["repair"]:
        if mislabelled:
            return {"verdict": "reject", "spans": [], "reason": "generator_unknown_label", "votes": []}
        return {"verdict": "accept", "spans": gen_spans, "reason": None, "votes": [verdicts["accept"]] * len(gen_spans)}
    tally: Counter = Counter()
    for r in ok:
        if r["verdict"] == "accept":
            tally.update(tuple(s) for s in gen_spans)
        elif r["verdict"] == "repair":
            tally.update(tuple(s) for s in r["spans"])
    kept = [s for s, v in tally.items() if v * 2 >= len(ok)]
    ranked = sorted(kept, key=lambda s: (-tally[s], -(s[1] - s[0]), s[0]))
    spans, _ = resolve_overlaps(ranked)
    return {"verdict": "repair", "spans": spans, "reason": None, "votes": [tally[tuple(s)] for s in spans]}


def _attempt(teacher, reviewers: list, spec, brief: dict, index: int, n_reviewers: int) -> dict:
    """One generate -> review -> adjudicate attempt (runs in a worker thread)."""
    gen = teacher.generate(spec, brief, index)
    if not gen["ok"]:
        status = "failed" if is_transport(gen["reason"]) else "rejected"
        return {"index": index, "status": status, "reason": gen["reason"], "stage": "generate"}
    rec = gen["record"]
    reviews = [reviewers[k % len(reviewers)].review(spec, rec["text"], rec["spans"], k) for k in range(n_reviewers)]
    decision = adjudicate(rec["spans"], reviews, n_reviewers, rec["meta"].get("dropped_entities"))
    if decision["verdict"] == "reject":
        transport = reviews and all(not r.get("ok") and is_transport(r["reason"]) for r in reviews)
        return {"index": index, "status": "failed" if transport else "rejected", "reason": decision["reason"],
                "stage": "review"}
    rec["spans"] = decision["spans"]
    rec["meta"]["review"] = {
        "verdict": decision["verdict"], "votes": decision["votes"],
        "reviewers": [{"teacher": r.get("teacher"), "verdict": r.get("verdict"), "reasons": r.get("reasons", []),
                       "status": "ok" if r.get("ok") else r.get("reason")} for r in reviews],
    }
    return {"index": index, "status": "accepted", "record": rec}


def _replay(log_path: Path, dedup: NearDupIndex) -> tuple[dict[int, dict], Counter]:
    """Attempts already decided in a previous run (failed ones are retried)."""
    done: dict[int, dict] = {}
    if not log_path.exists():
        return done, Counter()
    with log_path.open(encoding="utf-8") as fh:
        for line in fh:
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:
                continue  # a line cut off by a crash: redo that attempt
            if entry.get("status") in ("accepted", "rejected"):
                done[int(entry["index"])] = entry
                if entry["status"] == "accepted":
                    dedup.add(str(entry["index"]), entry["record"]["text"])
    return done, Counter(e["status"] for e in done.values())


def _make_teachers(teacher: str, settings: dict, reviewer_teachers: list[str] | None) -> tuple:
    gen = get_teacher(teacher, **settings)
    if not hasattr(gen, "generate"):
        raise TeacherError("E104", name=teacher, task="run the generator-reviewer-adjudicator loop")
    reviewers = [gen]
    for spec in reviewer_teachers or []:
        name, _, model = spec.partition(":")
        reviewers.append(get_teacher(name, **{**settings, **({"model": model} if model else {}),
                                              "stats": gen.stats}))
    return gen, (reviewers[1:] or reviewers)


def default_request_budget(n: int, reviewers: int) -> int:
    """Requests a run may send by default: four per wanted example and its reviews (retries count), at least 20."""
    return max(20, 4 * n * (1 + reviewers))


def _commit(res: dict, dedup: NearDupIndex) -> dict:
    """An attempt's final outcome: an accepted example whose text nearly repeats an earlier one is rejected."""
    if res["status"] == "accepted" and dedup.add(str(res["index"]), res["record"]["text"]) is not None:
        return {"index": res["index"], "status": "rejected", "reason": "near_duplicate", "stage": "dedup"}
    return res


def _outcome(res: dict) -> str:
    """The row of the acceptance table an attempt counts in: `accepted`, `rejected STAGE:REASON`, `failed ...`."""
    return "accepted" if res["status"] == "accepted" else f"{res['status']} {res['stage']}:{res['reason']}"


def _run_attempts(out: Path, gen, reviewers: list, spec, *, n: int, seed: int, n_reviewers: int, resume: bool,
                  max_attempts: int | None, max_requests: int, dedup_threshold: float) -> dict:
    """Attempt examples until `n` are accepted or the request budget (or `max_attempts`) is spent.

    At most `concurrency` attempts are in flight and never more than are still wanted; outcomes are decided
    in index order (near-duplicates too), so the same answers give the same dataset at any concurrency.
    """
    log_path = out / "generated.jsonl"
    dedup = NearDupIndex(threshold=dedup_threshold, seed=seed + 1)
    done, tally = _replay(log_path, dedup) if resume else ({}, Counter())
    axes, outcomes, stop = load_axes(spec), Counter(), None
    fresh = (i for i in itertools.count() if i not in done)
    order: deque = deque()
    pending: dict = {}
    ready: dict[int, dict] = {}
    sent_before, attempts = gen.stats.requests, 0
    with log_path.open("a" if resume else "w", encoding="utf-8") as fh, ThreadPoolExecutor(gen.concurrency) as pool:
        while True:
            while len(pending) < gen.concurrency and tally["accepted"] + len(order) < n:
                if max_attempts is not None and attempts >= max_attempts:
                    stop = "max_attempts"
                    break
                if gen.stats.requests - sent_before + (len(pending) + 1) * (1 + n_reviewers) > max_requests:
                    stop = "request_budget"
                    break
                index, attempts = next(fresh), attempts + 1
                order.append(index)
                job = pool.submit(_attempt, gen, reviewers, spec, brief_for(spec, index, seed, axes), index,
                                  n_reviewers)
                pending[job] = index
            if not pending:
                break
            finished, _ = wait(pending, return_when=FIRST_COMPLETED)
            for job in finished:
                ready[pending.pop(job)] = job.result()
            while order and order[0] in ready:
                res = _commit(ready.pop(order.popleft()), dedup)
                fh.write(json.dumps(res, ensure_ascii=False) + "\n")
                fh.flush()
                tally[res["status"]] += 1
                outcomes[_outcome(res)] += 1
                if res["status"] != "accepted":
                    gen.stats.count("rejections" if res["status"] == "rejected" else "failures",
                                    f"{res['stage']}:{res['reason']}")
                if res["status"] in ("accepted", "rejected"):
                    done[res["index"]] = res
    return {"done": done, "tally": tally, "outcomes": outcomes, "attempts": attempts,
            "stopped_by": stop if tally["accepted"] < n else None,
            "requests": gen.stats.requests - sent_before}


def synthesize_llm(spec: DomainSpec, out_dir: str | Path, *, n: int = 100, seed: int = 0, teacher: str = "openai",
                   dev: float = 0.1, test: float = 0.1, teacher_settings: dict | None = None, reviewers: int = 1,
                   reviewer_teachers: list[str] | None = None, resume: bool = False,
                   max_attempts: int | None = None, max_requests: int | None = None, min_share: float = 0.9,
                   dedup_threshold: float = 0.8) -> dict:
    """Run the G-R-A loop until `n` examples are accepted or `max_requests` requests are spent (default
    `default_request_budget`). The report says whether at least `min_share` of `n` was reached (`met`)."""
    started = time.perf_counter()
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    settings = dict(teacher_settings or {})
    budget = default_request_budget(n, reviewers) if max_requests is None else int(max_requests)
    gen, revs = _make_teachers(teacher, settings, reviewer_teachers)
    try:
        run = _run_attempts(out, gen, revs, spec, n=n, seed=seed, n_reviewers=reviewers, resume=resume,
                            max_attempts=max_attempts, max_requests=budget, dedup_threshold=dedup_threshold)
    finally:
        for t in {id(t): t for t in [gen, *revs]}.values():
            t.close()
    done = run["done"]
    records = []
    for index in sorted(i for i, e in done.items() if e["status"] == "accepted")[:n]:
        rec = done[index]["record"]
        records.append({"id": f"{spec.name}-llm-{seed}-{index:06d}", **rec, "meta": {**rec["meta"], "seed": seed}})
    target = {"target": n, "accepted": len(records), "share": round(len(records) / n, 3) if n else 1.0,
              "min_share": min_share, "met": len(records) >= min_share * n, "stopped_by": run["stopped_by"],
              "request_budget": budget, "requests_this_run": run["requests"], "attempts_this_run": run["attempts"],
              "outcomes": dict(run["outcomes"].most_common()),
              "response_format": {t.label: t.response_format for t in {id(t): t for t in [gen, *revs]}.values()
                                  if hasattr(t, "response_format")}}
    return _write_outputs(out, spec, records, run["tally"], gen, started, target,
                          {"domain": spec.registry_name, "teacher": gen.label, "n": n, "seed": seed, "dev": dev,
                           "test": test, "reviewers": reviewers, "reviewer_teachers": reviewer_teachers or [],
                           "prompt_version": gen.version, "dedup_threshold": dedup_threshold,
                           "request_budget": budget, "min_share": min_share,
                           "teacher_settings": _public(settings)})


def _public(settings: dict) -> dict:
    public = {k: v for k, v in settings.items() if k != "stats"}
    if public.get("base_url"):
        public["base_url"] = redact_url(str(public["base_url"]))
    return public


def _write_outputs(out: Path, spec, records: list[dict], tally: Counter, gen, started: float, target: dict,
                   settings: dict) -> dict:
    parts: dict[str, list[dict]] = {name: [] for name in SPLITS}
    for rec in records:
        parts[split_of(rec["id"], settings["dev"], settings["test"])].append(rec)
    paths = {name: out / f"{name}.jsonl" for name in SPLITS}
    files = write_splits(out, parts)
    card = data_card(records, categories=spec.categories,
                     **{k: v for k, v in settings.items() if k != "teacher_settings"})
    card["splits"] = {name: len(parts[name]) for name in SPLITS}
    card["files"] = files
    card["verdicts"] = dict(Counter(r["meta"].get("review", {}).get("verdict", "none") for r in records))
    write_json(out / "datacard.json", card)
    (out / "datacard.md").write_text(card_markdown(card, f"Data card: {spec.registry_name}"), encoding="utf-8")
    write_json(out / "synth.json", settings)
    report = {"attempts": dict(tally), **target, "verdicts": card["verdicts"], **gen.stats.to_dict(),
              "wall_s": round(time.perf_counter() - started, 3)}
    write_json(out / "report.json", report)
    return {"out": str(out), "paths": {k: str(v) for k, v in paths.items()}, "counts": card["splits"],
            "spans": card["spans"], "seconds": report["wall_s"], "report": report}
