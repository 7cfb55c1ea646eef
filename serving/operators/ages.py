"""Reading the value of an AGE span ('93', '67yo', '45-year-old', 'ninety-two') for --hipaa-ages."""

from __future__ import annotations

import re

_UNITS = {w: i for i, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen".split())}
_TENS = {w: 10 * i for i, w in enumerate("_ _ twenty thirty forty fifty sixty seventy eighty ninety".split())
         if i > 1}


def _words_value(text: str) -> int | None:
    total, current, seen = 0, 0, False
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word in ("and", "year", "years", "yo", "old", "y", "o", "aged", "age", "yrs", "yr"):
            continue
        else:
            return None
        seen = True
    return total + current if seen else None


def age_value(value: str) -> int | None:
    """The age in years, or None when the span does not read as one number."""
    numbers = re.findall(r"\d+(?:\.\d+)?", value)
    if len(numbers) == 1:
        return int(float(numbers[0]))
    if numbers:
        return None
    return _words_value(value)
