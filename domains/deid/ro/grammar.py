"""Romanian surface-form grammars: how dates, phone numbers, names, ages and identifiers are written in Romania.

Written from Romanian conventions, not from any corpus: dates day-first with `.` (the usual form), `/` or `-`,
"3 martie 2021" with lower-case month names (Romanian does not capitalise them), "mart." style abbreviations; the
national numbering plan (ten digits with the trunk 0: mobiles 07xx xxx xxx, Bucharest 021/031 xxx xx xx, other
landlines 02xx/03xx xxx xxx; +40 / 0040 without the 0); names surname first in administrative fields ("POPESCU
Ion"), hyphenated given names ("Ana-Maria"), "dl./dna./d-na" and "Dr./Conf. dr./Prof. dr." titles outside the
span; ages "5 ani" / "65 de ani" (from 20 on Romanian puts "de" between number and noun); the CNP, the identity
card's series and number, the observation sheet number (FO), the health insurance card number, the doctor's
stamp code (parafă), IBAN RO.
"""

from __future__ import annotations

import random
from datetime import date

from ..langkit import Grammar, date_grammar, digits, faker_for, recase, weighted
from ..validators import cnp_check_digit, format_iban, generate_ro_cnp, iban_check_digits

MONTHS = ("ianuarie", "februarie", "martie", "aprilie", "mai", "iunie", "iulie", "august", "septembrie",
          "octombrie", "noiembrie", "decembrie")
ABBRS = ("ian.", "feb.", "mart.", "apr.", "mai", "iun.", "iul.", "aug.", "sept.", "oct.", "nov.", "dec.")

# month names are lower case in running Romanian text; capitals in headings now and then
CASINGS = ((0.75, "lower"), (0.17, "title"), (0.08, "upper"))

DATES = date_grammar("DATE", {
    "dmy_dot": (34, "{d2}.{m2}.{Y}"),
    "dmy_dot_unpadded": (6, "{d}.{m}.{Y}"),
    "dmy_dot_short": (4, "{d2}.{m2}.{y2}"),
    "dmy_slash": (10, "{d2}/{m2}/{Y}"),
    "dmy_dash": (5, "{d2}-{m2}-{Y}"),
    "long": (18, "{d} {month} {Y}"),
    "long_padded": (3, "{d2} {month} {Y}"),
    "abbr": (3, "{d} {mon} {Y}"),
    "month_year": (5, "{month} {Y}"),
    "my_dot": (3, "{m2}.{Y}"),
    "iso": (3, "{Y}-{m2}-{d2}"),
    "day_month": (3, "{d} {month}"),
    "dm_dot": (2, "{d2}.{m2}"),
    "year": (5, "{Y}"),
}, MONTHS, ABBRS, CASINGS)


def _group(number: str, sizes: tuple[int, ...], sep: str) -> str:
    out, i = [], 0
    for size in sizes:
        out.append(number[i:i + size])
        i += size
    return sep.join(out)


def _mobile(rng) -> str:
    """The 9 national digits of a mobile number: 7 then 2..9 (the 07xx networks), then 7 digits."""
    return "7" + rng.choice("2345678") + digits(rng, 7)


def _landline(rng) -> str:
    """The 9 national digits of a landline: Bucharest 21/31 + 7 digits, elsewhere 2xx/3xx + 6 digits."""
    if rng.random() < 0.35:
        return rng.choice(("21", "31")) + digits(rng, 7, "123456789")
    return rng.choice("23") + rng.choice(("30", "31", "33", "34", "35", "36", "38", "39", "40", "41", "42", "44",
                                         "45", "46", "47", "48", "49", "50", "51", "54", "55", "56", "57", "58", "59",
                                         "60", "62", "63", "64", "65", "66", "67", "68", "69")) + digits(rng, 6)


def _national(rng, mobile: bool) -> str:
    return _mobile(rng) if mobile else _landline(rng)


def _trunk(n9: str, sep: str) -> str:
    """0 + national digits, grouped as written: 07xx xxx xxx, 021 xxx xx xx, 02xx xxx xxx."""
    if n9.startswith(("21", "31")):
        return _group("0" + n9, (3, 3, 2, 2), sep)
    return _group("0" + n9, (4, 3, 3), sep)


def _slash(n9: str) -> str:
    """0 + area code, a slash, the subscriber number: 021/3456789, 0264/123456."""
    k = 2 if n9.startswith(("21", "31")) else 3
    return f"0{n9[:k]}/{n9[k:]}"


