"""Physician-style documents: discharge summaries, progress notes, radiology and pathology reports,
referral letters and telephone encounters (sectioned, longer sentences, more header PHI).

The document tables are data, in the notes' language folder: `domains/deid/<lang>/notetypes/docs.json` (HEADERS,
HOSP_COURSE, DISPO, ADMIN and RADIOLOGY_FINDINGS lines); the diagnoses come from `icu.json` (`notetypes_icu.icu_tables`)."""

from __future__ import annotations

from .narrative import paragraph
from .notetypes_icu import _expand, contacts, icu_tables, note_tables
from .render import Ctx

def admin(ctx: Ctx, p: float) -> None:
    if ctx.rng.random() < p:
        ctx.line(note_tables("docs")["ADMIN"])
    contacts(ctx, p)


def discharge_summary(ctx: Ctx) -> None:
    rng, docs = ctx.rng, note_tables("docs")
    hx = icu_tables()["HX"]
    for h in rng.sample(docs["HEADERS"], rng.randint(0, 5)):
        ctx.line([h])
    ctx.b.text(rng.choice(("\nHISTORY OF PRESENT ILLNESS: ", "\nHPI: ", "\nHistory of Present Illness:\n")))
    ctx.line([_expand(ctx, t) for t in (
        "Pt is a {age} [man|woman] w/ {hx}, {hx} who presents with {dx}.",
        "This is a {age} [male|female] with h/o {hx} admitted w/ {dx}.",
        "Pt is an elderly [man|woman] w/ {hx} and {hx}, admitted with {dx}.",
        "{pt} is a {age} [M|F] with {dx} transferred from {hosp}.",
        "Pt presented to the ED with {dx} after a fall at home.", "{aged}, presented on {date} with {dx}.")])
    ctx.b.text(rng.choice(("\nPAST MEDICAL HISTORY: ", "\nPMH: ", "\nPast Medical History:\n")))
    ctx.line([", ".join(rng.sample(hx, 4)) + ".", _expand(ctx, "{hx}, {hx}, CABG {year}, {hx}."),
              _expand(ctx, "{hx}; MI in {year}; {hx}.")])
    ctx.maybe(0.5, ["SOCIAL HISTORY: lives with {fam}, retired {prof}.", "SOCIAL HISTORY: lives alone, no etoh.",
                    "Social: lives w/ wife in {city}, worked as {prof}.", "Social: from {country}, 40 pk-yr smoker.",
                    "SH: works as a {prof}, married.", "SOCIAL HISTORY: former {prof}, lives with {fam}.",
                    "SH: married, lives in {city}, {state}.", "SH: no tobacco, rare etoh, works at {org}."])
    ctx.b.text(rng.choice(("\nHOSPITAL COURSE:\n", "\nBrief Hospital Course: ", "\nHOSPITAL COURSE BY SYSTEM:\n")))
    for _ in range(rng.randint(2, 9)):
        ctx.line(docs["HOSP_COURSE"], end=rng.choice((" ", "\n", " ")))
    ctx.b.text("\n")
    for _ in range(rng.randint(1, 4)):
        ctx.line(docs["DISPO"])
    if rng.random() < 0.5:
        ctx.b.text(rng.choice(("DISCHARGE MEDICATIONS:\n", "Discharge Medications:\n", "Meds on discharge:\n")))
        for k in range(rng.randint(1, 12)):
            ctx.emit(f"{k + 1}. {{med}}" if rng.random() < 0.8 else f"{{med}} x {{num}} days")
            ctx.b.text("\n")
    admin(ctx, 0.5)
    ctx.maybe(0.4, ["{dr}", "Electronically signed by {dr} on {dfull}", "{drname}, MD  {dfull}  {time}",
                    "Dictated by {dr}; transcribed by {user}", "D: {dfull} T: {dfull} JOB#: {idnum}"])


