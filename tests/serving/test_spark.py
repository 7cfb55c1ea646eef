"""Spark scale-out for real (pyspark local[2]): the same records as `medkiln deid`, record for record."""

from __future__ import annotations

import csv
import json

import pytest
from needs import need, need_java

need("pyspark")
from deid_helpers import NOTE, WARD_TEXTS, read_jsonl, ward_nlp, write_jsonl  # noqa: E402

from medkiln.serving.deid import deidentify  # noqa: E402
from medkiln.core.errors import UsageError  # noqa: E402
from medkiln.serving.spark import (SparkDeidOptions, deidentify_dataframe, deidentify_files,  # noqa: E402
                           executor_pipeline)

need_java()
pytestmark = pytest.mark.slow
OTHER = "Seen 03/04/2021 with Smith (MRN 4321) on Christmas. Call (410) 555-0134."


def records() -> list[dict]:
    out = [{"id": i, "patient": f"p{i % 4}", "text": NOTE if i % 3 else OTHER, "ward": "B"} for i in range(30)]
    out.append({"id": 90, "patient": "p1", "text": None, "ward": "B"})  # both leave it out
    out.append({"id": 91, "patient": None, "text": OTHER, "ward": "C"})  # group falls back to the id
    out.append({"id": 92, "patient": "p2", "text": "", "ward": "C"})
    return out


def test_spark_jsonl_matches_batch_record_for_record(spark, tmp_path, fake_model_dir):
    src = write_jsonl(tmp_path / "notes.jsonl", records())
    common = dict(id_field="id", group_field="patient", operator="surrogate", date_shift=True, seed=11)
    batch = deidentify(src, tmp_path / "batch.jsonl", model=fake_model_dir, audit=tmp_path / "audit.jsonl",
                       **common)  # both with their defaults: run-wide propagation on
    options = SparkDeidOptions(**common, audit_column="phi", partitions=2)
    summary = deidentify_files(src, tmp_path / "spark_out", model=fake_model_dir, options=options, spark=spark)
    assert summary["records"] == batch.records == 32 and summary["left_out"] == batch.failed == 1
    want = {r["id"]: r for r in read_jsonl(tmp_path / "batch.jsonl")}
    got = {}
    for part in sorted((tmp_path / "spark_out").glob("part-*.json")):
        got.update({r["id"]: r for r in read_jsonl(part)})
    assert set(got) == set(want)
    audit = {a["id"]: a["phi"] for a in read_jsonl(tmp_path / "audit.jsonl")}
    for rid, row in want.items():
        phi = got[rid].pop("phi")
        assert got[rid] == row
        assert [{k: v for k, v in p.items() if k != "kept" or v} for p in phi] == audit[rid]
    assert want[1]["text"] == want[5]["text"] and want[1]["text"] != want[2]["text"]  # same patient, same text
    assert "Smith" not in json.dumps(got)


def test_deid_spark_cli_csv_single_file_matches_batch(spark, tmp_path, fake_model_dir):
    import typer
    from typer.testing import CliRunner

    from medkiln.serving.cli_serve import deid_spark_command

    src = tmp_path / "notes.csv"
    with src.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "text", "patient"])
        for r in records()[:12]:
            writer.writerow([r["id"], r["text"] + "\nline two, \"quoted\"", r["patient"]])
        writer.writerow([12, "", "p0"])  # an empty note is a record (CSV has no null)
    batch = deidentify(src, tmp_path / "batch.csv", model=fake_model_dir, id_field="id", operator="hash",
                       seed=5, keep=("DATE",), audit=tmp_path / "batch_audit.jsonl")
    app = typer.Typer()
    app.command()(deid_spark_command)
    out = tmp_path / "spark.csv"
    result = CliRunner().invoke(app, [str(src), str(out), "--model", str(fake_model_dir), "--id-field", "id",
                                      "--operator", "hash", "--seed", "5", "--keep", "DATE", "--single-file",
                                      "--master", "local[2]", "--audit", str(tmp_path / "spark_audit.jsonl")])
    assert result.exit_code == 0, result.output
    assert json.loads(result.output)["records"] == batch.records == 13
    with (tmp_path / "batch.csv").open(newline="", encoding="utf-8") as a, out.open(newline="", encoding="utf-8") as b:
        want, got = list(csv.DictReader(a)), list(csv.DictReader(b))
    assert sorted(got, key=lambda r: r["id"]) == sorted(want, key=lambda r: r["id"])
    assert any("[PATIENT:" in r["text"] and "/20" in r["text"] for r in got)  # hashed names, dates kept
    want_audit = {a["id"]: a["phi"] for a in read_jsonl(tmp_path / "batch_audit.jsonl")}
    got_audit = {a["id"]: [{k: v for k, v in p.items() if k != "kept" or v} for p in a["phi"]]
                 for a in read_jsonl(tmp_path / "spark_audit.jsonl")}
    assert got_audit == want_audit and any(p.get("kept") for spans in got_audit.values() for p in spans)


