"""`medkiln synth` and `medkiln annotate`: thin Typer wrappers over `factory.synth.synthesize` and
`factory.annotate.annotate` (the lead registers them in `main.py`).

With an LLM teacher both end with their table on stderr (synth: accepted, rejected and failed attempts by
stage and reason; annotate: records a teacher could not annotate, by teacher and reason; counts only, never
text) and a truthful exit status: 1 when synth accepted fewer than `--min-share` of `--n`, or when annotate
left any record unannotated by a teacher.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, List, Optional

import typer

from . import options as o

_TEACHER_HELP = "Teacher: offline (default), openai, or openai:MODEL. Repeat for an ensemble (annotate)."
_STRUCTURED_HELP = ("auto (negotiate per server and model: json_schema -> json_object_schema -> json_object -> none) "
                    "| json_schema | json_object_schema | json_object | none")


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


def _check_structured(value: str) -> str:
    from ..teachers.formats import MODES

    if value not in MODES:
        raise typer.BadParameter(f"choose one of {', '.join(MODES)}", param_hint="--structured")
    return value


def _table(title: str, rows: dict, header: tuple[str, str] = ("outcome", "count")) -> None:
    """A two-column table on stderr (reasons and counts only)."""
    width = max([len(header[0])] + [len(str(k)) for k in rows])
    lines = [title, f"  {header[0]:<{width}}  {header[1]:>6}"]
    lines += [f"  {key:<{width}}  {value:>6}" for key, value in rows.items()] or ["  (none)"]
    typer.echo("\n".join(lines), err=True)


def _synth_verdict(report: dict) -> int:
    """Print the acceptance table of a generator-reviewer loop (a report with `outcomes`); the exit status (1
    when the target share was not reached)."""
    if "outcomes" in report:
        share = (f"{report['accepted']} of {report['target']} accepted ({report['share']:.0%}; "
                 f"needed {report['min_share']:.0%})")
        stop = {"request_budget": f"; the request budget ({report['request_budget']} requests) ran out",
                "max_attempts": "; --max-attempts ran out"}.get(report.get("stopped_by") or "", "")
        _table(f"synth: {share}{stop}", report["outcomes"])
    return 0 if report["met"] else 1


def synth_command(
    domain: o.Domain,
    out: o.Out,
    n: int = typer.Option(3000, "--n", min=1, help="Examples wanted. With an LLM teacher a target: attempts go on "
                                                   "until this many are accepted or --max-requests are spent."),
    seed: o.Seed = 0,
    teacher: str = typer.Option("offline", "--teacher", help=_TEACHER_HELP),
    base_url: o.BaseUrl = None,
    model: o.LlmModel = None,
    api_key_env: o.ApiKeyEnv = "OPENAI_API_KEY",
    reviewers: int = typer.Option(1, "--reviewers", help="Reviewers per example; 0 turns review off."),
    reviewer_teacher: List[str] = typer.Option([], "--reviewer-teacher", help="openai:MODEL reviewers (default: the generator)."),
    timeout: o.Timeout = 300.0,
    max_retries: o.MaxRetries = 4,
    concurrency: o.Concurrency = 4,
    cache_dir: o.CacheDir = None,
    structured: str = typer.Option("auto", "--structured", help=_STRUCTURED_HELP, callback=_check_structured),
    temperature: Optional[float] = typer.Option(None, "--temperature"),
    max_requests: Optional[int] = typer.Option(None, "--max-requests", min=1,
                                               help="Request budget (default max(20, 4 x n x (1 + reviewers)); "
                                                    "retries count, cache hits do not)."),
    min_share: float = typer.Option(0.9, "--min-share", min=0.0, max=1.0,
                                    help="Exit 1 when fewer than this share of --n is accepted."),
    max_attempts: Optional[int] = typer.Option(None, "--max-attempts", min=1,
                                               help="Also stop after this many attempts (default: no limit)."),
    resume: bool = typer.Option(False, "--resume", help="Continue a run in OUT (only failed attempts are retried)."),
):
    """Synthesize an annotated dataset with a teacher (LLM teachers: generator -> reviewers -> adjudicator;
    extraction domains: one schema answer per note, see `factory.kinds.extraction`)."""
    from medkiln.domains import as_spec

    from ..kinds import kind_of

    spec = as_spec(domain)
    kind = kind_of(spec)
    name, _, named_model = teacher.partition(":")
    if name == "offline":
        _emit(kind.synthesize(spec, out, n=n, seed=seed, teacher=teacher))
        return
    settings = _teacher_settings(base_url, named_model or model, api_key_env, timeout, max_retries, concurrency,
                                 cache_dir or out / ".cache", structured, temperature, seed)
    result = kind.synthesize(spec, out, n=n, seed=seed, teacher=name, teacher_settings=settings, reviewers=reviewers,
                             reviewer_teachers=list(reviewer_teacher), resume=resume, max_attempts=max_attempts,
                             max_requests=max_requests, min_share=min_share)
    _emit(result)
    raise typer.Exit(_synth_verdict(result["report"]))


def annotate_command(
    domain: o.Domain,
    input_path: Annotated[Path, typer.Argument(help="JSONL ({id, text}), a .txt file or a folder of .txt files.")],
    out: o.Out,
    teacher: List[str] = typer.Option([], "--teacher", help=_TEACHER_HELP),
    rules: bool = typer.Option(True, "--rules/--no-rules", help="Add the domain's rule recognizers as a voter."),
    base_url: o.BaseUrl = None,
    model: o.LlmModel = None,
    api_key_env: o.ApiKeyEnv = "OPENAI_API_KEY",
    real: bool = typer.Option(True, "--real/--synthetic", help="Input is real data (the default): privacy guard on."),
    allow_remote_teacher: bool = typer.Option(False, "--allow-remote-teacher",
                                              help="Allow sending real data to a non-local teacher."),
    timeout: o.Timeout = 300.0,
    max_retries: o.MaxRetries = 4,
    concurrency: o.Concurrency = 4,
    cache_dir: o.CacheDir = None,
    structured: str = typer.Option("auto", "--structured", help=_STRUCTURED_HELP, callback=_check_structured),
    text_field: str = typer.Option("text", "--text-field"),
    id_field: str = typer.Option("id", "--id-field"),
    resume: bool = typer.Option(False, "--resume", help="Skip ids already in OUT/annotations.jsonl; redo those a "
                                                        "teacher failed on (timeouts, HTTP errors)."),
):
    """Pre-annotate your own texts with an ensemble of teachers and rule annotators (votes + confidence)."""
    from ..annotate import annotate

    settings = _teacher_settings(base_url, model, api_key_env, timeout, max_retries, concurrency,
                                 cache_dir or out / ".cache", structured, None, 0)
    report = annotate(domain, input_path, out, teachers=list(teacher), teacher_settings=settings, rules=rules,
                      real=real, allow_remote=allow_remote_teacher, resume=resume, text_field=text_field,
                      id_field=id_field)
    _emit(report)
    if report.get("teachers"):
        _table(f"annotate: {report['failed_records']} of {report['records']} records not annotated by every teacher",
               report["unannotated"], header=("teacher:reason", "records"))
    raise typer.Exit(1 if report["failed_records"] else 0)
