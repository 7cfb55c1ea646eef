"""PHI surface forms for places, organisations, professions, ages and identifiers.

The values (a hospital's name and initials, a made-up town, a street's parts) are composed here from the
language folder's word lists; how they are written is the grammars' business (`grammar.py`). Every function
takes `tags`, the note's list of drawn families (see `surface.py`)."""

from __future__ import annotations

import random
from dataclasses import dataclass
from functools import lru_cache

from . import lexicons as lx
from . import surface as sf
from .surface import Segs, Tags, _digits, draw, ordinal, pick, recase


@dataclass(frozen=True)
class Hospital:
    name: str
    abbr: str
    short: str  # the distinctive part, e.g. "Harlow"


def hospital(rng: random.Random) -> Hospital:
    stem = pick(rng, [
        (4, lambda: rng.choice(lx.last_names())),
        (3, lambda: rng.choice(lx.cities())),
        (2, lambda: f"St. {lx.pick(rng, 'places.saints')}'s"),
        (1, lambda: f"Saint {lx.pick(rng, 'places.saints')}"),
        (2, lambda: lx.pick(rng, "places.place_words") + lx.pick(rng, "places.place_tails")),
        (1, lambda: f"{lx.pick(rng, 'places.place_words')} {rng.choice(('Valley', 'Ridge', 'Hills', 'Park', 'Shore'))}"),
        (1, lambda: f"{rng.choice(lx.first_names())} {rng.choice(lx.last_names())}"),
        (1, lambda: f"{lx.pick(rng, 'places.devotion')} {lx.pick(rng, 'places.devotion_tails')}"),
        (1, lambda: rng.choice(lx.ordinary_words())),  # a hospital named by an everyday word
    ])()
    tail = lx.pick(rng, "places.hospital_tails")
    if rng.random() < 0.08:  # "University of Vermont Medical Center", "U of NH Med Center"
        where = rng.choice(lx.states()) if rng.random() < 0.7 else rng.choice(lx.cities())
        stem = f"{rng.choice(('University of', 'University of', 'Univ. of', 'Univ of', 'U of'))} {where}"
        tail = rng.choice(("Medical Center", "Hospital", "Med Center", "Medical System", "Hospitals", "Medical"))
    name = f"{stem} {tail}"
    abbr = "".join(w[0] for w in name.replace("St.", "S").replace("'s", "").split()
                   if w[0].isalpha() and w != "of").upper()
    if len(abbr) < 2:
        abbr = (stem[:2] + tail[0]).upper()
    return Hospital(name=name, abbr=abbr, short=stem)


@lru_cache(maxsize=1)
def not_hosp_abbr() -> frozenset[str]:
    """Short forms that are ordinary clinical abbreviations, never used as a generated hospital abbreviation."""
    return frozenset(lx.words("places.not_hospital_abbreviations"))


def abbreviation(rng: random.Random, h: Hospital | None = None) -> str:
    """A 2-5 letter all-caps hospital abbreviation: the initials of `h` (or of a new hospital), kept off the
    list of ordinary clinical abbreviations."""
    for _ in range(8):
        cand = (h or hospital(rng)).abbr
        if rng.random() < 0.3 or not 2 <= len(cand) <= 5:
            cand = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWYZ") for _ in range(rng.randint(2, 4))) + \
                rng.choice(("H", "MC", "", "RH", "CH"))
        cand = cand[:5]
        if 2 <= len(cand) <= 5 and cand not in not_hosp_abbr():
            return cand
        h = None
    return "SJH"


def hospital_values(rng: random.Random, h: Hospital | None = None) -> dict:
    h = h or hospital(rng)
    return {"Name": h.name, "Short": h.short, "Abbr": abbreviation(rng, h), "Last": rng.choice(lx.last_names()),
            "Word": rng.choice(lx.ordinary_words())}


def hospital_mention(rng: random.Random, h: Hospital, tags: Tags = None, use: str = "hosp") -> Segs:
    return draw(rng, "hospital", hospital_values(rng, h), use=use, tags=tags)


def ward(rng: random.Random, tags: Tags = None) -> Segs:
    """A named ward, wing or building (only named places are PHI; 'MICU' or '4 West' are not)."""
    return hospital_mention(rng, hospital(rng), tags, use="ward")


def organization_values(rng: random.Random) -> dict:
    return {"Last": rng.choice(lx.last_names()), "Last2": rng.choice(lx.last_names()),
            "Last3": rng.choice(lx.last_names()), "City": rng.choice(lx.cities()),
            "Word": rng.choice(lx.ordinary_words()), "PlaceWord": lx.pick(rng, "places.place_words"),
            "Saint": lx.pick(rng, "places.saints")}


def organization(rng: random.Random, tags: Tags = None) -> Segs:
    return draw(rng, "organization", organization_values(rng), tags=tags)


def street_values(rng: random.Random) -> dict:
    base = pick(rng, [(3, lambda: rng.choice(lx.last_names())), (2, lambda: lx.pick(rng, "places.place_words")),
                      (1, lambda: rng.choice(lx.first_names())), (1, lambda: rng.choice(lx.ordinary_words()))])()
    n = rng.randint(1, 60)
    nth = f"{n}{ordinal(n)}"
    return {"num": str(rng.randint(1, 9999)), "Base": base, "nth": nth, "small": str(rng.randint(1, 40))}


