"""Dates in a language's own calendar: "3. März 2021", "3 de marzo de 2021", "03/03/2021" (day first), "مارس ٢٠٢١".

A `Calendar` is data (month names and abbreviations, weekday names, the numeric order) from a language folder's
`surrogates.json`; parsing is language-independent: the span is cut into number and word tokens, words are
looked up in the calendar (short words such as "de", "del", "er" are connectors that stay), numbers take the
day, month and year slots by the calendar's order. Rebuilding replaces only those tokens, so separators, zero
padding, two- or four-digit years, abbreviations, case and the digit script (Western or Arabic-Indic) stay.
English keeps its own table of shapes (`dates.py`): month-first numbers, ordinals and "the 3rd of".
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

_TOKEN = re.compile(r"\d+|[^\W\d_]+")
_BETWEEN = re.compile(r"[\s/.\-,'’]*")  # what may stand between the tokens of a date
MAX_CONNECTOR = 3  # an unknown word this short ("de", "del", "of", "er") is a connector; a longer one is no date


def fold(word: str) -> str:
    """Case and accents folded: 'März', 'MARZ' and 'marz' meet."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@dataclass(frozen=True)
class Calendar:
    """A language's calendar words and numeric order ('dmy' or 'mdy'; an ISO year-first date is read as such)."""

    months: tuple[str, ...]
    abbreviations: tuple[tuple[str, ...], ...] = ()
    weekdays: tuple[str, ...] = ()
    order: str = "dmy"

    @classmethod
    def from_json(cls, data: dict) -> "Calendar":
        return cls(tuple(data["months"]), tuple(tuple(a) for a in data.get("month_abbreviations", ())),
                   tuple(data.get("weekdays", ())), data.get("order", "dmy"))

    def month(self, word: str) -> tuple[int, int] | None:
        """(month index 0-11, form: -1 the full name, k the k-th abbreviation) or None."""
        folded = fold(word)
        for i, name in enumerate(self.months):
            if fold(name) == folded:
                return i, -1
        for i, forms in enumerate(self.abbreviations):
            for k, form in enumerate(forms):
                if fold(form.rstrip(".")) == folded:
                    return i, k
        return None

    def weekday(self, word: str) -> int | None:
        folded = fold(word)
        return next((i for i, name in enumerate(self.weekdays) if fold(name) == folded), None)


@dataclass(frozen=True)
class LocalDate:
    """A parsed span: its tokens as (start, end, slot, form) in the stripped text, and the date it stands for."""

    tokens: tuple[tuple[int, int, str, int], ...]
    date: dt.date

    @property
    def key(self) -> str:
        """Normalized form: the same date written two ways (same parts shown) gives the same key."""
        shown = "".join(sorted({slot[0] for _, _, slot, _ in self.tokens}))
        return f"{self.date.isoformat()}|{shown}"


def _numbers_only(numbers: list[re.Match], order: str) -> dict[str, re.Match] | None:
    size = [len(n.group()) for n in numbers]
    if len(numbers) == 3:
        if size[0] == 4:
            return dict(zip("ymd", numbers))
        return dict(zip("dmy" if order == "dmy" else "mdy", numbers)) if size[2] in (2, 4) else None
    if len(numbers) == 2:
        first, second = numbers
        if size[1] == 4:
            return {"m": first, "y": second}
        if size[0] == 4:
            return {"y": first, "m": second}
        if int(second.group()) > 12:
            return {"m": first, "y": second}  # '03/21': month and two-digit year
        return dict(zip("dm" if order == "dmy" else "md", numbers))
    if len(numbers) == 1 and size[0] == 4 and numbers[0].group()[:2] in ("19", "20"):
        return {"y": numbers[0]}
    return None


def _with_month(numbers: list[re.Match], month_at: int) -> dict[str, re.Match] | None:
    before = [n for n in numbers if n.start() < month_at]
    after = [n for n in numbers if n.start() > month_at]
    if len(before) > 1 or len(after) > 1:
        return None
    slots: dict[str, re.Match] = {}
    for n in before:
        slots["y" if len(n.group()) == 4 else "d"] = n
    for n in after:
        if len(n.group()) in (2, 4) and "y" not in slots:
            slots["y"] = n
        elif "d" not in slots and len(n.group()) <= 2:
            slots["d"] = n  # 'März 3' (rare outside English)
        else:
            return None
    return slots


def _year(text: str) -> int:
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 50 else 1900
    return year


