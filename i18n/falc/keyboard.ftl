# Le clavier sur l’écran, en FALC.
keyboard-open = Clavier
keyboard-title = Clavier sur l’écran
a11y-on-screen-keyboard = Clavier sur l’écran quand j’écris
keyboard-backspace = Effacer
keyboard-enter = Entrée
keyboard-tab = Case suivante
keyboard-left = Aller à gauche
keyboard-right = Aller à droite
keyboard-space = Espace
keyboard-shift = Majuscule
keyboard-caps-lock = Toujours en majuscules
keyboard-hide = Cacher le clavier
