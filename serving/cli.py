"""`medkiln deid`: a thin Typer wrapper over `serving.deid.deidentify`, and the exit protocol of every batch
command.

Exit status: 0 when every record was processed, 1 when any record failed (see the errors file), 2 for usage
errors, 130 after Ctrl-C (SIGINT) and 143 after SIGTERM: the run stops within seconds, its worker processes
with it, and `--resume` continues from the last checkpoint.
"""

from __future__ import annotations

import json
import os
import signal
from contextlib import contextmanager
from typing import Any, Callable, Iterator

import typer

from . import cli_options as o
from medkiln.core.errors import UsageError


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised in the main thread so a run stops as it does on Ctrl-C (checkpoint kept, workers ended)."""


@contextmanager
def stop_on_signals() -> Iterator[None]:
    """Turn SIGTERM into `Terminated` while a command runs (SIGINT already raises KeyboardInterrupt)."""
    def terminate(signum: int, frame: Any) -> None:
        raise Terminated()

    try:
        previous = signal.signal(signal.SIGTERM, terminate)
    except ValueError:  # not the main thread (e.g. called from a test's thread): leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def run_batch_command(run: Callable[[], Any]) -> None:
    """The exit protocol of every batch command (`deid`, `extract`, `translate`): print the run summary as
    JSON; exit 2 on a usage error (its message names the file, field or option), 1 when any record failed,
    130/143 when interrupted."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        with stop_on_signals():
            summary = run()
    except UsageError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(code=2) from None
    except KeyboardInterrupt as stop:
        code = 143 if isinstance(stop, Terminated) else 130
        typer.echo("interrupted; what was checkpointed is kept: run the same command with --resume to continue",
                   err=True)
        raise typer.Exit(code=code) from None
    typer.echo(json.dumps(summary.to_dict(), indent=2))
    if summary.failed:
        typer.echo(f"{summary.failed} record(s) failed; see {summary.errors_path}", err=True)
        raise typer.Exit(code=1)


def deid_command(
    input: o.Input, output: o.Output, model: o.Model = "en_medkiln_deid", lang: o.Lang = None, fmt: o.Format = None,
    text_field: o.TextField = "text", id_field: o.IdField = None, group_field: o.GroupField = None,
    encoding: o.Encoding = "utf-8", operator: o.Operator = "redact", date_shift: o.DateShift = False,
    seed: o.Seed = None, key_file: o.KeyFile = None, keep: o.Keep = [], hipaa_ages: o.HipaaAges = False,
    audit: o.Audit = None,
    audit_text: bool = typer.Option(False, "--audit-text", help="Also put the PHI text in the audit file."),
    errors: o.Errors = None, batch_size: o.BatchSize = 64, workers: o.Workers = 1, resume: o.Resume = False,
    overwrite: o.Overwrite = False, quiet: o.Quiet = False,
    run_propagation: bool = typer.Option(True, "--run-propagation/--no-run-propagation",
                                         help="Two passes: names and places found in several records mark "
                                         "their other mentions in the whole input."),
):
    """De-identify a .txt file, a folder, JSONL, CSV or Parquet; the output mirrors the input."""
    from .deid import DEFAULT_MODEL, deidentify

    def run() -> Any:
        nlp, name = None, model
        if lang is not None and model != DEFAULT_MODEL:
            raise UsageError("S114", lang=lang)
        if lang == "auto":
            from .languages import language_router

            nlp = language_router()
        elif lang is not None:
            from .languages import package_for

            name = package_for(lang)
        return deidentify(
            input, output, model=name, nlp=nlp, format=fmt, text_field=text_field, id_field=id_field,
            group_field=group_field, encoding=encoding, operator=operator, date_shift=date_shift, seed=seed,
            key_file=key_file, keep=tuple(keep), hipaa_ages=hipaa_ages, audit=audit, audit_text=audit_text,
            errors=errors, batch_size=batch_size, workers=workers, resume=resume, overwrite=overwrite,
            quiet=quiet, run_propagation=run_propagation, lang=lang)

    run_batch_command(run)
