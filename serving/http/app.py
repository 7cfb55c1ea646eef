"""`create_app(models, settings)`: the FastAPI app behind `medkiln serve`.

Models load once (before the app is built); each request's texts go through the model's batcher (one
worker thread, `nlp.pipe` over every request waiting). Errors answer `{"error": {"code", "message"}}`.
"""

from __future__ import annotations

import json
import logging
import os
from typing import Any, Mapping

from ..keys import resolve_key
from medkiln.core.errors import MedkilnError
from ..scores import ent_scores
from .. import labelstudio as ls
from . import service as sv
from .guard import ERROR_HEADER, Guard, error_body
from .metrics import make_metrics
from .registry import EXTENSIONS, ModelEntry, build_entries
from .schemas import (DeidRequest, DeidResponse, ExtractResponse, LSPredictRequest, LSSetupRequest, NerResponse,
                      TextsRequest, TranslateResponse)
from .settings import Settings
from ..textview import regroup, views

log = logging.getLogger("medkiln.serving.http")
CONFIG_ENV = "MEDKILN_SERVE_CONFIG"


def _error(status: int, err: MedkilnError, **extra: Any):
    from fastapi.responses import JSONResponse

    return JSONResponse(error_body(err, **extra), status_code=status, headers={ERROR_HEADER: err.code})


def _field_errors(exc: Any) -> list[dict]:
    """Location, type and pydantic's message for each problem; the offending value is never included."""
    out = []
    for problem in exc.errors():
        loc = ".".join(str(p) for p in problem.get("loc", ()) if p != "body")
        out.append({"field": loc or "(body)", "type": problem.get("type"), "problem": problem.get("msg")})
    return out


def _install_handlers(app: Any) -> None:
    from fastapi.exceptions import RequestValidationError
    from starlette.exceptions import HTTPException

    @app.exception_handler(RequestValidationError)
    async def invalid(request, exc):
        fields = _field_errors(exc)
        return _error(422, MedkilnError("S046", count=len(fields)), fields=fields)

    @app.exception_handler(sv.ApiError)
    async def api_error(request, exc):
        return _error(exc.status, exc.error, **exc.extra)

    @app.exception_handler(Exception)
    async def unexpected(request, exc):  # answered here; the Guard logs the type name only
        return _error(500, MedkilnError("S050", reason=type(exc).__name__))

    @app.exception_handler(HTTPException)
    async def http_error(request, exc):
        if exc.status_code in (404, 405):
            return _error(exc.status_code, MedkilnError("S051", method=request.method, path=request.url.path))
        return _error(exc.status_code, MedkilnError("S050", reason=f"HTTP {exc.status_code}"))


def _record_count(metrics: Any, route: str, model: str, n: int) -> None:
    metrics.records.labels(route, model).inc(n)


def _v1_routes(app: Any, models: dict[str, ModelEntry], settings: Settings, server_key: bytes) -> None:
    metrics = app.state.metrics

    @app.post("/v1/deid", response_model=DeidResponse, response_model_exclude_none=True, tags=["v1"])
    async def deid(req: DeidRequest) -> dict:
        """De-identify `text` or `records` with the batch CLI's operators and options."""
        if req.lang is not None and req.model is not None:
            raise sv.ApiError(422, "S114", lang=req.lang if len(req.lang) <= 8 else "?")
        batch = sv.gather(req, settings, req.group)
        entry = (sv.pick_by_language(models, req.lang, batch.texts, "deid") if req.lang is not None
                 else sv.pick_model(models, req.model, "deid"))
        policy = sv.make_policy(req, settings, server_key)
        pieces, model_texts = views(batch.texts)  # without invisible format characters, long texts in pieces
        results = await entry.batcher.run(
            model_texts, lambda docs: sv.deid_docs(regroup(batch.texts, pieces, docs), batch, policy))
        _record_count(metrics, "/v1/deid", entry.name, len(batch.texts))
        return sv.shape_answer(entry.name, batch, results)

    @app.post("/v1/ner", response_model=NerResponse, response_model_exclude_none=True, tags=["v1"])
    async def ner(req: TextsRequest) -> dict:
        """The model's entities (character offsets and labels)."""
        entry = sv.pick_model(models, req.model, "ner")
        batch = sv.gather(req, settings)
        results = await entry.batcher.run(batch.texts, lambda docs: sv.ner_docs(docs, batch))
        _record_count(metrics, "/v1/ner", entry.name, len(batch.texts))
        return sv.shape_answer(entry.name, batch, results)

    async def by_extension(req: TextsRequest, capability: str, route: str) -> dict:
        entry = sv.pick_model(models, req.model, capability)
        batch = sv.gather(req, settings)
        ext = EXTENSIONS[capability]
        results = await entry.batcher.run(batch.texts, lambda docs: sv.extension_docs(docs, batch, ext))
        _record_count(metrics, route, entry.name, len(batch.texts))
        return sv.shape_answer(entry.name, batch, results)

    @app.post("/v1/extract", response_model=None, responses={200: {"model": ExtractResponse}}, tags=["v1"])
    async def extract(req: TextsRequest) -> dict:
        """Structured extraction (`doc._.extraction`) from a note-extraction model."""
        return await by_extension(req, "extract", "/v1/extract")

    @app.post("/v1/translate", response_model=None, responses={200: {"model": TranslateResponse}}, tags=["v1"])
    async def translate(req: TextsRequest) -> dict:
        """Translation (`doc._.translation`) from a translation model."""
        return await by_extension(req, "translate", "/v1/translate")

    @app.get("/v1/models", tags=["v1"])
    async def list_models() -> dict:
        """Name, version, labels, capabilities and evaluation summary of every loaded model."""
        return {"models": [m.describe() for m in models.values()]}


