"""The batch runner behind `medkiln deid`, `extract` and `translate`: stream records through the pipeline and a
job, mirror the input format, never lose the user's data.

`run_job(input, output, job, ...)` reads lazily, writes into partial files beside OUTPUT with checkpoints (so
`resume=True` continues an interrupted run without duplicates, after checking that the input it already
consumed has not changed), moves the result into place only when complete, and reports bad records by file and
line in an errors file. Before it loads a model it checks every path it will write: none is the input or lies
in it, no two outputs are the same file, none exists unless `overwrite` (a folder then keeps every file the run
does not write), and the folders can be written. Nothing it logs or writes outside OUTPUT (and an opted-in
audit) holds note text.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import os
import tempfile
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterator, Protocol

from medkiln.core.errors import RecordError, UsageError
from .io import Fields, detect_format, make_sink, open_source
from .io.partial import Partial
from .io.records import AppendFile, BadRecord, Item, Record
from .progress import progress_bar
from .spool import Spool
from .workers import Failure, process_items

log = logging.getLogger(__name__)

_LABELS = {"deid": "de-identifying", "extract": "extracting", "translate": "translating"}


@dataclass
class RunOptions:
    """What every batch command (`deid`, `extract`, `translate`) can be told; progress bar off here."""

    format: str | None = None
    text_field: str = "text"
    id_field: str | None = None
    group_field: str | None = None
    encoding: str = "utf-8"
    audit: Path | None = None
    errors: Path | None = None
    batch_size: int = 64
    workers: int = 1
    resume: bool = False
    overwrite: bool = False
    quiet: bool = True
    checkpoint_every: int = 1000
    checkpoint_seconds: float = 5.0


@dataclass
class JobResult:
    """What a job made of one record. `text` replaces the record's text (None keeps it); `fields` are set on the
    output record (or are the whole output object when the output format is "jsonl"); `counts` and `kept` are
    label counts for the summary; `audit` is the record's line in the --audit file (ids and offsets only)."""

    text: str | None = None
    fields: dict | None = None
    counts: dict[str, int] | None = None
    kept: dict[str, int] | None = None
    audit: dict | None = None
    propagated: int = 0


class Job(Protocol):
    """One kind of batch work over records: de-identify, extract, translate."""

    name: str
    output_fields: tuple[str, ...]
    clean_text: bool  # the model reads the text without invisible format characters (serving.textview)

    def fingerprint(self) -> dict:
        """The options that change the output; resuming with other options is refused."""

    def analyze(self, analysis: Any, record: Record) -> Any:
        """What the job needs of the pipeline's reading of one record (`serving.textview.Analysis`). It runs
        where the pipeline runs, possibly in a worker process: return something small and picklable."""

    def process(self, payload: Any, record: Record) -> JobResult:
        """Turn one record and its `analyze` payload into a result (raise to leave the record out)."""


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
    operator: str | None = "redact"
    date_shift: bool = False
    job: str = "deid"
    propagated: int | None = None
    learned_words: int | None = None

    @property
    def counts(self) -> dict[str, int]:
        return self.phi

    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        if self.job != "deid":  # label counts of other jobs are not PHI counts
            data["counts"] = data.pop("phi")
            for key in ("kept", "operator", "date_shift"):
                data.pop(key)
        if self.propagated is None:
            for key in ("propagated", "learned_words"):
                data.pop(key)
        return data


def _inside(child: Path, parent: Path) -> bool:
    return child == parent or parent in child.parents


def _exists(path: Path) -> bool:
    """True when `path` holds something a run would replace (an empty folder holds nothing)."""
    if path.is_dir() and not path.is_symlink():
        return any(path.iterdir())
    return path.exists() or path.is_symlink()


