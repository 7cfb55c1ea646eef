"""Structured-output negotiation: the ladder against recorded refusals of real servers, one probe at a time,
remembered in the cache folder, never a refused format twice; fixed modes fail fast."""

from __future__ import annotations

import json
import sys
import threading
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from replay_server import REFUSALS, ReplayServer, make_domain, server_profile  # noqa: E402

from medkiln.factory.teachers import OpenAITeacher, openai_client  # noqa: E402
from medkiln.factory.teachers.formats import STATE_FILE, FormatNegotiator, is_refusal, response_format  # noqa: E402
from medkiln.factory.teachers.openai_client import ChatClient, RequestFailed  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures" / "deid_replay.json"
MSG = [{"role": "user", "content": "find PHI"}]
SCHEMA = {"type": "object", "properties": {"entities": {"type": "array"}}, "required": ["entities"]}
PROFILES = json.loads(REFUSALS.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def spec():
    return make_domain("fmttest")


def _client(srv, cache=None, **kw):
    return ChatClient(srv.url, kw.pop("model", "replay"), cache_dir=cache, backoff=0.01, timeout=5.0, **kw)


def _ask(client, i=0):
    return client.chat([{"role": "user", "content": f"find PHI {i}"}], prompt_version="annotate.v1", schema=SCHEMA)


@pytest.mark.parametrize("name", sorted(k for k in PROFILES if not k.startswith("_")))
def test_recorded_refusals_are_recognised(name):
    for rung, refusal in PROFILES[name]["refusals"].items():
        body = refusal["body"] if isinstance(refusal["body"], str) else json.dumps(refusal["body"])
        assert is_refusal(refusal["status"], body), (name, rung)


@pytest.mark.parametrize("status,body", [
    (500, '{"error": "injected"}'),                                              # a plain server error: retried
    (500, "Internal Server Error"),
    (400, '{"error": {"message": "the maximum context length is 2048 tokens"}}'),
    (429, '{"error": "rate limited while validating response_format"}'),         # throttling is never a refusal
    (503, '{"error": "json_schema backend warming up"}'),
    (401, '{"error": "response_format needs a paid plan"}'),
])
def test_other_errors_are_not_refusals(status, body):
    assert not is_refusal(status, body)


def test_response_format_per_rung():
    assert response_format("json_schema", SCHEMA, "annotate")["json_schema"]["schema"] == SCHEMA
    assert response_format("json_object_schema", SCHEMA, "x") == {"type": "json_object", "schema": SCHEMA}
    assert response_format("json_object", SCHEMA, "x") == {"type": "json_object"}
    assert response_format("none", SCHEMA, "x") is None and response_format("json_schema", None, "x") is None
    with pytest.raises(ValueError):
        FormatNegotiator("http://127.0.0.1/v1", "m", "xml")


@pytest.mark.parametrize("name,expected", [
    ("llama-cpp-python", ["json_schema", "json_object_schema", "json_object_schema"]),
    ("vllm-0.5", ["json_schema", "json_object_schema", "json_object", "json_object"]),
])
def test_ladder_walks_down_once_per_refusal(tmp_path, name, expected):
    with ReplayServer(FIXTURES, refusals=server_profile(name)) as srv:
        client = _client(srv, tmp_path)
        first, second = _ask(client, 0), _ask(client, 1)
    assert json.loads(first.content) == json.loads(second.content) == {"entities": []}
    assert srv.formats() == expected
    assert client.stats.retries == 0 and client.stats.failures == {}
    refused = expected[:-2] if len(expected) > 3 else expected[:1]
    assert client.stats.events == {f"response_format_refused:{r}": 1 for r in refused}
    assert client.formats.describe()["mode"] == expected[-1] and client.formats.describe()["confirmed"]


def test_the_decision_is_remembered_in_the_cache_folder_per_url_and_model(tmp_path):
    profile = server_profile("vllm-0.5")
    with ReplayServer(FIXTURES, refusals=profile) as srv:
        _ask(_client(srv, tmp_path))
        sent = srv.count()
        again = _client(srv, tmp_path)
        _ask(again, 7)  # a new run: no refused format is sent again
        assert srv.formats()[sent:] == ["json_object"]
        _ask(_client(srv, tmp_path, model="other"), 8)  # another model on the same server is asked afresh
        assert srv.formats()[sent + 1] == "json_schema"
    saved = json.loads((tmp_path / STATE_FILE).read_text())
    key = f"{srv.url} replay"
    assert saved[key] == {"mode": "json_object", "confirmed": True,
                          "refused": {"json_schema": 400, "json_object_schema": 400}}


def test_concurrent_requests_send_a_refused_format_once(spec, tmp_path):
    notes = [{"id": f"r{i}", "text": f"Seen by Dr. Vennolt on 04/0{i}/2031."} for i in range(1, 9)]
    with ReplayServer(FIXTURES, refusals=server_profile("vllm-0.5")) as srv:
        teacher = OpenAITeacher(base_url=srv.url, model="replay", cache_dir=tmp_path, concurrency=4, backoff=0.01)
        out = list(teacher.annotate(spec, notes))
    assert [r["meta"]["status"] for r in out] == ["ok"] * 8
    formats = srv.formats()
    assert formats.count("json_schema") == 1 and formats.count("json_object_schema") == 1
    assert formats.count("json_object") == 8 and len(formats) == 10
    assert teacher.response_format["mode"] == "json_object"


def test_a_server_refusing_every_format_gets_instructions_only(tmp_path):
    refusals = {rung: {"status": 422, "body": {"detail": f"response_format {rung} unsupported"}}
                for rung in ("json_schema", "json_object_schema", "json_object")}
    with ReplayServer(FIXTURES, refusals=refusals) as srv:
        client = _client(srv, tmp_path)
        _ask(client)
        _ask(client, 1)
    assert srv.formats() == ["json_schema", "json_object_schema", "json_object", None, None]
    assert client.formats.describe()["mode"] == "none"


def test_plain_server_errors_are_retried_without_changing_the_format(monkeypatch, tmp_path):
    monkeypatch.setattr(openai_client.time, "sleep", lambda s: None)
    with ReplayServer(FIXTURES) as srv:
        srv.push({"status": 500}, {"status": 503, "body": {"error": "json_schema backend warming up"}})
        client = _client(srv, tmp_path)
        _ask(client)
    assert srv.formats() == ["json_schema"] * 3 and client.stats.retries == 2
    assert client.formats.describe() == {"mode": "json_schema", "negotiated": True, "confirmed": True, "refused": {}}


def test_a_fixed_mode_is_never_changed_and_fails_fast(tmp_path):
    with ReplayServer(FIXTURES, refusals=server_profile("llama-cpp-python")) as srv:
        client = _client(srv, tmp_path, structured="json_schema")
        with pytest.raises(RequestFailed) as err:
            _ask(client)
        assert err.value.reason == "response_format_refused" and srv.count() == 1
        assert client.stats.failures == {"response_format_refused": 1}
        fixed = _client(srv, tmp_path, structured="json_object")
        _ask(fixed, 1)
    assert srv.formats() == ["json_schema", "json_object"]
    assert not (tmp_path / STATE_FILE).exists()  # fixed modes decide nothing to remember


def test_a_waiting_thread_goes_on_when_the_probe_fails(monkeypatch, tmp_path):
    monkeypatch.setattr(openai_client.time, "sleep", lambda s: None)
    with ReplayServer(FIXTURES) as srv:
        srv.push({"status": 500}, {"status": 500})  # the first request fails for good (max_retries=1)
        client = _client(srv, tmp_path, max_retries=1)
        with pytest.raises(RequestFailed):
            _ask(client)
        assert not client.formats.describe()["confirmed"]
        done = []
        threads = [threading.Thread(target=lambda i=i: done.append(_ask(client, i + 1))) for i in range(3)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(timeout=10)
    assert len(done) == 3 and client.formats.describe()["confirmed"]
