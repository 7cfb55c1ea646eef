"""Template rendering: `{slot}` placeholders filled with PHI (recorded as spans) or clinical fillers, and
`[a|b|c]` inline alternatives. A note's context holds its cast (patient, relatives, clinicians, hospital)
so the same people and places recur within a note, and its PHI budget (PHI-free, sparse or rich)."""

from __future__ import annotations

import random
import re
from functools import lru_cache

from . import places as pl
from . import surface as sf
from .builder import NoteBuilder
from .clinical import filler
from .icu import decoy

_SLOT = re.compile(r"\{(\w+)\}")
_ALT = re.compile(r"\[([^\[\]]*\|[^\[\]]*)\]")


def _id(label: str):
    return lambda c: pl.identifier(c.rng, label)


def _fax(c: "Ctx"):
    return [(sf.recase(c.rng, c.rng.choice(("fax ", "Fax: ", "fax # ", "FAX ")), 0.2, 0.2), None),
            (sf.phone(c.rng)[0][0], "FAX")]


def _drbare(c: "Ctx"):
    d = c.doctor()
    name = c.rng.choice((d.last, d.last, d.first, f"{d.first} {d.last}"))
    return [(sf.recase(c.rng, name, 0.35, 0.25), "DOCTOR")]


def _kin(c: "Ctx"):
    """A kinship word then a relative's first name: 'wife helen', 'DAUGHTER VERONICA', 'dtr ann'."""
    p, rel = c.relative()
    rel = sf.recase(c.rng, rel, 0.35, 0.25)
    if c.rng.random() < 0.15:
        rel = c.rng.choice(("1 dtr", "his wife", "her husband", "pt's son", "pts daughter", "son and daughter in law,"))
    return [(rel + " ", None), (sf.recase(c.rng, p.first, 0.35, 0.25), "PATIENT")]


PHI_SLOTS = {
    "pt": lambda c: sf.patient(c.rng, c.patient),
    "ptname": lambda c: [(sf.recase(c.rng, c.rng.choice((c.patient.first, c.patient.last,
                                                           f"{c.patient.first} {c.patient.last}"))), "PATIENT")],
    "fam": lambda c: sf.relative(c.rng, *c.relative()),
    "famname": lambda c: [(sf.recase(c.rng, c.relative()[0].first), "PATIENT")],
    "dr": lambda c: sf.doctor(c.rng, c.doctor()),
    "drname": lambda c: [(sf.recase(c.rng, c.rng.choice((f"{d.first} {d.last}", d.last, f"{d.first[0]}. {d.last}"))),
                          "DOCTOR") for d in [c.doctor()]],
    "drfirst": lambda c: [(sf.recase(c.rng, c.doctor().first), "DOCTOR")],
    "sig": lambda c: sf.signature(c.rng, c.nurse),
    "hosp": lambda c: pl.hospital_mention(c.rng, c.hospital),
    "hospfull": lambda c: [(c.hospital.name, "HOSPITAL")],
    "hosp2": lambda c: pl.hospital_mention(c.rng, c.hospital2),
    "ward": lambda c: pl.ward(c.rng),
    "hospabbr": lambda c: [(pl.abbreviation(c.rng, c.rng.choice((c.hospital, c.hospital2, None))), "HOSPITAL")],
    "drbare": _drbare, "kin": _kin,
    "date": lambda c: sf.date(c.rng), "dshort": lambda c: sf.date(c.rng, "short"),
    "dfull": lambda c: sf.date(c.rng, "full"), "dwords": lambda c: sf.date(c.rng, "words"),
    "nth": lambda c: sf.date(c.rng, "nth"), "wday": lambda c: sf.date(c.rng, "weekday"),
    "holiday": lambda c: sf.date(c.rng, "holiday"), "year": lambda c: sf.date(c.rng, "year"),
    "age": lambda c: pl.age(c.rng), "oldage": lambda c: pl.age(c.rng, old=True),
    "aged": lambda c: pl.age(c.rng, lead=True),
    "phone": lambda c: sf.phone(c.rng), "pager": lambda c: sf.pager(c.rng), "fax": _fax,
    "email": lambda c: sf.email(c.rng, c.rng.choice((c.patient, c.relative()[0]))),
    "url": lambda c: sf.url(c.rng), "ip": lambda c: sf.ipaddr(c.rng),
    "user": lambda c: sf.username(c.rng, c.nurse),
    "street": lambda c: pl.street(c.rng), "city": lambda c: pl.city(c.rng), "state": lambda c: pl.state(c.rng),
    "zip": lambda c: pl.zipcode(c.rng), "country": lambda c: pl.country(c.rng),
    "locother": lambda c: pl.location_other(c.rng), "addr": lambda c: pl.address(c.rng),
    "org": lambda c: pl.organization(c.rng), "prof": lambda c: pl.profession(c.rng),
    "mrn": _id("MEDICALRECORD"), "acct": _id("ACCOUNT"), "hplan": _id("HEALTHPLAN"), "ssn": _id("SSN"),
    "lic": _id("LICENSE"), "vehicle": _id("VEHICLE"), "devid": _id("DEVICE"), "bioid": _id("BIOID"),
    "idnum": _id("IDNUM"),
}


