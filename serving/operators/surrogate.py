"""`surrogate`: realistic, consistent, format-preserving replacements.

Every choice is drawn from `rng(key, "surrogate", group, label-or-category, normalized value)`, so a value
gets the same surrogate everywhere in its group (a document, or all documents of one patient) with no state.
Names are replaced token by token ('John Smith' then 'Smith' stay linked), keeping case, initials and
titles; dates keep their format; phones and ids keep their length, punctuation and character classes.

`medkiln.surrogate.v1` draws from the English lists whatever the record's language. `medkiln.surrogate.v2`
(the current `surrogate`) stays in the record's locale (`locales.py`: a German name for a German name, a
Spanish street for a Spanish street, a date in the language's own format and month names) and gives a replaced
identifier whose check digits held (IBAN, DNI/NIE, KVNR, NIR, ...) a new one that holds them too; for English
it answers as v1 does, except for those identifiers.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Callable, Sequence

from medkiln.domains.deid.validators import GENERATORS, VALIDATORS

from . import lexicons as lx
from .ages import age_value
from .base import Operator, category, match_case, normalize, rng, same_digits, shape
from .dates import parse_date, rebuild
from .local_dates import parse_local, rebuild_local
from .locales import ENGLISH, LocaleData, locale_data

_NAME_TOKEN = re.compile(r"[^\W\d_]+(?:'[^\W\d_]+)*")
_KEEP_WORDS = lx.ID_KEYWORDS | frozenset("http https www com org net edu gov io".split())
MAX_SURROGATE_DAYS = 365
Fn = Callable[[str, str, str, bytes, LocaleData], str]


def _choose(options: Sequence[str], original: str, key: bytes, *parts: str) -> str:
    r = rng(key, "surrogate", *parts)
    pick = options[r.randrange(len(options))]
    if pick.casefold() == original.casefold():
        pick = options[(options.index(pick) + 1) % len(options)]
    return pick


def _choose_name(options: Sequence[str], token: str, key: bytes, *parts: str) -> str:
    """As `_choose`, and never a compound name that holds the token ('María' -> not 'María Teresa')."""
    pick = _choose(options, token, key, *parts)
    folded = token.casefold()
    start = options.index(pick)
    for step in range(len(options)):
        pick = options[(start + step) % len(options)]
        if folded not in pick.casefold().split():
            break
    return pick


def _name_token(token: str, group: str, key: bytes, loc: LocaleData, particles: bool) -> str:
    folded = token.casefold()
    if folded in loc.name_titles or (particles and folded in loc.name_particles and token.islower()):
        return token
    if len(token) == 1:
        letters = [c for c in "ABCDEFGHIJKLMNOPRSTVW" if c != token.upper()]
        letter = letters[rng(key, "surrogate", group, "NAME-initial", folded).randrange(len(letters))]
        return letter if token.isupper() else letter.lower()
    options = loc.given_like(token) if folded in loc.given_set else loc.surnames
    return match_case(token, _choose_name(options, token, key, group, "NAME", folded))


def surrogate_name(value: str, label: str, group: str, key: bytes, loc: LocaleData = ENGLISH) -> str:
    # particles ('de la', 'von') stay only beside a capitalised token: an all-lowercase span is all name
    particles = any(c.isupper() for c in value)
    return _NAME_TOKEN.sub(lambda m: _name_token(m.group(0), group, key, loc, particles), value)


def _date_days(key: bytes, group: str, date_key: str) -> int:
    r = rng(key, "surrogate", group, "DATE", date_key)
    return r.randrange(1, MAX_SURROGATE_DAYS + 1) * (1 if r.random() < 0.5 else -1)


def surrogate_date(value: str, label: str, group: str, key: bytes, loc: LocaleData = ENGLISH) -> str:
    if loc.calendar is not None:
        local = parse_local(value, loc.calendar)
        if local is not None:
            days = _date_days(key, group, local.key)
            return rebuild_local(value, local, local.date + dt.timedelta(days=days), loc.calendar)
        return surrogate_shape(value, label, group, key, loc)
    parsed = parse_date(value)
    if parsed is None:
        return surrogate_shape(value, label, group, key, loc)
    return rebuild(value, parsed, parsed.date + dt.timedelta(days=_date_days(key, group, parsed.key)))


def surrogate_age(value: str, label: str, group: str, key: bytes, loc: LocaleData = ENGLISH) -> str:
    age = age_value(value)
    r = rng(key, "surrogate", group, "AGE", str(age) if age is not None else normalize(value, label))
    if age is None:
        return surrogate_shape(value, label, group, key, loc)
    low, high = (90, 100 if age < 100 else 110) if age > 89 else ((1, 18) if age < 18 else (18, 90))
    new = r.randrange(low, high)
    if new == age:
        new = low + (new - low + 1) % (high - low)
    digits = re.search(r"\d+(?:\.\d+)?", value)
    if digits is None:
        return str(new)
    return value[: digits.start()] + same_digits(digits.group(), str(new)) + value[digits.end():]


def surrogate_shape(value: str, label: str, group: str, key: bytes, loc: LocaleData = ENGLISH) -> str:
    r = rng(key, "surrogate", group, category(label), normalize(value, label))
    return shape(value, r, _KEEP_WORDS | loc.keep_words)


def surrogate_ip(value: str, label: str, group: str, key: bytes, loc: LocaleData = ENGLISH) -> str:
    parts = value.split(".")
    if len(parts) != 4 or not all(p.isdigit() for p in parts):
        return surrogate_shape(value, label, group, key, loc)
    r = rng(key, "surrogate", group, "IPADDR", normalize(value, label))
    return ".".join(str(r.randrange(1, 255)) for _ in parts)


def _lexicon(field: str) -> Fn:
    def pick(value: str, label: str, group: str, key: bytes, loc: LocaleData = ENGLISH) -> str:
        new = _choose(getattr(loc, field), value, key, group, label, normalize(value, label))
        return match_case(value, new)
    return pick


def surrogate_state(value: str, label: str, group: str, key: bytes, loc: LocaleData = ENGLISH) -> str:
    if loc.states:
        names: Sequence[str] = loc.states
    else:
        short = len(value.strip(" .")) == 2
        names = [abbr if short else name for name, abbr in lx.STATES]
    return match_case(value, _choose(names, value, key, group, label, normalize(value, label)))


def surrogate_street(value: str, label: str, group: str, key: bytes, loc: LocaleData = ENGLISH) -> str:
    number = re.match(r"\s*\d+[A-Za-z]?\s+", value)
    street = _choose(loc.streets, value, key, group, label, normalize(value, label))
    if loc.calendar is not None:
        return _local_street(value, street, number, label, group, key, loc)
    if number is None:
        return match_case(value, street)
    return surrogate_shape(number.group(0), label, group, key) + match_case(value[number.end():], street)


def _local_street(value: str, street: str, number: re.Match | None, label: str, group: str, key: bytes,
                  loc: LocaleData) -> str:
    """'C/ Mayor, 12, 3º B' -> '<street>, 47, 8º K'; 'Hauptstraße 12a' -> '<street> 35c': the name from the
    language's list, the numbers and floor letters drawn, what is written around them kept."""
    head = number.group(0) if number else ""
    rest = value[len(head):]
    cut = re.search(r"[\d,]", rest)
    name_end = cut.start() if cut else len(rest)
    name = rest[:name_end].rstrip()
    tail = rest[len(name):]
    r = rng(key, "surrogate", group, label, "numbers", normalize(value, label))
    numbers = re.compile(r"\d+")

    def drawn(text: str, keep: frozenset[str] = frozenset()) -> str:  # '12' -> '47', never '07'
        new = shape(text, r, keep)
        return numbers.sub(lambda m: "5" + m.group()[1:] if m.group()[0] == "0" != text[m.start()] else m.group(),
                           new)
    return drawn(head) + match_case(name, street) + drawn(tail, _KEEP_WORDS | loc.keep_words)


