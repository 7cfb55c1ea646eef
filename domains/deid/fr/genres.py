"""French genres: the compte rendu d'hospitalisation (the stay's report: letterhead, identity block with IPP, NDA and
INS, motif, antécédents, mode de vie, histoire de la maladie, examen clinique, examens complémentaires, évolution,
conclusion, traitement de sortie, suites) and the lettre de liaison à la sortie (the letter to the médecin traitant
that leaves with the patient: "Cher confrère", motif, synthèse du séjour, traitement, suites, personne de
confiance). Each note is written from templates whose `{slot}`s are filled by a cast (one patient, relatives,
clinicians, a hospital) so that people and places recur; every PHI value is recorded as a gold span when written.
Titles (M., Mme, Dr, Pr) and "née"/"épouse" are written outside the spans."""

from __future__ import annotations

import random
from functools import partial

from ..genrekit import (People, age_slots, clinical_slots, distinct, draw_stay, family_slots, formatted, ident_slots,
                        listed, named, one_digit, opening, patient_args, people_slots, sentence, stay_slots,
                        write_genre)
from ..langkit import date_segments, digits, given_name, kin_segments, narrative, weighted
from . import grammar as g
from . import lexicon as lx

# Dates that name a day ("le 3 mars 2021") and dates that name a period ("en mars 2021", "en 2019").
PERIODS = ("month_year", "my_slash", "year")
DAYS = tuple(f for f in g.DATES.families if f not in PERIODS)
# The age families that read well after "de" or a comma ("Patient de 71 ans"); the others have their own places.
PLAIN_AGES = ("ans", "a", "ans_glued", "words", "ANS", "mois")


class Cast(People):
    """The people and places of one note."""

    def __init__(self, rng: random.Random, seed: int) -> None:
        super().__init__(rng, g.fake(seed), g.person)
        self.city = g.town(rng, self.fake)
        self.hospital = self.institution(lx.HOSPITALS)
        self.service = rng.choice(lx.SERVICES)
        self.admitted, self.discharged, self.age, self.born = draw_stay(rng, 40)

    def saint(self) -> str:
        f = self.fake
        return self.rng.choice((f"Saint-{f.first_name_male()}", f"Sainte-{f.first_name_female()}"))

    def institution(self, shapes) -> str:
        f, rng = self.fake, self.rng
        return rng.choice(shapes).format(city=rng.choice((self.city, g.town(rng, f))), saint=self.saint(),
                                         surname=f"{f.first_name()} {f.last_name()}", place=rng.choice(lx.PLACES),
                                         place_v=rng.choice(lx.PLACES_VOWEL),
                                         company=f.company(), plants=rng.choice(lx.PLANTS))


_name = named(g.NAMES)


def _patient(c: Cast, p_title: float = 0.8) -> list:
    """The patient, and for a married woman now and then her birth name ("Mme Martin née Dubois")."""
    pieces = _name(c, c.patient, "PATIENT", g.TITLES_PATIENT, p_title)
    if c.patient["birth"] and c.rng.random() < 0.5:
        birth = c.patient["birth"]
        pieces += [(c.rng.choice((" née ", " née ", " épouse ", ", née ")), None, None),
                   (birth.upper() if c.rng.random() < 0.4 else birth, "PATIENT", "birth_name")]
    return pieces


def _date(c: Cast, when=None, family: str | None = None, families: tuple[str, ...] = DAYS) -> list:
    return date_segments(c.rng, g.DATES, when, family or g.DATES.pick(c.rng, families))


def _of(word: str) -> str:
    """"de" before a word, elided before a vowel or a mute h ("d'Orthopédie", "de Cardiologie")."""
    return f"d'{word}" if word[:1].lower() in "aeiouyéèêâîôh" else f"de {word}"


PHONE_SLOTS = family_slots(g.PHONES, {"phone": ("PHONE", g.NUMBERS), "fax": ("FAX", g.FAXES),
                                       "ext": ("PHONE", g.EXTENSIONS)})


def _street(c: Cast) -> list:
    rng, f = c.rng, c.fake
    num = f"{rng.randint(1, 180)}{rng.choice(('', '', '', '', ' bis', ' ter', 'B'))}"
    roll = rng.random()
    if roll < 0.4:
        value = f.street_address()
    elif roll < 0.8:
        kind = rng.choice(lx.STREET_TYPES)
        kind = kind.capitalize() if rng.random() < 0.4 else kind
        value = f"{num}{rng.choice((',', '', ''))} {kind} {rng.choice(lx.STREET_NAMES)}{rng.choice(lx.ADDRESS_MORE)}"
    elif roll < 0.9:
        value = f"{num} {rng.choice(lx.STREET_TYPES)} {f.first_name()} {f.last_name()}"
    else:
        value = rng.choice(("Lieu-dit ", "Hameau de ", "La ")) + f.last_name()
    return [(value.upper() if rng.random() < 0.08 else value, "STREET", None)]


