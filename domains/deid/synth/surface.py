"""PHI surface forms. Names, dates, phones and ages are rendered by the language folder's grammars
(`domains/deid/<lang>/grammars/*.json`, see `grammar.py`); this module computes the values a grammar's forms
fill in (a person's parts, a calendar date, a NANP number) and returns segments `[(text, label-or-None,
glued), ...]`: the label marks the PHI part only (titles such as "Dr." and credentials such as ", MD" stay
outside the span). Every function takes `tags`, a list the note's context collects the drawn family names in
(`type:family`, `type.case:value`), for the data card."""

from __future__ import annotations

import random
from dataclasses import dataclass

from . import lexicons as lx
from .grammar import language, render

Segs = list[tuple]
Tags = list | None


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    middle: str = ""
    shape: str = "plain"  # the surname grammar's family


P_LOCAL_SURNAME = 0.6  # the rest from `lexicons.world_last_names`


def grammar(type_: str):
    return language(lx.LANG).grammar(type_)


def draw(rng: random.Random, type_: str, values: dict, *, use: str | None = None, label: str | None = None,
         tags: Tags = None) -> Segs:
    """Render one value of `type_` with the grammar of the notes' language; record its family in `tags`."""
    r = render(grammar(type_), rng, values, use=use, label=label)
    if tags is not None:
        tags.extend(r.tags())
    return r.segs


def relations() -> tuple[str, ...]:
    return lx.words("people.relations")


def person(rng: random.Random) -> Person:
    middle = rng.choice("ABCDEFGHJKLMNPRSTW") if rng.random() < 0.3 else ""
    stem = rng.choice(lx.last_names() if rng.random() < P_LOCAL_SURNAME else lx.world_last_names())
    r = render(grammar("surname"), rng, {"Stem": stem, "Stem2": rng.choice(lx.last_names())})
    return Person(rng.choice(lx.first_names()), r.text, middle, r.family)


def recase(rng: random.Random, s: str, p_lower: float = 0.12, p_upper: float = 0.1) -> str:
    r = rng.random()
    if r < p_lower:
        return s.lower()
    if r < p_lower + p_upper:
        return s.upper()
    return s


def pick(rng: random.Random, weighted: list[tuple[float, object]]):
    total = sum(w for w, _ in weighted)
    r = rng.random() * total
    for w, item in weighted:
        r -= w
        if r <= 0:
            return item
    return weighted[-1][1]


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


# ---- names ---------------------------------------------------------------------------------------------
def name_values(rng: random.Random, p: Person, relation: str | None = None) -> dict:
    """The keys the name grammar fills: the person's parts and initials, and other people for lists."""
    second = rng.choice(lx.first_names())
    values = {"First": p.first, "Last": p.last, "F": p.first[0], "L": p.last[0],
              "M": p.middle or rng.choice("ABCDEFGHJKLMNPRSTW"), "Middle": rng.choice(lx.first_names()),
              "First2": second, "First3": rng.choice(lx.first_names()),
              "Last2": p.last if rng.random() < 0.6 else rng.choice(lx.last_names())}
    if relation:
        values["rel"] = relation
    return values


def name(rng: random.Random, p: Person, use: str, label: str, tags: Tags = None, relation: str | None = None) -> Segs:
    """A person's name in one of the name grammar's uses: patient, doctor, signature, relative, bare, given, kin."""
    if tags is not None:
        tags.append(f"surname:{p.shape}")
    return draw(rng, "name", name_values(rng, p, relation), use=use, label=label, tags=tags)


def doctor(rng: random.Random, p: Person, label: str = "DOCTOR", tags: Tags = None) -> Segs:
    return name(rng, p, "doctor", label, tags)


def signature(rng: random.Random, p: Person, tags: Tags = None) -> Segs:
    """Nurse / therapist signature at the end of a note."""
    return name(rng, p, "signature", "DOCTOR", tags)


def patient(rng: random.Random, p: Person, tags: Tags = None) -> Segs:
    return name(rng, p, "patient", "PATIENT", tags)


def relative(rng: random.Random, p: Person, relation: str, tags: Tags = None) -> Segs:
    """A family member or other contact after (or before) a kinship word (labelled PATIENT)."""
    return name(rng, p, "relative", "PATIENT", tags, relation)


# ---- dates ---------------------------------------------------------------------------------------------
def ordinal(n: int) -> str:
    """The ordinal suffix of `n` in the notes' language ('st' for 1, 21, 31, 41 in English)."""
    table = lx.words("calendar.ordinal_suffixes")
    return table.get(str(n if n % 100 < 32 else n % 10), table["other"])


