"""Spanish genres: the hospital discharge report (informe de alta) and the clinical case report (caso clínico)
with its administrative "Datos del paciente" header. Each note is written from templates whose `{slot}`s are
filled by a cast (one patient, relatives, clinicians, a hospital) so that people and places recur; every PHI
value is recorded as a gold span when written."""

from __future__ import annotations

import random
from functools import partial

from ..genrekit import draw_stay, ident_slots, medication_lines, named, people_slots, some_lines, write_genre
from ..langkit import (age_segments, date_segments, digits, fill_fields, given_name, kin_segments, narrative,
                       phone_segments, recase, weighted)
from . import grammar as g
from . import lexicon as lx


# A patient is an adult 90% of the time.
AGES = ((0.9, (18, 97)), (0.1, (1, 17)))


class Cast:
    """The people and places of one note."""

    def __init__(self, rng: random.Random, seed: int) -> None:
        self.rng = rng
        self.fake = g.fake(seed)
        self.patient = g.person(rng, self.fake)
        self.relative = g.person(rng, self.fake)
        self.doctors = [g.person(rng, self.fake) for _ in range(3)]
        self.city, self.province = g.town(rng, self.fake), self.fake.state()
        self.hospital = self.institution(lx.HOSPITALS)
        self.service = rng.choice(lx.SERVICES)
        self.admitted, _, self.age, self.born = draw_stay(rng, None, AGES)

    def saint(self) -> str:
        f = self.fake
        return self.rng.choice((f"San {f.first_name_male()}", f"Santa {f.first_name_female()}"))

    def institution(self, shapes) -> str:
        return self.rng.choice(shapes).format(city=self.rng.choice((self.city, self.fake.city())), saint=self.saint(),
                                              surname=self.fake.last_name(), devotion=self.rng.choice(lx.DEVOTIONS),
                                              company=self.fake.company())


_FOLD = str.maketrans("áéíóúÁÉÍÓÚ", "aeiouAEIOU")


def _typed(rng: random.Random, text: str) -> str:
    """A word as typed in a hurry: accents dropped now and then, or in lower case after the first letter."""
    roll = rng.random()
    if roll < 0.25:
        return text.translate(_FOLD)
    if roll < 0.35:
        return text[:1] + text[1:].lower()
    return text


_name = named(g.NAMES)


def _date(c: Cast, when=None, family: str | None = None) -> list:
    return date_segments(c.rng, g.DATES, when, family)


def _phone(c: Cast, label: str = "PHONE") -> list:
    return phone_segments(c.rng, g.PHONES, label)


def _street(c: Cast) -> list:
    rng, f = c.rng, c.fake
    name = rng.choice((f.last_name(), f"{f.first_name()} {f.last_name()}", c.saint(), f.city(), f.last_name()))
    num = rng.choice((str(rng.randint(1, 180)), str(rng.randint(1, 60)), f"{rng.randint(1, 99)}"))
    family, value = g.STREETS.draw(rng, faker=f.street_name(), name=name, num=num, city=c.city,
                                   floor=rng.choice(lx.FLOORS))
    return [(value, "STREET", family)]


def _email(c: Cast) -> list:
    rng = c.rng
    p = rng.choice((c.patient, c.doctors[0]))
    first, last = p["first"].split()[0], p["last1"]
    user = rng.choice((f"{first}.{last}", f"{first[0]}{last}{p['last2'][:1]}", f"{last}{rng.randint(1, 99)}",
                       f"{first}_{last}", f"{first}{last}{p['last2']}", f"{last[:4]}{rng.choice(('doc', 'med', ''))}",
                       f"{first[0]}.{last}"))
    domain = rng.choice(lx.DOMAINS) if rng.random() < 0.7 else (
        f"{c.fake.last_name()}.{rng.choice(('es', 'com', 'net', 'org', 'com.ar', 'cat', 'eus'))}")
    fold = str.maketrans("áéíóúüñÁÉÍÓÚÜÑ", "aeiouunAEIOUUN")
    return [(f"{user}@{domain}".lower().translate(fold).replace(" ", ""), "EMAIL", None)]


