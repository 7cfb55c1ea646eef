"""Turkish clinical vocabulary for the synthesizer: what is never PHI (eponyms, drugs, clinics, findings, numbers) and
the shapes of institution names. Written from general Turkish clinical usage, not from any corpus."""

from __future__ import annotations

# Capitalised words that look like names or places but are clinical: eponyms, scores, signs, brand names.
EPONYMS = ("Parkinson", "Crohn", "Alzheimer", "Hodgkin", "Wilson", "Cushing", "Addison", "Graves", "Hashimoto",
           "Down", "Barrett", "Guillain-Barré", "Babinski", "Lasègue", "Murphy", "Glasgow", "Apgar", "Karnofsky",
           "Child-Pugh", "Gleason", "Doppler", "Holter", "Foley", "Raynaud", "Kaposi", "Sjögren", "Behçet",
           "Ménière", "Horner", "Brugada", "Lyme", "Ziehl-Neelsen", "Gram", "Trendelenburg", "Valsalva", "Romberg",
           "NYHA", "Killip", "Forrest", "Kawasaki", "Bell", "Hirschsprung")
DISEASES = ("Parkinson", "Crohn", "Alzheimer", "Hodgkin", "Wilson", "Cushing", "Addison", "Graves", "Hashimoto",
            "Behçet", "Raynaud", "Sjögren", "Ménière", "Kawasaki", "Hirschsprung", "Lyme")
SIGNS = ("Murphy", "Lasègue", "Babinski", "Romberg", "Rovsing", "Homans", "Kernig", "Brudzinski")
EPONYM_PHRASES = ("{e} hastalığı", "{e} sendromu", "{e} bulgusu", "{e} skoru", "{e} skalası", "{e} manevrası",
                  "{e} testi", "{e} sondası", "{e} boyaması", "{e} sınıflaması")
DRUGS = ("parasetamol", "metamizol", "omeprazol", "pantoprazol", "enoksaparin", "varfarin", "furosemid",
         "amoksisilin-klavulanat", "seftriakson", "levofloksasin", "metformin", "insülin glarjin", "atorvastatin",
         "ramipril", "metoprolol", "amlodipin", "levotiroksin", "tramadol", "ibuprofen", "deksametazon",
         "metilprednizolon", "salbutamol", "asetilsalisilik asit", "klopidogrel", "apiksaban", "spironolakton",
         "siprofloksasin", "alprazolam", "lansoprazol", "piperasilin-tazobaktam")
BRANDS = ("Parol", "Novalgin", "Coraspin", "Coumadin", "Clexane", "Lasix", "Augmentin", "Nexium", "Lansor",
          "Glifor", "Lantus", "Lipitor", "Beloc", "Norvasc", "Euthyrox", "Arveles", "Majezik", "Dikloron", "Plavix",
          "Eliquis", "Xarelto", "Aldactone", "Cipro", "Xanax", "Ventolin", "Prednol", "Desal", "Tazocin", "Buscopan")
CLINICS = ("İç Hastalıkları", "Kardiyoloji", "Göğüs Hastalıkları", "Gastroenteroloji", "Genel Cerrahi", "Üroloji",
           "Nöroloji", "Ortopedi ve Travmatoloji", "Nefroloji", "Hematoloji", "Tıbbi Onkoloji", "Endokrinoloji",
           "Anesteziyoloji ve Reanimasyon", "Kadın Hastalıkları ve Doğum", "Çocuk Sağlığı ve Hastalıkları",
           "Enfeksiyon Hastalıkları", "Dermatoloji", "Acil Tıp", "Kalp ve Damar Cerrahisi", "Geriatri")
DIAGNOSES = ("Toplum kökenli pnömoni", "Dekompanse kalp yetmezliği (NYHA sınıf III)", "Atriyal fibrilasyon",
             "Esansiyel hipertansiyon", "Tip 2 diabetes mellitus", "Kronik böbrek hastalığı evre 3",
             "Koroner arter hastalığı", "KOAH akut alevlenme", "Akut taşlı kolesistit", "İskemik serebrovasküler olay",
             "İdrar yolu enfeksiyonu", "Karaciğer sirozu", "Demir eksikliği anemisi", "{eponym} hastalığı",
             "{eponym} sendromu", "Hiperlipidemi", "Pulmoner emboli", "Akut pankreatit", "Derin ven trombozu")
FINDINGS = ("nefes darlığı ve çarpıntı", "göğüs ağrısı", "38,{n} °C ateş ve balgamlı öksürük", "bacaklarda şişlik",
            "sağ üst kadran ağrısı", "baş ağrısı ve baş dönmesi", "son aylarda {n} kg kilo kaybı", "senkop",
            "bulantı ve kusma", "halsizlik", "makroskopik hematüri", "yutma güçlüğü", "karın ağrısı")
EXAMS = ("Laboratuvar: Hb {n}{n},{n} g/dl, lökosit {n}{n}.{n}00/mm³, CRP {n}{n} mg/l, sedimentasyon {n}{n} mm/saat.",
         "EKG: normal sinüs ritmi, kalp hızı 7{n}/dk, ST-T değişikliği yok.",
         "Akciğer grafisi: sağ alt zonda infiltrasyon.", "Batın USG: safra kesesinde çok sayıda taş, koledok normal.",
         "EKO: EF %{n}0, sol ventrikül dilate, 2. derece mitral yetmezlik.",
         "Beyin BT: akut kanama saptanmadı.", "Kan kültürlerinde üreme olmadı.", "{sign} bulgusu negatif.",
         "Tam idrar tahlili: lökosit pozitif, nitrit pozitif.", "Elektrolitler normal sınırlarda.")
