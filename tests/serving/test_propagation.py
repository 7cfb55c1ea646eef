"""Run-wide propagation: what the lexicon learns (table-driven), and `medkiln deid` end to end with its spool,
resume, the opt-out and the audit marks. Every name here is invented."""

from __future__ import annotations

import pytest
from deid_helpers import read_jsonl, write_jsonl
from deid_helpers import WARD_TEXTS as TEXTS
from deid_helpers import ward_nlp as _ward_nlp
from typer.testing import CliRunner

from medkiln.serving.deid import deidentify
from medkiln.core.errors import UsageError
from medkiln.serving.propagation import RunLexicon, words



def _learn(records: list[tuple[str, list[tuple[int, int, str]]]], **kw) -> RunLexicon:
    return RunLexicon.from_run(lambda: records, **kw)


def _marked(text: str, word: str, label: str = "HOSPITAL") -> tuple[str, list]:
    start = text.index(word)
    return text, [(start, start + len(word), label)]


@pytest.mark.parametrize("records,learned", [
    # marked in two records, one more bare mention: learned
    ([_marked("to Halvorsen 2", "Halvorsen 2"), _marked("on Halvorsen 6", "Halvorsen"), ("halvorsen 3 now", [])],
     {"halvorsen": "HOSPITAL"}),
    # marked in one record only, in 2 of its 3 mentions: learned
    ([_marked("Halvorsen 2 and Halvorsen 3", "Halvorsen 2 and Halvorsen"), ("halvorsen", [])],
     {"halvorsen": "HOSPITAL"}),
    # marked in two records but usually an ordinary word (2 of 7 mentions): not learned; "Pell" (1 of 1) is
    ([_marked("Rose Pell called", "Rose Pell", "PATIENT"), _marked("Rose called", "Rose", "PATIENT"),
      ("BP rose, rose again, rose", []), ("HR rose", []), ("temp rose", [])], {"pell": "PATIENT"}),
    # marked in 1 of 4 mentions: under the rate, not learned
    ([_marked("Mrs Zorbla called", "Zorbla", "PATIENT"), ("zorbla", []), ("zorbla", []), ("zorbla", [])], {}),
    # generic words of hospital names and stop words are never learned, the distinctive word is
    ([_marked("St. Ottilie Hospital", "St. Ottilie Hospital"), _marked("the Ottilie hospital", "Ottilie hospital"),
      ("hospital", [])], {"ottilie": "HOSPITAL"}),
    # German: the words of hospital names, salutations and articles are never learned, the distinctive word is
    ([_marked("Klinikum der Stadt Quellbrunn", "Klinikum der Stadt Quellbrunn"),
      _marked("Sehr geehrte Frau Kollegin", "Kollegin", "PATIENT"),
      _marked("Abteilung Quellbrunn", "Abteilung Quellbrunn"),
      ("Die Kollegin der Abteilung", [])], {"stadt": "HOSPITAL", "quellbrunn": "HOSPITAL"}),
    # the majority label wins; a possessive counts as the word
    ([_marked("Dr. Quill's note", "Quill", "DOCTOR"), _marked("Quill agreed", "Quill", "DOCTOR"),
      _marked("Quill Street", "Quill", "PATIENT")], {"quill": "DOCTOR"}),
    # labels that are not names or places are not learned
    ([_marked("on Monday", "Monday", "DATE"), _marked("Monday again", "Monday", "DATE"), ("monday", [])], {}),
])
def test_what_the_run_learns(records, learned):
    assert _learn(records).learned == learned


def test_min_records_asks_for_marks_in_several_records():
    one_record = [_marked("Halvorsen 2 and Halvorsen 3", "Halvorsen 2 and Halvorsen"), ("halvorsen", [])]
    assert _learn(one_record, min_records=2).learned == {}
    two_records = one_record + [_marked("to Halvorsen 6", "Halvorsen")]
    assert _learn(two_records, min_records=2).learned == {"halvorsen": "HOSPITAL"}


def test_spans_are_whole_words_any_case_and_never_overlap():
    lexicon = _learn([_marked("to Halvorsen 2", "Halvorsen"), _marked("to Halvorsen 3", "Halvorsen")])
    text = "HALVORSEN 4, halvorsen's desk, Halvorsens, preHalvorsen, Halvorsen-Blake, Halvorsen"
    taken = [(len(text) - len("Halvorsen"), len(text), "PATIENT")]
    assert lexicon.spans(text, taken) == [(0, 9, "HOSPITAL"), (13, 22, "HOSPITAL")]


def test_words_drop_the_possessive_and_keep_inner_marks():
    assert [w for _, _, w in words("O'Neill's Vell-Amory x2 ab Ann's")] == ["o'neill", "vell-amory", "x", "ab", "ann"]


