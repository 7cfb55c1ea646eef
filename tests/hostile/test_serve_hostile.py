"""`medkiln serve` for real (a uvicorn process on 127.0.0.1) under hostile requests: invalid Unicode, hidden
names, groups and seeds, Label Studio limits, and what its log may hold."""

from __future__ import annotations

import re

import httpx
import pytest
from needs import need
from hostile_kit import SENTINEL, SENTINEL_WORDS, note
from http_helpers import start_server, stop_server

need("fastapi")
pytestmark = pytest.mark.slow
G = pytest.mark.guarantee


@pytest.fixture(scope="module")
def server(model_dir, tmp_path_factory):
    log = tmp_path_factory.mktemp("hostile_serve") / "server.log"
    proc, base = start_server(model_dir, log, "--max-text-chars", "5000", "--max-records", "4")
    yield base, log
    stop_server(proc)


def post(base: str, path: str = "/v1/deid", **kw) -> httpx.Response:
    return httpx.post(base + path, timeout=60, **kw)


def clean(r: httpx.Response) -> None:
    assert "Traceback" not in r.text and not any(w in r.text for w in SENTINEL_WORDS), r.text[:500]


@G("G9")
@pytest.mark.parametrize("raw,where", [
    (b'{"text": "Zorbla \\ud800 Quentworth"}', "text"),
    (b'{"records": [{"id": 1, "text": "ok"}, {"id": 2, "text": "\\udfff Zorbla"}]}', "records.1.text"),
    (b'{"text": "ok", "model": "\\ud83d"}', "model"),
])
def test_an_unpaired_surrogate_is_a_400_naming_the_field(server, raw, where):
    base, _ = server
    r = post(base, content=raw, headers={"content-type": "application/json"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "S039", r.text
    assert f"'{where}'" in r.json()["error"]["message"]
    clean(r)
    ok = post(base, content=b'{"text": "a pair is fine: \\ud83d\\ude00"}', headers={"content-type": "application/json"})
    assert ok.status_code == 200


@G("G8")
@pytest.mark.parametrize("hide", ["\u202e", "\u200b", "\u2067"])
def test_invisible_characters_do_not_hide_a_name(server, hide):
    base, _ = server
    text = f"{hide}{SENTINEL} called. Jo{hide}hn Smith too."
    r = post(base, json={"text": text})
    assert r.status_code == 200
    body = r.json()
    assert body["text"] == f"{hide}[PATIENT] called. [PATIENT] too."
    assert [text[p["start"]:p["end"]] for p in body["phi"]] == [SENTINEL, f"Jo{hide}hn Smith"]


@G("G13")
def test_no_group_means_a_group_of_the_request_and_seeds_need_permission(server):
    base, _ = server
    ask = {"text": note(), "operator": "surrogate", "date_shift": True}
    answers = [post(base, json=ask).json()["text"] for _ in range(3)]
    assert len(set(answers)) == 3  # three requests, three groups: no shared mapping or offset
    dates = [re.findall(r"\d{2}/\d{2}/\d{4}", a)[0] for a in answers]
    assert len(set(dates)) > 1
    seeded = post(base, json={**ask, "seed": 1})
    assert seeded.status_code == 403 and seeded.json()["error"]["code"] == "S054"
    clean(seeded)


@G("G15")
def test_label_studio_predict_keeps_the_text_limit(server):
    base, _ = server
    long = {"tasks": [{"id": 1, "data": {"text": "x " * 4000 + SENTINEL}}]}
    r = post(base, "/predict", json=long)
    assert r.status_code == 413 and r.json()["error"]["code"] == "S045" and "tasks.0.data.text" in r.text
    clean(r)
    many = {"tasks": [{"id": i, "data": {"text": note(i)}} for i in range(5)]}
    assert post(base, "/predict", json=many).json()["error"]["code"] == "S044"
    ok = post(base, "/predict", json={"tasks": [{"id": 1, "data": {"text": note()}}]})
    assert ok.status_code == 200 and ok.json()["results"][0]["result"]


@G("G15")
def test_a_text_over_the_limit_is_refused_not_processed(server):
    base, _ = server
    r = post(base, json={"records": [{"id": 1, "text": "y" * 5001}]})
    assert r.status_code == 413 and r.json()["error"]["code"] == "S045" and "records.0.text" in r.text


@G("G14")
@G("G7")
def test_the_log_holds_routes_and_statuses_never_queries_or_text(server):
    base, log = server
    httpx.get(base + f"/v1/models?patient={SENTINEL.replace(' ', '+')}", timeout=30)
    httpx.get(base + f"/v1/no-such/{SENTINEL.split()[0]}?q=1", timeout=30)
    wrong = post(base, json={"text": note(), "model": SENTINEL})
    assert wrong.json()["error"]["code"] == "S047"
    clean(wrong)  # what the client sent is not echoed, even the model name
    post(base, content=b'{"text": "' + SENTINEL.encode() + b'", broken', headers={"content-type": "application/json"})
    stop_server_log = log.read_text(encoding="utf-8", errors="replace")
    assert "GET /v1/models 200" in stop_server_log and "GET other 404" in stop_server_log
    assert "POST /v1/deid 404" in stop_server_log and "POST /v1/deid 400" in stop_server_log
    for word in (*SENTINEL_WORDS, "patient=", "?q="):
        assert word not in stop_server_log
    assert "Traceback" not in stop_server_log


@G("G11")
def test_the_server_stops_cleanly_on_sigterm(model_dir, tmp_path):
    log = tmp_path / "s.log"
    proc, base = start_server(model_dir, log)
    assert httpx.get(base + "/readyz", timeout=10).status_code == 200
    stop_server(proc)
    assert proc.returncode in (0, -15) and "Traceback" not in log.read_text(errors="replace")

