"""ICU nursing, nursing shift and respiratory therapy notes: short telegraphic system-by-system lines."""

from __future__ import annotations

import re

from .narrative import paragraph
from .render import Ctx

_DXHX = re.compile(r"\{(dx|hx)\}")

DX = ("urosepsis", "chf exacerbation", "copd flare", "ugib", "lower gi bleed", "s/p cabg x3", "dka", "etoh withdrawal",
      "pna", "ards", "sdh s/p fall", "arf", "nstemi", "pe", "cva", "resp failure", "hypotension", "mental status changes",
      "pancreatitis", "sbo", "s/p whipple", "aaa repair", "afib w/ rvr", "hyperkalemia", "sepsis", "cp r/o mi",
      "ich", "c diff colitis", "svt", "chf", "s/p avr", "liver failure", "ams", "overdose", "s/p mvr")
HX = ("htn", "dm2", "niddm", "iddm", "cad", "copd", "afib", "chf", "esrd on hd", "cri", "pvd", "hyperlipidemia",
      "etoh abuse", "dementia", "Parkinson's", "Alzheimer's", "cva w/ l sided weakness", "hypothyroid", "gerd",
      "osteoarthritis", "anemia", "obesity", "sleep apnea", "depression", "Crohn's", "Hodgkin's lymphoma s/p xrt")

SYSTEMS: dict[tuple[str, ...], list[str]] = {
    ("NEURO", "Neuro", "neuro", "N", "NEURO/PSYCH"): [
        "a&ox3", "alert and oriented x3", "AOx1", "lethargic but arousable to voice", "sedated on propofol {rate}",
        "perrla", "pupils 3mm brisk", "mae", "moves all ext", "follows commands", "f/c inconsistently", "{gcs}",
        "no seizure activity", "+ cough/gag", "restless at times, ativan 1mg iv w/ effect", "c/o ha, tylenol given",
        "nods appropriately", "oriented to self only", "withdraws to pain", "babinski neg", "pain {pain}",
        "confused overnight, reoriented freq", "haldol {num} mg iv prn agitation", "CAM neg", "speech clear",
        "no focal deficits", "fentanyl {num}0 mcg/hr", "opens eyes to name", "sleeping in naps", "anxious, {drug} given",
        "pain {pain} -> {pain} after {drug}", "perrl 2mm sluggish", "ciwa {num}", "c/o pain {pain} back"],
    ("CV", "Cv", "cv", "CVS", "C/V", "Cardiac"): [
        "{vitals}", "nsr 70s-80s no ectopy", "sr w/ occ pvc's", "afib 100-120s", "st 110s", "sbp 90s-110s",
        "hypotensive to 80s, levophed titrated", "{drug} gtt at {rate}", "pulses palp x4", "pp dopplerable",
        "+pedal pulses by doppler", "edema +2 bilat le", "k repleted", "trop neg x2", "cvp {num}",
        "swan in place, co/ci 4.2/2.1", "a-line dampened, re-zeroed", "hct stable", "heparin gtt per protocol",
        "coumadin held for inr", "hr 80s nsr", "bp stable", "paced at 70", "{med}", "tele shows nsr",
        "map > 65 on neo", "SBP 100-120's", "no ectopy", "ekg unchanged", "{hemo}", "{hemo}", "{hemo}, {hemo}"],
    ("RESP", "Resp", "resp", "Pulm", "PULM", "RESP/VENT"): [
        "ls clear bilat", "lungs coarse t/o", "diminished bases", "rhonchi rul", "crackles at bases", "on {o2}",
        "sats {num}0s", "intubated on {vent}", "{abg}", "sx for thick tan secretions", "sxn q2h sm amt white",
        "{ett}", "cxr ? rll infiltrate", "weaned to cpap/ps", "rsbi 45", "extubated at {time} w/o difficulty",
        "cough weak", "IS encouraged", "nebs by RT", "no sob", "rr teens-20s", "trach care done", "portex trach",
        "chest tube to sx, no air leak", "bipap overnight", "o2 sat 94-97% on {o2}", "sputum sent for gram stain",
        "{hemo}", "{hemo}"],
    ("GI", "Gi", "gi", "GI/GU", "Gi/Gu", "ABD"): [
        "abd soft nt/nd", "+bs", "hypoactive bs", "tube feeds jevity at {rate} via ogt", "npo", "clear liquids",
        "tol diet", "ngt to lws w/ bilious drainage", "no bm", "bm x1 soft brown guaiac neg", "lactulose given",
        "flexiseal in place", "kub done", "c/o nausea, zofran given", "colace/senna given", "abd distended, firm",
        "ogt placement confirmed by cxr", "taking po's well", "peg to gravity", "ulcer diet"],
    ("GU", "Gu", "gu", "RENAL", "Renal"): [
        "foley draining clear yellow urine", "uo {num}0-{num}0 cc/hr", "{io}", "lasix {num}0mg iv w/ good response",
        "bun/cr {num}/2.{num}", "cvvh running", "hd today", "voiding qs", "amber urine", "foley dc'd",
        "sediment noted", "{labs}", "foley cath patent", "u/o marginal, md aware"],
    ("ID", "Id", "id"): ["tmax 101.2", "afebrile", "wbc {num}", "on vanco/zosyn", "blood cx x2 sent", "urine cx pending",
                         "sputum gram stain w/ gpc", "contact precautions for mrsa", "c diff neg", "{drug} q12h"],
    ("SKIN", "Skin", "skin", "INTEG"): ["intact", "stage 2 coccyx, duoderm applied", "heels offloaded", "braden {num}",
                                        "ecchymosis on arms", "incision c/d/i", "dsg changed", "mepilex to sacrum"],
    ("ENDO", "Endo", "endo"): ["bs 140-180 covered per ssi", "insulin gtt at {num} u/hr", "riss", "fs {num}0"],
    ("ACCESS", "Lines", "LINES", "access"): ["picc lue", "r ij tlc", "l radial a-line", "piv x2", "hickman",
                                             "swan-ganz r ij", "l fem cordis"],
}
_EVERY_SYSTEM = ["{medp}", "{short}", "{cword} {short}", "{medp}", "{chart}", "{numtok}", "{ordnp}", "{cword} {cadj}", "{cadj} {cword} {chart}",
                 "{cword} {cadj} per {cword}", "{medp} per {chart}",
                 # v3: ICU notation and shorthand (see icu.py)
                 "{icusent}", "{icusent}", "{icusent}", "{drugshort}", "{drugshort} {cadj}", "{device}",
                 "{device} {cadj}", "{cstart} {icunum}", "{frac}", "{trange} {cstart}", "{icunum}", "{icunum}",
                 "{driprate}", "{cstart}", "{unitp}", "{unitp}"]
