# Екрани Guichet. Короткі речення, ввічливе звертання на «ви», без жаргону.
language-name = Українська
page-title = Guichet
welcome-title = Ласкаво просимо
welcome-intro = За цим комп’ютером ви можете оформити свої справи онлайн: CAF, податки, France Travail, ameli, посвідчення особи…
welcome-privacy = Наприкінці все, що ви робили, стирається: сторінки, файли, введені дані.
welcome-language = Оберіть мову
welcome-start = Почати
welcome-receipt-title = Ваш сеанс стерто.
welcome-receipt-detail = { $downloads ->
    [0] Відвідані сторінки, паролі та форми: на цьому комп’ютері нічого не залишилося.
    [one] Відвідані сторінки, паролі, форми та { $downloads } завантажений документ: на цьому комп’ютері нічого не залишилося.
    [few] Відвідані сторінки, паролі, форми та { $downloads } завантажені документи: на цьому комп’ютері нічого не залишилося.
    [many] Відвідані сторінки, паролі, форми та { $downloads } завантажених документів: на цьому комп’ютері нічого не залишилося.
   *[other] Відвідані сторінки, паролі, форми та { $downloads } завантаженого документа: на цьому комп’ютері нічого не залишилося.
}
bar-home = Головна
bar-back = Назад
bar-forward = Вперед
bar-reload = Оновити
bar-zoom-out = Менший текст
bar-zoom-in = Більший текст
bar-end = Завершити мій сеанс
bar-end-short = Завершити
bar-elapsed = Сеанс: { $minutes } хв
bar-time-left = Залишилося { $minutes } хв
bar-no-site = Сторінка послуг
bar-nav = Навігація
bar-more = Більше
bar-loading = Завантаження…
bar-site-blank = Порожня сторінка
bar-site-document = Документ із { $site }
bar-site-refused = Адресу відхилено: { $host }
menu-title = Інші дії
menu-close = Закрити
idle-title = Ви ще тут?
idle-text = { $seconds ->
    [one] Якщо ви нічого не зробите, сеанс завершиться через { $seconds } секунду і все буде стерто.
    [few] Якщо ви нічого не зробите, сеанс завершиться через { $seconds } секунди і все буде стерто.
    [many] Якщо ви нічого не зробите, сеанс завершиться через { $seconds } секунд і все буде стерто.
   *[other] Якщо ви нічого не зробите, сеанс завершиться через { $seconds } секунди і все буде стерто.
}
idle-still-here = Я ще тут
max-warning = Сеанс завершиться через { $minutes } хв. Не забудьте зберегти або надрукувати свої документи.
end-title = Завершити сеанс?
end-text = Усе, що ви робили за цим комп’ютером, буде стерто: сторінки, файли, введені дані.
end-confirm = Так, завершити
end-cancel = Ні, продовжити
files-title = Оберіть файл, щоб надіслати
files-intro = Ось файли, збережені під час вашого сеансу.
files-empty = Поки що файлів немає. Документи, які ви завантажите під час цього сеансу, з’являться тут.
files-cancel = Скасувати
download-saved = Файл збережено: { $name }
download-refused-type = Файли такого типу не можна зберегти на цьому комп’ютері.
download-refused-size = Цей файл завеликий для цього комп’ютера.
download-failed = Не вдалося зберегти файл.
launcher-title = Що ви хочете зробити?
launcher-search = Пошук послуги
launcher-search-hint = Наприклад: CAF, податки, ameli
launcher-no-result = Жодна послуга не знайдена. Ви можете попросити допомоги на рецепції.
blocked-title = Ця сторінка недоступна на цьому комп’ютері
blocked-address = Адресу відхилено: { $host }
blocked-help = Ви можете попросити допомоги на рецепції.
blocked-back = Назад
blocked-home = Головна
blocked-title-minor = Цей сайт тут недоступний
blocked-category = Це сайт із категорії «{ $category }».
blocked-help-minor = Це не твоя провина. Запитай дорослого або на рецепції.
crashed-title = На сторінці сталася проблема
crashed-text = Її зупинено. Ви можете оновити її або повернутися на головну.
crashed-reload = Оновити сторінку
not-found-title = Сторінку не знайдено
unavailable-title = Комп’ютер недоступний
unavailable-text = Цим комп’ютером зараз не можна користуватися. Будь ласка, повідомте на рецепції.
category-papiers = Документи, що посвідчують особу, і дозволи
category-famille = Сім’я
category-social = Соціальна допомога та виплати
category-travail = Робота
category-logement = Житло та енергія
category-transports = Транспорт
category-argent = Податки та гроші
category-sante = Здоров’я
category-retraite = Пенсія
category-justice = Правосуддя
category-etranger = Іноземці у Франції
category-education = Освіта
category-loisirs = Дозвілля та культура
category-information = Дізнатися про свої права
category-connexion = Вхід до облікового запису
category-accompagnement = Супровід
category-support = Технічні служби
unreachable-title = Сайт не відповідає
unreachable-text = Можливо, він тимчасово недоступний. Спробуйте ще раз за кілька хвилин.
unreachable-tls-title = Незахищене з’єднання
unreachable-tls-text = Цей сайт не надав дійсного сертифіката. З міркувань безпеки сторінку не відкрито.
unreachable-retry = Спробувати ще раз
print-unavailable = Друк на цьому комп’ютері недоступний. Запитайте на рецепції.
help-button = Потрібна допомога?
help-title = Потрібна допомога?
help-intro = Якщо щось в інтернеті тебе лякає, турбує або завдає тобі болю:
help-no-answer = Не відповідай.
help-keep = Не видаляй повідомлення: вони можуть допомогти тебе захистити.
help-adult = Поговори з дорослим, тут, на рецепції.
help-3018 = Зателефонуй або напиши на 3018: це безкоштовно й анонімно.
help-119 = Якщо ти в небезпеці, телефонуй на 119, вдень і вночі. Це безкоштовно.
help-alert = Повідомити рецепцію
help-alerted = Рецепцію повідомлено: до тебе підійдуть і допоможуть.
help-close = Закрити
clearing-text = Стирання попереднього сеансу…

