# Le fichier de configuration (/etc/guichet/config.toml).

config-empty-name = `name` est vide : il faut le nom du lieu, affiché sur l'écran d'accueil
config-empty-allowlists = `[policy] allowlists` est vide : il faut ["builtin"] et/ou des fichiers ou dossiers de listes
config-bad-duration = `{ $key }` = { $value } n'est pas une durée : il faut un nombre et une unité, comme "90s", "5m" ou "1h 30m"
config-out-of-range = `{ $key }` = { $value } est hors limites : { $rule }
config-out-of-range-default = `{ $key }` = { $value } (la valeur par défaut) est hors limites : { $rule }
config-rule-idle-timeout = il faut `idle_timeout` entre 30s et 4h
config-rule-idle-warning = il faut `idle_warning` d'au moins 10s et plus court que `idle_timeout`
config-rule-max-duration = il faut `max_duration` entre 5m et 12h
config-rule-max-warning = il faut `max_warning` d'au moins 10s et plus court que `max_duration`
config-assisted-out-of-range = `[assisted] { $key }` est hors limites : { $rule } (les avertissements sont ceux de `[session]`)
config-assisted-no-pin = le mode `assisted` est proposé mais il manque `[assisted] pin_hash` : il faut la ligne qu'affiche `guichet pin hash`
config-pin-plain = `pin_hash` : ceci ressemble à un code en clair : mettez plutôt son empreinte, faite avec `guichet pin hash` (elle commence par "$argon2id$…")
config-pin-not-argon2id = `pin_hash` : ce n'est pas une empreinte argon2id : il faut la ligne "$argon2id$…" qu'affiche `guichet pin hash`
config-pin-too-costly = `pin_hash` : cette empreinte demande trop de calcul : il faut au plus m={ $memory }, t={ $passes }, p=1 à 8 (`guichet pin hash` en fait une qui convient)
config-empty-languages = `languages` est vide : il faut certaines de { $expected }
config-unknown-language = pas de traduction pour la langue { $tag } : il faut l'une de { $expected }
config-language-twice = la langue { $tag } est donnée deux fois
config-default-language = `default_language` { $tag } n'est pas dans `languages`
config-empty-modes = `modes` est vide : il faut les modes que ce poste propose, comme ["minor"] ou ["citizen", "assisted"]
config-mode-twice = le mode `{ $mode }` est donné deux fois
config-unknown-mode = mode inconnu { $mode } : il faut "citizen", "minor" ou "assisted"
config-unknown-mode-close = mode inconnu { $mode } : vouliez-vous écrire { $suggestion } ?
config-unknown-policy = règle inconnue { $policy } pour le mode `{ $mode }` : il faut "allowlist" ou "filtered-web"
config-categories-on-allowlist = `categories` pour le mode `{ $mode }`, dont la règle est "allowlist" : les catégories ne servent qu'avec policy = "filtered-web"
config-empty-categories = `categories` est vide : il faut des noms de catégories UT1 à bloquer, comme ["adult", "gambling"]
config-bad-category-name = { $name } n'est pas un nom de catégorie : il faut un nom de dossier UT1, comme "adult" ou "mixed_adult"
config-category-twice = la catégorie { $name } est donnée deux fois
config-unknown-category = catégorie inconnue { $name } : les listes de { $path } n'ont aucune catégorie ni alias de ce nom ; il faut l'une de { $known }
config-default-category-missing = ces listes n'ont pas de catégorie { $name }, que le mode `{ $mode }` bloque par défaut : nommez les catégories à bloquer dans `[modes.{ $mode }] categories`
config-filtered-needs-lists = le mode `{ $mode }` filtre le web ouvert, ce qui demande `[filter] lists` : il faut le fichier qu'écrit `guichet lists compile`, comme lists = "/var/lib/guichet/ut1.lists"
config-not-a-host-name = { $host } n'est pas un nom de site : il faut un nom comme "www.caf.fr"
config-not-loopback = { $address } n'est pas une adresse de cet ordinateur : `[network.hosts]` ne peut mener qu'à 127.0.0.1 ou [::1] (sites de test et de préproduction)
config-not-an-address = { $address } n'est pas une adresse : il faut "127.0.0.1:PORT"
config-certificate-missing = le fichier de certificat { $path } n'existe pas : il faut un fichier PEM
config-page-timeout-range = `page_timeout` est hors limites : il faut une durée de 3s à 2m, comme "15s"
config-removable-media-relative = `removable_media` = { $value } : il faut le chemin complet d'un dossier, commençant par /, comme "/media/guichet"
config-max-size-range = `max_size_mb` = { $value } est hors limites : il faut un nombre de mégaoctets de 1 à 4096
config-allowlist-unreadable = impossible de lire la liste de sites { $path } : { $reason }
config-allowlist-folder-empty = le dossier de listes de sites { $path } n'a aucun fichier *.toml : il faut au moins une liste
config-demarches-unreadable = impossible de lire le dossier de démarches { $path } : { $reason }
config-demarches-folder-empty = le dossier de démarches { $path } n'a aucun fichier *.toml : il faut au moins une démarche

