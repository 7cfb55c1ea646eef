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
from typing import Any, Callable, Iterator, Protocol

from .errors import RecordError, UsageError
from .io import Fields, detect_format, make_sink, open_source
from .io.partial import Partial
from .io.records import AppendFile, BadRecord, Item, Record
from .operators import Policy, anonymize, derive, get_operator
from .pipeline import load_pipeline, pipe_items
from .spool import Spool

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_medkiln_deid"
_LABELS = {"deid": "de-identifying", "extract": "extracting", "translate": "translating"}


@dataclass
class RunOptions:
    """What every batch command (`deid`, `extract`, `translate`) can be told; progress bar off here."""

    format: str | None = None
    text_field: str = "text"
    id_field: str | None = None
    group_field: str | None = None
    audit: Path | None = None
    errors: Path | None = None
    batch_size: int = 64
    workers: int = 1
    resume: bool = False
    quiet: bool = True
    checkpoint_every: int = 1000


@dataclass
class DeidPolicyOptions:
    """How PHI is replaced: shared by `medkiln deid` and `medkiln deid-spark`."""

    operator: str = "redact"
    date_shift: bool = False
    seed: int | None = None
    key_file: Path | None = None
    keep: tuple[str, ...] = ()
    hipaa_ages: bool = False


@dataclass
class DeidOptions(RunOptions, DeidPolicyOptions):
    """Everything `medkiln deid` can be told, with the command's defaults."""

    audit_text: bool = False
    run_propagation: bool = True


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

    def fingerprint(self) -> dict:
        """The options that change the output; resuming with other options is refused."""

    def process(self, doc: Any, record: Record) -> JobResult:
        """Turn one record and its processed Doc into a result (raise to leave the record out)."""


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


def _check_options(opts: RunOptions) -> None:
    if opts.batch_size < 1:
        raise UsageError("S010", option="--batch-size", reason="must be at least 1")
    if opts.workers < 1:
        raise UsageError("S010", option="--workers", reason="must be at least 1")
    if opts.checkpoint_every < 1:
        raise UsageError("S010", option="checkpoint_every", reason="must be at least 1")


class DeidJob:
    """De-identification: the entities of each doc go through the operators of `policy`."""

    name = "deid"
    output_fields: tuple[str, ...] = ()

    def __init__(self, policy: Policy, *, audit_text: bool = False, run_propagation: bool = False) -> None:
        self.policy, self.audit_text, self.run_propagation = policy, audit_text, run_propagation

    def fingerprint(self) -> dict:
        policy = self.policy
        keyed = policy.operator.needs_key or policy.date_shift
        return {"operator": policy.operator.name, "date_shift": policy.date_shift, "keep": sorted(policy.keep),
                "hipaa_ages": policy.hipaa_ages, "audit_text": self.audit_text,
                "run_propagation": self.run_propagation,
                "key": derive(policy.key, "fingerprint").hex()[:16] if keyed else None}

    def process(self, doc: Any, record: Record) -> JobResult:
        spans = [(ent.start_char, ent.end_char, ent.label_) for ent in doc.ents]
        added = getattr(doc, "propagated", ())
        result = anonymize(record.text, spans + list(added), self.policy, group=record.group)
        added_at = {(s, e) for s, e, _ in added}
        phi, kept, audit, propagated = Counter(), Counter(), [], 0
        for act in result.actions:
            (kept if act.kept else phi)[act.label] += 1
            item = {"start": act.start, "end": act.end, "label": act.label}
            if self.audit_text:
                item["text"] = record.text[act.start:act.end]
            if act.kept:
                item["kept"] = True
            if (act.start, act.end) in added_at:
                item["propagated"] = True
                propagated += 1
            audit.append(item)
        return JobResult(text=result.text, counts=phi, kept=kept, audit={"id": record.id, "phi": audit},
                         propagated=propagated)


def _fingerprint(source: Path, fmt: str, opts: RunOptions, job: Job, output_format: str | None) -> dict:
    return {
        "input": str(source.resolve()), "format": fmt,
        "size": source.stat().st_size if source.is_file() else None,
        "fields": [opts.text_field, opts.id_field, opts.group_field], "audit": opts.audit is not None,
        "job": job.name, "output_format": output_format, **job.fingerprint(),
    }


