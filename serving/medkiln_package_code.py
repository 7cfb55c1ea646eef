"""What makes an exported package run the component code it shipped with.

SELF-CONTAINED: copied verbatim into every exported package (`spacy package --code`) beside the component files;
imports only the standard library, catalogue and spaCy.

A spaCy factory name is global to a process: whichever module registered "medkiln_phi_rules" first would build
every pipeline's component, so a package exported last year could run this year's code (or the other way round).
The package's `load()` (written by `medkiln export`) therefore registers its own copies of its factories for the
duration of the load and puts back whatever was registered before: each pipeline is built from the code it was
evaluated with, and the rest of the process keeps its own. A component file lists its factories in `FACTORIES`
(name -> the keyword arguments of `Language.factory`).
"""

from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterable, Iterator

import catalogue
from spacy.language import Language
from spacy.util import registry


def _key(name: str) -> tuple:
    return (*registry.factories.namespace, Language.get_factory_name(name))


def _take(name: str) -> tuple[Any, Any] | None:
    """Remove the registration of factory `name`; what it was (function, meta), or None."""
    key = _key(name)
    if not catalogue.check_exists(*key):
        return None
    previous = (catalogue._get(key), Language._factory_meta.pop(Language.get_factory_name(name), None))
    catalogue._remove(key)
    return previous


def _put(name: str, previous: tuple[Any, Any]) -> None:
    func, meta = previous
    catalogue._set(_key(name), func)
    if meta is not None:
        Language._factory_meta[Language.get_factory_name(name)] = meta


@contextmanager
def own_factories(modules: Iterable[Any]) -> Iterator[None]:
    """Within the block, the factories of `modules` (their `FACTORIES`) are the registered ones."""
    saved: dict[str, tuple[Any, Any] | None] = {}
    try:
        for module in modules:
            for name, args in getattr(module, "FACTORIES", {}).items():
                if name not in saved:
                    saved[name] = _take(name)
                else:
                    _take(name)
                Language.factory(name, **args)
        yield
    finally:
        for name, previous in saved.items():
            _take(name)
            if previous is not None:
                _put(name, previous)

