"""The streaming runner: operators end to end, audit, resume, refusals, bad records, no PHI leaks, memory."""

from __future__ import annotations

import csv
import datetime as dt
import json
import logging
import re
import tracemalloc

import pytest
from deid_helpers import read_jsonl, write_jsonl

from medkiln.serving.batch import Runner
from medkiln.serving.deid import deidentify
from medkiln.core.errors import UsageError
from medkiln.serving.pipeline import load_pipeline

SECRET = "Zorbla Quentworth"  # an invented name the fake model tags as PATIENT


def _run(tmp_path, nlp, records, **opts):
    src = write_jsonl(tmp_path / "in.jsonl", records)
    summary = deidentify(src, tmp_path / "out.jsonl", nlp=nlp, overwrite=True, **opts)
    return summary, read_jsonl(tmp_path / "out.jsonl")


@pytest.mark.parametrize("operator,pattern", [
    ("redact", r"\[PATIENT\] seen \[DATE\]"),
    ("mask", r"\*{10} seen \*{10}"),
    ("hash", r"\[PATIENT:[0-9a-f]{8}\] seen \[DATE:[0-9a-f]{8}\]"),
    ("surrogate", r"[A-Z][a-z]+ [A-Z][a-z]+ seen \d{2}/\d{2}/\d{4}"),
])
def test_every_operator_end_to_end(tmp_path, fake_nlp, operator, pattern):
    summary, out = _run(tmp_path, fake_nlp, [{"text": "John Smith seen 01/02/2020"}], operator=operator, seed=3)
    assert re.fullmatch(pattern, out[0]["text"]), out[0]["text"]
    assert "John" not in out[0]["text"] and "01/02/2020" not in out[0]["text"]
    assert summary.phi == {"DATE": 1, "PATIENT": 1} and summary.operator == operator


def test_surrogates_consistent_across_documents_of_a_group(tmp_path, fake_nlp):
    records = [{"pid": "A", "text": "John Smith seen 01/02/2020"}, {"pid": "A", "text": "Smith back 01/12/2020"},
               {"pid": "B", "text": "John Smith seen 01/02/2020"}]
    _, out = _run(tmp_path, fake_nlp, records, operator="surrogate", group_field="pid", date_shift=True, seed=1)
    name_a, date_a1 = re.fullmatch(r"(.+) seen (.+)", out[0]["text"]).groups()
    last_a, date_a2 = re.fullmatch(r"(.+) back (.+)", out[1]["text"]).groups()
    assert name_a.split(" ")[1] == last_a                       # same patient, same surrogate
    d1, d2 = (dt.datetime.strptime(d, "%m/%d/%Y").date() for d in (date_a1, date_a2))
    assert (d2 - d1).days == 10 and d1 != dt.date(2020, 1, 2)   # one offset per group: interval kept
    assert out[2]["text"] != out[0]["text"]                     # another patient, other surrogates
    _, again = _run(tmp_path, fake_nlp, records, operator="surrogate", group_field="pid", date_shift=True, seed=1)
    assert again == out                                         # reproducible with the same seed
    _, other = _run(tmp_path, fake_nlp, records, operator="surrogate", group_field="pid", date_shift=True, seed=2)
    assert other != out


def test_keep_and_hipaa_ages_end_to_end(tmp_path, fake_nlp):
    _, out = _run(tmp_path, fake_nlp, [{"text": "Smith, 93yo, 67yo, 01/02/2020"}], keep=("DATE",), hipaa_ages=True)
    assert out[0]["text"] == "[PATIENT], [AGE], 67yo, 01/02/2020"


@pytest.mark.parametrize("with_text", [False, True])
def test_audit(tmp_path, fake_nlp, with_text):
    audit = tmp_path / "audit.jsonl"
    _run(tmp_path, fake_nlp, [{"text": f"{SECRET} seen 01/02/2020, 67yo"}, {"text": "nothing"}],
         audit=audit, audit_text=with_text, hipaa_ages=True)
    lines = read_jsonl(audit)
    assert [line["id"] for line in lines] == [1, 2]
    expected = [{"start": 0, "end": 17, "label": "PATIENT"}, {"start": 23, "end": 33, "label": "DATE"},
                {"start": 35, "end": 39, "label": "AGE", "kept": True}]
    if with_text:
        for item, text in zip(expected, (SECRET, "01/02/2020", "67yo")):
            item["text"] = text
    assert lines[0]["phi"] == expected
    assert lines[1] == {"id": 2, "phi": []}
    assert (SECRET in audit.read_text(encoding="utf-8")) is with_text


