# Ce que la commande `guichet` elle-même dit au personnel.

cli-errors = { $count ->
        [one] { $count } erreur
       *[other] { $count } erreurs
    } ; rien n'a été chargé
cli-start-pages-unchecked = les pages de départ des démarches n'ont pas été vérifiées : elles le seront, par rapport aux listes de sites, quand celles-ci n'auront plus d'erreur
cli-config-valid = { $file } : valide ({ $entries } entrées de listes de sites, { $tiles } tuiles d'accueil, { $demarches } démarches)
cli-lists-summary = { $path } : { $hosts } sites, { $urls } adresses, { $categories } catégories, listes du { $date }
cli-mode-cannot-start = le mode `{ $mode }` ne peut pas démarrer : { $reason }
cli-modes-cannot-start = { $count ->
        [one] { $count } mode proposé par ce poste ne peut pas démarrer
       *[other] { $count } modes proposés par ce poste ne peuvent pas démarrer
    }
cli-mode-unavailable = le mode `{ $mode }` n'est pas disponible sur ce poste : { $reason }
cli-missing-scheme = { $input } : une adresse commence par https:// (vouliez-vous dire { $address } ?)
