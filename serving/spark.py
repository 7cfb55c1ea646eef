"""De-identification on Spark: `deidentify_dataframe` (a DataFrame column) and `deidentify_files` (behind
`medkiln deid-spark`), with `mapInPandas`, the pipeline loaded once per executor Python process.

Same reading, operators, keys, grouping and run-wide propagation as `medkiln deid` (`serving.deid`), so the
records match on the same data and seed: the text is read as `serving.textview` reads it (invisible format
characters out, long texts in pieces); operators are pure functions of (text, label, group, key); the group
is the group column (as a string), else the id column; names and places found in several rows mark their
other mentions in the whole table (the executors count, the driver decides with `serving.propagation`'s rule,
the learned words travel with the second pass); records `medkiln deid` leaves out (no text, a null text or
id, a malformed line) are left out here too and counted. Never logs text: counts and column names only.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import os
import sys
import time
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import Any, Iterator

from .deid import DEFAULT_MODEL, DeidPolicyOptions, build_policy, deidentify_text
from medkiln.core.errors import UsageError
from .io.records import Record, lone_surrogate
from .pipeline import blas_threads, load_pipeline
from .spark_tables import detect_table_format, read_table, write_atomic
from .workers import Failure, run_batch

log = logging.getLogger(__name__)

GROUP_COL = "__medkiln_group"
ENTS_COL = "__medkiln_ents"
LANG_COL = "__medkiln_lang"  # the language of the package that read the row (surrogates are written in it)
AUDIT_TMP = "__medkiln_audit"
_MODELS: dict[str, Any] = {}  # per executor Python process: loaded on first use, kept for every task


# `model` that routes each row to its language's package (`deid-spark --lang auto`, serving.languages).
AUTO_LANGUAGE = "medkiln:lang=auto"


def executor_pipeline(model: str) -> Any:
    """The pipeline for `model`, loaded once per process (Spark reuses Python workers between tasks);
    AUTO_LANGUAGE: a language router over the installed `xx_medkiln_deid` packages."""
    nlp = _MODELS.get(model)
    if nlp is None:
        if model == AUTO_LANGUAGE:
            from .languages import language_router

            nlp = _MODELS[model] = language_router()
        else:
            nlp = _MODELS[model] = load_pipeline(model)
        blas_threads(1)  # the executors share the cores: one BLAS thread each, for the life of the process
    return nlp


def _find_batches(batches: Iterator[Any], *, model: str, text_col: str, batch_size: int) -> Iterator[Any]:
    """First pass: each row's entities (JSON [[start, end, label], ...] in the text's offsets) and the language
    that read it, found as `medkiln deid` finds them (invisible format characters out, long texts in pieces);
    None leaves the row out."""
    nlp = executor_pipeline(model)
    for pdf in batches:
        texts = pdf[text_col].tolist()
        found, langs = [None] * len(texts), [None] * len(texts)
        for i, payload in enumerate(run_batch(nlp, _ents, [_Row(t) for t in texts], clean=True,
                                              batch_size=batch_size)):
            if isinstance(payload, Failure):  # left out, as the batch CLI leaves it out (S026); type name only
                log.warning("record left out: %s", payload.reason)
            else:
                found[i], langs[i] = json.dumps(payload[0]), payload[1]
        out = pdf.copy()
        out[ENTS_COL] = found
        out[LANG_COL] = langs
        yield out


class _Row(Record):
    """A table row as the workers module reads a record (only the text matters here)."""

    def __init__(self, text: str) -> None:
        super().__init__(0, None, text, "", "spark", 0, None)


def _ents(analysis: Any, record: Any) -> tuple[list, str | None]:
    if lone_surrogate(analysis.text) is not None:
        raise ValueError("unpaired surrogate")
    return [list(t) for t in analysis.ents], analysis.lang


def _apply_batches(batches: Iterator[Any], *, text_col: str, policy_args: tuple, learned: dict | None,
                   audit_col: str | None) -> Iterator[Any]:
    """Second pass: the policy over each row's entities (and the run's learned words' other mentions)."""
    from .propagation import RunLexicon

    policy = build_policy(DeidPolicyOptions(**policy_args["options"]), key=policy_args["key"])
    lexicon = None
    if learned is not None:
        lexicon = RunLexicon()
        lexicon.learned = learned
    for pdf in batches:
        pdf = pdf[pdf[ENTS_COL].notna()]
        new, audits = [], []
        rows = zip(pdf[text_col].tolist(), pdf[GROUP_COL].tolist(), pdf[ENTS_COL].tolist(), pdf[LANG_COL].tolist())
        for text, group, ents, lang in rows:
            spans = [tuple(t) for t in json.loads(ents)]
            added = lexicon.spans(text, spans) if lexicon is not None else []
            result = deidentify_text(text, spans + added, policy, group, lang or None)
            new.append(result.text)
            audits.append([{"start": a.start, "end": a.end, "label": a.label, "kept": a.kept}
                           for a in result.actions])
        out = pdf.drop(columns=[ENTS_COL, LANG_COL])
        out[text_col] = new
        if audit_col:
            out[audit_col] = audits
        yield out


