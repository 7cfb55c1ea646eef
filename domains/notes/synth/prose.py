"""Biomedical prose for the synthesizer: abstract-like sentences and clinic letters, where problems and
drugs appear in the phrasing of papers ("cocaine-induced seizures", "patients with X randomized to Y"),
next to words that look like entities and are not (research words, body parts alone, lab names, ambiguous
phrases). Slots as in `templates.py`; `{gen}`, `{body}`, `{amb}` are unlabelled negative knowledge, `{LAB}` a
lab test (TEST), `{PROC}` a procedure (TREATMENT), `{n}`/`{pct}` numbers."""

from __future__ import annotations

ABSTRACT = (
    "{M:present}-induced {D:present} in rats.", "{M:present}-induced {D:present} was studied in {n} patients.",
    "We report a case of {D:present} associated with {M:present} therapy.",
    "The aim of this study was to evaluate the {gen} of {M:present} on {D:present}.",
    "A total of {n} patients with {D:present} were randomized to receive {M:present} or placebo.",
    "{M:present} significantly reduced the incidence of {D:present} compared with {M:present}.",
    "Treatment with {M:present} was associated with an increased risk of {D:hypothetical}.",
    "These results suggest that {M:present} may be useful in the treatment of {D:present}.",
    "{D:present} developed in {n} of {n} patients ({pct}%) receiving {M:present}.",
    "Adverse events included {D:present}, {D:present} and {D:present}.",
    "Serum {LAB:present} {gen} were measured before and after {M:present} administration.",
    "The {body} was examined histologically after {n} days of {M:present}.",
    "{M:present} ({n} mg/kg) was given intraperitoneally to {gen}.",
    "No {D:absent} was observed in the {M:present} group.", "{D:possible} may be a rare complication of {M:present}.",
    "{M:present} is widely used in the treatment of {D:present} and {D:present}.",
    "Patients with {D:present} had higher {LAB:present} {gen} than controls.",
    "The {gen} of {M:present} on {body} {gen} were assessed.", "{M:present} and {M:present} were co-administered.",
    "{D:present} is a common cause of {D:present} in elderly patients.",
    "Withdrawal of {M:present} led to resolution of the {D:present}.",
    "The combination of {M:present} with {M:present} prevented {D:hypothetical}.",
    "{amb} was used in all experiments.", "Samples were kept in {amb} before analysis.",
    "{PROC:present} was performed in {n} patients with {D:present}.",
    "Pretreatment with {M:present} attenuated {M:present}-induced {D:present}.",
    "{D:present} and {D:present} are known {gen} of {M:present}.",
    "The mechanism of {M:present} {gen} in {D:present} remains unclear.",
    "A {n}-year-old woman developed {D:present} after taking {M:present} for {D:present}.",
    "{M:present} overdose resulted in {D:present} and {D:present}.",
    "Risk factors for {D:hypothetical} included {D:present}, {D:present} and use of {M:present}.",
)
LETTER = (
    "Thank you for referring this patient with {D:present}.", "I reviewed her in clinic today regarding her {D:present}.",
    "He continues to take {MD:present}.", "Her {D:historical} has been stable since {when}.",
    "We discussed the risk of {D:hypothetical} with {M:present}.", "There was no evidence of {D:absent} on examination.",
    "I have arranged {LAB:hypothetical} and will review the results.", "She has stopped {M:historical} because of {D:present}.",
    "Examination of the {body} was unremarkable.", "I would be grateful if you could continue {M:present}.",
)
HEADERS = ("BACKGROUND", "OBJECTIVE", "METHODS", "RESULTS", "CONCLUSIONS", "CONCLUSION", "PURPOSE")
# Sentences for clinical notes where problem-like words are not problems (negative knowledge in notes).
NOTE_NEGATIVES = (
    "{amb} applied.", "{Amb} was given.", "{Body} exam unremarkable.", "{LAB:present} within normal limits.",
    "{LAB:present} pending.", "Plan {PROC:hypothetical} next week.", "Discussed {gen} and {gen} with the patient.",
    "{Body}: normal.", "Status post {PROC:historical}.", "Check {LAB:hypothetical} in the morning.",
)
