"""The user's own unlabeled notes: any input `medkiln deid` reads (a .txt file, a folder of .txt files, JSONL,
CSV, Parquet), through the runtime's readers (`medkiln.serving.io`), with the same field options.

Only the text field (and the id field when named) is read: other fields, labels among them, stay unused. A note
is named by its input index and id only; its text never reaches a log or an error.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

from medkiln.core.errors import MedkilnError

log = logging.getLogger(__name__)


@dataclass
class NotesSettings:
    """How NOTES is read (the options of `medkiln deid`)."""

    format: str | None = None
    text_field: str = "text"
    id_field: str | None = None
    encoding: str = "utf-8"
    limit: int | None = None     # at most this many notes (in reading order)


@dataclass
class NotesReport:
    """What was read: counts only."""

    path: str
    format: str
    text_field: str
    records: int = 0
    bad_records: int = 0
    removed: dict = field(default_factory=lambda: {"empty": 0, "duplicate": 0, "over_limit": 0})
    notes: int = 0

    def as_dict(self) -> dict:
        return {"path": self.path, "format": self.format, "text_field": self.text_field, "records": self.records,
                "bad_records": self.bad_records, "removed": dict(self.removed), "notes": self.notes}


def read_notes(path: str | Path, settings: NotesSettings | None = None) -> tuple[list[dict], dict]:
    """`{"id", "index", "text"}` per distinct non-empty note, in reading order, and a report of counts.

    E551 when nothing usable was read; bad records (S02x) are counted and left out, as `medkiln deid` does."""
    from medkiln.serving.io import Fields, detect_format, open_source
    from medkiln.serving.io.records import BadRecord

    settings = settings or NotesSettings()
    path = Path(path)
    if not path.exists():
        raise MedkilnError("S002", path=path)
    fmt = detect_format(path, settings.format)
    source = open_source(fmt, path, Fields(settings.text_field, settings.id_field), encoding=settings.encoding)
    report = NotesReport(str(path), fmt, settings.text_field)
    seen: set[str] = set()
    notes: list[dict] = []
    for item in source.records():
        if isinstance(item, BadRecord):
            report.bad_records += 1
            log.warning("note left out: %s:%d %s", item.source, item.line, item.error.code)
            continue
        report.records += 1
        why = None
        if not item.text.strip():
            why = "empty"
        elif item.text in seen:
            why = "duplicate"
        elif settings.limit is not None and len(notes) >= settings.limit:
            why = "over_limit"
        if why is not None:
            report.removed[why] += 1
            continue
        seen.add(item.text)
        notes.append({"id": str(item.id), "index": item.index, "text": item.text})
    report.notes = len(notes)
    log.info("notes: %d records (%d bad), %d notes kept", report.records, report.bad_records, report.notes)
    if not notes:
        raise MedkilnError("E551", path=path, records=report.records, bad=report.bad_records,
                           field=settings.text_field)
    return notes, report.as_dict()


__all__ = ["NotesSettings", "read_notes"]
