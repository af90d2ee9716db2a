# Mode accompagné : un conseiller France Services aide l’usager sur ce poste.
advisor-open = Espace conseiller
pin-title = Espace conseiller
pin-intro = Tapez votre code.
pin-keys = Pavé numérique
pin-erase = Effacer
pin-erase-label = Effacer le dernier chiffre
pin-submit = Valider
pin-cancel = Annuler
pin-wrong = { $left ->
    [one] Code incorrect. Il reste 1 essai.
   *[other] Code incorrect. Il reste { $left } essais.
}
pin-locked = Trop d’essais. Réessayez dans { $minutes } min.
consent-title = Un conseiller vous accompagne
consent-intro = Avec votre accord :
consent-screen = le conseiller vous aide sur cet écran, à côté de vous ;
consent-passwords = il ne vous demande jamais vos mots de passe ;
consent-erase = à la fin, tout est effacé : vos pages et vos fichiers, et les connexions du conseiller.
consent-accept = J’accepte
consent-refuse = Non merci
assisted-badge = Accompagnement
assisted-end = Fin de l’accompagnement
assisted-curtain = Saisie confidentielle : le conseiller détourne le regard
assisted-end-title = Terminer l’accompagnement ?
assisted-end-text = Tout sera effacé : vos pages, vos fichiers et les connexions du conseiller. Une nouvelle session commencera.
welcome-receipt-assisted = L’accompagnement est terminé : votre session et les connexions du conseiller ont été effacées.
