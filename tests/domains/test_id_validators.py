"""National identifier validators and generators (domains/deid/validators.py), table-driven.

Every valid value below is invented and its check worked out by hand from the algorithm's definition (the
arithmetic is in the comment); every invalid one breaks exactly one thing (check, length, alphabet, date).
"""

from __future__ import annotations

import random

import pytest

from medkiln.domains.deid.validators import (GENERATORS, STRUCTURE_ONLY, VALIDATORS, format_fr_nir, format_iban,
                                             generate_iban)

VALID = [
    # DNI: 12345678 mod 23 = 14 -> "TRWAGMYFPDXBNJZ..."[14] = Z
    ("es_dni", "12345678Z"), ("es_dni", "12345678-Z"),
    # NIE: X -> 0, 01234567 mod 23 = 19 -> L
    ("es_nie", "X1234567L"),
    # KVNR: A -> 01; 0112345678 x 1,2,1,2,...: 0+2+1+4+3+8+5+(1+2)+7+(1+6) = 40 -> 0
    ("de_kvnr", "A123456780"), ("de_kvnr", "a 123456780"),
    # NIR: 1850578006084 mod 97 = 6 -> key 91
    ("fr_nir", "1850578006084 91"), ("fr_nir", "1 85 05 78 006 084 91"),
    # NIR, Corsica: 2 69 05 2A 123 456 counts as 2690519123456; mod 97 = 9 -> key 88
    ("fr_nir", "269052A12345688"),
    # CF: odd positions V10 D7 G15 '7'17 M18 '1'0 '2'5 '5'13 = 85, even R17 L11 U20 2 4 F5 0 = 59; 144 mod 26 = 14 -> O
    ("it_cf", "VRDLGU72M41F205O"),
    # CNP: 1 90 01 01 40 123 x 279146358279 = 135; 135 mod 11 = 3
    ("ro_cnp", "1900101401233"),
    # TCKN: 123456789: (7 x (1+3+5+7+9) - (2+4+6+8)) mod 10 = 5; (45 + 5) mod 10 = 0
    ("tr_tckn", "12345678950"),
    # IBAN DE, BBAN 123456780000000001: 98 - (123456780000000001 131400 mod 97) = 17
    ("iban", "DE17123456780000000001"), ("iban", "DE17 1234 5678 0000 0000 01"),
    # IBAN ES, BBAN 00490012345678901234: 98 - (00490012345678901234 142800 mod 97) = 70
    ("iban", "ES7000490012345678901234"),
]

INVALID = [
    ("es_dni", "12345678A"),     # wrong letter
    ("es_dni", "1234567Z"),      # seven digits
    ("es_nie", "X1234567M"),     # wrong letter
    ("es_nie", "W1234567L"),     # W is no NIE prefix
    ("de_kvnr", "A123456781"),   # wrong check digit
    ("de_kvnr", "1123456780"),   # no letter
    ("fr_nir", "185057800608492"),  # wrong key
    ("fr_nir", "385057800608491"),  # sex digit 3
    ("fr_nir", "269052A12345618"),  # the 2B key on a 2A number
    ("it_cf", "VRDLGU72M41F205A"),  # wrong check character
    ("it_cf", "VRDLGU72Z41F205O"),  # Z is no month letter
    ("ro_cnp", "1900101401234"),    # wrong check digit
    ("ro_cnp", "1900230401233"),    # 30 February
    ("ro_cnp", "9900101401233"),    # sex/century digit 9
    ("tr_tckn", "12345678951"),     # wrong last digit
    ("tr_tckn", "02345678950"),     # leading zero
    ("iban", "DE18123456780000000001"),  # wrong check digits
    ("iban", "DE1712345678000000000"),   # one character short for DE
    ("iban", "ES70004900123456789012"),  # truncated
]


@pytest.mark.parametrize("name, value", VALID)
def test_valid_identifiers(name, value):
    assert VALIDATORS[name](value)


@pytest.mark.parametrize("name, value", INVALID)
def test_invalid_identifiers(name, value):
    assert not VALIDATORS[name](value)


@pytest.mark.parametrize("name", sorted(GENERATORS))
def test_generators_produce_valid_and_varied_numbers(name):
    rng = random.Random(7)
    values = [GENERATORS[name](rng) for _ in range(300)]
    assert all(VALIDATORS[name](v) for v in values)
    assert len(set(values)) > 290
    if name in STRUCTURE_ONLY:  # no check digit to break (validators.STRUCTURE_ONLY says which)
        return
    # one changed character breaks the check (checksums catch every single-digit substitution they cover)
    broken = [v[:-1] + ("0" if v[-1] != "0" else "1") if v[-1].isdigit() else v[:-1] + ("A" if v[-1] != "A" else "B")
              for v in values]
    assert not any(VALIDATORS[name](v) for v in broken)


@pytest.mark.parametrize("country", ["DE", "ES", "FR", "IT", "RO", "TR", "SA", "AE", "EG"])
def test_iban_every_country_and_printed_form(country):
    iban = generate_iban(random.Random(3), country)
    printed = format_iban(iban)
    assert VALIDATORS["iban"](printed) and printed.replace(" ", "") == iban
    assert all(len(group) == 4 for group in printed.split()[:-1])


def test_nir_printed_form_validates():
    nir = GENERATORS["fr_nir"](random.Random(5))
    assert VALIDATORS["fr_nir"](format_fr_nir(nir)) and len(format_fr_nir(nir).split()) == 7
