"""Each language folder's surrogates.json is what `python -m medkiln.domains.deid.surrogate_data LANG` writes (the
committed lists are reproducible), and what serving reads from it is usable: native names, a full calendar."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from medkiln.domains.deid import surrogate_data as sd

FILES = sorted(Path(sd.FOLDER).glob(f"*/{sd.FILE}"))


def test_every_shipped_language_has_its_file():
    assert {p.parent.name for p in FILES} >= {"es", "de", "fr", "it", "ro", "tr", "ar"}


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.parent.name)
def test_the_generator_reproduces_the_committed_file(path):
    pytest.importorskip("faker")
    from faker import VERSION

    committed = json.loads(path.read_text(encoding="utf-8"))
    if committed["source"]["faker_version"] != VERSION:
        pytest.skip(f"written with Faker {committed['source']['faker_version']}, this is {VERSION}")
    rebuilt = sd.build(path.parent.name)
    assert rebuilt == committed


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.parent.name)
def test_serving_reads_a_complete_locale(path):
    from medkiln.serving.operators.locales import ENGLISH, from_json

    loc = from_json(path.parent.name, json.loads(path.read_text(encoding="utf-8")))
    assert len(loc.given_female) > 50 and len(loc.given_male) > 50 and len(loc.surnames) > 50
    for field in ("streets", "cities", "countries", "hospitals", "organizations"):
        assert getattr(loc, field) != getattr(ENGLISH, field), f"{field} falls back to English"
    assert loc.calendar is not None and len(loc.calendar.months) == 12 and len(loc.calendar.weekdays) == 7


def test_a_new_language_needs_its_faker_locale(tmp_path):
    (tmp_path / "xx").mkdir()
    with pytest.raises(SystemExit):
        sd.build("xx", folder=tmp_path)
