# The on-screen keyboard (French AZERTY): the bar's button, the setting and the special keys.
keyboard-open = Keyboard
keyboard-title = On-screen keyboard
a11y-on-screen-keyboard = On-screen keyboard when I type
keyboard-backspace = Delete
keyboard-enter = Enter
keyboard-tab = Next field
keyboard-left = Left
keyboard-right = Right
keyboard-space = Space
keyboard-shift = Capital
keyboard-caps-lock = Caps Lock
keyboard-hide = Hide the keyboard
