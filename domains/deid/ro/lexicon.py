"""Romanian clinical vocabulary for the synthesizer: what is never PHI (eponyms, drugs, wards, findings, numbers) and
the shapes of institution names. Written from general Romanian clinical usage, not from any corpus."""

from __future__ import annotations

# Capitalised words that look like names or places but are clinical: eponyms, scores, signs, brand names.
EPONYMS = ("Parkinson", "Crohn", "Alzheimer", "Hodgkin", "Wilson", "Cushing", "Addison", "Basedow-Graves",
           "Hashimoto", "Down", "Barrett", "Guillain-Barré", "Babinski", "Lasègue", "Murphy", "Blumberg", "Glasgow",
           "Apgar", "Karnofsky", "Child-Pugh", "Gleason", "Breslow", "Doppler", "Holter", "Foley", "Giordano",
           "Raynaud", "Kaposi", "Sjögren", "Ménière", "Horner", "Brugada", "Lyme", "Ziehl-Neelsen", "Gram",
           "Papanicolaou", "Trendelenburg", "Valsalva", "Romberg", "NYHA", "Killip", "Forrest", "Bismuth", "Charcot")
DISEASES = ("Parkinson", "Crohn", "Alzheimer", "Hodgkin", "Wilson", "Cushing", "Addison", "Basedow-Graves",
            "Hashimoto", "Raynaud", "Sjögren", "Ménière", "Lyme", "Charcot")
SIGNS = ("Murphy", "Giordano", "Lasègue", "Babinski", "Blumberg", "Romberg", "Rovsing", "Homans")
EPONYM_PHRASES = ("boala {e}", "sindromul {e}", "semnul {e}", "scorul {e}", "scala {e}", "manevra {e}",
                  "testul {e}", "sonda {e}", "colorația {e}", "clasificarea {e}", "boală {e}")
DRUGS = ("paracetamol", "metamizol", "omeprazol", "pantoprazol", "enoxaparină", "acenocumarol", "furosemid",
         "amoxicilină/acid clavulanic", "ceftriaxonă", "levofloxacină", "metformină", "insulină glargin",
         "atorvastatină", "rosuvastatină", "perindopril", "bisoprolol", "amlodipină", "levotiroxină", "tramadol",
         "ibuprofen", "dexametazonă", "prednison", "salbutamol", "acid acetilsalicilic", "clopidogrel", "apixaban",
         "spironolactonă", "metoprolol", "ciprofloxacină", "drotaverină", "alprazolam")
BRANDS = ("Algocalmin", "Nurofen", "Sintrom", "Trombostop", "Aspenter", "Augmentin", "Clexane", "Controloc",
          "Euthyrox", "Concor", "Tertensif", "Prestarium", "Xarelto", "Eliquis", "Siofor", "No-Spa", "Fraxiparine",
          "Nolpaza", "Detralex", "Betaloc", "Sortis", "Plavix", "Ventolin", "Medrol", "Xanax", "Diclofenac",
          "Ciprinol", "Tramadol", "Verospiron", "Milgamma")
WARDS = ("Medicină Internă", "Cardiologie", "Pneumologie", "Gastroenterologie", "Chirurgie Generală", "Urologie",
         "Neurologie", "Ortopedie-Traumatologie", "Nefrologie", "Hematologie", "Oncologie Medicală", "Diabet, Nutriție "
         "și Boli Metabolice", "ATI", "Obstetrică-Ginecologie", "Pediatrie", "Geriatrie", "Boli Infecțioase",
         "Dermatovenerologie", "Endocrinologie", "UPU")
DIAGNOSES = ("Pneumonie comunitară", "Insuficiență cardiacă congestivă clasa NYHA III", "Fibrilație atrială permanentă",
             "Hipertensiune arterială esențială grad III", "Diabet zaharat tip 2 insulinotratat",
             "Boală cronică de rinichi stadiul 3b", "Cardiopatie ischemică cronică", "BPOC acutizată",
             "Colecistită acută litiazică", "Accident vascular cerebral ischemic", "Infecție de tract urinar",
             "Ciroză hepatică etanolică decompensată vascular", "Anemie feriprivă", "Boala {eponym}",
             "Sindromul {eponym}", "Dislipidemie mixtă", "Obezitate grad I", "Trombembolism pulmonar")
FINDINGS = ("dispnee de efort și ortopnee", "durere toracică cu caracter constrictiv", "febră 38,{n} °C și tuse "
            "productivă", "edeme gambiere bilaterale", "durere abdominală în hipocondrul drept", "cefalee și vertij",
            "scădere ponderală de {n} kg în ultimele luni", "palpitații", "hematurie macroscopică", "sincopă",
            "greață și vărsături", "astenie fizică marcată", "disfagie pentru solide")
EXAMS = ("Biologic: Hb {n}{n},{n} g/dl, leucocite {n}{n}.{n}00/mmc, VSH {n}{n} mm/h, CRP {n}{n} mg/l.",
         "EKG: ritm sinusal, AV 7{n}/min, ax QRS normal, fără modificări de fază terminală.",
         "Rx pulmonar: opacitate de intensitate subcostală bazal drept.",
         "Ecografie abdominală: colecist cu calculi multipli, CBP nedilatată.",
         "Ecocardiografie: FEVS {n}0%, VS dilatat, IM gr. II.",
         "CT cerebral nativ: fără leziuni hemoragice acute.", "Hemoculturi negative.", "Semnul {sign} negativ.",
         "Examen sumar de urină: leucociturie, nitriți pozitivi.", "Ionograma serică în limite normale.")
