# El teclado en pantalla (AZERTY).
keyboard-open = Teclado
keyboard-title = Teclado en pantalla
a11y-on-screen-keyboard = Teclado en pantalla cuando escribo
keyboard-backspace = Borrar
keyboard-enter = Intro
keyboard-tab = Campo siguiente
keyboard-left = Hacia la izquierda
keyboard-right = Hacia la derecha
keyboard-space = Espacio
keyboard-shift = Mayúscula
keyboard-caps-lock = Bloq Mayús
keyboard-hide = Ocultar el teclado
