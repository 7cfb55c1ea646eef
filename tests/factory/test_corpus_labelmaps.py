"""Folder label maps (`--label-map meddocan|grascco`): built from the `mapping.json` beside the gold file, with
`null` gold labels dropped before scoring. The corpus folder here is invented (labels and text)."""

from __future__ import annotations

import json

import pytest

from medkiln.core.errors import MedkilnError
from medkiln.factory.evaluate import load_label_map, score_records
from medkiln.factory.evaluate.labelmaps import FOLDER_MAPS

# An invented corpus label set in the corpus folders' format: corpus label -> i2b2 label, null = not scored.
MAPPING = {"NOMBRE_P": "PATIENT", "MEDICO": "DOCTOR", "DIA": "DATE", "GENERO": None, "TEL": "PHONE"}
TEXT = "Paciente Ulrike Zorvani, mujer, vista el 3 de mayo por Dr. Quenderal; tel 611 22 33 44."


def _span(phrase: str, label: str) -> list:
    start = TEXT.index(phrase)
    return [start, start + len(phrase), label]


def _corpus(tmp_path, mapping=None):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "mapping.json").write_text(json.dumps(MAPPING if mapping is None else mapping), encoding="utf-8")
    gold = {"id": "c1", "text": TEXT, "spans": [_span("Ulrike Zorvani", "NOMBRE_P"), _span("mujer", "GENERO"),
                                                  _span("3 de mayo", "DIA"), _span("Quenderal", "MEDICO"),
                                                  _span("611 22 33 44", "TEL")]}
    path = folder / "gold.jsonl"
    path.write_text(json.dumps(gold) + "\n", encoding="utf-8")
    return path, gold


@pytest.mark.parametrize("name", sorted(FOLDER_MAPS))
def test_folder_map_reads_mapping_beside_data_and_drops_null_labels(tmp_path, name):
    path, gold = _corpus(tmp_path)
    lmap = load_label_map(name, data=path)
    assert lmap.gold_category("NOMBRE_P") == "NAME" and lmap.gold_category("TEL") == "CONTACT"
    assert lmap.gold_unscored == frozenset({"GENERO"})
    pred = {"id": "c1", "spans": [_span("Ulrike Zorvani", "PATIENT"), _span("3 de mayo", "DATE"),
                                  _span("Quenderal", "DOCTOR")]}
    result = score_records([gold], [pred], lmap)
    micro = result["strict"]["micro"]
    # 4 scored gold spans (the null-mapped one is dropped), 3 found, no false positive
    assert (micro["n_gold"], micro["tp"], micro["n_pred"]) == (4, 3, 3)
    assert result["counts"]["unscored_gold_spans"] == {"GENERO": 1}
    assert result["token"]["recall"] == pytest.approx(6 / 10)  # Ulrike Zorvani 3 de mayo Quenderal | 611 22 33 44
    assert result["per_label_mode"] == "category" and result["label_map"] == name


def test_folder_map_missing_mapping_and_bad_target(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # no ../shared beside this folder
    lone = tmp_path / "lone.jsonl"
    lone.write_text("", encoding="utf-8")
    with pytest.raises(MedkilnError) as err:
        load_label_map("meddocan", data=lone)
    assert err.value.code == "E501" and "mapping.json" in err.value.message
    path, _ = _corpus(tmp_path, {"NOMBRE_P": "NOT_AN_I2B2_LABEL"})
    with pytest.raises(MedkilnError) as err:
        load_label_map("grascco", data=path)
    assert err.value.code == "S023" and "NOMBRE_P" in err.value.message
    with pytest.raises(MedkilnError) as err:
        load_label_map("no-such-corpus")
    assert "meddocan" in err.value.message and "grascco" in err.value.message


def test_evaluate_cli_with_folder_map(tmp_path):
    """`medkiln evaluate MODEL DATA --label-map meddocan` end to end with a rule-only pipeline."""
    import spacy
    from typer.testing import CliRunner

    from medkiln.factory.cli.main import app

    path, _ = _corpus(tmp_path)
    nlp = spacy.blank("es")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "DATE", "pattern": "3 de mayo"}, {"label": "PATIENT", "pattern": "Zorvani"}])
    nlp.to_disk(tmp_path / "ruler")
    result = CliRunner().invoke(app, ["evaluate", str(tmp_path / "ruler"), str(path), "--label-map", "meddocan",
                                      "--out", str(tmp_path / "report")])
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "report" / "report.json").read_text())
    assert report["label_map"] == "meddocan" and report["strict"]["micro"]["n_gold"] == 4
    assert report["strict"]["micro"]["tp"] == 1 and report["relaxed"]["micro"]["tp"] == 2


