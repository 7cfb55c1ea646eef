"""The German PHI pattern table (domains/deid/de/rules.py): every pattern has a positive case (with its exact span)
and a negative case; the table is well-formed and registered with the German domain; measurements, scores and
numbered headings stay outside every span.

All strings are invented and PHI-free (made-up towns, streets and numbers).
"""

from __future__ import annotations

import pytest
from rule_tables import assert_cases_cover, assert_finds, assert_misses, compiled

from medkiln.domains import get_domain
from medkiln.domains.deid.de.rules import PATTERNS
from medkiln.domains.deid.labels import LABELS
from medkiln.serving.medkiln_rules import PhiRules

# (pattern name, text, the exact PHI substring the pattern yields; its first occurrence in text)
POSITIVE = [
    ("de.date.dmy_dot", "Aufnahme am 04.11.2019 wegen", "04.11.2019"),
    ("de.date.dmy_dot", "bis 7.3.21.", "7.3.21"),  # unpadded, two-digit year, end of a sentence
    ("de.date.dmy_dot", "geb. 9. 2. 1948 in", "9. 2. 1948"),  # a space after the dots
    ("de.date.dmy_slash", "Kontrolle 28/2/2022 ambulant", "28/2/2022"),
    ("de.date.dmy_slash", "seit 3/11/88", "3/11/88"),
    ("de.date.iso", "Befund 2021-06-30 erstellt", "2021-06-30"),
    ("de.date.dm_cue", "Sonographie am 19.3.: unauffällig", "19.3."),
    ("de.date.dm_cue", "vom 8.9. bis heute", "8.9."),
    ("de.date.dm_range_start", "Zyklus 3 12.4.-16.4.2020", "12.4."),
    ("de.date.dm_range_start", "Radiatio 2.9. bis zum 30.9.", "2.9."),
    ("de.date.day_range_start", "stationär vom 4. bis 9.12.2019", "4."),
    ("de.date.day_range_start", "Szintigraphie 20 und 21.5.2018:", "20"),
    ("de.date.month_range_year", "Chemotherapie 02-05/2021 mit", "02-05/2021"),
    ("de.date.month_range_year", "Radiatio (3-4/19)", "3-4/19"),
    ("de.date.my_dot", "Erstdiagnose 03.2017 durch", "03.2017"),
    ("de.date.my_slash", "(ED 4/19) Therapie", "4/19"),
    ("de.date.my_slash", "11/2015- 02/2016 adjuvant", "11/2015"),
    ("de.date.day_month_name", "Quellbrunn, 3. Februar 2021", "3. Februar 2021"),
    ("de.date.day_month_name", "Termin am 22. Okt. 2020", "22. Okt. 2020"),
    ("de.date.day_month_name", "wieder am 5.Mai", "5.Mai"),
    ("de.date.day_month_name", "am 17. JÄNNER 2019", "17. JÄNNER 2019"),
    ("de.date.month_year", "Port-Anlage Dez. 2018 -", "Dez. 2018"),
    ("de.date.month_year", "im Oktober 19 begonnen", "Oktober 19"),
    ("de.date.month_year", "seit Feb 2016", "Feb 2016"),
    ("de.date.month_name", "seit Anfang März beschwerdefrei", "März"),
    ("de.date.year", "Z. n. Appendektomie 1987 und", "1987"),
    ("de.age.jaehrig", "Die 67-jährige Patientin", "67"),
    ("de.age.jaehrig", "Der 8 jähriger Junge", "8"),
    ("de.age.jaehrig", "71-j. Pat. in gutem AZ", "71"),
    ("de.age.word_jaehrig", "Die Siebzigjährige wurde", "Siebzig"),
    ("de.age.word_jaehrig", "ein dreizehnjähriges Mädchen", "dreizehn"),
    ("de.age.lebensjahr", "Glaukom ab dem 43. Lj. bekannt", "43"),
    ("de.age.lebensjahr", "im 101. Lebensjahr", "101"),
    ("de.age.jahre_alt", "Pat. ist 58 Jahre alt", "58"),
    ("de.age.alter", "im Alter von 33 Jahren", "33"),
    ("de.age.alter", "Alter: 76", "76"),
    ("de.zip.country", "A-4711 Oberdorf", "A-4711"),
    ("de.zip.country", "CH-8999 Unterhausen", "CH-8999"),
    ("de.zip.plain", "Lindenweg 4\n12345 Musterstadt", "12345"),
    ("de.zip.plain", "Bergstr. 3, 54321 Neuhausen", "54321"),
    ("de.city.after_zip", "Lindenweg 4\n12345 Musterstadt\n", "Musterstadt"),
    ("de.city.after_zip", "D-54321 Bad Neuhausen, Tel.", "Bad Neuhausen"),
    ("de.street", "wohnhaft Lindenweg 4\n", "Lindenweg 4"),
    ("de.street", "Obere Bergstr. 17 b, 54321", "Obere Bergstr. 17 b"),
    ("de.street", "Alte Mühlen Straße 9", "Alte Mühlen Straße 9"),
    ("de.street", "Berta-Probe-Platz 2a", "Berta-Probe-Platz 2a"),
    ("de.name.doctor_title", "Prof. Dr. med. Anna Beispielhof\nChefärztin", "Anna Beispielhof"),
    ("de.name.doctor_title", "OA Dr. Mustermeier, Station", "Mustermeier"),
    ("de.name.doctor_title", "Dr. Lisa von Beispiel-Dorf", "Lisa von Beispiel-Dorf"),
    ("de.name.doctor_title", "Dr. Hans J. Probemann", "Hans J. Probemann"),
    ("de.name.person_title", "Frau Testerin wurde", "Testerin"),
    ("de.name.person_title", "Herrn van der Probe", "van der Probe"),
    ("de.phone", "Telefon (0123) 456 - 789", "(0123) 456 - 789"),
    ("de.phone", "Tel.: +49 (0)123 4567-89", "+49 (0)123 4567-89"),
    ("de.phone", "Tel. 0987/65 43 21", "0987/65 43 21"),
    ("de.fax", "Fax: 0123/4567-890", "0123/4567-890"),
    ("de.id.case", "Fall-Nr. 1234567890", "1234567890"),
    ("de.id.case", "Fallnummer: B-99887766", "B-99887766"),
    ("de.id.case", "Pat.-Nr.: 00123456", "00123456"),
    ("de.id.insurance", "Versichertennr. X123456789", "X123456789"),
    ("de.id.insurance", "SV: 9876543210", "9876543210"),
    ("de.ward_room", "Station: K12 Innere", "K12"),
    ("de.ward_room", "Zimmer 214", "214"),
]

