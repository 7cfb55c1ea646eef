"""`medkiln deid` through typer.testing.CliRunner on a tiny app built like the lead's main app."""

from __future__ import annotations

import json

import pytest
import typer
from deid_helpers import read_jsonl, write_jsonl
from typer.testing import CliRunner

from medkiln.serving.cli import deid_command

SECRET = "Zorbla Quentworth"


@pytest.fixture(scope="module")
def app():
    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)

    @app.callback()
    def _main():
        """Test app."""

    app.command("deid")(deid_command)
    return app


def _invoke(app, *args):
    return CliRunner().invoke(app, ["deid", *map(str, args)])


def test_cli_success_prints_summary(app, tmp_path, fake_model_dir):
    src = write_jsonl(tmp_path / "in.jsonl", [{"note_id": "a", "text": f"{SECRET} seen 01/02/2020"}])
    result = _invoke(app, src, tmp_path / "out.jsonl", "--model", fake_model_dir, "--id-field", "note_id",
                     "--operator", "surrogate", "--seed", 4, "--date-shift", "--audit", tmp_path / "audit.jsonl",
                     "--quiet")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["records"] == 1 and summary["failed"] == 0 and summary["phi"] == {"DATE": 1, "PATIENT": 1}
    out = read_jsonl(tmp_path / "out.jsonl")[0]
    assert out["note_id"] == "a" and "Zorbla" not in out["text"] and "01/02/2020" not in out["text"]
    assert read_jsonl(tmp_path / "audit.jsonl")[0]["id"] == "a"
    assert SECRET not in result.output


def test_cli_exit_1_when_a_record_failed(app, tmp_path, fake_model_dir):
    src = tmp_path / "in.jsonl"
    src.write_bytes(b'{"text": "Smith ok"}\n{not json\n')
    result = _invoke(app, src, tmp_path / "out.jsonl", "--model", fake_model_dir)
    assert result.exit_code == 1
    assert "1 record(s) failed" in result.stderr
    assert [e["line"] for e in read_jsonl(tmp_path / "out.jsonl.errors.jsonl")] == [2]
    assert read_jsonl(tmp_path / "out.jsonl") == [{"text": "[PATIENT] ok"}]


@pytest.mark.parametrize("args,code_in_message", [
    (["--operator", "scramble"], "S005"),
    (["--model", "no_such_model_pkg"], "S001"),
    (["--format", "xml"], "S010"),
    (["--text-field", "body", "--format", "csv"], "S007"),
])
def test_cli_usage_errors_exit_2(app, tmp_path, fake_model_dir, args, code_in_message):
    src = tmp_path / "in.jsonl"
    src.write_text("text\nSmith\n" if "csv" in args else '{"text": "Smith"}\n', encoding="utf-8")
    if "--model" not in args:
        args = [*args, "--model", str(fake_model_dir)]
    result = _invoke(app, src, tmp_path / "out.jsonl", *args)
    assert result.exit_code == 2
    assert code_in_message in result.stderr
    assert not (tmp_path / "out.jsonl").exists()


def test_cli_refuses_to_overwrite_input(app, tmp_path, fake_model_dir):
    src = write_jsonl(tmp_path / "in.jsonl", [{"text": "Smith"}])
    result = _invoke(app, src, src, "--model", fake_model_dir)
    assert result.exit_code == 2 and "S004" in result.stderr
    assert read_jsonl(src) == [{"text": "Smith"}]


def test_cli_missing_input_and_typer_usage(app, tmp_path):
    assert _invoke(app, tmp_path / "nope.jsonl", tmp_path / "out.jsonl").exit_code == 2
    assert _invoke(app).exit_code == 2  # missing arguments: Typer's own usage error


def test_cli_progress_bar_goes_to_stderr(app, tmp_path, fake_model_dir):
    src = write_jsonl(tmp_path / "in.jsonl", [{"text": f"{SECRET} {i}"} for i in range(5)])
    result = _invoke(app, src, tmp_path / "out.jsonl", "--model", fake_model_dir)
    assert result.exit_code == 0
    assert "records/s" in result.stderr and "records/s" not in result.stdout
    assert SECRET not in result.stderr
