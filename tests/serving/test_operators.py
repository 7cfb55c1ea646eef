"""Operators, date parsing/shifting, surrogate consistency and shape, keep and HIPAA ages (no model needed)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from medkiln.serving.keys import resolve_key
from medkiln.core.errors import UsageError
from medkiln.serving.operators import Policy, anonymize, get_operator, shift_days
from medkiln.serving.operators.ages import age_value
from medkiln.serving.operators.dates import parse_date, shift_date

KEY = resolve_key(7, None)
OTHER_KEY = resolve_key(8, None)


@pytest.mark.parametrize("name,value,label,expected", [
    ("redact", "John Smith", "PATIENT", "[PATIENT]"),
    ("redact", "01/02/2020", "DATE", "[DATE]"),
    ("mask", "John Smith", "PATIENT", "**********"),
    ("mask", "a\nb", "STREET", "*\n*"),
])
def test_redact_and_mask(name, value, label, expected):
    assert get_operator(name)(value, label, group="g", key=KEY) == expected


def test_hash_is_keyed_tag_and_consistent():
    op = get_operator("hash")
    tag = op("John Smith", "PATIENT", group="g1", key=KEY)
    assert re.fullmatch(r"\[PATIENT:[0-9a-f]{8}\]", tag)
    assert op("JOHN  smith", "PATIENT", group="g2", key=KEY) == tag  # case/spacing normalized, corpus-wide
    assert op("John Smith", "PATIENT", group="g1", key=OTHER_KEY) != tag
    assert op("Jane Smith", "PATIENT", group="g1", key=KEY) != tag
    assert op("(410) 555-0134", "PHONE", key=KEY) == op("410-555-0134", "PHONE", key=KEY)


@pytest.mark.parametrize("bad", ["delete", "date_shift", ""])
def test_unknown_operator_is_usage_error(bad):
    with pytest.raises(UsageError) as err:
        get_operator(bad)
    assert err.value.code == "S005"


def test_versioned_names_resolve():
    assert get_operator("medkiln.surrogate.v1").name == "surrogate"


@pytest.mark.parametrize("value,iso", [
    ("01/02/2020", "2020-01-02"), ("1/2/20", "2020-01-02"), ("2020-01-02", "2020-01-02"),
    ("January 3, 2021", "2021-01-03"), ("3 Jan 2021", "2021-01-03"), ("25/12/2020", "2020-12-25"),
    ("Mon, 1/3/2000", "2000-01-03"),
])
def test_parse_date(value, iso):
    assert parse_date(value).date == dt.date.fromisoformat(iso)


@pytest.mark.parametrize("value", ["Christmas", "13/13/2020", "last week", "2/30/2021", "5", ""])
def test_parse_date_rejects(value):
    assert parse_date(value) is None
    assert shift_date(value, 10) is None


@pytest.mark.parametrize("value,days,expected", [
    ("01/02/2020", 40, "02/11/2020"),         # zero padding kept
    ("1/2/20", 40, "2/11/20"),                # no padding, two-digit year
    ("2020-01-02", -3, "2019-12-30"),         # ISO, across a year
    ("January 3, 2021", 40, "February 12, 2021"),
    ("Jan 3rd", 40, "Feb 12th"),              # abbreviation and ordinal kept, no year added
    ("JAN 3, 2021", 31, "FEB 3, 2021"),       # case kept
    ("25/12/2020", 40, "3/2/2021"),           # day-first stays day-first
    ("25/12/2020", -20, "5/12/2020"),
    ("05/12/2020", 40, "06/21/2020"),         # one zero-padded part: padded style
    ("Monday", 2, "Wednesday"),
    ("Mon, 1/3/2000", 1, "Tue, 1/4/2000"),    # weekday follows the date
    ("Sept 2019", 31, "Oct 2019"),
    ("2/95", 40, "3/95"),                     # month/yy when it cannot be month/day
    ("3/15", 40, "4/24"),
])
def test_shift_date_keeps_format(value, days, expected):
    assert shift_date(value, days) == expected


def test_date_shift_keeps_intervals_and_is_per_group():
    policy = Policy(get_operator("redact"), KEY, date_shift=True)
    text = "seen 01/02/2020, back 01/12/2020, then Christmas"
    spans = [(5, 15, "DATE"), (22, 32, "DATE"), (39, 48, "DATE")]
    out = anonymize(text, spans, policy, group="patient-1").text
    first, second = re.findall(r"\d{2}/\d{1,2}/\d{4}", out)
    d1, d2 = (dt.datetime.strptime(d, "%m/%d/%Y").date() for d in (first, second))
    assert (d2 - d1).days == 10
    assert d1 - dt.date(2020, 1, 2) == dt.timedelta(days=shift_days(KEY, "patient-1"))
    assert out.endswith("then [DATE]")  # unparseable date falls back to the operator
    assert anonymize(text, spans, policy, group="patient-1").text == out  # same group, same offset
    assert shift_days(KEY, "patient-1") != shift_days(OTHER_KEY, "patient-1")  # different seeds differ
    offsets = {shift_days(KEY, f"p{i}") for i in range(20)}
    assert len(offsets) > 10 and 0 not in offsets and all(abs(o) <= 365 for o in offsets)


def _surrogate(value, label, group="g", key=KEY):
    return get_operator("surrogate")(value, label, group=group, key=key)


def test_surrogate_names_keep_case_and_shape():
    full = _surrogate("John Smith", "PATIENT")
    first, last = full.split(" ")
    assert full != "John Smith" and first.istitle() and last.istitle()
    assert _surrogate("SMITH", "PATIENT") == last.upper()              # token-level: linked, case kept
    assert _surrogate("smith", "PATIENT") == last.lower()
    initial = _surrogate("J. Smith", "PATIENT")
    assert re.fullmatch(r"[A-Z]\. " + last, initial)                    # an initial stays an initial
    assert _surrogate("Dr. Smith", "DOCTOR") == "Dr. " + last          # titles kept
    assert _surrogate("John Smith", "PATIENT", group="other") != full  # other group, other surrogate
    assert _surrogate("John Smith", "PATIENT", key=OTHER_KEY) != full  # other key, other surrogate


@pytest.mark.parametrize("value,label,pattern", [
    ("(410) 555-0134", "PHONE", r"\(\d{3}\) \d{3}-\d{4}"),
    ("123-45-6789", "SSN", r"\d{3}-\d{2}-\d{4}"),
    ("MRN 0012345", "MEDICALRECORD", r"MRN \d{7}"),
    ("AB-12x9", "IDNUM", r"[A-Z]{2}-\d{2}[a-z]\d"),
    ("10.2.33.4", "IPADDR", r"\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}"),
    ("j.doe@example.org", "EMAIL", r"[a-z]\.[a-z]{3}@[a-z]{7}\.org"),
    ("01/02/2020", "DATE", r"\d{2}/\d{2}/\d{4}"),
    ("93yo", "AGE", r"9\dyo"),
    ("67yo", "AGE", r"\d{2}yo"),
    ("MA", "STATE", r"[A-Z]{2}"),
    ("12 Elm Street", "STREET", r"\d{2} [A-Z]\w+ \w+"),
])
def test_surrogate_is_format_preserving(value, label, pattern):
    out = _surrogate(value, label)
    assert out != value
    assert re.fullmatch(pattern, out), out
    assert _surrogate(value, label) == out


def test_surrogate_consistent_within_document():
    policy = Policy(get_operator("surrogate"), KEY)
    text = "John Smith called. Smith said JOHN SMITH is fine."
    spans = [(0, 10, "PATIENT"), (19, 24, "PATIENT"), (30, 40, "PATIENT")]
    out = anonymize(text, spans, policy, group="doc-1").text
    name = out[:out.index(" called")]
    first, last = name.split(" ")
    assert out == f"{name} called. {last} said {name.upper()} is fine."
    assert "Smith" not in out and "John" not in out


def test_keep_and_hipaa_ages():
    text = "Smith, 93yo and 67yo, ninety-two and forty"
    spans = [(0, 5, "PATIENT"), (7, 11, "AGE"), (16, 20, "AGE"), (22, 32, "AGE"), (37, 42, "AGE")]
    out = anonymize(text, spans, Policy(get_operator("redact"), KEY, hipaa_ages=True), group="g")
    assert out.text == "[PATIENT], [AGE] and 67yo, [AGE] and forty"
    assert [a.kept for a in out.actions] == [False, False, True, False, True]
    kept = anonymize(text, spans, Policy(get_operator("redact"), KEY, keep=frozenset({"PATIENT"})), group="g")
    assert kept.text == "Smith, [AGE] and [AGE], [AGE] and [AGE]"
    plain = anonymize(text, spans, Policy(get_operator("redact"), KEY), group="g")
    assert "67yo" not in plain.text  # without --hipaa-ages every age goes


@pytest.mark.parametrize("value,age", [("93", 93), ("67yo", 67), ("45-year-old", 45), ("ninety-two", 92),
                                       ("one hundred and two", 102), ("Jan", None), ("3 to 4", None)])
def test_age_value(value, age):
    assert age_value(value) == age


def test_overlapping_and_out_of_range_spans_are_ignored():
    policy = Policy(get_operator("redact"), KEY)
    out = anonymize("John Smith", [(0, 10, "PATIENT"), (5, 10, "PATIENT"), (3, 99, "DATE"), (4, 4, "AGE")],
                    policy)
    assert out.text == "[PATIENT]" and len(out.actions) == 1
