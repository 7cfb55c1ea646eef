"""The models a server holds: loaded once at start-up, described from their meta, each with one worker
thread that batches concurrent requests through `nlp.pipe` (CPU work stays off the event loop)."""

from __future__ import annotations

import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

from medkiln.core.errors import UsageError
from ..operators import CATEGORIES

log = logging.getLogger(__name__)

EXTENSIONS = {"extract": "extraction", "translate": "translation"}
KNOWN_FACTORIES = {"extract": frozenset({"medkiln_assertion", "medkiln_attribute_linker"}),
                   "translate": frozenset({"medkiln_translator"})}


class Batcher:
    """Queues (texts, post) jobs; one thread runs every waiting job's texts through one `nlp.pipe` call,
    then each job's `post(docs)` (also in that thread). Cancelled jobs (client gone) are skipped."""

    def __init__(self, nlp: Any, batch_size: int = 64) -> None:
        self.nlp, self.batch_size = nlp, batch_size
        self.executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="medkiln-nlp")
        self.queue: asyncio.Queue | None = None
        self.task: asyncio.Task | None = None

    async def run(self, texts: list[str], post: Callable[[list], Any]) -> Any:
        if self.task is None or self.task.done():
            self.queue = asyncio.Queue()
            self.task = asyncio.get_running_loop().create_task(self._loop())
        future = asyncio.get_running_loop().create_future()
        await self.queue.put((texts, post, future))
        return await future

    async def _loop(self) -> None:
        loop = asyncio.get_running_loop()
        while True:
            jobs = [await self.queue.get()]
            size = len(jobs[0][0])
            while size < self.batch_size and not self.queue.empty():
                jobs.append(self.queue.get_nowait())
                size += len(jobs[-1][0])
            jobs = [job for job in jobs if not job[2].done()]
            if not jobs:
                continue
            outcomes = await loop.run_in_executor(self.executor, self._work, jobs)
            for (_, _, future), (ok, value) in zip(jobs, outcomes):
                if not future.done():
                    future.set_result(value) if ok else future.set_exception(value)

    def _work(self, jobs: list) -> list[tuple[bool, Any]]:
        texts = [text for job in jobs for text in job[0]]
        try:
            docs = list(self.nlp.pipe(texts, batch_size=self.batch_size))
        except Exception as err:  # a 500 (type name only) for the job that broke, not for its batch-mates
            if len(jobs) == 1:
                return [(False, err)]
            return [outcome for job in jobs for outcome in self._work([job])]
        outcomes, pos = [], 0
        for job_texts, post, _ in jobs:
            chunk, pos = docs[pos:pos + len(job_texts)], pos + len(job_texts)
            try:
                outcomes.append((True, post(chunk)))
            except Exception as err:
                outcomes.append((False, err))
        return outcomes

    def close(self) -> None:
        if self.task is not None:
            self.task.cancel()
        self.executor.shutdown(wait=False, cancel_futures=True)


@dataclass
class ModelEntry:
    name: str
    nlp: Any
    source: str
    capabilities: frozenset[str] = frozenset()
    batcher: Batcher | None = field(default=None, repr=False)

    @property
    def version(self) -> str:
        return str(self.nlp.meta.get("version", "0.0.0"))

    def labels(self) -> list[str]:
        return pipeline_labels(self.nlp)

    def describe(self) -> dict:
        meta = self.nlp.meta
        evaluation = meta.get("performance") or None
        card = (meta.get("medkiln") or {}).get("evaluation") or {}
        summary = {k: v for k, v in card.items() if k not in ("per_label", "per_category")}
        return {"name": self.name, "package": f"{meta.get('lang', 'xx')}_{meta.get('name', 'pipeline')}",
                "version": self.version, "labels": self.labels(), "pipeline": list(self.nlp.pipe_names),
                "capabilities": sorted(self.capabilities), "evaluation": evaluation,
                "evaluation_summary": summary or None, "description": meta.get("description")}


def default_name(nlp: Any, source: str) -> str:
    """The name requests use: the package name when loaded by name, else lang_name from meta.json."""
    if not Path(source).is_dir():
        return source
    meta = nlp.meta
    return f"{meta.get('lang', 'xx')}_{meta.get('name', Path(source).name)}"


def pipeline_labels(nlp: Any) -> list[str]:
    found: set[str] = set()
    for _, pipe in nlp.pipeline:
        labels = getattr(pipe, "labels", None)
        if labels and not callable(labels):
            found.update(str(label) for label in labels)
    return sorted(found)


def capabilities(nlp: Any) -> frozenset[str]:
    """'ner' when a component has entity labels; 'deid' when some are PHI labels (i2b2-2014: a model that
    finds no PHI must never be used to de-identify); 'extract'/'translate' when a component declares
    `assigns=["doc._.extraction"]` (or `doc._.translation`) or is one of medkiln's own note-extraction or
    translation components. (Probing a doc would not do: `doc._.extraction` is a global getter once the
    notes components are imported.)"""
    labels = set(pipeline_labels(nlp))
    found = {"ner"} if labels else set()
    if labels & set(CATEGORIES):
        found.add("deid")
    for name in nlp.pipe_names:
        meta = nlp.get_pipe_meta(name)
        for cap, ext in EXTENSIONS.items():
            if f"doc._.{ext}" in (meta.assigns or ()) or meta.factory in KNOWN_FACTORIES[cap]:
                found.add(cap)
    return frozenset(found)


def parse_model_arg(arg: str) -> tuple[str | None, str]:
    """'NAME=PATH' -> (NAME, PATH); a plain package name or path -> (None, it)."""
    if "=" in arg:
        name, _, source = arg.partition("=")
        if name.strip() and source.strip():
            return name.strip(), source.strip()
    return None, arg


def build_entries(models: Mapping[str, Any] | list, batch_size: int = 64) -> dict[str, ModelEntry]:
    """Entries from {name: Language} or from a list of 'NAME=PATH' / package names / paths (loads them)."""
    from ..pipeline import load_pipeline

    pairs: list[tuple[str, Any, str]] = []
    if isinstance(models, Mapping):
        pairs = [(name, nlp, name) for name, nlp in models.items()]
    else:
        for arg in models:
            alias, source = parse_model_arg(str(arg))
            nlp = load_pipeline(source)
            pairs.append((alias or default_name(nlp, source), nlp, source))
    entries: dict[str, ModelEntry] = {}
    for name, nlp, source in pairs:
        if name in entries:
            raise UsageError("S058", name=name)
        entries[name] = ModelEntry(name, nlp, source, capabilities(nlp), Batcher(nlp, batch_size))
        log.info("serving model %s (%s)", name, ", ".join(sorted(entries[name].capabilities)))
    return entries
