"""The record contracts: reading, validating and atomically writing the JSONL every step exchanges, and the one
deterministic split.

Span records: `{"id", "text", "spans": [[start, end, label], ...], "meta": {...}}`, 0-based, end-exclusive
character offsets. Parallel records: `{"id", "src", "ref", "src_lang", "tgt_lang"}`. Reading validates every
record and names the file and line of a bad one (never its text); writing is atomic (a temporary file renamed
into place). `split_of` assigns a record to train, dev or test from its id alone, so a record keeps its split
whatever else the data holds (more records, reviewed copies).

`write_splits` writes the splits as JSONL and, beside them, the same records as a Hugging Face `datasets`
`DatasetDict` (Arrow, in `hf/`), so the spaCy and transformers trainers read one thing. The Arrow copy holds the
JSONL's fields under the same names: strings, numbers and booleans as they are, `spans` as a list of
`{start, end, label}`, anything nested (`meta`, `attributes`, ...) as JSON text; `hf/medkiln.json` says which
column is which and the hash of the JSONL each split was written with (`dataset_is_current`), and
`read_dataset_records` gives back exactly the records of the JSONL. `datasets` is imported only inside these
functions: the serving install does not have it.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import tempfile
from collections import Counter
from pathlib import Path
from typing import Any, Iterable, Iterator

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


# -- the Hugging Face `datasets` copy of the splits ----------------------------------------------------------
DATASET_DICT = "hf"                      # the DatasetDict's folder beside the JSONL splits
DATASET_FORMAT = "medkiln.records.v1"    # the column encoding below; a new encoding gets a new version
_MANIFEST = "medkiln.json"
_INT64 = (-(2 ** 63), 2 ** 63)


def write_splits(out_dir: str | Path, parts: dict[str, list[dict]]) -> dict:
    """Write `{split}.jsonl` for each part and the same records as a DatasetDict in `out_dir/hf` (both
    atomically). Returns the layout for the data card: the JSONL files, the DatasetDict folder and its format."""
    out = Path(out_dir)
    paths = {name: out / f"{name}.jsonl" for name in parts}
    for name, records in parts.items():
        write_jsonl(paths[name], records)
    write_dataset_dict(out / DATASET_DICT, parts, sources=paths)
    return {"splits": {name: path.name for name, path in paths.items()}, "dataset_dict": DATASET_DICT,
            "dataset_format": f"Hugging Face datasets DatasetDict (Arrow), {DATASET_FORMAT}: the JSONL's fields; "
                              "spans as {start, end, label}, nested fields as JSON text (see hf/medkiln.json)"}


def write_dataset_dict(folder: str | Path, splits: dict[str, list[dict]], *,
                       sources: dict[str, Path] | None = None) -> dict:
    """Save `splits` (split name -> records) as a `datasets.DatasetDict` in `folder`, atomically: written to a
    temporary folder beside it, then renamed into place. `sources` (split -> the JSONL it was written to) are
    hashed into the manifest so readers can tell a stale copy. Returns the manifest."""
    folder = Path(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    dataset_dict, columns = records_to_dataset_dict(splits)
    manifest = {"format": DATASET_FORMAT, "columns": columns,
                "splits": {name: len(records) for name, records in splits.items()},
                "sources": {name: {"file": os.path.relpath(path, folder), "sha256": _file_sha256(path)}
                            for name, path in (sources or {}).items()}}
    tmp = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.", suffix=".tmp"))
    try:
        with quiet_datasets():
            # one shard for an empty split too (with none, `load_from_disk` cannot read it back)
            dataset_dict.save_to_disk(str(tmp), num_shards={name: 1 for name, records in splits.items()
                                                            if not records})
        write_json(tmp / _MANIFEST, manifest)
        _swap_folder(tmp, folder)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return manifest


def records_to_dataset_dict(splits: dict[str, list[dict]]) -> tuple[Any, dict[str, str]]:
    """An in-memory `DatasetDict` of the records (one schema for every split) and its column kinds."""
    from datasets import Dataset, DatasetDict, Features, List, Value

    # no record at all (every teacher answer rejected): the record contract's two fields, so the folder still reads
    columns = _column_kinds(rec for records in splits.values() for rec in records) or {"id": "string", "text": "string"}
    span = {"start": Value("int64"), "end": Value("int64"), "label": Value("string")}
    features = Features({name: List(span) if kind == "spans" else Value("string" if kind == "json" else kind)
                         for name, kind in columns.items()})
    built = {}
    for name, records in splits.items():
        rows = {col: [_encode(rec.get(col), kind) if col in rec else None for rec in records]
                for col, kind in columns.items()}
        built[name] = Dataset.from_dict(rows, features=features)
    return DatasetDict(built), columns


def read_dataset_dict(folder: str | Path) -> Any:
    """The `datasets.DatasetDict` saved by `write_dataset_dict` (memory-mapped Arrow). E020 for a folder that
    is missing or was not written by medkiln."""
    folder = Path(folder)
    _manifest(folder)
    from datasets import load_from_disk

    return load_from_disk(str(folder))


def read_dataset_records(folder: str | Path) -> dict[str, list[dict]]:
    """Split name -> the records exactly as the JSONL holds them (nested fields decoded, absent fields absent)."""
    columns = _manifest(Path(folder))["columns"]
    dataset_dict = read_dataset_dict(folder)
    return {name: [_decode(row, columns) for row in dataset] for name, dataset in dataset_dict.items()}


def dataset_is_current(folder: str | Path) -> bool:
    """Whether `folder` holds a DatasetDict whose splits match, byte for byte, the JSONL files it was written
    from (a JSONL edited or rewritten since then makes it stale)."""
    folder = Path(folder)
    try:
        sources = _manifest(folder)["sources"]
    except MedkilnError:
        return False
    paths = {folder / src["file"]: src["sha256"] for src in sources.values()}
    return bool(paths) and all(path.is_file() and _file_sha256(path) == digest for path, digest in paths.items())


def _manifest(folder: Path) -> dict:
    path = folder / _MANIFEST
    if not path.is_file():
        raise MedkilnError("E020", path=folder, reason=f"no {_MANIFEST}")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise MedkilnError("E020", path=folder, reason=f"{_MANIFEST} is not valid JSON") from None
    if not isinstance(manifest, dict) or manifest.get("format") != DATASET_FORMAT:
        raise MedkilnError("E020", path=folder, reason=f"format is not {DATASET_FORMAT}")
    return manifest


def _column_kinds(records: Iterable[dict]) -> dict[str, str]:
    """Column name -> "string", "int64", "float64", "bool", "spans" or "json", in order of first appearance.
    A column whose values are not all of one plain kind (or hold a null) is "json"."""
    kinds: dict[str, str] = {}
    for rec in records:
        for key, value in rec.items():
            kind = _kind(key, value)
            kinds[key] = kind if kinds.get(key, kind) == kind else "json"
    return kinds


def _kind(key: str, value: object) -> str:
    if isinstance(value, bool):
        return "bool"
    if isinstance(value, int):
        return "int64" if _INT64[0] <= value < _INT64[1] else "json"
    if isinstance(value, float):
        return "float64"
    if isinstance(value, str):
        return "string"
    if key == "spans" and isinstance(value, (list, tuple)) and all(_is_span(s) for s in value):
        return "spans"
    return "json"


def _is_span(span: object) -> bool:
    return (isinstance(span, (list, tuple)) and len(span) == 3 and isinstance(span[2], str)
            and all(isinstance(x, int) and not isinstance(x, bool) and _INT64[0] <= x < _INT64[1] for x in span[:2]))


def _encode(value: object, kind: str) -> object:
    if kind == "json":
        return json.dumps(value, ensure_ascii=False)
    if kind == "spans":
        return [{"start": s[0], "end": s[1], "label": s[2]} for s in value]  # type: ignore[union-attr]
    return value


def _decode(row: dict, columns: dict[str, str]) -> dict:
    rec = {}
    for col, kind in columns.items():
        value = row.get(col)
        if value is None:
            continue
        if kind == "json":
            value = json.loads(value)
        elif kind == "spans":
            value = [[s["start"], s["end"], s["label"]] for s in value]
        rec[col] = value
    return rec


def _file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _swap_folder(new: Path, folder: Path) -> None:
    """Put `new` where `folder` is: the old folder is moved aside, the new one renamed in, the old one removed
    (if the rename fails the old folder is put back)."""
    old = None
    if folder.exists() or folder.is_symlink():
        old = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}.", suffix=".old"))
        os.rmdir(old)
        os.replace(folder, old)
    try:
        os.replace(new, folder)
    except BaseException:
        if old is not None:
            os.replace(old, folder)
        raise
    if old is not None:
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink(missing_ok=True)


@contextlib.contextmanager
def quiet_datasets() -> Iterator[None]:
    """No `datasets` progress bars while saving (the steps report their own progress)."""
    from datasets.utils.tqdm import are_progress_bars_disabled, disable_progress_bars, enable_progress_bars

    was_disabled = are_progress_bars_disabled()
    disable_progress_bars()
    try:
        yield
    finally:
        if not was_disabled:
            enable_progress_bars()


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
