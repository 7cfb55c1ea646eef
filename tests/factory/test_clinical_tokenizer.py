"""The deid student's tokenizer: a period glued between two words splits; URLs, emails, abbreviations and
numbers do not; the change is saved with the pipeline and used for the training corpus."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import spacy

from medkiln.core.records import records_to_docbin
from medkiln.factory.train.spacy_cnn import corpus_nlp, resolve_config
from medkiln.factory.train.tokenizer import clinical_tokenizer, register


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("en")
    clinical_tokenizer(nlp)
    return nlp


@pytest.mark.parametrize("text, tokens", [
    ("BIGEMINY.DR. PRAXTON", ["BIGEMINY", ".", "DR", ".", "PRAXTON"]),
    ("seen by md.wife updated", ["seen", "by", "md", ".", "wife", "updated"]),
    ("BEDSIDE.LASIX STARTED", ["BEDSIDE", ".", "LASIX", "STARTED"]),
    ("KISSANE.NO CHANGES", ["KISSANE", ".", "NO", "CHANGES"]),  # not a Norwegian host name
    ("po b.i.d. e.g. a.m.", ["po", "b.i.d", ".", "e.g.", "a.m."]),
    ("ETT 7.5 at 22cm", ["ETT", "7.5", "at", "22", "cm"]),
    ("www.smithcare.com", ["www.smithcare.com"]),
    ("https://portal.x.org/pt/12", ["https://portal.x.org/pt/12"]),
    ("mail john.smith@gmail.com now", ["mail", "john.smith@gmail.com", "now"]),
    ("see carevue.com", ["see", "carevue.com"]),
])
def test_glued_periods_split_and_urls_stay_whole(nlp, text, tokens):
    assert [t.text for t in nlp(text)] == tokens


def test_default_spacy_keeps_the_glued_token(nlp):
    assert "BIGEMINY.DR" in [t.text for t in spacy.blank("en")("BIGEMINY.DR. PRAXTON")]


def test_saved_pipeline_tokenizes_the_same_without_this_module(tmp_path, nlp):
    nlp.to_disk(tmp_path / "p")
    code = ("import spacy, sys; n = spacy.load(sys.argv[1]); "
            "print('|'.join(t.text for t in n('PER DR.PRAXTON.WEANING')))")
    out = subprocess.run([sys.executable, "-c", code, str(tmp_path / "p")], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert out == "PER|DR|.|PRAXTON|.|WEANING"


def test_training_corpus_uses_the_configs_tokenizer():
    register()
    cfg = resolve_config(Path(__file__).resolve().parents[2] / "domains" / "deid" / "train_cnn.cfg", {})
    blank = corpus_nlp(cfg, "en")
    rec = {"text": "PER DR.PRAXTON.WEANING", "spans": [[7, 14, "DOCTOR"]]}
    _, stats = records_to_docbin([rec], blank)
    assert stats["aligned"] == 1 and stats["misaligned"] == 0
    _, stats = records_to_docbin([rec], spacy.blank("en"))  # spaCy's own tokenizer cannot place the span
    assert stats["misaligned"] == 1


@pytest.mark.parametrize("text, tokens", [
    ("bis 21.4.2019.", ["bis", "21.4.2019", "."]),  # a date that ends a sentence
    ("am 5.12.: Befund", ["am", "5.12", ".", ":", "Befund"]),
    ("Die 67-jährige Pat.", ["Die", "67", "-", "jährige", "Pat", "."]),
    ("ab dem 43. Lj.", ["ab", "dem", "43", ".", "Lj", "."]),
    ("07/2016- 03/2017", ["07", "/", "2016", "-", "03", "/", "2017"]),
    ("am 4.Juli 2019", ["am", "4", ".", "Juli", "2019"]),
    # negative cases: decimals, a vertebra with a decimal, a short glued letter, times, a glued field stay as in v2
    ("Th8.5 und 5.b, 10:30 Uhr", ["Th8.5", "und", "5.b", ",", "10:30", "Uhr"]),
    ("Hb 12,5 g/dl, CRP 0.7", ["Hb", "12,5", "g", "/", "dl", ",", "CRP", "0.7"]),
    ("49jährige Pat., Tel.:0351 12345", ["49", "jährige", "Pat", ".", ",", "Tel.", ":", "0351", "12345"]),
])
def test_tokenizer_v4_splits_german_numbers_from_their_dots_and_hyphens(text, tokens):
    from spacy import registry

    register()
    nlp = registry.resolve({"cb": {"@callbacks": "medkiln.clinical_tokenizer.v4"}})["cb"](spacy.blank("de"))
    assert [t.text for t in nlp(text)] == tokens


def test_german_config_aligns_ages_and_sentence_final_dates():
    """The German gold values ("67" of "67-jährige", a date before the full stop) are token spans under the German
    config's tokenizer; under v2 they were not, and the trainer dropped them."""
    register()
    cfg = resolve_config(Path(__file__).resolve().parents[2] / "domains" / "deid" / "de" / "train_cnn.cfg", {})
    text = "Die 67-jährige Pat. war bis 21.4.2019."
    rec = {"text": text, "spans": [[4, 6, "AGE"], [28, 37, "DATE"]]}
    _, stats = records_to_docbin([rec], corpus_nlp(cfg, "de"))
    assert stats["aligned"] == 2 and stats["misaligned"] == 0