def progress_note(ctx: Ctx) -> None:
    rng = ctx.rng
    ctx.maybe(0.4, ["[MICU|Medicine|Surgery|Cardiology] Progress Note {dshort}", "Progress note", "Resident note HD#{num}",
                    "Attending addendum: pt seen and examined with {dr}.", "Day {num} of {drug}"])
    ctx.line(["S: pt feels better, c/o {pain} pain.", "S: no events overnight.", "Subj: pt c/o nausea.",
              "S: febrile overnight to 101.4, cultured.", "S: per {fam}, pt more confused since {wday}."])
    ctx.line(["O: {vitals}", "Exam: {vitals}. lungs ctab, rrr, abd benign.", "O: {vitals} I/O {io}"])
    paragraph(ctx, rng.choice((0, 0, 1, 2)))
    ctx.maybe(0.7, ["Labs: {labs}", "{labs}", "labs notable for {labs}", "{abg}"])
    ctx.line([_expand(ctx, t) for t in ("A/P: {age} [m|f] w/ {dx}.", "A/P: {dx}, improving.", "Assessment: {dx}.",
                                        "A: {dx}, stable. P: cont {drug}.", "Imp: {dx}, r/o {dx}.")])
    for _ in range(rng.randint(0, 4)):
        ctx.line(["- cont {med}", "- f/u cx", "- {team} consult", "- d/w {dr}", "- d/c foley", "- PT/OT",
                  "- f/u w/ {dr} in clinic", "- ? d/c to {hosp2} {wday}", "- wean {drug}", "- replete K/Mg"])
    admin(ctx, 0.15)
    ctx.maybe(0.4, ["{dr} {pager}", "{drname} {pager}", "-{drname}", "Signed: {dr}"])


def radiology(ctx: Ctx) -> None:
    rng, tables = ctx.rng, icu_tables()
    dx, hx = tables["DX"], tables["HX"]
    exam = rng.choice(("CHEST (PORTABLE AP)", "CT HEAD W/O CONTRAST", "CT ABD/PELVIS W/ CONTRAST", "MRI L-SPINE",
                       "RENAL U.S.", "CXR PA/LAT", "CTA CHEST", "LLE DOPPLER", "KUB"))
    ctx.line([f"{exam}", f"{exam}  {{dfull}} {{time}}", f"{exam}   Clip # {{idnum}}"])
    ctx.maybe(0.6, ["Reason: eval for {dx}".replace("{dx}", rng.choice(dx)), "Indication: ? infiltrate",
                    "CLINICAL HISTORY: {age} [man|woman] with {hx}.".replace("{hx}", rng.choice(hx)),
                    "HISTORY: s/p fall, r/o fx."])
    ctx.maybe(0.5, ["COMPARISON: {dfull}.", "Comparison: none.", "Comparison is made to prior study from {hosp2}.",
                    "COMPARISON: prior exam dated {dwords}."])
    findings = note_tables("docs")["RADIOLOGY_FINDINGS"]
    ctx.b.text(rng.choice(("FINDINGS: ", "Findings:\n", "FINDINGS:\n")))
    for _ in range(rng.randint(1, 6)):
        ctx.line(findings, end=rng.choice((" ", "\n")))
    ctx.b.text(rng.choice(("\nIMPRESSION: ", "\nIMPRESSION:\n", "\nImpression: ")))
    ctx.line(["No acute cardiopulmonary process.", "1. Lines and tubes as above. 2. Worsening RLL opacity.",
              "Interval improvement in CHF.", "No fracture.", "Possible early pneumonia.",
              "Wet read called to {dr} by {drname}.", "Compared to {dfull}, no change."])
    ctx.maybe(0.4, ["DR. {drname}", "{dr}", "Approved: {drname} {dfull}"])


