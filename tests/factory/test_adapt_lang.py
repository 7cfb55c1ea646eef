"""`medkiln adapt deid` over a non-English base: the Spanish student is adapted in Spanish (the language folder's
tokenizer, config and package name come from the base), from the CLI, with no `--lang`."""

from __future__ import annotations

import json

import pytest

from medkiln.core.errors import MedkilnError
from medkiln.core.records import write_jsonl


@pytest.mark.slow
def test_adapt_a_spanish_base_stays_spanish(tmp_path):
    import spacy
    from typer.testing import CliRunner

    from medkiln.domains import get_domain
    from medkiln.factory.cli.main import app
    from medkiln.factory.synth import synthesize
    from medkiln.factory.train import train
    from medkiln.serving.pipeline import load_pipeline

    spec = get_domain("deid", lang="es")
    synthesize(spec, tmp_path / "data", n=40, seed=1)
    base = train(spec, tmp_path / "data", tmp_path / "base", seed=0, max_steps=30,
                 overrides={"training.eval_frequency": "10"})["model"]
    assert spacy.blank("es").lang == load_pipeline(base).lang
    write_jsonl(tmp_path / "notes.jsonl", [{"text": r["text"]} for r in spec.synthesize(8, 91)])  # another seed
    out = tmp_path / "adapted"
    result = CliRunner().invoke(app, ["adapt", "deid", str(tmp_path / "notes.jsonl"), "--model", str(base), "--out",
                                      str(out), "--data", str(tmp_path / "data"), "--max-steps", "10",
                                      "--set", "passes=2"])
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "adapt.json").read_text())
    assert summary["package"]["name"] == "es_medkiln_deid" and summary["silver"]["notes"] == 8
    adapted = load_pipeline(summary["model"])
    assert adapted.lang == "es" and adapted.meta["medkiln"]["domain"] == "medkiln.deid.es.v1"
    assert adapted.meta["medkiln"]["adaptation"]["notes"]["used"] == 8


def test_a_base_in_a_language_the_domain_lacks_is_e502():
    from medkiln.domains import get_domain
    from medkiln.factory.adapt.run import spec_of_language

    spec = get_domain("deid")
    assert spec_of_language(spec, "en") is spec
    assert spec_of_language(spec, "es").lang == "es"
    with pytest.raises(MedkilnError) as err:
        spec_of_language(spec, "xx")
    assert err.value.code == "E502"
