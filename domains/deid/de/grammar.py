"""German surface-form grammars: how dates, phone numbers, names, ages and identifiers are written in Germany.

Written from German conventions, not from any corpus: dates day-first with dots (DIN 5008 "12.03.2020", also
unpadded, two-digit years, without a year), "12. März 2020", "März 2020", ISO; the national numbering plan
(trunk prefix 0, area codes of 2-5 digits, mobiles 015x/016x/017x; groupings with space, slash, hyphen for the
extension, "+49 (0)"); names with hyphenated surnames and particles, "Herr/Frau/Hr./Fr." and academic titles
(never part of the span); the Krankenversichertennummer (check digit), case and patient numbers, the LANR.
Ages are the number only ("45" in "45-jährige", "45 J.").
"""

from __future__ import annotations

import random

from ..langkit import Grammar, date_grammar, digits, faker_for
from ..validators import format_iban, generate_de_kvnr, generate_iban

MONTHS = ("Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September", "Oktober",
          "November", "Dezember")
ABBRS = ("Jan.", "Feb.", "Mär.", "Apr.", "Mai", "Jun.", "Jul.", "Aug.", "Sep.", "Okt.", "Nov.", "Dez.")

DATES = date_grammar("DATE", {
    "dmy_dot": (40, "{d2}.{m2}.{Y}"),
    "dmy_dot_unpadded": (10, "{d}.{m}.{Y}"),
    "dmy_dot_short": (8, "{d2}.{m2}.{y2}"),
    "dm_dot": (6, "{d2}.{m2}."),
    "long": (12, "{d}. {month} {Y}"),
    "long_abbr": (3, "{d}. {mon} {Y}"),
    "day_month": (3, "{d}. {month}"),
    "month_year": (6, "{month} {Y}"),
    "my_slash": (4, "{m2}/{Y}"),
    "my_dot": (2, "{m2}.{Y}"),
    "iso": (3, "{Y}-{m2}-{d2}"),
    "year": (5, "{Y}"),
    "dm_dot_unpadded": (4, "{d}.{m}."),
    "my_slash_short": (4, "{m}/{y2}"),
    "dmy_slash_short": (3, "{d}/{m}/{y2}"),
    "dmy_slash": (2, "{d}/{m}/{Y}"),
    "mon_year": (2, "{mon} {Y}"),
}, MONTHS, ABBRS, casings=((0.9, "title"), (0.05, "lower"), (0.05, "upper")))

# Area codes are drawn by length (2-5 digits after the trunk 0), subscriber numbers to fill 10-11 digits.
def _area(rng: random.Random) -> str:
    size = rng.choice((2, 3, 3, 4, 4))
    return digits(rng, size, "23456789")


def _subscriber(rng: random.Random, area: str) -> str:
    return digits(rng, 10 - len(area) + rng.choice((0, 0, 1)) - 1, "123456789")


def _mobile_prefix(rng: random.Random) -> str:
    return rng.choice(("15", "16", "17")) + rng.choice("0125679")


def _landline(rng: random.Random, sep: str, ext: bool = False) -> str:
    area = _area(rng)
    sub = _subscriber(rng, area)
    if ext:
        sub = sub[:-rng.choice((1, 2, 3))] + "-" + digits(rng, rng.choice((1, 2, 3)))
    return f"0{area}{sep}{sub}"


def _pairs(number: str) -> str:
    rest = number if len(number) % 2 == 0 else number[1:]
    head = "" if len(number) % 2 == 0 else number[0]
    return head + " ".join(rest[i:i + 2] for i in range(0, len(rest), 2))


PHONES = Grammar("PHONE", {
    "space": (24, lambda rng: _landline(rng, " ")),
    "slash": (14, lambda rng: _landline(rng, "/")),
    "hyphen": (6, lambda rng: _landline(rng, "-")),
    "paren": (8, lambda rng: "(0" + _area(rng) + ") " + digits(rng, 7, "123456789")),
    "extension": (10, lambda rng: _landline(rng, " ", ext=True)),
    "plus49": (8, lambda rng: "+49 " + _area(rng) + " " + digits(rng, 7, "123456789")),
    "plus49_trunk": (4, lambda rng: "+49 (0)" + _area(rng) + " " + digits(rng, 7, "123456789")),
    "pairs": (4, lambda rng: "0" + _area(rng) + " " + _pairs(digits(rng, 7, "123456789"))),
    "mobile": (12, lambda rng: "0" + _mobile_prefix(rng) + rng.choice((" ", "/", "-", ""))
               + digits(rng, 7, "123456789")),
    "mobile_plus49": (4, lambda rng: "+49 " + _mobile_prefix(rng) + " " + digits(rng, 7, "123456789")),
    "plain": (4, lambda rng: _landline(rng, "")),
    "internal": (2, lambda rng: rng.choice(("App. ", "Durchwahl ", "Tel. intern ")) + digits(rng, 4, "1234")),
})



# A share of people in German letters carry names from elsewhere (Faker's other locales, accents kept).
FOREIGN_LOCALES = ("tr_TR", "pl_PL", "it_IT", "hr_HR", "cs_CZ", "hu_HU", "ro_RO", "uk_UA", "el_GR", "fr_FR", "en_US",
                   "nl_NL", "da_DK", "es_ES", "pt_PT", "sl_SI")
