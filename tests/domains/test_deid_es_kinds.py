"""The Spanish synthesizer writes PHI the way Spanish clinical reports do: an age is its number and unit ("de edad"
after it is not part of it), a profession is a short word after its cue, an address keeps its floor and door, and
services, microorganisms and laboratory makers (capitalised, never PHI) stay outside every span. Every span aligns
to the tokens of the Spanish student's tokenizer (`medkiln.clinical_tokenizer.v5`)."""

from __future__ import annotations

import random
import re

import pytest

from medkiln.domains.deid.es import genres as es_genres
from medkiln.domains.deid.es import grammar as es_g
from medkiln.domains.deid.es import lexicon as es_lx


@pytest.fixture(scope="module")
def es_notes(lang_notes):
    return lang_notes("es")


def _spans(records, label):
    return [(rec["text"], s, e) for rec in records for s, e, lab in rec["spans"] if lab == label]


def test_ages_are_number_and_unit_and_their_tails_stay_outside(es_notes):
    ages = _spans(es_notes, "AGE")
    assert len(ages) > 300
    assert not [text[s:e] for text, s, e in ages if re.search(r"\b(edad|vida)\b", text[s:e])]
    tails = [text[e:e + 8] for text, s, e in ages]
    assert sum(t == " de edad" for t in tails) > 30 and any(t.startswith(" de vida") for t in tails)


@pytest.mark.parametrize("family, n, expected", [
    ("words", 32, "treinta y dos años"), ("words_meses", 3, "tres meses"), ("dias", 12, "14 días"),
    ("anos", 45, "45 años"), ("meses", 30, "6 meses"),
])
def test_age_families_render_spanish_forms(family, n, expected):
    assert es_g.AGES.draw(random.Random(0), family, n=n)[1] == expected


def test_professions_are_short_lexicon_words_after_a_cue(es_notes):
    forms = {w for pair in es_lx.PROFESSIONS for w in pair}
    found = _spans(es_notes, "PROFESSION")
    assert len(found) > 15
    for text, s, e in found:
        value = text[s:e]
        assert value[:1].lower() + value[1:] in forms and len(value.split()) <= 4, value
        before, after = text[max(0, s - 25):s], text[e:e + 13]
        assert re.search(r"(como|profesión|previamente) $", before) or after == " de profesión", (before, after)


def test_professions_follow_the_patients_sex():
    for female in (True, False):
        cast = es_genres.Cast(random.Random(2), 2)
        cast.patient["female"] = female
        value = es_genres._profession(cast)[0][0]
        assert value in {pair[1 if female else 0] for pair in es_lx.PROFESSIONS}


def test_floors_and_doors_are_written_inside_the_street(es_notes):
    streets = [text[s:e] for text, s, e in _spans(es_notes, "STREET")]
    with_door = [v for v in streets if re.search(r"\d+ ?º? ?[A-H]$", v)]
    assert len(with_door) > 20
    rng = random.Random(4)
    floors = {es_genres._floor(rng) for _ in range(300)}
    assert "" in floors and any(re.fullmatch(r", \d+º [A-H]", f) for f in floors)
    assert any(re.fullmatch(r", \d+º (izq\.|izda\.|dcha\.|dcho\.|izquierda|derecha|centro)", f) for f in floors)


@pytest.mark.parametrize("words", ["ORGANISMS", "SERVICES", "LAB_BRANDS", "HEALTH_SERVICES"])
def test_capitalised_clinical_words_appear_outside_spans(es_notes, words):
    """Services, microorganisms and makers are written in notes, outside every span (health services only as an
    ORGANIZATION span: they are institutions)."""
    outside = inside = 0
    for rec in es_notes:
        covered = [(s, e, lab) for s, e, lab in rec["spans"]]
        for word in getattr(es_lx, words):
            for m in re.finditer(re.escape(word), rec["text"]):
                hit = [lab for s, e, lab in covered if s <= m.start() < e]
                outside += not hit
                inside += bool(hit) and hit[0] != "ORGANIZATION"
    if words == "HEALTH_SERVICES":
        assert inside == 0
    else:
        assert outside > 20


