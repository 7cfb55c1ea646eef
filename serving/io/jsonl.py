"""JSONL in and out: one line at a time; output keeps every key, in order, with the text replaced."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from ..errors import RecordError
from .records import AppendSink, BadRecord, Fields, Item, Record, make_record


class JsonlSource:
    def __init__(self, path: Path, fields: Fields) -> None:
        self.path, self.fields = path, fields
        self.total: int | None = None

    def records(self, skip: int = 0) -> Iterator[Item]:
        name = self.path.name
        index = -1
        with self.path.open("rb") as fh:
            for line, raw in enumerate(fh, 1):
                if not raw.strip():
                    continue
                index += 1
                if index < skip:
                    continue
                yield self._parse(raw, index, name, line)

    def _parse(self, raw: bytes, index: int, name: str, line: int) -> Item:
        try:
            decoded = raw.decode("utf-8")
        except UnicodeDecodeError as err:
            return BadRecord(index, name, line, RecordError("S024", path=name, line=line, offset=err.start))
        try:
            obj = json.loads(decoded)
        except json.JSONDecodeError as err:
            error = RecordError("S020", path=name, line=line, reason=err.msg, column=err.colno)
            return BadRecord(index, name, line, error)
        if not isinstance(obj, dict):
            error = RecordError("S021", path=name, line=line, got=type(obj).__name__)
            return BadRecord(index, name, line, error)
        return make_record(obj, self.fields, index=index, source=name, line=line, default_id=line, payload=obj)


class JsonlSink(AppendSink):
    def __init__(self, fields: Fields) -> None:
        self.fields = fields

    def write(self, record: Record, text: str | None, extra: dict | None = None) -> None:
        obj = record.payload
        if text is not None:
            obj[self.fields.text] = text
        if extra:
            obj.update(extra)
        self.out.write((json.dumps(obj, ensure_ascii=False) + "\n").encode("utf-8"))


class NewJsonlSink(AppendSink):
    """One new JSON object per record, `{"id": ..., **extra}`, whatever the input format (e.g. `medkiln extract`)."""

    def write(self, record: Record, text: str | None, extra: dict | None = None) -> None:
        obj = {"id": record.id, **(extra or {})}
        self.out.write((json.dumps(obj, ensure_ascii=False) + "\n").encode("utf-8"))
