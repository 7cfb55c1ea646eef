"""Note-extraction benchmark on real data: assertion status on the NegEx/ConText test kit, NER on BC5CDR, and
`medkiln extract` throughput next to `medkiln deid`. Measure only: nothing here trains or writes rules.

1. NegEx/ConText sentences (`text_natural_case`, one target condition each, the condition span given): our
   trained classifier vs medspaCy's ConText with its default rules (run in `.venv-medspacy`, medspaCy 1.3.1
   needs spaCy < 3.8) on the same sentences in the same run. Our 7 statuses map to the kit's axes: negation
   (absent -> negated), temporality (historical -> historical; hypothetical -> hypothetical; else recent:
   a conditional problem is a current one), experiencer (family -> other). ConText: is_negated; is_historical / is_hypothetical;
   is_family.
2. BC5CDR test abstracts: our PROBLEM vs Disease and MEDICATION vs Chemical mentions, strict and relaxed
   P/R/F1, plus the share of gold mentions whose text occurs in the synthesizer's word lists (what limits it).
3. Throughput: `medkiln extract` and `medkiln deid` as subprocesses on the same real notes (notes/s).

    .venv/bin/python benchmarks/notes_eval.py --model en_medkiln_notes --out runs/bench_notes
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEV = ROOT / "../shared/data/dev"
NEGEX = DEV / "negex_context_assertion/negex_context_assertion.jsonl"
BC5CDR = DEV / "bc5cdr_test/bc5cdr_test.jsonl"
NOTES = DEV / "physionet_deid_gold/physionet_deid_gold.jsonl"
MEDSPACY_PY = ROOT / ".venv-medspacy/bin/python"
BC5_MAP = {"PROBLEM": "Disease", "MEDICATION": "Chemical"}


def read_jsonl(path: Path, limit: int | None = None) -> list[dict]:
    rows = []
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rows.append(json.loads(line))
            if limit and len(rows) >= limit:
                break
    return rows


def ours_to_axes(status: str) -> dict:
    return {"negation": "negated" if status == "absent" else "affirmed",
            "temporality": {"historical": "historical", "hypothetical": "hypothetical"}.get(status, "recent"),
            "experiencer": "other" if status == "family" else "patient"}


def context_to_axes(row: dict) -> dict:
    return {"negation": "negated" if row.get("negated") else "affirmed",
            "temporality": "historical" if row.get("historical") else "hypothetical" if row.get("hypothetical")
            else "recent", "experiencer": "other" if row.get("family") else "patient"}


def gold_axes(row: dict) -> dict:
    return {"negation": row["negation"], "temporality": row["temporality"],
            "experiencer": "patient" if row["experiencer"] == "patient" else "other"}


def axis_scores(golds: list[dict], preds: list[dict]) -> dict:
    """Accuracy per axis, with per-value recall/precision/F1 and the confusion (gold -> predicted)."""
    from medkiln.factory.evaluate.metrics import prf

    out = {}
    for axis in ("negation", "temporality", "experiencer"):
        pairs = [(g[axis], p[axis]) for g, p in zip(golds, preds)]
        values = sorted({v for pair in pairs for v in pair})
        per_value = {v: prf(sum(1 for g, p in pairs if g == p == v), sum(1 for _, p in pairs if p == v),
                            sum(1 for g, _ in pairs if g == v)) for v in values}
        out[axis] = {"accuracy": sum(g == p for g, p in pairs) / len(pairs) if pairs else 0.0, "n": len(pairs),
                     "per_value": per_value, "confusion": {g: dict(Counter(p for gg, p in pairs if gg == g))
                                                           for g in values}}
    return out


def our_assertions(nlp, rows: list[dict], use_ner: bool = True) -> tuple[list[str], float]:
    """Our classifier on each sentence, given the target span (label PROBLEM). The pipeline's own NER runs
    as it would in use: its other entities are the target's context (`use_ner=False`: the target alone)."""
    classifier = nlp.get_pipe("medkiln_assertion")
    ner_pipes = ("medkiln_vocab", "tok2vec", "ner", "medkiln_concept_linker")
    keep = [n for n in nlp.pipe_names if n in ("sentencizer", "medkiln_note_sections", *ner_pipes)
            and (use_ner or n not in ner_pipes)]
    statuses = []
    start = time.perf_counter()
    with nlp.select_pipes(enable=keep):
        for row, doc in zip(rows, nlp.pipe(r["text_natural_case"] for r in rows)):
            s, e, _ = row["spans"][0]
            span = doc.char_span(s, e, label="PROBLEM", alignment_mode="expand")
            context = [ent for ent in doc.ents if ent.end <= span.start or ent.start >= span.end] + [span]
            statuses.append(classifier.classify(doc, [span], context)[0][0])
    return statuses, time.perf_counter() - start


