"""Format-preserving date parsing and shifting.

A date span is matched against a small table of shapes (US numeric, ISO, month names, weekdays, years).
Shifting rebuilds the original string with only the matched parts replaced, so separators, zero padding,
two- or four-digit years, abbreviations, ordinal suffixes and case all stay as they were.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .base import ascii_digits, same_digits

_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MON = r"(?P<mon>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?" \
       r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
_WD = r"(?:(?P<wd>mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?" \
      r"|sat(?:urday)?|sun(?:day)?)\.?,?\s+)?"
_SFX = r"(?P<sfx>st|nd|rd|th)?"

# Shapes, tried in order; each must match the whole (stripped) span.
_PATTERNS = [re.compile(p, re.IGNORECASE) for p in (
    _WD + r"(?P<y>\d{4})(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})",
    _WD + r"(?P<m>\d{1,2})(?P<s>[-/.])(?P<d>\d{1,2})(?:(?P=s)(?P<y>\d{4}|\d{2}))?",
    _WD + _MON + r"\s+(?P<d>\d{1,2})" + _SFX + r"(?:,?\s+(?P<y>\d{4}))?",
    _WD + r"(?:the\s+)?(?P<d>\d{1,2})" + _SFX + r"(?:\s+of)?\s+" + _MON + r"(?:,?\s+(?P<y>\d{4}))?",
    _MON + r",?\s+(?:of\s+)?(?P<y>\d{4})",
    r"(?P<m>\d{1,2})/(?P<y>\d{4}|\d{2})",
    _MON,
    r"(?P<y>(?:19|20)\d{2})",
    r"'(?P<y>\d{2})",
    r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)",
)]


@dataclass(frozen=True)
class ParsedDate:
    """A matched date: the match (for rebuilding) and the date it stands for."""

    match: re.Match
    date: dt.date

    @property
    def key(self) -> str:
        """Normalized form: the same date written two ways gives the same key."""
        shown = "".join(f for f, groups in (("y", ("y",)), ("m", ("m", "mon")), ("d", ("d",)), ("w", ("wd",)))
                        if any(_group(self.match, g) for g in groups))
        return f"{self.date.isoformat()}|{shown}"


def _group(match: re.Match, name: str) -> str | None:
    return match.group(name) if name in match.re.groupindex else None


def _month(match: re.Match) -> int | None:
    if _group(match, "m"):
        return int(match.group("m"))
    mon = _group(match, "mon")
    if mon:
        return next(i for i, name in enumerate(_MONTHS, 1) if name.startswith(mon.lower().rstrip(".")[:3]))
    return None


def _year(text: str | None) -> int | None:
    if text is None:
        return None
    year = int(text)
    if len(text) == 2:
        year += 2000 if year < 50 else 1900
    return year


def parse_date(value: str) -> ParsedDate | None:
    """Match `value` against the date shapes; None when it is not a date we can rebuild."""
    text = value.strip()
    for pattern in _PATTERNS:
        match = pattern.fullmatch(text)
        if match is None:
            continue
        if _group(match, "wd") and not any(_group(match, g) for g in ("y", "m", "mon", "d")):
            idx = next(i for i, w in enumerate(_WEEKDAYS) if w.startswith(match.group("wd").lower()[:3]))
            return ParsedDate(match, dt.date(2000, 1, 3) + dt.timedelta(days=idx))  # 2000-01-03 was a Monday
        month, day = _month(match), _group(match, "d")
        year = _year(_group(match, "y"))
        day = int(day) if day else (15 if month else 2)
        month = month or 7
        if _group(match, "m") and month > 12 and day <= 12:  # 25/12/2020: day first
            month, day = day, month
        try:
            return ParsedDate(match, dt.date(year or 2000, month, day))
        except ValueError:
            continue  # '2/95' is not Feb 95th: try the next shape (month/yy)
    return None


def _ordinal(day: int) -> str:
    if 11 <= day % 100 <= 13:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")


def _name(names: tuple[str, ...], index: int, original: str) -> str:
    bare = original.rstrip(".")
    name = names[index] if bare.lower() in names else names[index][:3]
    name = name + original[len(bare):]
    if original.isupper():
        return name.upper()
    if original.islower():
        return name.lower()
    return name.capitalize()


def _number(value: int, pad: bool) -> str:
    return f"{value:02d}" if pad else str(value)


def _render(parsed: ParsedDate, new: dt.date) -> dict[str, str]:
    match = parsed.match
    swapped = _group(match, "m") and int(match.group("m")) > 12
    pad = any(ascii_digits(_group(match, g) or "").startswith("0") for g in ("m", "d"))  # '01/12', '٠١/١٢': padded
    values = {
        "y": lambda o: str(new.year)[-len(o):].zfill(len(o)),
        "m": lambda o: _number(new.day if swapped else new.month, pad),
        "d": lambda o: _number(new.month if swapped else new.day, pad),
        "mon": lambda o: _name(_MONTHS, new.month - 1, o),
        "wd": lambda o: _name(_WEEKDAYS, new.weekday(), o),
        "sfx": lambda o: _ordinal(new.day).upper() if o.isupper() else _ordinal(new.day),
    }
    return {g: values[g](match.group(g)) for g in values if _group(match, g)}


def shift_date(value: str, days: int) -> str | None:
    """`value` moved by `days`, in the same format; None when `value` is not a date we can parse."""
    parsed = parse_date(value)
    if parsed is None:
        return None
    return rebuild(value, parsed, parsed.date + dt.timedelta(days=days))


def rebuild(value: str, parsed: ParsedDate, new: dt.date) -> str:
    """The original string with its date parts replaced by those of `new`."""
    if _group(parsed.match, "d") and not _group(parsed.match, "y") and new.month == 2 and new.day == 29:
        new = new - dt.timedelta(days=1)  # no year shown: avoid a Feb 29 that the reader's year lacks
    lead = len(value) - len(value.lstrip())
    replacements = _render(parsed, new)
    spans = sorted((parsed.match.span(g), text) for g, text in replacements.items())
    out, pos = [], 0
    text = value.strip()
    for (start, end), new_text in spans:
        out.append(text[pos:start])
        out.append(same_digits(text[start:end], new_text))  # ٠٣/٠٣/٢٠٢١ stays in Arabic-Indic digits
        pos = end
    out.append(text[pos:])
    return value[:lead] + "".join(out) + value[lead + len(text):]