def street(rng: random.Random, tags: Tags = None) -> Segs:
    return draw(rng, "street", street_values(rng), tags=tags)


def town(rng: random.Random) -> str:
    """A made-up town in the shapes US place names take: 'Kowalskiville', 'Owensburg', 'Glen Haskell',
    'Dunmore Mills', 'Port Ashby' (so a student cannot know every town by heart)."""
    stem = rng.choice(lx.last_names()).replace("'", "")
    return pick(rng, [
        (4, lambda: stem + lx.pick(rng, "places.town_tails")),
        (2, lambda: f"{stem} {lx.pick(rng, 'places.town_words')}"),
        (1, lambda: f"{rng.choice(('Glen', 'Port', 'Mount', 'Fort', 'Lake', 'East', 'West', 'North', 'New'))} {stem}"),
    ])()


def city_values(rng: random.Random) -> dict:
    return {"City": rng.choice(lx.cities()), "UsTown": lx.pick(rng, "us_towns"), "Town": town(rng), "WorldCity": lx.pick(rng, "places.world_cities"),
            "Word": rng.choice(lx.ordinary_words())}


def city(rng: random.Random, tags: Tags = None) -> Segs:
    return draw(rng, "city", city_values(rng), tags=tags)


def state_values(rng: random.Random) -> dict:
    return {"State": rng.choice(lx.states()), "ST": lx.pick(rng, "places.states_abbr")}


def state(rng: random.Random, tags: Tags = None) -> Segs:
    return draw(rng, "state", state_values(rng), tags=tags)


def zip_values(rng: random.Random) -> dict:
    return {"zip5": f"{rng.randint(1001, 99950):05d}"}


def zipcode(rng: random.Random, tags: Tags = None) -> Segs:
    return draw(rng, "zip", zip_values(rng), tags=tags)


def country(rng: random.Random) -> Segs:
    return [(rng.choice(lx.countries()), "COUNTRY")]


def locother_values(rng: random.Random) -> dict:
    return {"Stem": rng.choice(lx.last_names()), "Word": rng.choice(lx.ordinary_words())}


def location_other(rng: random.Random, tags: Tags = None) -> Segs:
    return draw(rng, "locother", locother_values(rng), tags=tags)


def address(rng: random.Random, tags: Tags = None) -> Segs:
    return street(rng, tags) + [(", ", None)] + city(rng, tags) + [(", ", None)] + state(rng, tags) + \
        [(" ", None)] + zipcode(rng, tags)


def profession(rng: random.Random) -> Segs:
    return [(recase(rng, rng.choice(lx.professions()), 0.3, 0.1), "PROFESSION")]


def age_values(rng: random.Random, old: bool | None = None) -> dict:
    old = rng.random() < 0.3 if old is None else old
    return {"n": str(rng.randint(90, 104) if old else rng.randint(18, 89))}


def age(rng: random.Random, old: bool | None = None, lead: bool = False, tags: Tags = None) -> Segs:
    """An age with its unit ('91 yo'); the number (or a glued token like '91yo') is the span. With `lead`,
    the unit comes first ('aged 91')."""
    return draw(rng, "age", age_values(rng, old), use="lead" if lead else "age", tags=tags)


# ---- identifiers ---------------------------------------------------------------------------------------
def ssn_values(rng: random.Random) -> dict:
    """A well-formed SSN: area not 000, 666 or 9xx; group not 00; serial not 0000."""
    area = rng.choice([a for a in range(1, 900) if a != 666])
    return {"ssn_area": f"{area:03d}", "ssn_group": f"{rng.randint(1, 99):02d}", "ssn_serial": f"{rng.randint(1, 9999):04d}"}


def identifier(rng: random.Random, label: str, tags: Tags = None) -> Segs:
    """A labelled identifier with a lead-in word that names its kind."""
    segs = draw(rng, "id", ssn_values(rng), use=label, label=label, tags=tags)
    return [(recase(rng, s[0], 0.3, 0.2), None) if s[1] is None else s for s in segs]


# The values each grammar type fills (the engine is language-independent; so are these makers).
VALUE_MAKERS = {
    "phone": sf.phone_values, "date": sf.date_values, "id": ssn_values, "age": age_values,
    "name": lambda rng: sf.name_values(rng, sf.person(rng), sf.lx.pick(rng, "people.relations")),
    "surname": lambda rng: {"Stem": rng.choice(lx.last_names()), "Stem2": rng.choice(lx.last_names())},
    "hospital": hospital_values, "organization": organization_values, "street": street_values, "city": city_values,
    "state": state_values, "zip": zip_values, "locother": locother_values,
}

__all__ = ["VALUE_MAKERS", "Hospital", "abbreviation", "address", "age", "city", "country", "hospital", "hospital_mention",
           "identifier", "location_other", "not_hosp_abbr", "organization", "profession", "state", "street", "town",
           "ward", "zipcode", "_digits"]
