"""The HTTP app in process (starlette TestClient): routes, options, limits, auth, models, Label Studio."""

from __future__ import annotations

import base64
import json

import pytest

pytest.importorskip("fastapi")
from deid_helpers import NOTE, build_fake_nlp  # noqa: E402
from http_helpers import SECRET_NAME, SECRET_NOTE, extraction_nlp, own_extension, translation_nlp  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

from medkiln.serving.batch import resolve_key  # noqa: E402
from medkiln.serving.errors import UsageError  # noqa: E402
from medkiln.serving.http import Settings, create_app  # noqa: E402
from medkiln.serving.http.settings import check_bind, load_api_keys  # noqa: E402
from medkiln.serving.operators import Policy, anonymize, get_operator  # noqa: E402

KEY = "k" * 24


@pytest.fixture(scope="module")
def extensions():
    with own_extension("extraction"), own_extension("translation"):
        yield


@pytest.fixture(scope="module")
def client(extensions):
    models = {"fake": build_fake_nlp(), "notes": extraction_nlp(), "mt": translation_nlp()}
    app = create_app(models, Settings(seed=7, max_records=4, max_text_chars=500))
    with TestClient(app) as c:
        yield c


def expected(text: str, operator: str, group: str, *, seed: int = 7, date_shift: bool = False) -> tuple:
    nlp = build_fake_nlp()
    spans = [(e.start_char, e.end_char, e.label_) for e in nlp(text).ents]
    policy = Policy(get_operator(operator), resolve_key(seed, None), date_shift)
    result = anonymize(text, spans, policy, group=group)
    return result.text, [{"start": a.start, "end": a.end, "label": a.label} for a in result.actions]


def test_deid_single_text_matches_the_operators(client):
    r = client.post("/v1/deid", json={"text": NOTE, "model": "fake", "operator": "surrogate", "date_shift": True})
    assert r.status_code == 200
    body = r.json()
    text, phi = expected(NOTE, "surrogate", "", date_shift=True)
    assert body["text"] == text and body["phi"] == phi and body["model"] == "fake"
    assert "Smith" not in body["text"] and "01/02/2020" not in body["text"]


def test_deid_records_keep_ids_and_group_surrogates(client):
    records = [{"id": "a", "text": NOTE, "group": "p1"}, {"id": 2, "text": NOTE, "group": "p1"},
               {"id": 3, "text": NOTE}]
    r = client.post("/v1/deid", json={"records": records, "operator": "surrogate", "date_shift": True})
    assert r.status_code == 200
    out = r.json()["records"]
    assert [o["id"] for o in out] == ["a", 2, 3]
    assert out[0]["text"] == out[1]["text"] == expected(NOTE, "surrogate", "p1", date_shift=True)[0]
    assert out[2]["text"] == expected(NOTE, "surrogate", "3", date_shift=True)[0] != out[0]["text"]


def test_deid_request_seed_keep_and_default_operator(client):
    r = client.post("/v1/deid", json={"text": NOTE, "keep": ["DATE"]})
    body = r.json()
    assert "[PATIENT]" in body["text"] and "01/02/2020" in body["text"]
    assert {p["label"] for p in body["phi"] if p.get("kept")} == {"DATE"}
    seeded = client.post("/v1/deid", json={"text": NOTE, "operator": "hash", "seed": 3}).json()
    assert seeded["text"] == expected(NOTE, "hash", "", seed=3)[0]


def test_ner_extract_translate_and_capabilities(client):
    ner = client.post("/v1/ner", json={"records": [{"id": 1, "text": NOTE}]}).json()
    assert ner["records"][0]["ents"] == expected(NOTE, "redact", "")[1]
    ext = client.post("/v1/extract", json={"text": "took 2 pills 3 times"}).json()
    assert ext["model"] == "notes"
    assert [e["start"] for e in ext["extraction"]["entities"]] == [5, 13]
    tr = client.post("/v1/translate", json={"records": [{"id": "x", "text": "one two three"}]}).json()
    assert tr == {"model": "mt", "records": [{"id": "x", "translation": "three two one"}]}
    wrong = client.post("/v1/translate", json={"text": "a", "model": "fake"})
    assert wrong.status_code == 422 and wrong.json()["error"]["code"] == "S048"
    assert "mt" in wrong.json()["error"]["message"]
    no_phi = client.post("/v1/deid", json={"text": NOTE, "model": "mt"})  # finds no PHI: never de-identifies
    assert no_phi.status_code == 422 and no_phi.json()["error"]["code"] == "S048"


def test_models_lists_names_labels_and_capabilities(client):
    models = {m["name"]: m for m in client.get("/v1/models").json()["models"]}
    assert set(models) == {"fake", "notes", "mt"}
    assert "PATIENT" in models["fake"]["labels"] and models["fake"]["capabilities"] == ["deid", "ner"]
    assert models["notes"]["capabilities"] == ["extract"] and models["mt"]["capabilities"] == ["translate"]