def _valid(valid: Callable[[str], bool], token: str) -> bool:
    try:
        return bool(valid(token))
    except (ValueError, IndexError):  # a validator that trips over a token of another shape: not that kind
        return False


def _checksum_kind(token: str) -> str | None:
    """Which identifier with check digits `token` is (validators.VALIDATORS), or None."""
    if sum(c.isdigit() for c in token) < 6:  # every kind there carries at least 7 digits
        return None
    return next((kind for kind, valid in VALIDATORS.items() if _valid(valid, token)), None)


def _new_identifier(kind: str, token: str, r) -> str:
    if kind == "iban":
        return GENERATORS[kind](r, re.sub(r"[\s\-.]", "", token)[:2].upper())
    return GENERATORS[kind](r)


def _relayout(original: str, new: str) -> str:
    """`new` (compact) written with the separators and letter case of `original`."""
    chars = iter(new)
    out = []
    for ch in original:
        if ch.isalnum():
            nxt = next(chars, "")
            out.append(nxt.lower() if ch.islower() else nxt)
        else:
            out.append(ch)
    return "".join(out) + "".join(chars)


def surrogate_id(value: str, label: str, group: str, key: bytes, loc: LocaleData = ENGLISH) -> str:
    """An identifier: one whose check digits hold (as a whole or word by word) gets a new valid one of its kind in
    the same layout; the rest keep their shape (digit for digit, letter for letter)."""
    r = rng(key, "surrogate", group, category(label), "checksum", normalize(value, label))
    kind = _checksum_kind(value)
    if kind is not None:
        return _relayout(value, _new_identifier(kind, value, r))
    words = re.split(r"(\s+|:)", value)
    kinds = [_checksum_kind(w) if w.strip() and w != ":" else None for w in words]
    if not any(kinds):
        return surrogate_shape(value, label, group, key, loc)
    keep = _KEEP_WORDS | loc.keep_words
    return "".join(_relayout(w, _new_identifier(k, w, r)) if k else shape(w, r, keep) for w, k in zip(words, kinds))


