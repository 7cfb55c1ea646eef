"""Spark's tables on disk for `medkiln deid-spark`: the format from the suffix, reading JSONL/CSV/Parquet as
`medkiln deid` reads them (a malformed JSONL line kept apart and counted, a doubled CSV column refused), and
writing beside the output, moved into place only when Spark finished."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from medkiln.core.errors import UsageError

_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv", ".tsv": "csv",
             ".parquet": "parquet", ".pq": "parquet"}


def detect_table_format(path: Path, override: str | None) -> str:
    if override is not None:
        if override not in ("jsonl", "csv", "parquet"):
            raise UsageError("S010", option="--format", reason="must be jsonl, csv or parquet")
        return override
    fmt = _SUFFIXES.get(path.suffix.lower())
    if fmt is None and path.is_dir():
        found = {_SUFFIXES.get(p.suffix.lower()) for p in path.iterdir() if p.is_file()} - {None}
        fmt = found.pop() if len(found) == 1 else None
    if fmt is None:
        raise UsageError("S003", path=path)
    return fmt


CORRUPT_COL = "__medkiln_malformed"


def _check_csv_header(path: Path, sep: str) -> None:
    """S015 for a CSV whose header names a column twice (Spark would rename the copies and go on)."""
    import csv

    from .io.csv_format import check_columns
    from .io.records import Fields

    first = path if path.is_file() else next(iter(sorted(path.glob("*.csv")) + sorted(path.glob("part-*"))), None)
    if first is None:
        return
    with first.open("r", encoding="utf-8-sig", errors="replace", newline="") as fh:
        header = next(csv.reader(fh, delimiter=sep), [])
    check_columns(first, header, Fields(header[0] if header else "text"))


def read_table(spark: Any, path: Path, fmt: str) -> tuple[Any, Any]:
    """(table, malformed rows or None): a JSONL line that is not a JSON object is kept apart (and counted,
    never written: it may hold text), as `medkiln deid` reports it instead of dropping it silently."""
    if fmt == "parquet":
        return spark.read.parquet(str(path)), None
    if fmt == "csv":
        sep = "\t" if path.suffix.lower() == ".tsv" else ","
        _check_csv_header(path, sep)
        table = (spark.read.option("header", True).option("multiLine", True).option("escape", '"')
                 .option("sep", sep).csv(str(path)))
        return table.na.fill(""), None  # CSV has no null: an empty field is an empty string, as `medkiln deid` reads it
    from pyspark.sql import functions as F

    table = (spark.read.option("mode", "PERMISSIVE").option("columnNameOfCorruptRecord", CORRUPT_COL)
             .json(str(path)))
    if CORRUPT_COL not in table.columns:
        return table, None
    table = table.cache()
    malformed = table.filter(F.col(CORRUPT_COL).isNotNull())
    return table.filter(F.col(CORRUPT_COL).isNull()).drop(CORRUPT_COL), malformed


def write_table(df: Any, path: Path, fmt: str, audit_col: str | None) -> None:
    from pyspark.sql import functions as F

    if fmt == "parquet":
        df.write.parquet(str(path))
    elif fmt == "csv":
        if audit_col:
            df = df.withColumn(audit_col, F.to_json(F.col(audit_col)))
        df.write.option("header", True).option("escape", '"').csv(str(path))
    else:
        df.write.option("ignoreNullFields", False).json(str(path))


def write_atomic(df: Any, output: Path, fmt: str, audit_col: str | None, single_file: bool) -> None:
    """Written beside OUTPUT (`.NAME.spark`) and moved into place only when Spark finished: a Spark folder, or
    (single_file) its one part file. A failed job leaves no half-written OUTPUT."""
    tmp = output.with_name(f".{output.name}.spark")
    shutil.rmtree(tmp, ignore_errors=True)
    try:
        write_table(df.coalesce(1) if single_file else df, tmp, fmt, audit_col)
        if single_file:
            parts = sorted(p for p in tmp.iterdir() if p.name.startswith("part-"))
            os.replace(next((p for p in parts if p.stat().st_size > 0), parts[0]), output)
        else:
            os.replace(tmp, output)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
