"""`mask`: replace every character with a mask character, keeping the length (and line breaks)."""

from __future__ import annotations

from .base import Operator


class Mask(Operator):
    name = "mask"
    char = "*"

    def operate(self, value: str, label: str, *, group: str, key: bytes, locale: str | None = None) -> str:
        return "".join(ch if ch in "\r\n" else self.char for ch in value)
