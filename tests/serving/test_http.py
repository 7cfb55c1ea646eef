"""The HTTP app in process (starlette TestClient): routes, options, limits, auth, models, Label Studio."""

from __future__ import annotations

import base64
import datetime as dt
import json
import re

import pytest
from needs import need

need("fastapi")
from deid_helpers import NOTE, build_fake_nlp, read_jsonl, write_jsonl  # noqa: E402
from http_helpers import SECRET_NAME, SECRET_NOTE, extraction_nlp, own_extension, translation_nlp  # noqa: E402
from starlette.testclient import TestClient  # noqa: E402

from medkiln.serving.deid import deidentify  # noqa: E402
from medkiln.core.errors import UsageError  # noqa: E402
from medkiln.serving.http import Settings, create_app  # noqa: E402
from medkiln.serving.http.settings import check_bind, load_api_keys  # noqa: E402

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


# The fake model's entities in NOTE, written out by hand (not computed by the code under test).
NOTE_PHI = [("John Smith", "PATIENT", 0), ("93yo", "AGE", 0), ("01/02/2020", "DATE", 0),
            ("Dr. Adeyemi", "DOCTOR", 0), ("Riverbend General", "HOSPITAL", 0), ("(410) 555-0134", "PHONE", 0),
            ("MRN 0012345", "MEDICALRECORD", 0), ("01/12/2020", "DATE", 0), ("Smith", "PATIENT", 1),
            ("67yo", "AGE", 0)]


def known_spans(text: str = NOTE) -> list[dict]:
    out = []
    for value, label, nth in NOTE_PHI:
        start = -1
        for _ in range(nth + 1):
            start = text.index(value, start + 1)
        out.append({"start": start, "end": start + len(value), "label": label})
    return sorted(out, key=lambda s: s["start"])


def _dates(text: str) -> list[dt.date]:
    return [dt.datetime.strptime(d, "%m/%d/%Y").date() for d in re.findall(r"\d{2}/\d{2}/\d{4}", text)]


def test_deid_single_text_gets_a_fresh_group_per_request(client):
    ask = {"text": NOTE, "model": "fake", "operator": "surrogate", "date_shift": True}
    first, second = (client.post("/v1/deid", json=ask).json() for _ in range(2))
    assert first["model"] == "fake" and first["phi"] == known_spans()
    for body in (first, second):
        assert "Smith" not in body["text"] and "Adeyemi" not in body["text"] and "01/02/2020" not in body["text"]
        a, b = _dates(body["text"])
        assert (b - a).days == 10  # one offset per group: the interval between the two dates is kept
    # no group named: each request is its own group, so a known date pair in one answer unshifts nothing else
    assert first["text"] != second["text"] and _dates(first["text"]) != _dates(second["text"])
    grouped = [client.post("/v1/deid", json={**ask, "group": "p9"}).json()["text"] for _ in range(2)]
    assert grouped[0] == grouped[1] != first["text"]  # a named group: the server key makes it consistent


def test_deid_records_keep_ids_and_group_surrogates(client):
    records = [{"id": "a", "text": NOTE, "group": "p1"}, {"id": 2, "text": NOTE, "group": "p1"},
               {"id": 3, "text": NOTE}]
    ask = {"records": records, "operator": "surrogate", "date_shift": True}
    out, again = (client.post("/v1/deid", json=ask).json()["records"] for _ in range(2))
    assert [o["id"] for o in out] == ["a", 2, 3]
    assert out[0]["text"] == out[1]["text"] == again[0]["text"]  # the same named group, in any request
    assert out[2]["text"] not in (out[0]["text"], again[2]["text"])  # no group: this request's own
    assert all(o["phi"] == known_spans() for o in out)


def test_deid_keep_default_operator_and_client_seeds(client, tmp_path):
    r = client.post("/v1/deid", json={"text": NOTE, "keep": ["DATE"]})
    body = r.json()
    assert body["text"].startswith("[PATIENT], [AGE], seen 01/02/2020 by [DOCTOR] at [HOSPITAL].")
    assert {p["label"] for p in body["phi"] if p.get("kept")} == {"DATE"}
    refused = client.post("/v1/deid", json={"text": NOTE, "operator": "hash", "seed": 3})
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "S054"
    app = create_app({"fake": build_fake_nlp()}, Settings(seed=7, allow_client_seed=True))
    with TestClient(app) as c:
        seeded = [c.post("/v1/deid", json={"text": NOTE, "operator": "hash", "seed": s, "group": "g"}).json()["text"]
                  for s in (3, 3, 4)]
    assert seeded[0] == seeded[1] != seeded[2]
    # the same seed and group through the batch CLI's path give the same hashes
    src = write_jsonl(tmp_path / "in.jsonl", [{"text": NOTE, "g": "g"}])
    deidentify(src, tmp_path / "out.jsonl", nlp=build_fake_nlp(), operator="hash", seed=3, group_field="g")
    assert read_jsonl(tmp_path / "out.jsonl")[0]["text"] == seeded[0]


def test_ner_extract_translate_and_capabilities(client):
    ner = client.post("/v1/ner", json={"records": [{"id": 1, "text": NOTE}]}).json()
    assert ner["records"][0]["ents"] == known_spans()
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
    keyfile.chmod(0o600)
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
        ask = {"text": NOTE, "model": "fake", "operator": "surrogate", "group": "p1"}
        body = c.post("/v1/deid", json=ask).json()
        assert body["phi"] == known_spans() and "Smith" not in body["text"]
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
