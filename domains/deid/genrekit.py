"""What every language folder's genres module does the same way, over its own data (`domains/deid/<lang>/genres.py`).

A genre is a template builder `template(cast) -> str` (its sections, as data); `write_genre` draws a genre by weight,
makes a new cast (the note's people, places and stay) and fills the template from the language's slot table. The slot
tables are built from the language's grammars and lexicons with the `*_slots` helpers below; the loops that write
PHI-free text (sentences from field tables, mixed narratives, medication lists, optional form lines) take the
language's lexicon lists. The primitives (grammars, `Note`, `fill`, segments) are in `langkit`.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from typing import Callable, Iterable, NamedTuple, Sequence

from .langkit import (Note, age_segments, fill, fill_fields, ident_segments, name_segments, random_date,
                      value_segments, weighted)


class People:
    """The people of one note, drawn by a language's `person(rng, fake)`: the patient, three doctors and (with `gp`)
    the family doctor. A language's cast adds its places and its stay."""

    def __init__(self, rng: random.Random, fake, person: Callable, gp: bool = True) -> None:
        self.rng = rng
        self.fake = fake
        self.patient = person(rng, fake)
        self.doctors = [person(rng, fake) for _ in range(3)]
        if gp:
            self.gp = person(rng, fake)


def named(names) -> Callable:
    """`name(cast, who, label, titles, p_title)` over a language's name grammar (see `name_segments`)."""
    return lambda c, who, label, titles, p_title: name_segments(c.rng, names, who, label, titles, p_title)


def people_slots(name: Callable, patient_titles: dict, doctor_titles: dict, p_patient: float, p_doctor: float,
                 p_named: float = 0.9, p_gp: float = 1.0) -> dict[str, Callable]:
    """The slots of a cast's people through the language's `name(cast, who, label, titles, p_title)`: `pt` and
    `ptbare` (the patient, titled `p_patient` of the time, or never), `dr` (any of the doctors, `p_doctor`), `dr0` and
    `dr1` (the first two, `p_named`), `drbare` (the first, untitled) and `gp` (the family doctor, `p_gp`)."""
    return {"pt": lambda c: name(c, c.patient, "PATIENT", patient_titles, p_patient),
            "ptbare": lambda c: name(c, c.patient, "PATIENT", None, 0),
            "dr": lambda c: name(c, c.rng.choice(c.doctors), "DOCTOR", doctor_titles, p_doctor),
            "dr0": lambda c: name(c, c.doctors[0], "DOCTOR", doctor_titles, p_named),
            "dr1": lambda c: name(c, c.doctors[1], "DOCTOR", doctor_titles, p_named),
            "drbare": lambda c: name(c, c.doctors[0], "DOCTOR", None, 0),
            "gp": lambda c: name(c, c.gp, "DOCTOR", doctor_titles, p_gp)}


def ident_slots(ids: dict, slots: dict[str, str], args: Callable = lambda c: (c.rng,)) -> dict[str, Callable]:
    """A slot for each `{slot: key}` of a language's identifier table `{key: (make, label)}`, made by
    `make(*args(cast))`."""
    def slot(key: str) -> Callable:
        return lambda c: ident_segments(ids, key, *args(c))
    return {name: slot(key) for name, key in slots.items()}


def patient_args(c) -> tuple:
    """The `args` of `ident_slots` for identifier makers that encode the patient (sex, birth date)."""
    return c.rng, c.patient, c.born


def family_slots(grammar, table: dict[str, tuple[str, Sequence[str]]]) -> dict[str, Callable]:
    """A slot for each `{slot: (label, families)}`: a value of one of the grammar's `families`, by their weights."""
    def slot(label: str, families: Sequence[str]) -> Callable:
        return lambda c: value_segments(c.rng, grammar, label, grammar.pick(c.rng, families))
    return {name: slot(label, families) for name, (label, families) in table.items()}


def age_slots(ages, split: Callable, table: dict[str, Sequence[str]]) -> dict[str, Callable]:
    """A slot for each `{slot: families}`: the cast's age in one of the age grammar's `families` (by their weights),
    the span on the number that `split` finds in the phrase."""
    def slot(families: Sequence[str]) -> Callable:
        return lambda c: age_segments(c.rng, ages, c.age, split, ages.pick(c.rng, families))
    return {name: slot(families) for name, families in table.items()}


def stay_slots(dated: Callable) -> dict[str, Callable]:
    """The date slots of a cast's stay through the language's `dated(cast, when=None)`: any date, the admission, the
    discharge, a day during the stay and a follow-up 7 to 120 days after it."""
    return {"date": lambda c: dated(c), "admitted": lambda c: dated(c, c.admitted),
            "discharged": lambda c: dated(c, c.discharged),
            "during": lambda c: dated(c, _day_of_stay(c)),
            "after": lambda c: dated(c, c.discharged + timedelta(days=c.rng.randint(7, 120)))}


def _day_of_stay(c) -> date:
    return c.admitted + timedelta(days=c.rng.randint(0, (c.discharged - c.admitted).days))


CLINICAL_KINDS = ("finding", "exam", "course", "dx")


def clinical_slots(clinical: Callable[[object, str], str],
                   kinds: Sequence[str] = CLINICAL_KINDS) -> dict[str, Callable]:
    """A slot for each kind of PHI-free clinical phrase (`clinical(cast, kind)`), and `dx_lc`/`course_lc`: a
    diagnosis in lower case, a course phrase with a lower-case first letter."""
    def slot(kind: str) -> Callable:
        return lambda c: clinical(c, kind)
    slots = {kind: slot(kind) for kind in kinds}
    slots["dx_lc"] = lambda c: clinical(c, "dx").lower()
    slots["course_lc"] = lambda c: (lambda s: s[:1].lower() + s[1:])(clinical(c, "course"))
    return slots


