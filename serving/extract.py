"""`medkiln extract`: structured facts from notes with a note-extraction pipeline (`en_medkiln_notes`).

`extract(input, output, ...)` streams any input the batch CLI reads (.txt, folder, JSONL, CSV, Parquet)
through the pipeline and writes one JSON object per record: `{"id", "entities": [{"start", "end", "label",
"text", "assertion", "assertion_score", "section", "attributes": {...}, "code": {...} | null}], "sections":
[...]}` (schema medkiln.notes.extraction.v2; `code` comes from the pipeline's `medkiln_concept_linker`). With `spans_field` the NER is switched off and the spans the record brings in
that field (e.g. from another NER) are classified and linked instead. Resume, progress, the errors file and
exit codes are the batch runner's (`serving.batch.run_job`).
"""

from __future__ import annotations

import dataclasses
import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional

import typer

from . import cli_options as o
from medkiln.core.errors import RecordError, UsageError
from .textview import MAX_PIECE_CHARS

if TYPE_CHECKING:  # the batch machinery is imported when a run starts, not with the CLI
    from .batch import JobResult, RunOptions, RunSummary
    from .io.records import Record

DEFAULT_MODEL = "en_medkiln_notes"
ASSERTION, LINKER, CONCEPTS = "medkiln_assertion", "medkiln_attribute_linker", "medkiln_concept_linker"
NER_PIPES = ("medkiln_vocab", "tok2vec", "ner", ASSERTION, LINKER, CONCEPTS)


def _as_span(item: Any, i: int, length: int, where: dict) -> tuple[int, int, str]:
    if isinstance(item, dict):
        item = [item.get("start"), item.get("end"), item.get("label")]
    if not isinstance(item, (list, tuple)) or len(item) < 3:
        raise RecordError("S072", item=i, reason="is not [start, end, label] or {start, end, label}", **where)
    start, end, label = item[0], item[1], item[2]
    if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool) or isinstance(end, bool):
        raise RecordError("S072", item=i, reason="start and end must be integers", **where)
    if not 0 <= start < end <= length:
        raise RecordError("S072", item=i, reason=f"offsets [{start}, {end}] outside the text (length {length})",
                          **where)
    if not isinstance(label, str) or not label:
        raise RecordError("S072", item=i, reason="label must be a non-empty string", **where)
    return start, end, label


def user_spans(record: Record, field: str) -> list[tuple[int, int, str]]:
    """The spans a record brings in `field` (a list, or a JSON string of one in CSV/Parquet cells)."""
    where = {"path": record.source, "line": record.line, "field": field}
    payload = record.payload if isinstance(record.payload, dict) else {}
    if field not in payload:
        raise RecordError("S071", reason="is missing", **where)
    value = payload[field]
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except ValueError:
            raise RecordError("S071", reason="is a string that is not JSON", **where) from None
    if hasattr(value, "tolist"):  # numpy arrays from Parquet
        value = value.tolist()
    if not isinstance(value, list):
        raise RecordError("S071", reason=f"holds {type(value).__name__}", **where)
    return [_as_span(item, i, len(record.text), where) for i, item in enumerate(value)]