def _email(c: Cast) -> list:
    p = c.rng.choice((c.patient, c.doctors[0], c.gp))
    first, last = p["first"].lower(), p["last"].lower()
    user = c.rng.choice((f"{first}.{last}", f"{first[0]}.{last}", f"{last}{c.rng.randint(1, 99)}", f"{first}{last}"))
    fold = str.maketrans("àâäéèêëîïôöùûüçœ' ", "aaaeeeeiioouuuco--")
    return [(f"{user.translate(fold)}@{c.rng.choice(lx.DOMAINS)}", "EMAIL", None)]


def _kin_call(c: Cast) -> list:
    """A relative at the start of a line, then told by phone: "Fille Nadia prévenue au 06 12 34 56 78."."""
    word, female = c.rng.choice(lx.KIN_BARE)
    first = given_name(c.fake)(female)
    told = c.rng.choice(("prévenu", "informé", "joint")) + ("e" if female else "")
    return [(f"{word} ", None, None), (first, "PATIENT", "kin"), (f" {told} au ", None, None), *PHONE_SLOTS["phone"](c),
            (".", None, None)]


CLINICAL = {"finding": lx.FINDINGS, "exam": lx.EXAMS, "course": lx.COURSE, "dx": lx.DIAGNOSES}
# The fields of the clinical phrases and of the PHI-free sentences (`genrekit.drawn`: a tuple is drawn from, a
# function is called with the cast), in the order they are drawn.
CLINICAL_FIELDS = {"n": lambda c: c.rng.randint(2, 9), "drug": lx.DRUGS, "brand": lx.BRANDS,
                   "disease": lx.DISEASE_EPONYMS, "sign": lx.SIGN_EPONYMS, "proc": lx.PROCEDURES,
                   "service": lambda c: c.rng.choice(lx.SERVICES).lower()}
SENTENCE_FIELDS = {
    "duration": lambda c: c.rng.choice(lx.DURATIONS).format(n=c.rng.randint(2, 30)),
    "vital": lambda c: c.rng.choice(lx.VITALS).format(n=one_digit(c), a=c.rng.randint(95, 190),
                                                      b=c.rng.randint(50, 110), g=c.rng.randint(0, 5)),
    "lab": lambda c: c.rng.choice(lx.LABS).format(n=one_digit(c)),
    "dose": lambda c: c.rng.choice(lx.DOSES).format(n=one_digit(c)),
    "h": lambda c: str(c.rng.randint(6, 22)), "dx": lambda c: _clinical(c, "dx").lower(),
    "drug": lx.DRUGS + lx.BRANDS, "n": one_digit, "proc": lx.PROCEDURES, "cond": lx.CONDITION_ACRONYMS,
    "exam_acr": lx.EXAM_ACRONYMS, "score": lx.SCORES, "sign": lx.SIGN_EPONYMS,
    "eponym_phrase": lambda c: c.rng.choice(lx.EPONYM_PHRASES).format(d=c.rng.choice(lx.DISEASE_EPONYMS),
                                                                      s=c.rng.choice(lx.SIGN_EPONYMS),
                                                                      c=c.rng.choice(lx.SCORES))}


def _clinical(c: Cast, kind: str) -> str:
    return formatted(c, CLINICAL[kind], CLINICAL_FIELDS)


def _sentence(c: Cast) -> str:
    """One PHI-free sentence: numbers that are not ages or dates, durations, eponyms, drugs, abbreviations."""
    return sentence(c, lx.SENTENCES, SENTENCE_FIELDS)