def test_model_evaluation_from_meta():
    nlp = build_fake_nlp()
    nlp.meta.update(name="deid_test", version="1.2.3", performance={"ents_f": 0.5},
                    medkiln={"evaluation": {"strict": {"f1": 0.4}, "per_label": {"X": {}}}})
    with TestClient(create_app({"m": nlp})) as c:
        info = c.get("/v1/models").json()["models"][0]
    assert info["version"] == "1.2.3" and info["evaluation"] == {"ents_f": 0.5}
    assert info["evaluation_summary"] == {"strict": {"f1": 0.4}}


@pytest.mark.parametrize("body,status,code", [
    ({"text": "x", "model": "nope"}, 404, "S047"),
    ({"text": "x", "records": [{"id": 1, "text": "y"}]}, 422, "S052"),
    ({}, 422, "S052"),
    ({"records": [{"id": i, "text": "y"} for i in range(5)]}, 413, "S044"),
    ({"text": "y" * 501}, 413, "S045"),
    ({"text": "x", "operator": "shred"}, 422, "S046"),
    ({"text": "x", "extra": 1}, 422, "S046"),
])
def test_bad_requests_get_coded_answers(client, body, status, code):
    r = client.post("/v1/deid", json=body)
    assert r.status_code == status, r.text
    assert r.json()["error"]["code"] == code


def test_validation_errors_name_the_field_never_the_value(client):
    r = client.post("/v1/deid", json={"records": [{"id": 1, "text": SECRET_NOTE}, {"id": [SECRET_NAME],
                                                                                   "text": 5}]})
    assert r.status_code == 422
    fields = {f["field"] for f in r.json()["error"]["fields"]}
    assert "records.1.text" in fields and any(f.startswith("records.1.id") for f in fields)
    assert SECRET_NAME not in r.text and "Quentworth" not in r.text


def test_api_keys_bearer_header_and_basic(client):
    app = create_app({"fake": build_fake_nlp()}, Settings(api_keys=frozenset({KEY})))
    with TestClient(app) as c:
        assert c.post("/v1/deid", json={"text": NOTE}).status_code == 401
        assert c.post("/v1/deid", json={"text": NOTE}, headers={"X-API-Key": "w" * 24}).status_code == 401
        assert c.post("/v1/deid", json={"text": NOTE}, headers={"X-API-Key": KEY}).status_code == 200
        bearer = {"Authorization": f"Bearer {KEY}"}
        assert c.get("/metrics", headers=bearer).status_code == 200
        assert c.get("/metrics").status_code == 401
        basic = {"Authorization": "Basic " + base64.b64encode(f"ls:{KEY}".encode()).decode()}
        assert c.post("/predict", json={"tasks": []}, headers=basic).status_code == 200
        assert c.get("/healthz").status_code == 200 and c.get("/health").json()["status"] == "UP"


def test_binding_beyond_loopback_needs_keys(tmp_path, monkeypatch):
    monkeypatch.delenv("MEDKILN_API_KEYS", raising=False)
    check_bind("127.0.0.1", frozenset())
    check_bind("::1", frozenset())
    with pytest.raises(UsageError) as err:
        check_bind("0.0.0.0", frozenset())
    assert err.value.code == "S055"
    keyfile = tmp_path / "keys"
    keyfile.write_text(f"# ops team\n{KEY}\n")
    keys = load_api_keys(keyfile, env={"MEDKILN_API_KEYS": "z" * 20 + ", "})
    assert keys == {KEY, "z" * 20}
    check_bind("0.0.0.0", keys)
    with pytest.raises(UsageError):
        load_api_keys(None, env={"MEDKILN_API_KEYS": "short"})


def test_serve_command_refuses_public_bind_without_keys(monkeypatch):
    import typer
    from typer.testing import CliRunner

    from medkiln.serving.cli_serve import serve_command

    monkeypatch.delenv("MEDKILN_API_KEYS", raising=False)
    app = typer.Typer()
    app.command()(serve_command)
    result = CliRunner().invoke(app, ["--host", "0.0.0.0", "--model", "does-not-matter"])
    assert result.exit_code == 2 and "S055" in result.output


LS_CONFIG = ('<View><Text name="note" value="$body"/><Labels name="phi" toName="note">'
             '<Label value="PATIENT"/><Label value="DATE"/></Labels></View>')


