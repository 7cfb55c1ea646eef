"""`medkiln synth` and `medkiln annotate`: thin Typer wrappers over `factory.synth.synthesize` and
`factory.annotate.annotate` (the lead registers them in `main.py`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import List, Optional

import typer

_TEACHER_HELP = "Teacher: offline (default), openai, or openai:MODEL. Repeat for an ensemble (annotate)."


def _teacher_settings(base_url: Optional[str], model: Optional[str], api_key_env: str, timeout: float,
                      max_retries: int, concurrency: int, cache_dir: Optional[Path], structured: str,
                      temperature: Optional[float], seed: int) -> dict:
    settings: dict = {"api_key_env": api_key_env, "timeout": timeout, "max_retries": max_retries,
                      "concurrency": concurrency, "structured": structured, "seed": seed}
    if base_url:
        settings["base_url"] = base_url
    if model:
        settings["model"] = model
    if cache_dir is not None:
        settings["cache_dir"] = str(cache_dir)
    if temperature is not None:
        settings["temperature"] = temperature
    return settings


def _emit(data: dict) -> None:
    typer.echo(json.dumps(data, indent=2, default=str))


def synth_command(
    domain: str = typer.Argument(..., help="Domain name, e.g. deid."),
    out: Path = typer.Option(..., "--out", help="Output folder for train/dev/test JSONL and the data card."),
    n: int = typer.Option(3000, "--n", help="Number of examples."),
    seed: int = typer.Option(0, "--seed"),
    teacher: str = typer.Option("offline", "--teacher", help=_TEACHER_HELP),
    base_url: Optional[str] = typer.Option(None, "--base-url", help="OpenAI-compatible API root, e.g. http://127.0.0.1:8000/v1"),
    model: Optional[str] = typer.Option(None, "--model", help="Model name as the server knows it."),
    api_key_env: str = typer.Option("OPENAI_API_KEY", "--api-key-env", help="Env var holding the API key (optional)."),
    reviewers: int = typer.Option(1, "--reviewers", help="Reviewers per example; 0 turns review off."),
    reviewer_teacher: List[str] = typer.Option([], "--reviewer-teacher", help="openai:MODEL reviewers (default: the generator)."),
    timeout: float = typer.Option(60.0, "--timeout", help="Seconds per request."),
    max_retries: int = typer.Option(4, "--max-retries"),
    concurrency: int = typer.Option(4, "--concurrency", help="Requests in flight at once."),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", help="Answer cache (default OUT/.cache)."),
    structured: str = typer.Option("auto", "--structured", help="auto | json_schema | json_object | none"),
    temperature: Optional[float] = typer.Option(None, "--temperature"),
    max_attempts: Optional[int] = typer.Option(None, "--max-attempts", help="Give up after this many (default 2n)."),
    resume: bool = typer.Option(False, "--resume", help="Continue a run in OUT (only failed attempts are retried)."),
):
    """Synthesize an annotated dataset with a teacher (LLM teachers: generator -> reviewers -> adjudicator)."""
    from ..synth import synthesize

    name, _, named_model = teacher.partition(":")
    if name == "offline":
        _emit(synthesize(domain, out, n=n, seed=seed, teacher=teacher))
        return
    settings = _teacher_settings(base_url, named_model or model, api_key_env, timeout, max_retries, concurrency,
                                 cache_dir or out / ".cache", structured, temperature, seed)
    _emit(synthesize(domain, out, n=n, seed=seed, teacher=name, teacher_settings=settings, reviewers=reviewers,
                     reviewer_teachers=list(reviewer_teacher), resume=resume, max_attempts=max_attempts))


def annotate_command(
    domain: str = typer.Argument(..., help="Domain name, e.g. deid."),
    input_path: Path = typer.Argument(..., help="JSONL ({id, text}), a .txt file or a folder of .txt files."),
    out: Path = typer.Option(..., "--out", help="Output folder (annotations.jsonl, report.json)."),
    teacher: List[str] = typer.Option([], "--teacher", help=_TEACHER_HELP),
    rules: bool = typer.Option(True, "--rules/--no-rules", help="Add the domain's rule recognizers as a voter."),
    base_url: Optional[str] = typer.Option(None, "--base-url", help="OpenAI-compatible API root."),
    model: Optional[str] = typer.Option(None, "--model", help="Default model for `--teacher openai`."),
    api_key_env: str = typer.Option("OPENAI_API_KEY", "--api-key-env"),
    real: bool = typer.Option(True, "--real/--synthetic", help="Input is real data (the default): privacy guard on."),
    allow_remote_teacher: bool = typer.Option(False, "--allow-remote-teacher",
                                              help="Allow sending real data to a non-local teacher."),
    timeout: float = typer.Option(60.0, "--timeout"),
    max_retries: int = typer.Option(4, "--max-retries"),
    concurrency: int = typer.Option(4, "--concurrency"),
    cache_dir: Optional[Path] = typer.Option(None, "--cache-dir", help="Answer cache (default OUT/.cache)."),
    structured: str = typer.Option("auto", "--structured"),
    text_field: str = typer.Option("text", "--text-field"),
    id_field: str = typer.Option("id", "--id-field"),
    resume: bool = typer.Option(False, "--resume", help="Skip ids already in OUT/annotations.jsonl."),
):
    """Pre-annotate your own texts with an ensemble of teachers and rule annotators (votes + confidence)."""
    from ..annotate import annotate

    settings = _teacher_settings(base_url, model, api_key_env, timeout, max_retries, concurrency,
                                 cache_dir or out / ".cache", structured, None, 0)
    _emit(annotate(domain, input_path, out, teachers=list(teacher), teacher_settings=settings, rules=rules,
                   real=real, allow_remote=allow_remote_teacher, resume=resume, text_field=text_field,
                   id_field=id_field))
