"""Translation benchmark: a `medkiln run translation` student on its held-out teacher pairs and on the
real sets in ../shared/data/dev (TICO-19 en->fr/en->es, WMT18 biomedical MEDLINE en<->de), with PyTorch
`generate` and CTranslate2 int8 timed in the same run, beside Apertium (where it has the pair or a pivot)
and copying the source. Real sets are measured only, never trained on.

Real-set sentences that were among the run's training sources (`--documents`) are scored apart as well:
`<set>_unseen` holds only the others, which is what says how the student does on text it never saw.

    .venv/bin/python benchmarks/translation_eval.py --run runs/translation_en_es --threads 2 --out /tmp/b.json

Prints a Markdown table (BLEU, chrF, TER with sacrebleu signatures, term accuracy, sentences/s).
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shlex
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SHARED = ROOT / "../shared/data/dev"
# (src, tgt) -> [(set name, file, swap src/ref)]
REAL_SETS = {
    ("en", "de"): [("wmt18_medline_en2de", "wmt_biomed_medline_ende/wmt18.medline.en2de.jsonl", False)],
    ("de", "en"): [("wmt18_medline_de2en", "wmt_biomed_medline_ende/wmt18.medline.de2en.jsonl", False)],
    ("en", "fr"): [("tico19_en_fr", "tico19_biomed_mt/tico19.en-fr.jsonl", False)],
    ("fr", "en"): [("tico19_fr_en", "tico19_biomed_mt/tico19.en-fr.jsonl", True)],
    ("en", "es"): [("tico19_en_es", "tico19_biomed_mt/tico19.en-es.jsonl", False)],
    ("es", "en"): [("tico19_es_en", "tico19_biomed_mt/tico19.en-es.jsonl", True)],
}


def real_sets(src: str, tgt: str, shared: Path, limit: int | None) -> dict[str, list[dict]]:
    sets = {}
    for name, rel, swap in REAL_SETS.get((src, tgt), []):
        path = shared / rel
        if not path.is_file():
            continue
        pairs = []
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line)
            s, r = (rec["ref"], rec["src"]) if swap else (rec["src"], rec["ref"])
            if s.strip() and r.strip():
                pairs.append({"id": rec["id"], "src": s, "ref": r})
        sets[name] = pairs[:limit] if limit else pairs
    return sets


def baselines(pairs: list[dict], src: str, tgt: str, glossary: list[dict], apertium: bool) -> dict:
    """Copying the source, and Apertium (timed over the whole set) when it can translate `src` -> `tgt`."""
    import time

    from medkiln.factory.translation.evaluate import scores

    srcs, refs = [p["src"] for p in pairs], [p["ref"] for p in pairs]
    out = {"copy": {**scores(srcs, refs, srcs, glossary, tgt), "sentences_per_s": None}}
    if apertium:
        from medkiln.core.errors import MedkilnError
        from medkiln.factory.translation.apertium import ApertiumTeacher

        try:
            teacher = ApertiumTeacher(src, tgt)
        except MedkilnError as err:
            print(f"apertium: {err}", file=sys.stderr)
            return out
        started = time.perf_counter()
        hyps = [h for h, _ in teacher.translate(srcs)]
        seconds = time.perf_counter() - started
        out["apertium " + "|".join(teacher.modes)] = {**scores(srcs, refs, hyps, glossary, tgt),
                                                      "sentences_per_s": round(len(srcs) / seconds, 1)}
    return out


def split_unseen(sets: dict[str, list[dict]], run_dir: Path) -> dict[str, list[dict]]:
    """Add `<set>_unseen` for real sets some of whose sources were training sources."""
    from medkiln.factory.translation.run import training_sources

    seen = training_sources(run_dir / "data")
    out = {}
    for name, pairs in sets.items():
        out[name] = pairs
        unseen = [p for p in pairs if " ".join(p["src"].split()) not in seen]
        if name != "synthetic_test" and 0 < len(unseen) < len(pairs):
            out[f"{name}_unseen"] = unseen
    return out


def student_and_baselines(args) -> tuple[dict, str]:
    from medkiln.factory.translation.data import read_pairs
    from medkiln.factory.translation.run import evaluate_all

    run = json.loads((args.run / "run.json").read_text(encoding="utf-8"))
    src, tgt = run["direction"].split("-")
    glossary = json.loads((args.run / "data" / "glossary.json").read_text(encoding="utf-8"))
    sets = split_unseen({"synthetic_test": read_pairs(args.run / "data" / "test.jsonl"),
                         **real_sets(src, tgt, args.shared, args.limit)}, args.run)
    report = evaluate_all(Path(run["model"]), Path(run["ct2"]), sets, glossary, tgt=tgt, threads=args.threads,
                          constrain=not args.no_glossary, backends=("ct2",) if args.no_hf else None)
    for name, pairs in sets.items():
        if name != "synthetic_test":
            report[name].update(baselines(pairs, src, tgt, glossary, not args.no_apertium))
    return report, run["direction"]


def baselines_only(args) -> tuple[dict, str]:
    from medkiln.domains.translation import synth

    src, tgt = args.direction.split("-")
    glossary = synth.glossary(src, tgt)
    sets = real_sets(src, tgt, args.shared, args.limit)
    return {name: baselines(pairs, src, tgt, glossary, not args.no_apertium) for name, pairs in sets.items()}, \
        args.direction


def table(report: dict) -> list[str]:
    lines = ["| set | runtime | sentences | BLEU | chrF | TER | term acc. (terms) | sentences/s |",
             "|---|---|---|---|---|---|---|---|"]
    for name, runs in report.items():
        for runtime, s in runs.items():
            ta = s["term_accuracy"]
            acc = "-" if ta["accuracy"] is None else f"{ta['accuracy']:.3f} ({ta['terms']})"
            speed = "-" if s.get("sentences_per_s") is None else s["sentences_per_s"]
            lines.append(f"| {name} | {runtime} | {s['n']} | {s['bleu']:.2f} | {s['chrf']:.2f} | {s['ter']:.2f} | "
                         f"{acc} | {speed} |")
    return lines


def main(argv: list[str] | None = None) -> dict:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run", type=Path, default=None, help="Output folder of `medkiln run translation`.")
    parser.add_argument("--direction", default=None, help="Without --run: only Apertium and copy rows, e.g. en-fr.")
    parser.add_argument("--shared", type=Path, default=SHARED)
    parser.add_argument("--limit", type=int, default=None, help="At most this many pairs per real set.")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--no-glossary", action="store_true", help="Skip the glossary-constrained run.")
    parser.add_argument("--no-apertium", action="store_true", help="Skip the Apertium rows.")
    parser.add_argument("--no-hf", action="store_true", help="Skip the PyTorch rows (CTranslate2 only).")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)

    if args.run is None and args.direction is None:
        parser.error("give --run (a student and the baselines) or --direction (the baselines only)")
    report, direction = student_and_baselines(args) if args.run else baselines_only(args)
    first = next(iter(next(iter(report.values())).values()))
    result = {"direction": direction, "report": report, "command": shlex.join([sys.executable, *sys.argv]),
              "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, threads={args.threads}",
              "signatures": {k: first[k] for k in first if k.endswith("_signature")}}
    print("\n".join(table(report)))
    print("\nsacrebleu signatures: " + "; ".join(f"{k}: {v}" for k, v in result["signatures"].items()))
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False), encoding="utf-8")
    return result


if __name__ == "__main__":
    main()
