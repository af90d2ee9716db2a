# Imprimer, en français facile.
print-button = Imprimer
print-title = Imprimer
print-preparing = Nous préparons la page. Attendez un peu.
print-confirm = { $pages ->
    [one] Il y a 1 page. Vous voulez imprimer ?
   *[other] Il y a { $pages } pages. Vous voulez imprimer ?
}
print-do = Imprimer
print-cancel = Ne pas imprimer
print-quota-title = Vous ne pouvez plus imprimer autant
print-quota = { $pages ->
    [one] Cette page fait 1 page.
   *[other] Ce document fait { $pages } pages.
} { $left ->
    [0] Vous avez déjà imprimé { $quota } pages. C’est le maximum.
    [one] Vous pouvez encore imprimer 1 page.
   *[other] Vous pouvez encore imprimer { $left } pages.
} Demandez à l’accueil.
print-sent = { $pages ->
    [one] C’est imprimé : 1 page. Allez la prendre à l’imprimante.
   *[other] C’est imprimé : { $pages } pages. Allez les prendre à l’imprimante.
}
print-failed = Nous n’avons pas pu imprimer. Demandez à l’accueil.
