"""Review loop without a server: configs per domain kind, conversions, selection, the conflict rule,
agreement numbers, offline export/import through the CLI, and token/URL handling."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import pytest
from typer.testing import CliRunner

from medkiln.annotation.kinds import labeling_config
from medkiln.annotation.convert import parse_result, prediction, to_task
from medkiln.annotation.pull import records_from_tasks
from medkiln.annotation.resolve import resolve_task
from medkiln.annotation.selection import select
from medkiln.annotation.status import status_from_tasks
from medkiln.domains import available, get_domain
from medkiln.domains.base import DomainSpec, LabelSpec
from medkiln.core.errors import MedkilnError


def _spec(kind: str, labels=("PROBLEM", "TEST", "DOSE", "MEDICATION"), **kw) -> DomainSpec:
    table = {} if kind == "translation" else {
        name: LabelSpec(name=name, description=f"{name.lower()} mention", examples=(), category="C")
        for name in labels}
    return DomainSpec(name=f"t{kind}", version="v1", lang="en", labels=table, synthesize=lambda n, s: iter(()),
                      kind=kind, **kw)


EXTRACTION = _spec("extraction", span_choices={"assertion": (("present", "absent", "possible"), ("PROBLEM", "TEST"))},
                   relations={"DOSE": ("MEDICATION",)})
TRANSLATION = _spec("translation")


# ------------------------------------------------------------------ labeling configs
def test_extraction_config_has_labels_and_per_region_choices_and_relations():
    root = ET.fromstring(labeling_config(EXTRACTION))
    assert [lab.get("value") for lab in root.find("Labels")] == list(EXTRACTION.labels)
    assert all(lab.get("hint") and lab.get("hotkey") for lab in root.find("Labels"))
    choices = root.findall(".//Choices")
    assert len(choices) == 1 and choices[0].get("name") == "assertion" and choices[0].get("perRegion") == "true"
    assert [c.get("value") for c in choices[0]] == ["present", "absent", "possible"]
    assert choices[0].get("toName") == root.find("Text").get("name") == "text"
    assert root.find("Relations/Relation") is not None


def test_translation_config_shows_source_and_an_editable_translation():
    root = ET.fromstring(labeling_config(TRANSLATION))
    assert root.find("Text").get("value") == "$src"
    area = root.find("TextArea")
    assert area.get("editable") == "true" and area.get("toName") == "src" and root.find("Labels") is None


def test_spans_config_unchanged_and_unknown_kind_is_refused():
    deid = get_domain("deid")
    assert ET.fromstring(labeling_config(deid)).find("Choices") is None
    with pytest.raises(MedkilnError) as err:
        labeling_config(_spec("audio"))
    assert err.value.code == "E215"


# ------------------------------------------------------------------ conversions
NOTE = {"id": "n1", "text": "Denies chest pain. Aspirin 81 mg daily.",
        "spans": [[7, 17, "PROBLEM"], [19, 26, "MEDICATION"], [27, 32, "DOSE"]],
        "attributes": {"assertion": [[7, 17, "absent"]]}, "relations": [[19, 26, 27, 32]],
        "sections": [[0, 39, "hpi"]], "meta": {"scores": [0.9, 0.4, None]}}


def test_extraction_prediction_round_trips_spans_choices_relations_and_scores():
    task = to_task(NOTE, "extraction", "teacher-1", rank=3)
    assert task["data"]["medkiln_id"] == "n1" and task["data"]["medkiln_rank"] == 3
    pred = task["predictions"][0]
    assert pred["model_version"] == "teacher-1" and pred["score"] == 0.4
    scored = [item.get("score") for item in pred["result"] if item["type"] == "labels"]
    assert scored == [0.9, 0.4, None]
    choice = next(item for item in pred["result"] if item["type"] == "choices")
    region = next(item for item in pred["result"] if item["type"] == "labels" and item["value"]["start"] == 7)
    assert choice["id"] == region["id"]  # per-region choice is tied to its span
    back = parse_result(pred["result"], task["data"], "extraction")
    assert back == {"spans": NOTE["spans"], "attributes": NOTE["attributes"], "relations": NOTE["relations"]}
    pulled, _ = records_from_tasks([{**task, "id": 5, "annotations": [{"id": 1, "result": pred["result"]}]}],
                                   "extraction")
    assert pulled[0]["sections"] == NOTE["sections"] and pulled[0]["id"] == "n1"


def test_real_notes_records_survive_push_and_pull_unchanged():
    if "medkiln.notes.v1" not in available():
        pytest.skip("the notes domain is not registered in this checkout")
    spec = get_domain("notes")
    ET.fromstring(labeling_config(spec))
    for rec in spec.synthesize(3, 0):
        task = to_task(rec, spec.kind, "teacher")
        task.update(id=1, annotations=[{"id": 1, "result": task["predictions"][0]["result"]}])
        (back,), _ = records_from_tasks([task], spec.kind)
        assert {k: v for k, v in back.items() if k != "meta"} == {k: v for k, v in rec.items() if k != "meta"}


def test_translation_prediction_prefills_the_editable_text_and_pull_gives_parallel_jsonl():
    rec = {"id": "p1", "src": "The patient is stable.", "ref": "", "mt": "Der Patient ist stabil",
           "src_lang": "en", "tgt_lang": "de"}
    task = to_task(rec, "translation", "marian-1")
    assert task["predictions"][0]["result"][0]["value"]["text"] == ["Der Patient ist stabil"]
    edited = [{"from_name": "translation", "to_name": "src", "type": "textarea",
               "value": {"text": ["Der Patient ist stabil."]}}]
    pulled, report = records_from_tasks([{**task, "id": 9, "annotations": [{"id": 3, "result": edited}]}],
                                        "translation")
    assert {k: pulled[0][k] for k in ("id", "src", "ref", "src_lang", "tgt_lang")} == {
        "id": "p1", "src": rec["src"], "ref": "Der Patient ist stabil.", "src_lang": "en", "tgt_lang": "de"}
    assert report["done"] == 1


def test_model_pre_annotation_is_refused_for_non_span_domains(tmp_path):
    from medkiln.annotation.push import push

    if "medkiln.translation.v1" not in available():
        pytest.skip("the translation domain is not registered in this checkout")
    data = tmp_path / "p.jsonl"
    data.write_text(json.dumps({"id": "p", "src": "a", "ref": "b"}) + "\n")
    with pytest.raises(MedkilnError) as err:
        push("translation", data, "proj", url="http://127.0.0.1:9", model=tmp_path)
    assert err.value.code == "E219"


def test_duplicate_ids_in_the_input_are_refused_with_file_and_lines(tmp_path):
    from medkiln.annotation.push import read_records

    data = _jsonl(tmp_path / "dup.jsonl", [{"id": "a", "text": "x", "spans": []}, {"id": "b", "text": "y", "spans": []},
                                           {"id": "a", "text": "z", "spans": []}])
    with pytest.raises(MedkilnError) as err:
        read_records(data, "spans")
    assert err.value.code == "E220" and "dup.jsonl:3" in str(err.value) and "line 1" in str(err.value)
    with pytest.raises(MedkilnError) as err:
        read_records(_jsonl(tmp_path / "nosrc.jsonl", [{"id": "p", "ref": "b"}]), "translation")
    assert err.value.code == "E218" and "'src'" in str(err.value)


def test_bad_offsets_in_an_export_name_the_task_and_item_without_text():
    task = {"id": 4, "data": {"text": "short", "medkiln_id": "x"}, "annotations": [{"id": 1, "result": [
        {"type": "labels", "from_name": "label", "to_name": "text",
         "value": {"start": 2, "end": 50, "labels": ["DATE"]}}]}]}
    good = {**task, "id": 5, "annotations": [{"id": 2, "result": []}]}
    records, report = records_from_tasks([task, good], "spans", where="export.json")
    (failed,) = report["failed"]  # the bad task is left out and named; the good one goes on
    assert failed["task"] == 4 and failed["code"] == "E214" and "task 4" in failed["message"]
    assert "short" not in failed["message"] and [r["id"] for r in records] == ["x"]


def test_pull_keeps_the_base_split_of_a_reviewed_record(tmp_path):
    from medkiln.annotation.pull import write_outputs
    from medkiln.core.records import iter_jsonl, write_jsonl

    base = tmp_path / "base"
    rec = {"text": "Dr Vale saw Ann Lee.", "spans": []}
    write_jsonl(base / "train.jsonl", [{**rec, "id": f"tr{i}"} for i in range(5)])
    write_jsonl(base / "dev.jsonl", [{**rec, "id": "dv0"}])
    write_jsonl(base / "test.jsonl", [{**rec, "id": "te0"}, {**rec, "id": "te1"}])
    reviewed = [{**rec, "id": "te0", "spans": [[3, 7, "DOCTOR"]]}, {**rec, "id": "tr1"}] + \
               [{**rec, "id": f"new{i}"} for i in range(6)]
    summary = write_outputs(reviewed, {"failed": []}, tmp_path / "out", get_domain("deid"), base=base)
    parts = {name: {r["id"]: r for _, r in iter_jsonl(tmp_path / "out" / f"{name}.jsonl")}
             for name in ("train", "dev", "test")}
    assert set(parts["test"]) == {"te0", "te1"} and parts["test"]["te0"]["spans"] == [[3, 7, "DOCTOR"]]
    assert "tr1" in parts["train"] and "dv0" in parts["dev"] and summary["test"] == 2
    new = {rid for name in ("train", "dev") for rid in parts[name] if rid.startswith("new")}
    assert new == {f"new{i}" for i in range(6)} and not any(r.startswith("new") for r in parts["test"])
    from medkiln.core.records import read_dataset_records  # the reviewed splits as a DatasetDict too

    assert "hf" in summary["files"] and read_dataset_records(tmp_path / "out" / "hf") == {
        name: [r for _, r in iter_jsonl(tmp_path / "out" / f"{name}.jsonl")] for name in ("train", "dev", "test")}


# ------------------------------------------------------------------ the conflict rule
def _ann(i, spans, when, cancelled=False, truth=False, who=1):
    result = [{"id": f"r{j}", "type": "labels", "from_name": "label", "to_name": "text",
               "value": {"start": s, "end": e, "labels": [lab]}} for j, (s, e, lab) in enumerate(spans)]
    return {"id": i, "result": result, "was_cancelled": cancelled, "ground_truth": truth,
            "updated_at": f"2026-01-0{when}T00:00:00Z", "completed_by": who}


TEXT = {"text": "Dr Vale saw Ann Lee on 3/4 at Mercy.", "medkiln_id": "t"}
A, B, C, D = [3, 7, "DOCTOR"], [12, 19, "PATIENT"], [23, 26, "DATE"], [30, 35, "HOSPITAL"]


@pytest.mark.parametrize("anns, rule, status, spans, how", [
    ([_ann(1, [A, B], 1)], "majority", "done", [A, B], "single"),
    ([_ann(1, [A, B], 1), _ann(2, [A, B], 2, who=2)], "majority", "done", [A, B], "agreed"),
    ([_ann(1, [A], 1, cancelled=True)], "majority", "skipped", None, None),
    ([], "majority", "pending", None, None),
    ([_ann(1, [A], 1, cancelled=True), _ann(2, [A, C], 2)], "majority", "done", [A, C], "single"),
    # two reviewers disagree: ties go to the most recently updated annotation
    ([_ann(1, [A, B, C], 2), _ann(2, [A, [23, 26, "AGE"]], 1, who=2)], "majority", "done", [A, B, C], "majority"),
    # three reviewers: the majority decides per span
    ([_ann(1, [A, B], 1), _ann(2, [A, B, D], 2, who=2), _ann(3, [A, D], 3, who=3)], "majority", "done",
     [A, B, D], "majority"),
    ([_ann(1, [A, B], 1), _ann(2, [A], 2, who=2)], "latest", "done", [A], "latest"),
    ([_ann(1, [A, B], 1), _ann(2, [A], 2, who=2)], "drop", "dropped", None, "drop"),
    ([_ann(1, [A, B], 1, truth=True), _ann(2, [A], 2, who=2), _ann(3, [A], 3, who=3)], "majority", "done",
     [A, B], "ground_truth"),
])
def test_conflict_rule(anns, rule, status, spans, how):
    got = resolve_task({"id": 1, "data": TEXT, "annotations": anns}, "spans", rule)
    assert got["status"] == status and got["how"] == how
    assert (got["fields"] or {}).get("spans") == spans


def test_unknown_conflict_rule_is_refused():
    with pytest.raises(MedkilnError) as err:
        resolve_task({"id": 1, "data": TEXT, "annotations": []}, "spans", "vote")
    assert err.value.code == "E213"


# ------------------------------------------------------------------ review order
def test_selection_puts_least_sure_or_most_disputed_first_and_respects_budget():
    recs = [
        {"id": "sure", "text": "x", "spans": [[0, 1, "A"]], "meta": {"scores": [0.99]}},
        {"id": "empty", "text": "x", "spans": []},
        {"id": "unsure", "text": "x", "spans": [[0, 1, "A"], [0, 1, "B"]], "meta": {"scores": [0.9, 0.2]}},
        {"id": "disputed", "text": "x", "spans": [[0, 1, "A"]],
         "meta": {"votes": [{"start": 0, "end": 1, "label": "A", "confidence": 0.34, "disagreement": True}]}},
    ]
    assert [r["id"] for r in select(recs, "uncertainty")] == ["unsure", "disputed", "sure", "empty"]
    assert [r["id"] for r in select(recs, "disagreement", budget=2)] == ["disputed", "unsure"]
    shuffled = [r["id"] for r in select(recs, "random", seed=3)]
    assert sorted(shuffled) == sorted(r["id"] for r in recs)
    assert shuffled == [r["id"] for r in select(recs, "random", seed=3)]  # seeded: the same order again
    for how, budget, code in (("loudest", None, "E212"), ("random", 0, "E217")):
        with pytest.raises(MedkilnError) as err:
            select(recs, how, budget)
        assert err.value.code == code


# ------------------------------------------------------------------ agreement report
def test_status_scores_pre_annotations_and_reviewers_per_label():
    pred = prediction({"id": "t", "text": TEXT["text"], "spans": [A, B, [23, 26, "AGE"]]}, "spans", "m1")
    tasks = [
        {"id": 1, "data": TEXT, "predictions": [pred], "annotations": [_ann(1, [A, B, C], 1)]},
        {"id": 2, "data": {**TEXT, "medkiln_id": "u"}, "predictions": [pred],
         "annotations": [_ann(2, [A, B, C, D], 1), _ann(3, [A, C], 2, who=2)]},
        {"id": 3, "data": {**TEXT, "medkiln_id": "v"}, "predictions": [pred], "annotations": [_ann(4, [], 1, True)]},
        {"id": 4, "data": {**TEXT, "medkiln_id": "w"}, "predictions": [pred], "annotations": []},
    ]
    rep = status_from_tasks(tasks, "spans")
    assert (rep["tasks"], rep["done"], rep["skipped"], rep["pending"], rep["reviewers"], rep["conflicts"]) == (
        4, 2, 1, 1, 2, 1)
    # task 2 resolves to the later annotation (tie): [A, C]; task 1 is [A, B, C]. The prediction is [A, B, AGE].
    m1 = rep["pre_annotation"]["m1"]
    assert m1["per_label"]["DOCTOR"]["f1"] == 1.0
    assert m1["per_label"]["PATIENT"] == {"precision": 0.5, "recall": 1.0, "f1": 0.6667, "tp": 1, "fp": 1, "fn": 0}
    assert m1["per_label"]["AGE"]["fp"] == 2 and m1["per_label"]["DATE"]["fn"] == 2
    assert m1["unchanged"] == 0.0
    # between reviewers on task 2: they share A and C; B and D only in the first
    rv = rep["reviewers_agreement"]
    assert rv["tasks"] == 1 and rv["micro"]["tp"] == 2 and rv["micro"]["fp"] == 2 and rv["micro"]["fn"] == 0


# ------------------------------------------------------------------ CLI: offline export/import, tokens
def _jsonl(path, records):
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def test_offline_export_then_import_through_the_cli(tmp_path):
    from medkiln.factory.cli.main import app

    data = _jsonl(tmp_path / "pre.jsonl", [
        {"id": "a", "text": TEXT["text"], "spans": [A, C], "meta": {"scores": [0.9, 0.3]}},
        {"id": "b", "text": TEXT["text"], "spans": [B], "meta": {"scores": [0.8]}},
        {"id": "c", "text": TEXT["text"], "spans": [], "meta": {"scores": []}},
    ])
    runner = CliRunner()
    res = runner.invoke(app, ["review", "export", "deid", str(data), "--out", str(tmp_path / "ls")])
    assert res.exit_code == 0, res.output
    tasks = json.loads((tmp_path / "ls" / "tasks.json").read_text())
    assert [t["data"]["medkiln_id"] for t in tasks] == ["a", "b", "c"]  # least sure first
    ET.fromstring((tmp_path / "ls" / "config.xml").read_text())
    # what Label Studio would export: a accepted with a fix, b skipped, c untouched
    tasks[0].update(id=1, annotations=[_ann(1, [A, D], 1)])
    tasks[1].update(id=2, annotations=[_ann(2, [], 1, cancelled=True)])
    tasks[2].update(id=3, annotations=[])
    (tmp_path / "export.json").write_text(json.dumps(tasks))
    res = runner.invoke(app, ["review", "import", "deid", str(tmp_path / "export.json"), "--out",
                              str(tmp_path / "gold"), "--dev-fraction", "0"])
    assert res.exit_code == 0, res.output
    report = json.loads(res.output)
    assert report["done"] == 1 and report["skipped"] == ["b"] and report["pending"] == 1
    gold = [json.loads(line) for line in (tmp_path / "gold" / "train.jsonl").read_text().splitlines()]
    assert [(g["id"], g["spans"]) for g in gold] == [("a", [A, D])]
    assert (tmp_path / "gold" / "reviewed.spacy").stat().st_size > 0


def test_url_and_token_come_from_env_or_token_file_never_printed(tmp_path, monkeypatch):
    from medkiln.annotation.client import resolve_token, resolve_url
    from medkiln.factory.cli.main import app

    monkeypatch.delenv("LABEL_STUDIO_URL", raising=False)
    monkeypatch.delenv("LABEL_STUDIO_API_KEY", raising=False)
    for call, code in ((resolve_url, "E201"), (resolve_token, "E202"),
                       (lambda: resolve_token(tmp_path / "none"), "E203")):
        with pytest.raises(MedkilnError) as err:
            call()
        assert err.value.code == code
    (tmp_path / "tok").write_text("s3cret-token-value\n")
    assert resolve_token(tmp_path / "tok") == "s3cret-token-value"
    monkeypatch.setenv("LABEL_STUDIO_API_KEY", "env-token-value")
    assert resolve_token() == "env-token-value"
    # a server that is not there: a coded error naming the URL, never the token
    data = _jsonl(tmp_path / "pre.jsonl", [{"id": "a", "text": "x y", "spans": []}])
    res = CliRunner().invoke(app, ["review", "push", "deid", str(data), "--project", "p", "--url",
                                   "http://127.0.0.1:9", "--token-file", str(tmp_path / "tok")])
    assert res.exit_code == 2 and "[E204]" in res.stderr and "Traceback" not in res.output
    assert "s3cret" not in res.output


# ------------------------------------------------------------------ server helper traps (no server started)
def test_server_refuses_a_taken_port_and_names_a_missing_executable(tmp_path, monkeypatch):
    import socket

    import medkiln.annotation.server as srv

    monkeypatch.delenv("MEDKILN_LABEL_STUDIO", raising=False)
    monkeypatch.setattr(srv, "REPO_ROOT", tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(MedkilnError) as err:
        srv.find_label_studio()
    assert err.value.code == "E209" and ".venv-ls" in str(err.value)
    fake = tmp_path / "label-studio"  # never started: the port check comes first
    fake.write_text("#!/bin/sh\nexit 1\n")
    fake.chmod(0o755)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        with pytest.raises(MedkilnError) as err:
            srv.start_server(tmp_path / "data", port=taken.getsockname()[1], executable=fake)
    assert err.value.code == "E211"
    assert (tmp_path / "data" / srv.TOKEN_FILE).exists() is False  # nothing seeded for a refused start
