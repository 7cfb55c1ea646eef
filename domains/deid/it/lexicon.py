"""Italian clinical vocabulary for the synthesizer: what is never PHI (eponyms, drugs and their brand names, wards,
abbreviations, findings) and the shapes of institution names. Written from general Italian clinical usage, not from
any corpus."""

from __future__ import annotations

# Capitalised words that look like names or places but are clinical: eponyms of diseases, of signs, scores and
# classifications, and of devices, manoeuvres and stains.
DISEASE_EPONYMS = ("Parkinson", "Alzheimer", "Crohn", "Basedow", "Hashimoto", "Horton", "Raynaud", "Sjögren",
                   "Guillain-Barré", "Kaposi", "Wolff-Parkinson-White", "Dupuytren", "Barrett", "Hodgkin", "Cushing",
                   "Addison", "Wilson", "Lyme", "Ménière", "Brugada", "Paget", "Still", "Kawasaki", "Cooley",
                   "Buerger", "Waldenström", "Conn", "Graves", "Berger", "Wernicke")
SIGN_EPONYMS = ("Babinski", "Lasègue", "Murphy", "Blumberg", "Giordano", "Romberg", "Homans", "Mingazzini", "Kernig",
                "Brudzinski", "Rovsing", "Chvostek", "Trousseau", "Wassermann")
SCORES = ("Glasgow", "Apgar", "Gleason", "Child-Pugh", "Karnofsky", "Killip", "Fontaine", "Breslow", "Wells",
          "CHA2DS2-VASc", "HAS-BLED", "Braden", "Barthel", "Norton", "Conley", "Rankin", "NIHSS")
TOOLS = ("Doppler", "Holter", "Swan-Ganz", "Foley", "Pfannenstiel", "Whipple", "Hartmann", "Trendelenburg",
         "Valsalva", "Seldinger", "Ziehl-Neelsen", "Gram", "Cockcroft-Gault", "Venturi")
EPONYMS = DISEASE_EPONYMS + SIGN_EPONYMS + SCORES + TOOLS
# What a suspicion can be of: a disease named after someone.
EPONYM_PHRASES = ("morbo di {d}", "malattia di {d}", "sindrome di {d}")
DRUGS = ("paracetamolo", "amoxicillina/acido clavulanico", "ceftriaxone", "furosemide", "bisoprololo", "ramipril",
         "amlodipina", "metformina", "enoxaparina", "apixaban", "rivaroxaban", "atorvastatina", "levotiroxina",
         "pantoprazolo", "omeprazolo", "prednisone", "metilprednisolone", "morfina", "tramadolo",
         "insulina glargine", "acido acetilsalicilico", "clopidogrel", "spironolattone", "allopurinolo",
         "salbutamolo", "lorazepam", "warfarin", "piperacillina/tazobactam", "levofloxacina", "lattulosio")
# Brand names: capitalised like surnames, never PHI.
BRANDS = ("Tachipirina", "Cardioaspirina", "Augmentin", "Rocefin", "Lasix", "Coumadin", "Eliquis", "Xarelto",
          "Clexane", "Pantorc", "Lansox", "Congescor", "Triatec", "Norvasc", "Eutirox", "Deltacortene", "Medrol",
          "Lobivon", "Torvast", "Tavor", "Xanax", "Zyloprim", "Aldactone", "Ventolin", "Lantus", "Humalog",
          "Plavix", "Oki", "Brufen", "Aulin", "Contramal", "Laevolac", "Tavanic", "Moment", "Bentelan")
WARDS = ("Medicina Interna", "Cardiologia", "Pneumologia", "Gastroenterologia", "Chirurgia Generale", "Urologia",
         "Neurologia", "Geriatria", "Nefrologia", "Ematologia", "Oncologia Medica", "Ortopedia e Traumatologia",
         "Medicina d'Urgenza", "Malattie Infettive", "Endocrinologia", "Reumatologia", "Terapia Intensiva",
         "Lungodegenza", "Chirurgia Vascolare")
UNIT_KINDS = ("U.O.C. di", "U.O. di", "S.C. di", "Unità Operativa di", "Struttura Complessa di", "Reparto di",
              "U.O.S.D. di")
DIAGNOSES = ("Polmonite acquisita in comunità", "Scompenso cardiaco acuto", "Fibrillazione atriale ad alta risposta",
             "Embolia polmonare", "Pielonefrite acuta", "Colecistite acuta litiasica", "Ictus ischemico",
             "BPCO riacutizzata", "Diabete mellito tipo 2 scompensato", "Ipertensione arteriosa",
             "Insufficienza renale acuta", "Sindrome coronarica acuta NSTEMI", "Morbo di {disease}",
             "Trauma cranico minore", "Anemia sideropenica", "Iponatriemia", "Sepsi da infezione urinaria",
             "Frattura del collo del femore", "Occlusione intestinale", "Cirrosi epatica in fase di scompenso")
