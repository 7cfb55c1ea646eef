"""The identifier validators of the Romanian, Turkish and Arabic folders (domains/deid/validators.py): Saudi national
id / iqama and Emirates ID (Luhn), the Egyptian national id (structure only), with Arabic-Indic digits; more
negative cases for the CNP and the T.C. Kimlik No. Every valid value is invented; its check is worked out by hand in
the comment. Every invalid one breaks exactly one thing."""

from __future__ import annotations

import random

import pytest

from medkiln.domains.deid.validators import (STRUCTURE_ONLY, VALIDATORS, format_ae_eid, generate_ae_eid,
                                             generate_eg_nid, generate_sa_nid, luhn_check_digit)

VALID = [
    # Saudi id: 123456789 from the right, doubled 9 7 5 3 1 -> 9 5 1 6 2, plus 8 6 4 2 = 43 -> check 7
    ("sa_nid", "1234567897"), ("sa_nid", "١٢٣٤٥٦٧٨٩٧"),
    # iqama: 200000000 -> the 2 doubled = 4 -> check 6
    ("sa_nid", "2000000006"),
    # Emirates ID 784-1985-1234567: doubled from the right 7 5 3 1 8 1 8 -> 5 1 6 2 7 2 7, plus 6 4 2 5 9 4 7 = 67 -> 3
    ("ae_eid", "784-1985-1234567-3"), ("ae_eid", "784198512345673"), ("ae_eid", "٧٨٤-١٩٨٥-١٢٣٤٥٦٧-٣"),
    # Egypt: 2 (1900s) 900101 (1 Jan 1990) 12 (Dakahlia) 3456 (odd: a man) 1
    ("eg_nid", "29001011234561"), ("eg_nid", "٢٩٠٠١٠١١٢٣٤٥٦١"),
    # born 29 Feb 2000 in Cairo (01), born abroad (88)
    ("eg_nid", "30002290100027"), ("eg_nid", "27512318800125"),
    # CNP: 2 (a woman born 1900-1999) 850312 40 (Bucharest) 017: 2x2+8x7+5x9+0x1+3x4+1x6+2x3+4x5+0x8+0x2+1x7+7x9 = 219,
    # 219 mod 11 = 10 -> 1
    ("ro_cnp", "2850312400171"),
    # TCKN 100000001: (7 x (1+0+0+0+1) - 0) mod 10 = 4; (2 + 4) mod 10 = 6
    ("tr_tckn", "10000000146"),
]

INVALID = [
    ("sa_nid", "1234567898"),      # wrong check digit
    ("sa_nid", "3234567893"),      # 3 is neither citizen (1) nor resident (2); Luhn holds
    ("sa_nid", "123456789"),       # nine digits
    ("ae_eid", "784-1985-1234567-4"),  # wrong check digit
    ("ae_eid", "785198512345672"),     # not 784; Luhn holds
    ("ae_eid", "784-1985-123456-3"),   # a digit short
    ("eg_nid", "19001011234561"),  # century digit 1
    ("eg_nid", "29002301234561"),  # 30 February
    ("eg_nid", "29001012034561"),  # 20 is no governorate code
    ("eg_nid", "2900101123456"),   # thirteen digits
    ("eg_nid", "29001011200001"),  # sequence 0000
    ("ro_cnp", "2850312400172"),   # wrong check digit
    ("ro_cnp", "2850312530176"),   # county 53 does not exist; check digit holds
    ("tr_tckn", "10000000147"),    # wrong last digit
    ("tr_tckn", "1000000014"),     # ten digits
]


@pytest.mark.parametrize("name, value", VALID)
def test_valid_identifiers(name, value):
    assert VALIDATORS[name](value)


@pytest.mark.parametrize("name, value", INVALID)
def test_invalid_identifiers(name, value):
    assert not VALIDATORS[name](value)


def test_luhn_digit_of_the_textbook_number():
    assert luhn_check_digit("7992739871") == 3  # the usual worked example of the Luhn algorithm


def test_generators_keep_their_structure():
    rng = random.Random(11)
    assert {generate_sa_nid(rng, True)[0] for _ in range(20)} == {"2"}
    assert {generate_sa_nid(rng, False)[0] for _ in range(20)} == {"1"}
    eid = format_ae_eid(generate_ae_eid(rng, 1990))
    assert eid.startswith("784-1990-") and VALIDATORS["ae_eid"](eid)
    from datetime import date

    woman = generate_eg_nid(rng, born=date(2003, 7, 9), female=True)
    assert woman.startswith("3030709") and int(woman[12]) % 2 == 0 and VALIDATORS["eg_nid"](woman)
    # structure only: the 14th digit is not verified, and the module says so
    assert "eg_nid" in STRUCTURE_ONLY and VALIDATORS["eg_nid"](woman[:-1] + str((int(woman[-1]) + 1) % 10))
