"""The first pass of a run-wide propagation: every record's entity offsets, spooled beside OUTPUT.

`Spool.fill` runs the pipeline over the whole input and writes `.NAME.partial.spans` (private, 0600): a header
line with the run's fingerprint, then one line per input unit, `{"i": index, "h": digest, "e": [[start, end,
label], ...]}` (or `{"i": index, "h": digest, "bad": true}`). Offsets, labels and a short digest of the unit
only, never text. It is written as `.spans.tmp` and renamed when complete; `--resume` continues a `.tmp` from
its last whole line, and reuses a complete spool of the same run. Every later read checks each unit's digest
against the input, so offsets found in one text are never applied to another (S011). `Spool.learn` then reads
the input and the spool (cheap: no pipeline) to learn the run's words (`serving.propagation.RunLexicon`), and
`Spool.payloads` feeds the writing pass.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
from pathlib import Path
from typing import Any, Iterator

from medkiln.core.errors import UsageError
from .io.records import Item, Record, open_private
from .progress import progress_bar
from .propagation import RunLexicon
from .workers import Failure, process_items

log = logging.getLogger(__name__)


def short_digest(item: Item) -> str:
    """16 hex digits that change when a unit's text (or its being a bad unit) changes."""
    data = item.text.encode("utf-8", "surrogatepass") if isinstance(item, Record) else b"\x00bad"
    return hashlib.blake2b(data, digest_size=8).hexdigest()


class Spool:
    def __init__(self, path: Path, fingerprint: dict) -> None:
        self.path, self.tmp = path, path.with_name(path.name + ".tmp")
        self.header = json.dumps({"fingerprint": fingerprint}, sort_keys=True)
        self.lexicon: RunLexicon | None = None
        self.source: Any = None

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

    def fill(self, nlp: Any, source: Any, job: Any, *, batch_size: int, workers: int, quiet: bool,
             resume: bool) -> None:
        """Run the pipeline over the input and spool its entities (skipped when a complete spool of this run
        is there and still matches the input)."""
        if self.path.exists() and self._header_ok(self.path):
            self._check(self.path, source)
            log.info("first pass: reusing the complete spool of this run")
            return
        self.path.unlink(missing_ok=True)
        skip = 0
        if resume and self.tmp.exists() and self._header_ok(self.tmp):
            skip = self._resume_point()
            self._check(self.tmp, source, skip)
            log.info("first pass: resuming after %d units", skip)
        else:
            with open_private(self.tmp) as fh:
                fh.write((self.header + "\n").encode("utf-8"))
        docs = process_items(nlp, source, job.analyze, skip=skip, batch_size=batch_size, workers=workers,
                             clean=job.clean_text)
        with open_private(self.tmp, "ab") as fh, progress_bar(quiet, source.total, skip,
                                                              "de-identifying 1/2") as advance:
            for payload, item in docs:
                line: dict = {"i": item.index, "h": short_digest(item)}
                if isinstance(payload, Failure):
                    line["fail"] = payload.reason
                elif isinstance(item, Record):
                    line["e"] = [list(t) for t in payload[0]]
                    if len(payload) > 2 and payload[2]:
                        line["l"] = payload[2]
                else:
                    line["bad"] = True
                fh.write((json.dumps(line, separators=(",", ":")) + "\n").encode("utf-8"))
                advance(1)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(self.tmp, self.path)

    def _check(self, path: Path, source: Any, upto: int | None = None) -> None:
        """The spooled units (the first `upto`) still match the input (S011 where one does not)."""
        for _ in self._pairs(source, path=path, upto=upto):
            pass

    def _pairs(self, source: Any, skip: int = 0, *, path: Path | None = None,
               upto: int | None = None) -> Iterator[tuple[dict, Item]]:
        """(spool line, item) in input order after `skip` units, checking each unit against its digest."""
        spool = path or self.path
        with spool.open("rb") as fh:
            fh.readline()
            lines = (json.loads(raw) for raw in fh)
            for item in source.records(skip=skip):
                if upto is not None and item.index >= upto:
                    return
                line = next(lines, None)
                while line is not None and line["i"] < item.index:
                    line = next(lines, None)
                if line is None or line["i"] != item.index or line.get("h") != short_digest(item):
                    raise UsageError("S011", spool=spool.name, index=item.index)
                yield line, item

    def learn(self, source: Any) -> RunLexicon:
        """Learn the run's words from the spool and the input (two reads, no pipeline)."""
        lexicon = RunLexicon.from_run(
            lambda: ((item.text, line.get("e", [])) for line, item in self._pairs(source)
                     if isinstance(item, Record)))
        log.info("run-wide propagation: %d words learned from %d candidates", len(lexicon.learned),
                 len(lexicon.candidates()))
        self.lexicon, self.source = lexicon, source
        return lexicon

    def payloads(self, skip: int) -> Iterator[tuple[Any, Item]]:
        """The writing pass's (payload, item) pairs after `skip` units (call `learn` first): a record's payload
        is (entities, propagated mentions, the language that read it); a unit the first pass could not read gets
        a `Failure`."""
        for line, item in self._pairs(self.source, skip):
            if not isinstance(item, Record):
                yield None, item
            elif "fail" in line or line.get("bad"):
                yield Failure(line.get("fail", "first pass")), item
            else:
                triples = [(s, e, label) for s, e, label in line.get("e", [])]
                yield (triples, self.lexicon.spans(item.text, triples), line.get("l")), item


__all__ = ["Spool", "short_digest"]