@pytest.fixture(scope="module")
def nlp_v5():
    from spacy import registry

    register()
    return registry.resolve({"cb": {"@callbacks": "medkiln.clinical_tokenizer.v5"}})["cb"](spacy.blank("es"))


@pytest.mark.parametrize("text, tokens", [
    # a door letter, a DNI check letter, an ordinal before a full stop: split
    ("Calle Mayor 3, 2ºB.", ["Calle", "Mayor", "3", ",", "2ºB", "."]),
    ("Avda. Sol 14, 4 D.", ["Avda.", "Sol", "14", ",", "4", "D", "."]),
    ("DNI: 12345678Z.", ["DNI", ":", "12345678Z", "."]),
    ("DNI 87580719-P.", ["DNI", "87580719-P", "."]),
    ("Calle Sol 4, 3º.", ["Calle", "Sol", "4", ",", "3º", "."]),
    ("C/ Real, s/n. 28001", ["C/", "Real", ",", "s", "/", "n", ".", "28001"]),
    ("C/ Real s/n, 28001", ["C/", "Real", "s", "/", "n", ",", "28001"]),
    # a record number behind a glued prefix: split
    ("HC: nhc-1234567.", ["HC", ":", "nhc", "-", "1234567", "."]),
    ("HC/123456.", ["HC", "/", "123456", "."]),
    # negative cases: abbreviations of two capitals, company suffixes, lab names, short numbers stay whole
    ("EE.UU.", ["EE.UU."]),
    ("Suministros S.L.", ["Suministros", "S.L."]),
    ("COVID-19 y Ki-67", ["COVID-19", "y", "Ki-67"]),
    ("IgG.", ["IgG."]),
    ("Avda.", ["Avda."]),
])
def test_v5_splits_door_letters_check_letters_and_glued_record_prefixes(nlp_v5, text, tokens):
    assert [t.text for t in nlp_v5(text)] == tokens


def test_v5_aligns_spanish_addresses_and_dnis_that_v2_could_not():
    from spacy import registry

    register()
    text = "Domicilio: Calle Mayor 3, 2ºB.\nDNI: 12345678Z.\nDirección: Plaza Real s/n."
    spans = [[text.index(v), text.index(v) + len(v), label] for v, label in
             (("Calle Mayor 3, 2ºB", "STREET"), ("12345678Z", "IDNUM"), ("Plaza Real s/n", "STREET"))]
    for version, misaligned in (("v2", 3), ("v5", 0)):
        blank = registry.resolve({"cb": {"@callbacks": f"medkiln.clinical_tokenizer.{version}"}})["cb"](
            spacy.blank("es"))
        _, stats = records_to_docbin([{"text": text, "spans": spans}], blank)
        assert stats["misaligned"] + stats["contracted"] == misaligned, (version, stats)


def test_spanish_config_trains_with_v5():
    register()
    cfg = resolve_config(Path(__file__).resolve().parents[2] / "domains" / "deid" / "es" / "train_cnn.cfg", {})
    assert cfg["initialize"]["before_init"] == {"@callbacks": "medkiln.clinical_tokenizer.v5"}
    blank = corpus_nlp(cfg, "es")
    assert [t.text for t in blank("4 D.")] == ["4", "D", "."]
