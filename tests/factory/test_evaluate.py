"""medkiln.factory.evaluate: hand-computed metrics, label maps, reports, evaluate() end to end and the CLI command."""

from __future__ import annotations

import json
from collections import Counter

import pytest

from medkiln.core.errors import MedkilnError
from medkiln.factory.evaluate import Evaluator, evaluate, load_label_map, score_records, write_report
from medkiln.factory.evaluate.metrics import alnum_tokens, match_spans, prf

SENTINEL = "Zebulon Quixotic"


def span(text: str, phrase: str, label: str, nth: int = 0) -> list:
    start = -1
    for _ in range(nth + 1):
        start = text.index(phrase, start + 1)
    return [start, start + len(phrase), label]


def rec(text: str, spans: list, rid: str = "d1") -> dict:
    return {"id": rid, "text": text, "spans": spans}


# --- pure metrics --------------------------------------------------------------------------------------------

def test_prf_hand_computed_and_zero_denominators():
    assert prf(1, 4, 2) == {"precision": 0.25, "recall": 0.5, "f1": pytest.approx(1 / 3), "tp": 1, "n_pred": 4,
                            "n_gold": 2}
    assert prf(0, 0, 0)["f1"] == 0.0 and prf(0, 0, 3)["precision"] == 0.0


@pytest.mark.parametrize("gold, pred, relaxed, expected", [
    ([(0, 10, "A")], [(0, 10, "A")], False, ([True], [True])),
    ([(0, 10, "A")], [(0, 4, "A")], False, ([False], [False])),        # partial: strict miss
    ([(0, 10, "A")], [(0, 4, "A")], True, ([True], [True])),           # partial: relaxed hit
    ([(0, 10, "A")], [(0, 10, "B")], True, ([False], [False])),        # same offsets, other label
    ([(0, 10, "A")], [(10, 12, "A")], True, ([False], [False])),       # touching is not overlapping
    ([(0, 10, "A")], [(0, 4, "A"), (5, 10, "A")], True, ([True], [False, True])),   # once, largest overlap
    ([(0, 4, "A"), (5, 10, "A")], [(0, 10, "A")], True, ([True, False], [True])),   # pred matched once
    ([(0, 10, "A")], [(0, 3, "A"), (0, 10, "A")], True, ([True], [False, True])),   # exact match wins
])
def test_match_spans_table(gold, pred, relaxed, expected):
    assert match_spans(gold, pred, relaxed) == expected


def test_alnum_tokens_split_on_underscore_and_punctuation():
    assert alnum_tokens("ab_cd 12-3 é!") == [(0, 2), (3, 5), (6, 8), (9, 10), (11, 12)]
    assert alnum_tokens("__ -- ") == []


def test_strict_vs_relaxed_per_label_and_category_i2b2():
    text = "Dr Alan Smith saw Mary Jones on 2020-01-02 at Mercy Hospital."
    gold = rec(text, [span(text, "Alan Smith", "DOCTOR"), span(text, "Mary Jones", "PATIENT"),
                      span(text, "2020-01-02", "DATE"), span(text, "Mercy Hospital", "HOSPITAL")])
    pred = rec(text, [span(text, "Alan Smith", "DOCTOR"), span(text, "Mary", "PATIENT"),
                      span(text, "2020-01-02", "PHONE"), span(text, "Mercy", "CITY")])
    r = score_records([gold], [pred], "i2b2")
    assert (r["strict"]["micro"]["tp"], r["strict"]["micro"]["f1"]) == (1, 0.25)
    assert (r["relaxed"]["micro"]["tp"], r["relaxed"]["micro"]["f1"]) == (3, 0.75)
    cats_s, cats_r = r["strict"]["per_category"], r["relaxed"]["per_category"]
    assert (cats_s["NAME"]["tp"], cats_r["NAME"]["tp"]) == (1, 2)
    assert (cats_s["LOCATION"]["f1"], cats_r["LOCATION"]["f1"]) == (0.0, 1.0)   # CITY vs HOSPITAL: same category
    assert cats_r["DATE"]["recall"] == 0.0 and cats_r["CONTACT"]["precision"] == 0.0
    labels_s, labels_r = r["strict"]["per_label"], r["relaxed"]["per_label"]
    assert labels_s["DOCTOR"]["f1"] == 1.0
    assert (labels_s["PATIENT"]["f1"], labels_r["PATIENT"]["f1"]) == (0.0, 1.0)
    assert labels_r["HOSPITAL"]["recall"] == 0.0 and labels_r["CITY"]["precision"] == 0.0  # labels differ
    assert r["per_label_mode"] == "label"