def _interrupt_after(monkeypatch, k):
    """Make the runner crash (like a kill) after handling k records."""
    original, seen = Runner.handle, {"n": 0}

    def handle(self, doc, item):
        if seen["n"] == k:
            raise KeyboardInterrupt
        seen["n"] += 1
        original(self, doc, item)

    monkeypatch.setattr(Runner, "handle", handle)


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet", "dir"])
def test_resume_after_interruption(tmp_path, fake_nlp, monkeypatch, fmt):
    texts = [f"Smith {i} seen 01/02/2020" if i % 3 else f"note {i}" for i in range(23)]
    src, out = _write_input(tmp_path, fmt, texts), tmp_path / f"out.{fmt}"
    opts = dict(nlp=fake_nlp, batch_size=4, checkpoint_every=5, audit=tmp_path / "audit.jsonl", operator="hash",
                seed=1)
    _interrupt_after(monkeypatch, 13)
    with pytest.raises(KeyboardInterrupt):
        deidentify(src, out, **opts)
    assert not out.exists() and not (tmp_path / "audit.jsonl").exists()  # nothing half-written appears
    partial = tmp_path / f".out.{fmt}.partial"
    if fmt == "jsonl":  # a crash mid-write after the checkpoint: garbage that resume must cut off
        with partial.open("ab") as fh:
            fh.write(b'{"text": "half a rec')
    monkeypatch.undo()
    summary = deidentify(src, out, resume=True, **opts)
    assert summary.resumed_from == 10 and summary.records == 23
    assert _read_output(out, fmt) == _read_output(_fresh(tmp_path, src, fmt, opts), fmt)
    assert [a["id"] for a in read_jsonl(tmp_path / "audit.jsonl")] == _expected_ids(fmt, 23)
    assert not partial.exists()


def _write_input(tmp_path, fmt, texts):
    if fmt == "jsonl":
        return write_jsonl(tmp_path / "in.jsonl", [{"k": i, "text": t} for i, t in enumerate(texts)])
    if fmt == "csv":
        with (tmp_path / "in.csv").open("w", newline="", encoding="utf-8") as fh:
            csv.writer(fh).writerows([["k", "text"], *[[i, t] for i, t in enumerate(texts)]])
        return tmp_path / "in.csv"
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        pq.write_table(pa.table({"k": list(range(len(texts))), "text": texts}), tmp_path / "in.parquet",
                       row_group_size=7)
        return tmp_path / "in.parquet"
    folder = tmp_path / "in"
    folder.mkdir()
    for i, t in enumerate(texts):
        (folder / f"n{i:02d}.txt").write_text(t, encoding="utf-8")
    return folder


def _read_output(path, fmt):
    if fmt == "parquet":
        import pyarrow.parquet as pq

        return pq.read_table(path).to_pylist()
    if fmt == "dir":
        return {p.name: p.read_text(encoding="utf-8") for p in sorted(path.iterdir())}
    return path.read_text(encoding="utf-8")


def _fresh(tmp_path, src, fmt, opts):
    ref = tmp_path / f"ref.{fmt}"
    deidentify(src, ref, **{**opts, "audit": None})
    return ref


def _expected_ids(fmt, n):
    return [f"n{i:02d}.txt" for i in range(n)] if fmt == "dir" else list(range(1, n + 1))


def test_resume_with_other_options_is_refused(tmp_path, fake_nlp, monkeypatch):
    src = write_jsonl(tmp_path / "in.jsonl", [{"text": f"Smith {i}"} for i in range(10)])
    _interrupt_after(monkeypatch, 6)
    with pytest.raises(KeyboardInterrupt):
        deidentify(src, tmp_path / "out.jsonl", nlp=fake_nlp, checkpoint_every=2, operator="hash", seed=1)
    monkeypatch.undo()
    with pytest.raises(UsageError) as err:
        deidentify(src, tmp_path / "out.jsonl", nlp=fake_nlp, operator="hash", seed=2, resume=True)
    assert err.value.code == "S009" and "key" in str(err.value)
    summary = deidentify(src, tmp_path / "out.jsonl", nlp=fake_nlp, operator="hash", seed=1, resume=True)
    assert summary.resumed_from == 6 and len(read_jsonl(tmp_path / "out.jsonl")) == 10


