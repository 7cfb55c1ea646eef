"""The translation domain's resources: aligned templates and lexicons per language, and the offline teacher."""

from __future__ import annotations

import json
import shutil

import pytest

from medkiln.domains import get_domain
from medkiln.domains.translation import synth

LANGS = synth.languages()


def test_domain_is_registered_as_translation_kind():
    spec = get_domain("translation")
    assert (spec.kind, spec.labels, spec.registry_name) == ("translation", {}, "medkiln.translation.v1")
    first = next(iter(spec.synthesize(3, 0)))
    assert first["text"] and first["spans"] == []


def test_the_four_starting_languages_are_there():
    assert {"en", "de", "fr", "es"} <= set(LANGS)


@pytest.mark.parametrize("lang", [lang for lang in LANGS if lang != "en"])
def test_every_language_has_the_same_templates_slots_and_concepts(lang):
    en, other = synth.load_language("en"), synth.load_language(lang)
    assert set(other["templates"]) == set(en["templates"])
    for tid, tpl in en["templates"].items():
        slots = {(c, k or "1") for c, k, _ in synth.SLOT.findall(tpl["text"])}
        other_slots = {(c, k or "1") for c, k, _ in synth.SLOT.findall(other["templates"][tid]["text"])}
        assert other_slots == slots, tid
    for cat, table in en["lexicon"].items():
        assert set(other["lexicon"][cat]) == set(table), cat


@pytest.mark.parametrize("src,tgt", [("en", "de"), ("en", "fr"), ("en", "es"), ("de", "en"), ("fr", "es")])
def test_pairs_are_aligned_and_deterministic(src, tgt):
    a = list(synth.parallel_pairs(src, tgt, 60, seed=3))
    assert a == list(synth.parallel_pairs(src, tgt, 60, seed=3))
    assert a != list(synth.parallel_pairs(src, tgt, 60, seed=4))
    for pair in a:
        assert "{" not in pair["src"] + pair["ref"], pair["id"]
        for cat, concept in pair["terms"]:
            assert synth.term(src, cat, concept).casefold() in pair["src"].casefold()
            assert synth.term(tgt, cat, concept).casefold()[:-1] in pair["ref"].casefold()


@pytest.mark.parametrize("lang,template,picks,expected", [
    ("fr", "find_reports", {("symptom", "1"): "shortness_of_breath", ("days", "1"): "3"},
     "Le patient se plaint d'essoufflement depuis 3 jours."),
    ("de", "find_temp", {("temp", "1"): "38.5", ("spo2", "1"): "94"},
     "Temperatur 38,5 °C, Sauerstoffsättigung 94 % bei Raumluft."),
    ("en", "med_for", {("drug", "1"): "ibuprofen", ("condition", "1"): "asthma"}, "Ibuprofen is prescribed for asthma."),
    ("es", "med_continue", {("drug", "1"): "aspirin", ("drug", "2"): "insulin"},
     "Continuar con aspirina e insulina a la dosis actual."),
])
def test_render_applies_forms_contractions_and_decimals(lang, template, picks, expected):
    assert synth.render(lang, template, picks) == expected


def test_a_language_is_added_by_a_resource_file_only(tmp_path, monkeypatch):
    for lang in ("en", "de"):
        shutil.copy(synth.FOLDER / f"{lang}.json", tmp_path / f"{lang}.json")
    xx = json.loads((synth.FOLDER / "de.json").read_text(encoding="utf-8"))
    xx["lang"] = "xx"
    (tmp_path / "xx.json").write_text(json.dumps(xx, ensure_ascii=False), encoding="utf-8")
    monkeypatch.setattr(synth, "FOLDER", tmp_path)
    synth.load_language.cache_clear()
    try:
        assert synth.languages() == ["de", "en", "xx"]
        pairs = list(synth.parallel_pairs("en", "xx", 5, 0))
        assert len(pairs) == 5 and all(p["ref"] and p["tgt_lang"] == "xx" for p in pairs)
        picks = {("drug", "1"): "ibuprofen", ("condition", "1"): "asthma"}
        assert synth.render("xx", "med_for", picks) == synth.render("de", "med_for", picks)
        assert len(synth.glossary("en", "xx")) == len(synth.glossary("en", "de"))
    finally:
        synth.load_language.cache_clear()
