"""A tiny Spanish and a tiny German de-identification student, trained in the test suite: the language folder's
notes, spaCy's tokenizer for that language, the CNN student; scored on notes of another seed; the export is named
after the pipeline's language."""

from __future__ import annotations

import pytest

from medkiln.domains import get_domain

N_NOTES, STEPS = 60, 200


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["es", "de"])
def test_tiny_language_student_learns(tmp_path, lang):
    import spacy

    from medkiln.factory.evaluate import evaluate
    from medkiln.factory.synth import synthesize
    from medkiln.factory.train import train

    spec = get_domain("deid", lang=lang)
    synthesize(spec, tmp_path / "data", n=N_NOTES, seed=1)
    result = train(spec, tmp_path / "data", tmp_path / "out", seed=0, max_steps=STEPS,
                   overrides={"training.eval_frequency": "100"})
    nlp = spacy.load(result["model"])
    assert nlp.lang == lang and type(nlp.tokenizer).__module__.startswith("spacy")
    assert nlp.meta["medkiln"]["domain"] == f"medkiln.deid.{lang}.v1"
    synthesize(spec, tmp_path / "held", n=25, seed=77)  # another seed: never trained on
    ev = evaluate(nlp, tmp_path / "held" / "train.jsonl")
    # floors that a model marking nothing (recall) or everything (precision) fails
    assert ev["token"]["recall"] > 0.4 and ev["token"]["precision"] > 0.5, ev["token"]


@pytest.mark.slow
def test_language_export_is_named_by_the_pipeline_language(tmp_path):
    import spacy

    from medkiln.factory.export import export

    nlp = spacy.blank("de")
    nlp.add_pipe("entity_ruler")
    nlp.to_disk(tmp_path / "model")
    result = export(tmp_path / "model", tmp_path / "pkg", name="medkiln_deid", build="none")
    assert result["name"] == "de_medkiln_deid"


@pytest.mark.parametrize("lang, text, tokens", [
    ("es", "NHC:7984385. CP:41001", ["NHC", ":", "7984385", ".", "CP", ":", "41001"]),
    ("es", "a las 10:30 en http://x.es/a", ["a", "las", "10:30", "en", "http://x.es/a"]),
    ("es", "Domicilio: C/ Mayor 5, 10A; NIE Z2150756P", ["Domicilio", ":", "C/", "Mayor", "5", ",", "10A", ";", "NIE",
                                                     "Z2150756P"]),
    ("de", "49jährige Pat., Tel.:0351 12345", ["49", "jährige", "Pat", ".", ",", "Tel.", ":", "0351", "12345"]),
])
def test_language_tokenizer_v2_splits_glued_fields_and_ages(lang, text, tokens):
    import spacy
    from spacy import registry

    from medkiln.factory.train.tokenizer import register

    register()
    nlp = registry.resolve({"cb": {"@callbacks": "medkiln.clinical_tokenizer.v2"}})["cb"](spacy.blank(lang))
    assert [t.text for t in nlp(text)] == tokens
