"""Presidio hosting a medkiln pipeline folder as its spaCy NLP engine (blank tokenizer + entity ruler + PHI rules).

The entity ruler stands in for the trained NER (it writes `doc.ents` with our labels), so the test checks the
wiring: label mapping, offsets, scores, pass-through of unmapped labels, and Presidio's own recognizers.
"""

from __future__ import annotations

import subprocess
import sys

import pytest
import spacy

NOTE = "Pt Zyx Qwerty seen 03/14/2021 in clinic. Call (617) 555-0142 re plan. Code blorp noted."
PHONE, DATE = (46, 60), (19, 29)
RULES = [
    {"name": "test_phone", "label": "PHONE", "regex": r"\(\d{3}\) \d{3}-\d{4}", "score": 0.9},
    {"name": "test_date", "label": "DATE", "regex": r"\b\d{1,2}/\d{1,2}/\d{4}\b", "score": 0.9},
]


@pytest.fixture(scope="module")
def pipeline_dir(tmp_path_factory):
    import medkiln.serving.medkiln_rules  # noqa: F401  (registers medkiln_phi_rules)

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PATIENT", "pattern": [{"LOWER": "zyx"}, {"LOWER": "qwerty"}]},
                        {"label": "CUSTOM_CODE", "pattern": "blorp"}])
    nlp.add_pipe("medkiln_phi_rules").add_patterns(RULES)
    path = tmp_path_factory.mktemp("presidio") / "pipeline"
    nlp.to_disk(path)
    return path


@pytest.fixture(scope="module")
def analyzer(pipeline_dir):
    from medkiln.serving.presidio import build_analyzer

    return build_analyzer(str(pipeline_dir), score=0.7)


def _found(results):
    return sorted((r.entity_type, r.start, r.end, round(r.score, 2)) for r in results)


def test_module_import_is_light():
    code = "import sys, medkiln.serving.presidio; print([m for m in ('presidio_analyzer', 'torch') if m in sys.modules])"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.slow
def test_analyze_maps_labels_and_keeps_offsets(analyzer):
    found = _found(analyzer.analyze(NOTE, language="en"))
    assert ("PHONE_NUMBER", *PHONE, 0.7) in found
    assert ("DATE_TIME", *DATE, 0.7) in found
    assert ("PERSON", 3, 13, 0.7) in found
    assert NOTE[PHONE[0]:PHONE[1]] == "(617) 555-0142" and NOTE[DATE[0]:DATE[1]] == "03/14/2021"


@pytest.mark.slow
def test_unmapped_label_passes_through_and_entities_filter(analyzer):
    found = _found(analyzer.analyze(NOTE, language="en"))
    assert ("CUSTOM_CODE", 75, 80, 0.7) in found
    only_phone = _found(analyzer.analyze(NOTE, language="en", entities=["PHONE_NUMBER"]))
    assert only_phone == [("PHONE_NUMBER", *PHONE, 0.7)]


@pytest.mark.slow
def test_no_phi_no_results(analyzer):
    assert analyzer.analyze("Patient resting comfortably, no complaints.", language="en") == []


@pytest.mark.slow
def test_custom_mapping_and_presidio_recognizers(pipeline_dir):
    from medkiln.serving.presidio import build_analyzer

    custom = build_analyzer(str(pipeline_dir), entity_mapping={"PHONE": "TELEPHONE"})
    found = _found(custom.analyze(NOTE, language="en"))
    assert ("TELEPHONE", *PHONE, 0.85) in found
    assert ("DATE", *DATE, 0.85) in found  # not in the custom mapping: keeps its own label
    with_presidio = build_analyzer(str(pipeline_dir), presidio_recognizers=True)
    names = {type(r).__name__ for r in with_presidio.registry.recognizers}
    assert "SpacyRecognizer" in names and "CreditCardRecognizer" in names
    card = with_presidio.analyze("Card 4111 1111 1111 1111 on file.", language="en", entities=["CREDIT_CARD"])
    assert [(r.entity_type, r.start, r.end) for r in card] == [("CREDIT_CARD", 5, 24)]
    assert _found(custom.analyze("Card 4111 1111 1111 1111 on file.", language="en")) == []
