"""Batch de-identification: stream records through `nlp.pipe`, apply the operators, mirror the input format.

`deidentify(input, output, model=..., options=...)` is the pure function behind `medkiln deid`. It reads
lazily, writes into partial files beside OUTPUT with checkpoints (so `resume=True` continues an interrupted
run without duplicates), moves the result into place only when complete, and reports bad records by file
and line in an errors file. Nothing it logs or writes outside OUTPUT (and an opted-in audit) holds note text.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import time
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator

from .errors import RecordError, UsageError
from .io import Fields, detect_format, make_sink, open_source
from .io.partial import Partial
from .io.records import AppendFile, BadRecord, Record
from .operators import Policy, anonymize, derive, get_operator
from .pipeline import load_pipeline

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_medkiln_deid"


@dataclass
class DeidOptions:
    """Everything `medkiln deid` can be told, with the command's defaults (progress bar off here)."""

    format: str | None = None
    text_field: str = "text"
    id_field: str | None = None
    group_field: str | None = None
    operator: str = "redact"
    date_shift: bool = False
    seed: int | None = None
    key_file: Path | None = None
    keep: tuple[str, ...] = ()
    hipaa_ages: bool = False
    audit: Path | None = None
    audit_text: bool = False
    errors: Path | None = None
    batch_size: int = 64
    workers: int = 1
    resume: bool = False
    quiet: bool = True
    checkpoint_every: int = 1000


@dataclass
class RunSummary:
    """What a run did: counts only, never text. `records` were written, `failed` were left out."""

    input: str
    output: str | None
    format: str
    records: int
    failed: int
    phi: dict[str, int]
    kept: dict[str, int]
    seconds: float
    records_per_s: float
    errors_path: str
    audit_path: str | None
    resumed_from: int = 0
    operator: str = "redact"
    date_shift: bool = False

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)


def resolve_key(seed: int | None, key_file: Path | None) -> bytes:
    """The HMAC key: from --key-file, derived from --seed, or random (not reproducible) when neither."""
    if seed is not None and key_file is not None:
        raise UsageError("S010", option="--seed", reason="cannot be used together with --key-file")
    if key_file is not None:
        path = Path(key_file)
        if not path.is_file():
            raise UsageError("S006", path=path, reason="does not exist")
        data = path.read_bytes()
        if len(data) < 16:
            raise UsageError("S006", path=path, reason=f"holds {len(data)} bytes")
        return data
    if seed is not None:
        return hashlib.sha256(f"medkiln-seed|{int(seed)}".encode()).digest()
    return os.urandom(32)


def _inside(child: Path, parent: Path) -> bool:
    return child == parent or parent in child.parents


def _check_paths(source: Path, output: Path, fmt: str, side: list[Path | None]) -> None:
    if not source.exists():
        raise UsageError("S002", path=source)
    src, out = source.resolve(), output.resolve()
    if _inside(out, src) or (fmt == "dir" and _inside(src, out)):
        raise UsageError("S004", output=output)
    for path in side:
        if path is not None and (_inside(path.resolve(), src) or path.resolve() == out):
            raise UsageError("S004", output=path)
    if fmt != "dir" and output.is_dir():
        raise UsageError("S010", option="OUTPUT", reason="is a folder; the input is a file, so give a file path")


def _check_options(opts: DeidOptions) -> None:
    if opts.batch_size < 1:
        raise UsageError("S010", option="--batch-size", reason="must be at least 1")
    if opts.workers < 1:
        raise UsageError("S010", option="--workers", reason="must be at least 1")
    if opts.checkpoint_every < 1:
        raise UsageError("S010", option="checkpoint_every", reason="must be at least 1")


def _fingerprint(source: Path, fmt: str, opts: DeidOptions, policy: Policy) -> dict:
    keyed = policy.operator.needs_key or policy.date_shift
    return {
        "input": str(source.resolve()), "format": fmt,
        "size": source.stat().st_size if source.is_file() else None,
        "fields": [opts.text_field, opts.id_field, opts.group_field], "operator": policy.operator.name,
        "date_shift": policy.date_shift, "keep": sorted(policy.keep), "hipaa_ages": policy.hipaa_ages,
        "audit": opts.audit is not None, "audit_text": opts.audit_text,
        "key": derive(policy.key, "fingerprint").hex()[:16] if keyed else None,
    }


