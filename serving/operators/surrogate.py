"""`surrogate`: realistic, consistent, format-preserving replacements.

Every choice is drawn from `rng(key, "surrogate", group, label-or-category, normalized value)`, so a value
gets the same surrogate everywhere in its group (a document, or all documents of one patient) with no state.
Names are replaced token by token ('John Smith' then 'Smith' stay linked), keeping case, initials and
titles; dates keep their format; phones and ids keep their length, punctuation and character classes.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Callable, Sequence

from . import lexicons as lx
from .ages import age_value
from .base import Operator, category, match_case, normalize, rng, same_digits, shape
from .dates import parse_date, rebuild

_NAME_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_GIVEN = frozenset(n.casefold() for n in lx.GIVEN_NAMES)
_KEEP_WORDS = lx.ID_KEYWORDS | frozenset("http https www com org net edu gov io".split())
MAX_SURROGATE_DAYS = 365


def _choose(options: Sequence[str], original: str, key: bytes, *parts: str) -> str:
    r = rng(key, "surrogate", *parts)
    pick = options[r.randrange(len(options))]
    if pick.casefold() == original.casefold():
        pick = options[(options.index(pick) + 1) % len(options)]
    return pick


def _name_token(token: str, group: str, key: bytes) -> str:
    folded = token.casefold()
    if folded in lx.NAME_TITLES:
        return token
    if len(token) == 1:
        letters = [c for c in "ABCDEFGHIJKLMNOPRSTVW" if c != token.upper()]
        letter = letters[rng(key, "surrogate", group, "NAME-initial", folded).randrange(len(letters))]
        return letter if token.isupper() else letter.lower()
    options = lx.GIVEN_NAMES if folded in _GIVEN else lx.SURNAMES
    return match_case(token, _choose(options, token, key, group, "NAME", folded))


def surrogate_name(value: str, label: str, group: str, key: bytes) -> str:
    return _NAME_TOKEN.sub(lambda m: _name_token(m.group(0), group, key), value)


def surrogate_date(value: str, label: str, group: str, key: bytes) -> str:
    parsed = parse_date(value)
    if parsed is None:
        return surrogate_shape(value, label, group, key)
    r = rng(key, "surrogate", group, "DATE", parsed.key)
    days = r.randrange(1, MAX_SURROGATE_DAYS + 1) * (1 if r.random() < 0.5 else -1)
    return rebuild(value, parsed, parsed.date + dt.timedelta(days=days))


def surrogate_age(value: str, label: str, group: str, key: bytes) -> str:
    age = age_value(value)
    r = rng(key, "surrogate", group, "AGE", str(age) if age is not None else normalize(value, label))
    if age is None:
        return surrogate_shape(value, label, group, key)
    low, high = (90, 100 if age < 100 else 110) if age > 89 else ((1, 18) if age < 18 else (18, 90))
    new = r.randrange(low, high)
    if new == age:
        new = low + (new - low + 1) % (high - low)
    digits = re.search(r"\d+(?:\.\d+)?", value)
    if digits is None:
        return str(new)
    return value[: digits.start()] + same_digits(digits.group(), str(new)) + value[digits.end():]


def surrogate_shape(value: str, label: str, group: str, key: bytes) -> str:
    return shape(value, rng(key, "surrogate", group, category(label), normalize(value, label)), _KEEP_WORDS)


def surrogate_ip(value: str, label: str, group: str, key: bytes) -> str:
    parts = value.split(".")
    if len(parts) != 4 or not all(p.isdigit() for p in parts):
        return surrogate_shape(value, label, group, key)
    r = rng(key, "surrogate", group, "IPADDR", normalize(value, label))
    return ".".join(str(r.randrange(1, 255)) for _ in parts)


def _lexicon(options: Sequence[str]) -> Callable[[str, str, str, bytes], str]:
    def pick(value: str, label: str, group: str, key: bytes) -> str:
        new = _choose(options, value, key, group, label, normalize(value, label))
        return match_case(value, new)
    return pick


def surrogate_state(value: str, label: str, group: str, key: bytes) -> str:
    short = len(value.strip(" .")) == 2
    names = [abbr if short else name for name, abbr in lx.STATES]
    return match_case(value, _choose(names, value, key, group, label, normalize(value, label)))


def surrogate_street(value: str, label: str, group: str, key: bytes) -> str:
    number = re.match(r"\s*\d+[A-Za-z]?\s+", value)
    street = _choose(lx.STREETS, value, key, group, label, normalize(value, label))
    if number is None:
        return match_case(value, street)
    return surrogate_shape(number.group(0), label, group, key) + match_case(value[number.end():], street)


_BY_LABEL: dict[str, Callable[[str, str, str, bytes], str]] = {
    "PATIENT": surrogate_name, "DOCTOR": surrogate_name, "USERNAME": surrogate_shape,
    "PROFESSION": _lexicon(lx.PROFESSIONS), "HOSPITAL": _lexicon(lx.HOSPITALS),
    "ORGANIZATION": _lexicon(lx.ORGANIZATIONS), "CITY": _lexicon(lx.CITIES), "STATE": surrogate_state,
    "COUNTRY": _lexicon(lx.COUNTRIES), "STREET": surrogate_street, "LOCATION_OTHER": _lexicon(lx.PLACES),
    "ZIP": surrogate_shape, "AGE": surrogate_age, "DATE": surrogate_date, "IPADDR": surrogate_ip,
}


class Surrogate(Operator):
    name = "surrogate"
    needs_key = True

    def operate(self, value: str, label: str, *, group: str, key: bytes) -> str:
        fn = _BY_LABEL.get(label)
        if fn is None:
            fn = surrogate_name if category(label) == "NAME" else surrogate_shape
        return fn(value, label, group, key)
