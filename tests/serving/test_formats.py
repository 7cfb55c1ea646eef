"""Every input format x the redact operator: output mirrors the input, every other field kept."""

from __future__ import annotations

import csv
import json

import pytest
from needs import need

from medkiln.serving.deid import deidentify
from medkiln.core.errors import UsageError
from medkiln.serving.io import detect_format

from deid_helpers import NOTE, read_jsonl, write_jsonl

REDACTED = ("[PATIENT], [AGE], seen [DATE] by [DOCTOR] at [HOSPITAL]. Call [PHONE]. [MEDICALRECORD]. "
            "Follow-up [DATE]. [PATIENT] is [AGE].")


def test_txt_file(tmp_path, fake_model_dir):
    src = tmp_path / "note.txt"
    src.write_text(NOTE + "\r\nNo PHI here.\r\n", encoding="utf-8", newline="")
    summary = deidentify(src, tmp_path / "out.txt", model=str(fake_model_dir))  # loaded by path
    assert (tmp_path / "out.txt").read_bytes() == (REDACTED + "\r\nNo PHI here.\r\n").encode()
    assert (summary.records, summary.failed, summary.format) == (1, 0, "txt")
    assert summary.phi == {"AGE": 2, "DATE": 2, "DOCTOR": 1, "HOSPITAL": 1, "MEDICALRECORD": 1, "PATIENT": 2,
                           "PHONE": 1}


def test_folder_recursive_same_relative_paths(tmp_path, fake_nlp):
    src = tmp_path / "notes"
    (src / "p1" / "deep").mkdir(parents=True)
    (src / "a.txt").write_text(NOTE, encoding="utf-8")
    (src / "p1" / "deep" / "b.txt").write_text("Smith seen 01/02/2020.", encoding="utf-8")
    (src / "p1" / "skip.csv").write_text("not a note", encoding="utf-8")
    out = tmp_path / "notes_deid"
    summary = deidentify(src, out, nlp=fake_nlp)
    files = sorted(p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file())
    assert files == ["a.txt", "p1/deep/b.txt"]
    assert (out / "a.txt").read_text(encoding="utf-8") == REDACTED
    assert (out / "p1/deep/b.txt").read_text(encoding="utf-8") == "[PATIENT] seen [DATE]."
    assert (summary.records, summary.format) == (2, "dir")


def test_jsonl_keeps_keys_and_order(tmp_path, fake_nlp):
    records = [{"note_id": "n1", "meta": {"site": 3}, "text": NOTE, "score": 1.5, "tags": ["a"]},
               {"note_id": "n2", "meta": None, "text": "no phi", "score": 2, "tags": []}]
    src = write_jsonl(tmp_path / "in.jsonl", records)
    audit = tmp_path / "audit.jsonl"
    deidentify(src, tmp_path / "out.jsonl", nlp=fake_nlp, id_field="note_id", audit=audit)
    out = read_jsonl(tmp_path / "out.jsonl")
    assert [list(r) for r in out] == [list(r) for r in records]
    assert out[0] == {**records[0], "text": REDACTED}
    assert out[1] == records[1]
    assert [a["id"] for a in read_jsonl(audit)] == ["n1", "n2"]


def test_csv_keeps_header_columns_and_large_fields(tmp_path, fake_nlp):
    big = "Smith " + "x" * 200_000  # larger than csv's default field size limit
    src = tmp_path / "in.csv"
    with src.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["pid", "note", "ward"])
        writer.writerows([["p1", NOTE, "4B, east"], ["p2", big, ""], ["p3", "multi\nline Smith", "x"]])
    deidentify(src, tmp_path / "out.csv", nlp=fake_nlp, text_field="note", id_field="pid")
    with (tmp_path / "out.csv").open(newline="", encoding="utf-8") as fh:
        rows = list(csv.reader(fh))
    assert rows[0] == ["pid", "note", "ward"]
    assert rows[1] == ["p1", REDACTED, "4B, east"]
    assert rows[2] == ["p2", "[PATIENT] " + "x" * 200_000, ""]
    assert rows[3] == ["p3", "multi\nline [PATIENT]", "x"]
    assert (tmp_path / "out.csv").read_bytes().count(b"\r\n") == 4  # line ending of the input kept


