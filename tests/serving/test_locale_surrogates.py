"""Surrogates in the record's locale (medkiln.surrogate.v2): names, streets and places from the language's own
lists, dates in its calendar, identifiers with valid check digits in the same layout; deterministic per key; the
language reaches the operator from --lang / the package that read the record (batch, HTTP)."""

from __future__ import annotations

import datetime as dt
import json
import random
import re

import pytest

from medkiln.domains.deid.validators import GENERATORS, VALIDATORS, format_iban
from medkiln.serving.operators import Policy, anonymize, get_operator
from medkiln.serving.operators.local_dates import Calendar, parse_local
from medkiln.serving.operators.locales import ENGLISH, locale_data

KEY, OTHER_KEY = b"k" * 32, b"o" * 32


def _sur(value: str, label: str, lang: str, key: bytes = KEY, group: str = "g") -> str:
    return get_operator("surrogate")(value, label, group=group, key=key, locale=lang)


def _words(values) -> set[str]:
    return {w for v in values for w in re.findall(r"[^\W\d_]+", v)}


# ------------------------------------------------------------------ names, places, institutions
@pytest.mark.parametrize("lang,value,female", [
    ("es", "María García López", True), ("es", "Javier Fernández", False),
    ("de", "Anna Schmidt", True), ("de", "Hans Müller", False),
])
def test_names_come_from_the_language_and_keep_sex(lang, value, female):
    loc = locale_data(lang)
    out = _sur(value, "PATIENT", lang)
    same_sex = loc.given_female if female else loc.given_male
    given = max((g for g in same_sex if out.startswith(g + " ")), key=len)  # of the same sex ('Juan Bautista')
    assert set(out[len(given):].split()) <= _words(loc.surnames)     # then the language's surnames
    assert not set(value.split()) & set(out.split())                 # no token of the input survives
    assert _sur(value, "PATIENT", lang) == out                       # same value + key: same surrogate
    assert _sur(value, "PATIENT", lang, key=OTHER_KEY) != out        # other key: other surrogate
    assert out.endswith(" " + _sur(value.split()[-1], "PATIENT", lang))  # token-level: the surname stays linked


def test_titles_and_particles_stay_names_change():
    out = _sur("Dra. Ana de la Fuente", "DOCTOR", "es")
    assert out.startswith("Dra. ") and " de la " in out and "Ana" not in out and "Fuente" not in out
    out = _sur("Frau Anna von Stein", "PATIENT", "de")
    assert out.startswith("Frau ") and " von " in out and "Anna" not in out and "Stein" not in out


@pytest.mark.parametrize("lang,label,value,field", [
    ("es", "CITY", "Salamanca", "cities"), ("de", "CITY", "Würzburg", "cities"),
    ("es", "HOSPITAL", "Hospital Clínico de Valladolid", "hospitals"),
    ("de", "HOSPITAL", "Klinikum Passau", "hospitals"),
    ("es", "COUNTRY", "Portugal", "countries"), ("de", "STATE", "Sachsen", "states"),
    ("es", "ORGANIZATION", "Ayuntamiento de Lugo", "organizations"),
])
def test_places_and_institutions_come_from_the_language(lang, label, value, field):
    out = _sur(value, label, lang)
    assert out in getattr(locale_data(lang), field) and out != value


@pytest.mark.parametrize("lang,value,number_pattern", [
    ("es", "C/ Mayor, 12, 3º B", r", \d{2}, \dº [A-Z]$"),
    ("es", "Calle de Alcalá 45", r" \d{2}$"),
    ("de", "Hauptstraße 12a", r" [1-9]\d[a-z]$"),
])
def test_streets_take_a_local_name_and_new_numbers(lang, value, number_pattern):
    out = _sur(value, "STREET", lang)
    streets = locale_data(lang).streets
    assert any(out.startswith(s) for s in streets), "the street name is one of the language's"
    assert re.search(number_pattern, out)
    assert "Mayor" not in out and "Alcalá" not in out and "Hauptstraße" not in out


@pytest.mark.parametrize("lang,value,kept", [
    ("es", "+34 612 345 678", "+34 6"), ("es", "(+34) 912345678", "(+34) 9"), ("es", "0034 912 345 678", "0034 9"),
    ("es", "612345678", "6"), ("de", "+49 (0)351 4567-12", "+49 (0)3"), ("de", "0171/1234567", "01"),
    ("de", "Tel.: 0351 12345", "Tel.: 03"),
])
def test_phones_keep_country_prefix_trunk_and_kind(lang, value, kept):
    out = _sur(value, "PHONE", lang)
    assert out.startswith(kept) and _layout(out) == _layout(value) and out != value
    assert _sur(value, "PHONE", lang) == out


@pytest.mark.parametrize("lang,value,tail", [("de", "kambs95@web.de", "@web.de"), ("es", "m.garcia@hotmail.es",
                                                                                     "@hotmail.es")])
