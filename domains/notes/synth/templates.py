"""Sentence templates per section, as data. A slot `{KIND:status}` becomes an entity with that assertion
status (see `builder.SLOTS` for the kinds); `{rel}`, `{Rel}`, `{when}`, `{k}`, `{age}`, `{site}` are plain
fillers. A slot at the start of a sentence is capitalized. Negation cues appear before and after the
target, scopes end at "but"/"however", lists share one cue, "no X or Y", "rule out", "if ... then",
"history of" and relatives ("mother had ...") all occur by construction."""

from __future__ import annotations

from .prose import NOTE_NEGATIVES

PRESENT = (
    "Patient presents with {S:present} and {S:present}.", "She reports {S:present} for the past {k} days.",
    "He complains of {S:present}, {S:present} and {S:present}.", "Pt c/o {S:present}.", "Endorses {S:present}.",
    "{S:present} began {k} days ago.", "Admits to {S:present}.", "Notes worsening {S:present}.",
    "The patient has {PB:present}.", "Reports {PB:present} after a fall.", "Found to have {D:present}.",
    "Now with {S:present} and {S:present}.", "Diagnosed with {D:present} on this admission.",
    "Exam notable for {PB:present}.", "He was febrile with {S:present}.", "Experiencing {S:present} since {when}.",
)
ABSENT = (
    "Denies {S:absent}, {S:absent} or {S:absent}.", "She denies any {S:absent}.", "No {S:absent} or {S:absent}.",
    "No {S:absent}.", "He has not had any {S:absent}.", "Negative for {S:absent} and {S:absent}.",
    "Without {S:absent}.", "Never had {D:absent}.", "There is no {S:absent}.", "Patient is not experiencing {S:absent}.",
    "Free of {S:absent}.", "Not associated with {S:absent} or {S:absent}.", "{S:absent}: denies.",
    "{S:absent} denied.", "{S:absent} - none.", "{S:absent} is absent.", "{S:absent} not present.",
    "{S:absent}: negative.", "No history of {D:absent}.", "Denies {PB:absent}.", "{D:absent} was ruled out.",
    "No evidence of {D:absent}.", "No signs of {D:absent}.", "Patient denies {S:absent}, {S:absent}, {S:absent}.",
    "She does not have {S:absent}.", "Rules out for {D:absent}.",
)
SCOPE = (
    "Denies {S:absent} but reports {S:present}.", "No {S:absent}, but does endorse {S:present}.",
    "Denies {S:absent}; however, she has had {S:present}.", "No {S:absent} although {S:present} persists.",
    "Positive for {S:present}; negative for {S:absent} and {S:absent}.", "{S:present} without {S:absent}.",
    "Reports {S:present} with no {S:absent}.", "Has {S:present}, no {S:absent}.",
    "Denies {S:absent} or {S:absent}, but complains of {S:present}.", "No {S:absent}. Positive {S:present}.",
    "{S:present} but no {S:absent}.", "Not {S:absent}, but {S:present} is noted.",
    "Denies {S:absent}. {Rel} had {D:family}.", "{Rel} had {D:family}, but the patient denies {S:absent}.",
    "History of {E:historical}, now with {S:present}.", "No {S:absent}; {S:present} since {when}.",
)
POSSIBLE = (
    "Possible {D:possible}.", "Concern for {D:possible}.", "Likely {D:possible}.", "Question of {D:possible}.",
    "Suspect {D:possible}.", "Presentation may represent {D:possible}.", "Cannot rule out {D:possible}.",
    "{D:possible} is suspected.", "Probable {D:possible}.", "Rule out {D:possible}.", "r/o {D:possible}.",
    "Differential includes {D:possible} versus {D:possible}.", "Consistent with possible {D:possible}.",
    "Cannot exclude {F:possible}.", "{F:possible} is possible.", "Findings suspicious for {F:possible}.",
    "Could be {D:possible}.", "Questionable {F:possible}.", "{D:possible} vs {D:possible}.",
    "Worried about {D:possible}.", "Evaluate for {D:possible}.", "Presumed {D:possible}.",
)
HYPOTHETICAL = (
    "Return to the ED if {S:hypothetical} or {S:hypothetical} develops.", "If she develops {S:hypothetical}, she should call.",
    "Should {S:hypothetical} occur, return immediately.", "Call for {S:hypothetical} or {S:hypothetical}.",
    "Watch for {S:hypothetical}.", "Monitor for signs of {D:hypothetical}.",
    "If {S:hypothetical} recurs, then start {M:hypothetical}.", "If {T:hypothetical} is abnormal, then consider {R:hypothetical}.",
    "Will consider {R:hypothetical} if symptoms persist.", "In case of {S:hypothetical}, take {M:hypothetical}.",
    "Risk of {D:hypothetical} was discussed.", "If {S:hypothetical} worsens, he will need {R:hypothetical}.",
    "Plan for {T:hypothetical} next week.", "Will obtain {T:hypothetical}.", "Consider {R:hypothetical}.",
    "May need {R:hypothetical} in the future.", "Seek care for any {S:hypothetical}.",
)
CONDITIONAL = (
    "{S:conditional} with exertion.", "Reports {S:conditional} when climbing stairs.", "{S:conditional} only when lying flat.",
    "Has {S:conditional} after eating.", "Notes {S:conditional} upon standing.",
    "Gets {S:conditional} whenever she walks more than one block.", "{S:conditional} triggered by cold air.",
    "Develops {S:conditional} with activity.", "{S:conditional} when she bends over.", "Has {S:conditional} on exertion.",
)
HISTORICAL = (
    "History of {D:historical}.", "h/o {E:historical} {when}.", "Hx of {E:historical}.", "Prior {E:historical}.",
    "Remote history of {E:historical}.", "Previous {E:historical} {when}.", "She had {E:historical} {when}.",
    "S/p {R:historical} {when}.", "Status post {R:historical}.", "Previously treated for {E:historical}.",
    "{E:historical} {when}, resolved.", "Past episode of {E:historical}.", "Was on {M:historical} in the past.",
    "Previously on {M:historical}.", "{M:historical} was discontinued {when}.", "{E:historical} in {year}.",
    "Known history of {D:historical}.", "Had {R:historical} {when}.", "{S:historical} resolved {when}.",
    "Old {F:historical} noted on prior imaging.",
)
FAMILY = (
    "{Rel} had {D:family}.", "Her {rel} has {C:family}.", "His {rel} died of {E:family}.", "Family history of {D:family}.",
    "Family history is significant for {D:family} in his {rel}.", "{Rel} with {D:family} and {D:family}.",
    "{Rel} was diagnosed with {D:family} at age {age}.", "There is a family history of {D:family}.",
    "{Rel} takes {M:family} for {C:family}.",
)
MEDS = (
    "{MD:present}", "{MD:present}", "{MD:present}", "Continue {MD:present}.", "Start {MD:present}.",
    "Not currently taking {M:absent}.", "No {M:absent}.", "Held {M:absent} due to {S:present}.",
    "Discontinued {M:historical}.", "Stopped {M:historical} {when}.", "{M:present} as needed.",
    "Consider starting {M:hypothetical}.", "Received {MD:present} in the ED.", "Takes {MD:present}.",
)
ALLERGIES = ("NKDA.", "No known drug allergies.", "{AL:present} ({RX:conditional}).", "{AL:present} - {RX:conditional}.",
             "{AL:present} causes {RX:conditional}.", "{AL:present}, {AL:present}.")
