"""`medkiln extract`: structured facts from notes with a note-extraction pipeline (`en_medkiln_notes`).

`extract(input, output, ...)` streams any input the batch CLI reads (.txt, folder, JSONL, CSV, Parquet)
through the pipeline and writes one JSON object per record: `{"id", "entities": [{"start", "end", "label",
"text", "assertion", "assertion_score", "section", "attributes": {...}}], "sections": [...]}` (schema
medkiln.notes.extraction.v1). With `spans_field` the NER is switched off and the spans the record brings in
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

from .errors import RecordError, UsageError

if TYPE_CHECKING:  # the batch machinery is imported when a run starts, not with the CLI
    from .batch import JobResult, RunOptions, RunSummary
    from .io.records import Record

DEFAULT_MODEL = "en_medkiln_notes"
ASSERTION, LINKER = "medkiln_assertion", "medkiln_attribute_linker"
NER_PIPES = ("tok2vec", "ner", ASSERTION, LINKER)


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

    def __init__(self, nlp: Any, spans_field: str | None = None) -> None:
        for component in (ASSERTION, LINKER):
            if component not in nlp.component_names:
                raise UsageError("S070", name=nlp.meta.get("name", "?"), component=component)
        self.spans_field = spans_field
        self.classifier, self.linker = nlp.get_pipe(ASSERTION), nlp.get_pipe(LINKER)

    def fingerprint(self) -> dict:
        return {"spans_field": self.spans_field, "schema": "medkiln.notes.extraction.v1"}

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
        return build_extraction(doc, rows, links, labels)

    def process(self, doc: Any, record: Record) -> JobResult:
        from .batch import JobResult

        if self.spans_field is None:
            result = doc._.extraction
        else:
            result = self.classify(doc, user_spans(record, self.spans_field))
        counts = Counter(f"{e['label']}:{e['assertion']}" for e in result["entities"])
        audit = {"id": record.id, "entities": [{k: e[k] for k in ("start", "end", "label", "assertion")}
                                               for e in result["entities"]]}
        return JobResult(fields={"entities": result["entities"], "sections": result["sections"]},
                         counts=dict(counts), audit=audit)


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
    input: Path = typer.Argument(..., help="A .txt file, a folder of .txt files, or JSONL, CSV, Parquet."),
    output: Path = typer.Argument(..., help="JSONL file: one {id, entities, sections} object per record."),
    model: str = typer.Option(DEFAULT_MODEL, "--model", "-m", help="Installed package or pipeline folder."),
    spans_field: Optional[str] = typer.Option(None, "--spans-field", help="Classify the spans in this field (a list of "
                                              "start, end, label triples) instead of finding them."),
    fmt: Optional[str] = typer.Option(None, "--format", help="Override detection: txt, dir, jsonl, csv, parquet."),
    text_field: str = typer.Option("text", "--text-field", help="Field/column holding the note text."),
    id_field: Optional[str] = typer.Option(None, "--id-field", help="Field/column with the record id "
                                           "(default: line or row number, or relative path)."),
    audit: Optional[Path] = typer.Option(None, "--audit", help="Write entity offsets, labels and status per record."),
    errors: Optional[Path] = typer.Option(None, "--errors", help="Errors file (default OUTPUT.errors.jsonl)."),
    batch_size: int = typer.Option(64, "--batch-size", help="nlp.pipe batch size."),
    workers: int = typer.Option(1, "--workers", help="Processes for nlp.pipe (n_process)."),
    resume: bool = typer.Option(False, "--resume", help="Continue an interrupted run into the same OUTPUT."),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="No progress bar."),
):
    """Extract problems, tests, treatments and medications with assertion status, attributes and sections."""
    from .cli import run_batch_command

    run_batch_command(lambda: extract(
        input, output, model=model, spans_field=spans_field, format=fmt, text_field=text_field, id_field=id_field,
        audit=audit, errors=errors, batch_size=batch_size, workers=workers, resume=resume, quiet=quiet))
