"""Name propagation (serving/medkiln_rules.propagate) on Turkish capitals: "TUNCELİ" lowers to "tunceli" plus a
combining dot, which the case-insensitive regex does not see; the mention is still found, with its label."""

from __future__ import annotations

import spacy

from medkiln.serving.medkiln_rules import propagate


def test_propagation_finds_turkish_dotted_capitals():
    text = "Hasta Tunceli doğumlu. Adres: TUNCELİ merkez. Sevk: İZMİR, kontrol İzmir."
    doc = spacy.blank("tr")(text)
    first = text.index("Tunceli")
    upper = text.index("İZMİR")
    ents = [doc.char_span(first, first + 7, label="CITY"), doc.char_span(upper, upper + 5, label="CITY")]
    found = [(span.text, span.label_) for span in propagate(doc, ents, frozenset({"CITY"}))]
    assert found == [("TUNCELİ", "CITY"), ("İzmir", "CITY")]
