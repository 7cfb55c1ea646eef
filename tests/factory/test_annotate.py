"""Ensemble pre-annotation: voting, rule annotators, the annotate() run with teachers on the replay server."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from replay_server import ReplayServer, make_domain  # noqa: E402

from medkiln.factory.annotate import annotate, read_texts  # noqa: E402
from medkiln.factory.annotate.ensemble import vote  # noqa: E402
from medkiln.factory.annotate.rules import RuleAnnotator  # noqa: E402
from medkiln.core.errors import MedkilnError  # noqa: E402
from medkiln.factory.teachers import get_teacher  # noqa: E402
from medkiln.core.errors import TeacherError  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures" / "deid_replay.json"
NOTE = "Seen by Dr. Vennolt on 04/02/2031. Patient Olivia Brandt, SSN 123-45-6789, phone 555-201-8841."
OTHER = "Olivia Brandt was seen again; no new complaints."
EMPTY = "Vitals stable overnight, no events."


@pytest.fixture(scope="module")
def spec():
    return make_domain("annotest")


@pytest.mark.parametrize("annotations,spans,confidences", [
    # unanimous
    ({"a": [[0, 5, "DATE"]], "b": [[0, 5, "DATE"]]}, [[0, 5, "DATE"]], [1.0]),
    # label split 2:1 -> majority
    ({"a": [[0, 5, "PHONE"]], "b": [[0, 5, "FAX"]], "c": [[0, 5, "PHONE"]]}, [[0, 5, "PHONE"]], [0.667]),
    # label tie -> the annotator listed first wins
    ({"a": [[0, 5, "FAX"]], "b": [[0, 5, "PHONE"]]}, [[0, 5, "FAX"]], [0.5]),
    # only one of three found it: pooled for recall, low confidence
    ({"a": [[3, 9, "CITY"]], "b": [], "c": []}, [[3, 9, "CITY"]], [0.333]),
    # boundary vote: two say 0-10, one says 4-10
    ({"a": [[0, 10, "DOCTOR"]], "b": [[4, 10, "DOCTOR"]], "c": [[0, 10, "DOCTOR"]]}, [[0, 10, "DOCTOR"]], [1.0]),
    # one annotator splits what another joins: the joined span wins on length, one vote each
    ({"a": [[0, 4, "PATIENT"], [5, 10, "PATIENT"]], "b": [[0, 10, "PATIENT"]]}, [[0, 10, "PATIENT"]], [1.0]),
    # disjoint spans stay separate
    ({"a": [[0, 2, "AGE"], [5, 8, "DATE"]], "b": [[5, 8, "DATE"]]}, [[0, 2, "AGE"], [5, 8, "DATE"]], [0.5, 1.0]),
    ({"a": [], "b": []}, [], []),
])
def test_vote(annotations, spans, confidences):
    got, records = vote(annotations)
    assert got == spans
    assert [r["confidence"] for r in records] == confidences
    assert all(r["disagreement"] == (r["confidence"] < 1) for r in records)


def test_vote_min_votes_drops_singletons():
    spans, _ = vote({"a": [[0, 3, "AGE"], [5, 8, "DATE"]], "b": [[5, 8, "DATE"]]}, min_votes=2)
    assert spans == [[5, 8, "DATE"]]


def test_rule_annotator_uses_domain_patterns(spec):
    spans = RuleAnnotator(spec).spans(NOTE)
    assert [NOTE[s:e] for s, e, _ in spans] == ["04/02/2031", "123-45-6789", "555-201-8841"]
    assert [label for *_, label in spans] == ["DATE", "SSN", "PHONE"]
    assert RuleAnnotator(spec).spans(EMPTY) == []


def test_rule_annotator_ignores_labels_outside_domain(spec):
    fake = RuleAnnotator(spec, finder=lambda text: [(0, 4, "DATE", "p1"), (5, 9, "CREDIT_CARD", "p2")])
    assert fake.spans("2031 1234") == [[0, 4, "DATE"]]


def test_offline_teacher_annotates_with_rules(spec):
    recs = list(get_teacher("offline").annotate(spec, [{"id": "n1", "text": NOTE}]))
    assert [label for *_, label in recs[0]["spans"]] == ["DATE", "SSN", "PHONE"]


def _write_input(tmp_path: Path) -> Path:
    path = tmp_path / "notes.jsonl"
    rows = [{"id": "n1", "text": NOTE}, {"id": "n2", "text": OTHER}, {"id": "n3", "text": EMPTY}]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_annotate_ensemble_end_to_end(spec, tmp_path):
    src = _write_input(tmp_path)
    with ReplayServer(FIXTURES) as srv:
        settings = {"base_url": srv.url, "cache_dir": str(tmp_path / "cache"), "backoff": 0.01}
        report = annotate("annotest", src, tmp_path / "out", teachers=["openai:teacher-a", "openai:teacher-b"],
                          teacher_settings=settings)
    rows = [json.loads(line) for line in (tmp_path / "out" / "annotations.jsonl").read_text().splitlines()]
    assert [r["id"] for r in rows] == ["n1", "n2", "n3"] and report["docs"] == 3
    n1 = rows[0]
    got = {NOTE[s:e]: label for s, e, label in n1["spans"]}
    assert got == {"Dr. Vennolt": "DOCTOR", "04/02/2031": "DATE", "Olivia Brandt": "PATIENT",
                   "123-45-6789": "SSN", "555-201-8841": "PHONE"}
    votes = {NOTE[v["start"]:v["end"]]: v for v in n1["meta"]["votes"]}
    assert votes["555-201-8841"]["votes"] == {"openai:teacher-a": "PHONE", "openai:teacher-b": "FAX",
                                              "rules": "PHONE"}
    assert votes["555-201-8841"]["confidence"] == 0.667 and votes["Olivia Brandt"]["confidence"] == 0.667
    assert votes["123-45-6789"]["votes"] == {"rules": "SSN"} and votes["123-45-6789"]["disagreement"]
    assert rows[2]["spans"] == []
    # hallucinated span (teacher-a) and labels outside the set (teacher-b) were dropped and counted
    assert report["teachers"]["openai:teacher-a"]["dropped_entities"] == {"not_in_text": 1}
    assert report["teachers"]["openai:teacher-b"]["dropped_entities"] == {"unknown_label": 1}
    assert report["annotators"] == ["openai:teacher-a", "openai:teacher-b", "rules"]
    saved = json.loads((tmp_path / "out" / "annotate.json").read_text())
    assert saved["real"] is True and saved["teacher_settings"]["base_url"] == srv.url


def test_annotate_failures_are_reported_and_resume_redoes_them(spec, tmp_path, monkeypatch):
    from medkiln.factory.teachers import openai_client

    monkeypatch.setattr(openai_client.time, "sleep", lambda s: None)
    src = _write_input(tmp_path)
    with ReplayServer(FIXTURES) as srv:
        settings = {"base_url": srv.url, "cache_dir": str(tmp_path / "cache"), "max_retries": 1,
                    "concurrency": 1}
        srv.push({"status": 500}, {"status": 500})  # n1 fails for good in this run
        first = annotate("annotest", src, tmp_path / "out", teachers=["openai:teacher-a"],
                         teacher_settings=settings, rules=False)
        assert first["failures"] == {"openai:teacher-a": {"http_500": 1}} and first["docs"] == 3
        assert first["failed_records"] == 1 and first["unannotated"] == {"openai:teacher-a:http_500": 1}
        sent = srv.count()
        # resume: the two annotated records are skipped, the failed one is sent again and now succeeds
        again = annotate("annotest", src, tmp_path / "out", teachers=["openai:teacher-a"],
                         teacher_settings=settings, rules=False, resume=True)
        assert again["docs"] == 1 and again["skipped_done"] == 2 and srv.count() == sent + 1
        assert again["failed_records"] == 0 and again["unannotated"] == {} and again["records"] == 3
        sent = srv.count()
        third = annotate("annotest", src, tmp_path / "out", teachers=["openai:teacher-a"],
                         teacher_settings=settings, rules=False, resume=True)
        assert third["docs"] == 0 and srv.count() == sent  # nothing left to do
    rows = [json.loads(line) for line in (tmp_path / "out" / "annotations.jsonl").read_text().splitlines()]
    assert [r["id"] for r in rows] == ["n1", "n2", "n3"]  # one line per id, the latest kept
    assert rows[0]["meta"]["status"]["openai:teacher-a"] == "ok" and rows[0]["spans"]


def test_annotate_privacy_guard_refuses_remote_teacher_for_real_data(spec, tmp_path):
    src = _write_input(tmp_path)
    settings = {"base_url": "https://8.8.8.8/v1", "model": "m"}
    with pytest.raises(TeacherError, match="E101"):
        annotate("annotest", src, tmp_path / "out", teachers=["openai"], teacher_settings=settings)
    assert not (tmp_path / "out" / "annotations.jsonl").exists()


def test_read_texts_formats_and_errors(tmp_path):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "b.txt").write_text("two", encoding="utf-8")
    (folder / "a.txt").write_text("one", encoding="utf-8")
    assert [r["id"] for r in read_texts(folder)] == ["a", "b"]
    assert list(read_texts(folder / "a.txt")) == [{"id": "a", "text": "one"}]
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"body": "x"}\n', encoding="utf-8")
    with pytest.raises(MedkilnError, match="S022"):
        list(read_texts(bad))
    assert [r["text"] for r in read_texts(bad, text_field="body")] == ["x"]
    with pytest.raises(MedkilnError, match="S002"):
        list(read_texts(tmp_path / "missing.jsonl"))