def test_presidio_research_map_scores_pii_types_and_leaves_titles_and_groups_unscored():
    text = "Mr. Ovid Prenn, a Lutheran, lives at 14 Gable Row in Tarnwick; call 555-201-7788 or o.prenn@mail.test."

    def at(phrase, label):
        start = text.index(phrase)
        return [start, start + len(phrase), label]

    gold = {"id": "p1", "text": text, "spans": [at("Mr.", "TITLE"), at("Ovid Prenn", "PERSON"), at("Lutheran", "NRP"),
                                                at("14 Gable Row", "STREET_ADDRESS"), at("Tarnwick", "GPE"),
                                                at("555-201-7788", "PHONE_NUMBER"), at("o.prenn@mail.test", "EMAIL_ADDRESS")]}
    # the student finds the name, the street and the phone, calls the town a STATE, marks the e-mail, misses nothing else
    pred = {"id": "p1", "spans": [at("Ovid Prenn", "PATIENT"), at("14 Gable Row", "STREET"), at("Tarnwick", "STATE"),
                                  at("555-201-7788", "PHONE"), at("o.prenn@mail.test", "EMAIL")]}
    lmap = load_label_map("presidio_research")
    assert lmap.gold_category("GPE") == "LOCATION" and lmap.pred_category("STATE") == "LOCATION"
    report = score_records([gold], [pred], lmap)
    assert report["counts"]["unscored_gold_spans"] == {"NRP": 1, "TITLE": 1}
    strict = report["strict"]["per_category"]
    assert strict["NAME"]["recall"] == strict["LOCATION"]["recall"] == strict["PHONE"]["recall"] == 1.0
    assert "CONTACT" in strict and strict["CONTACT"]["n_pred"] == 0  # the e-mail: unscored on the predicted side...
    assert report["token"]["recall"] == 1.0                          # ...but it still covers the gold tokens
    missed = score_records([gold], [{"id": "p1", "spans": pred["spans"][:1]}], lmap)
    assert missed["token"]["recall"] < 0.5


def test_presidio_types_score_on_the_i2b2_categories_of_a_folder_map(tmp_path):
    """Presidio beside the student on MEDDOCAN/GraSCCo: its types land on the i2b2 categories; a country identifier
    is ID, a postal code LOCATION, NRP unscored, anything else Presidio does not name is no PHI."""
    from medkiln.factory.evaluate.labelmaps import presidio_i2b2_pred_map

    path, gold = _corpus(tmp_path)
    lmap = load_label_map("meddocan", presidio_i2b2_pred_map(["ES_NIF", "DE_PLZ", "NRP"]), data=path)
    assert [lmap.pred_category(t) for t in ("PERSON", "DATE_TIME", "PHONE_NUMBER", "ES_NIF", "DE_PLZ", "IBAN_CODE")] \
        == ["NAME", "DATE", "CONTACT", "ID", "LOCATION", "ID"]
    assert lmap.pred_category("NRP") is None and not lmap.is_phi("CARDINAL")
    pred = {"id": "c1", "spans": [_span("Ulrike Zorvani", "PERSON"), _span("3 de mayo", "DATE_TIME"),
                                  _span("611 22 33 44", "PHONE_NUMBER")]}
    strict = score_records([gold], [pred], lmap)["strict"]["per_category"]
    assert strict["NAME"]["recall"] == 0.5 and strict["DATE"]["recall"] == strict["CONTACT"]["recall"] == 1.0
