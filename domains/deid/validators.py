"""National identifiers with check digits: a validator and a generator for each, for every language.

Language-independent and standard-library only (so that a rules component or a surrogate operator can carry a
copy). A validator takes the identifier as written (spaces and hyphens allowed where the number is usually
grouped) and says whether its checksum holds; a generator draws a valid number from a `random.Random`, for
synthesis and for surrogates that must keep a valid checksum.

| name      | identifier                                    | check                                             |
|-----------|-----------------------------------------------|---------------------------------------------------|
| iban      | IBAN (ISO 13616), any country in IBAN_LENGTHS | ISO 7064 mod 97-10 over BBAN + country + digits   |
| es_dni    | Spanish DNI (8 digits + letter)               | letter = table[number mod 23]                     |
| es_nie    | Spanish NIE (X/Y/Z + 7 digits + letter)       | as DNI with X=0, Y=1, Z=2 in front                |
| de_kvnr   | German Krankenversichertennummer (A123456780) | letter as 01..26, weights 1-2-1-2..., digit sums  |
| fr_nir    | French NIR (13 digits + 2-digit key)          | key = 97 - (number mod 97); 2A/2B as 19/18        |
| it_cf     | Italian codice fiscale (16 characters)        | odd/even position tables, sum mod 26 as a letter  |
| ro_cnp    | Romanian CNP (13 digits)                      | weights 279146358279, sum mod 11 (10 -> 1)        |
| tr_tckn   | Turkish T.C. Kimlik No (11 digits)            | d10, d11 from the odd/even digit sums             |
| sa_nid    | Saudi national id / iqama (10 digits, 1 or 2) | Luhn                                              |
| ae_eid    | Emirates ID (784-YYYY-NNNNNNN-C)              | Luhn over the 15 digits                           |
| eg_nid    | Egyptian national id (14 digits)              | structure only (century, birth date, governorate, |
|           |                                               | sequence); the check digit is not verified        |
"""

from __future__ import annotations

import random
import re
import string
from datetime import date
from typing import Callable

_SEPARATORS = re.compile(r"[\s\-.]")


def _compact(text: str) -> str:
    return _SEPARATORS.sub("", text.strip()).upper()


# ---------------------------------------------------------------- IBAN
# Total length and BBAN layout per country (n digits, a letters, c letters or digits), after ISO 13616's registry.
IBAN_LENGTHS = {"DE": 22, "ES": 24, "FR": 27, "IT": 27, "RO": 24, "TR": 26, "AT": 20, "CH": 21, "BE": 16,
                "NL": 18, "PT": 25, "GB": 22, "SA": 24, "AE": 23, "EG": 29}
IBAN_BBAN = {"DE": "18n", "ES": "20n", "FR": "10n11c2n", "IT": "1a10n12c", "RO": "4a16c", "TR": "5n1n16c",
             "AT": "16n", "CH": "5n12c", "BE": "12n", "NL": "4a10n", "PT": "21n", "GB": "4a14n", "SA": "2n18c",
             "AE": "3n16n", "EG": "4n4n17n"}
_IBAN_RX = re.compile(r"^[A-Z]{2}\d{2}[A-Z0-9]{10,30}$")


def _iban_mod97(text: str) -> int:
    """ISO 7064 mod 97-10 of an IBAN-ordered string (letters as 10..35)."""
    return int("".join(str(int(ch, 36)) for ch in text)) % 97


def valid_iban(text: str) -> bool:
    s = _compact(text)
    if not _IBAN_RX.match(s) or (s[:2] in IBAN_LENGTHS and len(s) != IBAN_LENGTHS[s[:2]]):
        return False
    return _iban_mod97(s[4:] + s[:4]) == 1


def _draw(layout: str, rng: random.Random) -> str:
    out = []
    for count, kind in re.findall(r"(\d+)([nac])", layout):
        pool = {"n": string.digits, "a": string.ascii_uppercase, "c": string.ascii_uppercase + string.digits}[kind]
        out.extend(rng.choice(pool) for _ in range(int(count)))
    return "".join(out)


def iban_check_digits(country: str, bban: str) -> str:
    return f"{98 - _iban_mod97(bban + country + '00'):02d}"