def deidentify(input: str | Path, output: str | Path, *, model: str | Path | None = None, nlp: Any = None,
               options: DeidOptions | None = None, **overrides: Any) -> RunSummary:
    """De-identify INPUT into OUTPUT (same format and structure). `overrides` set DeidOptions fields."""
    opts = dataclasses.replace(options or DeidOptions(), **overrides)
    source_path, output = Path(input), Path(output)
    _check_options(opts)
    if not source_path.exists():
        raise UsageError("S002", path=source_path)
    fmt = detect_format(source_path, opts.format)
    errors_path = Path(opts.errors) if opts.errors else output.with_name(output.name + ".errors.jsonl")
    audit_path = Path(opts.audit) if opts.audit else None
    _check_paths(source_path, output, fmt, [errors_path, audit_path])
    policy = Policy(get_operator(opts.operator), resolve_key(opts.seed, opts.key_file), opts.date_shift,
                    frozenset(opts.keep), opts.hipaa_ages)
    if (policy.operator.needs_key or policy.date_shift) and opts.seed is None and opts.key_file is None:
        log.warning("no --seed or --key-file: a random key is used, so %s output is not reproducible",
                    policy.operator.name)
    fields = Fields(opts.text_field, opts.id_field, opts.group_field)
    source = open_source(fmt, source_path, fields, opts.batch_size)
    sink = make_sink(fmt, source, fields)
    if nlp is None:
        nlp = load_pipeline(model or DEFAULT_MODEL)
    partial = Partial(output, is_dir=sink.partial_is_dir, audit=audit_path is not None)
    fingerprint = _fingerprint(source_path, fmt, opts, policy)
    state = partial.load(fingerprint) if opts.resume else None
    if state is None:
        partial.discard()
    runner = Runner(sink, partial, policy, fingerprint, state, audit_text=opts.audit_text,
                    checkpoint_every=opts.checkpoint_every)
    log.info("de-identifying %s (%s, operator %s) -> %s%s", source_path.name, fmt, policy.operator.name,
             output.name, f", resuming after {runner.consumed} records" if state else "")
    start = time.perf_counter()
    runner.run(nlp, source, batch_size=opts.batch_size, workers=opts.workers, quiet=opts.quiet)
    partial.commit_side_files(errors_path, audit_path)
    sink.finalize(partial.data, output)
    partial.done()
    seconds = time.perf_counter() - start
    done = runner.consumed - runner.resumed_from
    summary = RunSummary(
        input=str(source_path), output=str(output) if output.exists() else None, format=fmt,
        records=runner.records, failed=runner.failed, phi=dict(sorted(runner.phi.items())),
        kept=dict(sorted(runner.kept.items())), seconds=round(seconds, 3),
        records_per_s=round(done / seconds, 1) if seconds > 0 else 0.0, errors_path=str(errors_path),
        audit_path=str(audit_path) if audit_path else None, resumed_from=runner.resumed_from,
        operator=policy.operator.name, date_shift=policy.date_shift)
    log.info("done: %d records, %d failed, %.1f records/s", summary.records, summary.failed,
             summary.records_per_s)
    return summary


@contextmanager
def progress_bar(quiet: bool, total: int | None, completed: int) -> Iterator[Callable[[int], None]]:
    """A rich progress bar with records/s on stderr; a no-op when quiet."""
    if quiet:
        yield lambda n: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn("de-identifying"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]:.0f} records/s"), TimeElapsedColumn())
    with Progress(*columns, console=Console(stderr=True)) as progress:
        task = progress.add_task("deid", total=total, completed=completed, rate=0.0)
        start, done = time.perf_counter(), 0

        def advance(n: int) -> None:
            nonlocal done
            done += n
            elapsed = time.perf_counter() - start
            progress.update(task, advance=n, rate=done / elapsed if elapsed > 0 else 0.0)

        yield advance


