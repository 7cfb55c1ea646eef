"""The CLI stays light, and `medkiln run deid` chains every step of the loop on tiny data."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from medkiln.factory.cli.main import app


def test_cli_import_does_not_pull_heavy_dependencies():
    code = ("import sys, medkiln.factory.cli.main; heavy = [m for m in ('torch', 'transformers', 'datasets', "
            "'label_studio_sdk', 'presidio_analyzer') if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_help_lists_the_commands():
    result = CliRunner().invoke(app, ["--help"])
    assert result.exit_code == 0
    for cmd in ("synth", "train", "evaluate", "export", "run", "deid"):
        assert cmd in result.output


def test_synth_command_writes_splits_and_a_data_card(tmp_path):
    result = CliRunner().invoke(app, ["synth", "deid", "--n", "60", "--seed", "3", "--out", str(tmp_path)])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    assert sum(summary["counts"].values()) == 60
    card = json.loads((tmp_path / "datacard.json").read_text())
    assert card["docs"] == 60 and card["spans"] == sum(card["labels"].values())
    assert card["provenance"]["teacher"] == "offline" and card["provenance"]["seed"] == 3
    assert (tmp_path / "datacard.md").read_text().startswith("# Data card")
    assert "`hf/`: the same splits as a Hugging Face datasets DatasetDict" in (tmp_path / "datacard.md").read_text()
    from medkiln.core.records import dataset_is_current, iter_jsonl, read_dataset_records

    assert dataset_is_current(tmp_path / "hf") and read_dataset_records(tmp_path / "hf") == {
        name: [rec for _, rec in iter_jsonl(tmp_path / f"{name}.jsonl")] for name in ("train", "dev", "test")}
    # v7 of the deid teacher: the share of each surface-form family per PHI type
    assert abs(sum(card["forms"]["date"].values()) - 1) < 0.01
    assert "## Surface forms" in (tmp_path / "datacard.md").read_text()
    # Same seed, same data: synthesis is reproducible end to end.
    again = tmp_path / "again"
    CliRunner().invoke(app, ["synth", "deid", "--n", "60", "--seed", "3", "--out", str(again)])
    assert (again / "train.jsonl").read_bytes() == (tmp_path / "train.jsonl").read_bytes()


def test_unknown_domain_is_a_coded_error(tmp_path):
    result = CliRunner().invoke(app, ["synth", "nosuch", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "[E001]" in result.stderr and "Traceback" not in result.output


PROBE = "Pt seen 03/14/2021 by Dr. Alvarez. Call (617) 555-0142 or MRN 44512789 with questions."
PRESIDIO = """
import json, sys
import spacy
from presidio_anonymizer import AnonymizerEngine
from medkiln.serving.presidio import build_analyzer
note = sys.argv[1]
analyzer = build_analyzer("en_medkiln_deid")          # the README's snippet, by installed package name
results = analyzer.analyze(text=note, language="en")
own = [[e.start_char, e.end_char] for e in spacy.load("en_medkiln_deid")(note).ents]
print(json.dumps({"found": sorted([r.start, r.end] for r in results), "own": sorted(own),
                  "text": AnonymizerEngine().anonymize(text=note, analyzer_results=results).text}))
