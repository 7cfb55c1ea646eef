"""Plain text in and out: one .txt file, or a folder of .txt files (recursively, same relative paths)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Iterator

from ..errors import RecordError
from .records import BadRecord, Item, Record, atomic_write_bytes


def _read(path: Path, rel: str, index: int) -> Item:
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        return BadRecord(index, rel, line, RecordError("S024", path=rel, line=line, offset=err.start), rel)
    return Record(index, rel, text, rel, rel, 1, rel)


class TextSource:
    """One .txt file is one record; its id is the file name."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.total: int | None = 1

    def records(self, skip: int = 0) -> Iterator[Item]:
        if skip < 1:
            yield _read(self.path, self.path.name, 0)


class FolderSource:
    """Every .txt file under a folder, in sorted relative-path order; ids are relative paths."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.total: int | None = sum(1 for _ in self._files())

    def _files(self) -> Iterator[tuple[str, Path]]:
        found = ((p.relative_to(self.root).as_posix(), p) for p in self.root.rglob("*.txt") if p.is_file())
        return iter(sorted(found))

    def records(self, skip: int = 0) -> Iterator[Item]:
        for index, (rel, path) in enumerate(self._files()):
            if index >= skip:
                yield _read(path, rel, index)


class TextSink:
    partial_is_dir = False

    def __init__(self) -> None:
        self.partial: Path | None = None

    def open(self, partial: Path, state: dict | None) -> None:
        self.partial = partial
        if state is None and partial.exists():
            partial.unlink()

    def write(self, record: Record, text: str | None, extra: dict | None = None) -> None:
        atomic_write_bytes(self.partial, (record.text if text is None else text).encode("utf-8"))

    def checkpoint(self) -> dict:
        return {}

    def finalize(self, partial: Path, output: Path) -> None:
        if partial.exists():
            partial.replace(output)

    def close(self) -> None:
        return None


class FolderSink:
    partial_is_dir = True

    def __init__(self) -> None:
        self.partial: Path | None = None

    def open(self, partial: Path, state: dict | None) -> None:
        self.partial = partial
        if state is None:
            shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True, exist_ok=True)

    def write(self, record: Record, text: str | None, extra: dict | None = None) -> None:
        text = record.text if text is None else text
        target = self.partial / record.payload
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(target, text.encode("utf-8"))

    def checkpoint(self) -> dict:
        return {}

    def finalize(self, partial: Path, output: Path) -> None:
        old = output.with_name(f".{output.name}.old")
        if output.exists():
            shutil.rmtree(old, ignore_errors=True)
            os.replace(output, old)
        os.replace(partial, output)
        shutil.rmtree(old, ignore_errors=True)

    def close(self) -> None:
        return None