SLOTS = {
    **people_slots(_name, g.TITLES_PATIENT, g.TITLES_DOCTOR, 0.8, 0.85),
    "pt": lambda c: _patient(c),
    "ptlast": lambda c: [(g.TITLES_PATIENT[c.patient["female"]][0], None, None),
                         (c.patient["last"], "PATIENT", "last")],
    "kin": lambda c: kin_segments(c.rng, lx.KIN, given_name(c.fake), c.patient["last"]), "kin_call": _kin_call,
    **stay_slots(_date),
    "period": lambda c: _date(c, families=PERIODS),
    "dob": lambda c: _date(c, c.born, c.rng.choice(("dmy_slash", "dmy_slash", "dmy_slash", "long",
                                                    "dmy_slash_unpadded"))),
    "year": lambda c: _date(c, None, "year"),
    **age_slots(g.AGES, g.split_age, {"age": PLAIN_AGES, "age_de": ("age_de",), "age_paren": ("paren",),
                                      "age_colon": ("age_colon",)}),
    **PHONE_SLOTS,
    "email": _email, "street": _street,
    "city": lambda c: [(c.city, "CITY", None)],
    "city2": lambda c: [(g.town(c.rng, c.fake), "CITY", None)],
    "zip": lambda c: [(c.fake.postcode(), "ZIP", None)],
    "state": lambda c: [(c.rng.choice((c.fake.department_name(), c.fake.region())), "STATE", None)],
    "country": lambda c: [(weighted(c.rng, [(4, "France"), (4, c.rng.choice(lx.COUNTRIES)), (1, c.fake.country())]),
                           "COUNTRY", None)],
    "hospital": lambda c: [(c.hospital, "HOSPITAL", None)],
    "hospital2": lambda c: [(c.institution(lx.HOSPITALS), "HOSPITAL", None)],
    "org": lambda c: [(c.institution(lx.ORGANIZATIONS), "ORGANIZATION", None)],
    "profession": lambda c: [(c.fake.job(), "PROFESSION", None)],
    **ident_slots(g.IDS, {"nir": "nir", "ipp": "ipp", "nda": "nda", "rpps": "rpps", "iban": "iban"}, patient_args),
    "service": lambda c: c.service, "of_service": lambda c: _of(c.service),
    "e": lambda c: "e" if c.patient["female"] else "",
    "ne": lambda c: "ne" if c.patient["female"] else "",
    "Pt": lambda c: "Patiente" if c.patient["female"] else "Patient",
    "le_pt": lambda c: "la patiente" if c.patient["female"] else "le patient",
    "votre_pt": lambda c: "votre patiente" if c.patient["female"] else "votre patient",
    "il": lambda c: "elle" if c.patient["female"] else "il",
    **clinical_slots(_clinical),
    "residence": lambda c: [(c.institution(lx.RESIDENCES), "ORGANIZATION", None)],
    "history": lambda c: listed(distinct(c.rng, lambda: _clinical(c, "dx"))),
    "meds": lambda c: listed(c.rng.sample(lx.MEDICATION_LINES, c.rng.randint(2, 6))),
    "narrative": lambda c: narrative("fr", c.rng, c.fake, lambda: _sentence(c)),
    # the letter's own
    "drug_b": lambda c: c.rng.choice(lx.BRANDS), "drug": lambda c: c.rng.choice(lx.DRUGS),
    "au_pt": lambda c: "à la patiente" if c.patient["female"] else "au patient",
    "room": lambda c: f"{c.rng.randint(1, 6)}{digits(c.rng, 2)}",
    "sp": lambda c: c.rng.choice((" : ", " : ", ": ", " ")),
}

LETTERHEAD = ("{hospital}\n[Service {of_service}|SERVICE {of_service}|Pôle {service}]\n"
              "[Chef de service : {dr1}\n|Responsable : {dr1}\n|]"
              "[{street}, {zip} {city}|{street} - {zip} {city}[ Cedex|]|{zip} {city}|{zip} {city} ({state})]\n"
              "[Secrétariat|Tél.|Téléphone|Tél]{sp}{phone}[ - Fax{sp}{fax}|   Fax : {fax}|][\nCourriel : {email}|]\n\n")
IDENTITY = ("[{Pt}|Nom|Identité]{sp}{pt}[, né{e} le {dob}| (né{e} le {dob})|, {age_de}| {age_paren}|, {age_colon}]\n"
            "[IPP{sp}{ipp}|N° IPP{sp}{ipp}|IPP {ipp}][   [NDA|N° de séjour|N° venue]{sp}{nda}|]"
            "[   INS{sp}{nir}|   N° SS{sp}{nir}|   Matricule INS : {nir}|]\n"
            "[Adresse{sp}{street}, {zip} {city}\n|Domicile : {street} {zip} {city}[ ({state})|]\n|"
            "[Lieu de naissance|Né{e} à] : {city2} ({country})\n|[Profession|Activité] : {profession}\n|]"
            "[|||Remboursement des frais de transport sur le compte {iban}\n]")