COURSE = ("Sub tratament cu {drug} evoluția a fost favorabilă.",
          "Evoluția sub tratament a fost lent favorabilă, cu remiterea simptomatologiei.",
          "S-a efectuat {proc} fără incidente.", "S-a întrerupt {brand} din cauza unei hemoragii digestive minore.",
          "Se externează după {n} zile de spitalizare, ameliorat, cu recomandări.",
          "A fost consultat de colegii de la {ward}, care recomandă dispensarizare.",
          "S-a exclus boala {eponym} în absența criteriilor clinice.")
PROCEDURES = ("coronarografie", "colecistectomie laparoscopică", "endoscopie digestivă superioară", "colonoscopie",
              "toracocenteză", "bronhoscopie", "cardioversie electrică", "puncție lombară", "paracenteză")
KIN = (("soția", True), ("soțul", False), ("fiica", True), ("fiul", False), ("sora", True), ("fratele", False),
       ("mama", True), ("tatăl", False), ("nepoata", True), ("nepotul", False))
DURATIONS = ("de {n} zile", "de aproximativ {n} săptămâni", "de {n} luni", "de {n} ani", "în ultimele {n} zile",
             "de circa {n} ore")
MEASURES = ("TA {a}/{b} mmHg", "AV {n}{n} b/min", "SaO2 9{n}%", "temp. 36,{n} °C", "Hb {n}{n},{n} g/dl",
            "creatinină 1,{n} mg/dl", "glicemie 1{n}{n} mg/dl", "INR {n},{n}", "CRP {n}{n} mg/l", "FEVS {n}0%",
            "IMC {n}{n},{n} kg/m²", "Na {a} mmol/l", "K 4,{n} mmol/l", "{n}{n} mg/zi", "{n}00 mg x 3/zi",
            "trombocite {n}{n}{n}.000/mmc", "NT-proBNP {n}{n}{n}0 pg/ml", "TGP {n}{n} U/l", "VSH {n}{n} mm/h",
            "pH 7,{n}{n}", "FR {n}{n}/min", "Glasgow 1{n}")
ACRONYMS = ("HTA", "DZ", "BPOC", "AVC", "IMA", "FiA", "ICC", "BCR", "CT", "RMN", "EKG", "EDS", "ATI", "TEP", "TVP",
            "AINS", "IPP", "VSH", "CRP", "FEVS", "HDS", "ITU", "UPU", "CBP", "IRA", "ECO")
SENTENCES = ("Pacient cunoscut cu {dx} {duration}.", "Se prezintă pentru {finding} {duration}.",
             "La examenul obiectiv: {measure}, {measure}, {measure}.", "Paraclinic: {measure}, {measure} și {measure}.",
             "Se inițiază tratament cu {drug} {measure}.", "Neagă alergii medicamentoase.", "Nefumător, neagă "
             "consumul de alcool.", "Fumător {n}{n} pachete-an {duration}.", "Se completează investigațiile cu {proc}.",
             "Se suspicionează {eponym_phrase} și se solicită {proc}.", "Se interpretează ca {dx}.",
             "Examen histopatologic: {dx}.", "Se transferă pe secția {ward}.", "Consult {ward}: {acr} în antecedente.",
             "Se exclude {acr} ({measure}).", "Stare generală bună, afebril, echilibrat hemodinamic.",
             "Zgomote cardiace ritmice, fără sufluri. Murmur vezicular prezent bilateral.",
             "Abdomen suplu, elastic, nedureros la palpare. Tranzit intestinal prezent.")

# Institution shapes: {city} a town, {county} a county, {surname} a surname, {saint} a saint's name.
HOSPITALS = ("Spitalul Clinic Județean de Urgență {city}", "Spitalul Județean de Urgență {city}",
             "Spitalul Municipal {city}", "Spitalul Orășenesc {city}", "Spitalul Clinic de Urgență {city}",
             "Spitalul Universitar de Urgență {city}", "Spitalul Clinic „{saint}” {city}",
             "Spitalul „Sf. {saint}” {city}", "Institutul de Boli Cardiovasculare {city}",
             "Spitalul Clinic de Boli Infecțioase {city}", "Clinica Medicală {surname}",
             "Spitalul de Pneumoftiziologie {city}", "Spitalul Clinic „Dr. {given} {surname}”",
             "Spitalul Clinic Județean {county}",
             "Centrul Medical {surname}")
HEALTH_CENTRES = ("Cabinet Medical Individual Dr. {surname}", "CMI Dr. {surname} {given}",
                  "Policlinica {city}", "Ambulatoriul de specialitate {city}", "Centrul de Sănătate {city}")
ORGANIZATIONS = ("Casa de Asigurări de Sănătate {county}", "CAS {county}", "Universitatea din {city}",
                 "Primăria {city}", "{company}", "Direcția de Sănătate Publică {county}", "Fundația {surname}",
                 "Căminul de bătrâni „Sf. {saint}”")
SAINTS = ("Spiridon", "Pantelimon", "Ioan", "Maria", "Andrei", "Nicolae", "Gheorghe", "Parascheva", "Ana",
          "Constantin și Elena", "Apostol Andrei", "Dimitrie")
DOMAINS = ("yahoo.com", "gmail.com", "yahoo.ro", "hotmail.com", "mail.ro", "outlook.com", "spital.ro", "umf.ro",
           "rdslink.ro", "clicknet.ro")
