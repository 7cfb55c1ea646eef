"""Italian surface-form grammars: how dates, phone numbers, names, ages and identifiers are written in Italy.

Written from Italian conventions, not from any corpus: dates day-first with `/` ("03/03/2021", "03/03/21",
"3/3/2021"), with `.` or `-`, "3 marzo 2021" with month names in lower case, "1° marzo", the weekday before the day
("mercoledì 3 marzo 2021"), "mar. 2021"; the national numbering plan (landlines keep their leading 0 and an area code
of 2-4 digits, "02 1234567", "055 234 5678"; mobiles from 3, "333 1234567"; "+39" from abroad; the ward's "int. 4512"
extension, the toll-free "800" numbers); names with particles and compound given names ("Maria Grazia", "De Luca",
"D'Angelo"), written surname first in forms ("ROSSI MARIO"); titles Sig./Sig.ra/Dott./Dott.ssa/Prof. outside the
spans; the codice fiscale (check character), the tessera sanitaria's TEAM card number (20 digits, Luhn), the
nosological number of the stay, the cartella clinica, the Ordine dei Medici registration, an IBAN.
Ages are the number only ("72" in "72 anni", "72enne").
"""

from __future__ import annotations

import random
import re
import string
from datetime import date

from ..langkit import Grammar, date_grammar, digits, faker_for, random_date, render_date, weighted
from ..validators import format_iban, generate_iban, generate_it_cf, generate_it_team

MONTHS = ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto", "settembre", "ottobre",
          "novembre", "dicembre")
ABBRS = ("gen.", "feb.", "mar.", "apr.", "mag.", "giu.", "lug.", "ago.", "set.", "ott.", "nov.", "dic.")
WEEKDAYS = ("lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato", "domenica")
# Italian month names are written in lower case; forms and headings put them in capitals now and then.
CASINGS = ((0.8, "lower"), (0.12, "title"), (0.08, "upper"))

_BASE_DATES = date_grammar("DATE", {
    "dmy_slash": (40, "{d2}/{m2}/{Y}"),
    "dmy_slash_short": (10, "{d2}/{m2}/{y2}"),
    "dmy_slash_unpadded": (6, "{d}/{m}/{Y}"),
    "long": (16, "{d} {month} {Y}"),
    "abbr": (3, "{d} {mon} {Y}"),
    "day_month": (4, "{d} {month}"),
    "month_year": (6, "{month} {Y}"),
    "dmy_dot": (4, "{d2}.{m2}.{Y}"),
    "dmy_dash": (4, "{d2}-{m2}-{Y}"),
    "my_slash": (3, "{m2}/{Y}"),
    "dm_slash": (2, "{d2}/{m2}"),
    "iso": (1, "{Y}-{m2}-{d2}"),
    "year": (5, "{Y}"),
}, MONTHS, ABBRS, casings=CASINGS)


def _ordinal_long(rng: random.Random, when: date | None = None) -> str:
    """"1° marzo 2021": the first of the month is an ordinal in Italian, the other days cardinals."""
    when = when or random_date(rng)
    text = render_date("{d} {month} {Y}", when, MONTHS, ABBRS, weighted(rng, CASINGS))
    return text.replace("1 ", rng.choice(("1° ", "1º ")), 1) if when.day == 1 else text


def _weekday_long(rng: random.Random, when: date | None = None) -> str:
    when = when or random_date(rng)
    day = "1°" if when.day == 1 else str(when.day)
    return f"{WEEKDAYS[when.weekday()]} {day} " + render_date("{month} {Y}", when, MONTHS, ABBRS, "lower")


DATES = Grammar("DATE", {**_BASE_DATES.families, "ordinal_long": (3, _ordinal_long),
                         "weekday_long": (3, _weekday_long)})

# Area codes: the large cities' short ones and longer provincial ones (all begin with 0).
AREAS = ("02", "06", "010", "011", "030", "035", "040", "041", "045", "049", "050", "051", "055", "059", "070",
         "071", "075", "080", "081", "089", "090", "091", "095", "0161", "0171", "0331", "0376", "0432", "0471",
         "0522", "0541", "0583", "0721", "0823", "0881", "0961")
MOBILE_PREFIXES = ("320", "328", "329", "331", "333", "335", "338", "339", "340", "345", "347", "348", "349", "351",
                   "366", "368", "380", "388", "392", "393")


def _landline(rng: random.Random) -> tuple[str, str]:
    """(area code, subscriber number): 9-10 digits together."""
    area = rng.choice(AREAS)
    return area, digits(rng, rng.choice((9, 10)) - len(area), "23456789")


def _mobile(rng: random.Random) -> tuple[str, str]:
    return rng.choice(MOBILE_PREFIXES), digits(rng, 7)


def _split(number: str) -> str:
    """A subscriber number written in two groups: "234 5678"."""
    cut = len(number) - 4
    return f"{number[:cut]} {number[cut:]}"


