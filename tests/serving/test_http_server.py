"""`medkiln serve` for real: a uvicorn process on 127.0.0.1, faults thrown at it, and it keeps serving."""

from __future__ import annotations

import asyncio
import socket

import httpx
import pytest
from needs import need

need("fastapi")
need("uvicorn")
from deid_helpers import NOTE  # noqa: E402
from http_helpers import SECRET_NAME, SECRET_NOTE, start_server, stop_server  # noqa: E402

pytestmark = pytest.mark.slow
LIMIT = 50_000


@pytest.fixture(scope="module")
def server(fake_model_dir, tmp_path_factory):
    log = tmp_path_factory.mktemp("serve") / "server.log"
    proc, base = start_server(fake_model_dir, log, "--max-body-bytes", str(LIMIT), "--max-records", "8")
    yield base, log
    stop_server(proc)


def post(base: str, content: bytes, path: str = "/v1/deid", **kw) -> httpx.Response:
    return httpx.post(base + path, content=content, headers={"content-type": "application/json"}, timeout=30, **kw)


def still_serves(base: str) -> None:
    r = httpx.post(base + "/v1/deid", json={"text": NOTE}, timeout=30)
    assert r.status_code == 200 and "[PATIENT]" in r.json()["text"]


@pytest.mark.parametrize("content,status,code", [
    (b'{"text": "unterminated', 400, "S040"),
    (b"", 400, "S042"),
    (b"   \n", 400, "S042"),
    (b'{"text": "caf\xe9 Zorbla Quentworth"}', 400, "S041"),
    (b'{"text": ["Zorbla Quentworth"]}', 422, "S046"),
    (b'{"records": {"id": 1}}', 422, "S046"),
    (b'[1, 2]', 422, "S046"),
    (b'{"text": "x", "model": "Zorbla"}', 404, "S047"),
    (b'{"text": "' + b"a" * (LIMIT + 10) + b'"}', 413, "S043"),
])
def test_faults_get_clear_answers_and_the_server_keeps_serving(server, content, status, code):
    base, _ = server
    r = post(base, content)
    assert r.status_code == status, r.text
    err = r.json()["error"]
    assert err["code"] == code and err["message"]
    assert "Quentworth" not in r.text and "Traceback" not in r.text
    still_serves(base)


def test_streamed_body_over_the_limit_gets_413(server):
    base, _ = server

    def chunks():
        for _ in range(20):
            yield b"a" * 5000  # no Content-Length: the limit is enforced while reading

    r = httpx.post(base + "/v1/deid", content=chunks(), timeout=30)
    assert r.status_code == 413 and r.json()["error"]["code"] == "S043"
    still_serves(base)


def test_plain_curl_form_content_type_is_read_as_json(server):
    base, _ = server
    r = httpx.post(base + "/v1/deid", content=b'{"text": "Smith was here"}',
                   headers={"content-type": "application/x-www-form-urlencoded"}, timeout=30)
    assert r.status_code == 200 and r.json()["text"] == "[PATIENT] was here"


def test_client_disconnects_mid_body_and_mid_request(server):
    base, _ = server
    host, port = base.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=10) as sock:  # promises 1000 bytes, sends 20
        sock.sendall(b"POST /v1/deid HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                     b"Content-Length: 1000\r\n\r\n" + b'{"text": "Zorbla Que')
    body = ('{"records": [' + ",".join(f'{{"id": {i}, "text": "{SECRET_NOTE * 20}"}}' for i in range(8))
            + "]}").encode()
    for _ in range(3):  # whole request sent, connection closed before the answer
        with socket.create_connection((host, int(port)), timeout=10) as sock:
            sock.sendall(b"POST /v1/deid HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                         + f"Content-Length: {len(body)}\r\n\r\n".encode() + body)
    still_serves(base)
    assert httpx.get(base + "/healthz", timeout=10).json() == {"status": "ok"}


def test_concurrent_requests_are_all_answered_correctly(server):
    base, _ = server

    async def run() -> list:
        async with httpx.AsyncClient(base_url=base, timeout=60) as client:
            reqs = [client.post("/v1/deid", json={"records": [{"id": i, "text": f"Smith {i}"}]})
                    for i in range(40)]
            return await asyncio.gather(*reqs)

    answers = asyncio.run(run())
    assert all(r.status_code == 200 for r in answers)
    assert [r.json()["records"][0] for r in answers] == [
        {"id": i, "text": f"[PATIENT] {i}", "phi": [{"start": 0, "end": 5, "label": "PATIENT"}]} for i in range(40)]


def test_metrics_and_logs_hold_no_note_text(server):
    base, log = server
    post(base, b'{"text": "' + SECRET_NOTE.encode() + b'", "model": "nope"}')
    httpx.post(base + "/v1/deid", json={"text": SECRET_NOTE}, timeout=30)
    metrics = httpx.get(base + "/metrics", timeout=10).text
    assert 'route="/v1/deid",status="200"' in metrics and "medkiln_http_errors_total" in metrics
    logged = log.read_text(encoding="utf-8", errors="replace")
    assert "POST /v1/deid" in logged  # the access log is there, and holds no text
    for secret in (SECRET_NAME, "Quentworth", "Zorbla", "Riverbend"):
        assert secret not in logged and secret not in metrics
    assert "Traceback" not in logged


def test_workers_processes_serve_the_same_answers(fake_model_dir, tmp_path):
    proc, base = start_server(fake_model_dir, tmp_path / "workers.log", "--workers", "2", seed=None)
    try:
        body = {"text": NOTE, "operator": "surrogate", "group": "patient-1"}
        answers, instances = set(), set()
        for i in range(60):  # a fresh connection each time: the kernel hands them to either process
            r = httpx.post(base + "/v1/deid", json=body, timeout=30)
            answers.add(r.json()["text"])
            instances.add(r.headers["x-medkiln-instance"])
            if len(instances) == 2 and i >= 12:
                break
        assert len(instances) == 2  # both worker processes answered...
        assert len(answers) == 1 and "Smith" not in answers.pop()  # ...with one shared key
        assert httpx.get(base + "/", timeout=10).json()["status"] == "UP"
    finally:
        stop_server(proc)
