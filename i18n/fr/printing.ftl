# Imprimer : le bouton de la barre, la question avant d’imprimer, le nombre de pages permis.
print-button = Imprimer
print-title = Imprimer
print-preparing = Préparation de la page à imprimer…
print-confirm = { $pages ->
    [one] 1 page — imprimer ?
   *[other] { $pages } pages — imprimer ?
}
print-do = Imprimer
print-cancel = Annuler
print-quota-title = Pas assez de pages
print-quota = { $pages ->
    [one] Cette impression fait 1 page.
   *[other] Cette impression fait { $pages } pages.
} { $left ->
    [0] Vous avez déjà imprimé les { $quota } pages permises pendant une session.
    [one] Il vous reste 1 page à imprimer pendant cette session.
   *[other] Il vous reste { $left } pages à imprimer pendant cette session.
} Demandez à l’accueil.
print-sent = { $pages ->
    [one] Impression envoyée : 1 page. Récupérez-la à l’imprimante.
   *[other] Impression envoyée : { $pages } pages. Récupérez-les à l’imprimante.
}
print-failed = L’impression n’a pas pu partir. Demandez à l’accueil.