# [updates] : ce que récupère `guichet lists update`.
config-updates-ut1-without-lists = `[updates] ut1` est compilé dans le fichier que nomme `[filter] lists`, qui n'est pas donné : il faut lists = "/var/lib/guichet/lists/ut1.lists"
config-updates-public-key = `public_key` : ce n'est pas une clé publique ed25519 utilisable ({ $detail })
config-updates-timeout-range = `timeout` est hors limites : il faut une durée de 10s à 2h, comme "10m"
config-updates-address = il faut une adresse https:// (http:// pour un miroir du réseau local, file:// pour un fichier de ce poste)
config-updates-not-an-address = `{ $key }` = { $value } n'est pas une adresse : { config-updates-address }
config-updates-bad-address = `{ $key }` : { $problem } : { config-updates-address }
config-updates-password = un nom d'utilisateur ou un mot de passe dans l'adresse n'est pas possible
config-updates-no-server = { $value } ne nomme aucun serveur
config-updates-not-local = { $value } n'est pas un fichier de ce poste
config-updates-scheme = les adresses { $scheme }:// ne sont pas possibles
config-updates-several-lists = `[updates] { $key }` remplace le fichier que nomme `[adblock] { $lists }`, qui en nomme { $count } : il en faut exactement un, comme { $example }
config-updates-debian-list = `[updates] { $key }` remplace le fichier que nomme `[adblock] { $lists }`, qui est par défaut celui du paquet Debian : il faut que `{ $lists }` nomme un fichier propre à ce poste, comme { $example }
config-updates-count-range = `{ $key }` = { $value } est hors limites : il faut un nombre de { $unit } de { $min } à { $max }
config-updates-min-above-max = `{ $min }` doit être plus petit que `{ $max }` : il faut un minimum plus petit ou un maximum plus grand
config-updates-shared-file = `{ $key }` remplacerait { $path }, que `{ $other }` nomme aussi : il faut un fichier à part
config-unit-kilobytes = kilooctets
config-unit-megabytes = mégaoctets
config-unit-files = fichiers
config-printing-queue = `queue` = { $value } : il faut le nom d’une file d’impression CUPS (lettres, chiffres, - ou _, comme `lpstat -p` les montre), comme "Accueil"
config-printing-pages-range = `pages_per_session` = { $value } est hors limites : il faut un nombre de pages de 1 à 500
config-printing-server = `server` = { $value } : il faut un serveur CUPS, soit le chemin absolu de son socket ("/run/cups/cups.sock"), soit un nom de machine avec, au besoin, son port ("imprimantes.mairie.local:631")
config-printing-no-queue = `[printing]` n’a pas de `queue` : il faut la file CUPS où les usagers impriment, comme queue = "Accueil"
