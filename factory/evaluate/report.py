"""Evaluation reports: report.json, report.md and report.html (tables plus an inline SVG bar chart).

Reports hold scores, counts, labels, paths and the signature only: never note text. The HTML has no
JavaScript and no external assets.
"""

from __future__ import annotations

import html
from pathlib import Path

from medkiln.core.records import write_json

Table = tuple[str, list[str], list[list[str]]]


def _fmt(value) -> str:
    if value is None:
        return "-"
    if isinstance(value, float):
        return f"{value:.3f}"
    return str(value)


def _summary_rows(result: dict) -> list[list[str]]:
    keys = ("model", "data", "label_map", "hipaa_ages", "n_docs", "words_per_s", "docs_per_s", "signature")
    return [[k, _fmt(result[k])] for k in keys if k in result]


def tables(result: dict) -> list[Table]:
    """The report's tables as (title, header, rows) with formatted cells."""
    tok = result["token"]
    out: list[Table] = [("Run", ["field", "value"], _summary_rows(result))]
    out.append(("PHI tokens (label-agnostic)",
                ["token recall", "leak rate", "token precision", "precision (strict)", "gold tokens",
                 "leaked tokens", "predicted tokens"],
                [[_fmt(tok[k]) for k in ("recall", "leak_rate", "precision", "precision_strict", "gold_tokens",
                                         "leaked_tokens", "pred_tokens")]]))
    out.append(("Token recall per category", ["category", "token recall", "gold tokens", "leaked tokens"],
                [[c, _fmt(r["recall"]), _fmt(r["gold_tokens"]), _fmt(r["leaked_tokens"])]
                 for c, r in tok["per_category"].items()]))
    out.append(("Entities (micro)", ["mode", "P", "R", "F1", "tp", "predicted", "gold"],
                [[m] + [_fmt(result[m]["micro"][k]) for k in ("precision", "recall", "f1", "tp", "n_pred", "n_gold")]
                 for m in ("strict", "relaxed")]))
    header = ["category", "strict P", "strict R", "strict F1", "relaxed P", "relaxed R", "relaxed F1", "gold",
              "predicted"]
    rows = []
    for cat in result["strict"]["per_category"]:
        s, r = result["strict"]["per_category"][cat], result["relaxed"]["per_category"][cat]
        rows.append([cat] + [_fmt(x[k]) for x in (s, r) for k in ("precision", "recall", "f1")]
                    + [_fmt(s["n_gold"]), _fmt(s["n_pred"])])
    out.append(("Per category", header, rows))
    out.append(_label_table(result))
    counts = result.get("counts", {})
    rows = [[lab, _fmt(n)] for lab, n in counts.get("unscored_pred_spans", {}).items()]
    rows.append(["AGE <= 89 dropped (hipaa_ages)", _fmt(counts.get("hipaa_age_dropped", 0))])
    rows += [[f"{lab} (not PHI, ignored)", _fmt(n)] for lab, n in counts.get("non_phi_pred_spans", {}).items()]
    out.append(("Unscored predictions (dropped before scoring)", ["label", "spans"], rows))
    return out


def _label_table(result: dict) -> Table:
    strict, relaxed = result["strict"]["per_label"], result["relaxed"]["per_label"]
    if result.get("per_label_mode") == "label":
        header = ["label", "strict P", "strict R", "strict F1", "relaxed P", "relaxed R", "relaxed F1", "gold",
                  "predicted"]
        rows = [[lab] + [_fmt(x[k]) for x in (strict[lab], relaxed[lab]) for k in ("precision", "recall", "f1")]
                + [_fmt(strict[lab]["n_gold"]), _fmt(strict[lab]["n_pred"])] for lab in strict]
        return ("Per label", header, rows)
    header = ["label", "strict P", "strict R", "relaxed P", "relaxed R", "spans"]
    rows = []
    for key in strict:
        s, r = strict[key], relaxed[key]
        rows.append([key, _fmt(s.get("precision")), _fmt(s.get("recall")), _fmt(r.get("precision")),
                     _fmt(r.get("recall")), _fmt(s.get("n_gold", s.get("n_pred")))])
    return ("Per label (gold labels: recall; predicted labels: precision; matched by category)", header, rows)


def to_markdown(result: dict) -> str:
    lines = ["# Evaluation report", ""]
    for title, header, rows in tables(result):
        lines += [f"## {title}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows]
        lines.append("")
    return "\n".join(lines)


def bar_chart_svg(result: dict) -> str:
    """Grouped bars per category: strict F1, relaxed F1 and token recall (0..1)."""
    series = [("strict F1", "#4c72b0"), ("relaxed F1", "#55a868"), ("token recall", "#c44e52")]
    cats = list(result["strict"]["per_category"])
    tok = result["token"]["per_category"]
    bar, gap, height, top, left = 14, 18, 160, 20, 40
    width = left + len(cats) * (3 * bar + gap) + 140
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height + top + 40}" '
             f'role="img" aria-label="per-category scores">',
             f'<line x1="{left}" y1="{top + height}" x2="{width - 130}" y2="{top + height}" stroke="#333"/>']
    for tick in (0.0, 0.5, 1.0):
        y = top + height - tick * height
        parts.append(f'<text x="4" y="{y + 4:.1f}" font-size="10">{tick:.1f}</text>')
    for i, cat in enumerate(cats):
        values = [result["strict"]["per_category"][cat]["f1"], result["relaxed"]["per_category"][cat]["f1"],
                  tok.get(cat, {}).get("recall", 0.0)]
        x0 = left + gap / 2 + i * (3 * bar + gap)
        for j, (value, (name, color)) in enumerate(zip(values, series)):
            h = max(0.0, min(1.0, value)) * height
            parts.append(f'<rect x="{x0 + j * bar:.1f}" y="{top + height - h:.1f}" width="{bar - 2}" '
                         f'height="{h:.1f}" fill="{color}"><title>{html.escape(cat)} {name}: {value:.3f}'
                         f'</title></rect>')
        parts.append(f'<text x="{x0:.1f}" y="{top + height + 14}" font-size="10">{html.escape(cat)}</text>')
    for j, (name, color) in enumerate(series):
        y = top + 12 + j * 16
        parts.append(f'<rect x="{width - 120}" y="{y - 9}" width="10" height="10" fill="{color}"/>'
                     f'<text x="{width - 105}" y="{y}" font-size="11">{name}</text>')
    parts.append("</svg>")
    return "\n".join(parts)


def to_html(result: dict) -> str:
    body = ["<h1>Evaluation report</h1>", "<h2>Per-category scores</h2>", bar_chart_svg(result)]
    for title, header, rows in tables(result):
        body.append(f"<h2>{html.escape(title)}</h2><table><tr>"
                    + "".join(f"<th>{html.escape(h)}</th>" for h in header) + "</tr>")
        body += ["<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in rows]
        body.append("</table>")
    style = ("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;margin-bottom:1em}"
             "td,th{border:1px solid #ccc;padding:2px 8px;text-align:right}td:first-child{text-align:left}")
    return ("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>medkiln evaluation</title>"
            f"<style>{style}</style></head><body>\n" + "\n".join(body) + "\n</body></html>\n")


def write_report(result: dict, out_dir: "str | Path") -> dict[str, Path]:
    """Write report.json, report.md and report.html into `out_dir`; returns their paths by kind."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {"json": out / "report.json", "md": out / "report.md", "html": out / "report.html"}
    write_json(paths["json"], result)
    paths["md"].write_text(to_markdown(result), encoding="utf-8")
    paths["html"].write_text(to_html(result), encoding="utf-8")
    return paths
