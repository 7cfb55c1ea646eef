"""The extraction chain: record checks, metrics, the assertion trainer, and one small real run of
`medkiln run notes` (synth -> NER + assertion training -> evaluate -> export -> the package loads alone)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from medkiln.domains import get_domain
from medkiln.core.errors import MedkilnError
from medkiln.factory.extraction.evaluate import entity_counts, assertion_report, entity_report
from medkiln.core.records import write_jsonl

TEXT = "Denies chest pain but reports cough."
FLOORS = {"PROBLEM": 0.5, "MEDICATION": 0.6}


def _rec(**extra) -> dict:
    return {"id": "r", "text": TEXT, "spans": [[7, 17, "PROBLEM"], [30, 35, "PROBLEM"]], **extra}


@pytest.mark.parametrize("extra, code", [
    ({"attributes": {"assertion": [[7, 17, "maybe"]]}}, "E301"),     # unknown status
    ({"attributes": {"assertion": [[7, 16, "absent"]]}}, "E302"),    # no such entity span
    ({"relations": [[7, 17, 30]]}, "E301"),                          # not four offsets
    ({"relations": [[7, 17, 0, 6]]}, "E302"),                        # attribute span not an entity
])
def test_read_records_rejects_bad_assertions_and_relations(tmp_path, extra, code):
    from medkiln.factory.extraction.data import read_records

    write_jsonl(tmp_path / "bad.jsonl", [_rec(), _rec(**extra)])
    with pytest.raises(MedkilnError) as err:
        read_records(tmp_path / "bad.jsonl", get_domain("notes"))
    assert err.value.code == code and "bad.jsonl:2" in str(err.value) and "chest" not in str(err.value)


def test_read_records_accepts_good_ones(tmp_path):
    from medkiln.factory.extraction.data import read_records

    good = _rec(attributes={"assertion": [[7, 17, "absent"], [30, 35, "present"]]})
    write_jsonl(tmp_path / "good.jsonl", [good])
    assert read_records(tmp_path / "good.jsonl", get_domain("notes"))[0]["attributes"] == good["attributes"]


def test_assertion_report_counts():
    pairs = [("absent", "absent"), ("absent", "present"), ("present", "present"), ("family", "present")]
    rep = assertion_report(pairs, ("present", "absent", "family", "possible"))
    assert rep["accuracy"] == 0.5 and rep["n"] == 4
    assert rep["per_class"]["absent"] == {"precision": 1.0, "recall": 0.5, "f1": 2 / 3, "tp": 1, "n_pred": 1,
                                          "n_gold": 2}
    assert rep["per_class"]["family"]["recall"] == 0.0 and "possible" not in rep["per_class"]
    assert rep["confusion"]["absent"] == {"absent": 1, "present": 1}


def test_entity_report_strict_and_relaxed():
    stats = Counter()
    entity_counts(stats, [(0, 10, "PROBLEM"), (20, 25, "TEST")], [(0, 10, "PROBLEM"), (18, 24, "TEST"),
                                                                    (40, 45, "DOSE")])
    rep = entity_report(stats)
    assert rep["strict"]["micro"]["tp"] == 1 and rep["relaxed"]["micro"]["tp"] == 2
    assert rep["relaxed"]["per_label"]["TEST"]["f1"] == 1.0 and rep["strict"]["per_label"]["DOSE"]["precision"] == 0


def test_trained_classifier_learns_scope_from_synthetic_notes():
    from medkiln.factory.extraction.assertion import examples, fit
    from medkiln.factory.extraction.data import base_pipeline
    from medkiln.factory.extraction.train import domain_extras, sections_of
    from medkiln.serving.medkiln_notes import AssertionClassifier, tokenize_cues

    spec = get_domain("notes")
    base = base_pipeline("en", sections_of(spec))
    cues = tokenize_cues(base, domain_extras(spec)[0])
    data = examples(base, list(spec.synthesize(80, 5)), spec.span_choices["assertion"][1], cues=cues)
    model, stats = fit(data, list(spec.span_choices["assertion"][0]), epochs=2, cues=cues)
    assert stats["examples"] == len(data) > 500 and stats["train_accuracy"][-1] > 0.9
    clf = AssertionClassifier(base, "a", list(spec.span_choices["assertion"][1]), "present")
    clf.set_model(model)
    doc = base("She denies fever and chills, but has a cough. Possible pneumonia. History of stroke.")
    spans = [doc.char_span(s, e, label="PROBLEM") for s, e in ((11, 16), (21, 27), (39, 44), (55, 64), (77, 83))]
    assert [status for status, _ in clf.classify(doc, spans)] == ["absent", "absent", "present", "possible",
                                                                  "historical"]


def test_run_refuses_other_kinds_and_options(tmp_path):
    from medkiln.factory.extraction.run import run

    with pytest.raises(MedkilnError, match="E303"):
        run(get_domain("deid"), tmp_path)
    with pytest.raises(MedkilnError, match="E019"):
        run(get_domain("notes"), tmp_path, src="en")


@pytest.mark.slow
def test_run_notes_end_to_end_and_the_package_loads_alone(tmp_path):
    from medkiln.factory.export import install
    from medkiln.factory.run import run_domain

    summary = run_domain("notes", tmp_path / "run", n=160, seed=1, max_steps=240)
    report = json.loads((tmp_path / "run/eval/synthetic/report.json").read_text())
    assert {"strict", "relaxed", "assertion", "links"} <= set(report)
    # the student learned something on held-out notes: a floor that predicting nothing (F1 0) or marking every
    # word (precision near 0) misses
    for label in ("PROBLEM", "MEDICATION"):
        assert report["relaxed"]["per_label"][label]["f1"] > FLOORS[label], (label, report["relaxed"]["per_label"])
    assert set(report["assertion"]["gold_spans"]["per_class"]) <= set(get_domain("notes").span_choices["assertion"][0])
    assert report["assertion"]["gold_spans"]["accuracy"] > 0.8  # the classifier alone, on held-out notes
    assert json.loads((tmp_path / "run/run.json").read_text())["package"]["name"] == "en_medkiln_notes"
    package = Path(summary["package"]["package"])
    card = (package / "README.md").read_text()
    assert "Assertion status" in card and "Attribute links" in card and "PHI" not in card
    meta = json.loads((package / "meta.json").read_text())
    assert meta["medkiln"]["kind"] == "extraction" and "medkiln_assertion" in meta["pipeline"]
    target = tmp_path / "site"
    install(summary["package"]["wheel"], target=target)
    probe = ("import json, spacy; nlp = spacy.load('en_medkiln_notes'); "
             "print(json.dumps(nlp('Denies fever. Metformin 500 mg daily.')._.extraction))")
    env = dict(os.environ, PYTHONPATH=str(target))
    out = subprocess.run([sys.executable, "-c", probe], cwd=tmp_path, env=env, capture_output=True, text=True,
                         check=True)
    result = json.loads(out.stdout)
    assert result["schema"] == "medkiln.notes.extraction.v2" and isinstance(result["entities"], list)
    drug = [e for e in result["entities"] if e["text"] == "Metformin"]
    assert drug and drug[0]["code"]["system"] == "DrugBank" and 0 < drug[0]["code"]["score"] <= 1
    assert (target / "en_medkiln_notes" / "medkiln_notes.py").exists()  # the component code ships inside
    assert (target / "en_medkiln_notes" / "medkiln_vocab.py").exists()
    assert list(target.glob("en_medkiln_notes/*/medkiln_vocab/terms.tsv.gz"))  # and the vocabulary with it