def medspacy_context(rows: list[dict], python: Path) -> tuple[list[dict], dict, float]:
    """Run benchmarks/medspacy_context.py in medspaCy's environment on the same targets."""
    payload = "".join(json.dumps({"id": r["id"], "text": r["text_natural_case"], "start": r["spans"][0][0],
                                  "end": r["spans"][0][1]}) + "\n" for r in rows)
    start = time.perf_counter()
    proc = subprocess.run([str(python), str(ROOT / "benchmarks/medspacy_context.py")], input=payload, text=True,
                          capture_output=True, check=True)
    seconds = time.perf_counter() - start
    info = json.loads(proc.stderr.strip().splitlines()[0]) if proc.stderr.strip() else {}
    return [json.loads(line) for line in proc.stdout.splitlines() if line.strip()], info, seconds


def negex_bench(nlp, path: Path, medspacy_python: Path | None) -> dict:
    rows = [r for r in read_jsonl(path) if r["spans"]]
    golds = [gold_axes(r) for r in rows]
    statuses, seconds = our_assertions(nlp, rows)
    result = {"data": str(path), "sentences": len(rows), "skipped_without_span": None,
              "medkiln": {**axis_scores(golds, [ours_to_axes(s) for s in statuses]), "seconds": round(seconds, 2),
                          "statuses": dict(Counter(statuses))}}
    if medspacy_python is not None and Path(medspacy_python).exists():
        preds, info, ctx_seconds = medspacy_context(rows, medspacy_python)
        aligned = [p.get("aligned", False) for p in preds]
        result["medspacy_context"] = {**axis_scores(golds, [context_to_axes(p) for p in preds]), **info,
                                      "seconds": round(ctx_seconds, 2), "unaligned": aligned.count(False),
                                      "rules": "medspaCy default ConText rules (medspacy.load())"}
    else:
        result["medspacy_context"] = None
    return result


def bc5cdr_bench(nlp, path: Path) -> dict:
    from medkiln.domains.notes.synth import lexicons as lx
    from medkiln.domains.notes.vocab import terms
    from medkiln.factory.evaluate.metrics import prf
    from medkiln.factory.extraction.evaluate import entity_counts

    rows = read_jsonl(path)
    known = {w.lower() for w in (*lx.CHRONIC, *lx.EVENTS, *lx.SYMPTOMS, *lx.FINDINGS, *lx.SITED,
                                 *lx.MEDICATIONS, *lx.ALLERGENS, *lx.REACTIONS)}
    vocab = {t.text.lower() for t in terms()}
    stats: Counter = Counter()
    start = time.perf_counter()
    docs = nlp.pipe((r["text"] for r in rows), batch_size=16)
    for row, doc in zip(rows, docs):
        gold = [(s, e, lab) for s, e, lab in row["spans"]]
        pred = [(e.start_char, e.end_char, BC5_MAP[e.label_]) for e in doc.ents if e.label_ in BC5_MAP]
        for e in doc.ents:
            if e.label_ in BC5_MAP:
                stats[("pred", e.label_)] += 1
                stats[("coded", e.label_)] += getattr(e._, "code", None) is not None if e.has_extension("code") else 0
        entity_counts(stats, gold, pred)
        for s, e, lab in gold:
            stats[("known", lab)] += row["text"][s:e].lower() in known
            stats[("vocab", lab)] += row["text"][s:e].lower() in vocab or row["text"][s:e].lower() in known
            stats[("gold", lab)] += 1
    seconds = time.perf_counter() - start
    out = {"data": str(path), "abstracts": len(rows), "seconds": round(seconds, 2)}
    for mode in ("strict", "relaxed"):
        out[mode] = {ours: prf(stats[(mode, lab, "tp")], stats[(mode, lab, "n_pred")], stats[(mode, lab, "n_gold")])
                     for ours, lab in BC5_MAP.items()}
    out["gold_mentions_in_training_lexicon"] = {ours: round(stats[("known", lab)] / max(stats[("gold", lab)], 1), 3)
                                                for ours, lab in BC5_MAP.items()}
    out["gold_mentions_in_vocabulary"] = {ours: round(stats[("vocab", lab)] / max(stats[("gold", lab)], 1), 3)
                                          for ours, lab in BC5_MAP.items()}
    out["predicted_with_code"] = {ours: round(stats[("coded", ours)] / max(stats[("pred", ours)], 1), 3)
                                  for ours in BC5_MAP}
    return out


