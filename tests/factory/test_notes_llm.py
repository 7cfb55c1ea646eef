"""The LLM teacher for the notes domain against the local replay server: statuses, attributes and sections
are parsed (not spans only); bad entities are dropped by reason; `medkiln synth notes --teacher openai`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from medkiln.domains import get_domain  # noqa: E402
from medkiln.factory.extraction.llm import parse_entities, synthesize_llm  # noqa: E402

sys.path.insert(0, str(Path(__file__).parent))
from replay_server import ReplayServer  # noqa: E402

NOTE = ("HPI: Denies chest pain but reports cough. Mother had breast cancer.\n"
        "Medications:\nmetformin 500 mg PO BID\nAssessment: possible pneumonia; no chest pain today.")
ANSWER = {"text": NOTE, "entities": [
    {"text": "chest pain", "label": "PROBLEM", "assertion": "absent"},
    {"text": "cough", "label": "PROBLEM", "assertion": "present"},
    {"text": "breast cancer", "label": "PROBLEM", "assertion": "family"},
    {"text": "metformin", "label": "MEDICATION", "assertion": "present",
     "attributes": [{"text": "500 mg", "label": "DOSE"}, {"text": "PO", "label": "ROUTE"},
                    {"text": "BID", "label": "FREQUENCY"}]},
    {"text": "pneumonia", "label": "PROBLEM", "assertion": "possible"},
    {"text": "chest pain", "label": "PROBLEM", "assertion": "absent"},      # second mention: second occurrence
    {"text": "sepsis", "label": "PROBLEM", "assertion": "absent"},          # not in the text
    {"text": "cough", "label": "PROBLEM", "assertion": "maybe"},            # no such status
    {"text": "metformin", "label": "DRUG", "assertion": "present"},         # no such label
]}


def _spans(rec: dict) -> dict:
    return {rec["text"][s:e]: label for s, e, label in rec["spans"]}


def test_parse_entities_reads_statuses_attributes_and_drops_by_reason():
    parsed, dropped = parse_entities(NOTE, ANSWER["entities"], get_domain("notes"))
    status = {(NOTE[s:e], s): st for s, e, st in parsed["assertion"]}
    assert status[("cough", NOTE.index("cough"))] == "present"
    assert status[("breast cancer", NOTE.index("breast cancer"))] == "family"
    assert [st for (text, _), st in status.items() if text == "chest pain"] == ["absent", "absent"]
    assert len({s for (text, s) in status if text == "chest pain"}) == 2   # both occurrences, not one twice
    labels = {NOTE[s:e]: label for s, e, label in parsed["spans"]}
    assert labels["500 mg"] == "DOSE" and labels["PO"] == "ROUTE" and labels["BID"] == "FREQUENCY"
    med = NOTE.index("metformin")
    linked = {NOTE[a:b] for h, k, a, b in parsed["relations"] if h == med}
    assert linked == {"500 mg", "PO", "BID"}
    assert dropped == {"not_in_text": 1, "bad_assertion": 1, "unknown_label": 1}


def test_attribute_of_the_wrong_head_is_dropped():
    ents = [{"text": "cough", "label": "PROBLEM", "assertion": "present", "attributes": [{"text": "500 mg",
                                                                                          "label": "DOSE"}]}]
    parsed, dropped = parse_entities(NOTE, ents, get_domain("notes"))
    assert parsed["relations"] == [] and dropped["attribute_not_allowed"] == 1


def test_synth_notes_with_the_llm_teacher_writes_extraction_records(tmp_path):
    fixtures = {"synthesize": [ANSWER, {"content": "not json at all"}, ANSWER]}
    with ReplayServer(fixtures) as srv:
        result = synthesize_llm(get_domain("notes"), tmp_path / "out", n=4, seed=3, teacher_settings={
            "base_url": srv.url, "model": "replay", "cache_dir": str(tmp_path / "cache"), "max_retries": 0,
            "concurrency": 2})
    assert result["report"]["accepted"] == 4 and result["report"]["rejected"] == {"no_json": 2}
    assert result["assertions"]["family"] == 4 and result["relations"] == 12
    records = [json.loads(line) for split in ("train", "dev", "test")
               for line in (tmp_path / "out" / f"{split}.jsonl").read_text().splitlines()]
    assert len(records) == 4
    rec = records[0]
    assert {name for *_, name in rec["sections"]} >= {"history_present_illness", "medications", "assessment_plan"}
    assert _spans(rec)["metformin"] == "MEDICATION" and rec["meta"]["teacher"] == "openai:replay"
    from medkiln.factory.extraction.data import read_records

    assert len(read_records(tmp_path / "out" / "train.jsonl", get_domain("notes"))) == result["counts"]["train"]
    card = json.loads((tmp_path / "out" / "datacard.json").read_text())
    assert card["splits"] == result["counts"] and "cough" not in json.dumps(result["report"])
    from medkiln.core.records import read_dataset_records  # attributes, relations, sections: JSON text in Arrow

    assert [r for split in read_dataset_records(tmp_path / "out" / "hf").values() for r in split] == records


def test_cli_synth_notes_teacher_openai(tmp_path):
    from typer.testing import CliRunner

    from medkiln.factory.cli.main import app

    with ReplayServer({"synthesize": [ANSWER]}) as srv:
        res = CliRunner().invoke(app, ["synth", "notes", "--teacher", "openai", "--base-url", srv.url, "--model", "m",
                                       "--n", "2", "--out", str(tmp_path / "o"), "--max-retries", "0"])
    assert res.exit_code == 0, res.output
    summary = json.loads(res.output)
    assert summary["report"]["accepted"] == 2 and summary["assertions"]["possible"] == 2


@pytest.mark.parametrize("bad", [{"text": "", "entities": []}, {"text": NOTE, "entities": "x"}])
def test_answers_without_text_or_entities_are_rejected(tmp_path, bad):
    with ReplayServer({"synthesize": [bad]}) as srv:
        result = synthesize_llm(get_domain("notes"), tmp_path, n=1, seed=0, max_attempts=2, teacher_settings={
            "base_url": srv.url, "model": "replay", "max_retries": 0})
    assert result["report"]["accepted"] == 0 and sum(result["report"]["rejected"].values()) == 2
    assert result["report"]["met"] is False  # the CLI exits 1
