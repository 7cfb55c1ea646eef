"""Spanish clinical vocabulary for the synthesizer: what is never PHI (eponyms, drugs, services, findings) and the
shapes of institution names. Written from general Spanish clinical usage, not from any corpus."""

from __future__ import annotations

# Capitalised words that look like names or places but are clinical: eponyms, scales, signs, brand names.
EPONYMS = ("Parkinson", "Crohn", "Alzheimer", "Hodgkin", "Wilson", "Cushing", "Addison", "Graves-Basedow",
           "Hashimoto", "Down", "Barrett", "Guillain-Barré", "Babinski", "Lasègue", "Murphy", "Blumberg", "Glasgow",
           "Apgar", "Karnofsky", "Child-Pugh", "Gleason", "Breslow", "Ann Arbor", "Korotkoff", "Doppler", "Holter",
           "Swan-Ganz", "Foley", "Kocher", "Pfannenstiel", "Whipple", "Hartmann", "Roux", "Sjögren", "Raynaud",
           "Kaposi", "Wegener", "Behçet", "Meniere", "Bell", "Horner", "Brugada", "Wolff-Parkinson-White", "Lyme",
           "Chagas", "Ziehl-Neelsen", "Gram", "Papanicolaou", "Seldinger", "Trendelenburg", "Valsalva", "Romberg")
EPONYM_PHRASES = ("enfermedad de {e}", "síndrome de {e}", "signo de {e}", "escala de {e}", "maniobra de {e}",
                  "test de {e}", "sonda {e}", "tinción de {e}", "clasificación de {e}")
DRUGS = ("paracetamol", "metamizol", "omeprazol", "pantoprazol", "enoxaparina", "acenocumarol", "furosemida",
         "amoxicilina-clavulánico", "ceftriaxona", "levofloxacino", "metformina", "insulina glargina", "atorvastatina",
         "enalapril", "bisoprolol", "amlodipino", "levotiroxina", "lorazepam", "tramadol", "ibuprofeno",
         "dexametasona", "prednisona", "salbutamol", "ácido acetilsalicílico", "clopidogrel", "apixabán")
BRANDS = ("Sintrom", "Adiro", "Nolotil", "Enantyum", "Augmentine", "Seguril", "Eutirox", "Orfidal", "Trankimazin",
          "Lexatin", "Ventolin", "Clexane", "Zyloric", "Dacortin", "Emconcor", "Tardyferon")
# Hospital services: the medical specialties of Spain's MIR training system by their official names, and the usual
# shorter forms; capitalised, several words long, they are no person or place.
SERVICES = ("Medicina Interna", "Cardiología", "Neumología", "Urgencias", "Cirugía General", "Urología",
            "Ginecología", "Oncología Médica", "Neurología", "Traumatología", "Nefrología", "Digestivo",
            "Hematología", "Dermatología", "Anatomía Patológica", "Radiodiagnóstico", "UCI", "Pediatría",
            "Alergología", "Anestesiología y Reanimación", "Angiología y Cirugía Vascular", "Aparato Digestivo",
            "Cirugía Cardiovascular", "Cirugía General y del Aparato Digestivo", "Cirugía Oral y Maxilofacial",
            "Cirugía Ortopédica y Traumatología", "Cirugía Pediátrica", "Cirugía Plástica, Estética y Reparadora",
            "Cirugía Torácica", "Dermatología Médico-Quirúrgica y Venereología", "Endocrinología y Nutrición",
            "Farmacología Clínica", "Geriatría", "Hematología y Hemoterapia", "Inmunología",
            "Medicina del Trabajo", "Medicina Familiar y Comunitaria", "Medicina Física y Rehabilitación",
            "Medicina Intensiva", "Medicina Legal y Forense", "Medicina Nuclear", "Medicina Preventiva y Salud Pública",
            "Microbiología y Parasitología", "Neurocirugía", "Neurofisiología Clínica", "Obstetricia y Ginecología",
            "Oftalmología", "Oncología Radioterápica", "Otorrinolaringología", "Pediatría y sus Áreas Específicas",
            "Psiquiatría", "Psiquiatría Infantil y de la Adolescencia", "Reumatología", "Bioquímica Clínica",
            "Análisis Clínicos", "Neonatología", "Cuidados Paliativos", "Salud Mental", "Radiología Intervencionista",
            "Unidad del Dolor", "Hospital de Día", "Psicología Clínica")
