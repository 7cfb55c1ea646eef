"""The `medkiln_translator` component and `medkiln translate`: the component agrees with the factory's
decoding on both runtimes, round-trips through to_disk/spacy.load, and the batch command keeps fields,
mirrors formats, reports bad records and exits with the batch CLI's codes."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from medkiln.serving.medkiln_translator import pick, split_segments
from medkiln.serving.translate import translate_command

SENTENCES = ["Take 2 tablets of ibuprofen twice daily.", "The patient complains of fever for 3 days.",
             "Stop taking aspirin in case of bleeding."]


@pytest.fixture(scope="module")
def student(tmp_path_factory) -> dict:
    from medkiln.factory.translation.ct2 import convert
    from medkiln.factory.translation.data import build_data
    from medkiln.factory.translation.export import build_pipeline
    from medkiln.factory.translation.train import TrainSettings, train_student

    root = tmp_path_factory.mktemp("mt_serving")
    build_data("en", "de", root / "data", n=200, seed=1, dev=12, test=12)
    settings = TrainSettings(size="tiny", max_steps=30, batch_size=16, eval_every=30, dev_limit=8,
                             time_budget_s=None, quiet=True)
    model = train_student(root / "data", root / "train", src="en", tgt="de", settings=settings)["model"]
    ct2 = convert(model, root / "ct2")
    glossary = json.loads((root / "data" / "glossary.json").read_text(encoding="utf-8"))
    pipeline = build_pipeline(Path(model), ct2, glossary, root / "pipeline", src="en", tgt="de",
                              meta={"name": "medkiln_mt_de", "version": "0.0.1"})
    return {"model": Path(model), "ct2": ct2, "pipeline": pipeline, "glossary": glossary, "root": root}


def _load(path, **overrides):
    import spacy

    import medkiln.serving.medkiln_translator  # noqa: F401

    nlp = spacy.load(path)
    comp = nlp.get_pipe("medkiln_translator")
    for key, value in overrides.items():
        setattr(comp, key, value)
    return nlp


@pytest.mark.parametrize("backend", ["hf", "ct2"])
def test_component_agrees_with_the_factory_decoder(student, backend):
    from medkiln.factory.translation.ct2 import load_translator
    from medkiln.factory.translation.decode import translate
    from medkiln.factory.translation.model import load_model

    model, tok = load_model(student["model"])
    runtime = model if backend == "hf" else load_translator(student["ct2"])
    expected, _ = translate(backend, runtime, tok, SENTENCES)
    nlp = _load(student["pipeline"], backend=backend)
    assert [doc._.translation for doc in nlp.pipe(SENTENCES)] == expected
    assert nlp.get_pipe("medkiln_translator").active_backend == backend


def test_pipeline_round_trips_through_to_disk(student, tmp_path):
    nlp = _load(student["pipeline"])
    before = [d._.translation for d in nlp.pipe(SENTENCES)]
    nlp.to_disk(tmp_path / "copy")
    assert {p.name for p in (tmp_path / "copy" / "medkiln_translator").iterdir()} == {"hf", "ct2", "glossary.json"}
    again = _load(tmp_path / "copy")
    assert [d._.translation for d in again.pipe(SENTENCES)] == before
    assert again.get_pipe("medkiln_translator").active_backend == "ct2"  # auto prefers CTranslate2


def test_documents_are_split_into_sentences_and_lines(student):
    nlp = _load(student["pipeline"])
    text = f"{SENTENCES[0]} {SENTENCES[1]}\n\n{SENTENCES[2]}"
    single = [d._.translation for d in nlp.pipe(SENTENCES)]
    assert nlp(text)._.translation == f"{single[0]} {single[1]}\n\n{single[2]}"


@pytest.mark.parametrize("text", ["One. Two! Three?", "A line\n\nanother line\n", "", "Dose 2.5 mg. Next day."])
def test_split_segments_keeps_the_layout(text):
    segments = split_segments(text)
    assert "".join(seg + sep for seg, sep in segments).strip() == text.strip()


def test_serving_glossary_pick_mirrors_the_factory():
    gl = [{"src": "ibuprofen", "tgt": "Ibuprofen"}]
    assert pick("Take ibuprofen.", ["Nehmen Sie Aspirin.", "Nehmen Sie Ibuprofen."], gl) == "Nehmen Sie Ibuprofen."
    assert pick("Take aspirin.", ["Nehmen Sie Aspirin.", "Nehmen Sie Ibuprofen."], gl) == "Nehmen Sie Aspirin."


@pytest.fixture(scope="module")
def app():
    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)

    @app.callback()
    def _main():
        """Test app."""

    app.command("translate")(translate_command)
    return app


def _invoke(app, *args):
    return CliRunner().invoke(app, ["translate", *map(str, args)])


def _expected(student):
    nlp = _load(student["pipeline"])
    return {s: d._.translation for s, d in zip(SENTENCES, nlp.pipe(SENTENCES))}


def test_translate_jsonl_keeps_fields_and_adds_the_translation(app, student, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"note": f"n{i}", "body": s, "ward": "3B"}) + "\n"
                           for i, s in enumerate(SENTENCES)), encoding="utf-8")
    result = _invoke(app, src, tmp_path / "out.jsonl", "--model", student["pipeline"], "--text-field", "body",
                     "--id-field", "note", "--output-field", "de", "--quiet")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    expected = _expected(student)
    assert [r["de"] for r in rows] == [expected[s] for s in SENTENCES]
    assert [(r["note"], r["body"], r["ward"]) for r in rows] == [(f"n{i}", s, "3B") for i, s in enumerate(SENTENCES)]
    summary = json.loads(result.stdout)
    assert summary["records"] == 3 and summary["failed"] == 0 and summary["job"] == "translate"


def test_translate_csv_and_txt(app, student, tmp_path):
    expected = _expected(student)
    with (tmp_path / "in.csv").open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["id", "text", "unit"])
        writer.writerows([[i, s, "icu"] for i, s in enumerate(SENTENCES)])
    result = _invoke(app, tmp_path / "in.csv", tmp_path / "out.csv", "--model", student["pipeline"], "-q")
    assert result.exit_code == 0, result.output
    with (tmp_path / "out.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["translation"] for r in rows] == [expected[s] for s in SENTENCES] and rows[0]["unit"] == "icu"
    (tmp_path / "note.txt").write_text(f"{SENTENCES[0]}\n{SENTENCES[1]}\n", encoding="utf-8")
    result = _invoke(app, tmp_path / "note.txt", tmp_path / "note.de.txt", "--model", student["pipeline"], "-q")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "note.de.txt").read_text(encoding="utf-8").strip() == \
        f"{expected[SENTENCES[0]]}\n{expected[SENTENCES[1]]}"
    assert (tmp_path / "note.txt").read_text(encoding="utf-8").startswith(SENTENCES[0])  # input untouched


def test_bad_records_are_reported_by_line_and_exit_1(app, student, tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"text": SENTENCES[0]}) + "\n{broken\n" + json.dumps({"text": 5}) + "\n",
                   encoding="utf-8")
    result = _invoke(app, src, tmp_path / "out.jsonl", "--model", student["pipeline"], "-q")
    assert result.exit_code == 1
    errors = [json.loads(x) for x in (tmp_path / "out.jsonl.errors.jsonl").read_text().splitlines()]
    assert sorted(e["line"] for e in errors) == [2, 3]
    assert SENTENCES[0] not in (tmp_path / "out.jsonl.errors.jsonl").read_text()
    assert len((tmp_path / "out.jsonl").read_text().splitlines()) == 1


@pytest.mark.guarantee("G11")
def test_translate_resumes_after_an_interruption(student, tmp_path, monkeypatch):
    from medkiln.serving import batch
    from medkiln.serving.translate import translate

    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": s}) + "\n" for i, s in enumerate(SENTENCES * 3)),
                   encoding="utf-8")
    original, calls = batch.Runner.handle, {"n": 0}

    def stop_after_five(self, payload, item):
        calls["n"] += 1
        if calls["n"] == 4:
            self.checkpoint()  # as the runner does every few seconds
        if calls["n"] > 5:
            raise KeyboardInterrupt
        return original(self, payload, item)

    monkeypatch.setattr(batch.Runner, "handle", stop_after_five)
    with pytest.raises(KeyboardInterrupt):
        translate(src, tmp_path / "out.jsonl", model=student["pipeline"])
    monkeypatch.undo()
    resumed = translate(src, tmp_path / "out.jsonl", model=student["pipeline"],
                        options=batch.RunOptions(resume=True))
    fresh = translate(src, tmp_path / "fresh.jsonl", model=student["pipeline"])
    assert resumed.resumed_from == 3 and resumed.records == fresh.records == 9
    assert (tmp_path / "out.jsonl").read_text(encoding="utf-8") == (tmp_path / "fresh.jsonl").read_text(encoding="utf-8")


def test_usage_errors_exit_2(app, student, tmp_path):
    import spacy

    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"text": SENTENCES[0]}) + "\n", encoding="utf-8")
    missing = _invoke(app, src, tmp_path / "o.jsonl", "--model", tmp_path / "nope", "-q")
    assert missing.exit_code == 2 and "S001" in missing.output
    spacy.blank("en").to_disk(tmp_path / "blank")
    blank = _invoke(app, src, tmp_path / "o.jsonl", "--model", tmp_path / "blank", "-q")
    assert blank.exit_code == 2 and "S090" in blank.output
    bad_backend = _invoke(app, src, tmp_path / "o.jsonl", "--model", student["pipeline"], "--backend", "gpu", "-q")
    assert bad_backend.exit_code == 2 and "S092" in bad_backend.output


@pytest.mark.slow
def test_exported_package_installs_and_translates(student, tmp_path):
    from medkiln.factory.translation.export import export_translation

    train = {"steps": 30, "settings": {"size": "tiny"}, "parameters": {"total": 1}, "vocab": {"vocab_size": 1}}
    result = export_translation(student["model"], student["ct2"], tmp_path / "export", src="en", tgt="de",
                                train=train, evaluation={}, data_card={"splits": {}}, glossary=student["glossary"])
    assert result["name"] == "en_medkiln_mt_de" and Path(result["wheel"]).is_file()
    assert "en → de" in (Path(result["hf"]) / "README.md").read_text(encoding="utf-8")
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(target),
                    result["wheel"]], check=True)
    code = ("import json, sys, spacy; nlp = spacy.load('en_medkiln_mt_de'); "
            "print(json.dumps([d._.translation for d in nlp.pipe(json.loads(sys.argv[1]))]))")
    out = subprocess.run([sys.executable, "-c", code, json.dumps(SENTENCES)], capture_output=True, text=True,
                         env={"PYTHONPATH": str(target), "HF_HUB_OFFLINE": "1", "PATH": "/usr/bin:/bin"}, check=True)
    expected = _expected(student)
    assert json.loads(out.stdout.strip().splitlines()[-1]) == [expected[s] for s in SENTENCES]


def test_translate_is_registered_in_the_medkiln_cli():
    from medkiln.factory.cli.main import app as medkiln

    result = CliRunner().invoke(medkiln, ["translate", "--help"])
    assert result.exit_code == 0 and "--output-field" in result.output


def test_load_pipeline_registers_the_translator_in_a_fresh_process(student):
    """What `medkiln serve --model FOLDER` relies on: nothing imported the component beforehand."""
    import subprocess
    import sys

    code = ("import sys; from medkiln.serving.pipeline import load_pipeline; "
            "nlp = load_pipeline(sys.argv[1]); print(repr(nlp('Take two tablets daily.')._.translation))")
    proc = subprocess.run([sys.executable, "-c", code, str(student["pipeline"])], capture_output=True, text=True,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip().startswith("'") and len(proc.stdout.strip()) > 2