# v3: system-specific ICU notation
_ICU_SYSTEM = {
    "CV": ["{hemod}", "{hemod}", "{hemod}, {hemod}", "{hemod}/{hemod}", "{driprate}", "{driprate}, {driprate}",
           "{device} {cadj}", "{device} d/c'd", "{cstart} {hemod}", "{hemod} on {driprate}"],
    "RESP": ["{ventset}", "{ventset}", "{ventset}, {gas}", "{gas}", "{gas} on {ventset}", "{cstart} on {ventset}",
             "{ventset} -> {ventset}", "weaned to {ventset}", "{device} {cadj}", "placed on {ventset} {trange}"],
    "GI": ["{drugshort} given", "{device} to lws", "{device} {cadj}", "{uorange}"],
    "GU": ["{uorange}", "{uorange}", "{uorange}, {uorange}", "{device} {cadj}", "{uorange} after {drugshort}"],
    "NEURO": ["{driprate}", "{drugshort} {trange}", "{frac}", "{cstart} {frac}"],
    "ID": ["{drugshort}", "{drugshort}/{drugshort}", "on {drugshort}, {drugshort}", "{drugshort} level {frac}"],
}
for _names, _frags in SYSTEMS.items():
    _frags.extend(_EVERY_SYSTEM)
    _frags.extend(_ICU_SYSTEM.get(_names[0], []))
ICU_LINES = ["{heading}: {icublock}", "{heading}: {icusent}", "{heading}- {icusent}", "{heading}: {driprate}, {driprate}",
             "{heading}: {ventset}, {gas}", "{heading}: {hemod}, {hemod}, {hemod}", "{heading}: {uorange}",
             "{icublock}", "{icublock}", "{icusent}", "Drips: {driprate}, {driprate}", "GTTS: {driprate}",
             "Vent: {ventset}, {ventset}", "Hemodynamics: {hemod}, {hemod}", "{trange}: {icusent}",
             "{cstart} {icunum}, {icunum}.", "{device}, {device}, {device}", "{heading}: {device}, {device}",
             "{unitp}.", "{unitp}. {icusent}", "{heading}: {unitp}."]