def _observe(rows: Iterator[Any], *, text_col: str, candidates: frozenset | None) -> Iterator[Any]:
    """One partition's evidence for the run lexicon: its marked-word counts, or (with `candidates`) its
    mention counts of the candidate words. Counts only leave the executor (the driver merges them)."""
    from .propagation import RunLexicon

    lexicon = RunLexicon()
    for row in rows:
        text, ents = row[text_col], row[ENTS_COL]
        if ents is None:
            continue
        if candidates is None:
            lexicon.observe_marked(text, [tuple(t) for t in json.loads(ents)])
        else:
            lexicon.observe_all(text, candidates)
    yield lexicon.counts()


def learn_run_lexicon(found: Any, text_col: str) -> dict[str, str]:
    """The run's learned words, decided on the driver with `medkiln deid`'s rule from the executors' counts
    (two distributed passes over the rows and their spooled entities)."""
    from .propagation import RunLexicon

    lexicon = RunLexicon()
    rows = found.select(text_col, ENTS_COL).rdd
    for counts in rows.mapPartitions(partial(_observe, text_col=text_col, candidates=None)).collect():
        lexicon.merge(counts)
    candidates = lexicon.candidates()
    if candidates:
        broadcast = found.sparkSession.sparkContext.broadcast(candidates)
        for counts in rows.mapPartitions(lambda it: _observe(it, text_col=text_col,
                                                              candidates=broadcast.value)).collect():
            lexicon.merge(counts)
    learned = lexicon.learn()
    log.info("run-wide propagation: %d words learned from %d candidates", len(learned), len(candidates))
    return learned


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
                         audit_col: str | None = None, batch_size: int = 64, run_propagation: bool = True,
                         lang: str | None = None) -> Any:
    """A DataFrame like `df` with `text_col` de-identified (and `audit_col`: the PHI spans, no text).

    As `medkiln deid`: rows with a null text (or a null id when `id_col` is given) are left out; with
    `run_propagation` (the default) names and places found in several rows mark their other mentions in the
    whole DataFrame (the first pass is persisted, the driver learns from counts the executors send). Surrogates
    and date shifts need `id_col` or `group_col` (S062): Spark has no line numbers. Surrogates are written in
    `lang` ('es'), else in each row's own language (the package that read it).
    """
    from pyspark import StorageLevel
    from pyspark.sql import functions as F
    from pyspark.sql import types as T

    _check_columns(df, text_col, id_col, group_col, audit_col)
    options = DeidPolicyOptions(operator=operator, date_shift=date_shift, seed=seed, key_file=key_file,
                                keep=tuple(keep), hipaa_ages=hipaa_ages, lang=lang)
    policy = build_policy(options, key=key)  # checks the operator and the key file now, on the driver
    if (operator == "surrogate" or date_shift) and id_col is None and group_col is None:
        raise UsageError("S062", operator=operator, shift=" with --date-shift" if date_shift else "")
    keep_rows = F.col(text_col).isNotNull()
    if id_col is not None:
        keep_rows = keep_rows & F.col(id_col).isNotNull()
    parts = [F.col(c).cast("string") for c in (group_col, id_col) if c is not None]
    work = df.filter(keep_rows).withColumn(GROUP_COL, F.coalesce(*parts, F.lit("")))
    found_schema = T.StructType(list(work.schema.fields) + [T.StructField(ENTS_COL, T.StringType()),
                                                            T.StructField(LANG_COL, T.StringType())])
    found = work.mapInPandas(partial(_find_batches, model=str(model), text_col=text_col, batch_size=batch_size),
                             schema=found_schema)
    learned = None
    if run_propagation:
        found = found.persist(StorageLevel.MEMORY_AND_DISK)
        learned = learn_run_lexicon(found, text_col)
    fields = list(work.schema.fields)
    if audit_col:
        fields.append(T.StructField(audit_col, audit_type()))
    policy_args = {"options": dataclasses.asdict(options), "key": policy.key}
    fn = partial(_apply_batches, text_col=text_col, policy_args=policy_args, learned=learned, audit_col=audit_col)
    return found.mapInPandas(fn, schema=T.StructType(fields)).drop(GROUP_COL)


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
    run_propagation: bool = True


