"""PHI surface forms. Each function returns segments `[(text, label-or-None), ...]`: the label marks the
PHI part only (titles such as "Dr." and credentials such as ", MD" stay outside the span)."""

from __future__ import annotations

import random
from dataclasses import dataclass

from . import lexicons as lx

Segs = list[tuple[str, str | None]]

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAY_SHORT = ("Mon", "Tues", "Tue", "Wed", "Thurs", "Thu", "Fri", "Sat", "Sun")
HOLIDAYS = ("Christmas", "Christmas Eve", "Thanksgiving", "Easter", "New Year's Day", "New Year's Eve",
            "July 4th", "Labor Day", "Memorial Day", "Halloween", "Valentine's Day", "Columbus Day",
            "Veterans Day", "Presidents Day", "Xmas", "Good Friday", "Passover", "Hanukkah")
RELATIONS = ("husband", "wife", "daughter", "son", "sister", "brother", "mother", "father", "niece", "nephew",
             "HCP", "health care proxy", "friend", "neighbor", "neighbour", "granddaughter", "grandson",
             "partner", "fiance", "aunt", "uncle", "cousin", "significant other", "boyfriend", "girlfriend",
             "dtr", "sis", "bro", "step-daughter", "son-in-law", "daughter-in-law", "guardian", "roommate")


@dataclass(frozen=True)
class Person:
    first: str
    last: str
    middle: str = ""


P_LOCAL_SURNAME = 0.6  # the rest from `lexicons.world_last_names`


def person(rng: random.Random) -> Person:
    middle = rng.choice("ABCDEFGHJKLMNPRSTW") if rng.random() < 0.3 else ""
    last = rng.choice(lx.last_names() if rng.random() < P_LOCAL_SURNAME else lx.world_last_names())
    if rng.random() < 0.05:
        last = f"{last}-{rng.choice(lx.last_names())}"
    return Person(rng.choice(lx.first_names()), last, middle)


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


# ---- names ---------------------------------------------------------------------------------------------
def doctor(rng: random.Random, p: Person, label: str = "DOCTOR") -> Segs:
    f, l, m = p.first, p.last, p.middle
    title = rng.choice(("Dr. ", "Dr. ", "Dr ", "dr ", "DR. ", "Dr.", "dr. "))
    cred = rng.choice((", MD", " MD", ", M.D.", ", NP", " NP", ", PA", " PA-C", ", DO", " MD PhD"))
    form = pick(rng, [
        (6, [(title, None), (l, label)]),
        (2, [(title, None), (f"{f} {l}", label)]),
        (2, [(f"{f} {l}", label), (cred, None)]),
        (1, [(f"{f} {m}. {l}" if m else f"{f} {l}", label), (cred, None)]),
        (1, [(f"{l}", label), (cred, None)]),
        (1, [(f"{f[0]}. {l}", label), (cred, None)]),
        (2, [(l, label)]),
        (1, [(f"{f} {l}", label)]),
        (1, [(f, label)]),
    ])
    return [(recase(rng, t) if lab else t, lab) for t, lab in form]


def signature(rng: random.Random, p: Person) -> Segs:
    """Nurse / therapist signature at the end of a note."""
    cred = rng.choice(("RN", "RN", "RN", "rn", "R.N.", "RRT", "rrt", "RT", "PT", "BSN", "SN", "LPN", "NP"))
    f, l = p.first, p.last
    form = pick(rng, [
        (4, [(f"{f[0]}. {l}", "DOCTOR"), (f" {cred}", None)]),
        (3, [(f"{f} {l}", "DOCTOR"), (f", {cred}", None)]),
        (2, [(f"{f} {l}", "DOCTOR"), (f" {cred}", None)]),
        (1, [(f, "DOCTOR"), (f" {cred}", None)]),
        (0.3, [(f"{f[0]}. {l}", "DOCTOR")]),
        (1, [(f"{f[0]}.{l[0]}.", "DOCTOR"), (f" {cred}", None)]),
        (1, [(l, "DOCTOR"), (f" {cred}", None)]),
    ])
    return [(recase(rng, t, 0.3, 0.15) if lab else t, lab) for t, lab in form]


def patient(rng: random.Random, p: Person) -> Segs:
    f, l = p.first, p.last
    title = rng.choice(("Mr. ", "Mrs. ", "Ms. ", "Ms ", "Mr ", "Miss "))
    form = pick(rng, [
        (3, [(title, None), (l, "PATIENT")]),
        (3, [(f"{f} {l}", "PATIENT")]),
        (1, [(f"{f} {p.middle}. {l}" if p.middle else f"{l}, {f}", "PATIENT")]),
        (2, [(f, "PATIENT")]),
        (1, [(l, "PATIENT")]),
        (0.5, [(f"{f[0]}.{l[0]}.", "PATIENT")]),
    ])
    return [(recase(rng, t) if lab else t, lab) for t, lab in form]


def relative(rng: random.Random, p: Person, relation: str) -> Segs:
    """A family member or other contact: relation word + name (labelled PATIENT)."""
    f, l = p.first, p.last
    name = pick(rng, [(5, f), (3, f"{f} {l}"), (1, f"{rng.choice(('Mr.', 'Mrs.', 'Ms.'))} {l}")])
    name = recase(rng, name)
    if name.startswith(("Mr", "Ms", "MR", "MS", "mr", "ms")):
        title, rest = name.split(" ", 1)
        name_segs: Segs = [(title + " ", None), (rest, "PATIENT")]
    else:
        name_segs = [(name, "PATIENT")]
    form = rng.choice(("plain", "plain", "comma", "paren", "poss", "after"))
    rel = recase(rng, relation, 0.2, 0.05)
    if form == "comma":
        return [(f"{rel}, ", None), *name_segs, (",", None)]
    if form == "paren":
        return [(f"{rel} (", None), *name_segs, (")", None)]
    if form == "poss":
        return [(rng.choice(("his ", "her ", "pt's ", "pts ")) + f"{rel} ", None), *name_segs]
    if form == "after":
        return [*name_segs, (f" ({rel})", None)]
    return [(f"{rel} ", None), *name_segs]