SOCIAL_PLAIN = ["no family contact this shift", "family in to visit, updated", "wife called, updated on plan",
                "full code", "DNR/DNI", "family meeting planned", "SW following", "dtr called x2, updated",
                "son in to visit", "husband at bedside", "pt's family aware of plan", "HCP aware", "CMO discussed",
                "lives alone", "no visitors today", "family supportive", "son and daughter in law in to visit",
                "DAUGHTER called, updated", "wife in, talked with team", "dtr is HCP, aware of plan", "family called, {chart}",
                "niece called x2", "husband & son at bedside", "sister visited @ {time}"]
SOCIAL_PHI = ["{fam} in to visit, updated by {dr}", "{fam} called x2, update given", "HCP is {fam} ({phone})",
              "{fam} at bedside most of shift", "pt lives w/ {fam} in {city}", "{fam} can be reached at {phone}",
              "{famname} aware of plan", "family meeting w/ {dr} on {wday}", "pt is a retired {prof}",
              "works as a {prof} at {org}", "lives in {city}, {state}", "from {country}, speaks little english",
              "{fam} lives in {locother}", "{fam} to visit {wday}", "{fam} ({phone}) wants call w/ changes",
              "{fam} and {fam} in, questions answered", "{kin} called, updated", "{kin} in to visit w/ {kin}",
              "lives w/ {kin}", "{kin} is HCP", "{kin} at bedside, talked with {drbare}", "{kin} updated by {drbare}",
              "{fam} upset, {dr} spoke w/ family",
              "{fam} is {prof}", "{fam} plans to visit on {holiday}", "spoke w/ {fam} on phone at {time}",
              "pt is a {prof}, lives w/ {fam}", "pt was a {prof} for 30 yrs", "{fam} will be in on the {nth}",
              "HCP {fam} aware, will call back", "{fam} visiting from {city}", "{fam} ({prof}) asking many questions",
              "{fam} returned to {city} [today|this am|for the night]", "{fam} [flying|driving] in from {city}",
              "spoke w/ {fam} in {city} by phone", "[dtr|son|sister] lives in {city}, [updated by phone|aware]",
              "pt [transferred|xferred] from {hosp}, lives in {city}",
              "[daughters|sons|children|grandchildren|dtrs] {famname} and {famname} [in to visit|visited today|at bedside]",
              "[both|Both|BOTH] {famname} and {famname} are [HCP|health care proxy|his proxy|her proxy]",
              "[only able to reach|left message for|unable to reach] {famname}, will call back",
              "{famname} [reports|states|said] that pt [was|has been] [confused|eating poorly|more sob] at home",
              "[call|page|notify] {famname} [with any changes|if status changes|in am]",
              "{kin} and [son|dtr|daughter|husband|wife] {famname} [in|visited|called], updated",
              "[social|SOCIAL]: {famname} ([daughter|son|wife|niece|husband]) is spokesperson"]
PLAN_PLAIN = ["cont to monitor", "wean vent as tol", "f/u labs", "cont abx", "pulm toilet", "? extubate in am",
              "oob to chair", "monitor hemodynamics", "{closing}", "{medp}", "{chart}",
              "cont {medp}", "{medp}, {closing}", "transfer to {unit} when bed avail",
              "follow lytes and replete prn", "cont present management",
              "support pt and family", "titrate {drug} to map > 60", "? transfer to floor", "check {labs} in am",
             "{unitp}", "{unitp}", "{unitp}, {closing}"]
PLAN_PHI = ["f/u w/ {dr} re: plan", "transfer to {hosp} when bed available", "to {hosp2} for rehab on {dshort}",
            "cath planned {wday}", "awaiting bed at {hosp}", "pcp {dr} to be notified",
            "family meeting {wday} at {time}", "{dr} to re-eval in am", "possible d/c to {hosp2} {dshort}",
            "ct scheduled for {dshort}", "pt's {fam} to bring in meds from home", "d/c planned for the {nth}",
            "f/u appt w/ {dr} on the {nth}", "transfer to {ward} when bed ready", "? transfer to {ward} today",
            "back to {hosp} after cath", "d/c to {hosp2} in am", "transfer to {hospabbr} when bed avail",
            "? back to {hospabbr} in am", "sent to {hospabbr} for {cword}", "d/w {drbare}, {closing}",
            "[transfer|xfer|trans] to {ward} [today|in am|when bed avail]", "[admitted to|accepted to] {ward} from [ED|EW|OR]",
            "[to|back to] {hosp} for further [care|management|w/u]", "[ok|OK] to go to {ward} per {drbare}",
            "screened by {hosp} for rehab", "enroute to {hosp} w/ {cword}", "lives in {city} w/ {fam}"]