def test_aggregation_sums_documents():
    t1, t2 = "Ann came.", "Bob and Cy came."
    golds = [rec(t1, [span(t1, "Ann", "PATIENT")], "a"), rec(t2, [span(t2, "Bob", "PATIENT"),
                                                                   span(t2, "Cy", "PATIENT")], "b")]
    preds = [rec(t1, [span(t1, "Ann", "PATIENT")], "a"), rec(t2, [span(t2, "came", "PATIENT")], "b")]
    r = score_records(golds, preds, "i2b2")
    assert r["n_docs"] == 2
    assert r["strict"]["per_label"]["PATIENT"] == prf(1, 2, 3)
    assert r["strict"]["per_category"]["NAME"] == prf(1, 2, 3)


def test_token_recall_precision_and_leak_rate():
    text = "Alan Smith saw Mary Jones today"
    gold = rec(text, [span(text, "Alan Smith", "PATIENT"), span(text, "Mary Jones", "PATIENT")])
    pred = rec(text, [span(text, "Smith saw", "DOCTOR")])
    tok = score_records([gold], [pred], "i2b2")["token"]
    assert (tok["gold_tokens"], tok["leaked_tokens"]) == (4, 3)
    assert (tok["recall"], tok["leak_rate"]) == (0.25, 0.75)
    assert (tok["pred_tokens"], tok["pred_tokens_tp"], tok["precision"]) == (2, 1, 0.5)
    assert tok["per_category"]["NAME"] == {"recall": 0.25, "gold_tokens": 4, "leaked_tokens": 3}


def test_token_metrics_no_gold_no_pred():
    tok = score_records([rec("nothing here", [])], [rec("nothing here", [])], "i2b2")["token"]
    assert (tok["recall"], tok["leak_rate"], tok["precision"], tok["gold_tokens"]) == (0.0, 0.0, 0.0, 0)


def test_misaligned_records_are_refused():
    with pytest.raises(ValueError):
        score_records([rec("a", [], "x")], [rec("a", [], "y")], "i2b2")
    with pytest.raises(ValueError):
        score_records([rec("a", [])], [], "i2b2")


# --- label maps ----------------------------------------------------------------------------------------------

PHYSIO_TEXT = "Seen at HARLOW HOSPITAL by dr vardell, lives in Maryland, age 93 and wife 67 yo."


def _physio(hipaa_ages: bool) -> dict:
    t = PHYSIO_TEXT
    gold = rec(t, [span(t, "HARLOW", "Location"), span(t, "vardell", "HCPName"), span(t, "93", "Age")])
    pred = rec(t, [span(t, "HARLOW HOSPITAL", "HOSPITAL"), span(t, "vardell", "DOCTOR"),
                   span(t, "Maryland", "STATE"), span(t, "93", "AGE"), span(t, "67", "AGE")])
    return score_records([gold], [pred], "physionet", hipaa_ages=hipaa_ages)


def test_physionet_map_unscored_facility_words_and_hipaa_ages():
    r = _physio(hipaa_ages=True)
    assert r["counts"]["unscored_pred_spans"] == {"STATE": 1} and r["counts"]["hipaa_age_dropped"] == 1
    assert (r["strict"]["micro"]["tp"], r["strict"]["micro"]["n_pred"], r["strict"]["micro"]["n_gold"]) == (2, 3, 3)
    assert r["relaxed"]["micro"]["f1"] == 1.0
    assert r["strict"]["per_category"]["LOCATION"]["f1"] == 0.0
    tok = r["token"]
    assert (tok["recall"], tok["gold_tokens"]) == (1.0, 3)
    assert (tok["precision"], tok["ignored_facility_tokens"]) == (1.0, 1)      # HOSPITAL not a false positive
    assert (tok["precision_strict"], tok["pred_tokens_strict"]) == (0.75, 4)  # ...but counted without the convention
    assert tok["ignored_unscored_tokens"] == 2                                # Maryland, 67
    assert r["per_label_mode"] == "category"
    assert r["strict"]["per_label"]["gold:Location"]["recall"] == 0.0
    assert r["relaxed"]["per_label"]["gold:Location"]["recall"] == 1.0
    assert r["relaxed"]["per_label"]["pred:HOSPITAL"]["precision"] == 1.0
    assert r["signature"] == "medkiln-spans|map:physionet|tok:alnum|hipaa_ages:yes|v:1"


