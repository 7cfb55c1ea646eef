"""The whole review loop against a real Label Studio on 127.0.0.1: push a student's pre-annotations (with
per-span scores) and a teacher's, idempotently; reviewers submit, skip and disagree through the API; pull;
status; retrain the student on the reviewed data and show it changed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from needs import need
from typer.testing import CliRunner

from medkiln.domains import get_domain
from medkiln.factory.cli.main import app
from medkiln.core.records import write_jsonl

pytestmark = pytest.mark.slow

STEPS = 60
FAST = {"training.eval_frequency": str(STEPS), "components.tok2vec.model.embed.include_static_vectors": "false"}
PROJECT = "deid-review"


def _cli(*args: str) -> dict:
    res = CliRunner().invoke(app, list(args))
    assert res.exit_code == 0, (res.output, res.exception)
    return json.loads(res.output[res.output.index("{"):])


def _conn(server) -> list[str]:
    return ["--url", server.url, "--token-file", str(server.token_file)]


def _sdk(server):
    from label_studio_sdk import LabelStudio

    return LabelStudio(base_url=server.url, api_key=server.token)


def _export(server, project: str = PROJECT) -> list[dict]:
    from medkiln.annotation.client import export_tasks, require_project

    client = _sdk(server)
    client.medkiln_url = server.url
    return export_tasks(client, require_project(client, project)["id"])


def _ner_bytes(model: str) -> bytes:
    from medkiln.serving.pipeline import load_pipeline

    return load_pipeline(model).get_pipe("ner").model.to_bytes()


@pytest.fixture(scope="module")
def loop(tmp_path_factory):
    """Base synthetic data, the current student trained on it, and 12 notes of 'your own' to review."""
    from medkiln.factory.train import train

    root = tmp_path_factory.mktemp("review")
    base = list(get_domain("deid").synthesize(60, 3))
    write_jsonl(root / "base" / "train.jsonl", base[:48])
    write_jsonl(root / "base" / "dev.jsonl", base[48:])
    student = train("deid", root / "base", root / "student", seed=0, max_steps=STEPS, overrides=FAST)
    review = list(get_domain("deid").synthesize(12, 9))  # gold spans = what careful reviewers would mark
    write_jsonl(root / "review.jsonl", review)
    return {"root": root, "student": student["model"], "gold": {r["id"]: r for r in review}}


def test_push_is_ordered_scored_batched_and_idempotent(label_studio, loop):
    data = str(loop["root"] / "review.jsonl")
    first = _cli("review", "push", "deid", data, "--project", PROJECT, "--model", loop["student"],
                 "--budget", "10", "--batch-size", "4", *_conn(label_studio))
    assert first["project_action"] == "created" and first["created"] == 10 and first["batches"] == 3
    student_version = first["model_version"]
    tasks = _export(label_studio)
    assert len(tasks) == 10
    ranked = sorted(tasks, key=lambda t: t["data"]["medkiln_rank"])
    task_scores = [t["predictions"][0]["score"] for t in ranked]
    assert task_scores == sorted(task_scores)  # least sure first
    items = [item for t in tasks for item in t["predictions"][0]["result"]]
    assert items and all(0.0 <= item["score"] <= 1.0 for item in items)
    assert {t["predictions"][0]["model_version"] for t in tasks} == {student_version}
    # again with a larger budget: only the 2 new tasks are created, nothing is duplicated
    again = _cli("review", "push", "deid", data, "--project", PROJECT, "--model", loop["student"],
                 "--budget", "12", *_conn(label_studio))
    assert (again["project_action"], again["created"], again["already_present"]) == ("unchanged", 2, 10)
    # the teacher's pre-annotations land as a second prediction on the same tasks
    teacher = _cli("review", "push", "deid", data, "--project", PROJECT, "--model-version", "offline",
                   *_conn(label_studio))
    assert (teacher["created"], teacher["predictions_added"], teacher["model_version"]) == (0, 12, "offline")
    tasks = _export(label_studio)
    ids = [t["data"]["medkiln_id"] for t in tasks]
    assert len(ids) == len(set(ids)) == 12
    assert all(sorted(p["model_version"] for p in t["predictions"]) == sorted([student_version, "offline"])
               for t in tasks)


def _result(text: str, spans: list) -> list[dict]:
    """What the labeling UI submits for these spans."""
    return [{"id": f"m{i}", "from_name": "label", "to_name": "text", "type": "labels", "origin": "manual",
             "value": {"start": s, "end": e, "text": text[s:e], "labels": [label]}}
            for i, (s, e, label) in enumerate(spans)]


def _review(server, gold: dict, project: str) -> dict:
    """Reviewer 1 corrects every task to gold but skips one; reviewer 2 disagrees on another."""
    client = _sdk(server)
    tasks = sorted(_export(server, project), key=lambda t: t["data"]["medkiln_rank"])
    by_id = {t["data"]["medkiln_id"]: t for t in tasks}
    skipped = tasks[0]["data"]["medkiln_id"]
    conflict = next(mid for mid in by_id if mid != skipped and len(gold[mid]["spans"]) >= 2)
    second = client.users.create(username="reviewer2", email="reviewer2@medkiln.local", first_name="R", last_name="2")
    for mid, task in by_id.items():
        text = task["data"]["text"]
        if mid == skipped:
            client.annotations.create(id=task["id"], result=[], was_cancelled=True, lead_time=2.0)
        else:
            client.annotations.create(id=task["id"], result=_result(text, gold[mid]["spans"]), lead_time=12.5)
    # reviewer 2, later: drops the first span and relabels the last one
    spans = [list(s) for s in gold[conflict]["spans"][1:]]
    spans[-1][2] = "IDNUM" if spans[-1][2] != "IDNUM" else "ACCOUNT"
    client.annotations.create(id=by_id[conflict]["id"], result=_result(by_id[conflict]["data"]["text"], spans),
                              completed_by=second.id, lead_time=20.0)
    return {"skipped": skipped, "conflict": conflict, "second": spans, "tasks": tasks}


def _f1(pairs) -> tuple[int, int, int]:
    tp = sum(len(a & b) for a, b in pairs)
    return tp, sum(len(a - b) for a, b in pairs), sum(len(b - a) for a, b in pairs)


@pytest.fixture(scope="module")
def pushed(label_studio, loop) -> str:
    """A project of its own for the pull test (no test depends on another's state): the 12 notes with the
    student's and the teacher's pre-annotations."""
    project, data = "deid-review-pull", str(loop["root"] / "review.jsonl")
    _cli("review", "push", "deid", data, "--project", project, "--model", loop["student"], *_conn(label_studio))
    _cli("review", "push", "deid", data, "--project", project, "--model-version", "offline", *_conn(label_studio))
    return project


def test_review_pull_status_and_retrain(label_studio, loop, pushed):
    from spacy.tokens import DocBin
    import spacy

    from medkiln.factory.train import train

    assert len(_export(label_studio, pushed)) == 12
    gold, root = loop["gold"], loop["root"]
    done = _review(label_studio, gold, pushed)
    out = root / "reviewed"
    pulled = _cli("review", "pull", "deid", "--project", pushed, "--out", str(out), "--base", str(root / "base"),
                  *_conn(label_studio))
    assert pulled["skipped"] == [done["skipped"]] and pulled["conflicts"] == [done["conflict"]]
    assert (pulled["done"], pulled["reviewed"], pulled["pending"]) == (11, 11, 0)
    reviewed = {json.loads(line)["id"]: json.loads(line) for line in (out / "reviewed.jsonl").read_text().splitlines()}
    assert set(reviewed) == set(gold) - {done["skipped"]}
    for mid, rec in reviewed.items():
        expected = done["second"] if mid == done["conflict"] else gold[mid]["spans"]
        assert rec["spans"] == sorted(expected) and rec["text"] == gold[mid]["text"]
    assert reviewed[done["conflict"]]["meta"]["resolution"] == "majority"  # a tie: the later reviewer decides
    train_ids = [json.loads(line)["id"] for line in (out / "train.jsonl").read_text().splitlines()]
    dev_ids = [json.loads(line)["id"] for line in (out / "dev.jsonl").read_text().splitlines()]
    assert set(train_ids) | set(dev_ids) == set(reviewed) | {f"synth-3-{i}" for i in range(60)}
    docs = list(DocBin().from_bytes((out / "reviewed.spacy").read_bytes()).get_docs(spacy.blank("en").vocab))
    assert len(docs) == 11 and sum(len(doc.ents) for doc in docs) > 0

    status = _cli("review", "status", "deid", "--project", pushed, "--out", str(root / "status"), *_conn(label_studio))
    assert (status["tasks"], status["done"], status["skipped"], status["pending"]) == (12, 11, 1, 0)
    assert (status["reviewers"], status["conflicts"]) == (2, 1)
    # the teacher's pre-annotations equal gold: only the conflict task, where reviewer 2 won, differs
    final = {mid: {tuple(s) for s in rec["spans"]} for mid, rec in reviewed.items()}
    teacher_pairs = [({tuple(s) for s in gold[mid]["spans"]}, final[mid]) for mid in final]
    tp, fp, fn = _f1(teacher_pairs)
    assert (status["pre_annotation"]["offline"]["micro"]["tp"], status["pre_annotation"]["offline"]["micro"]["fp"],
            status["pre_annotation"]["offline"]["micro"]["fn"]) == (tp, fp, fn) and fp > 0
    students = {t["data"]["medkiln_id"]: t for t in done["tasks"]}
    student_pairs = []
    for mid in final:
        pred = next(p for p in students[mid]["predictions"] if p["model_version"] != "offline")
        student_pairs.append(({(i["value"]["start"], i["value"]["end"], i["value"]["labels"][0])
                               for i in pred["result"]}, final[mid]))
    version = next(v for v in status["pre_annotation"] if v != "offline")
    micro = status["pre_annotation"][version]["micro"]
    assert (micro["tp"], micro["fp"], micro["fn"]) == _f1(student_pairs)
    pair = ({tuple(s) for s in gold[done["conflict"]]["spans"]}, {tuple(s) for s in done["second"]})
    agree = status["reviewers_agreement"]
    assert agree["tasks"] == 1 and (agree["micro"]["tp"], agree["micro"]["fp"], agree["micro"]["fn"]) == _f1([pair])
    assert agree["micro"]["f1"] < 1.0 and "| micro |" in (root / "status" / "status.md").read_text()

    # retrain on base + reviewed: same seed and steps as the current student, different weights
    retrained = train("deid", out, root / "student2", seed=0, max_steps=STEPS, overrides=FAST)
    meta = json.loads((Path(retrained["model"]) / "meta.json").read_text())
    assert meta["medkiln"]["provenance"]["train_docs"] == len(train_ids) > 48
    assert _ner_bytes(retrained["model"]) != _ner_bytes(loop["student"])


def test_label_studio_gets_predictions_from_the_serving_ml_backend(label_studio, loop):
    """The real server connects to `serving.http` (/health, /setup) and asks it to /predict."""
    need("fastapi")
    uvicorn = need("uvicorn")
    import threading
    import time

    from medkiln.annotation.kinds import labeling_config
    from medkiln.annotation.server import free_port

    create_app = need("medkiln.serving.http.app").create_app
    port = free_port()
    backend = uvicorn.Server(uvicorn.Config(create_app([f"deid={loop['student']}"]), host="127.0.0.1", port=port,
                                            log_level="warning"))
    thread = threading.Thread(target=backend.run, daemon=True)
    thread.start()
    try:
        deadline = time.monotonic() + 60
        while not backend.started and time.monotonic() < deadline:
            time.sleep(0.1)
        client = _sdk(label_studio)
        project = client.projects.create(title="ml-backend", label_config=labeling_config(get_domain("deid")))
        text = "Seen by Dr. Vale on 3/4/2021, call 410-555-0134."
        client.projects.import_tasks(id=project.id, request=[{"data": {"text": text, "medkiln_id": "ml-1"}}])
        ml = client.ml.create(url=f"http://127.0.0.1:{port}", project=project.id, title="medkiln student",
                              is_interactive=True)
        assert ml.state == "CO" and ml.model_version  # connected: /health and /setup answered
        client.actions.create(id="retrieve_tasks_predictions", project=project.id,
                              selected_items={"all": True, "excluded": []})
        preds = [p.model_dump(mode="json") for p in client.predictions.list(project=project.id)]
        assert len(preds) == 1 and preds[0]["model_version"] == ml.model_version
        found = {(i["value"]["start"], i["value"]["end"], i["value"]["labels"][0]) for i in preds[0]["result"]}
        assert (35, 47, "PHONE") in found  # the student's PHI rules fire on the phone number
    finally:
        backend.should_exit = True
        thread.join(10)


@pytest.mark.parametrize("kind", ["extraction", "translation"])
def test_other_domain_kinds_are_accepted_by_the_real_server_and_pulled_back(label_studio, kind):
    """Label Studio validates the generated config and the tasks against it; a reviewer's edit comes back."""
    from medkiln.annotation.client import connect, export_tasks
    from medkiln.annotation.convert import prediction
    from medkiln.annotation.pull import records_from_tasks
    from medkiln.annotation.push import push_records
    from medkiln.annotation.status import status_from_tasks
    from medkiln.domains.base import DomainSpec, LabelSpec

    labels = {} if kind == "translation" else {
        n: LabelSpec(name=n, description=f"{n.lower()}", examples=(), category="C")
        for n in ("PROBLEM", "MEDICATION", "DOSE")}
    extraction = kind == "extraction"
    spec = DomainSpec(name=f"t{kind}", version="v1", lang="en", labels=labels, synthesize=lambda n, s: iter(()),
                      kind=kind, span_choices={"assertion": (("present", "absent"), ("PROBLEM",))} if extraction else {},
                      relations={"DOSE": ("MEDICATION",)} if extraction else {})
    if extraction:
        rec = {"id": "e1", "text": "Denies chest pain. Aspirin 81 mg.",
               "spans": [[7, 17, "PROBLEM"], [19, 26, "MEDICATION"], [27, 32, "DOSE"]],
               "attributes": {"assertion": [[7, 17, "present"]]}, "relations": [[19, 26, 27, 32]]}
        fixed = {**rec, "attributes": {"assertion": [[7, 17, "absent"]]}}  # the reviewer flips the assertion
    else:
        rec = {"id": "p1", "src": "The patient is stable.", "ref": "", "mt": "Der Patient stabil",
               "src_lang": "en", "tgt_lang": "de"}
        fixed = {"ref": "Der Patient ist stabil."}
    client = connect(label_studio.url, label_studio.token_file)
    pushed = push_records(client, spec, [rec], f"{kind}-review", model_version="teacher")
    assert pushed["created"] == 1
    task = export_tasks(client, pushed["project_id"])[0]
    result = prediction({**rec, **fixed} if kind == "extraction" else {**rec, "mt": fixed["ref"]}, kind, "x")["result"]
    _sdk(label_studio).annotations.create(id=task["id"], result=result)
    tasks = export_tasks(client, pushed["project_id"])
    records, report = records_from_tasks(tasks, kind)
    assert report["done"] == 1
    teacher = status_from_tasks(tasks, kind)["pre_annotation"]["teacher"]
    if kind == "extraction":
        assert records[0]["attributes"] == fixed["attributes"] and records[0]["relations"] == rec["relations"]
        assert records[0]["spans"] == rec["spans"]
        assert teacher["per_label"]["PROBLEM"]["f1"] == 1.0 and teacher["per_label"]["assertion"]["tp"] == 0
    else:
        assert records[0]["ref"] == fixed["ref"] and records[0]["src"] == rec["src"]
        assert teacher["micro"]["f1"] == 0.0 and 0.8 < teacher["similarity"] < 1.0


def test_student_span_scores_are_mc_dropout_shares_and_rules_keep_their_score(loop):
    from medkiln.serving.pipeline import load_pipeline

    from medkiln.annotation.student import predict_records

    nlp = load_pipeline(loop["student"])
    recs = [{"id": "probe", "text": "Seen by Dr. Vale on 3/4/2021, call 410-555-0134."},
            *({"id": r["id"], "text": r["text"]} for r in list(loop["gold"].values())[:4])]
    scored = predict_records(nlp, recs, passes=5, seed=1)
    assert scored == predict_records(nlp, recs, passes=5, seed=1)  # seeded: reproducible
    for rec in scored:
        assert len(rec["meta"]["scores"]) == len(rec["spans"])
        # a share of 5 passes, or a rule's score
        assert all(0.0 <= s <= 1.0 for s in rec["meta"]["scores"])
    probe = dict(zip(map(tuple, scored[0]["spans"]), scored[0]["meta"]["scores"]))
    assert probe[(35, 47, "PHONE")] >= 0.5  # a validated rule match scores at least its pattern score
    plain = predict_records(nlp, recs, passes=0)
    assert [r["spans"] for r in plain] == [r["spans"] for r in scored]  # scoring never changes the spans


def test_dropout_scores_decode_afresh_and_the_ml_backend_sends_them(loop):
    """A span the NER did not decode itself scores 0 even without dropout (the NER must not just keep the
    entities the pipeline already set on the doc); the ML backend of `medkiln serve` answers the same scores
    to Label Studio."""
    from spacy.tokens import Span
    from starlette.testclient import TestClient

    from medkiln.serving.http import create_app
    from medkiln.serving.pipeline import load_pipeline
    from medkiln.serving.scores import ent_scores

    nlp = load_pipeline(loop["student"])
    doc = nlp("Patient resting comfortably overnight, no complaints.")
    free = next(tok.i for tok in doc if tok.is_alpha and tok.ent_iob_ == "O")  # a word this NER left outside
    doc.ents = [Span(doc, free, free + 1, label="PATIENT")]  # as if set upstream, not by this NER
    assert ent_scores(nlp, [doc], passes=3, drop=0.0) == [[0.0]]
    text = list(loop["gold"].values())[0]["text"]
    with TestClient(create_app([f"deid={loop['student']}"])) as client:
        result = client.post("/predict", json={"tasks": [{"id": 1, "data": {"text": text}}]}).json()
    items = result["results"][0]["result"]
    assert items and all(item["value"]["text"] == text[item["value"]["start"]:item["value"]["end"]] for item in items)
    floor = {}  # the lowest pattern score per label: what a rule span scores at least
    for pattern in get_domain("deid").patterns:
        floor[pattern["label"]] = min(floor.get(pattern["label"], 1.0), pattern.get("score", 0.5))
    for item in items:  # a share of the 10 dropout passes, or (a rule span) at least its pattern's score
        score, label = item["score"], item["value"]["labels"][0]
        assert 0.0 <= score <= 1.0
        assert abs(score * 10 - round(score * 10)) < 1e-6 or score >= floor.get(label, 2.0), item
    assert result["results"][0]["score"] == min(item["score"] for item in items)  # the task: its least sure span
