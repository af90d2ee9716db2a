# Ecranele Guichet. Propoziții scurte, adresare politicoasă, fără jargon.
language-name = Română
page-title = Guichet
welcome-title = Bine ați venit
welcome-intro = Pe acest calculator vă puteți face demersurile online: CAF, impozite, France Travail, ameli, carte de identitate…
welcome-privacy = La sfârșit, tot ce ați făcut se șterge: pagini, fișiere, date scrise.
welcome-language = Alegeți limba
welcome-start = Începeți
welcome-receipt-title = Sesiunea dumneavoastră a fost ștearsă.
welcome-receipt-detail = { $downloads ->
    [0] Pagini vizitate, parole și formulare: nu mai rămâne nimic pe acest calculator.
    [one] Pagini vizitate, parole, formulare și documentul descărcat: nu mai rămâne nimic pe acest calculator.
    [few] Pagini vizitate, parole, formulare și { $downloads } documente descărcate: nu mai rămâne nimic pe acest calculator.
   *[other] Pagini vizitate, parole, formulare și { $downloads } de documente descărcate: nu mai rămâne nimic pe acest calculator.
}
bar-home = Acasă
bar-back = Înapoi
bar-forward = Înainte
bar-reload = Reîncarcă
bar-zoom-out = Text mai mic
bar-zoom-in = Text mai mare
bar-end = Încheie sesiunea
bar-end-short = Încheie
bar-elapsed = Sesiune: { $minutes } min
bar-time-left = Mai sunt { $minutes } min
bar-no-site = Pagina serviciilor
bar-nav = Navigare
bar-more = Mai mult
bar-loading = Se încarcă…
bar-site-blank = Pagină goală
bar-site-document = Document de la { $site }
bar-site-refused = Adresă refuzată: { $host }
menu-title = Alte acțiuni
menu-close = Închide
idle-title = Mai sunteți aici?
idle-text = { $seconds ->
    [one] Dacă nu faceți nimic, sesiunea se încheie peste o secundă și totul va fi șters.
    [few] Dacă nu faceți nimic, sesiunea se încheie peste { $seconds } secunde și totul va fi șters.
   *[other] Dacă nu faceți nimic, sesiunea se încheie peste { $seconds } de secunde și totul va fi șters.
}
idle-still-here = Sunt încă aici
max-warning = Sesiunea se încheie peste { $minutes } min. Nu uitați să salvați sau să tipăriți documentele.
end-title = Încheiați sesiunea?
end-text = Tot ce ați făcut pe acest calculator va fi șters: pagini, fișiere, date scrise.
end-confirm = Da, încheie
end-cancel = Nu, continuă
files-title = Alegeți un fișier de trimis
files-intro = Acestea sunt fișierele salvate în timpul sesiunii dumneavoastră.
files-empty = Deocamdată nu există niciun fișier. Documentele pe care le descărcați în această sesiune apar aici.
files-cancel = Anulează
download-saved = Fișier salvat: { $name }
download-refused-type = Acest tip de fișier nu poate fi salvat pe acest calculator.
download-refused-size = Acest fișier este prea mare pentru acest calculator.
download-failed = Fișierul nu a putut fi salvat.
launcher-title = Ce doriți să faceți?
launcher-search = Căutați un serviciu
launcher-search-hint = De exemplu: CAF, impozite, ameli
launcher-no-result = Niciun serviciu nu se potrivește. Puteți cere ajutor la recepție.
blocked-title = Această pagină nu este disponibilă pe acest calculator
blocked-address = Adresă refuzată: { $host }
blocked-help = Puteți cere ajutor la recepție.
blocked-back = Înapoi
blocked-home = Acasă
blocked-title-minor = Acest site nu este disponibil aici
blocked-category = Este un site din categoria „{ $category }”.
blocked-help-minor = Nu e vina ta. Întreabă un adult sau la recepție.
crashed-title = Pagina a întâmpinat o problemă
crashed-text = A fost oprită. O puteți reîncărca sau vă puteți întoarce la pagina de început.
crashed-reload = Reîncarcă pagina
not-found-title = Pagina nu a fost găsită
unavailable-title = Calculator indisponibil
unavailable-text = Acest calculator nu poate fi folosit acum. Vă rugăm să anunțați recepția.
category-papiers = Acte de identitate și permise
category-famille = Familie
category-social = Ajutoare și prestații sociale
category-travail = Loc de muncă
category-logement = Locuință și energie
category-transports = Transport
category-argent = Impozite și bani
category-sante = Sănătate
category-retraite = Pensie
category-justice = Justiție
category-etranger = Străini în Franța
category-education = Educație
category-loisirs = Timp liber și cultură
category-information = Aflați-vă drepturile
category-connexion = Conectare
category-accompagnement = Însoțire
category-support = Servicii tehnice
unreachable-title = Site-ul nu răspunde
unreachable-text = Poate este indisponibil pentru moment. Încercați din nou peste câteva clipe.
unreachable-tls-title = Conexiune nesigură
unreachable-tls-text = Acest site nu a prezentat un certificat valid. Pentru siguranța dumneavoastră, pagina nu a fost deschisă.
unreachable-retry = Încearcă din nou
print-unavailable = Tipărirea nu este disponibilă pe acest calculator. Întrebați la recepție.
help-button = Ai nevoie de ajutor?
help-title = Ai nevoie de ajutor?
help-intro = Dacă ceva de pe internet te sperie, te deranjează sau îți face rău:
help-no-answer = Nu răspunde.
help-keep = Nu șterge mesajele: te pot ajuta să fii protejat.
help-adult = Vorbește cu un adult, aici, la recepție.
help-3018 = Sună sau scrie la 3018: este gratuit și anonim.
help-119 = Dacă ești în pericol, sună la 119, zi și noapte. Este gratuit.
help-alert = Anunță recepția
help-alerted = Recepția a fost anunțată: cineva va veni să te ajute.
help-close = Închide
clearing-text = Se șterge sesiunea anterioară…

