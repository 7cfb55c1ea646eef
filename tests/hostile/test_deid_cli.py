"""`medkiln deid` under hostile input, paths and stale state (the catalogue of the hostile-input issue and its
neighbours). Each case asserts the outcome through `Outcome.check` (see conftest)."""

from __future__ import annotations

import csv
import json
import os
import stat

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from hostile_kit import SENTINEL, note, tree
from deid_helpers import read_jsonl, write_jsonl

G = pytest.mark.guarantee


def _jsonl(tmp_path, n=3, name="in.jsonl"):
    return write_jsonl(tmp_path / name, [{"id": i, "text": note(i)} for i in range(n)])


@G("G2")
def test_an_existing_output_folder_is_refused_and_its_files_survive_overwrite(tmp_path, medkiln, model_dir):
    src = tmp_path / "notes"
    src.mkdir()
    for i in range(3):
        (src / f"n{i}.txt").write_text(note(i), encoding="utf-8")
    out = tmp_path / "OUT"
    out.mkdir()
    (out / "keep.me").write_text("the user's own file", encoding="utf-8")
    (out / "n0.txt").write_text("an older copy", encoding="utf-8")
    before = tree(tmp_path)
    medkiln("deid", src, out, "-m", model_dir, "-q").check(2, error="S012", root=tmp_path, before=before)
    before = tree(tmp_path)
    result = medkiln("deid", src, out, "-m", model_dir, "-q", "--overwrite", read=(out / "n1.txt",))
    result.check(0, root=tmp_path, before=before, allowed=("OUT", "OUT.errors.jsonl"))
    assert (out / "keep.me").read_text(encoding="utf-8") == "the user's own file"
    assert sorted(p.name for p in out.iterdir()) == ["keep.me", "n0.txt", "n1.txt", "n2.txt"]
    assert "[PATIENT]" in (out / "n0.txt").read_text(encoding="utf-8")


@G("G2")
def test_existing_output_file_errors_or_audit_are_refused(tmp_path, medkiln, model_dir):
    src = _jsonl(tmp_path)
    for name in ("out.jsonl", "out.jsonl.errors.jsonl", "audit.jsonl"):
        target = tmp_path / name
        target.write_text("precious", encoding="utf-8")
        before = tree(tmp_path)
        medkiln("deid", src, tmp_path / "out.jsonl", "-m", model_dir, "-q", "--audit", tmp_path / "audit.jsonl"
                ).check(2, error="S012", root=tmp_path, before=before)
        target.unlink()


@G("G3")
@pytest.mark.parametrize("errors,audit", [("same.jsonl", "same.jsonl"), ("out.jsonl", None), (None, "out.jsonl"),
                                          (None, "out.jsonl.errors.jsonl")])
def test_two_outputs_never_share_a_path(tmp_path, medkiln, model_dir, errors, audit):
    src = _jsonl(tmp_path)
    args = [a for flag, v in (("--errors", errors), ("--audit", audit)) if v for a in (flag, tmp_path / v)]
    before = tree(tmp_path)
    medkiln("deid", src, tmp_path / "out.jsonl", "-m", model_dir, "-q", *args).check(
        2, error="S017", root=tmp_path, before=before)


@G("G1")
@pytest.mark.parametrize("case", ["output_is_input", "output_inside_input", "audit_is_input", "errors_in_input",
                                  "dot"])
def test_the_input_is_never_written(tmp_path, medkiln, model_dir, monkeypatch, case):
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "a.txt").write_text(note(), encoding="utf-8")
    src = _jsonl(tmp_path)
    args = {"output_is_input": (src, src), "output_inside_input": (folder, folder / "sub"),
            "audit_is_input": (src, tmp_path / "o.jsonl", "--audit", src),
            "errors_in_input": (folder, tmp_path / "o", "--errors", folder / "e.jsonl"),
            "dot": ("notes", ".")}[case]
    monkeypatch.chdir(tmp_path)
    before = tree(tmp_path)
    medkiln("deid", *args, "-m", model_dir, "-q").check(2, error="S004", root=tmp_path, before=before)


@G("G6")
def test_a_csv_naming_the_text_column_twice_is_refused(tmp_path, medkiln, model_dir):
    src = tmp_path / "in.csv"
    with src.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["id", "text", "text"], [1, note(1), note(2)]])
    before = tree(tmp_path)
    medkiln("deid", src, tmp_path / "out.csv", "-m", model_dir, "-q").check(2, error="S015", root=tmp_path,
                                                                             before=before)


