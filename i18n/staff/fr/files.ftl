# Lecture des fichiers écrits par le personnel, et du TOML dans lequel ils sont écrits.

file-not-utf8 = le fichier n'est pas du texte UTF-8 valide : enregistrez-le en UTF-8
file-unreadable = impossible de lire le fichier : { $reason }
io-not-found = il n'existe pas
io-permission-denied = accès refusé
io-is-a-folder = c'est un dossier
io-other = { $detail }

toml-syntax-unclosed-text = ce texte n'est pas fermé : il manque un guillemet " à la fin
toml-syntax-unquoted-text = cette valeur n'est pas comprise : le texte s'écrit entre guillemets, comme "Médiathèque" ; les nombres, true et false s'écrivent sans
toml-syntax-duplicate-key = cette clé est donnée une deuxième fois dans la même section : n'en gardez qu'une
toml-syntax-list = cette liste est mal écrite : elle doit ressembler à ["a", "b"], avec des virgules entre les éléments et ] à la fin
toml-syntax-section = ce nom de section n'est pas fermé : il doit ressembler à [session] ou [[site]]
toml-syntax-no-value = cette clé n'a pas de valeur : écrivez clé = valeur
toml-syntax-no-key = il manque une clé avant = : écrivez clé = valeur
toml-syntax-other = cette ligne est mal écrite (TOML : { $detail })

toml-expect-text = du texte entre guillemets
toml-expect-duration = une durée entre guillemets, comme "15m" ou "1h 30m"
toml-expect-path = un chemin de fichier ou de dossier entre guillemets, comme "/var/lib/guichet"
toml-expect-address = une adresse web entre guillemets, comme "https://www.caf.fr/"
toml-expect-whole-number = un nombre entier, comme 50
toml-expect-true-false = vrai ou faux (true / false)
toml-expect-text-list = une liste [ … ] de textes entre guillemets, comme ["a", "b"]
toml-expect-number-list = une liste [ … ] de nombres entiers, comme [8443]
toml-expect-section = une section [ … ]
toml-expect-sections = une ou plusieurs sections [[ … ]]

toml-found-text = du texte entre guillemets
toml-found-whole-number = un nombre entier
toml-found-decimal-number = un nombre à virgule
toml-found-true-false = une valeur vrai ou faux
toml-found-date = une date
toml-found-list = une liste [ … ]
toml-found-section = une section

toml-place-root = hors de toute section
toml-place-section = dans { $name }
toml-place-entry = dans ce { $name }

toml-missing-key = il manque `{ $key }` { $place } : il faut { $expected }
toml-wrong-type = `{ $key }` = { $value } est { $found } : il faut { $expected }
toml-wrong-type-hidden = `{ $key }` est { $found } : il faut { $expected }
toml-wrong-item-type = dans `{ $key }`, { $value } est { $found } : il faut { $expected }
toml-unknown-key = clé inconnue { $key } { $place } : les clés possibles ici sont { $known }
toml-unknown-key-close = clé inconnue { $key } { $place } : vouliez-vous écrire { $suggestion } ?
toml-unknown-key-none = clé inconnue { $key } { $place } : rien n'est attendu ici
toml-unknown-section = section inconnue { $key } : les sections possibles ici sont { $known }
toml-unknown-section-close = section inconnue { $key } : vouliez-vous écrire { $suggestion } ?
toml-not-a-choice = `{ $key }` = { $value } n'est pas un choix possible : il faut l'un de { $choices }
toml-not-a-choice-close = `{ $key }` = { $value } n'est pas un choix possible : vouliez-vous écrire { $suggestion } ? (choix possibles : { $choices })
toml-not-a-choice-item = dans `{ $key }`, { $value } n'est pas un choix possible : il faut certains de { $choices }
toml-not-a-choice-item-close = dans `{ $key }`, { $value } n'est pas un choix possible : vouliez-vous écrire { $suggestion } ? (choix possibles : { $choices })