P_FOREIGN = 0.18
PARTICLES = ("von", "van", "von der", "zu", "de", "van der", "di")


def person(rng: random.Random, fake, female: bool | None = None) -> dict:
    """A German person: given name (sometimes hyphenated), surname (sometimes double or with a particle); now and
    then a name from another locale."""
    female = rng.random() < 0.5 if female is None else female
    if rng.random() < P_FOREIGN:
        fake = faker_for(rng.choice(FOREIGN_LOCALES), rng.randrange(1 << 30))
    draw = fake.first_name_female if female else fake.first_name_male
    first = draw() if rng.random() > 0.06 else f"{draw()}-{draw()}"
    last = fake.last_name()
    if rng.random() < 0.08:
        last = f"{last}-{fake.last_name()}"
    elif rng.random() < 0.04:
        last = f"{rng.choice(PARTICLES)} {last}"
    return {"first": first, "last": last, "female": female}


NAMES = Grammar("NAME", {
    "full": (34, lambda rng, p: f"{p['first']} {p['last']}"),
    "last": (26, lambda rng, p: p["last"]),
    "initial_last": (8, lambda rng, p: f"{p['first'][0]}. {p['last']}"),
    "last_comma_first": (8, lambda rng, p: f"{p['last']}, {p['first']}"),
    "upper_last": (6, lambda rng, p: f"{p['first']} {p['last'].upper()}"),
    "upper_full": (4, lambda rng, p: f"{p['first']} {p['last']}".upper()),
    "first": (6, lambda rng, p: p["first"]),
    "initials": (3, lambda rng, p: f"{p['first'][0]}.{p['last'][0]}."),
    "lower": (2, lambda rng, p: f"{p['first']} {p['last']}".lower()),
    "last_first": (6, lambda rng, p: f"{p['last']} {p['first']}"),
    "initial_only": (3, lambda rng, p: f"{p['last'][0]}."),
})

TITLES_PATIENT = {True: ("Frau ", "Fr. ", "Patientin ", "Frau "), False: ("Herr ", "Herrn ", "Hr. ", "Patient ")}
TITLES_DOCTOR = {True: ("Dr. med. ", "Frau Dr. ", "Prof. Dr. med. ", "Dr. ", "OÄ Dr. ", "Dipl.-Med. "),
                 False: ("Dr. med. ", "Herrn Dr. med. ", "Prof. Dr. ", "Dr. ", "OA Dr. med. ", "PD Dr. med. ")}

# The whole phrase is rendered; the span is the number in it (`split_age`).
AGES = Grammar("AGE", {
    "jaehrige": (30, lambda rng, n: f"{n}-jährige"),
    "jaehriger": (16, lambda rng, n: f"{n}-jähriger"),
    "J": (14, lambda rng, n: f"{n} J."),
    "Jahre": (14, lambda rng, n: f"{n} Jahre"),
    "Jahre_alt": (10, lambda rng, n: f"{n} Jahre alt"),
    "im_Alter": (6, lambda rng, n: f"im Alter von {n} Jahren"),
    "LJ": (6, lambda rng, n: f"im {n}. Lebensjahr"),
    "jaehrig_glued": (6, lambda rng, n: f"{n}jährige"),
    "jaehr_abbr": (4, lambda rng, n: f"{n}{rng.choice(('-', ''))}jähr."),
    "j_abbr": (4, lambda rng, n: f"{n}-j."),
    "jaehrige_space": (3, lambda rng, n: f"{n} jährige"),
    "J_alt": (4, lambda rng, n: f"{n} J. alt"),
    "Lj_abbr": (2, lambda rng, n: f"{n}. Lj."),
})


def split_age(phrase: str, n: int) -> tuple[str, str, str]:
    """(before, number, after) of an age phrase."""
    at = phrase.index(str(n))
    return phrase[:at], str(n), phrase[at + len(str(n)):]


def _lanr(rng: random.Random) -> str:
    """Lebenslange Arztnummer: 6 digits, a check digit (weights 4 and 9 alternating; 10 minus the last digit of
    the sum, 0 for 10), 2 digits for the speciality."""
    six = digits(rng, 6, "123456789")
    check = (10 - sum(int(d) * (4 if i % 2 == 0 else 9) for i, d in enumerate(six)) % 10) % 10
    return f"{six}{check}{digits(rng, 2)}"


IDS = {
    "kvnr": (lambda rng: generate_de_kvnr(rng), "HEALTHPLAN"),
    "fallnummer": (lambda rng: digits(rng, rng.choice((8, 9, 10)), "123456789"), "IDNUM"),
    "patientennummer": (lambda rng: digits(rng, rng.choice((6, 7, 8)), "123456789"), "MEDICALRECORD"),
    "lanr": (_lanr, "LICENSE"),
    "iban": (lambda rng: rng.choice((format_iban, lambda v: v))(generate_iban(rng, "DE")), "ACCOUNT"),
}


def fake(seed: int):
    return faker_for("de_DE", seed)


__all__ = ["ABBRS", "AGES", "DATES", "IDS", "MONTHS", "NAMES", "PHONES", "TITLES_DOCTOR", "TITLES_PATIENT", "fake",
           "person", "split_age"]
