"""Parquet in and out: read by batches (ParquetFile.iter_batches), write part files at each checkpoint, then
combine them with a ParquetWriter into one file with the input's schema (metadata included)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Iterator

from medkiln.core.errors import UsageError
from .records import Fields, Item, Record, make_record

_PART = "part-{:06d}.parquet"


def _is_string(pa, dtype) -> bool:
    checks = [pa.types.is_string, pa.types.is_large_string, getattr(pa.types, "is_string_view", None)]
    return any(check(dtype) for check in checks if check is not None)


class ParquetSource:
    def __init__(self, path: Path, fields: Fields, batch_size: int = 1024) -> None:
        import pyarrow.parquet as pq
        import pyarrow as pa

        from .csv_format import check_columns

        self.path, self.fields, self.batch_size = path, fields, batch_size
        try:
            self.file = pq.ParquetFile(path)
        except (pa.ArrowException, OSError) as err:
            raise UsageError("S016", path=path.name, fmt="Parquet", reason=type(err).__name__) from None
        self.schema = self.file.schema_arrow
        check_columns(path, list(self.schema.names), fields)
        dtype = self.schema.field(fields.text).type
        if not _is_string(pa, dtype):
            raise UsageError("S008", path=path.name, field=fields.text, got=str(dtype))
        self.total: int | None = self.file.metadata.num_rows

    def records(self, skip: int = 0) -> Iterator[Item]:
        import pyarrow as pa

        try:
            yield from self._records(skip)
        except pa.ArrowException as err:  # a damaged row group: the run stops with a coded error, resumable
            raise UsageError("S016", path=self.path.name, fmt="Parquet", reason=type(err).__name__) from None

    def _records(self, skip: int) -> Iterator[Item]:
        name, index = self.path.name, 0
        for batch in self.file.iter_batches(batch_size=self.batch_size):
            if index + batch.num_rows <= skip:
                index += batch.num_rows
                continue
            for row in batch.to_pylist():
                if index >= skip:
                    yield make_record(row, self.fields, index=index, source=name, line=index + 1,
                                      default_id=index + 1, payload=row)
                index += 1


class ParquetSink:
    partial_is_dir = True

    def __init__(self, source: ParquetSource, extra_fields: tuple[str, ...] = ()) -> None:
        import pyarrow as pa

        self.schema, self.text = source.schema, source.fields.text
        for name in extra_fields:
            if name in self.schema.names:
                index = self.schema.get_field_index(name)
                self.schema = self.schema.set(index, pa.field(name, pa.string()))
            else:
                self.schema = self.schema.append(pa.field(name, pa.string()))
        self.rows: list[dict] = []
        self.parts = 0
        self.partial: Path | None = None

    def open(self, partial: Path, state: dict | None) -> None:
        self.partial, self.rows = partial, []
        if state is None:
            shutil.rmtree(partial, ignore_errors=True)
            partial.mkdir(parents=True)
            self.parts = 0
            return
        self.parts = state["parts"]
        for part in partial.glob("part-*.parquet"):
            if int(part.stem.split("-")[1]) >= self.parts:  # written after the last checkpoint
                part.unlink()

    def write(self, record: Record, text: str | None, extra: dict | None = None) -> None:
        from .csv_format import cell

        row = record.payload
        if text is not None:
            row[self.text] = text
        for name, value in (extra or {}).items():
            row[name] = cell(value)
        self.rows.append(row)

    def checkpoint(self) -> dict:
        if self.rows:
            import pyarrow as pa
            import pyarrow.parquet as pq

            path = self.partial / _PART.format(self.parts)
            tmp = path.with_name(path.name + ".tmp")
            pq.write_table(pa.Table.from_pylist(self.rows, schema=self.schema), tmp)
            os.replace(tmp, path)
            self.parts, self.rows = self.parts + 1, []
        return {"parts": self.parts}

    def finalize(self, partial: Path, output: Path) -> None:
        import pyarrow.parquet as pq

        tmp = output.with_name(f".{output.name}.combining")
        with pq.ParquetWriter(tmp, self.schema) as writer:
            if self.parts == 0:
                writer.write_table(self.schema.empty_table())
            for i in range(self.parts):
                part = pq.ParquetFile(partial / _PART.format(i))
                for group in range(part.num_row_groups):
                    writer.write_table(part.read_row_group(group))
        os.replace(tmp, output)
        shutil.rmtree(partial, ignore_errors=True)

    def close(self) -> None:
        self.rows = []
