"""The operator base and the keyed derivation every operator uses.

An operator is a pure function of (span text, label, group, key): everything random is derived from
HMAC-SHA256(key, purpose | group | category | normalized value), so the same value in the same group gets
the same replacement in any process, on any machine, with no shared state (Spark reuses these).
"""

from __future__ import annotations

import hashlib
import hmac
import random
import re
import unicodedata
from abc import ABC, abstractmethod
from typing import ClassVar

from medkiln.core.labels import label_set

# i2b2-2014 label -> coarse category (the label table, core/labels/i2b2.json).
CATEGORIES: dict[str, str] = label_set("i2b2").category_of()

_SEP = "\x1f"


def category(label: str) -> str:
    return CATEGORIES.get(label, label)


def ascii_digits(value: str) -> str:
    """Every decimal digit (Arabic-Indic ٠-٩, Persian ۰-۹, ...) as its Western digit; other characters unchanged."""
    return "".join(str(unicodedata.decimal(ch)) if ch.isdecimal() and not ch.isascii() else ch for ch in value)


def same_digits(original: str, new: str) -> str:
    """`new` with its Western digits written in the digit script of `original` (Arabic-Indic stays Arabic-Indic)."""
    zero = next((ord(ch) - unicodedata.decimal(ch) for ch in original if ch.isdecimal() and not ch.isascii()), None)
    if zero is None:
        return new
    return "".join(chr(zero + int(ch)) if "0" <= ch <= "9" else ch for ch in new)


def normalize(value: str, label: str) -> str:
    """The form that decides consistency: case, spacing, digit script and (for numbers) punctuation do not
    matter."""
    value = ascii_digits(unicodedata.normalize("NFKC", value).casefold())
    if category(label) in ("ID", "CONTACT") and label not in ("EMAIL", "URL"):
        digits = re.sub(r"[\W_]+", "", value)
        return digits or value.strip()
    return " ".join(value.split())


def derive(key: bytes, *parts: str) -> bytes:
    """HMAC-SHA256 of the joined parts: the only source of randomness for operators."""
    return hmac.new(key, _SEP.join(parts).encode("utf-8"), hashlib.sha256).digest()


def rng(key: bytes, *parts: str) -> random.Random:
    """A `random.Random` seeded from `derive` (Mersenne Twister with an int seed is stable across versions)."""
    return random.Random(int.from_bytes(derive(key, *parts), "big"))


def match_case(source: str, new: str) -> str:
    """Give `new` the case pattern of `source`: UPPER, lower, Title or as is."""
    letters = [c for c in source if c.isalpha()]
    if not letters:
        return new
    if all(c.isupper() for c in letters) and len(letters) > 1:
        return new.upper()
    if all(c.islower() for c in letters):
        return new.lower()
    return new


ARABIC_LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"


def shape(value: str, r: random.Random, keep: frozenset[str] = frozenset()) -> str:
    """Replace each digit with a digit of the same script and each letter with a letter of the same case (an
    Arabic letter with an Arabic letter); keep the rest.

    Whole alphabetic words in `keep` (casefolded) stay as they are (e.g. 'MRN', 'fax', 'x').
    """
    out = []
    for part in re.split(r"([^\W\d_]+)", value):
        if part.isalpha() and part.casefold() in keep:
            out.append(part)
            continue
        for ch in part:
            if ch.isdecimal():
                out.append(same_digits(ch, str(r.randrange(10))))
            elif ch.isdigit():
                out.append(str(r.randrange(10)))
            elif ch.isalpha() and "\u0600" <= ch <= "\u06ff":
                out.append(ARABIC_LETTERS[r.randrange(len(ARABIC_LETTERS))])
            elif ch.isalpha():
                letter = chr(ord("a") + r.randrange(26))
                out.append(letter.upper() if ch.isupper() else letter)
            else:
                out.append(ch)
    return "".join(out)


class Operator(ABC):
    """A de-identification operator (presidio-anonymizer style: small, one per file, stateless)."""

    name: ClassVar[str]
    needs_key: ClassVar[bool] = False

    @abstractmethod
    def operate(self, value: str, label: str, *, group: str, key: bytes, locale: str | None = None) -> str:
        """Return the replacement for `value` (a PHI span of `label`) within `group`; `locale` is the record's
        language ('es'; None: English), for operators whose replacements are written in a language."""

    def __call__(self, value: str, label: str, *, group: str = "", key: bytes = b"", locale: str | None = None) -> str:
        return self.operate(value, label, group=group, key=key, locale=locale)