@G("G6")
def test_a_parquet_naming_a_column_twice_or_damaged_is_refused(tmp_path, medkiln, model_dir):
    table = pa.table([pa.array(["1"]), pa.array([note()]), pa.array([note()])], names=["id", "text", "text"])
    pq.write_table(table, tmp_path / "dup.parquet")
    (tmp_path / "broken.parquet").write_bytes(b"PAR1 not really parquet")
    before = tree(tmp_path)
    medkiln("deid", tmp_path / "dup.parquet", tmp_path / "o.parquet", "-m", model_dir, "-q").check(
        2, error="S015", root=tmp_path, before=before)
    medkiln("deid", tmp_path / "broken.parquet", tmp_path / "o.parquet", "-m", model_dir, "-q").check(
        2, error="S016", root=tmp_path, before=before)


def die_after_four(monkeypatch) -> None:
    """The run writes two units, checkpoints (as it does every few seconds), writes two more and is stopped."""
    from medkiln.serving import batch

    original, calls = batch.Runner.handle, {"n": 0}

    def handle(self, payload, item):
        calls["n"] += 1
        if calls["n"] == 3:
            self.checkpoint()
        if calls["n"] > 4:
            raise KeyboardInterrupt
        return original(self, payload, item)

    monkeypatch.setattr(batch.Runner, "handle", handle)


@G("G10")
def test_resume_after_a_folder_file_changed_is_refused(tmp_path, medkiln, model_dir, monkeypatch):
    src = tmp_path / "notes"
    src.mkdir()
    for i in range(6):
        (src / f"n{i}.txt").write_text(note(i), encoding="utf-8")
    die_after_four(monkeypatch)
    medkiln("deid", src, tmp_path / "out", "-m", model_dir, "-q", "--no-run-propagation").check(130)
    monkeypatch.undo()
    # the same size, another name: what was written for the old text must not be applied to the new one
    (src / "n1.txt").write_text(note(1).replace("Note", "Nota"), encoding="utf-8")
    medkiln("deid", src, tmp_path / "out", "-m", model_dir, "-q", "--no-run-propagation", "--resume").check(
        2, error="S014")
    done = medkiln("deid", src, tmp_path / "out", "-m", model_dir, "-q", "--no-run-propagation")
    done.check(0)
    assert "Nota 1" in (tmp_path / "out" / "n1.txt").read_text(encoding="utf-8")


@G("G10")
def test_resume_after_a_jsonl_changed_without_changing_size_is_refused(tmp_path, medkiln, model_dir, monkeypatch):
    src = _jsonl(tmp_path, 6)
    die_after_four(monkeypatch)
    medkiln("deid", src, tmp_path / "out.jsonl", "-m", model_dir, "-q").check(130)
    monkeypatch.undo()
    data = src.read_bytes()
    src.write_bytes(data.replace(b"Zorbla Quentworth seen", b"Zorbla Quentworth SEEN", 1))
    assert len(src.read_bytes()) == len(data)
    medkiln("deid", src, tmp_path / "out.jsonl", "-m", model_dir, "-q", "--resume").check(2)


@G("G12")
def test_audit_text_and_spool_are_private_and_key_files_are_checked(tmp_path, medkiln, model_dir):
    src = _jsonl(tmp_path)
    audit = tmp_path / "audit.jsonl"
    medkiln("deid", src, tmp_path / "out.jsonl", "-m", model_dir, "-q", "--audit", audit, "--audit-text").check(0)
    assert stat.S_IMODE(audit.stat().st_mode) == 0o600 and SENTINEL in audit.read_text(encoding="utf-8")
    key = tmp_path / "k.key"
    key.write_bytes(b"s" * 32 + b"\n")
    key.chmod(0o644)
    before = tree(tmp_path)
    medkiln("deid", src, tmp_path / "o2.jsonl", "-m", model_dir, "-q", "--operator", "hash", "--key-file", key).check(
        2, error="S006", root=tmp_path, before=before)
    key.chmod(0o600)
    bare = tmp_path / "bare.key"
    bare.write_bytes(b"s" * 32)
    bare.chmod(0o600)
    for k, out in ((key, "o2.jsonl"), (bare, "o3.jsonl")):
        medkiln("deid", src, tmp_path / out, "-m", model_dir, "-q", "--operator", "hash", "--key-file", k).check(0)
    assert read_jsonl(tmp_path / "o2.jsonl") == read_jsonl(tmp_path / "o3.jsonl")  # the newline is not the key


