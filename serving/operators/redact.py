"""`redact`: replace a span with its label tag, e.g. `[DATE]`."""

from __future__ import annotations

from .base import Operator


class Redact(Operator):
    name = "redact"

    def operate(self, value: str, label: str, *, group: str, key: bytes, locale: str | None = None) -> str:
        return f"[{label}]"
