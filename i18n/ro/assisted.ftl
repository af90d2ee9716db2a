# Modul asistat: un consilier France Services ajută utilizatorul pe acest calculator.
advisor-open = Spațiul consilierului
pin-title = Spațiul consilierului
pin-intro = Scrieți codul dumneavoastră.
pin-keys = Tastatură numerică
pin-erase = Șterge
pin-erase-label = Șterge ultima cifră
pin-submit = Confirmă
pin-cancel = Anulează
pin-wrong = { $left ->
    [one] Cod greșit. Mai aveți o încercare.
    [few] Cod greșit. Mai aveți { $left } încercări.
   *[other] Cod greșit. Mai aveți { $left } de încercări.
}
pin-locked = Prea multe încercări. Încercați din nou peste { $minutes } min.
consent-title = Un consilier vă însoțește
consent-intro = Cu acordul dumneavoastră:
consent-screen = consilierul vă ajută pe acest ecran, lângă dumneavoastră;
consent-passwords = nu vă cere niciodată parolele;
consent-erase = la sfârșit, totul se șterge: paginile și fișierele dumneavoastră, și conectările consilierului.
consent-accept = Accept
consent-refuse = Nu, mulțumesc
assisted-badge = Însoțire
assisted-end = Sfârșitul însoțirii
assisted-curtain = Date confidențiale: consilierul se uită în altă parte
assisted-end-title = Încheiați însoțirea?
assisted-end-text = Totul va fi șters: paginile, fișierele dumneavoastră și conectările consilierului. Va începe o sesiune nouă.
welcome-receipt-assisted = Însoțirea s-a încheiat: sesiunea dumneavoastră și conectările consilierului au fost șterse.
