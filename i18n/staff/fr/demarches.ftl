# Fichiers de démarches (assets/demarches/*.toml et le dossier du personnel).

demarche-bad-id = `id` { $id } n'est pas un identifiant valide : il faut des lettres minuscules, des chiffres et des tirets simples, comme "caf-rsa"
demarche-duplicate-id = `id` { $id } est déjà utilisé en { $first } : chaque démarche doit avoir son propre identifiant
demarche-no-modes = `modes` est vide : il faut au moins l'un de "citizen", "minor", "assisted", ou pas de clé `modes` pour les trois
demarche-duplicate-mode = le mode `{ $mode }` est donné deux fois
demarche-not-https = `{ $key }` = { $value } n'est pas une adresse web : il faut une adresse complète en https, comme "https://www.caf.fr/"
demarche-start-refused = la page de départ `{ $url }` n'est pas autorisée en mode { $modes } ({ $reason }) : il faut une page que les listes de sites autorisés ouvrent dans chaque mode où la démarche est proposée (ajoutez son site à une liste, ou réduisez `modes`)
demarche-minutes = `minutes` = { $minutes } est hors limites : il faut un nombre de minutes de 1 à 240
demarche-bad-day = `checked` = { $day } n'est pas une date : il faut le jour où l'entrée a été comparée à sa source, écrit "AAAA-MM-JJ"
demarche-unknown-field = { $name } dans `unverified` n'est pas une partie d'une entrée : il faut certains de { $fields }
demarche-duplicate-field = { $name } est donné deux fois dans `unverified`
demarche-no-french = pas de texte en français : il faut une section `[demarche.text.fr]` avec title, summary, easy, for_whom, keywords, documents et steps
demarche-unknown-language = pas de traduction pour la langue { $tag } : il faut l'une de { $expected }
demarche-easy-french-table = une section `[demarche.text.falc]` : « Français facile » montre le texte français avec son résumé FALC ; il faut ce résumé dans `easy` de `[demarche.text.fr]`
demarche-missing = il manque `{ $key }` dans `[text.{ $lang }]` : il faut { $what }
demarche-what-title = un titre court, comme "Demander le RSA"
demarche-what-summary = une ou deux phrases en mots simples
demarche-what-easy = le résumé en FALC : phrases courtes, mots courants
demarche-what-for-whom = à qui s'adresse la démarche
demarche-what-documents = les papiers à avoir sous la main, en liste à cocher
demarche-what-steps = 3 à 7 étapes courtes
demarche-what-keywords = les mots et expressions que le public tape, abréviations et fautes courantes comprises
demarche-empty = `{ $key }` est vide : il faut du texte
demarche-too-long = `{ $key }` fait { $length } caractères : il en faut { $max } au plus
demarche-count = `{ $key }` a { $count } { $count ->
        [one] élément
       *[other] éléments
    } : il en faut de { $min } à { $max }
demarche-count-differs = `{ $key }` a { $count } { $count ->
        [one] élément
       *[other] éléments
    } alors que le texte français en a { $base } : il faut les mêmes éléments, traduits
demarche-empty-keyword = le mot-clé { $keyword } n'a que des mots courants (comme "je", "de", "the") : il faut un mot que le public taperait
