"""Presidio hosting medkiln students of two languages in one AnalyzerEngine: a tiny Spanish and a tiny German
student trained here, each language with Presidio's own pattern recognizers for it (country ones included)."""

from __future__ import annotations

import pytest
from needs import need

need("presidio_analyzer")

N_NOTES, STEPS = 60, 200


@pytest.fixture(scope="module")
def students(tmp_path_factory):
    from medkiln.domains import get_domain
    from medkiln.factory.synth import synthesize
    from medkiln.factory.train import train

    root = tmp_path_factory.mktemp("presidio_langs")
    models, held = {}, {}
    for lang in ("es", "de"):
        spec = get_domain("deid", lang=lang)
        synthesize(spec, root / lang / "data", n=N_NOTES, seed=1)
        models[lang] = train(spec, root / lang / "data", root / lang / "out", seed=0, max_steps=STEPS,
                             overrides={"training.eval_frequency": "100"})["model"]
        held[lang] = list(spec.synthesize(8, 77))  # another seed: never trained on
    return models, held


@pytest.fixture(scope="module")
def analyzer(students):
    from medkiln.serving.presidio import build_analyzer

    return build_analyzer(students[0], presidio_recognizers=True)


@pytest.mark.slow
def test_each_language_has_its_engine_and_its_recognizers(analyzer, students):
    from medkiln.serving.presidio import pipeline_language

    assert {lang: pipeline_language(m) for lang, m in students[0].items()} == {"es": "es", "de": "de"}
    assert sorted(analyzer.supported_languages) == ["de", "es"]
    names = {(type(r).__name__, r.supported_language) for r in analyzer.registry.recognizers}
    assert {("SpacyRecognizer", "es"), ("SpacyRecognizer", "de")} <= names
    assert {("EsNifRecognizer", "es"), ("EsNieRecognizer", "es"), ("IbanRecognizer", "es")} <= names
    # Presidio ships the German country recognizers disabled: the analyzer turns them on for German only
    assert {("DeHealthInsuranceRecognizer", "de"), ("DeTaxIdRecognizer", "de"), ("IbanRecognizer", "de")} <= names
    assert not any(name.startswith("De") and lang == "es" for name, lang in names)


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["es", "de"])
def test_the_student_finds_phi_through_presidio(analyzer, students, lang):
    """Token recall of the analyzer's PERSON/DATE/... results on held-out notes of that language: a floor that a
    model marking nothing fails; offsets are the text's own."""
    found = covered = total = 0
    for record in students[1][lang]:
        text = record["text"]
        results = analyzer.analyze(text=text, language=lang)
        assert all(0 <= r.start < r.end <= len(text) for r in results)
        marked = set()
        for r in results:
            marked.update(range(r.start, r.end))
        for start, end, _ in record["spans"]:
            chars = [i for i in range(start, end) if not text[i].isspace()]
            total += len(chars)
            covered += sum(i in marked for i in chars)
        found += len(results)
    assert found > 0 and covered / total > 0.4, (covered, total)


@pytest.mark.slow
def test_german_kvnr_and_spanish_nif_come_from_presidio_patterns(analyzer):
    from medkiln.domains.deid.validators import generate_de_kvnr, generate_es_dni
    import random

    kvnr, dni = generate_de_kvnr(random.Random(3)), generate_es_dni(random.Random(4))
    de = analyzer.analyze(text=f"Versichertennummer {kvnr} der Krankenkasse.", language="de",
                          entities=["DE_HEALTH_INSURANCE"])
    assert [(r.start, r.end) for r in de] == [(19, 19 + len(kvnr))]
    es = analyzer.analyze(text=f"Con DNI {dni} acude.", language="es", entities=["ES_NIF"])
    assert [(r.start, r.end) for r in es] == [(8, 8 + len(dni))]