def _ops_routes(app: Any, models: dict[str, ModelEntry]) -> None:
    from fastapi import Response
    from fastapi.responses import PlainTextResponse

    @app.get("/healthz", tags=["ops"])
    async def healthz() -> dict:
        """Liveness: the process answers."""
        return {"status": "ok"}

    @app.get("/readyz", tags=["ops"])
    async def readyz() -> Any:
        """Readiness: every model is loaded."""
        if not models:
            return _error(503, MedkilnError("S053"))
        return {"status": "ready", "models": list(models)}

    @app.get("/metrics", tags=["ops"], response_class=PlainTextResponse)
    async def metrics():
        """Prometheus metrics (counts and latencies only)."""
        data, content_type = app.state.metrics.render()
        return Response(data, media_type=content_type)


def _label_studio_routes(app: Any, models: dict[str, ModelEntry]) -> None:
    @app.get("/health", tags=["label-studio"])
    @app.get("/", include_in_schema=False)
    async def health() -> dict:
        """Label Studio ML backend health check."""
        return {"status": "UP", "model_class": "medkiln", "models": list(models)}

    @app.post("/setup", tags=["label-studio"])
    async def setup(req: LSSetupRequest) -> dict:
        """Label Studio ML backend set-up: answers the model version."""
        entry = sv.pick_model(models, None, "ner")
        return {"model_version": f"{entry.name}-{entry.version}"}

    @app.post("/predict", tags=["label-studio"])
    async def predict(req: LSPredictRequest) -> dict:
        """Label Studio ML backend predictions for `tasks` (pre-annotations to review)."""
        name = (req.params or {}).get("model") if isinstance((req.params or {}).get("model"), str) else None
        entry = sv.pick_model(models, name, "ner")
        settings = app.state.settings
        if len(req.tasks) > settings.max_records:
            raise sv.ApiError(413, "S044", got=len(req.tasks), limit=settings.max_records)
        view = ls.parse_label_config(req.label_config)
        texts = [ls.task_text(task, view) for task in req.tasks]
        for i, text in enumerate(texts):
            if len(text) > settings.max_text_chars:
                raise sv.ApiError(413, "S045", field=f"tasks.{i}.data.{view.data_key}", got=len(text),
                                  limit=settings.max_text_chars)
        version = f"{entry.name}-{entry.version}"
        results = await entry.batcher.run(
            texts, lambda docs: ls.predictions(docs, view, version, ent_scores(entry.nlp, docs)))
        _record_count(app.state.metrics, "/predict", entry.name, len(texts))
        return {"results": results, "model_version": version}


def create_app(models: Mapping[str, Any] | list, settings: Settings | None = None) -> Any:
    """The ASGI app: `models` is {name: spacy.Language} or a list of 'NAME=PATH' / package names / paths."""
    from fastapi import FastAPI

    settings = settings or Settings()
    entries = build_entries(models, settings.batch_size)
    server_key = resolve_key(settings.seed, settings.key_file)
    app = FastAPI(title="medkiln", version="1", description="De-identification, NER, extraction and "
                  "translation with medkiln's exported students. Errors: {'error': {'code', 'message'}}.")
    app.state.metrics, app.state.settings, app.state.models = make_metrics(), settings, entries
    _install_handlers(app)
    _v1_routes(app, entries, settings, server_key)
    _ops_routes(app, entries)
    _label_studio_routes(app, entries)
    routes = frozenset(getattr(r, "path", "") for r in app.routes)
    guarded = Guard(app, settings, app.state.metrics, routes)
    guarded.fastapi = app  # type: ignore[attr-defined]
    return guarded


def settings_to_env(models: list[str], settings: Settings) -> str:
    """The JSON that `app_from_env` reads in each `--workers` process."""
    data = {"models": list(models), **{k: (sorted(v) if isinstance(v, frozenset) else v)
                                       for k, v in vars(settings).items()}}
    data["key_file"] = str(settings.key_file) if settings.key_file else None
    return json.dumps(data)


def app_from_env() -> Any:
    """uvicorn factory for `--workers N`: every process loads the models named in MEDKILN_SERVE_CONFIG."""
    from pathlib import Path

    data = json.loads(os.environ[CONFIG_ENV])
    models = data.pop("models")
    data["api_keys"] = frozenset(data.get("api_keys") or ())
    data["key_file"] = Path(data["key_file"]) if data.get("key_file") else None
    return create_app(models, Settings(**data))
