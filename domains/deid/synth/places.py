"""PHI surface forms for places, organisations, professions, ages and identifiers."""

from __future__ import annotations

import random
import string
from dataclasses import dataclass

from . import lexicons as lx
from .surface import Segs, _digits, pick, recase


@dataclass(frozen=True)
class Hospital:
    name: str
    abbr: str
    short: str  # the distinctive part, e.g. "Harlow"


def hospital(rng: random.Random) -> Hospital:
    stem = pick(rng, [
        (4, lambda: rng.choice(lx.last_names())),
        (3, lambda: rng.choice(lx.cities())),
        (2, lambda: f"St. {rng.choice(lx.SAINTS)}'s"),
        (1, lambda: f"Saint {rng.choice(lx.SAINTS)}"),
        (2, lambda: rng.choice(lx.PLACE_WORDS) + rng.choice(lx.PLACE_TAILS)),
        (1, lambda: f"{rng.choice(lx.PLACE_WORDS)} {rng.choice(('Valley', 'Ridge', 'Hills', 'Park', 'Shore'))}"),
        (1, lambda: f"{rng.choice(lx.first_names())} {rng.choice(lx.last_names())}"),
        (1, lambda: f"{rng.choice(_DEVOTION)} {rng.choice(_DEVOTION_TAILS)}"),
    ])()
    tail = rng.choice(lx.HOSP_TAILS)
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


_DEVOTION = ("Holy", "Good", "Blessed", "Divine", "Our Lady of", "Mercy", "Faith", "Grace", "Hope")
_DEVOTION_TAILS = ("Family", "Spirit", "Trinity", "Redeemer", "Samaritan", "Shepherd", "Name", "Innocents",
                   "Providence", "Angels", "Mercy", "Savior", "Covenant", "Lourdes", "Sisters")
# Short forms that are ordinary clinical abbreviations, never used as a generated hospital abbreviation.
NOT_HOSP_ABBR = frozenset("""ED ER OR ICU CCU MICU SICU CSRU NICU PACU IR CT MRI EW OSH PT OT RN MD NP PA RT HO GI ID
SW CM VNA PCP HCP DNR DNI CMO ABG BP HR RR NS LR IV PO PR SL IM NG OG TF BM UO CXR EKG ECG ICD AC PS CV RA NC EF
ETT TLC PICC DVT PE MI CHF CAD COPD HTN DM CVA UTI ARF ESRD HD GCS CPR ACLS SBP MAP CVP DS DC AM PM QD BID TID
IABP NRB CVL PMV DHT EVD PCA ETCO NIBP CRRT CVVH TPN PPN FFP SSI RISS APAP MVI MOM NTG NTP EGD TEE TTE LP PTC IVC
ERCP EEG DCCV CTA ENT ACS APS PCU IMU EP US SVR PAP CO CI RSBI PEEP PIP TV MV SIMV IMV CMV PRVC PCV APRV CPAP
PSV NIV VC TM FT VM NGT OGT PEG CT JP ICP CPP PAD PVR VBG""".split())


def abbreviation(rng: random.Random, h: Hospital | None = None) -> str:
    """A 2-5 letter all-caps hospital abbreviation: the initials of `h` (or of a new hospital), kept off the
    list of ordinary clinical abbreviations."""
    for _ in range(8):
        cand = (h or hospital(rng)).abbr
        if rng.random() < 0.3 or not 2 <= len(cand) <= 5:
            cand = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWYZ") for _ in range(rng.randint(2, 4))) + \
                rng.choice(("H", "MC", "", "RH", "CH"))
        cand = cand[:5]
        if 2 <= len(cand) <= 5 and cand not in NOT_HOSP_ABBR:
            return cand
        h = None
    return "SJH"


def hospital_mention(rng: random.Random, h: Hospital) -> Segs:
    form = pick(rng, [(5, h.name), (3, abbreviation(rng, h)), (2, h.short), (1, h.name.lower()),
                      (1, h.name.upper()), (1, h.short.upper()), (1, h.short.lower())])
    return [(form, "HOSPITAL")]


def ward(rng: random.Random) -> Segs:
    """A named ward or building (only named places are PHI; 'MICU' or '4 West' are not)."""
    name = recase(rng, rng.choice(lx.last_names()), 0.3, 0.25)
    return [(f"{name}{rng.choice((' ', ' ', '-', ' '))}{rng.randint(2, 12)}", "HOSPITAL")]


