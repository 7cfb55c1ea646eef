"""`medkiln review push|pull|status|export|import`: thin Typer wrappers over `annotation`.

The server URL comes from --url or $LABEL_STUDIO_URL; the token from $LABEL_STUDIO_API_KEY or --token-file
(never an option value, so it stays out of shell history and logs).
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import Annotated, Optional

import typer

from . import options as o

review_app = typer.Typer(help="Label Studio review loop: push pre-annotated tasks, pull decisions, status.",
                         no_args_is_help=True)

@review_app.callback()
def _quiet_http() -> None:
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one INFO line per request is noise




def _emit(data: dict) -> None:
    typer.echo(json.dumps(data, indent=2, default=str))


@review_app.command("push")
def push_command(
    domain: o.Domain,
    data: o.Data,
    project: o.Project,
    url: o.Url = None,
    token_file: o.TokenFile = None,
    model: Optional[Path] = typer.Option(None, "--model", help="Pre-annotate with this student (pipeline folder "
                                         "or package) instead of the spans in DATA; adds per-span scores."),
    model_version: o.ModelVersion = None,
    select: o.Select = "uncertainty",
    budget: o.Budget = None,
    seed: o.Seed = 0,
    batch_size: int = typer.Option(200, "--batch-size", help="Tasks per import request."),
    passes: int = typer.Option(10, "--passes", help="With --model: MC-dropout passes per text for the span "
                               "scores (0: no scores, fastest)."),
):
    """Create or update a project and import pre-annotated tasks (idempotent: no duplicates)."""
    from medkiln.annotation.push import push

    _emit(push(domain, data, project, url=url, token_file=token_file, model=model, model_version=model_version,
               how=select, budget=budget, seed=seed, batch_size=batch_size, passes=passes))


@review_app.command("pull")
def pull_command(
    domain: o.Domain,
    project: o.Project,
    out: o.Out,
    url: o.Url = None,
    token_file: o.TokenFile = None,
    rule: o.Rule = "majority",
    dev_fraction: o.DevFraction = 0.2,
    base: o.Base = None,
):
    """Fetch completed annotations and write the training/evaluation data."""
    from medkiln.annotation.pull import pull

    _emit_reviewed(pull(domain, project, out, url=url, token_file=token_file, rule=rule, dev_fraction=dev_fraction,
                        base=base))


@review_app.command("status")
def status_command(
    domain: o.Domain,
    project: o.Project,
    url: o.Url = None,
    token_file: o.TokenFile = None,
    rule: o.Rule = "majority",
    out: Optional[Path] = typer.Option(None, "--out", help="Also write status.json and status.md here."),
):
    """Counts (tasks, done, skipped) and agreement: pre-annotations vs final, and between reviewers."""
    from medkiln.annotation.status import status, status_markdown
    from medkiln.core.records import write_json

    report = status(domain, project, url=url, token_file=token_file, rule=rule)
    if out is not None:
        write_json(out / "status.json", report)
        (out / "status.md").write_text(status_markdown(report), encoding="utf-8")
    _emit(report)


@review_app.command("export")
def export_command(
    domain: o.Domain,
    data: o.Data,
    out: o.Out,
    model_version: o.ModelVersion = None,
    select: o.Select = "uncertainty",
    budget: o.Budget = None,
    seed: o.Seed = 0,
):
    """Offline: write Label Studio tasks (with predictions) and the labeling config, no server needed."""
    from medkiln.annotation.offline import export_tasks_file

    _emit(export_tasks_file(domain, data, out, model_version=model_version, how=select, budget=budget, seed=seed))


@review_app.command("import")
def import_command(
    domain: o.Domain,
    export: Annotated[Path, typer.Argument(help="A Label Studio JSON export file.")],
    out: o.Out,
    rule: o.Rule = "majority",
    dev_fraction: o.DevFraction = 0.2,
    base: o.Base = None,
):
    """Offline: turn a Label Studio JSON export into training data, like `pull`."""
    from medkiln.annotation.pull import import_export

    _emit_reviewed(import_export(domain, export, out, rule=rule, dev_fraction=dev_fraction, base=base))


def _emit_reviewed(report: dict) -> None:
    """Print the report; exit 1 when a task could not be read (listed in pull.json, ids only)."""
    _emit(report)
    if report.get("failed"):
        typer.echo(f"{len(report['failed'])} task(s) could not be read and were left out; see "
                   f"{Path(report['out']) / 'pull.json'}", err=True)
        raise typer.Exit(code=1)
