"""`medkiln_vocab` and `medkiln_concept_linker` (serving/medkiln_vocab.py): dictionary features per token,
exact-case abbreviations, negative classes, linking with scores, and the table's round trip to disk."""

from __future__ import annotations

import pytest
import spacy
from needs import need

from medkiln.serving.medkiln_vocab import TermTable, best_code, token_features

ROWS = [
    ("hypertension", "PROBLEM", "ICD-10-CM", "I10", "Essential (primary) hypertension", "preferred"),
    ("HTN", "PROBLEM", "ICD-10-CM", "I10", "Essential (primary) hypertension", "abbreviation"),
    ("type 2 diabetes mellitus", "PROBLEM", "ICD-10-CM", "E11", "Type 2 diabetes mellitus", "title"),
    ("diabetes mellitus", "PROBLEM", "ICD-10-CM", "E11.9", "Type 2 diabetes mellitus", "preferred"),
    ("acute kidney failure", "PROBLEM", "ICD-10-CM", "N17.9", "Acute kidney failure, unspecified", "title"),
    ("ALL", "PROBLEM", "ICD-10-CM", "C91.0", "Acute lymphoblastic leukemia", "abbreviation"),
    ("stroke", "PROBLEM", "ICD-10-CM", "I63.9", "Cerebral infarction, unspecified", "preferred"),
    ("metformin", "MEDICATION", "DrugBank", "DB00331", "Metformin", "name"),
    ("glucophage", "MEDICATION", "DrugBank", "DB00331", "Metformin", "brand"),
]
NEG = {"body_parts": ["kidney"], "research_words": ["effects"], "tests": ["potassium"], "procedures": ["biopsy"]}


@pytest.fixture(scope="module")
def nlp():
    import medkiln.serving.medkiln_vocab  # noqa: F401

    nlp = spacy.blank("en")
    nlp.add_pipe("medkiln_vocab").set_table(TermTable(ROWS, NEG))
    nlp.add_pipe("medkiln_concept_linker")
    return nlp


def test_features_mark_longest_matches_per_label_with_positions(nlp):
    doc = nlp("Pt with type 2 diabetes mellitus on Glucophage, effects on the kidney.")
    tags = {t.text: t.tag_ for t in doc}
    assert [t.tag_ for t in doc[2:6]] == ["PROBLEM-B", "PROBLEM-I", "PROBLEM-I", "PROBLEM-L"]
    assert tags["Glucophage"] == "MEDICATION-U"  # lower-cased lookup
    assert tags["effects"] == "X-GEN" and tags["kidney"] == "X-BODY" and tags["Pt"] == "_"


def test_short_abbreviations_match_by_exact_case_only(nlp):
    assert [t.tag_ for t in nlp("HTN and ALL")] == ["PROBLEM-U", "_", "PROBLEM-U"]
    assert [t.tag_ for t in nlp("htn and all of it")] == ["_"] * 5


def test_token_features_join_overlapping_labels():
    assert token_features(3, [(0, 2, "PROBLEM"), (1, 2, "MEDICATION")]) == ["PROBLEM-B", "MEDICATION-U|PROBLEM-L", ""]


@pytest.mark.parametrize("words, label, code, low, high", [
    (["hypertension"], "PROBLEM", "I10", 1.0, 1.0),                   # its own name
    (["htn"], "PROBLEM", None, 0, 0),                                  # lower-case "htn" is no abbreviation
    (["severe", "hypertension"], "PROBLEM", "I10", 0.4, 0.5),          # the term inside it, half its words
    (["acute", "failure", "of", "the", "kidney"], "PROBLEM", "N17.9", 0.5, 0.8),  # word overlap (Dice)
    (["glucophage"], "MEDICATION", "DB00331", 0.95, 0.95),             # a brand: a synonym's score
    (["aspirin"], "MEDICATION", None, 0, 0),                           # unknown
    (["metformin"], "PROBLEM", None, 0, 0),                            # a drug is no problem code
])
def test_best_code(words, label, code, low, high):
    table = TermTable(ROWS, NEG)
    got = best_code(table, words, words, label)
    if code is None:
        assert got is None
    else:
        assert got["code"] == code and low <= got["score"] <= high and got["system"]