PMH = ("{C:historical}, {C:historical}, {C:historical}.", "{C:historical}.", "{C:historical} on {M:present}.",
       "{C:historical}, {E:historical} {when}.", "{E:historical} {when}.", "{C:historical}; {C:historical}.",
       "History of {E:historical}.", "{C:historical}, well controlled.", "The patient has {C:historical} and {C:historical}.")
PSH = ("{R:historical} {when}.", "{R:historical}.", "S/p {R:historical}.", "{R:historical} and {R:historical}.",
       "None.")
FAMILY_SECTION = ("{Rel}: {D:family}.", "{D:family} in {rel}.", "{D:family} ({rel}).", "Noncontributory.",
                  "{Rel} with {D:family}; {rel} with {D:family}.", "{D:family}, {D:family}.", "{D:family}.",
                  "{Rel} deceased, {E:family}.", "Unknown.")
SOCIAL = ("Former smoker, quit {when}.", "Lives with her {rel}.", "Drinks {k} beers a week.", "Never smoker.",
          "Works as a teacher.", "Denies alcohol or drug use.", "Smokes {k} cigarettes a day.")
ROS = ("Constitutional: no {S:absent}, {S:absent}.", "Cardiac: denies {S:absent}.",
       "Resp: positive for {S:present}, no {S:absent}.", "GI: positive for {S:present}.",
       "GU: no {S:absent} or {S:absent}.", "Neuro: denies {S:absent}.", "All other systems reviewed and negative.",
       "Skin: + {S:present}.", "{S:absent}: no. {S:present}: yes.", "Negative except as noted in HPI.",
       "Psych: no {S:absent}.")
EXAM = ("Lungs: clear, no {F:absent}.", "Heart: RRR, no {F:absent}, {F:absent} or {F:absent}.",
        "Abdomen: soft, {PB:present}, no {F:absent}.", "Extremities: {F:present}.", "Ext: no {F:absent}.",
        "Skin: {PB:present}.", "Neuro: no {F:absent}.", "Lungs with {F:present} at the bases.",
        "Vitals: {TV:present}, {TV:present}, {BP:present}.", "{BP:present}, {TV:present}.",
        "Mild {F:present}.", "Positive {F:present}.", "{F:present} noted on exam.", "There is {PB:present}.")
