"""The `Teacher` protocol and the teacher registry (`medkiln.teacher.<name>.v<N>`)."""

from __future__ import annotations

from typing import Iterable, Iterator, Protocol, runtime_checkable

import catalogue

from medkiln.domains.base import DomainSpec

teachers = catalogue.create("medkiln", "teachers", entry_points=True)

# Modules whose import registers the built-in teachers (explicit, no discovery magic).
_TEACHER_MODULES = ("medkiln.factory.teachers.offline", "medkiln.factory.teachers.openai_teacher")


@runtime_checkable
class Teacher(Protocol):
    """A source of annotated examples. Records follow the span contract and carry provenance in `meta`."""

    name: str

    def synthesize(self, domain: DomainSpec, n: int, seed: int) -> Iterator[dict]:
        """Yield `n` new examples `{"id", "text", "spans", "meta"}` for the domain."""
        ...

    def annotate(self, domain: DomainSpec, records: Iterable[dict]) -> Iterator[dict]:
        """Yield `{"id", "text", "spans", "meta"}` for each input `{"id", "text"}`, in input order."""
        ...


def get_teacher(name: str, **settings: object) -> Teacher:
    """Build a registered teacher by short name (`offline`) or full name (`medkiln.teacher.offline.v1`)."""
    import importlib

    for module in _TEACHER_MODULES:
        importlib.import_module(module)
    all_teachers = teachers.get_all()
    full = name if name in all_teachers else f"medkiln.teacher.{name}.v1"
    if full not in all_teachers:
        available = ", ".join(sorted(all_teachers))
        raise ValueError(f"Unknown teacher '{name}'. Registered teachers: {available}.")
    return all_teachers[full](**settings)