def _cli(args: list[str]) -> dict:
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    proc = subprocess.run([sys.executable, "-m", "medkiln.factory.cli.main", *args, "--quiet"], cwd=ROOT, env=env,
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def throughput(model: str, deid_model: str, notes: Path, limit: int | None) -> dict:
    """`medkiln extract` and `medkiln deid` (CLI, fresh processes) on the same notes; notes/s of each."""
    with tempfile.TemporaryDirectory() as tmp:
        sample = Path(tmp) / "notes.jsonl"
        rows = read_jsonl(notes, limit)
        sample.write_text("".join(json.dumps({"id": r["id"], "text": r["text"]}) + "\n" for r in rows))
        out = {"notes": len(rows), "data": str(notes)}
        for name, args in (("extract", ["extract", str(sample), str(Path(tmp) / "x.jsonl"), "--model", model,
                                        "--id-field", "id"]),
                           ("deid", ["deid", str(sample), str(Path(tmp) / "d.jsonl"), "--model", deid_model,
                                     "--id-field", "id"])):
            summary = _cli(args)
            out[name] = {"model": args[4], "records_per_s": summary["records_per_s"], "seconds": summary["seconds"],
                         "failed": summary["failed"],
                         "command": f"medkiln {args[0]} NOTES.jsonl OUT.jsonl --model {args[4]} --id-field id"}
    return out


def markdown(res: dict) -> str:
    lines = ["## Note extraction (`en_medkiln_notes`)", "", f"Machine: {res['machine']}. Command: `{res['command']}`", ""]
    neg = res.get("negex")
    if neg:
        lines += [f"### Assertion on the NegEx/ConText kit ({neg['sentences']} sentences, condition span given)", "",
                  "| system | negation acc. | temporality acc. | experiencer acc. | negated F1 | historical F1 | "
                  "hypothetical F1 |", "|---|---:|---:|---:|---:|---:|---:|"]
        for key, name in (("medkiln", "medkiln assertion classifier (trained, synthetic only)"),
                          ("medspacy_context", "medspaCy ConText, default rules")):
            r = neg.get(key)
            if not r:
                lines.append(f"| {name} | not run | | | | | |")
                continue
            f1 = lambda axis, v: r[axis]["per_value"].get(v, {}).get("f1", 0.0)  # noqa: E731
            lines.append(f"| {name} | {r['negation']['accuracy']:.3f} | {r['temporality']['accuracy']:.3f} | "
                         f"{r['experiencer']['accuracy']:.3f} | {f1('negation', 'negated'):.3f} | "
                         f"{f1('temporality', 'historical'):.3f} | {f1('temporality', 'hypothetical'):.3f} |")
        lines.append("")
    bc = res.get("bc5cdr")
    if bc:
        lines += [f"### BC5CDR test ({bc['abstracts']} abstracts)", "",
                  "| ours (gold) | strict P | strict R | strict F1 | relaxed P | relaxed R | relaxed F1 | "
                  "gold mentions in hand-written lists / in the vocabulary | predictions with a code |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
        for ours, lab in BC5_MAP.items():
            s, r = bc["strict"][ours], bc["relaxed"][ours]
            lines.append(f"| {ours} ({lab}) | {s['precision']:.3f} | {s['recall']:.3f} | {s['f1']:.3f} | "
                         f"{r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | "
                         f"{bc['gold_mentions_in_training_lexicon'][ours]:.3f} / "
                         f"{bc['gold_mentions_in_vocabulary'][ours]:.3f} | {bc['predicted_with_code'][ours]:.3f} |")
        lines.append("")
    tp = res.get("throughput")
    if tp:
        lines += [f"### Throughput ({tp['notes']} real notes, one process)", "", "| command | notes/s |", "|---|---:|"]
        lines += [f"| `{tp[k]['command']}` | {tp[k]['records_per_s']:.1f} |" for k in ("extract", "deid")]
        lines.append("")
    return "\n".join(lines)


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", default="en_medkiln_notes", help="Note-extraction package or folder.")
    parser.add_argument("--deid-model", default="en_medkiln_deid", help="For the throughput comparison.")
    parser.add_argument("--negex", type=Path, default=NEGEX)
    parser.add_argument("--bc5cdr", type=Path, default=BC5CDR)
    parser.add_argument("--notes", type=Path, default=NOTES, help="Real notes for the throughput runs.")
    parser.add_argument("--notes-limit", type=int, default=None)
    parser.add_argument("--medspacy-python", type=Path, default=MEDSPACY_PY,
                        help="Python of an environment with medspacy==1.3.1 (`make medspacy`).")
    parser.add_argument("--skip", action="append", default=[], choices=["negex", "bc5cdr", "throughput"])
    parser.add_argument("--out", type=Path, default=ROOT / "runs" / "bench_notes")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> dict:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    args = parse_args(argv)
    from medkiln.serving.pipeline import load_pipeline

    nlp = load_pipeline(args.model)
    res = {"model": args.model, "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs",
           "command": "python benchmarks/notes_eval.py " + " ".join(argv if argv is not None else sys.argv[1:])}
    if "negex" not in args.skip and args.negex.exists():
        res["negex"] = negex_bench(nlp, args.negex, args.medspacy_python)
    if "bc5cdr" not in args.skip and args.bc5cdr.exists():
        res["bc5cdr"] = bc5cdr_bench(nlp, args.bc5cdr)
    if "throughput" not in args.skip and args.notes.exists():
        res["throughput"] = throughput(args.model, args.deid_model, args.notes, args.notes_limit)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "results.json").write_text(json.dumps(res, indent=2))
    (args.out / "results.md").write_text(markdown(res))
    print(markdown(res))
    return res


if __name__ == "__main__":
    main()
