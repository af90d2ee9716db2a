# Экраны Guichet. Короткие предложения, вежливое обращение на «вы», без жаргона.
language-name = Русский
page-title = Guichet
welcome-title = Добро пожаловать
welcome-intro = За этим компьютером вы можете оформить свои дела онлайн: CAF, налоги, France Travail, ameli, удостоверение личности…
welcome-privacy = В конце всё, что вы делали, стирается: страницы, файлы, введённые данные.
welcome-language = Выберите язык
welcome-start = Начать
welcome-receipt-title = Ваш сеанс стёрт.
welcome-receipt-detail = { $downloads ->
    [0] Посещённые страницы, пароли и формы: на этом компьютере ничего не осталось.
    [one] Посещённые страницы, пароли, формы и { $downloads } скачанный документ: на этом компьютере ничего не осталось.
    [few] Посещённые страницы, пароли, формы и { $downloads } скачанных документа: на этом компьютере ничего не осталось.
    [many] Посещённые страницы, пароли, формы и { $downloads } скачанных документов: на этом компьютере ничего не осталось.
   *[other] Посещённые страницы, пароли, формы и { $downloads } скачанного документа: на этом компьютере ничего не осталось.
}
bar-home = Главная
bar-back = Назад
bar-forward = Вперёд
bar-reload = Обновить
bar-zoom-out = Текст мельче
bar-zoom-in = Текст крупнее
bar-end = Завершить мой сеанс
bar-end-short = Завершить
bar-elapsed = Сеанс: { $minutes } мин
bar-time-left = Осталось { $minutes } мин
bar-no-site = Страница услуг
bar-nav = Навигация
bar-more = Ещё
bar-loading = Загрузка…
bar-site-blank = Пустая страница
bar-site-document = Документ с { $site }
bar-site-refused = Адрес отклонён: { $host }
menu-title = Другие действия
menu-close = Закрыть
idle-title = Вы ещё здесь?
idle-text = { $seconds ->
    [one] Если вы ничего не сделаете, сеанс закончится через { $seconds } секунду и всё будет стёрто.
    [few] Если вы ничего не сделаете, сеанс закончится через { $seconds } секунды и всё будет стёрто.
    [many] Если вы ничего не сделаете, сеанс закончится через { $seconds } секунд и всё будет стёрто.
   *[other] Если вы ничего не сделаете, сеанс закончится через { $seconds } секунды и всё будет стёрто.
}
idle-still-here = Я ещё здесь
max-warning = Сеанс закончится через { $minutes } мин. Не забудьте сохранить или распечатать свои документы.
end-title = Завершить сеанс?
end-text = Всё, что вы делали за этим компьютером, будет стёрто: страницы, файлы, введённые данные.
end-confirm = Да, завершить
end-cancel = Нет, продолжить
files-title = Выберите файл для отправки
files-intro = Вот файлы, сохранённые во время вашего сеанса.
files-empty = Пока файлов нет. Документы, которые вы скачаете во время этого сеанса, появятся здесь.
files-cancel = Отмена
download-saved = Файл сохранён: { $name }
download-refused-type = Файлы такого типа нельзя сохранить на этом компьютере.
download-refused-size = Этот файл слишком большой для этого компьютера.
download-failed = Не удалось сохранить файл.
launcher-title = Что вы хотите сделать?
launcher-search = Поиск услуги
launcher-search-hint = Например: CAF, налоги, ameli
launcher-no-result = Ни одна услуга не найдена. Вы можете попросить помощи на стойке приёма.
blocked-title = Эта страница недоступна на этом компьютере
blocked-address = Адрес отклонён: { $host }
blocked-help = Вы можете попросить помощи на стойке приёма.
blocked-back = Назад
blocked-home = Главная
blocked-title-minor = Этот сайт здесь недоступен
blocked-category = Это сайт из категории «{ $category }».
blocked-help-minor = Это не твоя вина. Спроси взрослого или на стойке приёма.
crashed-title = На странице произошла ошибка
crashed-text = Она остановлена. Вы можете обновить её или вернуться на главную.
crashed-reload = Обновить страницу
not-found-title = Страница не найдена
unavailable-title = Компьютер недоступен
unavailable-text = Этим компьютером сейчас нельзя пользоваться. Пожалуйста, сообщите на стойке приёма.
category-papiers = Документы, удостоверяющие личность, и разрешения
category-famille = Семья
category-social = Социальная помощь и пособия
category-travail = Работа
category-logement = Жильё и энергия
category-transports = Транспорт
category-argent = Налоги и деньги
category-sante = Здоровье
category-retraite = Пенсия
category-justice = Правосудие
category-etranger = Иностранцы во Франции
category-education = Образование
category-loisirs = Досуг и культура
category-information = Узнать о своих правах
category-connexion = Вход в учётную запись
category-accompagnement = Сопровождение
category-support = Технические службы
unreachable-title = Сайт не отвечает
unreachable-text = Возможно, он временно недоступен. Попробуйте снова через несколько минут.
unreachable-tls-title = Незащищённое соединение
unreachable-tls-text = Этот сайт не предъявил действительный сертификат. Для вашей безопасности страница не открыта.
unreachable-retry = Повторить
print-unavailable = Печать на этом компьютере недоступна. Спросите на стойке приёма.
help-button = Нужна помощь?
help-title = Нужна помощь?
help-intro = Если что-то в интернете тебя пугает, беспокоит или причиняет тебе боль:
help-no-answer = Не отвечай.
help-keep = Не удаляй сообщения: они могут помочь тебя защитить.
help-adult = Поговори со взрослым, здесь, на стойке приёма.
help-3018 = Позвони или напиши на 3018: это бесплатно и анонимно.
help-119 = Если ты в опасности, звони на 119, днём и ночью. Это бесплатно.
help-alert = Сообщить на стойку приёма
help-alerted = На стойку приёма сообщили: к тебе подойдут и помогут.
help-close = Закрыть
clearing-text = Стираем предыдущий сеанс…