def spark_session(master: str | None = None, app_name: str = "medkiln-deid") -> Any:
    """A SparkSession; in local mode the executors run this interpreter (it has the pipeline's deps)."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name)
    if master:
        builder = builder.master(master)
    return builder.getOrCreate()


def _check_outputs(source: Path, outputs: dict[str, Path | None]) -> None:
    src = source.resolve()
    seen: dict[Path, str] = {}
    for option, output in outputs.items():
        if output is None:
            continue
        if output.exists():
            raise UsageError("S063", output=output)
        out = output.resolve()
        if out == src or src in out.parents:
            raise UsageError("S004", output=output)
        if out in seen:
            raise UsageError("S017", first=seen[out], second=option, path=output)
        seen[out] = option


def deidentify_files(input: str | Path, output: str | Path, *, model: str | Path = DEFAULT_MODEL,
                     master: str | None = None, options: SparkDeidOptions | None = None,
                     spark: Any = None) -> dict:
    """De-identify a JSONL/CSV/Parquet table into OUTPUT (a Spark folder, or one file with single_file).

    With `audit`, the PHI spans per record go to a JSONL audit like `medkiln deid --audit` writes
    ({"id", "phi"}; needs `id_field`); the de-identified rows are computed once (persisted) for both.
    `left_out` counts the rows not written (malformed lines, null texts or ids, records that failed)."""
    from pyspark import StorageLevel

    opts = options or SparkDeidOptions()
    source, output = Path(input), Path(os.path.abspath(output))
    if not source.exists():
        raise UsageError("S002", path=source)
    audit = Path(os.path.abspath(opts.audit)) if opts.audit else None
    if audit is not None and opts.id_field is None:
        raise UsageError("S010", option="--audit", reason="needs --id-field with Spark (no line numbers)")
    _check_outputs(source, {"OUTPUT": output, "--audit": audit})
    fmt = detect_table_format(source, opts.format)
    spark = spark or spark_session(master)
    start = time.perf_counter()
    table, malformed = read_table(spark, source, fmt)
    if opts.partitions:
        table = table.repartition(opts.partitions)
    audit_col = opts.audit_column or (AUDIT_TMP if audit else None)
    result = deidentify_dataframe(
        table, opts.text_field, model=model, id_col=opts.id_field, group_col=opts.group_field,
        operator=opts.operator, date_shift=opts.date_shift, seed=opts.seed, key_file=opts.key_file,
        keep=opts.keep, hipaa_ages=opts.hipaa_ages, audit_col=audit_col, batch_size=opts.batch_size,
        run_propagation=opts.run_propagation, lang=opts.lang)
    result = result.persist(StorageLevel.MEMORY_AND_DISK)
    data = result.drop(AUDIT_TMP) if audit_col == AUDIT_TMP else result
    write_atomic(data, output, fmt, opts.audit_column, opts.single_file)
    if audit is not None:
        from pyspark.sql import functions as F

        spans = result.select(F.col(opts.id_field).alias("id"), F.col(audit_col).alias("phi"))
        write_atomic(spans, audit, "jsonl", None, opts.single_file)
    written = result.count()
    result.unpersist()
    bad = malformed.count() if malformed is not None else 0
    rows = table.count() + bad
    seconds = time.perf_counter() - start
    log.info("deid-spark: %d records written, %d left out (%d malformed), %.1f s", written, rows - written, bad,
             seconds)
    return {"input": str(source), "output": str(output), "format": fmt, "records": written,
            "left_out": rows - written, "malformed": bad, "seconds": round(seconds, 3),
            "records_per_s": round(written / seconds, 1) if seconds > 0 else 0.0,
            "audit": str(audit) if audit else None, "operator": opts.operator, "date_shift": opts.date_shift,
            "run_propagation": opts.run_propagation, "master": spark.sparkContext.master}