SERVICE_WORDS = ("Servicio de", "Sección de", "Unidad de", "Departamento de", "Área de", "Consulta de", "Cátedra de")
# Bacteria, fungi, parasites and viruses by their Latin or usual names: capitalised words in any microbiology result.
ORGANISMS = ("Staphylococcus aureus", "Streptococcus pneumoniae", "Escherichia coli", "E. coli",
             "Klebsiella pneumoniae",
             "Pseudomonas aeruginosa", "Enterococcus faecalis", "Proteus mirabilis", "Serratia marcescens",
             "Acinetobacter baumannii", "Rickettsia conorii",
             "Coxiella burnetii", "Legionella pneumophila", "Mycobacterium tuberculosis", "Candida albicans",
             "Aspergillus fumigatus", "Cryptococcus neoformans", "Toxoplasma gondii", "Leishmania", "Giardia lamblia",
             "Helicobacter pylori", "Clostridium difficile", "Neisseria meningitidis", "Haemophilus influenzae",
             "Treponema pallidum", "Chlamydia trachomatis", "Citomegalovirus", "virus de Epstein-Barr",
             "virus Varicela-Zóster", "Parvovirus B19", "Norovirus", "Plasmodium falciparum", "Schistosoma",
             "Strongyloides stercoralis", "Trichomonas vaginalis", "Actinomyces israelii", "Nocardia")
# Laboratory and device makers, culture systems and stains named in methods sentences.
LAB_BRANDS = ("VITEK", "Abbott", "Roche", "Siemens", "Dako", "Ventana", "Olympus", "Medtronic", "Boston Scientific",
              "Zeiss", "Philips", "Beckman Coulter", "Sysmex", "Leica", "Biotronik", "Stryker")
FINDINGS = ("dolor abdominal de {n} días de evolución", "fiebre de hasta 38,{n} ºC", "disnea de moderados esfuerzos",
            "tos productiva", "disminución de la AV del ojo derecho", "pérdida de AV en el ojo izquierdo",
            "astenia y pérdida de peso de {n} kg", "hematuria macroscópica", "cefalea holocraneal",
            "dolor torácico opresivo", "edemas en miembros inferiores", "lesión cutánea pigmentada",
            "masa palpable en hipocondrio derecho", "síndrome miccional", "diarrea sin productos patológicos")
TESTS = ("La analítica mostró hemoglobina {n},{n} g/dl, leucocitos {n}.{n}00/mm3 y PCR {n} mg/l.",
         "En la TC abdominal se observa una lesión de {n} cm en el polo superior del riñón izquierdo.",
         "La radiografía de tórax no mostró alteraciones significativas.",
         "El ECG mostraba ritmo sinusal a {n}0 lpm sin alteraciones de la repolarización.",
         "La ecografía evidenció colelitiasis sin signos de colecistitis.",
         "La biopsia fue informada como carcinoma urotelial de alto grado.",
         "Se realizó RMN que descartó afectación medular.", "Hemocultivos negativos.",
         "Serologías para VHB, VHC y VIH negativas.")
COURSE = ("Se inició tratamiento con {drug} con buena respuesta clínica.",
          "Presentó buena evolución, permaneciendo afebril y hemodinámicamente estable.",
          "Se decidió intervención quirúrgica, realizándose {proc} sin complicaciones.",
          "Tras {n} días de ingreso se decide alta a domicilio.",
          "Fue valorado por el servicio de {service}, que recomendó seguimiento.",
          "Se suspendió {brand} por sangrado digestivo leve.",
          "Se descartó {eponym} ante la ausencia de criterios clínicos.")
PROCEDURES = ("nefrectomía radical laparoscópica", "colecistectomía", "resección transuretral", "apendicectomía",
              "cateterismo cardiaco", "gastroscopia", "toracocentesis diagnóstica", "artroplastia de cadera")
DIAGNOSES = ("Neumonía adquirida en la comunidad", "Insuficiencia cardiaca descompensada",
             "Carcinoma renal de células claras",
             "Pielonefritis aguda", "Colecistitis aguda litiásica", "Ictus isquémico", "EPOC agudizada",
             "Fibrilación auricular", "Diabetes mellitus tipo 2", "Hipertensión arterial", "Enfermedad de {eponym}")
