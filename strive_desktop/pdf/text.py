"""Words printed on the PDFs in English, Russian and Kyrgyz, and small formatting helpers.

PDFs are made without Qt (also from the command line), so their few fixed words live here
rather than in the Qt translation files. ``lang`` is "en", "ru" or "ky".
"""

from __future__ import annotations

import datetime as dt
import functools

LANGS = ("en", "ru", "ky")

# key: (English, Russian, Kyrgyz)
STRINGS: dict[str, tuple[str, str, str]] = {
    # certificate
    "certificate": ("CERTIFICATE", "СЕРТИФИКАТ", "СЕРТИФИКАТ"),
    "awarded_to": ("This certificate is awarded to", "Настоящий сертификат выдан",
                   "Бул сертификат төмөнкүгө берилди"),
    "completed": ("for completing the training", "за прохождение обучения", "окууну ийгиликтүү аяктаганы үчүн"),
    "phase": ("Phase", "Этап", "Этап"),
    "community": ("Community", "Сообщество", "Жамаат"),
    "dates": ("Dates", "Даты", "Өткөрүлгөн күндөрү"),
    "hours_attended": ("Hours attended", "Посещено часов", "Катышкан сааттар"),
    "of": ("of", "из", "/"),
    "serial": ("Serial No.", "Рег. №", "Каттоо №"),
    "verification": ("Verification code", "Код проверки", "Текшерүү коду"),
    "issued_on": ("Issued on", "Дата выдачи", "Берилген күнү"),
    "programme": ("STRIVE Asia — Strengthening Resilience to Violent Extremism",
                  "STRIVE Asia — Укрепление устойчивости к насильственному экстремизму",
                  "STRIVE Asia — Зордук-зомбулук экстремизмине туруктуулукту бекемдөө"),
    # attendance sheet
    "attendance_sheet": ("Attendance sheet", "Лист регистрации участников", "Катышуучуларды каттоо баракчасы"),
    "training": ("Training", "Тренинг", "Тренинг"),
    "venue": ("Venue", "Место проведения", "Өткөрүлгөн жери"),
    "trainer": ("Trainer(s)", "Тренер(ы)", "Тренер(лер)"),
    "no": ("No.", "№", "№"),
    "full_name": ("Full name", "ФИО", "Аты-жөнү"),
    "sector": ("Sector", "Сектор", "Сектор"),
    "sex": ("Sex", "Пол", "Жынысы"),
    "signature": ("Signature", "Подпись", "Колу"),
    "session": ("Session", "Занятие", "Сабак"),
    "birth_year": ("Year of birth", "Год рождения", "Туулган жылы"),
    "consent": ("Consent given", "Согласие дано", "Макулдук берилди"),
    "trainer_signoff": ("The trainer confirms this list", "Тренер подтверждает список",
                        "Тренер тизмени тастыктайт"),
    "walk_ins": ("Participants not on the list", "Участники не из списка", "Тизмеде жок катышуучулар"),
    "page_of": ("Page {x} of {y}", "Страница {x} из {y}", "{y} беттин {x}-бети"),
    "hours": ("h", "ч", "саат"),
    # plan
    "local_plan": ("Local prevention plan", "Местный план профилактики", "Алдын алуунун жергиликтүү планы"),
    "period": ("Period", "Период", "Мезгил"),
    "status": ("Status", "Статус", "Абалы"),
    "revision": ("Revision {n} of {date}", "Редакция {n} от {date}", "{date} күнкү {n}-редакция"),
    "revision_label": ("Revision", "Редакция", "Редакция"),
    "revision_changed": ("Revision {n} of {date}, with changes made since", "Редакция {n} от {date} с последующими изменениями",
                         "{date} күнкү {n}-редакция, андан кийинки өзгөртүүлөр менен"),
    "no_revision": ("Working copy, not yet saved as a revision", "Рабочая версия, редакция не сохранена",
                    "Жумушчу нуска, редакция катары сакталган эмес"),
    "printed_on": ("Printed on {date}", "Напечатано {date}", "Басылган күнү {date}"),
    "context": ("Context", "Контекст", "Абал"),
    "vulnerable_groups": ("Vulnerable groups", "Уязвимые группы", "Аялуу топтор"),
    "objectives": ("Objectives", "Цели", "Максаттар"),
    "activities": ("Activities", "Мероприятия", "Иш-чаралар"),
    "activity": ("Activity", "Мероприятие", "Иш-чара"),
    "responsible": ("Responsible", "Ответственные", "Жооптуулар"),
    "partners": ("Partners", "Партнёры", "Өнөктөштөр"),
    "indicator": ("Indicator", "Индикатор", "Индикатор"),
    "budget_som": ("Budget, som", "Бюджет, сом", "Бюджет, сом"),
    "project": ("Project", "Проект", "Долбоор"),
    "local": ("Local", "Местный", "Жергиликтүү"),
    "other": ("Other", "Другое", "Башка"),
    "total": ("Total", "Итого", "Бардыгы"),
    # Not the word of the "Project" budget column (Проект / Долбоор): a draft is "черновик" / "каралама".
    "draft_mark": ("DRAFT", "ЧЕРНОВИК", "КАРАЛАМА"),
    "approved_on": ("Approved on", "Дата утверждения", "Бекитилген күнү"),
    "none_written": ("(not written yet)", "(не заполнено)", "(толтурула элек)"),
    "no_activities": ("No activities yet.", "Мероприятий пока нет.", "Азырынча иш-чаралар жок."),
    "prepared_by": ("Prepared by", "Подготовил(а)", "Даярдаган"),
    "agreed_by": ("Agreed by", "Согласовано", "Макулдашылган"),
    "approved_by": ("Approved by", "Утверждено", "Бекитилген"),
    "date": ("Date", "Дата", "Күнү"),
    "name_title": ("Name, position", "Ф. И. О., должность", "Аты-жөнү, кызматы"),
    "head_ao": ("Head of the aiyl okmotu", "Глава айыл окмоту", "Айыл өкмөтүнүн башчысы"),
    "chair_kenesh": ("Chair of the aiyl kenesh", "Председатель айыльного кенеша", "Айылдык кеңештин төрагасы"),
    "cpc": ("Community prevention centre", "Общественный центр профилактики", "Коомдук алдын алуу борбору"),
    # summary
    "donor_summary": ("Programme summary for donors", "Сводка по программе для доноров",
                      "Донорлор үчүн программа боюнча жыйынтык"),
    "all_communities": ("All communities", "Все сообщества", "Бардык жамааттар"),
    "all_time": ("All dates", "За всё время", "Бардык мезгил"),
    "participants": ("Participants", "Участники", "Катышуучулар"),
    "trainings": ("Trainings", "Тренинги", "Тренингдер"),
    "sessions": ("Sessions", "Занятия", "Сабактар"),
    "completed_n": ("Completed", "Завершили", "Аяктагандар"),
    "by_sex": ("Participants by sex", "Участники по полу", "Катышуучулар жынысы боюнча"),
    "by_age": ("Participants by age", "Участники по возрасту", "Катышуучулар жашы боюнча"),
    "by_sector": ("Participants by sector", "Участники по секторам", "Катышуучулар секторлор боюнча"),
    "by_phase": ("Trainings by phase", "Тренинги по этапам", "Тренингдер этап боюнча"),
    "by_community": ("By community", "По сообществам", "Жамааттар боюнча"),
    "share": ("Share", "Доля", "Үлүшү"),
    "women": ("Women", "Женщины", "Аялдар"),
    "men": ("Men", "Мужчины", "Эркектер"),
    "unknown": ("Not recorded", "Не указано", "Көрсөтүлгөн эмес"),
    "hours_total": ("Hours attended", "Часы участия", "Катышуу сааттары"),
    "summary_note": ("A participant is a person present at one or more sessions in the period. "
                     "Someone trained in two phases counts once in the totals and once in each phase.",
                     "Участник — человек, присутствовавший хотя бы на одном занятии за период. "
                     "Прошедший два этапа учитывается в итогах один раз и по одному разу в каждом этапе.",
                     "Катышуучу — мезгил ичинде жок дегенде бир сабакка катышкан адам. "
                     "Эки этаптан өткөн адам жалпы санда бир жолу, ар бир этапта бир жолудан эсептелет."),
    "age_note": ("Age in the last year of the period.", "Возраст в последний год периода.",
                 "Мезгилдин акыркы жылындагы жашы."),
    "generated": ("Prepared with STRIVE Desktop on {date}", "Подготовлено в STRIVE Desktop {date}",
                  "STRIVE Desktop менен {date} даярдалды"),
}

