"""What an adapted package says about its adaptation: counts, teachers, the policy and its threshold, never text.

`adaptation_card(...)` is stored in the pipeline's meta.json (`medkiln.adaptation`) and in the data card;
`adapted_model_card` renders the usual model card (`factory.export.card`) with an "Adaptation" section and the
first limitation corrected (the student has seen the user's notes through its teachers, not only synthetic ones).
"""

from __future__ import annotations

from ..export.card import LIMITATIONS, model_card

NOTES_DESCRIPTION = "the user's own unlabeled notes (text field only; no labels were read)"


def adaptation_card(*, notes_report: dict, silver: dict, teachers: list[str], policy: str, threshold: float,
                    uncertain: str, silver_repeat: int, init: str, description: str, calibration: dict,
                    synthetic_docs: int, steps: int | None) -> dict:
    """The adaptation's provenance as plain counts and settings."""
    return {"notes": {"description": description, "file": notes_report["path"].rsplit("/", 1)[-1],
                      "format": notes_report["format"], "text_field": notes_report["text_field"],
                      "records": notes_report["records"], "bad_records": notes_report["bad_records"],
                      "used": notes_report["notes"], "removed": notes_report["removed"]},
            "silver": silver, "teachers": teachers, "agreement": {"policy": policy, "threshold": threshold,
                                                                 "uncertain": uncertain},
            "student_calibration": calibration,
            "training": {"init": init, "synthetic_docs": synthetic_docs, "silver_repeat": silver_repeat,
                         "steps": steps}}


def _section(card: dict) -> list[str]:
    notes, silver, agreement = card["notes"], card["silver"], card["agreement"]
    lines = ["## Adaptation", "",
             f"Adapted on {notes['used']} notes: {notes['description']} (`{notes['file']}`, {notes['format']}, "
             f"field `{notes['text_field']}`). Nobody labelled them: the teachers did.", "",
             f"- **teachers**: {', '.join(card['teachers'])}",
             f"- **agreement**: `{agreement['policy']}`, threshold {agreement['threshold']}, uncertain regions "
             f"{'masked (unknown, no loss)' if agreement['uncertain'] == 'mask' else 'dropped with their note'}",
             f"- **silver notes**: {silver['notes_kept']} kept of {silver['notes']} ({silver['notes_with_spans']} "
             f"with spans), {silver['silver_spans']} silver spans ({silver['propagated']} by run-wide "
             "propagation)",
             f"- **training**: from the {card['training']['init']} student, {card['training']['synthetic_docs']} "
             f"synthetic notes plus the silver notes x{card['training']['silver_repeat']}, "
             f"{card['training']['steps']} steps", ""]
    if silver["spans_per_label"]:
        lines += ["### Silver spans per label", "", "| label | spans |", "|---|---:|"]
        lines += [f"| {label} | {n} |" for label, n in silver["spans_per_label"].items()] + [""]
    return lines


def adapted_model_card(meta: dict, evaluation: dict | None, data_card: dict | None, *, adaptation: dict) -> str:
    """The model card of an adapted package (see the module's docstring)."""
    text = model_card(meta, evaluation, data_card)
    fixed = ("- Trained on synthetic notes plus the user's own unlabeled notes labelled by teachers (silver "
             "labels, see Adaptation): teacher errors the agreement policy let through are learned too; measure "
             "it on labelled notes of your own.")
    text = text.replace(LIMITATIONS[0], fixed)
    head, sep, rest = text.partition("## Evaluation")
    return head + "\n".join(_section(adaptation)) + "\n" + sep + rest


__all__ = ["NOTES_DESCRIPTION", "adaptation_card", "adapted_model_card"]