# (pattern name, text in which that pattern finds nothing)
NEGATIVE = [
    ("de.date.dmy_dot", "Version 1.2.3.4 installiert"),
    ("de.date.dmy_dot", "Werte 32.13.2020 unmöglich"),  # no 32nd day, no 13th month
    ("de.date.dmy_slash", "RR 140/90/60"),
    ("de.date.iso", "Charge 2021-13-45"),
    ("de.date.dm_cue", "Kalium 4.2. Natrium 140."),  # a lab value at the end of a sentence, no date cue
    ("de.date.dm_cue", "1.2. Anamnese"),  # a numbered heading
    ("de.date.dm_range_start", "Kapitel 1.2. Befunde"),
    ("de.date.day_range_start", "2 bis 3 Tabletten"),
    ("de.date.day_range_start", "Stufe 2 - 3.5 mg"),
    ("de.date.month_range_year", "NRS 2-3/10 in Ruhe"),
    ("de.date.month_range_year", "pN2a (3-4/12)"),
    ("de.date.my_dot", "Leuko 11.2016/µl"),
    ("de.date.my_slash", "NRS 7/10, Schmerzen 3/10"),
    ("de.date.my_slash", "pN1 (3/12)"),
    ("de.date.my_slash", "Visus 0,8/1,0"),
    ("de.date.my_slash", "Dosis 1/20 mg"),
    ("de.date.day_month_name", "Jan kam 3 Tage später"),
    ("de.date.month_year", "Jan 23 Jahre"),  # "Jan" is a first name without its dot
    ("de.date.month_year", "Mai 20 mg"),
    ("de.date.month_name", "Herr August hat Fieber"),  # a month name without a date cue
    ("de.date.year", "Trinkmenge 2000 ml"),
    ("de.date.year", "Leukozyten 1950 /µl"),
    ("de.date.year", "Protokoll AB2004 Arm B"),  # glued to letters: a code
    ("de.age.jaehrig", "5-Jahres-Überleben 60 %"),
    ("de.age.jaehrig", "seit 5 J. bekannt"),  # a duration
    ("de.age.word_jaehrig", "langjährige Therapie"),
    ("de.age.lebensjahr", "5. Zyklus FOLFIRI"),
    ("de.age.jahre_alt", "seit 3 Jahren"),
    ("de.age.alter", "altersentsprechend 45 %"),
    ("de.zip.country", "A-12 Schema"),
    ("de.zip.plain", "Leukozyten 12000 Zellen"),
    ("de.city.after_zip", "mit 20000 IE Heparin"),
    ("de.street", "der Weg zum Zimmer"),
    ("de.street", "Ringer 500 ml"),
    ("de.name.doctor_title", "Sehr geehrter Herr Dr. med. Kollege"),
    ("de.name.doctor_title", "Dr. med. dent. und"),
    ("de.name.person_title", "Sehr geehrte Frau Kollegin,"),
    ("de.name.person_title", "Herr Patient klagt"),
    ("de.phone", "Hb 12,1 g/dl, MCV 0123"),  # no phone cue
    ("de.fax", "Kreatinin 0123/4567"),
    ("de.id.case", "Im Fall einer Blutung"),
    ("de.id.insurance", "SV 12"),
    ("de.ward_room", "Station Innere Medizin"),
]


