"""Build an installable spaCy package from a pipeline folder: meta.json, model card, wheel.

`spacy package` runs in a subprocess (so its `sys.exit` becomes a coded E017 error here) with
`--build none`; the wheel/sdist is then built with `python -m build`, which lets `no_isolation=True`
build fully offline from the setuptools already installed. The model card is written as README.md into
the staged pipeline folder: `spacy package` copies it to the package root (the wheel's long
description) and ships it inside the installed model folder.
"""

from __future__ import annotations

import importlib.util
import json
import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from medkiln.core.errors import MedkilnError
from medkiln.core.records import write_json
from medkiln.serving.pipeline import COMPONENT_MODULES

from .card import headline, model_card

log = logging.getLogger(__name__)

HF_REQUIREMENTS = ["transformers>=5,<6", "torch>=2"]
BUILD_FORMATS = ("wheel", "sdist")
SUMMARY_SECTIONS = ("token", "strict", "relaxed")


def command_failed(cmd: str, exit_code: object) -> MedkilnError:
    """E017 for a failed command."""
    return MedkilnError("E017", cmd=cmd, code=exit_code)


def _run(cmd: list[str], cwd: Path | None = None) -> None:
    env = dict(os.environ)
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH", "")) if p)
    proc = subprocess.run(cmd, cwd=cwd, env=env, check=False)
    if proc.returncode != 0:
        raise command_failed(" ".join(cmd[2:4]), proc.returncode)


def _factories(pipeline_dir: Path) -> tuple[list[str], list[str]]:
    from spacy import util

    config = util.load_config(pipeline_dir / "config.cfg", interpolate=False)
    pipeline = list(config["nlp"]["pipeline"])
    return pipeline, [config["components"][name].get("factory", "") for name in pipeline]


PACKAGE_CODE = "medkiln.serving.medkiln_package_code"
INIT_TEMPLATE = """\"\"\"{name} {version}, exported by medkiln with the component code it was evaluated with.

`load()` builds the pipeline from this package's own copies of its components ({modules}), whatever else the
process has imported: see medkiln_package_code.py.
\"\"\"
from pathlib import Path

from spacy.util import get_model_meta, load_model_from_init_py

from . import medkiln_package_code
{imports}

__version__ = get_model_meta(Path(__file__).parent)["version"]
CODE = [{modules}]


def load(**overrides):
    with medkiln_package_code.own_factories(CODE):
        return load_model_from_init_py(__file__, **overrides)
"""


def _module_path(module: str) -> Path:
    spec = importlib.util.find_spec(module)
    if spec is None or spec.origin is None:
        raise MedkilnError("S002", path=module.replace(".", "/") + ".py")
    return Path(spec.origin)


def code_paths(factories: list[str]) -> list[Path]:
    """The serving modules that define the custom components a pipeline uses (shipped with --code), and the
    loader that makes the package use them."""
    paths = list(dict.fromkeys(_module_path(module) for factory, module in COMPONENT_MODULES.items()
                               if factory in factories))
    return [*paths, _module_path(PACKAGE_CODE)] if paths else []


def write_package_init(package_dir: Path, name: str, version: str, code: list[Path]) -> None:
    """Replace spaCy's generated `__init__.py` with one whose `load()` uses the package's own component code."""
    modules = [p.stem for p in code if p.stem != PACKAGE_CODE.rsplit(".", 1)[1]]
    text = INIT_TEMPLATE.format(name=name, version=version, modules=", ".join(modules),
                                imports="\n".join(f"from . import {m}" for m in modules))
    (package_dir / "__init__.py").write_text(text, encoding="utf-8")


def performance_summary(train_perf: dict, evaluation: dict | None) -> dict:
    """spaCy's training scores plus the headline numbers of an evaluation (flattened, scalars only)."""
    perf = dict(train_perf)
    for section in SUMMARY_SECTIONS:
        values = (evaluation or {}).get(section)
        if isinstance(values, dict):
            perf.update({f"{section}_{k}": v for k, v in headline(values).items() if isinstance(v, (int, float))})
    return perf


def package_meta(pipeline_dir: Path, *, name: str, lang: str, version: str, evaluation: dict | None,
                 data_card: dict | None, license: str) -> dict:
    """meta.json for the package: the pipeline's own meta plus name, version, performance, provenance."""
    import json

    import spacy
    from spacy import util

    meta = json.loads((pipeline_dir / "meta.json").read_text(encoding="utf-8"))
    pipeline, factories = _factories(pipeline_dir)
    meta.update(name=name, lang=lang, version=version, license=license, pipeline=pipeline,
                spacy_version=util.get_minor_version_range(spacy.about.__version__))
    meta.setdefault("description", "medkiln PHI detection pipeline. Trained on synthetic notes only.")
    meta["performance"] = performance_summary(meta.get("performance", {}), evaluation)
    extra = meta.setdefault("medkiln", {})
    if data_card:
        extra["data_card"] = {k: data_card[k] for k in ("docs", "spans", "words", "labels", "categories",
                                                         "provenance") if k in data_card}
    if evaluation:
        extra["evaluation"] = {k: evaluation[k] for k in (*SUMMARY_SECTIONS, "per_category", "per_label")
                               if k in evaluation}
    if "medkiln_hf_ner" in factories:
        meta["requirements"] = sorted(set(meta.get("requirements", [])) | set(HF_REQUIREMENTS))
    return meta