def pathology(ctx: Ctx) -> None:
    rng = ctx.rng
    ctx.line(["SURGICAL PATHOLOGY REPORT", "Pathology Report  {idnum}", "Specimen: {idnum}",
              "PATHOLOGY  Accession {idnum}  Received {dfull}"])
    ctx.maybe(0.5, ["Patient: {pt}  {mrn}", "Submitted by: {dr}", "Collected: {dfull}", "{mrn}"])
    ctx.line(["SPECIMEN: colon, sigmoid, biopsy.", "SPECIMEN: skin, left forearm, punch.",
              "SPECIMEN: lymph node, right axillary, excision.", "SPECIMEN: bone marrow core."])
    ctx.line(["DIAGNOSIS: tubular adenoma, no high grade dysplasia.", "DIAGNOSIS: Hodgkin lymphoma, nodular sclerosis.",
              "DIAGNOSIS: invasive ductal carcinoma, grade 2.", "DIAGNOSIS: benign, no malignancy.",
              "DIAGNOSIS: consistent with Crohn's disease.", "DIAGNOSIS: Wilms tumor, favorable histology."])
    ctx.maybe(0.6, ["Gross: received in formalin, {num} pieces, 0.{num} cm.", "Gram stain negative.",
                    "Immunostains: CD30+, CD15+.", "Margins negative.", "Microscopic: see diagnosis."])
    ctx.maybe(0.5, ["Reviewed with {dr} on {dshort}.", "Pathologist: {dr}", "Electronically signed {dfull} {drname}"])


def referral_letter(ctx: Ctx) -> None:
    rng, hx = ctx.rng, icu_tables()["HX"]
    ctx.maybe(0.6, ["{dwords}", "{hospfull}\n{addr}", "Date: {dfull}"])
    ctx.line(["Dear {dr},", "Dear Dr. {drname}:", "Dear colleague,", "To whom it may concern:"])
    ctx.line([_expand(ctx, t) for t in (
        "Thank you for seeing {pt}, a {age} [man|woman] with {dx}.", "I am referring this {age} patient with {hx}.",
        "Thank you for seeing my patient in consultation for {dx}.", "I saw {pt} in clinic on {date} for {dx}.",
        "I am writing regarding our mutual patient, seen today for {hx}.")], end=" ")
    ctx.line(["Her {med} was recently started.", "He has a history of {hx}.".replace("{hx}", rng.choice(hx)),
              "{vitals} in clinic today.", "Recent labs: {labs}.", "She lives with her {fam} and works as a {prof}.",
              "He was recently hospitalized at {hosp} in {dwords}.", "Exam notable for positive Tinel and Phalen signs."],
             end="\n")
    ctx.maybe(0.5, ["Please call me at {phone} with any questions.", "Please fax your note to {fax}.",
                    "I can be reached by email at {email}.", "Please do not hesitate to contact me.",
                    "Records may be viewed at {url}."])
    admin(ctx, 0.4)
    ctx.line(["Sincerely,\n{dr}", "Best regards,\n{drname}, MD", "Sincerely,\n{dr}\n{hospfull}", "Thank you."])


def telephone(ctx: Ctx) -> None:
    rng, dx = ctx.rng, icu_tables()["DX"]
    ctx.maybe(0.6, ["Telephone encounter {dfull} {time}", "TELEPHONE NOTE", "Phone call:", "Tel enc - {wday}"])
    ctx.line(["Pt called c/o {dx}.".replace("{dx}", rng.choice(dx)), "{fam} called re: pt's {drug} refill.",
              "Pt's {fam} called at {phone}, reports pt more confused.", "Returned call to pt at {phone}.",
              "Called pt re: lab results, {labs}.", "Pt called asking about {drug} dose.", "LM on vm to call back.",
              "Spoke w/ pt; feeling better.", "Pharmacy called re: {drug} interaction.", "VNA called re: {vitals}."])
    ctx.maybe(0.7, ["Advised to go to ED if worse.", "Rx for {med} sent.", "Discussed with {dr}, ok to increase dose.",
                    "Appt made w/ {dr} for {dwords}.", "Will f/u in clinic on {wday}.", "Advised to hold {drug}.",
                    "Pt verbalized understanding.", "Call back # {phone}.", "Faxed to pharmacy at {fax}."])
    admin(ctx, 0.3)
    ctx.maybe(0.6, ["{sig}", "{dr}", "{drname} {pager}", "-{user}"])
