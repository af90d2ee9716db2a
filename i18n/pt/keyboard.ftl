# O teclado no ecrã (AZERTY).
keyboard-open = Teclado
keyboard-title = Teclado no ecrã
a11y-on-screen-keyboard = Teclado no ecrã quando escrevo
keyboard-backspace = Apagar
keyboard-enter = Enter
keyboard-tab = Campo seguinte
keyboard-left = Para a esquerda
keyboard-right = Para a direita
keyboard-space = Espaço
keyboard-shift = Maiúscula
keyboard-caps-lock = Caps Lock
keyboard-hide = Esconder o teclado