def test_physionet_without_hipaa_ages_scores_young_ages():
    r = _physio(hipaa_ages=False)
    assert r["counts"]["hipaa_age_dropped"] == 0
    assert r["strict"]["per_category"]["AGE"]["precision"] == 0.5
    assert r["token"]["precision"] == 0.75                                    # "67" is a false-positive token


@pytest.mark.parametrize("label, category", [
    ("PATIENT", "NAME"), ("USERNAME", "NAME"), ("ZIP", "LOCATION"), ("ORGANIZATION", "LOCATION"),
    ("FAX", "PHONE"), ("MEDICALRECORD", "OTHER"), ("IDNUM", "OTHER"), ("DATE", "DATE"),
    ("STATE", None), ("EMAIL", None), ("PROFESSION", None), ("IPADDR", None),
])
def test_physionet_pred_side_table(label, category):
    assert load_label_map("physionet").pred_category(label) == category


def test_non_phi_labels_do_not_cover_tokens():
    t = "MI in 1992."
    gold = rec(t, [span(t, "1992", "DateYear")])
    r = score_records([gold], [rec(t, [span(t, "1992", "CARDINAL")])], load_label_map("physionet", "spacy"))
    assert r["token"]["recall"] == 0.0 and r["counts"]["non_phi_pred_spans"] == {"CARDINAL": 1}
    r = score_records([gold], [rec(t, [span(t, "1992", "DATE")])], load_label_map("physionet", "spacy"))
    assert r["strict"]["micro"]["f1"] == 1.0 and r["label_map"] == "physionet+spacy"


def test_json_label_map_and_unknown_name(tmp_path):
    path = tmp_path / "mine.json"
    path.write_text(json.dumps({"gold": {"Name": "NAME"}, "pred": {"PER": "NAME"}, "unscored": ["MISC"]}))
    lmap = load_label_map(path)
    assert (lmap.name, lmap.gold_category("Name"), lmap.pred_category("PER"), lmap.pred_category("MISC")) == \
        ("mine", "NAME", "NAME", None)
    assert lmap.pred_category("OTHERTHING") == "OTHERTHING"                   # identity fallback
    with pytest.raises(MedkilnError) as err:
        load_label_map("no-such-map")
    assert err.value.code == "E013"


def test_evaluator_base_fixes_the_algorithm():
    with pytest.raises(TypeError):
        Evaluator()

    class CountSpans(Evaluator):
        name = "count"

        def collect(self, gold, pred):
            return Counter(gold=len(gold["spans"]), pred=len(pred["spans"]))

        def report(self, stats):
            return dict(stats)

        def signature_fields(self):
            return {"x": "y"}

    out = CountSpans().score([rec("a", [[0, 1, "A"]]), rec("b", [])], [rec("a", []), rec("b", [[0, 1, "A"]])])
    assert out == {"gold": 1, "pred": 1, "signature": "count|x:y|v:1"}


# --- reports, evaluate(), CLI --------------------------------------------------------------------------------

def test_write_report_has_tables_chart_and_no_note_text(tmp_path):
    t = f"Patient {SENTINEL} seen 2020-01-02."
    gold = rec(t, [span(t, SENTINEL, "PATIENT"), span(t, "2020-01-02", "DATE")])
    result = score_records([gold], [rec(t, [span(t, "Zebulon", "PATIENT")])], "i2b2")
    paths = write_report(result, tmp_path / "rep")
    assert set(paths) == {"json", "md", "html"}
    texts = {kind: p.read_text() for kind, p in paths.items()}
    for body in texts.values():
        assert SENTINEL not in body and "Zebulon" not in body
    assert json.loads(texts["json"])["token"] == result["token"]
    assert "| NAME |" in texts["md"] and "Per label" in texts["md"]
    assert "<svg" in texts["html"] and "<script" not in texts["html"] and "http" not in texts["html"].replace(
        "http://www.w3.org/2000/svg", "")


