"""The record contracts: reading, validating and atomically writing the JSONL every step exchanges, and the one
deterministic split.

Span records: `{"id", "text", "spans": [[start, end, label], ...], "meta": {...}}`, 0-based, end-exclusive
character offsets. Parallel records: `{"id", "src", "ref", "src_lang", "tgt_lang"}`. Reading validates every
record and names the file and line of a bad one (never its text); writing is atomic (a temporary file renamed
into place). `split_of` assigns a record to train, dev or test from its id alone, so a record keeps its split
whatever else the data holds (more records, reviewed copies).
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections import Counter
from pathlib import Path
from typing import Iterable, Iterator

from medkiln.core.errors import MedkilnError


def read_spans(path: str | Path, labels: Iterable[str] | None = None) -> Iterator[dict]:
    """Yield validated span records from a JSONL file."""
    allowed = set(labels) if labels is not None else None
    for line_no, rec in iter_jsonl(path):
        yield _validate(rec, Path(path), line_no, allowed)


def iter_jsonl(path: str | Path) -> Iterator[tuple[int, dict]]:
    """(line number, object) for each non-blank line; E008 for a missing file, E002 naming a bad line."""
    path = Path(path)
    if not path.exists():
        raise MedkilnError("S002", path=path)
    with path.open(encoding="utf-8") as fh:
        for line_no, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                yield line_no, json.loads(line)
            except json.JSONDecodeError as err:
                raise MedkilnError("S020", path=path, line=line_no, reason=err.msg, column=err.colno) from None


def _validate(rec: dict, path: Path, line_no: int, allowed: set[str] | None) -> dict:
    for field in ("text", "spans"):
        if field not in rec:
            raise MedkilnError("S022", path=path, line=line_no, field=field)
    if not isinstance(rec["text"], str):
        raise MedkilnError("S023", path=path, line=line_no, field="text", expected="a string",
                           got=type(rec["text"]).__name__)
    spans = []
    for span in rec["spans"]:
        start, end, label = int(span[0]), int(span[1]), str(span[2])
        if not 0 <= start < end <= len(rec["text"]):
            raise MedkilnError("E005", path=path, line=line_no, span=[start, end], length=len(rec["text"]))
        if allowed is not None and label not in allowed:
            raise MedkilnError("E006", path=path, line=line_no, label=label)
        spans.append([start, end, label])
    rec["spans"] = sorted(spans)
    rec.setdefault("id", f"{path.stem}-{line_no}")
    return rec


def write_jsonl(path: str | Path, records: Iterable[dict]) -> int:
    """Write records as JSONL atomically (temp file + rename). Returns the count."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    n = 0
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            for rec in records:
                fh.write(json.dumps(rec, ensure_ascii=False) + "\n")
                n += 1
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return n


def write_json(path: str | Path, data: object) -> None:
    """Write one JSON document atomically."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=2, ensure_ascii=False, default=str)
            fh.write("\n")
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def label_counts(records: Iterable[dict]) -> Counter:
    """Count spans per label."""
    counts: Counter = Counter()
    for rec in records:
        counts.update(label for _, _, label in rec["spans"])
    return counts


SPLITS = ("train", "dev", "test")


def split_of(record_id: str, dev: float, test: float) -> str:
    """"train", "dev" or "test" for a record id: a hash of the id against the shares (stable as data grows)."""
    bucket = int(hashlib.sha1(str(record_id).encode()).hexdigest()[:8], 16) / 0xFFFFFFFF
    if bucket < test:
        return "test"
    return "dev" if bucket < test + dev else "train"


def _missing_spans(doc, ranges: Iterable, ents: list) -> list:
    """Token runs touching the character `ranges` and no entity of `ents`, as spans (unknown annotation)."""
    taken = {i for ent in ents for i in range(ent.start, ent.end)}
    marked = set()
    for start, end in ranges:
        span = doc.char_span(int(start), int(end), alignment_mode="expand")
        if span is not None:
            marked.update(i for i in range(span.start, span.end) if i not in taken)
    runs, run = [], []
    for i in sorted(marked):
        if run and i != run[-1] + 1:
            runs.append(run)
            run = []
        run.append(i)
    runs += [run] if run else []
    return [doc[r[0]:r[-1] + 1] for r in runs]


def records_to_docbin(records: Iterable[dict], nlp) -> tuple[object, dict]:
    """Span records as a spaCy `DocBin` with `doc.ents` (tokenized by `nlp`); returns it and alignment counts
    (no text). Spans that cover no whole token are contracted to the tokens inside them, or dropped. A record
    may carry `"missing": [[start, end], ...]`: the tokens those character ranges touch (outside its spans) get
    no annotation ("-", neither entity nor O), so a trainer leaves them out of the loss (silver data)."""
    from spacy.tokens import DocBin
    from spacy.util import filter_spans

    docbin = DocBin(store_user_data=False)
    stats = {"docs": 0, "spans": 0, "aligned": 0, "contracted": 0, "misaligned": 0, "overlapping": 0,
             "missing_tokens": 0}
    for rec in records:
        doc = nlp.make_doc(rec["text"])
        spans = []
        for start, end, label in rec["spans"]:
            stats["spans"] += 1
            span = doc.char_span(start, end, label=label, alignment_mode="contract")
            if span is None or not span.text.strip():
                stats["misaligned"] += 1
                continue
            if (span.start_char, span.end_char) != (start, end):
                stats["contracted"] += 1
            spans.append(span)
        kept = filter_spans(spans)
        stats["overlapping"] += len(spans) - len(kept)
        stats["aligned"] += len(kept)
        missing = _missing_spans(doc, rec.get("missing") or (), kept)
        stats["missing_tokens"] += sum(len(m) for m in missing)
        doc.set_ents(kept, missing=missing, default="outside")
        docbin.add(doc)
        stats["docs"] += 1
    return docbin, stats
