"""`medkiln adapt DOMAIN NOTES --model BASE --out DIR`: a thin Typer wrapper over `factory.adapt.adapt`."""

from __future__ import annotations

import dataclasses
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


def settings_from(items: list[str], option: str = "--set") -> dict:
    """`--set KEY=VALUE` items as `AdaptSettings` fields (threshold, uncertain, propagate, passes, silver_repeat,
    synthetic_limit, init, learn_rate, batch_words, pick, ...; values typed as JSON when they parse); a usage error
    for a key that is no setting."""
    from ..adapt import AdaptSettings
    from ..train.spacy_cnn import parse_override

    fields = {f.name for f in dataclasses.fields(AdaptSettings)} - {"notes", "seed", "gpu"}
    values = o.parse_sets(items, option)
    unknown = sorted(set(values) - fields)
    if unknown:
        raise typer.BadParameter(f"no adaptation setting {', '.join(unknown)} (settings: {', '.join(sorted(fields))})",
                                 param_hint=option)
    return {key: parse_override(value) for key, value in values.items()}


def adapt_command(
    domain: o.Domain,
    notes: so.Input,
    model: so.Model,
    out: o.Out,
    data: Annotated[Path, typer.Option("--data", help="The synthetic data folder (train/dev/test.jsonl, "
                                       "datacard.json), e.g. runs/demo/data.")],
    teacher_model: Annotated[Optional[Path], typer.Option("--teacher-model", help="A stronger student that labels "
                             "the notes too (distillation), e.g. the MiniLM student's model folder.")] = None,
    max_steps: o.MaxSteps = None,
    set_: o.Set = [],
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
    extra = {**({"description": description} if description else {}),
             **({"max_steps": max_steps} if max_steps is not None else {}), **settings_from(set_)}
    settings = AdaptSettings(seed=seed, gpu=gpu, notes=notes_settings, **extra)
    result = adapt(domain, notes, model, out, data=data, teacher_model=teacher_model, llm=llm, settings=settings,
                   install=install, package_name=name)
    typer.echo(json.dumps(result, indent=2, default=str))
