"""The rules' not-a-name words: a predicted person name made only of clinical words is dropped (unless a title
stands before it), the words travel with the component, and the English list keeps every common name."""

from __future__ import annotations

import json

import pytest
import spacy

from medkiln.domains import get_domain
from medkiln.factory.train.assemble import rules_labels
from medkiln.serving.medkiln_rules import PhiRules
from rule_tables import run_marked


def _same_as_rebuilt(lang: str) -> None:
    """The committed list is what its sources give (when the installed Faker is the one it was built with: the
    names it removes come from Faker's tables)."""
    from faker import VERSION

    from medkiln.domains.deid import not_names

    stored = json.loads(not_names.path(lang).read_text(encoding="utf-8"))
    if stored["source"]["faker_version"] != VERSION:
        pytest.skip(f"{lang} list written with Faker {stored['source']['faker_version']}, this is {VERSION}")
    built = not_names.build(lang)
    assert built["words"] == stored["words"] and built.get("edge_words") == stored.get("edge_words")


def _rules(words=("pneumonia", "fracture", "cellulitis"), titles=("dr", "mr")) -> PhiRules:
    rules = PhiRules()
    rules.set_labels(rules_labels(get_domain("deid")))
    rules.set_not_names(words, titles)
    return rules


_run = run_marked


def test_a_name_made_only_of_clinical_words_is_dropped_in_any_case():
    rules = _rules()
    assert _run(rules, "PT WITH PNEUMONIA, seen by Quill.", [("PNEUMONIA", "PATIENT"), ("Quill", "DOCTOR")]) \
        == [("Quill", "DOCTOR")]
    assert _run(rules, "hip fracture cellulitis today", [("fracture cellulitis", "DOCTOR")]) == []


def test_a_title_makes_a_name_and_a_name_with_another_word_stays():
    rules = _rules()
    assert _run(rules, "Seen by Dr. Fracture today.", [("Fracture", "DOCTOR")]) == [("Fracture", "DOCTOR")]
    assert _run(rules, "Seen by dr fracture today.", [("fracture", "DOCTOR")]) == [("fracture", "DOCTOR")]
    assert _run(rules, "Called Ann Fracture back.", [("Ann Fracture", "PATIENT")]) == [("Ann Fracture", "PATIENT")]


def test_places_made_only_of_clinical_words_go_too_and_other_labels_are_not_checked():
    rules = _rules(words=("rehab", "stepdown", "pneumonia", "fever"))
    assert _run(rules, "Went to rehab on Monday.", [("rehab", "HOSPITAL")]) == []
    assert _run(rules, "Moved to Glenmere Rehab.", [("Glenmere Rehab", "HOSPITAL")]) == [("Glenmere Rehab", "HOSPITAL")]
    assert _run(rules, "Fever 12/03 noted.", [("Fever 12/03", "DATE")]) == [("Fever 12/03", "DATE")]


def test_the_words_are_saved_with_the_component(tmp_path):
    rules = _rules()
    rules.to_disk(tmp_path / "rules")
    again = PhiRules().from_disk(tmp_path / "rules")
    assert _run(again, "PT WITH PNEUMONIA.", [("PNEUMONIA", "PATIENT")]) == []
    assert _run(PhiRules().from_bytes(rules.to_bytes()), "PT WITH PNEUMONIA.", [("PNEUMONIA", "PATIENT")]) == []
    empty = PhiRules()
    empty.set_labels(rules_labels(get_domain("deid")))
    empty.to_disk(tmp_path / "plain")
    assert not (tmp_path / "plain" / "not_names.json").exists()
    assert _run(PhiRules().from_disk(tmp_path / "plain"), "PT WITH PNEUMONIA.", [("PNEUMONIA", "PATIENT")]) \
        == [("PNEUMONIA", "PATIENT")]


def test_the_english_list_has_clinical_words_and_no_common_name():
    from medkiln.domains.deid.synth.lexicons import first_names, last_names

    table = get_domain("deid").not_names()
    words = set(table["words"])
    assert {"pneumonia", "fracture", "diabetes", "abscess", "hypertension"} <= words
    assert not words & {n.lower() for n in first_names() + last_names()}
    assert not words & {"holy", "family", "good", "samaritan", "springfield"}   # places can be made of these
    assert {"dr", "mr", "mrs", "ms"} <= set(table["titles"])
    _same_as_rebuilt("en")
    assert get_domain("deid", lang="fr").not_names is None or get_domain("deid", lang="fr").not_names() is None