def test_label_studio_predict_and_setup(client):
    body = {"tasks": [{"id": 11, "data": {"body": NOTE}}, {"id": 12, "data": {"body": "nothing here"}}],
            "label_config": LS_CONFIG, "project": "3.1700000000", "params": {"model": "fake"}}
    r = client.post("/predict", json=body)
    assert r.status_code == 200
    results = r.json()["results"]
    assert len(results) == 2 and results[1]["result"] == []
    first = results[0]["result"]
    assert {x["value"]["labels"][0] for x in first} == {"PATIENT", "DATE"}
    for x in first:
        assert (x["from_name"], x["to_name"], x["type"]) == ("phi", "note", "labels")
        assert NOTE[x["value"]["start"]:x["value"]["end"]] == x["value"]["text"]
    assert results[0]["model_version"] == r.json()["model_version"] == "fake-0.0.0"
    default = client.post("/predict", json={"tasks": [{"id": 1, "data": {"text": NOTE}}]}).json()
    assert default["results"][0]["result"][0]["from_name"] == "label"
    assert client.post("/setup", json={"project": "3", "schema": LS_CONFIG}).json() == {
        "model_version": "fake-0.0.0"}


def test_metrics_count_requests_records_and_errors_without_text(client):
    client.post("/v1/deid", json={"records": [{"id": 1, "text": SECRET_NOTE}, {"id": 2, "text": "x"}]})
    client.post("/v1/deid", json={"text": "x", "model": "nope"})
    text = client.get("/metrics").text
    assert 'medkiln_records_total{model="fake",route="/v1/deid"}' in text
    assert 'medkiln_http_errors_total{code="S047",route="/v1/deid"}' in text
    assert "medkiln_http_request_seconds_bucket" in text
    assert SECRET_NAME not in text


def test_openapi_document_lists_the_routes(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert {"/v1/deid", "/v1/ner", "/v1/extract", "/v1/translate", "/v1/models", "/predict", "/setup"} <= set(paths)


def test_workers_build_the_same_app_from_env(tmp_path, monkeypatch, fake_model_dir):
    from medkiln.serving.http.app import CONFIG_ENV, app_from_env, settings_to_env

    settings = Settings(seed=7, max_records=3)
    monkeypatch.setenv(CONFIG_ENV, settings_to_env([f"fake={fake_model_dir}"], settings))
    with TestClient(app_from_env()) as c:
        body = c.post("/v1/deid", json={"text": NOTE, "model": "fake", "operator": "surrogate"}).json()
        assert body["text"] == expected(NOTE, "surrogate", "")[0]
        assert c.post("/v1/deid", json={"records": [{"id": i, "text": "a"} for i in range(4)]}).status_code == 413
    assert json.loads(settings_to_env(["x"], settings))["models"] == ["x"]


def test_a_failing_model_answers_500_without_text_and_keeps_serving(caplog):
    from spacy.language import Language

    if "test_explodes" not in Language.factories:
        @Language.component("test_explodes")
        def _explode(doc):
            if "boom" in doc.text:
                raise ValueError(f"cannot handle {doc.text}")  # an exception that carries note text
            return doc

    nlp = build_fake_nlp()
    nlp.add_pipe("test_explodes")
    with TestClient(create_app({"fake": nlp})) as c:
        r = c.post("/v1/deid", json={"text": f"boom {SECRET_NOTE}"})
        assert r.status_code == 500 and r.json()["error"]["code"] == "S050"
        assert "ValueError" in r.text and SECRET_NAME not in r.text and "Traceback" not in r.text
        assert c.post("/v1/deid", json={"text": NOTE}).status_code == 200
        assert 'code="S050"' in c.get("/metrics").text
    assert SECRET_NAME not in caplog.text and "Quentworth" not in caplog.text


def test_batcher_batches_concurrent_jobs_and_isolates_a_failing_one():
    import asyncio

    import spacy

    from medkiln.serving.http.registry import Batcher

    calls = []
    nlp = spacy.blank("en")

    @spacy.Language.component("test_count_calls")
    def _count(doc):
        if doc.text == "boom":
            raise ValueError("bad")
        return doc

    nlp.add_pipe("test_count_calls")
    real_pipe = nlp.pipe
    nlp.pipe = lambda texts, **kw: (calls.append(len(texts)), real_pipe(texts, **kw))[1]
    batcher = Batcher(nlp, batch_size=64)

    async def run():
        jobs = [batcher.run([f"t{i}", "x"], lambda docs: [d.text for d in docs]) for i in range(5)]
        jobs.append(batcher.run(["boom"], lambda docs: "never"))
        return await asyncio.gather(*jobs, return_exceptions=True)

    results = asyncio.run(run())
    batcher.close()
    assert results[:5] == [[f"t{i}", "x"] for i in range(5)]
    assert isinstance(results[5], ValueError)
    assert calls[0] == 11  # all six jobs in one nlp.pipe call, then retried one by one after the failure