def _clinical(c: Cast, kind: str) -> str:
    rng = c.rng
    n = str(rng.randint(2, 9))
    eponym = rng.choice(lx.EPONYMS)
    pick = {"finding": lx.FINDINGS, "test": lx.TESTS, "course": lx.COURSE, "dx": lx.DIAGNOSES}[kind]
    return rng.choice(pick).format(n=n, drug=rng.choice(lx.DRUGS), brand=rng.choice(lx.BRANDS), eponym=eponym,
                                   proc=rng.choice(lx.PROCEDURES), service=rng.choice(lx.SERVICES),
                                   e=eponym)


def _sentence(c: Cast) -> str:
    """One PHI-free sentence: numbers that are not ages or dates, durations, eponyms, drugs."""
    rng = c.rng

    def n() -> str:
        return str(rng.randint(1, 9))

    fields = {"duration": lambda: rng.choice(lx.DURATIONS).format(n=rng.randint(2, 30)),
              "measure": lambda: rng.choice(lx.MEASURES).format(n=n(), a=rng.randint(95, 190), b=rng.randint(50, 110)),
              "finding": lambda: _clinical(c, "finding"), "dx": lambda: _clinical(c, "dx").lower(),
              "drug": lambda: rng.choice(lx.DRUGS + lx.BRANDS), "n": n, "proc": lambda: rng.choice(lx.PROCEDURES),
              "service": lambda: rng.choice(lx.SERVICES), "acr": lambda: rng.choice(lx.ACRONYMS),
              "eponym_phrase": lambda: rng.choice(lx.EPONYM_PHRASES).format(e=rng.choice(lx.EPONYMS))}
    return fill_fields(rng.choice(lx.SENTENCES), fields)


def _narrative(c: Cast) -> str:
    """A few PHI-free sentences: our clinical ones, the translation domain's, now and then running prose."""
    return narrative("es", c.rng, c.fake, lambda: _sentence(c))


DOSES = ("1 comp", "500 mg", "20 mg", "1 g", "40 mg sc")
TIMES = ("cada 8 horas", "cada 24 h", "en desayuno", "1-0-1", "0-0-1", "si dolor")


SLOTS = {
    **people_slots(_name, g.TITLES_PATIENT, g.TITLES_DOCTOR, 0.4, 0.85),
    "ptfirst": lambda c: [(c.patient["first"], "PATIENT", "first")],
    "ptsurnames": lambda c: [(recase(c.rng, f"{c.patient['last1']} {c.patient['last2']}", 0.1, 0), "PATIENT",
                              "surnames")],
    "kin": lambda c: kin_segments(c.rng, lx.KIN, given_name(c.fake), family="first"),
    "date": lambda c: _date(c),
    "admitted": lambda c: _date(c, c.admitted),
    "dob": lambda c: _date(c, c.born, c.rng.choice(("dmy_slash", "dmy_slash", "long", "dmy_dash",
                                                    "dmy_slash_unpadded"))),
    "age": lambda c: age_segments(c.rng, g.AGES, c.age),
    "phone": _phone, "fax": lambda c: _phone(c, "FAX"), "email": _email,
    "street": _street,
    "city": lambda c: [(c.city, "CITY", None)],
    "city2": lambda c: [(g.town(c.rng, c.fake), "CITY", None)],
    "sp": lambda c: weighted(c.rng, [(0.7, " "), (0.15, ""), (0.15, "  ")]),
    "age2": lambda c: [(f"{max(1, c.age - c.rng.randint(1, max(1, c.age - 1)))} años", "AGE", "history")],
    "province": lambda c: [(c.province, "STATE", None)],
    "cp": lambda c: [(c.fake.postcode(), "ZIP", None)],
    "country": lambda c: [(c.rng.choice(("España", "España", "ESPAÑA", c.fake.country())), "COUNTRY", None)],
    "hospital": lambda c: [(c.hospital, "HOSPITAL", None)],
    "centre": lambda c: [(c.institution(lx.HEALTH_CENTRES), "HOSPITAL", None)],
    "org": lambda c: [(c.institution(lx.ORGANIZATIONS), "ORGANIZATION", None)],
    # as Faker writes them (capitalised): lower-case professions taught the student that any lower-case noun
    # phrase is one (on the MEDDOCAN dev texts, n=2000 seed 0: 357 false professions, none found)
    "profession": lambda c: [(c.fake.job(), "PROFESSION", None)],
    **ident_slots(g.IDS, {"nhc": "nhc", "nass": "nass", "dni": "dni", "nie": "nie", "col": "colegiado", "tis": "tis",
                          "episode": "episodio", "iban": "iban"}),
    "sex": lambda c: c.rng.choice(("M", "Mujer", "F")) if c.patient["female"] else c.rng.choice(("H", "Varón", "V")),
    "person": lambda c: c.rng.choice(("mujer", "paciente")) if c.patient["female"] else c.rng.choice(("varón",
                                                                                                        "hombre")),
    "Person": lambda c: "Mujer" if c.patient["female"] else c.rng.choice(("Varón", "Hombre")),
    "un": lambda c: "una" if c.patient["female"] else "un",
    "service": lambda c: _typed(c.rng, c.service),
    "finding": lambda c: _clinical(c, "finding"), "test": lambda c: _clinical(c, "test"),
    "course": lambda c: _clinical(c, "course"), "dx": lambda c: _clinical(c, "dx"),
    "meds": lambda c: medication_lines(c.rng, lx.DRUGS + lx.BRANDS, DOSES, TIMES),
    "narrative": _narrative,
    "room": lambda c: f"{c.rng.randint(1, 9)}{digits(c.rng, 2)}",
}