class ExtractJob:
    """Extraction of one record: the pipeline's own entities, or the record's spans (`spans_field`)."""

    name = "extract"
    output_fields = ("entities", "sections")
    clean_text = False

    def __init__(self, nlp: Any, spans_field: str | None = None) -> None:
        for component in (ASSERTION, LINKER):
            if component not in nlp.component_names:
                raise UsageError("S070", name=nlp.meta.get("name", "?"), component=component)
        self.spans_field = spans_field
        self.classifier, self.linker = nlp.get_pipe(ASSERTION), nlp.get_pipe(LINKER)
        self.concepts = nlp.get_pipe(CONCEPTS) if CONCEPTS in nlp.component_names else None

    def fingerprint(self) -> dict:
        return {"spans_field": self.spans_field, "schema": "medkiln.notes.extraction.v2"}

    def classify(self, doc: Any, spans: list[tuple[int, int, str]]) -> dict:
        """The schema's JSON for spans given by the caller (offsets kept as given)."""
        from medkiln.serving.medkiln_notes import build_extraction

        aligned, origin = [], {}
        for start, end, label in spans:
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is not None and len(span):
                aligned.append(span)
                origin[(span.start_char, span.end_char)] = (start, end)
        attrs = set(self.linker.relations)
        heads = [s for s in aligned if s.label_ not in attrs]
        results = self.classifier.classify(doc, heads, aligned)
        rows = [(*origin[(s.start_char, s.end_char)], s.label_, status, round(score, 4))
                for s, (status, score) in zip(heads, results)]
        links = [[*origin[(a, b)], *origin[(h, k)]] for a, b, h, k in self.linker.link(doc, aligned)]
        labels = {origin[(s.start_char, s.end_char)]: s.label_ for s in aligned}
        codes = {}
        if self.concepts is not None:
            codes = {origin[(s.start_char, s.end_char)]: c for s, c in zip(heads, self.concepts.link(doc, heads))}
        return build_extraction(doc, rows, links, labels, codes)

    def _extract(self, doc: Any, record: Record, start: int, end: int) -> dict:
        if self.spans_field is None:
            return doc._.extraction
        spans = [(s - start, e - start, label) for s, e, label in user_spans(record, self.spans_field)
                 if start <= s < end]
        if any(e > end - start for _, e, _ in spans):
            raise RecordError("S072", path=record.source, line=record.line, field=self.spans_field, item="?",
                              reason=f"crosses a cut of a text longer than {MAX_PIECE_CHARS} characters")
        return self.classify(doc, spans)

    def analyze(self, analysis: Any, record: Record) -> dict:
        """The record's extraction; a long text read in pieces has each piece's offsets moved to the text's."""
        parts = [shift_extraction(self._extract(doc, record, piece.start, piece.end), piece.start)
                 for piece, doc in analysis.parts]
        if len(parts) == 1:
            return parts[0]
        return {"schema": parts[0]["schema"], "entities": [e for p in parts for e in p["entities"]],
                "sections": [s for p in parts for s in p["sections"]]}

    def process(self, payload: dict, record: Record) -> JobResult:
        from .batch import JobResult

        result = payload
        counts = Counter(f"{e['label']}:{e['assertion']}" for e in result["entities"])
        audit = {"id": record.id, "entities": [{k: e[k] for k in ("start", "end", "label", "assertion")}
                                               for e in result["entities"]]}
        return JobResult(fields={"entities": result["entities"], "sections": result["sections"]},
                         counts=dict(counts), audit=audit)


def shift_extraction(result: dict, offset: int) -> dict:
    """`result` with every character offset (entities, their attributes, sections) moved by `offset`."""
    if not offset:
        return result

    def moved(item: dict) -> dict:
        return {**item, "start": item["start"] + offset, "end": item["end"] + offset}

    entities = [{**moved(e), "attributes": {k: moved(a) for k, a in e.get("attributes", {}).items()}}
                for e in result["entities"]]
    return {**result, "entities": entities, "sections": [moved(s) for s in result["sections"]]}


def load_for_extract(model: str | Path, spans_field: str | None) -> Any:
    """The pipeline; with `spans_field` its NER (and the components that act on its entities) are off."""
    from .pipeline import load_pipeline

    nlp = load_pipeline(model)
    if spans_field is not None:
        nlp.select_pipes(disable=[name for name in NER_PIPES if name in nlp.pipe_names])
    return nlp


def extract(input: str | Path, output: str | Path, *, model: str | Path = DEFAULT_MODEL, nlp: Any = None,
            spans_field: str | None = None, options: RunOptions | None = None, **overrides: Any) -> RunSummary:
    """Extract INPUT into the JSONL file OUTPUT (one object per record). `overrides` set RunOptions fields."""
    from .batch import RunOptions, run_job

    opts = dataclasses.replace(options or RunOptions(), **overrides)
    if Path(output).exists() and Path(output).is_dir():
        raise UsageError("S010", option="OUTPUT", reason="is a folder; extract writes one JSONL file")
    if nlp is None:
        if not Path(input).exists():
            raise UsageError("S002", path=input)
        nlp = load_for_extract(model, spans_field)
    job = ExtractJob(nlp, spans_field)
    return run_job(input, output, job, nlp=nlp, options=opts, output_format="jsonl")


def extract_command(
    input: o.Input,
    output: Path = typer.Argument(..., help="JSONL file: one {id, entities, sections} object per record."),
    model: o.Model = DEFAULT_MODEL,
    spans_field: Optional[str] = typer.Option(None, "--spans-field", help="Classify the spans in this field (a list of "
                                              "start, end, label triples) instead of finding them."),
    fmt: o.Format = None, text_field: o.TextField = "text", id_field: o.IdField = None, encoding: o.Encoding = "utf-8",
    audit: o.Audit = None, errors: o.Errors = None, batch_size: o.BatchSize = 64, workers: o.Workers = 1,
    resume: o.Resume = False, overwrite: o.Overwrite = False, quiet: o.Quiet = False,
):
    """Extract problems, tests, treatments and medications with assertion status, attributes and sections."""
    from .cli import run_batch_command

    run_batch_command(lambda: extract(
        input, output, model=model, spans_field=spans_field, format=fmt, text_field=text_field, id_field=id_field,
        encoding=encoding, audit=audit, errors=errors, batch_size=batch_size, workers=workers, resume=resume,
        overwrite=overwrite, quiet=quiet))
