"""The rule component on other scripts (serving/medkiln_rules): name propagation on Turkish capitals ("TUNCELİ"
lowers to "tunceli" plus a combining dot, which the case-insensitive regex does not see), and the shape check that
keeps an NER entity only when its text can have its label's shape, on Arabic-Indic digits and Arabic year marks."""

from __future__ import annotations

import random

import pytest
import spacy

from medkiln.serving.medkiln_rules import plausible, propagate


def test_propagation_finds_turkish_dotted_capitals():
    text = "Hasta Tunceli doğumlu. Adres: TUNCELİ merkez. Sevk: İZMİR, kontrol İzmir."
    doc = spacy.blank("tr")(text)
    first = text.index("Tunceli")
    upper = text.index("İZMİR")
    ents = [doc.char_span(first, first + 7, label="CITY"), doc.char_span(upper, upper + 5, label="CITY")]
    found = [(span.text, span.label_) for span in propagate(doc, ents, frozenset({"CITY"}))]
    assert found == [("TUNCELİ", "CITY"), ("İzmir", "CITY")]


@pytest.mark.parametrize("shape, text", [
    ("date", "٠٣/٠٣/٢٠٢١"), ("date", "٣ مارس ٢٠٢١م"), ("date", "3 مارس 2021م"), ("date", "١٩/٠٧/١٤٤٢هـ"),
    ("date", "2021/03/03"), ("date", "٧ آذار (مارس) ٢٠٢٠"), ("date", "3/1/1445 هـ"), ("age", "٦٥ سنة"),
    ("digit", "٠٥٠ ١٢٣ ٤٥٦٧"), ("digit", "۱۲۳۴۵۶"),
])
def test_shape_check_reads_arabic_indic_digits_and_year_marks(shape, text):
    assert plausible(shape, text)


@pytest.mark.parametrize("shape, text", [("date", "٤٠٪"), ("digit", "مارس"), ("age", "سنة")])
def test_shape_check_still_refuses_what_cannot_be(shape, text):
    assert not plausible(shape, text)


def test_every_arabic_date_family_passes_the_date_shape():
    from medkiln.domains.deid.ar import grammar as ar_g

    rng = random.Random(4)
    for family in ar_g.DATES.families:
        for _ in range(10):
            value = ar_g.DATES.draw(rng, family)[1]
            assert plausible("date", value) and plausible("date", ar_g.to_indic(value)), (family, value)