KIN = (("su madre", True), ("su padre", False), ("su esposa", True), ("su marido", False), ("su hija", True),
       ("su hijo", False), ("su hermana", True), ("su hermano", False), ("su pareja", True), ("su sobrino", False))

# Institution shapes: {city} a town, {saint} a saint or devotion, {surname} a surname.
HOSPITALS = ("Hospital Universitario {city}", "Hospital General de {city}", "Hospital Clínico de {city}",
             "Complejo Hospitalario de {city}", "Hospital {saint}", "Hospital Universitario {saint}",
             "Clínica {surname}", "Hospital Comarcal de {city}", "Hospital Provincial de {city}",
             "Hospital Virgen de {devotion}",
             # named after a physician or a benefactor, in Catalan, university and monographic hospitals
             "Hospital Doctor {surname}", "Hospital Dr. {surname}", "Hospital Universitario Doctor {surname}",
             "Hospital General Universitario {first} {surname}", "Hospital {first} {surname}",
             "Hospital Universitari de {city}", "Hospital Universitari {saint}", "Clínica Universitaria de {city}",
             "Complejo Hospitalario Universitario de {city}", "Área Hospitalaria {saint}",
             "Fundación Hospital {city}", "Hospital Militar {first} {surname}", "Instituto Oncológico de {city}",
             "Instituto Oftalmológico {surname}", "Hospital Materno-Infantil de {city}",
             "Hospital Infantil {saint}", "Hospital de Cuidados Paliativos {saint}", "Policlínica {surname}",
             "Hospital Quirúrgico {surname}", "Centro Médico {surname}")
HEALTH_CENTRES = ("Centro de Salud {city}", "Centro de Salud {saint}", "C.S. {city}", "Consultorio de {city}")
# A saint's or devotion's name is drawn: "San" / "Santa" + a Faker given name, or "Virgen de" + a place word.
DEVOTIONS = ("la Luz", "los Remedios", "la Vega", "la Montaña", "la Peña", "las Huertas", "la Sierra")
ORGANIZATIONS = ("Universidad de {city}", "Ayuntamiento de {city}", "{company}", "Colegio {saint}",
                 "Residencia de mayores {saint}", "Mutua {surname}", "Fundación {surname}",
                 "Facultad de {faculty}", "Facultad de {faculty} de la Universidad de {city}",
                 "Instituto de Medicina Legal de {city}", "Instituto Anatómico Forense de {city}",
                 "Consejería de Sanidad de {city}", "{health_service}", "Gerencia de Atención Primaria de {city}",
                 "Delegación Provincial de Salud de {city}", "Instituto Nacional de la Seguridad Social",
                 "Fundación Pública {surname}", "Asociación Española contra el Cáncer", "Cruz Roja Española",
                 "Universidad Complutense", "Universidad Autónoma de {city}", "Centro de Investigación {surname}")
FACULTIES = ("Medicina", "Medicina y Odontología", "Ciencias de la Salud", "Enfermería", "Farmacia", "Veterinaria",
             "Odontología", "Psicología", "Biología", "Ciencias Médicas")
# The regional public health services of Spain, by their own names.
HEALTH_SERVICES = ("Servicio Andaluz de Salud", "Servicio Madrileño de Salud", "Servicio Gallego de Salud",
                   "Servicio Canario de la Salud", "Osakidetza", "Servicio Vasco de Salud",
                   "Servicio Murciano de Salud",
                   "Servicio Navarro de Salud", "Servicio Aragonés de Salud", "Servicio Extremeño de Salud",
                   "Servicio de Salud de Castilla-La Mancha", "Servicio Riojano de Salud", "Servicio Cántabro de Salud",
                   "Servicio de Salud del Principado de Asturias", "Servei Català de la Salut", "Ib-Salut",
                   "Gerencia Regional de Salud", "Agencia Valenciana de Salud", "Instituto Catalán de la Salud")