def generate_iban(rng: random.Random, country: str = "DE") -> str:
    bban = _draw(IBAN_BBAN[country], rng)
    return country + iban_check_digits(country, bban) + bban


def format_iban(iban: str) -> str:
    """The printed form: groups of four characters."""
    s = _compact(iban)
    return " ".join(s[i:i + 4] for i in range(0, len(s), 4))


# ---------------------------------------------------------------- Spain: DNI, NIE
DNI_LETTERS = "TRWAGMYFPDXBNJZSQVHLCKE"
_DNI_RX = re.compile(r"^\d{8}[A-Z]$")
_NIE_RX = re.compile(r"^[XYZ]\d{7}[A-Z]$")


def valid_es_dni(text: str) -> bool:
    s = _compact(text)
    return bool(_DNI_RX.match(s)) and DNI_LETTERS[int(s[:8]) % 23] == s[8]


def valid_es_nie(text: str) -> bool:
    s = _compact(text)
    return bool(_NIE_RX.match(s)) and DNI_LETTERS[int(f"{'XYZ'.index(s[0])}{s[1:8]}") % 23] == s[8]


def generate_es_dni(rng: random.Random) -> str:
    number = rng.randrange(1_000_000, 100_000_000)
    return f"{number:08d}{DNI_LETTERS[number % 23]}"


def generate_es_nie(rng: random.Random) -> str:
    prefix, number = rng.randrange(3), rng.randrange(10_000_000)
    return f"{'XYZ'[prefix]}{number:07d}{DNI_LETTERS[int(f'{prefix}{number:07d}') % 23]}"


# ---------------------------------------------------------------- Germany: Krankenversichertennummer
_KVNR_RX = re.compile(r"^[A-Z]\d{9}$")


def _digit_sum(n: int) -> int:
    return n // 10 + n % 10


def kvnr_check_digit(letter: str, digits8: str) -> int:
    """The letter as its two-digit alphabet position, then the 8 digits; weights 1,2,1,2...; digit sums of
    the products; the total mod 10."""
    number = f"{ord(letter) - ord('A') + 1:02d}{digits8}"
    return sum(_digit_sum(int(d) * (1 if i % 2 == 0 else 2)) for i, d in enumerate(number)) % 10


def valid_de_kvnr(text: str) -> bool:
    s = _compact(text)
    return bool(_KVNR_RX.match(s)) and kvnr_check_digit(s[0], s[1:9]) == int(s[9])


def generate_de_kvnr(rng: random.Random) -> str:
    letter = rng.choice(string.ascii_uppercase)
    digits = f"{rng.randrange(100_000_000):08d}"
    return f"{letter}{digits}{kvnr_check_digit(letter, digits)}"


# ---------------------------------------------------------------- France: NIR (numéro de sécurité sociale)
_NIR_RX = re.compile(r"^[12]\d{4}(?:\d{2}|2A|2B)\d{6}\d{2}$")


def _nir_number(body13: str) -> int:
    """The 13-character NIR body as a number; Corsica's 2A / 2B count as 19 / 18 (after the 1976 split)."""
    return int(body13.replace("2A", "19").replace("2B", "18")) if body13[5:7] in ("2A", "2B") else int(body13)


def nir_key(body13: str) -> int:
    return 97 - _nir_number(body13) % 97


def valid_fr_nir(text: str) -> bool:
    s = _compact(text)
    # months 01-12, or 20-42 / 50-99 where the birth month is unknown (INSEE's fictitious months)
    month_ok = 1 <= int(s[3:5]) <= 12 or 20 <= int(s[3:5]) <= 42 or 50 <= int(s[3:5]) <= 99
    return bool(_NIR_RX.match(s)) and month_ok and nir_key(s[:13]) == int(s[13:])


def generate_fr_nir(rng: random.Random) -> str:
    dept = rng.choice([f"{d:02d}" for d in range(1, 96) if d != 20] + ["2A", "2B"])
    body = (f"{rng.choice('12')}{rng.randrange(100):02d}{rng.randrange(1, 13):02d}{dept}"
            f"{rng.randrange(1, 990):03d}{rng.randrange(1, 1000):03d}")
    return f"{body}{nir_key(body):02d}"


def format_fr_nir(nir: str) -> str:
    """The printed form: 1 85 05 78 006 084 36."""
    s = _compact(nir)
    return " ".join((s[0], s[1:3], s[3:5], s[5:7], s[7:10], s[10:13], s[13:15]))