def date_values(rng: random.Random) -> dict:
    """A calendar date (and later days of a range or list) in every numeric and named shape the grammar uses."""
    y, m, d = rng.randint(1995, 2024), rng.randint(1, 12), rng.randint(1, 20)
    m2 = m if rng.random() < 0.6 else m % 12 + 1  # a range or list may run into the next month
    d2 = d + rng.randint(1, 4)
    d3 = d2 + rng.randint(1, 4)
    hist = y - rng.randint(0, 25)
    months, abbrs = lx.words("calendar.months"), lx.words("calendar.month_abbreviations")
    return {"m": str(m), "mm": f"{m:02d}", "d": str(d), "dd": f"{d:02d}", "m2": str(m2), "mm2": f"{m2:02d}",
            "d2": str(d2), "dd2": f"{d2:02d}", "d3": str(d3), "yy": f"{y % 100:02d}", "yyyy": str(y),
            "Month": months[m - 1], "Mon": rng.choice(abbrs[m - 1]), "ord": ordinal(d), "ord2": ordinal(d2),
            "ord3": ordinal(d3), "holiday": lx.pick(rng, "calendar.holidays"),
            "yyyy_hist": str(hist), "yy_hist": f"{hist % 100:02d}"}


_DATE_USES = {"any": "date", "short": "short", "full": "full", "words": "words", "nth": "nth", "holiday": "holiday",
              "year": "year"}


def date(rng: random.Random, kind: str = "any", tags: Tags = None) -> Segs:
    return draw(rng, "date", date_values(rng), use=_DATE_USES[kind], tags=tags)


# ---- contacts ------------------------------------------------------------------------------------------
def _nxx(rng: random.Random, middle_nine: bool = True) -> str:
    """A NANP area code or exchange: first digit 2-9, never N11 (and for an area code, never N9X)."""
    while True:
        code = f"{rng.randint(2, 9)}{rng.randint(0, 9)}{rng.randint(0, 9)}"
        if code[1:] != "11" and (middle_nine or code[1] != "9"):
            return code


def phone_values(rng: random.Random) -> dict:
    return {"area": _nxx(rng, middle_nine=False), "exch": _nxx(rng), "line": _digits(rng, 4)}


def phone(rng: random.Random, tags: Tags = None, use: str = "phone", label: str = "PHONE") -> Segs:
    return draw(rng, "phone", phone_values(rng), use=use, label=label, tags=tags)


def pager(rng: random.Random, tags: Tags = None) -> Segs:
    return phone(rng, tags, use="pager")


def fax(rng: random.Random, tags: Tags = None) -> Segs:
    lead = recase(rng, rng.choice(("fax ", "Fax: ", "fax # ", "FAX ", "fax: ", "Fax ")), 0.2, 0.2)
    return [(lead, None)] + phone(rng, tags, use="fax", label="FAX")


def email(rng: random.Random, p: Person) -> Segs:
    dom = rng.choice(("gmail.com", "yahoo.com", "aol.com", "comcast.net", "hotmail.com", "verizon.net"))
    last = p.last.replace(" ", "")
    user = pick(rng, [(2, f"{p.first}.{last}"), (1, f"{p.first[0]}{last}{rng.randint(1, 99)}"),
                      (1, f"{last}{p.first[0]}")]).lower().replace("'", "")
    return [(f"{user}@{dom}", "EMAIL")]


def url(rng: random.Random) -> Segs:
    word = rng.choice(lx.last_names()).lower().replace("'", "")
    return [(pick(rng, [(2, f"https://portal.{word}health.org/pt/{_digits(rng, 6)}"), (1, f"www.{word}care.com"),
                        (1, f"http://{word}-clinic.org/records")]), "URL")]


def ipaddr(rng: random.Random) -> Segs:
    return [(f"{rng.choice((10, 172, 192, 128))}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
             "IPADDR")]


def username(rng: random.Random, p: Person) -> Segs:
    last = p.last.replace(" ", "")
    u = pick(rng, [(2, f"{p.first[0]}{last}"), (1, f"{p.first[0]}{last}{rng.randint(1, 9)}"),
                   (1, f"{p.first[0]}{p.middle or 'x'}{last[0]}")])
    return [(u.lower().replace("'", "").replace("-", ""), "USERNAME")]
