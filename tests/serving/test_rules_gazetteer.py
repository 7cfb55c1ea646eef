"""The rules' gazetteer: a town name right after a word of place is marked where the student marked nothing, whole
runs of several words only, any case; a name elsewhere, a word English also uses, and what the student marked stay
as they are; the names travel with the component (and the assembled English pipeline: test_rules_not_names.py). The
English list is what its sources give."""

from __future__ import annotations

import json

import pytest

from medkiln.domains import get_domain
from medkiln.factory.train.assemble import rules_labels
from medkiln.serving.medkiln_rules import PhiRules
from rule_tables import run_marked

NAMES = ("Quillmont", "Ashgrove Falls", "New Tarrow")


def _rules(names=NAMES, before=("in", "from", "to", "near")) -> PhiRules:
    rules = PhiRules()
    rules.set_labels(rules_labels(get_domain("deid")))
    rules.set_gazetteer(names, "CITY", before)
    return rules


@pytest.mark.parametrize("text,expected", [
    ("Lives alone in Quillmont with her cat.", "Quillmont"),
    ("lives alone in quillmont, daughter nearby", "quillmont"),
    ("WIFE DROVE IN FROM ASHGROVE FALLS TODAY", "ASHGROVE FALLS"),
    ("returned to new tarrow today", "new tarrow"),
    ("shelter near Quillmont.", "Quillmont"),
])
def test_a_town_after_a_word_of_place_is_marked(text, expected):
    assert run_marked(_rules(), text, []) == [(expected, "CITY")]


@pytest.mark.parametrize("text", [
    "Quillmont called back today.",          # no word of place before it
    "moved in Ashgrove today",               # part of a name only: the whole run must match
    "transferred to New unit today",
    "went to Quillmonts house",
])
def test_a_name_elsewhere_or_in_part_is_left(text):
    assert run_marked(_rules(), text, []) == []


def test_what_the_student_marked_is_left_as_it_was():
    rules = _rules()
    assert run_marked(rules, "transferred to Quillmont General", [("Quillmont General", "HOSPITAL")]) \
        == [("Quillmont General", "HOSPITAL")]
    assert run_marked(rules, "from Ashgrove Falls Rd", [("Falls Rd", "STREET")]) == [("Falls Rd", "STREET")]


def test_without_a_gazetteer_nothing_is_marked_and_the_names_travel_with_the_component(tmp_path):
    text = "Lives alone in Quillmont."
    assert run_marked(_rules(names=()), text, []) == []
    rules = _rules()
    rules.to_disk(tmp_path / "rules")
    for loaded in (PhiRules().from_disk(tmp_path / "rules"), PhiRules().from_bytes(rules.to_bytes())):
        assert run_marked(loaded, text, []) == [("Quillmont", "CITY")]


def test_the_english_gazetteer_leaves_out_words_english_uses_and_regions():
    from medkiln.domains.deid import gazetteer

    table = get_domain("deid").gazetteer()
    names = {n.lower() for n in table["names"]}
    assert table["label"] == "CITY" and "in" in table["before"]
    assert len(names) > 15000
    # towns named with an English word, a first name or a word of the folder's clinical text are left out ...
    assert not {"home", "comfort", "reading", "mobile", "normal", "foley", "nitro", "dallas"} & names
    # ... and states and countries (the region relabelling's); a town only ever written capitalised stays
    assert not {"maryland", "ohio", "canada"} & names
    assert {"baltimore", "boston", "worcester", "new haven"} <= names
    stored = json.loads(gazetteer.path("en").read_text(encoding="utf-8"))
    assert gazetteer.build("en")["names"] == stored["names"]

