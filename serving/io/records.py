"""Records flowing through a run, bad records, and the appendable partial files that make resume exact."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterator, Protocol

from medkiln.core.errors import RecordError


@dataclass(frozen=True)
class Fields:
    """Which fields of a record hold the text, the id and the group (record formats only)."""

    text: str = "text"
    id: str | None = None
    group: str | None = None


@dataclass
class Record:
    """One input unit: `index` counts every unit read (good or bad) and is what resume skips by."""

    index: int
    id: Any
    text: str
    group: str
    source: str
    line: int
    payload: Any


@dataclass
class BadRecord:
    index: int
    source: str
    line: int
    error: RecordError
    id: Any = None

    def to_json(self) -> dict:
        return {"file": self.source, "line": self.line, "id": self.id, "code": self.error.code,
                "message": self.error.message}


Item = Record | BadRecord


class Source(Protocol):
    """Reads an input lazily; `total` is the number of units when known cheaply, else None."""

    total: int | None

    def records(self, skip: int = 0) -> Iterator[Item]:
        """Yield records and bad records in input order, after skipping the first `skip` units."""


class Sink(Protocol):
    """Writes the de-identified output into a partial path; `finalize` moves it to the output."""

    partial_is_dir: bool

    def open(self, partial: Path, state: dict | None) -> None: ...
    def write(self, record: Record, text: str | None, extra: dict | None = None) -> None:
        """Write one record: `text` replaces its text (None keeps it), `extra` sets added fields."""
    def checkpoint(self) -> dict: ...
    def finalize(self, partial: Path, output: Path) -> None: ...
    def close(self) -> None: ...


def _type_name(value: Any) -> str:
    return "null" if value is None else type(value).__name__


def _json_id(value: Any) -> Any:
    return value if isinstance(value, (str, int)) and not isinstance(value, bool) else str(value)


def lone_surrogate(text: str) -> int | None:
    """The offset of the first unpaired surrogate in `text` (JSON's "\\ud800" decodes to one), else None."""
    if text.isascii():
        return None
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as err:
        return err.start
    return None


def make_record(row: dict, fields: Fields, *, index: int, source: str, line: int, default_id: Any,
                payload: Any) -> Item:
    """Check a dict-like record (JSONL object, CSV row, Parquet row) and build a Record or a BadRecord."""
    rid = default_id
    if fields.id is not None:
        if row.get(fields.id) is None:
            return BadRecord(index, source, line, RecordError("S022", path=source, line=line, field=fields.id))
        rid = _json_id(row[fields.id])
    if fields.text not in row:
        return BadRecord(index, source, line, RecordError("S022", path=source, line=line, field=fields.text), rid)
    text = row[fields.text]
    if not isinstance(text, str):
        err = RecordError("S023", path=source, line=line, field=fields.text, expected="a string",
                          got=_type_name(text))
        return BadRecord(index, source, line, err, rid)
    bad = lone_surrogate(text)
    if bad is not None:
        err = RecordError("S028", path=source, line=line, field=fields.text, offset=bad)
        return BadRecord(index, source, line, err, rid)
    group = row.get(fields.group) if fields.group else None
    group = str(rid) if group is None else str(group)
    return Record(index, rid, text, group, source, line, payload)


def open_private(path: Path, mode: str = "wb"):
    """Open `path` for writing, created readable and writable by its owner only (0600): for files that hold
    PHI, offsets of PHI, or keys. An existing file is made 0600 too."""
    flags = os.O_WRONLY | os.O_CREAT | (os.O_APPEND if "a" in mode else os.O_TRUNC)
    fd = os.open(path, flags, 0o600)
    os.fchmod(fd, 0o600)
    return os.fdopen(fd, mode)


class AppendFile:
    """A binary file written by appending; `checkpoint` returns the offset to truncate to on resume.
    `private` files are created 0600 (see `open_private`)."""

    def __init__(self, path: Path, offset: int | None, *, private: bool = False) -> None:
        self.path = path
        if offset is None:
            self.fh = open_private(path) if private else path.open("wb")
        else:
            self.fh = path.open("r+b")
            self.fh.truncate(offset)
            self.fh.seek(offset)

    def write(self, data: bytes) -> None:
        self.fh.write(data)

    def checkpoint(self) -> int:
        self.fh.flush()
        os.fsync(self.fh.fileno())
        return self.fh.tell()

    def close(self) -> None:
        if not self.fh.closed:
            self.fh.close()


def atomic_write_bytes(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    try:
        tmp.write_bytes(data)
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)


class AppendSink:
    """Shared by the single-file sinks (JSONL, CSV): one `AppendFile` partial, checkpointed by offset and
    renamed onto the output at the end. Subclasses write records and may write a header in `open`."""

    partial_is_dir = False
    out: AppendFile | None = None

    def open(self, partial: Path, state: dict | None) -> None:
        self.out = AppendFile(partial, None if state is None else state["offset"])

    def checkpoint(self) -> dict:
        return {"offset": self.out.checkpoint()}

    def finalize(self, partial: Path, output: Path) -> None:
        self.close()
        partial.replace(output)

    def close(self) -> None:
        if self.out is not None:
            self.out.close()