def test_emails_keep_a_public_provider_and_the_country_domain(lang, value, tail):
    out = _sur(value, "EMAIL", lang)
    assert out.endswith(tail) and _layout(out) == _layout(value) and out.split("@")[0] != value.split("@")[0]
    hospital = _sur("info@klinikum-passau.de", "EMAIL", "de")
    assert hospital.endswith(".de") and "passau" not in hospital and "klinikum" not in hospital


# ------------------------------------------------------------------ identifiers with check digits
def _layout(text: str) -> str:
    return re.sub(r"[A-Za-z]", "a", re.sub(r"\d", "9", text))


@pytest.mark.parametrize("kind", sorted(VALIDATORS))
@pytest.mark.parametrize("lang", ["es", "de", "en"])
def test_identifiers_keep_a_valid_checksum_in_the_same_layout(kind, lang):
    rng = random.Random(kind)
    original = GENERATORS[kind](rng, "ES") if kind == "iban" else GENERATORS[kind](rng)
    out = _sur(original, "IDNUM", lang)
    assert VALIDATORS[kind](out) and out != original
    assert _layout(out) == _layout(original) or kind == "it_cf"  # the codice fiscale mixes digits and letters


@pytest.mark.parametrize("lang,value,kind", [
    ("de", format_iban(GENERATORS["iban"](random.Random(1), "DE")), "iban"),
    ("es", "DNI 12345678-Z", "es_dni"),
    ("de", "KVNR: " + GENERATORS["de_kvnr"](random.Random(2)), "de_kvnr"),
])
def test_identifiers_written_with_spaces_and_keywords(lang, value, kind):
    out = _sur(value, "IDNUM", lang)
    assert _layout(out) == _layout(value)
    number = out.split(" ", 1)[1] if kind != "iban" else out
    assert VALIDATORS[kind](number) and out != value
    assert out.split(" ")[0] == value.split(" ")[0] or kind == "iban"  # 'DNI', 'KVNR:' kept


def test_identifier_without_checksum_keeps_its_shape():
    v1 = get_operator("medkiln.surrogate.v1")("MRN 4456123", "MEDICALRECORD", group="g", key=KEY)
    assert _sur("MRN 4456123", "MEDICALRECORD", "en") == v1                   # English: as v1
    out = _sur("NHC 4456123", "MEDICALRECORD", "es")
    assert re.fullmatch(r"NHC \d{7}", out) and out != "NHC 4456123"         # the language's own keyword kept


# ------------------------------------------------------------------ dates in the local format
ES_MONTHS = "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre"
DE_MONTHS = "Januar|Februar|März|April|Mai|Juni|Juli|August|September|Oktober|November|Dezember"


@pytest.mark.parametrize("lang,value,pattern", [
    ("es", "3 de marzo de 2021", rf"\d{{1,2}} de ({ES_MONTHS}) de \d{{4}}"),
    ("es", "marzo de 2021", rf"({ES_MONTHS}) de \d{{4}}"),
    ("es", "03/04/2021", r"\d{2}/\d{2}/\d{4}"),
    ("es", "12-mar-2020", r"\d{2}-(ene|feb|mar|abr|may|jun|jul|ago|sep|oct|nov|dic)-\d{4}"),
    ("es", "14 DE MARZO DE 2019", rf"\d{{1,2}} DE ({ES_MONTHS.upper()}) DE \d{{4}}"),
    ("de", "3. März 2021", rf"\d{{1,2}}\. ({DE_MONTHS}) \d{{4}}"),
    ("de", "03.03.2021", r"\d{2}\.\d{2}\.\d{4}"),
    ("de", "3.3.21", r"\d{1,2}\.\d{1,2}\.\d{2}"),
    ("de", "Jan. 2020", r"(Jan|Feb|Mär|Apr|Mai|Jun|Jul|Aug|Sep|Okt|Nov|Dez)\. \d{4}"),
])
def test_dates_stay_in_the_local_format(lang, value, pattern):
    calendar = locale_data(lang).calendar
    out = _sur(value, "DATE", lang)
    assert re.fullmatch(pattern, out), "same local format"
    before, after = parse_local(value, calendar).date, parse_local(out, calendar).date
    assert before != after and abs((after - before).days) <= 366
    assert _sur(value, "DATE", lang) == out


def test_numeric_dates_are_day_first_outside_english():
    calendar = locale_data("es").calendar
    assert parse_local("03/04/2021", calendar).date == dt.date(2021, 4, 3)
    assert parse_local("25/12/2020", calendar).date == dt.date(2020, 12, 25)
    for value in ("25/12/2020", "03/04/2021", "31/01/2019"):  # every surrogate still reads as a real dd/mm/yyyy
        out = _sur(value, "DATE", "es")
        dt.datetime.strptime(out, "%d/%m/%Y")


