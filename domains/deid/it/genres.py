"""Italian genres: the lettera di dimissione (the discharge letter to the medico curante: letterhead of the Azienda and
the U.O.C., patient data with codice fiscale and tessera sanitaria, motivo del ricovero, anamnesi, esame obiettivo,
esami, decorso, diagnosi, terapia consigliata, controlli) and the verbale di pronto soccorso (the emergency
department's record: access number, date and hour, triage code, arrival by 118, anamnesi, esame obiettivo,
accertamenti, consulenze, diagnosi, esito). Each note is written from templates whose `{slot}`s are filled by a cast
(one patient, relatives, clinicians, a hospital) so that people and places recur; every PHI value is recorded as a
gold span when written. Titles (Sig., Sig.ra, Dott., Dott.ssa, Prof.) are written outside the spans."""

from __future__ import annotations

import random
from functools import partial

from ..genrekit import (People, age_slots, clinical_slots, distinct, draw_stay, family_slots, formatted, ident_slots,
                        listed, named, one_digit, opening, patient_args, people_slots, sentence, stay_slots,
                        write_genre)
from ..langkit import date_segments, given_name, kin_segments, prose
from . import grammar as g
from . import lexicon as lx

# Dates that name a day ("il 3 marzo 2021") and dates that name a period ("nel marzo 2021", "nel 2019").
PERIODS = ("month_year", "my_slash", "year")
DAYS = tuple(f for f in g.DATES.families if f not in PERIODS)
# Age families that read well after a name and a comma, or after "di" ("paziente di 72 anni").
PLAIN_AGES = ("anni", "aa", "mesi", "ANNI")


class Cast(People):
    """The people and places of one note."""

    def __init__(self, rng: random.Random, seed: int) -> None:
        super().__init__(rng, g.fake(seed), g.person)
        self.city = self.fake.city()
        self.province = rng.choice(g.PROVINCES)
        self.hospital = self.institution(lx.HOSPITALS)
        self.ward = rng.choice(lx.WARDS)
        self.admitted, self.discharged, self.age, self.born = draw_stay(rng, 40)

    def saint(self) -> str:
        f = self.fake
        return self.rng.choice((f"San {f.first_name_male()}", f"Santa {f.first_name_female()}"))

    def institution(self, shapes) -> str:
        f, rng = self.fake, self.rng
        return rng.choice(shapes).format(city=rng.choice((self.city, f.city())), saint=self.saint(),
                                         surname=f"{f.first_name()} {f.last_name()}", place=rng.choice(lx.PLACES),
                                         company=f.company(), flower=rng.choice(lx.FLOWERS), last=f.last_name())


_name = named(g.NAMES)


def _date(c: Cast, when=None, family: str | None = None, families: tuple[str, ...] = DAYS) -> list:
    return date_segments(c.rng, g.DATES, when, family or g.DATES.pick(c.rng, families))


PHONE_SLOTS = family_slots(g.PHONES, {"phone": ("PHONE", g.NUMBERS), "fax": ("FAX", g.FAXES),
                                       "ext": ("PHONE", g.EXTENSIONS)})


def _street(c: Cast) -> list:
    rng, f = c.rng, c.fake
    num = rng.choice((str(rng.randint(1, 250)), f"{rng.randint(1, 80)}/{rng.choice('ABC')}", str(rng.randint(1, 40))))
    roll = rng.random()
    if roll < 0.3:
        value = f"{f.street_name()}, {num}"
    elif roll < 0.8:
        value = (f"{rng.choice(lx.STREET_TYPES)} {rng.choice(lx.STREET_NAMES)}"
                 f"{rng.choice((' ', ', ', ' n. ', ', n° '))}{num}")
    else:
        value = f"{rng.choice(('Via', 'Viale', 'Piazza'))} {f.first_name()} {f.last_name()} {num}"
    return [(value.upper() if rng.random() < 0.08 else value, "STREET", None)]