PHONES = Grammar("PHONE", {
    "trunk_space": (30, lambda rng: _trunk(_national(rng, rng.random() < 0.6), " ")),
    "plain": (20, lambda rng: "0" + _national(rng, rng.random() < 0.6)),
    "trunk_dot": (6, lambda rng: _trunk(_national(rng, rng.random() < 0.5), ".")),
    "trunk_dash": (5, lambda rng: _trunk(_national(rng, rng.random() < 0.5), "-")),
    "plus40": (14, lambda rng: "+40 " + _group(_mobile(rng), (3, 3, 3), rng.choice((" ", "")))),
    "plus40_plain": (5, lambda rng: "+40" + _national(rng, rng.random() < 0.7)),
    "0040": (3, lambda rng: "0040 " + _group(_national(rng, rng.random() < 0.5), (3, 3, 3), " ")),
    "interior": (6, lambda rng: _trunk(_landline(rng), " ") + rng.choice((" int. ", ", int. ", " interior ")) +
                 digits(rng, rng.choice((2, 3, 4)), "123456789")),
    "slash": (4, lambda rng: _slash(_landline(rng))),
})


def person(rng: random.Random, fake, female: bool | None = None) -> dict:
    """A Romanian person: given name (sometimes two, hyphenated or not), surname, sex."""
    female = rng.random() < 0.5 if female is None else female
    given = fake.first_name_female if female else fake.first_name_male
    first = given()
    roll = rng.random()
    if roll < 0.10:
        first += "-" + given()
    elif roll < 0.18:
        first += " " + given()
    return {"first": first, "last": fake.last_name(), "female": female}


def _initial(first: str) -> str:
    return "-".join(f"{part[0]}." for part in first.split()[0].split("-"))


NAMES = Grammar("NAME", {
    "first_last": (28, lambda rng, p: f"{p['first']} {p['last']}"),
    "last_first": (16, lambda rng, p: f"{p['last']} {p['first']}"),
    "upper_last_first": (10, lambda rng, p: f"{p['last'].upper()} {p['first']}"),
    "upper_full": (6, lambda rng, p: f"{p['last']} {p['first']}".upper()),
    "last": (12, lambda rng, p: p["last"]),
    "first": (5, lambda rng, p: p["first"]),
    "initial_last": (8, lambda rng, p: f"{_initial(p['first'])} {p['last']}"),
    "last_initial": (5, lambda rng, p: f"{p['last']} {_initial(p['first'])}"),
    "initials": (2, lambda rng, p: f"{p['first'][0]}.{p['last'][0]}."),
    "lower": (2, lambda rng, p: f"{p['first']} {p['last']}".lower()),
})

TITLES_PATIENT = {True: ("dna ", "dna. ", "d-na ", "doamna ", "pacienta ", "Dna. "),
                  False: ("dl ", "dl. ", "d-l ", "domnul ", "pacientul ", "Dl. ")}
_DR = ("Dr. ", "dr. ", "Conf. dr. ", "Prof. dr. ", "Dr. ", "Șef lucr. dr. ", "Dr. med. ", "medic primar dr. ")
TITLES_DOCTOR = {True: _DR, False: _DR}


def years(n: int) -> str:
    """'5 ani', '19 ani', '20 de ani', '101 de ani': Romanian puts "de" after numbers whose last two digits are 0 or
    20 and more (1 is "1 an")."""
    if n == 1:
        return "1 an"
    return f"{n} de ani" if n % 100 == 0 or n % 100 >= 20 else f"{n} ani"


AGES = Grammar("AGE", {
    "ani": (62, lambda rng, n: years(n)),
    "bare": (10, lambda rng, n: str(n)),
    "ani_short": (8, lambda rng, n: f"{n} ani"),
    "a": (4, lambda rng, n: f"{n} a"),
    "luni": (5, lambda rng, n: f"{max(2, n % 12)} luni"),
    "upper": (3, lambda rng, n: years(n).upper()),
})


def _ci(rng: random.Random) -> str:
    """An identity card: two-letter county series and six digits ("seria CJ nr. 123456" writes them apart)."""
    series = rng.choice(("AB", "AR", "AS", "BC", "BH", "BN", "BR", "BT", "BV", "BZ", "CJ", "CL", "CS", "CT", "CV",
                         "DB", "DJ", "DP", "DR", "DT", "DX", "GL", "GR", "GZ", "HD", "HR", "IF", "IL", "IS", "KX",
                         "KZ", "MH", "MM", "MS", "MX", "MZ", "NT", "OT", "PH", "PX", "RD", "RK", "RR", "RT", "SB",
                         "SJ", "SM", "SV", "TL", "TM", "TR", "VL", "VN", "VS", "XB", "XC", "XR", "XT", "XV", "XZ"))
    return f"{series}{rng.choice(('', ' '))}{digits(rng, 6, '123456789')}"