_DIALLING = re.compile(r"(?:\(?(?:\+|00)\d{1,3}\)?[\s.\-/]*(?:\(0\)\s*)?)?\(?0?\d")


def surrogate_phone(value: str, label: str, group: str, key: bytes, loc: LocaleData = ENGLISH) -> str:
    """A phone number of the same country and kind: the international prefix ('+34', '0049', '(+34)', '+49 (0)'),
    the trunk 0 and the national number's first digit (mobile or landline) stay; the other digits are drawn."""
    start = re.search(r"[\d+(]", value)
    head = _DIALLING.match(value, start.start()) if start else None
    if head is None or sum(c.isdigit() for c in value[head.end():]) < 4:
        return surrogate_shape(value, label, group, key, loc)
    r = rng(key, "surrogate", group, category(label), "phone", normalize(value, label))
    keep = _KEEP_WORDS | loc.keep_words
    return shape(value[:start.start()], r, keep) + value[start.start():head.end()] + shape(value[head.end():], r, keep)


_BY_LABEL: dict[str, Fn] = {
    "PATIENT": surrogate_name, "DOCTOR": surrogate_name, "USERNAME": surrogate_shape,
    "PROFESSION": _lexicon("professions"), "HOSPITAL": _lexicon("hospitals"),
    "ORGANIZATION": _lexicon("organizations"), "CITY": _lexicon("cities"), "STATE": surrogate_state,
    "COUNTRY": _lexicon("countries"), "STREET": surrogate_street, "LOCATION_OTHER": _lexicon("places"),
    "ZIP": surrogate_shape, "AGE": surrogate_age, "DATE": surrogate_date, "IPADDR": surrogate_ip,
}


def _function(label: str) -> Fn:
    fn = _BY_LABEL.get(label)
    if fn is None:
        fn = surrogate_name if category(label) == "NAME" else surrogate_shape
    return fn


class Surrogate(Operator):
    """medkiln.surrogate.v1: English lists for every record (published; never changes)."""

    name = "surrogate"
    needs_key = True

    def operate(self, value: str, label: str, *, group: str, key: bytes, locale: str | None = None) -> str:
        return _function(label)(value, label, group, key, ENGLISH)


class LocaleSurrogate(Operator):
    """medkiln.surrogate.v2: surrogates in the record's locale; identifiers keep valid check digits."""

    name = "surrogate"
    needs_key = True

    def operate(self, value: str, label: str, *, group: str, key: bytes, locale: str | None = None) -> str:
        loc = locale_data(locale)
        if category(label) == "ID":
            return surrogate_id(value, label, group, key, loc)
        if label in ("PHONE", "FAX") and loc.calendar is not None:  # English keeps v1's shapes
            return surrogate_phone(value, label, group, key, loc)
        return _function(label)(value, label, group, key, loc)