def _email(c: Cast) -> list:
    p = c.rng.choice((c.patient, c.doctors[0], c.gp))
    first, last = p["first"].lower().replace(" ", ""), p["last"].lower().replace(" ", "").replace("'", "")
    user = c.rng.choice((f"{first}.{last}", f"{first[0]}.{last}", f"{last}{c.rng.randint(1, 99)}", f"{first}{last}"))
    fold = str.maketrans("àèéìòù", "aeeiou")
    return [(f"{user.translate(fold)}@{c.rng.choice(lx.DOMAINS)}", "EMAIL", None)]


def _kin_call(c: Cast) -> list:
    """A relative told by phone: "Avvisata la figlia Giulia al 347 1234567."."""
    word, female = c.rng.choice(lx.KIN)
    first = given_name(c.fake)(female)
    told = c.rng.choice(("Avvisat", "Informat", "Contattat")) + ("a" if female else "o")
    return [(f"{told} {word} ", None, None), (first, "PATIENT", "kin"), (" al ", None, None), *PHONE_SLOTS["phone"](c),
            (".", None, None)]


CLINICAL = {"finding": lx.FINDINGS, "exam": lx.EXAMS, "course": lx.COURSE, "dx": lx.DIAGNOSES}
# The fields of the clinical phrases and of the PHI-free sentences (`genrekit.drawn`: a tuple is drawn from, a
# function is called with the cast), in the order they are drawn.
CLINICAL_FIELDS = {"n": lambda c: c.rng.randint(2, 9), "drug": lx.DRUGS, "brand": lx.BRANDS,
                   "disease": lx.DISEASE_EPONYMS, "sign": lx.SIGN_EPONYMS, "proc": lx.PROCEDURES,
                   "ward": lambda c: c.rng.choice(lx.WARDS).lower()}
SENTENCE_FIELDS = {
    "duration": lambda c: c.rng.choice(lx.DURATIONS).format(n=c.rng.randint(2, 30)),
    "vital": lambda c: c.rng.choice(lx.VITALS).format(n=one_digit(c), a=c.rng.randint(95, 190),
                                                      b=c.rng.randint(50, 110), g=c.rng.randint(0, 5)),
    "lab": lambda c: c.rng.choice(lx.LABS).format(n=one_digit(c)), "dx": lambda c: _clinical(c, "dx").lower(),
    "drug": lx.DRUGS + lx.BRANDS, "n": one_digit, "proc": lx.PROCEDURES, "cond": lx.CONDITION_ACRONYMS,
    "exam_acr": lx.EXAM_ACRONYMS, "score": lx.SCORES, "sign": lx.SIGN_EPONYMS,
    "finding": lambda c: _clinical(c, "finding"), "h": lambda c: f"{c.rng.randint(6, 22):02d}",
    "m": lambda c: str(c.rng.randint(0, 5)),
    "eponym_phrase": lambda c: c.rng.choice(lx.EPONYM_PHRASES).format(d=c.rng.choice(lx.DISEASE_EPONYMS),
                                                                      s=c.rng.choice(lx.SIGN_EPONYMS),
                                                                      c=c.rng.choice(lx.SCORES))}


def _clinical(c: Cast, kind: str) -> str:
    return formatted(c, CLINICAL[kind], CLINICAL_FIELDS)


def _sentence(c: Cast) -> str:
    """One PHI-free sentence: numbers that are not ages or dates, durations, eponyms, drugs, abbreviations."""
    return sentence(c, lx.SENTENCES, SENTENCE_FIELDS)


def _narrative(c: Cast) -> str:
    """A few PHI-free sentences, now and then Faker's running prose (the translation domain has no Italian file, so
    the sentences are all ours)."""
    rng = c.rng
    parts = [_sentence(c) for _ in range(rng.randint(2, 5))]
    if rng.random() < 0.25:
        parts.append(prose(c.fake, rng, rng.randint(1, 2)))
    return " ".join(parts)