# the bank's four letters in a Romanian IBAN (the Treasury's TREZ for public hospitals), then 16 account characters
RO_BANKS = ("TREZ", "BTRL", "RNCB", "BRDE", "INGB", "RZBR", "BACX", "CECE", "PIRB", "UGBI", "OTPV", "BUCU")


def _ro_iban(rng: random.Random) -> str:
    bank = rng.choice(RO_BANKS)
    account = digits(rng, 16) if bank == "TREZ" else rng.choice(("", "", "RON")) + digits(rng, 16)
    bban = (bank + account)[:20].ljust(20, "0")
    return "RO" + iban_check_digits("RO", bban) + bban


def cnp_of(rng: random.Random, born: date, female: bool) -> str:
    """The CNP of a person born on `born`: sex and century digit (1/2 for 1900-1999, 5/6 from 2000), birth date,
    county code, serial, check digit."""
    sex = ("6" if female else "5") if born.year >= 2000 else ("2" if female else "1")
    county, serial = rng.randint(1, 52), rng.randrange(1, 1000)
    body = f"{sex}{born.year % 100:02d}{born.month:02d}{born.day:02d}{county:02d}{serial:03d}"
    return body + str(cnp_check_digit(body))


IDS = {
    "cnp": (lambda rng: generate_ro_cnp(rng), "IDNUM"),
    "ci": (_ci, "IDNUM"),
    # foaia de observație clinică generală: a running number, often with the year ("12345/2021")
    "fo": (lambda rng: rng.choice((lambda v: v, lambda v: f"{v}/{rng.randint(2005, 2025)}"))(
        digits(rng, rng.choice((4, 5, 6)), "123456789")), "MEDICALRECORD"),
    # the national health insurance card: 20 digits, the issuer prefix 80642 then the card's own digits
    "card": (lambda rng: "80642" + digits(rng, 15), "HEALTHPLAN"),
    # parafa: the doctor's stamp code (a letter or digit, then five digits)
    "parafa": (lambda rng: rng.choice("ABCDEFGHJKLMNPRSTVX123456789") + digits(rng, 5), "LICENSE"),
    "registru": (lambda rng: digits(rng, rng.choice((5, 6, 7)), "123456789"), "IDNUM"),
    "iban": (lambda rng: rng.choice((format_iban, lambda v: v))(_ro_iban(rng)), "ACCOUNT"),
}

STREET_TYPES = (("Str.", 30), ("Strada", 10), ("Bd.", 8), ("Bulevardul", 4), ("Calea", 5), ("Aleea", 6),
                ("Șos.", 4), ("Șoseaua", 2), ("Piața", 2), ("Intrarea", 2), ("Splaiul", 1), ("str.", 6))
# what follows the number in a block of flats: bloc, scară, etaj, apartament
FLATS = ("", "", "", ", bl. {b}, sc. {s}, et. {e}, ap. {a}", ", bl. {b}, ap. {a}", ", ap. {a}",
         " bl. {b} sc. {s} ap. {a}", ", bloc {b}, ap. {a}")


def street(rng: random.Random, name: str) -> tuple[str, str]:
    """(family, street) for a street name: "Str. Mihai Eminescu nr. 12, bl. A3, sc. 2, ap. 14"."""
    kind = weighted(rng, [(w, t) for t, w in STREET_TYPES])
    num = f"{rng.randint(1, 180)}{rng.choice(('', '', '', '', 'A', 'B', 'bis'))}"
    flat = rng.choice(FLATS).format(b=rng.choice(("", "A", "B", "C", "M", "P", "D")) + str(rng.randint(1, 40)),
                                    s=rng.choice(("1", "2", "3", "A", "B", "C")), e=rng.randint(1, 10),
                                    a=rng.randint(1, 120))
    family, value = weighted(rng, [
        (40, ("nr", f"{kind} {name} nr. {num}{flat}")),
        (20, ("comma_nr", f"{kind} {name}, nr. {num}{flat}")),
        (15, ("plain", f"{kind} {name} {num}{flat}")),
        (5, ("upper", f"{kind} {name} nr. {num}".upper())),
        (5, ("no_number", f"{kind} {name}")),
        (5, ("village", f"sat {name}, nr. {num}")),
    ])
    return family, value


