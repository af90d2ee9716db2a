# Les écrans de Guichet en FALC (facile à lire et à comprendre) : une idée par phrase, mots courants, pas d’abréviation.
language-name = Français facile
page-title = Guichet
welcome-title = Bonjour
welcome-intro = Sur cet ordinateur, vous pouvez faire vos papiers sur internet. Par exemple : la CAF, les impôts, France Travail, ameli, la carte d’identité.
welcome-privacy = À la fin, tout est effacé. Personne ne peut voir ce que vous avez fait.
welcome-language = Choisir la langue
welcome-start = Commencer
welcome-receipt-title = Tout est effacé.
welcome-receipt-detail = { $downloads ->
    [0] Les pages, les mots de passe et ce que vous avez écrit sont effacés. Rien ne reste sur cet ordinateur.
    [one] Les pages, les mots de passe, ce que vous avez écrit et votre document sont effacés. Rien ne reste sur cet ordinateur.
   *[other] Les pages, les mots de passe, ce que vous avez écrit et vos { $downloads } documents sont effacés. Rien ne reste sur cet ordinateur.
}
bar-home = Accueil
bar-back = Retour
bar-forward = Suivant
bar-reload = Recharger
bar-zoom-out = Lettres plus petites
bar-zoom-in = Lettres plus grandes
bar-end = J’ai fini
bar-end-short = Fini
bar-elapsed = { $minutes ->
    [one] Depuis 1 minute
   *[other] Depuis { $minutes } minutes
}
bar-time-left = { $minutes ->
    [one] Il reste 1 minute
   *[other] Il reste { $minutes } minutes
}
bar-no-site = Accueil des services
bar-nav = Boutons pour changer de page
bar-more = Plus
bar-loading = La page arrive…
bar-site-blank = Page vide
bar-site-document = Document de { $site }
bar-site-refused = Adresse bloquée : { $host }
menu-title = Autres boutons
menu-close = Fermer
idle-title = Vous êtes encore là ?
idle-text = { $seconds ->
    [one] Vous ne faites rien depuis un moment. Dans 1 seconde, tout sera effacé.
   *[other] Vous ne faites rien depuis un moment. Dans { $seconds } secondes, tout sera effacé.
}
idle-still-here = Je suis encore là
max-warning = { $minutes ->
    [one] Dans 1 minute, tout sera effacé. Enregistrez ou imprimez vos documents avant.
   *[other] Dans { $minutes } minutes, tout sera effacé. Enregistrez ou imprimez vos documents avant.
}
end-title = Vous avez fini ?
end-text = Tout va être effacé : les pages, les fichiers, ce que vous avez écrit.
end-confirm = Oui, j’ai fini
end-cancel = Non, je continue
files-title = Choisir un fichier à envoyer
files-intro = Voici les fichiers que vous avez enregistrés.
files-empty = Il n’y a pas encore de fichier. Quand vous téléchargez un document, il arrive ici.
files-cancel = Annuler
download-saved = Le fichier est enregistré : { $name }
download-refused-type = Ce fichier ne peut pas être enregistré sur cet ordinateur.
download-refused-size = Ce fichier est trop gros pour cet ordinateur.
download-failed = Il y a eu un problème. Le fichier n’est pas enregistré.
launcher-title = Que voulez-vous faire ?
launcher-search = Chercher un service
launcher-search-hint = Par exemple : CAF, impôts, ameli
launcher-no-result = Aucun service ne correspond à ces mots. Demandez de l’aide à l’accueil.
blocked-title = Cette page est bloquée sur cet ordinateur
blocked-address = Adresse bloquée : { $host }
blocked-help = Vous pouvez demander de l’aide à l’accueil.
blocked-back = Retour
blocked-home = Accueil
blocked-title-minor = Ce site est bloqué ici
blocked-category = Ce site parle de : { $category }.
blocked-help-minor = Ce n’est pas ta faute. Demande à un adulte. Ou demande à l’accueil.
crashed-title = La page a un problème
crashed-text = La page s’est arrêtée. Vous pouvez l’afficher encore une fois. Vous pouvez aussi revenir à l’accueil.
crashed-reload = Afficher la page encore une fois
not-found-title = Cette page n’existe pas
unavailable-title = Ordinateur en panne
unavailable-text = Vous ne pouvez pas utiliser cet ordinateur maintenant. Dites-le à l’accueil, s’il vous plaît.
category-papiers = Papiers d’identité
category-famille = Famille
category-social = Aides pour vivre
category-travail = Travail
category-logement = Logement, électricité et gaz
category-transports = Transports
category-argent = Impôts et argent
category-sante = Santé
category-retraite = Retraite
category-justice = Justice
category-etranger = Étrangers en France
category-education = École et formation
category-loisirs = Loisirs et culture
category-information = Connaître vos droits
category-connexion = Entrer dans un compte
category-accompagnement = Aide d’un conseiller
category-support = Outils des sites
unreachable-title = Le site ne répond pas
unreachable-text = Le site ne marche pas en ce moment. Attendez un peu. Puis essayez encore.
unreachable-tls-title = Ce site n’est pas sûr
unreachable-tls-text = Ce site n’a pas montré de preuve de sécurité. Pour vous protéger, la page n’est pas ouverte.
unreachable-retry = Essayer encore
print-unavailable = Vous ne pouvez pas imprimer sur cet ordinateur. Demandez à l’accueil.
help-button = Besoin d’aide ?
help-title = Besoin d’aide ?
help-intro = Quelque chose sur internet te fait peur ? Ou te fait du mal ?
help-no-answer = Ne réponds pas.
help-keep = Garde les messages. Ils peuvent aider à te protéger.
help-adult = Parle à un adulte. Tu peux parler à l’accueil.
help-3018 = Appelle le 3018 ou écris au 3018. C’est gratuit. Tu n’as pas besoin de dire ton nom.
help-119 = Tu es en danger ? Appelle le 119. Le jour et la nuit. C’est gratuit.
help-alert = Appeler l’accueil
help-alerted = L’accueil sait que tu as besoin d’aide. Quelqu’un va venir.
help-close = Fermer
clearing-text = L’ordinateur efface tout pour la personne suivante…

