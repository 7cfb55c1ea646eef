"""Lexicons for the offline synthesizer: people, places and organisations (loaded lazily, cached).

Person names come from Faker's name tables (several locales, ASCII only); places, professions and the
building blocks of hospital and organisation names are our own lists under `resources/`.
"""

from __future__ import annotations

import importlib
import re
from functools import lru_cache
from pathlib import Path

RESOURCES = Path(__file__).parent / "resources"
_NAME_LOCALES = ("en_US", "en_US", "en_US", "en_GB", "en_IE", "es_MX", "it_IT", "fr_FR", "de_DE", "pl_PL",
                 "pt_BR", "vi_VN", "zh_CN")
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
STATES_ABBR = ("MA", "MD", "NH", "ME", "VT", "RI", "CT", "NY", "NJ", "PA", "DE", "VA", "NC", "SC", "GA",
               "FL", "OH", "MI", "IL", "TX", "CA", "WA", "OR", "AZ", "CO", "MN", "WI", "TN", "KY", "LA")


def _lines(name: str) -> tuple[str, ...]:
    text = (RESOURCES / name).read_text(encoding="utf-8")
    return tuple(dict.fromkeys(line.strip() for line in text.splitlines() if line.strip() and line.isascii()))


def _faker_names(attr: str) -> list[str]:
    out: list[str] = []
    for loc in _NAME_LOCALES:
        try:
            provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        except ImportError:
            continue
        names = getattr(provider, attr, ())
        out.extend(n for n in names if _ASCII_NAME.match(n))
    return out


@lru_cache(maxsize=1)
def first_names() -> tuple[str, ...]:
    return tuple(_faker_names("first_names"))


@lru_cache(maxsize=1)
def last_names() -> tuple[str, ...]:
    return tuple(_faker_names("last_names"))


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
