"""The embedded offline teacher: programmatic synthesis with gold spans by construction (the default)."""

from __future__ import annotations

from typing import Iterator

from domains.base import DomainSpec

from .base import teachers


class OfflineTeacher:
    """Delegates to the domain's own synthesizer; needs no network and no model."""

    name = "offline"

    def synthesize(self, domain: DomainSpec, n: int, seed: int) -> Iterator[dict]:
        for rec in domain.synthesize(n, seed):
            meta = rec.setdefault("meta", {})
            meta.setdefault("teacher", self.name)
            meta.setdefault("domain", domain.registry_name)
            yield rec


@teachers.register("medkiln.teacher.offline.v1")
def make_offline_teacher() -> OfflineTeacher:
    return OfflineTeacher()