# ---------------------------------------------------------------- Italy: codice fiscale
_CF_ODD = dict(zip(string.digits + string.ascii_uppercase,
                   [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12,
                    14, 16, 10, 22, 25, 24, 23]))
_CF_EVEN = {**{d: int(d) for d in string.digits}, **{c: i for i, c in enumerate(string.ascii_uppercase)}}
CF_MONTHS = "ABCDEHLMPRST"
_CF_RX = re.compile(r"^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$")


def cf_check_char(body15: str) -> str:
    """Odd positions (1st, 3rd, ...) through the odd table, even ones through the even table; sum mod 26."""
    total = sum((_CF_ODD if i % 2 == 0 else _CF_EVEN)[ch] for i, ch in enumerate(body15))
    return string.ascii_uppercase[total % 26]


def valid_it_cf(text: str) -> bool:
    s = _compact(text)
    return bool(_CF_RX.match(s)) and cf_check_char(s[:15]) == s[15]


_CONSONANTS = "BCDFGHJKLMNPQRSTVWXYZ"


def _cf_code(name: str, given: bool) -> str:
    letters = [c for c in name.upper() if c in string.ascii_uppercase]
    cons = [c for c in letters if c in _CONSONANTS]
    if given and len(cons) >= 4:
        cons = [cons[0], cons[2], cons[3]]
    return ("".join(cons) + "".join(c for c in letters if c not in _CONSONANTS) + "XXX")[:3]


def generate_it_cf(rng: random.Random, surname: str = "", given: str = "", born: date | None = None,
                   female: bool | None = None) -> str:
    """A codice fiscale; surname, given name and birth date are drawn when not given (ASCII letters count)."""
    surname = surname or "".join(rng.choice(string.ascii_uppercase) for _ in range(rng.randint(4, 9)))
    given = given or "".join(rng.choice(string.ascii_uppercase) for _ in range(rng.randint(4, 8)))
    born = born or date(rng.randint(1930, 2015), rng.randint(1, 12), rng.randint(1, 28))
    female = rng.random() < 0.5 if female is None else female
    place = f"{rng.choice('ABCDEFGHILM')}{rng.randrange(1, 1000):03d}"
    body = (_cf_code(surname, False) + _cf_code(given, True) + f"{born.year % 100:02d}" + CF_MONTHS[born.month - 1]
            + f"{born.day + (40 if female else 0):02d}" + place)
    return body + cf_check_char(body)


# ---------------------------------------------------------------- Romania: CNP
_CNP_WEIGHTS = "279146358279"
_CNP_CENTURY = {"1": 1900, "2": 1900, "3": 1800, "4": 1800, "5": 2000, "6": 2000, "7": 1900, "8": 1900}


def cnp_check_digit(body12: str) -> int:
    rest = sum(int(d) * int(w) for d, w in zip(body12, _CNP_WEIGHTS)) % 11
    return 1 if rest == 10 else rest


def _real_date(year: int, month: int, day: int) -> bool:
    try:
        date(year, month, day)
    except ValueError:
        return False
    return True


def valid_ro_cnp(text: str) -> bool:
    s = _compact(text)
    if not (len(s) == 13 and s.isdigit() and s[0] in _CNP_CENTURY):
        return False
    if not _real_date(_CNP_CENTURY[s[0]] + int(s[1:3]), int(s[3:5]), int(s[5:7])) or not 1 <= int(s[7:9]) <= 52:
        return False
    return cnp_check_digit(s[:12]) == int(s[12])


def generate_ro_cnp(rng: random.Random) -> str:
    sex = rng.choice("1256")
    born = date(_CNP_CENTURY[sex] + rng.randrange(100) if sex in "12" else 2000 + rng.randrange(25),
                rng.randint(1, 12), rng.randint(1, 28))
    county, serial = rng.randint(1, 52), rng.randrange(1, 1000)
    body = f"{sex}{born.year % 100:02d}{born.month:02d}{born.day:02d}{county:02d}{serial:03d}"
    return body + str(cnp_check_digit(body))