@pytest.fixture(scope="module")
def ruler_model(tmp_path_factory):
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PATIENT", "pattern": "Zebulon"},
                        {"label": "DATE", "pattern": [{"SHAPE": "dddd"}, {"ORTH": "-"}, {"SHAPE": "dd"}]}])
    path = tmp_path_factory.mktemp("model") / "ruler"
    nlp.to_disk(path)
    return path


@pytest.fixture()
def gold_file(tmp_path):
    texts = [f"{SENTINEL} seen 2020-01.", "Nothing to see.", "Zebulon again."]
    records = [rec(texts[0], [span(texts[0], SENTINEL, "PATIENT"), span(texts[0], "2020-01", "DATE")], "n1"),
               rec(texts[1], [], "n2"), rec(texts[2], [span(texts[2], "Zebulon", "PATIENT")], "n3")]
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def test_evaluate_end_to_end_on_entity_ruler(ruler_model, gold_file):
    r = evaluate(str(ruler_model), gold_file, label_map="i2b2")
    # preds: "Zebulon" (partial of the sentinel), "2020-01", "Zebulon" -> strict tp 2 of 3/3, relaxed 3.
    assert (r["n_docs"], r["strict"]["micro"]["tp"], r["relaxed"]["micro"]["tp"]) == (3, 2, 3)
    assert r["token"]["recall"] == pytest.approx(4 / 5)                       # "Quixotic" leaks
    assert r["signature"] == "medkiln-spans|map:i2b2|tok:alnum|hipaa_ages:no|v:1"
    assert r["words_per_s"] > 0 and r["docs_per_s"] > 0 and r["data"] == str(gold_file)
    assert evaluate(str(ruler_model), gold_file, limit=1)["n_docs"] == 1


def test_evaluate_command_through_typer(ruler_model, gold_file, tmp_path):
    import typer
    from typer.testing import CliRunner

    from medkiln.factory.evaluate.cli import evaluate_command

    app = typer.Typer()
    app.callback()(lambda: None)
    app.command("evaluate")(evaluate_command)
    out = tmp_path / "report"
    result = CliRunner().invoke(app, ["evaluate", str(ruler_model), str(gold_file), "--out", str(out),
                                      "--label-map", "physionet", "--hipaa-ages"])
    assert result.exit_code == 0, result.output
    assert "token recall" in result.output and "report.md" in result.output and SENTINEL not in result.output
    report = json.loads((out / "report.json").read_text())
    assert report["signature"].startswith("medkiln-spans|map:physionet|") and report["n_docs"] == 3
    bad = CliRunner().invoke(app, ["evaluate", str(ruler_model), str(gold_file), "--label-map", "nope",
                                   "--out", str(out)])
    assert bad.exit_code != 0 and isinstance(bad.exception, MedkilnError)


def test_evaluate_with_run_propagation_scores_what_deid_writes(tmp_path):
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "HOSPITAL", "pattern": [{"ORTH": "Halvorsen"}]}])
    nlp.to_disk(tmp_path / "ruler")
    texts = ["To Halvorsen 2 today.", "From Halvorsen 3.", "plan: halvorsen 2 when bed avail"]
    records = [rec(t, [span(t, w, "HOSPITAL")], f"n{i}") for i, (t, w) in
               enumerate(zip(texts, ["Halvorsen", "Halvorsen", "halvorsen"]))]
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(json.dumps(r) + "\n" for r in records))
    plain = evaluate(str(tmp_path / "ruler"), gold, label_map="i2b2")
    run = evaluate(str(tmp_path / "ruler"), gold, label_map="i2b2", run_propagation=True)
    assert plain["token"]["recall"] == pytest.approx(2 / 3) and not plain["run_propagation"]
    assert run["token"]["recall"] == 1.0 and run["token"]["precision"] == 1.0 and run["run_propagation"]