def parse_local(value: str, cal: Calendar) -> LocalDate | None:
    """`value` read with `cal`; None when it is not a date this calendar can rebuild."""
    text = value.strip()
    numbers, tokens, month, weekday, pos = [], [], None, None, 0
    for m in _TOKEN.finditer(text):
        if not _BETWEEN.fullmatch(text[pos:m.start()]):
            return None
        pos = m.end()
        word = m.group()
        if word.isdigit():
            numbers.append(m)
        elif (found := cal.month(word)) is not None and month is None:
            month = (m, *found)
        elif (day := cal.weekday(word)) is not None and weekday is None:
            weekday = (m, day)
        elif len(word) > MAX_CONNECTOR:
            return None
    if not _BETWEEN.fullmatch(text[pos:]) or len(numbers) > 3:
        return None
    if month is not None:
        slots = _with_month(numbers, month[0].start())
    elif numbers:
        slots = _numbers_only(numbers, cal.order)
    else:
        slots = {} if weekday is not None else None
    if slots is None:
        return None
    try:
        year = _year(slots["y"].group()) if "y" in slots else 2000
        mon = month[1] + 1 if month is not None else int(slots["m"].group()) if "m" in slots else 7
        day = int(slots["d"].group()) if "d" in slots else (15 if (month or "m" in slots) else 2)
        if not (slots or month) and weekday is not None:  # a weekday alone: a Monday-based stand-in
            when = dt.date(2000, 1, 3) + dt.timedelta(days=weekday[1])
        else:
            when = dt.date(year, mon, day)
    except ValueError:
        return None
    for slot, m in slots.items():
        tokens.append((m.start(), m.end(), slot, 0))
    if month is not None:
        tokens.append((month[0].start(), month[0].end(), "mon", month[2]))
    if weekday is not None:
        tokens.append((weekday[0].start(), weekday[0].end(), "wd", 0))
    return LocalDate(tuple(sorted(tokens)), when)


def _script(original: str, digits: str) -> str:
    """`digits` (ASCII) in the digit script of `original` (e.g. Arabic-Indic)."""
    zero = ord(original[0]) - unicodedata.digit(original[0])
    return digits if zero == ord("0") else "".join(chr(zero + int(c)) for c in digits)


def _cased(original: str, word: str) -> str:
    if original.isupper() and len(original) > 1:
        return word.upper()
    if original.islower():
        return word.lower()
    return word[:1].upper() + word[1:] if original[:1].isupper() else word


def _slot_text(slot: str, form: int, original: str, new: dt.date, cal: Calendar) -> str:
    if slot == "y":
        return _script(original, str(new.year)[-len(original):].zfill(len(original)))
    if slot in ("d", "m"):
        number = new.day if slot == "d" else new.month
        padded = len(original) == 2
        return _script(original, f"{number:02d}" if padded else str(number))
    if slot == "mon":
        forms = cal.abbreviations[new.month - 1] if form >= 0 and cal.abbreviations else ()
        word = forms[min(form, len(forms) - 1)].rstrip(".") if forms else cal.months[new.month - 1]
        return _cased(original, word)
    return _cased(original, cal.weekdays[new.weekday()])


def rebuild_local(value: str, parsed: LocalDate, new: dt.date, cal: Calendar) -> str:
    """`value` with its date tokens replaced by those of `new` (everything else as written)."""
    slots = {slot for _, _, slot, _ in parsed.tokens}
    if "d" in slots and "y" not in slots and new.month == 2 and new.day == 29:
        new -= dt.timedelta(days=1)  # no year shown: avoid a Feb 29 that the reader's year lacks
    lead = len(value) - len(value.lstrip())
    text = value.strip()
    out, pos = [], 0
    for start, end, slot, form in parsed.tokens:
        out.append(text[pos:start])
        out.append(_slot_text(slot, form, text[start:end], new, cal))
        pos = end
    out.append(text[pos:])
    return value[:lead] + "".join(out) + value[lead + len(text):]


def shift_local(value: str, days: int, cal: Calendar) -> str | None:
    """`value` moved by `days` in the same local format; None when it is not a date `cal` reads."""
    parsed = parse_local(value, cal)
    if parsed is None:
        return None
    return rebuild_local(value, parsed, parsed.date + dt.timedelta(days=days), cal)


__all__ = ["Calendar", "LocalDate", "fold", "parse_local", "rebuild_local", "shift_local"]