# ---------------------------------------------------------------- Turkey: T.C. Kimlik No
def tckn_check_digits(first9: str) -> str:
    d = [int(c) for c in first9]
    tenth = (7 * sum(d[0:9:2]) - sum(d[1:8:2])) % 10
    return f"{tenth}{(sum(d) + tenth) % 10}"


def valid_tr_tckn(text: str) -> bool:
    s = _compact(text)
    return len(s) == 11 and s.isdigit() and s[0] != "0" and tckn_check_digits(s[:9]) == s[9:]


def generate_tr_tckn(rng: random.Random) -> str:
    first9 = f"{rng.randint(1, 9)}{rng.randrange(100_000_000):08d}"
    return first9 + tckn_check_digits(first9)


# ---------------------------------------------------------------- Saudi Arabia, UAE, Egypt (branch rota, issue 18)
# Each accepts Western or Arabic-Indic digits (٠-٩, and the Persian forms ۰-۹).
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def _ascii_digits(text: str) -> str:
    return _compact(text.translate(_ARABIC_DIGITS))


def luhn_check_digit(body: str) -> int:
    """The Luhn digit for `body`: from the right, every other digit (starting with the last) doubled and its
    digits summed."""
    total = sum(_digit_sum(int(d) * 2) if i % 2 == 0 else int(d) for i, d in enumerate(reversed(body)))
    return (10 - total % 10) % 10


def _luhn_ok(number: str) -> bool:
    return luhn_check_digit(number[:-1]) == int(number[-1])


def valid_sa_nid(text: str) -> bool:
    """Saudi national id (1...) or iqama (2...): 10 digits, Luhn."""
    s = _ascii_digits(text)
    return len(s) == 10 and s.isascii() and s.isdigit() and s[0] in "12" and _luhn_ok(s)


def generate_sa_nid(rng: random.Random, resident: bool | None = None) -> str:
    resident = rng.random() < 0.35 if resident is None else resident
    body = ("2" if resident else "1") + f"{rng.randrange(100_000_000):08d}"
    return body + str(luhn_check_digit(body))


_EID_RX = re.compile(r"^784\d{12}$")


def valid_ae_eid(text: str) -> bool:
    """Emirates ID, 784-YYYY-NNNNNNN-C: 15 digits, 784 (the UAE's ISO 3166 number), a birth year, a serial, Luhn."""
    s = _ascii_digits(text)
    return bool(_EID_RX.match(s)) and 1900 <= int(s[3:7]) <= 2099 and _luhn_ok(s)


def generate_ae_eid(rng: random.Random, year: int | None = None) -> str:
    body = f"784{year or rng.randint(1940, 2023)}{rng.randrange(10_000_000):07d}"
    return body + str(luhn_check_digit(body))


def format_ae_eid(eid: str) -> str:
    """The printed form: 784-1985-1234567-1."""
    s = _ascii_digits(eid)
    return f"{s[:3]}-{s[3:7]}-{s[7:14]}-{s[14]}"


# Egyptian governorate codes (digits 8-9 of the national id); 88 = born abroad.
EG_GOVERNORATES = frozenset({1, 2, 3, 4, 11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 22, 23, 24, 25, 26, 27, 28, 29, 31,
                             32, 33, 34, 35, 88})
_EG_CENTURY = {"2": 1900, "3": 2000}


def valid_eg_nid(text: str) -> bool:
    """Egyptian national id, 14 digits: century (2 = 1900s, 3 = 2000s), birth date YYMMDD, governorate code,
    a 4-digit sequence (its last digit odd for men, even for women), a check digit. STRUCTURE ONLY: the check
    digit's rule is not published, so the 14th digit is not verified (any digit passes)."""
    s = _ascii_digits(text)
    if not (len(s) == 14 and s.isascii() and s.isdigit() and s[0] in _EG_CENTURY):
        return False
    return (_real_date(_EG_CENTURY[s[0]] + int(s[1:3]), int(s[3:5]), int(s[5:7]))
            and int(s[7:9]) in EG_GOVERNORATES and s[9:13] != "0000")


def generate_eg_nid(rng: random.Random, born: date | None = None, female: bool | None = None) -> str:
    born = born or date(rng.randint(1930, 2020), rng.randint(1, 12), rng.randint(1, 28))
    female = rng.random() < 0.5 if female is None else female
    century = "2" if born.year < 2000 else "3"
    seq = f"{rng.randrange(1, 1000):03d}{rng.choice('02468' if female else '13579')}"
    gov = rng.choice(sorted(EG_GOVERNORATES))
    return f"{century}{born.year % 100:02d}{born.month:02d}{born.day:02d}{gov:02d}{seq}{rng.randrange(10)}"