def run_job(input: str | Path, output: str | Path, job: Job, *, nlp: Any = None, model: str | Path | None = None,
            options: RunOptions | None = None, output_format: str | None = None) -> RunSummary:
    """Stream INPUT through `nlp.pipe` and `job`, writing OUTPUT atomically (mirroring the input's format and
    structure, or one JSON object per record with `output_format="jsonl"`), resumable, bad records reported
    by file and line in the errors file. `nlp` or `model` (a package name or folder) gives the pipeline."""
    opts = options or RunOptions()
    source_path, output = Path(input), Path(output)
    _check_options(opts)
    if not source_path.exists():
        raise UsageError("S002", path=source_path)
    fmt = detect_format(source_path, opts.format)
    errors_path = Path(opts.errors) if opts.errors else output.with_name(output.name + ".errors.jsonl")
    audit_path = Path(opts.audit) if opts.audit else None
    _check_paths(source_path, output, fmt, [errors_path, audit_path])
    fields = Fields(opts.text_field, opts.id_field, opts.group_field)
    source = open_source(fmt, source_path, fields, opts.batch_size)
    sink = make_sink(fmt, source, fields, tuple(getattr(job, "output_fields", ())), output_format)
    if nlp is None:
        if model is None:
            raise UsageError("S010", option="--model", reason="is required")
        nlp = load_pipeline(model)
    partial = Partial(output, is_dir=sink.partial_is_dir, audit=audit_path is not None)
    fingerprint = _fingerprint(source_path, fmt, opts, job, output_format)
    state = partial.load(fingerprint) if opts.resume else None
    if state is None:
        partial.discard(keep_spool=opts.resume)
    runner = Runner(sink, partial, job, fingerprint, state, checkpoint_every=opts.checkpoint_every)
    log.info("%s: %s (%s) -> %s%s", job.name, source_path.name, fmt, output.name,
             f", resuming after {runner.consumed} records" if state else "")
    start = time.perf_counter()
    docs, lexicon = None, None
    if getattr(job, "run_propagation", False):
        spool = Spool(partial.spool, fingerprint)
        spool.fill(nlp, source, batch_size=opts.batch_size, workers=opts.workers, quiet=opts.quiet,
                   resume=opts.resume)
        lexicon = spool.learn(source)
        docs = spool.docs
    runner.run(nlp, source, batch_size=opts.batch_size, workers=opts.workers, quiet=opts.quiet, docs=docs)
    partial.commit_side_files(errors_path, audit_path)
    sink.finalize(partial.data, output)
    partial.done()
    seconds = time.perf_counter() - start
    done = runner.consumed - runner.resumed_from
    summary = RunSummary(
        input=str(source_path), output=str(output) if output.exists() else None, format=fmt,
        records=runner.records, failed=runner.failed, phi=dict(sorted(runner.counts.items())),
        kept=dict(sorted(runner.kept.items())), seconds=round(seconds, 3),
        records_per_s=round(done / seconds, 1) if seconds > 0 else 0.0, errors_path=str(errors_path),
        audit_path=str(audit_path) if audit_path else None, resumed_from=runner.resumed_from,
        operator=None, job=job.name, propagated=runner.propagated if lexicon is not None else None,
        learned_words=len(lexicon.learned or {}) if lexicon is not None else None)
    log.info("done: %d records, %d failed, %.1f records/s", summary.records, summary.failed,
             summary.records_per_s)
    return summary


def deidentify(input: str | Path, output: str | Path, *, model: str | Path | None = None, nlp: Any = None,
               options: DeidOptions | None = None, **overrides: Any) -> RunSummary:
    """De-identify INPUT into OUTPUT (same format and structure). `overrides` set DeidOptions fields."""
    opts = dataclasses.replace(options or DeidOptions(), **overrides)
    _check_options(opts)
    policy = Policy(get_operator(opts.operator), resolve_key(opts.seed, opts.key_file), opts.date_shift,
                    frozenset(opts.keep), opts.hipaa_ages)
    if (policy.operator.needs_key or policy.date_shift) and opts.seed is None and opts.key_file is None:
        log.warning("no --seed or --key-file: a random key is used, so %s output is not reproducible",
                    policy.operator.name)
    job = DeidJob(policy, audit_text=opts.audit_text, run_propagation=opts.run_propagation)
    summary = run_job(input, output, job, nlp=nlp, model=model or DEFAULT_MODEL, options=opts)
    summary.operator, summary.date_shift = policy.operator.name, policy.date_shift
    return summary