@G("G8")
@pytest.mark.parametrize("hide", ["\u202e", "\u200b", "\u2066", "\ufeff", "\u00ad"])
def test_invisible_format_characters_do_not_hide_a_name(tmp_path, medkiln, model_dir, hide):
    text = f"Seen by {hide}Zorbla Quent{hide}worth today. {hide}"
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": 1, "text": text}])
    audit = tmp_path / "audit.jsonl"
    medkiln("deid", src, tmp_path / "out.jsonl", "-m", model_dir, "-q", "--audit", audit,
            read=(tmp_path / "out.jsonl",)).check(0)
    out = read_jsonl(tmp_path / "out.jsonl")[0]["text"]
    assert out == f"Seen by {hide}[PATIENT] today. {hide}"
    (span,) = read_jsonl(audit)[0]["phi"]
    assert text[span["start"]:span["end"]] == f"Zorbla Quent{hide}worth"


@G("G8")
@G("G4")
def test_a_text_over_a_million_characters_is_read_in_pieces(tmp_path, medkiln, model_dir):
    filler = "Vitals stable, no acute distress noted overnight.\n" * 25_000  # ~1.3 M characters
    text = filler + note() + "\n" + filler[:5000] + SENTINEL
    src = write_jsonl(tmp_path / "in.jsonl", [{"id": 1, "text": note(9)}, {"id": 2, "text": text}])
    audit = tmp_path / "audit.jsonl"
    medkiln("deid", src, tmp_path / "out.jsonl", "-m", model_dir, "-q", "--audit", audit,
            read=(tmp_path / "out.jsonl",)).check(0)
    rows = read_jsonl(tmp_path / "out.jsonl")
    assert len(rows) == 2 and rows[1]["text"].endswith("[PATIENT]")
    spans = read_jsonl(audit)[1]["phi"]
    assert [text[s["start"]:s["end"]] for s in spans if s["label"] == "PATIENT"] == [SENTINEL, SENTINEL]
    assert not list(tmp_path.glob(".*"))  # no partial or .tmp files left


@G("G9")
@G("G5")
def test_an_unpaired_surrogate_fails_its_record_only(tmp_path, medkiln, model_dir):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join([json.dumps({"id": 1, "text": note(1)}), '{"id": 2, "text": "Zorbla \\ud800 x"}',
                              '{"id": 3, "text": "ok", "other": "\\udc00"}', json.dumps({"id": 4, "text": note(4)})])
                   + "\n", encoding="utf-8")
    errors = tmp_path / "out.jsonl.errors.jsonl"
    result = medkiln("deid", src, tmp_path / "out.jsonl", "-m", model_dir, "-q", read=(errors,))
    result.check(1)
    assert [r["id"] for r in read_jsonl(tmp_path / "out.jsonl")] == [1, 4]
    assert [(e["line"], e["code"]) for e in read_jsonl(errors)] == [(2, "S028"), (3, "S028")]
    assert not list(tmp_path.glob(".*"))


@G("G5")
@pytest.mark.parametrize("line,code", [
    ('{"id": 2, "text": ' + "[" * 100_000 + "]" * 100_000 + "}", "S020"),   # nested past the recursion limit
    ('{"id": 2, "text": "a", "n": ' + "9" * 5000 + "}", "S020"),            # an integer Python will not read
    ('["not", "an", "object"]', "S021"),
    ('{"id": 2, "text": 17}', "S023"),
    ('{"id": 2, "txt": "x"}', "S022"),
    ('{"id": 2, "text": "\\u0000 nul and \\u202e override"}', None),        # valid: written
])
def test_malformed_jsonl_lines_fail_alone(tmp_path, medkiln, model_dir, line, code):
    src = tmp_path / "in.jsonl"
    src.write_bytes(b"\xef\xbb\xbf" + (json.dumps({"id": 1, "text": note(1)}) + "\n" + line + "\n"
                    + json.dumps({"id": 3, "text": note(3)}) + "\n").encode("utf-8"))
    errors = tmp_path / "out.jsonl.errors.jsonl"
    result = medkiln("deid", src, tmp_path / "out.jsonl", "-m", model_dir, "-q", read=(errors,))
    result.check(1 if code else 0)
    ids = [r["id"] for r in read_jsonl(tmp_path / "out.jsonl")]
    assert ids == ([1, 3] if code else [1, 2, 3])  # the byte-order mark did not cost line 1
    assert [e["code"] for e in read_jsonl(errors)] == ([code] if code else [])