# validators that check a number's structure but no check digit: a changed last digit still passes
STRUCTURE_ONLY = frozenset({"eg_nid"})

VALIDATORS: dict[str, Callable[[str], bool]] = {
    "iban": valid_iban, "es_dni": valid_es_dni, "es_nie": valid_es_nie, "de_kvnr": valid_de_kvnr,
    "fr_nir": valid_fr_nir, "it_cf": valid_it_cf, "ro_cnp": valid_ro_cnp, "tr_tckn": valid_tr_tckn,
    # branch rota (issue 18)
    "sa_nid": valid_sa_nid, "ae_eid": valid_ae_eid, "eg_nid": valid_eg_nid,
}
GENERATORS: dict[str, Callable[..., str]] = {
    "iban": generate_iban, "es_dni": generate_es_dni, "es_nie": generate_es_nie, "de_kvnr": generate_de_kvnr,
    "fr_nir": generate_fr_nir, "it_cf": generate_it_cf, "ro_cnp": generate_ro_cnp, "tr_tckn": generate_tr_tckn,
    # branch rota (issue 18)
    "sa_nid": generate_sa_nid, "ae_eid": generate_ae_eid, "eg_nid": generate_eg_nid,
}

__all__ = ["EG_GOVERNORATES", "GENERATORS", "IBAN_LENGTHS", "STRUCTURE_ONLY", "VALIDATORS", "format_ae_eid",
           "format_fr_nir", "format_iban", "luhn_check_digit"] + \
    [f.__name__ for f in (*VALIDATORS.values(), *GENERATORS.values())]


# ---------------------------------------------------------------- French and Italian additions (issue 18)
# | it_team | Italian tessera sanitaria: the TEAM card number | 20 digits: 80 (health, ISO/IEC 7812) 380 (Italy),  |
# |         | (numero di identificazione della tessera)       | issuer and region, serial; the last digit is the    |
# |         |                                                 | Luhn check of the first 19 (ISO/IEC 7812 card rule) |
# The Luhn rule is the one ISO/IEC 7812 prescribes for card numbers; we found no published Italian statement of the
# TEAM number's check, so a real card whose last digit is not a Luhn digit would be rejected here.
_TEAM_RX = re.compile(r"^80380\d{15}$")
# The regions' codes in the issuer part (ISTAT region number x 10; 041/042 the provinces of Bolzano and Trento).
TEAM_REGIONS = ("010", "020", "030", "041", "042", "050", "060", "070", "080", "090", "100", "110", "120", "130", "140",
                "150", "160", "170", "180", "190", "200")


def valid_it_team(text: str) -> bool:
    s = _compact(text)
    return bool(_TEAM_RX.match(s)) and _luhn_ok(s)


def generate_it_team(rng: random.Random) -> str:
    body = "80380" + "00" + rng.choice(TEAM_REGIONS) + f"{rng.randrange(10 ** 9):09d}"
    return body + str(luhn_check_digit(body))


VALIDATORS["it_team"] = valid_it_team
GENERATORS["it_team"] = generate_it_team
__all__ += ["TEAM_REGIONS", "generate_it_team", "valid_it_team"]

# One number can pass two checks (an Emirates ID "784..." is also a well-formed temporary French NIR once in ~97
# draws): whoever asks "which identifier is this?" (the surrogate operator) takes the first that validates, so the
# checks with a fixed prefix or layout come before the bare-digit ones with a short key.
_MOST_SPECIFIC_FIRST = ("iban", "ae_eid", "it_team", "sa_nid", "eg_nid", "es_dni", "es_nie", "de_kvnr", "it_cf",
                        "ro_cnp", "tr_tckn", "fr_nir")
assert set(_MOST_SPECIFIC_FIRST) == set(VALIDATORS) == set(GENERATORS)
VALIDATORS = {kind: VALIDATORS[kind] for kind in _MOST_SPECIFIC_FIRST}
GENERATORS = {kind: GENERATORS[kind] for kind in _MOST_SPECIFIC_FIRST}
