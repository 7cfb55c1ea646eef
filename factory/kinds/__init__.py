"""Domain kinds: what the loop does for each kind of domain, behind one protocol (`DomainKind`).

A domain says which kind it is (`DomainSpec.kind`: `spans`, `extraction`, `translation`); its kind says how
its records are read, synthesized, trained on, evaluated, described in a data card, exchanged with Label Studio
(through `annotation.kinds`) and chained by `medkiln run`. One module per kind, registered under the kind's
name; `kind_of(spec)` is the only place that goes from a spec to its kind, so no step switches on the kind.

    spans.py         de-identification, NER: `factory/synth`, `factory/train`, `factory/evaluate`, `factory/export`
    extraction.py    note extraction (spans + assertion status + linked attributes): `factory/extraction/`
    translation.py   parallel text and MarianMT students: `factory/translation/`

Adding a kind means adding a module here and one line in `_KIND_MODULES`; nothing else switches.
"""

from __future__ import annotations

import importlib

import catalogue

from medkiln.core.errors import MedkilnError
from medkiln.domains import DomainSpec

from .base import DomainKind

registry = catalogue.create("medkiln", "kinds", entry_points=True)

# Explicit, no discovery magic: the modules whose import registers a kind (imported on first use, so that
# `medkiln --help` stays light).
_KIND_MODULES = ("medkiln.factory.kinds.spans", "medkiln.factory.kinds.extraction",
                 "medkiln.factory.kinds.translation")


def _load_all() -> None:
    for module in _KIND_MODULES:
        importlib.import_module(module)


def available() -> list[str]:
    _load_all()
    return sorted(registry.get_all())


def get_kind(name: str) -> DomainKind:
    """The registered kind `name` (E021 when none is)."""
    _load_all()
    found = registry.get_all().get(name)
    if found is None:
        raise MedkilnError("E021", name="?", kind=name, available=", ".join(available()))
    return found()


def kind_of(spec: DomainSpec) -> DomainKind:
    """The kind that handles `spec` (E021 names the domain when no kind is registered for it)."""
    _load_all()
    found = registry.get_all().get(spec.kind)
    if found is None:
        raise MedkilnError("E021", name=spec.name, kind=spec.kind, available=", ".join(available()))
    return found()


__all__ = ["DomainKind", "available", "get_kind", "kind_of", "registry"]
