# لوحة المفاتيح على الشاشة (AZERTY).
keyboard-open = لوحة المفاتيح
keyboard-title = لوحة المفاتيح على الشاشة
a11y-on-screen-keyboard = لوحة المفاتيح على الشاشة عندما أكتب
keyboard-backspace = مسح
keyboard-enter = إدخال
keyboard-tab = الحقل التالي
keyboard-left = إلى اليسار
keyboard-right = إلى اليمين
keyboard-space = مسافة
keyboard-shift = حرف كبير
keyboard-caps-lock = تثبيت الأحرف الكبيرة
keyboard-hide = إخفاء لوحة المفاتيح
