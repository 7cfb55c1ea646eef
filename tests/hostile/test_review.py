"""`medkiln review import` (the conversion `review pull` shares) under hostile Label Studio exports: each bad
task is left out and named in pull.json with its code, the good ones become training data, nothing is echoed."""

from __future__ import annotations

import json

import pytest
from hostile_kit import SENTINEL, SENTINEL_WORDS, tree
from deid_helpers import read_jsonl

G = pytest.mark.guarantee


def _task(tid, text, result, **data):
    return {"id": tid, "data": {"text": text, **data}, "annotations": [{"id": tid * 10, "result": result}]}


def _span(start, end, label="PATIENT"):
    return {"type": "labels", "from_name": "label", "to_name": "text",
            "value": {"start": start, "end": end, "labels": [label]}}


GOOD = _task(1, f"{SENTINEL} seen", [_span(0, len(SENTINEL))])


@G("G5")
@pytest.mark.parametrize("bad", [
    _task(2, f"{SENTINEL} seen", [_span(0, 900)]),                                 # offsets outside the text
    _task(2, f"{SENTINEL} seen", [_span("Zorbla", None)]),                         # offsets that are not numbers
    _task(2, f"{SENTINEL} seen", [_span(0, 6, f"LABEL {SENTINEL}")]),              # a label the domain lacks
    _task(2, f"{SENTINEL} seen", "not a list"),
    _task(2, f"{SENTINEL} seen", ["not an item", 5]),
    _task(2, 17, [_span(0, 2)]),                                                   # a text that is not text
    {"id": 2, "data": {"text": "x"}, "annotations": "nope"},
])
def test_a_bad_task_is_left_out_and_named(tmp_path, medkiln, bad):
    export = tmp_path / "export.json"
    export.write_text(json.dumps([GOOD, bad]), encoding="utf-8")
    out = tmp_path / "reviewed"
    before = tree(tmp_path)
    result = medkiln("review", "import", "deid", export, "--out", out, read=(out / "pull.json",))
    result.check(1, root=tmp_path, before=before, allowed=("reviewed",))
    report = json.loads((out / "pull.json").read_text(encoding="utf-8"))
    assert [f["task"] for f in report["failed"]] == [2] and report["failed"][0]["code"] == "E214"
    assert [r["id"] for r in read_jsonl(out / "reviewed.jsonl")] == ["1"]


@G("G9")
def test_an_unpaired_surrogate_in_a_task_text(tmp_path, medkiln):
    export = tmp_path / "export.json"
    export.write_text(json.dumps([GOOD])[:-1] + ', {"id": 2, "data": {"text": "\\ud800 ' + SENTINEL
                      + '"}, "annotations": [{"id": 3, "result": []}]}]', encoding="utf-8")
    out = tmp_path / "reviewed"
    result = medkiln("review", "import", "deid", export, "--out", out, read=(out / "pull.json",))
    result.check(1)
    assert not any(w in (out / "pull.json").read_text(encoding="utf-8") for w in SENTINEL_WORDS)


@G("G6")
@pytest.mark.parametrize("content", [b"not json", b'{"tasks": []}', b'["a", 1]', b"[" * 100_000, b"\xff\xfe"])
def test_a_file_that_is_no_export_is_a_usage_error(tmp_path, medkiln, content):
    export = tmp_path / "export.json"
    export.write_bytes(content)
    before = tree(tmp_path)
    medkiln("review", "import", "deid", export, "--out", tmp_path / "o").check(2, error="E216", root=tmp_path,
                                                                                before=before)
