# Экранная клавиатура (AZERTY).
keyboard-open = Клавиатура
keyboard-title = Экранная клавиатура
a11y-on-screen-keyboard = Экранная клавиатура, когда я пишу
keyboard-backspace = Стереть
keyboard-enter = Enter
keyboard-tab = Следующее поле
keyboard-left = Влево
keyboard-right = Вправо
keyboard-space = Пробел
keyboard-shift = Заглавная буква
keyboard-caps-lock = Caps Lock
keyboard-hide = Скрыть клавиатуру
