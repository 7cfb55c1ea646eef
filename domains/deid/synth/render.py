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
    return lambda c: pl.identifier(c.rng, label, c.tags)


def _bare(c: "Ctx", p: sf.Person, label: str, use: str = "bare"):
    return sf.name(c.rng, p, use, label, c.tags)


PHI_SLOTS = {
    "pt": lambda c: sf.patient(c.rng, c.patient, c.tags),
    "ptname": lambda c: _bare(c, c.patient, "PATIENT"),
    "fam": lambda c: sf.relative(c.rng, *c.relative(), tags=c.tags),
    "famname": lambda c: _bare(c, c.relative()[0], "PATIENT", "given"),
    "dr": lambda c: sf.doctor(c.rng, c.doctor(), tags=c.tags),
    "drname": lambda c: _bare(c, c.doctor(), "DOCTOR"),
    "drfirst": lambda c: _bare(c, c.doctor(), "DOCTOR", "given"),
    "drbare": lambda c: _bare(c, c.doctor(), "DOCTOR"),
    "kin": lambda c: (lambda p, rel: sf.name(c.rng, p, "kin", "PATIENT", c.tags, rel))(*c.relative()),
    "sig": lambda c: sf.signature(c.rng, c.nurse, c.tags),
    "hosp": lambda c: pl.hospital_mention(c.rng, c.hospital, c.tags),
    "hospfull": lambda c: pl.hospital_mention(c.rng, c.hospital, c.tags, "hospfull"),
    "hosp2": lambda c: pl.hospital_mention(c.rng, c.hospital2, c.tags),
    "ward": lambda c: pl.ward(c.rng, c.tags),
    "hospabbr": lambda c: pl.hospital_mention(c.rng, c.rng.choice((c.hospital, c.hospital2, pl.hospital(c.rng))),
                                              c.tags, "hospabbr"),
    "date": lambda c: sf.date(c.rng, tags=c.tags), "dshort": lambda c: sf.date(c.rng, "short", c.tags),
    "dfull": lambda c: sf.date(c.rng, "full", c.tags), "dwords": lambda c: sf.date(c.rng, "words", c.tags),
    "nth": lambda c: sf.date(c.rng, "nth", c.tags),
    "holiday": lambda c: sf.date(c.rng, "holiday", c.tags), "year": lambda c: sf.date(c.rng, "year", c.tags),
    "age": lambda c: pl.age(c.rng, tags=c.tags), "oldage": lambda c: pl.age(c.rng, old=True, tags=c.tags),
    "aged": lambda c: pl.age(c.rng, lead=True, tags=c.tags),
    "phone": lambda c: sf.phone(c.rng, c.tags), "pager": lambda c: sf.pager(c.rng, c.tags),
    "fax": lambda c: sf.fax(c.rng, c.tags),
    "email": lambda c: sf.email(c.rng, c.rng.choice((c.patient, c.relative()[0]))),
    "url": lambda c: sf.url(c.rng), "ip": lambda c: sf.ipaddr(c.rng),
    "user": lambda c: sf.username(c.rng, c.nurse),
    "street": lambda c: pl.street(c.rng, c.tags), "city": lambda c: pl.city(c.rng, c.tags),
    "state": lambda c: pl.state(c.rng, c.tags), "zip": lambda c: pl.zipcode(c.rng, c.tags),
    "country": lambda c: pl.country(c.rng), "locother": lambda c: pl.location_other(c.rng, c.tags),
    "addr": lambda c: pl.address(c.rng, c.tags), "org": lambda c: pl.organization(c.rng, c.tags),
    "prof": lambda c: pl.profession(c.rng),
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
        self.relatives = [(sf.person(rng), rng.choice(sf.relations())) for _ in range(rng.randint(1, 3))]
        self.doctors = [sf.person(rng) for _ in range(rng.randint(1, 4))]
        self.nurse = sf.person(rng)
        self.hospital = pl.hospital(rng)
        self.hospital2 = pl.hospital(rng)
        self.used: set[str] = set()
        self.tags: list[str] = []  # the grammar families drawn for this note's PHI (see `surface.draw`)

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
