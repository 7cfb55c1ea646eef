"""`medkiln deid`: a thin Typer wrapper over `serving.batch.deidentify`.

The lead registers it with `app.command("deid")(deid_command)`. Exit status: 0 when every record was
de-identified, 1 when any record failed (see the errors file), 2 for usage errors.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Callable, List, Optional

import typer

from .errors import UsageError


def deid_command(
    input: Path = typer.Argument(..., help="A .txt file, a folder of .txt files, or JSONL, CSV, Parquet."),
    output: Path = typer.Argument(..., help="Where the de-identified copy goes (same format and structure)."),
    model: str = typer.Option("en_medkiln_deid", "--model", "-m", help="Installed package or pipeline folder."),
    fmt: Optional[str] = typer.Option(None, "--format", help="Override detection: txt, dir, jsonl, csv, parquet."),
    text_field: str = typer.Option("text", "--text-field", help="Field/column holding the note text."),
    id_field: Optional[str] = typer.Option(None, "--id-field", help="Field/column with the record id "
                                           "(default: line or row number, or relative path)."),
    group_field: Optional[str] = typer.Option(None, "--group-field", help="Field/column grouping records "
                                              "(e.g. patient id) for consistent surrogates and date shifts."),
    operator: str = typer.Option("redact", "--operator", help="redact, mask, hash or surrogate."),
    date_shift: bool = typer.Option(False, "--date-shift", help="Shift DATE spans by one offset per group."),
    seed: Optional[int] = typer.Option(None, "--seed", help="Make hashes, surrogates and shifts reproducible."),
    key_file: Optional[Path] = typer.Option(None, "--key-file", help="Secret HMAC key file (>= 16 bytes)."),
    keep: List[str] = typer.Option([], "--keep", help="Leave this label untouched (repeatable)."),
    hipaa_ages: bool = typer.Option(False, "--hipaa-ages", help="Keep AGE spans of 89 or less (Safe Harbor)."),
    audit: Optional[Path] = typer.Option(None, "--audit", help="Write PHI offsets per record (JSONL)."),
    audit_text: bool = typer.Option(False, "--audit-text", help="Also put the PHI text in the audit file."),
    errors: Optional[Path] = typer.Option(None, "--errors", help="Errors file (default OUTPUT.errors.jsonl)."),
    batch_size: int = typer.Option(64, "--batch-size", help="nlp.pipe batch size."),
    workers: int = typer.Option(1, "--workers", help="Processes for nlp.pipe (n_process)."),
    resume: bool = typer.Option(False, "--resume", help="Continue an interrupted run into the same OUTPUT."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
    run_propagation: bool = typer.Option(True, "--run-propagation/--no-run-propagation",
                                         help="Two passes: names and places found in several records mark "
                                         "their other mentions in the whole input."),
):
    """De-identify a .txt file, a folder, JSONL, CSV or Parquet; the output mirrors the input."""
    from .batch import deidentify

    run_batch_command(lambda: deidentify(
        input, output, model=model, format=fmt, text_field=text_field, id_field=id_field,
        group_field=group_field, operator=operator, date_shift=date_shift, seed=seed, key_file=key_file,
        keep=tuple(keep), hipaa_ages=hipaa_ages, audit=audit, audit_text=audit_text, errors=errors,
        batch_size=batch_size, workers=workers, resume=resume, quiet=quiet, run_propagation=run_propagation))


def run_batch_command(run: Callable[[], Any]) -> None:
    """The exit protocol of every batch command (`deid`, `extract`, `translate`): print the run summary as
    JSON; exit 2 on a usage error (its message names the file, field or option), 1 when any record failed."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        summary = run()
    except UsageError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(code=2) from None
    typer.echo(json.dumps(summary.to_dict(), indent=2))
    if summary.failed:
        typer.echo(f"{summary.failed} record(s) failed; see {summary.errors_path}", err=True)
        raise typer.Exit(code=1)
