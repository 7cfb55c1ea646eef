"""Input and output formats for batch de-identification: txt, folder of txt, JSONL, CSV, Parquet.

Every format reads lazily (memory stays flat on any input size) and writes into a partial path beside the
output that `finalize` moves into place, so the output appears complete or not at all.
"""

from __future__ import annotations

from pathlib import Path

from medkiln.core.errors import UsageError
from .records import BadRecord, Fields, Item, Record, Sink, Source

FORMATS = ("txt", "dir", "jsonl", "csv", "parquet")
_SUFFIXES = {".txt": "txt", ".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "csv",
             ".parquet": "parquet", ".pq": "parquet"}


def detect_format(path: Path, override: str | None = None) -> str:
    """The input's format: `override` if given, 'dir' for a folder, else from the file suffix."""
    if override is not None:
        if override not in FORMATS:
            raise UsageError("S010", option="--format", reason=f"must be one of {', '.join(FORMATS)}")
        return override
    if path.is_dir():
        return "dir"
    fmt = _SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise UsageError("S003", path=path)
    return fmt


def check_encoding(encoding: str) -> str:
    """The codec's canonical name (S018 for an unknown one)."""
    import codecs

    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise UsageError("S018", name=encoding) from None


def open_source(fmt: str, path: Path, fields: Fields, batch_size: int = 1024, encoding: str = "utf-8") -> Source:
    """A reader for `path`; checks headers/schemas now, so a missing or doubled column is a usage error, and a
    file that cannot be opened is S016 (never a traceback)."""
    encoding = check_encoding(encoding)
    try:
        return _open_source(fmt, path, fields, batch_size, encoding)
    except OSError as err:
        raise UsageError("S016", path=path, fmt=fmt, reason=type(err).__name__) from None


def _open_source(fmt: str, path: Path, fields: Fields, batch_size: int, encoding: str) -> Source:
    if fmt == "dir":
        from .text import FolderSource

        return FolderSource(path, encoding)
    if fmt == "txt":
        from .text import TextSource

        return TextSource(path, encoding)
    if fmt == "jsonl":
        from .jsonl import JsonlSource

        return JsonlSource(path, fields, encoding)
    if fmt == "csv":
        from .csv_format import CsvSource

        return CsvSource(path, fields, encoding)
    from .parquet_format import ParquetSource

    return ParquetSource(path, fields, batch_size=max(batch_size, 256))


def make_sink(fmt: str, source: Source, fields: Fields, extra_fields: tuple[str, ...] = (),
              output_format: str | None = None) -> Sink:
    """The writer that mirrors `source`'s format, structure and text encoding, with `extra_fields` added to
    record formats; `output_format="jsonl"` writes one new JSON object per record instead."""
    if output_format == "jsonl":
        from .jsonl import NewJsonlSink

        return NewJsonlSink()
    if output_format is not None:
        raise UsageError("S010", option="output_format", reason="must be None (mirror the input) or 'jsonl'")
    encoding = getattr(source, "encoding", "utf-8")
    if fmt == "dir":
        from .text import FolderSink

        return FolderSink(encoding)
    if fmt == "txt":
        from .text import TextSink

        return TextSink(encoding)
    if fmt == "jsonl":
        from .jsonl import JsonlSink

        return JsonlSink(fields, encoding)
    if fmt == "csv":
        from .csv_format import CsvSink

        return CsvSink(source, extra_fields)
    from .parquet_format import ParquetSink

    return ParquetSink(source, extra_fields)


__all__ = ["BadRecord", "FORMATS", "Fields", "Item", "Record", "Sink", "Source", "check_encoding", "detect_format",
           "make_sink", "open_source"]
