"""The first pass of a run-wide propagation: every record's entity offsets, spooled beside OUTPUT.

`Spool.fill` runs the pipeline over the whole input and writes `.NAME.partial.spans`: a header line with the
run's fingerprint, then one line per input unit, `{"i": index, "e": [[start, end, label], ...]}` (or
`{"i": index, "bad": true}`). Offsets and labels only, never text. It is written as `.spans.tmp` and renamed
when complete; `--resume` continues a `.tmp` from its last whole line, and reuses a complete spool of the
same run. `Spool.learn` then reads the input and the spool twice more (cheap: no pipeline) to learn the
run's words (`serving.propagation.RunLexicon`), and `Spool.docs` feeds the writing pass.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path
from typing import Any, Iterator

from .errors import UsageError
from .io.records import Item, Record
from .pipeline import pipe_items
from .propagation import RunLexicon

log = logging.getLogger(__name__)


class SpooledDoc:
    """What the writing pass needs of a processed record: its entities and the propagated mentions."""

    __slots__ = ("ents", "propagated")

    def __init__(self, ents: list, propagated: list) -> None:
        self.ents, self.propagated = ents, propagated


class SpooledEnt:
    __slots__ = ("start_char", "end_char", "label_")

    def __init__(self, start: int, end: int, label: str) -> None:
        self.start_char, self.end_char, self.label_ = start, end, label


class Spool:
    def __init__(self, path: Path, fingerprint: dict) -> None:
        self.path, self.tmp = path, path.with_name(path.name + ".tmp")
        self.header = json.dumps({"fingerprint": fingerprint}, sort_keys=True)
        self.lexicon: RunLexicon | None = None

    def _header_ok(self, path: Path) -> bool:
        with path.open("rb") as fh:
            return fh.readline().decode("utf-8", "replace").rstrip("\n") == self.header

    def _resume_point(self) -> int:
        """Truncate `.tmp` after its last whole line; the number of input units it covers."""
        with self.tmp.open("rb") as fh:
            data = fh.read()
        end = data.rfind(b"\n") + 1
        lines = data[:end].splitlines()
        last = json.loads(lines[-1]).get("i", -1) if len(lines) > 1 else -1
        with self.tmp.open("r+b") as fh:
            fh.truncate(end)
        return last + 1

    def fill(self, nlp: Any, source: Any, *, batch_size: int, workers: int, quiet: bool, resume: bool) -> None:
        """Run the pipeline over the input and spool its entities (skipped when a complete spool of this run
        is there)."""
        from .batch import progress_bar

        if self.path.exists() and self._header_ok(self.path):
            log.info("first pass: reusing the complete spool of this run")
            return
        self.path.unlink(missing_ok=True)
        skip = 0
        if resume and self.tmp.exists() and self._header_ok(self.tmp):
            skip = self._resume_point()
            log.info("first pass: resuming after %d units", skip)
        else:
            self.tmp.write_text(self.header + "\n", encoding="utf-8")
        docs = pipe_items(nlp, source, skip=skip, batch_size=batch_size, workers=workers)
        with self.tmp.open("ab") as fh, progress_bar(quiet, source.total, skip, "de-identifying 1/2") as advance:
            for doc, item in docs:
                if isinstance(item, Record):
                    line = {"i": item.index, "e": [[e.start_char, e.end_char, e.label_] for e in doc.ents]}
                else:
                    line = {"i": item.index, "bad": True}
                fh.write((json.dumps(line, separators=(",", ":")) + "\n").encode("utf-8"))
                advance(1)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(self.tmp, self.path)

    def _pairs(self, source: Any, skip: int = 0) -> Iterator[tuple[list, Item]]:
        """(entity triples, item) in input order after `skip` units, checking the spool is in step."""
        with self.path.open("rb") as fh:
            fh.readline()
            lines = (json.loads(raw) for raw in fh)
            for item in source.records(skip=skip):
                line = next(lines, None)
                while line is not None and line["i"] < item.index:
                    line = next(lines, None)
                if line is None or line["i"] != item.index:
                    raise UsageError("S011", spool=self.path.name, index=item.index)
                yield line.get("e", []), item

    def learn(self, source: Any) -> RunLexicon:
        """Learn the run's words from the spool and the input (two reads, no pipeline)."""
        lexicon = RunLexicon.from_run(
            lambda: ((item.text, ents) for ents, item in self._pairs(source) if isinstance(item, Record)))
        log.info("run-wide propagation: %d words learned from %d candidates", len(lexicon.learned),
                 len(lexicon.candidates()))
        self.lexicon, self.source = lexicon, source
        return lexicon

    def docs(self, skip: int) -> Iterator[tuple[SpooledDoc, Item]]:
        """The writing pass's (doc, item) pairs after `skip` units (call `learn` first)."""
        for ents, item in self._pairs(self.source, skip):
            triples = [(s, e, label) for s, e, label in ents]
            added = self.lexicon.spans(item.text, triples) if isinstance(item, Record) else []
            yield SpooledDoc([SpooledEnt(*t) for t in triples], added), item


__all__ = ["Spool", "SpooledDoc", "SpooledEnt"]
