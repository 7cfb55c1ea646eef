"""`medkiln evaluate`: a thin Typer wrapper over `factory.evaluate.evaluate` (registered by factory.cli.main)."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer


def evaluate_command(
    model: str = typer.Argument(..., help="Pipeline folder or installed package name."),
    data: Path = typer.Argument(..., help="Gold span JSONL {id, text, spans}."),
    label_map: str = typer.Option("i2b2", "--label-map", help="i2b2, physionet, presidio_research, meddocan, grascco (from the mapping.json beside the data), or a JSON map file."),
    hipaa_ages: bool = typer.Option(False, "--hipaa-ages/--no-hipaa-ages",
                                    help="Drop predicted ages <= 89 (for gold sets that mark ages > 89 only)."),
    out: Path = typer.Option(Path("runs/evaluate"), "--out", help="Folder for report.json/.md/.html."),
    limit: Optional[int] = typer.Option(None, "--limit", help="Score only the first N records."),
    pred_map: Optional[str] = typer.Option(None, "--pred-map",
                                           help="Another predicted-label side: i2b2, spacy, presidio or JSON."),
    batch_size: int = typer.Option(64, "--batch-size"),
    run_propagation: bool = typer.Option(False, "--run-propagation/--no-run-propagation",
                                         help="Score what `medkiln deid` writes: add run-wide propagation."),
):
    """Score a model on gold span JSONL: strict/relaxed P/R/F1, PHI token recall and leak rate."""
    from rich.console import Console
    from rich.table import Table

    from . import evaluate, write_report

    result = evaluate(model, data, label_map=label_map, hipaa_ages=hipaa_ages, limit=limit,
                      batch_size=batch_size, pred_map=pred_map, progress=True, run_propagation=run_propagation)
    paths = write_report(result, out)
    console = Console()
    table = Table(title=f"{result['n_docs']} docs, map {result['label_map']}")
    for col in ("category", "strict F1", "relaxed F1", "token recall", "gold", "predicted"):
        table.add_column(col, justify="left" if col == "category" else "right")
    tok_cats = result["token"]["per_category"]
    for cat, row in result["strict"]["per_category"].items():
        relaxed = result["relaxed"]["per_category"][cat]["f1"]
        recall = tok_cats.get(cat, {}).get("recall")
        table.add_row(cat, f"{row['f1']:.3f}", f"{relaxed:.3f}", "-" if recall is None else f"{recall:.3f}",
                      str(row["n_gold"]), str(row["n_pred"]))
    tok = result["token"]
    table.add_row("ALL (micro)", f"{result['strict']['micro']['f1']:.3f}", f"{result['relaxed']['micro']['f1']:.3f}",
                  f"{tok['recall']:.3f}", str(result["strict"]["micro"]["n_gold"]),
                  str(result["strict"]["micro"]["n_pred"]))
    console.print(table)
    console.print(f"token recall {tok['recall']:.3f}, leak rate {tok['leak_rate']:.3f} "
                  f"({tok['leaked_tokens']}/{tok['gold_tokens']} tokens), token precision {tok['precision']:.3f}; "
                  f"{result['docs_per_s']:.1f} docs/s, {result['words_per_s']:.0f} words/s")
    console.print(f"signature: {result['signature']}")
    for kind, path in paths.items():
        console.print(f"{kind}: {path}", soft_wrap=True)
    return result
