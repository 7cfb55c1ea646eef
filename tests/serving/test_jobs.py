"""The generic batch runner (`run_job`) that `extract` and `translate` share with `deid`: added fields in every
record format, one new JSON object per record, resume, a failing job leaving one record out."""

from __future__ import annotations

import csv
import json

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from medkiln.serving.batch import JobResult, RunOptions, run_job
from medkiln.core.errors import UsageError

from deid_helpers import read_jsonl, write_jsonl


class CountJob:
    """Adds the number of entities and their labels; fails on records whose text says so."""

    name = "count"
    output_fields = ("n_ents", "labels")
    clean_text = False

    def fingerprint(self) -> dict:
        return {"version": 1}

    def analyze(self, analysis, record) -> list[str]:
        return [label for _, _, label in analysis.ents]

    def process(self, labels, record) -> JobResult:
        if "FAIL" in record.text:
            raise ValueError("asked to fail")
        counts = {label: labels.count(label) for label in labels}
        return JobResult(fields={"n_ents": str(len(labels)), "labels": labels}, counts=counts,
                         audit={"id": record.id, "n": len(labels)})


class UpperJob:
    name = "upper"
    output_fields = ()
    clean_text = False

    def fingerprint(self) -> dict:
        return {}

    def analyze(self, analysis, record) -> None:
        return None

    def process(self, payload, record) -> JobResult:
        return JobResult(text=record.text.upper())


ROWS = [{"id": "a", "text": "Smith seen 01/02/2020.", "ward": "7"},
        {"id": "b", "text": "No PHI here.", "ward": "8"},
        {"id": "c", "text": "FAIL on purpose", "ward": "9"}]


def test_jsonl_fields_added_other_fields_kept_and_a_failing_record_reported(tmp_path, fake_nlp):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(src, ROWS)
    summary = run_job(src, out, CountJob(), nlp=fake_nlp, options=RunOptions(id_field="id", audit=tmp_path / "a.jsonl"))
    rows = read_jsonl(out)
    assert [r["id"] for r in rows] == ["a", "b"]
    assert rows[0] == {"id": "a", "text": ROWS[0]["text"], "ward": "7", "n_ents": "2", "labels": ["PATIENT", "DATE"]}
    assert rows[1]["labels"] == [] and rows[1]["text"] == "No PHI here."
    assert (summary.records, summary.failed, summary.job) == (2, 1, "count")
    assert summary.to_dict()["counts"] == {"DATE": 1, "PATIENT": 1} and "phi" not in summary.to_dict()
    errors = read_jsonl(tmp_path / "out.jsonl.errors.jsonl")
    assert errors[0]["id"] == "c" and errors[0]["code"] == "S026" and "FAIL" not in json.dumps(errors)
    assert read_jsonl(tmp_path / "a.jsonl") == [{"id": "a", "n": 2}, {"id": "b", "n": 0}]


def test_csv_and_parquet_get_the_added_columns(tmp_path, fake_nlp):
    src = tmp_path / "in.csv"
    with src.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["id", "text", "ward"])
        writer.writeheader()
        writer.writerows(ROWS[:2])
    run_job(src, tmp_path / "out.csv", CountJob(), nlp=fake_nlp)
    with (tmp_path / "out.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == ["id", "text", "ward", "n_ents", "labels"]
    assert rows[0]["n_ents"] == "2" and json.loads(rows[0]["labels"]) == ["PATIENT", "DATE"]

    pq.write_table(pa.Table.from_pylist(ROWS[:2]), tmp_path / "in.parquet")
    run_job(tmp_path / "in.parquet", tmp_path / "out.parquet", CountJob(), nlp=fake_nlp)
    table = pq.read_table(tmp_path / "out.parquet")
    assert table.schema.names == ["id", "text", "ward", "n_ents", "labels"]
    assert table.column("labels").to_pylist() == ['["PATIENT", "DATE"]', "[]"]


def test_new_jsonl_output_from_a_folder_and_text_replacement(tmp_path, fake_nlp):
    src = tmp_path / "notes"
    (src / "p1").mkdir(parents=True)
    (src / "p1" / "x.txt").write_text(ROWS[0]["text"], encoding="utf-8")
    (src / "y.txt").write_text(ROWS[1]["text"], encoding="utf-8")
    run_job(src, tmp_path / "facts.jsonl", CountJob(), nlp=fake_nlp, output_format="jsonl")
    assert read_jsonl(tmp_path / "facts.jsonl") == [
        {"id": "p1/x.txt", "n_ents": "2", "labels": ["PATIENT", "DATE"]}, {"id": "y.txt", "n_ents": "0", "labels": []}]
    run_job(src, tmp_path / "upper", UpperJob(), nlp=fake_nlp)
    assert (tmp_path / "upper" / "p1" / "x.txt").read_text(encoding="utf-8") == ROWS[0]["text"].upper()
    with pytest.raises(UsageError, match="S010"):
        run_job(src, tmp_path / "bad.jsonl", CountJob(), nlp=fake_nlp, output_format="xml")


def test_resume_refuses_another_job_on_the_same_partial_output(tmp_path, fake_nlp):
    src, out = tmp_path / "in.jsonl", tmp_path / "out.jsonl"
    write_jsonl(src, ROWS[:2] * 3)
    calls = {"n": 0}

    class Interrupt(CountJob):
        def process(self, labels, record):
            calls["n"] += 1
            if calls["n"] == 4:
                raise KeyboardInterrupt
            return super().process(labels, record)

    with pytest.raises(KeyboardInterrupt):
        run_job(src, out, Interrupt(), nlp=fake_nlp, options=RunOptions(checkpoint_every=1))
    assert not out.exists()
    with pytest.raises(UsageError, match="S009"):
        run_job(src, out, UpperJob(), nlp=fake_nlp, options=RunOptions(resume=True))
    summary = run_job(src, out, CountJob(), nlp=fake_nlp, options=RunOptions(resume=True))
    assert summary.resumed_from == 3 and len(read_jsonl(out)) == 6


def test_a_record_error_raised_by_a_job_keeps_its_code(tmp_path, fake_nlp):
    from medkiln.core.errors import RecordError

    class Picky(CountJob):
        def process(self, labels, record):
            if record.id == "b":
                raise RecordError("S023", path=record.source, line=record.line, field="ward", expected="odd",
                                  got="even")
            return super().process(labels, record)

    src = tmp_path / "in.jsonl"
    write_jsonl(src, ROWS[:2])
    summary = run_job(src, tmp_path / "out.jsonl", Picky(), nlp=fake_nlp, options=RunOptions(id_field="id"))
    errors = read_jsonl(tmp_path / "out.jsonl.errors.jsonl")
    assert summary.failed == 1 and errors[0]["code"] == "S023" and "ward" in errors[0]["message"]
