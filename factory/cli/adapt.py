"""`medkiln adapt DOMAIN NOTES --model BASE --out DIR`: a thin Typer wrapper over `factory.adapt.adapt`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from medkiln.serving import cli_options as so

from . import options as o


def _llm(domain: str, llm_teacher: Optional[str], base_url: Optional[str], api_key_env: str, timeout: float,
         allow_remote: bool, cache_dir: Path):
    """The LLM annotator, or None; real notes only go to a local endpoint unless `allow_remote` (E101)."""
    if not llm_teacher:
        return None
    from medkiln.domains import as_spec

    from ..annotate import build_annotators
    from ..teachers.privacy import check_privacy

    if base_url:
        check_privacy(base_url, real=True, allow_remote=allow_remote)
    settings = {"api_key_env": api_key_env, "timeout": timeout, "cache_dir": str(cache_dir),
                "allow_remote": allow_remote, **({"base_url": base_url} if base_url else {})}
    return build_annotators(as_spec(domain), [llm_teacher], settings, rules=False)[0]


def adapt_command(
    domain: o.Domain,
    notes: so.Input,
    model: so.Model,
    out: o.Out,
    data: Annotated[Path, typer.Option("--data", help="The synthetic data folder (train/dev/test.jsonl, "
                                       "datacard.json), e.g. runs/demo/data.")],
    teacher_model: Annotated[Optional[Path], typer.Option("--teacher-model", help="A stronger student that labels "
                             "the notes too (distillation), e.g. the MiniLM student's model folder.")] = None,
    threshold: float = typer.Option(0.8, "--threshold", help="Combined teacher confidence a silver span needs."),
    uncertain: str = typer.Option("mask", "--uncertain", help="mask: tokens the teachers doubt carry no loss; "
                                  "drop: leave out notes with such tokens."),
    propagate: bool = typer.Option(True, "--propagation/--no-propagation", help="Run-wide propagation as a "
                                   "teacher."),
    passes: int = typer.Option(10, "--passes", help="Dropout passes that score the base student's spans."),
    silver_repeat: int = typer.Option(2, "--silver-repeat", help="Copies of each silver note in training."),
    synthetic_limit: Optional[int] = typer.Option(None, "--synthetic-limit", help="At most this many synthetic "
                                                  "training notes."),
    init: str = typer.Option("base", "--init", help="base: continue from the base student; scratch: new weights."),
    max_steps: int = typer.Option(1000, "--max-steps", help="Training steps."),
    learn_rate: Optional[float] = typer.Option(None, "--learn-rate", help="Adam learning rate (default: 0.0002 "
                                               "from the base student, the training config's from scratch)."),
    batch_words: Optional[int] = typer.Option(None, "--batch-words", help="Words per batch throughout (default: 1000 "
                                              "from the base student, the config's compounding sizes from scratch)."),
    pick: str = typer.Option("last", "--pick", help="last: the weights after --max-steps; best: spaCy's model-best "
                             "on dev (synthetic + held-out silver notes), which favours the base student."),
    seed: o.Seed = 0,
    gpu: int = typer.Option(-1, "--gpu", help="GPU id, -1 for CPU."),
    fmt: so.Format = None,
    text_field: so.TextField = "text",
    id_field: so.IdField = None,
    encoding: so.Encoding = "utf-8",
    limit: Optional[int] = typer.Option(None, "--limit", help="At most this many notes."),
    description: Optional[str] = typer.Option(None, "--notes-description", help="What the notes are, for the "
                                              "card (no text of them)."),
    llm_teacher: Optional[str] = typer.Option(None, "--llm-teacher", help="openai:MODEL: an LLM teacher too."),
    base_url: o.BaseUrl = None,
    api_key_env: o.ApiKeyEnv = "OPENAI_API_KEY",
    timeout: o.Timeout = 300.0,
    allow_remote_teacher: bool = typer.Option(False, "--allow-remote-teacher", help="Allow sending the notes to a "
                                              "non-local LLM teacher."),
    name: Optional[str] = typer.Option(None, "--name", help="Package name (default: the domain's)."),
    install: o.Install = False,
):
    """Adapt the CNN student to your own unlabeled notes: teachers label them, the CNN is trained again."""
    from ..adapt import AdaptSettings, NotesSettings, adapt

    llm = _llm(domain, llm_teacher, base_url, api_key_env, timeout, allow_remote_teacher, out / ".cache")
    notes_settings = NotesSettings(format=fmt, text_field=text_field, id_field=id_field, encoding=encoding,
                                   limit=limit)
    settings = AdaptSettings(threshold=threshold, uncertain=uncertain, propagate=propagate, passes=passes,
                             silver_repeat=silver_repeat, synthetic_limit=synthetic_limit, init=init,
                             max_steps=max_steps, learn_rate=learn_rate,
                             batch_words=batch_words, pick=pick, seed=seed, gpu=gpu, notes=notes_settings,
                             **({"description": description} if description else {}))
    result = adapt(domain, notes, model, out, data=data, teacher_model=teacher_model, llm=llm, settings=settings,
                   install=install, package_name=name)
    typer.echo(json.dumps(result, indent=2, default=str))