class Runner:
    """The streaming loop: items in input order through `nlp.pipe`, checkpoints every N input units."""

    def __init__(self, sink: Any, partial: Partial, policy: Policy, fingerprint: dict, state: dict | None,
                 *, audit_text: bool, checkpoint_every: int) -> None:
        self.sink, self.partial, self.policy, self.fingerprint = sink, partial, policy, fingerprint
        self.state, self.audit_text, self.every = state, audit_text, checkpoint_every
        counts = (state or {}).get("counts", {})
        self.consumed = self.resumed_from = (state or {}).get("consumed", 0)
        self.records, self.failed = counts.get("records", 0), counts.get("failed", 0)
        self.phi, self.kept = Counter(counts.get("phi", {})), Counter(counts.get("kept", {}))
        self.errors: AppendFile | None = None
        self.audit: AppendFile | None = None

    def _open(self) -> None:
        state = self.state
        self.sink.open(self.partial.data, state["sink"] if state else None)
        self.errors = AppendFile(self.partial.errors, state["errors"] if state else None)
        if self.partial.audit is not None:
            self.audit = AppendFile(self.partial.audit, state["audit"] if state else None)

    def checkpoint(self) -> None:
        state = {"version": 1, "fingerprint": self.fingerprint, "consumed": self.consumed,
                 "sink": self.sink.checkpoint(), "errors": self.errors.checkpoint(),
                 "audit": self.audit.checkpoint() if self.audit else None,
                 "counts": {"records": self.records, "failed": self.failed, "phi": dict(self.phi),
                            "kept": dict(self.kept)}}
        self.partial.save(state)

    def _fail(self, bad: BadRecord) -> None:
        self.failed += 1
        self.errors.write((json.dumps(bad.to_json(), ensure_ascii=False) + "\n").encode("utf-8"))
        log.warning("record left out: %s:%d %s", bad.source, bad.line, bad.error.code)

    def _audit(self, record: Record, actions: list) -> None:
        phi = []
        for act in actions:
            item = {"start": act.start, "end": act.end, "label": act.label}
            if self.audit_text:
                item["text"] = record.text[act.start:act.end]
            if act.kept:
                item["kept"] = True
            phi.append(item)
        self.audit.write((json.dumps({"id": record.id, "phi": phi}, ensure_ascii=False) + "\n").encode("utf-8"))

    def handle(self, doc: Any, item: Record | BadRecord) -> None:
        if isinstance(item, BadRecord):
            self._fail(item)
            return
        try:
            spans = [(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents]
            result = anonymize(item.text, spans, self.policy, group=item.group)
            self.sink.write(item, result.text)
        except Exception as err:  # one broken record must not stop the run; no text in the report
            reason = type(err).__name__
            self._fail(BadRecord(item.index, item.source, item.line,
                                 RecordError("S026", path=item.source, line=item.line, reason=reason), item.id))
            return
        self.records += 1
        for act in result.actions:
            (self.kept if act.kept else self.phi)[act.label] += 1
        if self.audit is not None:
            self._audit(item, result.actions)

    def run(self, nlp: Any, source: Any, *, batch_size: int, workers: int, quiet: bool) -> None:
        self._open()
        try:
            items = source.records(skip=self.consumed)
            pairs = ((item.text if isinstance(item, Record) else "", item) for item in items)
            docs = nlp.pipe(pairs, as_tuples=True, batch_size=batch_size, n_process=workers)
            with progress_bar(quiet, source.total, self.consumed) as advance:
                since = 0
                for doc, item in docs:
                    self.handle(doc, item)
                    self.consumed = item.index + 1
                    since += 1
                    advance(1)
                    if since >= self.every:
                        self.checkpoint()
                        since = 0
            self.checkpoint()
        except BaseException:
            log.warning("run stopped after %d records; run again with --resume to continue", self.consumed)
            raise
        finally:
            self.sink.close()
            for fh in (self.errors, self.audit):
                if fh is not None:
                    fh.close()


__all__ = ["DEFAULT_MODEL", "DeidOptions", "Runner", "RunSummary", "deidentify", "resolve_key"]
