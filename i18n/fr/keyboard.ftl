# Le clavier à l’écran (AZERTY) : le bouton de la barre, le réglage et les touches spéciales.
keyboard-open = Clavier
keyboard-title = Clavier à l’écran
a11y-on-screen-keyboard = Clavier à l’écran quand j’écris
keyboard-backspace = Effacer
keyboard-enter = Entrée
keyboard-tab = Champ suivant
keyboard-left = Vers la gauche
keyboard-right = Vers la droite
keyboard-space = Espace
keyboard-shift = Majuscule
keyboard-caps-lock = Verr. Maj
keyboard-hide = Masquer le clavier
