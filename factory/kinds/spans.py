"""The `spans` kind (de-identification, NER): span records `{"id", "text", "spans"}`, a spaCy or MiniLM student,
span P/R/F1 and PHI token recall, a spaCy package. Its chain: synthesize -> train -> evaluate (synthetic test,
optional real gold) -> export [-> adapt to the user's notes -> evaluate] (-> install -> de-identify a sample)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

from medkiln.core.errors import MedkilnError
from medkiln.core.records import read_spans, write_json
from medkiln.domains import DomainSpec

from . import registry
from .base import ReviewedKind


def write_sample_folder(spec: DomainSpec, folder: Path, n: int = 12, seed: int = 999) -> Path:
    """A folder of synthetic `.txt` notes (nested, as a hospital export would be) for the demo's last step."""
    for i, rec in enumerate(spec.synthesize(n, seed)):
        path = folder / f"unit-{i % 3}" / f"note-{i:03d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(rec["text"], encoding="utf-8")
    return folder


def _deid_sample(model: str, sample: Path, out: Path) -> dict:
    """Run the installed `medkiln deid` on the sample folder in a fresh process (as a user would)."""
    cmd = [sys.executable, "-m", "medkiln.factory.cli.main", "deid", str(sample), str(out), "--model", model,
           "--audit", str(out.parent / "sample_audit.jsonl"), "--quiet", "--overwrite"]  # the run owns runs/X
    proc = subprocess.run(cmd, check=False)
    if proc.returncode != 0:
        raise MedkilnError("E017", cmd="medkiln deid", code=proc.returncode)
    return {"input": str(sample), "output": str(out), "audit": str(out.parent / "sample_audit.jsonl")}


def _adapt_step(spec: DomainSpec, out: Path, model: Path, adapt_options: dict, seed: int, timings: dict) -> dict:
    """`medkiln adapt` on the user's notes (`adapt_options`: notes, text_field, teacher_model, max_steps,
    description): the adapted student, exported beside the base one."""
    from ..adapt import AdaptSettings, NotesSettings, adapt
    from ..chain import step

    opts = dict(adapt_options)
    notes, teacher = opts.pop("notes"), opts.pop("teacher_model", None)
    notes_settings = NotesSettings(text_field=opts.pop("text_field", "text"))
    settings = AdaptSettings(seed=seed, notes=notes_settings, **opts)
    return step("adapt", timings, adapt, spec, notes, model, out / "adapt", data=out / "data", teacher_model=teacher,
                settings=settings)


def _reports(ev: dict, folder: Path) -> dict:
    from ..evaluate import write_report

    return {k: str(v) for k, v in write_report(ev, folder).items()}


@registry.register("spans")
class SpansKind(ReviewedKind):
    name = "spans"

    def read(self, spec: DomainSpec, path: str | Path) -> list[dict]:
        return list(read_spans(path, spec.labels))

    def synthesize(self, spec: DomainSpec, out: str | Path, *, n: int, seed: int, **teacher_options: Any) -> dict:
        from .. import synth

        return synth.synthesize(spec, out, n=n, seed=seed, **teacher_options)

    def train(self, spec: DomainSpec, data: str | Path, out: str | Path, *, seed: int = 0,
              max_steps: int | None = None, backbone: str = "cnn", **options: Any) -> dict:
        from .. import train

        return train.train(spec, Path(data), Path(out), backbone=backbone, seed=seed, max_steps=max_steps, **options)

    def evaluate(self, spec: DomainSpec, model: Any, data: str | Path, **options: Any) -> dict:
        from .. import evaluate

        return evaluate.evaluate(model, data, **{"label_map": "i2b2", **options})

    def run(self, spec: DomainSpec, out: str | Path, *, n: int, seed: int = 0, max_steps: int | None = None,
            install: bool = False, real_data: Path | None = None, adapt: dict | None = None,
            backbone: str = "cnn", real_map: str = "physionet", **options: Any) -> dict:
        """`adapt`: options of the adaptation step (see `_adapt_step`); the adapted package is the one installed.
        Real gold is scored as `medkiln deid` writes it: with run-wide propagation over the whole gold set; only
        PhysioNet marks ages > 89 alone (HIPAA), the other corpora mark every age."""
        from ..export import export, install as install_wheel
        from ..chain import step

        if options:
            raise MedkilnError("E019", option=", ".join(sorted(options)),
                               reason=f"not used by the {spec.kind} domain {spec.name}")
        out, timings = Path(out), {}
        data = step("synth", timings, self.synthesize, spec, out / "data", n=n, seed=seed)
        trained = step("train", timings, self.train, spec, out / "data", out / "train", backbone=backbone, seed=seed,
                       max_steps=max_steps)
        model = Path(trained["model"])
        ev = step("evaluate", timings, self.evaluate, spec, model, out / "data" / "test.jsonl", label_map="i2b2")
        reports = {"synthetic": _reports(ev, out / "eval" / "synthetic")}
        if real_data is not None:
            real = step("evaluate_real", timings, self.evaluate, spec, model, real_data, label_map=real_map,
                        hipaa_ages=real_map == "physionet", run_propagation=True)
            reports["real"] = _reports(real, out / "eval" / "real")
        # no_isolation: build with this environment's setuptools, so the step needs no network.
        exported = step("export", timings, export, model, out / "package", name=spec.package_name, evaluation=ev,
                        data_card=self.card(spec, out / "data"), no_isolation=True)
        summary = {"data": data["out"], "model": str(model), "reports": reports, "package": exported,
                   "token_recall_synthetic": ev.get("token", {}).get("recall")}
        if adapt:
            adapted = _adapt_step(spec, out, model, adapt, seed, timings)
            summary["adapted"] = {k: adapted[k] for k in ("model", "package", "silver", "teachers",
                                                          "token_recall_synthetic")}
            exported = adapted["package"]
            if real_data is not None:  # measurement only: the notes' labels never reach the adaptation
                real = step("evaluate_real_adapted", timings, self.evaluate, spec, adapted["model"], real_data,
                            label_map=real_map, hipaa_ages=True, run_propagation=True)
                reports["real_adapted"] = _reports(real, out / "eval" / "real_adapted")
        if install:
            step("install", timings, install_wheel, exported["wheel"])
            sample = write_sample_folder(spec, out / "sample_notes")
            package = f"{spec.lang}_{spec.package_name}"
            summary["deid_sample"] = step("deid", timings, _deid_sample, package, sample, out / "sample_notes_deid")
        summary["seconds"] = timings
        write_json(out / "run.json", summary)
        return summary
