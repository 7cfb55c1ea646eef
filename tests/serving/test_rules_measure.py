"""The rules' measurement words: a bare month/day the student marked as a DATE beside a ventilator, vital-sign or
scale word is a measurement and is dropped; a date after the verbs of weaning, a date with a year and a date with no
such word stay; the words travel with the component (and with the assembled English pipeline:
test_rules_not_names.py)."""

from __future__ import annotations

import pytest

from medkiln.domains import get_domain
from medkiln.factory.train.assemble import rules_labels
from medkiln.serving.medkiln_rules import PhiRules
from rule_tables import run_marked


def _rules(**measure) -> PhiRules:
    rules = PhiRules()
    rules.set_labels(rules_labels(get_domain("deid")))
    rules.set_measure_words(**measure)
    return rules


def _dates(rules: PhiRules, text: str, marked: list[str]) -> list[str]:
    return [value for value, _ in run_marked(rules, text, [(value, "DATE") for value in marked])]


ENGLISH = get_domain("deid").measure_words


@pytest.mark.parametrize("text,value", [
    ("PSV 12 PEEP 8, flowby 8/4 overnight", "8/4"),
    ("placed on BIPAP 12/5 overnight", "12/5"),
    ("BP 110/60 - 9/5 after the bolus", "9/5"),          # a second reading after a range dash
    ("strength 4/5 in the left arm", "4/5"),
    ("pupils equal, 3/4 strength in LE", "3/4"),
    ("rates her pain 7/10 pain this am", "7/10"),
    ("up in the chair for 3/4 hours, then tired", "3/4"),  # a fraction of a duration or an amount
    ("drinks 1/2 gallons of soda a day", "1/2"),
])
def test_a_bare_month_and_day_beside_a_measurement_word_is_dropped(text, value):
    assert _dates(_rules(**ENGLISH), text, [value]) == []


@pytest.mark.parametrize("text,value", [
    ("neo weaned off 11/21, art line out", "11/21"),           # the verbs of weaning precede dates too
    ("extubated 3/14, doing well", "3/14"),
    ("BP stable since 7/29/19 per wife", "7/29/19"),      # a date with its year is never a setting
    ("admitted on 7/29 from the ED", "7/29"),
    ("cultures from 5/8 negative to date", "5/8"),
])
def test_a_date_without_a_measurement_word_or_with_its_year_stays(text, value):
    assert _dates(_rules(**ENGLISH), text, [value]) == [value]


def test_without_measurement_words_nothing_is_dropped_and_the_words_travel_with_the_component(tmp_path):
    text = "PSV 12, flowby 8/4"
    assert _dates(_rules(), text, ["8/4"]) == ["8/4"]
    rules = _rules(before=["flowby"], after=["strength"], window=12)
    rules.to_disk(tmp_path / "rules")
    loaded = PhiRules().from_disk(tmp_path / "rules")
    assert _dates(loaded, text, ["8/4"]) == []
    assert _dates(PhiRules().from_bytes(rules.to_bytes()), "3/4 strength", ["3/4"]) == []
    assert _dates(loaded, "flowby was set; seen 8/4", ["8/4"]) == ["8/4"]   # beyond the 12-character window