HEADER_FIELDS = (
    "[Nombre|NOMBRE|Nombre del paciente]:{sp}{ptfirst}.\n[Apellidos|APELLIDOS]:{sp}{ptsurnames}.\n",
    "[NHC|Nº Historia clínica|N.º de historia|Historia clínica]:{sp}{nhc}.\n",
    "[NASS|Nº SS|Nº Seguridad Social|Nº de afiliación]:{sp}{nass}.\n",
    "[DNI|D.N.I.|NIF]:{sp}{dni}.\n",
    "[Domicilio|Dirección]:{sp}{street}.\n[Localidad/ Provincia|Localidad|Municipio]:{sp}{city}[, {province}|].\n",
    "[CP|C.P.|Código postal]:{sp}{cp}.\n",
)
CARE_FIELDS = (
    "[Fecha de nacimiento|F. nacimiento|Fecha nac.]:{sp}{dob}.\n",
    "[País|País de nacimiento|Nacionalidad]:{sp}{country}.\n",
    "Edad:{sp}{age} [Sexo|sexo]:{sp}{sex}.\n",
    "[Fecha de Ingreso|Fecha de ingreso|Ingreso]:{sp}{admitted}.\n",
    "[Episodio|Nº episodio|Episodio asistencial]:{sp}{episode}.\n",
    "[Servicio|Unidad]:{sp}{service}.\n",
    "[Médico|Médico responsable|Facultativo]:{sp}{drbare}{sp} [NºCol|Nº Col.|Nº de colegiado]:{sp}{col}.\n",
)


