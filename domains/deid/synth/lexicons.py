"""Lexicons for the offline synthesizer: people, places and organisations (loaded lazily, cached).

Person names come from Faker's name tables (accents folded to ASCII, names in other scripts left out): first
names and most surnames from the locales of the language folder's `people.json` (`name_locales`: for English,
those of a US hospital's patients and staff), a share of surnames from `world_locales`, from Lithuanian to
Yoruba, so that a student has to read a name off its context and shape rather than remember it. Places,
professions and the building blocks of hospital and organisation names are the language folder's own lists
(`domains/deid/<lang>/lexicons/`); this module only reads them.
"""

from __future__ import annotations

import importlib
import random
import re
import unicodedata
from functools import lru_cache

from .grammar import LANG_ROOT, language

LANG = "en"  # the notes' language: its folder holds the grammars and word lists
RESOURCES = LANG_ROOT / LANG / "lexicons"
_ASCII_NAME = re.compile(r"^[A-Z][a-zA-Z']{1,13}$")


def words(name: str):
    """A word list of the notes' language (`lexicons/<name>.txt`, or `<file>.<key>` of a JSON file)."""
    return language(LANG).lexicon(name)


def pick(rng: random.Random, name: str) -> str:
    return rng.choice(words(name))


def _ascii(name: str) -> str:
    """'Kovačić' -> 'Kovacic', 'Müller' -> 'Muller' (accents folded; other scripts fold to nothing)."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")


def _faker_names(attr: str, locales: tuple[str, ...] | None = None) -> list[str]:
    """The names in `attr` (and its _male / _female tables) of `locales`, folded to ASCII; a locale's
    duplicates count once, the same name from two locales twice (common names stay common)."""
    importlib.import_module("faker")  # the factory extra: its absence is an error, not an empty lexicon
    out: list[str] = []
    locales = words("people.name_locales") if locales is None else locales
    for loc in locales:
        try:
            provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        except ImportError:  # a locale this Faker version lacks
            continue
        names: dict[str, None] = {}
        for table in (attr, f"{attr}_male", f"{attr}_female"):
            for n in getattr(provider, table, ()):  # a tuple, or a dict of name -> weight
                folded = _ascii(n)
                if _ASCII_NAME.match(folded) and folded != "Doe":
                    names[folded] = None
        out.extend(names)
    return out


@lru_cache(maxsize=1)
def first_names() -> tuple[str, ...]:
    return tuple(_faker_names("first_names"))


@lru_cache(maxsize=1)
def last_names() -> tuple[str, ...]:
    return tuple(_faker_names("last_names"))


@lru_cache(maxsize=1)
def world_last_names() -> tuple[str, ...]:
    return tuple(_faker_names("last_names", words("people.world_locales")))


def cities() -> tuple[str, ...]:
    return words("cities")


def professions() -> tuple[str, ...]:
    return words("professions")


def countries() -> tuple[str, ...]:
    return words("countries")


def states() -> tuple[str, ...]:
    return words("places.states")


@lru_cache(maxsize=1)
def ordinary_words() -> tuple[str, ...]:
    """Everyday words of the language, capitalised, for places named as ordinary words (a town, a
    neighbourhood, a campus, a business): Faker's lorem word list of `places.ordinary_words_locale`."""
    loc = words("places.ordinary_words_locale")
    provider = importlib.import_module(f"faker.providers.lorem.{loc}").Provider
    return tuple(dict.fromkeys(w.capitalize() for w in provider.word_list if w.isascii() and w.isalpha() and len(w) >= 4))