## Ghidul demersurilor
guide-search = Căutați un demers
guide-search-hint = De exemplu: șomaj, APL, talon auto, pașaport
guide-all-sites = Toate site-urile
guide-home = ← Ce doriți să faceți?
guide-results = Demersuri
guide-results-sites = Site-uri
guide-no-result = Niciun demers nu se potrivește. Încercați alte cuvinte sau cereți ajutor la recepție.
guide-before = Înainte de a începe
guide-papers = Actele pe care trebuie să le aveți la îndemână
guide-steps = Pașii
guide-time = { $minutes ->
    [one] Durează aproximativ un minut.
    [few] Durează aproximativ { $minutes } minute.
   *[other] Durează aproximativ { $minutes } de minute.
}
guide-franceconnect = Vă puteți conecta cu FranceConnect (de exemplu cu contul impots.gouv.fr, ameli sau La Poste).
guide-start = Începeți demersul
guide-missing = Nu am tot
guide-missing-title = Nu este nicio problemă
guide-missing-text = Vă lipsește un act? Întrebați la recepție: cineva vă poate ajuta sau vă poate spune cum să faceți fără el.
guide-missing-later = Puteți reveni și în altă zi, cu actele dumneavoastră.
guide-missing-back = Revedeți lista
guide-step = Pasul { $step } din { $steps }
guide-show-list = Vedeți lista
guide-step-back = Pasul anterior
guide-step-next = Pasul următor
guide-checklist-title = Demersul dumneavoastră
guide-close = Înapoi la site
theme-papiers = Acte de identitate
theme-famille = Familie
theme-social = Ajutoare sociale
theme-travail = Loc de muncă
theme-logement = Locuință și energie
theme-transports = Permis și mașină
theme-argent = Impozite și bani
theme-sante = Sănătate
theme-retraite = Pensie
theme-etranger = Străini în Franța
