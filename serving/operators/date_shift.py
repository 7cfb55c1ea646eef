"""`--date-shift`: move every DATE of a group by one offset, so intervals between dates are kept.

The offset is derived from HMAC(key, "date-shift" | group): same group, same offset, in any process.
Dates that cannot be parsed return None from `shift` and fall back to the run's operator.
"""

from __future__ import annotations

from .base import Operator, rng
from .dates import shift_date

MAX_SHIFT_DAYS = 365


def shift_days(key: bytes, group: str) -> int:
    """The group's offset in days: never 0, at most MAX_SHIFT_DAYS either way."""
    r = rng(key, "date-shift", group)
    days = r.randrange(1, MAX_SHIFT_DAYS + 1)
    return days if r.random() < 0.5 else -days


class DateShift(Operator):
    name = "date_shift"
    needs_key = True

    def shift(self, value: str, *, group: str, key: bytes) -> str | None:
        return shift_date(value, shift_days(key, group))

    def operate(self, value: str, label: str, *, group: str, key: bytes) -> str:
        shifted = self.shift(value, group=group, key=key)
        return shifted if shifted is not None else f"[{label}]"