# ---- dates ---------------------------------------------------------------------------------------------
def date(rng: random.Random, kind: str = "any") -> Segs:
    y, m, d = rng.randint(1995, 2024), rng.randint(1, 12), rng.randint(1, 28)
    mon, yy = MONTHS[m - 1], y % 100
    sfx = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd"}.get(d, "th")
    short = [(6, f"{m}/{d}"), (2, f"{m:02d}/{d:02d}"), (2, f"{m}-{d}"), (1, f"{m}.{d}")]
    full = [(3, f"{m}/{d}/{yy:02d}"), (3, f"{m:02d}/{d:02d}/{y}"), (1, f"{m}/{d}/{y}"), (1, f"{m:02d}.{d:02d}.{y}"),
            (1, f"{y}-{m:02d}-{d:02d}"), (1, f"{m}-{d}-{yy:02d}"), (1, f"{d:02d}.{m:02d}.{y}")]
    words = [(2, f"{mon[:3]} {d}{sfx}"), (2, f"{mon} {d}, {y}"), (1, f"{mon[:3]} {d}"), (1, f"{d} {mon[:3]}"),
             (1, f"{d} {mon} {y}"), (1, f"{mon} {d}"), (1, f"{mon[:3]}. {d}"), (1, f"{d}-{mon[:3]}-{y}"),
             (1, f"{mon} {y}"), (1, f"{mon[:3]} {y}"), (0.5, f"{m}/{y}"), (1, f"{mon} {d}{sfx}"),
             (1, f"{d} {mon[:3]}, {yy:02d}"), (0.5, f"{mon[:3]}, {yy:02d}"), (0.5, f"{d}-{d + 1} {mon[:3]}")]
    table = {"short": short, "full": full, "words": words, "any": short + full + words}
    if kind == "nth":
        return [(f"{d}{sfx}", "DATE")]
    if kind == "weekday":
        return [(recase(rng, rng.choice(WEEKDAYS + WEEKDAY_SHORT), 0.3, 0.1), "DATE")]
    if kind == "holiday":
        return [(rng.choice(HOLIDAYS), "DATE")]
    if kind == "year":
        return [(pick(rng, [(6, str(y - rng.randint(0, 25))), (2, f"'{yy:02d}"), (1, f"{(y - 9) % 100:02d}")]), "DATE")]
    return [(recase(rng, pick(rng, table[kind]), 0.15, 0.1), "DATE")]


# ---- contacts ------------------------------------------------------------------------------------------
def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice("0123456789") for _ in range(n))


def phone(rng: random.Random) -> Segs:
    a, b, c = f"{rng.randint(201, 989)}", f"{rng.randint(200, 999)}", _digits(rng, 4)
    return [(pick(rng, [(4, f"{a}-{b}-{c}"), (3, f"({a}) {b}-{c}"), (1, f"{a}.{b}.{c}"), (2, f"{b}-{c}"),
                        (1, f"{a} {b} {c}"), (1, f"1-{a}-{b}-{c}"), (1, f"{a}-{b}-{c} x{_digits(rng, 4)}"),
                        (1, f"{a}{b}{c}")]), "PHONE")]


def pager(rng: random.Random) -> Segs:
    lead = pick(rng, [(3, "pgr "), (2, "pager "), (1, "beeper #"), (1, "page "), (1, "Pager # "), (1, "bpr "),
                      (1, "pg "), (1, "ext "), (1, "extension "), (1, "at ")])
    num = pick(rng, [(3, _digits(rng, 4)), (1, _digits(rng, 5)), (1, f"x{_digits(rng, 4)}"),
                     (1, f"{rng.randint(200, 999)}-{_digits(rng, 4)}")])
    return [(recase(rng, lead, 0.3, 0.2), None), (num, "PHONE")]


def email(rng: random.Random, p: Person) -> Segs:
    dom = rng.choice(("gmail.com", "yahoo.com", "aol.com", "comcast.net", "hotmail.com", "verizon.net"))
    user = pick(rng, [(2, f"{p.first}.{p.last}"), (1, f"{p.first[0]}{p.last}{rng.randint(1, 99)}"),
                      (1, f"{p.last}{p.first[0]}")]).lower().replace("'", "")
    return [(f"{user}@{dom}", "EMAIL")]


def url(rng: random.Random) -> Segs:
    word = rng.choice(lx.last_names()).lower().replace("'", "")
    return [(pick(rng, [(2, f"https://portal.{word}health.org/pt/{_digits(rng, 6)}"), (1, f"www.{word}care.com"),
                        (1, f"http://{word}-clinic.org/records")]), "URL")]


def ipaddr(rng: random.Random) -> Segs:
    return [(f"{rng.choice((10, 172, 192, 128))}.{rng.randint(0, 255)}.{rng.randint(0, 255)}.{rng.randint(1, 254)}",
             "IPADDR")]


def username(rng: random.Random, p: Person) -> Segs:
    u = pick(rng, [(2, f"{p.first[0]}{p.last}"), (1, f"{p.first[0]}{p.last}{rng.randint(1, 9)}"),
                   (1, f"{p.first[0]}{p.middle or 'x'}{p.last[0]}")])
    return [(u.lower().replace("'", "").replace("-", ""), "USERNAME")]
