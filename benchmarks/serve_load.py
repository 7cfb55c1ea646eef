"""Load benchmark for `medkiln serve`: concurrent clients against /v1/deid on 127.0.0.1, next to the batch
CLI's records/s on the same notes.

    python benchmarks/serve_load.py --model en_medkiln_deid --requests 400 --concurrency 8 --records 1

Notes: the PhysioNet dev texts when present (measure only, never train), else synthetic notes. Prints a
markdown table and writes JSON with --out. Nothing here prints note text.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

REAL = Path(__file__).resolve().parents[1] / "../shared/data/dev/physionet_deid_gold/physionet_deid_gold.jsonl"
NAMES = ["Alma Reyes", "Tobias Lind", "Greta Olsen", "Hamid Karimi"]


def synthetic_notes(n: int, seed: int = 0) -> list[str]:
    r = random.Random(seed)
    return [f"{r.choice(NAMES)}, {r.randint(20, 95)}yo, seen {r.randint(1, 12)}/{r.randint(1, 28)}/"
            f"20{r.randint(10, 24)} at Riverbend General by Dr. {r.choice(NAMES).split()[1]}. MRN {r.randint(10**6, 10**7)}. "
            "Chest pain resolved; continue aspirin 81 mg daily, follow up in two weeks. " * r.randint(1, 4)
            for _ in range(n)]


def load_notes(path: Path | None, limit: int) -> tuple[list[str], str]:
    path = path or (REAL if REAL.is_file() else None)
    if path is None:
        return synthetic_notes(limit), "synthetic"
    with path.open(encoding="utf-8") as fh:
        notes = [json.loads(line)["text"] for line, _ in zip(fh, range(limit))]
    return notes, path.name


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(model: str, port: int, batch_size: int, workers: int) -> subprocess.Popen:
    cmd = [sys.executable, "-m", "medkiln.factory.cli.main", "serve", "--model", model, "--port", str(port), "--seed", "1",
           "--batch-size", str(batch_size), "--workers", str(workers), "--log-level", "warning",
           "--max-text-chars", "1000000"]
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with status {proc.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/readyz", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.5)
    proc.kill()
    raise SystemExit("server not ready in 180 s")


async def load(base: str, notes: list[str], requests: int, concurrency: int, per_request: int) -> dict:
    latencies: list[float] = []
    failures = 0
    counter = iter(range(requests))

    async def client_loop(client: httpx.AsyncClient) -> None:
        nonlocal failures
        for i in counter:
            recs = [{"id": i * per_request + j, "text": notes[(i * per_request + j) % len(notes)]}
                    for j in range(per_request)]
            start = time.perf_counter()
            r = await client.post("/v1/deid", json={"records": recs, "operator": "surrogate", "date_shift": True})
            latencies.append(time.perf_counter() - start)
            failures += r.status_code != 200

    async with httpx.AsyncClient(base_url=base, timeout=300) as client:
        await client.post("/v1/deid", json={"text": notes[0]})  # warm-up
        start = time.perf_counter()
        await asyncio.gather(*(client_loop(client) for _ in range(concurrency)))
        wall = time.perf_counter() - start
    q = statistics.quantiles(latencies, n=100)
    return {"requests": requests, "concurrency": concurrency, "records_per_request": per_request,
            "failures": failures, "seconds": round(wall, 2), "records_per_s": round(requests * per_request / wall, 1),
            "p50_ms": round(q[49] * 1000, 1), "p95_ms": round(q[94] * 1000, 1), "p99_ms": round(q[98] * 1000, 1)}


def batch_rate(model: str, notes: list[str], batch_size: int) -> float:
    from medkiln.serving.deid import deidentify

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "notes.jsonl"
        src.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(notes)), encoding="utf-8")
        summary = deidentify(src, Path(tmp) / "out.jsonl", model=model, operator="surrogate", date_shift=True,
                             seed=1, batch_size=batch_size)
    return summary.records_per_s


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", default="en_medkiln_deid")
    ap.add_argument("--notes", type=Path, default=None, help="JSONL with a 'text' field (default: PhysioNet dev)")
    ap.add_argument("--limit", type=int, default=400, help="notes to cycle through")
    ap.add_argument("--requests", type=int, default=400)
    ap.add_argument("--concurrency", type=int, default=8)
    ap.add_argument("--records", type=int, default=1, help="records per request")
    ap.add_argument("--batch-size", type=int, default=64)
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    notes, source = load_notes(args.notes, args.limit)
    port = free_port()
    proc = start_server(args.model, port, args.batch_size, args.workers)
    try:
        result = asyncio.run(load(f"http://127.0.0.1:{port}", notes, args.requests, args.concurrency, args.records))
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    result.update(model=args.model, notes=source, distinct_notes=len(notes), workers=args.workers,
                  batch_cli_records_per_s=batch_rate(args.model, notes, args.batch_size))
    print("| setup | records/s | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|---|")
    print(f"| serve: {args.concurrency} clients x {args.records} rec/request, {args.workers} worker(s) | "
          f"{result['records_per_s']} | {result['p50_ms']} | {result['p95_ms']} | {result['p99_ms']} |")
    print(f"| batch CLI (`medkiln deid`, same notes) | {result['batch_cli_records_per_s']} | | | |")
    print(json.dumps(result))
    if args.out:
        args.out.write_text(json.dumps(result, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
