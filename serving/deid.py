"""De-identification as a job: one policy builder and one way from a reading of the text to its replaced
copy, shared by `medkiln deid` (batch), `medkiln serve` (/v1/deid) and `medkiln deid-spark`.

`build_policy(options)` turns the user's options (operator, date shift, seed or key file, labels kept, HIPAA
ages, the records' language) into an operators `Policy`; `deidentify_text(text, spans, policy, group)` applies
it; `DeidJob` is the batch job; `deidentify(input, output, ...)` is the pure function behind `medkiln deid`.
"""

from __future__ import annotations

import dataclasses
import logging
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .batch import JobResult, RunOptions, RunSummary, run_job
from .keys import resolve_key
from .operators import Policy, Result, anonymize, derive, get_operator

log = logging.getLogger(__name__)

DEFAULT_MODEL = "en_medkiln_deid"


@dataclass
class DeidPolicyOptions:
    """How PHI is replaced: shared by `medkiln deid`, `medkiln deid-spark` and the server's defaults."""

    operator: str = "redact"
    date_shift: bool = False
    seed: int | None = None
    key_file: Path | None = None
    keep: tuple[str, ...] = ()
    hipaa_ages: bool = False
    # The records' language ('es'): surrogates and shifted dates are written in it. None or 'auto': each record's
    # own (the language of the package that read it), English when unknown.
    lang: str | None = None


@dataclass
class DeidOptions(RunOptions, DeidPolicyOptions):
    """Everything `medkiln deid` can be told, with the command's defaults."""

    audit_text: bool = False
    run_propagation: bool = True


def build_policy(options: Any, *, key: bytes | None = None) -> Policy:
    """The operators' `Policy` from options with operator, date_shift, keep, hipaa_ages, lang (optional) and
    (unless `key` is given) seed / key_file. Unknown operators are S005; a bad key file S006."""
    operator = get_operator(options.operator)
    if key is None:
        key = resolve_key(options.seed, options.key_file)
    lang = getattr(options, "lang", None)
    return Policy(operator, key, bool(options.date_shift), frozenset(options.keep or ()), bool(options.hipaa_ages),
                  lang=None if lang in (None, "", "auto") else str(lang))


def deidentify_text(text: str, spans: list[tuple[int, int, str]], policy: Policy, group: str,
                    lang: str | None = None) -> Result:
    """`text` with its PHI `spans` replaced under `policy`, consistently within `group`; `lang` is the language of
    the package that read the text (used when the policy names none)."""
    return anonymize(text, spans, policy, group=group, lang=lang)


class DeidJob:
    """De-identification: the entities of each text (read without invisible format characters) go through the
    operators of `policy`."""

    name = "deid"
    output_fields: tuple[str, ...] = ()
    clean_text = True

    def __init__(self, policy: Policy, *, audit_text: bool = False, run_propagation: bool = False) -> None:
        self.policy, self.audit_text, self.run_propagation = policy, audit_text, run_propagation

    def fingerprint(self) -> dict:
        policy = self.policy
        keyed = policy.operator.needs_key or policy.date_shift
        return {"operator": policy.operator.name, "date_shift": policy.date_shift, "keep": sorted(policy.keep),
                "hipaa_ages": policy.hipaa_ages, "lang": policy.lang, "audit_text": self.audit_text,
                "run_propagation": self.run_propagation,
                "key": derive(policy.key, "fingerprint").hex()[:16] if keyed else None}

    def analyze(self, analysis: Any, record: Any) -> tuple[list, tuple, str | None]:
        """(entities in the record's offsets, no propagated mentions, the language of the package that read it)."""
        return analysis.ents, (), analysis.lang

    def process(self, payload: tuple, record: Any) -> JobResult:
        spans, added, *rest = payload
        lang = rest[0] if rest else None
        result = deidentify_text(record.text, list(spans) + list(added), self.policy, record.group, lang)
        added_at = {(s, e) for s, e, _ in added}
        phi, kept, audit, propagated = Counter(), Counter(), [], 0
        for act in result.actions:
            (kept if act.kept else phi)[act.label] += 1
            item = {"start": act.start, "end": act.end, "label": act.label}
            if self.audit_text:
                item["text"] = record.text[act.start:act.end]
            if act.kept:
                item["kept"] = True
            if (act.start, act.end) in added_at:
                item["propagated"] = True
                propagated += 1
            audit.append(item)
        return JobResult(text=result.text, counts=phi, kept=kept, audit={"id": record.id, "phi": audit},
                         propagated=propagated)


def deidentify(input: str | Path, output: str | Path, *, model: str | Path | None = None, nlp: Any = None,
               options: DeidOptions | None = None, **overrides: Any) -> RunSummary:
    """De-identify INPUT into OUTPUT (same format and structure). `overrides` set DeidOptions fields."""
    opts = dataclasses.replace(options or DeidOptions(), **overrides)
    policy = build_policy(opts)
    if (policy.operator.needs_key or policy.date_shift) and opts.seed is None and opts.key_file is None:
        log.warning("no --seed or --key-file: a random key is used, so %s output is not reproducible",
                    policy.operator.name)
    if opts.audit_text:
        log.warning("--audit-text: the audit file holds PHI text; it is created readable by you only (0600)")
    job = DeidJob(policy, audit_text=opts.audit_text, run_propagation=opts.run_propagation)
    summary = run_job(input, output, job, nlp=nlp, model=model or DEFAULT_MODEL, options=opts)
    summary.operator, summary.date_shift = policy.operator.name, policy.date_shift
    return summary


__all__ = ["DEFAULT_MODEL", "DeidJob", "DeidOptions", "DeidPolicyOptions", "build_policy", "deidentify",
           "deidentify_text"]
