"""Run a job's analysis over input items, in this process or in worker processes that end with the run.

`process_items(nlp, source, analyze, ...)` yields `(payload, item)` in input order for every input unit after
`skip`: `payload = analyze(analysis, record)` for a record (see `serving.textview.Analysis`), a `Failure` when
that raised (its type name only: an exception message may quote the text), None for a bad record.

With `workers > 1` the pipeline runs in forked processes that each hold the loaded pipeline (copy-on-write)
and return only the small payloads. The main process keeps a bounded window of batches in flight (memory stays
flat on any input) and terminates its workers whenever it stops for any reason (an error, Ctrl-C, SIGTERM), so
no process outlives the run. Workers ignore SIGINT (a Ctrl-C reaches the whole process group: the main
process decides) and use one BLAS thread each (they share the cores).
"""

from __future__ import annotations

import logging
import multiprocessing
import signal
from collections import deque
from typing import Any, Callable, Iterable, Iterator

from .io.records import Item, Record
from .textview import MAX_PIECE_CHARS, analyze as analyze_texts

log = logging.getLogger(__name__)

Analyze = Callable[[Any, Record], Any]


class Failure:
    """Analysing one record raised: `reason` is the exception's type name (never its message)."""

    __slots__ = ("reason",)

    def __init__(self, reason: str) -> None:
        self.reason = reason


def _batches(items: Iterable[Item], size: int) -> Iterator[list[Item]]:
    batch: list[Item] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _one(nlp: Any, fn: Analyze, item: Item, clean: bool, max_chars: int) -> Any:
    if not isinstance(item, Record):
        return None
    try:
        analysis = next(analyze_texts(nlp, [item.text], clean=clean, batch_size=1, max_chars=max_chars))
        return fn(analysis, item)
    except Exception as err:  # noqa: BLE001 - one record must not stop the run; type name only
        return Failure(type(err).__name__)


def run_batch(nlp: Any, fn: Analyze, batch: list[Item], *, clean: bool, batch_size: int,
              max_chars: int = MAX_PIECE_CHARS) -> list[Any]:
    """Payloads for one batch; when the pipeline fails on the batch, each record is tried alone so only the
    record that breaks it fails."""
    texts = [item.text if isinstance(item, Record) else "" for item in batch]
    try:
        analyses = list(analyze_texts(nlp, texts, clean=clean, batch_size=batch_size, max_chars=max_chars))
    except Exception:  # noqa: BLE001 - retried record by record below
        return [_one(nlp, fn, item, clean, max_chars) for item in batch]
    out = []
    for analysis, item in zip(analyses, batch):
        if not isinstance(item, Record):
            out.append(None)
            continue
        try:
            out.append(fn(analysis, item))
        except Exception as err:  # noqa: BLE001 - type name only
            out.append(Failure(type(err).__name__))
    return out


# What each forked worker runs: set in the parent just before the pool forks (nothing is pickled but batches).
_WORK: dict[str, Any] = {}


def _init_worker() -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    from .pipeline import blas_threads

    _WORK["blas"] = blas_threads(1)


def _work(batch: list[Item]) -> list[Any]:
    return run_batch(_WORK["nlp"], _WORK["fn"], batch, clean=_WORK["clean"], batch_size=_WORK["batch_size"])


def _in_process(nlp: Any, fn: Analyze, items: Iterable[Item], *, clean: bool,
                batch_size: int) -> Iterator[tuple[Any, Item]]:
    for batch in _batches(items, batch_size):
        yield from zip(run_batch(nlp, fn, batch, clean=clean, batch_size=batch_size), batch)
        batch = None  # noqa: PLW2901 - let this batch go before the next one is read (memory stays flat)


def _pooled(nlp: Any, fn: Analyze, items: Iterable[Item], *, clean: bool, batch_size: int,
            workers: int) -> Iterator[tuple[Any, Item]]:
    _WORK.update(nlp=nlp, fn=fn, clean=clean, batch_size=batch_size)
    pool = multiprocessing.get_context("fork").Pool(workers, initializer=_init_worker)
    window: deque = deque()
    finished = False
    try:
        for batch in _batches(items, batch_size):
            window.append((pool.apply_async(_work, (batch,)), batch))
            if len(window) >= 2 * workers:
                result, done = window.popleft()
                yield from zip(result.get(), done)
        while window:
            result, done = window.popleft()
            yield from zip(result.get(), done)
        finished = True
    finally:
        _WORK.clear()
        if finished:
            pool.close()
        else:  # stopped early (error, interrupt, caller gone): end the workers now, never wait for their queue
            pool.terminate()
        pool.join()


def process_items(nlp: Any, source: Any, analyze: Analyze, *, skip: int = 0, batch_size: int = 64,
                  workers: int = 1, clean: bool = True) -> Iterator[tuple[Any, Item]]:
    """(payload, item) for every input unit of `source` after `skip`; see the module docstring."""
    items = source.records(skip=skip)
    if workers > 1:
        return _pooled(nlp, analyze, items, clean=clean, batch_size=batch_size, workers=workers)
    return _in_process(nlp, analyze, items, clean=clean, batch_size=batch_size)


__all__ = ["Failure", "process_items", "run_batch"]
