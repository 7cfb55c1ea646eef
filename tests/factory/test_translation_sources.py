"""The user's documents as source: reading every batch format, sentence splitting, the filters that judge
teacher translations (language id, copies, teacher disagreement), combining teachers, and the data card."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from replay_server import ReplayServer  # noqa: E402

from medkiln.core.errors import MedkilnError  # noqa: E402
from medkiln.domains import get_domain  # noqa: E402
from medkiln.factory.translation.data import make_filter  # noqa: E402
from medkiln.factory.translation.documents import DocumentSettings, read_documents  # noqa: E402
from medkiln.factory.translation.filters import copied_share  # noqa: E402
from medkiln.factory.translation.teachers import agreement, consensus, resolve  # noqa: E402

from test_translation_apertium import needs_apertium  # noqa: E402

TRANSLATION = get_domain("translation")

LEAFLET = ("Wash your hands often. Stay at home if you have a fever.\nCall your doctor if you cannot breathe.\n"
           "Wash your hands often.")


def test_documents_from_a_folder_are_split_into_distinct_sentences(tmp_path):
    (tmp_path / "docs" / "ward").mkdir(parents=True)
    (tmp_path / "docs" / "a.txt").write_text(LEAFLET, encoding="utf-8")
    (tmp_path / "docs" / "ward" / "b.txt").write_text("Ok.\n12/03\nTake one tablet twice a day.", encoding="utf-8")
    records, report = read_documents(tmp_path / "docs")
    assert [r["src"] for r in records] == ["Wash your hands often.", "Stay at home if you have a fever.",
                                           "Call your doctor if you cannot breathe.", "Take one tablet twice a day."]
    assert report["records"] == 2 and report["format"] == "dir" and report["sentences"] == 4
    assert report["removed"] == {"too_short": 1, "too_long": 0, "no_letters": 1, "duplicate": 1, "over_limit": 0}
    assert all(r["id"].startswith("doc-") and "Wash" not in r["id"] for r in records)


def test_documents_from_jsonl_and_csv_read_the_named_field_only(tmp_path):
    jsonl = tmp_path / "notes.jsonl"
    jsonl.write_text(json.dumps({"id": 1, "body": LEAFLET, "ref": "Lávese las manos."}) + "\n"
                     + json.dumps({"id": 2, "body": 7}) + "\n", encoding="utf-8")
    records, report = read_documents(jsonl, DocumentSettings(text_field="body"))
    assert report["records"] == 1 and report["bad_records"] == 1 and len(records) == 3
    assert not any("Lávese" in r["src"] for r in records)
    table = tmp_path / "notes.csv"
    with table.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["note", "text"], ["n1", "The cough got worse at night."]])
    records, report = read_documents(table)
    assert [r["src"] for r in records] == ["The cough got worse at night."] and report["format"] == "csv"


def test_documents_without_any_sentence_are_a_coded_error(tmp_path):
    (tmp_path / "empty.txt").write_text("12/03\n\n", encoding="utf-8")
    with pytest.raises(MedkilnError) as err:
        read_documents(tmp_path / "empty.txt")
    assert err.value.code == "E412"


GOOD_ES = {"id": "a", "src": "Stay at home if you have a fever for 3 days.",
           "ref": "Quédese en casa si tiene fiebre durante 3 días.", "meta": {"glossary": False}}


@pytest.mark.parametrize("change,reason", [
    ({"ref": "Reste à la maison si tu as de la fièvre pendant 3 jours."}, "language"),
    ({"ref": "Stay at home if you have a fiebre for 3 days."}, "copied"),
    ({"ref": "Quédese en casa si tiene fiebre durante 5 días."}, "alignment"),
    ({"meta": {"glossary": False, "teacher_agreement": 12.0}}, "disagreement"),
])
def test_teacher_translation_filters(change, reason):
    assert make_filter("en", "es").reason({**GOOD_ES, **change}) == reason


@pytest.mark.parametrize("change", [{}, {"meta": {"glossary": False, "teacher_agreement": 60.0}},
                                    {"src": "Take your paracetamol.", "ref": "Toma tu paracetamol."}])
def test_teacher_translations_that_pass(change):
    pair = {**GOOD_ES, **change}
    assert make_filter("en", "es").reason({**pair, "meta": {**GOOD_ES["meta"], **pair["meta"]}}) is None


def test_glossary_alignment_applies_only_to_teachers_given_the_glossary():
    f = make_filter("en", "es")
    pair = {"id": "g", "src": "Take paracetamol for the fever.", "ref": "Toma acetaminofén para la calentura."}
    assert f.reason({**pair, "meta": {}}) == "alignment"
    assert make_filter("en", "es").reason({**pair, "meta": {"glossary": False}}) is None


def test_copied_share_counts_words_in_order():
    assert copied_share("the cat sat", "the cat sat") == 1.0
    assert copied_share("the patient has a fever", "el paciente tiene fiebre") == 0.0
    assert copied_share("COVID-19 is caused by SARS-CoV-2", "COVID-19 es causado por SARS-CoV-2") == pytest.approx(5 / 8)


def test_consensus_and_agreement():
    cands = {"a": "el paciente tiene fiebre", "b": "el paciente tiene fiebre alta", "c": "la casa es roja"}
    assert consensus(cands) in ("a", "b") and agreement(cands) > 80
    assert agreement({"a": "x"}) is None and consensus({"a": "x"}) == "a"


def test_resolve_teachers():
    assert resolve(["apertium", "template", "apertium"], "en", "es") == ["template", "apertium"]
    with pytest.raises(MedkilnError) as err:
        resolve(["moses"], "en", "es")
    assert err.value.code == "E411"


@needs_apertium
def test_auto_uses_apertium_only_where_it_has_a_route():
    assert resolve(["auto"], "en", "fr") == ["template", "apertium"]
    assert resolve(None, "en", "xx") == ["template"]


def _llm_responder(choose_answer: int):
    """A local LLM: 'translates' by returning a fixed Spanish sentence, back-translates to the source
    (round trip 100), accepts in review, and answers the choose prompt with `choose_answer`."""
    seen: dict[str, str] = {}

    def answer(task: str, body: dict) -> str | None:
        user = body["messages"][-1]["content"]
        first = user.split("\n", 1)[0]
        if first == "Task: translate":
            text = user.split("):\n", 1)[1].strip()
            out = f"Traducción número {len(seen) + 1} del paciente."
            seen[out] = text
            return json.dumps({"translation": out})
        if first == "Task: back-translate":
            return json.dumps({"translation": seen.get(user.split("):\n", 1)[1].strip(), "?")})
        if first == "Task: review":
            return json.dumps({"verdict": "accept", "reasons": []})
        if first == "Task: choose":
            return json.dumps({"best": choose_answer})
        return None

    return answer


@needs_apertium
def test_two_teachers_are_combined_and_the_review_step_chooses(tmp_path):
    from medkiln.factory.translation.sources import SourceSettings, teacher_sources

    docs = tmp_path / "leaflet.txt"
    docs.write_text(LEAFLET, encoding="utf-8")
    with ReplayServer(responder=_llm_responder(2)) as srv:
        settings = SourceSettings(teachers=["apertium", "openai"], documents=str(docs), corpora={},
                                  llm={"base_url": srv.url, "model": "replay", "backoff": 0.01})
        pairs, prov = teacher_sources("en", "es", settings, domain=TRANSLATION)
        assert srv.count() > 0
    docs_pairs = pairs["documents"]
    assert len(docs_pairs) == 3
    # candidates are offered in teacher order (apertium, openai): "best": 2 picks the LLM's
    assert all(p["meta"]["chosen"] == "openai" and p["meta"]["chosen_by"] == "review" for p in docs_pairs)
    assert all(p["meta"]["candidates"] == 2 and p["meta"]["teacher_agreement"] < 50 for p in docs_pairs)
    assert prov["forward_translation"]["documents"]["chosen"] == {"openai (review)": 3}
    assert prov["forward_translation"]["documents"]["teachers"]["apertium"]["returned"] == 3


def test_documents_go_only_to_a_local_llm_unless_allowed(tmp_path):
    from medkiln.factory.translation.sources import SourceSettings, teacher_sources

    docs = tmp_path / "leaflet.txt"
    docs.write_text(LEAFLET, encoding="utf-8")
    settings = SourceSettings(teachers=["openai"], documents=str(docs),
                              llm={"base_url": "https://api.example.com/v1", "model": "m", "max_retries": 0})
    with pytest.raises(MedkilnError) as err:
        teacher_sources("en", "es", settings, domain=TRANSLATION)
    assert err.value.code == "E101"


def test_documents_need_a_teacher_that_translates(tmp_path):
    from medkiln.factory.translation.sources import SourceSettings, teacher_sources

    (tmp_path / "d.txt").write_text(LEAFLET, encoding="utf-8")
    with pytest.raises(MedkilnError) as err:
        teacher_sources("en", "de", SourceSettings(teachers=["template"], documents=str(tmp_path / "d.txt")), domain=TRANSLATION)
    assert err.value.code == "E413"


@needs_apertium
def test_template_only_runs_get_copy_through_pairs_that_only_train(tmp_path):
    from medkiln.factory.translation.data import build_data, read_pairs
    from medkiln.factory.translation.sources import SourceSettings, teacher_sources

    pairs, prov = teacher_sources("en", "de", SourceSettings(teachers=["template"], copy_through={"wordnet": 60}), domain=TRANSLATION)
    assert prov["teacher_names"] == ["template"] and set(pairs) == {"copy_through"}
    copies = pairs["copy_through"]
    assert len(copies) == 60 and all(p["src"] == p["ref"] and p["meta"]["teacher"] == "copy" for p in copies)
    card = build_data("en", "de", tmp_path, n=300, extra_pairs=pairs, provenance=prov, dev=20, test=20)
    assert card["filters"]["copy_through"]["kept"] == 60 and card["provenance"]["sources"]["copy_through"]["in"] == 60
    for split in ("dev", "test"):
        assert not [p for p in read_pairs(tmp_path / f"{split}.jsonl") if p["meta"].get("copy_through")]
    # the same pair without the flag is a copy and is removed
    assert make_filter("en", "de").reason({**copies[0], "meta": {}}) == "copied"
    none, _ = teacher_sources("en", "de", SourceSettings(teachers=["template"], copy_through={}), domain=TRANSLATION)
    assert none == {}
