"""Spanish genres: the hospital discharge report (informe de alta) and the clinical case report (caso clínico)
with its administrative "Datos del paciente" header. Each note is written from templates whose `{slot}`s are
filled by a cast (one patient, relatives, clinicians, a hospital) so that people and places recur; every PHI
value is recorded as a gold span when written."""

from __future__ import annotations

import random

from ..langkit import (Note, date_segments, digits, fill, fill_fields, name_segments, narrative, phone_segments,
                       random_date, recase, weighted)
from . import grammar as g
from . import lexicon as lx


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
        self.admitted = random_date(rng, 2005, 2025)
        self.age = weighted(rng, [(0.9, rng.randint(18, 97)), (0.1, rng.randint(1, 17))])
        self.born = random_date(rng, self.admitted.year - self.age - 1, self.admitted.year - self.age - 1)
        self.stage = "child" if self.age < 12 else ("teen" if self.age < 18 else "adult")
        if self.age < 3 and rng.random() < 0.5:
            self.stage = "newborn"

    def saint(self) -> str:
        f = self.fake
        return self.rng.choice((f"San {f.first_name_male()}", f"Santa {f.first_name_female()}"))

    def institution(self, shapes) -> str:
        return self.rng.choice(shapes).format(city=self.rng.choice((self.city, self.fake.city())), saint=self.saint(),
                                              surname=self.fake.last_name(), devotion=self.rng.choice(lx.DEVOTIONS),
                                              company=self.fake.company(), faculty=self.rng.choice(lx.FACULTIES),
                                              first=self.fake.first_name(),
                                              health_service=self.rng.choice(lx.HEALTH_SERVICES))


_FOLD = str.maketrans("áéíóúÁÉÍÓÚ", "aeiouAEIOU")
_MINOR = {"de", "del", "la", "las", "el", "los", "y", "e", "en", "con", "sin", "por", "a", "tipo"}


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def _title_case(text: str) -> str:
    """A diagnosis as headings and conclusions write it: every word capitalised but the particles ("Carcinoma de
    Células Claras")."""
    return " ".join(w if w.lower() in _MINOR and i else _upper_first(w) for i, w in enumerate(text.split()))


def _typed(rng: random.Random, text: str) -> str:
    """A word as typed in a hurry: accents dropped now and then, or in lower case after the first letter."""
    roll = rng.random()
    if roll < 0.25:
        return text.translate(_FOLD)
    if roll < 0.35:
        return text[:1] + text[1:].lower()
    return text


def _name(c: Cast, who: dict, label: str, titles: dict | None, p_title: float) -> list:
    return name_segments(c.rng, g.NAMES, who, label, titles, p_title)


def _date(c: Cast, when=None, family: str | None = None) -> list:
    return date_segments(c.rng, g.DATES, when, family)


def _phone(c: Cast, label: str = "PHONE") -> list:
    return phone_segments(c.rng, g.PHONES, label)


# What follows an age in running text and is not part of it.
AGE_TAILS = ((6, ""), (3, " de edad"), (1, " de vida"))


def _age(c: Cast, tail: bool = False) -> list:
    fam, value = g.AGES.draw(c.rng, n=c.age)
    after = weighted(c.rng, AGE_TAILS) if tail and fam not in ("bare", "a", "anos_upper") else ""
    if after == " de vida" and fam not in ("meses", "words_meses", "dias", "mes_y_medio"):
        after = " de edad"
    return [(value, "AGE", fam), (after, None, None)]


def _profession(c: Cast) -> list:
    male, female = c.rng.choice(lx.PROFESSIONS)
    return [(female if c.patient["female"] else male, "PROFESSION", None)]


def _kin(c: Cast) -> list:
    word, female = c.rng.choice(lx.KIN)
    first = c.fake.first_name_female() if female else c.fake.first_name_male()
    return [(word + " ", None, None), (first, "PATIENT", "first")]


def _ident(c: Cast, key: str) -> list:
    make, label = g.IDS[key]
    return [(make(c.rng), label, key)]


