"""`medkiln serve` and `medkiln deid-spark`: thin Typer wrappers over serving.http and serving.spark.

The lead registers them with `app.command("serve")(serve_command)` and
`app.command("deid-spark")(deid_spark_command)`. Exit status 2 for usage errors.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import json
import os
import tempfile
from pathlib import Path
from typing import List, Optional

import typer

from .errors import UsageError


def _need(module: str, what: str, extra: str) -> None:
    if importlib.util.find_spec(module) is None:
        raise UsageError("S057", what=what, extra=extra)


def _offline() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def serve_command(
    model: List[str] = typer.Option(["en_medkiln_deid"], "--model", "-m", help="Installed package, pipeline "
                                    "folder, or NAME=PATH (repeatable); requests pick one by name."),
    host: str = typer.Option("127.0.0.1", "--host", help="Bind address; anything but loopback needs API keys."),
    port: int = typer.Option(8000, "--port", help="TCP port."),
    workers: int = typer.Option(1, "--workers", help="Server processes (each loads the models once)."),
    api_key_file: Optional[Path] = typer.Option(None, "--api-key-file", help="API keys, one per line "
                                                "(also MEDKILN_API_KEYS, comma-separated)."),
    max_body_bytes: int = typer.Option(10 * 1024 * 1024, "--max-body-bytes", help="Larger bodies get 413."),
    max_records: int = typer.Option(256, "--max-records", help="More records per request get 413."),
    max_text_chars: int = typer.Option(200_000, "--max-text-chars", help="Longer texts get 413."),
    batch_size: int = typer.Option(64, "--batch-size", help="nlp.pipe batch size across waiting requests."),
    operator: str = typer.Option("redact", "--operator", help="Default operator for /v1/deid."),
    seed: Optional[int] = typer.Option(None, "--seed", help="Server key from a seed (reproducible output)."),
    key_file: Optional[Path] = typer.Option(None, "--key-file", help="Secret HMAC key file (>= 16 bytes)."),
    log_level: str = typer.Option("info", "--log-level", help="uvicorn log level."),
):
    """Serve the exported students over HTTP: /v1/deid, /v1/ner, /v1/extract, /v1/translate, /v1/models."""
    _offline()
    try:
        _need("fastapi", "medkiln serve", "serve")
        _need("uvicorn", "medkiln serve", "serve")
        from .http.app import CONFIG_ENV, create_app, settings_to_env
        from .http.settings import Settings, check_bind, load_api_keys
        from .operators import get_operator

        get_operator(operator)
        if workers < 1:
            raise UsageError("S010", option="--workers", reason="must be at least 1")
        keys = load_api_keys(api_key_file)
        check_bind(host, keys)
        settings = Settings(host=host, api_keys=keys, max_body_bytes=max_body_bytes, max_records=max_records,
                            max_text_chars=max_text_chars, batch_size=batch_size, operator=operator, seed=seed,
                            key_file=key_file)
        if workers > 1:  # each worker loads the models itself: check now that they exist
            from .http.registry import parse_model_arg
            from .pipeline import register_components

            for arg in model:
                register_components(parse_model_arg(arg)[1])
        app = create_app(list(model), settings) if workers == 1 else None
    except UsageError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(code=2) from None
    import uvicorn

    if app is not None:
        uvicorn.run(app, host=host, port=port, log_level=log_level)
        return
    shared_key = None
    if seed is None and key_file is None:  # one random key for every worker, so surrogates agree between them
        shared_key = _random_key_file()
        settings = dataclasses.replace(settings, key_file=shared_key)
    os.environ[CONFIG_ENV] = settings_to_env(list(model), settings)
    # the worker processes share the cores: one BLAS thread each, unless the user set it (read at numpy import)
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    try:
        uvicorn.run("medkiln.serving.http.app:app_from_env", factory=True, host=host, port=port, workers=workers,
                    log_level=log_level)
    finally:
        if shared_key is not None:
            shared_key.unlink(missing_ok=True)


def _random_key_file() -> Path:
    """A private (0600) temporary file holding 32 random bytes; removed when the server stops."""
    fd, name = tempfile.mkstemp(prefix="medkiln-serve-", suffix=".key")
    with os.fdopen(fd, "wb") as fh:
        fh.write(os.urandom(32))
    return Path(name)


def deid_spark_command(
    input: Path = typer.Argument(..., help="JSONL, CSV or Parquet (a file or a Spark folder of parts)."),
    output: Path = typer.Argument(..., help="Output (a Spark folder of part files; a file with --single-file)."),
    model: str = typer.Option("en_medkiln_deid", "--model", "-m", help="Installed package or pipeline folder "
                              "(on a cluster: installed on every executor, or a path they all see)."),
    fmt: Optional[str] = typer.Option(None, "--format", help="jsonl, csv or parquet (default: from suffix)."),
    text_field: str = typer.Option("text", "--text-field", help="Column holding the note text."),
    id_field: Optional[str] = typer.Option(None, "--id-field", help="Column with the record id."),
    group_field: Optional[str] = typer.Option(None, "--group-field", help="Column grouping records (e.g. "
                                              "patient id) for consistent surrogates and date shifts."),
    operator: str = typer.Option("redact", "--operator", help="redact, mask, hash or surrogate."),
    date_shift: bool = typer.Option(False, "--date-shift", help="Shift DATE spans by one offset per group."),
    seed: Optional[int] = typer.Option(None, "--seed", help="Make hashes, surrogates and shifts reproducible."),
    key_file: Optional[Path] = typer.Option(None, "--key-file", help="Secret HMAC key file (>= 16 bytes)."),
    keep: List[str] = typer.Option([], "--keep", help="Leave this label untouched (repeatable)."),
    hipaa_ages: bool = typer.Option(False, "--hipaa-ages", help="Keep AGE spans of 89 or less (Safe Harbor)."),
    audit_column: Optional[str] = typer.Option(None, "--audit-column", help="Add the PHI spans (offsets and "
                                               "labels, no text) as this column (JSON text in CSV)."),
    audit: Optional[Path] = typer.Option(None, "--audit", help="Also write the PHI offsets per record as JSONL "
                                         "{id, phi} like `medkiln deid --audit` (needs --id-field)."),
    batch_size: int = typer.Option(64, "--batch-size", help="nlp.pipe batch size inside each executor."),
    master: Optional[str] = typer.Option(None, "--master", help="Spark master, e.g. local[2] (default: from "
                                         "spark-submit / SPARK_MASTER, else local[*])."),
    partitions: Optional[int] = typer.Option(None, "--partitions", help="Repartition the input to N parts."),
    single_file: bool = typer.Option(False, "--single-file", help="Write one file at OUTPUT (coalesce(1))."),
):
    """De-identify a JSONL/CSV/Parquet table with Spark (mapInPandas); same operators as `medkiln deid`."""
    _offline()
    try:
        _need("pyspark", "medkiln deid-spark", "spark")
        from .spark import SparkDeidOptions, deidentify_files

        options = SparkDeidOptions(
            format=fmt, text_field=text_field, id_field=id_field, group_field=group_field, operator=operator,
            date_shift=date_shift, seed=seed, key_file=key_file, keep=tuple(keep), hipaa_ages=hipaa_ages,
            audit_column=audit_column, audit=audit, batch_size=batch_size, partitions=partitions,
            single_file=single_file)
        summary = deidentify_files(input, output, model=model, master=master, options=options)
    except UsageError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(code=2) from None
    typer.echo(json.dumps(summary, indent=2))