COURSE = ("{drug} tedavisi ile klinik tablo geriledi.", "Takiplerinde genel durumu düzeldi, ateşi olmadı.",
          "Hastaya komplikasyonsuz {proc} yapıldı.", "Gastrointestinal kanama nedeniyle {brand} kesildi.",
          "{n} günlük yatışın ardından şifa ile taburcu edildi.",
          "{clinic} kliniği ile konsülte edildi, poliklinik kontrolü önerildi.",
          "Klinik kriterler olmadığından {eponym} hastalığı dışlandı.")
PROCEDURES = ("koroner anjiyografi", "laparoskopik kolesistektomi", "üst GİS endoskopisi", "kolonoskopi",
              "torasentez", "bronkoskopi", "elektriksel kardiyoversiyon", "lomber ponksiyon", "parasentez")
KIN = (("eşi", True), ("eşi", False), ("kızı", True), ("oğlu", False), ("kız kardeşi", True), ("erkek kardeşi", False),
       ("annesi", True), ("babası", False), ("gelini", True), ("torunu", False))
DURATIONS = ("{n} gündür", "yaklaşık {n} haftadır", "{n} aydır", "{n} yıldır", "son {n} gündür", "{n} saattir")
MEASURES = ("TA {a}/{b} mmHg", "nabız {n}{n}/dk", "SpO2 %9{n}", "ateş 36,{n} °C", "Hb {n}{n},{n} g/dl",
            "kreatinin 1,{n} mg/dl", "glukoz 1{n}{n} mg/dl", "INR {n},{n}", "CRP {n}{n} mg/l", "EF %{n}0",
            "VKİ {n}{n},{n} kg/m²", "Na {a} mmol/l", "K 4,{n} mmol/l", "{n}{n} mg/gün", "günde 3 x {n}00 mg",
            "trombosit {n}{n}{n}.000/mm³", "NT-proBNP {n}{n}{n}0 pg/ml", "ALT {n}{n} U/l", "pH 7,{n}{n}",
            "solunum sayısı {n}{n}/dk", "GKS 1{n}")
ACRONYMS = ("HT", "DM", "KOAH", "KAH", "KKY", "AF", "KBY", "SVO", "MI", "BT", "MR", "EKG", "EKO", "USG", "YBÜ",
            "DVT", "PE", "NSAİİ", "PPI", "CRP", "İYE", "GİS", "ABY", "TİT", "EF")
SENTENCES = ("Bilinen {dx} tanısı {duration} mevcut.", "{finding} şikayeti {duration} var.",
             "Fizik muayenede: {measure}, {measure}, {measure}.", "Laboratuvar: {measure}, {measure} ve {measure}.",
             "{drug} {measure} başlandı.", "Bilinen ilaç alerjisi yok.", "Sigara ve alkol kullanımı yok.",
             "{n}{n} paket-yıl sigara öyküsü var.", "Tetkikler {proc} ile tamamlandı.",
             "{eponym_phrase} düşünülerek {proc} planlandı.", "Patoloji sonucu: {dx}.",
             "{clinic} servisine devredildi.", "{clinic} konsültasyonu: özgeçmişinde {acr} mevcut.",
             "{acr} ekarte edildi ({measure}).", "Genel durumu iyi, bilinci açık, koopere, oryante.",
             "Kalp sesleri ritmik, üfürüm yok. Akciğer sesleri bilateral doğal.",
             "Batın rahat, hassasiyet yok, defans ve rebound yok.")

# Institution shapes: {province} a province, {district} a district, {surname} a surname, {n} an ordinal number.
HOSPITALS = ("{province} Şehir Hastanesi", "{province} Devlet Hastanesi", "{district} Devlet Hastanesi",
             "{province} Eğitim ve Araştırma Hastanesi", "{surname} Üniversitesi Tıp Fakültesi Hastanesi",
             "{province} Üniversitesi Tıp Fakültesi Hastanesi", "Özel {surname} Hastanesi",
             "Özel {province} {surname} Hastanesi", "{district} İlçe Devlet Hastanesi",
             "{province} Göğüs Hastalıkları Hastanesi", "{surname} Tıp Merkezi")
HEALTH_CENTRES = ("{district} {n} Nolu Aile Sağlığı Merkezi", "{district} Aile Sağlığı Merkezi",
                  "{n} Nolu Aile Hekimliği Birimi", "{district} Toplum Sağlığı Merkezi")
ORGANIZATIONS = ("{province} Büyükşehir Belediyesi", "{district} Belediyesi", "{company}",
                 "{province} İl Sağlık Müdürlüğü", "{surname} Vakfı", "{district} Huzurevi", "{province} Üniversitesi")
PROFESSIONS = ("emekli öğretmen", "çiftçi", "ev hanımı", "şoför", "memur", "inşaat işçisi", "esnaf", "mühendis",
               "emekli polis", "muhasebeci", "aşçı", "tekstil işçisi", "kuaför", "emekli asker", "öğrenci", "hemşire",
               "madenci", "berber")
DOMAINS = ("gmail.com", "hotmail.com", "yahoo.com", "outlook.com", "yandex.com", "saglik.gov.tr", "hotmail.com.tr",
           "mynet.com")