# The same words as the interface (resources/translations, context "strive"): a status or a
# sector reads the same on paper as on screen (tests/pdf/test_text.py compares them).
LABELS: dict[str, tuple[str, str, str]] = {
    # sex
    "f": ("Female", "Женский", "Аял"),
    "m": ("Male", "Мужской", "Эркек"),
    # sector
    "youth": ("Youth", "Молодёжь", "Жаштар"),
    "women": ("Women", "Женщины", "Аялдар"),
    "religious_leader": ("Religious leader", "Религиозный лидер", "Диний лидер"),
    "law_enforcement": ("Law enforcement", "Правоохранительные органы", "Укук коргоо органдары"),
    "local_self_government": ("Local self-government", "Местное самоуправление",
                              "Жергиликтүү өз алдынча башкаруу"),
    "aksakal_court": ("Aksakal court", "Суд аксакалов", "Аксакалдар соту"),
    "social_worker": ("Social worker", "Социальный работник", "Социалдык кызматкер"),
    "lawyer": ("Lawyer", "Юрист", "Юрист"),
    "other": ("Other", "Другое", "Башка"),
    # phase
    "basics_ve": ("Basics of violent extremism", "Основы насильственного экстремизма",
                  "Зордук-зомбулук экстремизминин негиздери"),
    "conflict_analysis": ("Conflict analysis", "Анализ конфликтов", "Жаңжалдарды талдоо"),
    "lsg_roles": ("Roles and powers of LSG", "Роль и полномочия ОМСУ",
                  "ЖӨБ органдарынын ролу жана ыйгарым укуктары"),
    "local_plan": ("Local plan development", "Разработка местного плана", "Жергиликтүү планды иштеп чыгуу"),
    # plan status
    "draft": ("Draft", "Черновик", "Долбоор"),
    "submitted": ("Submitted", "Отправлен", "Жөнөтүлгөн"),
    "approved": ("Approved", "Утверждён", "Бекитилген"),
    # activity status
    "planned": ("Planned", "Запланировано", "Пландалган"),
    "in_progress": ("In progress", "Выполняется", "Аткарылууда"),
    "done": ("Done", "Выполнено", "Аткарылды"),
    "cancelled": ("Cancelled", "Отменено", "Жокко чыгарылды"),
    # age bands
    "<18": ("Under 18", "До 18 лет", "18 жашка чейин"),
    "18-24": ("18–24", "18–24", "18–24"),
    "25-34": ("25–34", "25–34", "25–34"),
    "35-59": ("35–59", "35–59", "35–59"),
    "60+": ("60 and over", "60 и старше", "60 жана андан улуу"),
    "unknown": ("Not recorded", "Не указано", "Көрсөтүлгөн эмес"),
}

