"""Spanish and German note synthesizers (domains/deid/es, domains/deid/de), and what every language folder's
synthesizer must do (es, de, fr, it, ro, tr, ar): every declared format family is produced, families render what the language's conventions say, gold spans are exact, identifiers validate,
clinical look-alikes stay outside spans, and `get_domain(..., lang=)` resolves the language folders."""

from __future__ import annotations

import importlib
import random
import re
from collections import Counter
from datetime import date

import pytest

from medkiln.core.errors import MedkilnError
from medkiln.domains import get_domain, languages
from medkiln.domains.deid import validators as v
from medkiln.domains.deid.de import grammar as de_g
from medkiln.domains.deid.es import grammar as es_g

GRAMMARS = {"es": es_g, "de": de_g}
N_NOTES = 300  # conftest.N_LANG_NOTES
# Every language folder of the deid domain: a new folder is checked by the generic tests below without a line here.
DEID_LANGUAGES = sorted(set(languages("deid")) - {"en"})


@pytest.fixture(scope="module", params=["es", "de"])
def notes(request, lang_notes):
    return request.param, lang_notes(request.param)


def test_language_folders_resolve_and_unknown_language_is_coded():
    assert get_domain("deid", lang="es").registry_name == "medkiln.deid.es.v1"
    assert get_domain("medkiln.deid.de.v1").lang == "de"
    assert get_domain("deid").registry_name == "medkiln.deid.v1" and get_domain("deid", lang="en").lang == "en"
    assert {"en", "es", "de"} <= set(languages("deid"))
    with pytest.raises(MedkilnError) as err:
        get_domain("deid", lang="xx")
    assert err.value.code == "E502" and "es" in err.value.message


@pytest.mark.parametrize("lang", DEID_LANGUAGES)
def test_every_declared_family_is_produced_in_notes(lang, lang_notes):
    records = lang_notes(lang)
    seen = Counter()
    for rec in records:
        for key, count in rec["meta"]["families"].items():
            seen[key.split(":", 1)[1]] += count
    g = importlib.import_module(f"medkiln.domains.deid.{lang}.grammar")
    for grammar in (g.DATES, g.PHONES, g.NAMES, g.AGES):
        missing = [family for family in grammar.families if not seen[family]]
        assert not missing, f"{lang} {grammar.kind}: never produced {missing}"
    for key in g.IDS:
        assert seen[key], f"{lang}: identifier {key} never produced"


@pytest.mark.parametrize("lang", DEID_LANGUAGES)
def test_spans_are_exact_deterministic_and_cover_genres(lang, lang_notes):
    records = lang_notes(lang)
    genres = Counter(rec["meta"]["note_type"] for rec in records)
    assert len(genres) == 2 and min(genres.values()) > N_NOTES // 4
    for rec in records:
        for start, end, label in rec["spans"]:
            value = rec["text"][start:end]
            assert value and value == value.strip(), (rec["id"], start, end, label)
        starts = sorted(rec["spans"])
        assert all(a[1] <= b[0] for a, b in zip(starts, starts[1:])), rec["id"]  # no overlaps
    again = list(get_domain("deid", lang=lang).synthesize(3, 5))
    assert again == records[:3]


def test_identifiers_in_notes_validate(notes):
    lang, records = notes
    checks = {"es": {"IDNUM": (v.valid_es_dni, v.valid_es_nie), "ACCOUNT": (v.valid_iban,)},
              "de": {"HEALTHPLAN": (v.valid_de_kvnr,), "ACCOUNT": (v.valid_iban,)}}[lang]
    counted = Counter()
    for rec in records:
        for start, end, label in rec["spans"]:
            value = rec["text"][start:end]
            if label in checks and (label != "IDNUM" or re.search(r"[A-Z]$", value)):
                assert any(check(value) for check in checks[label]), (lang, label, rec["id"])
                counted[label] += 1
    assert all(counted[label] > 0 for label in checks), counted


@pytest.mark.parametrize("lang", DEID_LANGUAGES)
def test_clinical_look_alikes_stay_outside_spans(lang, lang_notes):
    """Eponyms and brand names, which look like names, are written outside every span."""
    records = lang_notes(lang)
    lx = importlib.import_module(f"medkiln.domains.deid.{lang}.lexicon")
    words = set(lx.EPONYMS) | set(lx.BRANDS)
    outside = 0
    for rec in records:
        covered = [(s, e) for s, e, _ in rec["spans"]]
        for word in words:
            for m in re.finditer(re.escape(word), rec["text"]):
                if not any(s <= m.start() < e for s, e in covered):
                    outside += 1
    assert outside > N_NOTES


@pytest.mark.parametrize("lang, family, expected", [
    ("es", "long", "7 de marzo de 2020"), ("es", "dmy_slash", "07/03/2020"), ("es", "month_year", "marzo de 2020"),
    ("es", "abbr_dash", "07-mar-2020"), ("es", "dmy_slash_short", "07/03/20"),
    ("es", "month_dash_y2", "marzo-20"), ("es", "mon_dash_y2", "mar-20"), ("es", "month_space_year", "marzo 2020"),
    ("es", "anio", "año 2020"),
    ("de", "dmy_dot", "07.03.2020"), ("de", "long", "7. März 2020"), ("de", "dm_dot", "07.03."),
    ("de", "dmy_dot_unpadded", "7.3.2020"), ("de", "month_year", "März 2020"),
])
def test_date_families_follow_local_conventions(lang, family, expected):
    grammar = GRAMMARS[lang].DATES
    rendered = {grammar.draw(random.Random(i), family, when=date(2020, 3, 7))[1] for i in range(40)}
    assert expected in rendered or expected.lower() in {r.lower() for r in rendered}, rendered


def test_phone_families_follow_national_numbering_plans():
    rng = random.Random(1)
    for family in es_g.PHONES.families:
        for _ in range(30):
            value = es_g.PHONES.draw(rng, family)[1]
            if family in ("extension", "pager"):
                continue
            digits = re.sub(r"\D", "", value)
            national = digits[-9:]
            assert len(digits) in (9, 11, 13) and national[0] in "6789", (family, value)
    for family in de_g.PHONES.families:
        for _ in range(30):
            value = de_g.PHONES.draw(rng, family)[1]
            if family == "internal":
                continue
            assert value.startswith(("0", "(0", "+49")), (family, value)
            digits = re.sub(r"\D", "", value.replace("(0)", "")).removeprefix("49")
            low, high = (7, 14) if family == "extension" else (9, 12)  # a switchboard base plus its extension
            assert low <= len(digits) <= high, (family, value)


def test_name_families_render_people():
    rng = random.Random(3)
    es_p = {"first": "Ana", "last1": "Ruiz", "last2": "Soto", "female": True}
    assert es_g.NAMES.draw(rng, "full", p=es_p)[1] == "Ana Ruiz Soto"
    assert es_g.NAMES.draw(rng, "initials", p=es_p)[1] == "A. R. S."
    de_p = {"first": "Jana", "last": "von Brack", "female": True}
    assert de_g.NAMES.draw(rng, "last_comma_first", p=de_p)[1] == "von Brack, Jana"
    assert de_g.NAMES.draw(rng, "initial_last", p=de_p)[1] == "J. von Brack"
    assert de_g.split_age("im Alter von 54 Jahren", 54) == ("im Alter von ", "54", " Jahren")
