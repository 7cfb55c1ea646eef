"""De-identification on Spark: `deidentify_dataframe` (a DataFrame column) and `deidentify_files` (behind
`medkiln deid-spark`), with `mapInPandas`, the pipeline loaded once per executor Python process.

Same operators, keys and grouping as `serving.batch.deidentify`, so the records match `medkiln deid` on the
same data and seed: operators are pure functions of (text, label, group, key), the group is the group column
(as a string), else the id column, and records `medkiln deid` leaves out (no text, a null text or id) are
left out here too. Never logs text: counts and column names only.
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Iterator

from .batch import DEFAULT_MODEL, DeidPolicyOptions, resolve_key
from .errors import UsageError
from .operators import Policy, anonymize, get_operator
from .pipeline import blas_threads, load_pipeline

log = logging.getLogger(__name__)

GROUP_COL = "__medkiln_group"
AUDIT_TMP = "__medkiln_audit"
_MODELS: dict[str, Any] = {}  # per executor Python process: loaded on first use, kept for every task
_SUFFIXES = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "jsonl", ".csv": "csv", ".tsv": "csv",
             ".parquet": "parquet", ".pq": "parquet"}


def executor_pipeline(model: str) -> Any:
    """The pipeline for `model`, loaded once per process (Spark reuses Python workers between tasks)."""
    nlp = _MODELS.get(model)
    if nlp is None:
        nlp = _MODELS[model] = load_pipeline(model)
        blas_threads(1)  # the executors share the cores: one BLAS thread each, for the life of the process
    return nlp


def _deid_batches(batches: Iterator[Any], *, model: str, text_col: str, policy_args: tuple,
                  audit_col: str | None, batch_size: int) -> Iterator[Any]:
    operator, key, shift, keep, ages = policy_args
    policy = Policy(get_operator(operator), key, shift, frozenset(keep), ages)
    nlp = executor_pipeline(model)
    for pdf in batches:
        texts, groups = pdf[text_col].tolist(), pdf[GROUP_COL].tolist()
        new, audits, ok = [], [], []
        for doc, text, group in zip(nlp.pipe(texts, batch_size=batch_size), texts, groups):
            try:
                spans = [(e.start_char, e.end_char, e.label_) for e in doc.ents]
                result = anonymize(text, spans, policy, group=group)
            except Exception as err:  # left out, as the batch CLI leaves it out (S026); type name only
                log.warning("record left out: %s", type(err).__name__)
                new.append(None), audits.append(None), ok.append(False)
                continue
            new.append(result.text)
            audits.append([{"start": a.start, "end": a.end, "label": a.label, "kept": a.kept}
                           for a in result.actions])
            ok.append(True)
        out = pdf.copy()
        out[text_col] = new
        if audit_col:
            out[audit_col] = audits
        yield out[ok] if not all(ok) else out


def audit_type() -> Any:
    from pyspark.sql import types as T

    span = T.StructType([T.StructField("start", T.IntegerType()), T.StructField("end", T.IntegerType()),
                         T.StructField("label", T.StringType()), T.StructField("kept", T.BooleanType())])
    return T.ArrayType(span)


def _check_columns(df: Any, text_col: str, id_col: str | None, group_col: str | None,
                   audit_col: str | None) -> None:
    from pyspark.sql import types as T

    names = df.columns
    for col in (text_col, id_col, group_col):
        if col is not None and col not in names:
            raise UsageError("S060", field=col, available=", ".join(names))
    dtype = df.schema[text_col].dataType
    if not isinstance(dtype, T.StringType):
        raise UsageError("S061", field=text_col, got=dtype.simpleString())
    if audit_col is not None and audit_col in names:
        raise UsageError("S064", field=audit_col)


def deidentify_dataframe(df: Any, text_col: str = "text", *, model: str | Path = DEFAULT_MODEL,
                         id_col: str | None = None, group_col: str | None = None, operator: str = "redact",
                         date_shift: bool = False, seed: int | None = None, key: bytes | None = None,
                         key_file: Path | None = None, keep: tuple[str, ...] = (), hipaa_ages: bool = False,
                         audit_col: str | None = None, batch_size: int = 64) -> Any:
    """A DataFrame like `df` with `text_col` de-identified (and `audit_col`: the PHI spans, no text).

    Rows with a null text (or a null id when `id_col` is given) are left out, as `medkiln deid` leaves them
    out. Surrogates and date shifts need `id_col` or `group_col` (S062): Spark has no line numbers.
    """
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    _check_columns(df, text_col, id_col, group_col, audit_col)
    get_operator(operator)
    if (operator == "surrogate" or date_shift) and id_col is None and group_col is None:
        raise UsageError("S062", operator=operator, shift=" with --date-shift" if date_shift else "")
    if key is None:
        key = resolve_key(seed, key_file)
    keep_rows = F.col(text_col).isNotNull()
    if id_col is not None:
        keep_rows = keep_rows & F.col(id_col).isNotNull()
    parts = [F.col(c).cast("string") for c in (group_col, id_col) if c is not None]
    work = df.filter(keep_rows).withColumn(GROUP_COL, F.coalesce(*parts, F.lit("")))
    fields = list(work.schema.fields)
    if audit_col:
        fields.append(T.StructField(audit_col, audit_type()))
    fn = partial(_deid_batches, model=str(model), text_col=text_col, audit_col=audit_col, batch_size=batch_size,
                 policy_args=(operator, key, date_shift, tuple(keep), hipaa_ages))
    return work.mapInPandas(fn, schema=T.StructType(fields)).drop(GROUP_COL)


@dataclass
class SparkDeidOptions(DeidPolicyOptions):
    """`medkiln deid-spark`'s options (the batch CLI's PHI policy, plus Spark's own)."""

    format: str | None = None
    text_field: str = "text"
    id_field: str | None = None
    group_field: str | None = None
    audit_column: str | None = None
    audit: Path | None = None
    batch_size: int = 64
    partitions: int | None = None
    single_file: bool = False


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


