"""Note extraction at serving time: the components of serving.medkiln_notes (sections, trained assertion
classifier, attribute linker, `doc._.extraction`), their disk round trip, and `medkiln extract`.

The pipeline here has an entity ruler instead of a trained NER (fast and deterministic); its assertion
classifier is really trained, on 120 synthetic notes. Training the NER is covered in tests/factory.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from needs import need
import spacy
from typer.testing import CliRunner

from medkiln.core.errors import UsageError
from medkiln.serving.extract import ExtractJob, extract, user_spans
from medkiln.serving.medkiln_notes import find_sections, link_attributes
from medkiln.serving.pipeline import load_pipeline

NOTE = ("HPI: Denies chest pain but reports cough. Mother had breast cancer.\n"
        "Medications:\nmetformin 500 mg PO BID\n"
        "Plan: Return if fever develops.")
TERMS = {"PROBLEM": ["chest pain", "cough", "breast cancer", "fever"], "MEDICATION": ["metformin"],
         "DOSE": ["500 mg"], "ROUTE": ["PO"], "FREQUENCY": ["BID"]}


@pytest.fixture(scope="module")
def pipeline_dir(tmp_path_factory) -> Path:
    """sentencizer + sections + entity ruler + trained assertion classifier + linker, saved to disk."""
    from medkiln.domains import get_domain
    from medkiln.factory.extraction.assertion import examples, fit
    from medkiln.factory.extraction.data import base_pipeline
    from medkiln.factory.extraction.train import domain_extras, sections_of
    from medkiln.serving.medkiln_notes import tokenize_cues

    spec = get_domain("notes")
    base = base_pipeline("en", sections_of(spec))
    raw_cues, priors = domain_extras(spec)
    cues = tokenize_cues(base, raw_cues)
    data = examples(base, list(spec.synthesize(120, 3)), spec.span_choices["assertion"][1], cues=cues)
    model, _ = fit(data, list(spec.span_choices["assertion"][0]), epochs=3, priors=priors, cues=cues)
    nlp = base_pipeline("en", sections_of(spec))
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": label, "pattern": term} for label, terms in TERMS.items() for term in terms])
    nlp.add_pipe("medkiln_assertion").set_model(model)
    nlp.add_pipe("medkiln_attribute_linker")
    out = tmp_path_factory.mktemp("notes_pipeline") / "model"
    nlp.to_disk(out)
    return out


@pytest.fixture(scope="module")
def nlp(pipeline_dir):
    return load_pipeline(pipeline_dir)


def _by_text(result: dict) -> dict:
    return {e["text"]: e for e in result["entities"]}


def test_find_sections_at_line_starts_only():
    lexicon = {"family_history": ["family history", "fhx"], "medications": ["meds"]}
    text = "FHx: mother had cancer\nno family history: here\n  Meds:\nasa"
    found = find_sections(text, lexicon)
    assert [name for _, _, name, _ in found] == ["family_history", "medications"]  # not "no family history:"
    assert text[found[1][0]:found[1][3]] == "Meds:"
    assert found[0][1] < found[1][0]  # a section ends before the next header starts


def test_extraction_has_the_schema_and_the_expected_statuses(nlp):
    from medkiln.domains.notes import schema

    jsonschema = need("jsonschema")  # installed with the review extra (label-studio-sdk)

    result = nlp(NOTE)._.extraction
    jsonschema.validate(result, schema())
    ents = _by_text(result)
    assert ents["chest pain"]["assertion"] == "absent"
    assert ents["cough"]["assertion"] == "present"  # the negation's scope ends at "but"
    assert ents["breast cancer"]["assertion"] == "family"
    assert ents["fever"]["assertion"] == "hypothetical"
    assert set(ents["metformin"]["attributes"]) == {"DOSE", "ROUTE", "FREQUENCY"}
    assert ents["metformin"]["attributes"]["DOSE"]["text"] == "500 mg"
    assert ents["metformin"]["section"] == "medications"
    assert [s["name"] for s in result["sections"]] == ["history_present_illness", "medications", "assessment_plan"]
    assert "500 mg" not in ents  # attributes are not entities of their own


def test_round_trip_keeps_the_trained_model(pipeline_dir, nlp, tmp_path):
    nlp.to_disk(tmp_path / "again")
    again = load_pipeline(tmp_path / "again")
    assert again(NOTE)._.extraction == nlp(NOTE)._.extraction
    stored = json.loads((pipeline_dir / "medkiln_assertion" / "assertion_model.json").read_text())
    assert stored["classes"][0] == "present" and len(stored["features"]) > 1000 and stored["cues"]


def test_linker_picks_the_nearest_allowed_head():
    nlp = spacy.blank("en")
    doc = nlp("aspirin 81 mg daily and hemoglobin 9.1 g/dL, left knee pain")
    spans = [doc.char_span(*x) for x in ((0, 7, "MEDICATION"), (8, 13, "DOSE"), (14, 19, "FREQUENCY"),
                                         (24, 34, "TEST"), (35, 38, "VALUE"), (39, 43, "UNIT"),
                                         (45, 54, "BODY_SITE"), (55, 59, "PROBLEM"))]
    relations = {"DOSE": ["MEDICATION"], "FREQUENCY": ["MEDICATION"], "VALUE": ["TEST"], "UNIT": ["TEST"],
                 "BODY_SITE": ["PROBLEM"]}
    pairs = {(a.label_, h.text) for a, h in link_attributes(doc, spans, relations)}
    assert pairs == {("DOSE", "aspirin"), ("FREQUENCY", "aspirin"), ("VALUE", "hemoglobin"), ("UNIT", "hemoglobin"),
                     ("BODY_SITE", "pain")}
    assert link_attributes(doc, spans, {"DOSE": ["TEST"]}, max_distance=1) == []  # too far from any TEST


def _jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_extract_jsonl_writes_one_object_per_record(nlp, tmp_path):
    src = _jsonl(tmp_path / "notes.jsonl", [{"nid": "a", "text": NOTE}, {"nid": "b", "text": "No fever."},
                                            {"nid": "c", "body": "missing text"}])
    summary = extract(src, tmp_path / "out.jsonl", nlp=nlp, id_field="nid")
    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [r["id"] for r in rows] == ["a", "b"] and summary.records == 2 and summary.failed == 1
    assert set(rows[0]) == {"id", "entities", "sections"}
    assert rows[1]["entities"][0]["assertion"] == "absent"
    assert summary.counts["PROBLEM:absent"] == 2
    errors = (tmp_path / "out.jsonl.errors.jsonl").read_text()
    assert "missing text" not in errors and '"line": 3' in errors


def test_extract_with_spans_field_classifies_the_given_spans(pipeline_dir, tmp_path):
    text = "Denies headache. Mother had lupus."
    src = _jsonl(tmp_path / "in.jsonl", [
        {"text": text, "ner": [[7, 15, "Disease"], {"start": 28, "end": 33, "label": "Disease"}]},
        {"text": text, "ner": [[7, 99, "Disease"]]}])
    summary = extract(src, tmp_path / "out.jsonl", model=str(pipeline_dir), spans_field="ner")
    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert summary.failed == 1 and len(rows) == 1
    got = [(e["start"], e["end"], e["label"], e["assertion"]) for e in rows[0]["entities"]]
    assert got == [(7, 15, "Disease", "absent"), (28, 33, "Disease", "family")]


def test_user_spans_reports_field_and_line_without_text():
    from medkiln.core.errors import RecordError
    from medkiln.serving.io.records import Record

    rec = Record(0, "r1", "secret note text", "r1", "in.jsonl", 7, {"ner": "not json ["})
    with pytest.raises(RecordError) as err:
        user_spans(rec, "ner")
    assert err.value.code == "S071" and "in.jsonl:7" in str(err.value) and "secret" not in str(err.value)
    rec.payload = {"ner": [[0, 6, 5]]}
    with pytest.raises(RecordError, match="S072"):
        user_spans(rec, "ner")


def test_extract_csv_and_folder_inputs(nlp, tmp_path):
    with (tmp_path / "notes.csv").open("w", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "text"])
        writer.writerow(["n1", NOTE])
    extract(tmp_path / "notes.csv", tmp_path / "csv_out.jsonl", nlp=nlp, id_field="id")
    row = json.loads((tmp_path / "csv_out.jsonl").read_text())
    assert row["id"] == "n1" and len(row["entities"]) == 5
    folder = tmp_path / "notes"
    (folder / "unit").mkdir(parents=True)
    (folder / "unit" / "a.txt").write_text(NOTE)
    extract(folder, tmp_path / "dir_out.jsonl", nlp=nlp)
    assert json.loads((tmp_path / "dir_out.jsonl").read_text())["id"].endswith("a.txt")


def test_extract_job_refuses_a_pipeline_without_the_components():
    from medkiln.core.errors import UsageError

    with pytest.raises(UsageError, match="S070"):
        ExtractJob(spacy.blank("en"))


def test_cli_extract_exit_codes(pipeline_dir, tmp_path):
    from medkiln.factory.cli.main import app

    src = _jsonl(tmp_path / "n.jsonl", [{"text": NOTE}, {"text": 5}])
    result = CliRunner().invoke(app, ["extract", str(src), str(tmp_path / "o.jsonl"), "--model", str(pipeline_dir),
                                      "--quiet", "--audit", str(tmp_path / "audit.jsonl")])
    assert result.exit_code == 1  # one bad record
    audit = json.loads((tmp_path / "audit.jsonl").read_text().splitlines()[0])
    assert {"start", "end", "label", "assertion"} == set(audit["entities"][0]) and "text" not in audit["entities"][0]
    missing = CliRunner().invoke(app, ["extract", str(tmp_path / "nope.jsonl"), str(tmp_path / "o2.jsonl"),
                                       "--model", str(pipeline_dir)])
    assert missing.exit_code == 2


def test_extract_resumes_after_an_interruption(nlp, tmp_path):
    from medkiln.serving.batch import RunOptions, run_job

    src = _jsonl(tmp_path / "n.jsonl", [{"text": f"No fever. Note {i} reports cough."} for i in range(6)])

    class Interrupted(ExtractJob):
        def process(self, payload, record):
            if record.index == 3:
                raise KeyboardInterrupt
            return super().process(payload, record)

    out = tmp_path / "out.jsonl"
    with pytest.raises(KeyboardInterrupt):
        run_job(src, out, Interrupted(nlp), nlp=nlp, options=RunOptions(checkpoint_every=1), output_format="jsonl")
    assert not out.exists()  # nothing half-written in place
    resumed = extract(src, out, nlp=nlp, resume=True, checkpoint_every=1)
    assert resumed.resumed_from == 3 and resumed.records == 6
    extract(src, tmp_path / "fresh.jsonl", nlp=nlp)
    assert out.read_text() == (tmp_path / "fresh.jsonl").read_text()


@pytest.mark.guarantee("G8")
def test_a_text_longer_than_a_piece_keeps_its_offsets(nlp, tmp_path):
    filler = "Vitals stable overnight.\n" * 4500  # > 100,000 characters: read in two pieces
    text = "No fever.\n" + filler + "Reports cough.\n"
    src = _jsonl(tmp_path / "long.jsonl", [{"text": text}])
    summary = extract(src, tmp_path / "out.jsonl", nlp=nlp)
    (row,) = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    found = {(text[e["start"]:e["end"]], e["assertion"]) for e in row["entities"]}
    assert summary.records == 1 and {("fever", "absent"), ("cough", "present")} <= found
    assert max(e["start"] for e in row["entities"]) > 100_000


@pytest.mark.guarantee("G2")
def test_extract_refuses_an_existing_output(nlp, tmp_path):
    src = _jsonl(tmp_path / "n.jsonl", [{"text": "No fever."}])
    (tmp_path / "out.jsonl").write_text("precious", encoding="utf-8")
    with pytest.raises(UsageError) as err:
        extract(src, tmp_path / "out.jsonl", nlp=nlp)
    assert err.value.code == "S012" and (tmp_path / "out.jsonl").read_text() == "precious"
    extract(src, tmp_path / "out.jsonl", nlp=nlp, overwrite=True)
    assert json.loads((tmp_path / "out.jsonl").read_text())["entities"][0]["text"] == "fever"
