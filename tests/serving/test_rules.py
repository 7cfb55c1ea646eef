"""The self-contained rule component: validators, table compilation, context, merge policy, serialization,
and the double-registration guard. Uses small inline pattern tables so it does not depend on `domains`.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest
import spacy

from medkiln.serving import medkiln_rules as mr
from medkiln.serving.medkiln_rules import FACTORY_NAME, VALIDATORS, PhiRules, RulePatternError

SSN = {"name": "ssn", "label": "SSN", "regex": r"\d{3}-\d{2}-\d{4}", "score": 0.85, "validator": "ssn"}
MRN = {"name": "mrn", "label": "MEDICALRECORD", "regex": r"(?i)\bmrn:?\s*(\d{5,9})", "group": 1, "score": 0.9}
PAGER = {"name": "pager", "label": "PHONE", "regex": r"\b\d{4}\b", "score": 0.8, "context": ["pgr", "pager"],
         "context_required": True, "context_window": 10}
DATE = {"name": "date", "label": "DATE", "regex": r"\d{1,2}/\d{1,2}", "score": 0.6, "validator": "date",
        "negative_context": ["bp"], "negative_after": ["pain"]}
LOW = {"name": "low", "label": "DATE", "regex": r"\b\d{4}\b", "score": 0.3, "trigger": ["since"]}
TABLE = [SSN, MRN, PAGER, DATE, LOW]


@pytest.mark.parametrize("name,value,ok", [
    ("ssn", "123-45-6789", True), ("ssn", "000-12-3456", False), ("ssn", "666-12-3456", False),
    ("ssn", "912-34-5678", False), ("ssn", "123-00-6789", False), ("ssn", "123-45-0000", False),
    ("ssn", "123-45-678", False),
    ("luhn", "79927398713", True), ("luhn", "79927398710", False), ("luhn", "7", False),
    ("credit_card", "4111 1111 1111 1111", True), ("credit_card", "4111 1111 1111 1112", False),
    ("credit_card", "0000 0000 0000 0000", False),
    ("npi", "1234567893", True), ("npi", "1234567890", False), ("npi", "3234567893", False),
    ("dea", "AB1234563", True), ("dea", "ab1234563", True), ("dea", "AB1234567", False),
    ("dea", "IB1234563", False), ("dea", "A11234563", False),
    ("vin", "1M8GDM9AXKP042788", True), ("vin", "11111111111111111", False),
    ("vin", "1M8GDM9AYKP042788", False), ("vin", "1M8GDM9AXKP04278", False), ("vin", "1M8GDM9AXKPO42788", False),
    ("phone_nanp", "(410) 555-0134", True), ("phone_nanp", "+1 410 555 0134", True),
    ("phone_nanp", "410-555-0134 x1234", True), ("phone_nanp", "555-0134", True),
    ("phone_nanp", "(110) 555-0134", False), ("phone_nanp", "411-555-0134", False),
    ("phone_nanp", "490-555-0134", False), ("phone_nanp", "410-155-0134", False),
    ("phone_nanp", "410-911-0134", False), ("phone_nanp", "55-0134", False),
    ("ipv4", "10.2.33.4", True), ("ipv4", "255.255.255.255", True), ("ipv4", "256.1.1.1", False),
    ("ipv4", "10.02.3.4", False), ("ipv4", "0.1.2.3", False), ("ipv4", "1.2.3", False),
    ("ipv6", "2001:db8::1", True), ("ipv6", "fe80::1", True), ("ipv6", "12:30:45", False),
    ("date", "12/31", True), ("date", "2/30", False), ("date", "2/29", True), ("date", "13/1", False),
    ("date", "2/29/2020", True), ("date", "2/29/21", False), ("date", "12/31/49", True), ("date", "1/2/3", False),
    ("date", "3/98", True), ("date", "31.12.2021", True), ("date", "12.31.2021", False),
    ("date", "2020-02-29", True), ("date", "2021-02-29", False), ("date", "Jan 3rd", True),
    ("date", "Feb 30", False), ("date", "January 31, 2021", True), ("date", "April 98", True),
    ("date", "Smarch 3", False), ("date", "118/62", False),
    ("year", "1992", True), ("year", "'95", True), ("year", "1850", False), ("year", "2100", False),
    ("age_over_89", "90", True), ("age_over_89", "125", True), ("age_over_89", "89", False),
    ("age_over_89", "126", False),
    ("day_of_month", "5th", True), ("day_of_month", "31st", True), ("day_of_month", "32nd", False),
])
def test_validators(name, value, ok):
    assert VALIDATORS[name](value) is ok


@pytest.mark.parametrize("pattern,fragment", [
    ({"name": "bad.regex", "label": "X", "regex": "(unclosed"}, "bad.regex"),
    ({"name": "bad.validator", "label": "X", "regex": "a", "validator": "nope"}, "unknown validator"),
    ({"name": "bad.key", "label": "X", "regex": "a", "colour": "red"}, "unknown keys"),
    ({"name": "bad.group", "label": "X", "regex": "a", "group": 2}, "group"),
    ({"name": "bad.score", "label": "X", "regex": "a", "score": 3}, "score"),
    ({"name": "bad.flag", "label": "X", "regex": "a", "flags": "q"}, "flag"),
    ({"name": "bad.ctx", "label": "X", "regex": "a", "context_required": True}, "context"),
    ({"name": "bad.label", "regex": "a"}, "label"),
    ({"label": "X", "regex": "a"}, "name"),
])
def test_bad_patterns_raise_an_error_naming_them(pattern, fragment):
    rules = PhiRules()
    with pytest.raises(RulePatternError, match=fragment):
        rules.add_patterns([SSN, pattern])
    assert len(rules) == 0, "a failed add_patterns must not add part of the batch"


def test_duplicate_names_are_refused():
    rules = PhiRules()
    rules.add_patterns([SSN])
    with pytest.raises(RulePatternError, match="twice"):
        rules.add_patterns([SSN])


def test_patterns_and_labels_properties():
    rules = PhiRules()
    rules.add_patterns(TABLE)
    assert [p["name"] for p in rules.patterns] == ["ssn", "mrn", "pager", "date", "low"]
    assert rules.labels == ("DATE", "MEDICALRECORD", "PHONE", "SSN")
    rules.patterns[0]["name"] = "changed"
    assert rules.patterns[0]["name"] == "ssn", "the property returns copies"


@pytest.mark.parametrize("text,expected", [
    ("pgr 3312", [(4, 8, "PHONE", "pager")]),
    ("pgr: see room 3312", []),  # context word outside the 10-character window
    ("room 3312", []),  # context required
    ("MRN: 0012345", [(5, 12, "MEDICALRECORD", "mrn")]),  # group 1 only
    ("seen 7/22", [(5, 9, "DATE", "date")]),
    ("BP 7/22", []),  # negative context before
    ("7/22 pain", []),  # negative word right after
    ("seen 2/30", []),  # validator
    ("since 1999", [(6, 10, "DATE", "low")]),
    ("year 1999", []),  # trigger absent: pattern skipped
])
def test_find_context_and_validators(text, expected):
    rules = PhiRules()
    rules.add_patterns(TABLE)
    assert rules.find(text) == expected


def test_context_boosts_an_optional_context_pattern():
    boosted = dict(SSN, context=["ssn"])
    rules = PhiRules()
    rules.add_patterns([boosted, {"name": "rival", "label": "IDNUM", "regex": r"\d{3}-\d{2}-\d{4}", "score": 0.9}])
    assert rules.find("id 123-45-6789")[0][2] == "IDNUM"
    assert rules.find("ssn 123-45-6789")[0][2] == "SSN"  # 0.85 + boost beats 0.9


def test_find_resolves_overlaps_by_score_then_length():
    rules = PhiRules()
    rules.add_patterns([
        {"name": "short.high", "label": "A", "regex": r"\d{4}", "score": 0.9},
        {"name": "long.low", "label": "B", "regex": r"\d{4}-\d{4}", "score": 0.5},
        {"name": "long.high", "label": "C", "regex": r"\d{2}-\d{4}", "score": 0.9},
    ])
    # long.low loses to the higher scores; between the two 0.9 patterns the longer span wins
    assert rules.find("1234-5678") == [(2, 9, "C", "long.high")]
    higher_beats_longer = PhiRules()
    higher_beats_longer.add_patterns(rules.patterns[:2])
    assert higher_beats_longer.find("1234-5678") == [(0, 4, "A", "short.high"), (5, 9, "A", "short.high")]
    assert len(rules.find("1234-5678", resolve=False)) == 4
    rules2 = PhiRules()
    rules2.add_patterns([{"name": "a", "label": "A", "regex": r"\d{2}", "score": 0.7},
                         {"name": "b", "label": "B", "regex": r"\d{2}-\d{2}", "score": 0.7}])
    assert rules2.find("12-34") == [(0, 5, "B", "b")]  # equal score: longer wins


def _labels() -> dict[str, dict]:
    """The label facts an assembled pipeline hands the component (from core/labels/i2b2.json)."""
    from medkiln.core.labels import label_set

    return {label.name: {"shape": label.shape, "propagate": label.propagate} for label in label_set("i2b2")}


def _nlp_with_rules(config: dict | None = None):
    nlp = spacy.blank("en")
    comp = nlp.add_pipe(FACTORY_NAME, config=config or {})
    comp.add_patterns(TABLE)
    comp.set_labels(_labels())
    return nlp, comp


def _doc_with_ent(nlp, text: str, start_char: int, end_char: int, label: str):
    doc = nlp.make_doc(text)
    doc.ents = [doc.char_span(start_char, end_char, label=label)]
    return doc


def test_rule_span_wins_over_overlapping_lower_score_ner_ent():
    nlp, comp = _nlp_with_rules()
    doc = _doc_with_ent(nlp, "MRN: 0012345 today", 0, 12, "ORG")  # NER: "MRN: 0012345" as ORG
    doc = comp(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("0012345", "MEDICALRECORD")]
    assert doc.ents[0].id_ == "mrn"


def test_ner_ent_is_kept_where_no_rule_fires():
    nlp, comp = _nlp_with_rules()
    doc = _doc_with_ent(nlp, "Dr Smith saw MRN: 0012345", 3, 8, "DOCTOR")
    doc = comp(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Smith", "DOCTOR"), ("0012345", "MEDICALRECORD")]


def test_ner_wins_when_its_score_is_higher():
    nlp, comp = _nlp_with_rules({"ner_score": 0.95})
    doc = comp(_doc_with_ent(nlp, "MRN: 0012345", 0, 12, "IDNUM"))
    assert [(e.text, e.label_) for e in doc.ents] == [("MRN: 0012345", "IDNUM")]


def test_overwrite_ents_false_keeps_every_ner_ent():
    nlp, comp = _nlp_with_rules({"overwrite_ents": False})
    doc = comp(_doc_with_ent(nlp, "MRN: 0012345 and 123-45-6789", 5, 12, "IDNUM"))
    assert [(e.text, e.label_) for e in doc.ents] == [("0012345", "IDNUM"), ("123-45-6789", "SSN")]


def test_raw_matches_in_span_group_and_expand_alignment():
    nlp, comp = _nlp_with_rules()
    doc = nlp("pgr 3312 ssn 123-45-6789x")  # "123-45-6789x" is one token: expanded to it
    group = doc.spans["medkiln_rules"]
    assert sorted((s.text, s.label_, s.id_) for s in group) == [("123-45-6789x", "SSN", "ssn"),
                                                                 ("3312", "PHONE", "pager")]
    assert len(group.attrs["scores"]) == len(group)
    assert {e.label_ for e in doc.ents} == {"SSN", "PHONE"}


def test_doc_without_matches_is_left_alone():
    nlp, comp = _nlp_with_rules()
    doc = comp(_doc_with_ent(nlp, "Dr Smith", 3, 8, "DOCTOR"))
    assert [(e.text, e.label_) for e in doc.ents] == [("Smith", "DOCTOR")]
    assert len(doc.spans["medkiln_rules"]) == 0


@pytest.mark.parametrize("label,text,ok", [
    ("DATE", "3/14", True), ("DATE", "Christmas Eve", True), ("DATE", "Monday 3/14", True),
    # a weekday alone is no date element; a 24-hour clock time that no year can be is none either
    ("DATE", "Monday", False), ("DATE", "sat", False), ("DATE", "0430", False), ("DATE", "2200", False),
    ("DATE", "2400", False), ("DATE", "1998", True), ("DATE", "2019", True),
    ("DATE", "new year's", True), ("DATE", "in the fall", True), ("DATE", "simv+ps", False), ("DATE", "clock", False),
    ("DATE", "saturation", False), ("DATE", "mayo", False), ("DATE", "monitor", False),
    # numbers without a calendar word must look like the numeric parts of a date
    ("DATE", "03.04.2021", True), ("DATE", "'95", True), ("DATE", "5th", True), ("DATE", "1990s", True),
    ("DATE", "2-13", True), ("DATE", "(7/22)", True), ("DATE", "2/31", True), ("DATE", "12-14 Jan", True),
    ("DATE", "7/3 - 7/12", True), ("DATE", "Oktober", True), ("DATE", "4.Juli 2019", True), ("DATE", "MÄRZ", True),
    ("DATE", "Jänner 2020", True), ("DATE", "Maisbrei", False), ("DATE", "Jupiter", False),
    ("DATE", "20ps", False), ("DATE", "12mn", False), ("DATE", "40%", False),
    ("DATE", "a+ox3", False), ("DATE", "5-", False), ("DATE", "15ps/5peep", False), ("DATE", "1:1", False),
    ("AGE", "83", True), ("AGE", "eighty-two", True), ("AGE", "old", False),
    ("PHONE", "x4471", True), ("MEDICALRECORD", "-", False), ("ZIP", "north", False), ("IDNUM", "A12", True),
    ("DOCTOR", "Lee", True), ("HOSPITAL", "26", False), ("HOSPITAL", "St. Mary's", True), ("PATIENT", "!!!", False),
    ("CITY", "Zürich", True), ("PROFESSION", "RN", True), ("OTHER_LABEL", "-", True),
])
def test_plausible_checks_an_entity_s_shape_against_its_label(label, text, ok):
    assert mr.plausible(_labels().get(label, {}).get("shape"), text) is ok


@pytest.mark.parametrize("text,entity,ok", [
    # a date in numbers alone, read with the digits and separators around it
    ("admitted 8/27/15 to", "8/27/15", True), ("on 2021-07-22.", "2021-07-22", True),
    ("el 29/04/2021 ingresa", "29/04/2021", True), ("am 29.4.-3.5. stationär", "29.4.", True),
    ("away 3/11-3/12 for a visit", "3/12", True), ("seit 03.2019", "03.2019", True), ("in 1980-95", "1980-95", True),
    ("on 2/31", "2/31", True), ("born 13/13/2012 in", "13/13/2012", True), ("seen 04/07/04/09 and", "04/07/04/09", True),
    ("surgery 3/9- \nplan", "3/9-", True), ("in the 60-70's", "60-70's", True), ("July 4", "4", True),
    # runs no calendar has: ratios, pressure sets, lab values and a decimal number
    ("augmented 71/38/54 on the pump", "71/38/54", False), ("PAP 40-55/18-22 overnight", "40", False),
    ("PA pressure 42/19 today", "42/19", False), ("readings 4-7/2-5/0-60 noted", "7", False),
    ("ratio 15.6/112 today", "15.6", False), ("weight up to 66.0 kg from 63.4 kg", "63", False),
    # digits in groups joined by dots or dashes alone may be another identifier: never dropped as a date
    ("call me on 01.47.22.85.30?", "01.47.22.85.30", True), ("call 555-123-4567", "555-123-4567", True),
])
def test_a_numeric_date_must_be_a_date_with_the_numbers_around_it(text, entity, ok):
    start = text.index(entity)
    assert mr.numeric_date_possible(text, start, start + len(entity)) is ok


def test_ner_dates_in_runs_no_calendar_has_are_dropped():
    nlp, comp = _nlp_with_rules()
    text = "readings 71/38/54 on 11/4, weight 63.4 kg"
    doc = nlp.make_doc(text)
    doc.ents = [doc.char_span(text.index(t), text.index(t) + len(t), label="DATE") for t in ("71/38/54", "11/4", "63.4")]
    doc = comp(doc)
    assert [e.text for e in doc.ents] == ["11/4"] and doc.spans["medkiln_rules"].attrs["ner_dropped"] == 2


def test_label_facts_travel_with_the_component(tmp_path):
    nlp, comp = _nlp_with_rules()
    nlp.to_disk(tmp_path / "p")
    loaded = spacy.load(tmp_path / "p").get_pipe(FACTORY_NAME)
    assert loaded._shapes == comp._shapes and loaded._propagated == comp._propagated
    assert loaded._shapes["DATE"] == "date" and "PATIENT" in loaded._propagated and "DATE" not in loaded._propagated
    bare = spacy.blank("en").add_pipe(FACTORY_NAME)  # no label table: no shape check, no propagation
    doc = bare(_doc_with_ent(spacy.blank("en"), "on simv+ps", 3, 10, "DATE"))
    assert [e.text for e in doc.ents] == ["simv+ps"]


def test_ner_entities_of_impossible_shape_are_dropped_and_counted():
    nlp, comp = _nlp_with_rules()
    doc = nlp.make_doc("Dr Smith on simv+ps since 3/14 , peep 26 MRN: 0012345 seen Monday")
    doc.ents = [doc.char_span(3, 8, label="DOCTOR"), doc.char_span(12, 19, label="DATE"),
                doc.char_span(26, 30, label="DATE"), doc.char_span(38, 40, label="HOSPITAL"),
                doc.char_span(59, 65, label="DATE")]
    doc = comp(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [("Smith", "DOCTOR"), ("3/14", "DATE"),
                                                      ("0012345", "MEDICALRECORD")]
    assert doc.spans["medkiln_rules"].attrs["ner_dropped"] == 3
    # with no rule match at all the check still runs; `ner_shapes: false` turns it off
    doc = comp(_doc_with_ent(nlp, "on simv+ps", 3, 10, "DATE"))
    assert list(doc.ents) == []
    nlp_off, comp_off = _nlp_with_rules({"ner_shapes": False})
    assert [e.text for e in comp_off(_doc_with_ent(nlp_off, "on simv+ps", 3, 10, "DATE")).ents] == ["simv+ps"]


def test_names_and_places_found_once_are_propagated_to_their_other_mentions():
    nlp, comp = _nlp_with_rules()
    text = "Pt to Kessington 2 today. KESSINGTON aware, kessingtons no. Dr Lee called; lee aware. on 3/4 and 3/4"
    doc = nlp.make_doc(text)
    lee = text.index("Lee")
    doc.ents = [doc.char_span(6, 16, label="HOSPITAL"), doc.char_span(lee, lee + 3, label="DOCTOR"),
                doc.char_span(text.index("3/4"), text.index("3/4") + 3, label="DATE")]
    doc = comp(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [
        ("Kessington", "HOSPITAL"), ("KESSINGTON", "HOSPITAL"), ("Lee", "DOCTOR"), ("lee", "DOCTOR"),
        ("3/4", "DATE"), ("3/4", "DATE")]  # the second date is the rules' own match, not a propagation
    assert doc.spans["medkiln_rules"].attrs["propagated"] == 2
    # a prefix of a longer word is not a mention; short strings and other labels are never propagated
    other = nlp.make_doc("Ann seen by Al. Anne and annual labs, al and AL; ann")
    found = mr.propagate(other, [other.char_span(0, 3, label="PATIENT"), other.char_span(12, 14, label="DOCTOR")],
                         comp._propagated)
    assert [(span.text, span.label_) for span in found] == [("ann", "PATIENT")]
    nlp_off, comp_off = _nlp_with_rules({"propagate": False})
    off = nlp_off.make_doc("Dr Lee called; lee aware")
    off.ents = [off.char_span(3, 6, label="DOCTOR")]
    assert [e.text for e in comp_off(off).ents] == ["Lee"]


def test_bytes_round_trip():
    rules = PhiRules()
    rules.add_patterns(TABLE)
    copy = PhiRules().from_bytes(rules.to_bytes())
    assert copy.patterns == rules.patterns
    assert copy.find("pgr 3312 MRN 0012345") == rules.find("pgr 3312 MRN 0012345")


def test_pipeline_round_trip_through_disk(tmp_path):
    nlp, _ = _nlp_with_rules({"ner_score": 0.4})
    nlp.to_disk(tmp_path / "pipe")
    assert (tmp_path / "pipe" / FACTORY_NAME / "patterns.jsonl").exists()
    loaded = spacy.load(tmp_path / "pipe")
    comp = loaded.get_pipe(FACTORY_NAME)
    assert comp.patterns == TABLE
    assert comp.ner_score == 0.4
    doc = loaded("pgr 3312 seen 7/22")
    assert [(e.text, e.label_) for e in doc.ents] == [("3312", "PHONE"), ("7/22", "DATE")]


def test_double_import_under_another_name_keeps_spacy_load_working(tmp_path):
    nlp, _ = _nlp_with_rules()
    nlp.to_disk(tmp_path / "pipe")
    copy = tmp_path / "medkiln_rules_copy.py"  # `spacy package --code` ships a copy at another path
    copy.write_text(Path(mr.__file__).read_text(encoding="utf-8"), encoding="utf-8")
    spec = importlib.util.spec_from_file_location("medkiln_rules_copy", copy)
    module = importlib.util.module_from_spec(spec)
    sys.modules["medkiln_rules_copy"] = module
    try:
        spec.loader.exec_module(module)  # would raise spaCy E004 without the has_factory guard
        assert module.FACTORY_NAME == FACTORY_NAME
        loaded = spacy.load(tmp_path / "pipe")
        assert [e.text for e in loaded("pgr 3312").ents] == ["3312"]
    finally:
        sys.modules.pop("medkiln_rules_copy", None)


def test_module_is_self_contained():
    source = Path(mr.__file__).read_text(encoding="utf8")
    imports = [line.split()[1] for line in source.splitlines() if line.startswith(("import ", "from "))]
    allowed = {"__future__", "calendar", "ipaddress", "json", "re", "pathlib", "typing", "spacy.language",
               "spacy.tokens"}
    assert set(imports) <= allowed
