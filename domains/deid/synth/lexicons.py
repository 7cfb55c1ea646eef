"""Lexicons for the offline synthesizer: people, places and organisations (loaded lazily, cached).

Person names come from Faker's name tables (accents folded to ASCII, names in other scripts left out): first
names and most surnames from the locales of a US hospital's patients and staff, a share of surnames from ~40
more locales, from Lithuanian to Yoruba, so that a student has to read a name off its context and shape
rather than remember it. Places, professions and the building blocks of hospital and organisation
names are our own lists under `resources/`.
"""

from __future__ import annotations

import importlib
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

RESOURCES = Path(__file__).parent / "resources"
# Where the names of the people in a US hospital's notes come from: US English three times over (weight),
# then the largest immigrant origins. Hospitals, wards and streets are named from these too.
_NAME_LOCALES = ("en_US", "en_US", "en_US", "en_GB", "en_IE", "es_MX", "it_IT", "fr_FR", "de_DE", "pl_PL",
                 "pt_BR", "vi_VN", "zh_CN")
# Every other locale whose names are written in Latin letters: a share of surnames comes from here
# (`surface.person`), so that a student has to read a name off its context and shape, not remember it.
_WORLD_LOCALES = ("en", "en_NZ", "en_IN", "en_KE", "en_NG", "en_PK", "es_ES", "es_CO", "fr_CA", "fr_BE", "de_AT",
                  "de_CH", "nl_NL", "cs_CZ", "sk_SK", "sl_SI", "hr_HR", "hu_HU", "ro_RO", "lt_LT", "lv_LV", "et_EE",
                  "fi_FI", "sv_SE", "no_NO", "da_DK", "pt_PT", "tr_TR", "az_AZ", "id_ID", "yo_NG", "ig_NG", "ha_NG",
                  "tw_GH", "sw", "zu_ZA", "fr_DZ")
_ASCII_NAME = re.compile(r"^[A-Z][a-zA-Z']{1,13}$")

SAINTS = ("Mary", "Joseph", "John", "Luke", "Elizabeth", "Vincent", "Francis", "Anne", "Margaret", "Catherine",
          "Jude", "Michael", "Patrick", "Agnes", "Clare", "Anthony", "Peter", "Paul", "Theresa", "Raphael")
HOSP_TAILS = ("Hospital", "Medical Center", "General Hospital", "Memorial Hospital", "Community Hospital",
              "Regional Medical Center", "Hospital Center", "Memorial", "General", "Health Center",
              "Rehabilitation Hospital", "Rehab", "Nursing Home", "Nursing and Rehab", "Manor",
              "Care Center", "Clinic", "Medical Group", "Health", "Healthcare", "Infirmary", "Hosp")
PLACE_WORDS = ("Oak", "Maple", "Cedar", "Pine", "Willow", "Elm", "Birch", "River", "Lake", "Bay", "Harbor",
               "Valley", "Spring", "Green", "Fair", "Brook", "Glen", "Stone", "Mill", "North", "South",
               "East", "West", "Highland", "Sunny", "Pleasant", "Golden", "Silver", "Meadow", "Hill")
PLACE_TAILS = ("view", "wood", "field", "dale", "ridge", "crest", "side", "haven", "brook", "hurst", "ton")
STREET_TYPES = ("Street", "St", "Avenue", "Ave", "Road", "Rd", "Drive", "Dr", "Lane", "Ln", "Court", "Ct",
                "Boulevard", "Blvd", "Way", "Place", "Pl", "Terrace", "Circle", "Highway", "Parkway")
ORG_TAILS = ("Inc", "Corp", "Company", "LLC", "Group", "Industries", "Associates", "Systems", "Bank",
             "Insurance", "Construction", "Logistics", "Motors", "Foods", "Realty", "Partners")
SCHOOL_TAILS = ("High School", "Middle School", "Elementary", "Community College", "College", "University",
                "Academy")
OTHER_PLACES = ("the Cape", "Cape Cod", "the Berkshires", "the North Shore", "the South Shore", "Lake George",
                "the Eastern Shore", "the Outer Banks", "the Catskills", "Martha's Vineyard", "the Poconos",
                "the Keys", "Yosemite", "the Grand Canyon", "Central Park", "Fenway Park", "Walden Pond",
                "the Adirondacks", "Chesapeake Bay", "the Jersey Shore", "Disney World", "the Smokies")
# Cities abroad, where relatives live or fly in from.
WORLD_CITIES = ("London", "Dublin", "Paris", "Rome", "Milan", "Naples", "Athens", "Lisbon", "Madrid", "Berlin",
                "Warsaw", "Krakow", "Kiev", "Moscow", "Istanbul", "Beirut", "Cairo", "Tel Aviv", "Jerusalem",
                "Tehran", "Karachi", "Delhi", "Mumbai", "Manila", "Hanoi", "Saigon", "Beijing", "Shanghai",
                "Hong Kong", "Seoul", "Tokyo", "Lagos", "Accra", "Nairobi", "Addis Ababa", "Toronto", "Montreal",
                "Vancouver", "San Juan", "Santo Domingo", "Kingston", "Port-au-Prince", "Havana", "Mexico City",
                "Bogota", "Lima", "Sao Paulo", "Sydney", "Glasgow", "Edinburgh", "Amsterdam", "Brussels", "Vienna",
                "Prague", "Budapest", "Stockholm", "Oslo", "Copenhagen", "Helsinki", "Zurich", "Geneva")
STATES_ABBR = ("MA", "MD", "NH", "ME", "VT", "RI", "CT", "NY", "NJ", "PA", "DE", "VA", "NC", "SC", "GA",
               "FL", "OH", "MI", "IL", "TX", "CA", "WA", "OR", "AZ", "CO", "MN", "WI", "TN", "KY", "LA")


def _lines(name: str) -> tuple[str, ...]:
    text = (RESOURCES / name).read_text(encoding="utf-8")
    return tuple(dict.fromkeys(line.strip() for line in text.splitlines() if line.strip() and line.isascii()))


def _ascii(name: str) -> str:
    """'Kovačić' -> 'Kovacic', 'Müller' -> 'Muller' (accents folded; other scripts fold to nothing)."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")


def _faker_names(attr: str, locales: tuple[str, ...] = _NAME_LOCALES) -> list[str]:
    """The names in `attr` (and its _male / _female tables) of `locales`, folded to ASCII; a locale's
    duplicates count once, the same name from two locales twice (common names stay common)."""
    importlib.import_module("faker")  # the factory extra: its absence is an error, not an empty lexicon
    out: list[str] = []
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
    return tuple(_faker_names("last_names", _WORLD_LOCALES))


@lru_cache(maxsize=1)
def cities() -> tuple[str, ...]:
    return _lines("cities.txt")


@lru_cache(maxsize=1)
def professions() -> tuple[str, ...]:
    return _lines("professions.txt")


@lru_cache(maxsize=1)
def countries() -> tuple[str, ...]:
    return _lines("countries.txt")


@lru_cache(maxsize=1)
def states() -> tuple[str, ...]:
    provider = importlib.import_module("faker.providers.address.en_US").Provider
    return tuple(provider.states)
