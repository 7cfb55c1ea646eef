"""`medkiln run translation`: the chain writes data, model, CTranslate2, evaluation and the export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from medkiln.core.errors import MedkilnError
from medkiln.domains import get_domain
from medkiln.factory.translation.run import run
from medkiln.factory.translation.sources import SourceSettings


def test_run_chain_tiny(tmp_path):
    out = tmp_path / "run"
    summary = run(get_domain("translation"), out, n=200, seed=0, max_steps=20, src="en", tgt="es", size="tiny",
                  train_budget_s=None, build="none", sources=SourceSettings(teachers=["template"]))
    assert summary["direction"] == "en-es" and summary["train_steps"] == 20
    report = json.loads((out / "eval" / "report.json").read_text())
    assert set(report) == {"synthetic_test"}
    runs = report["synthetic_test"]
    assert set(runs) == {"hf", "ct2", "ct2+glossary"}
    assert runs["ct2+glossary"]["constrained"] and runs["ct2+glossary"]["beams"] == 4
    for scores in runs.values():
        assert scores["n"] == json.loads((out / "data" / "datacard.json").read_text())["splits"]["test"]
        assert scores["sentences_per_s"] > 0 and "chrf_signature" in scores
    card = (out / "export" / "hf" / "README.md").read_text(encoding="utf-8")
    assert "en → es" in card and "| synthetic_test | ct2+glossary, beam 4 |" in card and "nrefs:1" in card
    meta = json.loads(Path(summary["package"]["meta"]).read_text())
    assert meta["name"] == "medkiln_mt_es" and meta["lang"] == "en" and "synthetic_test_ct2_chrf" in meta["performance"]
    assert (Path(summary["package"]["package"]) / "README.md").read_text(encoding="utf-8") == card
    assert json.loads((out / "run.json").read_text())["seconds"].keys() >= {"data", "train", "ct2", "evaluate", "export"}


def test_run_refuses_a_domain_of_another_kind(tmp_path):
    with pytest.raises(MedkilnError) as err:
        run(get_domain("deid"), tmp_path, src="en", tgt="de")
    assert err.value.code == "E410"


@pytest.mark.slow
def test_run_domain_dispatches_translation_with_real_data(tmp_path):
    from medkiln.factory.run import run_domain

    real = tmp_path / "real.jsonl"
    real.write_text("".join(json.dumps({"id": f"r{i}", "src": s, "ref": r}) + "\n" for i, (s, r) in enumerate([
        ("Take paracetamol twice daily.", "Nehmen Sie Paracetamol zweimal täglich ein."),
        ("The patient has a fever.", "Der Patient hat Fieber.")])), encoding="utf-8")
    summary = run_domain("translation", tmp_path / "r", n=150, max_steps=4, real_data=real, src="en", tgt="de")
    report = json.loads(Path(summary["evaluation"]).read_text())
    assert report["real"]["hf"]["n"] == 2 and Path(summary["package"]["wheel"]).name.startswith("en_medkiln_mt_de-")


def test_the_default_budget_follows_the_data_and_a_given_one_is_kept():
    from medkiln.factory.translation.run import TEACHER_BUDGET_S, TEMPLATE_BUDGET_S, train_settings

    taught = {"provenance": {"sources": {"offline": {}, "documents": {}, "wordnet": {}}}}
    templates = {"provenance": {"sources": {"offline": {}, "copy_through": {}}}}
    common = dict(size=None, max_steps=None, seed=0, lora=False, threads=1, base_model=None)
    assert train_settings(taught, budget="auto", **common).time_budget_s == TEACHER_BUDGET_S
    assert train_settings(templates, budget="auto", **common).time_budget_s == TEMPLATE_BUDGET_S
    assert TEACHER_BUDGET_S > TEMPLATE_BUDGET_S
    assert train_settings(taught, budget=120.0, **common).time_budget_s == 120.0
    assert train_settings(templates, budget=None, **common).time_budget_s is None


def test_cli_passes_train_budget_and_threads_to_the_translation_chain(monkeypatch, tmp_path):
    from typer.testing import CliRunner

    import medkiln.factory.run as factory_run
    from medkiln.factory.cli.main import app

    seen = {}
    monkeypatch.setattr(factory_run, "run_domain", lambda domain, out, **kw: seen.update(kw) or {"ok": True})
    result = CliRunner().invoke(app, ["run", "translation", "--src", "en", "--tgt", "es", "--out", str(tmp_path),
                                      "--train-budget", "1800", "--threads", "2"])
    assert result.exit_code == 0, result.output
    assert seen["train_budget_s"] == 1800 and seen["threads"] == 2
    seen.clear()
    assert CliRunner().invoke(app, ["run", "translation", "--out", str(tmp_path)]).exit_code == 0
    assert "train_budget_s" not in seen and "threads" not in seen   # the chain's defaults ("auto", 1)
