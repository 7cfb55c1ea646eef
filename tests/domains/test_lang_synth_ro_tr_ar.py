"""Romanian, Turkish and Arabic note synthesizers (domains/deid/ro, tr, ar): every declared format family is
produced, families render what the language's conventions say, gold spans are exact and fall on the student's token
boundaries (right-to-left text and Arabic-Indic digits included), identifiers validate, clinical look-alikes stay
outside spans."""

from __future__ import annotations

import random
import re
from collections import Counter
from datetime import date

import pytest

from medkiln.domains import get_domain, languages
from medkiln.domains.deid import validators as v
from medkiln.domains.deid.ar import genres as ar_genres, grammar as ar_g
from medkiln.domains.deid.ro import grammar as ro_g
from medkiln.domains.deid.tr import grammar as tr_g

GRAMMARS = {"ro": ro_g, "tr": tr_g, "ar": ar_g}
N_NOTES = 300  # conftest.N_LANG_NOTES
INDIC = re.compile("[٠-٩]")


@pytest.fixture(scope="module", params=["ro", "tr", "ar"])
def notes(request, lang_notes):
    return request.param, lang_notes(request.param)


def test_language_folders_resolve():
    for lang in ("ro", "tr", "ar"):
        spec = get_domain("deid", lang=lang)
        assert spec.registry_name == f"medkiln.deid.{lang}.v1" and spec.lang == lang and spec.language_folder
    assert {"ro", "tr", "ar"} <= set(languages("deid"))


def test_spans_fall_on_the_students_token_boundaries(notes):
    """Gold spans must survive the training tokenizer (spaCy's for the language + the config's clinical callback):
    a span cut inside a token is dropped from training ("2021'de", "٢٠٢١." were, before tokenizer v3)."""
    import spacy
    from spacy import registry

    from medkiln.factory.train.tokenizer import register

    lang, records = notes
    register()
    callback = "medkiln.clinical_tokenizer.v2" if lang == "ro" else "medkiln.clinical_tokenizer.v3"
    cfg_text = (get_domain("deid", lang=lang).folder / "train_cnn.cfg").read_text(encoding="utf-8")
    assert f'"@callbacks":"{callback}"' in cfg_text
    nlp = registry.resolve({"cb": {"@callbacks": callback}})["cb"](spacy.blank(lang))
    misaligned = [(rec["id"], s, e) for rec in records[:120] for doc in [nlp(rec["text"])]
                  for s, e, _ in rec["spans"] if doc.char_span(s, e) is None]
    assert not misaligned, misaligned[:5]