## Довідник адміністративних справ
guide-search = Пошук справи
guide-search-hint = Наприклад: безробіття, APL, техпаспорт, паспорт
guide-all-sites = Усі сайти
guide-home = ← Що ви хочете зробити?
guide-results = Справи
guide-results-sites = Сайти
guide-no-result = Жодна справа не знайдена. Спробуйте інші слова або попросіть допомоги на рецепції.
guide-before = Перш ніж почати
guide-papers = Документи, які треба мати під рукою
guide-steps = Кроки
guide-time = { $minutes ->
    [one] Це займає приблизно { $minutes } хвилину.
    [few] Це займає приблизно { $minutes } хвилини.
    [many] Це займає приблизно { $minutes } хвилин.
   *[other] Це займає приблизно { $minutes } хвилини.
}
guide-franceconnect = Ви можете увійти через FranceConnect (наприклад, з обліковим записом impots.gouv.fr, ameli або La Poste).
guide-start = Почати справу
guide-missing = У мене не все є
guide-missing-title = Нічого страшного
guide-missing-text = Бракує документа? Запитайте на рецепції: вам допоможуть або пояснять, як обійтися без нього.
guide-missing-later = Ви також можете прийти іншого дня зі своїми документами.
guide-missing-back = Переглянути список ще раз
guide-step = Крок { $step } з { $steps }
guide-show-list = Переглянути список
guide-step-back = Попередній крок
guide-step-next = Наступний крок
guide-checklist-title = Ваша справа
guide-close = Повернутися на сайт
theme-papiers = Документи, що посвідчують особу
theme-famille = Сім’я
theme-social = Соціальна допомога
theme-travail = Робота
theme-logement = Житло та енергія
theme-transports = Права й автомобіль
theme-argent = Податки та гроші
theme-sante = Здоров’я
theme-retraite = Пенсія
theme-etranger = Іноземці у Франції
