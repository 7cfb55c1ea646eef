"""Copy a de-identification model with its rules component refreshed from the domain's current tables (patterns,
label shapes, not-a-name and edge words, measurement words, region names, gazetteer), the statistical parts untouched: measures a rules change without retraining.

    .venv/bin/python benchmarks/refresh_rules.py runs/v8_s0/adapt/model runs/v8_s0_rules [--lang en]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("model", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--lang", default=None, help="Language folder of the deid domain (default: English).")
    args = parser.parse_args(argv)
    from medkiln.core.errors import MedkilnError
    from medkiln.domains import get_domain
    from medkiln.factory.train.assemble import RULES_FACTORY, load_folder, rules_labels

    if args.out.resolve() == args.model.resolve():
        raise MedkilnError("E019", option="out", reason="must differ from the model folder (input is never overwritten)")
    spec = get_domain("deid", lang=args.lang) if args.lang else get_domain("deid")
    nlp = load_folder(args.model)
    rules = nlp.get_pipe(RULES_FACTORY)
    rules.clear()
    rules.add_patterns(list(spec.patterns))
    rules.set_labels(rules_labels(spec))
    words = spec.not_names() if spec.not_names else None
    rules.set_not_names(words["words"] if words else (), words["titles"] if words else ())
    rules.set_edge_words(words.get("edges", ()) if words else ())
    rules.set_measure_words(**(spec.measure_words or {}))
    rules.set_region_names(**((spec.region_names() if spec.region_names else None) or {}))
    rules.set_gazetteer(**((spec.gazetteer() if spec.gazetteer else None) or {}))
    nlp.to_disk(args.out)
    sys.stdout.write(f"{args.out}: rules of {spec.registry_name} ({len(rules)} patterns, "
                     f"{len(words['words']) if words else 0} not-a-name words)\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
