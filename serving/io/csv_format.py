"""CSV in and out with the csv module: same header, column order, delimiter and line ending."""

from __future__ import annotations

import csv
import io
import json
import sys
from collections import Counter
from pathlib import Path
from typing import Any, Iterator

from medkiln.core.errors import RecordError, UsageError
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


def check_columns(path: Path, names: list[str], fields: Fields) -> None:
    """Every column named once (S015: a header naming the text column twice would leave one copy in clear),
    and the fields asked for present (S007)."""
    for name, count in Counter(names).items():
        if count > 1:
            raise UsageError("S015", path=path.name, field=name, count=count)
    for field in (fields.text, fields.id, fields.group):
        if field is not None and field not in names:
            raise UsageError("S007", path=path.name, field=field, available=", ".join(names))


class CsvSource:
    def __init__(self, path: Path, fields: Fields, encoding: str = "utf-8") -> None:
        self.path, self.fields, self.encoding = path, fields, encoding
        self.total: int | None = None
        raise_field_size_limit()
        with path.open("rb") as fh:
            self.bom = encoding.replace("_", "-").lower() in ("utf-8", "utf8") and fh.read(3) == b"\xef\xbb\xbf"
        with self._open() as fh:
            first = fh.readline()
        self.lineterminator = "\r\n" if first.endswith("\r\n") else "\n"
        self.delimiter = "\t" if path.suffix.lower() == ".tsv" else max(_DELIMITERS, key=first.count)
        if first.count(self.delimiter) == 0:
            self.delimiter = ","
        with self._open() as fh:
            self.header = next(csv.reader(fh, delimiter=self.delimiter), [])
        check_columns(path, self.header, fields)
        self.text_index = self.header.index(fields.text)

    def _open(self):
        encoding = "utf-8-sig" if self.bom else self.encoding  # Excel's "CSV UTF-8" starts with a byte-order mark
        return self.path.open("r", encoding=encoding, errors="surrogateescape", newline="")

    def _rows(self, reader: Any) -> Iterator[tuple[int, list[str] | csv.Error]]:
        """(first line, row or the csv error) for every row after the header; the reader goes on after an error."""
        last_line = reader.line_num
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as err:
                row = err
            line, last_line = last_line + 1, reader.line_num
            yield line, row

    def records(self, skip: int = 0) -> Iterator[Item]:
        name, width = self.path.name, len(self.header)
        with self._open() as fh:
            reader = csv.reader(fh, delimiter=self.delimiter)
            next(reader, None)
            index = -1
            for line, row in self._rows(reader):
                if not row:
                    continue
                index += 1
                if index < skip:
                    continue
                yield self._record(row, index, name, line, width)

    def _record(self, row: list[str] | csv.Error, index: int, name: str, line: int, width: int) -> Item:
        if isinstance(row, csv.Error):
            return BadRecord(index, name, line, RecordError("S032", path=name, line=line, reason="csv.Error"))
        if len(row) != width:
            return BadRecord(index, name, line, RecordError("S025", path=name, line=line, got=len(row),
                                                            expected=width))
        bad = next((h for h, v in zip(self.header, row) if _has_bad_bytes(v)), None)
        if bad is not None:
            error = RecordError("S027", path=name, line=line, field=bad, encoding=self.encoding)
            return BadRecord(index, name, line, error)
        return make_record(dict(zip(self.header, row)), self.fields, index=index, source=name, line=line,
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
        self.encoding, self.bom = source.encoding, source.bom

    def _row(self, row: list[str], record: Record | None = None) -> bytes:
        buf = io.StringIO()
        csv.writer(buf, **self.dialect).writerow(row)
        try:
            return buf.getvalue().encode(self.encoding, errors="surrogateescape")
        except UnicodeEncodeError:
            if record is None:
                raise
            raise RecordError("S031", path=record.source, line=record.line, encoding=self.encoding) from None

    def open(self, partial: Path, state: dict | None) -> None:
        super().open(partial, state)
        if state is None:
            self.out.write((b"\xef\xbb\xbf" if self.bom else b"") + self._row(self.header))

    def write(self, record: Record, text: str | None, extra: dict | None = None) -> None:
        row = list(record.payload) + [""] * len(self.extra_fields)
        if text is not None:
            row[self.text_index] = text
        for name, value in (extra or {}).items():
            row[self.index[name]] = cell(value)
        self.out.write(self._row(row, record))