## Le guide des démarches
guide-search = Chercher ce que vous voulez faire
guide-search-hint = Par exemple : chômage, aide pour le loyer, carte grise, passeport
guide-all-sites = Tous les sites
guide-home = ← Que voulez-vous faire ?
guide-results = Ce que vous pouvez faire
guide-results-sites = Sites
guide-no-result = Rien ne correspond à ces mots. Essayez d’autres mots. Ou demandez de l’aide à l’accueil.
guide-before = Avant de commencer
guide-papers = Les papiers à préparer
guide-steps = Ce que vous allez faire
guide-time = { $minutes ->
    [one] Cela prend environ 1 minute.
   *[other] Cela prend environ { $minutes } minutes.
}
guide-franceconnect = Vous pouvez entrer avec FranceConnect. Par exemple avec votre compte des impôts, d’ameli ou de La Poste.
guide-start = Commencer maintenant
guide-missing = Il me manque des papiers
guide-missing-title = Ce n’est pas grave
guide-missing-text = Il vous manque un papier ? Demandez à l’accueil. Quelqu’un peut vous aider.
guide-missing-later = Vous pouvez aussi revenir un autre jour avec vos papiers.
guide-missing-back = Revoir la liste
guide-step = Étape { $step } sur { $steps }
guide-show-list = Voir la liste
guide-step-back = Étape d’avant
guide-step-next = Étape d’après
guide-checklist-title = Ce que vous faites
guide-close = Revenir au site
theme-papiers = Papiers d’identité
theme-famille = Famille
theme-social = Aides pour vivre
theme-travail = Travail
theme-logement = Logement, électricité et gaz
theme-transports = Permis et voiture
theme-argent = Impôts et argent
theme-sante = Santé
theme-retraite = Retraite
theme-etranger = Étrangers en France