PHONES = Grammar("PHONE", {
    "area_space": (26, lambda rng: " ".join(_landline(rng))),
    "mobile_space": (18, lambda rng: " ".join(_mobile(rng))),
    "plain": (12, lambda rng: "".join(weighted(rng, [(1, _landline(rng)), (1, _mobile(rng))]))),
    "area_slash": (6, lambda rng: "/".join(_landline(rng))),
    "area_dash": (5, lambda rng: "-".join(weighted(rng, [(1, _landline(rng)), (1, _mobile(rng))]))),
    "grouped": (6, lambda rng: (lambda a, n: f"{a} {_split(n)}")(*weighted(rng, [(1, _landline(rng)),
                                                                             (1, _mobile(rng))]))),
    "plus39": (8, lambda rng: "+39 " + " ".join(weighted(rng, [(1, _landline(rng)), (1, _mobile(rng))]))),
    "plus39_glued": (3, lambda rng: "+39" + "".join(_mobile(rng))),
    "0039": (2, lambda rng: "0039 " + " ".join(_landline(rng))),
    "paren": (3, lambda rng: (lambda a, n: f"({a}) {n}")(*_landline(rng))),
    "interno": (5, lambda rng: rng.choice(("int. ", "interno ", "Int. ")) + digits(rng, 4, "123456789")),
    "area_interno": (3, lambda rng: " ".join(_landline(rng)) + rng.choice((" int. ", " - interno "))
                     + digits(rng, 3, "123456789")),
    "verde": (2, lambda rng: "800 " + digits(rng, 3) + " " + digits(rng, 3)),
})

# The families that are a full number (the other is a ward's internal extension).
EXTENSIONS = ("interno",)
NUMBERS = tuple(f for f in PHONES.families if f not in EXTENSIONS)
# A fax is a landline.
FAXES = ("area_space", "area_slash", "paren", "0039")

# A share of patients in Italian notes carry names from elsewhere (Faker's other locales).
FOREIGN_LOCALES = ("ro_RO", "es_ES", "fr_FR", "de_DE", "pl_PL", "en_US", "pt_PT", "hr_HR")
P_FOREIGN = 0.1


def person(rng: random.Random, fake, female: bool | None = None) -> dict:
    """An Italian person: given name (now and then two: "Maria Grazia", "Gian Luca"), surname (Faker's own include
    particles: "De Luca", "D'Angelo"), now and then a name from elsewhere."""
    female = rng.random() < 0.5 if female is None else female
    if rng.random() < P_FOREIGN:
        fake = faker_for(rng.choice(FOREIGN_LOCALES), rng.randrange(1 << 30))
    draw = fake.first_name_female if female else fake.first_name_male
    first = draw() if rng.random() > 0.1 else f"{draw()} {draw()}"
    last = fake.last_name()
    if rng.random() < 0.04:
        last = f"{rng.choice(('De', 'Di', 'Lo', 'La', 'Del', 'Dello'))} {last}"
    return {"first": first, "last": last, "female": female}


NAMES = Grammar("NAME", {
    "first_last": (26, lambda rng, p: f"{p['first']} {p['last']}"),
    "LAST_FIRST": (12, lambda rng, p: f"{p['last']} {p['first']}".upper()),
    "last_first": (12, lambda rng, p: f"{p['last']} {p['first']}"),
    "last": (18, lambda rng, p: p["last"]),
    "initial_last": (8, lambda rng, p: f"{p['first'][0]}. {p['last']}"),
    "upper_full": (5, lambda rng, p: f"{p['first']} {p['last']}".upper()),
    "LAST": (4, lambda rng, p: p["last"].upper()),
    "first": (5, lambda rng, p: p["first"]),
    "last_comma_first": (3, lambda rng, p: f"{p['last']}, {p['first']}"),
    "initials": (2, lambda rng, p: f"{p['first'][0]}.{p['last'][0]}."),
    "lower": (1, lambda rng, p: f"{p['first']} {p['last']}".lower()),
})

TITLES_PATIENT = {True: ("Sig.ra ", "Signora ", "Sig.ra ", "Sig.a "), False: ("Sig. ", "Signor ", "Sig. ", "Sig ")}
# (a woman doctor is often "Dott." too)
TITLES_DOCTOR = {True: ("Dott.ssa ", "Dott.ssa ", "Dr.ssa ", "Dr. ", "Prof.ssa ", "Dott. "),
                 False: ("Dott. ", "Dott. ", "Dr. ", "Dr ", "Prof. ", "Dott ")}

