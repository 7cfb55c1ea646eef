"""Parallel-data filters (table-driven, with negative cases), the data card and the LLM teacher loop
against the local replay server."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from replay_server import ReplayServer  # noqa: E402

from medkiln.domains.translation import synth  # noqa: E402
from medkiln.core.errors import MedkilnError  # noqa: E402
from medkiln.domains import get_domain  # noqa: E402
from medkiln.factory.translation.data import build_data, make_filter, read_pairs  # noqa: E402
from medkiln.factory.translation.filters import FILTERS, alignment_score, apply_filters  # noqa: E402

GOOD = {"id": "g", "src": "Take 2 tablets of ibuprofen twice daily.", "ref": "Nehmen Sie 2 Tabletten Ibuprofen zweimal täglich ein."}


def _pair(**kw):
    return {**GOOD, **kw}


@pytest.mark.parametrize("pair,reason", [
    (_pair(ref="  "), "empty"),
    (_pair(src=""), "empty"),
    (_pair(ref=GOOD["src"].upper()), "copied"),
    (_pair(ref="Nehmen Sie es ein. " * 8), "length_ratio"),
    (_pair(src="fever fever fever fever fever fever fever fever fever fever", ref="Fieber Fieber Fieber Fieber Fieber Fieber Fieber Fieber Fieber Fieber"),
     "unique_words"),
    (_pair(ref="Примите 2 таблетки ибупрофена два раза в день."), "script"),
    (_pair(ref="Take 2 tablets of the ibuprofen with the food and the water."), "language"),
    (_pair(ref="Nehmen Sie Tabletten Paracetamol zweimal täglich ein."), "alignment"),
    (_pair(ref="Nehmen Sie 5 Tabletten Aspirin zweimal täglich ein."), "alignment"),
    (_pair(meta={"round_trip_chrf": 20.0}), "round_trip"),
    (_pair(meta={"review": "reject"}), "review"),
])
def test_each_filter_removes_what_it_should(pair, reason):
    assert make_filter("en", "de").reason(pair) == reason


@pytest.mark.parametrize("pair", [
    GOOD,
    _pair(meta={"round_trip_chrf": 80.0, "review": "accept"}),
    _pair(src="The patient was discharged in good condition.", ref="Der Patient wurde in gutem Zustand entlassen."),
])
def test_good_pairs_pass(pair):
    assert make_filter("en", "de").reason(pair) is None


def test_duplicates_and_near_duplicates():
    f = make_filter("en", "de")
    long_src = ("The risks of the procedure (biopsy), including bleeding and swelling and fever and nausea and "
                "dizziness and headache, have been explained to me in detail today.")
    long_ref = ("Die Risiken des Eingriffs (Biopsie), einschließlich Blutung und Schwellung und Fieber und Übelkeit "
                "und Schwindel und Kopfschmerzen, wurden mir heute ausführlich erklärt.")
    assert f.reason({"id": 1, "src": long_src, "ref": long_ref}) is None
    assert f.reason({"id": 2, "src": long_src.upper(), "ref": long_ref}) == "duplicate"
    assert f.reason({"id": 3, "src": long_src.replace("today.", "today!"), "ref": long_ref}) == "near_duplicate"
    assert f.reason({"id": 4, "src": long_src.replace("biopsy", "surgery").replace("today", "now"),
                     "ref": long_ref.replace("Biopsie", "Operation").replace("heute", "jetzt")}) is None


def test_alignment_score_counts_terms_and_numbers():
    gl = synth.glossary("en", "de")
    assert alignment_score(GOOD["src"], GOOD["ref"], gl) == 1.0
    assert alignment_score("Take 2 tablets of ibuprofen.", "Nehmen Sie 3 Tabletten Ibuprofen.", gl) == 0.5
    assert alignment_score("Rest at home.", "Ruhen Sie zu Hause.", gl) is None


def test_apply_filters_reports_every_removal():
    pairs = [GOOD, _pair(id="e", ref=""), _pair(id="d"), _pair(id="c", ref=GOOD["src"])]
    kept, report = apply_filters(pairs, make_filter("en", "de"))
    assert [p["id"] for p in kept] == ["g"]
    assert report["in"] == 4 and report["kept"] == 1 and set(report["removed"]) == set(FILTERS)
    assert report["removed"]["empty"] == report["removed"]["duplicate"] == report["removed"]["copied"] == 1
    assert report["removed_ids"]["empty"] == ["e"]


def test_build_data_writes_splits_and_an_honest_card(tmp_path):
    card = build_data("en", "fr", tmp_path, n=400, seed=1)
    counts = {name: len(read_pairs(tmp_path / f"{name}.jsonl")) for name in ("train", "dev", "test")}
    assert counts == card["splits"] and counts["dev"] > 0 and counts["test"] > 0
    report = card["filters"]["offline"]
    assert report["in"] == 400 and report["kept"] + sum(report["removed"].values()) == 400
    srcs = [p["src"] for name in counts for p in read_pairs(tmp_path / f"{name}.jsonl")]
    assert len(srcs) == len(set(srcs)), "a sentence appears in two splits"
    assert json.loads((tmp_path / "datacard.json").read_text())["direction"] == "en-fr"
    assert json.loads((tmp_path / "datacard.json").read_text())["files"]["dataset_dict"] == "hf"
    from medkiln.core.records import iter_jsonl, read_dataset_records

    assert read_dataset_records(tmp_path / "hf") == {  # the Arrow copy holds the same pairs, fields and order
        name: [rec for _, rec in iter_jsonl(tmp_path / f"{name}.jsonl")] for name in counts}
    assert json.loads((tmp_path / "glossary.json").read_text())[0].keys() == {"category", "concept", "src", "tgt"}


@pytest.mark.parametrize("src,tgt,code", [("en", "en", "E402"), ("en", "zz", "E401")])
def test_bad_directions_are_coded_errors(tmp_path, src, tgt, code):
    with pytest.raises(MedkilnError) as err:
        build_data(src, tgt, tmp_path, n=10)
    assert err.value.code == code


def test_read_pairs_names_the_bad_line(tmp_path):
    path = tmp_path / "p.jsonl"
    path.write_text('{"src": "a", "ref": "b"}\n{"src": "a"}\n', encoding="utf-8")
    with pytest.raises(MedkilnError) as err:
        read_pairs(path)
    assert err.value.code == "E407" and ":2:" in str(err.value) and "'ref'" in str(err.value)


def _responder(bad_ids: set[str]):
    """Translate with the offline teacher's reference (looked up by source), back-translate to the source;
    sources whose offline id is in `bad_ids` get a wrong drug and a rejecting review."""
    refs = {p["src"]: p for p in synth.parallel_pairs("en", "de", 30, 0 + 7919)}
    back = {p["ref"]: p["src"] for p in refs.values()}

    def answer(task: str, body: dict) -> str | None:
        user = body["messages"][-1]["content"]
        if "Task: translate" in user:
            text = user.split("):\n", 1)[1].strip()
            pair = refs[text]
            out = pair["ref"] if pair["id"] not in bad_ids else "Nehmen Sie Warfarin."
            return json.dumps({"translation": out})
        if "Task: back-translate" in user:
            text = user.split("):\n", 1)[1].strip()
            return json.dumps({"translation": back.get(text, "Take warfarin.")})
        if "Task: review" in user:
            bad = "Warfarin" in user and "warfarin" not in user.split("Translation", 1)[0]
            return json.dumps({"verdict": "reject" if bad else "accept", "reasons": []})
        return None

    return answer, refs


def test_llm_teacher_translates_back_translates_and_reviews(tmp_path):
    from medkiln.factory.translation.llm import llm_pairs

    bad = {"offline-ende-7919-000003", "offline-ende-7919-000011"}
    responder, refs = _responder(bad)
    with ReplayServer(responder=responder) as srv:
        pairs, stats = llm_pairs(get_domain("translation"), "en", "de", 30, 0, base_url=srv.url, model="replay",
                                 cache_dir=str(tmp_path / "c"),
                                 concurrency=2, backoff=0.01)
        tasks = [r["body"]["messages"][-1]["content"].split("\n", 1)[0] for r in srv.requests]
        # translate + back-translate + review per sentence (identical prompts are answered from the cache)
        assert {t: tasks.count(t) for t in set(tasks)}["Task: translate"] == 30
        assert {"Task: back-translate", "Task: review"} <= set(tasks) and len(tasks) <= 90
    assert stats["returned"] == 30 and stats["failures"] == {}
    by_source = {p["meta"]["source_id"]: p for p in pairs}
    assert all(by_source[i]["meta"]["review"] == "reject" for i in bad)
    assert all(p["meta"]["round_trip_chrf"] == 100.0 for i, p in by_source.items() if i not in bad)
    card = build_data("en", "de", tmp_path / "data", n=200, seed=0, extra_pairs={"llm": pairs})
    llm_report = card["filters"]["llm"]
    assert llm_report["in"] == 30 and sum(llm_report["removed"].values()) >= 2
    kept = [p for name in ("train", "dev", "test") for p in read_pairs(tmp_path / "data" / f"{name}.jsonl")]
    assert not [p for p in kept if (p.get("meta") or {}).get("source_id") in bad]
    assert any(p["id"].startswith("llm-") for p in kept)
    assert card["provenance"]["teachers"] == ["llm", "offline"]


def test_llm_teacher_failures_are_counted_not_raised(tmp_path):
    from medkiln.factory.translation.llm import llm_pairs

    with ReplayServer(responder=lambda task, body: "not json at all") as srv:
        pairs, stats = llm_pairs(get_domain("translation"), "en", "de", 3, 0, base_url=srv.url, model="replay",
                                 max_retries=0, backoff=0.01)
    assert pairs == [] and stats["failures"] == {"no_json": 3}
