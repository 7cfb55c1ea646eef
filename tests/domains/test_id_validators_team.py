"""The Italian tessera sanitaria's TEAM card number and the Luhn digit (domains/deid/validators.py), table-driven.

Every valid value below is invented and its check worked out by hand (the arithmetic is in the comment); every
invalid one breaks exactly one thing (check, length, prefix). The generator is covered with the others in
test_id_validators.py (it is in GENERATORS).
"""

from __future__ import annotations

import random

import pytest

from medkiln.domains.deid.validators import GENERATORS, VALIDATORS, luhn_check_digit

# Luhn: from the right, every second digit doubled (starting with the digit next to the check), a doubled value over 9
# less 9, the total's complement to the next ten. "7992739871": 1x2=2, 7, 8x2=16->7, 9, 3x2=6, 7, 2x2=4, 9, 9x2=18->9,
# 7 -> 67 -> 3. "18": 8x2=16->7, 1 -> 8 -> 2. The 15 digits of the test card 4532 0151 1283 0366 give its last 6.
LUHN = [("7992739871", 3), ("453201511283036", 6), ("0", 0), ("18", 2)]


@pytest.mark.parametrize("body, digit", LUHN)
def test_luhn_check_digit(body, digit):
    assert luhn_check_digit(body) == digit


VALID = [
    # 80 380 00 030 (Lombardy) 000000001: reversed 1 0 0 0 0 0 0 0 0 0 3 0 0 0 0 8 3 0 8; doubled (even places):
    # 1->2, 3->6, 3->6, 8->16->7; kept: 8 -> 2 + 6 + 6 + 7 + 8 = 29 -> check 1
    "80380000300000000011",
    "80380 00030 00000 00011",
    "8038000030 0000000011",
]
INVALID = [
    "80380000300000000017",   # wrong check digit
    "8038000030000000001",    # nineteen digits
    "80390000300000000011",   # 390 is not Italy's country code
    "8038000030000000001A",   # a letter
]


@pytest.mark.parametrize("value", VALID)
def test_valid_team_numbers(value):
    assert VALIDATORS["it_team"](value)


@pytest.mark.parametrize("value", INVALID)
def test_invalid_team_numbers(value):
    assert not VALIDATORS["it_team"](value)


def test_team_generator_writes_the_italian_health_prefix():
    values = [GENERATORS["it_team"](random.Random(i)) for i in range(50)]
    assert all(v.startswith("8038000") and len(v) == 20 and VALIDATORS["it_team"](v) for v in values)
