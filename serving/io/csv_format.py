"""CSV in and out with the csv module: same header, column order, delimiter and line ending."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Iterator

from ..errors import RecordError, UsageError
from .records import AppendSink, BadRecord, Fields, Item, Record, make_record

_DELIMITERS = ",;\t|"


def raise_field_size_limit() -> None:
    """Notes can be longer than csv's default 128 KiB field limit."""
    limit = sys.maxsize
    while True:
        try:
            csv.field_size_limit(limit)
            return
        except OverflowError:
            limit //= 10


def _has_bad_bytes(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


class CsvSource:
    def __init__(self, path: Path, fields: Fields) -> None:
        self.path, self.fields = path, fields
        self.total: int | None = None
        raise_field_size_limit()
        with self._open() as fh:
            first = fh.readline()
        self.lineterminator = "\r\n" if first.endswith("\r\n") else "\n"
        self.delimiter = "\t" if path.suffix.lower() == ".tsv" else max(_DELIMITERS, key=first.count)
        if first.count(self.delimiter) == 0:
            self.delimiter = ","
        with self._open() as fh:
            self.header = next(csv.reader(fh, delimiter=self.delimiter), [])
        for field in (fields.text, fields.id, fields.group):
            if field is not None and field not in self.header:
                raise UsageError("S007", path=path.name, field=field, available=", ".join(self.header))
        self.text_index = self.header.index(fields.text)

    def _open(self):
        return self.path.open("r", encoding="utf-8", errors="surrogateescape", newline="")

    def records(self, skip: int = 0) -> Iterator[Item]:
        name, width = self.path.name, len(self.header)
        with self._open() as fh:
            reader = csv.reader(fh, delimiter=self.delimiter)
            next(reader, None)
            index, last_line = -1, reader.line_num
            for row in reader:
                line, last_line = last_line + 1, reader.line_num
                if not row:
                    continue
                index += 1
                if index < skip:
                    continue
                if len(row) != width:
                    error = RecordError("S025", path=name, line=line, got=len(row), expected=width)
                    yield BadRecord(index, name, line, error)
                    continue
                bad = next((h for h, v in zip(self.header, row) if _has_bad_bytes(v)), None)
                if bad is not None:
                    yield BadRecord(index, name, line, RecordError("S027", path=name, line=line, field=bad))
                    continue
                yield make_record(dict(zip(self.header, row)), self.fields, index=index, source=name, line=line,
                                  default_id=index + 1, payload=row)


def cell(value: object) -> str:
    """A CSV/Parquet string cell for an added field: strings as they are, anything else as JSON."""
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


class CsvSink(AppendSink):
    def __init__(self, source: CsvSource, extra_fields: tuple[str, ...] = ()) -> None:
        self.extra_fields = tuple(f for f in extra_fields if f not in source.header)
        self.header = list(source.header) + list(self.extra_fields)
        self.index = {name: i for i, name in enumerate(self.header)}
        self.text_index = source.text_index
        self.dialect = {"delimiter": source.delimiter, "lineterminator": source.lineterminator}

    def _row(self, row: list[str]) -> bytes:
        buf = io.StringIO()
        csv.writer(buf, **self.dialect).writerow(row)
        return buf.getvalue().encode("utf-8", errors="surrogateescape")

    def open(self, partial: Path, state: dict | None) -> None:
        super().open(partial, state)
        if state is None:
            self.out.write(self._row(self.header))

    def write(self, record: Record, text: str | None, extra: dict | None = None) -> None:
        row = list(record.payload) + [""] * len(self.extra_fields)
        if text is not None:
            row[self.text_index] = text
        for name, value in (extra or {}).items():
            row[self.index[name]] = cell(value)
        self.out.write(self._row(row))
