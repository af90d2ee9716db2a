# Listes de catégories (UT1) telles que le kiosque les charge.

lists-source = { $place } : { $problem }
lists-source-folder = { $path } : impossible de lire le dossier source : { $reason }
lists-write = { $path } : impossible d'écrire les listes compilées : { $reason }
lists-missing = { $path } : les listes de catégories compilées manquent ({ $reason }) ; lancez `guichet lists compile`
lists-corrupt = { $path } : les listes de catégories compilées sont abîmées ({ $what }) ; relancez `guichet lists compile`
lists-version = { $path } : les listes de catégories compilées sont au format { $found }, ce Guichet lit le format { $expected } ; relancez `guichet lists compile`
lists-not-configured = aucune liste de catégories n'est configurée : mettez dans `[filter] lists` le fichier qu'écrit `guichet lists compile`