def test_parquet_keeps_schema(tmp_path, fake_nlp):
    pa = need("pyarrow")
    pq = need("pyarrow.parquet")
    schema = pa.schema([("pid", pa.int64()), ("text", pa.large_string()), ("when", pa.date32()),
                        ("scores", pa.list_(pa.float32()))], metadata={b"origin": b"synthetic"})
    table = pa.table({"pid": [1, 2, 3], "text": [NOTE, "none", "Smith again"],
                      "when": [None, None, None], "scores": [[1.0], [], None]}, schema=schema)
    pq.write_table(table, tmp_path / "in.parquet", row_group_size=2)
    summary = deidentify(tmp_path / "in.parquet", tmp_path / "out.parquet", nlp=fake_nlp, checkpoint_every=2)
    out = pq.read_table(tmp_path / "out.parquet")
    assert out.schema.equals(pq.read_schema(tmp_path / "in.parquet"), check_metadata=True)
    assert out.schema.metadata[b"origin"] == b"synthetic"
    assert out.column("text").to_pylist() == [REDACTED, "none", "[PATIENT] again"]
    assert out.column("pid").to_pylist() == [1, 2, 3]
    assert out.column("scores").to_pylist() == [[1.0], [], None]
    assert summary.records == 3
    assert not list(tmp_path.glob(".*"))  # no partial files left behind


@pytest.mark.parametrize("name,override,expected", [
    ("a.txt", None, "txt"), ("a.jsonl", None, "jsonl"), ("a.ndjson", None, "jsonl"), ("a.CSV", None, "csv"),
    ("a.tsv", None, "csv"), ("a.parquet", None, "parquet"), ("a.data", "jsonl", "jsonl"),
])
def test_detect_format(tmp_path, name, override, expected):
    path = tmp_path / name
    path.write_text("x")
    assert detect_format(path, override) == expected


@pytest.mark.parametrize("name,override,code", [("a.json", None, "S003"), ("a.txt", "xml", "S010")])
def test_detect_format_rejects(tmp_path, name, override, code):
    path = tmp_path / name
    path.write_text("x")
    with pytest.raises(UsageError) as err:
        detect_format(path, override)
    assert err.value.code == code


@pytest.mark.parametrize("fmt,field", [("csv", "note"), ("parquet", "note")])
def test_missing_column_is_usage_error(tmp_path, fake_nlp, fmt, field):
    src = tmp_path / f"in.{fmt}"
    if fmt == "csv":
        src.write_text("id,text\n1,hello\n", encoding="utf-8")
    else:
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.table({"id": [1], "text": ["hello"]}), src)
    with pytest.raises(UsageError) as err:
        deidentify(src, tmp_path / f"out.{fmt}", nlp=fake_nlp, text_field=field)
    assert err.value.code == "S007"
    assert not (tmp_path / f"out.{fmt}").exists()


def test_parquet_non_string_text_column_is_usage_error(tmp_path, fake_nlp):
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"text": [1, 2]}), tmp_path / "in.parquet")
    with pytest.raises(UsageError) as err:
        deidentify(tmp_path / "in.parquet", tmp_path / "out.parquet", nlp=fake_nlp)
    assert err.value.code == "S008"


def test_jsonl_tsv_roundtrip_of_unicode(tmp_path, fake_nlp):
    src = write_jsonl(tmp_path / "in.jsonl", [{"text": "Smith – café ✓", "x": "ü"}])
    deidentify(src, tmp_path / "out.jsonl", nlp=fake_nlp)
    assert json.loads((tmp_path / "out.jsonl").read_text(encoding="utf-8")) == {"text": "[PATIENT] – café ✓",
                                                                                "x": "ü"}
