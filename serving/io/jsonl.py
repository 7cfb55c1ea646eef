"""JSONL in and out: one line at a time; output keeps every key, in order, with the text replaced."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Iterator

from medkiln.core.errors import RecordError
from .records import AppendSink, BadRecord, Fields, Item, Record, lone_surrogate, make_record

_BOM = b"\xef\xbb\xbf"
_SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")  # a line that may decode to an unpaired surrogate


def _surrogate_field(obj: dict) -> tuple[str, int] | None:
    """The first top-level field whose value holds an unpaired surrogate, with its offset (in its JSON text
    for a value that is not a string)."""
    for key, value in obj.items():
        text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
        for candidate in (str(key), text):
            bad = lone_surrogate(candidate)
            if bad is not None:
                return str(key) if candidate is text else "(a key)", bad
    return None


class JsonlSource:
    def __init__(self, path: Path, fields: Fields, encoding: str = "utf-8") -> None:
        self.path, self.fields, self.encoding = path, fields, encoding
        self.total: int | None = None

    def records(self, skip: int = 0) -> Iterator[Item]:
        name = self.path.name
        index = -1
        with self.path.open("rb") as fh:
            for line, raw in enumerate(fh, 1):
                if line == 1 and raw.startswith(_BOM):
                    raw = raw[len(_BOM):]
                if not raw.strip():
                    continue
                index += 1
                if index < skip:
                    continue
                yield self._parse(raw, index, name, line)

    def _parse(self, raw: bytes, index: int, name: str, line: int) -> Item:
        try:
            decoded = raw.decode(self.encoding)
        except UnicodeDecodeError as err:
            error = RecordError("S024", path=name, line=line, offset=err.start, encoding=self.encoding)
            return BadRecord(index, name, line, error)
        try:
            obj = json.loads(decoded)
        except json.JSONDecodeError as err:
            error = RecordError("S020", path=name, line=line, reason=err.msg, column=err.colno)
            return BadRecord(index, name, line, error)
        except RecursionError:
            error = RecordError("S020", path=name, line=line, reason="nested too deeply", column=1)
            return BadRecord(index, name, line, error)
        except ValueError as err:  # e.g. an integer longer than Python converts
            error = RecordError("S020", path=name, line=line, reason=type(err).__name__, column=1)
            return BadRecord(index, name, line, error)
        if not isinstance(obj, dict):
            error = RecordError("S021", path=name, line=line, got=type(obj).__name__)
            return BadRecord(index, name, line, error)
        if _SURROGATE_ESCAPE.search(raw):
            bad = _surrogate_field(obj)
            if bad is not None:
                error = RecordError("S028", path=name, line=line, field=bad[0], offset=bad[1])
                return BadRecord(index, name, line, error)
        return make_record(obj, self.fields, index=index, source=name, line=line, default_id=line, payload=obj)


def _encode(obj: Any, encoding: str, record: Record) -> bytes:
    try:
        return (json.dumps(obj, ensure_ascii=False) + "\n").encode(encoding)
    except UnicodeEncodeError:
        raise RecordError("S031", path=record.source, line=record.line, encoding=encoding) from None


class JsonlSink(AppendSink):
    def __init__(self, fields: Fields, encoding: str = "utf-8") -> None:
        self.fields, self.encoding = fields, encoding

    def write(self, record: Record, text: str | None, extra: dict | None = None) -> None:
        obj = record.payload
        if text is not None:
            obj[self.fields.text] = text
        if extra:
            obj.update(extra)
        self.out.write(_encode(obj, self.encoding, record))


class NewJsonlSink(AppendSink):
    """One new JSON object per record, `{"id": ..., **extra}`, whatever the input format (e.g. `medkiln extract`)."""

    def write(self, record: Record, text: str | None, extra: dict | None = None) -> None:
        self.out.write(_encode({"id": record.id, **(extra or {})}, "utf-8", record))
