"""medspaCy's ConText with its default rules, run in medspaCy's own environment (it needs spaCy < 3.8, so it
cannot share medkiln's .venv). Reads JSONL `{"id", "text", "start", "end"}` (the target condition's
character offsets) on stdin, writes JSONL `{"id", "negated", "historical", "hypothetical", "family",
"uncertain"}` on stdout. Sentences are split by medspaCy's default sentence splitter (PyRuSH); the target
is set as the only entity, then `medspacy_context` (default rule set) runs. Called by notes_eval.py:

    .venv-medspacy/bin/python benchmarks/medspacy_context.py < targets.jsonl > context.jsonl
"""

from __future__ import annotations

import json
import sys


def main() -> None:
    import medspacy
    from loguru import logger  # PyRuSH logs every token at DEBUG level

    logger.remove()
    logger.add(sys.stderr, level="WARNING")

    nlp = medspacy.load(enable=["medspacy_pyrush", "medspacy_context"])
    context = nlp.get_pipe("medspacy_context")
    splitter = nlp.get_pipe("medspacy_pyrush")
    info = {"medspacy": medspacy.__version__, "rules": len(context.rules)}
    sys.stderr.write(json.dumps(info) + "\n")
    for line in sys.stdin:
        row = json.loads(line)
        doc = splitter(nlp.make_doc(row["text"]))
        span = doc.char_span(row["start"], row["end"], label="CONDITION", alignment_mode="expand")
        out = {"id": row["id"], "aligned": span is not None}
        if span is not None:
            doc.ents = [span]
            doc = context(doc)
            ent = doc.ents[0]
            out.update(negated=ent._.is_negated, historical=ent._.is_historical, hypothetical=ent._.is_hypothetical,
                       family=ent._.is_family, uncertain=ent._.is_uncertain)
        sys.stdout.write(json.dumps(out) + "\n")


if __name__ == "__main__":
    main()