def test_linker_sets_codes_on_entities_and_extraction_carries_them(nlp):
    import medkiln.serving.medkiln_notes as notes

    doc = nlp.make_doc("HTN, on metformin; stroke volume normal.")
    doc = nlp.get_pipe("medkiln_vocab")(doc)
    doc.ents = [doc.char_span(0, 3, "PROBLEM"), doc.char_span(8, 17, "MEDICATION")]
    nlp.get_pipe("medkiln_concept_linker")(doc)
    assert doc.ents[0]._.code == {"system": "ICD-10-CM", "code": "I10", "name": "Essential (primary) hypertension",
                                  "score": 0.95}  # an abbreviation: a synonym's score
    assert doc.ents[1]._.code["code"] == "DB00331"
    heads = [(e.start_char, e.end_char, e.label_, "present", 0.9) for e in doc.ents]
    out = notes.build_extraction(doc, heads, [], None, {(e.start_char, e.end_char): e._.code for e in doc.ents})
    assert out["schema"] == "medkiln.notes.extraction.v2"
    assert [e["code"]["code"] for e in out["entities"]] == ["I10", "DB00331"]


def test_table_round_trips_through_disk(nlp, tmp_path):
    nlp.to_disk(tmp_path / "p")
    back = spacy.load(tmp_path / "p")
    assert back.get_pipe("medkiln_vocab").table.rows == TermTable(ROWS, NEG).rows
    assert [t.tag_ for t in back("HTN, kidney")] == ["PROBLEM-U", "_", "X-BODY"]


def test_extraction_output_validates_against_schema_v2(nlp):
    jsonschema = need("jsonschema")
    import medkiln.serving.medkiln_notes as notes
    from medkiln.domains.notes import schema

    doc = nlp("HTN on metformin.")
    doc.ents = [doc.char_span(0, 3, "PROBLEM"), doc.char_span(7, 16, "MEDICATION")]
    nlp.get_pipe("medkiln_concept_linker")(doc)
    heads = [(e.start_char, e.end_char, e.label_, "present", 0.9) for e in doc.ents]
    out = notes.build_extraction(doc, heads, [], None, {(e.start_char, e.end_char): e._.code for e in doc.ents})
    jsonschema.validate(out, schema("v2"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(out, schema("v1"))


@pytest.fixture()
def evidence_nlp():
    nlp = spacy.blank("en")
    nlp.add_pipe("medkiln_vocab").set_table(TermTable(ROWS, NEG))
    nlp.add_pipe("medkiln_concept_linker", config={"require_evidence": True, "add_labels": ["MEDICATION"]})
    return nlp


def _run(nlp, text: str, ents: list[tuple[int, int, str]]):
    doc = nlp.get_pipe("medkiln_vocab")(nlp.make_doc(text))
    doc.ents = [doc.char_span(s, e, label) for s, e, label in ents]
    return {(e.text, e.label_) for e in nlp.get_pipe("medkiln_concept_linker")(doc).ents}


def test_evidence_drops_entities_nothing_supports(evidence_nlp):
    text = "The effects on the kidney and nephritis and recognise and stroke."
    got = _run(evidence_nlp, text, [(4, 11, "PROBLEM"), (19, 25, "PROBLEM"), (30, 39, "PROBLEM"),
                                    (44, 53, "PROBLEM"), (58, 64, "PROBLEM")])
    # "effects" and "kidney" are negative knowledge, "recognise" has no problem shape; "nephritis" has
    # (-itis) and "stroke" is in the vocabulary
    assert got == {("nephritis", "PROBLEM"), ("stroke", "PROBLEM")}


def test_evidence_relabels_adds_vocabulary_drugs_and_propagates_short_forms(evidence_nlp):
    text = "Glucophage and metformin were given; acute kidney failure (AKF) followed. AKF resolved."
    got = _run(evidence_nlp, text, [(0, 10, "PROBLEM"), (37, 57, "PROBLEM")])
    assert ("Glucophage", "MEDICATION") in got      # word for word a drug term: relabelled
    assert ("metformin", "MEDICATION") in got       # a vocabulary drug the NER left out: added
    assert [label for text_, label in sorted(got) if text_ == "AKF"] == ["PROBLEM"]  # both mentions
    doc = evidence_nlp.get_pipe("medkiln_vocab")(evidence_nlp.make_doc(text))
    doc.ents = [doc.char_span(37, 57, "PROBLEM")]
    doc = evidence_nlp.get_pipe("medkiln_concept_linker")(doc)
    assert sum(e.text == "AKF" for e in doc.ents) == 2


def test_without_require_evidence_the_entities_are_left_alone(nlp):
    assert _run(nlp, "recognise it", [(0, 9, "PROBLEM")]) == {("recognise", "PROBLEM")}
