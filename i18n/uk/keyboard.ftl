# Екранна клавіатура (AZERTY).
keyboard-open = Клавіатура
keyboard-title = Екранна клавіатура
a11y-on-screen-keyboard = Екранна клавіатура, коли я пишу
keyboard-backspace = Стерти
keyboard-enter = Enter
keyboard-tab = Наступне поле
keyboard-left = Ліворуч
keyboard-right = Праворуч
keyboard-space = Пробіл
keyboard-shift = Велика літера
keyboard-caps-lock = Caps Lock
keyboard-hide = Сховати клавіатуру
