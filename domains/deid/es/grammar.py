"""Spanish surface-form grammars: how dates, phone numbers, names, ages and identifiers are written in Spain.

Written from Spanish conventions, not from any corpus: dates day-first with `/`, `-` or `.`, "12 de marzo de
2020", month names in three casings; the national numbering plan (nine digits, landlines from 8/9, mobiles from
6/7, grouped 3-3-3 or 2-3-2-2, with +34 / 0034); two surnames, "D./Dña./Dr./Dra." titles, initials; DNI/NIE,
the social security number (NASS, 12 digits), the clinical history number (NHC), the colegiado number.
"""

from __future__ import annotations

import random

from ..langkit import Grammar, date_grammar, digits, faker_for, recase, weighted
from ..validators import generate_es_dni, generate_es_nie, generate_iban, format_iban
from .lexicon import REGNAL, STREET_TYPES

MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre", "octubre",
          "noviembre", "diciembre")
ABBRS = ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic")

DATES = date_grammar("DATE", {
    "dmy_slash": (30, "{d2}/{m2}/{Y}"),
    "dmy_slash_unpadded": (8, "{d}/{m}/{Y}"),
    "dmy_slash_short": (6, "{d2}/{m2}/{y2}"),
    "dmy_dash": (8, "{d2}-{m2}-{Y}"),
    "dmy_dot": (4, "{d2}.{m2}.{Y}"),
    "long": (16, "{d} de {month} de {Y}"),
    "long_del": (3, "{d} de {month} del {Y}"),
    "day_month": (6, "{d} de {month}"),
    "month_year": (6, "{month} de {Y}"),
    "month_year_del": (2, "{month} del {Y}"),
    "abbr_dash": (3, "{d2}-{mon}-{Y}"),
    "abbr_space": (2, "{d} {mon} {Y}"),
    "month_dash": (2, "{d}-{month}-{Y}"),
    "dmy_dash_short": (3, "{d}-{m2}-{y2}"),
    "dmy_slash_unpadded_short": (2, "{d}/{m}/{y2}"),
    "my_slash": (3, "{m2}/{Y}"),
    # month and two-digit year joined by a hyphen, as in chronologies of a long illness ("marzo-09", "sep-04"),
    # a month and year with no "de", a year after "año" (the word is part of the date)
    "month_dash_y2": (3, "{month}-{y2}"),
    "mon_dash_y2": (2, "{mon}-{y2}"),
    "month_space_year": (3, "{month} {Y}"),
    "anio": (3, "año {Y}"),
    "iso": (2, "{Y}-{m2}-{d2}"),
    "year": (5, "{Y}"),
}, MONTHS, ABBRS)


def _mobile(rng):
    return digits(rng, 9, "67")


def _landline(rng):
    return digits(rng, 1, "89") + digits(rng, 8)


def _group(number: str, sizes: tuple[int, ...], sep: str) -> str:
    out, i = [], 0
    for size in sizes:
        out.append(number[i:i + size])
        i += size
    return sep.join(out)


PHONES = Grammar("PHONE", {
    "333_space": (30, lambda rng: _group(weighted(rng, [(1, _mobile(rng)), (1, _landline(rng))]), (3, 3, 3), " ")),
    "plain": (20, lambda rng: weighted(rng, [(1, _mobile(rng)), (1, _landline(rng))])),
    "2322_space": (12, lambda rng: _group(_landline(rng), (2, 3, 2, 2), " ")),
    "333_dash": (6, lambda rng: _group(_mobile(rng), (3, 3, 3), "-")),
    "33_dot": (4, lambda rng: _group(_landline(rng), (3, 2, 2, 2), ".")),
    "plus34": (12, lambda rng: "+34 " + _group(_mobile(rng), (3, 3, 3), rng.choice((" ", "")))),
    "plus34_paren": (4, lambda rng: "(+34) " + _landline(rng)),
    "0034": (4, lambda rng: "0034 " + _group(_landline(rng), (3, 3, 3), " ")),
    "extension": (4, lambda rng: _group(_landline(rng), (3, 3, 3), " ") + rng.choice((" ext. ", " Ext ")) +
                  digits(rng, rng.choice((3, 4)))),
    "pager": (4, lambda rng: rng.choice(("busca ", "Busca: ")) + digits(rng, rng.choice((3, 4, 5)), "123456789")),
})


def person(rng: random.Random, fake, female: bool | None = None) -> dict:
    """A Spanish person: given name (sometimes two), two surnames, sex."""
    female = rng.random() < 0.5 if female is None else female
    first = fake.first_name_female() if female else fake.first_name_male()
    if rng.random() < 0.12:
        first += " " + (fake.first_name_female() if female else fake.first_name_male())
    return {"first": first, "last1": fake.last_name(), "last2": fake.last_name(), "female": female}


def _initials(p: dict) -> str:
    return " ".join(f"{part[0]}." for part in (p["first"].split()[0], p["last1"], p["last2"]))


