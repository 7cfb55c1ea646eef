"""`hash`: a keyed pseudonym tag, e.g. `[PATIENT:1f3a9c2e]`.

HMAC-SHA256(key, category | normalized value): the same value gets the same tag across the whole corpus
(linkage without the value); without the key the tag cannot be reversed by guessing names.
"""

from __future__ import annotations

from .base import Operator, category, derive, normalize


class Hash(Operator):
    name = "hash"
    needs_key = True
    digits = 8

    def operate(self, value: str, label: str, *, group: str, key: bytes, locale: str | None = None) -> str:
        digest = derive(key, "hash", category(label), normalize(value, label)).hex()
        return f"[{label}:{digest[: self.digits]}]"
