"""Render templates into a note with gold annotations recorded by construction.

A `Note` collects text; every entity, attribute, link and section is written with its offsets as it is
appended, so the gold is exact. Slot kinds: S symptom, F finding, D disease (chronic or event), C chronic,
E event, PB problem with body site, T test, TV test with value (and unit), BP blood pressure, QV test with a
qualitative value, R treatment, M medication, MD medication with dose/route/frequency/duration, AL allergen,
RX allergic reaction, PL problem-list item (a vocabulary problem, sometimes with its code), LAB a lab
test name alone, PROC a procedure. A problem or drug slot draws from the domain's vocabularies
(`VOCAB_SHARE` of the time) or from the hand-written lists.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

from . import lexicons as lx
from . import vocab_terms as vt

SLOT = re.compile(r"\{(\w+)(?::(\w+))?\}")


@dataclass
class Note:
    parts: list[str] = field(default_factory=list)
    length: int = 0
    spans: list[list] = field(default_factory=list)
    assertions: list[list] = field(default_factory=list)
    links: list[list] = field(default_factory=list)
    sections: list[list] = field(default_factory=list)
    default_status: list[list] = field(default_factory=list)  # heads whose status was not decided by a cue

    def add(self, text: str, label: str | None = None) -> tuple[int, int]:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        if label:
            self.spans.append([start, self.length, label])
        return start, self.length

    def head(self, text: str, label: str, status: str) -> tuple[int, int]:
        start, end = self.add(text, label)
        self.assertions.append([start, end, status])
        return start, end

    def link(self, attr: tuple[int, int], head: tuple[int, int]) -> None:
        self.links.append([attr[0], attr[1], head[0], head[1]])

    @property
    def text(self) -> str:
        return "".join(self.parts)


def _cap(text: str, first: bool) -> str:
    return text[:1].upper() + text[1:] if first and text[:1].islower() else text


def _number(rng: random.Random, low: float, high: float, decimals: int) -> str:
    value = rng.uniform(low, high)
    return f"{value:.{decimals}f}" if decimals else str(int(round(value)))


ALL_PROBLEMS = lx.SYMPTOMS + lx.FINDINGS + lx.CHRONIC + lx.EVENTS
VOCAB_SHARE = {"PROBLEM": 0.55, "MEDICATION": 0.5}


def _problem(rng: random.Random, kind: str) -> str:
    """A problem of the slot's kind, or (half of the time for S/F/D) any problem, so that a problem's words
    carry little about the status its template gives it."""
    pools = {"S": lx.SYMPTOMS, "F": lx.FINDINGS, "C": lx.CHRONIC, "E": lx.EVENTS, "RX": lx.REACTIONS,
             "D": lx.CHRONIC + lx.EVENTS}
    if kind != "RX" and rng.random() < VOCAB_SHARE["PROBLEM"]:
        return vt.draw_text("PROBLEM", rng)
    if kind in ("S", "F", "D") and rng.random() < 0.5:
        return rng.choice(ALL_PROBLEMS)
    return rng.choice(pools[kind])


def _sited(note: Note, rng: random.Random, status: str, first: bool) -> None:
    site, problem = rng.choice(lx.SITES), rng.choice(lx.SITED)
    if rng.random() < 0.5:
        s = note.add(_cap(site, first), "BODY_SITE")
        note.add(" ")
        h = note.head(problem, "PROBLEM", status)
    else:
        h = note.head(_cap(problem, first), "PROBLEM", status)
        note.add(rng.choice((" of the ", " in the ", " over the ", " of ", " ")))
        s = note.add(site, "BODY_SITE")
    note.link(s, h)


def _measured(note: Note, rng: random.Random, status: str, first: bool) -> None:
    test, (low, high, dec), units = rng.choice(lx.MEASURED)
    h = note.head(_cap(test, first), "TEST", status)
    note.add(rng.choice((" ", " ", " of ", " was ", ": ", " is ")))
    note.link(note.add(_number(rng, low, high, dec), "VALUE"), h)
    if units and rng.random() < 0.85:
        unit = rng.choice(units)
        note.add("" if unit == "%" and rng.random() < 0.5 else " ")
        note.link(note.add(unit, "UNIT"), h)


def _blood_pressure(note: Note, rng: random.Random, status: str, first: bool) -> None:
    h = note.head(_cap(rng.choice(lx.BLOOD_PRESSURE), first), "TEST", status)
    note.add(rng.choice((" ", " of ", ": ")))
    note.link(note.add(f"{rng.randint(85, 190)}/{rng.randint(45, 110)}", "VALUE"), h)
    if rng.random() < 0.6:
        note.add(" ")
        note.link(note.add("mmHg", "UNIT"), h)


def _qualitative(note: Note, rng: random.Random, status: str, first: bool) -> None:
    test, values = rng.choice(lx.QUALITATIVE)
    h = note.head(_cap(test, first), "TEST", status)
    note.add(rng.choice((" ", ": ", " was ")))
    note.link(note.add(rng.choice(values), "VALUE"), h)


def _dose(rng: random.Random) -> str:
    pattern, numbers = rng.choice(lx.DOSES)
    return pattern.format(n=rng.choice(numbers))


def _drug(rng: random.Random) -> str:
    return vt.draw_text("MEDICATION", rng) if rng.random() < VOCAB_SHARE["MEDICATION"] else rng.choice(lx.MEDICATIONS)


def _problem_list_item(note: Note, rng: random.Random, status: str, first: bool) -> None:
    """"Essential hypertension (I10)": a vocabulary problem, with its code a third of the time."""
    term = vt.draw("PROBLEM", rng)
    note.head(_cap(vt.written(term, rng), first), "PROBLEM", status)
    if term.code and term.system == "ICD-10-CM" and rng.random() < 0.35:
        note.add(f" ({term.code})")


def _medication(note: Note, rng: random.Random, status: str, first: bool) -> None:
    med = _drug(rng)
    if rng.random() < 0.12:  # "500 mg of amoxicillin PO"
        d = note.add(_cap(_dose(rng), first), "DOSE")
        note.add(" of ")
        h = note.head(med, "MEDICATION", status)
        note.link(d, h)
    else:
        h = note.head(_cap(med, first), "MEDICATION", status)
        if rng.random() < 0.9:
            note.add(" ")
            note.link(note.add(_dose(rng), "DOSE"), h)
    for label, pool, p in (("ROUTE", lx.ROUTES, 0.6), ("FREQUENCY", lx.FREQUENCIES, 0.8),
                           ("DURATION", lx.DURATIONS, 0.2)):
        if rng.random() < p:
            note.add(" ")
            note.link(note.add(rng.choice(pool), label), h)


def render_slot(note: Note, rng: random.Random, kind: str, status: str | None, first: bool) -> None:
    """Append one slot's text and its gold annotations."""
    fillers = {"rel": lambda: rng.choice(lx.RELATIVES), "Rel": lambda: rng.choice(lx.RELATIVES).capitalize(),
               "k": lambda: str(rng.randint(2, 12)), "age": lambda: str(rng.randint(35, 80)),
               "year": lambda: rng.choice(lx.YEARS), "site": lambda: rng.choice(lx.SITES),
               "when": lambda: rng.choice(lx.WHEN).format(year=rng.choice(lx.YEARS), k=rng.randint(2, 15)),
               "n": lambda: str(rng.choice((rng.randint(2, 40), rng.randint(12, 900)))),
               "pct": lambda: f"{rng.uniform(1, 60):.1f}", "gen": lambda: vt.negative("research_words", rng),
               "body": lambda: vt.negative("body_parts", rng), "Body": lambda: vt.negative("body_parts", rng).capitalize(),
               "amb": lambda: vt.ambiguous(rng), "Amb": lambda: vt.ambiguous(rng).capitalize()}
    if kind in fillers:
        note.add(_cap(fillers[kind](), first))
        return
    status = status or "present"
    builders = {"PB": _sited, "TV": _measured, "BP": _blood_pressure, "QV": _qualitative, "MD": _medication,
                "PL": _problem_list_item}
    if kind in builders:
        builders[kind](note, rng, status, first)
        return
    label, pool = {"T": ("TEST", lx.TESTS), "R": ("TREATMENT", lx.TREATMENTS), "M": ("MEDICATION", None),
                   "AL": ("MEDICATION", lx.ALLERGENS), "LAB": ("TEST", vt.negatives()["tests"]),
                   "PROC": ("TREATMENT", vt.negatives()["procedures"])}.get(kind, ("PROBLEM", None))
    text = rng.choice(pool) if pool else _drug(rng) if label == "MEDICATION" else _problem(rng, kind)
    note.head(_cap(text, first), label, status)


def render_template(note: Note, rng: random.Random, template: str) -> None:
    """Append a sentence template with its slots filled."""
    pos = 0
    for match in SLOT.finditer(template):
        if match.start() > pos:
            note.add(template[pos:match.start()])
        render_slot(note, rng, match.group(1), match.group(2), first=match.start() == 0)
        pos = match.end()
    if pos < len(template):
        note.add(template[pos:])
