"""De-identification operators: redact, mask, hash, surrogate (+ date shift), one per file.

The registry is a plain table of versioned names; a published name never changes behaviour (a new
behaviour gets `.v2`). Short names ('redact') resolve to the current version.
"""

from __future__ import annotations

from medkiln.core.errors import UsageError
from .base import CATEGORIES, Operator, derive
from .date_shift import DateShift, shift_days
from .engine import Action, Policy, Result, anonymize
from .hash import Hash
from .mask import Mask
from .redact import Redact
from .surrogate import LocaleSurrogate, Surrogate

OPERATORS: dict[str, type[Operator]] = {
    "medkiln.redact.v1": Redact,
    "medkiln.mask.v1": Mask,
    "medkiln.hash.v1": Hash,
    "medkiln.surrogate.v1": Surrogate,
    "medkiln.surrogate.v2": LocaleSurrogate,
    "medkiln.date_shift.v1": DateShift,
}
CURRENT = {"redact": "medkiln.redact.v1", "mask": "medkiln.mask.v1", "hash": "medkiln.hash.v1",
           "surrogate": "medkiln.surrogate.v2"}


def get_operator(name: str) -> Operator:
    """An operator instance by short name ('surrogate') or versioned name ('medkiln.surrogate.v1')."""
    cls = OPERATORS.get(CURRENT.get(name, name))
    if cls is None or name in ("date_shift", "medkiln.date_shift.v1"):
        raise UsageError("S005", name=name, available=", ".join(CURRENT))
    return cls()


__all__ = ["Action", "CATEGORIES", "CURRENT", "DateShift", "OPERATORS", "Operator", "Policy", "Result",
           "anonymize", "derive", "get_operator", "shift_days"]