def test_every_span_aligns_to_the_spanish_students_tokens(es_notes):
    import spacy
    from spacy import registry

    from medkiln.core.records import records_to_docbin
    from medkiln.factory.train.tokenizer import register

    register()
    blank = registry.resolve({"cb": {"@callbacks": "medkiln.clinical_tokenizer.v5"}})["cb"](spacy.blank("es"))
    _, stats = records_to_docbin(es_notes, blank)
    assert stats["misaligned"] == 0 and stats["contracted"] <= stats["spans"] // 200, stats


@pytest.mark.parametrize("text, found", [
    ("Correo electrónico: ana.ruiz@salud.es.", [("ana.ruiz@salud.es", "EMAIL")]),
    ("(España) jl_perez@correo.com.ar\n", [("jl_perez@correo.com.ar", "EMAIL")]),
    ("Web: https://www.hospital-ejemplo.es/citas", [("https://www.hospital-ejemplo.es/citas", "URL")]),
    # negative: clinical text with "@"-less dots, lab values and versions
    ("Ki-67 del 20%, PCR 3,5 mg/dl y Hb 12.4 g/dl.", []),
    ("Se usó el programa SPSS 22.0.1 para el análisis.", []),
])
def test_spanish_rules_find_e_mails_and_urls_only(text, found):
    from medkiln.domains import get_domain
    from medkiln.serving.medkiln_rules import PhiRules

    rules = PhiRules()
    rules.add_patterns(get_domain("deid", lang="es").patterns)
    assert [(text[s:e], label) for s, e, label, _ in rules.find(text)] == found


def test_narrative_names_the_patient_by_age():
    seen = {}
    for seed in range(60):
        cast = es_genres.Cast(random.Random(seed), seed)
        word = es_genres.SLOTS["person"](cast)
        seen.setdefault(cast.stage, set()).add(word)
        assert word in es_lx.PERSON_WORDS[cast.stage][0 if cast.patient["female"] else 1]
        assert (cast.stage == "adult") == (cast.age >= 18)
    assert {"adult", "child"} <= set(seen)


def test_title_case_keeps_particles_low():
    assert es_genres._title_case("carcinoma de células claras") == "Carcinoma de Células Claras"
    assert es_genres._title_case("enfermedad de la motoneurona y del nervio") == \
        "Enfermedad de la Motoneurona y del Nervio"


def test_street_families_use_spanish_street_types_and_regnal_names():
    rng = random.Random(5)
    kw = {"faker": "Calle Mayor", "name": "Ulzamar", "num": "12", "city": "Valdelobos", "floor": ", 3º B"}
    typed = [es_g.STREETS.draw(rng, "typed", **kw)[1] for _ in range(200)]
    assert {v.split()[0] for v in typed} <= set(es_lx.STREET_TYPES)
    assert all(v.endswith("12, 3º B") for v in typed)
    assert any(" nº 12" in v for v in typed) and any(v.startswith(("Carrer ", "Rúa ", "Kalea ")) for v in typed)
    regnal = [es_g.STREETS.draw(rng, "regnal", **kw)[1] for _ in range(100)]
    assert all(any(k in v for k in es_lx.REGNAL) for v in regnal)
    assert any(re.search(r"\b[IVX]+\b", v) for v in regnal)


def test_hospitals_named_after_people_and_postal_codes_with_e(es_notes):
    hospitals = [text[s:e] for text, s, e in _spans(es_notes, "HOSPITAL")]
    assert any(h.startswith(("Hospital Doctor ", "Hospital Dr. ", "Hospital Universitario Doctor ")) for h in hospitals)
    zips = [text[s:e] for text, s, e in _spans(es_notes, "ZIP")]
    assert all(re.fullmatch(r"(E-)?\d{5}", z) for z in zips), [z for z in zips if not re.fullmatch(r"(E-)?\d{5}", z)]
    assert any(z.startswith("E-") for z in zips) and sum(not z.startswith("E-") for z in zips) > len(zips) // 2


def test_words_after_an_age_vary(es_notes):
    after = {text[e:e + 12] for text, s, e in _spans(es_notes, "AGE")}
    assert any(a.startswith(" con antec") for a in after) and any(a.startswith(" que ") for a in after)
    assert any(a.startswith(", sin antec") for a in after)
    before = {text[max(0, s - 13):s].lower() for text, s, e in _spans(es_notes, "AGE")}
    assert any(b.endswith("desde los ") for b in before) and any(b.endswith("a la edad de ") for b in before)