# "presso l'Ospedale ...", "presso il Policlinico ...", "presso la Casa di Cura ...": the article by the first word.
_ARTICLES = {"Policlinico": "il ", "Presidio": "il ", "Nuovo": "il ", "P.O.": "il ", "Casa": "la ", "Fondazione": "la "}


def _at_hospital(c: Cast) -> list:
    name = c.institution(lx.HOSPITALS)
    first = name.split()[0]
    article = _ARTICLES.get(first, "l'" if first[0] in "AEIOU" else "")
    return [(f"presso {article}", None, None), (name, "HOSPITAL", None)]


SLOTS = {
    **people_slots(_name, g.TITLES_PATIENT, g.TITLES_DOCTOR, 0.6, 0.9, p_named=0.95),
    "kin": lambda c: kin_segments(c.rng, lx.KIN, given_name(c.fake), c.patient["last"]), "kin_call": _kin_call,
    "at_hospital": _at_hospital,
    **stay_slots(_date),
    "period": lambda c: _date(c, families=PERIODS),
    "dob": lambda c: _date(c, c.born, c.rng.choice(("dmy_slash", "dmy_slash", "dmy_slash", "long",
                                                    "dmy_slash_short"))),
    **age_slots(g.AGES, g.split_age, {"age": PLAIN_AGES, "enne": ("enne",), "di_anni": ("di_anni",),
                                      "age_form": ("anni_first", "eta", "paren")}),
    **PHONE_SLOTS,
    "email": _email, "street": _street,
    "city": lambda c: [(c.city, "CITY", None)],
    "city2": lambda c: [(c.fake.city(), "CITY", None)],
    "zip": lambda c: [(c.fake.postcode(), "ZIP", None)],
    "prov": lambda c: [(c.province, "STATE", None)],
    "country": lambda c: [(c.rng.choice(("Italia",) * 3 + g.COUNTRIES), "COUNTRY", None)],
    "hospital": lambda c: [(c.hospital, "HOSPITAL", None)],
    "hospital2": lambda c: [(c.institution(lx.HOSPITALS), "HOSPITAL", None)],
    "org": lambda c: [(c.institution(lx.ORGANIZATIONS), "ORGANIZATION", None)],
    "residence": lambda c: [(c.institution(lx.RESIDENCES), "ORGANIZATION", None)],
    "profession": lambda c: [(c.rng.choice(lx.PROFESSIONS), "PROFESSION", None)],
    **ident_slots(g.IDS, {"cf": "cf", "team": "team", "noso": "nosologico", "cartella": "cartella",
                          "ordine": "ordine", "iban": "iban"}, patient_args),
    "ward": lambda c: c.ward, "unit": lambda c: c.rng.choice(lx.UNIT_KINDS),
    "o": lambda c: "a" if c.patient["female"] else "o",
    "il_pz": lambda c: "la paziente" if c.patient["female"] else "il paziente",
    "Pz": lambda c: c.rng.choice(("Paziente", "Pz.")) + (" di sesso femminile" if c.patient["female"] else ""),
    **clinical_slots(_clinical),
    "history": lambda c: listed(distinct(c.rng, lambda: _clinical(c, "dx"))),
    "meds": lambda c: listed(c.rng.sample(lx.MEDICATION_LINES, c.rng.randint(2, 6))), "narrative": _narrative,
    "room": lambda c: f"{c.rng.randint(1, 40)}", "opening_line": _sentence,
    "hour": lambda c: f"{c.rng.randint(0, 23):02d}:{c.rng.randint(0, 59):02d}",
    "triage": lambda c: c.rng.choice(("bianco", "verde", "azzurro", "giallo", "arancione", "rosso", "2", "3", "4")),
    "sp": lambda c: c.rng.choice((": ", ": ", " ", " : ")),
    "n": lambda c: str(c.rng.randint(3, 30)),  # the emergency record's days
}