NAMES = Grammar("NAME", {
    "full": (30, lambda rng, p: f"{p['first']} {p['last1']} {p['last2']}"),
    "first_last1": (14, lambda rng, p: f"{p['first']} {p['last1']}"),
    "surnames": (10, lambda rng, p: f"{p['last1']} {p['last2']}"),
    "last1": (8, lambda rng, p: p["last1"]),
    "first": (6, lambda rng, p: p["first"]),
    "initial_last": (6, lambda rng, p: f"{p['first'][0]}. {p['last1']}"),
    "initials": (4, lambda rng, p: _initials(p)),
    "upper_full": (6, lambda rng, p: f"{p['first']} {p['last1']} {p['last2']}".upper()),
    "last_comma_first": (5, lambda rng, p: f"{p['last1']} {p['last2']}, {p['first']}"),
    "lower": (2, lambda rng, p: f"{p['first']} {p['last1']}".lower()),
    "hyphenated": (3, lambda rng, p: f"{p['first']} {p['last1']}-{p['last2']}"),
})

TITLES_PATIENT = {True: ("Dña. ", "Doña ", "Sra. ", "la Sra. ", "paciente "), False: ("D. ", "Don ", "Sr. ", "el Sr. ")}
TITLES_DOCTOR = {True: ("Dra. ", "la Dra. ", "Dra ", "Doctora "), False: ("Dr. ", "el Dr. ", "Dr ", "Doctor ")}

_UNITS = ("cero uno dos tres cuatro cinco seis siete ocho nueve diez once doce trece catorce quince dieciséis "
          "diecisiete dieciocho diecinueve veinte veintiuno veintidós veintitrés veinticuatro veinticinco veintiséis "
          "veintisiete veintiocho veintinueve").split()
_TENS = {3: "treinta", 4: "cuarenta", 5: "cincuenta", 6: "sesenta", 7: "setenta", 8: "ochenta", 9: "noventa"}


def number_words(n: int) -> str:
    """Spanish number words for 0-99 ("treinta y dos")."""
    if n < 30:
        return _UNITS[n]
    tens, unit = divmod(n, 10)
    return _TENS[tens] + (f" y {_UNITS[unit]}" if unit else "")


# The value is the number and its unit ("45 años", "tres meses"); "de edad" / "de vida" after it is not part of the
# age (genres.AGE_TAILS writes it outside the span).
AGES = Grammar("AGE", {
    "anos": (56, lambda rng, n: f"{n} años"),
    "bare": (8, lambda rng, n: str(n)),
    "a": (6, lambda rng, n: f"{n} a"),
    "meses": (5, lambda rng, n: f"{max(1, n % 24)} meses"),
    "words": (8, lambda rng, n: f"{number_words(n)} años"),
    "words_meses": (3, lambda rng, n: f"{number_words(max(2, n % 24))} meses"),
    "mes_y_medio": (1, lambda rng, n: rng.choice(("un mes y medio", "año y medio", "dos años y medio"))),
    "anos_y_meses": (2, lambda rng, n: f"{n % 16 + 1} años y {rng.randint(1, 11)} meses"),
    "dias": (2, lambda rng, n: f"{n % 28 + 2} días"),
    "anos_upper": (2, lambda rng, n: f"{n} AÑOS"),
})

IDS = {
    "dni": (lambda rng: rng.choice((lambda v: v, lambda v: f"{v[:8]}-{v[8]}"))(generate_es_dni(rng)), "IDNUM"),
    "nie": (lambda rng: generate_es_nie(rng), "IDNUM"),
    "nhc": (lambda rng: digits(rng, rng.choice((6, 7, 8)), "123456789"), "MEDICALRECORD"),
    # NASS: 2-digit province + 8-digit number + 2 control digits (mod 97 of the first ten)
    "nass": (lambda rng: _nass(rng), "HEALTHPLAN"),
    "tis": (lambda rng: "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZ") for _ in range(4)) + digits(rng, 12),
            "HEALTHPLAN"),
    # número de colegiado: the province's two digits (often twice: college and province) and the member number
    "colegiado": (lambda rng: _colegiado(rng), "LICENSE"),
    "episodio": (lambda rng: digits(rng, rng.choice((7, 8, 10)), "123456789"), "IDNUM"),
    "iban": (lambda rng: rng.choice((format_iban, lambda v: v))(generate_iban(rng, "ES")), "ACCOUNT"),
}


def _colegiado(rng: random.Random) -> str:
    province = f"{rng.randint(1, 52):02d}"
    number = digits(rng, rng.choice((5, 5, 6)), "123456789")
    return weighted(rng, [(4, f"{province} {province} {number}"), (2, f"{province}{province}{number}"),
                          (2, f"{province}/{province}/{number}"), (2, f"{province} {number}"), (1, number)])


