"""The HTTP service behind `medkiln serve` (FastAPI + uvicorn; the `serve` extra)."""

from __future__ import annotations

from .app import create_app
from .settings import Settings

__all__ = ["Settings", "create_app"]