## Справочник административных дел
guide-search = Поиск дела
guide-search-hint = Например: безработица, APL, техпаспорт, паспорт
guide-all-sites = Все сайты
guide-home = ← Что вы хотите сделать?
guide-results = Дела
guide-results-sites = Сайты
guide-no-result = Ни одно дело не найдено. Попробуйте другие слова или попросите помощи на стойке приёма.
guide-before = Прежде чем начать
guide-papers = Документы, которые нужно иметь под рукой
guide-steps = Шаги
guide-time = { $minutes ->
    [one] Это занимает примерно { $minutes } минуту.
    [few] Это занимает примерно { $minutes } минуты.
    [many] Это занимает примерно { $minutes } минут.
   *[other] Это занимает примерно { $minutes } минуты.
}
guide-franceconnect = Вы можете войти через FranceConnect (например, с учётной записью impots.gouv.fr, ameli или La Poste).
guide-start = Начать дело
guide-missing = У меня не всё есть
guide-missing-title = Ничего страшного
guide-missing-text = Не хватает документа? Спросите на стойке приёма: вам помогут или подскажут, как обойтись без него.
guide-missing-later = Вы также можете прийти в другой день со своими документами.
guide-missing-back = Посмотреть список ещё раз
guide-step = Шаг { $step } из { $steps }
guide-show-list = Посмотреть список
guide-step-back = Предыдущий шаг
guide-step-next = Следующий шаг
guide-checklist-title = Ваше дело
guide-close = Вернуться на сайт
theme-papiers = Документы, удостоверяющие личность
theme-famille = Семья
theme-social = Социальная помощь
theme-travail = Работа
theme-logement = Жильё и энергия
theme-transports = Права и автомобиль
theme-argent = Налоги и деньги
theme-sante = Здоровье
theme-retraite = Пенсия
theme-etranger = Иностранцы во Франции
