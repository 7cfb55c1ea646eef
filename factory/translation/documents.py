"""The user's own documents as source text: any input format of the batch CLI, split into sentences.

`read_documents(path)` reads a .txt file, a folder of .txt files, JSONL, CSV or Parquet through
`medkiln.serving.io` (the readers of `medkiln deid` / `medkiln translate`), splits each record into
sentences and lines exactly as the serving component does (`medkiln_translator.split_segments`, so the
student learns the units it will be asked to translate), and keeps each distinct sentence once.
Records and sentences are named by ids and counts only: document text never reaches a log or an error.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path

from medkiln.core.errors import MedkilnError

log = logging.getLogger(__name__)
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


@dataclass
class DocumentSettings:
    text_field: str = "text"
    id_field: str | None = None
    min_words: int = 2
    max_words: int = 80
    limit: int | None = None     # at most this many sentences (in reading order)


@dataclass
class DocumentReport:
    path: str
    format: str
    records: int = 0
    bad_records: int = 0
    segments: int = 0
    removed: dict = field(default_factory=lambda: {"too_short": 0, "too_long": 0, "no_letters": 0,
                                                   "duplicate": 0, "over_limit": 0})
    sentences: int = 0

    def as_dict(self) -> dict:
        return {"path": self.path, "format": self.format, "records": self.records, "bad_records": self.bad_records,
                "segments": self.segments, "removed": dict(self.removed), "sentences": self.sentences}


def _keep(sentence: str, settings: DocumentSettings) -> str | None:
    """None to keep the sentence, else the reason it is left out."""
    words = len(sentence.split())
    if not _LETTER.search(sentence):
        return "no_letters"
    if words < settings.min_words:
        return "too_short"
    if words > settings.max_words:
        return "too_long"
    return None


def read_documents(path: str | Path, settings: DocumentSettings | None = None) -> tuple[list[dict], dict]:
    """Source records `{"id", "src", "meta"}` (one per distinct sentence) and a report of counts."""
    from medkiln.serving.io import Fields, detect_format, open_source
    from medkiln.serving.io.records import BadRecord
    from medkiln.serving.medkiln_translator import split_segments

    settings = settings or DocumentSettings()
    path = Path(path)
    if not path.exists():
        raise MedkilnError("E413", option="--documents", needs=f"an existing file or folder (got '{path}')")
    fmt = detect_format(path)
    source = open_source(fmt, path, Fields(settings.text_field, settings.id_field))
    report = DocumentReport(str(path), fmt)
    seen: set[str] = set()
    out: list[dict] = []
    for item in source.records():
        if isinstance(item, BadRecord):
            report.bad_records += 1
            continue
        report.records += 1
        for k, (segment, _sep) in enumerate(split_segments(item.text)):
            sentence = " ".join(segment.split())
            if not sentence:
                continue
            report.segments += 1
            why = _keep(sentence, settings)
            if why is None and sentence in seen:
                why = "duplicate"
            if why is None and settings.limit is not None and len(out) >= settings.limit:
                why = "over_limit"
            if why is not None:
                report.removed[why] += 1
                continue
            seen.add(sentence)
            out.append({"id": f"doc-{item.index}-{k}", "src": sentence,
                        "meta": {"category": "documents", "record": item.index}})
    report.sentences = len(out)
    log.info("documents: %d records (%d bad), %d segments, %d sentences kept", report.records, report.bad_records,
             report.segments, report.sentences)
    if not out:
        raise MedkilnError("E412", path=path, records=report.records, bad=report.bad_records,
                           field=settings.text_field)
    return out, report.as_dict()
