"""`medkiln adapt`: the agreement policy, silver notes with unknown regions, distillation from a tiny teacher into
the CNN, the whole chain through the CLI, and that no note text reaches a log, an output stream or a report.

The notes are synthetic (another seed than the training data) with invented names only.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from medkiln.core.errors import MedkilnError
from medkiln.core.records import records_to_docbin, write_json, write_jsonl
from medkiln.factory.adapt import AdaptSettings, silver_records
from medkiln.factory.adapt.agree import SilverStats, decide

SENTINEL = "Vorquelstad"  # an invented surname planted in the notes: it must never leave them
WARD = "Pellowmere"       # an invented ward name only the tiny teacher knows


# ------------------------------------------------------------------ the agreement policy (fast)
def test_decide_keeps_agreement_and_masks_doubt():
    stats = SilverStats()
    votes = {
        "student": [(0, 5, "PATIENT", 0.9), (10, 15, "DATE", 0.3), (20, 25, "CITY", 0.95), (40, 48, "DOCTOR", 0.6),
                    (62, 70, "DOCTOR", 0.9)],
        "teacher": [(20, 25, "HOSPITAL", 1.0), (30, 35, "PATIENT", 1.0), (40, 48, "DOCTOR", 1.0),
                    (62, 70, "PATIENT", 1.0)],
        "llm": [(20, 25, "CITY", 1.0)],
        "rules": [(50, 60, "PHONE", 1.0)],
    }
    kept, missing = decide(votes, 0.8, stats)
    # confident student alone, teacher alone, student + teacher, rules alone are kept; where only the student
    # disagrees, the teacher's label stands
    assert kept == [[0, 5, "PATIENT"], [30, 35, "PATIENT"], [40, 48, "DOCTOR"], [50, 60, "PHONE"],
                    [62, 70, "PATIENT"]]
    # a student span under the threshold and a label two teachers dispute are unknown, not O
    assert missing == [[10, 15], [20, 25]]
    assert stats.masked == {"below_threshold": 1, "label_conflict": 1}
    assert stats.by_teacher == {"student": 2, "teacher": 3, "rules": 1}


def test_noisy_or_combines_agreeing_students_and_boundary_losers_are_unknown():
    stats = SilverStats()
    kept, missing = decide({"a": [(0, 9, "DATE", 0.6)], "b": [(0, 9, "DATE", 0.6)]}, 0.8, stats)
    assert kept == [[0, 9, "DATE"]] and missing == []       # 1 - 0.4 * 0.4 = 0.84
    kept, missing = decide({"a": [(0, 9, "DATE", 1.0)], "b": [(0, 9, "DATE", 1.0)], "c": [(0, 14, "DATE", 1.0)]},
                           0.8, stats)
    assert kept == [[0, 9, "DATE"]] and missing == [[0, 14]]  # tokens 9..14 become unknown (records_to_docbin)


def test_silver_records_propagate_and_drop():
    notes = [{"index": i, "id": str(i), "text": t} for i, t in enumerate(
        [f"Seen by Dr {SENTINEL} today.", f"Call {SENTINEL.lower()} back.", "Dose 12 mg at 10:00 maybe."])]
    votes = {"student": [[(11, 11 + len(SENTINEL), "DOCTOR", 0.95)], [], [(5, 7, "AGE", 0.2)]]}
    records, counts = silver_records(notes, votes, threshold=0.8)
    assert records[1]["spans"] == [[5, 5 + len(SENTINEL), "DOCTOR"]]  # learned run-wide, added as silver
    assert records[2]["spans"] == [] and records[2]["missing"] == [[5, 7]]
    assert counts["propagated"] == 1 and counts["spans_per_label"] == {"DOCTOR": 2}
    assert counts["kept_by_teacher"] == {"propagation": 1, "student": 1}
    dropped, counts = silver_records(notes, votes, threshold=0.8, uncertain="drop", propagate=False,
                                     unsure_words=False)
    assert [r["id"] for r in dropped] == ["silver-0", "silver-1"] and counts["notes_dropped"] == 1
    # without propagation the surname's unmarked mention is not O but unknown (marked in 1 of 2 mentions)
    dropped, counts = silver_records(notes, votes, threshold=0.8, uncertain="drop", propagate=False)
    assert [r["id"] for r in dropped] == ["silver-0"] and counts["notes_dropped"] == 2


def _ward_notes() -> list[dict]:
    """Five notes naming the ward (one in lower case), then five with "stable" once each."""
    texts = [f"Transfer to {WARD} 2 today.", f"Back from {WARD} 3.", f"Plan: {WARD} 2 when a bed opens.",
             f"Seen on {WARD} 6 overnight.", f"Call {WARD.lower()} 2 desk.",
             "Pain better, stable in chair.", "BP stable overnight.", "Temp stable.", "HR stable.", "Sat stable."]
    return [{"index": i, "id": str(i), "text": t} for i, t in enumerate(texts)]


def test_a_word_the_student_marks_unsure_across_the_run_is_never_taught_as_o():
    # the ward is marked in two of five notes, each time under the threshold: the other three mentions would be
    # O without step 5, and the retrained student would learn to forget the ward; a word marked once in five
    # mentions (under RunLexicon.min_rate) is still taught as O
    notes = _ward_notes()
    votes = {"student": [[(12, 12 + len(WARD), "HOSPITAL", 0.5)], [(10, 10 + len(WARD), "HOSPITAL", 0.6)],
                         [], [], [], [(13, 19, "PATIENT", 0.3)], [], [], [], []]}
    records, counts = silver_records(notes, votes, threshold=0.8)
    for i, start in ((2, 6), (3, 8), (4, 5)):
        assert records[i]["spans"] == [] and records[i]["missing"] == [[start, start + len(WARD)]]
    assert [r["missing"] for r in records[6:]] == [[]] * 4           # "stable": 1 of 5 mentions marked
    assert counts["unsure_word_mentions"] == 3 and counts["propagated"] == 0
    records, counts = silver_records(notes, votes, threshold=0.8, unsure_words=False)
    assert records[2]["missing"] == [] and counts["unsure_word_mentions"] == 0


def test_propagation_teaches_what_serving_outputs_for_a_word_the_student_marks_unsure():
    # the ward is marked in two of five notes, each time under the threshold (so none is kept), at scores the
    # student's own decode gives (>= 0.5): serving's run-wide propagation would mark all five mentions, and
    # with propagate_votes the silver notes teach all five, the two unsure ones included, instead of unknowns
    # (the retrained student kept the ward in 32 and 33 of its 42 real-note mentions, two seeds, against 13
    # and 29 without: docs/adapt.md); a word voted only under propagate_votes is not learned
    notes = _ward_notes()
    votes = {"student": [[(12, 12 + len(WARD), "HOSPITAL", 0.5)], [(10, 10 + len(WARD), "HOSPITAL", 0.6)],
                         [], [], [], [(13, 19, "PATIENT", 0.45)], [], [], [], []]}
    records, counts = silver_records(notes, votes, threshold=0.8, propagate_votes=0.5)
    for i, start in ((0, 12), (1, 10), (2, 6), (3, 8), (4, 5)):
        assert records[i]["spans"] == [[start, start + len(WARD), "HOSPITAL"]] and records[i]["missing"] == []
    assert counts["propagated"] == 5 and counts["kept_by_teacher"] == {"propagation": 5}
    assert records[5]["spans"] == [] and records[5]["missing"] == [[13, 19]]  # unsure, not learned
    assert [r["missing"] for r in records[6:]] == [[]] * 4                    # "stable": 1 of 5 mentions
    # from the kept spans only (None, the v1 policy): nothing was kept, so nothing is propagated
    records, counts = silver_records(notes, votes, threshold=0.8, propagate_votes=None)
    assert counts["propagated"] == 0 and records[0]["spans"] == [] and records[0]["missing"] == [[12, 12 + len(WARD)]]


def test_the_student_votes_what_its_shape_check_keeps():
    from medkiln.factory.adapt.teachers import _shape_check
    from medkiln.serving.medkiln_rules import FACTORY_NAME

    nlp = spacy.blank("en")
    rules = nlp.add_pipe(FACTORY_NAME)
    rules.set_labels({"DATE": {"shape": "date"}, "PATIENT": {"proper": True, "propagate": True}})
    rules.set_not_names(["seizures"])
    keeps = _shape_check(nlp)
    text = f"{SENTINEL} had seizures on 11/4, readings 71/38/54."
    doc = nlp.make_doc(text)

    def at(word, label):
        return keeps(doc, text.index(word), text.index(word) + len(word), label)

    assert at(SENTINEL, "PATIENT") and at("11/4", "DATE")
    assert not at("seizures", "PATIENT") and not at("71/38/54", "DATE")
    rules.ner_shapes = False  # a pipeline whose rules do not check its NER votes all of it
    assert _shape_check(nlp) is None


def test_missing_ranges_become_unknown_tokens_for_training():
    nlp = spacy.blank("en")
    rec = {"text": "Alpha Bravo was here today", "spans": [[0, 5, "PATIENT"]], "missing": [[3, 11], [16, 20]]}
    docbin, stats = records_to_docbin([rec], nlp)
    doc = list(docbin.get_docs(nlp.vocab))[0]
    from spacy.training import Example

    assert Example(nlp.make_doc(doc.text), doc).get_aligned_ner() == ["U-PATIENT", None, "O", None, "O"]
    assert stats["missing_tokens"] == 2


@pytest.mark.parametrize("settings, option", [
    (AdaptSettings(threshold=0.0), "--set threshold"), (AdaptSettings(uncertain="guess"), "--set uncertain"),
    (AdaptSettings(init="other"), "--set init"), (AdaptSettings(silver_repeat=0), "--set silver_repeat"),
    (AdaptSettings(pick="worst"), "--set pick"),
])
def test_bad_settings_are_coded(tmp_path, settings, option):
    from medkiln.factory.adapt import adapt

    with pytest.raises(MedkilnError) as err:
        adapt("deid", tmp_path / "notes.jsonl", "unused", tmp_path / "out", data=tmp_path, settings=settings)
    assert err.value.code == "E019" and option in str(err.value)


def test_no_usable_notes_is_e501(tmp_path):
    from medkiln.factory.adapt import read_notes

    write_jsonl(tmp_path / "notes.jsonl", [{"text": "  "}, {"note": "x"}])
    with pytest.raises(MedkilnError) as err:
        read_notes(tmp_path / "notes.jsonl")
    assert err.value.code == "E551" and "1 records read, 1 bad" in str(err.value)


# ------------------------------------------------------------------ one tiny base student, trained once
def _synth_dir(path: Path, n: int, seed: int) -> Path:
    from medkiln.domains import get_domain
    from medkiln.factory.synth.card import data_card

    records = list(get_domain("deid").synthesize(n, seed))
    a, b = int(len(records) * 0.7), int(len(records) * 0.85)
    write_jsonl(path / "train.jsonl", records[:a])
    write_jsonl(path / "dev.jsonl", records[a:b])
    write_jsonl(path / "test.jsonl", records[b:])
    write_json(path / "datacard.json", data_card(records[:a], teacher="offline", seed=seed))
    return path


@pytest.fixture(scope="module")
def base(tmp_path_factory):
    from medkiln.factory.train import train

    root = tmp_path_factory.mktemp("adapt")
    data = _synth_dir(root / "data", 60, seed=5)
    result = train("deid", data, root / "base", seed=0, max_steps=30, overrides={"training.eval_frequency": "10"})
    from medkiln.domains import get_domain

    notes = []
    for i, rec in enumerate(get_domain("deid").synthesize(12, 77)):  # a hospital's notes: text, and labels unused
        text = rec["text"] + (f"\nFamily: {SENTINEL} called, wife of patient." if i % 3 == 0 else "")
        notes.append({"note_id": f"n{i}", "text": text, "spans": [[0, 1, "NOT_A_LABEL"]]})
    write_jsonl(root / "notes.jsonl", notes)
    return {"root": root, "data": data, "model": result["model"], "notes": root / "notes.jsonl"}


def _files(folder: Path, skip: tuple[str, ...]) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and not any(part in skip for part in p.relative_to(
        folder).parts)]


@pytest.mark.slow
def test_adapt_cli_end_to_end_writes_silver_retrains_and_logs_no_text(base, tmp_path, caplog, capfd):
    import logging

    from typer.testing import CliRunner

    from medkiln.factory.cli.main import app

    caplog.set_level(logging.DEBUG)
    out = tmp_path / "adapted"
    result = CliRunner().invoke(app, ["adapt", "deid", str(base["notes"]), "--model", base["model"], "--out",
                                      str(out), "--data", str(base["data"]), "--id-field", "note_id", "--max-steps",
                                      "20", "--set", "passes=3", "--notes-description", "test notes"])
    assert result.exit_code == 0, result.output
    summary = json.loads((out / "adapt.json").read_text())
    assert '"silver_spans"' in result.stdout  # the summary is printed too
    silver = [json.loads(line) for line in (out / "silver" / "silver.jsonl").read_text().splitlines()]
    assert len(silver) == 12 and sum(len(r["spans"]) for r in silver) > 0
    assert all(set(r) == {"id", "text", "spans", "missing", "meta"} for r in silver)
    assert all(label != "NOT_A_LABEL" for r in silver for *_, label in r["spans"])  # the input's labels unused
    assert summary["settings"]["max_steps"] == 20 and summary["silver"]["notes"] == 12
    assert json.loads((out / "train" / "spacy" / "model-last" / "meta.json").read_text())["performance"]
    assert (out / "model" / "ner" / "model").read_bytes() != (Path(base["model"]) / "ner" / "model").read_bytes()
    meta = json.loads(Path(summary["package"]["meta"]).read_text())
    card = meta["medkiln"]["adaptation"]
    assert card["notes"]["used"] == 12 and card["notes"]["description"] == "test notes"
    assert card["teachers"] == ["student", "rules", "propagation"] and card["agreement"]["threshold"] == 0.8
    assert sum(card["silver"]["spans_per_label"].values()) == card["silver"]["silver_spans"] > 0
    readme = Path(summary["package"]["readme"]).read_text()
    assert "## Adaptation" in readme and "Adapted on 12 notes: test notes" in readme
    # the planted name is in the notes and in the silver data; nowhere else (logs, streams, reports, package)
    assert SENTINEL in (out / "silver" / "silver.jsonl").read_text()
    streams = result.stdout + result.stderr + caplog.text + "".join(capfd.readouterr())
    assert SENTINEL not in streams and SENTINEL.lower() not in streams.lower()
    for path in _files(out, skip=("silver.jsonl", "corpus", "spacy")):
        assert SENTINEL.lower().encode() not in path.read_bytes().lower(), path


@pytest.mark.slow
def test_distillation_from_a_tiny_teacher_into_the_cnn(base, tmp_path):
    """A tiny teacher knows a ward name the student never saw; its silver labels teach the CNN to find it."""
    from medkiln.factory.adapt import adapt

    teacher = spacy.blank("en")
    teacher.add_pipe("entity_ruler").add_patterns([{"label": "HOSPITAL", "pattern": WARD}])
    teacher.to_disk(tmp_path / "teacher")
    lines = ["Transfer to {w} tomorrow.", "Pt came up from {w} overnight.", "Plan: back to {w} when stable.",
             "Bed on {w} requested.", "Seen on {w} by team."]
    notes = [f"{line.format(w=WARD)} Note {i}." for i, line in enumerate(lines * 8)]  # 40 distinct notes
    write_jsonl(tmp_path / "notes.jsonl", [{"text": text} for text in notes])
    probe = f"She will go to {WARD} after lunch."
    before = spacy.load(base["model"])
    assert not any(e.text == WARD for e in before(probe).ents)
    settings = AdaptSettings(max_steps=60, passes=2, silver_repeat=4, eval_frequency=30, silver_dev_every=5,
                             learn_rate=0.001)
    summary = adapt("deid", tmp_path / "notes.jsonl", base["model"], tmp_path / "out", data=base["data"],
                    teacher_model=tmp_path / "teacher", settings=settings)
    assert summary["teachers"] == ["student", "teacher", "rules", "propagation"]
    assert summary["silver"]["kept_by_teacher"]["teacher"] == 40
    assert summary["silver"]["spans_per_label"].get("HOSPITAL", 0) >= 40  # the student may add a few
    from medkiln.serving.pipeline import load_pipeline

    after = load_pipeline(summary["model"])
    assert any(e.text == WARD and e.label_ == "HOSPITAL" for e in after(probe).ents)


def test_a_teacher_under_the_threshold_needs_the_student_and_alone_makes_unknown(tmp_path):
    from medkiln.domains import get_domain
    from medkiln.factory.adapt.steps import collect_votes

    teacher = spacy.blank("en")
    teacher.add_pipe("entity_ruler").add_patterns([{"label": "HOSPITAL", "pattern": WARD}])
    teacher.to_disk(tmp_path / "teacher")
    student = spacy.blank("en")
    student.add_pipe("entity_ruler").add_patterns([{"label": "HOSPITAL", "pattern": "Bed"}])
    notes = [{"index": 0, "id": "0", "text": f"Bed on {WARD} requested."}]
    votes, info = collect_votes(get_domain("deid"), notes, student, teacher_model=tmp_path / "teacher", passes=0,
                                teacher_score=0.6)
    start = notes[0]["text"].index(WARD)
    assert votes["teacher"] == [[(start, start + len(WARD), "HOSPITAL", 0.6)]] and info["teacher"]["spans"] == 1
    records, counts = silver_records(notes, votes, threshold=0.8, propagate=False, unsure_words=False)
    # the student's span (unscored: no dropout passes) is kept; the teacher's alone, at 0.6, is unknown
    assert records[0]["spans"] == [[0, 3, "HOSPITAL"]] and records[0]["missing"] == [[start, start + len(WARD)]]
    with pytest.raises(MedkilnError) as err:
        from medkiln.factory.adapt.steps import check_settings

        check_settings(AdaptSettings(teacher_score=0.0))
    assert "teacher_score" in str(err.value)


def test_run_refuses_adapt_notes_for_other_domain_kinds(tmp_path):
    from medkiln.factory.run import run_domain

    with pytest.raises(MedkilnError) as err:
        run_domain("translation", tmp_path, adapt={"notes": tmp_path / "notes.jsonl"})
    assert err.value.code == "E019" and "--adapt-notes" in str(err.value)


def test_adapt_settings_come_through_set_and_a_wrong_key_is_a_usage_error(tmp_path):
    from typer.testing import CliRunner

    from medkiln.factory.cli.adapt import settings_from
    from medkiln.factory.cli.main import app

    assert settings_from(["threshold=0.9", "propagate=false", "synthetic_limit=50", "uncertain=drop"]) == \
        {"threshold": 0.9, "propagate": False, "synthetic_limit": 50, "uncertain": "drop"}
    for bad in (["thresold=0.9"], ["threshold"]):
        args = ["adapt", "deid", str(tmp_path / "notes.jsonl"), "--model", "unused", "--out", str(tmp_path / "o"),
                "--data", str(tmp_path)]
        result = CliRunner().invoke(app, args + [x for item in bad for x in ("--set", item)])
        assert result.exit_code == 2, result.output
    run = CliRunner().invoke(app, ["run", "deid", "--out", str(tmp_path / "r"), "--adapt-notes", str(tmp_path),
                                   "--adapt-set", "passes"])
    assert run.exit_code == 2 and not (tmp_path / "r").exists()