CITIES = ("București", "Cluj-Napoca", "Iași", "Timișoara", "Constanța", "Craiova", "Brașov", "Galați", "Ploiești",
          "Oradea", "Brăila", "Arad", "Pitești", "Sibiu", "Bacău", "Târgu Mureș", "Baia Mare", "Buzău", "Botoșani",
          "Satu Mare", "Râmnicu Vâlcea", "Suceava", "Piatra Neamț", "Drobeta-Turnu Severin", "Târgoviște", "Focșani",
          "Bistrița", "Tulcea", "Reșița", "Slatina", "Călărași", "Alba Iulia", "Giurgiu", "Deva", "Hunedoara",
          "Zalău", "Sfântu Gheorghe", "Bârlad", "Vaslui", "Roman", "Turda", "Mediaș", "Slobozia", "Alexandria",
          "Voluntari", "Lugoj", "Medgidia", "Onești", "Miercurea Ciuc", "Sighetu Marmației", "Petroșani", "Mangalia",
          "Câmpina", "Fălticeni", "Dej", "Pașcani", "Caracal", "Odorheiu Secuiesc", "Sighișoara", "Vulcan")
# the county of each city above (București is in none: it has sectors)
CITY_COUNTY = {
    "Cluj-Napoca": "Cluj", "Iași": "Iași", "Timișoara": "Timiș", "Constanța": "Constanța", "Craiova": "Dolj",
    "Brașov": "Brașov", "Galați": "Galați", "Ploiești": "Prahova", "Oradea": "Bihor", "Brăila": "Brăila",
    "Arad": "Arad", "Pitești": "Argeș", "Sibiu": "Sibiu", "Bacău": "Bacău", "Târgu Mureș": "Mureș",
    "Baia Mare": "Maramureș", "Buzău": "Buzău", "Botoșani": "Botoșani", "Satu Mare": "Satu Mare",
    "Râmnicu Vâlcea": "Vâlcea", "Suceava": "Suceava", "Piatra Neamț": "Neamț", "Drobeta-Turnu Severin": "Mehedinți",
    "Târgoviște": "Dâmbovița", "Focșani": "Vrancea", "Bistrița": "Bistrița-Năsăud", "Tulcea": "Tulcea",
    "Reșița": "Caraș-Severin", "Slatina": "Olt", "Călărași": "Călărași", "Alba Iulia": "Alba", "Giurgiu": "Giurgiu",
    "Deva": "Hunedoara", "Hunedoara": "Hunedoara", "Zalău": "Sălaj", "Sfântu Gheorghe": "Covasna", "Bârlad": "Vaslui",
    "Vaslui": "Vaslui", "Roman": "Neamț", "Turda": "Cluj", "Mediaș": "Sibiu", "Slobozia": "Ialomița",
    "Alexandria": "Teleorman", "Voluntari": "Ilfov", "Lugoj": "Timiș", "Medgidia": "Constanța", "Onești": "Bacău",
    "Miercurea Ciuc": "Harghita", "Sighetu Marmației": "Maramureș", "Petroșani": "Hunedoara", "Mangalia": "Constanța",
    "Câmpina": "Prahova", "Fălticeni": "Suceava", "Dej": "Cluj", "Pașcani": "Iași", "Caracal": "Olt",
    "Odorheiu Secuiesc": "Harghita", "Sighișoara": "Mureș", "Vulcan": "Hunedoara",
}
# counties (județe): the STATE of Romanian addresses ("jud. Cluj")
COUNTIES = ("Alba", "Arad", "Argeș", "Bacău", "Bihor", "Bistrița-Năsăud", "Botoșani", "Brașov", "Brăila", "Buzău",
            "Caraș-Severin", "Călărași", "Cluj", "Constanța", "Covasna", "Dâmbovița", "Dolj", "Galați", "Giurgiu",
            "Gorj", "Harghita", "Hunedoara", "Ialomița", "Iași", "Ilfov", "Maramureș", "Mehedinți", "Mureș", "Neamț",
            "Olt", "Prahova", "Satu Mare", "Sălaj", "Sibiu", "Suceava", "Teleorman", "Timiș", "Tulcea", "Vaslui",
            "Vâlcea", "Vrancea")


def town(rng: random.Random, fake) -> str:
    """A city from our list, or a Faker locality (its "Sat (Comuna)" form without the commune now and then)."""
    if rng.random() < 0.6:
        return rng.choice(CITIES)
    city = fake.city()
    return city.split(" (")[0] if rng.random() < 0.5 else city


def fake(seed: int):
    return faker_for("ro_RO", seed)


def cased(rng: random.Random, text: str) -> str:
    return recase(rng, text, 0.08, 0.03)


__all__ = ["ABBRS", "AGES", "CITIES", "CITY_COUNTY", "COUNTIES", "DATES", "IDS", "MONTHS", "NAMES", "PHONES",
           "TITLES_DOCTOR", "TITLES_PATIENT", "cased", "cnp_of", "fake", "person", "street", "town", "years"]