SHORT_SEX = {"f": ("F", "Ж", "А"), "m": ("M", "М", "Э")}


def _index(lang: str) -> int:
    return LANGS.index(lang) if lang in LANGS else 0


def t(lang: str, key: str, **args: object) -> str:
    """A fixed PDF word in *lang*, placeholders filled."""
    text = STRINGS[key][_index(lang)]
    return text.format(**args) if args else text


def label(lang: str, value: str) -> str:
    """An enum value (sex, sector, phase, status, age band) in *lang*; unknown values as they are."""
    row = LABELS.get(value)
    return row[_index(lang)] if row else value


def sex_short(lang: str, value: str) -> str:
    row = SHORT_SEX.get(value)
    return row[_index(lang)] if row else value


@functools.lru_cache(maxsize=1024)  # a batch prints the same few dates on every page
def fmt_date(d: dt.date | None) -> str:
    return d.strftime("%d.%m.%Y") if d else "—"


@functools.lru_cache(maxsize=1024)
def fmt_period(a: dt.date | None, b: dt.date | None) -> str:
    if a and b and a == b:
        return fmt_date(a)
    if a is None and b is None:
        return "—"
    return f"{fmt_date(a)} – {fmt_date(b)}"


def fmt_int(n: int | float) -> str:
    """40 000 (a no-break space between thousands, as in Russian and Kyrgyz texts)."""
    return f"{round(n):,}".replace(",", "\u00a0")


def fmt_num(x: float) -> str:
    """Whole numbers with thousands separated, otherwise one decimal: 3 904, 12.5."""
    x = round(x, 1)
    if x == int(x):
        return fmt_int(int(x))
    return f"{x:,.1f}".replace(",", "\u00a0")


def fmt_hours(h: float) -> str:
    return f"{h:g}"