LETTERHEAD = ("{hospital}\n[{unit} {ward}|{unit} {ward}|Dipartimento di {ward}]\n"
              "[Direttore: {dr1}\n|Responsabile: {dr1}\n|Primario: {dr1}\n|]"
              "[{street} - {zip} {city} ({prov})|{street}, {zip} {city}|{zip} {city} ({prov})]\n"
              "[Tel.|Tel|Telefono|Segreteria]{sp}{phone}[ - Fax{sp}{fax}|  Fax {fax}|][\nE-mail: {email}|]"
              "[\nTel. reparto: {ext}|\nMedico di guardia: {ext}|]\n\n")
PATIENT = ("[Paziente|Cognome e nome|Nominativo]{sp}{ptbare}\n"
           "[Nat{o} a {city2}[ ({prov})|] il {dob}|Data di nascita{sp}{dob}|Nat{o} il {dob} a {city2}|"
           "Nat{o} in {country} il {dob}]\n"
           "[C.F.|Codice fiscale|Cod. fisc.]{sp}{cf}[   Tessera sanitaria{sp}{team}|   TEAM{sp}{team}|]\n"
           "[Residente in {street}, {city}|Residenza{sp}{street} - {zip} {city} ({prov})|]\n"
           "[Tel.{sp}{phone}\n|Recapito telefonico{sp}{phone}\n|]")


def lettera_dimissione(c: Cast) -> str:
    template = (
        opening(c.rng, LETTERHEAD + "[{city}, lì {discharged}|{city}, {discharged}|Data{sp}{discharged}]\n\n",
                lambda: _sentence(c)) +
        "[Egregio Collega|Gentile Collega|Al Medico Curante {gp}|All'attenzione del Medico Curante {gp}]\n\n"
        "[LETTERA DI DIMISSIONE|Lettera di dimissione|RELAZIONE CLINICA DI DIMISSIONE]\n\n" + PATIENT +
        "[Cartella clinica n.{sp}{cartella}|N. cartella{sp}{cartella}|Nosologico{sp}{noso}|N. nosologico{sp}{noso}]\n"
        "[Ricovero dal {admitted} al {discharged}|Data ricovero{sp}{admitted}   Data dimissione{sp}{discharged}|"
        "Ricoverat{o} dal {admitted} al {discharged} (letto {room})]\n"
        "[||||Rimborso spese di viaggio sul conto IBAN {iban}\n]\n"
        "[Si dimette in data odierna|Dimettiamo in data {discharged}|Si dimette] {il_pz} {pt}, {age}, ricoverat{o} "
        "per {finding}.\n\n[MOTIVO DEL RICOVERO|Motivo del ricovero]{sp}{dx}\n\n"
        "[ANAMNESI PATOLOGICA REMOTA|Anamnesi patologica remota|APR]\n{history}\n"
        "[Vive con {kin} a {city}.|Vive sol{o}, assistit{o} da badante.|Ospite presso {residence}.|"
        "Di professione {profession}.|Di professione {profession} presso {org}.|"
        "Ex {profession}, in pensione dal {period}.|"
        "Diagnosi di {dx_lc} nel {period}.]\n\n"
        "[ANAMNESI PATOLOGICA PROSSIMA|Anamnesi patologica prossima|APP]\n{narrative}\n\n"
        "[ESAME OBIETTIVO ALL'INGRESSO|Esame obiettivo]\n{narrative}\n\n"
        "[ESAMI EMATOCHIMICI E STRUMENTALI|Accertamenti eseguiti]\n{exam} {exam}\n\n"
        "[DECORSO CLINICO|Decorso]\n{course} {narrative} [In data {during}|Il {during}|Il giorno {during}] "
        "{course_lc}\n\n[DIAGNOSI ALLA DIMISSIONE|Diagnosi di dimissione]\n{history}\n\n"
        "[TERAPIA CONSIGLIATA A DOMICILIO|Terapia domiciliare|Terapia alla dimissione]\n{meds}\n\n"
        "[CONTROLLI|Follow-up|Si consiglia]{sp}[visita ambulatoriale il {after} {at_hospital}.|"
        "controllo con {dr} il {after}.|esami ematici di controllo tra 7 giorni presso il curante.|"
        "controllo presso l'ambulatorio di {ward} il {after} (prenotazione al {phone}).|"
        "visita presso l'ambulatorio di {city2} il {after}.]\n"
        "[Si allega copia della tessera sanitaria ({team}).\n|Esenzione per patologia - C.F. {cf}\n||]\n"
        "[Cordiali saluti|Distinti saluti|Restando a disposizione, porgiamo cordiali saluti]\n\n"
        "[Il Medico di reparto|Il Medico dimettente]\n{dr0}[ (iscr. Ordine dei Medici di {city2} n. {ordine})|]\n"
        "[Il Direttore\n{dr1}\n|]"
    )
    return template


