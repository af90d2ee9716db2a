# Listes de sites autorisés (allowlists/*.toml) et liste des suffixes publics.

list-no-site = aucune entrée [[site]] : il en faut au moins une (voir allowlists/README.md)
list-empty-name = `name` est vide : il faut le nom du service tel que le public le voit
list-empty-hosts = `hosts` est vide : il faut au moins un nom de site, comme "caf.fr"
list-empty-modes = `modes` est vide : il faut au moins l'un de "citizen", "minor", "assisted" (ou retirez la clé pour les trois)
list-empty-schemes = `schemes` est vide : il faut ["https"] ou ["https", "http"]
list-bad-port = le port { $port } n'existe pas : il faut un nombre de 1 à 65535
list-start-on-subresource = une entrée `use = "subresource"` ne peut pas avoir de page `start` : le public ne l'ouvre jamais directement
list-start-not-address = `start` = { $value } n'est pas une adresse web : il faut une adresse complète, comme "https://www.caf.fr/"
list-host-form = il faut un nom de site comme "caf.fr" ou "www.impots.gouv.fr" (sans https://, ni /, ni :, ni *), ou une adresse IP
list-not-a-host = { $host } n'est pas un nom de site : { list-host-form }
list-single-label = { $host } n'a pas de point : { list-host-form }
list-public-suffix = { $host } est un suffixe public : il ouvrirait tous les sites enregistrés en dessous ; nommez plutôt les sites (par exemple "impots.gouv.fr")
list-no-registrable-domain = { $host } n'est pas un nom sous lequel on peut enregistrer un site : { list-host-form }
list-bad-dns-name = { $host } n'est pas un nom de site valide : { list-host-form }
list-path-form = il faut un début de chemin commençant par "/", comme "/portail-services/"
list-not-a-path = { $path } n'est pas un chemin : { list-path-form }
list-path-not-normal = { $path } n'est pas écrit comme les navigateurs l'envoient : écrivez-le { $normal }
list-start-refused = la page de départ `{ $url }` n'est pas autorisée en mode `{ $mode }` ({ $reason }) : il faut une page de l'un des sites et chemins de cette entrée

suffix-list-invalid = ce n'est pas une liste des suffixes publics (Public Suffix List) valide : { $detail }
suffix-list-empty = la liste des suffixes publics ne contient aucune règle
