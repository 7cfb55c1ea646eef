"""Label Studio offline exchange: config generation and the task/export round trip."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from medkiln.annotation import labeling_config, records_from_tasks, to_task
from medkiln.domains import get_domain


def test_labeling_config_lists_every_label_with_hint_and_unique_hotkeys():
    spec = get_domain("deid")
    root = ET.fromstring(labeling_config(spec))
    labels = root.find("Labels").findall("Label")
    assert [lab.get("value") for lab in labels] == list(spec.labels)
    assert all(lab.get("hint") for lab in labels)
    hotkeys = [lab.get("hotkey") for lab in labels if lab.get("hotkey")]
    assert len(hotkeys) == len(set(hotkeys)) == len(labels)
    assert root.find("Text").get("value") == "$text"


def test_tasks_round_trip_through_an_export_with_a_correction_and_a_skip():
    records = [
        {"id": "a", "text": "Seen by Dr. Vale on 3/4.", "spans": [[12, 16, "DOCTOR"], [20, 23, "DATE"]]},
        {"id": "b", "text": "No PHI here.", "spans": []},
    ]
    tasks = [to_task(rec, "spans", "student-1") for rec in records]
    assert tasks[0]["predictions"][0]["model_version"] == "student-1"
    assert tasks[0]["predictions"][0]["result"][0]["value"]["text"] == "Vale"
    # A reviewer accepts task a but relabels the date span, and skips task b.
    tasks[0]["id"], tasks[1]["id"] = 1, 2
    fixed = [dict(r) for r in tasks[0]["predictions"][0]["result"]]
    fixed[1] = {**fixed[1], "value": {**fixed[1]["value"], "labels": ["AGE"]}}
    tasks[0]["annotations"] = [{"id": 7, "result": fixed, "was_cancelled": False, "updated_at": "2026-01-02"}]
    tasks[1]["annotations"] = [{"id": 8, "result": [], "was_cancelled": True}]
    pulled, report = records_from_tasks(tasks, "spans")
    assert [r["id"] for r in pulled] == ["a"]
    assert pulled[0]["spans"] == [[12, 16, "DOCTOR"], [20, 23, "AGE"]]
    assert report["skipped"] == ["b"] and report["failed"] == []
