"""French and Italian note synthesizers (domains/deid/fr, domains/deid/it): every declared format family is produced,
families render what the language's conventions say, gold spans are exact, identifiers validate, clinical look-alikes
stay outside spans, and `get_domain(..., lang=)` resolves the language folders."""

from __future__ import annotations

import random
import re
from collections import Counter
from datetime import date

import pytest

from medkiln.domains import get_domain, languages
from medkiln.domains.deid import validators as v
from medkiln.domains.deid.fr import grammar as fr_g
from medkiln.domains.deid.it import grammar as it_g

GRAMMARS = {"fr": fr_g, "it": it_g}
GENRES = {"fr": {"compte_rendu_hospitalisation", "lettre_de_liaison"},
          "it": {"lettera_dimissione", "verbale_pronto_soccorso"}}
N_NOTES = 300  # conftest.N_LANG_NOTES


@pytest.fixture(scope="module", params=["fr", "it"])
def notes(request, lang_notes):
    return request.param, lang_notes(request.param)


def test_french_and_italian_folders_resolve():
    assert get_domain("deid", lang="fr").registry_name == "medkiln.deid.fr.v1"
    assert get_domain("medkiln.deid.it.v1").lang == "it"
    assert {"fr", "it"} <= set(languages("deid"))


def test_identifiers_in_notes_validate(notes):
    lang, records = notes
    # French: every HEALTHPLAN is a NIR; Italian: a 16-character IDNUM is a codice fiscale, a HEALTHPLAN a TEAM number
    checks = {"fr": {"HEALTHPLAN": v.valid_fr_nir, "ACCOUNT": v.valid_iban},
              "it": {"IDNUM": v.valid_it_cf, "HEALTHPLAN": v.valid_it_team, "ACCOUNT": v.valid_iban}}[lang]
    counted = Counter()
    for rec in records:
        for start, end, label in rec["spans"]:
            value = rec["text"][start:end]
            if label in checks and (label != "IDNUM" or re.fullmatch(r"[A-Z0-9]{16}", value)):
                assert checks[label](value), (lang, label, rec["id"])
                counted[label] += 1
    assert all(counted[label] > 0 for label in checks), counted


def test_italian_codice_fiscale_is_the_patients_own():
    """The codice fiscale in a note is built from the patient's names and birth date: its date part matches."""
    spec = get_domain("deid", lang="it")
    matched = 0
    for rec in spec.synthesize(40, 11):
        dob = re.search(r"(?:Nat[oa] (?:a|il|in)[^\n]*?|Data di nascita: ?)(\d{2})/(\d{2})/(\d{4})", rec["text"])
        cf = re.search(r"\b[A-Z]{6}\d{2}[A-Z]\d{2}[A-Z]\d{3}[A-Z]\b", rec["text"])
        if dob and cf:
            day, month, year = (int(x) for x in dob.groups())
            code = cf.group()
            assert code[6:8] == f"{year % 100:02d}" and v.CF_MONTHS[month - 1] == code[8], (rec["id"],)
            assert int(code[9:11]) in (day, day + 40), (rec["id"],)
            matched += 1
    assert matched >= 5


@pytest.mark.parametrize("lang, family, when, expected", [
    ("fr", "long", date(2021, 3, 3), "3 mars 2021"), ("fr", "dmy_slash", date(2021, 3, 3), "03/03/2021"),
    ("fr", "dmy_slash_short", date(2021, 3, 3), "03/03/21"), ("fr", "ordinal_long", date(2021, 3, 1), "1er mars 2021"),
    ("fr", "weekday_long", date(2021, 3, 3), "mercredi 3 mars 2021"), ("fr", "abbr", date(2021, 2, 3), "3 févr. 2021"),
    ("fr", "month_year", date(2021, 8, 3), "août 2021"),
    ("it", "long", date(2021, 3, 3), "3 marzo 2021"), ("it", "dmy_slash", date(2021, 3, 3), "03/03/2021"),
    ("it", "dmy_slash_short", date(2021, 3, 3), "03/03/21"), ("it", "ordinal_long", date(2021, 3, 1), "1° marzo 2021"),
    ("it", "weekday_long", date(2021, 3, 3), "mercoledì 3 marzo 2021"), ("it", "abbr", date(2021, 9, 3), "3 set. 2021"),
    ("it", "dmy_dot", date(2021, 3, 3), "03.03.2021"),
])
def test_date_families_follow_local_conventions(lang, family, when, expected):
    grammar = GRAMMARS[lang].DATES
    rendered = {grammar.draw(random.Random(i), family, when=when)[1] for i in range(40)}
    assert expected in rendered, rendered
    # month names are written in lower case most of the time
    if not expected[0].isdigit() or " " in expected:
        drawn = (grammar.draw(random.Random(i), family, when=when)[1] for i in range(200))
        assert sum(r.replace("º", "°") == expected for r in drawn) > 100  # "1º" is the other way to write "1°"