def _floor(rng: random.Random) -> str:
    """Floor and door after the street number, as Spanish addresses write them: "3º B", "2ºA", "4 D", "1º izq.",
    "5-C", "bajo", "portal 2, 4º C" (or nothing: a house)."""
    n, door = rng.randint(1, 12), rng.choice("ABCDEFGH")
    side = rng.choice(("izq.", "izda.", "dcha.", "dcho.", "izquierda", "derecha", "centro"))
    floor = weighted(rng, [(4, f"{n}º {door}"), (3, f"{n}º{door}"), (3, f"{n} {door}"), (3, f"{n}{door}"),
                           (2, f"{n}º {side}"), (1, f"{n}-{door}"), (1, f"{n}ª"), (1, f"{n}º"), (1, f"bajo {door}"),
                           (1, "bajo"), (1, f"{n}, {door}"), (1, f"{n}, puerta {rng.randint(1, 20)}")])
    if rng.random() < 0.1:
        floor = rng.choice((f"portal {rng.randint(1, 6)}, ", f"Esc. {rng.choice('12AB')}, ", f"bloque {n}, ")) + floor
    return weighted(rng, [(5, ""), (6, ", " + floor), (2, " " + floor), (1, " - " + floor)])


def _street(c: Cast) -> list:
    rng, f = c.rng, c.fake
    name = rng.choice((f.last_name(), f"{f.first_name()} {f.last_name()}", c.saint(), f.city(), f.last_name()))
    num = rng.choice((str(rng.randint(1, 180)), str(rng.randint(1, 60)), f"{rng.randint(1, 99)}"))
    family, value = g.STREETS.draw(rng, faker=f.street_name(), name=name, num=num, city=c.city,
                                   floor=_floor(rng))
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
              "Dx": lambda: _title_case(_clinical(c, "dx")),
              "drug": lambda: rng.choice(lx.DRUGS + lx.BRANDS), "n": n, "proc": lambda: rng.choice(lx.PROCEDURES),
              "service": lambda: rng.choice(lx.SERVICES), "acr": lambda: rng.choice(lx.ACRONYMS),
              "eponym_phrase": lambda: rng.choice(lx.EPONYM_PHRASES).format(e=rng.choice(lx.EPONYMS)),
              "organism": lambda: rng.choice(lx.ORGANISMS), "lab": lambda: rng.choice(lx.LAB_BRANDS),
              "service_phrase": lambda: f"{rng.choice(lx.SERVICE_WORDS)} {rng.choice(lx.SERVICES)}"}
    return fill_fields(rng.choice(lx.SENTENCES), fields)


def _narrative(c: Cast) -> str:
    """A few PHI-free sentences: our clinical ones, the translation domain's, now and then running prose."""
    return narrative("es", c.rng, c.fake, lambda: _sentence(c))


def _meds(c: Cast) -> str:
    rng = c.rng
    lines = []
    for _ in range(rng.randint(2, 5)):
        drug = rng.choice(lx.DRUGS + lx.BRANDS)
        lines.append(f"- {drug} {rng.choice(('1 comp', '500 mg', '20 mg', '1 g', '40 mg sc'))} "
                     f"{rng.choice(('cada 8 horas', 'cada 24 h', 'en desayuno', '1-0-1', '0-0-1', 'si dolor'))}")
    return "\n".join(lines)


