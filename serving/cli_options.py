"""Options shared by the serving commands (`deid`, `extract`, `translate`, `deid-spark`, `serve`), declared once.

Each is an `Annotated` type a command's parameter takes with its default, so a flag reads and behaves the same
in every command that has it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, List, Optional

import typer

_IN = "A .txt file, a folder of .txt files, or JSONL, CSV, Parquet."

# input and output
Input = Annotated[Path, typer.Argument(help=_IN)]
Output = Annotated[Path, typer.Argument(help="Where the result goes (same format and structure as the input).")]
Model = Annotated[str, typer.Option("--model", "-m", help="Installed package or pipeline folder.")]
Lang = Annotated[Optional[str], typer.Option("--lang", help="The record's language: xx reads it with the installed "
                                             "package xx_medkiln_deid; auto identifies each record's language "
                                             "(py3langid) and routes it to that language's package.")]
Format = Annotated[Optional[str], typer.Option("--format", help="Override detection: txt, dir, jsonl, csv, "
                                               "parquet.")]
TextField = Annotated[str, typer.Option("--text-field", help="Field/column holding the text.")]
IdField = Annotated[Optional[str], typer.Option("--id-field", help="Field/column with the record id (default: "
                                                "line or row number, or relative path).")]
GroupField = Annotated[Optional[str], typer.Option("--group-field", help="Field/column grouping records (e.g. "
                                                   "patient id) for consistent surrogates and date shifts.")]
Encoding = Annotated[str, typer.Option("--encoding", help="Text encoding of .txt, JSONL and CSV input (the output "
                                       "keeps it), e.g. latin-1 or cp1252.")]
Audit = Annotated[Optional[Path], typer.Option("--audit", help="Write offsets and labels per record (JSONL, "
                                               "created 0600).")]
Errors = Annotated[Optional[Path], typer.Option("--errors", help="Errors file (default OUTPUT.errors.jsonl).")]
# the run
BatchSize = Annotated[int, typer.Option("--batch-size", help="Texts per pipeline batch.")]
Workers = Annotated[int, typer.Option("--workers", help="Worker processes (each holds the pipeline).")]
Resume = Annotated[bool, typer.Option("--resume", help="Continue an interrupted run into the same OUTPUT "
                                      "(refused when the input changed).")]
Overwrite = Annotated[bool, typer.Option("--overwrite", help="Replace an existing OUTPUT (a folder keeps every "
                                         "file this run does not write).")]
Quiet = Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar.")]
# how PHI is replaced
Operator = Annotated[str, typer.Option("--operator", help="redact, mask, hash or surrogate (in the record's "
                                       "language: --lang, else the package's).")]
DateShift = Annotated[bool, typer.Option("--date-shift", help="Shift DATE spans by one offset per group.")]
Seed = Annotated[Optional[int], typer.Option("--seed", help="Make hashes, surrogates and shifts reproducible.")]
KeyFile = Annotated[Optional[Path], typer.Option("--key-file", help="Secret HMAC key file (>= 16 bytes, "
                                                 "mode 0600).")]
Keep = Annotated[List[str], typer.Option("--keep", help="Leave this label untouched (repeatable).")]
HipaaAges = Annotated[bool, typer.Option("--hipaa-ages", help="Keep AGE spans of 89 or less (Safe Harbor).")]

__all__ = ["Audit", "BatchSize", "DateShift", "Encoding", "Errors", "Format", "GroupField", "HipaaAges", "IdField",
           "Input", "Keep", "KeyFile", "Lang", "Model", "Operator", "Output", "Overwrite", "Quiet", "Resume", "Seed",
           "TextField", "Workers"]
