"""Assertion cues as data (general clinical usage, in the spirit of NegEx/ConText trigger lists, written for
medkiln): phrases before ("pre") or after ("post") the target that give it its status, scope breakers that
end a cue's scope, and neutral fillers. `compose.py` combines them into sentences."""

from __future__ import annotations

CUES: dict[str, dict[str, tuple[str, ...]]] = {
    "present": {
        "pre": ("", "", "reports", "she reports", "he reports", "patient reports", "complains of", "c/o", "endorses",
                "admits to", "presents with", "presented with", "notes", "has", "with", "positive for", "significant for",
                "evidence of", "findings consistent with", "consistent with", "there is", "there is mild",
                "there is moderate", "there is severe", "there is a small", "new", "worsening", "persistent", "increasing",
                "ongoing", "developed", "now with", "admitted with", "admitted for", "treated for", "being treated for",
                "improving", "stable", "unchanged", "apparent", "demonstrates", "shows", "revealed",
                "is found to have", "was found to have", "diagnosed with", "acute", "mild", "severe", "continued",
                "had", "had an episode of", "became", "then had", "had a", "experienced", "he had", "she had"),
        "post": ("is noted", "was noted", "is present", "is seen", "was seen", "is identified", "noted", "present",
                 "persists", "has worsened", "is again seen", "is unchanged", "is stable", "has improved",
                 "was found", "is evident", "seen on exam", "on exam"),
    },
    "absent": {
        "pre": ("no", "no", "denies", "she denies", "he denies", "patient denies", "denies any", "denied", "without",
                "negative for", "no evidence of", "no signs of", "no sign of", "no symptoms of", "absence of",
                "free of", "not", "no new", "no acute", "no significant", "no obvious", "no definite", "no further",
                "no suspicious", "no history of", "never had", "has not had", "did not have", "does not have",
                "no complaints of", "not demonstrate", "fails to reveal", "ruled out for", "rules out for",
                "there is no", "there was no", "without evidence of", "without signs of", "no longer has",
                "resolution of", "no recurrent", "no findings of", "not consistent with", "unremarkable for",
                "no focal", "no residual"),
        "post": ("is absent", "was absent", "is not seen", "was not seen", "not seen", "is not identified",
                 "not identified", "is not present", "not present", "was ruled out", "is ruled out", "ruled out",
                 "has resolved", "resolved", "was negative", "negative", "denied", "none", "free", "not appreciated",
                 "is not visualized", "unlikely", "was not found", "is not evident", "no longer present",
                 "not noted"),
    },
    "possible": {
        "pre": ("possible", "probable", "likely", "suspicious for", "concerning for", "concern for", "questionable",
                "question of", "may represent", "may be", "could represent", "could be", "cannot rule out",
                "can not rule out", "cannot exclude", "r/o", "rule out", "to rule out", "suggestive of",
                "worrisome for", "suspected", "suspect", "presumed", "presumptive", "differential includes",
                "differential diagnosis includes", "versus", "vs", "possibly", "probably", "evaluate for",
                "compatible with", "most likely", "raises the possibility of", "borderline", "equivocal for"),
        "post": ("is suspected", "is possible", "cannot be excluded", "cannot be ruled out", "is not excluded",
                 "is likely", "is probable", "is questioned", "is in the differential", "versus other causes",
                 "not excluded", "is favored", "suspected"),
    },
    "historical": {
        "pre": ("history of", "h/o", "hx of", "status post", "s/p", "prior", "previous", "remote",
                "has a history of", "has a past history of", "with history of", "who has a history of",
                "history is positive for", "history is significant for", "is status post", "history includes",
                "remote history of", "known history of", "with a history of", "past medical history of",
                "past medical history significant for", "medical history significant for",
                "medical history is significant for", "past medical history is notable for", "pmh significant for",
                "past medical history:", "pmh:", "past history of", "significant past history of", "previously had", "was diagnosed years ago with",
                "previously treated for", "a past episode of", "recovered from", "survived", "childhood",
                "resolved"),
        "post": ("in the past", "years ago", "as a child", "in childhood", "many years ago", "last year",
                 "in 2010", "in 2015", "in 1998", "several years ago", "previously", "in the remote past",
                 "since resolved", "which resolved"),
    },
    "hypothetical": {
        "pre": ("if she develops", "if he develops", "if there is", "if", "should she develop", "should he develop",
                "return if", "return for", "return to the ED for", "call if", "call for", "call for any",
                "in case of", "as needed for", "prn for", "watch for", "monitor for", "monitor for signs of",
                "precautions for", "to prevent", "risk of", "at risk for", "to reduce the risk of", "seek care for",
                "report any", "instructed to return for", "warning signs of", "will treat any"),
        "post": ("should it occur", "if it occurs", "if it recurs", "if present", "if it develops",
                 "if symptoms worsen", "precautions were given", "if it persists"),
    },
    "conditional": {
        "pre": ("with exertion has", "when walking has", "on exertion gets", "gets"),
        "post": ("with exertion", "on exertion", "when lying flat", "after eating", "after meals", "upon standing",
                 "when climbing stairs", "with activity", "when she walks", "when he walks", "with deep breaths",
                 "with cold exposure", "only at night", "with movement", "when bending over", "with coughing"),
    },
    "family": {
        "pre": ("family history of", "family history significant for", "fhx of", "fh of", "mother had",
                "father had", "his mother had", "her mother had", "his father had", "her father had",
                "brother with", "sister with", "mother with", "father with", "a sister with", "a brother with",
                "maternal history of", "paternal history of", "mother died of", "father died of",
                "grandmother had", "uncle with", "aunt with", "strong family history of", "her sister has",
                "his brother has", "mother was diagnosed with", "father was diagnosed with"),
        "post": ("in his mother", "in her mother", "in his father", "in her father", "in the family",
                 "in a sibling", "in her sister", "in his brother", "(mother)", "(father)", "in two siblings",
                 "runs in the family", "in a first-degree relative", "in her grandmother", "in maternal aunt"),
    },
}
# Pseudo-cues: phrases that contain a cue but do not give its status ("no change in X", "a two-day history
# of X", the "History of Present Illness" header). The targets they precede are present.
PSEUDO = ("no change in", "no significant change in", "no interval change in", "not only", "no increase in",
          "history of present illness", "history of the present illness", "day history of", "week history of",
          "month history of", "days history of", "weeks history of", "no new change in", "not cause",
          "without difficulty", "not certain whether", "gram negative")
BREAKERS = (", but", " but", "; however,", ", however,", ". However,", ", although", ", though", ", which",
            "; ", ", and now", ". ", ", except", ", who now presents with", " and presented with",
            ", secondary to", " as the cause of")
FILLERS = ("", "", "", " at this time", " on exam", " on today's exam", " per the patient", " since yesterday",
           " over the past week", " at rest", " bilaterally", " overnight", " this morning", " for several days",
           " per family", " on arrival", " today", " on admission", " on the current study", " as before")