INTRO_PLAIN = ["Pt admitted to {unit} from ED w/ {dx}.", "pt remains intubated/sedated.", "Please see prior notes for hx.",
               "pt is elderly [male|female] admitted w/ {dx}.", "{dx}, HD #{num}.", "nursing progress note 7a-7p",
               "NPN 1900-0700", "MICU nursing note:", "Nursing Progress Note", "[Events|EVENTS|Shift events]: none."]
INTRO_PHI = ["pt is a {age} [m|f|male|female] transferred from {hosp} on {dshort} w/ {dx}.",
             "{age} [m|f] admitted {dshort} w/ {dx}, hx {hx}.", "pt {aged} admitted from {hosp} [ER|ED] w/ {dx}.",
             "Pt is a {age} [woman|man] followed at {hosp} by {dr}, admitted w/ {dx}.",
             "{oldage} [female|male] from nursing home w/ {dx}.", "{pt} is a {age} [m|f] w/ {dx}.",
             "Admit date {dshort}. {dx}.", "{age} [m|f] s/p {dx} on {date}, transferred from {hosp}.",
             "pt found down at home by {fam} on {wday}, brought to {hosp}.", "pt came into {hospabbr} w/ {dx}.",
             "admitted to {hospabbr} w/ {dx}, transferred here {dshort}.", "transfer from {hospabbr} for {dx}.",
             "pt [presented to|brought to|went to] {hosp} w/ {dx}, [transferred|transfered|sent] here for {cword}.",
             "[admitted|transferred|transfered] from {ward} w/ {dx}.", "transfer from {hosp} [ICU|ED|ER|CCU] for {dx}."]
PMH = ["PMH: {hx}, {hx}, {hx}.", "PMH: {hx}, cad s/p mi {year}, cabg {year}, {hx}.", "pmh {hx}, {hx}, s/p tah {year}",
       "hx: {hx}, {hx}, {hx}, {hx}", "PMH- {hx}; {hx}; MI {year}", "PMH: {hx}, {hx}, CVA {year}."]


# v4: hospitals are named in real ICU notes about half as often as people (admissions, transfers, placement).
HOSP_LINES = ["pt [admitted to|transferred to|transfered to|sent to|brought to] {hosp} [on {dshort}|today|yesterday|"
              "last night] w/ {dx}.", "[transfer|xfer|trans] to {hosp} [when bed available|in am|today|pending bed].",
              "[from|at] {hosp} [ED|ER|EW] pt was {cadj}.", "pt lives in {city}, [followed|seen] at {hosp} by {dr}.",
              "accepted at {hosp} for [rehab|further care|cath|surgery].", "{hosp} [aware|called|to call back] re: bed.",
              "pt [was|is] screened by {hosp} [rehab|for rehab|for placement].", "pt had {dx} at {hosp} in {year}.",
              "[admitted|transferred] to {ward} [from ED|from EW|from OR|on {dshort}].", "back to {ward} [when stable|in am]."]


