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

from . import cli_options as o
from medkiln.core.errors import UsageError


def _need(module: str, what: str, extra: str) -> None:
    if importlib.util.find_spec(module) is None:
        raise UsageError("S057", what=what, extra=extra)


def _offline() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")


def log_config(level: str) -> dict:
    """uvicorn's logging, with its access log (which would print query strings) off and medkiln's own loggers
    (the access line of `serving.http.guard`: method, route, status) on its default handler."""
    import copy

    from uvicorn.config import LOGGING_CONFIG

    config = copy.deepcopy(LOGGING_CONFIG)
    config["loggers"]["uvicorn.access"] = {"handlers": [], "level": "WARNING", "propagate": False}
    config["loggers"]["medkiln"] = {"handlers": ["default"], "level": level.upper(), "propagate": False}
    return config


def serve_command(
    model: List[str] = typer.Option(["en_medkiln_deid"], "--model", "-m", help="Installed package, pipeline "
                                    "folder, or NAME=PATH (repeatable); requests pick one by name."),
    host: str = typer.Option("127.0.0.1", "--host", help="Bind address; anything but loopback needs API keys."),
    port: int = typer.Option(8000, "--port", help="TCP port."),
    workers: o.Workers = 1,
    api_key_file: Optional[Path] = typer.Option(None, "--api-key-file", help="API keys, one per line, mode 0600 "
                                                "(also MEDKILN_API_KEYS, comma-separated)."),
    max_body_bytes: int = typer.Option(10 * 1024 * 1024, "--max-body-bytes", help="Larger bodies get 413."),
    max_records: int = typer.Option(256, "--max-records", help="More records (or Label Studio tasks) per request "
                                    "get 413."),
    max_text_chars: int = typer.Option(200_000, "--max-text-chars", help="Longer texts get 413."),
    batch_size: o.BatchSize = 64,
    operator: o.Operator = "redact",
    seed: o.Seed = None,
    key_file: o.KeyFile = None,
    allow_client_seed: bool = typer.Option(False, "--allow-client-seed", help="Accept a 'seed' field in /v1/deid "
                                           "requests (it lets a client choose, and so predict, surrogates)."),
    log_level: str = typer.Option("info", "--log-level", help="Log level (uvicorn's and medkiln's)."),
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
                            key_file=key_file, allow_client_seed=allow_client_seed)
        if workers > 1:  # each worker loads the models itself: check now that they exist and the key is good
            from .http.registry import parse_model_arg
            from .keys import resolve_key
            from .pipeline import register_components

            resolve_key(seed, key_file)
            for arg in model:
                register_components(parse_model_arg(arg)[1])
        app = create_app(list(model), settings) if workers == 1 else None
    except UsageError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(code=2) from None
    import uvicorn

    logging_config = log_config(log_level)
    if app is not None:
        uvicorn.run(app, host=host, port=port, log_level=log_level, access_log=False, log_config=logging_config)
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
                    log_level=log_level, access_log=False, log_config=logging_config)
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
    lang: o.Lang = None,
    fmt: Optional[str] = typer.Option(None, "--format", help="jsonl, csv or parquet (default: from suffix)."),
    text_field: o.TextField = "text", id_field: o.IdField = None, group_field: o.GroupField = None,
    operator: o.Operator = "redact", date_shift: o.DateShift = False, seed: o.Seed = None,
    key_file: o.KeyFile = None, keep: o.Keep = [], hipaa_ages: o.HipaaAges = False,
    audit_column: Optional[str] = typer.Option(None, "--audit-column", help="Add the PHI spans (offsets and "
                                               "labels, no text) as this column (JSON text in CSV)."),
    audit: Optional[Path] = typer.Option(None, "--audit", help="Also write the PHI offsets per record as JSONL "
                                         "{id, phi} like `medkiln deid --audit` (needs --id-field)."),
    batch_size: o.BatchSize = 64,
    master: Optional[str] = typer.Option(None, "--master", help="Spark master, e.g. local[2] (default: from "
                                         "spark-submit / SPARK_MASTER, else local[*])."),
    partitions: Optional[int] = typer.Option(None, "--partitions", help="Repartition the input to N parts."),
    single_file: bool = typer.Option(False, "--single-file", help="Write one file at OUTPUT (coalesce(1))."),
    run_propagation: bool = typer.Option(True, "--run-propagation/--no-run-propagation",
                                         help="Two passes, as `medkiln deid`: names and places found in several "
                                         "records mark their other mentions in the whole table."),
):
    """De-identify a JSONL/CSV/Parquet table with Spark (mapInPandas); same operators as `medkiln deid`."""
    _offline()
    try:
        _need("pyspark", "medkiln deid-spark", "spark")
        from .spark import AUTO_LANGUAGE, SparkDeidOptions, deidentify_files

        if lang is not None:
            from .languages import installed_languages, package_for

            if model != "en_medkiln_deid":
                raise UsageError("S114", lang=lang)
            if lang == "auto":
                installed_languages()  # S111 here, before Spark starts, when no package is installed
            model = AUTO_LANGUAGE if lang == "auto" else package_for(lang)

        options = SparkDeidOptions(
            format=fmt, text_field=text_field, id_field=id_field, group_field=group_field, operator=operator,
            date_shift=date_shift, seed=seed, key_file=key_file, keep=tuple(keep), hipaa_ages=hipaa_ages,
            audit_column=audit_column, audit=audit, batch_size=batch_size, partitions=partitions,
            single_file=single_file, run_propagation=run_propagation, lang=lang)
        summary = deidentify_files(input, output, model=model, master=master, options=options)
    except UsageError as err:
        typer.echo(str(err), err=True)
        raise typer.Exit(code=2) from None
    typer.echo(json.dumps(summary, indent=2))
    if summary["left_out"]:
        typer.echo(f"{summary['left_out']} record(s) left out ({summary['malformed']} malformed); see the log",
                   err=True)
        raise typer.Exit(code=1)