def organization(rng: random.Random) -> Segs:
    name = pick(rng, [
        (3, lambda: f"{rng.choice(lx.last_names())} {rng.choice(lx.ORG_TAILS)}"),
        (2, lambda: f"{rng.choice(lx.cities())} {rng.choice(lx.SCHOOL_TAILS)}"),
        (1, lambda: f"St. {rng.choice(lx.SAINTS)}'s Church"),
        (1, lambda: f"{rng.choice(lx.PLACE_WORDS)}{rng.choice(lx.PLACE_TAILS)} {rng.choice(lx.ORG_TAILS)}"),
        (1, lambda: f"{rng.choice(lx.last_names())} & {rng.choice(lx.last_names())}"),
        (1, lambda: f"{rng.choice(lx.cities())} Public Schools"),
    ])()
    return [(name, "ORGANIZATION")]


def street(rng: random.Random) -> Segs:
    base = pick(rng, [(3, lambda: rng.choice(lx.last_names())), (2, lambda: rng.choice(lx.PLACE_WORDS)),
                      (1, lambda: rng.choice(lx.first_names())), (1, lambda: f"{rng.randint(1, 40)}th")])()
    pre = rng.choice(("", "", "", "N. ", "S. ", "E. ", "W. ", "North ", "Old "))
    s = f"{rng.randint(1, 9999)} {pre}{base} {rng.choice(lx.STREET_TYPES)}"
    if rng.random() < 0.15:
        s += f" Apt {rng.randint(1, 40)}{rng.choice('ABCD')}"
    return [(s, "STREET")]


_TOWN_TAILS = ("ville", "sville", "town", "ton", "burg", "field", "ford", "wood", "dale", "port", "land", "ham",
               "chester", "bury", "wick", "worth", "mont", "view", "haven", "boro")
_TOWN_WORDS = ("Mills", "Falls", "Heights", "Springs", "Park", "Hills", "Junction", "Center", "Landing", "Creek",
               "City", "Beach", "Village")


def town(rng: random.Random) -> str:
    """A made-up town in the shapes US place names take: 'Kowalskiville', 'Owensburg', 'Glen Haskell',
    'Dunmore Mills', 'Port Ashby' (so a student cannot know every town by heart)."""
    stem = rng.choice(lx.last_names()).replace("'", "")
    return pick(rng, [
        (4, lambda: stem + rng.choice(_TOWN_TAILS)),
        (2, lambda: f"{stem} {rng.choice(_TOWN_WORDS)}"),
        (1, lambda: f"{rng.choice(('Glen', 'Port', 'Mount', 'Fort', 'Lake', 'East', 'West', 'North', 'New'))} {stem}"),
    ])()


def city(rng: random.Random) -> Segs:
    name = pick(rng, [(3, lambda: rng.choice(lx.cities())), (2, lambda: town(rng)),
                      (1, lambda: rng.choice(lx.WORLD_CITIES))])()
    return [(recase(rng, name, 0.25, 0.2), "CITY")]


def state(rng: random.Random) -> Segs:
    return [(pick(rng, [(2, lambda: rng.choice(lx.states())), (2, lambda: rng.choice(lx.STATES_ABBR))])(), "STATE")]


def zipcode(rng: random.Random) -> Segs:
    z = f"{rng.randint(1001, 99950):05d}"
    return [(z + (f"-{_digits(rng, 4)}" if rng.random() < 0.2 else ""), "ZIP")]


def country(rng: random.Random) -> Segs:
    return [(rng.choice(lx.countries()), "COUNTRY")]


def location_other(rng: random.Random) -> Segs:
    return [(rng.choice(lx.OTHER_PLACES), "LOCATION_OTHER")]


def address(rng: random.Random) -> Segs:
    segs = street(rng) + [(", ", None)] + city(rng) + [(", ", None)] + state(rng) + [(" ", None)] + zipcode(rng)
    return segs


def profession(rng: random.Random) -> Segs:
    return [(recase(rng, rng.choice(lx.professions()), 0.3, 0.1), "PROFESSION")]


