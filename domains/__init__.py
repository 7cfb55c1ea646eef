"""Domain registry. A domain registers itself under `medkiln.<name>.<version>`; a published version is
never changed. Adding a domain means adding a folder and one line in `_DOMAIN_MODULES`."""

from __future__ import annotations

import importlib

import catalogue

from medkiln.core.errors import MedkilnError

from .base import DomainSpec, LabelSpec

registry = catalogue.create("medkiln", "domains", entry_points=True)

# Explicit, no discovery magic: the modules whose import registers a domain.
_DOMAIN_MODULES = ("medkiln.domains.deid", "medkiln.domains.notes", "medkiln.domains.translation")


def _load_all() -> None:
    for module in _DOMAIN_MODULES:
        importlib.import_module(module)


def available() -> list[str]:
    _load_all()
    return sorted(registry.get_all())


def get_domain(name: str) -> DomainSpec:
    """Resolve `deid`, `medkiln.deid` or `medkiln.deid.v1` to a domain spec (latest version for short names)."""
    _load_all()
    names = registry.get_all()
    if name in names:
        return names[name]()
    short = name.removeprefix("medkiln.")
    matches = sorted(n for n in names if n.split(".")[1] == short)
    if not matches:
        raise MedkilnError("E001", name=name, available=", ".join(sorted(names)))
    return names[matches[-1]]()


def as_spec(domain: "DomainSpec | str") -> DomainSpec:
    """A step's domain: the spec itself when the caller resolved it (steps pass specs to each other), else
    resolved by name once (`get_domain`)."""
    return domain if isinstance(domain, DomainSpec) else get_domain(domain)


__all__ = ["DomainSpec", "LabelSpec", "as_spec", "available", "get_domain", "registry"]