FINDINGS = ("dispnea ingravescente da {n} giorni", "dolore toracico oppressivo", "febbre fino a 39 °C con brividi",
            "edemi declivi agli arti inferiori", "caduta accidentale a domicilio", "dolore in ipocondrio destro",
            "stato confusionale acuto", "calo ponderale di {n} kg", "episodi lipotimici ripetuti",
            "ematuria macroscopica", "astenia marcata", "dolore addominale diffuso", "melena da {n} giorni")
EXAMS = ("Agli esami ematochimici PCR {n}{n} mg/l, GB {n}{n}.{n}00/mm³, Hb {n}{n},{n} g/dl.",
         "ECG: ritmo sinusale, FC {n}0 bpm, non alterazioni della ripolarizzazione.",
         "RX torace: addensamento parenchimale basale destro.",
         "Ecografia addome: colecisti litiasica con pareti ispessite.",
         "Ecocardiogramma: FE {n}0%, non versamento pericardico.", "TC encefalo senza mdc: negativa per lesioni "
         "emorragiche.", "Emocolture negative.", "Urinocoltura positiva per E. coli.",
         "Segno di {sign} negativo.", "Holter ECG: non aritmie significative.",
         "EGDS: gastrite cronica, non lesioni sanguinanti.")
COURSE = ("Il decorso clinico è stato regolare.", "Si è impostata terapia con {drug} con progressivo miglioramento.",
          "È stata eseguita {proc} senza complicanze.", "Si è sospeso {brand} per episodio di sanguinamento.",
          "Dopo {n} giorni di degenza si dispone la dimissione a domicilio.",
          "È stata richiesta consulenza specialistica ({ward}), che consiglia controllo ambulatoriale.",
          "È stato escluso un morbo di {disease}.", "Il paziente si è mantenuto apiretico ed emodinamicamente stabile.")
PROCEDURES = ("coronarografia", "colecistectomia laparoscopica", "EGDS", "colonscopia", "toracentesi",
              "broncoscopia", "cardioversione elettrica", "rachicentesi", "posizionamento di PICC", "paracentesi")
KIN = (("la moglie", True), ("il marito", False), ("la figlia", True), ("il figlio", False), ("la sorella", True),
       ("il fratello", False), ("la compagna", True), ("la nipote", True), ("il nipote", False))
PROFESSIONS = ("pensionato", "pensionata", "insegnante", "muratore", "impiegata", "impiegato", "infermiera",
               "commerciante", "operaio metalmeccanico", "agricoltore", "casalinga", "avvocato", "ingegnere",
               "autista", "parrucchiera", "cuoco", "elettricista", "farmacista", "ragioniere", "geometra", "badante",
               "barista", "idraulico", "architetto", "commessa", "meccanico", "camionista", "studente",
               "operatrice socio-sanitaria", "artigiano")

# Institution shapes: {city} a town, {saint} a saint's name ("San Giuseppe"), {surname} a person's full name.
HOSPITALS = ("Azienda Ospedaliera di {city}", "Azienda Ospedaliero-Universitaria di {city}", "Ospedale {saint}",
             "Ospedale Civile di {city}", "Presidio Ospedaliero di {city}", "P.O. {saint}", "Policlinico {saint}",
             "Policlinico di {city}", "Ospedale Maggiore di {city}", "Casa di Cura {saint}", "Ospedale {surname}",
             "Ospedale {saint} di {city}", "ASST di {city}", "Azienda USL di {city}", "Fondazione {surname}",
             "Istituto Clinico {saint}", "Ospedale Santa Maria {place}", "Nuovo Ospedale di {city}",
             "IRCCS {surname}", "Ospedale Regionale di {city}", "Ospedale {last}", "Ospedale {last}",
             "Policlinico {last}")
PLACES = ("della Misericordia", "delle Croci", "Nuova", "degli Angeli", "della Stella", "delle Grazie", "Annunziata")
RESIDENCES = ("RSA {saint}", "RSA di {city}", "Casa di Riposo {saint}", "Residenza Villa {flower}",
              "Casa Famiglia {saint}")
ORGANIZATIONS = ("Comune di {city}", "Università degli Studi di {city}", "{company}", "Poste Italiane",
                 "Istituto Comprensivo {surname}", "Misericordia di {city}", "INPS di {city}", "ASL di {city}")
FLOWERS = ("Gli Ulivi", "Le Rose", "Serena", "I Tigli", "Le Magnolie", "Il Glicine", "Bianca", "Aurora")
# Streets named after people, dates and places, as Italian streets commonly are.
STREET_NAMES = ("Roma", "Garibaldi", "Giuseppe Mazzini", "Dante Alighieri", "XX Settembre", "Camillo Benso di Cavour",
                "Vittorio Emanuele II", "IV Novembre", "della Repubblica", "dei Mille", "G. Verdi", "Matteotti",
                "Aldo Moro", "San Francesco", "della Libertà", "Nazionale", "Cesare Battisti", "Antonio Gramsci",
                "delle Rimembranze", "XXV Aprile", "Marconi", "Kennedy", "Papa Giovanni XXIII", "Manzoni", "Fiume")
STREET_TYPES = ("Via", "Via", "Via", "Viale", "Corso", "Piazza", "Largo", "Vicolo", "Piazzale", "Strada", "Contrada")
DOMAINS = ("libero.it", "gmail.com", "virgilio.it", "alice.it", "tiscali.it", "hotmail.it", "yahoo.it", "pec.it",
           "asl.it", "ospedale.it")