def test_refuses_to_write_over_or_into_input(tmp_path, fake_nlp):
    src = write_jsonl(tmp_path / "in.jsonl", [{"text": "Smith"}])
    folder = tmp_path / "notes"
    (folder / "sub").mkdir(parents=True)
    (folder / "a.txt").write_text("Smith", encoding="utf-8")
    cases = [(src, src, {}), (folder, folder / "out", {}), (folder, folder, {}), (folder / "sub", folder, {}),
             (src, tmp_path / "out.jsonl", {"errors": src}), (folder, tmp_path / "o", {"audit": folder / "a.jsonl"})]
    for source, output, extra in cases:
        with pytest.raises(UsageError) as err:
            deidentify(source, output, nlp=fake_nlp, **extra)
        assert err.value.code == "S004"
    assert read_jsonl(src) == [{"text": "Smith"}] and (folder / "a.txt").read_text() == "Smith"


@pytest.mark.parametrize("overrides,code", [
    ({"operator": "scramble"}, "S005"), ({"batch_size": 0}, "S010"), ({"workers": 0}, "S010"),
    ({"seed": 1, "key_file": "k"}, "S010"),
])
def test_bad_options_are_usage_errors(tmp_path, fake_nlp, overrides, code):
    src = write_jsonl(tmp_path / "in.jsonl", [{"text": "Smith"}])
    with pytest.raises(UsageError) as err:
        deidentify(src, tmp_path / "out.jsonl", nlp=fake_nlp, **overrides)
    assert err.value.code == code


def test_key_file(tmp_path, fake_nlp):
    (tmp_path / "short.key").write_bytes(b"x" * 8)
    (tmp_path / "good.key").write_bytes(b"k" * 32)
    for name in ("short.key", "good.key"):
        (tmp_path / name).chmod(0o600)
    with pytest.raises(UsageError) as err:
        _run(tmp_path, fake_nlp, [{"text": "Smith"}], key_file=tmp_path / "short.key")
    assert err.value.code == "S006"
    _, first = _run(tmp_path, fake_nlp, [{"text": "Smith"}], operator="hash", key_file=tmp_path / "good.key")
    _, second = _run(tmp_path, fake_nlp, [{"text": "Smith"}], operator="hash", key_file=tmp_path / "good.key")
    assert first == second and first[0]["text"].startswith("[PATIENT:")


def test_bad_records_reported_by_file_and_line(tmp_path, fake_nlp):
    lines = [json.dumps({"text": "Smith one"}).encode(), b'{"text": "Smith two", oops}', b"",
             json.dumps({"body": "Smith three"}).encode(), json.dumps({"text": 42}).encode(), b"[1, 2]",
             b'{"text": "Smith \xff\xfe four"}', json.dumps({"text": "Smith five"}).encode()]
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"\n".join(lines) + b"\n")
    summary = deidentify(src, tmp_path / "out.jsonl", nlp=fake_nlp)
    assert [r["text"] for r in read_jsonl(tmp_path / "out.jsonl")] == ["[PATIENT] one", "[PATIENT] five"]
    errors = read_jsonl(tmp_path / "out.jsonl.errors.jsonl")
    assert [(e["file"], e["line"], e["code"]) for e in errors] == [
        ("in.jsonl", 2, "S020"), ("in.jsonl", 4, "S022"), ("in.jsonl", 5, "S023"), ("in.jsonl", 6, "S021"),
        ("in.jsonl", 7, "S024")]
    assert all("Smith" not in e["message"] for e in errors)
    assert (summary.records, summary.failed) == (2, 5)


def test_bad_utf8_txt_in_folder(tmp_path, fake_nlp):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "good.txt").write_text("Smith ok", encoding="utf-8")
    (folder / "bad.txt").write_bytes(b"line one\nSmith \xc3\x28 two\n")
    errors = tmp_path / "errs.jsonl"
    summary = deidentify(folder, tmp_path / "out", nlp=fake_nlp, errors=errors)
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == ["good.txt"]
    assert [(e["file"], e["line"], e["code"]) for e in read_jsonl(errors)] == [("bad.txt", 2, "S024")]
    assert summary.failed == 1 and summary.records == 1


