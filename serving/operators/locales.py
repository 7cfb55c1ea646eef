"""What a surrogate is drawn from in each language: names, streets, places, institutions and the calendar.

English is the built-in lexicons (`lexicons.py`) and the English date shapes (`dates.py`). Another language is
its folder's `domains/deid/<lang>/surrogates.json` (written once from Faker and the folder's own grammars by
`python -m medkiln.domains.deid.surrogate_data`, so serving needs no Faker): a language folder adds that file
and nothing else. A language without one falls back to English (logged once, with the language code only).
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources

from . import lexicons as lx
from .local_dates import Calendar

log = logging.getLogger(__name__)

DATA_FILE = "surrogates.json"
_LANG = re.compile(r"^[a-z]{2,3}$")


@dataclass(frozen=True)
class LocaleData:
    """One language's surrogate lists. `calendar` is None for English (its own date shapes)."""

    lang: str
    given: tuple[str, ...]
    surnames: tuple[str, ...]
    given_female: tuple[str, ...] = ()
    given_male: tuple[str, ...] = ()
    streets: tuple[str, ...] = lx.STREETS
    cities: tuple[str, ...] = lx.CITIES
    states: tuple[str, ...] = ()
    countries: tuple[str, ...] = lx.COUNTRIES
    professions: tuple[str, ...] = lx.PROFESSIONS
    hospitals: tuple[str, ...] = lx.HOSPITALS
    organizations: tuple[str, ...] = lx.ORGANIZATIONS
    places: tuple[str, ...] = lx.PLACES
    name_titles: frozenset[str] = lx.NAME_TITLES
    name_particles: frozenset[str] = frozenset()
    keep_words: frozenset[str] = frozenset()
    calendar: Calendar | None = None
    given_set: frozenset[str] = field(default=frozenset(), compare=False)
    female_set: frozenset[str] = field(default=frozenset(), compare=False)

    def __post_init__(self) -> None:
        if not self.given_set:
            object.__setattr__(self, "given_set", frozenset(n.casefold() for n in (*self.given, *lx.GIVEN_NAMES)))
        if not self.female_set:
            object.__setattr__(self, "female_set", frozenset(n.casefold() for n in self.given_female))

    def given_like(self, token: str) -> tuple[str, ...]:
        """The given names to draw from for a given-name token: of the same sex where the language says."""
        folded = token.casefold()
        if self.given_female and self.given_male:
            return self.given_female if folded in self.female_set else self.given_male
        return self.given


ENGLISH = LocaleData("en", lx.GIVEN_NAMES, lx.SURNAMES)


def _tuple(data: dict, name: str, default: tuple[str, ...]) -> tuple[str, ...]:
    values = tuple(data.get(name) or ())
    return values or default


def from_json(lang: str, data: dict) -> LocaleData:
    """A language's `LocaleData` from its surrogates.json; a list it lacks is the English one."""
    lists = {**data.get("generated", {}), **data.get("own", {})}
    female, male = tuple(lists.get("given_female", ())), tuple(lists.get("given_male", ()))
    return LocaleData(
        lang=lang, given=(female + male) or lx.GIVEN_NAMES, surnames=_tuple(lists, "surnames", lx.SURNAMES),
        given_female=female, given_male=male, streets=_tuple(lists, "streets", lx.STREETS),
        cities=_tuple(lists, "cities", lx.CITIES), states=_tuple(lists, "states", ()),
        countries=_tuple(lists, "countries", lx.COUNTRIES), professions=_tuple(lists, "professions", lx.PROFESSIONS),
        hospitals=_tuple(lists, "hospitals", lx.HOSPITALS),
        organizations=_tuple(lists, "organizations", lx.ORGANIZATIONS),
        places=_tuple(lists, "places", _tuple(lists, "cities", lx.PLACES)),
        name_titles=lx.NAME_TITLES | frozenset(w.casefold() for w in lists.get("name_titles", ())),
        name_particles=frozenset(w.casefold() for w in lists.get("name_particles", ())),
        keep_words=frozenset(w.casefold() for w in lists.get("keep_words", ())),
        calendar=Calendar.from_json(lists["calendar"]) if "calendar" in lists else None)


def data_path(lang: str):
    """Where a language's surrogates.json lives (a Traversable inside medkiln.domains.deid)."""
    return resources.files("medkiln.domains.deid").joinpath(lang, DATA_FILE)


@lru_cache(maxsize=None)
def locale_data(lang: str | None) -> LocaleData:
    """The surrogate data of `lang` ('es', 'de', ...); English for 'en', None or a language without data."""
    if not lang or lang == "en":
        return ENGLISH
    if not _LANG.match(lang):
        log.warning("surrogates: language code of %d characters is not a code; English lists used", len(lang))
        return ENGLISH
    path = data_path(lang)
    if not path.is_file():
        log.warning("surrogates: no %s for language %s; English lists used", DATA_FILE, lang)
        return ENGLISH
    return from_json(lang, json.loads(path.read_text(encoding="utf-8")))


__all__ = ["DATA_FILE", "ENGLISH", "LocaleData", "data_path", "from_json", "locale_data"]