@contextmanager
def progress_bar(quiet: bool, total: int | None, completed: int,
                 label: str = "de-identifying") -> Iterator[Callable[[int], None]]:
    """A rich progress bar with records/s on stderr; a no-op when quiet."""
    if quiet:
        yield lambda n: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(),
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

    def __init__(self, sink: Any, partial: Partial, job: Job, fingerprint: dict, state: dict | None,
                 *, checkpoint_every: int) -> None:
        self.sink, self.partial, self.job, self.fingerprint = sink, partial, job, fingerprint
        self.state, self.every = state, checkpoint_every
        counts = (state or {}).get("counts", {})
        self.consumed = self.resumed_from = (state or {}).get("consumed", 0)
        self.records, self.failed = counts.get("records", 0), counts.get("failed", 0)
        self.counts, self.kept = Counter(counts.get("labels", {})), Counter(counts.get("kept", {}))
        self.propagated = counts.get("propagated", 0)
        self.errors: AppendFile | None = None
        self.audit: AppendFile | None = None

    def _open(self) -> None:
        state = self.state
        self.sink.open(self.partial.data, state["sink"] if state else None)
        self.errors = AppendFile(self.partial.errors, state["errors"] if state else None)
        if self.partial.audit is not None:
            self.audit = AppendFile(self.partial.audit, state["audit"] if state else None)

    def checkpoint(self) -> None:
        state = {"version": 2, "fingerprint": self.fingerprint, "consumed": self.consumed,
                 "sink": self.sink.checkpoint(), "errors": self.errors.checkpoint(),
                 "audit": self.audit.checkpoint() if self.audit else None,
                 "counts": {"records": self.records, "failed": self.failed, "labels": dict(self.counts),
                            "kept": dict(self.kept), "propagated": self.propagated}}
        self.partial.save(state)

    def _fail(self, bad: BadRecord) -> None:
        self.failed += 1
        self.errors.write((json.dumps(bad.to_json(), ensure_ascii=False) + "\n").encode("utf-8"))
        log.warning("record left out: %s:%d %s", bad.source, bad.line, bad.error.code)

    def handle(self, doc: Any, item: Record | BadRecord) -> None:
        if isinstance(item, BadRecord):
            self._fail(item)
            return
        try:
            result = self.job.process(doc, item)
            self.sink.write(item, result.text, result.fields)
        except RecordError as err:  # the job named what is wrong with the record (field, item): keep its code
            self._fail(BadRecord(item.index, item.source, item.line, err, item.id))
            return
        except Exception as err:  # one broken record must not stop the run; no text in the report
            error = RecordError("S026", path=item.source, line=item.line, job=self.job.name,
                                reason=type(err).__name__)
            self._fail(BadRecord(item.index, item.source, item.line, error, item.id))
            return
        self.records += 1
        self.counts.update(result.counts or {})
        self.kept.update(result.kept or {})
        self.propagated += result.propagated
        if self.audit is not None and result.audit is not None:
            self.audit.write((json.dumps(result.audit, ensure_ascii=False) + "\n").encode("utf-8"))

    def run(self, nlp: Any, source: Any, *, batch_size: int, workers: int, quiet: bool,
            docs: Callable[[int], Iterator[tuple[Any, Item]]] | None = None) -> None:
        """Process every item after the checkpoint: through `nlp.pipe`, or from `docs(skip)` when given (the
        writing pass of a run-wide propagation, whose docs were spooled by the first pass)."""
        self._open()
        try:
            label = _LABELS.get(self.job.name, self.job.name)
            if docs is not None:
                done = docs(self.consumed)
                label += " 2/2"
            else:
                done = pipe_items(nlp, source, skip=self.consumed, batch_size=batch_size, workers=workers)
            with progress_bar(quiet, source.total, self.consumed, label) as advance:
                since = 0
                for doc, item in done:
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


__all__ = ["DEFAULT_MODEL", "DeidJob", "DeidOptions", "Job", "JobResult", "RunOptions", "Runner", "RunSummary",
           "deidentify", "resolve_key", "run_job"]