def verbale_pronto_soccorso(c: Cast) -> str:
    template = (
        "[{hospital}\n|{hospital}\n|{hospital}\n|{opening_line}\n|]"
        "[PRONTO SOCCORSO|Pronto Soccorso e Medicina d'Urgenza|DEA - Pronto Soccorso]\n"
        "[{street} - {zip} {city}|Tel. {phone}|]\n\n"
        "[VERBALE DI PRONTO SOCCORSO|Verbale di P.S.|REFERTO DI PRONTO SOCCORSO] [n.|N°] {noso}\n"
        "[Data accesso|Accesso del|Data/ora ingresso]{sp}{admitted} [ore|h] {hour}   "
        "[Codice triage|Codice colore|Triage]{sp}{triage}\n"
        "[Modalità di arrivo{sp}[118|mezzi propri|ambulanza]\n|Inviato da{sp}{gp}\n|]\n" + PATIENT +
        "[Medico curante{sp}{gp}[ - tel. {phone}|]\n|]"
        "[Familiare di riferimento: {kin}[, tel. {phone}|].\n|]\n"
        "[ANAMNESI|Anamnesi]{sp}[{Pz} di {age}|{Pz} {enne}|{ptbare}, {age},|{Pz} {di_anni}] "
        "[giunge in PS per|si presenta per|riferisce] {finding}. {narrative}\n"
        "[Visitat{o} in data odierna {ptbare} [per|in merito a] {finding}.\n|Si visita {il_pz} {ptbare} "
        "[{at_hospital}|per {finding}].\n|||]"
        "[Patologie note{sp}{history}|APR{sp}{history}]\n[{age_form}\n|]\n"
        "[{kin_call}\n||]"
        "[ESAME OBIETTIVO|E.O.]{sp}{narrative}\n\n[ACCERTAMENTI|Esami eseguiti]{sp}{exam} {exam}\n"
        "[Consulenza {ward} ({dr}): {narrative}\n|Consulenza specialistica: {dr}.\n|]\n"
        "[DIAGNOSI|Diagnosi di PS]{sp}{dx}\n[TERAPIA IN PS|Terapia praticata]{sp}{meds}\n"
        "[ESITO|Esito]{sp}[dimess{o} a domicilio con prognosi di {n} giorni s.c.|ricoverat{o} presso {unit} {ward}|"
        "trasferit{o} presso {hospital2}|dimess{o}, affidat{o} al curante {gp}]\n"
        "[Controllo presso il curante entro {n} giorni.|Rivalutazione in PS il {after} se persistenza dei sintomi.|]\n"
        "\n[Il Medico di PS|Medico di turno|Il Medico]{sp}{dr0}\n"
    )
    return template


GENRES = ((0.55, "lettera_dimissione", lettera_dimissione), (0.45, "verbale_pronto_soccorso",
                                                             verbale_pronto_soccorso))


write_note = partial(write_genre, genres=GENRES, cast=Cast, slots=SLOTS)
"""One note: `write_note(rng, seed) -> (genre, Note)`."""