RESULTS = ("{TV:present}.", "{TV:present}, {TV:present}, {TV:present}.", "{T:present} showed {F:present}.",
           "{T:present} was negative for {F:absent}.", "{T:present} revealed no {F:absent}.",
           "{T:present} without evidence of {F:absent}.", "{T:present}: {PB:present}.", "{T:present} is pending.",
           "{T:absent} not done.", "{QV:present}.", "There is no evidence of {F:absent}.", "No {F:absent} is seen.",
           "No acute {F:absent}.", "{F:absent} is not identified.", "The lungs are clear without {F:absent}.",
           "Stable {F:present}.", "Interval resolution of {F:historical}.", "Findings may represent {F:possible}.",
           "{F:possible} cannot be excluded.", "Compared with prior {T:historical} from {year}.",
           "{TV:present} ({when} {TV:historical}).", "{BP:present}.", "{T:present} demonstrates {F:present} and no {F:absent}.")
PLAN = ("{D:present}: continue {MD:present}.", "{D:possible} - will obtain {T:hypothetical}.",
        "Plan to check {T:hypothetical} in the morning.", "Start {MD:present}.", "Continue {M:present}.",
        "Consider {R:hypothetical}.", "Rule out {D:possible}, will get {T:hypothetical}.", "{D:present}, improving.",
        "Likely {D:possible}; start {MD:present}.", "No indication for {R:absent} at this time.",
        "Patient declined {R:absent}.", "Hold {M:absent}.", "Not a candidate for {R:absent}.",
        "If {T:hypothetical} is positive, then start {M:hypothetical}.", "Underwent {R:present} today.",
        "Received {M:present} in the ED.", "Started on {R:present}.", "{D:present} - {R:present} ongoing.",
        "Doubt {D:absent}.", "{D:absent} unlikely.", "{D:possible}, less likely {D:possible}.")
INSTRUCTIONS = ("Return if {S:hypothetical}, {S:hypothetical} or {S:hypothetical}.",
                "Call your doctor if you develop {S:hypothetical}.", "Take {MD:present}.",
                "Follow up for {T:hypothetical} in {k} weeks.", "Seek care for any {S:hypothetical}.",
                "If {S:hypothetical} returns, then take {M:hypothetical}.")

PROBLEM_LIST = ("{PL:present}", "{PL:present}", "{PL:present}", "{PL:present}, stable.",
                "{PL:present} - on {M:present}.", "{PL:present}, controlled.", "{PL:possible}, r/o.", "h/o {PL:historical}.")
DIAGNOSES = ("{D:present}.", "{D:present}, {D:present}.", "{F:present}.", "{PB:present}.", "{D:present} with {S:present}.",
             "{D:possible}, likely.", "{R:present} for {D:present}.", "{D:present}, resolved {D:historical}.")
HPI = PRESENT + ABSENT + SCOPE + POSSIBLE + HYPOTHETICAL + CONDITIONAL + HISTORICAL + FAMILY
# section -> (templates, min sentences, max sentences, one per line?)
SECTIONS = {
    "chief_complaint": (("{S:present}.", "{S:present} x {k} days.", "{PB:present}.", "{S:present} and {S:present}."),
                        1, 1, False),
    "history_present_illness": (HPI, 3, 8, False),
    "past_medical_history": (PMH, 1, 3, True),
    "past_surgical_history": (PSH, 1, 2, True),
    "medications": (MEDS, 2, 6, True),
    "allergies": (ALLERGIES, 1, 2, False),
    "family_history": (FAMILY_SECTION + FAMILY, 1, 3, False),
    "social_history": (SOCIAL, 1, 2, False),
    "review_of_systems": (ROS, 2, 5, False),
    "physical_exam": (EXAM + NOTE_NEGATIVES[:3], 2, 5, True),
    "results": (RESULTS + NOTE_NEGATIVES[3:6], 2, 5, False),
    "assessment_plan": (PLAN + POSSIBLE + HYPOTHETICAL + NOTE_NEGATIVES[6:], 2, 6, True),
    "instructions": (INSTRUCTIONS, 1, 3, False),
    "diagnoses": (DIAGNOSES, 1, 4, True),
    "problem_list": (PROBLEM_LIST, 2, 7, True),
}
# Note layouts: (weight, note type, sections in order).
NOTE_TYPES = (
    (4, "history_and_physical", ("chief_complaint", "history_present_illness", "past_medical_history",
                                 "past_surgical_history", "medications", "allergies", "family_history",
                                 "social_history", "review_of_systems", "physical_exam", "results",
                                 "assessment_plan")),
    (3, "progress_note", ("history_present_illness", "medications", "physical_exam", "results", "assessment_plan")),
    (2, "discharge_summary", ("diagnoses", "history_present_illness", "past_medical_history", "results",
                              "assessment_plan", "medications", "instructions")),
    (2, "ed_note", ("chief_complaint", "history_present_illness", "review_of_systems", "physical_exam",
                    "assessment_plan", "instructions")),
    (2, "radiology", ("diagnoses", "history_present_illness", "results", "assessment_plan")),
    (2, "narrative", ()),
    (2, "problem_list_note", ("problem_list", "medications", "assessment_plan")),
    (3, "abstract", ()),
    (1, "letter", ()),
)
