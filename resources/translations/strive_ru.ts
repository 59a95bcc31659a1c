<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About STRIVE Desktop</source>
        <translation>О программе STRIVE Desktop</translation>
    </message>
    <message>
        <source>Offline data entry for the STRIVE Asia community prevention programme in Kyrgyzstan.</source>
        <translation>Ввод данных без интернета для программы профилактики STRIVE Asia в сообществах Кыргызстана.</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Версия:</translation>
    </message>
    <message>
        <source>Build date:</source>
        <translation>Дата сборки:</translation>
    </message>
    <message>
        <source>not a built package (run from the sources)</source>
        <translation>не собранный пакет (запуск из исходного кода)</translation>
    </message>
    <message>
        <source>Python:</source>
        <translation>Python:</translation>
    </message>
    <message>
        <source>Qt:</source>
        <translation>Qt:</translation>
    </message>
    <message>
        <source>Data folder:</source>
        <translation>Папка данных:</translation>
    </message>
    <message>
        <source>&amp;Copy details</source>
        <translation>&amp;Копировать сведения</translation>
    </message>
    <message>
        <source>Copy these facts, e.g. into an e-mail to support</source>
        <translation>Скопировать эти сведения, например, в письмо в поддержку</translation>
    </message>
    <message>
        <source>&amp;Open data folder</source>
        <translation>&amp;Открыть папку данных</translation>
    </message>
    <message>
        <source>Copied</source>
        <translation>Скопировано</translation>
    </message>
</context>
<context>
    <name>AccountDialog</name>
    <message>
        <source>Change my password</source>
        <translation>Сменить мой пароль</translation>
    </message>
    <message>
        <source>New password for {name}</source>
        <translation>Новый пароль для {name}</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>Новая учётная запись</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Имя:</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Роль:</translation>
    </message>
    <message>
        <source>&amp;Current password:</source>
        <translation>&amp;Текущий пароль:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Пароль:</translation>
    </message>
    <message>
        <source>R&amp;epeat it:</source>
        <translation>П&amp;овторите его:</translation>
    </message>
    <message>
        <source>The password opens the encrypted data: keep it safe. An administrator can set a new one if it is forgotten.</source>
        <translation>Пароль открывает зашифрованные данные: храните его надёжно. Если пароль забыт, администратор может задать новый.</translation>
    </message>
</context>
<context>
    <name>ActivitiesModel</name>
    <message>
        <source>Amounts in som</source>
        <translation>Суммы в сомах</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Мероприятие</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>Ответственный</translation>
    </message>
    <message>
        <source>Partners</source>
        <translation>Партнёры</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Начало</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Окончание</translation>
    </message>
    <message>
        <source>Project, som</source>
        <translation>Проект, сом</translation>
    </message>
    <message>
        <source>Local, som</source>
        <translation>Местный, сом</translation>
    </message>
    <message>
        <source>Other, som</source>
        <translation>Другие, сом</translation>
    </message>
    <message>
        <source>Total, som</source>
        <translation>Итого, сом</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>Индикатор</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Enter a date as day.month.year, e.g. 15.03.2026.</source>
        <translation>Введите дату в виде день.месяц.год, например 15.03.2026.</translation>
    </message>
</context>
<context>
    <name>ActivitiesTab</name>
    <message>
        <source>Add ac&amp;tivity</source>
        <translation>Добавить &amp;мероприятие</translation>
    </message>
    <message>
        <source>Re&amp;move</source>
        <translation>&amp;Удалить</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>&amp;Выше</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>Ни&amp;же</translation>
    </message>
    <message>
        <source>Type or double-click to edit a cell; Delete empties it. Amounts in som.</source>
        <translation>Чтобы изменить ячейку, начните печатать или дважды щёлкните; Delete очищает её. Суммы в сомах.</translation>
    </message>
</context>
<context>
    <name>AdvisoryGroupPage</name>
    <message>
        <source>&amp;Group:</source>
        <translation>&amp;Группа:</translation>
    </message>
    <message>
        <source>New group…</source>
        <translation>Новая группа…</translation>
    </message>
    <message>
        <source>&amp;Add member</source>
        <translation>&amp;Добавить участника</translation>
    </message>
    <message>
        <source>Add a member (Ctrl+N)</source>
        <translation>Добавить участника (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Изменить</translation>
    </message>
    <message>
        <source>&amp;Move…</source>
        <translation>&amp;Перевести…</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>И&amp;сключить</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>Ис&amp;тория</translation>
    </message>
    <message>
        <source>Create the advisory group</source>
        <translation>Создать консультативную группу</translation>
    </message>
    <message>
        <source>Advisory group</source>
        <translation>Консультативная группа</translation>
    </message>
    <message>
        <source>All communities: choose a group, or a community at the top.</source>
        <translation>Все сообщества: выберите группу или сообщество вверху.</translation>
    </message>
    <message>
        <source>There are no advisory groups yet.</source>
        <translation>Консультативных групп пока нет.</translation>
    </message>
    <message>
        <source>{community} has no advisory group yet. Create it, then add its members.</source>
        <translation>В сообществе {community} пока нет консультативной группы. Создайте её и добавьте участников.</translation>
    </message>
    <message>
        <source>formed {date}</source>
        <translation>создана {date}</translation>
    </message>
    <message>
        <source>STRIVE Desktop</source>
        <translation>STRIVE Desktop</translation>
    </message>
    <message>
        <source>Choose a community at the top first.</source>
        <translation>Сначала выберите сообщество вверху.</translation>
    </message>
    <message>
        <source>{name} was removed from the group (kept in the history).</source>
        <translation>{name} исключён(а) из группы (остаётся в истории).</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Sorry, something went wrong. Your saved data is safe.
The details were written to:
{path}</source>
        <translation>Извините, что-то пошло не так. Сохранённые данные в безопасности.
Подробности записаны в файл:
{path}</translation>
    </message>
</context>
<context>
    <name>AppContext</name>
    <message>
        <source>STRIVE Desktop</source>
        <translation>STRIVE Desktop</translation>
    </message>
    <message>
        <source>Sorry, something went wrong. Your saved data is safe.
The details were written to:
{path}</source>
        <translation>Извините, что-то пошло не так. Сохранённые данные в безопасности.
Подробности записаны в файл:
{path}</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>AttendanceModel</name>
    <message>
        <source>{date}
{hours} h</source>
        <translation>{date}
{hours} ч</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>ФИО</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Сектор</translation>
    </message>
    <message>
        <source>Hours
of {total}</source>
        <translation>Часы
из {total}</translation>
    </message>
    <message>
        <source>Rate</source>
        <translation>Доля</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Завершил(а)</translation>
    </message>
    <message>
        <source>Session of {date}, {hours} hours</source>
        <translation>Занятие {date}, {hours} ч</translation>
    </message>
    <message>
        <source>Completed: attended at least {share} of the hours</source>
        <translation>Завершил(а): посетил(а) не менее {share} часов</translation>
    </message>
    <message>
        <source>Walk-in: not a member of the advisory group</source>
        <translation>Пришёл(а) сам(а): не член консультативной группы</translation>
    </message>
    <message>
        <source>present</source>
        <translation>присутствовал(а)</translation>
    </message>
    <message>
        <source>absent</source>
        <translation>отсутствовал(а)</translation>
    </message>
    <message>
        <source>{name}, {date}: {state}</source>
        <translation>{name}, {date}: {state}</translation>
    </message>
    <message numerus="yes">
        <source>Total: %n participant(s)</source>
        <translation>
            <numerusform>Всего: %Ln участник</numerusform>
            <numerusform>Всего: %Ln участника</numerusform>
            <numerusform>Всего: %Ln участников</numerusform>
        </translation>
    </message>
    <message>
        <source>Present at the session of {date}</source>
        <translation>Присутствовали на занятии {date}</translation>
    </message>
    <message>
        <source>Average attendance rate</source>
        <translation>Средняя посещаемость</translation>
    </message>
    <message>
        <source>Participants who completed the training</source>
        <translation>Участники, завершившие тренинг</translation>
    </message>
</context>
<context>
    <name>CertificateSettingsWidget</name>
    <message>
        <source>Name</source>
        <translation>ФИО</translation>
    </message>
    <message>
        <source>Title (printed under the name)</source>
        <translation>Должность (печатается под именем)</translation>
    </message>
    <message>
        <source>Signatory {n}:</source>
        <translation>Подписант {n}:</translation>
    </message>
    <message>
        <source>e.g. Өмүрбек Түлөгөнов</source>
        <translation>например, Өмүрбек Түлөгөнов</translation>
    </message>
    <message>
        <source>optional, e.g. the implementing partner</source>
        <translation>необязательно, например, партнёр-исполнитель</translation>
    </message>
    <message>
        <source>Extra line under the programme name:</source>
        <translation>Дополнительная строка под названием программы:</translation>
    </message>
    <message>
        <source>Logo, top left</source>
        <translation>Логотип слева вверху</translation>
    </message>
    <message>
        <source>Logo, top right</source>
        <translation>Логотип справа вверху</translation>
    </message>
    <message>
        <source>Logo, top centre</source>
        <translation>Логотип вверху по центру</translation>
    </message>
    <message>
        <source>Certificate settings saved.</source>
        <translation>Настройки сертификатов сохранены.</translation>
    </message>
    <message>
        <source>Title in Russian</source>
        <translation>Должность на русском</translation>
    </message>
    <message>
        <source>Title in English</source>
        <translation>Должность на английском</translation>
    </message>
    <message>
        <source>e.g. {example}</source>
        <translation>например, {example}</translation>
    </message>
    <message>
        <source>Each certificate is printed in its language: where no Russian or English title is given, the first title is used, but Cyrillic never goes on an English certificate.</source>
        <translation>Каждый сертификат печатается на своём языке: если должность на русском или английском не указана, используется первая, но кириллица никогда не попадает на английский сертификат.</translation>
    </message>
    <message>
        <source>The same in Russian:</source>
        <translation>То же на русском:</translation>
    </message>
    <message>
        <source>The same in English:</source>
        <translation>То же на английском:</translation>
    </message>
    <message>
        <source>{community} uses the settings for all communities again.</source>
        <translation>{community} снова использует настройки для всех сообществ.</translation>
    </message>
    <message>
        <source>Set by headquarters on {date}; changed here since. Headquarters&apos; next change replaces them.</source>
        <translation>Установлены головным офисом {date}; с тех пор изменены здесь. Следующее изменение в головном офисе заменит их.</translation>
    </message>
    <message>
        <source>Set by headquarters on {date}. Changes made here stay until headquarters changes them again.</source>
        <translation>Установлены головным офисом {date}. Изменения, сделанные здесь, сохраняются, пока головной офис не изменит их снова.</translation>
    </message>
    <message>
        <source>Used on the certificates of every community that has no settings of its own, and sent to their offices.</source>
        <translation>Используются в сертификатах каждого сообщества, у которого нет своих настроек, и отправляются в их офисы.</translation>
    </message>
    <message>
        <source>{community} has settings of its own (changed on {date}); they are sent to its office with the next return package.</source>
        <translation>У сообщества {community} свои настройки (изменены {date}); они будут отправлены в его офис со следующим обратным пакетом.</translation>
    </message>
    <message>
        <source>{community} uses the settings for all communities; a change made here gives it settings of its own.</source>
        <translation>{community} использует настройки для всех сообществ; изменение здесь даст ему собственные настройки.</translation>
    </message>
    <message>
        <source>Use the settings for all communities</source>
        <translation>Использовать настройки для всех сообществ</translation>
    </message>
    <message>
        <source>Certificates of:</source>
        <translation>Сертификаты для:</translation>
    </message>
    <message>
        <source>All communities (default)</source>
        <translation>Все сообщества (по умолчанию)</translation>
    </message>
</context>
<context>
    <name>CertificatesDialog</name>
    <message>
        <source>Certificates</source>
        <translation>Сертификаты</translation>
    </message>
    <message>
        <source>Participant</source>
        <translation>Участник</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Часы</translation>
    </message>
    <message>
        <source>Certificate</source>
        <translation>Сертификат</translation>
    </message>
    <message>
        <source>Serial number or reason</source>
        <translation>Серийный номер или причина</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Язык:</translation>
    </message>
    <message>
        <source>One PDF for printing</source>
        <translation>Один PDF для печати</translation>
    </message>
    <message>
        <source>One PDF per person, into a folder:</source>
        <translation>По одному PDF на человека, в папку:</translation>
    </message>
    <message>
        <source>choose a folder</source>
        <translation>выберите папку</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <source>Output:</source>
        <translation>Результат:</translation>
    </message>
    <message>
        <source>&amp;Revoke…</source>
        <translation>&amp;Отозвать…</translation>
    </message>
    <message>
        <source>C&amp;heck a certificate…</source>
        <translation>Про&amp;верить сертификат…</translation>
    </message>
    <message>
        <source>Check a printed certificate against the register: its serial number and verification code</source>
        <translation>Проверить напечатанный сертификат по реестру: номер и код проверки</translation>
    </message>
    <message>
        <source>&amp;Create PDF</source>
        <translation>&amp;Создать PDF</translation>
    </message>
    <message>
        <source>No signer is set: the certificates will have no signature lines. Set them in Settings → Certificates.</source>
        <translation>Подписанты не указаны: на сертификатах не будет строк для подписи. Укажите их в разделе «Настройки → Сертификаты».</translation>
    </message>
    <message>
        <source>Open Settings</source>
        <translation>Открыть настройки</translation>
    </message>
    <message>
        <source>{community}, {dates}, {hours} hours. A certificate needs at least {share} of the hours.</source>
        <translation>{community}, {dates}, {hours} ч. Для сертификата нужно не менее {share} часов.</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Да</translation>
    </message>
    <message>
        <source>new serial number when printed</source>
        <translation>новый номер при печати</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Нет</translation>
    </message>
    <message>
        <source>Untick to leave this person out of this print run.</source>
        <translation>Снимите отметку, чтобы не печатать для этого человека.</translation>
    </message>
    <message>
        <source>{n} of {total} participants get a certificate; {out} do not.</source>
        <translation>Сертификат получат {n} из {total} участников; {out} — нет.</translation>
    </message>
    <message>
        <source>Folder for the certificates</source>
        <translation>Папка для сертификатов</translation>
    </message>
    <message>
        <source>Revoke certificate</source>
        <translation>Отозвать сертификат</translation>
    </message>
    <message>
        <source>Certificate {serial} will no longer be valid; it stays in the register as revoked.
A new certificate with a new number can be printed afterwards.
Why is it revoked?</source>
        <translation>Сертификат {serial} больше не будет действительным; в реестре он останется как отозванный.
После этого можно напечатать новый сертификат с новым номером.
Почему он отзывается?</translation>
    </message>
    <message>
        <source>These certificates will print with no signature lines and no logos.</source>
        <translation>Эти сертификаты будут напечатаны без строк для подписей и без логотипов.</translation>
    </message>
    <message>
        <source>These certificates will print with no signature lines.</source>
        <translation>Эти сертификаты будут напечатаны без строк для подписей.</translation>
    </message>
    <message>
        <source>These certificates will print with no logos.</source>
        <translation>Эти сертификаты будут напечатаны без логотипов.</translation>
    </message>
    <message>
        <source>Signers and logos are set in Settings → Certificates. Print the certificates anyway?</source>
        <translation>Подписи и логотипы задаются в разделе «Настройки → Сертификаты». Всё равно напечатать сертификаты?</translation>
    </message>
    <message>
        <source>Print anyway</source>
        <translation>Всё равно напечатать</translation>
    </message>
    <message>
        <source>{n} certificate(s) written to {folder}</source>
        <translation>Сертификатов записано в {folder}: {n}</translation>
    </message>
    <message>
        <source>Open folder</source>
        <translation>Открыть папку</translation>
    </message>
</context>
<context>
    <name>CompareDialog</name>
    <message>
        <source>Compare plan versions</source>
        <translation>Сравнение версий плана</translation>
    </message>
    <message>
        <source>Differences between the two versions: {n}</source>
        <translation>Различий между версиями: {n}</translation>
    </message>
    <message>
        <source>The two versions are the same.</source>
        <translation>Версии совпадают.</translation>
    </message>
    <message>
        <source>Yellow: changed · green: added · red: removed</source>
        <translation>Жёлтым: изменено · зелёным: добавлено · красным: удалено</translation>
    </message>
    <message>
        <source>Show &amp;only differences</source>
        <translation>Показывать &amp;только различия</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Период</translation>
    </message>
    <message>
        <source>Context and conflict analysis</source>
        <translation>Контекст и анализ конфликтов</translation>
    </message>
    <message>
        <source>Vulnerable groups addressed</source>
        <translation>Охваченные уязвимые группы</translation>
    </message>
    <message>
        <source>Objectives</source>
        <translation>Цели</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>Ответственный</translation>
    </message>
    <message>
        <source>Partners</source>
        <translation>Партнёры</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Начало</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Окончание</translation>
    </message>
    <message>
        <source>Budget: project, som</source>
        <translation>Бюджет: проект, сом</translation>
    </message>
    <message>
        <source>Budget: local, som</source>
        <translation>Бюджет: местный, сом</translation>
    </message>
    <message>
        <source>Budget: other, som</source>
        <translation>Бюджет: другие, сом</translation>
    </message>
    <message>
        <source>Budget: total, som</source>
        <translation>Бюджет: всего, сом</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>Индикатор</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>План</translation>
    </message>
    <message>
        <source>added</source>
        <translation>добавлено</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>удалено</translation>
    </message>
    <message>
        <source>Activity {n}: {title}</source>
        <translation>Мероприятие {n}: {title}</translation>
    </message>
</context>
<context>
    <name>DashboardPage</name>
    <message>
        <source>Donor summary (PDF)…</source>
        <translation>Сводка для донора (PDF)…</translation>
    </message>
    <message>
        <source>advisory group members</source>
        <translation>членов консультативных групп</translation>
    </message>
    <message>
        <source>of the members are women</source>
        <translation>членов — женщины</translation>
    </message>
    <message>
        <source>trainings held</source>
        <translation>проведено тренингов</translation>
    </message>
    <message>
        <source>average attendance, as on the attendance sheets</source>
        <translation>средняя посещаемость, как в листах посещаемости</translation>
    </message>
    <message>
        <source>local plans</source>
        <translation>местных планов</translation>
    </message>
    <message>
        <source>Members by sex</source>
        <translation>Члены по полу</translation>
    </message>
    <message>
        <source>Members by sector</source>
        <translation>Члены по секторам</translation>
    </message>
    <message>
        <source>Trainings by phase</source>
        <translation>Тренинги по этапам</translation>
    </message>
    <message>
        <source>Plans by status</source>
        <translation>Планы по статусу</translation>
    </message>
    <message>
        <source>Per community</source>
        <translation>По сообществам</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Сообщество</translation>
    </message>
    <message>
        <source>Members</source>
        <translation>Члены</translation>
    </message>
    <message>
        <source>Women</source>
        <translation>Женщины</translation>
    </message>
    <message>
        <source>Trainings</source>
        <translation>Тренинги</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>Посещаемость</translation>
    </message>
    <message>
        <source>Plans</source>
        <translation>Планы</translation>
    </message>
    <message>
        <source>Approved plans</source>
        <translation>Утверждённые планы</translation>
    </message>
    <message>
        <source>All communities</source>
        <translation>Все сообщества</translation>
    </message>
    <message>
        <source>Dashboard: {where}</source>
        <translation>Обзор: {where}</translation>
    </message>
    <message>
        <source>nothing recorded yet</source>
        <translation>пока ничего не записано</translation>
    </message>
</context>
<context>
    <name>DiscardGuard</name>
    <message>
        <source>Discard what you entered?</source>
        <translation>Отменить введённое?</translation>
    </message>
    <message>
        <source>What you entered in this form has not been saved. Close it and lose what you entered?</source>
        <translation>Введённое в эту форму не сохранено. Закрыть форму и потерять введённое?</translation>
    </message>
    <message>
        <source>&amp;Discard</source>
        <translation>&amp;Не сохранять</translation>
    </message>
    <message>
        <source>&amp;Keep editing</source>
        <translation>&amp;Продолжить ввод</translation>
    </message>
</context>
<context>
    <name>DuplicateDialog</name>
    <message>
        <source>This person may already exist</source>
        <translation>Возможно, этот человек уже есть</translation>
    </message>
    <message>
        <source>A person with this personal number (PIN) exists in {community}: {name}.</source>
        <translation>Человек с этим персональным номером (ПИН) уже есть в сообществе {community}: {name}.</translation>
    </message>
    <message>
        <source>A person with this name and birth year exists in {community}: {name}.</source>
        <translation>Человек с таким именем и годом рождения уже есть в сообществе {community}: {name}.</translation>
    </message>
    <message>
        <source>{name} is already a member of this group. Show them in the group to check or change their details; create a new person only if this is someone else.</source>
        <translation>{name} уже состоит в этой группе. Покажите этого человека в группе, чтобы проверить или изменить данные; создавайте нового, только если это другой человек.</translation>
    </message>
    <message>
        <source>&amp;Show them in the group</source>
        <translation>&amp;Показать в группе</translation>
    </message>
    <message>
        <source>Use that person to add the existing record to this group, so their trainings and certificates stay together.</source>
        <translation>Выберите этого человека, чтобы добавить существующую запись в группу: так его тренинги и сертификаты останутся вместе.</translation>
    </message>
    <message>
        <source>Use that person to keep one record per person.</source>
        <translation>Выберите этого человека, чтобы у каждого была одна запись.</translation>
    </message>
    <message>
        <source>&amp;Use that person</source>
        <translation>Вы&amp;брать этого человека</translation>
    </message>
    <message>
        <source>same personal number (PIN)</source>
        <translation>тот же персональный номер (ПИН)</translation>
    </message>
    <message>
        <source>same name</source>
        <translation>то же ФИО</translation>
    </message>
    <message>
        <source>same name in other letters (Latin / Cyrillic)</source>
        <translation>то же ФИО другими буквами (латиница / кириллица)</translation>
    </message>
    <message>
        <source>same name in another word order</source>
        <translation>то же ФИО в другом порядке слов</translation>
    </message>
    <message>
        <source>name one letter apart (a typing slip?)</source>
        <translation>ФИО отличается одной буквой (опечатка?)</translation>
    </message>
    <message>
        <source>same name in another spelling</source>
        <translation>то же ФИО в другом написании</translation>
    </message>
    <message>
        <source>patronymic written in one record only</source>
        <translation>отчество есть только в одной записи</translation>
    </message>
    <message>
        <source>same birth year</source>
        <translation>тот же год рождения</translation>
    </message>
    <message>
        <source>same phone</source>
        <translation>тот же телефон</translation>
    </message>
    <message>
        <source>same community</source>
        <translation>то же сообщество</translation>
    </message>
    <message>
        <source>A person who may be the same exists in {community}: {name}.</source>
        <translation>В сообществе {community} есть человек, возможно, тот же самый: {name}.</translation>
    </message>
    <message>
        <source>{n} people may be this person, the most likely first. Choose one to use, or create a new person anyway.</source>
        <translation>Этим человеком может быть кто-то из {n} человек (сначала самые вероятные). Выберите одного или всё равно создайте нового.</translation>
    </message>
    <message>
        <source>&amp;Create anyway</source>
        <translation>Всё равно &amp;создать</translation>
    </message>
    <message>
        <source>&amp;Back to the form</source>
        <translation>&amp;Вернуться к форме</translation>
    </message>
    <message>
        <source>Why: {reasons}.</source>
        <translation>Почему: {reasons}.</translation>
    </message>
    <message>
        <source>born {year}</source>
        <translation>{year} г. р.</translation>
    </message>
    <message>
        <source>member of {groups}</source>
        <translation>состоит в: {groups}</translation>
    </message>
    <message>
        <source>born in the year the personal number (PIN) gives</source>
        <translation>родился в год, указанный в личном номере (ПИН)</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>Export to a spreadsheet</source>
        <translation>Экспорт в таблицу</translation>
    </message>
    <message>
        <source>&amp;List:</source>
        <translation>&amp;Список:</translation>
    </message>
    <message>
        <source>Excel workbook (.xlsx)</source>
        <translation>Книга Excel (.xlsx)</translation>
    </message>
    <message>
        <source>CSV, UTF-8 (.csv)</source>
        <translation>CSV, UTF-8 (.csv)</translation>
    </message>
    <message>
        <source>&amp;Format:</source>
        <translation>&amp;Формат:</translation>
    </message>
    <message>
        <source>&amp;Save as…</source>
        <translation>&amp;Сохранить как…</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Книга Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV file (*.csv)</source>
        <translation>Файл CSV (*.csv)</translation>
    </message>
    <message numerus="yes">
        <source>%n row(s) written to {path}</source>
        <translation>
            <numerusform>%Ln строка записана в {path}</numerusform>
            <numerusform>%Ln строки записаны в {path}</numerusform>
            <numerusform>%Ln строк записано в {path}</numerusform>
        </translation>
    </message>
    <message>
        <source>Donor indicator workbook</source>
        <translation>Таблица индикаторов для доноров</translation>
    </message>
    <message>
        <source>Save as…</source>
        <translation>Сохранить как…</translation>
    </message>
    <message>
        <source>The workbook was saved to {path} ({n} participants listed).</source>
        <translation>Таблица сохранена в {path} (участников в списке: {n}).</translation>
    </message>
</context>
<context>
    <name>FirstWeekPanel</name>
    <message>
        <source>Create the advisory group of your community.</source>
        <translation>Создайте консультативную группу вашего сообщества.</translation>
    </message>
    <message>
        <source>Create the group</source>
        <translation>Создать группу</translation>
    </message>
    <message>
        <source>Add its members (name, sex, sector; phone if they agree).</source>
        <translation>Добавьте её участников (имя, пол, сектор; телефон, если они согласны).</translation>
    </message>
    <message>
        <source>Add members</source>
        <translation>Добавить участников</translation>
    </message>
    <message>
        <source>Record the first training with its sessions.</source>
        <translation>Запишите первый тренинг с его занятиями.</translation>
    </message>
    <message>
        <source>Add a training</source>
        <translation>Добавить тренинг</translation>
    </message>
    <message>
        <source>Mark who came to a session on the attendance sheet.</source>
        <translation>Отметьте в листе посещаемости, кто пришёл на занятие.</translation>
    </message>
    <message>
        <source>Mark attendance</source>
        <translation>Отметить посещаемость</translation>
    </message>
    <message>
        <source>Send your first package to headquarters (Sync page).</source>
        <translation>Отправьте первый пакет в головной офис (страница «Обмен данными»).</translation>
    </message>
    <message>
        <source>Send to headquarters</source>
        <translation>Отправить в головной офис</translation>
    </message>
    <message numerus="yes">
        <source>Your first week: %n of 5 step(s) done</source>
        <translation>
            <numerusform>Ваша первая неделя: выполнен %Ln шаг из 5</numerusform>
            <numerusform>Ваша первая неделя: выполнено %Ln шага из 5</numerusform>
            <numerusform>Ваша первая неделя: выполнено %Ln шагов из 5</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>GroupDialog</name>
    <message>
        <source>New advisory group</source>
        <translation>Новая консультативная группа</translation>
    </message>
    <message>
        <source>C&amp;PC name:</source>
        <translation>Название &amp;ОЦП:</translation>
    </message>
    <message>
        <source>Community: {name}</source>
        <translation>Сообщество: {name}</translation>
    </message>
    <message>
        <source>{community} advisory group</source>
        <translation>Консультативная группа {community}</translation>
    </message>
    <message>
        <source>e.g. community prevention centre (CPC)</source>
        <translation>например, общественный центр профилактики (ОЦП)</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Название:</translation>
    </message>
    <message>
        <source>&amp;Formed on:</source>
        <translation>&amp;Дата создания:</translation>
    </message>
    <message>
        <source>&amp;Create</source>
        <translation>&amp;Создать</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>Membership history</source>
        <translation>История членства</translation>
    </message>
    <message>
        <source>Groups of {name}</source>
        <translation>Группы: {name}</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Группа</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <source>Joined</source>
        <translation>Вступил(а)</translation>
    </message>
    <message>
        <source>Left</source>
        <translation>Вышел(а)</translation>
    </message>
    <message>
        <source>current member</source>
        <translation>член группы сейчас</translation>
    </message>
    <message>
        <source>This person has never been in an advisory group.</source>
        <translation>Этот человек никогда не был в консультативной группе.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
</context>
<context>
    <name>IdleLock</name>
    <message>
        <source>Checking…</source>
        <translation>Проверка…</translation>
    </message>
    <message>
        <source>Checking the password…</source>
        <translation>Проверка пароля…</translation>
    </message>
</context>
<context>
    <name>ImportAttendanceDialog</name>
    <message>
        <source>Import attendance from a spreadsheet</source>
        <translation>Импорт посещаемости из таблицы</translation>
    </message>
    <message>
        <source>&amp;Training:</source>
        <translation>&amp;Тренинг:</translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation>Файл не выбран</translation>
    </message>
    <message>
        <source>&amp;Choose file…</source>
        <translation>&amp;Выбрать файл…</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Файл:</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Строка</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>What happens</source>
        <translation>Что произойдёт</translation>
    </message>
    <message>
        <source>Add people who are not on the training&apos;s sheet as &amp;walk-ins</source>
        <translation>Добавить людей не из списка тренинга как &amp;пришедших без записи</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Импортировать</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>There is no training yet.</source>
        <translation>Тренингов пока нет.</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv *.txt);;All files (*)</source>
        <translation>Таблицы (*.xlsx *.csv *.txt);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Marks: {marks}</source>
        <translation>Отметки: {marks}</translation>
    </message>
    <message>
        <source>Not on the sheet: added as a walk-in. Marks: {marks}</source>
        <translation>Нет в списке: будет добавлен(а) как пришедший без записи. Отметки: {marks}</translation>
    </message>
    <message>
        <source>Not imported: {why}</source>
        <translation>Не импортируется: {why}</translation>
    </message>
    <message>
        <source>Nothing is saved yet. Sessions read from the columns: {columns}.</source>
        <translation>Пока ничего не сохранено. Занятия взяты из столбцов: {columns}.</translation>
    </message>
    <message>
        <source>Saved: {marks} marks, {walk_ins} walk-ins added, {refused} rows left out.</source>
        <translation>Сохранено: отметок — {marks}, добавлено без записи — {walk_ins}, пропущено строк — {refused}.</translation>
    </message>
