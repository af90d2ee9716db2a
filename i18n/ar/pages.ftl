# شاشات Guichet. جمل قصيرة، بلغة مهذبة، بدون مصطلحات تقنية.
language-name = العربية
page-title = Guichet
welcome-title = مرحبًا بك
# { "\u200F" } (RIGHT-TO-LEFT MARK) after a comma between two Latin names keeps the list in right-to-left order.
welcome-intro = على هذا الجهاز، يمكنك القيام بإجراءاتك الإدارية على الإنترنت: CAF، الضرائب، France Travail،{ "\u200F" } ameli، بطاقة الهوية…
welcome-privacy = في النهاية، يُمحى كل ما فعلته: الصفحات والملفات وما كتبته.
welcome-language = اختر اللغة
welcome-start = ابدأ
welcome-receipt-title = تم محو جلستك.
welcome-receipt-detail = { $downloads ->
    [0] الصفحات التي زرتها وكلمات المرور والاستمارات: لم يبقَ أي شيء منها على هذا الجهاز.
    [one] الصفحات التي زرتها وكلمات المرور والاستمارات والمستند الذي نزّلته: لم يبقَ أي شيء منها على هذا الجهاز.
    [two] الصفحات التي زرتها وكلمات المرور والاستمارات والمستندان اللذان نزّلتهما: لم يبقَ أي شيء منها على هذا الجهاز.
    [few] الصفحات التي زرتها وكلمات المرور والاستمارات و{ $downloads } مستندات نزّلتها: لم يبقَ أي شيء منها على هذا الجهاز.
    [many] الصفحات التي زرتها وكلمات المرور والاستمارات و{ $downloads } مستندًا نزّلته: لم يبقَ أي شيء منها على هذا الجهاز.
   *[other] الصفحات التي زرتها وكلمات المرور والاستمارات و{ $downloads } مستند نزّلته: لم يبقَ أي شيء منها على هذا الجهاز.
}
bar-home = الرئيسية
bar-back = رجوع
bar-forward = التالي
bar-reload = إعادة التحميل
bar-zoom-out = نص أصغر
bar-zoom-in = نص أكبر
bar-end = إنهاء جلستي
bar-end-short = إنهاء
bar-elapsed = { $minutes ->
    [zero] الجلسة: أقل من دقيقة
    [one] الجلسة: دقيقة واحدة
    [two] الجلسة: دقيقتان
    [few] الجلسة: { $minutes } دقائق
    [many] الجلسة: { $minutes } دقيقة
   *[other] الجلسة: { $minutes } دقيقة
}
bar-time-left = { $minutes ->
    [zero] بقيت أقل من دقيقة
    [one] بقيت دقيقة واحدة
    [two] بقيت دقيقتان
    [few] بقيت { $minutes } دقائق
    [many] بقيت { $minutes } دقيقة
   *[other] بقيت { $minutes } دقيقة
}
bar-no-site = صفحة الخدمات
bar-nav = التنقل
bar-more = المزيد
bar-loading = جارٍ التحميل…
bar-site-blank = صفحة فارغة
bar-site-document = مستند من { $site }
bar-site-refused = عنوان مرفوض: { $host }
menu-title = إجراءات أخرى
menu-close = إغلاق
idle-title = هل ما زلت هنا؟
idle-text = { $seconds ->
    [zero] إذا لم تفعل شيئًا، تنتهي الجلسة الآن ويُمحى كل شيء.
    [one] إذا لم تفعل شيئًا، تنتهي الجلسة بعد ثانية واحدة ويُمحى كل شيء.
    [two] إذا لم تفعل شيئًا، تنتهي الجلسة بعد ثانيتين ويُمحى كل شيء.
    [few] إذا لم تفعل شيئًا، تنتهي الجلسة بعد { $seconds } ثوانٍ ويُمحى كل شيء.
    [many] إذا لم تفعل شيئًا، تنتهي الجلسة بعد { $seconds } ثانية ويُمحى كل شيء.
   *[other] إذا لم تفعل شيئًا، تنتهي الجلسة بعد { $seconds } ثانية ويُمحى كل شيء.
}
idle-still-here = ما زلت هنا
max-warning = { $minutes ->
    [zero] تنتهي الجلسة الآن. فكّر في حفظ مستنداتك أو طباعتها.
    [one] تنتهي الجلسة بعد دقيقة واحدة. فكّر في حفظ مستنداتك أو طباعتها.
    [two] تنتهي الجلسة بعد دقيقتين. فكّر في حفظ مستنداتك أو طباعتها.
    [few] تنتهي الجلسة بعد { $minutes } دقائق. فكّر في حفظ مستنداتك أو طباعتها.
    [many] تنتهي الجلسة بعد { $minutes } دقيقة. فكّر في حفظ مستنداتك أو طباعتها.
   *[other] تنتهي الجلسة بعد { $minutes } دقيقة. فكّر في حفظ مستنداتك أو طباعتها.
}
end-title = هل تريد إنهاء الجلسة؟
end-text = سيُمحى كل ما فعلته على هذا الجهاز: الصفحات والملفات وما كتبته.
end-confirm = نعم، إنهاء
end-cancel = لا، متابعة
files-title = اختر ملفًا لإرساله
files-intro = هذه هي الملفات المحفوظة خلال جلستك.
files-empty = لا يوجد أي ملف حاليًا. المستندات التي تنزّلها خلال هذه الجلسة تظهر هنا.
files-cancel = إلغاء
download-saved = تم حفظ الملف: { $name }
download-refused-type = لا يمكن حفظ هذا النوع من الملفات على هذا الجهاز.
download-refused-size = هذا الملف كبير جدًا بالنسبة لهذا الجهاز.
download-failed = لم يتم حفظ الملف.
launcher-title = ماذا تريد أن تفعل؟
launcher-search = ابحث عن خدمة
launcher-search-hint = مثلًا: CAF، الضرائب، ameli
launcher-no-result = لا توجد خدمة مطابقة. يمكنك طلب المساعدة من موظف الاستقبال.
blocked-title = هذه الصفحة غير متاحة على هذا الجهاز
blocked-address = عنوان مرفوض: { $host }
blocked-help = يمكنك طلب المساعدة من موظف الاستقبال.
blocked-back = رجوع
blocked-home = الرئيسية
blocked-title-minor = هذا الموقع غير متاح هنا
blocked-category = هذا موقع من فئة «{ $category }».
blocked-help-minor = هذا ليس خطأك. اسأل شخصًا بالغًا أو موظف الاستقبال.
crashed-title = حدثت مشكلة في الصفحة
crashed-text = تم إيقافها. يمكنك إعادة تحميلها أو الرجوع إلى الرئيسية.
crashed-reload = إعادة تحميل الصفحة
not-found-title = الصفحة غير موجودة
unavailable-title = الجهاز غير متاح
unavailable-text = لا يمكن استعمال هذا الجهاز الآن. من فضلك أخبر موظف الاستقبال.
category-papiers = وثائق الهوية والتصاريح
category-famille = الأسرة
category-social = المساعدات والإعانات الاجتماعية
category-travail = العمل
category-logement = السكن والطاقة
category-transports = النقل
category-argent = الضرائب والمال
category-sante = الصحة
category-retraite = التقاعد
category-justice = العدالة
category-etranger = الأجانب في فرنسا
category-education = التعليم
category-loisirs = الترفيه والثقافة
category-information = التعرّف على حقوقك
category-connexion = تسجيل الدخول
category-accompagnement = المرافقة
category-support = خدمات تقنية
unreachable-title = الموقع لا يستجيب
unreachable-text = ربما هو غير متاح مؤقتًا. حاول مرة أخرى بعد لحظات.
unreachable-tls-title = اتصال غير آمن
unreachable-tls-text = هذا الموقع لم يقدّم شهادة صالحة. لسلامتك، لم تُفتح الصفحة.
unreachable-retry = إعادة المحاولة
print-unavailable = الطباعة غير متاحة على هذا الجهاز. اسأل موظف الاستقبال.
help-button = تحتاج مساعدة؟
help-title = تحتاج مساعدة؟
help-intro = إذا كان شيء ما على الإنترنت يخيفك أو يزعجك أو يؤذيك:
help-no-answer = لا تردّ.
help-keep = لا تمسح الرسائل: يمكن أن تساعد في حمايتك.
help-adult = تحدّث مع شخص بالغ، هنا، في الاستقبال.
help-3018 = اتصل أو اكتب إلى الرقم 3018: الخدمة مجانية ولا تحتاج إلى ذكر اسمك.
help-119 = إذا كنت في خطر، اتصل بالرقم 119، ليلًا ونهارًا. الاتصال مجاني.
help-alert = أخبر موظف الاستقبال
help-alerted = تم إخبار موظف الاستقبال: سيأتي شخص لمساعدتك.
help-close = إغلاق
clearing-text = جارٍ محو الجلسة السابقة…

