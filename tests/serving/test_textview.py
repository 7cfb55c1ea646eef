"""`serving.textview`: what the model reads of a text (pieces, invisible characters out) and the way back."""

from __future__ import annotations

import pytest
import spacy

from medkiln.serving.textview import Analysis, analyze, view

G = pytest.mark.guarantee


@G("G8")
@pytest.mark.parametrize("text,limit", [
    ("line one\nline two\nline three\n" * 50, 100),
    ("word " * 500, 64),
    ("x" * 1000, 90),                       # no break anywhere: a hard cut, nothing lost
    ("short", 100),
    ("", 10),
])
def test_pieces_tile_the_text_and_prefer_line_breaks(text, limit):
    pieces = view(text, clean=False, max_chars=limit)
    assert "".join(p.text for p in pieces) == text
    assert [p.start for p in pieces] == [0] + [p.end for p in pieces[:-1]] and pieces[-1].end == len(text)
    assert all(len(p.text) <= limit for p in pieces)
    if "\n" in text:
        assert all(p.text.endswith("\n") for p in pieces[:-1])


@G("G8")
def test_invisible_characters_are_out_of_the_model_text_and_offsets_map_back():
    text = "a\u202eJo\u200bhn b\ufeff"
    (piece,) = view(text)
    assert piece.text == "aJohn b"
    start = piece.text.index("John")
    assert piece.original(start, start + 4) == (2, 7)
    assert text[slice(*piece.original(start, start + 4))] == "Jo\u200bhn"


@G("G8")
def test_analysis_ents_are_in_the_original_offsets_across_pieces():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PATIENT", "pattern": [{"LOWER": "zorbla"}]}])
    text = ("filler line\n" * 30) + "Zor\u200bbla came\n" + ("filler line\n" * 30) + "\u202eZorbla left"
    (analysis,) = analyze(nlp, [text], max_chars=120)
    assert isinstance(analysis, Analysis) and len(analysis.parts) > 3 and analysis.doc is None
    assert [text[s:e] for s, e, _ in analysis.ents] == ["Zor\u200bbla", "Zorbla"]
    (plain,) = analyze(nlp, ["Zorbla"], clean=False)
    assert plain.doc is not None and plain.ents == [(0, 6, "PATIENT")]