def _id_checks(lang: str, label: str, value: str):
    """The validators a span of `label` must pass in `lang` (None: not a checksummed identifier)."""
    digits = re.sub(r"\D", "", value.translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")))
    if label == "ACCOUNT":
        return (v.valid_iban,)
    if lang == "ro" and label == "IDNUM" and len(digits) == 13:
        return (v.valid_ro_cnp,)
    if lang == "tr" and label == "IDNUM" and len(digits) == 11:
        return (v.valid_tr_tckn,)
    if lang == "ar" and label == "IDNUM":
        return (v.valid_sa_nid, v.valid_ae_eid, v.valid_eg_nid)
    return None


def test_identifiers_in_notes_validate(notes):
    lang, records = notes
    counted = Counter()
    for rec in records:
        for start, end, label in rec["spans"]:
            value = rec["text"][start:end]
            checks = _id_checks(lang, label, value)
            if checks:
                assert any(check(value) for check in checks), (lang, label, rec["id"])
                counted[label] += 1
    assert counted["ACCOUNT"] > 0 and counted["IDNUM"] > N_NOTES // 4, counted


@pytest.mark.parametrize("lang, family, expected", [
    ("ro", "dmy_dot", "07.03.2020"), ("ro", "long", "7 martie 2020"), ("ro", "abbr", "7 mart. 2020"),
    ("ro", "month_year", "martie 2020"), ("ro", "dmy_dot_short", "07.03.20"),
    ("tr", "dmy_dot", "07.03.2020"), ("tr", "long", "7 Mart 2020"), ("tr", "long_upper", "7 MART 2020"),
    ("tr", "dmy_slash", "07/03/2020"), ("tr", "month_year", "Mart 2020"),
    ("ar", "dmy_slash", "07/03/2020"), ("ar", "ymd_slash", "2020/03/07"), ("ar", "long", "7 مارس 2020"),
    ("ar", "long_m", "7 مارس 2020م"), ("ar", "levant", "7 آذار 2020"), ("ar", "levant_both", "7 آذار (مارس) 2020"),
    # 7 March 2020 was 12 Rajab 1441 (the tabular Islamic calendar)
    ("ar", "hijri", "12/07/1441هـ"),
])
def test_date_families_follow_local_conventions(lang, family, expected):
    grammar = GRAMMARS[lang].DATES
    rendered = {grammar.draw(random.Random(i), family, when=date(2020, 3, 7))[1] for i in range(60)}
    assert expected in rendered or expected.lower() in {r.lower() for r in rendered}, rendered


def test_phone_families_follow_national_numbering_plans():
    rng = random.Random(1)
    for family in ro_g.PHONES.families:
        for _ in range(30):
            value = ro_g.PHONES.draw(rng, family)[1].split(" int")[0].split(", int")[0]
            national = re.sub(r"\D", "", value).removeprefix("0040").removeprefix("40").removeprefix("0")
            assert len(national) == 9 and national[0] in "237", (family, value)
    for family in tr_g.PHONES.families:
        for _ in range(30):
            value = tr_g.PHONES.draw(rng, family)[1]
            if family in ("dahili", "call_centre"):
                continue
            national = re.sub(r"\D", "", value).removeprefix("90").removeprefix("0")
            assert len(national) == 10 and national[0] in "2345", (family, value)
    plans = {"sa": ("966", 9, "15"), "ae": ("971", (8, 9), "2345679"), "eg": ("20", (8, 9, 10), "1234")}
    for country, (code, lengths, firsts) in plans.items():
        for family in ar_g.PHONES.families:
            if family in ("ext", "unified"):
                continue
            for _ in range(20):
                value = ar_g.PHONES.draw(rng, family, country=country)[1]
                national = re.sub(r"\D", "", value).removeprefix("00" + code).removeprefix(code).removeprefix("0")
                assert len(national) in (lengths if isinstance(lengths, tuple) else (lengths,)), (country, value)
                assert national[0] in firsts, (country, family, value)


def test_name_families_render_people():
    rng = random.Random(3)
    ro_p = {"first": "Ana-Maria", "last": "Popescu", "female": True}
    assert ro_g.NAMES.draw(rng, "upper_last_first", p=ro_p)[1] == "POPESCU Ana-Maria"
    assert ro_g.NAMES.draw(rng, "initial_last", p=ro_p)[1] == "A.-M. Popescu"
    tr_p = {"first": "Fikri", "last": "Işık", "female": False}
    assert tr_g.NAMES.draw(rng, "upper_full", p=tr_p)[1] == "FİKRİ IŞIK"
    assert tr_g.NAMES.draw(rng, "first_upper_last", p=tr_p)[1] == "Fikri IŞIK"
    ar_p = {"first": "نورة", "father": "محمد", "grandfather": "علي", "last": "العتيبي", "female": True}
    assert ar_g.NAMES.draw(rng, "bin", p=ar_p)[1] == "نورة بنت محمد العتيبي"
    assert ar_g.NAMES.draw(rng, "four_part", p=ar_p)[1] == "نورة محمد علي العتيبي"


@pytest.mark.parametrize("word, case, expected", [
    ("Ankara", "loc", "'da"), ("Tokat", "loc", "'ta"), ("İzmir", "abl", "'den"), ("Yılmaz", "dat", "'a"),
    ("Kaya", "dat", "'ya"), ("Öztürk", "gen", "'ün"), ("Kaya", "gen", "'nın"), ("2021", "loc", "'de"),
])
def test_turkish_case_endings_follow_vowel_harmony(word, case, expected):
    assert tr_g.suffix(word, case) == expected


def test_ages_in_local_words():
    assert [ro_g.years(n) for n in (1, 5, 19, 20, 65, 101, 120)] == [
        "1 an", "5 ani", "19 ani", "20 de ani", "65 de ani", "101 ani", "120 de ani"]
    assert tr_g.AGES.draw(random.Random(0), "yasinda", n=65)[1] == "65 yaşında"
    assert ar_g.AGES.draw(random.Random(0), "aaman", n=65)[1] == "65 عاماً"


def test_arabic_digit_styles_keep_offsets_and_latin_values():
    records = list(get_domain("deid", lang="ar").synthesize(120, 11))
    styles = Counter(key.split(":")[1] for rec in records for key in rec["meta"]["families"]
                     if key.startswith("DIGITS"))
    assert set(styles) == {"western", "indic", "mixed"}
    indic_dates = 0
    for rec in records:
        for start, end, label in rec["spans"]:
            value = rec["text"][start:end]
            if label in ("EMAIL", "ACCOUNT"):
                assert value.isascii(), (rec["id"], label)
            if label == "DATE" and INDIC.search(value):
                indic_dates += 1
    assert indic_dates > 50
    assert ar_g.to_indic("03/03/2021") == "٠٣/٠٣/٢٠٢١" and len(ar_g.to_indic("0501234567")) == 10
    assert ar_genres.COUNTRIES and {c for _, c in ar_genres.COUNTRIES} == set(ar_g.COUNTRY_ID)


@pytest.mark.parametrize("lang, text, tokens", [
    ("tr", "Ankara'da 03.03.2021'de", ["Ankara", "'", "da", "03.03.2021", "'", "de"]),
    ("tr", "Dr. Yılmaz'a, Mart 2006.", ["Dr.", "Yılmaz", "'", "a", ",", "Mart", "2006", "."]),
    ("ar", "بتاريخ ٠٣/٠٣/٢٠٢١.", ["بتاريخ", "٠٣/٠٣/٢٠٢١", "."]),
    ("ar", "في ٣ مارس ٢٠٢١م. هاتف:0501234567.", ["في", "٣", "مارس", "٢٠٢١م", ".", "هاتف", ":", "0501234567", "."]),
])
def test_language_tokenizer_v3_splits_case_endings_and_final_stops(lang, text, tokens):
    import spacy
    from spacy import registry

    from medkiln.factory.train.tokenizer import register

    register()
    nlp = registry.resolve({"cb": {"@callbacks": "medkiln.clinical_tokenizer.v3"}})["cb"](spacy.blank(lang))
    assert [t.text for t in nlp(text)] == tokens
