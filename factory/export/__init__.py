"""Export a trained pipeline as an installable spaCy package with meta.json and a model card."""

from __future__ import annotations

from .card import model_card
from .package import export, install

__all__ = ["export", "install", "model_card"]