def _build_formats(build: str) -> list[str]:
    formats = [f.strip() for f in build.split(",") if f.strip() and f.strip() != "none"]
    bad = [f for f in formats if f not in BUILD_FORMATS]
    if bad:
        raise command_failed(f"build {build}", f"unknown format(s) {bad}")
    return formats


def export(model_dir: str | Path, out_dir: str | Path, *, name: str = "medkiln_deid", lang: str | None = None,
           version: str = "0.1.0", evaluation: dict | None = None, data_card: dict | None = None,
           build: str = "wheel", no_isolation: bool = False, license: str = "Apache-2.0",
           card=None) -> dict:
    """Write meta.json and the model card, run `spacy package`, build the wheel. Returns paths and name.

    `build` is "wheel", "sdist", "wheel,sdist" or "none"; `no_isolation=True` builds with the installed
    setuptools instead of fetching it (fully offline). `lang` defaults to the pipeline's own language (its
    meta.json), which also prefixes the package name (`es_medkiln_deid`).
    """
    model_dir, out_dir = Path(model_dir).resolve(), Path(out_dir).resolve()
    if not (model_dir / "config.cfg").exists():
        raise MedkilnError("S002", path=model_dir / "config.cfg")
    if lang is None:
        meta_path = model_dir / "meta.json"
        lang = json.loads(meta_path.read_text(encoding="utf-8")).get("lang", "en") if meta_path.exists() else "en"
    formats = _build_formats(build)
    out_dir.mkdir(parents=True, exist_ok=True)
    staging = out_dir / "pipeline"
    if staging.exists():
        shutil.rmtree(staging)
    shutil.copytree(model_dir, staging)
    meta = package_meta(staging, name=name, lang=lang, version=version, evaluation=evaluation,
                        data_card=data_card, license=license)
    write_json(staging / "meta.json", meta)
    render = card or model_card  # `card(meta, evaluation, data_card) -> str`: a domain kind's own model card
    (staging / "README.md").write_text(render(meta, evaluation, data_card), encoding="utf-8")
    code = code_paths(_factories(staging)[1])
    cmd = [sys.executable, "-m", "spacy", "package", str(staging), str(out_dir), "--name", name,
           "--version", version, "--build", "none", "--force"]
    if code:
        cmd += ["--code", ",".join(str(p) for p in code)]
    _run(cmd)
    package_name = name if name.startswith(f"{lang}_") else f"{lang}_{name}"
    main = out_dir / f"{package_name}-{version}"
    if code:
        write_package_init(main / package_name, package_name, version, code)
    result = {"name": package_name, "version": version, "package": str(main), "readme": str(main / "README.md"),
              "meta": str(main / "meta.json"), "wheel": None, "sdist": None}
    for fmt in formats:
        result[fmt] = str(_build(main, fmt, no_isolation))
    log.info("exported %s %s (%s)", package_name, version, ", ".join(formats) or "no build")
    write_json(out_dir / "export.json", result)
    return result


def _build(main: Path, fmt: str, no_isolation: bool) -> Path:
    dist = main / "dist"
    pattern = "*.whl" if fmt == "wheel" else "*.tar.gz"
    for old in dist.glob(pattern):
        old.unlink()
    cmd = [sys.executable, "-m", "build", f"--{fmt}", "--outdir", str(dist)]
    if no_isolation:
        cmd.append("--no-isolation")
    _run(cmd + ["."], cwd=main)
    built = sorted(dist.glob(pattern))
    if not built:
        raise command_failed(f"python -m build --{fmt}", "no artifact")
    return built[-1]


def install(wheel_path: str | Path, *, target: str | Path | None = None) -> dict:
    """`pip install --no-deps --force-reinstall` the wheel (into `target` if given)."""
    wheel_path = Path(wheel_path)
    if not wheel_path.exists():
        raise MedkilnError("S002", path=wheel_path)
    cmd = [sys.executable, "-m", "pip", "install", "--no-deps", "--force-reinstall", "--quiet"]
    if target is not None:
        cmd += ["--target", str(target)]
    _run(cmd + [str(wheel_path)])
    return {"installed": str(wheel_path), "target": str(target) if target else None}
