# Avec un conseiller France Services, en FALC.
advisor-open = Pour le conseiller
pin-title = Pour le conseiller
pin-intro = Tapez votre code.
pin-keys = Chiffres
pin-erase = Effacer
pin-erase-label = Effacer le dernier chiffre
pin-submit = Valider
pin-cancel = Annuler
pin-wrong = { $left ->
    [one] Ce code n’est pas le bon. Vous pouvez essayer encore 1 fois.
   *[other] Ce code n’est pas le bon. Vous pouvez essayer encore { $left } fois.
}
pin-locked = { $minutes ->
    [one] Vous avez essayé trop de fois. Attendez 1 minute. Puis essayez encore.
   *[other] Vous avez essayé trop de fois. Attendez { $minutes } minutes. Puis essayez encore.
}
consent-title = Un conseiller va vous aider
consent-intro = Êtes-vous d’accord avec ces 3 règles ?
consent-screen = Le conseiller est à côté de vous. Il vous aide sur cet écran.
consent-passwords = Le conseiller ne demande jamais vos mots de passe.
consent-erase = À la fin, tout est effacé : vos pages, vos fichiers et les comptes du conseiller.
consent-accept = Oui, je suis d’accord
consent-refuse = Non merci
assisted-badge = Avec un conseiller
assisted-end = Fin de l’aide
assisted-curtain = Mot de passe : le conseiller ne regarde pas l’écran
assisted-end-title = Finir l’aide du conseiller ?
assisted-end-text = Tout va être effacé : vos pages, vos fichiers et les comptes du conseiller. Ensuite, tout recommence au début.
welcome-receipt-assisted = L’aide du conseiller est finie. Tout est effacé : vos pages et les comptes du conseiller.
