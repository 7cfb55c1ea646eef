"""The Apertium teacher: route discovery (table-driven), its unknown-word marks, and the real engine on a
few sentences, direct (en->es) and pivoted (en->fr through Spanish). `.ci/run` installs Apertium; a missing
engine fails the tests under `make test` / CI and skips them elsewhere (tests/needs.py)."""

from __future__ import annotations

import functools
import sys
from pathlib import Path

import pytest

from medkiln.core.errors import MedkilnError
from medkiln.factory.translation import apertium
from medkiln.factory.translation.apertium import ApertiumTeacher, pairs_of, route, strip_marks
from medkiln.factory.translation.corpora import WORDNET

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from needs import missing  # noqa: E402

MODES = ["eco-es-fr", "eng-spa", "es-fr", "fr-es", "spa-eng", "spa-eng_US"]


def needs_apertium(test):
    """Apertium with its en-es/es-fr pairs and WordNet's data (Debian), else fail (make test, CI) or skip."""
    @functools.wraps(test)
    def run(*args, **kwargs):
        if not apertium.available() or not (WORDNET / "data.noun").is_file():
            missing("Apertium or WordNet's data", apertium.INSTALL_HINT + " wordnet-base")
        return test(*args, **kwargs)
    return run


@pytest.mark.parametrize("src,tgt,expected", [
    ("en", "es", ["eng-spa"]),
    ("es", "en", ["spa-eng"]),
    ("en", "fr", ["eng-spa", "es-fr"]),
    ("fr", "en", ["fr-es", "spa-eng"]),
    ("en", "de", None),
    ("de", "en", None),
])
def test_routes_use_direct_modes_then_pivots(src, tgt, expected):
    assert route(src, tgt, MODES) == expected


def test_variant_modes_are_left_out():
    assert set(pairs_of(MODES)) == {("en", "es"), ("es", "en"), ("es", "fr"), ("fr", "es")}


@pytest.mark.parametrize("raw,clean,n", [
    ("El paciente tiene *dyspnoea.", "El paciente tiene dyspnoea.", 1),
    ("Causado por *SARS-*CoV-2 (un *coronavirus).", "Causado por SARS-CoV-2 (un coronavirus).", 3),
    ("#tener y @take", "tener y take", 2),
    ("p < 0.05* y 5*3 y a@b.org", "p < 0.05* y 5*3 y a@b.org", 0),
])
def test_unknown_word_marks_are_counted_and_stripped(raw, clean, n):
    assert strip_marks(raw) == (clean, n)


@needs_apertium
def test_real_engine_translates_direct_and_counts_unknown_words():
    teacher = ApertiumTeacher("en", "es")
    assert teacher.modes == ["eng-spa"] and teacher.label == "apertium:eng-spa"
    out = teacher.translate(["The patient has a fever.", "Drink plenty of water.", "The patient has blorfitis.", ""])
    assert len(out) == 4
    assert "fiebre" in out[0][0].lower() and out[0][1] == 0
    assert "agua" in out[1][0].lower()
    text, unknown = out[2]
    assert unknown == 1 and "blorfitis" in text and "*" not in text
    assert out[3] == ("", 0)


@needs_apertium
def test_real_engine_pivots_through_spanish_for_french():
    from medkiln.factory.translation.filters import _langid

    teacher = ApertiumTeacher("en", "fr")
    assert teacher.modes == ["eng-spa", "es-fr"]
    (text, _), = teacher.translate(["The doctor examined the child and found no fever."])
    assert "fièvre" in text.lower()
    assert _langid().classify(text)[0] == "fr"


@needs_apertium
def test_lines_stay_aligned_in_chunks_and_workers():
    teacher = ApertiumTeacher("en", "es", chunk=3, workers=2)
    texts = [f"The patient has {n} tablets." for n in range(2, 12)] + ["Line one\nstill one sentence."]
    out = teacher.translate(texts)
    assert len(out) == len(texts)
    for n, (text, _) in zip(range(2, 12), out):
        assert str(n) in text
    assert "\n" not in out[-1][0]


@needs_apertium
def test_pairs_carry_provenance_and_no_glossary_flag():
    teacher = ApertiumTeacher("en", "es")
    pairs, failures = teacher.pairs([{"id": "s1", "src": "Wash your hands.", "meta": {"category": "documents"}}],
                                    "en", "es")
    assert failures == {}
    (pair,) = pairs
    assert pair["id"] == "apertium-s1" and pair["meta"]["teacher"] == "apertium:eng-spa"
    assert pair["meta"]["glossary"] is False and pair["meta"]["source_id"] == "s1"


@needs_apertium
def test_a_direction_without_pair_or_pivot_is_a_coded_error():
    with pytest.raises(MedkilnError) as err:
        ApertiumTeacher("en", "xx")
    assert err.value.code == "E422" and "apt-get install" in str(err.value)
