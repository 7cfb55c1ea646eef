"""The rules' edge words: a person name the student ran on into a verb or a closed-class word loses that word at
its ends (at its start only when no title stands before it); a person name made only of words with digits is none (a
user name may be one); places, one-word names and other labels are left alone; the words travel with the component
(and with the assembled English pipeline: test_rules_not_names.py)."""

from __future__ import annotations

import pytest

from medkiln.domains import get_domain
from medkiln.factory.train.assemble import rules_labels
from medkiln.serving.medkiln_rules import PhiRules
from rule_tables import run_marked

EDGES = ("spoke", "took", "and", "the", "notified", "wants")


def _rules(edges=EDGES, titles=("dr", "mr")) -> PhiRules:
    rules = PhiRules()
    rules.set_labels(rules_labels(get_domain("deid")))
    rules.set_not_names(edges, titles)
    rules.set_edge_words(edges)
    return rules


@pytest.mark.parametrize("text,marked,kept", [
    ("Dr Kell spoke with the wife.", "Kell spoke", "Kell"),
    ("DR KELL NOTIFIED AND AWARE", "KELL NOTIFIED AND", "KELL"),
    ("dr kell took the number", "kell took the", "kell"),
    ("Seen by Ivo Kell and the team.", "Ivo Kell and the", "Ivo Kell"),
    ("Family: the Rourke family visited", "the Rourke", "Rourke"),      # no title before: the start is cut too
    ("Dr. Griffin and Okafor aware.", "Griffin and", "Griffin"),
    ("Spoke with Kell. Wants update.", "Kell.", "Kell"),               # a full stop at the end goes as well
])
def test_a_person_name_loses_grammar_words_at_its_ends(text, marked, kept):
    label = "DOCTOR" if "Dr" in text or "dr" in text.lower().split() else "PATIENT"
    assert run_marked(_rules(), text, [(marked, label)]) == [(kept, label)]


def test_after_a_title_the_first_word_is_the_name_and_one_word_names_are_left_to_the_not_a_name_check():
    rules = _rules()
    assert run_marked(rules, "Seen by Dr. Wants Kell today", [("Wants Kell", "DOCTOR")]) == [("Wants Kell", "DOCTOR")]
    assert run_marked(rules, "seen by Took Kell today", [("Took Kell", "DOCTOR")]) == [("Kell", "DOCTOR")]
    # a one-word entity of an edge word is dropped by the not-a-name check, never trimmed to nothing
    assert run_marked(rules, "PT SPOKE TO HIM", [("SPOKE", "PATIENT")]) == []
    assert run_marked(rules, "seen by Dr. Spoke", [("Spoke", "DOCTOR")]) == [("Spoke", "DOCTOR")]


def test_a_person_name_never_has_a_digit_and_a_user_name_may():
    rules = _rules()
    assert run_marked(rules, "RESP: O2->3L NP, sats up", [("O2->3L", "DOCTOR")]) == []
    assert run_marked(rules, "weaned to 4L this am", [("4L", "PATIENT")]) == []
    # a name run into a number keeps it: the number may be a date or a house number, which stays redacted
    assert run_marked(rules, "Seen by Kell 1996 today", [("Kell 1996", "DOCTOR")]) == [("Kell 1996", "DOCTOR")]
    assert run_marked(rules, "signed by kwu2 at noon", [("kwu2", "USERNAME")]) == [("kwu2", "USERNAME")]


def test_places_and_other_labels_keep_their_words():
    rules = _rules()
    assert run_marked(rules, "moved to the Kell building", [("the Kell", "HOSPITAL")]) == [("the Kell", "HOSPITAL")]
    assert run_marked(rules, "went to Spoke and Kell", [("Spoke and Kell", "ORGANIZATION")]) \
        == [("Spoke and Kell", "ORGANIZATION")]


def test_without_edge_words_nothing_is_trimmed_and_the_words_travel_with_the_component(tmp_path):
    text = "Dr Kell spoke with the wife."
    assert run_marked(_rules(edges=()), text, [("Kell spoke", "DOCTOR")]) == [("Kell spoke", "DOCTOR")]
    rules = _rules()
    rules.to_disk(tmp_path / "rules")
    for loaded in (PhiRules().from_disk(tmp_path / "rules"), PhiRules().from_bytes(rules.to_bytes())):
        assert run_marked(loaded, text, [("Kell spoke", "DOCTOR")]) == [("Kell", "DOCTOR")]


def test_labels_saved_before_the_person_flag_trim_nothing():
    rules = _rules()
    rules.set_labels({"DOCTOR": {"shape": "letter", "propagate": True, "proper": True}})  # an older package's table
    assert run_marked(rules, "Dr Kell spoke today", [("Kell spoke", "DOCTOR")]) == [("Kell spoke", "DOCTOR")]


def test_the_english_edge_words_are_grammar_words_of_the_list_and_no_name():
    from medkiln.domains.deid import not_names

    words = not_names.load("en")
    edges = set(words["edges"])
    assert edges and edges <= set(words["words"])
    assert {"took", "notified", "pronounced", "and", "had"} <= edges
    assert "spoke" not in edges                           # a noun too (a wheel's): grammar words only
    # the list has no name of Faker's locales: common names that are also verbs or nouns stay whole
    assert not {"baker", "rose", "grace", "brooks", "will", "hope", "mark", "bill", "young", "long"} & edges

