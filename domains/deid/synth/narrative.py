"""Free nursing narrative: compositional sentences with a broad everyday and clinical vocabulary, so a
student learns that ordinary words, times and numbers are not PHI. Each sentence comes as a plain
template and a PHI-bearing variant; the note's PHI budget decides which is written."""

from __future__ import annotations

import random
from functools import lru_cache

LEADS = ("", "", "", "Overnight ", "This am ", "This afternoon ", "At {time} ", "Early in shift ", "Since last note ",
         "Around {time} ", "Yesterday ", "Later in the evening ", "Throughout the day ", "Shortly after {time} ",
         "By end of shift ", "Over past few hours ", "Initially ", "After turning ", "During bath ", "Tonight ",
         "When family left ", "Prior to transfer ", "Following the procedure ", "Approx {time} ", "Last night ")
SUBJECTS = ("pt", "Pt", "patient", "he", "she", "PT", "Pt.", "pt's wife", "family", "team", "resident", "MD", "RN",
            "RT", "night float", "intern", "this writer", "renal fellow", "the surgical team", "the ho", "nurse",
            "pt's son", "his daughter", "her husband", "they", "we")
VERBS = ("remains", "continues", "appears", "seems", "became", "was noted to be", "states she is", "reports being",
         "has been", "is now", "was found to be", "looked", "stayed", "kept", "would", "does", "remained")
STATES = ("comfortable", "restless", "agitated", "calm", "more alert", "less responsive", "lethargic", "anxious",
          "tachypneic", "diaphoretic", "pale", "flushed", "cooperative", "confused", "tearful", "uncomfortable",
          "stable", "hypotensive", "tachycardic", "afebrile", "febrile", "nauseated", "somnolent", "awake",
          "oriented", "drowsy", "withdrawn", "pleasant", "fatigued", "weak", "dizzy", "short of breath")
ACTIONS = ("was given", "received", "tolerated", "refused", "required", "was started on", "was weaned off",
           "was restarted on", "had", "was placed on", "was changed to", "was bolused with", "was titrated up on",
           "was titrated down on", "was held for", "completed", "was sent for", "had a repeat", "was encouraged to use",
           "was taught about", "was assisted with", "needed help with", "asked about", "declined", "was turned for")
OBJECTS = ("{drug}", "{med}", "{fluid} {rate}", "a {fluid} bolus", "{num} units of insulin", "tube feeds", "po fluids",
           "sips of water", "ice chips", "{num} units PRBC", "FFP", "platelets", "nebs", "chest PT", "oral care",
           "a sponge bath", "mouth care", "the incentive spirometer", "a CT of the head", "an echo", "a KUB",
           "a portable CXR", "a bedside swallow eval", "pain meds", "a sliding scale", "the bedpan", "the commode",
           "a full liquid diet", "dinner", "breakfast", "his meds", "her meds", "position changes", "a new PIV",
           "a heating blanket", "a cooling blanket", "a Foley", "the Swan", "a fiber supplement", "the TPN", "lytes")
TAILS = ("", "", "", " without incident", " with good effect", " as ordered", " per protocol", " w/ some relief",
         " with minimal effect", ", will continue to monitor", ", see flowsheet for details", ", goal maps > 60",
         ", will keep npo for now", " prn", " q2h", " x{num}", " this shift", " again", " at times",
         ", then slept", ", no further complaints", ", results pending", " for the rest of the shift",
         " with assist of {num}", " after repositioning", ", bp responded well", ", will reassess in {num} hrs",
         ", {chart}", " {chart}", ", see {chart}", ", {team} aware", ", talked with {team}", ", seen by {team}",
         ", paged {team}", ", {cword} {cadj}", " with {cword}", " at {numtok}", " @ {numtok}", " for {ordnp}",
         ", sent to {unit} for {cword}", " prior to transfer to {unit}", ", {medp}", " and {medp}", ", {numtok}")
PHI_TAILS = (" per {dr}", ", {dr} aware", ", d/w {dr}", " on {dshort}", " since {dshort}", " {dshort}",
             ", {fam} at bedside", " before {fam} arrived", ", {dr} notified at {time}", " per {dr} of {team}",
             ", pending transfer to {ward}", " prior to transfer from {hosp}", ", {dr} paged {pager}",
             " on {wday}", ", last done {date}", ", as on {dshort}", ", {dr} in to see pt", ", {kin} in to visit",
             ", talked with {drbare}", ", seen by {drbare}", ", paged {drbare}", ", house staff {drbare} aware",
             ", dr {drbare} notified", ", {drbare} md aware", ", {drbare} np aware", ", fellow {drbare} aware",
             ", attending {drbare} in", " prior to transfer to {hospabbr}", ", sent to {hospabbr} for {cword}",
             ", {kin} called", ", {kin} and {kin} at bedside", " since admitted to {hospabbr}",
             ", NP {drfirst} made aware", ", np {drfirst} aware", " per NP {drfirst}", ", RN {drfirst} notified",
             ", {drfirst} (NP) aware", ", NP {drfirst} ordered {medp}")