def test_french_phones_follow_the_numbering_plan():
    rng = random.Random(1)
    for family in fr_g.PHONES.families:
        for _ in range(30):
            value = fr_g.PHONES.draw(rng, family)[1]
            if family in ("poste", "bip"):
                assert re.fullmatch(r"(?i)(poste|p\.|bip) \d{3,5}", value), value
                continue
            number = value.split(" p")[0].split(" - p")[0]
            digits = re.sub(r"\D", "", number.replace("(0)", ""))
            national = "0" + digits[2:] if digits.startswith("33") else ("0" + digits[4:] if digits.startswith(
                "0033") else digits)
            assert len(national) == 10 and national[0] == "0" and national[1] in "1234567 9", (family, value)
    assert fr_g.PHONES.draw(random.Random(2), "pairs_space")[1].count(" ") == 4


def test_italian_phones_follow_the_numbering_plan():
    rng = random.Random(1)
    for family in it_g.PHONES.families:
        for _ in range(30):
            value = it_g.PHONES.draw(rng, family)[1]
            if family == "interno":
                assert re.fullmatch(r"(?i)(int\.|interno) \d{4}", value), value
                continue
            number = re.split(r" int\. | - interno ", value)[0]
            digits = re.sub(r"\D", "", number)
            digits = digits[2:] if number.startswith("+39") else digits[4:] if number.startswith("0039") else digits
            if family == "verde":
                assert digits.startswith("800") and len(digits) == 9, value
                continue
            # landlines keep their 0 and an area code; mobiles begin with 3 and have ten digits
            assert (digits[0] == "0" and 9 <= len(digits) <= 10) or (digits[0] == "3" and len(digits) == 10), value


def test_name_and_age_families_render_people():
    rng = random.Random(3)
    fr_p = {"first": "Jean-Pierre", "last": "de La Tour", "birth": "Martin", "female": False}
    assert fr_g.NAMES.draw(rng, "first_LAST", p=fr_p)[1] == "Jean-Pierre DE LA TOUR"
    assert fr_g.NAMES.draw(rng, "LAST_first", p=fr_p)[1] == "DE LA TOUR Jean-Pierre"
    assert fr_g.NAMES.draw(rng, "initial_last", p=fr_p)[1] == "J.-P. de La Tour"
    it_p = {"first": "Maria Grazia", "last": "D'Angelo", "female": True}
    assert it_g.NAMES.draw(rng, "LAST_FIRST", p=it_p)[1] == "D'ANGELO MARIA GRAZIA"
    assert it_g.NAMES.draw(rng, "initial_last", p=it_p)[1] == "M. D'Angelo"
    assert fr_g.split_age("âgée de 54 ans") == ("âgée de ", "54", " ans")
    assert fr_g.split_age("soixante et onze ans") == ("", "soixante et onze", " ans")
    assert it_g.split_age("54enne") == ("", "54", "enne") and it_g.split_age("età: 7 anni") == ("età: ", "7", " anni")
    assert [fr_g.number_words(n) for n in (21, 71, 80, 81, 92)] == [
        "vingt et un", "soixante et onze", "quatre-vingts", "quatre-vingt-un", "quatre-vingt-douze"]


def test_titles_stay_outside_name_spans(notes):
    lang, records = notes
    # ("M." is left out: it is also the initial of Marc or Marie)
    titles = {"fr": ("Mme", "Dr", "Dr.", "Pr", "Madame", "Monsieur", "née", "Docteur", "Professeur"),
              "it": ("Sig.", "Sig.ra", "Dott.", "Dott.ssa", "Prof.", "Dr.")}[lang]
    for rec in records:
        for start, end, label in rec["spans"]:
            if label in ("PATIENT", "DOCTOR"):
                first = rec["text"][start:end].split()[0]
                assert first not in titles, (rec["id"], start)


@pytest.mark.parametrize("lang", ["fr", "it"])
def test_training_config_uses_the_language_tokenizer_and_its_title_cues(lang):
    """The folder's train_cnn.cfg: spaCy's tokenizer of the language, the clinical tokenizer v2, and a cue among the
    tokens of every title the grammar writes (the cue raises the odds of the name after it)."""
    import spacy
    from spacy.util import load_config

    from medkiln.factory.train.tokenizer import GLUED_COLON, GLUED_NUMBER, clinical_tokenizer

    spec = get_domain("deid", lang=lang)
    cfg = load_config(spec.folder / "train_cnn.cfg")
    assert cfg["nlp"]["lang"] == lang
    assert cfg["initialize"]["before_init"] == {"@callbacks": "medkiln.clinical_tokenizer.v2"}
    cues = set(cfg["components"]["ner"]["cues"])
    nlp = spacy.blank(lang)
    clinical_tokenizer(nlp, (GLUED_COLON, GLUED_NUMBER))
    g = GRAMMARS[lang]
    titles = {t.strip() for table in (g.TITLES_PATIENT, g.TITLES_DOCTOR) for group in table.values() for t in group}
    for title in titles:
        assert any(tok.lower_ in cues for tok in nlp(title)), (lang, title)
