"""`medkiln deid --lang xx|auto` (serving/languages.py): each record of a mixed folder goes to its language's
pipeline; a language with no package fails alone (S112); missing packages and clashing options are coded errors."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from medkiln.serving.deid import deidentify
from medkiln.serving.languages import LanguageRouter, identify, installed_languages, package_for
from medkiln.core.errors import UsageError

# Invented names; each language's stand-in pipeline knows only its own one, so the output shows the route taken.
NAMES = {"es": "Zorbalina", "de": "Quentwurz", "en": "Mobrixton"}
NOTES = {
    "es": "La paciente {name} acude a urgencias por dolor abdominal de tres días de evolución y fiebre.",
    "de": "Die Patientin {name} wurde mit seit drei Tagen bestehenden Bauchschmerzen und Fieber aufgenommen.",
    "en": "The patient {name} was admitted with three days of abdominal pain and fever, and was seen today.",
    "fr": "La patiente {name} a été hospitalisée pour des douleurs abdominales depuis trois jours avec de la fièvre.",
}


def _pipeline(lang: str):
    import spacy

    nlp = spacy.blank(lang)
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PATIENT", "pattern": NAMES[lang]}])
    return nlp


@pytest.fixture
def router():
    return LanguageRouter(("es", "de", "en"), _pipeline)


def test_identify_picks_installed_language_and_flags_sure_other_language():
    assert identify(NOTES["es"].format(name="Ana"), ("es", "de"))[::2] == ("es", True)
    assert identify(NOTES["de"].format(name="Ana"), ("es", "de"))[::2] == ("de", True)
    lang, prob, supported = identify(NOTES["fr"].format(name="Ana"), ("es", "de"))
    assert (lang, supported) == ("fr", False) and prob >= 0.9
    # too short to be sure: the most likely installed language reads it
    assert identify("Dr. Ana", ("es", "de"))[2] is True


def test_auto_routes_each_record_of_a_mixed_folder(tmp_path, router):
    folder = tmp_path / "notes"
    folder.mkdir()
    for lang in ("es", "de", "en"):
        # every note carries all three invented names: only its own language's pipeline removes its own one
        text = NOTES[lang].format(name=NAMES[lang]) + " " + " ".join(NAMES[o] for o in NAMES if o != lang)
        (folder / f"{lang}.txt").write_text(text, encoding="utf-8")
    (folder / "fr.txt").write_text(NOTES["fr"].format(name="Ana"), encoding="utf-8")
    summary = deidentify(folder, tmp_path / "out", nlp=router, overwrite=True, run_propagation=False)
    assert summary.records == 3 and summary.failed == 1
    for lang in ("es", "de", "en"):
        out = (tmp_path / "out" / f"{lang}.txt").read_text(encoding="utf-8")
        assert NAMES[lang] not in out and "[PATIENT]" in out
        assert all(NAMES[o] in out for o in NAMES if o != lang)
    assert router.routed == {"es": 1, "de": 1, "en": 1}
    errors = [json.loads(line) for line in (tmp_path / "out.errors.jsonl").read_text().splitlines()]
    assert len(errors) == 1 and "UnsupportedLanguage" in json.dumps(errors[0])
    assert "Ana" not in (tmp_path / "out.errors.jsonl").read_text()  # no note text in the errors file


def test_router_loads_only_the_languages_it_meets(router):
    docs = list(router.pipe([NOTES["de"].format(name=NAMES["de"])] * 3, batch_size=2))
    assert [d.ents[0].label_ for d in docs] == ["PATIENT"] * 3
    assert set(router._pipelines) == {"de"}


def test_missing_packages_are_coded_errors():
    with pytest.raises(UsageError) as err:
        package_for("xx")
    assert err.value.code == "S110" and "xx_medkiln_deid" in err.value.message
    with pytest.raises(UsageError) as err:
        package_for("../etc")
    assert err.value.code == "S110"
    with pytest.raises(UsageError) as err:
        installed_languages("{lang}_no_such_medkiln_package")
    assert err.value.code == "S111"


def test_cli_lang_errors_exit_2(tmp_path):
    from medkiln.factory.cli.main import app

    src = tmp_path / "in.txt"
    src.write_text(NOTES["es"].format(name="Ana"), encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["deid", str(src), str(tmp_path / "out.txt"), "--lang", "xx"])
    assert result.exit_code == 2 and "[S110]" in result.stderr
    result = runner.invoke(app, ["deid", str(src), str(tmp_path / "out.txt"), "--lang", "es", "--model", "y"])
    assert result.exit_code == 2 and "[S114]" in result.stderr
    assert not (tmp_path / "out.txt").exists()


def test_http_deid_lang_field_picks_the_language_model():
    from needs import need

    need("fastapi")
    from starlette.testclient import TestClient

    from medkiln.serving.http import Settings, create_app

    app = create_app({"spanish": _pipeline("es"), "german": _pipeline("de")}, Settings(seed=3))
    with TestClient(app) as client:
        de_text = NOTES["de"].format(name=NAMES["de"])
        answer = client.post("/v1/deid", json={"text": de_text, "lang": "de"}).json()
        assert answer["model"] == "german" and NAMES["de"] not in answer["text"]
        answer = client.post("/v1/deid", json={"text": NOTES["es"].format(name=NAMES["es"]), "lang": "auto"}).json()
        assert answer["model"] == "spanish" and NAMES["es"] not in answer["text"]
        refused = client.post("/v1/deid", json={"text": de_text, "lang": "fr"})
        assert refused.status_code == 422 and "S115" in refused.text and NAMES["de"] not in refused.text
        refused = client.post("/v1/deid", json={"text": de_text, "lang": "de", "model": "german"})
        assert refused.status_code == 422 and "S114" in refused.text


def test_spark_lang_option_resolves_before_spark_starts(tmp_path, monkeypatch):
    from needs import need

    need("pyspark")
    from medkiln.factory.cli.main import app
    from medkiln.serving import spark

    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"text": NOTES["es"].format(name="Ana")}) + "\n", encoding="utf-8")
    runner = CliRunner()
    result = runner.invoke(app, ["deid-spark", str(src), str(tmp_path / "out"), "--lang", "xx"])
    assert result.exit_code == 2 and "[S110]" in result.stderr
    # the executors' pipeline for --lang auto is the router over installed packages
    monkeypatch.setattr("medkiln.serving.languages.installed_languages", lambda template=None: ["es", "de"])
    monkeypatch.setattr(spark, "_MODELS", {})
    monkeypatch.setattr(spark, "blas_threads", lambda n: None)
    router = spark.executor_pipeline(spark.AUTO_LANGUAGE)
    assert isinstance(router, LanguageRouter) and router.languages == ("es", "de")