# The whole phrase is rendered; the span is the number in it (`split_age`).
AGES = Grammar("AGE", {
    "anni": (40, lambda rng, n: f"{n} anni"),
    "di_anni": (12, lambda rng, n: f"di {n} anni"),
    "enne": (12, lambda rng, n: f"{n}enne"),
    "anni_first": (6, lambda rng, n: f"anni {n}"),
    "aa": (5, lambda rng, n: f"{n} aa"),
    "eta": (5, lambda rng, n: f"età: {n} anni"),
    "paren": (6, lambda rng, n: f"({n} anni)"),
    "mesi": (4, lambda rng, n: f"{n * 12 + rng.randint(1, 11)} mesi" if n < 3 else f"{n} anni e {rng.randint(1, 11)} "
                                                                                    "mesi"),
    "ANNI": (2, lambda rng, n: f"{n} ANNI"),
})


def split_age(phrase: str) -> tuple[str, str, str]:
    """(before, number, after) of an age phrase: its first number."""
    found = re.search(r"\d+", phrase)
    return phrase[:found.start()], found.group(), phrase[found.end():]


_FOLD = str.maketrans("ÀÈÉÌÒÙ'", "AEEIOU ")


def _cf(rng: random.Random, p: dict | None = None, born: date | None = None) -> str:
    """A codice fiscale, built from the person's names and birth date when known."""
    if p is None:
        return generate_it_cf(rng)
    surname = p["last"].upper().translate(_FOLD).replace(" ", "")
    given = p["first"].upper().translate(_FOLD).replace(" ", "")
    surname = "".join(ch for ch in surname if ch in string.ascii_uppercase)
    given = "".join(ch for ch in given if ch in string.ascii_uppercase)
    return generate_it_cf(rng, surname, given, born, p["female"])


def _team(rng: random.Random) -> str:
    number = generate_it_team(rng)
    return weighted(rng, [(6, number), (2, " ".join(number[i:i + 5] for i in range(0, 20, 5))),
                          (1, f"{number[:10]} {number[10:]}")])


def _nosologico(rng: random.Random) -> str:
    """The stay's nosological number: the year and a progressive number."""
    year = rng.randint(2005, 2025)
    return weighted(rng, [(4, f"{year}{digits(rng, 6)}"), (2, f"{year}/{digits(rng, 6)}"),
                          (2, f"{year % 100:02d}/{digits(rng, 5)}"), (2, digits(rng, 8, "123456789"))])


IDS = {
    "cf": (lambda rng, p=None, born=None: _cf(rng, p, born), "IDNUM"),
    "team": (lambda rng, p=None, born=None: _team(rng), "HEALTHPLAN"),
    "nosologico": (lambda rng, p=None, born=None: _nosologico(rng), "IDNUM"),
    "cartella": (lambda rng, p=None, born=None: digits(rng, rng.choice((6, 7, 8)), "123456789"), "MEDICALRECORD"),
    # registration with a province's Ordine dei Medici: a number of up to 5 digits
    "ordine": (lambda rng, p=None, born=None: digits(rng, rng.choice((4, 5)), "123456789"), "LICENSE"),
    "iban": (lambda rng, p=None, born=None: rng.choice((format_iban, lambda v: v))(generate_iban(rng, "IT")),
             "ACCOUNT"),
}

# Provinces' two-letter codes, written after the town: "Bergamo (BG)".
PROVINCES = ("AG", "AL", "AN", "AR", "AT", "AV", "BA", "BG", "BI", "BL", "BO", "BR", "BS", "BZ", "CA", "CB", "CE",
             "CH", "CN", "CO", "CR", "CS", "CT", "CZ", "FE", "FG", "FI", "FR", "GE", "GR", "LE", "LI", "LT", "LU",
             "MB", "MC", "ME", "MI", "MN", "MO", "NA", "NO", "PA", "PD", "PE", "PG", "PI", "PR", "PV", "RA", "RC",
             "RE", "RM", "RN", "SA", "SI", "SP", "SS", "SV", "TA", "TN", "TO", "TP", "TR", "TS", "TV", "UD", "VA",
             "VE", "VI", "VR", "VT")
# Foreign countries of birth, as Italian documents name them.
COUNTRIES = ("Romania", "Albania", "Marocco", "Cina", "Ucraina", "Filippine", "India", "Moldavia", "Egitto",
             "Perù", "Senegal", "Tunisia", "Nigeria", "Ecuador", "Bangladesh", "Germania", "Francia", "Svizzera")


def fake(seed: int):
    """A seeded it_IT Faker. Faker builds its Italian city list from a set, so its order (and the city a seed
    draws) changed with PYTHONHASHSEED from one process to the next: the list is sorted here, once per Faker."""
    f = faker_for("it_IT", seed)
    address = f.provider("faker.providers.address")
    if "cities" not in vars(address):
        address.cities = sorted(address.cities)
    return f


__all__ = ["ABBRS", "AGES", "COUNTRIES", "DATES", "IDS", "MONTHS", "NAMES", "PHONES", "PROVINCES", "TITLES_DOCTOR",
           "TITLES_PATIENT", "WEEKDAYS", "fake", "person", "split_age"]