</context>
<context>
    <name>ImportRosterDialog</name>
    <message>
        <source>Import a roster from Excel or CSV</source>
        <translation>Импорт списка из Excel или CSV</translation>
    </message>
    <message>
        <source>No file chosen</source>
        <translation>Файл не выбран</translation>
    </message>
    <message>
        <source>&amp;Choose file…</source>
        <translation>&amp;Выбрать файл…</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>Файл:</translation>
    </message>
    <message>
        <source>Add to &amp;group:</source>
        <translation>Добавить в &amp;группу:</translation>
    </message>
    <message>
        <source>Columns: what each column of the file holds</source>
        <translation>Столбцы: что содержит каждый столбец файла</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>Столбец файла</translation>
    </message>
    <message>
        <source>First value</source>
        <translation>Первое значение</translation>
    </message>
    <message>
        <source>Imported as</source>
        <translation>Импортируется как</translation>
    </message>
    <message>
        <source>Rows: checked before anything is saved</source>
        <translation>Строки: проверены до сохранения</translation>
    </message>
    <message>
        <source>Row</source>
        <translation>Строка</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>What happens</source>
        <translation>Что произойдёт</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Импортировать</translation>
    </message>
    <message>
        <source>&amp;Take this import back</source>
        <translation>&amp;Отменить этот импорт</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>There is no advisory group yet. Create the group first, then import its members.</source>
        <translation>Консультативных групп пока нет. Сначала создайте группу, затем импортируйте её членов.</translation>
    </message>
    <message>
        <source>Choose a roster</source>
        <translation>Выберите список</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.csv *.txt);;All files (*)</source>
        <translation>Таблицы (*.xlsx *.csv *.txt);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Not imported: {why}</source>
        <translation>Не импортируется: {why}</translation>
    </message>
    <message>
        <source>, born {year}</source>
        <translation>, {year} г. р.</translation>
    </message>
    <message>
        <source>Same as {name}{born} ({community}) already stored</source>
        <translation>Тот же человек, что {name}{born} ({community}), уже в базе</translation>
    </message>
    <message>
        <source>A new person</source>
        <translation>Новый человек</translation>
    </message>
    <message>
        <source>Leave out</source>
        <translation>Пропустить</translation>
    </message>
    <message>
        <source>Nothing is saved yet. Importing will add {added} new people, add {matched} people already stored to the group and leave out {refused} rows.</source>
        <translation>Пока ничего не сохранено. Импорт добавит новых людей: {added}, добавит в группу уже записанных: {matched}, пропустит строк: {refused}.</translation>
    </message>
    <message>
        <source>Imported: {added} new people, {matched} people already stored added to the group, {refused} rows left out.</source>
        <translation>Импортировано: новых людей — {added}, уже записанных добавлено в группу — {matched}, пропущено строк — {refused}.</translation>
    </message>
    <message>
        <source>Delete the people and memberships this import added? People who were already stored stay.</source>
        <translation>Удалить людей и членства, добавленные этим импортом? Люди, записанные раньше, останутся.</translation>
    </message>
    <message>
        <source>&amp;Take it back</source>
        <translation>&amp;Отменить импорт</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>The import was taken back.</source>
        <translation>Импорт отменён.</translation>
    </message>
</context>
<context>
    <name>LockCover</name>
    <message>
        <source>STRIVE Desktop is locked</source>
        <translation>STRIVE Desktop заблокирован</translation>
    </message>
    <message>
        <source>Enter the password of {name} to go on. Nothing you typed is lost.</source>
        <translation>Введите пароль {name}, чтобы продолжить. Всё введённое сохранено.</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Пароль</translation>
    </message>
    <message>
        <source>&amp;Unlock</source>
        <translation>&amp;Разблокировать</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <source>Create the administrator&apos;s account. The data on this computer is encrypted: without a name and password nobody can read it. Choose a password of at least {n} characters and keep it safe.</source>
        <translation>Создайте учётную запись администратора. Данные на этом компьютере зашифрованы: без имени и пароля их никто не прочтёт. Выберите пароль не короче {n} символов и храните его надёжно.</translation>
    </message>
    <message>
        <source>Log in with your name and password.</source>
        <translation>Войдите, указав имя и пароль.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Имя:</translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation>&amp;Пароль:</translation>
    </message>
    <message>
        <source>&amp;Repeat the password:</source>
        <translation>&amp;Повторите пароль:</translation>
    </message>
    <message>
        <source>&amp;Create the account</source>
        <translation>&amp;Создать учётную запись</translation>
    </message>
    <message>
        <source>&amp;Log in</source>
        <translation>&amp;Войти</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Enter your name.</source>
        <translation>Введите имя.</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>Пароли не совпадают.</translation>
    </message>
    <message>
        <source>Checking…</source>
        <translation>Проверка…</translation>
    </message>
    <message>
        <source>Wrong name or password.</source>
        <translation>Неверное имя или пароль.</translation>
    </message>
    <message>
        <source>Forgot every password?</source>
        <translation>Забыли все пароли?</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Dashboard</source>
        <translation>Обзор</translation>
    </message>
    <message>
        <source>Advisory group</source>
        <translation>Консультативная группа</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Люди</translation>
    </message>
    <message>
        <source>Trainings</source>
        <translation>Тренинги</translation>
    </message>
    <message>
        <source>Local plans</source>
        <translation>Местные планы</translation>
    </message>
    <message>
        <source>Vulnerable groups</source>
        <translation>Уязвимые группы</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Обмен данными</translation>
    </message>
    <message>
        <source>Same people?</source>
        <translation>Одни и те же люди?</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>Community:</source>
        <translation>Сообщество:</translation>
    </message>
    <message>
        <source>Opening the data folder…</source>
        <translation>Открывается папка данных…</translation>
    </message>
    <message>
        <source>&amp;Data</source>
        <translation>&amp;Данные</translation>
    </message>
    <message>
        <source>&amp;Import roster…</source>
        <translation>&amp;Импорт списка…</translation>
    </message>
    <message>
        <source>Import &amp;attendance…</source>
        <translation>Импорт &amp;посещаемости…</translation>
    </message>
    <message>
        <source>&amp;Export to spreadsheet…</source>
        <translation>&amp;Экспорт в таблицу…</translation>
    </message>
    <message>
        <source>&amp;Donor indicator workbook…</source>
        <translation>Таблица индикаторов для &amp;доноров…</translation>
    </message>
    <message>
        <source>All communities</source>
        <translation>Все сообщества</translation>
    </message>
    <message>
        <source>Delivery folder reached at {time}</source>
        <translation>Папка доставки доступна ({time})</translation>
    </message>
    <message numerus="yes">
        <source>Delivery folder not reachable ({time}): %n package(s) waiting</source>
        <translation>
            <numerusform>Папка доставки недоступна ({time}): ожидает %Ln пакет</numerusform>
            <numerusform>Папка доставки недоступна ({time}): ожидают %Ln пакета</numerusform>
            <numerusform>Папка доставки недоступна ({time}): ожидают %Ln пакетов</numerusform>
        </translation>
    </message>
    <message>
        <source>Data folder: {path}</source>
        <translation>Папка данных: {path}</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) not yet exported</source>
        <translation>
            <numerusform>%Ln изменение ещё не выгружено</numerusform>
            <numerusform>%Ln изменения ещё не выгружены</numerusform>
            <numerusform>%Ln изменений ещё не выгружено</numerusform>
        </translation>
    </message>
    <message>
        <source>Everything exported</source>
        <translation>Всё выгружено</translation>
    </message>
    <message>
        <source>There are unsaved changes on: {pages}.
Save them before closing?</source>
        <translation>Есть несохранённые изменения: {pages}.
Сохранить их перед закрытием?</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Сохранить</translation>
    </message>
    <message>
        <source>&amp;Don&apos;t save</source>
        <translation>&amp;Не сохранять</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>About</source>
        <translation>О программе</translation>
    </message>
    <message>
        <source>Version, build and data folder (F1)</source>
        <translation>Версия, сборка и папка данных (F1)</translation>
    </message>
    <message>
        <source>No package received from an office yet</source>
        <translation>Пакетов из офисов пока не получено</translation>
    </message>
    <message>
        <source>Last package from an office: {date} {time}</source>
        <translation>Последний пакет из офиса: {date} {time}</translation>
    </message>
    <message>
        <source>packages waiting for acceptance: {n}</source>
        <translation>пакетов ждут принятия: {n}</translation>
    </message>
</context>
<context>
    <name>MemberTableModel</name>
    <message>
        <source>Name</source>
        <translation>ФИО</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Пол</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Возраст</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Сектор</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
</context>
<context>
    <name>MoveDialog</name>
    <message>
        <source>Move to another group</source>
        <translation>Перевод в другую группу</translation>
    </message>
    <message>
        <source>Move {name} &amp;to:</source>
        <translation>Перевести {name} &amp;в:</translation>
    </message>
    <message>
        <source>Moved &amp;on:</source>
        <translation>&amp;Дата перевода:</translation>
    </message>
    <message>
        <source>The membership in the current group ends on that day and the new one starts; the old one stays in the history.</source>
        <translation>Членство в текущей группе заканчивается в этот день, и начинается новое; старое остаётся в истории.</translation>
    </message>
    <message>
        <source>&amp;Move</source>
        <translation>&amp;Перевести</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>NewPlanDialog</name>
    <message>
        <source>New local plan</source>
        <translation>Новый местный план</translation>
    </message>
    <message>
        <source>Give the plan a title and the period it covers. Sections and activities are filled in afterwards; everything is saved as you type.</source>
        <translation>Укажите название плана и период. Разделы и мероприятия заполняются потом; всё сохраняется по мере ввода.</translation>
    </message>
    <message>
        <source>Choose the community</source>
        <translation>Выберите сообщество</translation>
    </message>
    <message>
        <source>&amp;Community:</source>
        <translation>&amp;Сообщество:</translation>
    </message>
    <message>
        <source>e.g. Local plan for the prevention of violent extremism 2027</source>
        <translation>например, План профилактики экстремизма 2027</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Название:</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Период:</translation>
    </message>
    <message>
        <source>C&amp;reate plan</source>
        <translation>Со&amp;здать план</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Choose the community the plan belongs to.</source>
        <translation>Выберите сообщество, к которому относится план.</translation>
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <source>{title} — preview</source>
        <translation>{title} — просмотр</translation>
    </message>
    <message>
        <source>Preview</source>
        <translation>Просмотр</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Печать…</translation>
    </message>
    <message>
        <source>&amp;Save as…</source>
        <translation>Сохранить &amp;как…</translation>
    </message>
    <message>
        <source>Whole page</source>
        <translation>Страница целиком</translation>
    </message>
    <message>
        <source>Fit width</source>
        <translation>По ширине</translation>
    </message>
    <message>
        <source>Zoom in</source>
        <translation>Увеличить</translation>
    </message>
    <message>
        <source>Zoom out</source>
        <translation>Уменьшить</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Предыдущая</translation>
    </message>
    <message>
        <source>Previous page (Page Up)</source>
        <translation>Предыдущая страница (Page Up)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Следующая</translation>
    </message>
    <message>
        <source>Next page (Page Down)</source>
        <translation>Следующая страница (Page Down)</translation>
    </message>
    <message>
        <source>Page {page} of {count}</source>
        <translation>Страница {page} из {count}</translation>
    </message>
    <message>
        <source>Page number</source>
        <translation>Номер страницы</translation>
    </message>
    <message>
        <source>Go to page</source>
        <translation>Перейти к странице</translation>
    </message>
    <message>
        <source>Open in PDF viewer</source>
        <translation>Открыть в программе просмотра PDF</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Закрыть</translation>
    </message>
    <message>
        <source>Page {x} of {y}</source>
        <translation>Страница {x} из {y}</translation>
    </message>
    <message>
        <source>Save the PDF as</source>
        <translation>Сохранить PDF как</translation>
    </message>
    <message>
        <source>PDF (*.pdf)</source>
        <translation>PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Save as</source>
        <translation>Сохранить как</translation>
    </message>
    <message>
        <source>The PDF could not be saved to {path}:
{reason}</source>
        <translation>Не удалось сохранить PDF в {path}:
{reason}</translation>
    </message>
    <message>
        <source>Saved to {path}</source>
        <translation>Сохранено: {path}</translation>
    </message>
    <message>
        <source>Print</source>
        <translation>Печать</translation>
    </message>
    <message>
        <source>The printer could not be started.</source>
        <translation>Не удалось запустить принтер.</translation>
    </message>
    <message>
        <source>{n} page(s) sent to the printer.</source>
        <translation>Отправлено на принтер страниц: {n}.</translation>
    </message>
