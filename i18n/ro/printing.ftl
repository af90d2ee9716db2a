# Imprimare: butonul din bară, întrebarea dinainte de imprimare, paginile permise.
print-button = Imprimă
print-title = Imprimare
print-preparing = Se pregătește pagina pentru imprimare…
print-confirm = { $pages ->
    [one] 1 pagină — imprimați?
    [few] { $pages } pagini — imprimați?
   *[other] { $pages } de pagini — imprimați?
}
print-do = Imprimă
print-cancel = Anulează
print-quota-title = Nu mai sunt destule pagini
print-quota = { $pages ->
    [one] Această imprimare are 1 pagină.
    [few] Această imprimare are { $pages } pagini.
   *[other] Această imprimare are { $pages } de pagini.
} { $left ->
    [0] Ați imprimat deja cele { $quota } pagini permise într-o sesiune.
    [one] Mai puteți imprima 1 pagină în această sesiune.
    [few] Mai puteți imprima { $left } pagini în această sesiune.
   *[other] Mai puteți imprima { $left } de pagini în această sesiune.
} Întrebați la recepție.
print-sent = { $pages ->
    [one] Trimis la imprimantă: 1 pagină. Luați-o de la imprimantă.
    [few] Trimis la imprimantă: { $pages } pagini. Luați-le de la imprimantă.
   *[other] Trimis la imprimantă: { $pages } de pagini. Luați-le de la imprimantă.
}
print-failed = Imprimarea nu a putut fi trimisă. Întrebați la recepție.
