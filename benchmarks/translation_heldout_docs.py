"""Train a translation student the honest way for a benchmark: half of the real set's documents as the
user's `--documents` (English side only, written to a {"id", "text"} JSONL without references), the other
half never seen, then `benchmarks/translation_eval.py` scores `<set>_unseen` on those.

TICO-19 ids are `<document>_<n>:<sentence>`; documents are sorted by size (largest first, then by name) and
every other one goes to the documents half, so both halves mix PubMed, Wikipedia and dialogue.

    .venv/bin/python benchmarks/translation_heldout_docs.py --tgt es --out runs/heldout_en_es --budget 900
    .venv/bin/python benchmarks/translation_eval.py --run runs/heldout_en_es --threads 2 --no-hf --no-glossary
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TICO = ROOT / "../shared/data/dev/tico19_biomed_mt"


def documents_half(real: Path, out: Path) -> dict:
    """Write the English side of every other document of `real` to `out`; return which documents."""
    recs = [json.loads(line) for line in real.read_text(encoding="utf-8").splitlines() if line.strip()]
    sizes = Counter(r["id"].split(":")[0] for r in recs)
    order = [d for d, _ in sorted(sizes.items(), key=lambda kv: (-kv[1], kv[0]))]
    chosen = set(order[0::2])
    out.parent.mkdir(parents=True, exist_ok=True)
    with out.open("w", encoding="utf-8") as fh:
        for r in recs:
            if r["id"].split(":")[0] in chosen:
                fh.write(json.dumps({"id": r["id"], "text": r["src"]}, ensure_ascii=False) + "\n")
    return {"documents": sorted(chosen), "held_out": sorted(set(order) - chosen),
            "sentences": sum(sizes[d] for d in chosen)}


def main(argv: list[str] | None = None) -> dict:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tgt", choices=("es", "fr"), required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--budget", type=float, default=660.0, help="Training time budget in seconds.")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--shared", type=Path, default=TICO)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    sys.path.insert(0, str(ROOT))
    from medkiln.domains import get_domain
    from medkiln.factory.translation.run import run
    from medkiln.factory.translation.sources import SourceSettings

    real = args.shared / f"tico19.en-{args.tgt}.jsonl"
    split = documents_half(real, args.out.parent / f"{args.out.name}_documents.jsonl")
    logging.info("documents half: %s (%d sentences); held out: %s", split["documents"], split["sentences"],
                 split["held_out"])
    summary = run(get_domain("translation"), args.out, n=3000, seed=args.seed, src="en", tgt=args.tgt,
                  train_budget_s=args.budget, threads=args.threads, build="none", real_data=real,
                  sources=SourceSettings(documents=str(args.out.parent / f"{args.out.name}_documents.jsonl")))
    summary["split"] = split
    print(json.dumps(summary, indent=1, default=str))
    return summary


if __name__ == "__main__":
    main()
