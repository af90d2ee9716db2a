# صفحه‌کلید روی صفحه (AZERTY).
keyboard-open = صفحه‌کلید
keyboard-title = صفحه‌کلید روی صفحه
a11y-on-screen-keyboard = صفحه‌کلید روی صفحه هنگام نوشتن
keyboard-backspace = پاک کردن
keyboard-enter = ورود
keyboard-tab = فیلد بعدی
keyboard-left = به چپ
keyboard-right = به راست
keyboard-space = فاصله
keyboard-shift = حرف بزرگ
keyboard-caps-lock = قفل حروف بزرگ
keyboard-hide = پنهان کردن صفحه‌کلید