def spark_session(master: str | None = None, app_name: str = "medkiln-deid") -> Any:
    """A SparkSession; in local mode the executors run this interpreter (it has the pipeline's deps)."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    return builder.getOrCreate()


def read_table(spark: Any, path: Path, fmt: str) -> Any:
    if fmt == "parquet":
        return spark.read.parquet(str(path))
    if fmt == "csv":
        sep = "\t" if path.suffix.lower() == ".tsv" else ","
        table = (spark.read.option("header", True).option("multiLine", True).option("escape", '"')
                 .option("sep", sep).csv(str(path)))
        return table.na.fill("")  # CSV has no null: an empty field is an empty string, as `medkiln deid` reads it
    return spark.read.option("mode", "DROPMALFORMED").json(str(path))


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


def _single_file(tmp: Path, output: Path) -> None:
    parts = [p for p in tmp.iterdir() if p.name.startswith("part-") and p.stat().st_size > 0] or \
            [p for p in tmp.iterdir() if p.name.startswith("part-")]
    os.replace(parts[0], output)
    shutil.rmtree(tmp, ignore_errors=True)


def _write(df: Any, output: Path, fmt: str, audit_col: str | None, single_file: bool) -> None:
    """A Spark folder at OUTPUT, or (single_file) one part written beside it and moved onto OUTPUT."""
    if not single_file:
        write_table(df, output, fmt, audit_col)
        return
    tmp = output.with_name(f".{output.name}.spark")
    shutil.rmtree(tmp, ignore_errors=True)
    write_table(df.coalesce(1), tmp, fmt, audit_col)
    _single_file(tmp, output)


def _check_outputs(source: Path, outputs: list[Path]) -> None:
    src = source.resolve()
    for output in outputs:
        if output.exists():
            raise UsageError("S063", output=output)
        out = output.resolve()
        if out == src or src in out.parents:
            raise UsageError("S004", output=output)


def deidentify_files(input: str | Path, output: str | Path, *, model: str | Path = DEFAULT_MODEL,
                     master: str | None = None, options: SparkDeidOptions | None = None,
                     spark: Any = None) -> dict:
    """De-identify a JSONL/CSV/Parquet table into OUTPUT (a Spark folder, or one file with single_file).

    With `audit`, the PHI spans per record go to a JSONL audit like `medkiln deid --audit` writes
    ({"id", "phi"}; needs `id_field`); the de-identified rows are computed once (persisted) for both."""
    from pyspark import StorageLevel

    opts = options or SparkDeidOptions()
    source, output = Path(input), Path(output)
    if not source.exists():
        raise UsageError("S002", path=source)
    audit = Path(opts.audit) if opts.audit else None
    if audit is not None and opts.id_field is None:
        raise UsageError("S010", option="--audit", reason="needs --id-field with Spark (no line numbers)")
    _check_outputs(source, [output, *([audit] if audit else [])])
    fmt = detect_table_format(source, opts.format)
    spark = spark or spark_session(master)
    start = time.perf_counter()
    table = read_table(spark, source, fmt)
    if opts.partitions:
        table = table.repartition(opts.partitions)
    audit_col = opts.audit_column or (AUDIT_TMP if audit else None)
    result = deidentify_dataframe(
        table, opts.text_field, model=model, id_col=opts.id_field, group_col=opts.group_field,
        operator=opts.operator, date_shift=opts.date_shift, seed=opts.seed, key_file=opts.key_file,
        keep=opts.keep, hipaa_ages=opts.hipaa_ages, audit_col=audit_col, batch_size=opts.batch_size)
    if audit is not None:
        result = result.persist(StorageLevel.MEMORY_AND_DISK)
    data = result.drop(AUDIT_TMP) if audit_col == AUDIT_TMP else result
    _write(data, output, fmt, opts.audit_column, opts.single_file)
    if audit is not None:
        from pyspark.sql import functions as F

        spans = result.select(F.col(opts.id_field).alias("id"), F.col(audit_col).alias("phi"))
        _write(spans, audit, "jsonl", None, opts.single_file)
        result.unpersist()
    seconds = time.perf_counter() - start
    rows, written = table.count(), read_table(spark, output, fmt).count()
    log.info("deid-spark: %d records written, %d left out, %.1f s", written, rows - written, seconds)
    return {"input": str(source), "output": str(output), "format": fmt, "records": written,
            "left_out": rows - written, "seconds": round(seconds, 3),
            "records_per_s": round(written / seconds, 1) if seconds > 0 else 0.0,
            "audit": str(audit) if audit else None, "operator": opts.operator, "date_shift": opts.date_shift,
            "master": spark.sparkContext.master}
