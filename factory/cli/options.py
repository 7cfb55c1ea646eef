"""Options shared by the factory commands (synth, annotate, train, run, evaluate, export, review), declared once.

Each is an `Annotated` type a command's parameter takes with its default; the runtime commands' options are in
`serving.cli_options`. A flag reads and behaves the same in every command that has it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, List, Optional

import typer

# what every step is about
Domain = Annotated[str, typer.Argument(help="Domain name, e.g. deid, notes, translation.")]
Out = Annotated[Path, typer.Option("--out", help="Output folder.")]
Seed = Annotated[int, typer.Option("--seed", help="Random seed (same seed and data, same result).")]
Data = Annotated[Path, typer.Argument(help="JSONL records (span records or parallel text).")]
# training
Backbone = Annotated[str, typer.Option("--backbone", help="cnn (spaCy, from scratch) or minilm (transformer).")]
MaxSteps = Annotated[Optional[int], typer.Option("--max-steps", help="Stop training after this many steps.")]
Set = Annotated[List[str], typer.Option("--set", help="KEY=VALUE setting (repeatable); values are read as JSON "
                                       "when they parse, else as text, e.g. --set threshold=0.9.")]
Install = Annotated[bool, typer.Option("--install", help="pip install the exported wheel into this environment.")]
# LLM teachers (OpenAI-compatible servers)
BaseUrl = Annotated[Optional[str], typer.Option("--base-url", help="OpenAI-compatible API root, e.g. "
                                                "http://127.0.0.1:8000/v1")]
LlmModel = Annotated[Optional[str], typer.Option("--model", help="Model name as the server knows it.")]
ApiKeyEnv = Annotated[str, typer.Option("--api-key-env", help="Env var holding the API key (optional).")]
Timeout = Annotated[float, typer.Option("--timeout", help="Seconds to wait for one answer (a CPU server keeps "
                                        "working on requests a client gave up on, so err on the long side).")]
MaxRetries = Annotated[int, typer.Option("--max-retries", help="Retries of a failed request.")]
Concurrency = Annotated[int, typer.Option("--concurrency", help="Requests in flight at once.")]
CacheDir = Annotated[Optional[Path], typer.Option("--cache-dir", help="Answer cache (default OUT/.cache).")]
# review (Label Studio)
Project = Annotated[str, typer.Option("--project", help="Label Studio project title.")]
Url = Annotated[Optional[str], typer.Option("--url", help="Label Studio URL (default: $LABEL_STUDIO_URL).")]
TokenFile = Annotated[Optional[Path], typer.Option("--token-file", help="File holding the API token (default: "
                                                   "$LABEL_STUDIO_API_KEY).")]
Rule = Annotated[str, typer.Option("--conflict", help="Several reviewers disagree: majority (default), latest, "
                                   "drop.")]
ModelVersion = Annotated[Optional[str], typer.Option("--model-version", help="Name of the pre-annotations.")]
Select = Annotated[str, typer.Option("--select", help="Review order: uncertainty, disagreement, random.")]
Budget = Annotated[Optional[int], typer.Option("--budget", help="Only the first N tasks in review order.")]
DevFraction = Annotated[float, typer.Option("--dev-fraction", help="Share of new reviewed records held out as dev.")]
Base = Annotated[Optional[Path], typer.Option("--base", help="Data folder (train/dev/test.jsonl) to merge the "
                                              "reviewed records into; a record keeps its split there.")]


def parse_sets(items: list[str], option: str = "--set") -> dict[str, str]:
    """`KEY=VALUE` items as a dict (values untyped); a usage error (exit 2) for an item without `=` or key."""
    bad = [item for item in items if "=" not in item or not item.split("=", 1)[0].strip()]
    if bad:
        raise typer.BadParameter(f"give each setting as KEY=VALUE (got {len(bad)} without one)", param_hint=option)
    return {key.strip(): value for key, value in (item.split("=", 1) for item in items)}