def caso_clinico(c: Cast) -> str:
    rng = c.rng
    head = some_lines(rng, HEADER_FIELDS)
    care = some_lines(rng, CARE_FIELDS)
    story = [
        "[Paciente|Se presenta el caso de {un}|Describimos el caso de {un}] {person} de {age} que acude a "
        "[Urgencias|consulta|nuestro centro] por {finding}. ",
        "[Como antecedentes refiere|Antecedentes:] {dx}[ diagnosticada en {date}|]. ",
        "{test} {narrative} ", "{course} ",
        "[{narrative} |]",
        "[Vive con {kin}.|Trabaja como {profession}.|Natural de {city2}, reside en {city}.|||] ",
        "[A los {age2} [fue diagnosticado de|ingresó por|presentó] {dx}. |||]",
        "[El {date} se realizó|Con fecha {date} se practicó] {test} ",
        "[Tras el alta, sigue controles en {centre}.|Actualmente en seguimiento por {dr} en {hospital}.|"
        "El paciente fue dado de alta el {date}.] ",
    ]
    template = ("[Datos del paciente.|DATOS DEL PACIENTE|Datos del paciente:]\n" + head +
                "[Datos asistenciales.|DATOS ASISTENCIALES]\n" + care +
                "[Informe clínico del paciente:|Informe clínico:|Caso clínico:] " + "".join(story) + "\n" +
                "[Remitido por:|Autor para correspondencia:|Remitido por|Responsable:] {dr}. [Servicio de {service}. |]"
                "{hospital}. [{street}. {cp} {city}. {country}.|{city}, {country}.|{street}. {city}.|"
                "{street} {cp} {city} "
                "({country}).]"
                "[ Correo electrónico:{sp}{email}| Email: {email}| E-mail:{sp}{email}|\n{email}| Tel. {phone}|]\n")
    return template


def informe_alta(c: Cast) -> str:
    return (
        "{hospital}\n[Servicio de {service}|SERVICIO DE {service}|Unidad de {service}]\n"
        "[{street}, {cp} {city}|{street} - {cp} {city} ({province})|{city}]. [Tel.|Teléfono|Tfno.] {phone}"
        "[ - Fax {fax}|]\n\n[INFORME DE ALTA|Informe de alta hospitalaria|INFORME CLÍNICO DE ALTA]\n\n"
        "[Paciente|Nombre]: {ptbare}   [NHC|Nº Historia]: {nhc}[   Nº episodio: {episode}|]\n"
        "[Fecha de nacimiento|F. Nac.]: {dob}   Edad: {age}[   Sexo: {sex}|]\n"
        "[DNI: {dni}   |NIE: {nie}   |][CIP|Tarjeta sanitaria|Nº SS]: [{tis}|{nass}]\n"
        "[Fecha de ingreso|Ingreso]: {admitted}   [Fecha de alta|Alta]: {date}   [Habitación|Cama] {room}\n"
        "[|||Reintegro de gastos a la cuenta {iban}\n|IBAN del titular: {iban}\n]"
        "Médico responsable: {dr}\n\n"
        "MOTIVO DE INGRESO\n{Person} de {age} que ingresa por {finding}.\n\n"
        "ANTECEDENTES PERSONALES\n{dx}. {dx}. [Intervenido de {dx} en {hospital} ({date}).|Sin alergias conocidas.]"
        " [Vive con {kin}, que es su cuidadora principal.|Jubilado, previamente {profession}.|Trabaja como "
        "{profession} en {org}.|]\n\n"
        "ENFERMEDAD ACTUAL\n[Paciente|{pt},] de {age} que [consulta|acude] por {finding}. {narrative} {course}\n\n"
        "EXPLORACIÓN FÍSICA\n{narrative}\n\n"
        "PRUEBAS COMPLEMENTARIAS\n{test} {test}\n\nEVOLUCIÓN\n{course} [El día {date}|El {date}|Con fecha {date}] "
        "{course}\n\nDIAGNÓSTICO PRINCIPAL\n{dx}\n\nTRATAMIENTO AL ALTA\n{meds}\n\n"
        "RECOMENDACIONES\n[Control en consultas externas de {service} el {date}.|Control por su médico de atención "
        "primaria en {centre}.|Revisión con {dr} en [{date}|{date}].] [Ante cualquier duda, llamar al {phone}.|]\n\n"
        "[Fdo.|Firmado:|Atentamente,] {dr}[, Nº Col. {col}|]\n[{city}, {date}|{city}, a {date}|]\n"
    )


GENRES = ((0.5, "caso_clinico", caso_clinico), (0.5, "informe_alta", informe_alta))


write_note = partial(write_genre, genres=GENRES, cast=Cast, slots=SLOTS)
"""One note: `write_note(rng, seed) -> (genre, Note)`."""