def test_bad_csv_rows(tmp_path, fake_nlp):
    src = tmp_path / "in.csv"
    src.write_bytes(b"id,text\n1,Smith a\n2,Smith b,extra\n3,\"Smith \xff c\"\n4,Smith d\n")
    summary = deidentify(src, tmp_path / "out.csv", nlp=fake_nlp)
    assert (tmp_path / "out.csv").read_text() == "id,text\n1,[PATIENT] a\n4,[PATIENT] d\n"
    errors = read_jsonl(tmp_path / "out.csv.errors.jsonl")
    assert [(e["line"], e["code"]) for e in errors] == [(3, "S025"), (4, "S027")]
    assert summary.failed == 2


def test_no_phi_in_logs_stderr_or_errors(tmp_path, fake_model_dir, caplog, capfd):
    caplog.set_level(logging.DEBUG)
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"\n".join([
        json.dumps({"text": f"{SECRET} seen 01/02/2020"}).encode(),
        b'{"text": "' + SECRET.encode() + b'", broken',
        json.dumps({"note": SECRET}).encode(),
        b'{"text": "' + SECRET.encode() + b' \xff"}',
    ]) + b"\n")
    summary = deidentify(src, tmp_path / "out.jsonl", model=str(fake_model_dir), quiet=False,
                         operator="surrogate", seed=5)
    captured = capfd.readouterr()
    assert summary.failed == 3 and caplog.records
    for where in (caplog.text, captured.out, captured.err, (tmp_path / "out.jsonl.errors.jsonl").read_text(),
                  (tmp_path / "out.jsonl").read_text(), json.dumps(summary.to_dict())):
        assert SECRET not in where and "Zorbla" not in where and "Quentworth" not in where


def _peak_memory(tmp_path, nlp, n: int) -> tuple[int, int]:
    blob = "y" * 2500  # a big untouched field: the notes are tiny, the input is mostly this
    src = tmp_path / f"big{n}.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for i in range(n):
            fh.write(json.dumps({"id": i, "text": "Smith seen 01/02/2020", "blob": blob}) + "\n")
    tracemalloc.start()
    try:
        summary = deidentify(src, tmp_path / f"out{n}.jsonl", nlp=nlp, batch_size=128, checkpoint_every=5000)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert summary.records == n and (tmp_path / f"out{n}.jsonl").stat().st_size > src.stat().st_size * 0.9
    return peak, src.stat().st_size


def test_streaming_memory_stays_flat(tmp_path, fake_nlp):
    _peak_memory(tmp_path, fake_nlp, 200)  # imports and caches out of the way
    small, _ = _peak_memory(tmp_path, fake_nlp, 2_000)
    large, size = _peak_memory(tmp_path, fake_nlp, 8_000)
    assert large < small * 1.3, (small, large)  # four times the input, the same memory: one batch at a time
    assert large < size / 10, (large, size)


def test_load_pipeline_by_path_and_errors(tmp_path, fake_model_dir):
    nlp = load_pipeline(fake_model_dir)
    assert [e.label_ for e in nlp("Smith seen 01/02/2020").ents] == ["PATIENT", "DATE"]
    for bad in ("no_such_package_xyz", str(tmp_path)):
        with pytest.raises(UsageError) as err:
            load_pipeline(bad)
        assert err.value.code == "S001"


@pytest.mark.slow
def test_workers_two_same_as_one(tmp_path, fake_nlp):
    records = [{"pid": str(i % 4), "text": f"John Smith {i} seen 01/02/2020"} for i in range(200)]
    src = write_jsonl(tmp_path / "in.jsonl", records)
    opts = dict(nlp=fake_nlp, operator="surrogate", group_field="pid", seed=9, batch_size=16)
    deidentify(src, tmp_path / "one.jsonl", workers=1, **opts)
    deidentify(src, tmp_path / "two.jsonl", workers=2, **opts)
    assert (tmp_path / "one.jsonl").read_bytes() == (tmp_path / "two.jsonl").read_bytes()