CONDITION_ACRONYMS = ("IA", "DM2", "FA", "BPCO", "IMA", "TIA", "TEP", "TVP", "IRC", "SCA", "OSAS", "AOCP", "MRGE",
                      "IVU", "CHC", "ICC")
EXAM_ACRONYMS = ("ECG", "EGDS", "RMN", "TC", "RX", "EMG", "EEG", "PFR", "ETT", "ECD TSA", "EGA", "PET-TC")
ACRONYMS = CONDITION_ACRONYMS + EXAM_ACRONYMS + ("PS", "MMG", "OSS", "ADI", "RSA", "UTIC", "OBI", "PA", "FC", "SpO2",
                                                "TAO", "EBPM", "NAO", "ACE-i", "PPI", "FANS", "GB", "PCR", "VES")
DURATIONS = ("da {n} anni", "da circa {n} anni", "da {n} giorni", "per {n} settimane", "dopo {n} cicli",
             "negli ultimi {n} mesi", "da alcuni anni", "nelle ultime {n} ore")
VITALS = ("PA {a}/{b} mmHg", "FC {n}{n} bpm", "TC 37,{n} °C", "SpO2 9{n}% in aria ambiente", "FR {n}{n} atti/min",
          "BMI {n}{n},{n}", "NRS {n}/10", "GCS 1{g}", "peso {n}{n} kg")
LABS = ("Hb {n}{n},{n} g/dl", "creatinina 1,{n} mg/dl", "PCR {n}{n} mg/l", "GB {n}{n}.{n}00/mm³", "INR {n},{n}",
        "glicemia 1{n}{n} mg/dl", "PSA {n},{n} ng/ml", "Na 1{n}{n} mEq/l", "K {n},{n} mEq/l", "eGFR {n}{n} ml/min",
        "PLT {n}{n}{n}.000/mm³", "NT-proBNP {n}{n}{n}0 pg/ml", "TSH {n},{n} µUI/ml", "HbA1c {n},{n}%",
        "troponina {n}{n} ng/l")
SENTENCES = ("In anamnesi {dx} {duration}.", "All'ingresso: {vital}, {vital}, {vital}.",
             "Agli esami: {lab}, {lab} e {lab}.", "Sintomatologia presente {duration}.",
             "Si imposta terapia con {drug}.", "Ex fumatore ({n}{n} pack/year).", "Nega allergie a farmaci.",
             "Si esegue {proc}.", "Controllo alle ore {h}:{m}0.",
             "Nel sospetto di {eponym_phrase} si richiede {proc}.", "APR: {cond}, {cond}, {cond}.",
             "Punteggio {score}: {n}.", "{exam_acr}: nella norma.",
             "Il giorno successivo: {exam_acr} senza reperti di rilievo.",
             "Alvo regolare, diuresi valida.", "Si prosegue terapia con {drug} a pari dosaggio.",
             "Segno di {sign} negativo, non deficit focali.", "Paziente vigile, orientato, collaborante.",
             "Torace: murmure vescicolare presente, non rumori aggiunti.",
             "Addome trattabile, non dolente alla palpazione profonda.", "Toni cardiaci validi, pause libere.",
             "Polsi periferici presenti e simmetrici.", "Non edemi declivi.", "Cute e mucose normoidratate.",
             "Si posiziona catetere vescicale.", "Si trasfondono {n} unità di emazie concentrate.",
             "Viene posta indicazione a {proc}.", "Si riduce progressivamente la terapia steroidea.",
             "Il paziente riferisce {finding}.", "Mobilizzazione in poltrona dalla {n}ª giornata.")
# Discharge prescriptions as Italian letters write them: drug, strength, dose and schedule.
MEDICATION_LINES = ("Cardioaspirina 100 mg: 1 cp a pranzo", "Tachipirina 1000 mg: 1 cp al bisogno, max 3 al giorno",
                    "Clexane 4000 UI: 1 fl sc alle ore 20", "Eliquis 5 mg: 1 cp x 2/die",
                    "Lasix 25 mg: 1 cp al mattino",
                    "Congescor 2,5 mg: 1 cp al mattino", "Pantorc 40 mg: 1 cp a digiuno",
                    "Eutirox 75 mcg: 1 cp al mattino a digiuno", "Torvast 20 mg: 1 cp la sera",
                    "Metformina 1000 mg: 1 cp a pranzo e a cena", "Augmentin 1 g: 1 cp x 3/die per 7 giorni",
                    "Triatec 5 mg: 1 cp al mattino", "Lantus: 16 UI sc alle ore 22", "Laevolac: 15 ml x 2/die",
                    "Tavor 1 mg: 1 cp la sera al bisogno", "Xarelto 20 mg: 1 cp a cena",
                    "Norvasc 5 mg: 1 cp al mattino",
                    "Deltacortene 25 mg: 1 cp al mattino, a scalare", "Ventolin spray: 2 puff al bisogno",
                    "Coumadin secondo schema INR (INR target 2-3)")