def test_the_english_list_has_the_words_grammar_never_uses_as_names():
    """Verbs in any inflection and closed-class words are not names; a verb WordNet also lists as a noun, or as a
    noun's plural (a surname like Baker, Hunt or Brooks can be one), and every common name stay possible names."""
    words = set(get_domain("deid").not_names()["words"])
    assert {"understand", "obtain", "took", "occurred", "whose", "nothing", "here"} <= words
    assert not words & {"hunt", "cook", "bush", "baker", "mark", "bill", "will", "rose", "brooks", "springs", "woods", "wants"}
    rules = _rules(words=words)
    text = "PT SEEMS TO UNDERSTAND. DR QUILLBY ORDERED CXR; dr pennock took report."
    marked = [("UNDERSTAND", "PATIENT"), ("QUILLBY", "DOCTOR"), ("ORDERED", "DOCTOR"), ("pennock", "DOCTOR"),
              ("took", "DOCTOR")]
    assert _run(rules, text, marked) == [("QUILLBY", "DOCTOR"), ("pennock", "DOCTOR")]


def test_the_grammar_words_come_from_wordnet_verbs_that_are_not_nouns(tmp_path):
    from medkiln.domains.deid import not_names

    wn = tmp_path / "wordnet"
    wn.mkdir()
    (wn / "index.verb").write_text("  1 header line\nadmit v 1 0\nhunt v 1 0\ncarry v 1 0\nstop v 1 0\n"
                                   "set_up v 1 0\nwean v 1 0\n", encoding="utf-8")
    (wn / "index.noun").write_text("  1 header line\nhunt n 1 0\nstop n 1 0\n", encoding="utf-8")
    (wn / "verb.exc").write_text("ran run\n", encoding="utf-8")
    words = not_names.english_grammar_words(wn)
    assert {"admit", "admits", "admitted", "admitting", "carries", "carried", "carrying", "weaned", "weaning",
            "ran", "whose"} <= words
    assert not words & {"hunt", "stop", "stops", "set_up"}   # nouns and their plurals, and no multi-word lemma
    assert {"stopped", "stopping", "hunted"} <= words         # a form that is no noun is kept
    with pytest.raises(SystemExit, match="wordnet-base"):
        not_names.english_grammar_words(tmp_path / "none")


def test_person_nouns_come_from_wordnet_noun_person_without_proper_nouns_or_regular_plurals(tmp_path):
    """Kinds of person (lexicographer file 18) and their irregular plurals; a lemma WordNet also writes capitalised
    (a river, a firm) and the regular plurals institutions are named with stay possible names."""
    from medkiln.domains.deid import not_names

    wn = tmp_path / "wordnet"
    wn.mkdir()
    (wn / "data.noun").write_text(
        "  1 license line\n"
        "10001 18 n 02 pharmacist 0 druggist 0 000 | a health professional\n"
        "10002 18 n 01 grandchild 0 000 | a child of a child\n"
        "10003 18 n 01 veteran 0 000 | an old soldier\n"
        "10004 18 n 01 amazon 0 000 | a tall strong woman\n"
        "10005 17 n 01 Amazon 0 000 | a river\n"
        "10006 18 n 01 Lincoln 0 000 | a president\n"
        "10007 18 n 01 home_help 0 000 | a helper\n"
        "10008 06 n 01 chair 0 000 | a seat\n", encoding="utf-8")
    (wn / "noun.exc").write_text("grandchildren grandchild\nmice mouse\n", encoding="utf-8")
    words = not_names.english_person_nouns(wn)
    assert words == {"pharmacist", "druggist", "grandchild", "grandchildren", "veteran"}
    with pytest.raises(SystemExit, match="wordnet-base"):
        not_names.english_person_nouns(tmp_path / "none")
    english = set(get_domain("deid").not_names()["words"])
    assert {"pharmacist", "neurologist", "grandchildren", "chaplain"} <= english
    assert not english & {"amazon", "veterans", "baker", "mason", "banker"}   # a firm, a plural, census surnames
    rules = _rules(words=english)
    text = "Neurologist in to see pt. Spoke w/ Pharmacist Tolliver and Dr. Marsh."
    marked = [("Neurologist", "DOCTOR"), ("Pharmacist", "DOCTOR"), ("Tolliver", "DOCTOR"), ("Marsh", "DOCTOR")]
    assert _run(rules, text, marked) == [("Tolliver", "DOCTOR"), ("Marsh", "DOCTOR")]