@pytest.fixture(scope="module")
def rules() -> PhiRules:
    return compiled(PATTERNS)


def test_every_german_pattern_has_a_positive_and_a_negative_case():
    assert_cases_cover(PATTERNS, POSITIVE, NEGATIVE)


def test_german_table_is_well_formed_and_registered():
    names = [p["name"] for p in PATTERNS]
    assert len(names) == len(set(names)) and all(n.startswith("de.") for n in names)
    for p in PATTERNS:
        assert p["label"] in LABELS, p["name"]
        assert 0.0 < p["score"] <= 1.0, p["name"]
    assert [p["name"] for p in get_domain("deid", lang="de").patterns] == names


@pytest.mark.parametrize("name,text,expected", POSITIVE)
def test_german_positive(rules, name, text, expected):
    assert_finds(rules, PATTERNS, name, text, expected)


@pytest.mark.parametrize("name,text", NEGATIVE)
def test_german_negative(rules, name, text):
    assert_misses(rules, name, text)


@pytest.mark.parametrize("text", [
    "Hb 12,4 g/dl, Leuko 6.2, Thrombo 240", "RR 135/85 mmHg, HF 72/min", "NRS 4/10", "Ringer 1000 ml i.v.",
    "Metoprolol 47,5 mg 1-0-1", "CHA2DS2-VASc 3", "pT2 pN0 (0/14) L0 V0", "2. Zyklus FOLFOX", "1.1. Diagnosen",
])
def test_german_measurements_are_not_phi(rules, text):
    assert rules.find(text) == []


def test_a_range_of_days_yields_both_dates(rules):
    text = "stationär vom 3.4. - 19.4.2021 und"
    found = [(text[s:e], label) for s, e, label, _ in rules.find(text)]
    assert found == [("3.4.", "DATE"), ("19.4.2021", "DATE")]
