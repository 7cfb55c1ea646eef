"""The generator -> reviewer -> adjudicator loop, resume, the CLI wrappers and synth -> train -> evaluate
with the HTTP teacher against the replay server."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

sys.path.insert(0, str(Path(__file__).parent))

from replay_server import ReplayServer, make_domain  # noqa: E402

from medkiln.factory.synth import synthesize  # noqa: E402
from medkiln.factory.synth.dedup import NearDupIndex  # noqa: E402
from medkiln.factory.synth.llm import adjudicate  # noqa: E402
from medkiln.factory.teachers import openai_client  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures" / "deid_replay.json"
GEN = [[0, 3, "DATE"], [5, 9, "CITY"]]


@pytest.fixture(scope="module", autouse=True)
def spec():
    return make_domain("looptest")


def _ok(verdict, spans=()):
    return {"ok": True, "verdict": verdict, "spans": [list(s) for s in spans], "reasons": []}


@pytest.mark.parametrize("reviews,k,dropped,verdict,spans,reason", [
    ([], 0, {}, "accept", GEN, None),
    ([], 0, {"unknown_label": 1}, "reject", [], "generator_unknown_label"),
    ([_ok("accept")], 1, {}, "accept", GEN, None),
    ([_ok("accept")], 1, {"unknown_label": 2}, "reject", [], "generator_unknown_label"),
    ([_ok("reject")], 1, {}, "reject", [], "review_reject"),
    ([{"ok": False, "reason": "timeout"}], 1, {}, "reject", [], "review_failed"),
    # one reviewer repairs: its list wins (adds a span, drops one)
    ([_ok("repair", [[0, 3, "DATE"], [11, 14, "AGE"]])], 1, {"unknown_label": 1}, "repair",
     [[0, 3, "DATE"], [11, 14, "AGE"]], None),
    # accept + repair: spans backed by half of the reviewers are kept (union)
    ([_ok("accept"), _ok("repair", [[0, 3, "DATE"], [11, 14, "AGE"]])], 2, {}, "repair",
     [[0, 3, "DATE"], [5, 9, "CITY"], [11, 14, "AGE"]], None),
    # three reviewers: a span needs two votes
    ([_ok("accept"), _ok("repair", [[0, 3, "DATE"]]), _ok("repair", [[0, 3, "DATE"], [11, 14, "AGE"]])], 3, {},
     "repair", [[0, 3, "DATE"]], None),
    # two of three reject
    ([_ok("reject"), _ok("accept"), _ok("reject")], 3, {}, "reject", [], "review_reject"),
    # a failed reviewer abstains
    ([{"ok": False, "reason": "http_500"}, _ok("accept")], 2, {}, "accept", GEN, None),
])
def test_adjudicate(reviews, k, dropped, verdict, spans, reason):
    got = adjudicate(GEN, reviews, k, dropped)
    assert (got["verdict"], got["spans"], got["reason"]) == (verdict, spans, reason)


def test_near_duplicates_are_found_and_distinct_texts_kept():
    idx = NearDupIndex(threshold=0.8)
    base = ("Patient seen in clinic today for follow-up of hypertension; blood pressure improved on the current "
            "dose. No chest pain, no dyspnea, no edema. Labs reviewed with the patient and daughter. Continue "
            "lisinopril, recheck basic metabolic panel in four weeks, return sooner if dizziness or headache.")
    assert idx.add("a", base) is None
    assert idx.add("b", base.replace("four weeks", "six weeks")) == "a"
    assert idx.add("c", "Radiology report: chest film shows no effusion and a normal cardiac silhouette.") is None


def _settings(srv, tmp_path, **kw):
    return {"base_url": srv.url, "model": "replay", "cache_dir": str(tmp_path / "cache"), "concurrency": 2,
            "backoff": 0.01, **kw}


def _log(out: Path) -> dict[int, dict]:
    return {e["index"]: e for e in map(json.loads, (out / "generated.jsonl").read_text().splitlines())}


def test_gra_loop_what_reaches_the_dataset(tmp_path):
    out = tmp_path / "out"
    with ReplayServer(FIXTURES) as srv:
        res = synthesize("looptest", out, n=5, teacher="openai", teacher_settings=_settings(srv, tmp_path))
    log = _log(out)
    # attempts go on past the rejections until 5 are accepted, and no further
    assert {i: (e["status"], e.get("reason")) for i, e in log.items()} == {
        0: ("accepted", None), 1: ("accepted", None), 2: ("accepted", None), 3: ("rejected", "review_reject"),
        4: ("accepted", None), 5: ("rejected", "invalid_json"), 6: ("rejected", "near_duplicate"),
        7: ("accepted", None)}
    records = [json.loads(line) for split in ("train", "dev", "test")
               for line in (out / f"{split}.jsonl").read_text().splitlines()]
    assert len(records) == 5 == sum(res["counts"].values())
    repaired = next(r for r in records if r["meta"]["review"]["verdict"] == "repair")
    labels = {repaired["text"][s:e]: label for s, e, label in repaired["spans"]}
    assert labels["Farah Lindqvist"] == "PATIENT" and "Jonah Pike" not in labels  # hallucination never lands
    for rec in records:
        assert rec["meta"]["teacher"] == "openai:replay" and rec["meta"]["prompt_version"] == "synthesize.v1"
        assert {"note_type", "specialty", "style"} <= set(rec["meta"]) and rec["meta"]["review"]["reviewers"]
        assert all(0 <= s < e <= len(rec["text"]) for s, e, _ in rec["spans"])
    report = json.loads((out / "report.json").read_text())
    assert report["rejections"] == {"dedup:near_duplicate": 1, "generate:invalid_json": 1,
                                    "review:review_reject": 1}
    assert report["outcomes"] == {"accepted": 5, "rejected review:review_reject": 1,
                                  "rejected generate:invalid_json": 1, "rejected dedup:near_duplicate": 1}
    assert (report["target"], report["accepted"], report["met"], report["stopped_by"]) == (5, 5, True, None)
    assert report["tokens"]["total"] > 0 and report["requests"] == srv.count() == 15
    assert report["response_format"]["openai:replay"]["mode"] == "json_schema"
    card = json.loads((out / "datacard.json").read_text())
    assert card["verdicts"] == {"accept": 4, "repair": 1} and card["provenance"]["reviewers"] == 1
    assert json.loads((out / "synth.json").read_text())["teacher"] == "openai:replay"


def test_n_is_a_target_and_the_same_answers_give_the_same_data_at_any_concurrency(tmp_path):
    runs = {}
    for concurrency in (1, 4):
        out = tmp_path / f"c{concurrency}"
        with ReplayServer(FIXTURES) as srv:
            res = synthesize("looptest", out, n=8, teacher="openai",
                             teacher_settings=_settings(srv, tmp_path / f"cache{concurrency}", concurrency=concurrency))
        assert res["report"]["accepted"] == 8 and res["report"]["met"]
        runs[concurrency] = sorted((split, line) for split in ("train", "dev", "test")
                                   for line in (out / f"{split}.jsonl").read_text().splitlines())
    assert len(runs[1]) == 8 and runs[1] == runs[4]


def test_request_budget_bounds_a_run_that_cannot_reach_n(tmp_path):
    with ReplayServer(FIXTURES) as srv:
        res = synthesize("looptest", tmp_path / "out", n=12, teacher="openai", max_requests=40,
                         teacher_settings=_settings(srv, tmp_path, concurrency=3))
        sent = srv.count()
    report = res["report"]
    # 10 of the 14 recorded notes can be accepted; then every answer repeats an earlier note
    assert report["accepted"] == 10 and not report["met"] and report["stopped_by"] == "request_budget"
    # an attempt starts only while its requests (generation + review) fit in what is left of the budget
    assert report["requests_this_run"] == sent and 39 <= sent <= 40
    assert report["outcomes"]["accepted"] == 10 and report["outcomes"]["rejected dedup:near_duplicate"] >= 3
    assert sum(report["outcomes"].values()) == report["attempts_this_run"]


def test_reviewers_zero_and_structured_fallback(tmp_path):
    with ReplayServer(FIXTURES, supports_json_schema=False) as srv:
        res = synthesize("looptest", tmp_path / "out", n=5, teacher="openai", reviewers=0, max_attempts=5,
                         teacher_settings=_settings(srv, tmp_path, concurrency=1))
        assert srv.count("review") == 0
    log = _log(tmp_path / "out")
    assert log[2]["reason"] == "generator_unknown_label" and log[3]["status"] == "accepted"
    assert res["report"]["events"] == {"response_format_refused:json_schema": 1}
    assert srv.formats() == ["json_schema"] + ["json_object_schema"] * 5


def test_hostile_server_then_resume_loses_nothing_and_resends_nothing(tmp_path, monkeypatch):
    monkeypatch.setattr(openai_client.time, "sleep", lambda s: None)
    out = tmp_path / "out"
    with ReplayServer(FIXTURES) as srv:
        settings = _settings(srv, tmp_path, concurrency=1, max_retries=1)
        # generation 0 fails (429 then 500), generation 1 passes, its review fails (empty choices twice)
        srv.push({"status": 429, "headers": {"Retry-After": "0"}}, {"status": 500}, {}, {"choices": []},
                 {"choices": []})
        first = synthesize("looptest", out, n=3, max_attempts=3, teacher="openai", teacher_settings=settings)
        assert first["report"]["failures"] == {"generate:http_500": 1, "http_500": 1,
                                               "empty_choices": 1, "review:review_failed": 1}
        assert first["report"]["accepted"] == 1
        assert {i: e["status"] for i, e in _log(out).items()} == {0: "failed", 1: "failed", 2: "accepted"}
        sent = srv.count()
        second = synthesize("looptest", out, n=3, max_attempts=3, teacher="openai", teacher_settings=settings,
                            resume=True)
        assert second["report"]["accepted"] == 3
        # example 2 is not redone; example 0 is generated and reviewed; example 1's generation comes from
        # the cache and only its review is sent again
        retried = [r["task"] for r in srv.requests[sent:]]
        assert sorted(retried) == ["review", "review", "synthesize"]
        assert second["report"]["cache_hits"] == 1
        sent = srv.count()
        synthesize("looptest", out, n=3, max_attempts=3, teacher="openai", teacher_settings=settings, resume=True)
        assert srv.count() == sent  # nothing left to do


# -- CLI ----------------------------------------------------------------------------------------------
def _app():
    from medkiln.factory.cli.llm import annotate_command, synth_command

    app = typer.Typer()
    app.command("synth")(synth_command)
    app.command("annotate")(annotate_command)
    return app


def test_cli_synth_offline_calls_synthesize_exactly_as_before(monkeypatch, tmp_path):
    import medkiln.factory.synth

    calls = []
    monkeypatch.setattr(medkiln.factory.synth, "synthesize", lambda *a, **kw: calls.append((a, kw)) or {"ok": 1})
    result = CliRunner().invoke(_app(), ["synth", "deid", "--n", "7", "--out", str(tmp_path), "--seed", "2"])
    assert result.exit_code == 0, result.output
    [(args, kwargs)] = calls  # the step receives the resolved spec, not the name
    assert args[0].registry_name == "medkiln.deid.v1" and args[1] == tmp_path
    assert kwargs == {"n": 7, "seed": 2, "teacher": "offline"}


def _splits(out: Path) -> list[dict]:
    return [json.loads(line) for split in ("train", "dev", "test")
            for line in (out / f"{split}.jsonl").read_text().splitlines()]


def test_cli_synth_n_is_a_target_and_annotate_with_http_teacher(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "n2", "text": "Olivia Brandt was seen again today."}) + "\n")
    with ReplayServer(FIXTURES) as srv:
        res = CliRunner().invoke(_app(), ["synth", "looptest", "--teacher", "openai", "--base-url", srv.url,
                                          "--model", "replay", "--n", "8", "--out", str(tmp_path / "s")])
        assert res.exit_code == 0, res.output
        assert json.loads(res.stdout)["report"]["accepted"] == 8 and len(_splits(tmp_path / "s")) == 8
        assert "synth: 8 of 8 accepted" in res.stderr and "rejected generate:invalid_json" in res.stderr
        assert (tmp_path / "s" / ".cache").is_dir()
        res = CliRunner().invoke(_app(), ["annotate", "looptest", str(src), "--teacher", "openai:replay",
                                          "--base-url", srv.url, "--out", str(tmp_path / "a")])
        assert res.exit_code == 0, res.output
        assert json.loads(res.stdout)["spans"] == 1 and "0 of 1 records not annotated" in res.stderr
        res = CliRunner().invoke(_app(), ["annotate", "looptest", str(src), "--teacher", "openai:replay",
                                          "--base-url", "https://8.8.8.8/v1", "--out", str(tmp_path / "b")])
        assert res.exit_code != 0 and "E101" in str(res.exception)
        assert srv.formats().count("json_schema") == srv.count()


def test_cli_exit_status_and_table_when_a_run_falls_short(tmp_path, monkeypatch):
    monkeypatch.setattr(openai_client.time, "sleep", lambda s: None)
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": f"n{i}", "text": f"Seen by Dr. Vennolt, visit {i}."}) + "\n"
                           for i in range(3)))
    with ReplayServer(FIXTURES) as srv:
        res = CliRunner().invoke(_app(), ["synth", "looptest", "--teacher", "openai", "--base-url", srv.url,
                                          "--model", "replay", "--n", "12", "--max-requests", "30",
                                          "--out", str(tmp_path / "s")])
        assert res.exit_code == 1, res.output
        report = json.loads(res.stdout)["report"]
        assert report["accepted"] < 12 * 0.9 and len(_splits(tmp_path / "s")) == report["accepted"]
        assert "the request budget (30 requests) ran out" in res.stderr
        assert f"accepted{' ' * 3}" in res.stderr and "rejected dedup:near_duplicate" in res.stderr
        res = CliRunner().invoke(_app(), ["synth", "looptest", "--teacher", "openai", "--base-url", srv.url,
                                          "--model", "replay", "--n", "12", "--max-requests", "30", "--min-share",
                                          "0.5", "--resume", "--out", str(tmp_path / "s")])
        assert res.exit_code == 0, res.output  # a lower stated share is met
        srv.push(*[{"status": 503}] * 10)
        res = CliRunner().invoke(_app(), ["annotate", "looptest", str(src), "--teacher", "openai:replay",
                                          "--base-url", srv.url, "--max-retries", "1", "--concurrency", "1",
                                          "--out", str(tmp_path / "a")])
    assert res.exit_code == 1, res.output
    assert json.loads(res.stdout)["failed_records"] == 3
    assert "3 of 3 records not annotated" in res.stderr and "openai:replay:http_503" in res.stderr
    assert "Dr. Vennolt" not in res.stderr  # reasons and counts, never text
    bad = CliRunner().invoke(_app(), ["synth", "looptest", "--teacher", "openai", "--structured", "xml",
                                      "--out", str(tmp_path / "x")])
    assert bad.exit_code == 2 and "--structured" in bad.output


# -- synth -> train -> evaluate with the HTTP teacher ---------------------------------------------
def _offline_responder(spec):
    """Answers synthesis requests with notes from the domain's own synthesizer (different per Variation),
    some wrapped in prose/fences and with a hallucinated entity: a stand-in for a recorded LLM."""
    import re

    def respond(task, body):
        if task != "synthesize":
            return None
        prompt = body["messages"][-1]["content"]
        variation = int(re.search(r"Variation: (\d+)", prompt).group(1))
        rec = next(iter(spec.synthesize(1, 1000 + variation)))
        ents = [{"text": rec["text"][s:e], "label": label} for s, e, label in rec["spans"]]
        if variation % 5 == 0:
            ents.append({"text": "Quentin Nobody", "label": "PATIENT"})
        answer = json.dumps({"text": rec["text"], "entities": ents})
        return f"Here you go:\n```json\n{answer}\n```" if variation % 3 == 0 else answer
    return respond


@pytest.mark.slow
def test_synth_train_evaluate_with_http_teacher(tmp_path):
    from medkiln.domains import get_domain
    from medkiln.factory.evaluate import evaluate
    from medkiln.factory.train import train

    deid = get_domain("deid")
    data = tmp_path / "data"
    with ReplayServer(FIXTURES, responder=_offline_responder(deid)) as srv:
        res = synthesize("deid", data, n=120, teacher="openai", dev=0.1, test=0.1,
                         teacher_settings=_settings(srv, tmp_path, concurrency=4))
    assert res["report"]["accepted"] >= 108 and res["report"]["dropped_entities"].get("not_in_text", 0) >= 24
    summary = train("deid", data, tmp_path / "run", max_steps=400, overrides={"training.eval_frequency": "100"})
    assert Path(summary["model"]).is_dir()
    report = evaluate(summary["model"], data / "test.jsonl")
    assert report["n_docs"] == res["counts"]["test"]
    # notes of a seed the teacher never answered with: a student that marks nothing fails the recall floor, one
    # that marks every token fails the precision floor (30 steps on 24 notes: precision 0.06, so 400 steps on 96)
    held = tmp_path / "held_out.jsonl"
    held.write_text("".join(json.dumps(r) + "\n" for r in deid.synthesize(40, 2024)), encoding="utf-8")
    held_report = evaluate(summary["model"], held)
    token = held_report["token"]
    assert token["recall"] > 0.3 and token["precision"] > 0.5, token  # measured 0.54 / 0.92
    # ... and export takes the student unchanged (package folder with meta and model card; no wheel build here).
    from medkiln.factory.export import export

    out = export(summary["model"], tmp_path / "pkg", evaluation=report, build="none")
    assert Path(out["meta"]).exists() and "Evaluation" in Path(out["readme"]).read_text()
