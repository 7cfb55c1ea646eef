"""`--date-shift`: move every DATE of a group by one offset, so intervals between dates are kept.

The offset is derived from HMAC(key, "date-shift" | group): same group, same offset, in any process.
Dates that cannot be parsed return None from `shift` and fall back to the run's operator. A record in another
language is read with that language's calendar (`locales.py`), so "3. März 2021" moves to another German date.
"""

from __future__ import annotations

from .base import Operator, rng
from .dates import shift_date
from .local_dates import shift_local
from .locales import locale_data

MAX_SHIFT_DAYS = 365


def shift_days(key: bytes, group: str) -> int:
    """The group's offset in days: never 0, at most MAX_SHIFT_DAYS either way."""
    r = rng(key, "date-shift", group)
    days = r.randrange(1, MAX_SHIFT_DAYS + 1)
    return days if r.random() < 0.5 else -days


class DateShift(Operator):
    name = "date_shift"
    needs_key = True

    def shift(self, value: str, *, group: str, key: bytes, locale: str | None = None) -> str | None:
        calendar = locale_data(locale).calendar
        if calendar is not None:
            return shift_local(value, shift_days(key, group), calendar)
        return shift_date(value, shift_days(key, group))

    def operate(self, value: str, label: str, *, group: str, key: bytes, locale: str | None = None) -> str:
        shifted = self.shift(value, group=group, key=key, locale=locale)
        return shifted if shifted is not None else f"[{label}]"
