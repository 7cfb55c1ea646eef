"""Teachers: JSON extraction, alignment, cache, the HTTP client against the replay server, privacy guard."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from replay_server import ReplayServer, make_domain  # noqa: E402

from medkiln.factory.teachers import OfflineTeacher, OpenAITeacher, Teacher, get_teacher  # noqa: E402
from medkiln.factory.teachers import openai_client  # noqa: E402
from medkiln.factory.teachers.cache import DiskCache, cache_key  # noqa: E402
from medkiln.factory.teachers.diversity import brief_for  # noqa: E402
from medkiln.core.errors import TeacherError  # noqa: E402
from medkiln.factory.teachers.openai_client import ChatClient, RequestFailed, retry_after_seconds  # noqa: E402
from medkiln.factory.teachers.parse import ParseError, align_entities, extract_json  # noqa: E402
from medkiln.factory.teachers.privacy import check_privacy, is_local_url  # noqa: E402
from medkiln.factory.teachers.prompts import render_messages  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures" / "deid_replay.json"
LABELS = {"PATIENT", "DOCTOR", "DATE", "PHONE"}


@pytest.fixture(scope="module")
def spec():
    return make_domain()


# -- parse ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("content", [
    '{"entities": []}',
    '  \n{"entities": []}\n',
    '```json\n{"entities": []}\n```',
    '```\n{"entities": []}\n```',
    'Sure, here it is: {"entities": []} -- hope that helps',
    'Answer:\n```json\n{"entities": []}\n```\nDone.',
])
def test_extract_json_accepts_bare_fenced_and_prose(content):
    assert extract_json(content) == {"entities": []}


@pytest.mark.parametrize("content,reason", [
    (None, "empty_answer"),
    ("   ", "empty_answer"),
    ("I cannot help with that.", "no_json"),
    ('{"text": "Pt seen on 5/5 for', "invalid_json"),
    ("[1, 2, 3]", "not_an_object"),
    ('{"a": 1,}', "invalid_json"),
])
def test_extract_json_rejects_with_reason(content, reason):
    with pytest.raises(ParseError) as err:
        extract_json(content)
    assert err.value.reason == reason


def test_align_labels_every_occurrence_and_counts_drops():
    text = "Dr. Vennolt saw Ann Lee. Dr. Vennolt called 555-201-8841. Vennoltville is a town."
    ents = [{"text": "Dr. Vennolt", "label": "DOCTOR"}, {"text": "Ann Lee", "label": "patient"},
            {"text": "Zed Quarry", "label": "PATIENT"}, {"text": "555-201-8841", "label": "FAX"},
            {"text": "", "label": "DATE"}, "oops", {"text": "Vennolt", "label": "DOCTOR"}]
    res = align_entities(text, ents, LABELS)
    assert res.spans == [[0, 11, "DOCTOR"], [16, 23, "PATIENT"], [25, 36, "DOCTOR"]]
    # "Vennolt" only occurs inside the longer spans (overlap) or inside "Vennoltville" (not a word match)
    assert dict(res.dropped) == {"not_in_text": 1, "unknown_label": 1, "empty_entity": 1, "malformed_entity": 1,
                                 "overlap": 2}


def test_align_uses_given_offsets_and_falls_back_when_they_are_wrong():
    text = "Ann Lee met Ann Lee."
    exact = align_entities(text, [{"text": "Ann Lee", "label": "PATIENT", "start": 12, "end": 19}], LABELS)
    assert exact.spans == [[12, 19, "PATIENT"]] and exact.offset_fallbacks == 0
    wrong = align_entities(text, [{"text": "Ann Lee", "label": "PATIENT", "start": 3, "end": 9}], LABELS)
    assert wrong.spans == [[0, 7, "PATIENT"], [12, 19, "PATIENT"]] and wrong.offset_fallbacks == 1


def test_align_rejects_non_list_entities():
    assert align_entities("x", {"text": "x"}, LABELS).dropped == {"entities_not_a_list": 1}


# -- cache, prompts, briefs ---------------------------------------------------------------------------
def test_cache_round_trip_and_key_sensitivity(tmp_path):
    cache = DiskCache(tmp_path)
    msgs = [{"role": "user", "content": "hi"}]
    key = cache_key("m", "annotate.v1", msgs, {"temperature": 0})
    assert cache.get(key) is None
    cache.put(key, {"content": "{}"})
    assert cache.get(key) == {"content": "{}"} and len(cache) == 1
    others = [cache_key("m2", "annotate.v1", msgs, {"temperature": 0}),
              cache_key("m", "annotate.v2", msgs, {"temperature": 0}),
              cache_key("m", "annotate.v1", msgs, {"temperature": 1}),
              cache_key("m", "annotate.v1", [{"role": "user", "content": "ho"}], {"temperature": 0})]
    assert len(set(others + [key])) == 5


def test_prompts_render_few_shot_from_label_examples(spec):
    msgs = render_messages(spec, "annotate", text="NOTE BODY")
    assert [m["role"] for m in msgs] == ["system", "user"]
    user = msgs[1]["content"]
    assert "NOTE BODY" in user and spec.labels["DOCTOR"].examples[0] in user
    assert all(name in user for name in spec.labels)
    with pytest.raises(TeacherError, match="E103"):
        render_messages(spec, "annotate", version="v9", text="x")


def test_briefs_are_deterministic_and_cover_labels(spec):
    assert brief_for(spec, 3, 0) == brief_for(spec, 3, 0)
    covered = {lab for i in range(10) for lab in brief_for(spec, i, 0)["focus_labels"]}
    assert covered == set(spec.labels)
    assert {"note_type", "specialty", "style"} <= set(brief_for(spec, 0, 0))


# -- registry / protocol --------------------------------------------------------------------------
def test_registry_builds_both_teachers_and_protocol_holds():
    assert isinstance(get_teacher("offline"), OfflineTeacher)
    t = get_teacher("openai", base_url="http://127.0.0.1:9/v1", model="m")
    assert isinstance(t, OpenAITeacher) and isinstance(t, Teacher) and t.label == "openai:m"
    with pytest.raises(TeacherError, match="E102.*--model"):
        get_teacher("openai", base_url="http://127.0.0.1:9/v1")
    with pytest.raises(ValueError, match="Unknown teacher"):
        get_teacher("nope")


# -- the HTTP client ------------------------------------------------------------------------------------
def _client(srv, tmp_path=None, **kw):
    opts = {"max_retries": 3, "backoff": 0.01, "timeout": 2.0, **kw}
    return ChatClient(srv.url, "replay", cache_dir=tmp_path, **opts)


MSG = [{"role": "user", "content": "find PHI"}]


def test_retries_honour_retry_after_then_succeed(monkeypatch):
    sleeps = []
    monkeypatch.setattr(openai_client.time, "sleep", sleeps.append)
    with ReplayServer(FIXTURES) as srv:
        srv.push({"status": 429, "headers": {"Retry-After": "7"}}, {"status": 503}, {"choices": []})
        client = _client(srv, max_backoff=30)
        answer = client.chat(MSG, prompt_version="annotate.v1", schema={"type": "object"})
    assert json.loads(answer.content) == {"entities": []}
    assert srv.count() == 4 and client.stats.retries == 3 and client.stats.requests == 4
    assert sleeps[0] == 7.0 and all(s < 1 for s in sleeps[1:])
    assert client.stats.prompt_tokens > 0 and client.stats.completion_tokens > 0


def test_retries_are_bounded_and_failure_is_counted(monkeypatch):
    monkeypatch.setattr(openai_client.time, "sleep", lambda s: None)
    with ReplayServer(FIXTURES) as srv:
        srv.push(*[{"status": 500}] * 10)
        client = _client(srv, max_retries=2)
        with pytest.raises(RequestFailed) as err:
            client.chat(MSG, prompt_version="annotate.v1")
    assert err.value.reason == "http_500" and srv.count() == 3
    assert client.stats.failures == {"http_500": 1}


@pytest.mark.parametrize("fault,reason", [
    ({"status": 401}, "http_401"),
    ({"raw": "<html>oops</html>"}, "bad_response_body"),
])
def test_non_retryable_and_garbled_answers(monkeypatch, fault, reason):
    monkeypatch.setattr(openai_client.time, "sleep", lambda s: None)
    with ReplayServer(FIXTURES) as srv:
        srv.push(*[fault] * 5)
        with pytest.raises(RequestFailed) as err:
            _client(srv, max_retries=1).chat(MSG, prompt_version="annotate.v1")
    assert err.value.reason == reason


def test_timeout_is_retried():
    with ReplayServer(FIXTURES) as srv:
        srv.push({"delay": 0.6})
        client = _client(srv, timeout=0.2)
        answer = client.chat(MSG, prompt_version="annotate.v1")
    assert answer.content and client.stats.retries == 1


def test_cache_means_a_second_run_sends_no_request(tmp_path):
    with ReplayServer(FIXTURES) as srv:
        first = _client(srv, tmp_path).chat(MSG, prompt_version="annotate.v1", params={"seed": 1})
        again = _client(srv, tmp_path)
        second = again.chat(MSG, prompt_version="annotate.v1", params={"seed": 1})
        assert srv.count() == 1 and second.cached and second.content == first.content
        assert again.stats.cache_hits == 1 and again.stats.requests == 0
        _client(srv, tmp_path).chat(MSG, prompt_version="annotate.v1", params={"seed": 2})
        assert srv.count() == 2


def test_api_key_goes_in_both_headers(monkeypatch):
    monkeypatch.setenv("MEDKILN_TEST_KEY", "sk-test")
    with ReplayServer(FIXTURES) as srv:
        _client(srv, api_key_env="MEDKILN_TEST_KEY").chat(MSG, prompt_version="annotate.v1")
    headers = {k.lower(): v for k, v in srv.requests[0]["headers"].items()}
    assert headers["authorization"] == "Bearer sk-test" and headers["api-key"] == "sk-test"


def test_no_key_means_no_authorization_header(monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    with ReplayServer(FIXTURES) as srv:
        _client(srv).chat(MSG, prompt_version="annotate.v1")
    assert not {"authorization", "api-key"} & {k.lower() for k in srv.requests[0]["headers"]}


@pytest.mark.parametrize("value,expected", [("3", 3.0), ("0", 0.0), (None, None), ("soon", None), ("-4", 0.0)])
def test_retry_after_parsing(value, expected):
    assert retry_after_seconds(value) == expected


# -- privacy guard ---------------------------------------------------------------------------------
@pytest.mark.parametrize("url,local", [
    ("http://127.0.0.1:8000/v1", True), ("http://localhost:11434/v1", True), ("http://[::1]:8000/v1", True),
    ("http://10.1.2.3/v1", True), ("http://192.168.0.7:8000/v1", True), ("http://172.16.4.4/v1", True),
    ("https://8.8.8.8/v1", False), ("https://api.example.invalid/v1", False), ("not a url", False),
])
def test_is_local_url(url, local):
    assert is_local_url(url) is local


def test_privacy_guard_blocks_real_data_to_remote_teachers():
    remote = "https://user:secret@8.8.8.8/v1?key=abc"
    with pytest.raises(TeacherError, match="E101") as err:
        check_privacy(remote, real=True, allow_remote=False)
    assert "secret" not in str(err.value) and "abc" not in str(err.value)
    check_privacy(remote, real=True, allow_remote=True)
    check_privacy(remote, real=False, allow_remote=False)
    client = ChatClient(remote, "m")
    with pytest.raises(TeacherError, match="E101"):
        client.chat(MSG, prompt_version="annotate.v1", real=True)
    assert client.stats.requests == 0


# -- the teacher on top -------------------------------------------------------------------------
def test_teacher_annotate_and_generate_against_replay(spec, tmp_path):
    with ReplayServer(FIXTURES) as srv:
        t = OpenAITeacher(base_url=srv.url, model="teacher-a", cache_dir=tmp_path, backoff=0.01)
        recs = list(t.annotate(spec, [{"id": "a", "text": "Seen by Dr. Vennolt on 04/02/2031. Patient Olivia "
                                                         "Brandt, phone 555-201-8841."}]))
        assert recs[0]["spans"] == [[8, 19, "DOCTOR"], [23, 33, "DATE"], [43, 56, "PATIENT"], [64, 76, "PHONE"]]
        assert recs[0]["meta"]["status"] == "ok" and t.stats.dropped_entities == {"not_in_text": 1}
        srv.push({"content": '{"text": "cut off', "finish_reason": "length"})
        bad = t.generate(spec, brief_for(spec, 0, 0), 0)
        good = t.generate(spec, brief_for(spec, 1, 0), 1)
    assert bad == {"ok": False, "reason": "truncated_answer"}
    assert good["ok"] and len(good["record"]["spans"]) == 6
    assert good["record"]["meta"]["prompt_version"] == "synthesize.v1"
    assert good["record"]["meta"]["teacher"] == "openai:teacher-a"


def _copy_the_example(task, body):
    """A weak model's habit: answer with the prompt's own example, a comma dropped here and there."""
    prompt = body["messages"][-1]["content"]
    if task != "synthesize":
        return None
    example = json.loads(prompt.split("Example answer:", 1)[1].strip().splitlines()[0])
    return json.dumps({**example, "text": example["text"].replace(",", "", 1)})


@pytest.mark.parametrize("content,reason", [
    ('{"text": "...", "entities": [{"text": "...", "label": "MEDICALRECORD"}]}', "too_short"),
    ('{"text": "  ", "entities": []}', "no_text"),
    ('{"text": ' + json.dumps("Follow-up visit for a long standing cough, improving on inhalers, no fever, "
                             "no weight loss, chest clear today.") +
     ', "entities": [{"text": "Dr. Nobody", "label": "DOCTOR"}]}', "no_entities"),
])
def test_generated_examples_that_cannot_be_used_are_rejected(spec, content, reason):
    with ReplayServer(FIXTURES) as srv:
        srv.push({"content": content})
        t = OpenAITeacher(base_url=srv.url, model="weak", backoff=0.01)
        assert t.generate(spec, brief_for(spec, 0, 0), 0) == {"ok": False, "reason": reason}


def test_a_copy_of_the_prompts_example_is_rejected(spec):
    with ReplayServer(FIXTURES, responder=_copy_the_example) as srv:
        t = OpenAITeacher(base_url=srv.url, model="weak", backoff=0.01)
        got = t.generate(spec, brief_for(spec, 3, 0), 3)
        assert got == {"ok": False, "reason": "copied_prompt"} and srv.count() == 1


def test_missing_sdk_is_a_coded_error(monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "openai" else real(name, *a))
    with pytest.raises(TeacherError, match="E106.*medkiln\\[llm\\]"):
        ChatClient("http://127.0.0.1:9/v1", "m")


def test_teacher_synthesize_yields_n_within_its_request_budget(spec, tmp_path):
    with ReplayServer(FIXTURES) as srv:
        t = OpenAITeacher(base_url=srv.url, model="gen", cache_dir=tmp_path, concurrency=3, backoff=0.01)
        got = list(t.synthesize(spec, 6, seed=0))
        # variation 5 is cut-off JSON: the teacher goes on to variation 6 instead of yielding 5 of 6
        assert [r["meta"]["variation"] for r in got] == [0, 1, 2, 3, 4, 6]
        assert t.stats.rejections == {"invalid_json": 1} and srv.count() == 7
        short = OpenAITeacher(base_url=srv.url, model="gen2", concurrency=3, backoff=0.01)
        assert len(list(short.synthesize(spec, 6, seed=0, max_requests=4))) == 4 and short.stats.requests == 4