# What a patient or a relative does for a living, as Spanish histories write it: one or two words, lower case, the
# feminine where the person is a woman. (Faker's ISCO titles, "Operador de instalaciones de ...", taught the student
# that any run of lower-case words joined by "de"/"y" was a profession.)
PROFESSIONS = (("albañil", "albañil"), ("agricultor", "agricultora"), ("ganadero", "ganadera"),
               ("camionero", "camionera"), ("taxista", "taxista"), ("conductor de autobús", "conductora de autobús"),
               ("minero", "minera"), ("pescador", "pescadora"), ("panadero", "panadera"), ("carnicero", "carnicera"),
               ("pintor", "pintora"), ("soldador", "soldadora"), ("electricista", "electricista"),
               ("fontanero", "fontanera"), ("mecánico", "mecánica"), ("cocinero", "cocinera"), ("camarero", "camarera"),
               ("maestro", "maestra"), ("profesor", "profesora"), ("profesor de instituto", "profesora de instituto"),
               ("administrativo", "administrativa"), ("auxiliar administrativo", "auxiliar administrativa"),
               ("dependiente", "dependienta"), ("comercial", "comercial"), ("abogado", "abogada"),
               ("ingeniero", "ingeniera"), ("arquitecto", "arquitecta"), ("enfermero", "enfermera"),
               ("auxiliar de enfermería", "auxiliar de enfermería"), ("peluquero", "peluquera"),
               ("limpiador", "limpiadora"), ("empleado de banca", "empleada de banca"), ("funcionario", "funcionaria"),
               ("policía", "policía"), ("guardia civil", "guardia civil"), ("bombero", "bombera"),
               ("militar", "militar"), ("jardinero", "jardinera"), ("veterinario", "veterinaria"),
               ("farmacéutico", "farmacéutica"), ("informático", "informática"), ("periodista", "periodista"),
               ("estudiante", "estudiante"), ("cartero", "cartera"), ("repartidor", "repartidora"),
               ("trabajador de la construcción", "trabajadora del hogar"), ("operario de fábrica", "operaria textil"),
               ("vigilante de seguridad", "cuidadora de ancianos"), ("transportista", "teleoperadora"),
               ("tornero", "modista"), ("herrero", "cajera de supermercado"), ("marinero", "azafata"))
# Street types as Spanish addresses write them: in full, in the usual abbreviations (the INE's street-type codes and
# the post's), and in the co-official languages (Catalan, Galician, Basque).
STREET_TYPES = ("C/", "Calle", "Avda.", "Avenida", "Av.", "Plaza", "Pza.", "Pl.", "Paseo", "Pº", "Camino", "Cno.",
                "Ronda", "Rda.", "Travesía", "Trav.", "Carretera", "Ctra.", "Glorieta", "Gta.", "Urbanización", "Urb.",
                "Polígono", "Pol.", "Pasaje", "Pje.", "Prolongación", "Prol.", "Bulevar", "Rambla", "Vía", "Cuesta",
                "Callejón", "Barrio", "Bº", "Carrer", "C.", "Avinguda", "Avgda.", "Passeig", "Pg.", "Rúa", "Kalea",
                "Etorbidea")
# Kings, queens and popes after whom Spanish streets are named, with their ordinals.
REGNAL = ("Alfonso X el Sabio", "Alfonso XII", "Alfonso XIII", "Carlos III", "Carlos V", "Felipe II", "Felipe V",
          "Fernando el Católico", "Isabel II", "Juan Carlos I", "Jaime I", "Pedro III", "Sancho IV", "Juan XXIII",
          "Pablo VI", "Juan Pablo II", "León XIII", "Reyes Católicos", "Isabel la Católica", "Reina Sofía")

DOMAINS = ("gmail.com", "hotmail.com", "yahoo.es", "telefonica.net", "hospital.es", "hotmail.es", "correo.es",
           "mail.com", "outlook.es", "salud.es", "med.es", "clinica.com")
# Numbers that are not PHI: durations, vital signs, laboratory values, sizes, stages, doses.
DURATIONS = ("desde hace {n} años", "de {n} años de evolución", "hace {n} meses", "a los {n} días de tratamiento",
             "durante {n} semanas", "tras {n} ciclos", "en los últimos {n} años", "desde hace {n} días",
             "a los {n} meses de la intervención", "a los {n} meses del tratamiento", "{n} meses después",
             "a los {n} años del diagnóstico", "tras {n} días de ingreso", "a los {n} meses de seguimiento",
             "tras una estancia de {n} días", "{n} años antes", "al cabo de {n} meses")