# Person and hospital slots that are now and then filled with a decoy (an ordinary clinical word, no span).
DECOY_SLOTS = {**dict.fromkeys(("pt", "ptname", "fam", "famname", "dr", "drname", "drfirst", "drbare"), "person"),
               **dict.fromkeys(("hosp", "hosp2", "hospabbr", "hospfull", "ward"), "place")}
P_DECOY = 0.15
# No decoy right after a title or right before a credential: "Dr. Lasix" and "Renal, MD" are not found in
# real notes, and a student taught that they are learns to distrust the strongest cue a name has.
_TITLE_BEFORE = re.compile(r"(?i)\b(?:dr|mr|mrs|ms|miss|nurse|attending|resident)\.?:?\s*$")
_CRED_AFTER = re.compile(r"(?i)^,?\s*(?:md|m\.d\.|np|pa|do|rn|phd)\b")
TYPO_RATE = 0.03  # share of plain words of 4+ letters written with a typo
GLUE_NOTES, GLUE_RATE = 0.3, 0.4  # share of notes that drop spaces after full stops, and of their full stops


@lru_cache(maxsize=4096)
def has_phi(template: str) -> bool:
    return any(name in PHI_SLOTS for name in _SLOT.findall(template))


class Ctx:
    """One note being written: random source, builder, cast and PHI budget."""

    def __init__(self, rng: random.Random, mode: str) -> None:
        self.rng = rng
        self.b = NoteBuilder(rng, TYPO_RATE, GLUE_RATE if rng.random() < GLUE_NOTES else 0.0)
        self.mode = mode
        self.budget = {"none": 0, "sparse": rng.choice((1, 1, 1, 2)), "rich": 10_000}[mode]
        self.p_phi = {"none": 0.0, "sparse": 0.3, "rich": rng.uniform(0.35, 0.7)}[mode]
        self.patient = sf.person(rng)
        self.relatives = [(sf.person(rng), rng.choice(sf.RELATIONS)) for _ in range(rng.randint(1, 3))]
        self.doctors = [sf.person(rng) for _ in range(rng.randint(1, 4))]
        self.nurse = sf.person(rng)
        self.hospital = pl.hospital(rng)
        self.hospital2 = pl.hospital(rng)
        self.used: set[str] = set()

    def relative(self) -> tuple:
        return self.rng.choice(self.relatives)

    def doctor(self) -> sf.Person:
        return self.rng.choice(self.doctors)

    def choose(self, templates) -> str:
        """Pick a template, honouring the PHI budget and avoiding repeats within a note."""
        phi = [t for t in templates if has_phi(t) and t not in self.used]
        plain = [t for t in templates if not has_phi(t) and t not in self.used]
        if phi and self.budget > 0 and (not plain or self.rng.random() < self.p_phi):
            self.budget -= 1
            pick = self.rng.choice(phi)
        elif plain:
            pick = self.rng.choice(plain)
        else:
            return ""
        self.used.add(pick)
        return pick

    def emit(self, template: str) -> None:
        """Render one template into the note."""
        template = _ALT.sub(lambda m: self.rng.choice(m.group(1).split("|")), template)
        pos = 0
        for m in _SLOT.finditer(template):
            self.b.text(template[pos:m.start()])
            name = m.group(1)
            if name in DECOY_SLOTS and self.rng.random() < P_DECOY and not _TITLE_BEFORE.search(template[:m.start()]) \
                    and not _CRED_AFTER.match(template[m.end():]):
                self.b.text(decoy(self.rng, DECOY_SLOTS[name]))
            elif name in PHI_SLOTS:
                self.b.segments(PHI_SLOTS[name](self))
            else:
                self.b.text(filler(self.rng, name))
            pos = m.end()
        self.b.text(template[pos:])

    def line(self, templates, end: str = "\n") -> None:
        """Choose a template and write it followed by `end`."""
        t = self.choose(templates)
        if t:
            self.emit(t)
            self.b.text(end)

    def maybe(self, p: float, templates, end: str = "\n") -> None:
        if self.rng.random() < p:
            self.line(templates, end)
