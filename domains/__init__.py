"""Domain registry. A domain registers itself under `medkiln.<name>.<version>`, a language folder of a domain
under `medkiln.<name>.<lang>.<version>`; a published version is never changed. Adding a domain or a language
means adding a folder and one line in `_DOMAIN_MODULES`."""

from __future__ import annotations

import importlib

import catalogue

from medkiln.core.errors import MedkilnError

from .base import DomainSpec, LabelSpec

registry = catalogue.create("medkiln", "domains", entry_points=True)

# Explicit, no discovery magic: the modules whose import registers a domain.
_DOMAIN_MODULES = ("medkiln.domains.deid", "medkiln.domains.notes", "medkiln.domains.translation",
                   "medkiln.domains.deid.es", "medkiln.domains.deid.de", "medkiln.domains.deid.fr",
                   "medkiln.domains.deid.it", "medkiln.domains.deid.ro", "medkiln.domains.deid.tr",
                   "medkiln.domains.deid.ar")


def _load_all() -> None:
    for module in _DOMAIN_MODULES:
        importlib.import_module(module)


def available() -> list[str]:
    _load_all()
    return sorted(registry.get_all())


def _parts(registered: str) -> tuple[str, str | None]:
    """(domain, language or None) of a registered name: `medkiln.deid.v1`, `medkiln.deid.es.v1`."""
    parts = registered.split(".")
    return parts[1], parts[2] if len(parts) == 4 else None


def languages(name: str) -> list[str]:
    """The languages a domain is registered in (its first language, then its language folders)."""
    _load_all()
    short = name.removeprefix("medkiln.").split(".")[0]
    found = {(lang or factory().lang) for reg, factory in registry.get_all().items() for d, lang in [_parts(reg)]
             if d == short}
    return sorted(found)


def get_domain(name: str, lang: str | None = None) -> DomainSpec:
    """Resolve `deid`, `medkiln.deid`, `medkiln.deid.v1` or `medkiln.deid.es.v1` to a domain spec (latest version
    for short names). `lang` picks a language folder (`deid` + `es` -> `medkiln.deid.es.*`); the domain's first
    language also answers to its code (`deid` + `en`). E502 when the domain has no such language."""
    _load_all()
    names = registry.get_all()
    if name in names and (lang is None or names[name]().lang == lang):
        return names[name]()
    short = name.removeprefix("medkiln.").split(".")[0]
    ours = sorted(n for n in names if _parts(n)[0] == short)
    if not ours:
        raise MedkilnError("E001", name=name, available=", ".join(sorted(names)))
    matches = [n for n in ours if _parts(n)[1] == lang]
    if not matches and lang is not None:
        matches = [n for n in ours if _parts(n)[1] is None and names[n]().lang == lang]
    if not matches:
        raise MedkilnError("E502", name=short, lang=lang, available=", ".join(languages(short)))
    return names[matches[-1]]()


def as_spec(domain: "DomainSpec | str") -> DomainSpec:
    """A step's domain: the spec itself when the caller resolved it (steps pass specs to each other), else
    resolved by name once (`get_domain`)."""
    return domain if isinstance(domain, DomainSpec) else get_domain(domain)


__all__ = ["DomainSpec", "LabelSpec", "as_spec", "available", "get_domain", "languages", "registry"]