def test_weekday_follows_the_new_date():
    out = _sur("Dienstag, 2. März 2021", "DATE", "de")
    weekday, rest = out.split(", ")
    new = parse_local(rest, locale_data("de").calendar).date
    assert weekday == locale_data("de").calendar.weekdays[new.weekday()]


def test_arabic_indic_digits_stay_in_their_script():
    calendar = Calendar(months=tuple(f"m{i}" for i in range(1, 13)), order="dmy")
    value = "٠٣/٠٤/٢٠٢١"
    parsed = parse_local(value, calendar)
    assert parsed.date == dt.date(2021, 4, 3)
    from medkiln.serving.operators.local_dates import rebuild_local
    out = rebuild_local(value, parsed, dt.date(2020, 11, 25), calendar)
    assert out == "٢٥/١١/٢٠٢٠"


def test_date_shift_keeps_intervals_in_the_local_format():
    text = "Ingreso el 3 de marzo de 2021, alta el 10/03/2021."
    spans = [(11, 29, "DATE"), (39, 49, "DATE")]
    out = anonymize(text, spans, Policy(get_operator("redact"), KEY, date_shift=True), group="p", lang="es").text
    found = re.fullmatch(rf"Ingreso el (\d+ de (?:{ES_MONTHS}) de \d{{4}}), alta el (\d\d/\d\d/\d{{4}})\.", out)
    assert found, "both dates shifted in their own format"
    calendar = locale_data("es").calendar
    first, second = (parse_local(found.group(i), calendar).date for i in (1, 2))
    assert (second - first).days == 7 and first != dt.date(2021, 3, 3)


# ------------------------------------------------------------------ versions, fallback, the whole note
def test_v1_stays_english_and_unknown_languages_fall_back_to_english():
    v1 = get_operator("medkiln.surrogate.v1")
    out = v1("Hans Müller", "PATIENT", group="g", key=KEY, locale="de")
    assert set(out.split()) <= _words(ENGLISH.given + ENGLISH.surnames)
    assert locale_data("xx") is ENGLISH and locale_data("../etc") is ENGLISH
    assert _sur("Hans Müller", "PATIENT", "xx") == _sur("Hans Müller", "PATIENT", "en")


GERMAN_NOTE = ("Frau Anna Schmidt, geb. 3. März 1951, wohnhaft Hauptstraße 12a, Würzburg, wurde am 03.03.2021 im "
               "Klinikum Passau aufgenommen. KVNR A123456780.")
GERMAN_PHI = [("Anna Schmidt", "PATIENT"), ("3. März 1951", "DATE"), ("Hauptstraße 12a", "STREET"),
              ("Würzburg", "CITY"), ("03.03.2021", "DATE"), ("Klinikum Passau", "HOSPITAL"),
              ("A123456780", "HEALTHPLAN")]


def _spans(text, phi):
    return [(text.index(v), text.index(v) + len(v), label) for v, label in phi]


def test_a_whole_note_keeps_no_input_phi():
    out = anonymize(GERMAN_NOTE, _spans(GERMAN_NOTE, GERMAN_PHI), Policy(get_operator("surrogate"), KEY),
                    group="p", lang="de").text
    for value, _ in GERMAN_PHI:
        assert value not in out
    words = set(re.findall(r"\w+", out))
    assert not words & {"Anna", "Schmidt", "Würzburg", "Passau", "Hauptstraße", "12a", "A123456780"}
    assert out.startswith("Frau ") and "aufgenommen. KVNR " in out
    assert VALIDATORS["de_kvnr"](out.rsplit(" ", 1)[1].rstrip("."))


# ------------------------------------------------------------------ the language reaches the operator
SPANISH = "La paciente María García ingresó el 3 de marzo de 2021."
GERMAN = "Die Patientin Anna Schmidt wurde am 3. März 2021 aufgenommen."


def _ruler(lang: str):
    import spacy

    nlp = spacy.blank(lang)
    nlp.add_pipe("entity_ruler").add_patterns([
        {"label": "PATIENT", "pattern": "María García"}, {"label": "PATIENT", "pattern": "Anna Schmidt"},
        {"label": "DATE", "pattern": [{"TEXT": "3"}, {"TEXT": "de"}, {"TEXT": "marzo"}, {"TEXT": "de"},
                                      {"TEXT": "2021"}]},
        {"label": "DATE", "pattern": [{"TEXT": "3."}, {"TEXT": "März"}, {"TEXT": "2021"}]},
        {"label": "DATE", "pattern": [{"TEXT": "3"}, {"TEXT": "."}, {"TEXT": "März"}, {"TEXT": "2021"}]}])
    return nlp