NUMERIC = ("{num}mg", "x{num}", "@ {num}0cc/hr", "{num} units", "{num}0cc", "{num}0%", "{num}-{num}", "{num} min",
           "#{num}", "{num}.{num}", "q{num}h", "{num}fr", "{num} beats", "{num} hrs", "{num}L",
           "{num}cm", "{num}0 mEq", "{num}+ edema", "{num} pillows", "{num} times", "grade {num}", "level {num}",
           "{hemo}", "{hemo}", "{num}0-{num}0", "{num}0's", "{num}-{num} mg")
PHI_SUBJECTS = ("{dr}", "{dr}", "{fam}", "{famname}", "{drfirst} (resident)", "{dr} from {team}", "{pt}", "{kin}",
                "house staff {drbare}", "dr {drbare}", "{drbare} rn", "{drbare} (fellow)")
NEW_CORES = ("{medp}", "\x00 {short}", "{short}, {medp}", "\x00 {medp}", "{prep}", "{medp}, {chart}", "{prep}", "\x00 {medp} for {cword}", "{ordnp} {medp}",
             "{medp} at {time}", "{glued}", "{cword} {cadj}, {medp}", "{numtok} {cword}", "{medp} w/ {cadj} effect")
COMMENT_FRAMES = ('Pt states "{w} {w} {w}."', "Pt asking about {w} and {w}.", "Family concerned re: {w}.",
                  "Discussed {w} {w} with pt.", "Pt would like to {w} {w}.", "Pt keeps saying {w} {w}.",
                  "Note: {w} {w} {w}.", "Pt talks about {w} and {w} at length.", "Pt upset about the {w}.")


@lru_cache(maxsize=1)
def common_words() -> tuple[str, ...]:
    from faker.providers.lorem.en_US import Provider

    return tuple(w for w in Provider.word_list if w.isascii() and w.isalpha())


def sentence(rng: random.Random) -> tuple[str, str]:
    """One narrative sentence as `(plain_template, phi_template)`."""
    r = rng.random()
    lead = rng.choice(LEADS)
    if r < 0.3:
        core = rng.choice(NEW_CORES)
    elif r < 0.55:
        core = f"\x00 {rng.choice(ACTIONS)} {rng.choice(OBJECTS)}"
    elif r < 0.72:
        core = f"\x00 {rng.choice(VERBS)} {rng.choice(STATES)}"
        if rng.random() < 0.4:
            core += f" and {rng.choice(STATES)}"
    elif r < 0.88:
        core = f"{rng.choice(OBJECTS)} {rng.choice(('given', 'held', 'started', 'd/c', 'increased to', 'titrated to'))} " \
               f"{rng.choice(NUMERIC)}"
    else:
        words = common_words()
        frame = rng.choice(COMMENT_FRAMES)
        while "{w}" in frame:
            frame = frame.replace("{w}", rng.choice(words), 1)
        return frame, frame
    core = (lead + core) if lead else core
    end = rng.choice((".", ".", ". ", ";", "", "."))
    tail = rng.choice(TAILS)
    if "\x00" in core and rng.random() < 0.08:  # rarely the PHI is the actor (more often reads as noise)
        phi = core.replace("\x00", rng.choice(PHI_SUBJECTS)) + tail + end
    else:
        phi = core + rng.choice(PHI_TAILS) + end
    subj = rng.choice(SUBJECTS)
    plain, phi = core.replace("\x00", subj) + tail + end, phi.replace("\x00", subj)
    if rng.random() < 0.6:
        plain, phi = plain[0].upper() + plain[1:], phi[0].upper() + phi[1:]
    return plain, phi


def paragraph(ctx, k: int) -> None:
    """Write `k` narrative sentences into the note, letting the PHI budget pick plain or PHI variants."""
    for _ in range(k):
        plain, phi = sentence(ctx.rng)
        ctx.line([plain, phi], end=ctx.rng.choice((" ", " ", "  ", "\n")))