def age(rng: random.Random, old: bool | None = None, lead: bool = False) -> Segs:
    """An age with its unit ('91 yo'); the number (or a glued token like '91yo') is the span. With `lead`,
    the unit comes first ('aged 91')."""
    old = rng.random() < 0.3 if old is None else old
    n = str(rng.randint(90, 104) if old else rng.randint(18, 89))
    if lead:
        return [(rng.choice(("aged ", "age ", "Age: ", "age: ", "AGE ")), None), (n, "AGE")]
    form = pick(rng, [
        (4, [(n, "AGE"), (" yo", None)]), (2, [(n, "AGE"), (" y/o", None)]),
        (2, [(n, "AGE"), (" year old", None)]), (2, [(n, "AGE"), ("-year-old", None)]),
        (1, [(n, "AGE"), (" YO", None)]), (1, [(n, "AGE"), (" yrs old", None)]), (1, [(n, "AGE"), (" yoM", None)]),
        (1, [(n, "AGE"), (" yr old", None)]), (1, [(n, "AGE"), (" y.o.", None)]), (1, [(n + "yo", "AGE")]),
        (1, [(n, "AGE"), (rng.choice(("M", "F", " M", " F", "m", "f")), None)]),
    ])
    return form


# ---- identifiers ---------------------------------------------------------------------------------------
def _alnum(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.ascii_uppercase + string.digits) for _ in range(n))


def identifier(rng: random.Random, label: str) -> Segs:
    """A labelled identifier with a lead-in word that names its kind."""
    d = lambda n: _digits(rng, n)  # noqa: E731
    table = {
        "MEDICALRECORD": [("MRN: ", d(7)), ("MRN ", d(8)), ("MR# ", d(7)), ("Med Rec #", d(6)),
                          ("unit no. ", f"{d(3)}-{d(2)}-{d(2)}"), ("MRN#: ", f"{d(2)}{d(5)}"), ("#", d(7)),
                          ("medical record number ", d(9)), ("hospital number ", f"{_alnum(rng, 2)}{d(6)}")],
        "ACCOUNT": [("acct ", d(8)), ("Acct #: ", d(10)), ("account # ", f"{d(4)}-{d(5)}"),
                    ("billing no. ", d(9)), ("Account Number: ", f"{d(2)}{_alnum(rng, 6)}")],
        "HEALTHPLAN": [("BCBS ", d(8)), ("Medicare # ", f"{d(9)}A"), ("member ID ", f"{_alnum(rng, 3)}{d(9)}"),
                       ("Medicaid ", d(10)), ("policy # ", f"{_alnum(rng, 2)}{d(7)}"),
                       ("Harvard Pilgrim ID ", d(9)), ("ins. ID ", f"W{d(8)}")],
        "SSN": [("SSN ", f"{d(3)}-{d(2)}-{d(4)}"), ("SS# ", f"{d(3)}-{d(2)}-{d(4)}"), ("social ", d(9))],
        "LICENSE": [("DEA ", f"{_alnum(rng, 2)}{d(7)}"), ("NPI ", d(10)), ("lic # ", d(6)),
                    ("driver's license ", f"S{d(3)}-{d(4)}-{d(4)}"), ("license no. ", f"{_alnum(rng, 1)}{d(8)}")],
        "VEHICLE": [("plate ", _alnum(rng, 7)), ("license plate ", f"{_alnum(rng, 3)} {d(4)}"),
                    ("VIN ", _alnum(rng, 17))],
        "DEVICE": [("SN ", f"{d(5)}-{rng.choice('ABCDE')}"), ("serial # ", f"{_alnum(rng, 3)}{d(6)}"),
                   ("serial number ", d(8)), ("model/serial ", f"{_alnum(rng, 4)}{d(5)}")],
        "BIOID": [("fingerprint id ", _alnum(rng, 4)), ("retinal scan id ", _alnum(rng, 8)),
                  ("voiceprint ", f"VP-{d(6)}")],
        "IDNUM": [("accession ", f"S{d(2)}-{d(5)}"), ("order ", d(6)), ("study ID ", f"{d(4)}-{d(3)}"),
                  ("specimen # ", f"{_alnum(rng, 2)}{d(6)}"), ("req # ", d(5)), ("ref # ", _alnum(rng, 8)),
                  ("case # ", f"{d(2)}-{d(5)}")],
    }
    lead, value = rng.choice(table[label])
    return [(recase(rng, lead, 0.3, 0.2), None), (value, label)]