def compte_rendu(c: Cast) -> str:
    template = (
        opening(c.rng, LETTERHEAD + "[{city}, le {discharged}|Le {discharged}|Date : {date}]\n\n",
                lambda: _sentence(c)) +
        "[COMPTE RENDU D'HOSPITALISATION|Compte rendu d'hospitalisation|CR D'HOSPITALISATION]\n\n" + IDENTITY +
        "[Hospitalisation du {admitted} au {discharged}|Date d'entrée : {admitted}   "
        "Date de sortie : {discharged}|Séjour du {admitted} au {discharged}, chambre {room}]\n"
        "Médecin traitant{sp}{gp}[, {city2}|, tél. {phone}|]\n\n"
        "[MOTIF D'HOSPITALISATION|Motif d'hospitalisation|Motif d'admission]\n"
        "[{Pt} de {age}|{pt}, {age},|{pt}] [adressé{e} par {gp}|admis{e} via le SAU|hospitalisé{e}] pour {finding}.\n\n"
        "[ANTÉCÉDENTS|Antécédents]\n{history}\n\n"
        "[MODE DE VIE|Mode de vie]\n[Vit avec {kin} à {city}.|Diagnostic de {dx_lc} posé en {period}.|"
        "Vit seul{e} à domicile, aide ménagère.|Suivi{e} par {gp} depuis {period}.|"
        "Vit en institution ({residence}).|Retraité{e}, ancien{ne} {profession}.|Exerce comme {profession} ({org}).]"
        "[ Personne de confiance : {kin}, tél. {phone}.|]\n\n"
        "[HISTOIRE DE LA MALADIE|Histoire de la maladie]\n{narrative} {finding_sentence}\n\n"
        "[EXAMEN CLINIQUE À L'ENTRÉE|Examen clinique]\n{narrative}\n\n"
        "[EXAMENS COMPLÉMENTAIRES|Examens complémentaires]\n{exam} {exam}\n\n"
        "[ÉVOLUTION|Évolution dans le service]\n{course} {narrative} [Le {during},|Dès le {during},] {course_lc}"
        "[ {kin_call}||]\n\n"
        "[CONCLUSION|Diagnostic de sortie|DIAGNOSTICS]\n{history}\n\n"
        "[TRAITEMENT DE SORTIE|Traitement de sortie|Ordonnance de sortie]\n{meds}\n\n"
        "[SUITES|Suites à donner|Rendez-vous]\n[Consultation de contrôle le {after} avec {dr}.|"
        "Bilan biologique à réaliser le {after} par l'IDE.|Revoir {dr} en consultation le {after}.|"
        "Transfert en SSR ({hospital2}) le {after}.]\n\n"
        "{dr0}[, Praticien hospitalier|, Chef de clinique|, Interne| (RPPS {rpps})|]\n"
        "[Copie à : {gp}, {street}, {zip} {city}\n|Copie : médecin traitant\n|]"
    )
    return template.replace("{finding_sentence}", "[L'interrogatoire retrouve|On note] {finding}.")


def lettre_de_liaison(c: Cast) -> str:
    template = (
        opening(c.rng, LETTERHEAD, lambda: _sentence(c)) +
        "[LETTRE DE LIAISON À LA SORTIE|Lettre de liaison|LETTRE DE SORTIE]\n\n"
        "[Destinataire : {gp}\n|{gp}\n{street}\n{zip} {city}\n\n|À l'attention de {gp}, médecin traitant\n]"
        "[{city}, le {discharged}|Le {discharged}]\n\n" + IDENTITY + "\n"
        "[Cher confrère,|Chère consœur,|Mon cher confrère,|Chère consœur, cher confrère,]\n\n"
        "[Je vous remercie de m'avoir adressé|Nous avons pris en charge|Vous nous avez adressé] {votre_pt} {pt}, "
        "[{age_de}|{age}|né{e} le {dob}], [hospitalisé{e}|pris{e} en charge] dans notre service du {admitted} au "
        "{discharged} pour "
        "{finding}.\n\n[Synthèse du séjour|SYNTHÈSE DU SÉJOUR] :\n{course} {narrative} {course}\n\n"
        "[Diagnostic retenu|Diagnostics] : {dx}[, {dx}|].\n\n"
        "[Traitement à la sortie|Traitement de sortie] [(modifications : arrêt de {drug_b}, introduction de {drug})|] "
        ":\n{meds}\n\n[Suites à donner|Suivi] : [consultation avec {dr} le {after}.|contrôle de la NFS le {after}.|"
        "rendez-vous en consultation, {hospital2}, le {after}.] [Une ordonnance de soins infirmiers a été remise.|]\n"
        "[Informations données {au_pt} et à {kin}.|Personne de confiance : {kin} ({phone}).|{kin_call}|]\n"
        "[Pour nous joindre : {phone}[ ou {ext}|].|Interne du service : {ext}.|Secrétariat : {phone}, {ext}.]\n\n"
        "[Je vous prie de croire, cher confrère, à mes sentiments les meilleurs.|Bien confraternellement,|"
        "Cordialement,|Veuillez agréer, chère consœur, cher confrère, l'expression de mes sentiments confraternels.]"
        "\n\n{dr0}\n[{dr1}\n|]"
    )
    return template


GENRES = ((0.5, "compte_rendu_hospitalisation", compte_rendu), (0.5, "lettre_de_liaison", lettre_de_liaison))


write_note = partial(write_genre, genres=GENRES, cast=Cast, slots=SLOTS)
"""One note: `write_note(rng, seed) -> (genre, Note)`."""
