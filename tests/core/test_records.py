"""The span JSONL contract: validation names file and line, writes are atomic."""

from __future__ import annotations

import pytest

from medkiln.core.errors import MedkilnError
from medkiln.core.records import read_spans, write_jsonl


@pytest.mark.parametrize("line, code", [
    ("{not json", "S020"),
    ('{"id": "a", "spans": []}', "S022"),
    ('{"id": "a", "text": 5, "spans": []}', "S023"),
    ('{"id": "a", "text": "abc", "spans": [[2, 9, "DATE"]]}', "E005"),
    ('{"id": "a", "text": "abc", "spans": [[0, 1, "NOPE"]]}', "E006"),
])
def test_bad_records_name_the_file_and_line_and_never_the_text(tmp_path, line, code):
    path = tmp_path / "d.jsonl"
    path.write_text('{"id": "ok", "text": "SECRET-NOTE", "spans": []}\n\n' + line + "\n")
    with pytest.raises(MedkilnError) as err:
        list(read_spans(path, labels=["DATE"]))
    assert err.value.code == code and f"{path}:3" in str(err.value)
    assert "SECRET-NOTE" not in str(err.value) and "abc" not in str(err.value)


def test_round_trip_sorts_spans_and_fills_ids(tmp_path):
    path = tmp_path / "out" / "d.jsonl"
    n = write_jsonl(path, [{"text": "Dr. Vale 3/4", "spans": [[9, 12, "DATE"], [4, 8, "DOCTOR"]]}])
    assert n == 1 and not list(path.parent.glob(".*.tmp"))
    rec = next(read_spans(path))
    assert rec["spans"] == [[4, 8, "DOCTOR"], [9, 12, "DATE"]] and rec["id"] == "d-1"


def test_failed_write_leaves_no_partial_file(tmp_path):
    path = tmp_path / "d.jsonl"
    path.write_text("old\n")

    def records():
        yield {"id": "a", "text": "x", "spans": []}
        raise RuntimeError("interrupted")

    with pytest.raises(RuntimeError):
        write_jsonl(path, records())
    assert path.read_text() == "old\n" and [p.name for p in tmp_path.iterdir()] == ["d.jsonl"]
