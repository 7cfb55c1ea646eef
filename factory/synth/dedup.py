"""Near-duplicate removal: MinHash over word 3-gram shingles with LSH banding (no dependencies)."""

from __future__ import annotations

import random
import re
import zlib

_PRIME = (1 << 61) - 1
_WORD = re.compile(r"\w+")


def shingles(text: str, k: int = 3) -> set[int]:
    words = _WORD.findall(text.lower())
    if len(words) < k:
        return {zlib.crc32(" ".join(words).encode())}
    return {zlib.crc32(" ".join(words[i:i + k]).encode()) for i in range(len(words) - k + 1)}


class NearDupIndex:
    """`add(key, text)` returns the key of an earlier near-duplicate (estimated Jaccard >= threshold) or
    None after indexing the text. Deterministic for a given seed."""

    def __init__(self, threshold: float = 0.8, num_perm: int = 64, bands: int = 16, seed: int = 1) -> None:
        rng = random.Random(seed)
        self.threshold = threshold
        self.bands = bands
        self.rows = num_perm // bands
        self._perms = [(rng.randrange(1, _PRIME), rng.randrange(0, _PRIME)) for _ in range(num_perm)]
        self._buckets: dict[tuple, list[str]] = {}
        self._sigs: dict[str, tuple[int, ...]] = {}

    def signature(self, text: str) -> tuple[int, ...]:
        sh = shingles(text)
        return tuple(min((a * h + b) % _PRIME for h in sh) for a, b in self._perms)

    def _similar(self, a: tuple[int, ...], b: tuple[int, ...]) -> float:
        return sum(1 for x, y in zip(a, b) if x == y) / len(a)

    def add(self, key: str, text: str) -> str | None:
        sig = self.signature(text)
        bands = [(i, sig[i * self.rows:(i + 1) * self.rows]) for i in range(self.bands)]
        seen: set[str] = set()
        for band in bands:
            for other in self._buckets.get(band, []):
                if other not in seen:
                    seen.add(other)
                    if self._similar(sig, self._sigs[other]) >= self.threshold:
                        return other
        self._sigs[key] = sig
        for band in bands:
            self._buckets.setdefault(band, []).append(key)
        return None
