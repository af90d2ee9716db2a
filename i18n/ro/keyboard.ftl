# Tastatura de pe ecran (AZERTY).
keyboard-open = Tastatură
keyboard-title = Tastatură pe ecran
a11y-on-screen-keyboard = Tastatură pe ecran când scriu
keyboard-backspace = Șterge
keyboard-enter = Enter
keyboard-tab = Câmpul următor
keyboard-left = Spre stânga
keyboard-right = Spre dreapta
keyboard-space = Spațiu
keyboard-shift = Majusculă
keyboard-caps-lock = Caps Lock
keyboard-hide = Ascunde tastatura
