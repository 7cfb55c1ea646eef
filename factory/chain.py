"""What every chain of `medkiln run` shares (the kinds' chains in `factory.kinds`, `factory.extraction.run`,
`factory.translation.run`): a timed step, and the guard of a kind's own chain called with a domain of another
kind."""

from __future__ import annotations

import logging
import time

from medkiln.core.errors import MedkilnError
from medkiln.domains import DomainSpec

log = logging.getLogger(__name__)


def step(name: str, timings: dict, func, /, *args, **kwargs):
    """Run one arrow of the loop, logging it and recording its seconds in `timings`."""
    log.info("step %s ...", name)
    started = time.perf_counter()
    result = func(*args, **kwargs)
    timings[name] = round(time.perf_counter() - started, 1)
    log.info("step %s done in %.1fs", name, timings[name])
    return result


def check_kind(spec: DomainSpec, kind: str, code: str) -> None:
    """Refuse a domain of another kind where a kind's own chain is called directly (`code`: E303, E410)."""
    if spec.kind != kind:
        raise MedkilnError(code, name=spec.name, kind=spec.kind)
