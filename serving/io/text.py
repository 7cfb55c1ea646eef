"""Plain text in and out: one .txt file, or a folder of .txt files (recursively, same relative paths)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Iterator

from medkiln.core.errors import RecordError
from .records import BadRecord, Item, Record, atomic_write_bytes


def _read(path: Path, rel: str, index: int, encoding: str) -> Item:
    try:
        data = path.read_bytes()
    except OSError as err:  # unreadable, vanished, a folder named *.txt: left out, the run goes on
        return BadRecord(index, rel, 1, RecordError("S029", path=rel, reason=type(err).__name__), rel)
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        error = RecordError("S024", path=rel, line=line, offset=err.start, encoding=encoding)
        return BadRecord(index, rel, line, error, rel)
    if text.startswith("\ufeff"):  # a byte-order mark is not part of the note
        text = text[1:]
    return Record(index, rel, text, rel, rel, 1, rel)


class TextSource:
    """One .txt file is one record; its id is the file name."""

    def __init__(self, path: Path, encoding: str = "utf-8") -> None:
        self.path, self.encoding = path, encoding
        self.total: int | None = 1

    def records(self, skip: int = 0) -> Iterator[Item]:
        if skip < 1:
            yield _read(self.path, self.path.name, 0, self.encoding)


def _inside(path: Path, root: Path) -> bool:
    try:
        path.relative_to(root)
    except ValueError:
        return False
    return True


class FolderSource:
    """Every .txt file under a folder, in sorted relative-path order; ids are relative paths. Symbolic links
    are followed only when they lead to a file inside the folder; any other link is a bad unit (S030), so the
    run never reads outside the tree it was given and never loses a note silently."""

    def __init__(self, root: Path, encoding: str = "utf-8") -> None:
        self.root, self.encoding = root, encoding
        self.real_root = root.resolve()
        self.total: int | None = sum(1 for _ in self._units())

    def _units(self) -> Iterator[tuple[str, Path, bool]]:
        """(relative path, path, inside) for every .txt file and every linked folder, sorted."""
        found = []
        for folder, dirs, files in os.walk(self.root, followlinks=False):
            here = Path(folder)
            for name in dirs:  # a linked folder inside the tree is read where it really lies
                link = here / name
                if link.is_symlink() and not _inside(link.resolve(), self.real_root):
                    found.append((link.relative_to(self.root).as_posix(), link, False))
            for name in files:
                path = here / name
                if not name.endswith(".txt"):
                    continue
                inside = not path.is_symlink() or _inside(path.resolve(), self.real_root)
                found.append((path.relative_to(self.root).as_posix(), path, inside))
        return iter(sorted(found))

    def records(self, skip: int = 0) -> Iterator[Item]:
        for index, (rel, path, inside) in enumerate(self._units()):
            if index < skip:
                continue
            if not inside or path.is_dir():
                yield BadRecord(index, rel, 1, RecordError("S030", path=rel), rel)
            else:
                yield _read(path, rel, index, self.encoding)


def encode(text: str, encoding: str, record: Record) -> bytes:
    """`text` in the output's encoding; a record whose output it cannot hold fails alone (S031)."""
    try:
        return text.encode(encoding)
    except UnicodeEncodeError:
        raise RecordError("S031", path=record.source, line=record.line, encoding=encoding) from None


class TextSink:
    partial_is_dir = False

    def __init__(self, encoding: str = "utf-8") -> None:
        self.partial: Path | None = None
        self.encoding = encoding

    def open(self, partial: Path, state: dict | None) -> None:
        self.partial = partial
        if state is None and partial.exists():
            partial.unlink()

    def write(self, record: Record, text: str | None, extra: dict | None = None) -> None:
        atomic_write_bytes(self.partial, encode(record.text if text is None else text, self.encoding, record))

    def checkpoint(self) -> dict:
        return {}

    def finalize(self, partial: Path, output: Path) -> None:
        if partial.exists():
            partial.replace(output)

    def close(self) -> None:
        return None


def merge_folder(partial: Path, output: Path) -> None:
    """Move every file of `partial` to the same place under `output`, replacing only those files: whatever
    else the output folder holds stays where it is. Then remove `partial`."""
    for folder, _, files in os.walk(partial):
        target = output / Path(folder).relative_to(partial)
        target.mkdir(parents=True, exist_ok=True)
        for name in files:
            os.replace(Path(folder) / name, target / name)
    shutil.rmtree(partial, ignore_errors=True)


def place_folder(partial: Path, output: Path) -> None:
    """`partial` becomes `output`: renamed when there is no output (or an empty folder), merged otherwise
    (the run checked before it started that merging was asked for: --overwrite)."""
    if output.is_dir() and not output.is_symlink() and not any(output.iterdir()):
        output.rmdir()
    if output.exists():
        merge_folder(partial, output)
    else:
        os.replace(partial, output)


class FolderSink:
    partial_is_dir = True

    def __init__(self, encoding: str = "utf-8") -> None:
        self.partial: Path | None = None
        self.encoding = encoding

    def open(self, partial: Path, state: dict | None) -> None:
        self.partial = partial
        if state is None:
            shutil.rmtree(partial, ignore_errors=True)
        partial.mkdir(parents=True, exist_ok=True)

    def write(self, record: Record, text: str | None, extra: dict | None = None) -> None:
        data = encode(record.text if text is None else text, self.encoding, record)
        target = self.partial / record.payload
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic_write_bytes(target, data)

    def checkpoint(self) -> dict:
        return {}

    def finalize(self, partial: Path, output: Path) -> None:
        place_folder(partial, output)

    def close(self) -> None:
        return None