# v7: contacts and whereabouts, the lines where phones, towns, neighbourhoods and employers are written in
# nursing notes (a contact list, a social line): on top of the PHI budget in notes with PHI.
CONTACT_LINES = [
    "{kin} [cell|home|work|mobile|#] {phone}", "HCP: {fam} {phone}", "[contact|Contact|CONTACT]: {fam} [@|at|-] {phone}",
    "[call|page|notify] {kin} at {phone} [w/ changes|in am|if any change]", "{fam} (cell {phone}) [aware|updated]",
    "[lives|resides] in {city} w/ {fam}", "pt [from|lives in] {city}, [independent at baseline|lives alone|w/ family]",
    "[lives|lived] in {locother} [for many years|since {year}]", "[dtr|son|family] [lives|live] near {locother}",
    "[works|worked] [at|for] {org} as a {prof}", "[retired|laid off] from {org} [in {year}|last year]",
    "[employer|Employer|EMPLOYER]: {org}", "{kin} works at {org}", "pt [was at|fell at|collapsed at] {org} [today|this am]",
    "[visiting|traveling] from {city}, [staying w/|staying with] {fam}", "{kin} [flying|driving] in from {city}",
    "[pt's|pts] pharmacy: {org} {phone}", "PCP {dr} [ph|tel|phone] {phone}", "[fax|FAX] records to {fax}",
    "{kin} and {kin} [called|in to visit], [home #|cell] {phone}", "pt [attends|goes to] {org} [program|daily]",
    "[family|FAMILY] [contacts|numbers]: {fam} {phone}, {fam} {phone}", "[son|dtr|wife] from {locother} called",
    # the word before a number is as often its kind as a name
    "[home|Home|HOME|H] {phone} [work|Work|office|Office|W|cell|Cell|C] {phone}", "[cell|Cell|mobile|office] {phone}",
    "[HCP|hcp|family|Family] [home|cell|work] # {phone}", "[office|Office|clinic] {phone}, [fax|Fax] {fax}",
]


def _expand(ctx: Ctx, template: str) -> str:
    """Fill the `{dx}` / `{hx}` diagnosis placeholders (non-PHI) with distinct picks."""
    hx = iter(ctx.rng.sample(HX, 6))
    return _DXHX.sub(lambda m: ctx.rng.choice(DX) if m.group(1) == "dx" else next(hx, "htn"), template)


def system_line(ctx: Ctx, names: tuple[str, ...], frags: list[str]) -> None:
    rng = ctx.rng
    header = rng.choice(names) + rng.choice((": ", ":", " - ", "- ", " ", ": ", "; ", "=", "--", "-", "="))
    k = rng.randint(1, 5)
    sep = rng.choice((", ", ", ", ". ", "; ", " ", ",  "))
    ctx.emit(header + sep.join(rng.sample(frags, min(k, len(frags)))) + rng.choice((".", "", "", " ")))
    ctx.b.text(rng.choice(("\n", "\n", "\n\n", " \n", "\n \n")))


def ending(ctx: Ctx, p_sig: float) -> None:
    """End a note: usually an ordinary last sentence, sometimes a signature on its own line (name + credential)."""
    rng = ctx.rng
    if rng.random() < 0.65:
        ctx.emit(rng.choice(("{closing}", "{closing}", "{prep}", "{medp}.", "see {chart}.", "{closing} {closing}")))
    if rng.random() < p_sig:
        ctx.b.text(rng.choice(("\n", "\n", "\n\n", "\n- ", "\n__ ")))
        ctx.emit("{sig}")


def contacts(ctx: Ctx, p: float) -> None:
    """A contact or whereabouts line (v7), in notes that have PHI, on top of their PHI budget."""
    if ctx.mode != "none" and ctx.rng.random() < p:
        ctx.emit(ctx.rng.choice(CONTACT_LINES) + ctx.rng.choice((".", "", ";")))
        ctx.b.text(ctx.rng.choice(("\n", " ", "\n")))


def icu_nursing(ctx: Ctx) -> None:
    rng = ctx.rng
    ctx.maybe(0.6, [_expand(ctx, t) for t in INTRO_PLAIN + INTRO_PHI])
    ctx.maybe(0.35, [_expand(ctx, t) for t in PMH])
    systems = list(SYSTEMS.items())
    keep = systems[:4] + [s for s in systems[4:] if rng.random() < 0.5] if rng.random() < 0.7 \
        else rng.sample(systems, rng.randint(1, 4))
    paragraph(ctx, rng.choice((0, 0, 1, 2, 3)))
    for names, frags in keep:
        system_line(ctx, names, frags)
        if rng.random() < 0.2:
            ctx.emit("{glued}")
            ctx.b.text(rng.choice(("\n", " ", "\n")))
        if rng.random() < 0.3:
            paragraph(ctx, rng.randint(1, 3))
        if rng.random() < 0.35:
            ctx.emit(rng.choice(ICU_LINES))
            ctx.b.text(rng.choice(("\n", "\n", " ", "\n\n")))
        if rng.random() < 0.12:
            ctx.line(["{dr} aware of {vitals}.", "md aware.", "{team} aware.", "{dr} notified, no new orders.",
                      "paged {dr} re: low u/o, {fluid} bolus given.", "ho aware."])
    if ctx.mode != "none" and rng.random() < 0.8:  # on top of the PHI budget: notes with PHI only
        ctx.emit(_expand(ctx, rng.choice(HOSP_LINES)))
        ctx.b.text(rng.choice(("\n", " ", "\n")))
    if rng.random() < 0.6:
        ctx.b.text(rng.choice(("SOCIAL: ", "Social: ", "social- ", "Soc: ", "FAMILY: ", "Dispo: ")))
        ctx.line(SOCIAL_PLAIN + SOCIAL_PHI)
    contacts(ctx, 0.4)
    if rng.random() < 0.7:
        ctx.b.text(rng.choice(("PLAN: ", "Plan: ", "plan- ", "P: ", "A/P: ", "A: stable. P: ")))
        ctx.line(PLAN_PLAIN + PLAN_PHI)
    ending(ctx, 0.3)