def _check_spanish(out: str) -> None:
    assert not {"María", "García"} & set(out.split()) and "3 de marzo de 2021" not in out
    name = re.search(r"La paciente (\S+) (.+?) ingresó", out)
    assert name and name.group(1) in locale_data("es").given_female and name.group(2) in locale_data("es").surnames
    assert re.search(rf"el \d{{1,2}} de ({ES_MONTHS}) de \d{{4}}\.", out)


def _check_german(out: str) -> None:
    assert not {"Anna", "Schmidt"} & set(out.split()) and "3. März 2021" not in out
    name = re.search(r"Die Patientin (\S+) (.+?) wurde", out)
    assert name and name.group(1) in locale_data("de").given_female and name.group(2) in locale_data("de").surnames
    assert re.search(rf"am \d{{1,2}}\. ({DE_MONTHS}) \d{{4}} aufgenommen", out)


def test_batch_lang_option_and_auto_routing_reach_the_operator(tmp_path):
    from medkiln.serving.deid import deidentify
    from medkiln.serving.languages import LanguageRouter

    src = tmp_path / "in.jsonl"
    src.write_text(json.dumps({"id": "es", "text": SPANISH}) + "\n" + json.dumps({"id": "de", "text": GERMAN}) + "\n",
                   encoding="utf-8")
    # --lang auto: each record in the language of the package that read it
    router = LanguageRouter(("es", "de"), _ruler)
    deidentify(src, tmp_path / "auto.jsonl", nlp=router, operator="surrogate", seed=3, run_propagation=False)
    rows = {r["id"]: r["text"] for r in map(json.loads, (tmp_path / "auto.jsonl").read_text().splitlines())}
    _check_spanish(rows["es"])
    _check_german(rows["de"])
    # --lang es: the policy's language (here read by an English pipeline) decides
    only = tmp_path / "es.jsonl"
    only.write_text(json.dumps({"id": "es", "text": SPANISH}) + "\n", encoding="utf-8")
    deidentify(only, tmp_path / "es_out.jsonl", nlp=_ruler("en"), operator="surrogate", seed=3, lang="es",
               run_propagation=True)
    _check_spanish(json.loads((tmp_path / "es_out.jsonl").read_text())["text"])


def test_http_lang_reaches_the_operator():
    pytest.importorskip("fastapi")
    from starlette.testclient import TestClient

    from medkiln.serving.http import Settings, create_app

    with TestClient(create_app({"es-fake": _ruler("es"), "de-fake": _ruler("de")}, Settings(seed=7))) as client:
        for lang, text, check in (("es", SPANISH, _check_spanish), ("de", GERMAN, _check_german),
                                  ("auto", GERMAN, _check_german)):
            body = client.post("/v1/deid", json={"text": text, "lang": lang, "operator": "surrogate"}).json()
            check(body["text"])
            assert body["model"] == ("es-fake" if lang == "es" else "de-fake")


@pytest.mark.slow
def test_spark_writes_each_row_in_the_language_that_read_it(spark, tmp_path):
    """A German package read by Spark: the rows' surrogates are German and match `medkiln deid` row for row."""
    pytest.importorskip("pyspark")
    from needs import need_java

    need_java()
    from medkiln.serving.deid import deidentify
    from medkiln.serving.spark import SparkDeidOptions, deidentify_files

    model = tmp_path / "de_model"
    _ruler("de").to_disk(model)
    src = tmp_path / "in.jsonl"
    src.write_text("".join(json.dumps({"id": i, "text": GERMAN}) + "\n" for i in range(3)), encoding="utf-8")
    common = dict(id_field="id", operator="surrogate", seed=5)
    deidentify(src, tmp_path / "batch.jsonl", model=model, **common)
    deidentify_files(src, tmp_path / "spark_out", model=str(model), options=SparkDeidOptions(**common), spark=spark)
    want = {r["id"]: r["text"] for r in map(json.loads, (tmp_path / "batch.jsonl").read_text().splitlines())}
    got = {}
    for part in sorted((tmp_path / "spark_out").glob("part-*.json")):
        got.update({r["id"]: r["text"] for r in map(json.loads, part.read_text().splitlines())})
    assert got == want
    for text in got.values():
        _check_german(text)


def test_the_one_policy_builder_carries_the_language():
    from medkiln.serving.deid import DeidJob, DeidOptions, build_policy
    from medkiln.serving.spark import SparkDeidOptions

    assert build_policy(DeidOptions(operator="surrogate", seed=1, lang="es")).lang == "es"
    assert build_policy(SparkDeidOptions(operator="surrogate", seed=1, lang="de")).lang == "de"
    assert build_policy(DeidOptions(operator="surrogate", seed=1, lang="auto")).lang is None  # each record's own
    job = DeidJob(build_policy(DeidOptions(operator="surrogate", seed=1, lang="es")))
    assert job.fingerprint()["lang"] == "es"  # a run resumed under another language is another run
