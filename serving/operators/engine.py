"""Apply a de-identification policy to one text and its PHI spans (pure: Spark and the server reuse it)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from .ages import age_value
from .base import Operator
from .date_shift import DateShift

HIPAA_MAX_AGE = 89


@dataclass(frozen=True)
class Policy:
    """What to do with PHI spans: one operator, optional date shift, labels to keep, HIPAA ages, and the language
    replacements are written in (`lang`; None: each record's own, English when it has none)."""

    operator: Operator
    key: bytes = b""
    date_shift: bool = False
    keep: frozenset[str] = field(default_factory=frozenset)
    hipaa_ages: bool = False
    lang: str | None = None


@dataclass(frozen=True)
class Action:
    start: int
    end: int
    label: str
    kept: bool


@dataclass(frozen=True)
class Result:
    text: str
    actions: list[Action]


def _clean(spans: Iterable[tuple[int, int, str]], length: int) -> list[tuple[int, int, str]]:
    """Sorted, inside the text, non-empty and non-overlapping (the earlier, longer span wins)."""
    out: list[tuple[int, int, str]] = []
    for start, end, label in sorted(spans, key=lambda s: (s[0], -s[1])):
        if 0 <= start < end <= length and (not out or start >= out[-1][1]):
            out.append((start, end, label))
    return out


def keeps(value: str, label: str, policy: Policy) -> bool:
    if label in policy.keep:
        return True
    if policy.hipaa_ages and label == "AGE":
        age = age_value(value)
        return age is not None and age <= HIPAA_MAX_AGE
    return False


def replace(value: str, label: str, group: str, policy: Policy, locale: str | None = None) -> str:
    if policy.date_shift and label == "DATE":
        shifted = DateShift().shift(value, group=group, key=policy.key, locale=locale)
        if shifted is not None:
            return shifted
    return policy.operator.operate(value, label, group=group, key=policy.key, locale=locale)


def anonymize(text: str, spans: Iterable[tuple[int, int, str]], policy: Policy, group: str = "",
              lang: str | None = None) -> Result:
    """De-identify `text`; `spans` are (start, end, label) character offsets into it. Replacements are written in
    the policy's language, else in `lang` (the language of the pipeline that read the record), else English."""
    locale = policy.lang or lang
    pieces, actions, pos = [], [], 0
    for start, end, label in _clean(spans, len(text)):
        value = text[start:end]
        kept = keeps(value, label, policy)
        pieces.append(text[pos:start])
        pieces.append(value if kept else replace(value, label, group, policy, locale))
        actions.append(Action(start, end, label, kept))
        pos = end
    pieces.append(text[pos:])
    return Result("".join(pieces), actions)