def nursing_shift(ctx: Ctx) -> None:
    rng = ctx.rng
    ctx.maybe(0.5, ["[Nursing note|NURSING NOTE|Nsg note|nursing shift note] {time}-{time}:", "7p-7a:", "0700-1500"])
    events = ["Pt slept most of shift.", "Uneventful night.", "Received pt at {time} from {unit}.",
              "c/o pain {pain}, {drug} given w/ relief.", "OOB to chair w/ PT.", "{vitals}.", "Pt ambulated in hall x2.",
              "Tolerating {drug} w/o difficulty.", "{med} given.", "Dressing changed, site c/d/i.",
              "Foley removed at {time}, due to void.", "Pt refused {drug}, {team} aware.", "Fall precautions maintained.",
              "{fam} visited, updated on plan of care.", "Pt's {fam} called, update given.", "{dr} in to see pt.",
              "Received pt from {hosp} at {time}.", "Seen by {dr} of {team}.", "Pt to {unit} for procedure at {time}.",
              "Per {fam}, pt was at baseline until {wday}.", "D/c planning w/ CM, pt to {hosp2} on {dshort}.",
              "{icusent}", "{icusent}", "{icublock}", "{heading}: {icusent}", "{unitp}.", "Pt {unitp}."]
    if ctx.mode != "none" and rng.random() < 0.5:
        ctx.emit(_expand(ctx, rng.choice(HOSP_LINES)))
        ctx.b.text("\n")
    for _ in range(rng.randint(1, 8)):
        ctx.line(events, end=rng.choice(("\n", " ", "  ", "\n")))
        if rng.random() < 0.4:
            paragraph(ctx, rng.randint(1, 3))
    ctx.b.text("\n")
    contacts(ctx, 0.4)
    if rng.random() < 0.3:
        ctx.line(["{sig}", "{sig}", "{sig} {time}", "[Signed|signed|Sig]: {sig}"])
    else:
        ending(ctx, 0.1)


def respiratory(ctx: Ctx) -> None:
    rng = ctx.rng
    ctx.b.text(rng.choice(("Resp Care Note: \n", "Respiratory Care: ", "RT note: ", "RESP THERAPY\n", "Resp care\n")))
    lines = ["Pt cont on mech vent, settings per flowsheet.", "{vent}.", "{abg}.", "Lung sounds coarse, sx for mod thick "
             "yellow sputum.", "{ett}.", "No vent changes made this shift.", "MDI's given as ordered.",
             "RSBI {num}0.", "Plan: cont mech vent support, wean as tol.", "Extubated to {o2} at {time}.",
             "Cuff leak present.", "Sputum spec sent.", "BBS diminished t/o.", "Vent changes per {dr}.",
             "Trach changed by {dr} at bedside.", "SBT done per protocol, failed after {num} min.",
             "Combivent nebs q4h.", "Pt placed on bipap {num}/5 overnight.", "ABG drawn per {dr}, see results.",
             "{ventset}.", "{ventset}, {ventset}.", "{gas}.", "{gas} on {ventset}.", "{cstart} on {ventset}.",
             "{icusent}", "{icusent}", "Weaned to {ventset} {trange}.", "{heading}: {ventset}, {gas}."]
    for _ in range(rng.randint(1, 6)):
        ctx.line(lines, end=rng.choice((" ", "\n")))
    paragraph(ctx, rng.choice((0, 0, 1, 2)))
    ctx.b.text("\n")
    ending(ctx, 0.35)