"""


@pytest.mark.slow
def test_run_chains_synth_train_evaluate_export_install(tmp_path, monkeypatch):
    from medkiln.domains import get_domain
    from medkiln.factory.run import run_domain

    real = tmp_path / "real.jsonl"  # a stand-in for real gold notes in another label scheme
    real.write_text(json.dumps({"id": "r1", "text": "Seen by Dr. Vale on 3/4.",
                                "spans": [[12, 16, "HCPName"], [20, 23, "Date"]]}) + "\n")
    site = tmp_path / "site"  # `--install` goes here, not into the test environment (pip honours PIP_TARGET)
    monkeypatch.setenv("PIP_TARGET", str(site))
    monkeypatch.setenv("PYTHONPATH", str(site))
    adapt = {"notes": real, "max_steps": 10, "passes": 2, "eval_frequency": 5}  # its text only (make demo's use)
    summary = run_domain("deid", tmp_path, n=150, seed=1, max_steps=150, real_data=real, real_map="physionet",
                         install=True, adapt=adapt)
    assert (site / "en_medkiln_deid").is_dir()
    # the adapted student is the package installed, and it was measured on the real notes too
    installed = json.loads(next((site / "en_medkiln_deid").glob("en_medkiln_deid-*/meta.json")).read_text())
    assert installed["medkiln"]["adaptation"]["notes"]["used"] == 1 == summary["adapted"]["silver"]["notes"]
    assert json.loads((tmp_path / "eval" / "real_adapted" / "report.json").read_text())["n_docs"] == 1
    # `medkiln deid --model en_medkiln_deid` de-identified the sample folder in a fresh process, by package name
    notes = sorted((tmp_path / "sample_notes").rglob("*.txt"))
    written = sorted((tmp_path / "sample_notes_deid").rglob("*.txt"))
    assert len(notes) == len(written) == 12
    audit = [json.loads(line) for line in Path(summary["deid_sample"]["audit"]).read_text().splitlines()]
    gold = sum(len(r["spans"]) for r in get_domain("deid").synthesize(12, 999))  # the sample (write_sample_folder)
    assert len(audit) == 12 and sum(len(a["phi"]) for a in audit) >= gold / 4  # a 150-step student finds a share
    for a in audit:  # every span the audit lists was replaced by its tag (redact), nothing else was
        text = (tmp_path / "sample_notes" / a["id"]).read_text(encoding="utf-8")
        deid = (tmp_path / "sample_notes_deid" / a["id"]).read_text(encoding="utf-8")
        rebuilt, pos = [], 0
        for p in sorted(a["phi"], key=lambda p: p["start"]):
            rebuilt += [text[pos:p["start"]], f"[{p['label']}]"]
            pos = p["end"]
        assert deid == "".join(rebuilt) + text[pos:]
    # Presidio with the installed package as its NLP engine, and its anonymizer, as the README shows
    proc = subprocess.run([sys.executable, "-c", PRESIDIO, PROBE], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    assert got["own"] and all(span in got["found"] for span in got["own"])  # every student entity reaches Presidio
    assert "(617) 555-0142" not in got["text"] and "03/14/2021" not in got["text"] and "<PHONE_NUMBER>" in got["text"]
    assert (tmp_path / "data" / "train.jsonl").exists()
    assert (tmp_path / "train" / "config.cfg").exists()
    for kind in ("json", "md", "html"):
        assert (tmp_path / "eval" / "synthetic" / f"report.{kind}").exists()
    assert summary["package"]["wheel"].endswith(".whl")
    real_report = json.loads((tmp_path / "eval" / "real" / "report.json").read_text())
    assert real_report["n_docs"] == 1 and real_report["signature"].startswith("medkiln-spans|map:physionet")
    assert json.loads((tmp_path / "run.json").read_text())["model"] == summary["model"]


def test_run_without_n_writes_the_domains_default_number_of_examples(monkeypatch, tmp_path):
    import medkiln.factory.synth
    from medkiln.domains import get_domain
    from medkiln.factory.run import run_domain

    seen = []

    class Stop(Exception):
        pass

    def fake_synthesize(domain, out, *, n, seed):
        seen.append((domain.name, n))  # the step receives the resolved spec, not the name
        raise Stop

    monkeypatch.setattr(medkiln.factory.synth, "synthesize", fake_synthesize)
    for domain, n in (("deid", None), ("deid", 40)):
        with pytest.raises(Stop):
            run_domain(domain, tmp_path / domain, n=n)
    assert seen == [("deid", get_domain("deid").default_n), ("deid", 40)]
    assert get_domain("deid").default_n == 10000 and get_domain("notes").default_n == 3000
