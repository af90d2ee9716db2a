# Ekran klavyesi (AZERTY).
keyboard-open = Klavye
keyboard-title = Ekran klavyesi
a11y-on-screen-keyboard = Yazarken ekran klavyesi
keyboard-backspace = Sil
keyboard-enter = Enter
keyboard-tab = Sonraki alan
keyboard-left = Sola
keyboard-right = Sağa
keyboard-space = Boşluk
keyboard-shift = Büyük harf
keyboard-caps-lock = Büyük harf kilidi
keyboard-hide = Klavyeyi gizle
