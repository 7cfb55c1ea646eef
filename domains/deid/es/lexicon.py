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
SERVICES = ("Medicina Interna", "Cardiología", "Neumología", "Urgencias", "Cirugía General", "Urología",
            "Ginecología", "Oncología Médica", "Neurología", "Traumatología", "Nefrología", "Digestivo",
            "Hematología", "Dermatología", "Anatomía Patológica", "Radiodiagnóstico", "UCI", "Pediatría")
FINDINGS = ("dolor abdominal de {n} días de evolución", "fiebre de hasta 38,{n} ºC", "disnea de moderados esfuerzos",
            "tos productiva", "astenia y pérdida de peso de {n} kg", "hematuria macroscópica", "cefalea holocraneal",
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
             "Hospital Virgen de {devotion}")
HEALTH_CENTRES = ("Centro de Salud {city}", "Centro de Salud {saint}", "C.S. {city}", "Consultorio de {city}")
# A saint's or devotion's name is drawn: "San" / "Santa" + a Faker given name, or "Virgen de" + a place word.
DEVOTIONS = ("la Luz", "los Remedios", "la Vega", "la Montaña", "la Peña", "las Huertas", "la Sierra")
ORGANIZATIONS = ("Universidad de {city}", "Ayuntamiento de {city}", "{company}", "Colegio {saint}",
                 "Residencia de mayores {saint}", "Mutua {surname}", "Fundación {surname}")
STREET_TYPES = ("C/ ", "Calle ", "Avda. ", "Avenida ", "Plaza ", "Paseo ", "Camino ", "Ronda ", "Travesía ")
FLOORS = ("", "", "", ", 3º B", ", 1º izq.", ", bajo", ", 5º D", " 2ºA", ", portal 2, 4º C", ", 4 A", " 7E", ", 10A",
          ", 1º", ", 3º izda.", ", Esc. 2ª, 5ºC", ", bajo B", ", 2º dcha.", " 6B")
DOMAINS = ("gmail.com", "hotmail.com", "yahoo.es", "telefonica.net", "hospital.es", "hotmail.es", "correo.es",
           "mail.com", "outlook.es", "salud.es", "med.es", "clinica.com")
# Numbers that are not PHI: durations, vital signs, laboratory values, sizes, stages, doses.
DURATIONS = ("desde hace {n} años", "de {n} años de evolución", "hace {n} meses", "a los {n} días de tratamiento",
             "durante {n} semanas", "tras {n} ciclos", "en los últimos {n} años", "desde hace {n} días")
MEASURES = ("TA {a}/{b} mmHg", "FC {n}{n} lpm", "Tª 37,{n} ºC", "SatO2 9{n}%", "Hb {n}{n},{n} g/dl",
            "creatinina 1,{n} mg/dl", "PSA {n},{n} ng/ml", "lesión de {n} x {n} cm", "CA 19-9 {n}{n} U/ml",
            "Ki-67 del {n}0%", "pT2 N0 M0", "estadio III", "glucemia 1{n}{n} mg/dl", "INR {n},{n}", "PCR {n}{n} mg/l",
            "leucocitos {n}{n}.{n}00/µl", "IMC {n}{n},{n}", "{n}{n} mg cada 12 horas", "Gleason {n}+{n}",
            "{n}{n} mg/24 h", "{n}00 mg/8 horas", "plaquetas {n}{n}{n} 000", "{n}{n}00/mm3", "pH {n},{n}{n}",
            "{n}{n}.{n}00 leucocitos")
ACRONYMS = ("TC", "RMN", "ECG", "PCR", "VSG", "VIH", "VHB", "VHC", "IgG", "IgA", "EPOC", "HTA", "DM", "FA", "IAM",
            "ACV", "TEP", "TVP", "AINE", "IBP", "SNC", "LCR", "UCI", "PET", "ETE", "FEVI", "TSH", "HbA1c", "ERC", "ITU")
SENTENCES = ("Refiere {finding} {duration}.", "A la exploración: {measure}, {measure}, {measure}.",
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