class Stay(NamedTuple):
    """A patient's hospital stay (no discharge date for genres that have none) and age."""

    admitted: date
    discharged: date | None
    age: int
    born: date


ADULT_OR_CHILD = ((0.92, (18, 98)), (0.08, (0, 17)))


def draw_stay(rng: random.Random, longest: int | None, ages=ADULT_OR_CHILD) -> Stay:
    """A hospital stay between 2005 and 2025 (`longest` days at most, or no discharge date), the patient's age from
    the `(weight, (low, high))` table and a birth date that fits it."""
    admitted = random_date(rng, 2005, 2025)
    discharged = admitted + timedelta(days=rng.randint(1, longest)) if longest else None
    age = weighted(rng, [(w, rng.randint(low, high)) for w, (low, high) in ages])
    born = random_date(rng, admitted.year - age - 1, admitted.year - age - 1)
    return Stay(admitted, discharged, age, born)


def some_lines(rng: random.Random, lines: Sequence[str], p: float = 0.85) -> str:
    """A form's lines, each kept with probability `p`: not every hospital fills every field."""
    return "".join(line for line in lines if rng.random() < p)


def opening(rng: random.Random, head: str, line: Callable[[], str]) -> str:
    """The letterhead `head` (and what follows it), or an excerpt that begins with the title or with a PHI-free
    `line()`: a note does not always begin with the hospital's name or a town."""
    roll = rng.random()
    return head if roll < 0.6 else "" if roll < 0.7 else line() + "\n\n"


def drawn(c, table: dict) -> dict[str, Callable[[], object]]:
    """A language's field table bound to the cast `c`: a tuple or list is drawn from with `c.rng`, a function is
    called with `c`."""
    return {key: _maker(c, spec) for key, spec in table.items()}


def _maker(c, spec) -> Callable[[], object]:
    if isinstance(spec, (tuple, list)):
        return lambda: c.rng.choice(spec)
    return lambda: spec(c)


def one_digit(c) -> str:
    """A field maker: one digit 1-9."""
    return str(c.rng.randint(1, 9))


def sentence(c, templates: Sequence[str], table: dict) -> str:
    """One of `templates` with each `{field}` filled from the field `table` (see `drawn`), occurrence by
    occurrence."""
    return fill_fields(c.rng.choice(templates), drawn(c, table))


def formatted(c, options: Sequence[str], table: dict) -> str:
    """One of `options`, formatted with every field of the `table` (see `drawn`) drawn once, in the table's order."""
    text = c.rng.choice(options)
    return text.format(**{key: make() for key, make in drawn(c, table).items()})


def listed(items: Iterable[str]) -> str:
    """A dash list, one item a line."""
    return "\n".join(f"- {item}" for item in items)


def distinct(rng: random.Random, make: Callable[[], str], count: tuple[int, int] = (2, 5)) -> list[str]:
    """`make()` a few times, repeats dropped (first occurrence order)."""
    return list({make(): None for _ in range(rng.randint(*count))})


def mixed_narrative(rng: random.Random, sentence: Callable[[], str], others: Sequence[Callable[[], str]]) -> str:
    """One to three of the language's PHI-free sentences and up to two more from `others` (one drawn each time),
    shuffled: for languages without translation-domain templates."""
    parts = [sentence() for _ in range(rng.randint(1, 3))]
    parts += [rng.choice(others)() for _ in range(rng.randint(0, 2))]
    rng.shuffle(parts)
    return " ".join(parts)


def medication_lines(rng: random.Random, drugs: Sequence[str], doses: Sequence[str], times: Sequence[str],
                     bullets: Sequence[str] | None = None) -> str:
    """Two to five prescription lines "drug dose when", after a bullet drawn from `bullets` ("{}" numbers the line)
    or "- " when none are given."""
    bullet = rng.choice(bullets) if bullets else "- "
    lines = []
    for i in range(rng.randint(2, 5)):
        drug = rng.choice(drugs)
        dose = rng.choice(doses)
        lines.append(f"{bullet.format(i + 1)}{drug} {dose} {rng.choice(times)}")
    return "\n".join(lines)


def write_genre(rng: random.Random, seed: int, *, genres: Sequence[tuple[float, str, Callable]], cast: Callable,
                slots: dict[str, Callable], finish: Callable | None = None) -> tuple[str, Note]:
    """One note of a language folder: a genre `(weight, name, template(cast) -> str)` drawn by weight, a new
    `cast(rng, seed)`, the genre's template filled from `slots`, then `finish(cast, note)` if given."""
    genre, template = weighted(rng, [(w, (name, fn)) for w, name, fn in genres])
    people = cast(rng, seed)
    note = fill(Note(), template(people), slots, people, rng)
    return genre, finish(people, note) if finish else note


__all__ = ["ADULT_OR_CHILD", "CLINICAL_KINDS", "People", "Stay", "age_slots", "clinical_slots", "distinct",
           "draw_stay", "drawn", "family_slots", "formatted", "ident_slots", "listed", "medication_lines",
           "mixed_narrative", "named", "one_digit", "opening", "patient_args", "people_slots", "sentence",
           "some_lines", "stay_slots", "write_genre"]
