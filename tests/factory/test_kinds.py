"""Domain kinds behind one protocol (`factory.kinds`): every registered domain has a kind that implements it,
the kinds read and exchange their own records, and an unregistered kind is a coded error. The chains themselves
are exercised by the run tests (test_cli_and_run, test_extraction, test_translation_run)."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from medkiln.core.errors import MedkilnError
from medkiln.domains import available, get_domain
from medkiln.domains.translation.synth import parallel_pairs
from medkiln.factory.kinds import DomainKind, get_kind, kind_of
from medkiln.factory.kinds import available as kinds


def test_every_registered_domain_has_a_kind_that_implements_the_protocol():
    assert kinds() == ["extraction", "spans", "translation"]
    for name in available():
        spec = get_domain(name)
        kind = kind_of(spec)
        assert isinstance(kind, DomainKind) and kind.name == spec.kind, name
        assert kind.review.name == spec.kind  # the Label Studio side is annotation.kinds', not a copy


def test_a_domain_of_an_unregistered_kind_is_refused_with_its_name():
    spec = replace(get_domain("deid"), kind="relations")
    with pytest.raises(MedkilnError) as err:
        kind_of(spec)
    assert err.value.code == "E021" and "relations" in str(err.value) and "spans" in str(err.value)
    with pytest.raises(MedkilnError, match="E021"):
        get_kind("relations")


OFFLINE_RECORDS = {"deid": lambda spec: spec.synthesize(3, 0), "notes": lambda spec: spec.synthesize(3, 0),
                   "translation": lambda spec: parallel_pairs("en", "de", 3, 0)}  # a translation record is a pair


@pytest.mark.parametrize("domain", sorted(OFFLINE_RECORDS))
def test_each_kind_reads_its_records_and_round_trips_them_through_review(tmp_path, domain):
    spec = get_domain(domain)
    kind = kind_of(spec)
    records = list(OFFLINE_RECORDS[domain](spec))
    path = tmp_path / "data.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    read = kind.read(spec, path)
    assert [r["id"] for r in read] == [r["id"] for r in records]
    tasks = kind.to_tasks(read, model_version="teacher")
    for i, task in enumerate(tasks):  # the reviewer accepts the teacher's prediction as it is
        task.update(id=i + 1, annotations=[{"id": i + 1, "result": task["predictions"][0]["result"]}])
    back, report = kind.from_tasks(spec, tasks)
    assert report["done"] == len(records)
    decided = set(kind.review.decided) - {"meta", "mt"}
    assert [{k: r.get(k) for k in decided if k in rec} for r, rec in zip(back, records)] == \
           [{k: rec[k] for k in decided if k in rec} for rec in records]


def test_the_kind_refuses_a_bad_record_with_file_and_line(tmp_path):
    spec = get_domain("notes")
    rec = next(iter(spec.synthesize(1, 0)))
    rec["attributes"]["assertion"] = [[0, 1, "maybe"]]
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    with pytest.raises(MedkilnError) as err:
        kind_of(spec).read(spec, path)
    assert "bad.jsonl" in str(err.value) and rec["text"][:20] not in str(err.value)