def _nass(rng: random.Random) -> str:
    province, number = rng.randint(1, 52), rng.randrange(10_000_000, 100_000_000)
    control = int(f"{province:02d}{number:08d}") % 97
    return rng.choice(("{p} {n} {c}", "{p}/{n}/{c}", "{p}{n}{c}")).format(p=f"{province:02d}", n=f"{number:08d}",
                                                                        c=f"{control:02d}")


STREETS = Grammar("STREET", {
    "faker_comma": (24, lambda rng, faker, name, num, city, floor: f"{faker}, {num}{floor}"),
    "faker_plain": (10, lambda rng, faker, name, num, city, floor: f"{faker} {num}"),
    "c_slash": (16, lambda rng, faker, name, num, city, floor: f"C/ {name} {num}{floor}"),
    "c_slash_comma": (8, lambda rng, faker, name, num, city, floor: f"C/ {name}, {num}"),
    "calle_no": (10, lambda rng, faker, name, num, city, floor: f"Calle {name}, nº {num}{floor}"),
    "avda": (10, lambda rng, faker, name, num, city, floor: f"{rng.choice(('Avda.', 'Avenida', 'Av.'))} "
                                                            f"{rng.choice(('de ' + city, name))}, {num}"),
    "plaza": (6, lambda rng, faker, name, num, city, floor: f"{rng.choice(('Plaza', 'Pza.', 'Plaza de'))} "
                                                            f"{name} {num}"),
    "sn": (4, lambda rng, faker, name, num, city, floor: f"{rng.choice(('Calle', 'Camino', 'Carretera'))} {name} s/n"),
    "upper": (4, lambda rng, faker, name, num, city, floor: f"C/ {name} {num}".upper()),
    "paseo_ronda": (8, lambda rng, faker, name, num, city, floor: rng.choice(("Paseo", "Ronda", "Travesía", "Camino"))
                    + f" de {name} {num}{floor}"),
    "title_street": (4, lambda rng, faker, name, num, city, floor: rng.choice(("Calle", "C/", "Avenida")) + " del "
                     + rng.choice(("Dr.", "Doctor", "General", "Maestro")) + f" {name.split()[-1]}, {num}{floor}"),
    "carretera_km": (4, lambda rng, faker, name, num, city, floor: f"{rng.choice(('Ctra.', 'Carretera'))} "
                                                                   f"{rng.choice((city, name))} [km|Km] "
                                                                   f"{rng.randint(1, 40)},{rng.randint(1, 9)}"
                     .replace("[km|Km]", rng.choice(("km", "Km")))),
    "lower_name": (5, lambda rng, faker, name, num, city, floor: f"{rng.choice(('Av.', 'C/', 'Calle'))} "
                                                                 f"{name[:1]}{name[1:].lower()} {num}{floor}"),
    # any street type or abbreviation (lexicon.STREET_TYPES), the number after "nº", "núm." or "n.º" now and then
    "typed": (14, lambda rng, faker, name, num, city, floor: f"{rng.choice(STREET_TYPES)} "
                                                             f"{rng.choice(('', '', 'de ', 'del '))}{name}"
                                                             f"{rng.choice((', ', ' ', ', nº ', ' núm. ', ', n.º '))}"
                                                             f"{num}{floor}"),
    "regnal": (5, lambda rng, faker, name, num, city, floor: f"{rng.choice(STREET_TYPES)} {rng.choice(REGNAL)}"
                                                              f"{rng.choice((', ', ' '))}{num}{floor}"),
})


# Towns composed the way Spanish place names are (article, saint, "de", a river or a noble title), beside Faker's.
TOWN_HEADS = ("Villar", "Torre", "Puebla", "Fuente", "Castillo", "Valle", "Aldea", "Puerto", "Vega", "Navas",
              "Villanueva", "Villafranca", "Quintana", "Cabezas", "Olmeda", "Alameda", "Mota", "Hinojosa", "Robledo",
              "Pozuelo")
TOWN_TAILS = ("del Río", "del Monte", "Real", "del Rey", "del Conde", "de la Sierra", "del Mar", "de Arriba",
              "del Valle", "de los Olivos", "del Pinar", "de la Frontera", "de Abajo", "del Arroyo")


def town(rng: random.Random, fake) -> str:
    roll = rng.random()
    if roll < 0.55:
        return fake.city()
    if roll < 0.75:
        return f"{rng.choice(TOWN_HEADS)} {rng.choice(TOWN_TAILS)}"
    if roll < 0.88:
        return f"{rng.choice(TOWN_HEADS)} de {fake.last_name()}"
    return rng.choice(("San ", "Santa ", "El ", "La ")) + rng.choice((fake.last_name(), rng.choice(TOWN_HEADS)))


def fake(seed: int):
    return faker_for("es_ES", seed)


def cased(rng: random.Random, text: str) -> str:
    return recase(rng, text, 0.08, 0.03)


__all__ = ["ABBRS", "AGES", "DATES", "IDS", "MONTHS", "NAMES", "PHONES", "STREETS", "TITLES_DOCTOR", "TITLES_PATIENT",
           "fake",
           "person"]
