"""`medkiln run DOMAIN`: every arrow of the loop, chained. Each step is a plain function over files on disk."""

from __future__ import annotations

import json
import logging
import subprocess
import sys
import time
from pathlib import Path

from medkiln.domains import DomainSpec, as_spec

from medkiln.core.errors import MedkilnError
from medkiln.core.records import write_json

log = logging.getLogger(__name__)


def step(name: str, timings: dict, func, /, *args, **kwargs):
    """Run one arrow of the loop, logging it and recording its seconds in `timings`."""
    log.info("step %s ...", name)
    started = time.perf_counter()
    result = func(*args, **kwargs)
    timings[name] = round(time.perf_counter() - started, 1)
    log.info("step %s done in %.1fs", name, timings[name])
    return result


def write_sample_folder(domain: DomainSpec | str, folder: Path, n: int = 12, seed: int = 999) -> Path:
    """A folder of synthetic `.txt` notes (nested, as a hospital export would be) for the demo's last step."""
    spec = as_spec(domain)
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


# Domains whose kind is not "spans" have their own chain: `<module>.run(domain, out, **options)`.
_KIND_RUNNERS = {"extraction": "medkiln.factory.extraction.run", "translation": "medkiln.factory.translation.run"}


def _adapt_step(spec, out: Path, model: Path, adapt_options: dict, seed: int, timings: dict) -> dict:
    """`medkiln adapt` on the user's notes (`adapt_options`: notes, text_field, teacher_model, max_steps,
    description): the adapted student, exported beside the base one."""
    from .adapt import AdaptSettings, NotesSettings, adapt

    opts = dict(adapt_options)
    notes, teacher = opts.pop("notes"), opts.pop("teacher_model", None)
    notes_settings = NotesSettings(text_field=opts.pop("text_field", "text"))
    settings = AdaptSettings(seed=seed, notes=notes_settings, **opts)
    return step("adapt", timings, adapt, spec, notes, model, out / "adapt", data=out / "data", teacher_model=teacher,
                settings=settings)


def run_domain(domain: DomainSpec | str, out: str | Path, *, n: int | None = None, seed: int = 0, backbone: str = "cnn",
               max_steps: int | None = None, install: bool = False, real_data: Path | None = None,
               real_map: str = "physionet", adapt: dict | None = None, **kind_options) -> dict:
    """synthesize -> train -> evaluate (synthetic test, optional real gold) -> export [-> adapt to the user's notes
    -> evaluate] (-> install -> deid sample).

    `n` synthetic examples (default: the domain's `default_n`). `adapt`: options of the adaptation step (see
    `_adapt_step`); the adapted package is the one installed. `kind_options` (e.g. src/tgt/base_model for
    translation) go to the runner of the domain's kind."""
    spec = as_spec(domain)
    n = spec.default_n if n is None else n
    out = Path(out)
    if spec.kind in _KIND_RUNNERS:
        import importlib

        if adapt:
            raise MedkilnError("E019", option="--adapt-notes", reason=f"not used by the {spec.kind} domain {spec.name}")

        runner = importlib.import_module(_KIND_RUNNERS[spec.kind])
        return runner.run(spec, out, n=n, seed=seed, max_steps=max_steps, install=install, real_data=real_data,
                          **kind_options)
    if kind_options:
        raise MedkilnError("E019", option=", ".join(sorted(kind_options)), reason=f"not used by the {spec.kind} domain {spec.name}")
    from .evaluate import evaluate, write_report
    from .export import export, install as install_wheel
    from .synth import synthesize
    from .train import train

    timings: dict[str, float] = {}
    data = step("synth", timings, synthesize, spec, out / "data", n=n, seed=seed)
    trained = step("train", timings, train, spec, out / "data", out / "train", backbone=backbone, seed=seed,
                    max_steps=max_steps)
    model = Path(trained["model"])
    ev = step("evaluate", timings, evaluate, model, out / "data" / "test.jsonl", label_map="i2b2")
    reports = {"synthetic": {k: str(v) for k, v in write_report(ev, out / "eval" / "synthetic").items()}}
    if real_data is not None:
        # scored as `medkiln deid` writes it: with run-wide propagation over the whole gold set; only PhysioNet
        # marks ages > 89 alone (HIPAA), the other corpora mark every age
        real = step("evaluate_real", timings, evaluate, model, real_data, label_map=real_map,
                    hipaa_ages=real_map == "physionet", run_propagation=True)
        reports["real"] = {k: str(v) for k, v in write_report(real, out / "eval" / "real").items()}
    card = json.loads((out / "data" / "datacard.json").read_text())
    # no_isolation: build with this environment's setuptools, so the step needs no network.
    exported = step("export", timings, export, model, out / "package", name=spec.package_name, evaluation=ev,
                     data_card=card, no_isolation=True)
    summary = {"data": data["out"], "model": str(model), "reports": reports, "package": exported,
               "token_recall_synthetic": ev.get("token", {}).get("recall")}
    if adapt:
        adapted = _adapt_step(spec, out, model, adapt, seed, timings)
        summary["adapted"] = {k: adapted[k] for k in ("model", "package", "silver", "teachers",
                                                      "token_recall_synthetic")}
        exported = adapted["package"]
        if real_data is not None:  # measurement only: the notes' labels never reach the adaptation
            real = step("evaluate_real_adapted", timings, evaluate, adapted["model"], real_data, label_map=real_map,
                        hipaa_ages=True, run_propagation=True)
            reports["real_adapted"] = {k: str(v) for k, v in write_report(real, out / "eval" / "real_adapted").items()}
    if install:
        step("install", timings, install_wheel, exported["wheel"])
        sample = write_sample_folder(spec, out / "sample_notes")
        package = f"{spec.lang}_{spec.package_name}"
        summary["deid_sample"] = step("deid", timings, _deid_sample, package, sample, out / "sample_notes_deid")
    summary["seconds"] = timings
    write_json(out / "run.json", summary)
    return summary
