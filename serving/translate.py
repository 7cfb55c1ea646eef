"""`medkiln translate`: a batch job over `serving.batch.run_job` that puts a translation in each record.

Record formats (JSONL, CSV, Parquet) keep every field and gain `--output-field` (default `translation`);
`.txt` files and folders are mirrored with the translated text. Formats, streaming, resume, the errors
file and exit codes are those of `medkiln deid` (0 all done, 1 some records failed, 2 usage error).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

import typer

from .batch import JobResult, RunOptions, RunSummary, run_job
from . import cli_options as o
from medkiln.core.errors import UsageError
from .io import detect_format

TEXT_FORMATS = ("txt", "dir")


class TranslateJob:
    """Reads `doc._.translation` (set by the `medkiln_translator` component)."""

    name = "translate"
    clean_text = False

    def __init__(self, output_field: str = "translation", *, replace_text: bool = False, model: str = "",
                 settings: dict | None = None) -> None:
        self.output_field = output_field
        self.output_fields = () if replace_text else (output_field,)
        self.replace_text = replace_text
        self.model = model
        self.settings = settings or {}

    def fingerprint(self) -> dict:
        return {"output_field": self.output_field, "replace_text": self.replace_text, "model": self.model,
                **self.settings}

    def analyze(self, analysis: Any, record: Any) -> str:
        """The translation; a long text read in pieces (cut at line breaks) is their translations joined."""
        parts = [doc._.translation for _, doc in analysis.parts]
        if not all(isinstance(t, str) for t in parts):
            raise ValueError("no translation")
        return "".join(parts)

    def process(self, translation: str, record: Any) -> JobResult:
        segments = sum(1 for line in record.text.splitlines() if line.strip())
        if self.replace_text:
            return JobResult(text=translation, counts={"texts": 1, "lines": segments})
        return JobResult(fields={self.output_field: translation}, counts={"texts": 1, "lines": segments})


def load_translator(model: str | Path, *, backend: str | None = None, beam_size: int | None = None,
                    constrain: bool | None = None, threads: int | None = None):
    """The pipeline and its translator component (S090 when it has none); overrides set on the component."""
    from . import medkiln_translator  # noqa: F401  (registers the factory before loading)
    from .pipeline import load_pipeline

    nlp = load_pipeline(model)
    names = [n for n, c in nlp.pipeline if type(c).__name__ == "Translator"]
    if not names:
        raise UsageError("S090", name=model)
    comp = nlp.get_pipe(names[0])
    if backend is not None:
        if backend not in ("auto", "hf", "ct2"):
            raise UsageError("S092", backend=backend, reason="unknown backend")
        comp.backend = backend
    for attr, value in (("beam_size", beam_size), ("constrain", constrain), ("threads", threads)):
        if value is not None:
            setattr(comp, attr, value)
    for other in [n for n in nlp.pipe_names if n != names[0]]:
        nlp.remove_pipe(other)
    return nlp, comp


def translate(input: str | Path, output: str | Path, *, model: str | Path, output_field: str = "translation",
              options: RunOptions | None = None, backend: str | None = None, beam_size: int | None = None,
              constrain: bool | None = None, threads: int | None = None, nlp: Any = None) -> RunSummary:
    """Translate INPUT into OUTPUT (same format; records gain `output_field`). Returns the run summary."""
    opts = options or RunOptions()
    if not Path(input).exists():
        raise UsageError("S002", path=input)
    fmt = detect_format(Path(input), opts.format)
    if nlp is None:
        nlp, comp = load_translator(model, backend=backend, beam_size=beam_size, constrain=constrain, threads=threads)
    else:
        comp = next(c for _, c in nlp.pipeline if type(c).__name__ == "Translator")
    settings = {"backend": comp.backend, "beam_size": comp.beam_size, "constrain": comp.constrain}
    job = TranslateJob(output_field, replace_text=fmt in TEXT_FORMATS, model=str(model), settings=settings)
    return run_job(input, output, job, nlp=nlp, options=opts)


def translate_command(
    input: o.Input, output: o.Output,
    model: str = typer.Option(..., "--model", "-m", help="Translation package (e.g. en_medkiln_mt_de) or folder."),
    output_field: str = typer.Option("translation", "--output-field", help="Field/column for the translation "
                                     "(record formats; other fields are kept)."),
    fmt: o.Format = None, text_field: o.TextField = "text", id_field: o.IdField = None, encoding: o.Encoding = "utf-8",
    backend: Optional[str] = typer.Option(None, "--backend", help="auto (CTranslate2 when present), hf or ct2."),
    beam_size: Optional[int] = typer.Option(None, "--beam-size", help="Beam size (default: the package's, 1)."),
    glossary: Optional[bool] = typer.Option(None, "--glossary/--no-glossary", help="Prefer hypotheses that keep "
                                            "the domain glossary terms (n-best reranking)."),
    threads: Optional[int] = typer.Option(None, "--threads", help="CPU threads for the model."),
    errors: o.Errors = None, batch_size: o.BatchSize = 32, workers: o.Workers = 1, resume: o.Resume = False,
    overwrite: o.Overwrite = False, quiet: o.Quiet = False,
):
    """Translate a .txt file, a folder, JSONL, CSV or Parquet; the output mirrors the input."""
    from .cli import run_batch_command

    opts = RunOptions(format=fmt, text_field=text_field, id_field=id_field, encoding=encoding, errors=errors,
                      batch_size=batch_size, workers=workers, resume=resume, overwrite=overwrite, quiet=quiet)
    run_batch_command(lambda: translate(input, output, model=model, output_field=output_field, options=opts,
                                        backend=backend, beam_size=beam_size, constrain=glossary, threads=threads))
