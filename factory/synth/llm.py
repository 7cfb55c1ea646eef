"""Synthesis with LLM teachers: generator -> reviewer(s) -> adjudicator, diversity briefs, near-duplicate
removal, provenance per example, a run report, results written as they arrive and `resume`.

`generated.jsonl` logs every attempt (`{"index", "status", "reason"?, "record"?}`) the moment it is decided;
`resume=True` replays it and only retries attempts that failed for transport reasons (timeouts, HTTP
errors). Finally the accepted records are split into train/dev/test with a data card, `synth.json` (the
resolved settings) and `report.json` (requests, cache hits, rejections by reason, tokens, wall time).
"""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from medkiln.domains import get_domain

from medkiln.core.records import write_json, write_jsonl
from ..teachers import get_teacher
from ..teachers.diversity import brief_for, load_axes
from medkiln.core.errors import TeacherError
from ..teachers.parse import resolve_overlaps
from ..teachers.privacy import redact_url
from medkiln.core.records import SPLITS, split_of
from .card import card_markdown, data_card
from .dedup import NearDupIndex

log = logging.getLogger(__name__)
TRANSPORT = {"timeout", "connection_error", "empty_choices", "bad_response_body"}


def _is_transport(reason: str) -> bool:
    return reason in TRANSPORT or reason.startswith("http_")


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
        status = "failed" if _is_transport(gen["reason"]) else "rejected"
        return {"index": index, "status": status, "reason": gen["reason"], "stage": "generate"}
    rec = gen["record"]
    reviews = [reviewers[k % len(reviewers)].review(spec, rec["text"], rec["spans"], k) for k in range(n_reviewers)]
    decision = adjudicate(rec["spans"], reviews, n_reviewers, rec["meta"].get("dropped_entities"))
    if decision["verdict"] == "reject":
        transport = reviews and all(not r.get("ok") and _is_transport(r["reason"]) for r in reviews)
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


def _run_attempts(out: Path, gen, reviewers: list, spec, *, n: int, seed: int, n_reviewers: int,
                  resume: bool, max_attempts: int, dedup_threshold: float) -> tuple[dict[int, dict], Counter]:
    log_path = out / "generated.jsonl"
    dedup = NearDupIndex(threshold=dedup_threshold, seed=seed + 1)
    done, tally = _replay(log_path, dedup) if resume else ({}, Counter())
    axes = load_axes(spec)
    next_index, attempts = 0, len(done)
    with log_path.open("a" if resume else "w", encoding="utf-8") as fh, ThreadPoolExecutor(gen.concurrency) as pool:
        while tally["accepted"] < n and attempts < max_attempts:
            want = min(n - tally["accepted"], max_attempts - attempts)
            batch = []
            while len(batch) < want:
                if next_index not in done:
                    batch.append(next_index)
                next_index += 1
            attempts += len(batch)
            jobs = [(i, brief_for(spec, i, seed, axes)) for i in batch]
            for res in pool.map(lambda job: _attempt(gen, reviewers, spec, job[1], job[0], n_reviewers), jobs):
                if res["status"] == "accepted":
                    twin = dedup.add(str(res["index"]), res["record"]["text"])
                    if twin is not None:
                        res = {"index": res["index"], "status": "rejected", "reason": "near_duplicate",
                               "stage": "dedup"}
                fh.write(json.dumps(res, ensure_ascii=False) + "\n")
                fh.flush()
                tally[res["status"]] += 1
                if res["status"] != "accepted":
                    gen.stats.count("rejections" if res["status"] == "rejected" else "failures",
                                    f"{res['stage']}:{res['reason']}")
                if res["status"] in ("accepted", "rejected"):
                    done[res["index"]] = res
    return done, tally


def synthesize_llm(domain: str, out_dir: str | Path, *, n: int = 100, seed: int = 0, teacher: str = "openai",
                   dev: float = 0.1, test: float = 0.1, teacher_settings: dict | None = None, reviewers: int = 1,
                   reviewer_teachers: list[str] | None = None, resume: bool = False,
                   max_attempts: int | None = None, dedup_threshold: float = 0.8) -> dict:
    """Run the G-R-A loop until `n` examples are accepted (or `max_attempts`, default 2n, are spent)."""
    started = time.perf_counter()
    spec = get_domain(domain)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    settings = dict(teacher_settings or {})
    gen, revs = _make_teachers(teacher, settings, reviewer_teachers)
    try:
        done, tally = _run_attempts(out, gen, revs, spec, n=n, seed=seed, n_reviewers=reviewers, resume=resume,
                                    max_attempts=max_attempts or 2 * n, dedup_threshold=dedup_threshold)
    finally:
        for t in {id(t): t for t in [gen, *revs]}.values():
            t.close()
    records = []
    for index in sorted(i for i, e in done.items() if e["status"] == "accepted")[:n]:
        rec = done[index]["record"]
        records.append({"id": f"{spec.name}-llm-{seed}-{index:06d}", **rec, "meta": {**rec["meta"], "seed": seed}})
    return _write_outputs(out, spec, records, tally, gen, started,
                          {"domain": spec.registry_name, "teacher": gen.label, "n": n, "seed": seed, "dev": dev,
                           "test": test, "reviewers": reviewers, "reviewer_teachers": reviewer_teachers or [],
                           "prompt_version": gen.version, "dedup_threshold": dedup_threshold,
                           "teacher_settings": _public(settings)})


def _public(settings: dict) -> dict:
    public = {k: v for k, v in settings.items() if k != "stats"}
    if public.get("base_url"):
        public["base_url"] = redact_url(str(public["base_url"]))
    return public


def _write_outputs(out: Path, spec, records: list[dict], tally: Counter, gen, started: float,
                   settings: dict) -> dict:
    parts: dict[str, list[dict]] = {name: [] for name in SPLITS}
    for rec in records:
        parts[split_of(rec["id"], settings["dev"], settings["test"])].append(rec)
    paths = {name: out / f"{name}.jsonl" for name in SPLITS}
    for name in SPLITS:
        write_jsonl(paths[name], parts[name])
    card = data_card(records, categories=spec.categories,
                     **{k: v for k, v in settings.items() if k != "teacher_settings"})
    card["splits"] = {name: len(parts[name]) for name in SPLITS}
    card["verdicts"] = dict(Counter(r["meta"].get("review", {}).get("verdict", "none") for r in records))
    write_json(out / "datacard.json", card)
    (out / "datacard.md").write_text(card_markdown(card, f"Data card: {spec.registry_name}"), encoding="utf-8")
    write_json(out / "synth.json", settings)
    report = {"attempts": dict(tally), "accepted": len(records), "verdicts": card["verdicts"],
              **gen.stats.to_dict(), "wall_s": round(time.perf_counter() - started, 3)}
    write_json(out / "report.json", report)
    return {"out": str(out), "paths": {k: str(v) for k, v in paths.items()}, "counts": card["splits"],
            "spans": card["spans"], "seconds": report["wall_s"], "report": report}