## دليل الإجراءات
guide-search = ابحث عن إجراء
guide-search-hint = مثلًا: البطالة، APL، البطاقة الرمادية، جواز السفر
guide-all-sites = كل المواقع
guide-home = → ماذا تريد أن تفعل؟
guide-results = الإجراءات
guide-results-sites = المواقع
guide-no-result = لا يوجد إجراء مطابق. جرّب كلمات أخرى، أو اطلب المساعدة من موظف الاستقبال.
guide-before = قبل أن تبدأ
guide-papers = الأوراق التي يجب أن تكون في يدك
guide-steps = الخطوات
guide-time = { $minutes ->
    [zero] يستغرق ذلك أقل من دقيقة.
    [one] يستغرق ذلك دقيقة واحدة تقريبًا.
    [two] يستغرق ذلك دقيقتين تقريبًا.
    [few] يستغرق ذلك { $minutes } دقائق تقريبًا.
    [many] يستغرق ذلك { $minutes } دقيقة تقريبًا.
   *[other] يستغرق ذلك { $minutes } دقيقة تقريبًا.
}
guide-franceconnect = يمكنك تسجيل الدخول عبر FranceConnect (مثلًا بحسابك في impots.gouv.fr أو ameli أو La Poste).
guide-start = ابدأ الإجراء
guide-missing = ليس عندي كل الأوراق
guide-missing-title = لا بأس
guide-missing-text = تنقصك ورقة؟ اسأل موظف الاستقبال: يمكن لشخص أن يساعدك، أو أن يشرح لك كيف تفعل بدونها.
guide-missing-later = يمكنك أيضًا العودة في يوم آخر مع أوراقك.
guide-missing-back = رؤية القائمة مرة أخرى
guide-step = الخطوة { $step } من { $steps }
guide-show-list = رؤية القائمة
guide-step-back = الخطوة السابقة
guide-step-next = الخطوة التالية
guide-checklist-title = إجراؤك
guide-close = الرجوع إلى الموقع
theme-papiers = وثائق الهوية
theme-famille = الأسرة
theme-social = المساعدات الاجتماعية
theme-travail = العمل
theme-logement = السكن والطاقة
theme-transports = رخصة السياقة والسيارة
theme-argent = الضرائب والمال
theme-sante = الصحة
theme-retraite = التقاعد
theme-etranger = الأجانب في فرنسا