def test_an_assembled_pipeline_carries_the_list_and_refresh_rules_rebuilds_it(tmp_path):
    import importlib.util
    from pathlib import Path

    from medkiln.factory.train.assemble import assemble

    nlp = spacy.blank("en")
    nlp.add_pipe("ner").add_label("PATIENT")
    nlp.initialize()
    nlp.to_disk(tmp_path / "p")
    out = assemble(tmp_path / "p", tmp_path / "a", get_domain("deid"), after="ner", provenance={})
    saved = json.loads((out / "medkiln_phi_rules" / "not_names.json").read_text(encoding="utf-8"))
    assert "pneumonia" in saved["words"] and "dr" in saved["titles"]
    # the English measurement words travel in the same file (tests/serving/test_rules_measure.py)
    measure = get_domain("deid").measure_words
    assert {key: sorted(set(value)) if isinstance(value, list) else value for key, value in measure.items()} \
        == saved["measure"] and "flowby" in saved["measure"]["before"]
    # and the region names (tests/serving/test_rules_regions.py)
    regions = saved["regions"]
    assert "ohio" in regions["names"]["STATE"] and regions["relabel"] == ["CITY", "LOCATION_OTHER"]
    # and the edge words of person names (tests/serving/test_rules_edges.py)
    assert "took" in saved["edges"] and set(saved["edges"]) <= set(saved["words"])
    # and the town gazetteer (tests/serving/test_rules_gazetteer.py)
    assert saved["gazetteer"]["label"] == "CITY" and "worcester" in saved["gazetteer"]["names"]
    loaded = PhiRules().from_disk(out / "medkiln_phi_rules")
    assert _run(loaded, "moved back to worcester last year", []) == [("worcester", "CITY")]

    # an older package without the list: benchmarks/refresh_rules.py writes a copy with it, the input untouched
    (out / "medkiln_phi_rules" / "not_names.json").unlink()
    script = Path(__file__).resolve().parents[2] / "benchmarks" / "refresh_rules.py"
    spec = importlib.util.spec_from_file_location("refresh_rules", script)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main([str(out), str(tmp_path / "fresh")]) == 0
    assert not (out / "medkiln_phi_rules" / "not_names.json").exists()
    fresh = json.loads((tmp_path / "fresh" / "medkiln_phi_rules" / "not_names.json").read_text(encoding="utf-8"))
    assert fresh == saved


def test_the_german_list_has_the_folders_clinical_words_and_no_german_name():
    from medkiln.domains.deid.de import vocab
    from medkiln.domains.deid.synth.lexicons import _faker_names

    table = get_domain("deid", lang="de").not_names()
    words = set(table["words"])
    names = {n.lower() for attr in ("first_names", "last_names") for n in _faker_names(attr, ("de_DE", "de_AT", "de_CH"))}
    anatomy = {w.lower() for w in vocab.ANATOMY if w.isalpha()}
    assert anatomy - names <= words and len(anatomy - names) > 20
    assert not words & names                       # a word that is also a German name (Leber) stays a possible name
    assert {"dr", "prof", "herr", "frau"} <= set(table["titles"])
    _same_as_rebuilt("de")


def test_the_spanish_list_has_clinical_words_and_no_spanish_name_even_with_accents():
    from medkiln.domains.deid.synth.lexicons import _ascii, _faker_names

    table = get_domain("deid", lang="es").not_names()
    words = set(table["words"])
    assert {"amoxicilina", "biopsia", "anemia"} <= words
    names = {n.lower() for attr in ("first_names", "last_names")
             for n in _faker_names(attr, ("es_ES", "es_MX", "es_AR", "es_CO", "es_CA"))}
    assert not {w for w in words if _ascii(w) in names}
    assert {"dr", "dra", "doña"} <= set(table["titles"])
    _same_as_rebuilt("es")
