"""`medkiln deid-spark` (pyspark local[2], for real) as safe as `medkiln deid`: the same reading of the text,
the same path checks, malformed lines counted and reported by the exit status, nothing of the text logged."""

from __future__ import annotations

import csv
import json

import pytest
from needs import need, need_java
from hostile_kit import SENTINEL, SENTINEL_WORDS, note, tree
from deid_helpers import read_jsonl, write_jsonl
from typer.testing import CliRunner

need("pyspark")
need_java()
pytestmark = [pytest.mark.slow, pytest.mark.guarantee("G18")]
G = pytest.mark.guarantee


def _cli(*args, caplog=None):
    import typer

    from medkiln.serving.cli_serve import deid_spark_command

    app = typer.Typer()
    app.command()(deid_spark_command)
    return CliRunner().invoke(app, [str(a) for a in args])


def _rows(folder):
    out = []
    for part in sorted(folder.glob("part-*.json")):
        out += read_jsonl(part)
    return out


def test_malformed_lines_are_counted_never_written_and_exit_1(spark, tmp_path, model_dir, caplog):
    src = tmp_path / "in.jsonl"
    lines = [json.dumps({"id": i, "text": note(i)}) for i in range(4)]
    lines.insert(2, '{"id": 9, "text": "' + SENTINEL + ' broken')
    src.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = _cli(src, tmp_path / "out", "-m", model_dir, "--id-field", "id", "--master", "local[2]")
    assert result.exit_code == 1, result.output
    summary = json.loads(result.stdout)
    assert summary["records"] == 4 and summary["malformed"] == 1 and summary["left_out"] == 1
    written = json.dumps(_rows(tmp_path / "out"))
    for text in (written, result.output, caplog.text):
        assert not any(w in text for w in SENTINEL_WORDS) and "Traceback" not in text


def test_a_csv_naming_the_text_column_twice_is_refused(spark, tmp_path, model_dir):
    src = tmp_path / "in.csv"
    with src.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["id", "text", "text"], [1, note(1), note(2)]])
    before = tree(tmp_path)
    result = _cli(src, tmp_path / "out", "-m", model_dir, "--id-field", "id", "--master", "local[2]")
    assert result.exit_code == 2 and "[S015]" in result.output and tree(tmp_path) == before


@G("G1")
@G("G3")
@pytest.mark.parametrize("case,code", [("same", "S017"), ("exists", "S063"), ("inside", "S004")])
def test_output_paths_are_checked_as_the_cli_checks_them(spark, tmp_path, model_dir, case, code):
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": 1, "text": note()}])
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "mine.txt").write_text("the user's", encoding="utf-8")
    out, audit = {"same": (tmp_path / "o", tmp_path / "o"), "exists": (tmp_path / "taken", None),
                  "inside": (src / "x", None)}[case]
    before = tree(tmp_path)
    args = [src, out, "-m", model_dir, "--id-field", "id", "--master", "local[2]"]
    result = _cli(*args, *(["--audit", audit] if audit else []))
    assert result.exit_code == 2 and f"[{code}]" in result.output and tree(tmp_path) == before


@G("G8")
@G("G4")
def test_hidden_names_and_long_texts_are_read_as_the_cli_reads_them(spark, tmp_path, model_dir):
    from medkiln.serving.deid import deidentify
    from medkiln.serving.spark import SparkDeidOptions, deidentify_files

    long = ("Stable overnight.\n" * 7000) + note(5)  # over one piece (100,000 characters)
    records = [{"id": 1, "text": f"\u202e{SENTINEL} called"}, {"id": 2, "text": "Zorbla Quent\u200bworth"},
               {"id": 3, "text": long}]
    src = write_jsonl(tmp_path / "in.jsonl", records)
    deidentify(src, tmp_path / "cli.jsonl", model=str(model_dir), id_field="id")
    deidentify_files(src, tmp_path / "spark", model=str(model_dir), spark=spark,
                     options=SparkDeidOptions(id_field="id"))
    got = {r["id"]: r["text"] for r in _rows(tmp_path / "spark")}
    assert got == {r["id"]: r["text"] for r in read_jsonl(tmp_path / "cli.jsonl")}
    assert not any(w in json.dumps(got) for w in SENTINEL_WORDS)
    assert got[1] == "\u202e[PATIENT] called" and got[3].endswith("call [PHONE].")
    assert not list(tmp_path.glob(".*"))  # written beside and moved into place: nothing left behind
