"""The span JSONL contract: validation names file and line, writes are atomic; the DatasetDict copy of the splits."""

from __future__ import annotations

import pytest
from needs import need

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


# -- the Hugging Face DatasetDict beside the JSONL ----------------------------------------------------------
MIXED = {
    "train": [
        {"id": "a", "text": "Dr. Vale saw Ann Lee on 3/4.", "spans": [[4, 8, "DOCTOR"], [13, 20, "PATIENT"]],
         "meta": {"teacher": "offline", "style": ["terse", 2], "nested": {"x": None}}},
        {"id": "b", "text": "Sin datos — ñ 東京", "spans": [], "score": 0.5, "flag": True, "big": 2 ** 70},
        {"id": "c", "text": "x", "spans": [], "meta": None, "mixed": 1},
    ],
    "dev": [{"id": "d", "text": "Seen 2/2.", "spans": [[5, 8, "DATE"]], "mixed": "one", "score": 1.0}],
    "test": [],
}


def _jsonl_splits(folder, names):
    from medkiln.core.records import iter_jsonl

    return {name: [rec for _, rec in iter_jsonl(folder / f"{name}.jsonl")] for name in names}


def test_dataset_dict_round_trip_equals_the_jsonl(tmp_path):
    need("datasets")
    from medkiln.core.records import dataset_is_current, read_dataset_dict, read_dataset_records, write_splits

    layout = write_splits(tmp_path / "data", MIXED)
    assert layout["dataset_dict"] == "hf" and layout["splits"] == {n: f"{n}.jsonl" for n in MIXED}
    assert read_dataset_records(tmp_path / "data" / "hf") == _jsonl_splits(tmp_path / "data", MIXED)
    assert dataset_is_current(tmp_path / "data" / "hf")
    data = read_dataset_dict(tmp_path / "data" / "hf")
    assert list(data) == ["train", "dev", "test"] and [len(data[n]) for n in data] == [3, 1, 0]
    # one schema for every split; plain fields stay typed, spans are structs, nested or mixed fields JSON text
    assert data["train"].features == data["test"].features
    types = {name: str(feature) for name, feature in data["train"].features.items()}
    assert types["text"] == "Value('string')" and types["score"] == "Value('float64')"
    assert types["flag"] == "Value('bool')" and "start" in types["spans"]
    assert data["train"][0]["spans"] == [{"start": 4, "end": 8, "label": "DOCTOR"},
                                         {"start": 13, "end": 20, "label": "PATIENT"}]
    assert data["dev"][0]["mixed"] == '"one"' and data["train"][2]["mixed"] == "1"
    assert not list((tmp_path / "data").glob(".*"))  # no temporary folder left


def test_dataset_dict_is_replaced_atomically_and_stale_copies_are_told(tmp_path, monkeypatch):
    need("datasets")
    from medkiln.core import records as core_records
    from medkiln.core.records import dataset_is_current, read_dataset_records, write_jsonl, write_splits

    write_splits(tmp_path, MIXED)
    before = read_dataset_records(tmp_path / "hf")

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(core_records, "write_json", broken)  # fails after the Arrow files, before the rename
    with pytest.raises(OSError):
        write_splits(tmp_path, {"train": MIXED["dev"], "dev": MIXED["train"]})
    monkeypatch.undo()
    assert read_dataset_records(tmp_path / "hf") == before  # the old copy is untouched ...
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dev.jsonl", "hf", "test.jsonl", "train.jsonl"]
    assert not dataset_is_current(tmp_path / "hf")  # ... and, the JSONL having been rewritten, known to be stale
    write_splits(tmp_path, MIXED)
    assert dataset_is_current(tmp_path / "hf")
    write_jsonl(tmp_path / "dev.jsonl", MIXED["dev"] * 2)  # a hand edit of the JSONL
    assert not dataset_is_current(tmp_path / "hf") and not dataset_is_current(tmp_path / "nowhere")


@pytest.mark.parametrize("manifest, reason", [(None, "no medkiln.json"), ("{oops", "not valid JSON"),
                                              ('{"format": "other.v9"}', "medkiln.records.v1")])
def test_a_folder_that_is_not_our_dataset_dict_is_refused_with_e020(tmp_path, manifest, reason):
    from medkiln.core.records import read_dataset_dict

    (tmp_path / "hf").mkdir()
    if manifest is not None:
        (tmp_path / "hf" / "medkiln.json").write_text(manifest)
    with pytest.raises(MedkilnError) as err:
        read_dataset_dict(tmp_path / "hf")
    assert err.value.code == "E020" and reason in str(err.value)