def _writable(folder: Path) -> None:
    """Create `folder` if needed and prove a file can be made there, before any model is loaded (S013)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".medkiln-probe-"):
            pass
    except OSError as err:
        raise UsageError("S013", folder=folder, reason=type(err).__name__) from None


def check_paths(source: Path, output: Path, fmt: str, side: dict[str, Path | None], *, overwrite: bool) -> None:
    """Every check on the paths a run writes; see the module docstring. `side` names the other outputs."""
    src, out = source.resolve(), output.resolve()
    if _inside(out, src) or (fmt == "dir" and _inside(src, out)):
        raise UsageError("S004", output=output)
    if fmt != "dir" and output.is_dir():
        raise UsageError("S010", option="OUTPUT", reason="is a folder; the input is a file, so give a file path")
    if fmt == "dir" and output.exists() and not output.is_dir():
        raise UsageError("S010", option="OUTPUT", reason="is a file; the input is a folder, so give a folder path")
    seen = {out: "OUTPUT"}
    for option, path in side.items():
        if path is None:
            continue
        where = path.resolve()
        if _inside(where, src) or (fmt == "dir" and _inside(where, out)):
            raise UsageError("S004", output=path)
        if where in seen:
            raise UsageError("S017", first=seen[where], second=option, path=path)
        seen[where] = option
    if not overwrite:
        for path in (output, *side.values()):
            if path is not None and _exists(path):
                raise UsageError("S012", path=path)
    for where in seen:
        _writable(where.parent)


def _check_options(opts: RunOptions) -> None:
    if opts.batch_size < 1:
        raise UsageError("S010", option="--batch-size", reason="must be at least 1")
    if opts.workers < 1:
        raise UsageError("S010", option="--workers", reason="must be at least 1")
    if opts.checkpoint_every < 1:
        raise UsageError("S010", option="checkpoint_every", reason="must be at least 1")


def _fingerprint(source: Path, fmt: str, opts: RunOptions, job: Job, output_format: str | None) -> dict:
    return {
        "input": str(source.resolve()), "format": fmt, "encoding": opts.encoding,
        "fields": [opts.text_field, opts.id_field, opts.group_field], "audit": opts.audit is not None,
        "job": job.name, "output_format": output_format, **job.fingerprint(),
    }


def unit_digest(item: Item) -> bytes:
    """What identifies one input unit's content, for resume's check that the input did not change."""
    if isinstance(item, Record):
        return json.dumps([item.index, str(item.id), item.group, item.text]).encode("utf-8", "surrogatepass")
    return json.dumps([item.index, item.line, item.error.code]).encode("utf-8")


def _output_path(output: str | Path) -> Path:
    """OUTPUT as an absolute path with '.' and '..' resolved (so '.' has a name to put partial files beside)."""
    return Path(os.path.abspath(output))


def run_job(input: str | Path, output: str | Path, job: Job, *, nlp: Any = None, model: str | Path | None = None,
            options: RunOptions | None = None, output_format: str | None = None) -> RunSummary:
    """Stream INPUT through the pipeline and `job`, writing OUTPUT atomically (mirroring the input's format and
    structure, or one JSON object per record with `output_format="jsonl"`), resumable, bad records reported
    by file and line in the errors file. `nlp` or `model` (a package name or folder) gives the pipeline."""
    opts = options or RunOptions()
    source_path, output = Path(input), _output_path(output)
    _check_options(opts)
    if not source_path.exists():
        raise UsageError("S002", path=source_path)
    fmt = detect_format(source_path, opts.format)
    errors_path = Path(opts.errors) if opts.errors else output.with_name(output.name + ".errors.jsonl")
    audit_path = Path(opts.audit) if opts.audit else None
    check_paths(source_path, output, fmt, {"--errors": errors_path, "--audit": audit_path},
                overwrite=opts.overwrite)
    fields = Fields(opts.text_field, opts.id_field, opts.group_field)
    source = open_source(fmt, source_path, fields, opts.batch_size, opts.encoding)
    sink = make_sink(fmt, source, fields, tuple(getattr(job, "output_fields", ())), output_format)
    if nlp is None:
        if model is None:
            raise UsageError("S010", option="--model", reason="is required")
        from .pipeline import load_pipeline

        nlp = load_pipeline(model)
    partial = Partial(output, is_dir=sink.partial_is_dir, audit=audit_path is not None)
    fingerprint = _fingerprint(source_path, fmt, opts, job, output_format)
    state = partial.load(fingerprint) if opts.resume else None
    if state is None:
        partial.discard(keep_spool=opts.resume)
    runner = Runner(sink, partial, job, fingerprint, state, checkpoint_every=opts.checkpoint_every,
                    checkpoint_seconds=opts.checkpoint_seconds)
    if state is not None:
        runner.verify(source)
    log.info("%s: %s (%s) -> %s%s", job.name, source_path.name, fmt, output.name,
             f", resuming after {runner.consumed} records" if state else "")
    start = time.perf_counter()
    spool = None
    if getattr(job, "run_propagation", False):
        spool = Spool(partial.spool, fingerprint)
        spool.fill(nlp, source, job, batch_size=opts.batch_size, workers=opts.workers, quiet=opts.quiet,
                   resume=opts.resume)
        spool.learn(source)
    runner.run(nlp, source, batch_size=opts.batch_size, workers=opts.workers, quiet=opts.quiet,
               payloads=spool.payloads if spool else None)
    partial.commit_side_files(errors_path, audit_path)
    sink.finalize(partial.data, output)
    partial.done()
    return _summary(runner, source_path, output, fmt, errors_path, audit_path, job, spool,
                    time.perf_counter() - start)


def _summary(runner: "Runner", source: Path, output: Path, fmt: str, errors_path: Path, audit_path: Path | None,
             job: Job, spool: Spool | None, seconds: float) -> RunSummary:
    done = runner.consumed - runner.resumed_from
    summary = RunSummary(
        input=str(source), output=str(output) if output.exists() else None, format=fmt,
        records=runner.records, failed=runner.failed, phi=dict(sorted(runner.counts.items())),
        kept=dict(sorted(runner.kept.items())), seconds=round(seconds, 3),
        records_per_s=round(done / seconds, 1) if seconds > 0 else 0.0, errors_path=str(errors_path),
        audit_path=str(audit_path) if audit_path else None, resumed_from=runner.resumed_from,
        operator=None, job=job.name, propagated=runner.propagated if spool is not None else None,
        learned_words=len(spool.lexicon.learned or {}) if spool is not None else None)
    log.info("done: %d records, %d failed, %.1f records/s", summary.records, summary.failed,
             summary.records_per_s)
    return summary


class Runner:
    """The streaming loop: items in input order through the pipeline, a checkpoint every N input units or every
    few seconds (so an interrupted run loses seconds of work, whatever its speed)."""

    def __init__(self, sink: Any, partial: Partial, job: Job, fingerprint: dict, state: dict | None,
                 *, checkpoint_every: int, checkpoint_seconds: float = 5.0) -> None:
        self.sink, self.partial, self.job, self.fingerprint = sink, partial, job, fingerprint
        self.state, self.every, self.seconds = state, checkpoint_every, checkpoint_seconds
        counts = (state or {}).get("counts", {})
        self.consumed = self.resumed_from = (state or {}).get("consumed", 0)
        self.records, self.failed = counts.get("records", 0), counts.get("failed", 0)
        self.counts, self.kept = Counter(counts.get("labels", {})), Counter(counts.get("kept", {}))
        self.propagated = counts.get("propagated", 0)
        self.digest = hashlib.sha256()
        self.errors: AppendFile | None = None
        self.audit: AppendFile | None = None

    def verify(self, source: Any) -> None:
        """Resume only over the same input: the units already consumed must hash as they did (S014)."""
        seen = 0
        for item in source.records():
            if seen >= self.consumed:
                break
            self.digest.update(unit_digest(item))
            seen += 1
        if seen < self.consumed or self.digest.hexdigest() != self.state.get("digest"):
            raise UsageError("S014", units=self.consumed)

    def _open(self) -> None:
        state = self.state
        self.sink.open(self.partial.data, state["sink"] if state else None)
        self.errors = AppendFile(self.partial.errors, state["errors"] if state else None)
        if self.partial.audit is not None:
            self.audit = AppendFile(self.partial.audit, state["audit"] if state else None, private=True)

    def checkpoint(self) -> None:
        state = {"version": 3, "fingerprint": self.fingerprint, "consumed": self.consumed,
                 "digest": self.digest.hexdigest(), "sink": self.sink.checkpoint(),
                 "errors": self.errors.checkpoint(), "audit": self.audit.checkpoint() if self.audit else None,
                 "counts": {"records": self.records, "failed": self.failed, "labels": dict(self.counts),
                            "kept": dict(self.kept), "propagated": self.propagated}}
        self.partial.save(state)

    def _fail(self, bad: BadRecord) -> None:
        self.failed += 1
        self.errors.write((json.dumps(bad.to_json(), ensure_ascii=False) + "\n").encode("utf-8"))
        log.warning("record left out: %s:%d %s", bad.source, bad.line, bad.error.code)

    def _failed(self, item: Record, reason: str) -> None:
        error = RecordError("S026", path=item.source, line=item.line, job=self.job.name, reason=reason)
        self._fail(BadRecord(item.index, item.source, item.line, error, item.id))

    def handle(self, payload: Any, item: Item) -> None:
        if isinstance(item, BadRecord):
            self._fail(item)
            return
        if isinstance(payload, Failure):
            self._failed(item, payload.reason)
            return
        try:
            result = self.job.process(payload, item)
            self.sink.write(item, result.text, result.fields)
        except RecordError as err:  # the job named what is wrong with the record (field, item): keep its code
            self._fail(BadRecord(item.index, item.source, item.line, err, item.id))
            return
        except Exception as err:  # noqa: BLE001 - one broken record must not stop the run; no text in the report
            self._failed(item, type(err).__name__)
            return
        self.records += 1
        self.counts.update(result.counts or {})
        self.kept.update(result.kept or {})
        self.propagated += result.propagated
        if self.audit is not None and result.audit is not None:
            self.audit.write((json.dumps(result.audit, ensure_ascii=False) + "\n").encode("utf-8"))

    def run(self, nlp: Any, source: Any, *, batch_size: int, workers: int, quiet: bool,
            payloads: Callable[[int], Iterator[tuple[Any, Item]]] | None = None) -> None:
        """Process every item after the checkpoint: through the pipeline, or from `payloads(skip)` when given
        (the writing pass of a run-wide propagation, whose entities were spooled by the first pass)."""
        self._open()
        try:
            label = _LABELS.get(self.job.name, self.job.name)
            if payloads is not None:
                done = payloads(self.consumed)
                label += " 2/2"
            else:
                done = process_items(nlp, source, self.job.analyze, skip=self.consumed, batch_size=batch_size,
                                     workers=workers, clean=self.job.clean_text)
            with progress_bar(quiet, source.total, self.consumed, label) as advance:
                since, last = 0, time.monotonic()
                for payload, item in done:
                    self.handle(payload, item)
                    self.digest.update(unit_digest(item))
                    self.consumed = item.index + 1
                    since += 1
                    advance(1)
                    if since >= self.every or time.monotonic() - last >= self.seconds:
                        self.checkpoint()
                        since, last = 0, time.monotonic()
            self.checkpoint()
        except BaseException:
            log.warning("run stopped after %d records; run again with --resume to continue", self.consumed)
            raise
        finally:
            self.sink.close()
            for fh in (self.errors, self.audit):
                if fh is not None:
                    fh.close()


__all__ = ["Job", "JobResult", "RunOptions", "RunSummary", "Runner", "check_paths", "run_job", "unit_digest"]