# Who the patient is, by age (what the narrative calls them).
PERSON_WORDS = {"newborn": (("recién nacida", "lactante", "niña"), ("recién nacido", "lactante", "niño")),
                "child": (("niña", "escolar"), ("niño", "escolar")),
                "teen": (("adolescente", "chica"), ("adolescente", "chico")),
                "adult": (("mujer", "mujer", "señora"), ("varón", "hombre", "varón"))}
# Section headings that open a case report's narrative.
STORY_OPENERS = ("Informe clínico del paciente:", "Informe clínico:", "Caso clínico:", "Enfermedad actual:",
                 "Anamnesis:", "Motivo de consulta:", "Antecedentes y enfermedad actual:", "Descripción del caso:")
MEASURES = ("TA {a}/{b} mmHg", "FC {n}{n} lpm", "Tª 37,{n} ºC", "SatO2 9{n}%", "Hb {n}{n},{n} g/dl",
            "creatinina 1,{n} mg/dl", "PSA {n},{n} ng/ml", "lesión de {n} x {n} cm", "CA 19-9 {n}{n} U/ml",
            "Ki-67 del {n}0%", "pT2 N0 M0", "estadio III", "glucemia 1{n}{n} mg/dl", "INR {n},{n}", "PCR {n}{n} mg/l",
            "leucocitos {n}{n}.{n}00/µl", "IMC {n}{n},{n}", "{n}{n} mg cada 12 horas", "Gleason {n}+{n}",
            "{n}{n} mg/24 h", "{n}00 mg/8 horas", "plaquetas {n}{n}{n} 000", "{n}{n}00/mm3", "pH {n},{n}{n}",
            "{n}{n}.{n}00 leucocitos")
ACRONYMS = ("TC", "RMN", "ECG", "PCR", "VSG", "VIH", "VHB", "VHC", "IgG", "IgA", "EPOC", "HTA", "DM", "FA", "IAM",
            "ACV", "TEP", "TVP", "AV", "BAV", "BRDHH", "HBPM", "RTU", "TAC", "PAAF", "AINE", "IBP", "SNC", "LCR",
            "UCI", "PET", "ETE", "FEVI", "TSH", "HbA1c", "ERC", "ITU")
SENTENCES = ("Serología para {organism} negativa.", "En el hemocultivo se aisló {organism}.",
             "Se cultivó en medio {lab} sin crecimiento de {organism}.",
             "La PCR para {organism} fue positiva.", "Se descartó infección por {organism}.",
             "Agudeza visual (AV) de 0,{n} en OD y de 0,{n} en OI.", "Bloqueo AV de primer grado.",
             "AV: {n}/10 con corrección.",
             "Presentaba una AV de 0,{n} en el ojo derecho.", "La AV corregida era de 0,{n}.",
             "Serologías para {organism}, {organism} y {organism} negativas.",
             "Se diagnosticó {Dx}.", "Diagnóstico: {Dx}.",
             "Se remitió al {service_phrase} para valoración.", "Valorada en {service_phrase}, se inicia {drug}.",
             "El {service_phrase} recomendó {proc}.",
             "Refiere {finding} {duration}.", "A la exploración: {measure}, {measure}, {measure}.",
             "Analítica: {measure}, {measure} y {measure}.", "Antecedente de {dx} {duration}.",
             "Se pautó {drug} {measure}.", "No refiere hábitos tóxicos.", "Niega alergias medicamentosas conocidas.",
             "Fumador de {n}{n} paquetes/año {duration}.", "Se completa estudio con {proc}.",
             "Ante la sospecha de {eponym_phrase}, se solicita {proc}.",
             "La biopsia fue informada como {dx}.", "Se interpretó como {dx}.", "Se orientó como {finding}.",
             "Se catalogó como {dx} y se inició tratamiento con {drug}.",
             "Ingresa en la Unidad de Cuidados Intensivos.",
             "Se realizó una Tomografía Computarizada que mostró {finding}.", "Valorado por el Servicio de {service}.",
             "Se solicitó serología ({acr}) y cultivo ({acr}).", "Se descartó infección por {acr} ({acr}).",
             "En la {acr} se observó {finding}.", "Presentaba {acr} ({measure}).")
