"""`medkiln run notes`: synthesize -> train (NER + assertion classifier) -> evaluate -> export
`en_medkiln_notes` (-> install -> extract a sample file with the installed package)."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
from pathlib import Path

from medkiln.core.errors import MedkilnError
from medkiln.core.records import write_json, write_jsonl
from medkiln.domains import DomainSpec

from ..chain import check_kind, step

log = logging.getLogger(__name__)

def evaluate_model(model: Path, data: Path, spec: DomainSpec, out: Path | None = None, **options) -> dict:
    """Entity, assertion and link scores of the pipeline at `model` on `data`; the report goes to `out`."""
    from medkiln.serving.pipeline import load_pipeline

    from .data import read_records
    from .evaluate import evaluate_extraction, write_report

    ev = evaluate_extraction(load_pipeline(model), read_records(data, spec), spec, **options)
    ev["data"] = str(data)
    if out is not None:
        write_report(ev, out)
    return ev


def _extract_sample(spec, package: str, out: Path) -> dict:
    """Write a small JSONL of synthetic notes and run the installed `medkiln extract` on it (fresh process)."""
    sample = out / "sample_notes.jsonl"
    write_jsonl(sample, ({"id": f"sample-{i}", "text": rec["text"]} for i, rec in enumerate(spec.synthesize(12, 999))))
    output = out / "sample_extracted.jsonl"
    cmd = [sys.executable, "-m", "medkiln.factory.cli.main", "extract", str(sample), str(output), "--model", package,
           "--quiet", "--overwrite"]  # the run owns its folder
    proc = subprocess.run(cmd, check=False, stdout=subprocess.DEVNULL)
    if proc.returncode != 0:
        raise MedkilnError("E017", cmd="medkiln extract", code=proc.returncode)
    return {"input": str(sample), "output": str(output)}


def run(spec: DomainSpec, out: str | Path, *, n: int = 3000, seed: int = 0, max_steps: int | None = None,
        install: bool = False, real_data: Path | None = None, **options) -> dict:
    """The whole loop for an extraction domain; returns where everything went and the headline scores."""
    from ..export import export, install as install_wheel
    from ..synth import synthesize
    from .card import notes_card
    from .train import train_extraction

    check_kind(spec, "extraction", "E303")
    if options:
        raise MedkilnError("E019", option=", ".join(sorted(options)), reason=f"not used by the extraction domain {spec.name}")
    if real_data is not None:
        raise MedkilnError("E019", option="--real-data", reason="not used by extraction runs; measure real data with "
                           "benchmarks/notes_eval.py")
    out = Path(out)
    timings: dict[str, float] = {}
    data = step("synth", timings, synthesize, spec, out / "data", n=n, seed=seed)
    trained = step("train", timings, train_extraction, spec, out / "data", out / "train", seed=seed,
                    max_steps=max_steps)
    model = Path(trained["model"])
    ev = step("evaluate", timings, evaluate_model, model, out / "data" / "test.jsonl", spec, out / "eval" / "synthetic")
    card = json.loads((out / "data" / "datacard.json").read_text())
    exported = step("export", timings, export, model, out / "package", name=spec.package_name, evaluation=ev,
                     data_card=card, no_isolation=True, card=notes_card)
    summary = {"data": data["out"], "n": n, "model": str(model), "reports": {"synthetic": str(out / "eval" / "synthetic")},
               "package": exported, "entities_relaxed_f1": ev["relaxed"]["micro"]["f1"],
               "assertion_accuracy": ev["assertion"]["gold_spans"]["accuracy"],
               "link_f1": ev["links"]["end_to_end"]["f1"]}
    if install:
        step("install", timings, install_wheel, exported["wheel"])
        package = f"{spec.lang}_{spec.package_name}"
        summary["extract_sample"] = step("extract", timings, _extract_sample, spec, package, out)
    summary["seconds"] = timings
    write_json(out / "run.json", summary)
    return summary