def test_deid_marks_other_mentions_across_records(tmp_path):
    src = write_jsonl(tmp_path / "in.jsonl", [{"text": t} for t in TEXTS])
    audit = tmp_path / "audit.jsonl"
    summary = deidentify(src, tmp_path / "out.jsonl", nlp=_ward_nlp(), audit=audit, quiet=True)
    out = [r["text"] for r in read_jsonl(tmp_path / "out.jsonl")]
    assert out[2] == "plan: to [HOSPITAL] 2 when bed avail" and out[4] == "ask [HOSPITAL] 6 for a bed"
    assert all("alvorsen" not in t.lower() for t in out)
    assert summary.propagated == 2 and summary.learned_words == 1 and summary.phi == {"HOSPITAL": 4}
    marks = [[p.get("propagated", False) for p in a["phi"]] for a in read_jsonl(audit)]
    assert marks == [[False], [False], [True], [], [True]]
    assert not list(tmp_path.glob(".out.jsonl.partial*"))  # the spool is gone with the other partial files

    off = deidentify(src, tmp_path / "off.jsonl", nlp=_ward_nlp(), run_propagation=False, quiet=True)
    assert [r["text"] for r in read_jsonl(tmp_path / "off.jsonl")][2] == TEXTS[2]
    assert off.propagated is None and "propagated" not in off.to_dict()


class _Flaky:
    """An nlp whose pipe dies (like a kill) at its `k`-th doc over all calls; counts the texts it was given."""

    def __init__(self, nlp, k: int | None) -> None:
        self.nlp, self.k, self.seen = nlp, k, 0

    def pipe(self, pairs, **kw):
        for pair in self.nlp.pipe(pairs, **kw):
            if self.k is not None and self.seen == self.k:
                raise KeyboardInterrupt
            self.seen += 1
            yield pair


def test_resume_continues_the_first_pass_and_the_spool_holds_no_text(tmp_path):
    texts = TEXTS * 3
    src = write_jsonl(tmp_path / "in.jsonl", [{"text": t} for t in texts])
    flaky = _Flaky(_ward_nlp(), 7)
    with pytest.raises(KeyboardInterrupt):
        deidentify(src, tmp_path / "out.jsonl", nlp=flaky, batch_size=2, quiet=True)
    spool = tmp_path / ".out.jsonl.partial.spans.tmp"
    body = spool.read_text(encoding="utf-8")
    done = len(body.splitlines()) - 1
    assert done == 6  # the three whole batches of two before the one that died
    assert "alvorsen" not in body.lower() and "Transfer" not in body
    assert oct(spool.stat().st_mode & 0o777) == oct(0o600)  # offsets of PHI: readable by the owner only
    with spool.open("ab") as fh:  # a crash mid-line: resume cuts it off
        fh.write(b'{"i": 6, "e": [[0, ')
    rest = _Flaky(_ward_nlp(), None)
    summary = deidentify(src, tmp_path / "out.jsonl", nlp=rest, batch_size=2, quiet=True, resume=True)
    assert rest.seen == len(texts) - done and summary.records == len(texts)
    fresh = deidentify(src, tmp_path / "fresh.jsonl", nlp=_ward_nlp(), quiet=True)
    assert read_jsonl(tmp_path / "out.jsonl") == read_jsonl(tmp_path / "fresh.jsonl")
    assert summary.propagated == fresh.propagated == 6


def test_spool_out_of_step_with_the_input_is_refused(tmp_path, monkeypatch):
    from medkiln.serving.batch import Runner

    src = write_jsonl(tmp_path / "in.jsonl", [{"text": t} for t in TEXTS])

    def crash(self, doc, item):
        raise KeyboardInterrupt

    monkeypatch.setattr(Runner, "handle", crash)  # dies in the writing pass, after the spool is complete
    with pytest.raises(KeyboardInterrupt):
        deidentify(src, tmp_path / "out.jsonl", nlp=_ward_nlp(), quiet=True)
    monkeypatch.undo()
    assert (tmp_path / ".out.jsonl.partial.spans").exists()
    # the same size, but one record became two: the spool's units no longer match the input's
    lines = src.read_text(encoding="utf-8").splitlines(keepends=True)
    two = '{"text": "a"}\n{"text": "b"}\n'
    lines[2] = two[:-1] + " " * (len(lines[2]) - len(two)) + "\n"
    src.write_text("".join(lines), encoding="utf-8")
    with pytest.raises(UsageError) as err:
        deidentify(src, tmp_path / "out.jsonl", nlp=_ward_nlp(), quiet=True, resume=True)
    assert err.value.code == "S011" and "unit 2" in str(err.value)  # the first unit whose text changed


def test_cli_opt_out(tmp_path):
    from medkiln.factory.cli.main import app

    model = tmp_path / "model"
    _ward_nlp().to_disk(model)
    src = write_jsonl(tmp_path / "in.jsonl", [{"text": t} for t in TEXTS])
    for flag, expected in (("--run-propagation", "plan: to [HOSPITAL] 2 when bed avail"),
                           ("--no-run-propagation", TEXTS[2])):
        out = tmp_path / f"out{flag}.jsonl"
        result = CliRunner().invoke(app, ["deid", str(src), str(out), "--model", str(model), "-q", flag])
        assert result.exit_code == 0, result.output
        assert read_jsonl(out)[2]["text"] == expected