</context>
<context>
    <name>PeoplePage</name>
    <message>
        <source>&amp;Add person</source>
        <extracomment>Rows read at once for the first screen before everyone is read in the background. Emitted when everyone is in the list (filtering and sorting over all of them).</extracomment>
        <translation>&amp;Добавить человека</translation>
    </message>
    <message>
        <source>Add a person (Ctrl+N)</source>
        <translation>Добавить человека (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Изменить</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>Ис&amp;тория</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Удалить</translation>
    </message>
    <message>
        <source>Nobody is recorded in this community yet. Press “Add person” (Ctrl+N), or add members on the Advisory group page.</source>
        <translation>В этом сообществе пока никто не записан. Нажмите «Добавить человека» (Ctrl+N) или добавьте членов на странице «Консультативная группа».</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Люди</translation>
    </message>
    <message>
        <source>All communities</source>
        <translation>Все сообщества</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Чтение…</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Поиск…</translation>
    </message>
    <message>
        <source>STRIVE Desktop</source>
        <translation>STRIVE Desktop</translation>
    </message>
    <message>
        <source>Choose a community at the top first: a person belongs to one community.</source>
        <translation>Сначала выберите сообщество вверху: человек относится к одному сообществу.</translation>
    </message>
    <message>
        <source>{name} was deleted; their group memberships were ended.</source>
        <translation>{name}: запись удалена, членство в группах прекращено.</translation>
    </message>
</context>
<context>
    <name>PeopleTableModel</name>
    <message>
        <source>Name</source>
        <translation>ФИО</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Пол</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Возраст</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Сектор</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Сообщество</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <source>Choose</source>
        <translation>Выберите</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Сохранить</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Edit person</source>
        <translation>Изменить данные человека</translation>
    </message>
    <message>
        <source>Change the details of {name}.</source>
        <translation>Измените данные: {name}.</translation>
    </message>
    <message>
        <source>Add person</source>
        <translation>Добавить человека</translation>
    </message>
    <message>
        <source>Full name, sex and sector are required; the rest can be added later.</source>
        <translation>ФИО, пол и сектор обязательны; остальное можно добавить позже.</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Человек</translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation>&amp;ФИО:</translation>
    </message>
    <message>
        <source>Surname Given name (Patronymic)</source>
        <translation>Фамилия Имя (Отчество)</translation>
    </message>
    <message>
        <source>Se&amp;x:</source>
        <translation>&amp;Пол:</translation>
    </message>
    <message>
        <source>&amp;Birth year:</source>
        <translation>&amp;Год рождения:</translation>
    </message>
    <message>
        <source>e.g. 1985</source>
        <translation>например, 1985</translation>
    </message>
    <message>
        <source>S&amp;ector:</source>
        <translation>С&amp;ектор:</translation>
    </message>
    <message>
        <source>&amp;Role in the group:</source>
        <translation>&amp;Роль в группе:</translation>
    </message>
    <message>
        <source>&amp;Phone:</source>
        <translation>&amp;Телефон:</translation>
    </message>
    <message>
        <source>0555 12 34 56</source>
        <translation>0555 12 34 56</translation>
    </message>
    <message>
        <source>P&amp;IN (personal number):</source>
        <translation>П&amp;ИН (персональный номер):</translation>
    </message>
    <message>
        <source>14 digits, optional</source>
        <translation>14 цифр, необязательно</translation>
    </message>
    <message>
        <source>&amp;Organisation:</source>
        <translation>&amp;Организация:</translation>
    </message>
    <message>
        <source>Posi&amp;tion:</source>
        <translation>&amp;Должность:</translation>
    </message>
    <message>
        <source>&amp;Consent signed on:</source>
        <translation>Сог&amp;ласие подписано:</translation>
    </message>
    <message>
        <source>given</source>
        <translation>дано</translation>
    </message>
    <message>
        <source>&amp;Notes:</source>
        <translation>&amp;Заметки:</translation>
    </message>
</context>
<context>
    <name>PlanSavedState</name>
    <message>
        <source>Saved {time}</source>
        <translation>Сохранено в {time}</translation>
    </message>
    <message>
        <source>Received from {place}, saved there {time}</source>
        <translation>Получен от {place}, сохранён там в {time}</translation>
    </message>
    <message>
        <source>Received from another installation, saved there {time}</source>
        <translation>Получен от другой установки, сохранён там в {time}</translation>
    </message>
</context>
<context>
    <name>PlanTextTab</name>
    <message>
        <source>&amp;Title:</source>
        <translation>На&amp;звание:</translation>
    </message>
    <message>
        <source>P&amp;eriod:</source>
        <translation>П&amp;ериод:</translation>
    </message>
    <message>
        <source>not set</source>
        <translation>не задано</translation>
    </message>
    <message>
        <source>&amp;Context and conflict analysis</source>
        <translation>&amp;Контекст и анализ конфликтов</translation>
    </message>
    <message>
        <source>What is happening in the community; risks, tensions, their causes</source>
        <translation>Что происходит в сообществе; риски, напряжённость, их причины</translation>
    </message>
    <message>
        <source>&amp;Vulnerable groups addressed</source>
        <translation>Охваченные уязвимые &amp;группы</translation>
    </message>
    <message>
        <source>Who is most at risk and why</source>
        <translation>Кто в наибольшей зоне риска и почему</translation>
    </message>
    <message>
        <source>&amp;Objectives</source>
        <translation>&amp;Цели</translation>
    </message>
    <message>
        <source>What the plan wants to achieve (needed to submit)</source>
        <translation>Чего план хочет достичь (нужно для отправки)</translation>
    </message>
</context>
<context>
    <name>PlansPage</name>
    <message>
        <source>Local plans</source>
        <translation>Местные планы</translation>
    </message>
    <message>
        <source>&amp;New plan…</source>
        <translation>&amp;Новый план…</translation>
    </message>
    <message>
        <source>Start a new local plan (Ctrl+N)</source>
        <translation>Начать новый местный план (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;Delete plan</source>
        <translation>Удалить п&amp;лан</translation>
    </message>
    <message>
        <source>Only a draft can be deleted</source>
        <translation>Удалить можно только черновик</translation>
    </message>
    <message>
        <source>Start the local plan</source>
        <translation>Начать местный план</translation>
    </message>
    <message>
        <source>Save as &amp;revision…</source>
        <translation>Сохранить как &amp;редакцию…</translation>
    </message>
    <message>
        <source>Keep a copy of the plan as it is now, with a note</source>
        <translation>Сохранить копию плана в нынешнем виде, с пометкой</translation>
    </message>
    <message>
        <source>&amp;Submit</source>
        <translation>&amp;Отправить</translation>
    </message>
    <message>
        <source>Send the plan for approval; it becomes read-only</source>
        <translation>Отправить план на утверждение; он станет доступен только для чтения</translation>
    </message>
    <message>
        <source>&amp;Approve</source>
        <translation>У&amp;твердить</translation>
    </message>
    <message>
        <source>Approve the submitted plan; an approved plan is final</source>
        <translation>Утвердить отправленный план; утверждённый план окончателен</translation>
    </message>
    <message>
        <source>Return to dra&amp;ft</source>
        <translation>Вернуть в &amp;черновик</translation>
    </message>
    <message>
        <source>Send the submitted plan back for changes</source>
        <translation>Вернуть отправленный план на доработку</translation>
    </message>
    <message>
        <source>Pr&amp;int plan…</source>
        <translation>&amp;Печать плана…</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>План</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>Мероприятия</translation>
    </message>
    <message>
        <source>Revisions</source>
        <translation>Редакции</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Проект</translation>
    </message>
    <message>
        <source>Local</source>
        <translation>Местный</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Другое</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Итого</translation>
    </message>
    <message>
        <source>&amp;Compare…</source>
        <translation>&amp;Сравнить…</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>All communities</source>
        <translation>Все сообщества</translation>
    </message>
    <message>
        <source>There are no local plans yet.</source>
        <translation>Местных планов пока нет.</translation>
    </message>
    <message>
        <source>No local plan yet. Start one: the sections and activities are saved as you type.</source>
        <translation>Местного плана пока нет. Начните его: разделы и мероприятия сохраняются по мере ввода.</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Сообщество</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Период</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Редакция</translation>
    </message>
    <message>
        <source>Project, som</source>
        <translation>Проект, сом</translation>
    </message>
    <message>
        <source>Local, som</source>
        <translation>Местный, сом</translation>
    </message>
    <message>
        <source>Other, som</source>
        <translation>Другие, сом</translation>
    </message>
    <message>
        <source>Total, som</source>
        <translation>Итого, сом</translation>
    </message>
    <message>
        <source>STRIVE Desktop</source>
        <translation>STRIVE Desktop</translation>
    </message>
    <message>
        <source>The open plan could not be saved:
{reason}

Stay and correct it, or discard the unsaved changes?</source>
        <translation>Открытый план не удалось сохранить:
{reason}

Остаться и исправить или отменить несохранённые изменения?</translation>
    </message>
    <message>
        <source>&amp;Stay</source>
        <translation>&amp;Остаться</translation>
    </message>
    <message>
        <source>&amp;Discard changes</source>
        <translation>&amp;Отменить изменения</translation>
    </message>
    <message>
        <source>Saved {time}</source>
        <translation>Сохранено в {time}</translation>
    </message>
    <message>
        <source>This plan is submitted, so it cannot be edited. To change it, use “Return to draft”; after approval it becomes final.</source>
        <translation>План отправлен, поэтому его нельзя изменить. Чтобы изменить, нажмите «Вернуть в черновик»; после утверждения план окончателен.</translation>
    </message>
    <message>
        <source>This plan is approved and final: it can no longer be edited. Its text is kept in revision {n}.</source>
        <translation>План утверждён и окончателен: его больше нельзя изменить. Текст сохранён в редакции {n}.</translation>
    </message>
    <message>
        <source>Read-only</source>
        <translation>Только чтение</translation>
    </message>
    <message>
        <source>Activities ({n})</source>
        <translation>Мероприятия ({n})</translation>
    </message>
    <message>
        <source>Unsaved changes</source>
        <translation>Есть несохранённые изменения</translation>
    </message>
    <message>
        <source>{amount} som</source>
        <translation>{amount} сом</translation>
    </message>
    <message>
        <source>Row {n}: {problem}</source>
        <translation>Строка {n}: {problem}</translation>
    </message>
    <message>
        <source>Not saved: {reason}</source>
        <translation>Не сохранено: {reason}</translation>
    </message>
    <message>
        <source>The plan was not saved because something needs correcting:
{reason}

The marked fields show what.</source>
        <translation>План не сохранён, потому что нужно кое-что исправить:
{reason}

Отмеченные поля показывают, что именно.</translation>
    </message>
    <message>
        <source>Not saved</source>
        <translation>Не сохранено</translation>
    </message>
    <message>
        <source>Remove activity</source>
        <translation>Удалить мероприятие</translation>
    </message>
    <message>
        <source>Remove the activity “{title}” from the plan?
Earlier revisions keep it.</source>
        <translation>Удалить мероприятие «{title}» из плана?
В прежних редакциях оно останется.</translation>
    </message>
    <message>
        <source>(no title)</source>
        <translation>(без названия)</translation>
    </message>
    <message>
        <source>Revisions ({n})</source>
        <translation>Редакции ({n})</translation>
    </message>
    <message>
        <source>&amp;Compare with the current text…</source>
        <translation>&amp;Сравнить с текущим текстом…</translation>
    </message>
    <message>
        <source>Save as revision</source>
        <translation>Сохранить как редакцию</translation>
    </message>
    <message>
        <source>A revision keeps the plan exactly as it is now.
Note (optional), e.g. “after the advisory group meeting”:</source>
        <translation>Редакция сохраняет план в точности как сейчас.
Пометка (необязательно), например «после заседания консультативной группы»:</translation>
    </message>
    <message>
        <source>&amp;Save revision</source>
        <translation>&amp;Сохранить редакцию</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Saved as revision {n}</source>
        <translation>Сохранено как редакция {n}</translation>
    </message>
    <message>
        <source>Current text</source>
        <translation>Текущий текст</translation>
    </message>
    <message>
        <source>Revision {n}</source>
        <translation>Редакция {n}</translation>
    </message>
    <message>
        <source>Select one or two revisions in the list first.</source>
        <translation>Сначала выберите в списке одну или две редакции.</translation>
    </message>
    <message>
        <source>Submit “{title}” for approval?
A submitted plan cannot be edited unless it is returned to draft. A revision is saved automatically.</source>
        <translation>Отправить «{title}» на утверждение?
Отправленный план нельзя изменить, пока его не вернут в черновик. Редакция сохраняется автоматически.</translation>
    </message>
    <message>
        <source>Approve “{title}”?
An approved plan is final and can no longer be changed.</source>
        <translation>Утвердить «{title}»?
Утверждённый план окончателен и больше не может быть изменён.</translation>
    </message>
    <message>
        <source>Return “{title}” to draft?
It can be edited again and must be submitted again for approval.</source>
        <translation>Вернуть «{title}» в черновик?
Его снова можно будет редактировать, и его нужно будет заново отправить на утверждение.</translation>
    </message>
    <message>
        <source>Change plan status</source>
        <translation>Изменение статуса плана</translation>
    </message>
    <message>
        <source>Only a draft plan can be deleted.</source>
        <translation>Удалить можно только черновик плана.</translation>
    </message>
    <message>
        <source>Delete plan</source>
        <translation>Удалить план</translation>
    </message>
    <message>
        <source>Delete the plan “{title}” with its activities and revisions?</source>
        <translation>Удалить план «{title}» вместе с мероприятиями и редакциями?</translation>
    </message>
</context>
<context>
    <name>Recovery</name>
    <message>
        <source>Recovery file</source>
        <translation>Файл восстановления</translation>
    </message>
    <message>
        <source>STRIVE recovery files (*{suffix})</source>
        <translation>Файлы восстановления STRIVE (*{suffix})</translation>
    </message>
    <message>
        <source>The recovery file for {name} was written to:
{path}

It is valid until {date}. Give it to the office (USB stick, e-mail). Read this code out to the office by phone only; it is shown now and never again:</source>
        <translation>Файл восстановления для {name} записан в:
{path}

Он действителен до {date}. Передайте его офису (USB-флешка, электронная почта). Продиктуйте этот код офису только по телефону; он показывается сейчас и больше никогда:</translation>
    </message>
</context>
<context>
    <name>RecoveryDialog</name>
    <message>
        <source>Open with a recovery file</source>
        <translation>Открыть с файлом восстановления</translation>
    </message>
    <message>
        <source>If nobody at this office knows a password any more, headquarters can help: it writes a recovery file for this office and reads a recovery code out to you on the phone. Choose the file, type the code, and set a new password for an administrator. All data is kept.</source>
        <translation>Если в этом офисе никто больше не помнит пароль, поможет головной офис: он запишет файл восстановления для этого офиса и продиктует вам код восстановления по телефону. Выберите файл, введите код и задайте новый пароль администратора. Все данные сохранятся.</translation>
    </message>
    <message>
        <source>C&amp;hoose…</source>
        <translation>&amp;Выбрать…</translation>
    </message>
    <message>
        <source>Recovery &amp;file:</source>
        <translation>&amp;Файл восстановления:</translation>
    </message>
    <message>
        <source>Recovery &amp;code:</source>
        <translation>&amp;Код восстановления:</translation>
    </message>
    <message>
        <source>&amp;Administrator&apos;s name:</source>
        <translation>&amp;Имя администратора:</translation>
    </message>
    <message>
        <source>&amp;New password:</source>
        <translation>&amp;Новый пароль:</translation>
    </message>
    <message>
        <source>&amp;Repeat the password:</source>
        <translation>&amp;Повторите пароль:</translation>
    </message>
    <message>
        <source>&amp;Open and log in</source>
        <translation>&amp;Открыть и войти</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Recovery file</source>
        <translation>Файл восстановления</translation>
    </message>
    <message>
        <source>STRIVE recovery files (*{suffix});;All files (*)</source>
        <translation>Файлы восстановления STRIVE (*{suffix});;Все файлы (*)</translation>
    </message>
    <message>
        <source>Choose the recovery file from headquarters.</source>
        <translation>Выберите файл восстановления от головного офиса.</translation>
    </message>
    <message>
        <source>Enter the administrator&apos;s name.</source>
        <translation>Введите имя администратора.</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>Пароли не совпадают.</translation>
    </message>
</context>
<context>
    <name>RevisionsTab</name>
    <message>
        <source>&amp;Compare…</source>
        <translation>&amp;Сравнить…</translation>
    </message>
    <message>
        <source>Click two revisions to compare them, or one to compare it with the current text.</source>
        <translation>Выберите две редакции, чтобы сравнить их, или одну — чтобы сравнить с текущим текстом.</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <source>Saved</source>
        <translation>Сохранено</translation>
    </message>
    <message>
        <source>By</source>
        <translation>Кто</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Пометка</translation>
    </message>
</context>
<context>
    <name>SamePeoplePage</name>
    <message>
        <source>&amp;Merge</source>
        <translation>&amp;Объединить</translation>
    </message>
    <message>
        <source>One person: the records of the other move to the one kept</source>
        <translation>Один человек: записи второго переходят к оставленному</translation>
    </message>
    <message>
        <source>&amp;Keep apart</source>
        <translation>&amp;Разные люди</translation>
    </message>
    <message>
        <source>Two people: do not offer this pair again</source>
        <translation>Два разных человека: больше не предлагать эту пару</translation>
    </message>
    <message>
        <source>&amp;Undo the merge</source>
        <translation>&amp;Вернуть как было</translation>
    </message>
    <message>
        <source>Look &amp;again</source>
        <translation>&amp;Искать снова</translation>
    </message>
    <message>
        <source>Same people?</source>
        <translation>Одни и те же люди?</translation>
    </message>
    <message>
        <source>People who may have been entered twice, by two offices or in two spellings, most likely first. Compare them side by side: merge them into one person (their groups, attendance and certificates move to the one kept; a merge can be undone), or keep them apart. Every office concerned receives the decision with the next sync package.</source>
        <translation>Люди, которых, возможно, ввели дважды (два офиса или в двух написаниях), сначала самые вероятные. Сравните их рядом: объедините в одного человека (группы, посещаемость и сертификаты перейдут к оставленному; объединение можно отменить) или оставьте как разных людей. Каждый причастный офис получит решение со следующим пакетом синхронизации.</translation>
    </message>
    <message>
        <source>Keep:</source>
        <translation>Оставить:</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>ФИО</translation>
    </message>
    <message>
        <source>Birth year</source>
        <translation>Год рождения</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Пол</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Сообщество</translation>
    </message>
    <message>
        <source>Groups</source>
        <translation>Группы</translation>
    </message>
    <message>
        <source>Trainings</source>
        <translation>Тренинги</translation>
    </message>
    <message>
        <source>All communities</source>
        <translation>Все сообщества</translation>
    </message>
    <message>
        <source>Match</source>
        <translation>Совпадение</translation>
    </message>
    <message>
        <source>First person</source>
        <translation>Первый человек</translation>
    </message>
    <message>
        <source>Second person</source>
        <translation>Второй человек</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Почему</translation>
    </message>
    <message>
        <source>likely</source>
        <translation>вероятно</translation>
    </message>
    <message>
        <source>possible</source>
        <translation>возможно</translation>
    </message>
    <message>
        <source>Nobody seems to have been entered twice.</source>
        <translation>Похоже, никого не ввели дважды.</translation>
    </message>
    <message>
        <source>Why: {reasons}.</source>
        <translation>Почему: {reasons}.</translation>
    </message>
    <message>
        <source>Merge</source>
        <translation>Объединение</translation>
    </message>
    <message>
        <source>Keep {keep} ({community}) and merge {other} into them? Groups, attendance and certificates of {other} move to {keep}.</source>
        <translation>Оставить {keep} ({community}) и объединить с этой записью {other}? Группы, посещаемость и сертификаты {other} перейдут к {keep}.</translation>
    </message>
    <message>
        <source>%n pair(s) of people may be one person each, entered by two offices or in two spellings. Review them now?</source>
        <translation>Найдено пар записей, которые, возможно, один и тот же человек (введён двумя офисами или в двух написаниях): %Ln. Проверить сейчас?</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>&amp;Проверить</translation>
    </message>
    <message>
        <source>&amp;Later</source>
        <translation>По&amp;зже</translation>
    </message>
    <message>
        <source>Looking for people entered twice…</source>
        <translation>Ищем людей, введённых дважды…</translation>
    </message>
    <message>
        <source>Looking for the same people…</source>
        <translation>Ищем одних и тех же людей…</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>General</source>
        <translation>Общие</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Настройки</translation>
    </message>
    <message>
        <source>Installation:</source>
        <translation>Установка:</translation>
    </message>
    <message>
        <source>recorded with every change you make</source>
        <translation>записывается при каждом вашем изменении</translation>
    </message>
    <message>
        <source>&amp;Your name:</source>
        <translation>&amp;Ваше имя:</translation>
    </message>
    <message>
        <source>The new language is used the next time STRIVE Desktop starts.</source>
        <translation>Новый язык будет использован при следующем запуске STRIVE Desktop.</translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation>&amp;Язык:</translation>
    </message>
    <message>
        <source>You and this installation</source>
        <translation>Вы и эта установка</translation>
    </message>
    <message>
        <source>A participant &amp;completed a training after attending at least</source>
        <translation>Участник &amp;завершил тренинг, если посетил не менее</translation>
    </message>
    <message>
        <source>of its hours.</source>
        <translation>его часов.</translation>
    </message>
    <message>
        <source>Trainings</source>
        <translation>Тренинги</translation>
    </message>
    <message>
        <source>Certificates</source>
        <extracomment>Called after a restore to start the app again on the restored database.</extracomment>
        <translation>Сертификаты</translation>
    </message>
    <message>
        <source>&amp;Save settings</source>
        <translation>Сохранить &amp;настройки</translation>
    </message>
    <message>
        <source>All data is kept in this folder (database, backups, logs):</source>
        <translation>Все данные хранятся в этой папке (база данных, резервные копии, журналы):</translation>
    </message>
    <message>
        <source>Used by the certificates and the dashboard on this computer.</source>
        <translation>Используется сертификатами и обзором на этом компьютере.</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Пользователи</translation>
    </message>
    <message>
        <source>&amp;Open folder</source>
        <translation>&amp;Открыть папку</translation>
    </message>
    <message>
        <source>&amp;Back up now…</source>
        <translation>&amp;Создать резервную копию…</translation>
    </message>
    <message>
        <source>&amp;Restore from a backup…</source>
        <translation>Восстановить из &amp;резервной копии…</translation>
    </message>
    <message>
        <source>Data folder</source>
        <translation>Папка данных</translation>
    </message>
    <message>
        <source>headquarters</source>
        <translation>головной офис</translation>
    </message>
    <message>
        <source>Changes are recorded under the account you logged in with.</source>
        <translation>Изменения записываются под учётной записью, с которой вы вошли.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Сохранено.</translation>
    </message>
    <message>
        <source>Back up the database to</source>
        <translation>Сохранить резервную копию базы в</translation>
    </message>
    <message>
        <source>Encrypted STRIVE backup (*.strivebak)</source>
        <translation>Зашифрованная резервная копия STRIVE (*.strivebak)</translation>
    </message>
    <message>
        <source>STRIVE backup (*.sqlite3)</source>
        <translation>Резервная копия STRIVE (*.sqlite3)</translation>
    </message>
    <message>
        <source>Backup written to {path}</source>
        <translation>Резервная копия записана: {path}</translation>
    </message>
    <message>
        <source>Backup</source>
        <translation>Резервная копия</translation>
    </message>
    <message>
        <source>Writing the backup…</source>
        <translation>Записывается резервная копия…</translation>
    </message>
    <message>
        <source>Restore the database from</source>
        <translation>Восстановить базу данных из</translation>
    </message>
    <message>
        <source>STRIVE backup (*.strivebak *.sqlite3)</source>
        <translation>Резервная копия STRIVE (*.strivebak *.sqlite3)</translation>
    </message>
    <message>
        <source>Restore from a backup</source>
        <translation>Восстановление из резервной копии</translation>
    </message>
    <message>
        <source>Replace all the data of this installation with the backup {file}?

Everything entered since that backup was made is replaced. The current database is kept in the backups folder, and STRIVE Desktop starts again.</source>
        <translation>Заменить все данные этой установки резервной копией {file}?

Всё, что введено после создания этой копии, будет заменено. Текущая база данных сохраняется в папке резервных копий, и STRIVE Desktop запустится заново.</translation>
    </message>
    <message>
        <source>The password of {name} in this backup:</source>
        <translation>Пароль {name} в этой резервной копии:</translation>
    </message>
    <message>
        <source>The backup was restored. The replaced database was kept as {path}.

STRIVE Desktop starts again now.</source>
        <translation>Резервная копия восстановлена. Заменённая база данных сохранена как {path}.

STRIVE Desktop сейчас запустится заново.</translation>
    </message>
</context>
<context>
    <name>SetupDialog</name>
    <message>
        <source>I have an &amp;invitation file…</source>
        <translation>У меня есть файл &amp;приглашения…</translation>
    </message>
    <message>
        <source>&lt;b&gt;An office sends its work to headquarters.&lt;/b&gt; With headquarters&apos; invitation file it can do so at once, without a phone call. Without one, the office works all the same, but sending needs headquarters&apos; key file and a phone call to check it first.</source>
        <translation>&lt;b&gt;Офис отправляет свою работу в головной офис.&lt;/b&gt; С файлом приглашения от головного офиса это можно сделать сразу, без звонка. Без него офис работает так же, но для отправки сначала нужен файл ключа головного офиса и звонок, чтобы его проверить.</translation>
    </message>
    <message>
        <source>Choose another &amp;invitation file…</source>
        <translation>Выбрать другой файл &amp;приглашения…</translation>
    </message>
    <message>
        <source>&lt;b&gt;Invitation from {hq}&lt;/b&gt; for {community}, valid until {date}. Headquarters&apos; fingerprint: &lt;b&gt;{fp}&lt;/b&gt;. This office can send to headquarters at once.</source>
        <translation>&lt;b&gt;Приглашение от {hq}&lt;/b&gt; для сообщества {community}, действует до {date}. Отпечаток головного офиса: &lt;b&gt;{fp}&lt;/b&gt;. Этот офис сможет сразу отправлять данные в головной офис.</translation>
    </message>
    <message>
        <source>Invitation file from headquarters</source>
        <translation>Файл приглашения от головного офиса</translation>
    </message>
    <message>
        <source>STRIVE invitations (*.striveinvite);;All files (*)</source>
        <translation>Приглашения STRIVE (*.striveinvite);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Choose the community</source>
        <translation>Выберите сообщество</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Начать</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source>Filling the folder with demo data…</source>
        <translation>Папка заполняется демонстрационными данными…</translation>
    </message>
    <message>
        <source>Sorry, the demo data could not be added. The details were written to {path}</source>
        <translation>Извините, демонстрационные данные не удалось добавить. Подробности записаны в {path}</translation>
    </message>
    <message>
        <source>Choose the community this office works for, or Headquarters.</source>
        <translation>Выберите сообщество, для которого работает этот офис, или головной офис.</translation>
    </message>
    <message>
        <source>Your name</source>
        <translation>Ваше имя</translation>
    </message>
    <message>
        <source>Your name is recorded with every change you make.
Please type it:</source>
        <translation>Ваше имя записывается при каждом вашем изменении.
Введите его:</translation>
    </message>
    <message>
        <source>Set up STRIVE Desktop</source>
        <translation>Настройка STRIVE Desktop</translation>
    </message>
    <message>
        <source>Welcome! Before you start, tell STRIVE Desktop where it is used. You can change your name later in Settings.</source>
        <translation>Добро пожаловать! Прежде чем начать, укажите, где используется STRIVE Desktop. Имя можно изменить позже в настройках.</translation>
    </message>
    <message>
        <source>Installation &amp;name:</source>
        <translation>Название &amp;установки:</translation>
    </message>
    <message>
        <source>e.g. Kochkor ayil okmotu office</source>
        <translation>например, офис айыл окмоту Кочкор</translation>
    </message>
    <message>
        <source>A &amp;community office:</source>
        <translation>Офис &amp;сообщества:</translation>
    </message>
    <message>
        <source>&amp;Headquarters (Bishkek): sees and merges every community</source>
        <translation>&amp;Головной офис (Бишкек): видит и объединяет данные всех сообществ</translation>
    </message>
    <message>
        <source>&amp;Your name:</source>
        <translation>&amp;Ваше имя:</translation>
    </message>
    <message>
        <source>recorded with every change you make</source>
        <translation>записывается при каждом вашем изменении</translation>
    </message>
    <message>
        <source>Only looking around, or training staff? Fill this folder with made-up demo data of the nine pilot communities instead (headquarters view).</source>
        <translation>Просто знакомитесь с программой или обучаете сотрудников? Заполните папку вымышленными демонстрационными данными девяти пилотных сообществ (вид головного офиса).</translation>
    </message>
    <message>
        <source>Use &amp;demo data</source>
        <translation>&amp;Демонстрационные данные</translation>
    </message>
</context>
<context>
    <name>SheetTab</name>
    <message>
        <source>Someone not in the group came (Ctrl+Enter in the sheet)</source>
        <translation>Пришёл человек не из группы (Ctrl+Enter в листе)</translation>
    </message>
    <message>
        <source>Add &amp;walk-in…</source>
        <translation>&amp;Добавить пришедшего…</translation>
    </message>
    <message>
        <source>Take the selected walk-in off this sheet, e.g. added by mistake (Delete in the sheet)</source>
        <translation>Убрать выбранного пришедшего из листа, например добавленного по ошибке (Delete в листе)</translation>
    </message>
    <message>
        <source>Re&amp;move walk-in</source>
        <translation>Уб&amp;рать пришедшего</translation>
    </message>
    <message>
        <source>&amp;Print attendance sheet</source>
        <translation>&amp;Печать листа посещаемости</translation>
    </message>
    <message>
        <source>Print certificates for those who completed the training</source>
        <translation>Напечатать сертификаты для завершивших тренинг</translation>
    </message>
    <message>
        <source>&amp;Certificates</source>
        <translation>&amp;Сертификаты</translation>
    </message>
    <message>
        <source>Keyboard: arrows or Enter move · Space ticks or unticks (saved at once) · type a name to jump to it · Ctrl+Enter adds a walk-in · Delete removes a walk-in</source>
        <translation>Клавиатура: стрелки или Enter — переход · Пробел ставит или снимает отметку (сохраняется сразу) · начните печатать имя, чтобы перейти к нему · Ctrl+Enter — добавить пришедшего · Delete — убрать пришедшего</translation>
    </message>
</context>
<context>
    <name>SummaryOptions</name>
    <message>
        <source>Donor summary</source>
        <translation>Сводка для донора</translation>
    </message>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Период:</translation>
    </message>
    <message>
        <source>All dates</source>
        <translation>Все даты</translation>
    </message>
    <message>
        <source>All communities</source>
        <translation>Все сообщества</translation>
    </message>
    <message>
        <source>&amp;Community:</source>
        <translation>&amp;Сообщество:</translation>
    </message>
    <message>
        <source>&amp;Language of the PDF:</source>
        <translation>&amp;Язык PDF:</translation>
    </message>
    <message>
        <source>Create PDF</source>
        <translation>Создать PDF</translation>
    </message>
    <message>
        <source>The period ends before it starts: choose an end date on or after the start date, or tick “All dates”.</source>
        <translation>Период заканчивается раньше, чем начинается: выберите дату окончания не раньше даты начала или отметьте «Все даты».</translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Sync</source>
        <translation>Обмен данными</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Чтение…</translation>
    </message>
    <message>
        <source>Send</source>
        <translation>Отправка</translation>
    </message>
    <message>
        <source>&amp;Export to a folder…</source>
        <translation>Выгрузить в &amp;папку…</translation>
    </message>
    <message>
        <source>Export to the &amp;outbox</source>
        <translation>Выгрузить в &amp;исходящие</translation>
    </message>
    <message>
        <source>&amp;Re-export…</source>
        <translation>Выгрузить пов&amp;торно…</translation>
    </message>
    <message>
        <source>Send again changes that headquarters reports missing, or everything</source>
        <translation>Отправить заново изменения, которых не хватает головному офису, или всё</translation>
    </message>
    <message>
        <source>In&amp;vite an office…</source>
        <translation>Пригл&amp;асить офис…</translation>
    </message>
    <message>
        <source>Write an invitation file for a new office: its first package is accepted without a phone call</source>
        <translation>Записать файл приглашения для нового офиса: его первый пакет будет принят без звонка</translation>
    </message>
    <message>
        <source>Receive</source>
        <translation>Приём</translation>
    </message>
    <message>
        <source>Packages are checked (signature, sender, integrity) before anything is applied; a damaged file changes nothing.</source>
        <translation>Пакеты проверяются (подпись, отправитель, целостность) до применения; повреждённый файл ничего не меняет.</translation>
    </message>
    <message>
        <source>Import the &amp;inbox</source>
        <translation>Загрузить &amp;входящие</translation>
    </message>
    <message>
        <source>Delivery folder (network share or cloud folder)</source>
        <translation>Папка доставки (сетевая или облачная папка)</translation>
    </message>
    <message>
        <source>not set: packages stay in the outbox</source>
        <translation>не задана: пакеты остаются в исходящих</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <source>The result of the last import is shown here.</source>
        <translation>Здесь показывается результат последней загрузки.</translation>
    </message>
    <message>
        <source>Outbox</source>
        <translation>Исходящие</translation>
    </message>
    <message>
        <source>Package</source>
        <translation>Пакет</translation>
    </message>
    <message>
        <source>For</source>
        <translation>Кому</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Изменения</translation>
    </message>
    <message>
        <source>Written</source>
        <translation>Записан</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Send and receive</source>
        <translation>Отправка и приём</translation>
    </message>
    <message>
        <source>Installation</source>
        <translation>Установка</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Сообщество</translation>
    </message>
    <message>
        <source>Fingerprint</source>
        <translation>Отпечаток</translation>
    </message>
    <message>
        <source>Last change received</source>
        <translation>Последнее полученное изменение</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Получено</translation>
    </message>
    <message>
        <source>Missing</source>
        <translation>Не хватает</translation>
    </message>
    <message>
        <source>&amp;Accept the selected installation</source>
        <translation>&amp;Принять выбранную установку</translation>
    </message>
    <message>
        <source>Re&amp;voke the selected installation</source>
        <translation>&amp;Отозвать выбранную установку</translation>
    </message>
    <message>
        <source>&amp;Invite an office…</source>
        <translation>Приг&amp;ласить офис…</translation>
    </message>
    <message>
        <source>Installations</source>
        <translation>Установки</translation>
    </message>
    <message>
        <source>The same field was changed at two places. The value on the left was kept; “Use the other value” makes the right one current and sends it back like any other change.</source>
        <translation>Одно и то же поле изменили в двух местах. Сохранено значение слева; «Взять другое значение» делает текущим значение справа и отправляет его обратно как обычное изменение.</translation>
    </message>
    <message>
        <source>Record</source>
        <translation>Запись</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <source>Kept value</source>
        <translation>Сохранённое значение</translation>
    </message>
    <message>
        <source>Kept from</source>
        <translation>Откуда сохранено</translation>
    </message>
    <message>
        <source>Other value</source>
        <translation>Другое значение</translation>
    </message>
    <message>
        <source>Other from</source>
        <translation>Откуда другое</translation>
    </message>
    <message>
        <source>&amp;Use the other value</source>
        <translation>&amp;Взять другое значение</translation>
    </message>
    <message>
        <source>&amp;Keep this value</source>
        <translation>&amp;Оставить это значение</translation>
    </message>
    <message>
        <source>Conflicts</source>
        <translation>Конфликты</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Таблица</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <source>Set aside</source>
        <translation>Отложено</translation>
    </message>
    <message>
        <source>This is headquarters ({name}). Its fingerprint, to read out over the phone: &lt;b&gt;{fp}&lt;/b&gt;</source>
        <translation>Это головной офис ({name}). Его отпечаток, чтобы продиктовать по телефону: &lt;b&gt;{fp}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Return packages carry what changed here for each community and the receipts for the packages received.</source>
        <translation>Обратные пакеты несут изменения, сделанные здесь для каждого сообщества, и квитанции о полученных пакетах.</translation>
    </message>
    <message>
        <source>&amp;Write return packages to a folder…</source>
        <translation>&amp;Записать обратные пакеты в папку…</translation>
    </message>
    <message>
        <source>Write return packages to the &amp;outbox</source>
        <translation>Записать обратные пакеты в &amp;исходящие</translation>
    </message>
    <message>
        <source>Write the &amp;headquarters key file…</source>
        <translation>Записать файл ключа &amp;головного офиса…</translation>
    </message>
    <message>
        <source>Open the invitation or the headquarters key</source>
        <translation>Открыть приглашение или ключ головного офиса</translation>
    </message>
    <message>
        <source>Invitations and key files (*.striveinvite *.strivekey);;All files (*)</source>
        <translation>Приглашения и файлы ключей (*.striveinvite *.strivekey);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Revoke installation</source>
        <translation>Отозвать установку</translation>
    </message>
    <message>
        <source>Stop accepting packages from {name}? Its packages then wait, and it gets no return packages, until it is accepted again.</source>
        <translation>Перестать принимать пакеты от {name}? Его пакеты будут ждать, и он не будет получать ответные пакеты, пока его снова не примут.</translation>
    </message>
    <message>
        <source>Headquarters: {name}, fingerprint &lt;b&gt;{fp}&lt;/b&gt;</source>
        <translation>Головной офис: {name}, отпечаток &lt;b&gt;{fp}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;The headquarters key has not been imported yet.&lt;/b&gt;</source>
        <translation>&lt;b&gt;Ключ головного офиса ещё не загружен.&lt;/b&gt;</translation>
    </message>
    <message>
        <source>This installation: {name}, fingerprint &lt;b&gt;{fp}&lt;/b&gt;. {hq}</source>
        <translation>Эта установка: {name}, отпечаток &lt;b&gt;{fp}&lt;/b&gt;. {hq}</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) not yet exported.</source>
        <translation>
            <numerusform>%Ln изменение ещё не выгружено.</numerusform>
            <numerusform>%Ln изменения ещё не выгружены.</numerusform>
            <numerusform>%Ln изменений ещё не выгружено.</numerusform>
        </translation>
    </message>
    <message>
        <source>Everything has been exported.</source>
        <translation>Всё выгружено.</translation>
    </message>
    <message>
        <source>Import the &amp;headquarters key…</source>
        <translation>Загрузить ключ &amp;головного офиса…</translation>
    </message>
    <message>
        <source>Replace the &amp;headquarters key…</source>
        <translation>Заменить ключ &amp;головного офиса…</translation>
    </message>
    <message>
        <source>The headquarters this installation sends its packages to.</source>
        <translation>Головной офис, которому эта установка отправляет пакеты.</translation>
    </message>
    <message>
        <source>delivered (receipt)</source>
        <translation>доставлен (квитанция)</translation>
    </message>
    <message>
        <source>copied to the delivery folder</source>
        <translation>скопирован в папку доставки</translation>
    </message>
    <message>
        <source>in the outbox</source>
        <translation>в исходящих</translation>
    </message>
    <message>
        <source>headquarters</source>
        <translation>головной офис</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>принята</translation>
    </message>
    <message numerus="yes">
        <source>waiting for acceptance (%n package(s))</source>
        <translation>
            <numerusform>ждёт принятия (%Ln пакет)</numerusform>
            <numerusform>ждёт принятия (%Ln пакета)</numerusform>
            <numerusform>ждёт принятия (%Ln пакетов)</numerusform>
        </translation>
    </message>
    <message>
        <source>{field} (record deleted)</source>
        <translation>{field} (запись удалена)</translation>
    </message>
    <message numerus="yes">
        <source>Conflicts (%n)</source>
        <translation>
            <numerusform>Конфликты (%Ln)</numerusform>
            <numerusform>Конфликты (%Ln)</numerusform>
            <numerusform>Конфликты (%Ln)</numerusform>
        </translation>
    </message>
    <message>
        <source>&lt;b&gt;This office cannot send to headquarters yet.&lt;/b&gt; Packages are sealed so that only headquarters can read them, so the office needs headquarters&apos; key first. Ask headquarters for an invitation file for this community (it is accepted without a phone call) or for its key file (then check the fingerprint by phone), and open it here.</source>
        <translation>&lt;b&gt;Этот офис пока не может отправлять данные в головной офис.&lt;/b&gt; Пакеты запечатываются так, чтобы их мог прочитать только головной офис, поэтому офису сначала нужен ключ головного офиса. Попросите в головном офисе файл приглашения для этого сообщества (он принимается без звонка) или файл ключа (тогда проверьте отпечаток по телефону) и откройте его здесь.</translation>
    </message>
    <message>
        <source>Open the invitation or &amp;key file…</source>
        <translation>Открыть файл &amp;приглашения или ключа…</translation>
    </message>
    <message>
        <source>&amp;Back up keys…</source>
        <translation>Резервная &amp;копия ключей…</translation>
    </message>
    <message>
        <source>Import &amp;files…</source>
        <translation>Загрузить &amp;файлы…</translation>
    </message>
    <message>
        <source>An office set up with an invitation is accepted with its first package. Accept any other installation only after checking its fingerprint with the office by phone; packages from it wait until then.</source>
        <translation>Офис, настроенный по приглашению, принимается с первым пакетом. Любую другую установку принимайте только после проверки её отпечатка с офисом по телефону; её пакеты до тех пор ждут.</translation>
    </message>
    <message>
        <source>Records that were not applied because they are invalid or not their sender&apos;s to change; the rest of their package was applied.</source>
        <translation>Записи, которые не применены, потому что они некорректны или отправитель не вправе их менять; остальная часть пакета применена.</translation>
    </message>
    <message numerus="yes">
        <source>%n record(s) wait for a record they refer to (applied when it arrives).</source>
        <translation>
            <numerusform>%Ln запись ждёт записи, на которую ссылается (будет применена, когда та придёт).</numerusform>
            <numerusform>%Ln записи ждут записей, на которые ссылаются (будут применены, когда те придут).</numerusform>
            <numerusform>%Ln записей ждут записей, на которые ссылаются (будут применены, когда те придут).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Set aside (%n)</source>
        <translation>
            <numerusform>Отложено (%Ln)</numerusform>
            <numerusform>Отложено (%Ln)</numerusform>
            <numerusform>Отложено (%Ln)</numerusform>
        </translation>
    </message>
    <message>
        <source>accepted by invitation</source>
        <translation>принята по приглашению</translation>
    </message>
    <message numerus="yes">
        <source>revoked (%n package(s) waiting)</source>
        <translation>
            <numerusform>отозвана (ждёт %Ln пакет)</numerusform>
            <numerusform>отозвана (ждут %Ln пакета)</numerusform>
            <numerusform>отозвана (ждут %Ln пакетов)</numerusform>
        </translation>
    </message>
    <message>
        <source>(deleted)</source>
        <translation>(удалено)</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(пусто)</translation>
    </message>
    <message>
        <source>Export the package to (e.g. a USB stick)</source>
        <translation>Куда выгрузить пакет (например, на флешку)</translation>
    </message>
    <message>
        <source>Re-export</source>
        <translation>Повторная выгрузка</translation>
    </message>
    <message>
        <source>The changes to send again, e.g. 51-70 as headquarters reported them, or “all” for everything:</source>
        <translation>Какие изменения отправить заново, например 51-70, как сообщил головной офис, или «all» — всё:</translation>
    </message>
    <message>
        <source>all</source>
        <translation>all</translation>
    </message>
    <message>
        <source>Nothing to send.</source>
        <translation>Нечего отправлять.</translation>
    </message>
    <message>
        <source>Writing the sync package…</source>
        <translation>Записывается пакет синхронизации…</translation>
    </message>
    <message numerus="yes">
        <source>{file}: %n record(s) for {who}</source>
        <translation>
            <numerusform>{file}: %Ln запись для {who}</numerusform>
            <numerusform>{file}: %Ln записи для {who}</numerusform>
            <numerusform>{file}: %Ln записей для {who}</numerusform>
        </translation>
    </message>
    <message>
        <source>Write the headquarters key file</source>
        <translation>Запись файла ключа головного офиса</translation>
    </message>
    <message>
        <source>STRIVE key files (*.strivekey)</source>
        <translation>Файлы ключей STRIVE (*.strivekey)</translation>
    </message>
    <message>
        <source>Headquarters key written to {path}.</source>
        <translation>Ключ головного офиса записан в {path}.</translation>
    </message>
    <message>
        <source>Headquarters key</source>
        <translation>Ключ головного офиса</translation>
    </message>
    <message>
        <source>Headquarters key imported. Check this fingerprint with headquarters by phone:

{fp}</source>
        <translation>Ключ головного офиса загружен. Сверьте этот отпечаток с головным офисом по телефону:

{fp}</translation>
    </message>
    <message>
        <source>Invitation from {hq} opened: this office can send to headquarters now.</source>
        <translation>Приглашение от {hq} открыто: теперь этот офис может отправлять данные в головной офис.</translation>
    </message>
    <message>
        <source>Invite an office</source>
        <translation>Пригласить офис</translation>
    </message>
    <message>
        <source>The community of the new office:</source>
        <translation>Сообщество нового офиса:</translation>
    </message>
    <message>
        <source>Write the invitation</source>
        <translation>Записать приглашение</translation>
    </message>
    <message>
        <source>STRIVE invitations (*.striveinvite)</source>
        <translation>Приглашения STRIVE (*.striveinvite)</translation>
    </message>
    <message>
        <source>Invitation for {community} written to {path}, valid until {date}. Give it to the office (USB stick, e-mail); its first package is then accepted without a phone call.</source>
        <translation>Приглашение для {community} записано в {path}, действует до {date}. Передайте его офису (флешка, электронная почта); тогда его первый пакет будет принят без звонка.</translation>
    </message>
    <message>
        <source>Back up the keys</source>
        <translation>Резервная копия ключей</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Парольная фраза</translation>
    </message>
    <message>
        <source>A passphrase of at least 8 characters. Keep it apart from the file:</source>
        <translation>Парольная фраза не короче 8 символов. Храните её отдельно от файла:</translation>
    </message>
    <message>
        <source>Type the passphrase again:</source>
        <translation>Введите парольную фразу ещё раз:</translation>
    </message>
    <message>
        <source>The two passphrases differ. The keys were not backed up.</source>
        <translation>Парольные фразы не совпадают. Резервная копия ключей не создана.</translation>
    </message>
    <message>
        <source>Key backup written to {path}.</source>
        <translation>Резервная копия ключей записана в {path}.</translation>
    </message>
    <message>
        <source>Delivery folder</source>
        <translation>Папка доставки</translation>
    </message>
    <message>
        <source>No delivery folder: take the packages from the outbox or a USB stick.</source>
        <translation>Папка доставки не задана: берите пакеты из исходящих или с флешки.</translation>
    </message>
    <message numerus="yes">
        <source>Not reachable at {time}; %n package(s) waiting. Checked again every few minutes.</source>
        <translation>
            <numerusform>Недоступна в {time}; ждёт %Ln пакет. Проверяется каждые несколько минут.</numerusform>
            <numerusform>Недоступна в {time}; ждут %Ln пакета. Проверяется каждые несколько минут.</numerusform>
            <numerusform>Недоступна в {time}; ждут %Ln пакетов. Проверяется каждые несколько минут.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Reachable at {time}: %n package(s) copied now.</source>
        <translation>
            <numerusform>Доступна в {time}: скопирован %Ln пакет.</numerusform>
            <numerusform>Доступна в {time}: скопировано %Ln пакета.</numerusform>
            <numerusform>Доступна в {time}: скопировано %Ln пакетов.</numerusform>
        </translation>
    </message>
    <message>
        <source>Import sync packages</source>
        <translation>Загрузка пакетов обмена</translation>
    </message>
    <message>
        <source>STRIVE packages (*.strive);;All files (*)</source>
        <translation>Пакеты STRIVE (*.strive);;Все файлы (*)</translation>
    </message>
    <message>
        <source>Importing packages…</source>
        <translation>Загружаются пакеты…</translation>
    </message>
    <message>
        <source>The imported packages were moved to {path}.</source>
        <translation>Загруженные пакеты перемещены в {path}.</translation>
    </message>
    <message>
        <source>No packages found.</source>
        <translation>Пакеты не найдены.</translation>
    </message>
    <message>
        <source>Accept installation</source>
        <translation>Принять установку</translation>
    </message>
    <message>
        <source>Accept {name}?

Its fingerprint must be the one the office reads out to you:
{fp}</source>
        <translation>Принять {name}?

Её отпечаток должен совпадать с тем, что продиктует офис:
{fp}</translation>
    </message>
    <message>
        <source>Importing the waiting packages…</source>
        <translation>Загружаются ожидающие пакеты…</translation>
    </message>
    <message>
        <source>Recovery &amp;file for the selected office…</source>
        <translation>&amp;Файл восстановления для выбранного офиса…</translation>
    </message>
    <message>
        <source>For an office whose every password is forgotten (docs/recovery.md)</source>
        <translation>Для офиса, где забыты все пароли (docs/recovery.md)</translation>
    </message>
</context>
<context>
    <name>TrainingDialog</name>
    <message>
        <source>Edit training</source>
        <translation>Изменить тренинг</translation>
    </message>
    <message>
        <source>New training</source>
        <translation>Новый тренинг</translation>
    </message>
    <message>
        <source>Choose</source>
        <translation>Выберите</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Сохранить</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
    <message>
        <source> h</source>
        <translation> ч</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Тренинг</translation>
    </message>
    <message>
        <source>&amp;Community:</source>
        <translation>Соо&amp;бщество:</translation>
    </message>
    <message>
        <source>&amp;Phase:</source>
        <translation>&amp;Этап:</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Название:</translation>
    </message>
    <message>
        <source>e.g. Basics of violent extremism for the advisory group</source>
        <translation>например, Основы экстремизма для группы</translation>
    </message>
    <message>
        <source>&amp;Venue:</source>
        <translation>&amp;Место:</translation>
    </message>
    <message>
        <source>T&amp;rainers:</source>
        <translation>Т&amp;ренеры:</translation>
    </message>
    <message>
        <source>Names, separated by commas</source>
        <translation>Имена через запятую</translation>
    </message>
    <message>
        <source>Sessi&amp;ons:</source>
        <translation>&amp;Занятия:</translation>
    </message>
    <message>
        <source>Re&amp;move session</source>
        <translation>&amp;Удалить занятие</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Часы</translation>
    </message>
    <message>
        <source>&amp;Add session</source>
        <translation>&amp;Добавить занятие</translation>
    </message>
    <message>
        <source>Title in R&amp;ussian:</source>
        <translation>Наз&amp;вание на русском:</translation>
    </message>
    <message>
        <source>optional: for certificates and sheets in Russian</source>
        <translation>необязательно: для сертификатов и листов на русском</translation>
    </message>
    <message>
        <source>Title in &amp;English:</source>
        <translation>Название на &amp;английском:</translation>
    </message>
    <message>
        <source>optional: for certificates and sheets in English</source>
        <translation>необязательно: для сертификатов и листов на английском</translation>
    </message>
</context>
<context>
    <name>TrainingListModel</name>
    <message>
        <source>Community</source>
        <translation>Сообщество</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Этап</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Даты</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Часы</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Участники</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>Посещаемость</translation>
    </message>
</context>
<context>
    <name>TrainingsPage</name>
    <message>
        <source>Trainings</source>
        <translation>Тренинги</translation>
    </message>
    <message>
        <source>&amp;New training</source>
        <translation>&amp;Новый тренинг</translation>
    </message>
    <message>
        <source>Create a training with its sessions (Ctrl+N)</source>
        <translation>Создать тренинг с занятиями (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Изменить</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Удалить</translation>
    </message>
    <message>
        <source>C&amp;heck a certificate…</source>
        <translation>Про&amp;верить сертификат…</translation>
    </message>
    <message>
        <source>Check a printed certificate against the register: its serial number and verification code</source>
        <translation>Проверить напечатанный сертификат по реестру: номер и код проверки</translation>
    </message>
    <message>
        <source>Create the first training</source>
        <translation>Создать первый тренинг</translation>
    </message>
    <message>
        <source>Attendance sheet</source>
        <translation>Лист посещаемости</translation>
    </message>
    <message>
        <source>Photos or scans of the signed paper sheet (JPEG, PNG, TIFF or PDF, up to 20 MB). A copy is kept in the data folder.</source>
        <translation>Фото или сканы подписанного бумажного листа (JPEG, PNG, TIFF или PDF, до 20 МБ). Копия хранится в папке данных.</translation>
    </message>
    <message>
        <source>&amp;Attach scan…</source>
        <translation>&amp;Прикрепить скан…</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Открыть</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>И&amp;сключить</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Файл</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <source>Added</source>
        <translation>Добавлен</translation>
    </message>
    <message>
        <source>Scans</source>
        <translation>Сканы</translation>
    </message>
    <message>
        <source>STRIVE Desktop</source>
        <translation>STRIVE Desktop</translation>
    </message>
    <message>
        <source>Select a training in the list first.</source>
        <translation>Сначала выберите тренинг в списке.</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Чтение…</translation>
    </message>
    <message>
        <source>All communities</source>
        <translation>Все сообщества</translation>
    </message>
    <message>
        <source>No trainings yet. Press “New training” (Ctrl+N) to create the first one with its sessions, then tick the attendance here.</source>
        <translation>Тренингов пока нет. Нажмите «Новый тренинг» (Ctrl+N), чтобы создать первый с занятиями, затем отмечайте посещаемость здесь.</translation>
    </message>
    <message>
        <source>No training selected</source>
        <translation>Тренинг не выбран</translation>
    </message>
    <message numerus="yes">
        <source>%n session(s)</source>
        <translation>
            <numerusform>%Ln занятие</numerusform>
            <numerusform>%Ln занятия</numerusform>
            <numerusform>%Ln занятий</numerusform>
        </translation>
    </message>
    <message>
        <source>{hours} hours</source>
        <translation>{hours} ч</translation>
    </message>
    <message>
        <source>trainers: {names}</source>
        <translation>тренеры: {names}</translation>
    </message>
    <message>
        <source>This training has no sessions: edit it to add them.</source>
        <translation>У этого тренинга нет занятий: измените его, чтобы добавить.</translation>
    </message>
    <message>
        <source>Nobody is on the sheet yet: add members to the advisory group, or add a walk-in.</source>
        <translation>В листе пока никого нет: добавьте членов в консультативную группу или пришедшего.</translation>
    </message>
    <message numerus="yes">
        <source>%n participant(s)</source>
        <translation>
            <numerusform>%Ln участник</numerusform>
            <numerusform>%Ln участника</numerusform>
            <numerusform>%Ln участников</numerusform>
        </translation>
    </message>
    <message>
        <source>average attendance {rate}</source>
        <translation>средняя посещаемость {rate}</translation>
    </message>
    <message>
        <source>{n} completed (at least {share} of the hours)</source>
        <translation>завершили: {n} (не менее {share} часов)</translation>
    </message>
    <message>
        <source>Delete training</source>
        <translation>Удалить тренинг</translation>
    </message>
    <message>
        <source>Delete the training “{title}” ({dates}) and its attendance sheet?</source>
        <translation>Удалить тренинг «{title}» ({dates}) и его лист посещаемости?</translation>
    </message>
    <message>
        <source>Remove walk-in</source>
        <translation>Убрать пришедшего</translation>
    </message>
    <message numerus="yes">
        <source>Remove {name} from this attendance sheet? They are ticked present at %n session(s); those ticks go too.</source>
        <translation>
            <numerusform>Убрать {name} из листа посещаемости? Отмечено присутствие на %Ln занятии; эта отметка тоже будет удалена.</numerusform>
            <numerusform>Убрать {name} из листа посещаемости? Отмечено присутствие на %Ln занятиях; эти отметки тоже будут удалены.</numerusform>
            <numerusform>Убрать {name} из листа посещаемости? Отмечено присутствие на %Ln занятиях; эти отметки тоже будут удалены.</numerusform>
        </translation>
    </message>
    <message>
        <source>{name} was removed from this attendance sheet (still in People).</source>
        <translation>{name}: убран(а) из листа посещаемости (остаётся в разделе «Люди»).</translation>
    </message>
    <message>
        <source>The file is not in this data folder</source>
        <translation>Файла нет в этой папке данных</translation>
    </message>
    <message>
        <source>Scans ({n})</source>
        <translation>Сканы ({n})</translation>
    </message>
    <message>
        <source>{size} MB</source>
        <translation>{size} МБ</translation>
    </message>
    <message>
        <source>{size} KB</source>
        <translation>{size} КБ</translation>
    </message>
    <message>
        <source>Attach a scan or photo of the signed sheet</source>
        <translation>Прикрепить скан или фото подписанного листа</translation>
    </message>
    <message>
        <source>Images and PDF (*.jpg *.jpeg *.png *.tif *.tiff *.bmp *.gif *.webp *.pdf)</source>
        <translation>Изображения и PDF (*.jpg *.jpeg *.png *.tif *.tiff *.bmp *.gif *.webp *.pdf)</translation>
    </message>
    <message>
        <source>No program to open this file was found. It is here:
{path}</source>
        <translation>Не найдена программа, чтобы открыть этот файл. Он находится здесь:
{path}</translation>
    </message>
    <message>
        <source>Remove scan</source>
        <translation>Удалить скан</translation>
    </message>
    <message>
        <source>Remove “{name}” from this training?</source>
        <translation>Удалить «{name}» из этого тренинга?</translation>
    </message>
</context>
<context>
    <name>UndoBar</name>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Отменить</translation>
    </message>
    <message>
        <source>Hide</source>
        <translation>Скрыть</translation>
    </message>
</context>
<context>
    <name>UsersDialog</name>
    <message>
        <source>Accounts</source>
        <translation>Учётные записи</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>&amp;Add account…</source>
        <translation>&amp;Добавить учётную запись…</translation>
    </message>
    <message>
        <source>Reset &amp;password…</source>
        <translation>Сбросить &amp;пароль…</translation>
    </message>
    <message>
        <source>The role of the chosen account</source>
        <translation>Роль выбранной учётной записи</translation>
    </message>
    <message>
        <source>&amp;Deactivate</source>
        <translation>&amp;Отключить</translation>
    </message>
    <message>
        <source>active</source>
        <translation>активна</translation>
    </message>
    <message>
        <source>deactivated</source>
        <translation>отключена</translation>
    </message>
    <message>
        <source>{name} can now log in with the new password.</source>
        <translation>{name} теперь может войти с новым паролем.</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Отключить</translation>
    </message>
    <message>
        <source>Deactivate the account {name}? It can no longer log in; its name stays in the record of changes.</source>
        <translation>Отключить учётную запись {name}? Войти с ней будет нельзя; её имя останется в журнале изменений.</translation>
    </message>
</context>
<context>
    <name>UsersSection</name>
    <message>
        <source>Change &amp;my password…</source>
        <translation>Сменить &amp;мой пароль…</translation>
    </message>
    <message>
        <source>&amp;Accounts…</source>
        <translation>&amp;Учётные записи…</translation>
    </message>
    <message>
        <source>Add accounts, reset a forgotten password, change a role, deactivate an account</source>
        <translation>Добавить учётные записи, сбросить забытый пароль, сменить роль, отключить учётную запись</translation>
    </message>
    <message>
        <source>Loc&amp;k the window after</source>
        <translation>&amp;Блокировать окно через</translation>
    </message>
    <message>
        <source>minutes without use.</source>
        <translation>мин. без работы.</translation>
    </message>
    <message>
        <source>Nobody is logged in: this data folder has no accounts yet.</source>
        <translation>Никто не вошёл: в этой папке данных ещё нет учётных записей.</translation>
    </message>
    <message>
        <source>You are logged in as {name} ({role}).</source>
        <translation>Вы вошли как {name} ({role}).</translation>
    </message>
    <message>
        <source>Users</source>
        <translation>Пользователи</translation>
    </message>
    <message>
        <source>Your password was changed.</source>
        <translation>Ваш пароль изменён.</translation>
    </message>
</context>
<context>
    <name>VerifyCertificateDialog</name>
    <message>
        <source>Check a certificate</source>
        <translation>Проверка сертификата</translation>
    </message>
    <message>
        <source>&amp;Serial number:</source>
        <translation>&amp;Серийный номер:</translation>
    </message>
    <message>
        <source>Verification c&amp;ode:</source>
        <translation>К&amp;од проверки:</translation>
    </message>
    <message>
        <source>C&amp;heck</source>
        <translation>&amp;Проверить</translation>
    </message>
    <message>
        <source>Type both the serial number and the verification code.</source>
        <translation>Введите и номер, и код проверки.</translation>
    </message>
    <message>
        <source>Not in the register</source>
        <translation>Нет в реестре</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Отозван</translation>
    </message>
    <message>
        <source>Not genuine</source>
        <translation>Не подлинный</translation>
    </message>
    <message>
        <source>Type the serial number and the verification code printed on the certificate (under its QR code), paste the text a scanner app read from the QR code, or open a photo or scan of the QR code.</source>
        <translation>Введите номер и код проверки, напечатанные на сертификате (под QR-кодом), вставьте текст, который приложение-сканер прочитало из QR-кода, или откройте фото или скан QR-кода.</translation>
    </message>
    <message>
        <source>or QR code te&amp;xt:</source>
        <translation>или &amp;текст QR-кода:</translation>
    </message>
    <message>
        <source>From a &amp;photo or scan…</source>
        <translation>Из &amp;фото или скана…</translation>
    </message>
    <message>
        <source>Photo or scan of the QR code</source>
        <translation>Фото или скан QR-кода</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg *.bmp *.tif *.tiff)</source>
        <translation>Изображения (*.png *.jpg *.jpeg *.bmp *.tif *.tiff)</translation>
    </message>
    <message>
        <source>No certificate code found</source>
        <translation>Код сертификата не найден</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>ФИО</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Тренинг</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Даты</translation>
    </message>
    <message>
        <source>Hours attended</source>
        <translation>Посещено часов</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Сообщество</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>Дата выдачи</translation>
    </message>
    <message>
        <source>Signed by</source>
        <translation>Подписал</translation>
    </message>
    <message>
        <source>Valid: certificate {serial} is genuine.</source>
        <translation>Действителен: сертификат {serial} подлинный.</translation>
    </message>
    <message>
        <source>Facts printed on the certificate</source>
        <translation>Данные, напечатанные на сертификате</translation>
    </message>
    <message>
        <source>This certificate was issued by another office, so it is not in this register. Type what is printed on it; the signature in the QR code shows whether it is genuine.</source>
        <translation>Этот сертификат выдан другим офисом, поэтому его нет в этом реестре. Введите то, что на нём напечатано; подпись в QR-коде покажет, подлинный ли он.</translation>
    </message>
    <message>
        <source>Full &amp;name:</source>
        <translation>Ф&amp;ИО:</translation>
    </message>
    <message>
        <source>&amp;Training:</source>
        <translation>Т&amp;ренинг:</translation>
    </message>
    <message>
        <source>Dates:</source>
        <translation>Даты:</translation>
    </message>
    <message>
        <source>Hours attended / of the training:</source>
        <translation>Посещено часов / часов тренинга:</translation>
    </message>
    <message>
        <source>Co&amp;mmunity:</source>
        <translation>Сообщ&amp;ество:</translation>
    </message>
    <message>
        <source>&amp;Issued on:</source>
        <translation>&amp;Дата выдачи:</translation>
    </message>
    <message>
        <source>Another office&apos;s certificate</source>
        <translation>Сертификат другого офиса</translation>
    </message>
    <message>
        <source>Type the facts printed on the certificate below, then press Check.</source>
        <translation>Введите ниже данные, напечатанные на сертификате, и нажмите «Проверить».</translation>
    </message>
</context>
<context>
    <name>VulnerableGroupDialog</name>
    <message>
        <source>Edit vulnerable group</source>
        <translation>Изменить уязвимую группу</translation>
    </message>
    <message>
        <source>New vulnerable group</source>
        <translation>Новая уязвимая группа</translation>
    </message>
    <message>
        <source>Community: {name}</source>
        <translation>Сообщество: {name}</translation>
    </message>
    <message>
        <source>e.g. Young people without work, return migrants</source>
        <translation>например, безработная молодёжь, вернувшиеся мигранты</translation>
    </message>
    <message>
        <source>&amp;Category:</source>
        <translation>&amp;Категория:</translation>
    </message>
    <message>
        <source>Who they are, where, how many, why they are at risk</source>
        <translation>Кто они, где, сколько их, почему они в зоне риска</translation>
    </message>
    <message>
        <source>&amp;Description:</source>
        <translation>&amp;Описание:</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Сохранить</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>VulnerableGroupsPage</name>
    <message>
        <source>Vulnerable groups</source>
        <translation>Уязвимые группы</translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation>&amp;Добавить</translation>
    </message>
    <message>
        <source>Add a vulnerable group (Ctrl+N)</source>
        <translation>Добавить уязвимую группу (Ctrl+N)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Изменить</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>&amp;Удалить</translation>
    </message>
    <message>
        <source>Groups of people the community sees as most at risk of being drawn into violent extremism. The local plan&apos;s activities should reach them.</source>
        <translation>Группы людей, которых сообщество считает наиболее подверженными риску вовлечения в насильственный экстремизм. Мероприятия местного плана должны охватывать их.</translation>
    </message>
    <message>
        <source>All communities</source>
        <translation>Все сообщества</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Категория</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Описание</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Сообщество</translation>
    </message>
    <message>
        <source>No vulnerable groups recorded yet. Press “Add” (Ctrl+N) to record the first one.</source>
        <translation>Уязвимые группы пока не записаны. Нажмите «Добавить» (Ctrl+N), чтобы записать первую.</translation>
    </message>
    <message>
        <source>No vulnerable groups recorded yet.</source>
        <translation>Уязвимые группы пока не записаны.</translation>
    </message>
    <message>
        <source>STRIVE Desktop</source>
        <translation>STRIVE Desktop</translation>
    </message>
    <message>
        <source>Choose a community at the top first: a vulnerable group belongs to one community.</source>
        <translation>Сначала выберите сообщество вверху: уязвимая группа относится к одному сообществу.</translation>
    </message>
    <message>
        <source>Delete vulnerable group</source>
        <translation>Удалить уязвимую группу</translation>
    </message>
    <message>
        <source>Delete “{category}” from the community&apos;s vulnerable groups?</source>
        <translation>Удалить «{category}» из уязвимых групп сообщества?</translation>
    </message>
</context>
<context>
    <name>WalkInDialog</name>
    <message>
        <source>Add walk-in</source>
        <translation>Добавить пришедшего</translation>
    </message>
    <message>
        <source>Someone came to the training who is not a member of the advisory group. They are added to this community&apos;s people and to this sheet.</source>
        <translation>На тренинг пришёл человек, который не является членом консультативной группы. Он будет добавлен в список людей сообщества и в этот лист.</translation>
    </message>
    <message>
        <source>Surname Name Patronymic</source>
        <translation>Фамилия Имя Отчество</translation>
    </message>
    <message>
        <source>Choose</source>
        <translation>Выберите</translation>
    </message>
    <message>
        <source>&amp;Full name:</source>
        <translation>&amp;ФИО:</translation>
    </message>
    <message>
        <source>Se&amp;x:</source>
        <translation>&amp;Пол:</translation>
    </message>
    <message>
        <source>&amp;Birth year:</source>
        <translation>&amp;Год рождения:</translation>
    </message>
    <message>
        <source>S&amp;ector:</source>
        <translation>С&amp;ектор:</translation>
    </message>
    <message>
        <source>&amp;Add to the sheet</source>
        <translation>&amp;Добавить в лист</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>_ListPage</name>
    <message>
        <source>Filter by name, phone or sector (Ctrl+F)</source>
        <translation>Фильтр по имени, телефону или сектору (Ctrl+F)</translation>
    </message>
    <message>
        <source>{shown} of {total} shown</source>
        <translation>показано {shown} из {total}</translation>
    </message>
    <message>
        <source>STRIVE Desktop</source>
        <translation>STRIVE Desktop</translation>
    </message>
    <message>
        <source>Select a person in the table first.</source>
        <translation>Сначала выберите человека в таблице.</translation>
    </message>
</context>
<context>
    <name>_LogoPicker</name>
    <message>
        <source>Choose…</source>
        <translation>Выбрать…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>no logo</source>
        <translation>без логотипа</translation>
    </message>
    <message>
        <source>Logo for certificates</source>
        <translation>Логотип для сертификатов</translation>
    </message>
    <message>
        <source>Images (*.png *.jpg *.jpeg)</source>
        <translation>Изображения (*.png *.jpg *.jpeg)</translation>
    </message>
</context>
<context>
    <name>_Plurals</name>
    <message numerus="yes">
        <source>%Ln person(s)</source>
        <translation>
            <numerusform>%Ln человек</numerusform>
            <numerusform>%Ln человека</numerusform>
            <numerusform>%Ln человек</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>cli</name>
    <message>
        <source>move this headquarters&apos; database from its file to an empty PostgreSQL database (docs/postgresql.md)</source>
        <translation>перенести базу данных этого головного офиса из файла в пустую базу данных PostgreSQL (docs/postgresql.md)</translation>
    </message>
    <message>
        <source>postgresql+psycopg://user:password@server:5432/database (created empty, with LC_COLLATE &apos;C&apos;)</source>
        <translation>postgresql+psycopg://пользователь:пароль@сервер:5432/база (создана пустой, с LC_COLLATE &apos;C&apos;)</translation>
    </message>
    <message>
        <source>headquarters only: keep the database on a PostgreSQL server (postgresql+psycopg://user:password@server:5432/database) instead of the data folder&apos;s file; settings.json&apos;s database_url does the same</source>
        <translation>только для головного офиса: хранить базу данных на сервере PostgreSQL (postgresql+psycopg://пользователь:пароль@сервер:5432/база), а не в файле папки данных; то же делает database_url в settings.json</translation>
    </message>
    <message>
        <source>data folder to use (default: the user&apos;s data folder); point it at a USB stick for portable use</source>
        <translation>папка данных (по умолчанию: папка данных пользователя); укажите папку на флешке, чтобы работать с неё</translation>
    </message>
    <message>
        <source>interface language (also of error messages)</source>
        <translation>язык интерфейса (и сообщений об ошибках)</translation>
    </message>
    <message>
        <source>the account to act as (default: the first admin); the password comes from STRIVE_PASSWORD or is asked on the terminal</source>
        <translation>учётная запись, от имени которой выполнять (по умолчанию первый администратор); пароль берётся из STRIVE_PASSWORD или запрашивается в терминале</translation>
    </message>
    <message>
        <source>the account to act as (default: the first admin); the password comes from STRIVE_PASSWORD or is asked</source>
        <translation>учётная запись, от имени которой выполнять (по умолчанию первый администратор); пароль берётся из STRIVE_PASSWORD или запрашивается</translation>
    </message>
    <message>
        <source>name this installation and tie it to a community (or --hq)</source>
        <translation>назвать эту установку и привязать её к сообществу (или --hq)</translation>
    </message>
    <message>
        <source>installation name, e.g. &apos;Kochkor office&apos;</source>
        <translation>название установки, например &apos;Кочкорский офис&apos;</translation>
    </message>
    <message>
        <source>community name or code, e.g. Kochkor</source>
        <translation>название или код сообщества, например Kochkor</translation>
    </message>
    <message>
        <source>make this the headquarters installation</source>
        <translation>сделать эту установку головным офисом</translation>
    </message>
    <message>
        <source>field office: set up from headquarters&apos; invitation file</source>
        <translation>полевой офис: настройка по файлу-приглашению от головного офиса</translation>
    </message>
    <message>
        <source>the first admin account&apos;s name (its password: STRIVE_PASSWORD, or asked twice)</source>
        <translation>имя первой учётной записи администратора (пароль: STRIVE_PASSWORD или запрашивается дважды)</translation>
    </message>
    <message>
        <source>fill the data folder with realistic demo data</source>
        <translation>заполнить папку данных правдоподобными демонстрационными данными</translation>
    </message>
    <message>
        <source>integrity and foreign-key check; non-zero exit on a problem</source>
        <translation>проверка целостности и внешних ключей; при ошибке ненулевой код выхода</translation>
    </message>
    <message>
        <source>write a consistent copy of the database (safe while the app runs)</source>
        <translation>записать согласованную копию базы данных (можно при работающей программе)</translation>
    </message>
    <message>
        <source>file or folder to write</source>
        <translation>файл или папка для записи</translation>
    </message>
    <message>
        <source>replace the database with a backup (the old one is kept in backups/)</source>
        <translation>заменить базу данных резервной копией (старая сохраняется в backups/)</translation>
    </message>
    <message>
        <source>accept a backup made by another installation (e.g. moving to a new computer)</source>
        <translation>принять резервную копию другой установки (например, при переезде на новый компьютер)</translation>
    </message>
    <message>
        <source>every synced record as canonical, sorted JSON</source>
        <translation>все синхронизируемые записи в каноническом отсортированном JSON</translation>
    </message>
    <message>
        <source>headquarters: write an invitation file for a new field office (its first package is then accepted without a phone call)</source>
        <translation>головной офис: записать файл-приглашение для нового полевого офиса (его первый пакет будет принят без звонка)</translation>
    </message>
    <message>
        <source>file or folder to write (e.g. a USB stick)</source>
        <translation>файл или папка для записи (например, флешка)</translation>
    </message>
    <message>
        <source>how long the invitation is valid (default 30 days)</source>
        <translation>срок действия приглашения (по умолчанию 30 дней)</translation>
    </message>
    <message>
        <source>headquarters: stop accepting an installation (id, name or fingerprint)</source>
        <translation>головной офис: перестать принимать установку (id, название или отпечаток)</translation>
    </message>
    <message>
        <source>error: {message}</source>
        <translation>ошибка: {message}</translation>
    </message>
    <message>
        <source>interrupted</source>
        <translation>прервано</translation>
    </message>
    <message>
        <source>Certificates written to {path}</source>
        <translation>Сертификаты записаны в {path}</translation>
    </message>
    <message>
        <source>{n} certificate(s) written to {path}</source>
        <translation>Сертификатов записано в {path}: {n}</translation>
    </message>
    <message>
        <source>Attendance sheet written to {path}</source>
        <translation>Лист посещаемости записан в {path}</translation>
    </message>
    <message>
        <source>Plan written to {path}</source>
        <translation>План записан в {path}</translation>
    </message>
    <message>
        <source>Summary written to {path}</source>
        <translation>Отчёт записан в {path}</translation>
    </message>
    <message>
        <source>{n} row(s) of {table} written to {path}</source>
        <translation>Строк таблицы {table} записано в {path}: {n}</translation>
    </message>
    <message>
        <source>Donor workbook written to {path} ({n} participant(s) listed)</source>
        <translation>Книга для доноров записана в {path} (участников в списке: {n})</translation>
    </message>
    <message>
        <source>Nothing to send.</source>
        <translation>Отправлять нечего.</translation>
    </message>
    <message>
        <source>No packages found.</source>
        <translation>Пакеты не найдены.</translation>
    </message>
    <message>
        <source>Imported packages were moved to {path}</source>
        <translation>Импортированные пакеты перемещены в {path}</translation>
    </message>
    <message>
        <source>{name}: {records} records, changes {first}-{last}, for {recipient}; written to {path}</source>
        <translation>{name}: записей: {records}, изменения {first}-{last}, для {recipient}; записан в {path}</translation>
    </message>
    <message>
        <source>{name}: {records} records, changes {first}-{last}, for {recipient}; written to {path} and {copy}</source>
        <translation>{name}: записей: {records}, изменения {first}-{last}, для {recipient}; записан в {path} и {copy}</translation>
    </message>
    <message>
        <source>usage: </source>
        <translation>использование: </translation>
    </message>
    <message>
        <source>positional arguments</source>
        <translation>позиционные аргументы</translation>
    </message>
    <message>
        <source>options</source>
        <translation>параметры</translation>
    </message>
    <message>
        <source>show this help message and exit</source>
        <translation>показать эту справку и выйти</translation>
    </message>
    <message>
        <source>show program&apos;s version number and exit</source>
        <translation>показать версию программы и выйти</translation>
    </message>
    <message>
        <source>argument %(argument_name)s: %(message)s</source>
        <translation>аргумент %(argument_name)s: %(message)s</translation>
    </message>
    <message>
        <source>unrecognized arguments: %s</source>
        <translation>неизвестные аргументы: %s</translation>
    </message>
    <message>
        <source>not allowed with argument %s</source>
        <translation>нельзя вместе с аргументом %s</translation>
    </message>
    <message>
        <source>the following arguments are required: %s</source>
        <translation>обязательные аргументы не указаны: %s</translation>
    </message>
    <message>
        <source>one of the arguments %s is required</source>
        <translation>нужен один из аргументов %s</translation>
    </message>
    <message>
        <source>expected one argument</source>
        <translation>ожидается одно значение</translation>
    </message>
    <message>
        <source>expected at most one argument</source>
        <translation>ожидается не больше одного значения</translation>
    </message>
    <message>
        <source>expected at least one argument</source>
        <translation>ожидается хотя бы одно значение</translation>
    </message>
    <message>
        <source>ambiguous option: %(option)s could match %(matches)s</source>
        <translation>неоднозначный параметр: %(option)s подходит к %(matches)s</translation>
    </message>
    <message>
        <source>invalid %(type)s value: %(value)r</source>
        <translation>недопустимое значение %(type)s: %(value)r</translation>
    </message>
    <message>
        <source>invalid choice: %(value)r (choose from %(choices)s)</source>
        <translation>недопустимый выбор: %(value)r (выберите из %(choices)s)</translation>
    </message>
    <message>
        <source>%(prog)s: error: %(message)s
</source>
        <translation>%(prog)s: ошибка: %(message)s
</translation>
    </message>
    <message>
        <source>can&apos;t open &apos;%(filename)s&apos;: %(error)s</source>
        <translation>не удалось открыть &apos;%(filename)s&apos;: %(error)s</translation>
    </message>
    <message>
        <source>certificates for everyone who completed a training, as PDF</source>
        <translation>сертификаты всем, кто завершил тренинг, в PDF</translation>
    </message>
    <message>
        <source>training id (as shown by &apos;dump&apos; and in the app)</source>
        <translation>id тренинга (как его показывают &apos;dump&apos; и программа)</translation>
    </message>
    <message>
        <source>one PDF with every certificate</source>
        <translation>один PDF со всеми сертификатами</translation>
    </message>
    <message>
        <source>certificate language; bilingual = Kyrgyz and Russian (default: ky)</source>
        <translation>язык сертификата; bilingual = кыргызский и русский (по умолчанию: ky)</translation>
    </message>
    <message>
        <source>also write one PDF per person into DIR</source>
        <translation>также записать в DIR по PDF на каждого человека</translation>
    </message>
    <message>
        <source>blank attendance sheet of a training, as PDF</source>
        <translation>пустой лист регистрации тренинга, в PDF</translation>
    </message>
    <message>
        <source>training id</source>
        <translation>id тренинга</translation>
    </message>
    <message>
        <source>empty rows for walk-ins (default 8)</source>
        <translation>пустые строки для не записанных участников (по умолчанию 8)</translation>
    </message>
    <message>
        <source>a local plan as PDF (DRAFT watermark until approved)</source>
        <translation>местный план в PDF (с отметкой ЧЕРНОВИК до утверждения)</translation>
    </message>
    <message>
        <source>plan id</source>
        <translation>id плана</translation>
    </message>
    <message>
        <source>donor summary for a period and one or all communities, as PDF</source>
        <translation>сводка для доноров за период по одному или всем сообществам, в PDF</translation>
    </message>
    <message>
        <source>first day, YYYY-MM-DD</source>
        <translation>первый день, ГГГГ-ММ-ДД</translation>
    </message>
    <message>
        <source>last day, YYYY-MM-DD</source>
        <translation>последний день, ГГГГ-ММ-ДД</translation>
    </message>
    <message>
        <source>community name, code or id (default: all)</source>
        <translation>название, код или id сообщества (по умолчанию: все)</translation>
    </message>
    <message>
        <source>check a printed certificate against the register</source>
        <translation>проверить напечатанный сертификат по реестру</translation>
    </message>
    <message>
        <source>serial number printed on the certificate</source>
        <translation>регистрационный номер, напечатанный на сертификате</translation>
    </message>
    <message>
        <source>verification code printed on the certificate</source>
        <translation>код проверки, напечатанный на сертификате</translation>
    </message>
    <message>
        <source>the text of the certificate&apos;s QR code</source>
        <translation>текст QR-кода сертификата</translation>
    </message>
    <message>
        <source>a photo or scan of the certificate&apos;s QR code</source>
        <translation>фото или скан QR-кода сертификата</translation>
    </message>
    <message>
        <source>full name as printed</source>
        <translation>ФИО, как напечатано</translation>
    </message>
    <message>
        <source>training title as printed</source>
        <translation>название тренинга, как напечатано</translation>
    </message>
    <message>
        <source>first day of the training, YYYY-MM-DD</source>
        <translation>первый день тренинга, ГГГГ-ММ-ДД</translation>
    </message>
    <message>
        <source>last day of the training, YYYY-MM-DD</source>
        <translation>последний день тренинга, ГГГГ-ММ-ДД</translation>
    </message>
    <message>
        <source>hours attended</source>
        <translation>посещено часов</translation>
    </message>
    <message>
        <source>hours of the whole training</source>
        <translation>часов во всём тренинге</translation>
    </message>
    <message>
        <source>community (name in any language, or code)</source>
        <translation>сообщество (название на любом языке или код)</translation>
    </message>
    <message>
        <source>date of issue, YYYY-MM-DD</source>
        <translation>дата выдачи, ГГГГ-ММ-ДД</translation>
    </message>
    <message>
        <source>people who may be one person, with scores (most likely first)</source>
        <translation>люди, которые могут быть одним человеком, с оценкой сходства (сначала самые вероятные)</translation>
    </message>
    <message>
        <source>only pairs with someone of this community (name, code or id)</source>
        <translation>только пары с человеком из этого сообщества (название, код или id)</translation>
    </message>
    <message>
        <source>merge OTHER into KEEP: one person, their records moved to KEEP</source>
        <translation>объединить OTHER с KEEP: один человек, его записи переходят к KEEP</translation>
    </message>
    <message>
        <source>id (or its first 8 characters) of the person to keep</source>
        <translation>id (или его первые 8 знаков) человека, который остаётся</translation>
    </message>
    <message>
        <source>id of the person merged into KEEP (kept as a tombstone pointing to KEEP)</source>
        <translation>id человека, объединяемого с KEEP (остаётся отметка со ссылкой на KEEP)</translation>
    </message>
    <message>
        <source>undo a merge: the merged person and their records come back</source>
        <translation>отменить объединение: объединённый человек и его записи возвращаются</translation>
    </message>
    <message>
        <source>id of the merged person (as &apos;merge-people&apos; printed it)</source>
        <translation>id объединённого человека (как его вывела &apos;merge-people&apos;)</translation>
    </message>
    <message>
        <source>remember that two people are not one person</source>
        <translation>запомнить, что это два разных человека</translation>
    </message>
    <message>
        <source>add an advisory group&apos;s people from an XLSX or CSV file</source>
        <translation>добавить людей консультативной группы из файла XLSX или CSV</translation>
    </message>
    <message>
        <source>.xlsx or .csv (UTF-8 or Windows-1251, ; or , separated)</source>
        <translation>.xlsx или .csv (UTF-8 или Windows-1251, разделитель ; или ,)</translation>
    </message>
    <message>
        <source>name (or id) of the advisory group to add them to</source>
        <translation>название (или id) консультативной группы, в которую их добавить</translation>
    </message>
    <message>
        <source>say what a column holds (COLUMN: header, letter or number; FIELD: full_name, last_name, first_name, middle_name, sex, birth_year, sector, phone, pin, organisation, position, role, joined_on, consent_date, notes or ignore)</source>
        <translation>указать, что в столбце (COLUMN: заголовок, буква или номер; FIELD: full_name, last_name, first_name, middle_name, sex, birth_year, sector, phone, pin, organisation, position, role, joined_on, consent_date, notes или ignore)</translation>
    </message>
    <message>
        <source>check the file and show what would happen; save nothing</source>
        <translation>проверить файл и показать, что произойдёт; ничего не сохранять</translation>
    </message>
    <message>
        <source>add possible duplicates as new people instead of taking them for the person found</source>
        <translation>добавлять возможные дубликаты как новых людей, а не считать их найденным человеком</translation>
    </message>
    <message>
        <source>donor indicator workbook: breakdowns by sex, age, sector, phase, community and year, with the people counted</source>
        <translation>книга показателей для доноров: разбивка по полу, возрасту, сектору, этапу, сообществу и году, со списком учтённых людей</translation>
    </message>
    <message>
        <source>attendance from a trainer&apos;s spreadsheet (names and one column per session)</source>
        <translation>посещаемость из таблицы тренера (имена и по столбцу на каждое занятие)</translation>
    </message>
    <message>
        <source>leave out people who are stored but not on the training&apos;s sheet</source>
        <translation>пропустить людей, которые есть в базе, но не в листе тренинга</translation>
    </message>
    <message>
        <source>show what would be recorded; save nothing</source>
        <translation>показать, что будет записано; ничего не сохранять</translation>
    </message>
    <message>
        <source>list the roster imports made here (to take one back)</source>
        <translation>список импортов списков, сделанных здесь (чтобы отменить один)</translation>
    </message>
    <message>
        <source>take a roster import back as a whole (its records are deleted)</source>
        <translation>отменить импорт списка целиком (его записи удаляются)</translation>
    </message>
    <message>
        <source>id shown by &apos;import-roster&apos; and &apos;imports&apos;</source>
        <translation>id, который показывают &apos;import-roster&apos; и &apos;imports&apos;</translation>
    </message>
    <message>
        <source>this installation&apos;s sync keys, the headquarters key, accepted installations</source>
        <translation>ключи синхронизации этой установки, ключ головного офиса, принятые установки</translation>
    </message>
    <message>
        <source>fingerprints of this installation, headquarters and other installations</source>
        <translation>отпечатки этой установки, головного офиса и других установок</translation>
    </message>
    <message>
        <source>headquarters: write the key file field installations import</source>
        <translation>головной офис: записать файл ключа, который импортируют установки на местах</translation>
    </message>
    <message>
        <source>field: import headquarters&apos; key file (once)</source>
        <translation>на местах: импортировать файл ключа головного офиса (один раз)</translation>
    </message>
    <message>
        <source>headquarters: accept an installation (id, name or fingerprint) and import its waiting packages</source>
        <translation>головной офис: принять установку (id, название или отпечаток) и импортировать её ожидающие пакеты</translation>
    </message>
    <message>
        <source>write a passphrase-protected backup of the private keys (passphrase from STRIVE_PASSPHRASE or asked)</source>
        <translation>записать защищённую паролем резервную копию закрытых ключей (пароль из STRIVE_PASSPHRASE или запрашивается)</translation>
    </message>
    <message>
        <source>restore the private keys from a backup</source>
        <translation>восстановить закрытые ключи из резервной копии</translation>
    </message>
    <message>
        <source>write a sync package (field: changes since the last one; headquarters: a return package per field installation)</source>
        <translation>записать пакет синхронизации (на местах: изменения с прошлого пакета; головной офис: ответный пакет для каждой установки на местах)</translation>
    </message>
    <message>
        <source>also copy the package(s) to this folder (USB stick)</source>
        <translation>также скопировать пакет(ы) в эту папку (флешка)</translation>
    </message>
    <message>
        <source>everything, not only the changes since the last export</source>
        <translation>всё, а не только изменения с последнего экспорта</translation>
    </message>
    <message>
        <source>re-export the changes A to B</source>
        <translation>повторно экспортировать изменения с A по B</translation>
    </message>
    <message>
        <source>import sync packages</source>
        <translation>импортировать пакеты синхронизации</translation>
    </message>
    <message>
        <source>import every package in this folder</source>
        <translation>импортировать все пакеты из этой папки</translation>
    </message>
    <message>
        <source>installations, last packages, gaps, outbox, conflicts</source>
        <translation>установки, последние пакеты, пропуски, исходящие, конфликты</translation>
    </message>
    <message>
        <source>values that lost a sync conflict; reverse or keep one</source>
        <translation>значения, проигравшие в конфликте синхронизации; вернуть или оставить одно</translation>
    </message>
    <message>
        <source>make the other value the current one</source>
        <translation>сделать другое значение текущим</translation>
    </message>
    <message>
        <source>keep the current value</source>
        <translation>оставить текущее значение</translation>
    </message>
    <message>
        <source>  gap: {gap}</source>
        <translation>  пропуск: {gap}</translation>
    </message>
    <message>
        <source>accounts of this installation (administrators only)</source>
        <translation>учётные записи этой установки (только для администраторов)</translation>
    </message>
    <message>
        <source>every account with its role</source>
        <translation>все учётные записи с их ролями</translation>
    </message>
    <message>
        <source>a new account; its password from STRIVE_NEW_PASSWORD or asked</source>
        <translation>новая учётная запись; пароль из STRIVE_NEW_PASSWORD или запрашивается</translation>
    </message>
    <message>
        <source>trainer, staff, or the administrator of this kind of installation (office_admin at a field office, hq_admin at headquarters)</source>
        <translation>тренер, сотрудник или администратор установки этого вида (office_admin в полевом офисе, hq_admin в головном офисе)</translation>
    </message>
    <message>
        <source>a new password for an account (a forgotten one)</source>
        <translation>новый пароль для учётной записи (если забыт)</translation>
    </message>
    <message>
        <source>change an account&apos;s role</source>
        <translation>изменить роль учётной записи</translation>
    </message>
    <message>
        <source>the account can no longer log in (its name stays in the log)</source>
        <translation>учётная запись больше не может входить (её имя остаётся в журнале)</translation>
    </message>
    <message>
        <source>headquarters: write the recovery file of a field office whose every password is forgotten (its one-time code is shown once)</source>
        <translation>головной офис: записать файл восстановления для офиса, где забыты все пароли (одноразовый код показывается один раз)</translation>
    </message>
    <message>
        <source>the office&apos;s installation id (or its start) or name</source>
        <translation>идентификатор установки офиса (или его начало) или название</translation>
    </message>
    <message>
        <source>the file (or folder) to write</source>
        <translation>файл (или папка) для записи</translation>
    </message>
    <message>
        <source>days the file stays valid (default 14)</source>
        <translation>сколько дней файл действителен (по умолчанию 14)</translation>
    </message>
    <message>
        <source>field office: open with headquarters&apos; recovery file and set a new administrator password</source>
        <translation>офис: открыть с файлом восстановления от головного офиса и задать новый пароль администратора</translation>
    </message>
    <message>
        <source>the recovery file from headquarters</source>
        <translation>файл восстановления от головного офиса</translation>
    </message>
    <message>
        <source>the administrator who gets the new password (made if missing)</source>
        <translation>администратор, получающий новый пароль (создаётся, если его нет)</translation>
    </message>
    <message>
        <source>the recovery code headquarters read out (else STRIVE_RECOVERY_CODE or asked)</source>
        <translation>код восстановления, продиктованный головным офисом (иначе STRIVE_RECOVERY_CODE или запрос)</translation>
    </message>
    <message>
        <source>warning: {message}</source>
        <translation>предупреждение: {message}</translation>
    </message>
    <message>
        <source>refuse to print when no signer is set (without it, a warning and the print goes on)</source>
        <translation>отказаться печатать, если подписант не задан (без этого: предупреждение, и печать продолжается)</translation>
    </message>
    <message>
        <source>Demo data added: {communities} communities, {people} people, {trainings} trainings, {plans} plans.</source>
        <translation>Добавлены демонстрационные данные: сообществ {communities}, людей {people}, тренингов {trainings}, планов {plans}.</translation>
    </message>
    <message>
        <source>Backup written to {path}</source>
        <translation>Резервная копия записана в {path}</translation>
    </message>
    <message>
        <source>Backup written to {path} (encrypted, checked)</source>
        <translation>Резервная копия записана в {path} (зашифрована, проверена)</translation>
    </message>
    <message>
        <source>Restored {file}. The replaced database was kept as {path}</source>
        <translation>Восстановлено из {file}. Заменённая база данных сохранена как {path}</translation>
    </message>
    <message>
        <source>Restored {file}. What it replaced was kept in {path}</source>
        <translation>Восстановлено из {file}. Заменённые данные сохранены в {path}</translation>
    </message>
    <message>
        <source>Installation &apos;{name}&apos; (headquarters) set up in {path}</source>
        <translation>Установка &apos;{name}&apos; (головной офис) настроена в {path}</translation>
    </message>
    <message>
        <source>Installation &apos;{name}&apos; ({community}) set up in {path}</source>
        <translation>Установка &apos;{name}&apos; ({community}) настроена в {path}</translation>
    </message>
    <message>
        <source>schema version: {version}</source>
        <translation>версия схемы: {version}</translation>
    </message>
    <message>
        <source>schema version: {version} (the app upgrades it to {head} when it opens the folder)</source>
        <translation>версия схемы: {version} (программа обновит её до {head}, когда откроет папку)</translation>
    </message>
    <message>
        <source>{table}: {n}</source>
        <translation>{table}: {n}</translation>
    </message>
    <message>
        <source>problem: {problem}</source>
        <translation>проблема: {problem}</translation>
    </message>
    <message>
        <source>check: OK</source>
        <translation>проверка: всё в порядке</translation>
    </message>
    <message>
        <source>check: {n} problem(s)</source>
        <translation>проверка: найдено проблем: {n}</translation>
    </message>
    <message>
        <source>Password of {name} in the backup: </source>
        <translation>Пароль {name} в резервной копии: </translation>
    </message>
    <message>
        <source>Invitation written to {path}, valid until {date}. Give it to the office (USB stick, e-mail); headquarters&apos; fingerprint is {fingerprint}.</source>
        <translation>Приглашение записано в {path}, действительно до {date}. Передайте его офису (флешка, электронная почта); отпечаток головного офиса: {fingerprint}.</translation>
    </message>
    <message>
        <source>{name} is no longer accepted; its packages wait until it is accepted again.</source>
        <translation>{name} больше не принимается; её пакеты будут ждать, пока её снова не примут.</translation>
    </message>
    <message>
        <source>Installation &apos;{name}&apos; ({community}) set up in {path} by invitation; it can export to headquarters now.</source>
        <translation>Установка &apos;{name}&apos; ({community}) настроена в {path} по приглашению; теперь она может отправлять данные в головной офис.</translation>
    </message>
    <message>
        <source>Moved {n} rows to {url}. This data folder now uses that database (settings.json); its old file strive.sqlite3 was left as it was: keep it as a copy.</source>
        <translation>Перенесено строк в {url}: {n}. Эта папка данных теперь использует ту базу данных (settings.json); её старый файл strive.sqlite3 оставлен как был: сохраните его как копию.</translation>
    </message>
    <message>
        <source>New password for {name}: </source>
        <translation>Новый пароль для {name}: </translation>
    </message>
    <message>
        <source>Repeat the password: </source>
        <translation>Повторите пароль: </translation>
    </message>
    <message>
        <source>Password for {name}: </source>
        <translation>Пароль для {name}: </translation>
    </message>
    <message>
        <source>same personal number (PIN)</source>
        <translation>тот же персональный номер (ПИН)</translation>
    </message>
    <message>
        <source>same name</source>
        <translation>то же имя</translation>
    </message>
    <message>
        <source>same name in other letters (Latin / Cyrillic)</source>
        <translation>то же имя другими буквами (латиница / кириллица)</translation>
    </message>
    <message>
        <source>same name in another word order</source>
        <translation>то же имя в другом порядке слов</translation>
    </message>
    <message>
        <source>name one letter apart</source>
        <translation>имя отличается одной буквой</translation>
    </message>
    <message>
        <source>same name in another spelling</source>
        <translation>то же имя в другом написании</translation>
    </message>
    <message>
        <source>patronymic written in one record only</source>
        <translation>отчество указано только в одной записи</translation>
    </message>
    <message>
        <source>same birth year</source>
        <translation>тот же год рождения</translation>
    </message>
    <message>
        <source>same phone</source>
        <translation>тот же телефон</translation>
    </message>
    <message>
        <source>same community</source>
        <translation>то же сообщество</translation>
    </message>
    <message>
        <source>{n} pair(s). Merge with: merge-people KEEP OTHER</source>
        <translation>Пар: {n}. Объединить: merge-people KEEP OTHER</translation>
    </message>
    <message>
        <source>Merged {merged} into {kept}: {memberships} membership(s), {attendance} attendance record(s), {certificates} certificate(s) moved. Undo with: unmerge {short}</source>
        <translation>{merged} объединён с {kept}: перенесено членств {memberships}, записей посещаемости {attendance}, сертификатов {certificates}. Отменить: unmerge {short}</translation>
    </message>
    <message>
        <source>{merged} is a person of their own again (kept apart from {kept}).</source>
        <translation>{merged} снова отдельный человек (отмечено, что это не {kept}).</translation>
    </message>
    <message>
        <source>Kept apart: they will not be offered as one person again.</source>
        <translation>Отмечено как разные люди: их больше не будут предлагать как одного человека.</translation>
    </message>
    <message>
        <source>No likely duplicates.</source>
        <translation>Вероятных дубликатов нет.</translation>
    </message>
    <message>
        <source>{score} likely {a}  &lt;-&gt;  {b}: {why}</source>
        <translation>{score} вероятно {a}  &lt;-&gt;  {b}: {why}</translation>
    </message>
    <message>
        <source>{score} possible {a}  &lt;-&gt;  {b}: {why}</source>
        <translation>{score} возможно {a}  &lt;-&gt;  {b}: {why}</translation>
    </message>
    <message>
        <source>Recovery file for {name} written to {path}</source>
        <translation>Файл восстановления для {name} записан в {path}</translation>
    </message>
    <message>
        <source>Valid until {date}.</source>
        <translation>Действителен до {date}.</translation>
    </message>
    <message>
        <source>Recovery code (read it out on the phone; it is shown only now): {code}</source>
        <translation>Код восстановления (продиктуйте его по телефону; он показывается только сейчас): {code}</translation>
    </message>
    <message>
        <source>{installation} is open again. {account} ({role}) logs in with the new password.</source>
        <translation>{installation} снова открыта. {account} ({role}) входит с новым паролем.</translation>
    </message>
    <message>
        <source>Recovery code from headquarters: </source>
        <translation>Код восстановления от головного офиса: </translation>
    </message>
    <message>
        <source>  row {line}: {name}: {reasons}</source>
        <translation>  строка {line}: {name}: {reasons}</translation>
    </message>
    <message>
        <source>Columns: {columns}</source>
        <translation>Столбцы: {columns}</translation>
    </message>
    <message>
        <source>Import {id} taken back: {n} record(s) deleted.</source>
        <translation>Импорт {id} отменён: удалено записей: {n}.</translation>
    </message>
    <message>
        <source>Session columns: {columns}</source>
        <translation>Столбцы занятий: {columns}</translation>
    </message>
    <message>
        <source>Dry run, nothing saved. Would add {added}, match {matched}, refuse {refused}.</source>
        <translation>Пробный запуск, ничего не сохранено. Было бы добавлено: {added}, сопоставлено: {matched}, отклонено: {refused}.</translation>
    </message>
    <message>
        <source>To take it back: undo-import {id}</source>
        <translation>Чтобы отменить: undo-import {id}</translation>
    </message>
    <message>
        <source>{id}  {when}  {file}  -&gt; {group}: added {added}, matched {matched}, refused {refused}; {state}</source>
        <translation>{id}  {when}  {file}  -&gt; {group}: добавлено {added}, сопоставлено {matched}, отклонено {refused}; {state}</translation>
    </message>
    <message>
        <source>  row {line}: {name} {marks}</source>
        <translation>  строка {line}: {name} {marks}</translation>
    </message>
    <message>
        <source>Dry run, nothing saved.</source>
        <translation>Пробный запуск, ничего не сохранено.</translation>
    </message>
    <message>
        <source>  row {line}: {name} = {match} ({year}, {community})</source>
        <translation>  строка {line}: {name} = {match} ({year}, {community})</translation>
    </message>
    <message>
        <source>taken back {when}</source>
        <translation>отменён {when}</translation>
    </message>
    <message>
        <source>in force</source>
        <translation>действует</translation>
    </message>
    <message>
        <source> (walk-in)</source>
        <translation> (без записи)</translation>
    </message>
    <message>
        <source>Account {name} added ({role}).</source>
        <translation>Учётная запись {name} добавлена ({role}).</translation>
    </message>
    <message>
        <source>The password of {name} was changed.</source>
        <translation>Пароль {name} изменён.</translation>
    </message>
    <message>
        <source>{name} is now {role}.</source>
        <translation>{name} теперь {role}.</translation>
    </message>
    <message>
        <source>Account {name} deactivated: it can no longer log in.</source>
        <translation>Учётная запись {name} отключена: с ней больше нельзя войти.</translation>
    </message>
    <message>
        <source>No accounts.</source>
        <translation>Учётных записей нет.</translation>
    </message>
    <message>
        <source>active (added {date})</source>
        <translation>активна (добавлена {date})</translation>
    </message>
    <message>
        <source>deactivated (added {date})</source>
        <translation>отключена (добавлена {date})</translation>
    </message>
    <message>
        <source>accepted</source>
        <translation>принята</translation>
    </message>
    <message>
        <source>waiting</source>
        <translation>ожидает</translation>
    </message>
    <message>
        <source>revoked</source>
        <translation>отозвана</translation>
    </message>
    <message>
        <source>fingerprint: {fingerprint}</source>
        <translation>отпечаток: {fingerprint}</translation>
    </message>
    <message>
        <source>Headquarters key written to {path} (fingerprint {fingerprint})</source>
        <translation>Ключ головного офиса записан в {path} (отпечаток {fingerprint})</translation>
    </message>
    <message>
        <source>Headquarters key imported. Check its fingerprint with headquarters: {fingerprint}</source>
        <translation>Ключ головного офиса импортирован. Сверьте его отпечаток с головным офисом: {fingerprint}</translation>
    </message>
    <message>
        <source>Accepted {name} ({fingerprint}).</source>
        <translation>Принята установка {name} ({fingerprint}).</translation>
    </message>
    <message>
        <source>Key backup written to {path}. Keep the passphrase apart from the file.</source>
        <translation>Резервная копия ключей записана в {path}. Храните пароль отдельно от файла.</translation>
    </message>
    <message>
        <source>Keys restored; fingerprint {fingerprint}</source>
        <translation>Ключи восстановлены; отпечаток {fingerprint}</translation>
    </message>
    <message>
        <source>Passphrase: </source>
        <translation>Пароль: </translation>
    </message>
    <message>
        <source>Passphrase again: </source>
        <translation>Пароль ещё раз: </translation>
    </message>
    <message>
        <source>this installation: {name} (headquarters) {id}</source>
        <translation>эта установка: {name} (головной офис) {id}</translation>
    </message>
    <message>
        <source>this installation: {name} (field office) {id}</source>
        <translation>эта установка: {name} (полевой офис) {id}</translation>
    </message>
    <message>
        <source>{name} (headquarters), fingerprint {fingerprint}</source>
        <translation>{name} (головной офис), отпечаток {fingerprint}</translation>
    </message>
    <message>
        <source>{name} (field office), fingerprint {fingerprint}</source>
        <translation>{name} (полевой офис), отпечаток {fingerprint}</translation>
    </message>
    <message>
        <source>changes not yet exported: {n}</source>
        <translation>изменений ещё не экспортировано: {n}</translation>
    </message>
    <message>
        <source>delivered</source>
        <translation>доставлен</translation>
    </message>
    <message>
        <source>copied</source>
        <translation>скопирован</translation>
    </message>
    <message>
        <source>in outbox</source>
        <translation>в исходящих</translation>
    </message>
    <message>
        <source>outbox: {file} for {recipient}, {when}, {state}</source>
        <translation>исходящие: {file} для {recipient}, {when}, {state}</translation>
    </message>
    <message>
        <source>open conflicts to review: {n} ({where})</source>
        <translation>открытых конфликтов для проверки: {n} ({where})</translation>
    </message>
    <message>
        <source>set aside: {table} {id} from {file}, {when}: {reason}</source>
        <translation>отложено: {table} {id} из {file}, {when}: {reason}</translation>
    </message>
    <message>
        <source>Conflict {id} reversed; the change goes out with the next export.</source>
        <translation>Конфликт {id} решён в пользу другого значения; изменение уйдёт со следующим экспортом.</translation>
    </message>
    <message>
        <source>Conflict {id}: the current value is kept.</source>
        <translation>Конфликт {id}: текущее значение оставлено.</translation>
    </message>
    <message>
        <source>{id}: {table} {record}, {field}: kept {kept} from {winner}; other {other} from {loser}</source>
        <translation>{id}: {table} {record}, {field}: оставлено {kept} от {winner}; другое {other} от {loser}</translation>
    </message>
    <message>
        <source>No open conflicts.</source>
        <translation>Открытых конфликтов нет.</translation>
    </message>
    <message>
        <source>headquarters</source>
        <translation>головной офис</translation>
    </message>
    <message>
        <source>: {packages} packages, last change {last}, last received {received}</source>
        <translation>: пакетов {packages}, последнее изменение {last}, последний получен {received}</translation>
    </message>
    <message>
        <source>invitation for {community}, written {written}, valid until {until}: {state}</source>
        <translation>приглашение для {community}, записано {written}, действительно до {until}: {state}</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(пусто)</translation>
    </message>
    <message>
        <source>(deleted)</source>
        <translation>(удалено)</translation>
    </message>
    <message>
        <source>, {n} waiting for acceptance</source>
        <translation>, ожидают принятия: {n}</translation>
    </message>
    <message>
        <source>used by {id} on {date}</source>
        <translation>использовано {id} {date}</translation>
    </message>
    <message>
        <source>not used yet</source>
        <translation>ещё не использовано</translation>
    </message>
    <message>
        <source>not a date (YYYY-MM-DD): {text}</source>
        <translation>не дата (ГГГГ-ММ-ДД): {text}</translation>
    </message>
</context>
<context>
    <name>pdf</name>
    <message>
        <source>Attendance sheet</source>
        <translation>Лист регистрации участников</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Сообщество</translation>
    </message>
    <message>
        <source>Dates</source>
        <translation>Даты</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>Место проведения</translation>
    </message>
    <message>
        <source>Trainer(s)</source>
        <translation>Тренер(ы)</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>ФИО</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Сектор</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Пол</translation>
    </message>
    <message>
        <source>Year of birth</source>
        <translation>Год рождения</translation>
    </message>
    <message>
        <source>Consent given</source>
        <translation>Согласие дано</translation>
    </message>
    <message>
        <source>Name, position</source>
        <translation>Ф. И. О., должность</translation>
    </message>
    <message>
        <source>Signature</source>
        <translation>Подпись</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Этап</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Занятия</translation>
    </message>
    <message>
        <source>of</source>
        <translation>из</translation>
    </message>
    <message>
        <source>Page {x} of {y}</source>
        <translation>Страница {x} из {y}</translation>
    </message>
    <message>
        <source>The trainer confirms this list</source>
        <translation>Тренер подтверждает список</translation>
    </message>
    <message>
        <source>h</source>
        <translation>ч</translation>
    </message>
    <message>
        <source>Participants not on the list</source>
        <translation>Участники не из списка</translation>
    </message>
    <message>
        <source>STRIVE Asia — Strengthening Resilience to Violent Extremism</source>
        <translation>STRIVE Asia — Укрепление устойчивости к насильственному экстремизму</translation>
    </message>
    <message>
        <source>CERTIFICATE</source>
        <translation>СЕРТИФИКАТ</translation>
    </message>
    <message>
        <source>This certificate is awarded to</source>
        <translation>Настоящий сертификат выдан</translation>
    </message>
    <message>
        <source>for completing the training</source>
        <translation>за прохождение обучения</translation>
    </message>
    <message>
        <source>Hours attended</source>
        <translation>Посещено часов</translation>
    </message>
    <message>
        <source>Serial No.</source>
        <translation>Рег. №</translation>
    </message>
    <message>
        <source>Verification code</source>
        <translation>Код проверки</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>Дата выдачи</translation>
    </message>
    <message>
        <source>DRAFT</source>
        <translation>ЧЕРНОВИК</translation>
    </message>
    <message>
        <source>Working copy, not yet saved as a revision</source>
        <translation>Рабочая версия, редакция не сохранена</translation>
    </message>
    <message>
        <source>Revision {n} of {date}, with changes made since</source>
        <translation>Редакция {n} от {date} с последующими изменениями</translation>
    </message>
    <message>
        <source>Revision {n} of {date}</source>
        <translation>Редакция {n} от {date}</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Период</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Редакция</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Контекст</translation>
    </message>
    <message>
        <source>Vulnerable groups</source>
        <translation>Уязвимые группы</translation>
    </message>
    <message>
        <source>Objectives</source>
        <translation>Цели</translation>
    </message>
    <message>
        <source>Prepared by</source>
        <translation>Подготовил(а)</translation>
    </message>
    <message>
        <source>Community prevention centre</source>
        <translation>Общественный центр профилактики</translation>
    </message>
    <message>
        <source>Agreed by</source>
        <translation>Согласовано</translation>
    </message>
    <message>
        <source>Chair of the aiyl kenesh</source>
        <translation>Председатель айыльного кенеша</translation>
    </message>
    <message>
        <source>Approved by</source>
        <translation>Утверждено</translation>
    </message>
    <message>
        <source>Head of the aiyl okmotu</source>
        <translation>Глава айыл окмоту</translation>
    </message>
    <message>
        <source>Printed on {date}</source>
        <translation>Напечатано {date}</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Мероприятие</translation>
    </message>
    <message>
        <source>Project</source>
        <translation>Проект</translation>
    </message>
    <message>
        <source>Local</source>
        <translation>Местный</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Другое</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Итого</translation>
    </message>
    <message>
        <source>Local prevention plan</source>
        <translation>Местный план профилактики</translation>
    </message>
    <message>
        <source>No activities yet.</source>
        <translation>Мероприятий пока нет.</translation>
    </message>
    <message>
        <source>Approved on</source>
        <translation>Дата утверждения</translation>
    </message>
    <message>
        <source>(not written yet)</source>
        <translation>(не заполнено)</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>Мероприятия</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>Ответственные</translation>
    </message>
    <message>
        <source>Partners</source>
        <translation>Партнёры</translation>
    </message>
    <message>
        <source>Budget, som</source>
        <translation>Бюджет, сом</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>Индикатор</translation>
    </message>
    <message>
        <source>Age: the age reached in the year of the first session the person attended in the period (only the birth year is recorded).</source>
        <translation>Возраст — полных лет в году первого посещённого занятия за период (записан только год рождения).</translation>
    </message>
    <message>
        <source>Participant: a person marked present at one or more sessions dated in the period; counted once in each total, and once in each phase, sector or community they were trained in.</source>
        <translation>Участник — человек, отмеченный присутствующим хотя бы на одном занятии за период; учитывается один раз в каждом итоге и один раз в каждом этапе, секторе или сообществе.</translation>
    </message>
    <message>
        <source>Training and session: counted when at least one participant was marked present; trainings with nobody present are listed separately and not counted.</source>
        <translation>Тренинг и занятие учитываются, если отмечен хотя бы один участник; тренинги без присутствующих перечислены отдельно и не учитываются.</translation>
    </message>
    <message>
        <source>Completed: attended at least the share of a training&apos;s hours set in the app (Settings) for at least one training held in the period.</source>
        <translation>Завершили — посетили не меньше установленной в программе доли часов (Настройки) хотя бы одного тренинга за период.</translation>
    </message>
    <message>
        <source>Certificates: issued in the period and not revoked.</source>
        <translation>Сертификаты — выданные за период и не отозванные.</translation>
    </message>
    <message>
        <source>Plans: local plans whose period overlaps the report&apos;s; budgets are the sums of their activities (cancelled ones left out), by source of funds.</source>
        <translation>Планы — местные планы, период которых пересекается с периодом сводки; бюджет — сумма мероприятий (кроме отменённых) по источникам средств.</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Участники</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Доля</translation>
    </message>
    <message>
        <source>All communities</source>
        <translation>Все сообщества</translation>
    </message>
    <message>
        <source>All dates</source>
        <translation>За всё время</translation>
    </message>
    <message>
        <source>Women</source>
        <translation>Женщины</translation>
    </message>
    <message>
        <source>Men</source>
        <translation>Мужчины</translation>
    </message>
    <message>
        <source>Participants by sex</source>
        <translation>Участники по полу</translation>
    </message>
    <message>
        <source>Participants by age</source>
        <translation>Участники по возрасту</translation>
    </message>
    <message>
        <source>Participants by sector</source>
        <translation>Участники по секторам</translation>
    </message>
    <message>
        <source>Trainings</source>
        <translation>Тренинги</translation>
    </message>
    <message>
        <source>Completed at least one training</source>
        <translation>Завершили хотя бы один тренинг</translation>
    </message>
    <message>
        <source>Certificates issued</source>
        <translation>Выдано сертификатов</translation>
    </message>
    <message>
        <source>Hours attended</source>
        <comment>summary</comment>
        <translation>Часы участия</translation>
    </message>
    <message>
        <source>Programme summary for donors</source>
        <translation>Сводка по программе для доноров</translation>
    </message>
    <message>
        <source>Prepared with STRIVE Desktop on {date}</source>
        <translation>Подготовлено в STRIVE Desktop {date}</translation>
    </message>
    <message>
        <source>Participants by age and sex</source>
        <translation>Участники по возрасту и полу</translation>
    </message>
    <message>
        <source>Participants by phase and sex</source>
        <translation>Участники по этапам и полу</translation>
    </message>
    <message>
        <source>Local plans by status, budgets by source (som)</source>
        <translation>Местные планы по статусу, бюджет по источникам (сом)</translation>
    </message>
    <message>
        <source>Plans</source>
        <translation>Планы</translation>
    </message>
    <message>
        <source>Local budget</source>
        <translation>Местный бюджет</translation>
    </message>
    <message>
        <source>Other sources</source>
        <translation>Другие источники</translation>
    </message>
    <message>
        <source>Total</source>
        <comment>column</comment>
        <translation>Всего</translation>
    </message>
    <message>
        <source>Trainings left out: nobody was marked present</source>
        <translation>Не учтённые тренинги: никто не отмечен присутствующим</translation>
    </message>
    <message>
        <source>Trainings by phase</source>
        <translation>Тренинги по этапам</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Завершили</translation>
    </message>
    <message>
        <source>By community</source>
        <translation>По сообществам</translation>
    </message>
    <message>
        <source>Co-funding (local budget and other sources): {share} of the planned budget.</source>
        <translation>Софинансирование (местный бюджет и другие источники): {share} планового бюджета.</translation>
    </message>
    <message>
        <source>{title}, {community}, from {date} ({n} sessions)</source>
        <translation>{title}, {community}, с {date} (занятий: {n})</translation>
    </message>
    <message>
        <source>Definitions</source>
        <translation>Определения</translation>
    </message>
    <message>
        <source>Under 18</source>
        <translation>До 18 лет</translation>
    </message>
    <message>
        <source>60 and over</source>
        <translation>60 и старше</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>Не указано</translation>
    </message>
    <message>
        <source>F</source>
        <translation>Ж</translation>
    </message>
    <message>
        <source>M</source>
        <translation>М</translation>
    </message>
</context>
<context>
    <name>printing</name>
    <message>
        <source>Certificates</source>
        <translation>Сертификаты</translation>
    </message>
    <message>
        <source>Preparing the certificates…</source>
        <translation>Готовим сертификаты…</translation>
    </message>
    <message>
        <source>Attendance sheet</source>
        <translation>Лист посещаемости</translation>
    </message>
    <message>
        <source>Preparing the attendance sheet…</source>
        <translation>Готовим лист посещаемости…</translation>
    </message>
    <message>
        <source>Preparing the plan…</source>
        <translation>Готовим план…</translation>
    </message>
    <message>
        <source>Donor summary</source>
        <translation>Сводка для донора</translation>
    </message>
    <message>
        <source>Preparing the donor summary…</source>
        <translation>Готовим сводку для донора…</translation>
    </message>
</context>
<context>
    <name>strive</name>
    <message>
        <source>{url} is not a PostgreSQL database address. Write it as postgresql+psycopg://user:password@server:5432/database.</source>
        <translation>{url} — не адрес базы данных PostgreSQL. Запишите его так: postgresql+psycopg://пользователь:пароль@сервер:5432/база.</translation>
    </message>
    <message>
        <source>The settings file {path} is damaged: correct or remove it.</source>
        <translation>Файл настроек {path} повреждён: исправьте или удалите его.</translation>
    </message>
    <message>
        <source>The database {name} sorts text by the rules of {collation}; STRIVE Desktop needs the &quot;C&quot; order. Create it with: CREATE DATABASE ... TEMPLATE template0 ENCODING &apos;UTF8&apos; LC_COLLATE &apos;C&apos; LC_CTYPE &apos;C&apos; (docs/postgresql.md).</source>
        <translation>База данных {name} сортирует текст по правилам {collation}; STRIVE Desktop нужен порядок &quot;C&quot;. Создайте её так: CREATE DATABASE ... TEMPLATE template0 ENCODING &apos;UTF8&apos; LC_COLLATE &apos;C&apos; LC_CTYPE &apos;C&apos; (docs/postgresql.md).</translation>
    </message>
    <message>
        <source>The database server cannot be reached ({reason}). Check the network and the server; nothing that was saved before was lost.</source>
        <translation>Сервер базы данных недоступен ({reason}). Проверьте сеть и сервер; ничего из сохранённого ранее не потеряно.</translation>
    </message>
    <message>
        <source>The database server refused the login: check the user and password in the database address.</source>
        <translation>Сервер базы данных отказал во входе: проверьте пользователя и пароль в адресе базы данных.</translation>
    </message>
    <message>
        <source>The database server&apos;s disk is full. Nothing that was saved before was lost.</source>
        <translation>Диск сервера базы данных заполнен. Ничего из сохранённого ранее не потеряно.</translation>
    </message>
    <message>
        <source>The settings file {path} cannot be read: {reason}</source>
        <translation>Не удаётся прочитать файл настроек {path}: {reason}</translation>
    </message>
    <message>
        <source>The settings file {path} cannot be written: {reason}</source>
        <translation>Не удаётся записать файл настроек {path}: {reason}</translation>
    </message>
    <message>
        <source>This data folder already keeps its database on a server.</source>
        <translation>Эта папка данных уже хранит свою базу данных на сервере.</translation>
    </message>
    <message>
        <source>The database {url} holds another version of the STRIVE schema ({version}); give an empty database.</source>
        <translation>В базе данных {url} другая версия схемы STRIVE ({version}); укажите пустую базу данных.</translation>
    </message>
    <message>
        <source>The database {url} already holds data; give an empty database.</source>
        <translation>В базе данных {url} уже есть данные; укажите пустую базу данных.</translation>
    </message>
    <message>
        <source>There is no database in {path}.</source>
        <translation>В {path} нет базы данных.</translation>
    </message>
    <message>
        <source>STRIVE Desktop is running with this data folder; close it before restoring.</source>
        <translation>STRIVE Desktop работает с этой папкой данных; закройте его перед восстановлением.</translation>
    </message>
    <message>
        <source>{path} is a backup of another installation; restoring it would give this data folder another identity. Restore it into a new, empty data folder, or add --other-installation to replace this installation with it.</source>
        <translation>{path} — резервная копия другой установки; после её восстановления эта папка данных станет другой установкой. Восстановите её в новую, пустую папку данных или добавьте --other-installation, чтобы заменить ею эту установку.</translation>
    </message>
    <message>
        <source>The two passwords are not the same.</source>
        <translation>Два пароля не совпадают.</translation>
    </message>
    <message>
        <source>Certificate {serial} is genuine: {name}, &quot;{training}&quot;, {community}, {period}, issued on {date}.</source>
        <translation>Сертификат {serial} подлинный: {name}, «{training}», {community}, {period}, выдан {date}.</translation>
    </message>
    <message>
        <source>Say where to write the certificates: --out FILE.pdf and/or --per-person DIR.</source>
        <translation>Укажите, куда записать сертификаты: --out ФАЙЛ.pdf и/или --per-person ПАПКА.</translation>
    </message>
    <message>
        <source>--blank-rows must be between 0 and 200.</source>
        <translation>--blank-rows должно быть от 0 до 200.</translation>
    </message>
    <message>
        <source>Write --map as COLUMN=FIELD, e.g. --map &quot;ФИО=full_name&quot;.</source>
        <translation>Пишите --map в виде СТОЛБЕЦ=ПОЛЕ, например --map &quot;ФИО=full_name&quot;.</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Парольные фразы не совпадают.</translation>
    </message>
    <message>
        <source>Name the package files to import, or --inbox FOLDER.</source>
        <translation>Укажите файлы пакетов для загрузки или --inbox ПАПКА.</translation>
    </message>
    <message>
        <source>Give the new password in the STRIVE_NEW_PASSWORD variable, or run the command in a terminal to type it.</source>
        <translation>Укажите новый пароль в переменной STRIVE_NEW_PASSWORD или запустите команду в терминале, чтобы ввести его.</translation>
    </message>
    <message>
        <source>Female</source>
        <translation>Женский</translation>
    </message>
    <message>
        <source>Male</source>
        <translation>Мужской</translation>
    </message>
    <message>
        <source>Youth</source>
        <translation>Молодёжь</translation>
    </message>
    <message>
        <source>Women</source>
        <translation>Женщины</translation>
    </message>
    <message>
        <source>Religious leader</source>
        <translation>Религиозный лидер</translation>
    </message>
    <message>
        <source>Law enforcement</source>
        <translation>Правоохранительные органы</translation>
    </message>
    <message>
        <source>Local self-government</source>
        <translation>Местное самоуправление</translation>
    </message>
    <message>
        <source>Aksakal court</source>
        <translation>Суд аксакалов</translation>
    </message>
    <message>
        <source>Social worker</source>
        <translation>Социальный работник</translation>
    </message>
    <message>
        <source>Lawyer</source>
        <translation>Юрист</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Другое</translation>
    </message>
    <message>
        <source>Basics of violent extremism</source>
        <translation>Основы насильственного экстремизма</translation>
    </message>
    <message>
        <source>Conflict analysis</source>
        <translation>Анализ конфликтов</translation>
    </message>
    <message>
        <source>Roles and powers of LSG</source>
        <translation>Роль и полномочия ОМСУ</translation>
    </message>
    <message>
        <source>Local plan development</source>
        <translation>Разработка местного плана</translation>
    </message>
    <message>
        <source>Draft</source>
        <translation>Черновик</translation>
    </message>
    <message>
        <source>Submitted</source>
        <translation>Отправлен</translation>
    </message>
    <message>
        <source>Approved</source>
        <translation>Утверждён</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Запланировано</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>Выполняется</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Выполнено</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Отменено</translation>
    </message>
    <message>
        <source>City</source>
        <translation>Город</translation>
    </message>
    <message>
        <source>Town</source>
        <translation>Город районного значения</translation>
    </message>
    <message>
        <source>Aiyl okmotu</source>
        <translation>Айыл окмоту</translation>
    </message>
    <message>
        <source>Chair</source>
        <translation>Председатель</translation>
    </message>
    <message>
        <source>Secretary</source>
        <translation>Секретарь</translation>
    </message>
    <message>
        <source>Member</source>
        <translation>Член</translation>
    </message>
    <message>
        <source>Trainer</source>
        <translation>Тренер</translation>
    </message>
    <message>
        <source>Staff</source>
        <translation>Сотрудник</translation>
    </message>
    <message>
        <source>Office administrator</source>
        <translation>Администратор офиса</translation>
    </message>
    <message>
        <source>Headquarters administrator</source>
        <translation>Администратор штаб-квартиры</translation>
    </message>
    <message>
        <source>Your role may not record attendance.</source>
        <translation>Ваша роль не позволяет отмечать посещаемость.</translation>
    </message>
    <message>
        <source>Your role may not print.</source>
        <translation>Ваша роль не позволяет печатать.</translation>
    </message>
    <message>
        <source>Only staff and administrators may change rosters.</source>
        <translation>Изменять списки могут только сотрудники и администраторы.</translation>
    </message>
    <message>
        <source>Only staff and administrators may change plans.</source>
        <translation>Изменять планы могут только сотрудники и администраторы.</translation>
    </message>
    <message>
        <source>Only a headquarters administrator may approve a plan.</source>
        <translation>Утвердить план может только администратор штаб-квартиры.</translation>
    </message>
    <message>
        <source>Only staff and administrators may send or receive packages.</source>
        <translation>Отправлять и получать пакеты могут только сотрудники и администраторы.</translation>
    </message>
    <message>
        <source>Only an administrator may manage users.</source>
        <translation>Управлять пользователями может только администратор.</translation>
    </message>
    <message>
        <source>Only an administrator may manage keys.</source>
        <translation>Управлять ключами может только администратор.</translation>
    </message>
    <message>
        <source>Only staff and administrators may make backups.</source>
        <translation>Резервные копии могут создавать только сотрудники и администраторы.</translation>
    </message>
    <message>
        <source>Only an administrator may restore a backup.</source>
        <translation>Восстановить из резервной копии может только администратор.</translation>
    </message>
    <message>
        <source>Only an administrator may change the settings.</source>
        <translation>Изменять настройки может только администратор.</translation>
    </message>
    <message>
        <source>A plan cannot go from {old} to {new}.</source>
        <translation>План нельзя перевести из статуса «{old}» в «{new}».</translation>
    </message>
    <message>
        <source>This plan is approved; its status can no longer change.</source>
        <translation>План утверждён; его статус больше не может меняться.</translation>
    </message>
    <message>
        <source>Enter the amount in som as a whole number, e.g. 12 500.</source>
        <translation>Введите сумму в сомах целым числом, например 12 500.</translation>
    </message>
    <message>
        <source>A phone number may contain only digits, spaces, dashes and a leading +.</source>
        <translation>Номер телефона может содержать только цифры, пробелы, дефисы и + в начале.</translation>
    </message>
    <message>
        <source>Enter a phone number of Kyrgyzstan (0555 12 34 56, +996 555 12 34 56) or of a neighbouring country (+7, +998, +992, +86).</source>
        <translation>Введите номер телефона Кыргызстана (0555 12 34 56, +996 555 12 34 56) или соседней страны (+7, +998, +992, +86).</translation>
    </message>
    <message>
        <source>The personal number (PIN) must have exactly 14 digits.</source>
        <translation>Персональный номер (ПИН) должен состоять ровно из 14 цифр.</translation>
    </message>
    <message>
        <source>The personal number (PIN) must start with 1 or 2.</source>
        <translation>Персональный номер (ПИН) должен начинаться с 1 или 2.</translation>
    </message>
    <message>
        <source>Birth year must be between {low} and {high}.</source>
        <translation>Год рождения должен быть от {low} до {high}.</translation>
    </message>
    <message>
        <source>{what} is required.</source>
        <translation>Поле «{what}» обязательно.</translation>
    </message>
    <message>
        <source>The end date cannot be before the start date.</source>
        <translation>Дата окончания не может быть раньше даты начала.</translation>
    </message>
    <message>
        <source>A budget cannot be negative.</source>
        <translation>Бюджет не может быть отрицательным.</translation>
    </message>
    <message>
        <source>This budget is too large.</source>
        <translation>Слишком большой бюджет.</translation>
    </message>
    <message>
        <source>“{amount}” is not a whole number of som. Budgets are in whole som, without tyiyn, e.g. 12 500.</source>
        <translation>«{amount}» — не целое число сомов. Бюджет указывается в целых сомах, без тыйынов, например 12 500.</translation>
    </message>
    <message>
        <source>Digits 2-9 of the personal number (PIN) must be a birth date (DDMMYYYY).</source>
        <translation>Цифры 2–9 персонального номера (ПИН) должны быть датой рождения (ДДММГГГГ).</translation>
    </message>
    <message>
        <source>{what} is too long (at most {n} characters).</source>
        <translation>Поле «{what}» слишком длинное (не более {n} символов).</translation>
    </message>
    <message>
        <source>Choose a community.</source>
        <translation>Выберите сообщество.</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>диск заполнен</translation>
    </message>
    <message>
        <source>the disk or folder is read-only</source>
        <translation>диск или папка только для чтения</translation>
    </message>
    <message>
        <source>you have no permission to write there</source>
        <translation>нет прав на запись туда</translation>
    </message>
    <message>
        <source>the file or folder does not exist</source>
        <translation>файл или папка не существует</translation>
    </message>
    <message>
        <source>the disk could not be read or written (is the USB stick still in?)</source>
        <translation>не удалось прочитать или записать диск (флешка всё ещё вставлена?)</translation>
    </message>
    <message>
        <source>Printing was cancelled; no file was written.</source>
        <translation>Печать отменена; файл не записан.</translation>
    </message>
    <message>
        <source>The folder {path} cannot be created: {reason}</source>
        <translation>Не удалось создать папку {path}: {reason}</translation>
    </message>
    <message>
        <source>The PDF could not be written to {path}: {reason}</source>
        <translation>Не удалось записать PDF в {path}: {reason}</translation>
    </message>
    <message>
        <source>Unknown certificate language {lang}: use ky, ru, en or bilingual.</source>
        <translation>Неизвестный язык сертификата {lang}: используйте ky, ru, en или bilingual.</translation>
    </message>
    <message>
        <source>Nobody completed this training under the current rule, so there is no certificate to print.</source>
        <translation>По текущему правилу никто не завершил этот тренинг, поэтому печатать нечего.</translation>
    </message>
    <message>
        <source>The font file {name} is missing from the installation; reinstall STRIVE Desktop.</source>
        <translation>В установке нет файла шрифта {name}; переустановите STRIVE Desktop.</translation>
    </message>
    <message>
        <source>The account {name} has been deactivated.</source>
        <translation>Учётная запись {name} отключена.</translation>
    </message>
    <message>
        <source>Enter a name.</source>
        <translation>Введите имя.</translation>
    </message>
    <message>
        <source>There is no account {name}.</source>
        <translation>Учётной записи {name} нет.</translation>
    </message>
    <message>
        <source>Log in first.</source>
        <translation>Сначала войдите.</translation>
    </message>
    <message>
        <source>This installation already has accounts; an administrator adds new ones.</source>
        <translation>В этой установке уже есть учётные записи; новые добавляет администратор.</translation>
    </message>
    <message>
        <source>There is no account {name} on this computer.</source>
        <translation>На этом компьютере нет учётной записи {name}.</translation>
    </message>
    <message>
        <source>The name is too long.</source>
        <translation>Имя слишком длинное.</translation>
    </message>
    <message>
        <source>The account {name} has been deactivated; add it again to give it a password.</source>
        <translation>Учётная запись {name} отключена; добавьте её снова, чтобы задать пароль.</translation>
    </message>
    <message>
        <source>{name} is the last administrator; make another account an administrator first.</source>
        <translation>{name} — последний администратор; сначала сделайте администратором другую учётную запись.</translation>
    </message>
    <message>
        <source>{name} is the last administrator and cannot be deactivated.</source>
        <translation>{name} — последний администратор, его нельзя отключить.</translation>
    </message>
    <message>
        <source>This role does not exist at this installation.</source>
        <translation>В этой установке такой роли нет.</translation>
    </message>
    <message>
        <source>Choose between {low} and {high} minutes.</source>
        <translation>Выберите от {low} до {high} минут.</translation>
    </message>
    <message>
        <source>Choose a role.</source>
        <translation>Выберите роль.</translation>
    </message>
    <message>
        <source>There is already an account {name}.</source>
        <translation>Учётная запись {name} уже есть.</translation>
    </message>
    <message>
        <source>{name} is {size} MB; attachments can be at most 20 MB. Scan at a lower resolution or save the photo smaller.</source>
        <translation>Размер {name} — {size} МБ; вложение может быть не больше 20 МБ. Отсканируйте с меньшим разрешением или сохраните фото меньшего размера.</translation>
    </message>
    <message>
        <source>The file {name} is empty.</source>
        <translation>Файл {name} пуст.</translation>
    </message>
    <message>
        <source>{name} is not a photo or a PDF. Attach a scan or photo of the sheet (JPEG, PNG, TIFF) or a PDF.</source>
        <translation>{name} — не фото и не PDF. Прикрепите скан или фото листа (JPEG, PNG, TIFF) или PDF.</translation>
    </message>
    <message>
        <source>This file is already attached (as {name}).</source>
        <translation>Этот файл уже прикреплён (как {name}).</translation>
    </message>
    <message>
        <source>The file {name} is not in this data folder&apos;s attachments (it may have been attached at another office).</source>
        <translation>Файла {name} нет во вложениях этой папки данных (возможно, его прикрепили в другом офисе).</translation>
    </message>
    <message>
        <source>{name} is not a file.</source>
        <translation>{name} — не файл.</translation>
    </message>
    <message>
        <source>The file {name} was not found.</source>
        <translation>Файл {name} не найден.</translation>
    </message>
    <message>
        <source>The file {name} cannot be read: {reason}</source>
        <translation>Не удаётся прочитать файл {name}: {reason}</translation>
    </message>
    <message>
        <source>The file could not be copied into the data folder: {reason}</source>
        <translation>Не удалось скопировать файл в папку данных: {reason}</translation>
    </message>
    <message>
        <source>The record was not found; it may have been deleted.</source>
        <translation>Запись не найдена; возможно, она удалена.</translation>
    </message>
    <message>
        <source>The training was not found; it may have been deleted.</source>
        <translation>Тренинг не найден; возможно, он удалён.</translation>
    </message>
    <message>
        <source>The plan was not found; it may have been deleted.</source>
        <translation>План не найден; возможно, он удалён.</translation>
    </message>
    <message>
        <source>The backup file is cut short or damaged.</source>
        <translation>Файл резервной копии обрезан или повреждён.</translation>
    </message>
    <message>
        <source>The database inside the backup is damaged.</source>
        <translation>База данных в резервной копии повреждена.</translation>
    </message>
    <message>
        <source>The backup {path} cannot be read: {reason}</source>
        <translation>Не удаётся прочитать резервную копию {path}: {reason}</translation>
    </message>
    <message>
        <source>The database inside the backup cannot be opened.</source>
        <translation>Не удаётся открыть базу данных в резервной копии.</translation>
    </message>
    <message>
        <source>The backup file is damaged: it was changed after it was written.</source>
        <translation>Файл резервной копии повреждён: он был изменён после записи.</translation>
    </message>
    <message>
        <source>There is no certificate {serial} in the register.</source>
        <translation>Сертификата {serial} нет в реестре.</translation>
    </message>
    <message>
        <source>The verification code does not match certificate {serial}: the copy is not genuine.</source>
        <translation>Код проверки не совпадает с сертификатом {serial}: копия не подлинная.</translation>
    </message>
    <message>
        <source>Certificate {serial} was revoked: {reason}</source>
        <translation>Сертификат {serial} отозван: {reason}</translation>
    </message>
    <message>
        <source>Say why the certificate is revoked; the reason is kept in the register.</source>
        <translation>Укажите, почему сертификат отзывается; причина хранится в реестре.</translation>
    </message>
    <message>
        <source>A logo must be a PNG or JPEG image.</source>
        <translation>Логотип должен быть изображением PNG или JPEG.</translation>
    </message>
    <message>
        <source>This data folder is not set up yet. Run &apos;init&apos; or start the app to set it up.</source>
        <translation>Эта папка данных ещё не настроена. Выполните &apos;init&apos; или запустите программу, чтобы настроить её.</translation>
    </message>
    <message>
        <source>Certificate {serial} is already revoked.</source>
        <translation>Сертификат {serial} уже отозван.</translation>
    </message>
    <message>
        <source>Keep names and titles on certificates under 200 characters.</source>
        <translation>Имена и должности на сертификатах должны быть короче 200 символов.</translation>
    </message>
    <message>
        <source>{path} is not an image that can be printed.</source>
        <translation>{path} — не изображение, которое можно напечатать.</translation>
    </message>
    <message>
        <source>The logo could not be copied: {reason}</source>
        <translation>Не удалось скопировать логотип: {reason}</translation>
    </message>
    <message>
        <source>No certificate for {name}: {reason}</source>
        <translation>Нет сертификата для {name}: {reason}</translation>
    </message>
    <message>
        <source>That person is not on the attendance sheet of this training.</source>
        <translation>Этого человека нет в листе посещаемости тренинга.</translation>
    </message>
    <message>
        <source>Attended {attended} of {total} hours ({rate}); the rule asks for {need} hours ({share}).</source>
        <translation>Посещено {attended} из {total} ч ({rate}); по правилу нужно {need} ч ({share}).</translation>
    </message>
    <message>
        <source>This data folder already holds people or groups; demo data can only be added to an empty data folder.</source>
        <translation>В этой папке данных уже есть люди или группы; демонстрационные данные можно добавить только в пустую папку.</translation>
    </message>
    <message>
        <source>{name} could be any of these communities: {choices}. Give its code.</source>
        <translation>{name} подходит к нескольким сообществам: {choices}. Укажите его код.</translation>
    </message>
    <message>
        <source>There is no community called {name}.</source>
        <translation>Сообщества с названием {name} нет.</translation>
    </message>
    <message>
        <source>Only the headquarters installation can add communities.</source>
        <translation>Добавлять сообщества может только головной офис.</translation>
    </message>
    <message>
        <source>A community needs a code and an English name.</source>
        <translation>Сообществу нужны код и название на английском.</translation>
    </message>
    <message>
        <source>A community is a city, a town or an aiyl okmotu.</source>
        <translation>Сообщество — это город, город районного значения или айыл окмоту.</translation>
    </message>
    <message>
        <source>The installation needs a name, e.g. &apos;Kochkor office&apos;.</source>
        <translation>Установке нужно название, например «Офис Кочкор».</translation>
    </message>
    <message>
        <source>Choose either a community or headquarters.</source>
        <translation>Выберите либо сообщество, либо головной офис.</translation>
    </message>
    <message>
        <source>That community no longer exists.</source>
        <translation>Этого сообщества больше нет.</translation>
    </message>
    <message>
        <source>A community with the code {code} already exists.</source>
        <translation>Сообщество с кодом {code} уже есть.</translation>
    </message>
    <message>
        <source>This data folder is already set up as an installation.</source>
        <translation>Эта папка данных уже настроена как установка.</translation>
    </message>
    <message>
        <source>There is no database in {path} to back up.</source>
        <translation>В {path} нет базы данных для резервного копирования.</translation>
    </message>
    <message>
        <source>{path} is the database in use; write the backup to another file.</source>
        <translation>{path} — используемая база данных; запишите резервную копию в другой файл.</translation>
    </message>
    <message>
        <source>The file {path} does not exist.</source>
        <translation>Файл {path} не существует.</translation>
    </message>
    <message>
        <source>{path} is the database in use; choose a backup file.</source>
        <translation>{path} — используемая база данных; выберите файл резервной копии.</translation>
    </message>
    <message>
        <source>{path} is not a STRIVE Desktop backup.</source>
        <translation>{path} — не резервная копия STRIVE Desktop.</translation>
    </message>
    <message>
        <source>{path} was made by a newer version of STRIVE Desktop; install it first.</source>
        <translation>{path} создан более новой версией STRIVE Desktop; сначала установите её.</translation>
    </message>
    <message>
        <source>{path} is a backup of another installation; restoring it would give this data folder another identity. Restore it into a new, empty data folder instead.</source>
        <translation>{path} — резервная копия другой установки; после её восстановления эта папка данных станет другой установкой. Восстановите её в новую, пустую папку данных.</translation>
    </message>
    <message>
        <source>{path} is damaged and cannot be restored.</source>
        <translation>{path} повреждён и не может быть восстановлен.</translation>
    </message>
    <message>
        <source>The backup could not be restored: {reason}</source>
        <translation>Не удалось восстановить резервную копию: {reason}</translation>
    </message>
    <message>
        <source>The plan title</source>
        <translation>Название плана</translation>
    </message>
    <message>
        <source>Activity {n} needs a title.</source>
        <translation>Мероприятию {n} нужно название.</translation>
    </message>
    <message>
        <source>Unknown activity status.</source>
        <translation>Неизвестный статус мероприятия.</translation>
    </message>
    <message>
        <source>Only a draft can be edited. Send the plan back to draft first.</source>
        <translation>Изменять можно только черновик. Сначала верните план в черновик.</translation>
    </message>
    <message>
        <source>Only a draft plan can be deleted.</source>
        <translation>Удалить можно только черновик плана.</translation>
    </message>
    <message>
        <source>Revision {n} does not exist.</source>
        <translation>Редакции {n} не существует.</translation>
    </message>
    <message>
        <source>Unknown plan status.</source>
        <translation>Неизвестный статус плана.</translation>
    </message>
    <message>
        <source>Write the objectives before submitting the plan.</source>
        <translation>Заполните цели перед отправкой плана.</translation>
    </message>
    <message>
        <source>Add at least one activity before submitting the plan.</source>
        <translation>Добавьте хотя бы одно мероприятие перед отправкой плана.</translation>
    </message>
    <message>
        <source>The period starts after it ends.</source>
        <translation>Период начинается позже, чем заканчивается.</translation>
    </message>
    <message>
        <source>The group name</source>
        <translation>Название группы</translation>
    </message>
    <message>
        <source>The full name</source>
        <translation>ФИО</translation>
    </message>
    <message>
        <source>Enter the surname and the given name.</source>
        <translation>Введите фамилию и имя.</translation>
    </message>
    <message>
        <source>Choose female or male.</source>
        <translation>Выберите женский или мужской пол.</translation>
    </message>
    <message>
        <source>Choose a sector.</source>
        <translation>Выберите сектор.</translation>
    </message>
    <message>
        <source>The personal number (PIN) says the person was born in {year}.</source>
        <translation>По персональному номеру (ПИН) человек родился в {year} году.</translation>
    </message>
    <message>
        <source>The personal number (PIN) does not match the sex chosen.</source>
        <translation>Персональный номер (ПИН) не соответствует выбранному полу.</translation>
    </message>
    <message>
        <source>The consent date cannot be in the future.</source>
        <translation>Дата согласия не может быть в будущем.</translation>
    </message>
    <message>
        <source>Unknown role.</source>
        <translation>Неизвестная роль.</translation>
    </message>
    <message>
        <source>That person no longer exists.</source>
        <translation>Этого человека больше нет в базе.</translation>
    </message>
    <message>
        <source>This person is already a member of the group.</source>
        <translation>Этот человек уже член группы.</translation>
    </message>
    <message>
        <source>The person is already in that group.</source>
        <translation>Человек уже в этой группе.</translation>
    </message>
    <message>
        <source>The move date cannot be before the person joined the group ({date}).</source>
        <translation>Дата перевода не может быть раньше даты вступления в группу ({date}).</translation>
    </message>
    <message>
        <source>No column of names was found in {name}. The first row should hold column headers such as &quot;Full name&quot; / &quot;ФИО&quot; / &quot;Аты-жөнү&quot;.</source>
        <translation>В файле {name} не найден столбец с именами. В первой строке должны быть заголовки, например &quot;Full name&quot; / &quot;ФИО&quot; / &quot;Аты-жөнү&quot;.</translation>
    </message>
    <message>
        <source>No session columns were found in {name}: give each session a column headed with its date or number.</source>
        <translation>В файле {name} не найдены столбцы занятий: у каждого занятия должен быть столбец с датой или номером в заголовке.</translation>
    </message>
    <message>
        <source>Several people called {name} are stored; mark this one in the window.</source>
        <translation>В базе несколько человек с именем {name}; отметьте этого человека в окне программы.</translation>
    </message>
    <message>
        <source>{name} is not stored; add the person first.</source>
        <translation>{name} нет в базе; сначала добавьте этого человека.</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>Не указано</translation>
    </message>
    <message>
        <source>Participant</source>
        <translation>Участник</translation>
    </message>
    <message>
        <source>A person marked present at one or more sessions dated in the period. Counted once in each total, and once in each phase, sector, community or year.</source>
        <translation>Человек, отмеченный присутствующим хотя бы на одном занятии за период. Учитывается один раз в каждом итоге и один раз в каждом этапе, секторе, сообществе или году.</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Возраст</translation>
    </message>
    <message>
        <source>The age reached in the year of the first session the person attended in the period (only the birth year is recorded).</source>
        <translation>Возраст в году первого посещённого за период занятия (записан только год рождения).</translation>
    </message>
    <message>
        <source>Training, session</source>
        <translation>Тренинг, занятие</translation>
    </message>
    <message>
        <source>Counted when at least one participant was marked present; a training with nobody present is left out.</source>
        <translation>Учитываются, если отмечен хотя бы один участник; тренинг без присутствующих не учитывается.</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Завершили</translation>
    </message>
    <message>
        <source>Attended at least the share of a training&apos;s hours set in Settings, for at least one training held in the period.</source>
        <translation>Посетили не меньше заданной в настройках доли часов хотя бы одного тренинга за период.</translation>
    </message>
    <message>
        <source>Year</source>
        <translation>Год</translation>
    </message>
    <message>
        <source>The year of the first session the person attended in the period.</source>
        <translation>Год первого посещённого за период занятия.</translation>
    </message>
    <message>
        <source>Checking a number</source>
        <translation>Как проверить число</translation>
    </message>
    <message>
        <source>Each breakdown sheet names the column of the Participants sheet to filter on; the rows left after the filter are the people counted.</source>
        <translation>На каждом листе разбивки указан столбец листа «Участники» для фильтра; строки, оставшиеся после фильтра, — это учтённые люди.</translation>
    </message>
    <message>
        <source>The database is busy (another program is using it). Try again in a moment.</source>
        <translation>База данных занята (её использует другая программа). Попробуйте ещё раз через минуту.</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Итого</translation>
    </message>
    <message>
        <source>No STRIVE data folder at {path}. Check --data-dir, or set the folder up first (&apos;init&apos; or the app).</source>
        <translation>В {path} нет папки данных STRIVE. Проверьте --data-dir или сначала настройте папку (&apos;init&apos; или программа).</translation>
    </message>
    <message>
        <source>table {name} is missing</source>
        <translation>нет таблицы {name}</translation>
    </message>
    <message>
        <source>schema version {version} is not one this version knows ({head})</source>
        <translation>версия схемы {version} неизвестна этой версии программы ({head})</translation>
    </message>
    <message>
        <source>foreign key: {table} row {rowid} refers to a missing {parent}</source>
        <translation>внешний ключ: строка {rowid} таблицы {table} ссылается на отсутствующую запись в {parent}</translation>
    </message>
    <message>
        <source>the database could not be read: {detail}</source>
        <translation>базу данных не удалось прочитать: {detail}</translation>
    </message>
    <message>
        <source>integrity: {detail}</source>
        <translation>целостность: {detail}</translation>
    </message>
    <message>
        <source>Men</source>
        <translation>Мужчины</translation>
    </message>
    <message>
        <source>Check in the Participants sheet</source>
        <translation>Проверка на листе «Участники»</translation>
    </message>
    <message>
        <source>Sex and age</source>
        <translation>Пол и возраст</translation>
    </message>
    <message>
        <source>Age band</source>
        <translation>Возрастная группа</translation>
    </message>
    <message>
        <source>Sex and sector</source>
        <translation>Пол и сектор</translation>
    </message>
    <message>
        <source>Sex and phase</source>
        <translation>Пол и этап</translation>
    </message>
    <message>
        <source>Sex and community</source>
        <translation>Пол и сообщество</translation>
    </message>
    <message>
        <source>Sex and year</source>
        <translation>Пол и год</translation>
    </message>
    <message>
        <source>All dates</source>
        <translation>За всё время</translation>
    </message>
    <message>
        <source>All communities</source>
        <translation>Все сообщества</translation>
    </message>
    <message>
        <source>Key figures</source>
        <translation>Основные показатели</translation>
    </message>
    <message>
        <source>Definitions</source>
        <translation>Определения</translation>
    </message>
    <message>
        <source>Participants</source>
        <translation>Участники</translation>
    </message>
    <message>
        <source>Figure</source>
        <translation>Показатель</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <source>Term</source>
        <translation>Термин</translation>
    </message>
    <message>
        <source>Meaning</source>
        <translation>Значение</translation>
    </message>
    <message>
        <source>First session attended</source>
        <translation>Первое посещённое занятие</translation>
    </message>
    <message>
        <source>Record id</source>
        <translation>ID записи</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Период</translation>
    </message>
    <message>
        <source>Sessions</source>
        <translation>Занятия</translation>
    </message>
    <message>
        <source>Completed at least one training</source>
        <translation>Завершили хотя бы один тренинг</translation>
    </message>
    <message>
        <source>Certificates issued</source>
        <translation>Выдано сертификатов</translation>
    </message>
    <message>
        <source>Hours attended</source>
        <translation>Часы участия</translation>
    </message>
    <message>
        <source>Trainings with nobody present (left out)</source>
        <translation>Тренинги без присутствующих (не учтены)</translation>
    </message>
    <message>
        <source>Prepared on</source>
        <translation>Дата подготовки</translation>
    </message>
    <message>
        <source>Groups and members</source>
        <translation>Группы и члены</translation>
    </message>
    <message>
        <source>Plan activities and budgets</source>
        <translation>Мероприятия планов и бюджеты</translation>
    </message>
    <message>
        <source>Certificate register</source>
        <translation>Реестр сертификатов</translation>
    </message>
    <message>
        <source>Sync conflicts</source>
        <translation>Конфликты синхронизации</translation>
    </message>
    <message>
        <source>Unknown table {table}; choose one of: {tables}.</source>
        <translation>Неизвестная таблица {table}; выберите одну из: {tables}.</translation>
    </message>
    <message>
        <source>Personal number (PIN)</source>
        <translation>Персональный номер (ПИН)</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Группа</translation>
    </message>
    <message>
        <source>Crime prevention centre</source>
        <translation>Центр профилактики правонарушений</translation>
    </message>
    <message>
        <source>Role in the group</source>
        <translation>Роль в группе</translation>
    </message>
    <message>
        <source>Participants present</source>
        <translation>Присутствовавшие участники</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>План</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>Мероприятия</translation>
    </message>
    <message>
        <source>Project budget (som)</source>
        <translation>Бюджет проекта (сом)</translation>
    </message>
    <message>
        <source>Local budget (som)</source>
        <translation>Местный бюджет (сом)</translation>
    </message>
    <message>
        <source>Other budget (som)</source>
        <translation>Другие источники (сом)</translation>
    </message>
    <message>
        <source>Total budget (som)</source>
        <translation>Бюджет всего (сом)</translation>
    </message>
    <message>
        <source>Plan status</source>
        <translation>Статус плана</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Мероприятие</translation>
    </message>
    <message>
        <source>Serial</source>
        <translation>Рег. №</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Причина</translation>
    </message>
    <message>
        <source>Detected</source>
        <translation>Обнаружен</translation>
    </message>
    <message>
        <source>Table</source>
        <translation>Таблица</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Поле</translation>
    </message>
    <message>
        <source>Value kept</source>
        <translation>Сохранённое значение</translation>
    </message>
    <message>
        <source>Value set aside</source>
        <translation>Отложенное значение</translation>
    </message>
    <message>
        <source>The file {name} could not be written: {reason}.</source>
        <translation>Не удалось записать файл {name}: {reason}.</translation>
    </message>
    <message>
        <source>{name} is not a spreadsheet. Choose an Excel file (.xlsx) or a CSV file.</source>
        <translation>{name} — не таблица. Выберите файл Excel (.xlsx) или CSV.</translation>
    </message>
    <message>
        <source>{name} is an old Excel file (.xls). Open it in Excel and save it as .xlsx, then import that file.</source>
        <translation>{name} — файл старого формата Excel (.xls). Откройте его в Excel, сохраните как .xlsx и импортируйте этот файл.</translation>
    </message>
    <message>
        <source>Surname</source>
        <translation>Фамилия</translation>
    </message>
    <message>
        <source>Given name</source>
        <translation>Имя</translation>
    </message>
    <message>
        <source>Patronymic</source>
        <translation>Отчество</translation>
    </message>
    <message>
        <source>Birth year or date</source>
        <translation>Год или дата рождения</translation>
    </message>
    <message>
        <source>(not imported)</source>
        <translation>(не импортируется)</translation>
    </message>
    <message>
        <source>The file has no column {column}.</source>
        <translation>В файле нет столбца {column}.</translation>
    </message>
    <message>
        <source>{name} has no rows to import.</source>
        <translation>В файле {name} нет строк для импорта.</translation>
    </message>
    <message>
        <source>Say which column holds the names (full name, or surname and given name).</source>
        <translation>Укажите, в каком столбце имена (ФИО или фамилия и имя).</translation>
    </message>
    <message>
        <source>There is no advisory group called &quot;{name}&quot;.</source>
        <translation>Консультативной группы &quot;{name}&quot; нет.</translation>
    </message>
    <message>
        <source>Several groups are called &quot;{name}&quot;; give the group&apos;s id instead.</source>
        <translation>Несколько групп называются &quot;{name}&quot;; укажите ID группы.</translation>
    </message>
    <message>
        <source>Sex is missing.</source>
        <translation>Не указан пол.</translation>
    </message>
    <message>
        <source>That group no longer exists.</source>
        <translation>Этой группы больше нет.</translation>
    </message>
    <message>
        <source>That import was not found.</source>
        <translation>Такой импорт не найден.</translation>
    </message>
    <message>
        <source>This import was already taken back.</source>
        <translation>Этот импорт уже отменён.</translation>
    </message>
    <message>
        <source>Unknown field: {field}.</source>
        <translation>Неизвестное поле: {field}.</translation>
    </message>
    <message>
        <source>Sex &quot;{value}&quot; is not understood; write F or M (ж or э, ж or м).</source>
        <translation>Пол &quot;{value}&quot; не распознан; пишите ж или м (F или M).</translation>
    </message>
    <message>
        <source>Sector &quot;{value}&quot; is not understood.</source>
        <translation>Сектор &quot;{value}&quot; не распознан.</translation>
    </message>
    <message>
        <source>Role &quot;{value}&quot; is not understood.</source>
        <translation>Роль &quot;{value}&quot; не распознана.</translation>
    </message>
    <message>
        <source>Birth year &quot;{value}&quot; is not a year or a date.</source>
        <translation>Год рождения &quot;{value}&quot; — не год и не дата.</translation>
    </message>
    <message>
        <source>{what} &quot;{value}&quot; is not a date (e.g. 31.12.2024).</source>
        <translation>{what} &quot;{value}&quot; — не дата (например, 31.12.2024).</translation>
    </message>
    <message>
        <source>The same person as on row {line} of the file.</source>
        <translation>Тот же человек, что в строке {line} файла.</translation>
    </message>
    <message>
        <source>The person chosen no longer exists.</source>
        <translation>Выбранного человека больше нет.</translation>
    </message>
    <message>
        <source>Left out by the user.</source>
        <translation>Пропущено пользователем.</translation>
    </message>
    <message>
        <source>The training title</source>
        <translation>Название тренинга</translation>
    </message>
    <message>
        <source>a record ({id}) claims to have seen changes that were never made</source>
        <translation>запись ({id}) утверждает, что ей известны изменения, которых никогда не было</translation>
    </message>
    <message>
        <source>a record ({id}) carries no change of its sender within the package&apos;s range</source>
        <translation>в записи ({id}) нет ни одного изменения её отправителя из диапазона пакета</translation>
    </message>
    <message>
        <source>an audit entry is not readable</source>
        <translation>запись журнала изменений не читается</translation>
    </message>
    <message>
        <source>an audit entry names another installation as its author</source>
        <translation>в записи журнала изменений автором указана другая установка</translation>
    </message>
    <message>
        <source>an audit entry is numbered {n}, outside the package&apos;s range {first}-{last}</source>
        <translation>номер записи журнала изменений {n} вне диапазона пакета {first}-{last}</translation>
    </message>
    <message>
        <source>an audit entry is dated {at}, after the package was written</source>
        <translation>запись журнала изменений датирована {at}, то есть позже, чем был записан пакет</translation>
    </message>
    <message>
        <source>an audit entry has no readable time</source>
        <translation>время записи журнала изменений не читается</translation>
    </message>
    <message>
        <source>a change is numbered {n}, outside the package&apos;s range {first}-{last}</source>
        <translation>номер изменения {n} вне диапазона пакета {first}-{last}</translation>
    </message>
    <message>
        <source>a change is dated {at}, after the package was written</source>
        <translation>изменение датировано {at}, то есть позже, чем был записан пакет</translation>
    </message>
    <message>
        <source>a record ({id}) carries a change of another installation ({installation} #{n}) that this installation never received</source>
        <translation>запись ({id}) содержит изменение другой установки ({installation} #{n}), которое эта установка никогда не получала</translation>
    </message>
    <message>
        <source>unexpected package kind {kind}</source>
        <translation>неожиданный вид пакета: {kind}</translation>
    </message>
    <message>
        <source>its creation time is not readable</source>
        <translation>время его создания не читается</translation>
    </message>
    <message>
        <source>there is no manifest</source>
        <translation>в нём нет манифеста</translation>
    </message>
    <message>
        <source>the manifest is not readable</source>
        <translation>манифест не читается</translation>
    </message>
    <message>
        <source>the entries do not match the manifest</source>
        <translation>файлы в архиве не совпадают с манифестом</translation>
    </message>
    <message>
        <source>the manifest does not match the header</source>
        <translation>манифест не совпадает с заголовком</translation>
    </message>
    <message>
        <source>the record counts do not match the manifest</source>
        <translation>число записей не совпадает с манифестом</translation>
    </message>
    <message>
        <source>the archive is not readable</source>
        <translation>архив не читается</translation>
    </message>
    <message>
        <source>too many entries</source>
        <translation>в архиве слишком много файлов</translation>
    </message>
    <message>
        <source>{entry} does not match its hash</source>
        <translation>хеш файла {entry} не совпадает</translation>
    </message>
    <message>
        <source>an entry cannot be read ({error})</source>
        <translation>файл в архиве не читается ({error})</translation>
    </message>
    <message>
        <source>{entry} is not the size it declares</source>
        <translation>размер файла {entry} не совпадает с заявленным</translation>
    </message>
    <message>
        <source>the certificate settings from headquarters are too large</source>
        <translation>настройки сертификатов от головного офиса слишком велики</translation>
    </message>
    <message>
        <source>the certificate settings from headquarters are not readable</source>
        <translation>настройки сертификатов от головного офиса не читаются</translation>
    </message>
    <message>
        <source>the certificate settings from headquarters are for another community</source>
        <translation>настройки сертификатов от головного офиса предназначены для другого сообщества</translation>
    </message>
    <message>
        <source>changes {first}-{last} from {name} are missing</source>
        <translation>нет изменений {first}-{last} от {name}</translation>
    </message>
    <message>
        <source>change {first} from {name} is missing</source>
        <translation>нет изменения {first} от {name}</translation>
    </message>
    <message>
        <source>the list of accepted keys is too large</source>
        <translation>список принятых ключей слишком велик</translation>
    </message>
    <message>
        <source>the list of accepted keys is not readable</source>
        <translation>список принятых ключей не читается</translation>
    </message>
    <message>
        <source>the list of accepted keys is not signed by headquarters</source>
        <translation>список принятых ключей не подписан головным офисом</translation>
    </message>
    <message>
        <source>The completion rule must be a share between 1% and 100% of the hours.</source>
        <translation>Правило завершения должно быть долей от 1% до 100% часов.</translation>
    </message>
    <message>
        <source>Choose the phase of the programme.</source>
        <translation>Выберите этап программы.</translation>
    </message>
    <message>
        <source>A training needs at least one session (a date and its hours).</source>
        <translation>У тренинга должно быть хотя бы одно занятие (дата и часы).</translation>
    </message>
    <message>
        <source>Two sessions have the same date.</source>
        <translation>У двух занятий одна и та же дата.</translation>
    </message>
    <message>
        <source>Add a session to the training first.</source>
        <translation>Сначала добавьте занятие в тренинг.</translation>
    </message>
    <message>
        <source>Every session needs a date.</source>
        <translation>У каждого занятия должна быть дата.</translation>
    </message>
    <message>
        <source>Session hours must be more than 0 and at most 24.</source>
        <translation>Часов занятия должно быть больше 0 и не больше 24.</translation>
    </message>
    <message>
        <source>The session was not found; it may have been deleted.</source>
        <translation>Занятие не найдено; возможно, оно удалено.</translation>
    </message>
    <message>
        <source>The session of {date} has attendance recorded; untick it first if it really has to go.</source>
        <translation>На занятии {date} уже отмечена посещаемость; если его действительно нужно удалить, сначала снимите отметки.</translation>
    </message>
    <message>
        <source>{name} is a member of the advisory group, not a walk-in, and stays on the sheet. Untick their sessions instead, or remove them from the group on the Advisory group page.</source>
        <translation>{name} — член консультативной группы, а не пришедший(ая), и остаётся в листе. Снимите отметки занятий или исключите из группы на странице «Консультативная группа».</translation>
    </message>
    <message>
        <source>Only a walk-in can be removed from the sheet, and {name} is not one on this training.</source>
        <translation>Из листа можно убрать только пришедшего, а {name} на этом тренинге не из их числа.</translation>
    </message>
    <message>
        <source>Certificate {serial} was issued to {name} for this training. Revoke it first (Certificates), then remove them from the sheet.</source>
        <translation>Сертификат {serial} уже выдан ({name}) за этот тренинг. Сначала отзовите его («Сертификаты»), затем уберите из листа.</translation>
    </message>
    <message>
        <source>The category</source>
        <translation>Категория</translation>
    </message>
    <message>
        <source>{path} is not a folder.</source>
        <translation>{path} — не папка.</translation>
    </message>
    <message>
        <source>The data folder {path} cannot be created or written: {reason}</source>
        <translation>Папку данных {path} нельзя создать или записать: {reason}</translation>
    </message>
    <message>
        <source>The disk is full. Free some space; nothing that was saved before was lost.</source>
        <translation>Диск заполнен. Освободите место; ничего из сохранённого ранее не потеряно.</translation>
    </message>
    <message>
        <source>The data folder is read-only. Nothing could be saved.</source>
        <translation>Папка данных доступна только для чтения. Ничего не удалось сохранить.</translation>
    </message>
    <message>
        <source>The database file is damaged or unreadable ({reason}). Restore it from a backup.</source>
        <translation>Файл базы данных повреждён или не читается ({reason}). Восстановите его из резервной копии.</translation>
    </message>
    <message>
        <source>the database could not be read or written</source>
        <translation>не удалось прочитать или записать базу данных</translation>
    </message>
    <message>
        <source>{path} is not a STRIVE Desktop database or is damaged ({reason}).</source>
        <translation>{path} — не база данных STRIVE Desktop или она повреждена ({reason}).</translation>
    </message>
    <message>
        <source>The backup could not be written to {path}: {reason}</source>
        <translation>Не удалось записать резервную копию в {path}: {reason}</translation>
    </message>
    <message>
        <source>Give the serial and the code, --qr with the QR code&apos;s text, or --image with a photo of the QR code.</source>
        <translation>Укажите номер и код, --qr с текстом QR-кода или --image с фото QR-кода.</translation>
    </message>
    <message>
        <source>{what} contains characters that cannot be printed: {chars}. Use letters, digits and ordinary punctuation.</source>
        <translation>В поле «{what}» есть символы, которые нельзя напечатать: {chars}. Используйте буквы, цифры и обычные знаки препинания.</translation>
    </message>
    <message>
        <source>This is not the QR code of a STRIVE certificate.</source>
        <translation>Это не QR-код сертификата STRIVE.</translation>
    </message>
    <message>
        <source>The signature in the QR code does not match certificate {serial}: the copy is not genuine or its facts were changed.</source>
        <translation>Подпись в QR-коде не соответствует сертификату {serial}: копия не подлинная или данные в ней изменены.</translation>
    </message>
    <message>
        <source>No QR code was found in {path}. Take the photo closer, straight on and in good light.</source>
        <translation>В {path} не найден QR-код. Сфотографируйте ближе, прямо и при хорошем свете.</translation>
    </message>
    <message>
        <source>Certificate {serial} was issued by an installation this one does not know yet; check it at headquarters.</source>
        <translation>Сертификат {serial} выдан установкой, которая здесь ещё не известна; проверьте его в центральном офисе.</translation>
    </message>
    <message>
        <source>{path} is not an image that can be read.</source>
        <translation>{path} — не изображение, которое можно прочитать.</translation>
    </message>
    <message>
        <source>Choose two different people.</source>
        <translation>Выберите двух разных людей.</translation>
    </message>
    <message>
        <source>Give at least the first 4 characters of the person&apos;s id.</source>
        <translation>Укажите хотя бы первые 4 символа идентификатора человека.</translation>
    </message>
    <message>
        <source>No person has the id {id}.</source>
        <translation>Нет человека с идентификатором {id}.</translation>
    </message>
    <message>
        <source>More than one person&apos;s id starts with {id}; give more of it.</source>
        <translation>Идентификаторы нескольких людей начинаются с {id}; укажите больше символов.</translation>
    </message>
    <message>
        <source>Only people still on the lists can be merged; a deleted or already merged person cannot.</source>
        <translation>Объединять можно только людей, которые есть в списках; удалённого или уже объединённого — нельзя.</translation>
    </message>
    <message>
        <source>These two have different personal numbers (PIN): they are two people.</source>
        <translation>У них разные персональные номера (ПИН): это два разных человека.</translation>
    </message>
    <message>
        <source>This person was not merged into anyone.</source>
        <translation>Этот человек ни с кем не объединялся.</translation>
    </message>
    <message>
        <source>The disk is full. Free some space and start again; nothing was changed.</source>
        <translation>Диск заполнен. Освободите место и начните заново; ничего не изменено.</translation>
    </message>
    <message>
        <source>The database in {path} could not be read ({reason}). The disk may be full, read-only or removed (a USB stick): check it and start again. Nothing was changed.</source>
        <translation>Не удалось прочитать базу данных в {path} ({reason}). Диск может быть заполнен, доступен только для чтения или извлечён (флешка): проверьте его и начните заново. Ничего не изменено.</translation>
    </message>
    <message>
        <source>This data folder was written by a newer version of STRIVE Desktop (schema {version}). Install the newer version; the data was not changed.</source>
        <translation>Эта папка данных записана более новой версией STRIVE Desktop (схема {version}). Установите новую версию; данные не изменены.</translation>
    </message>
    <message>
        <source>STRIVE Desktop is already running with the data folder {path}. Close the other window first.</source>
        <translation>STRIVE Desktop уже работает с папкой данных {path}. Сначала закройте другое окно.</translation>
    </message>
    <message>
        <source>The data folder {path} cannot be written: {reason}</source>
        <translation>В папку данных {path} нельзя записывать: {reason}</translation>
    </message>
    <message>
        <source>{path} is not a STRIVE Desktop database.</source>
        <translation>{path} — не база данных STRIVE Desktop.</translation>
    </message>
    <message>
        <source>{path} is not a STRIVE invitation file.</source>
        <translation>{path} — не файл приглашения STRIVE.</translation>
    </message>
    <message>
        <source>Only headquarters writes invitations.</source>
        <translation>Приглашения записывает только головной офис.</translation>
    </message>
    <message>
        <source>An invitation is valid for 1 to {max} days.</source>
        <translation>Приглашение действует от 1 до {max} дней.</translation>
    </message>
    <message>
        <source>This invitation expired on {date}. Ask headquarters for a new one.</source>
        <translation>Срок этого приглашения истёк {date}. Попросите в головном офисе новое.</translation>
    </message>
    <message>
        <source>This is the headquarters installation; invitations are for field offices.</source>
        <translation>Это установка головного офиса; приглашения предназначены для местных офисов.</translation>
    </message>
    <message>
        <source>This invitation is for {name}, not for the community of this office. Ask headquarters for an invitation for this community.</source>
        <translation>Это приглашение для {name}, а не для сообщества этого офиса. Попросите в головном офисе приглашение для этого сообщества.</translation>
    </message>
    <message>
        <source>{file} from {name} was not accepted by invitation: {reason}. It waits until headquarters accepts that installation.</source>
        <translation>{file} от {name} не принят по приглашению: {reason}. Он ждёт, пока головной офис не примет эту установку.</translation>
    </message>
    <message>
        <source>its invitation proof is not readable</source>
        <translation>его подтверждение приглашения не читается</translation>
    </message>
    <message>
        <source>it does not prove the invitation&apos;s secret</source>
        <translation>он не подтверждает секрет приглашения</translation>
    </message>
    <message>
        <source>the invitation was already used by another installation</source>
        <translation>приглашение уже использовано другой установкой</translation>
    </message>
    <message>
        <source>the invitation was already used, and that installation is no longer accepted</source>
        <translation>приглашение уже использовано, и эта установка больше не принимается</translation>
    </message>
    <message>
        <source>the invitation expired on {date}</source>
        <translation>срок приглашения истёк {date}</translation>
    </message>
    <message>
        <source>the invitation is for another community</source>
        <translation>приглашение предназначено для другого сообщества</translation>
    </message>
    <message>
        <source>{path} was altered after headquarters wrote it (its signature does not match). Ask headquarters for a new invitation.</source>
        <translation>{path} был изменён после того, как его записал головной офис (подпись не совпадает). Попросите в головном офисе новое приглашение.</translation>
    </message>
    <message>
        <source>The invitation is for a community this version does not know ({name}). Install the version headquarters uses.</source>
        <translation>Приглашение для сообщества, которого эта версия не знает ({name}). Установите версию, которой пользуется головной офис.</translation>
    </message>
    <message>
        <source>headquarters never wrote that invitation</source>
        <translation>головной офис не записывал такого приглашения</translation>
    </message>
    <message>
        <source>The invitation was already used by another installation.</source>
        <translation>Приглашение уже использовано другой установкой.</translation>
    </message>
    <message>
        <source>The invitation could not be written to {path}: {reason}</source>
        <translation>Не удалось записать приглашение в {path}: {reason}</translation>
    </message>
    <message>
        <source>A range is two change numbers like 51-70, not {value}.</source>
        <translation>Диапазон — это два номера изменений, например 51-70, а не {value}.</translation>
    </message>
    <message>
        <source>its parent record ({parent}) was set aside, so it can never be applied</source>
        <translation>его родительская запись ({parent}) отложена, поэтому его нельзя применить</translation>
    </message>
    <message>
        <source>its parent record ({parent}) is in no package of its sender up to this one, so it can never arrive</source>
        <translation>его родительской записи ({parent}) нет ни в одном пакете отправителя до этого, поэтому она уже не придёт</translation>
    </message>
    <message>
        <source>Headquarters sends return packages to each field installation instead.</source>
        <translation>Головной офис вместо этого отправляет обратные пакеты каждой установке на местах.</translation>
    </message>
    <message>
        <source>Only headquarters writes return packages.</source>
        <translation>Обратные пакеты записывает только головной офис.</translation>
    </message>
    <message>
        <source>Import the headquarters key file first (Sync page or &apos;keys import-hq FILE&apos;).</source>
        <translation>Сначала загрузите файл ключа головного офиса (страница «Обмен данными» или &apos;keys import-hq ФАЙЛ&apos;).</translation>
    </message>
    <message>
        <source>This installation has only made {n} changes so far.</source>
        <translation>Эта установка пока сделала только {n} изменений.</translation>
    </message>
    <message>
        <source>There are no changes to export since the last package.</source>
        <translation>После последнего пакета нет изменений для выгрузки.</translation>
    </message>
    <message>
        <source>The folder {path} does not exist.</source>
        <translation>Папка {path} не существует.</translation>
    </message>
    <message>
        <source>{file} was refused: it is larger than the limit of {mb} MB for a package. The limit can be raised in the settings of this data folder.</source>
        <translation>{file} отклонён: он больше предела {mb} МБ для пакета. Предел можно увеличить в настройках этой папки данных.</translation>
    </message>
    <message>
        <source>{file} was refused: it claims another community or role than the one {name} was accepted with. Nothing of it was applied.</source>
        <translation>{file} отклонён: в нём указаны другое сообщество или роль, чем те, с которыми была принята установка {name}. Ничего из него не применено.</translation>
    </message>
    <message>
        <source>{file} was refused: {name} was accepted without a community, so it owns no records. Nothing of it was applied.</source>
        <translation>{file} отклонён: установка {name} принята без сообщества, поэтому ей не принадлежит ни одна запись. Ничего из него не применено.</translation>
    </message>
    <message>
        <source>{file} was refused: it is dated {date}, in the future. Check the date and time of the computer that wrote it, then export again.</source>
        <translation>{file} отклонён: он датирован {date}, то есть будущим. Проверьте дату и время компьютера, который его записал, и экспортируйте снова.</translation>
    </message>
    <message>
        <source>{file} comes from {name}, which is not this installation&apos;s headquarters. Import the headquarters key file first.</source>
        <translation>{file} пришёл от {name}, а это не головной офис этой установки. Сначала загрузите файл ключа головного офиса.</translation>
    </message>
    <message>
        <source>{file} is damaged or was altered: its header is not readable.</source>
        <translation>{file} повреждён или изменён: его заголовок не читается.</translation>
    </message>
    <message>
        <source>{file} is far larger than any real package and was not imported.</source>
        <translation>{file} намного больше любого настоящего пакета и не был загружен.</translation>
    </message>
    <message>
        <source>The file {path} cannot be read: {reason}</source>
        <translation>Не удаётся прочитать файл {path}: {reason}</translation>
    </message>
    <message>
        <source>{file} was refused: a package with the same number from another installation is already here.</source>
        <translation>{file} отклонён: пакет с таким же номером от другой установки уже есть здесь.</translation>
    </message>
    <message>
        <source>{file} was refused, nothing of it was applied: {reason}.</source>
        <translation>{file} отклонён, ничего из него не применено: {reason}.</translation>
    </message>
    <message>
        <source>Only the headquarters installation writes a headquarters key file.</source>
        <translation>Файл ключа головного офиса записывает только головной офис.</translation>
    </message>
    <message>
        <source>This is the headquarters installation; it does not import a headquarters key.</source>
        <translation>Это установка головного офиса; она не загружает ключ головного офиса.</translation>
    </message>
    <message>
        <source>The passphrase must be at least 8 characters long.</source>
        <translation>Парольная фраза должна быть не короче 8 символов.</translation>
    </message>
    <message>
        <source>This key backup was made by a headquarters installation and this one is a field office, or the other way round; it cannot be restored here.</source>
        <translation>Эта резервная копия ключей сделана в головном офисе, а эта установка — полевой офис (или наоборот); восстановить её здесь нельзя.</translation>
    </message>
    <message>
        <source>This key backup belongs to another installation ({name}); only a backup made by this installation can be restored here.</source>
        <translation>Эта резервная копия ключей принадлежит другой установке ({name}); здесь можно восстановить только копию, сделанную этой установкой.</translation>
    </message>
    <message>
        <source>The key file could not be written to {path}: {reason}</source>
        <translation>Не удалось записать файл ключа в {path}: {reason}</translation>
    </message>
    <message>
        <source>{path} is not a headquarters key file.</source>
        <translation>{path} — не файл ключа головного офиса.</translation>
    </message>
    <message>
        <source>The key backup could not be written to {path}: {reason}</source>
        <translation>Не удалось записать резервную копию ключей в {path}: {reason}</translation>
    </message>
    <message>
        <source>{path} is not a STRIVE key backup.</source>
        <translation>{path} — не резервная копия ключей STRIVE.</translation>
    </message>
    <message>
        <source>Wrong passphrase, or the key backup is damaged.</source>
        <translation>Неверная парольная фраза или резервная копия ключей повреждена.</translation>
    </message>
    <message>
        <source>No installation called {name} has sent a package yet.</source>
        <translation>Установка с именем {name} ещё не присылала пакетов.</translation>
    </message>
    <message>
        <source>More than one installation matches {name}; use its id.</source>
        <translation>Имени {name} соответствует несколько установок; укажите идентификатор.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>Communities</source>
        <translation>Сообщества</translation>
    </message>
    <message>
        <source>Advisory groups</source>
        <translation>Консультативные группы</translation>
    </message>
    <message>
        <source>People</source>
        <translation>Люди</translation>
    </message>
    <message>
        <source>Group memberships</source>
        <translation>Членство в группах</translation>
    </message>
    <message>
        <source>Vulnerable groups</source>
        <translation>Уязвимые группы</translation>
    </message>
    <message>
        <source>Trainings</source>
        <translation>Тренинги</translation>
    </message>
    <message>
        <source>Training sessions</source>
        <translation>Занятия тренингов</translation>
    </message>
    <message>
        <source>Attendance</source>
        <translation>Посещаемость</translation>
    </message>
    <message>
        <source>Local plans</source>
        <translation>Местные планы</translation>
    </message>
    <message>
        <source>Plan activities</source>
        <translation>Мероприятия планов</translation>
    </message>
    <message>
        <source>Plan revisions</source>
        <translation>Редакции планов</translation>
    </message>
    <message>
        <source>Certificates</source>
        <translation>Сертификаты</translation>
    </message>
    <message>
        <source>Attachments</source>
        <translation>Вложения</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>ФИО</translation>
    </message>
    <message>
        <source>Merged into</source>
        <translation>Объединён с</translation>
    </message>
    <message>
        <source>Records moved by a merge</source>
        <translation>Записи, перенесённые при объединении</translation>
    </message>
    <message>
        <source>Kept apart from</source>
        <translation>Не объединять с</translation>
    </message>
    <message>
        <source>Sex</source>
        <translation>Пол</translation>
    </message>
    <message>
        <source>Birth year</source>
        <translation>Год рождения</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <source>PIN</source>
        <translation>ПИН</translation>
    </message>
    <message>
        <source>Sector</source>
        <translation>Сектор</translation>
    </message>
    <message>
        <source>Organisation</source>
        <translation>Организация</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Должность</translation>
    </message>
    <message>
        <source>Consent date</source>
        <translation>Дата согласия</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Заметки</translation>
    </message>
    <message>
        <source>Community</source>
        <translation>Сообщество</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Prevention centre</source>
        <translation>ОЦП</translation>
    </message>
    <message>
        <source>Formed on</source>
        <translation>Дата создания</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Человек</translation>
    </message>
    <message>
        <source>Advisory group</source>
        <translation>Консультативная группа</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Роль</translation>
    </message>
    <message>
        <source>Joined on</source>
        <translation>Дата вступления</translation>
    </message>
    <message>
        <source>Left on</source>
        <translation>Дата выхода</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Категория</translation>
    </message>
    <message>
        <source>Description</source>
        <translation>Описание</translation>
    </message>
    <message>
        <source>Phase</source>
        <translation>Этап</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Название</translation>
    </message>
    <message>
        <source>Venue</source>
        <translation>Место</translation>
    </message>
    <message>
        <source>Trainers</source>
        <translation>Тренеры</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>Тренинг</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Hours</source>
        <translation>Часы</translation>
    </message>
    <message>
        <source>Session</source>
        <translation>Занятие</translation>
    </message>
    <message>
        <source>Present</source>
        <translation>Присутствовал</translation>
    </message>
    <message>
        <source>Walk-in</source>
        <translation>Пришедший</translation>
    </message>
    <message>
        <source>Period start</source>
        <translation>Начало периода</translation>
    </message>
    <message>
        <source>Period end</source>
        <translation>Конец периода</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Context</source>
        <translation>Контекст</translation>
    </message>
    <message>
        <source>Objectives</source>
        <translation>Цели</translation>
    </message>
    <message>
        <source>Revision</source>
        <translation>Редакция</translation>
    </message>
    <message>
        <source>Local plan</source>
        <translation>Местный план</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>Ответственный</translation>
    </message>
    <message>
        <source>Partners</source>
        <translation>Партнёры</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Начало</translation>
    </message>
    <message>
        <source>End</source>
        <translation>Окончание</translation>
    </message>
    <message>
        <source>Budget: project</source>
        <translation>Бюджет: проект</translation>
    </message>
    <message>
        <source>Budget: local</source>
        <translation>Бюджет: местный</translation>
    </message>
    <message>
        <source>Budget: other</source>
        <translation>Бюджет: другой</translation>
    </message>
    <message>
        <source>Indicator</source>
        <translation>Индикатор</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <source>Saved by</source>
        <translation>Кем сохранено</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Пометка</translation>
    </message>
    <message>
        <source>Revision contents</source>
        <translation>Содержание редакции</translation>
    </message>
    <message>
        <source>Serial number</source>
        <translation>Серийный номер</translation>
    </message>
    <message>
        <source>Issued on</source>
        <translation>Дата выдачи</translation>
    </message>
    <message>
        <source>Verification code</source>
        <translation>Код проверки</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Отозван</translation>
    </message>
    <message>
        <source>Reason for revoking</source>
        <translation>Причина отзыва</translation>
    </message>
    <message>
        <source>File name</source>
        <translation>Имя файла</translation>
    </message>
    <message>
        <source>Checksum</source>
        <translation>Контрольная сумма</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Размер</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Код</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Name (Kyrgyz)</source>
        <translation>Название (кыргызское)</translation>
    </message>
    <message>
        <source>Name (Russian)</source>
        <translation>Название (русское)</translation>
    </message>
    <message>
        <source>Name (English)</source>
        <translation>Название (английское)</translation>
    </message>
    <message>
        <source>Oblast (Kyrgyz)</source>
        <translation>Область (кыргызское)</translation>
    </message>
    <message>
        <source>Oblast (Russian)</source>
        <translation>Область (русское)</translation>
    </message>
    <message>
        <source>Oblast (English)</source>
        <translation>Область (английское)</translation>
    </message>
    <message>
        <source>Deleted</source>
        <translation>Удалено</translation>
    </message>
    <message>
        <source>Created</source>
        <translation>Создано</translation>
    </message>
    <message>
        <source>{file} is damaged: {reason}</source>
        <translation>{file} повреждён: {reason}</translation>
    </message>
    <message>
        <source>{file} was refused: its content is larger than the limit of {mb} MB (or it is a so-called zip bomb). The limit can be raised in the settings of this data folder.</source>
        <translation>{file} отклонён: его содержимое больше предела {mb} МБ (или это так называемая zip-бомба). Предел можно увеличить в настройках этой папки данных.</translation>
    </message>
    <message>
        <source>{file} is not a STRIVE sync package.</source>
        <translation>{file} — не пакет обмена STRIVE.</translation>
    </message>
    <message>
        <source>{file} is incomplete (the file was cut short). Ask for it to be sent again.</source>
        <translation>{file} неполный (файл обрезан). Попросите прислать его ещё раз.</translation>
    </message>
    <message>
        <source>{file} is damaged or was altered: it has extra bytes at the end.</source>
        <translation>{file} повреждён или изменён: в конце лишние байты.</translation>
    </message>
    <message>
        <source>{file} was written by a newer version of STRIVE Desktop (package format {fmt}). Install the newer version to import it.</source>
        <translation>{file} записан более новой версией STRIVE Desktop (формат пакета {fmt}). Установите новую версию, чтобы загрузить его.</translation>
    </message>
    <message>
        <source>{file} is meant for another installation ({name}), not for this one.</source>
        <translation>{file} предназначен для другой установки ({name}), а не для этой.</translation>
    </message>
    <message>
        <source>{file} was written by this installation itself.</source>
        <translation>{file} записан самой этой установкой.</translation>
    </message>
    <message>
        <source>{file} comes from {name}, an installation that has not been accepted yet. It waits until headquarters accepts that installation.</source>
        <translation>{file} пришёл от {name} — установки, которая ещё не принята. Он ждёт, пока головной офис её примет.</translation>
    </message>
    <message>
        <source>there is no ownership rule for this table, so nobody but headquarters may send it</source>
        <translation>для этой таблицы нет правила владения, поэтому её может присылать только головной офис</translation>
    </message>
    <message>
        <source>only headquarters changes shared reference data</source>
        <translation>общие справочные данные меняет только головной офис</translation>
    </message>
    <message>
        <source>it belongs to another community than its sender</source>
        <translation>запись относится не к сообществу отправителя</translation>
    </message>
    <message>
        <source>the record belongs to another community here; only headquarters moves records between communities</source>
        <translation>здесь запись относится к другому сообществу; переносить записи между сообществами может только головной офис</translation>
    </message>
    <message>
        <source>its community cannot be determined</source>
        <translation>невозможно определить её сообщество</translation>
    </message>
    <message>
        <source>it belongs to another community than this installation</source>
        <translation>запись относится не к сообществу этой установки</translation>
    </message>
    <message>
        <source>{file} from {sender}: {added} added, {updated} updated, {unchanged} unchanged, {conflicts} conflicts, {set_aside} set aside, {pending} waiting for their parent records.</source>
        <translation>{file} от {sender}: добавлено {added}, обновлено {updated}, без изменений {unchanged}, конфликтов {conflicts}, отложено {set_aside}, ждут родительских записей {pending}.</translation>
    </message>
    <message>
        <source>{file}: already imported, nothing changed.</source>
        <translation>{file}: уже импортирован, ничего не изменилось.</translation>
    </message>
    <message>
        <source>{summary} Certificate settings received from headquarters.</source>
        <translation>{summary} Получены настройки сертификатов от головного офиса.</translation>
    </message>
    <message>
        <source>{file} is meant for another installation; it was left in the folder.</source>
        <translation>{file} предназначен для другой установки; он оставлен в папке.</translation>
    </message>
    <message>
        <source>{file} claims to come from {name} but is signed with a different key. It was not imported.</source>
        <translation>{file} якобы от {name}, но подписан другим ключом. Он не загружен.</translation>
    </message>
    <message>
        <source>{file} uses an unknown encryption ({alg}).</source>
        <translation>{file} использует неизвестное шифрование ({alg}).</translation>
    </message>
    <message>
        <source>{file} was refused: an attached file in it is larger than the limit of {mb} MB. The limit can be raised in the settings of this data folder.</source>
        <translation>{file} отклонён: вложенный в него файл больше предела {mb} МБ. Предел можно увеличить в настройках этой папки данных.</translation>
    </message>
    <message>
        <source>{file} was written by a newer version of STRIVE Desktop (database schema {schema}). Install the newer version to import it.</source>
        <translation>{file} записан более новой версией STRIVE Desktop (схема базы {schema}). Установите новую версию, чтобы загрузить его.</translation>
    </message>
    <message>
        <source>The package could not be written to {path}: {reason}</source>
        <translation>Не удалось записать пакет в {path}: {reason}</translation>
    </message>
    <message>
        <source>{file} is damaged or was altered on the way (the signature does not match). Ask for it to be sent again.</source>
        <translation>{file} повреждён или изменён по пути (подпись не совпадает). Попросите прислать его ещё раз.</translation>
    </message>
    <message>
        <source>{file} cannot be decrypted: it is damaged or was not sealed for this installation.</source>
        <translation>{file} не удаётся расшифровать: он повреждён или зашифрован не для этой установки.</translation>
    </message>
    <message>
        <source>{file} was refused: an entry inflates far beyond any real package (a so-called zip bomb).</source>
        <translation>{file} отклонён: одна из записей распаковывается далеко за пределы любого настоящего пакета (так называемая zip-бомба).</translation>
    </message>
    <message>
        <source>{file} was refused: it contains an entry ({entry}) outside the allowed names, which could write outside its folder.</source>
        <translation>{file} отклонён: он содержит запись ({entry}) с недопустимым именем, которая могла бы записать данные за пределы своей папки.</translation>
    </message>
    <message>
        <source>{file} was refused: it contains a file ({entry}) that no record of the package refers to.</source>
        <translation>{file} отклонён: в нём есть файл ({entry}), на который не ссылается ни одна запись пакета.</translation>
    </message>
    <message>
        <source>That conflict no longer exists.</source>
        <translation>Этого конфликта больше нет.</translation>
    </message>
    <message>
        <source>This conflict was already settled.</source>
        <translation>Этот конфликт уже разрешён.</translation>
    </message>
    <message>
        <source>The record of this conflict no longer exists.</source>
        <translation>Записи этого конфликта больше нет.</translation>
    </message>
    <message>
        <source>Activity {n} starts before the plan period.</source>
        <translation>Мероприятие {n} начинается раньше периода плана.</translation>
    </message>
    <message>
        <source>Activity {n} ends after the plan period.</source>
        <translation>Мероприятие {n} заканчивается после окончания периода плана.</translation>
    </message>
    <message>
        <source>To check a certificate by the facts printed on it, give all of them: missing {names}.</source>
        <translation>Чтобы проверить сертификат по напечатанным на нём данным, укажите их все: не хватает {names}.</translation>
    </message>
    <message>
        <source>Certificate {serial} is not in this installation&apos;s register. To check its signature, give the facts printed on it (name, training, dates, hours, community, date of issue), or check it at headquarters.</source>
        <translation>Сертификата {serial} нет в реестре этой установки. Чтобы проверить его подпись, укажите напечатанные на нём данные (ФИО, тренинг, даты, часы, сообщество, дата выдачи) или проверьте его в головном офисе.</translation>
    </message>
    <message>
        <source>The signature in the QR code does not match the facts given for certificate {serial}: check them against the certificate; if they are right, the copy is not genuine or its facts were changed.</source>
        <translation>Подпись в QR-коде не совпадает с данными, указанными для сертификата {serial}: сверьте их с сертификатом; если они верны, копия не подлинная или данные в ней изменены.</translation>
    </message>
    <message>
        <source>Signers and logos printed</source>
        <translation>Напечатанные подписанты и логотипы</translation>
    </message>
    <message>
        <source>The logo {name} is larger than {mb} MB; choose a smaller image in Settings.</source>
        <translation>Логотип {name} больше {mb} МБ; выберите изображение поменьше в настройках.</translation>
    </message>
    <message>
        <source>The settings from headquarters are not readable; ask headquarters for a new file.</source>
        <translation>Настройки из головного офиса не читаются; попросите у головного офиса новый файл.</translation>
    </message>
    <message>
        <source>These settings are for another community than this office&apos;s.</source>
        <translation>Эти настройки предназначены для другого сообщества, а не для сообщества этого офиса.</translation>
    </message>
    <message>
        <source>{path} is not a STRIVE Desktop database of this folder, or it is damaged: it cannot be read with the folder&apos;s key file (vault.json). Restore both from the same backup.</source>
        <translation>{path} — не база данных STRIVE Desktop этой папки, или она повреждена: её нельзя прочитать с файлом ключей папки (vault.json). Восстановите оба файла из одной резервной копии.</translation>
    </message>
    <message>
        <source>The database could not be encrypted: {reason}. Nothing was lost; free some space and start again.</source>
        <translation>Не удалось зашифровать базу данных: {reason}. Ничего не потеряно; освободите место на диске и запустите снова.</translation>
    </message>
    <message>
        <source>The file {name} is damaged or belongs to another data folder.</source>
        <translation>Файл {name} повреждён или относится к другой папке данных.</translation>
    </message>
    <message>
        <source>A password is needed: set STRIVE_PASSWORD or run the command in a terminal.</source>
        <translation>Нужен пароль: задайте переменную STRIVE_PASSWORD или запустите команду в терминале.</translation>
    </message>
    <message>
        <source>A password is needed for the first account of this data folder: set STRIVE_PASSWORD or run the command in a terminal.</source>
        <translation>Для первой учётной записи этой папки данных нужен пароль: задайте переменную STRIVE_PASSWORD или запустите команду в терминале.</translation>
    </message>
    <message>
        <source>Wrong name or password.</source>
        <translation>Неверное имя или пароль.</translation>
    </message>
    <message>
        <source>The password needs at least {n} characters.</source>
        <translation>Пароль должен содержать не менее {n} символов.</translation>
    </message>
    <message>
        <source>This data folder is protected: log in with your name and password (on the command line: --user NAME and the STRIVE_PASSWORD variable).</source>
        <translation>Эта папка данных защищена: войдите со своим именем и паролем (в командной строке: --user ИМЯ и переменная STRIVE_PASSWORD).</translation>
    </message>
    <message>
        <source>The key file {path} is damaged. Restore it from a backup.</source>
        <translation>Файл ключей {path} повреждён. Восстановите его из резервной копии.</translation>
    </message>
    <message>
        <source>The key file {path} was written by a newer version of STRIVE Desktop.</source>
        <translation>Файл ключей {path} записан более новой версией STRIVE Desktop.</translation>
    </message>
    <message>
        <source>This data folder already has accounts; log in instead.</source>
        <translation>В этой папке данных уже есть учётные записи; войдите вместо этого.</translation>
    </message>
    <message>
        <source>The key file {path} cannot be read: {reason}</source>
        <translation>Не удаётся прочитать файл ключей {path}: {reason}</translation>
    </message>
    <message>
        <source>The key file {path} cannot be written: {reason}</source>
        <translation>Не удаётся записать файл ключей {path}: {reason}</translation>
    </message>
    <message>
        <source>The recovery code is needed: give --code, set STRIVE_RECOVERY_CODE or run the command in a terminal.</source>
        <translation>Нужен код восстановления: укажите --code, задайте STRIVE_RECOVERY_CODE или запустите команду в терминале.</translation>
    </message>
    <message>
        <source>A new password is needed: set STRIVE_PASSWORD or run the command in a terminal.</source>
        <translation>Нужен новый пароль: задайте STRIVE_PASSWORD или запустите команду в терминале.</translation>
    </message>
    <message>
        <source>This recovery file was written for another installation ({name}); it does not open this data folder.</source>
        <translation>Этот файл восстановления записан для другой установки ({name}); он не открывает эту папку данных.</translation>
    </message>
    <message>
        <source>The recovery copy of this installation&apos;s key is damaged.</source>
        <translation>Копия ключа этой установки для восстановления повреждена.</translation>
    </message>
    <message>
        <source>Enter the recovery code that headquarters read out to you.</source>
        <translation>Введите код восстановления, который вам продиктовал головной офис.</translation>
    </message>
    <message>
        <source>This is not a STRIVE recovery file.</source>
        <translation>Это не файл восстановления STRIVE.</translation>
    </message>
    <message>
        <source>This recovery file expired on {date}. Ask headquarters for a new one.</source>
        <translation>Срок действия этого файла восстановления истёк {date}. Попросите новый у головного офиса.</translation>
    </message>
    <message>
        <source>The recovery copy of this installation&apos;s key cannot be opened with this headquarters&apos; key. Was headquarters&apos; key replaced since its last package?</source>
        <translation>Копию ключа этой установки для восстановления нельзя открыть этим ключом головного офиса. Не был ли ключ головного офиса заменён после её последнего пакета?</translation>
    </message>
    <message>
        <source>The recovery code does not fit this recovery file, or the file was changed. Check the code with headquarters.</source>
        <translation>Код восстановления не подходит к этому файлу, или файл был изменён. Сверьте код с головным офисом.</translation>
    </message>
    <message>
        <source>Only headquarters writes recovery files.</source>
        <translation>Файлы восстановления записывает только головной офис.</translation>
    </message>
    <message>
        <source>A recovery file is valid for 1 to {n} days.</source>
        <translation>Файл восстановления действует от 1 до {n} дней.</translation>
    </message>
    <message>
        <source>Accept the installation {name} first.</source>
        <translation>Сначала примите установку {name}.</translation>
    </message>
    <message>
        <source>{name} has not sent a recovery copy of its key yet: it is in every package from this version on.</source>
        <translation>{name} ещё не прислала копию своего ключа для восстановления: она есть в каждом пакете начиная с этой версии.</translation>
    </message>
    <message>
        <source>The recovery file could not be written to {path}: {reason}</source>
        <translation>Не удалось записать файл восстановления в {path}: {reason}</translation>
    </message>
    <message>
        <source>The title in Russian</source>
        <translation>Название на русском</translation>
    </message>
    <message>
        <source>The title in English</source>
        <translation>Название на английском</translation>
    </message>
    <message>
        <source>No signer is set for the certificates of this community: they print with no signature lines. Set them in Settings → Certificates.</source>
        <translation>Для сертификатов этого сообщества не задан подписант: они будут напечатаны без строк для подписи. Задайте их в «Настройки → Сертификаты».</translation>
    </message>
    <message>
        <source>No logo is set for the certificates of this community: they print with no logos.</source>
        <translation>Для сертификатов этого сообщества не задан логотип: они будут напечатаны без логотипов.</translation>
    </message>
    <message>
        <source>Title in Russian</source>
        <translation>Название на русском</translation>
    </message>
    <message>
        <source>Title in English</source>
        <translation>Название на английском</translation>
    </message>
    <message>
        <source>Recorded {recorded} mark(s); {walk_ins} walk-in(s) added; {refused} row(s) refused.</source>
        <translation>Записано отметок: {recorded}; добавлено пришедших без записи: {walk_ins}; отклонено строк: {refused}.</translation>
    </message>
    <message>
        <source>Import {id}: added {added}, matched {matched}, refused {refused} (group &apos;{group}&apos;).</source>
        <translation>Импорт {id}: добавлено {added}, сопоставлено {matched}, отклонено {refused} (группа &apos;{group}&apos;).</translation>
    </message>
    <message>
        <source>{n} matched people were already members of the group.</source>
        <translation>Сопоставленных людей, уже состоявших в группе: {n}.</translation>
    </message>
</context>
</TS>
