"""The embedded offline teacher: programmatic synthesis with gold spans by construction (the default),
and annotation with the domain's rule recognizers."""

from __future__ import annotations

from typing import Iterable, Iterator

from medkiln.domains.base import DomainSpec

from .base import teachers


class OfflineTeacher:
    """Delegates to the domain's own synthesizer and pattern recognizers; needs no network and no model."""

    name = "offline"

    def synthesize(self, domain: DomainSpec, n: int, seed: int) -> Iterator[dict]:
        for rec in domain.synthesize(n, seed):
            meta = rec.setdefault("meta", {})
            meta.setdefault("teacher", self.name)
            meta.setdefault("domain", domain.registry_name)
            yield rec

    def annotate(self, domain: DomainSpec, records: Iterable[dict]) -> Iterator[dict]:
        from ..annotate.rules import RuleAnnotator

        rules = RuleAnnotator(domain)
        for rec in records:
            yield {"id": rec["id"], "text": rec["text"], "spans": rules.spans(rec["text"]),
                   "meta": {"teacher": self.name, "status": "ok"}}


@teachers.register("medkiln.teacher.offline.v1")
def make_offline_teacher() -> OfflineTeacher:
    return OfflineTeacher()