@G("G16")
def test_folder_links_outside_and_unreadable_files_are_reported(tmp_path, medkiln, model_dir):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.txt").write_text(note(7), encoding="utf-8")
    src = tmp_path / "notes"
    (src / "sub").mkdir(parents=True)
    (src / "a.txt").write_text(note(1), encoding="utf-8")
    (src / "sub" / "b.txt").write_text(note(2), encoding="utf-8")
    (src / "link.txt").symlink_to(outside / "secret.txt")
    (src / "linked_dir").symlink_to(outside, target_is_directory=True)
    (src / "inner.txt").symlink_to(src / "a.txt")  # a link inside the tree is read
    (src / "gone.txt").symlink_to(src / "missing.txt")  # dangling: unreadable
    unreadable = os.geteuid() != 0  # root reads a 000 file anyway
    if unreadable:
        (src / "locked.txt").write_text(note(3), encoding="utf-8")
        (src / "locked.txt").chmod(0)
    errors = tmp_path / "out.errors.jsonl"
    before = tree(tmp_path)
    result = medkiln("deid", src, tmp_path / "out", "-m", model_dir, "-q", read=(errors,))
    result.check(1, root=tmp_path, before=before, allowed=("out", "out.errors.jsonl"))
    codes = {e["file"]: e["code"] for e in read_jsonl(errors)}
    assert codes.pop("link.txt") == "S030" and codes.pop("linked_dir") == "S030" and codes.pop("gone.txt") == "S029"
    assert codes == ({"locked.txt": "S029"} if unreadable else {})
    written = sorted(p.relative_to(tmp_path / "out").as_posix() for p in (tmp_path / "out").rglob("*.txt"))
    assert written == ["a.txt", "inner.txt", "sub/b.txt"]


@G("G6")
def test_an_unwritable_output_folder_is_found_before_the_model_loads(tmp_path, medkiln):
    src = _jsonl(tmp_path)
    target = "/proc/medkiln-cannot-write-here/out.jsonl"
    medkiln("deid", src, target, "-m", tmp_path / "no-such-model", "-q").check(2, error="S013")


@G("G17")
def test_a_csv_from_excel_with_a_byte_order_mark(tmp_path, medkiln, model_dir):
    src = tmp_path / "in.csv"
    src.write_bytes(b"\xef\xbb\xbf" + f"text,id\r\n\"{note(1)}\",1\r\n".encode("utf-8"))
    medkiln("deid", src, tmp_path / "out.csv", "-m", model_dir, "-q", read=(tmp_path / "out.csv",)).check(0)
    data = (tmp_path / "out.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbftext,id\r\n") and b"[PATIENT]" in data


@G("G17")
def test_latin1_text_needs_and_takes_an_encoding(tmp_path, medkiln, model_dir):
    src = tmp_path / "notes"
    src.mkdir()
    (src / "a.txt").write_bytes(f"Pt. José {SENTINEL} seen 01/02/2020, café".encode("latin-1"))
    errors = tmp_path / "out.errors.jsonl"
    medkiln("deid", src, tmp_path / "out", "-m", model_dir, "-q", read=(errors,)).check(1)
    assert read_jsonl(errors)[0]["code"] == "S024" and "--encoding" in read_jsonl(errors)[0]["message"]
    medkiln("deid", src, tmp_path / "out", "-m", model_dir, "-q", "--encoding", "latin-1", "--overwrite",
            read=(tmp_path / "out" / "a.txt",)).check(0)
    assert (tmp_path / "out" / "a.txt").read_bytes() == "Pt. José [PATIENT] seen [DATE], café".encode("latin-1")
    medkiln("deid", src, tmp_path / "o2", "-m", model_dir, "-q", "--encoding", "klingon").check(2, error="S018")


@G("G5")
def test_csv_rows_of_the_wrong_width_fail_alone(tmp_path, medkiln, model_dir):
    src = tmp_path / "in.csv"
    with src.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["id", "text"], [1, note(1)], [2, note(2), "extra"], [3, note(3)]])
    errors = tmp_path / "out.csv.errors.jsonl"
    medkiln("deid", src, tmp_path / "out.csv", "-m", model_dir, "-q", read=(errors, tmp_path / "out.csv")).check(1)
    assert [(e["line"], e["code"]) for e in read_jsonl(errors)] == [(3, "S025")]