SLOTS = {
    "pt": lambda c: _name(c, c.patient, "PATIENT", g.TITLES_PATIENT, 0.4),
    "ptbare": lambda c: _name(c, c.patient, "PATIENT", None, 0),
    "ptfirst": lambda c: [(c.patient["first"], "PATIENT", "first")],
    "ptsurnames": lambda c: [(recase(c.rng, f"{c.patient['last1']} {c.patient['last2']}", 0.1, 0), "PATIENT",
                              "surnames")],
    "dr": lambda c: _name(c, c.rng.choice(c.doctors), "DOCTOR", g.TITLES_DOCTOR, 0.85),
    "drbare": lambda c: _name(c, c.doctors[0], "DOCTOR", None, 0),
    "kin": _kin,
    "date": lambda c: _date(c),
    "admitted": lambda c: _date(c, c.admitted),
    "dob": lambda c: _date(c, c.born, c.rng.choice(("dmy_slash", "dmy_slash", "long", "dmy_dash",
                                                    "dmy_slash_unpadded"))),
    "age": _age, "agex": lambda c: _age(c, tail=True),
    "phone": _phone, "fax": lambda c: _phone(c, "FAX"), "email": _email,
    "street": _street,
    "city": lambda c: [(c.city, "CITY", None)],
    "city2": lambda c: [(g.town(c.rng, c.fake), "CITY", None)],
    "sp": lambda c: weighted(c.rng, [(0.7, " "), (0.15, ""), (0.15, "  ")]),
    "age2": lambda c: [(f"{max(1, c.age - c.rng.randint(1, max(1, c.age - 1)))} años", "AGE", "history")],
    "province": lambda c: [(c.province, "STATE", None)],
    # a postal code, "E-" before it in letters that may travel abroad
    "cp": lambda c: [(weighted(c.rng, [(9, ""), (1, "E-")]) + c.fake.postcode(), "ZIP", None)],
    "country": lambda c: [(c.rng.choice(("España", "España", "ESPAÑA", c.fake.country())), "COUNTRY", None)],
    "hospital": lambda c: [(c.hospital, "HOSPITAL", None)],
    "centre": lambda c: [(c.institution(lx.HEALTH_CENTRES), "HOSPITAL", None)],
    "org": lambda c: [(c.institution(lx.ORGANIZATIONS), "ORGANIZATION", None)],
    # short, lower case, after a cue ("trabaja como", "de profesión"): see lexicon.PROFESSIONS
    "profession": _profession,
    "Profession": lambda c: [(text[:1].upper() + text[1:], label, fam) for text, label, fam in _profession(c)],
    "years": lambda c: str(c.rng.randint(2, 40)),
    "nhc": lambda c: _ident(c, "nhc"), "nass": lambda c: _ident(c, "nass"), "dni": lambda c: _ident(c, "dni"),
    "nie": lambda c: _ident(c, "nie"), "col": lambda c: _ident(c, "colegiado"), "tis": lambda c: _ident(c, "tis"),
    "episode": lambda c: _ident(c, "episodio"), "iban": lambda c: _ident(c, "iban"),
    "sex": lambda c: c.rng.choice(("M", "Mujer", "F")) if c.patient["female"] else c.rng.choice(("H", "Varón", "V")),
    "person": lambda c: c.rng.choice(lx.PERSON_WORDS[c.stage][0 if c.patient["female"] else 1]),
    "Person": lambda c: _upper_first(c.rng.choice(lx.PERSON_WORDS[c.stage][0 if c.patient["female"] else 1])),
    "opener": lambda c: c.rng.choice(lx.STORY_OPENERS),
    "un": lambda c: "una" if c.patient["female"] else "un",
    "o": lambda c: "a" if c.patient["female"] else "o",
    "service": lambda c: _typed(c.rng, c.service),
    "finding": lambda c: _clinical(c, "finding"), "test": lambda c: _clinical(c, "test"),
    "course": lambda c: _clinical(c, "course"), "dx": lambda c: _clinical(c, "dx"), "meds": _meds,
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
    head = [f for f in HEADER_FIELDS if rng.random() < 0.85]
    care = [f for f in CARE_FIELDS if rng.random() < 0.85]
    story = [
        "[[Paciente|Se presenta el caso de {un}|Describimos el caso de {un}] {person}|{Person}|{Person}] de {agex}"
        "[ que acude a [Urgencias|consulta|nuestro centro] por {finding}.| con antecedentes de {dx}, que consulta por "
        "{finding}.|, sin antecedentes de interés, que consulta por {finding}.| sin antecedentes de interés que "
        "consulta por {finding}.| remitid{o} a [Urgencias|consulta] por "
        "{finding}.| diagnosticad{o} de {dx} en {date}.| que ingresa por {finding}.|. Acude por {finding}.] ",
        "[Como antecedentes refiere|Antecedentes:] {dx}[ diagnosticada en {date}|]. ",
        "{test} {narrative} ", "{course} ",
        "[{narrative} |]",
        "[Vive con {kin}.|Trabaja como {profession}.|De profesión {profession}.|Natural de {city2}, reside en "
        "{city}.|||] ",
        "[[A los|Desde los|Hasta los|A la edad de] {age2}[,|] [fue diagnosticad{o} de|ingresó por|presentó] {dx}. |]",
        "[El {date} se realizó|Con fecha {date} se practicó] {test} ",
        "[Tras el alta, sigue controles en {centre}.|Actualmente en seguimiento por {dr} en {hospital}.|"
        "El paciente fue dado de alta el {date}.] ",
    ]
    template = ("[Datos del paciente.|DATOS DEL PACIENTE|Datos del paciente:]\n" + "".join(head) +
                "[Datos asistenciales.|DATOS ASISTENCIALES]\n" + "".join(care) +
                "{opener} " + "".join(story) + "\n" +
                "[Remitido por:|Autor para correspondencia:|Remitido por|Responsable:] {dr}. [Servicio de {service}. |]"
                "[{org}. |]{hospital}[. |. |. | |, ]"
                "[{street}. {cp} {city}. {country}.|{city}, {country}.|{street}. {city}.|"
                "{street} {cp} {city} "
                "({country}).|{street}, {cp}, {city}, {province}.|{street} {cp} {city} {province}|"
                "{street} - {cp} {city} ({province})|{street}, {city} {cp}, {country}]"
                "[ Correo electrónico:{sp}{email}| Email: {email}| E-mail:{sp}{email}|\n{email}| {email}| ({email})|"
                " Tel. {phone}|]\n")
    return fill(Note(), template, SLOTS, c, rng)


def informe_alta(c: Cast):
    template = (
        "{hospital}\n[Servicio de {service}|SERVICIO DE {service}|Unidad de {service}]\n"
        "[{street}, {cp} {city}|{street} - {cp} {city} ({province})|{city}]. [Tel.|Teléfono|Tfno.] {phone}"
        "[ - Fax {fax}|]\n\n[INFORME DE ALTA|Informe de alta hospitalaria|INFORME CLÍNICO DE ALTA]\n\n"
        "[Paciente|Nombre]: {ptbare}   [NHC|Nº Historia]: {nhc}[   Nº episodio: {episode}|]\n"
        "[Fecha de nacimiento|F. Nac.]: {dob}   Edad: {age}[   Sexo: {sex}|]\n"
        "[DNI: {dni}   |NIE: {nie}   |][CIP|Tarjeta sanitaria|Nº SS]: [{tis}|{nass}]\n"
        "[Fecha de ingreso|Ingreso]: {admitted}   [Fecha de alta|Alta]: {date}   [Habitación|Cama] {room}\n"
        "[|||Reintegro de gastos a la cuenta {iban}\n|IBAN del titular: {iban}\n]"
        "Médico responsable: {dr}\n\n"
        "MOTIVO DE INGRESO\n{Person} de {agex}[ que ingresa por| con antecedentes de {dx}, que ingresa por|, "
        "ingresa por| remitid{o} desde Urgencias por] {finding}.\n\n"
        "ANTECEDENTES PERSONALES\n[{dx} desde los {age2}. |Intervenid{o} a los {age2} de {dx}. ||]{dx}. {dx}. "
        "[Intervenido de {dx} en {hospital} ({date}).|Sin alergias conocidas.]"
        " [Vive con {kin}, que es su cuidadora principal.|Jubilado, previamente {profession}.|Trabaja como "
        "{profession} en {org}.|Trabajó como {profession} durante {years} años.|{Profession} de profesión.|]\n\n"
        "ENFERMEDAD ACTUAL\n[Paciente|{pt},] de {agex} que [consulta|acude] por {finding}. {narrative} {course}\n\n"
        "EXPLORACIÓN FÍSICA\n{narrative}\n\n"
        "PRUEBAS COMPLEMENTARIAS\n{test} {test}\n\nEVOLUCIÓN\n{course} [El día {date}|El {date}|Con fecha {date}] "
        "{course}\n\nDIAGNÓSTICO PRINCIPAL\n{dx}\n\nTRATAMIENTO AL ALTA\n{meds}\n\n"
        "RECOMENDACIONES\n[Control en consultas externas de {service} el {date}.|Control por su médico de atención "
        "primaria en {centre}.|Revisión con {dr} en [{date}|{date}].] [Ante cualquier duda, llamar al {phone}.|]\n\n"
        "[Fdo.|Firmado:|Atentamente,] {dr}[, Nº Col. {col}|]\n[{city}, {date}|{city}, a {date}|]\n"
    )
    return fill(Note(), template, SLOTS, c, c.rng)


GENRES = ((0.5, "caso_clinico", caso_clinico), (0.5, "informe_alta", informe_alta))


def write_note(rng: random.Random, seed: int):
    """One note: (genre, Note)."""
    genre, writer = weighted(rng, [(w, (name, fn)) for w, name, fn in GENRES])
    return genre, writer(Cast(rng, seed))