def test_spark_learns_the_run_lexicon_as_the_cli_does(spark, tmp_path):
    model = tmp_path / "ward_model"
    ward_nlp().to_disk(model)
    src = write_jsonl(tmp_path / "notes.jsonl", [{"id": i, "text": t} for i, t in enumerate(WARD_TEXTS * 3)])
    batch = deidentify(src, tmp_path / "batch.jsonl", model=str(model), id_field="id")
    summary = deidentify_files(src, tmp_path / "spark_out", model=str(model), spark=spark,
                               options=SparkDeidOptions(id_field="id", partitions=3))
    got = {}
    for part in sorted((tmp_path / "spark_out").glob("part-*.json")):
        got.update({r["id"]: r["text"] for r in read_jsonl(part)})
    want = {r["id"]: r["text"] for r in read_jsonl(tmp_path / "batch.jsonl")}
    assert got == want and summary["records"] == batch.records == 15
    assert batch.propagated == 6  # the lower- and upper-case mentions: found only by the run's lexicon
    assert got[2] == "plan: to [HOSPITAL] 2 when bed avail" and "alvorsen" not in json.dumps(got).lower()
    off = deidentify_files(src, tmp_path / "spark_off", model=str(model), spark=spark,
                           options=SparkDeidOptions(id_field="id", run_propagation=False))
    plain = {}
    for part in sorted((tmp_path / "spark_off").glob("part-*.json")):
        plain.update({r["id"]: r["text"] for r in read_jsonl(part)})
    assert off["run_propagation"] is False and plain[2] == WARD_TEXTS[2]  # the opt-out reads each row alone


def test_dataframe_usage_errors(spark, fake_model_dir):
    df = spark.createDataFrame([(1, "Smith", 3)], "id long, text string, n long")
    cases = [(dict(text_col="missing"), "S060"), (dict(text_col="n"), "S061"),
             (dict(text_col="text", operator="surrogate"), "S062"),
             (dict(text_col="text", date_shift=True), "S062"), (dict(text_col="text", operator="nope"), "S005"),
             (dict(text_col="text", audit_col="n"), "S064")]
    for kwargs, code in cases:
        with pytest.raises(UsageError) as err:
            deidentify_dataframe(df, model=fake_model_dir, **kwargs)
        assert err.value.code == code


def test_files_refuse_existing_output_and_the_model_is_cached(tmp_path, fake_model_dir):
    src = write_jsonl(tmp_path / "a.jsonl", [{"text": "x"}])
    (tmp_path / "out").mkdir()
    with pytest.raises(UsageError) as err:
        deidentify_files(src, tmp_path / "out", model=fake_model_dir)
    assert err.value.code == "S063"
    with pytest.raises(UsageError) as err:
        deidentify_files(src, src / "inside", model=fake_model_dir)
    assert err.value.code == "S004"
    assert executor_pipeline(str(fake_model_dir)) is executor_pipeline(str(fake_model_dir))
