#!/usr/bin/env python3
"""Writes the depersonalization evaluation set: docs/NNN-<kind>-<lang>.txt and .labels.json.

Every document is composed from fictitious people, numbers and places; every personal datum is labelled
while the text is written (exact UTF-16 offsets: all characters used are in the BMP), together with the
spans that must stay (judges, prosecutors, lawyers, court staff, articles, amounts, courts, companies,
dates of events). Run: python3 generate.py  (fixed seed; the output is committed).
"""
import json
import os
import random
import re

from names import *  # noqa: F403

SEED = 20241125
OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "docs")

RU_MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
             "ноября", "декабря"]
KZ_MONTHS = ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан",
             "қараша", "желтоқсан"]
CITIES_RU = ["г. Алматы", "г. Астаны", "г. Шымкента", "г. Караганды", "г. Павлодара", "г. Актобе", "г. Тараза",
             "г. Усть-Каменогорска", "г. Костаная", "г. Атырау"]
CITY_ADDR_RU = ["г. Алматы", "г. Астана", "г. Шымкент", "г. Караганда", "г. Павлодар", "г. Актобе", "г. Тараз",
                "г. Усть-Каменогорск", "г. Костанай", "г. Атырау"]
CITY_KZ = ["Алматы қаласы", "Астана қаласы", "Шымкент қаласы", "Қарағанды қаласы", "Павлодар қаласы",
           "Ақтөбе қаласы", "Тараз қаласы", "Өскемен қаласы", "Қостанай қаласы", "Атырау қаласы"]
COURTS_RU = ["Алмалинский районный суд г. Алматы", "Бостандыкский районный суд г. Алматы",
             "Есильский районный суд г. Астаны", "Сарыаркинский районный суд г. Астаны",
             "Специализированный межрайонный экономический суд г. Алматы", "Казыбекбийский районный суд г. Караганды",
             "Абайский районный суд г. Шымкента", "Павлодарский городской суд Павлодарской области",
             "Специализированный межрайонный суд по делам несовершеннолетних г. Астаны",
             "Специализированный административный суд г. Актобе", "Медеуский районный суд г. Алматы",
             "Ауэзовский районный суд г. Алматы"]
COURTS_KZ = ["Алматы қаласы Алмалы аудандық соты", "Алматы қаласы Бостандық аудандық соты",
             "Астана қаласы Есіл аудандық соты", "Астана қаласы Сарыарқа аудандық соты",
             "Алматы қаласының мамандандырылған ауданаралық экономикалық соты", "Шымкент қаласы Абай аудандық соты",
             "Ақтөбе қаласының мамандандырылған әкімшілік соты", "Қарағанды қаласы Қазыбек би аудандық соты",
             "Павлодар облысы Павлодар қалалық соты", "Алматы қаласы Медеу аудандық соты"]
STREETS = ["Абая", "Достык", "Толе би", "Розыбакиева", "Жандосова", "Сатпаева", "Гагарина", "Фурманова",
           "Кабанбай батыра", "Момышулы", "Туркестан", "Сыганак", "Республики", "Желтоксан", "Байтурсынова",
           "Шевченко", "Ауэзова", "Жибек жолы", "Муканова", "Байзакова", "Тимирязева", "Радостовца"]
STREETS_KZ = ["Абай", "Достық", "Төле би", "Сәтбаев", "Жандосов", "Қабанбай батыр", "Момышұлы", "Түркістан",
              "Сығанақ", "Желтоқсан", "Байтұрсынұлы", "Әуезов", "Жібек жолы", "Мұқанов", "Бұқар жырау", "Кенесары"]
MKR = ["Самал-2", "Аксай-4", "Орбита-3", "Жетысу-2", "Мамыр-1", "Коктем-3", "Нурсат", "Кулагер", "Шугыла",
       "Калкаман-2", "Алмагуль", "Тастак-1"]
MKR_KZ = ["Самал-2", "Ақсай-4", "Орбита-3", "Жетісу-2", "Мамыр-1", "Көктем-3", "Нұрсат", "Құлагер", "Шұғыла"]
PROSP = ["Абая", "Достык", "Аль-Фараби", "Райымбека", "Сейфуллина", "Назарбаева", "Республики", "Туран", "Мангилик Ел"]
COMPANIES = ["ТОО «Алтын Дала Логистик»", "ТОО «Береке-Строй Сервис»", "АО «Сарыарка Энерго Сервис»",
             "ТОО «КазТрансКом Плюс»", "ТОО «Нұр-Құрылыс»", "АО «Банк Жетісу Финанс»", "ТОО «Микрофинансовая организация «Ақша Кредит»",
             "ТОО «Дала Агро Трейд»", "ТОО «Мега Ломбард Астана»", "АО «Страховая компания «Сенім Полис»"]
COMPANIES_KZ = ["«Алтын Дала Логистик» ЖШС", "«Береке-Құрылыс Сервис» ЖШС", "«Сарыарқа Энерго Сервис» АҚ",
                "«Нұр-Құрылыс» ЖШС", "«Дала Агро Трейд» ЖШС", "«Жетісу Финанс» АҚ"]
DOMAINS = ["mail.kz", "gmail.com", "inbox.kz", "yandex.kz", "mail.ru", "list.ru"]
TRANSLIT = dict(zip("абвгдеёжзийклмнопрстуфхцчшщъыьэюяәғқңөұүһі",
                    ["a", "b", "v", "g", "d", "e", "e", "zh", "z", "i", "y", "k", "l", "m", "n", "o", "p", "r", "s",
                     "t", "u", "f", "kh", "ts", "ch", "sh", "sch", "", "y", "", "e", "yu", "ya", "a", "g", "k", "n",
                     "o", "u", "u", "h", "i"]))


def translit(s):
    return "".join(TRANSLIT.get(c, c) for c in s.lower())


def check_digit(d11):
    a = sum(int(c) * (i + 1) for i, c in enumerate(d11)) % 11
    if a != 10:
        return a
    w = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2]
    a = sum(int(c) * w[i] for i, c in enumerate(d11)) % 11
    return None if a == 10 else a


class Doc:
    def __init__(self, rng):
        self.rng = rng
        self.parts = []
        self.length = 0
        self.entities = []
        self.keep = []

    def t(self, s):
        self.parts.append(s)
        self.length += len(s)
        return self

    def e(self, s, typ):
        self.entities.append({"type": typ, "start": self.length, "end": self.length + len(s), "text": s})
        return self.t(s)

    def k(self, s, typ):
        self.keep.append({"type": typ, "start": self.length, "end": self.length + len(s), "text": s})
        return self.t(s)

    def text(self):
        return "".join(self.parts)


class Person:
    def __init__(self, rng, kazakh, female, used, born_from=1950, born_to=2003):
        self.rng = rng
        self.female = female
        self.kazakh = kazakh
        while True:
            if kazakh:
                base = rng.choice(KZ_SURNAMES_M if rng.random() < 0.88 else OTHER_SURNAMES)
                first = rng.choice(KZ_FIRST_F if female else KZ_FIRST_M)
                patr = kz_patronymic(rng.choice(KZ_PATR_BASE), female, as_russian=rng.random() < 0.3)
            else:
                base = rng.choice(RU_SURNAMES_M if rng.random() < 0.9 else OTHER_SURNAMES[:10])
                first = rng.choice(RU_FIRST_F if female else RU_FIRST_M)
                patr = ru_patronymic(rng.choice(RU_PATR_BASE), female)
            surname = feminine_surname(base) if female else base
            if surname not in used and first not in used:
                break
        used.add(surname)
        used.add(first)
        self.surname, self.first, self.patr = surname, first, patr
        y = rng.randint(born_from, born_to)
        m = rng.randint(1, 12)
        d = rng.randint(1, 28)
        self.birth = (d, m, y)
        century = (3 if y < 2000 else 5) + (1 if female else 0)
        while True:
            d11 = f"{y % 100:02d}{m:02d}{d:02d}{century}{rng.randint(0, 9999):04d}"
            c = check_digit(d11)
            if c is not None:
                self.iin = d11 + str(c)
                break
        self.phone = phone(rng)
        self.email = f"{translit(first)[:1]}{translit(surname)}{rng.randint(1, 99)}@{rng.choice(DOMAINS)}"

    @property
    def full(self):
        return f"{self.surname} {self.first} {self.patr}"

    @property
    def initials(self):
        return f"{self.first[0]}.{self.patr[0]}."

    def ru(self, case, form="full"):
        s = ru_decline_word(self.surname, case, self.female, "surname")
        if form == "full":
            return f"{s} {ru_decline_word(self.first, case, self.female, 'first')} {ru_decline_word(self.patr, case, self.female, 'patr')}"
        if form == "init_after":
            return f"{s} {self.initials}"
        if form == "init_before":
            return f"{self.initials} {s}"
        if form == "surname":
            return s
        if form == "first_patr":
            return f"{ru_decline_word(self.first, case, self.female, 'first')} {ru_decline_word(self.patr, case, self.female, 'patr')}"
        raise ValueError(form)

    def kz(self, case, form="full"):
        """Kazakh: the suffix goes on the last word; initials forms use a hyphen after the initials."""
        if form == "full":
            last = self.patr
            return f"{self.surname} {self.first} {last}{kz_suffix(last, case) if case else ''}"
        if form == "init_after":
            return f"{self.surname} {self.initials}" + (f"-{kz_suffix(self.surname, case)}" if case else "")
        if form == "init_before":
            return f"{self.initials} {self.surname}{kz_suffix(self.surname, case) if case else ''}"
        if form == "surname":
            return f"{self.surname}{kz_suffix(self.surname, case) if case else ''}"
        if form == "first_patr":
            return f"{self.first} {self.patr}{kz_suffix(self.patr, case) if case else ''}"
        raise ValueError(form)


def phone(rng):
    op = rng.choice(["701", "702", "705", "707", "747", "771", "775", "777", "778", "727", "717"])
    a, b, c = rng.randint(100, 999), rng.randint(10, 99), rng.randint(10, 99)
    fmt = rng.randrange(6)
    return [f"+7 ({op}) {a}-{b}-{c}", f"8 {op} {a} {b} {c}", f"8{op}{a}{b}{c}", f"+7{op}{a}{b}{c}",
            f"8 ({op}) {a}-{b}-{c}", f"+7 {op} {a} {b} {c}"][fmt]


def iban(rng):
    body = f"{rng.randint(10, 99)}{rng.randint(100, 999)}" + "".join(rng.choice("0123456789ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(13))
    s = "KZ" + body
    if rng.random() < 0.3:
        s = " ".join(s[i:i + 4] for i in range(0, 20, 4))
    return s


def bin_number(rng, kind):
    while True:
        d11 = f"{rng.randint(0, 24):02d}{rng.randint(1, 12):02d}{kind}0{rng.randint(0, 99999):05d}"
        c = check_digit(d11)
        if c is not None:
            return d11 + str(c)


def plate(rng):
    lat = "ABCDEHKMOPTXYZ"
    cyr = "АВЕКМНОРСТХ"
    r = rng.random()
    if r < 0.55:
        letters = "".join(rng.choice(lat) for _ in range(3))
        sep = rng.choice(["", " "])
        return f"{rng.randint(100, 999)}{sep}{letters}{sep}{rng.randint(1, 18):02d}"
    if r < 0.8:
        letters = "".join(rng.choice(cyr) for _ in range(3))
        return f"{rng.randint(100, 999)} {letters} {rng.randint(1, 18):02d}"
    return f"{rng.choice('ABCDEHKMOPTXZ')}{rng.randint(100, 999)}{''.join(rng.choice(lat) for _ in range(3))}"


def id_number(rng):
    return f"0{rng.randint(10000000, 99999999)}"


def address_ru(rng):
    r = rng.random()
    h, f = rng.randint(1, 250), rng.randint(1, 180)
    lit = rng.choice(["", "", "", "А", "Б"])
    if r < 0.35:
        return f"ул. {rng.choice(STREETS)}, д. {h}{lit}, кв. {f}"
    if r < 0.5:
        return f"улица {rng.choice(STREETS)}, дом {h}, квартира {f}"
    if r < 0.65:
        return f"мкр. {rng.choice(MKR)}, д. {h}, кв. {f}"
    if r < 0.75:
        return f"микрорайон {rng.choice(MKR)}, дом {h}, кв. {f}"
    if r < 0.88:
        return f"пр. {rng.choice(PROSP)}, {h}{lit}, кв. {f}"
    if r < 0.94:
        return f"проспект {rng.choice(PROSP)}, д. {h}"
    return f"ул. {rng.choice(STREETS)}, {h}-{f}"


def address_kz(rng):
    r = rng.random()
    h, f = rng.randint(1, 250), rng.randint(1, 180)
    if r < 0.45:
        return f"{rng.choice(STREETS_KZ)} көшесі, {h}-үй, {f}-пәтер"
    if r < 0.6:
        return f"{rng.choice(STREETS_KZ)} көшесі, {h} үй, {f} пәтер"
    if r < 0.8:
        return f"{rng.choice(MKR_KZ)} шағын ауданы, {h}-үй, {f}-пәтер"
    return f"{rng.choice(['Абай', 'Достық', 'Әл-Фараби', 'Райымбек', 'Сейфуллин', 'Тұран'])} даңғылы, {h}-үй, {f}-пәтер"


def date_ru(rng, year_from=2019, year_to=2024, words=None):
    d, m, y = rng.randint(1, 28), rng.randint(1, 12), rng.randint(year_from, year_to)
    if words if words is not None else rng.random() < 0.5:
        return f"{d} {RU_MONTHS[m - 1]} {y} года"
    return f"{d:02d}.{m:02d}.{y}"


def date_kz(rng, year_from=2019, year_to=2024):
    d, m, y = rng.randint(1, 28), rng.randint(1, 12), rng.randint(year_from, year_to)
    if rng.random() < 0.6:
        return f"{y} жылғы {d} {KZ_MONTHS[m - 1]}"
    return f"{d:02d}.{m:02d}.{y} ж."


def birth_ru(doc, p, rng):
    d, m, y = p.birth
    r = rng.random()
    if r < 0.35:
        doc.e(f"{d:02d}.{m:02d}.{y}", "BirthDate").t(" года рождения")
    elif r < 0.55:
        doc.t("родившегося " if not p.female else "родившейся ").e(f"{d} {RU_MONTHS[m - 1]} {y}", "BirthDate").t(" года")
    elif r < 0.75:
        doc.t("дата рождения: ").e(f"{d:02d}.{m:02d}.{y}", "BirthDate")
    else:
        doc.e(f"{y}", "BirthDate").t(" г.р.")


def birth_kz(doc, p, rng):
    d, m, y = p.birth
    r = rng.random()
    if r < 0.45:
        doc.e(f"{y} жылғы {d} {KZ_MONTHS[m - 1]}да", "BirthDate").t(" туған")
    elif r < 0.75:
        doc.t("туған күні: ").e(f"{d:02d}.{m:02d}.{y}", "BirthDate")
    else:
        doc.e(f"{d:02d}.{m:02d}.{y}", "BirthDate").t(" ж.т.")


def person_ru(doc, p, case, form):
    doc.e(p.ru(case, form), "PersonName")


def person_kz(doc, p, case, form):
    doc.e(p.kz(case, form), "PersonName")


def keep_ru(doc, p, case, form, role):
    doc.k(p.ru(case, form), role)


def keep_kz(doc, p, case, form, role):
    doc.k(p.kz(case, form), role)


ROLE_NAMES = {"Plaintiff", "Defendant", "Accused", "Victim", "Witness", "Applicant", "Representative", "ThirdParty",
              "Judge", "Prosecutor", "Lawyer", "CourtSecretary"}


class Case:
    def __init__(self, rng, kazakh_doc):
        self.rng = rng
        self.used = set()
        self.kazakh_doc = kazakh_doc
        self.participants = []

    def person(self, role, listed=True, female=None, kazakh=None):
        rng = self.rng
        if female is None:
            female = rng.random() < 0.45
        if kazakh is None:
            kazakh = rng.random() < (0.8 if self.kazakh_doc else 0.55)
        p = Person(rng, kazakh, female, self.used)
        if listed:
            self.participants.append({"name": p.full, "role": role})
        return p

    def staff(self, role, list_probability):
        p = self.person(role, listed=self.rng.random() < list_probability)
        return p


def header_ru(doc, rng, title, court, judge, secretary, case_no):
    doc.t(f"{title}\nИменем Республики Казахстан\n\n").k(date_ru(rng, 2022, 2024, words=True), "EventDate").t("\t\t\t\t").k(
        rng.choice(CITY_ADDR_RU), "Court").t("\n\n")
    doc.k(court, "Court").t(" в составе председательствующего судьи ")
    keep_ru(doc, judge, "gen", rng.choice(["init_after", "init_after", "full"]), "Judge")
    doc.t(", при секретаре судебного заседания ")
    keep_ru(doc, secretary, "prep", "init_after", "CourtSecretary")
    doc.t(f", рассмотрев в открытом судебном заседании дело № ").k(case_no, "CaseNumber")


def header_kz(doc, rng, title, court, judge, secretary, case_no):
    doc.t(f"{title}\nҚазақстан Республикасының атынан\n\n").k(date_kz(rng, 2022, 2024), "EventDate").t("\t\t\t\t").k(
        rng.choice(CITY_KZ), "Court").t("\n\n")
    doc.k(court, "Court").t(", төрағалық етуші судья ")
    keep_kz(doc, judge, None, rng.choice(["init_after", "init_before"]), "Judge")
    doc.t(", сот отырысының хатшысы ")
    keep_kz(doc, secretary, None, "init_after", "CourtSecretary")
    doc.t(f" ашық сот отырысында № ").k(case_no, "CaseNumber").t(" істі ")


def signature_ru(doc, rng, judge):
    doc.t("\n\nСудья\t\t\t\t\t")
    keep_ru(doc, judge, "nom", rng.choice(["init_before", "init_after"]), "Judge")
    doc.t("\n")


def signature_kz(doc, rng, judge):
    doc.t("\n\nСудья\t\t\t\t\t")
    keep_kz(doc, judge, None, rng.choice(["init_before", "init_after"]), "Judge")
    doc.t("\n")


def amount_ru(rng):
    v = rng.choice([150000, 250000, 480000, 1200000, 1500000, 2750000, 3600000, 920000, 64500, 5000000])
    return f"{v:,}".replace(",", " ") + " тенге"


def contacts_ru(doc, rng, p, with_birth=True):
    """(ИИН …, 12.03.1980 года рождения, проживающего по адресу: г. …, ул. …, тел. …)"""
    doc.t("(ИИН ").e(p.iin, "Iin")
    if with_birth:
        doc.t(", ")
        birth_ru(doc, p, rng)
    doc.t(", проживающ" + ("ей" if p.female else "его") + " по адресу: " + rng.choice(CITY_ADDR_RU) + ", ")
    doc.e(address_ru(rng), "Address")
    if rng.random() < 0.8:
        doc.t(", тел. ").e(p.phone, "Phone")
    if rng.random() < 0.5:
        doc.t(", e-mail: ").e(p.email, "Email")
    doc.t(")")


def contacts_kz(doc, rng, p, with_birth=True):
    doc.t("(ЖСН ").e(p.iin, "Iin")
    if with_birth:
        doc.t(", ")
        birth_kz(doc, p, rng)
    doc.t(", мекенжайы: " + rng.choice(CITY_KZ) + ", ")
    doc.e(address_kz(rng), "Address")
    if rng.random() < 0.8:
        doc.t(", ұялы телефоны ").e(p.phone, "Phone")
    if rng.random() < 0.5:
        doc.t(", электрондық поштасы: ").e(p.email, "Email")
    doc.t(")")


# ------------------------------------------------------------------ civil


def civil_ru(rng, n):
    case = Case(rng, False)
    judge = case.staff("Judge", 0.7)
    secretary = case.staff("CourtSecretary", 0.5)
    plaintiff = case.person("Plaintiff")
    defendant = case.person("Defendant")
    lawyer = case.staff("Lawyer", 0.6)
    witness = case.person("Witness", listed=rng.random() < 0.5)
    company = rng.choice(COMPANIES)
    amount = amount_ru(rng)
    doc = Doc(rng)
    header_ru(doc, rng, "РЕШЕНИЕ", rng.choice(COURTS_RU), judge, secretary, f"2-{rng.randint(1000, 9999)}/{rng.randint(2022, 2024)}")
    doc.t(" по иску ")
    person_ru(doc, plaintiff, "gen", "full")
    doc.t(" ")
    contacts_ru(doc, rng, plaintiff)
    doc.t(" к ")
    person_ru(doc, defendant, "dat", "full")
    doc.t(" ")
    contacts_ru(doc, rng, defendant, with_birth=rng.random() < 0.6)
    doc.t(" о взыскании суммы долга по договору займа,\nс участием представителя истца – адвоката ")
    keep_ru(doc, lawyer, "gen", "init_after", "Lawyer")
    doc.t(",\n\nУСТАНОВИЛ:\n\n")
    person_ru(doc, plaintiff, "nom", rng.choice(["full", "surname"]))
    doc.t(" обратил" + ("ась" if plaintiff.female else "ся") + " в суд с иском к ")
    person_ru(doc, defendant, "dat", "init_after")
    doc.t(", указав, что ").k(date_ru(rng), "EventDate").t(" передал" + ("а" if plaintiff.female else "") + " ответчику в долг ")
    doc.k(amount, "Amount").t(" на срок до ").k(date_ru(rng), "EventDate").t(
        ", что подтверждается распиской. Денежные средства были перечислены на счёт ответчика ")
    doc.e(iban(rng), "BankAccount").t(" в ").k(rng.choice(["АО «Банк Жетісу Финанс»", "АО «Народный банк Казахстана»", "АО «Kaspi Bank»"]), "Company")
    doc.t(". В установленный срок долг не возвращён, в связи с чем истец просит взыскать с ответчика сумму долга, проценты за пользование чужими деньгами по ")
    doc.k(rng.choice(["ст. 353 ГК РК", "статье 353 Гражданского кодекса Республики Казахстан", "ст. 722 ГК РК"]), "Article")
    doc.t(" и государственную пошлину в размере ").k(f"{rng.randint(3, 60)} 000 тенге", "Amount").t(".\n\n")
    doc.t("В судебном заседании представитель истца ")
    keep_ru(doc, lawyer, "nom", "init_after", "Lawyer")
    doc.t(" исковые требования поддержал" + ("а" if lawyer.female else "") + " в полном объёме.\n\n")
    doc.t("Ответчик ")
    person_ru(doc, defendant, "nom", rng.choice(["init_after", "surname", "init_before"]))
    doc.t(" иск не признал" + ("а" if defendant.female else "") + ", пояснив, что часть долга в сумме ")
    doc.k(amount_ru(rng), "Amount").t(" возвратил" + ("а" if defendant.female else "") + " ")
    person_ru(doc, plaintiff, "dat", rng.choice(["init_before", "surname", "first_patr"]))
    doc.t(" переводом с карты ").e(f"{rng.randint(4000, 5599)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}", "BankAccount")
    doc.t(".\n\nДопрошенн" + ("ая" if witness.female else "ый") + " в качестве свидетеля ")
    person_ru(doc, witness, "nom", "full")
    doc.t(", ")
    birth_ru(doc, witness, rng)
    doc.t(", показал" + ("а" if witness.female else "") + ", что присутствовал" + ("а" if witness.female else "") + " при передаче денег. Свидетел" + ("ь" if True else "") + " ")
    person_ru(doc, witness, "nom", "surname")
    doc.t(" также пояснил" + ("а" if witness.female else "") + ", что ответчик работал в ").k(company, "Company").t(" (БИН ").k(bin_number(rng, 4), "Bin")
    doc.t(").\n\nВыслушав стороны, исследовав материалы дела, суд приходит к следующему. Согласно ")
    doc.k("пункту 1 статьи 715 ГК РК", "Article").t(" по договору займа заимодатель передаёт в собственность заёмщику деньги. Доводы ")
    person_ru(doc, defendant, "gen", "init_after")
    doc.t(" о частичном возврате долга подтверждены выпиской.\n\nРуководствуясь ")
    doc.k("статьями 223–226 ГПК РК", "Article").t(", суд\n\nРЕШИЛ:\n\nИск ")
    person_ru(doc, plaintiff, "gen", "init_after")
    doc.t(" удовлетворить частично. Взыскать с ")
    person_ru(doc, defendant, "gen", "full")
    doc.t(" в пользу ")
    person_ru(doc, plaintiff, "gen", "full")
    doc.t(" сумму долга ").k(amount, "Amount").t(".\n\nРешение может быть обжаловано в течение одного месяца.")
    signature_ru(doc, rng, judge)
    return doc, case


def civil_kz(rng, n):
    case = Case(rng, True)
    judge = case.staff("Judge", 0.7)
    secretary = case.staff("CourtSecretary", 0.5)
    plaintiff = case.person("Plaintiff")
    defendant = case.person("Defendant")
    lawyer = case.staff("Lawyer", 0.6)
    witness = case.person("Witness", listed=rng.random() < 0.5)
    amount = amount_ru(rng).replace("тенге", "теңге")
    doc = Doc(rng)
    header_kz(doc, rng, "ШЕШІМ", rng.choice(COURTS_KZ), judge, secretary, f"2-{rng.randint(1000, 9999)}/{rng.randint(2022, 2024)}")
    doc.t("қарап, талапкер ")
    person_kz(doc, plaintiff, "gen", "full")
    doc.t(" ")
    contacts_kz(doc, rng, plaintiff)
    doc.t(" жауапкер ")
    person_kz(doc, defendant, "dat", "full")
    doc.t(" ")
    contacts_kz(doc, rng, defendant, with_birth=rng.random() < 0.6)
    doc.t(" қарыз сомасын өндіріп алу туралы талап арызы бойынша, талапкердің өкілі адвокат ")
    keep_kz(doc, lawyer, None, "init_after", "Lawyer")
    doc.t(" қатысуымен,\n\nАНЫҚТАДЫ:\n\nТалапкер ")
    person_kz(doc, plaintiff, None, rng.choice(["surname", "init_after", "init_before"]))
    doc.t(" ").k(date_kz(rng), "EventDate").t(" жауапкерге ").k(amount, "Amount").t(" қарызға берген. Ақша жауапкердің ")
    doc.e(iban(rng), "BankAccount").t(" шотына аударылған. Жауапкер ")
    person_kz(doc, defendant, None, rng.choice(["surname", "init_before", "first_patr"]))
    doc.t(" қарызды белгіленген мерзімде қайтармаған.\n\nСот отырысында талапкердің өкілі ")
    keep_kz(doc, lawyer, None, "init_before", "Lawyer")
    doc.t(" талапты толық қолдады. Жауапкер ")
    person_kz(doc, defendant, None, "init_after")
    doc.t(" талапты мойындамай, қарыздың бір бөлігін ")
    person_kz(doc, plaintiff, "dat", rng.choice(["surname", "init_before", "first_patr"]))
    doc.t(" ").e(phone(rng), "Phone").t(" телефон нөмірі арқылы аударғанын көрсетті.\n\nКуәгер ")
    person_kz(doc, witness, None, "full")
    doc.t(", ")
    birth_kz(doc, witness, rng)
    doc.t(", ақшаның берілгенін растады. Куәгер ")
    person_kz(doc, witness, "gen", "surname")
    doc.t(" айтуынша, жауапкер ").k(rng.choice(COMPANIES_KZ), "Company").t(" (БСН ").k(bin_number(rng, 4), "Bin").t(") жұмыс істеген.\n\n")
    doc.t("Сот ").k("Қазақстан Республикасы Азаматтық кодексінің 715-бабына", "Article").t(" сәйкес талапты негізді деп санайды. ")
    doc.k("ҚР АПК 223-226-баптарын", "Article").t(" басшылыққа ала отырып, сот\n\nШЕШТІ:\n\nТалап қанағаттандырылсын. Жауапкер ")
    person_kz(doc, defendant, "abl", "full")
    doc.t(" талапкер ")
    person_kz(doc, plaintiff, "gen", "full")
    doc.t(" пайдасына ").k(amount, "Amount").t(" өндірілсін.\n\nШешімге бір ай ішінде шағым жасалуы мүмкін.")
    signature_kz(doc, rng, judge)
    return doc, case


# ------------------------------------------------------------------ criminal


def criminal_ru(rng, n):
    case = Case(rng, False)
    judge = case.staff("Judge", 0.7)
    secretary = case.staff("CourtSecretary", 0.5)
    prosecutor = case.staff("Prosecutor", 0.7)
    lawyer = case.staff("Lawyer", 0.7)
    accused = case.person("Accused")
    victim = case.person("Victim")
    witness = case.person("Witness", listed=rng.random() < 0.4)
    doc = Doc(rng)
    header_ru(doc, rng, "ПРИГОВОР", rng.choice(COURTS_RU), judge, secretary, f"1-{rng.randint(100, 999)}/{rng.randint(2022, 2024)}")
    doc.t(" (ЕРДР № ").k(f"{rng.randint(21, 24)}{rng.randint(7500, 7599)}{rng.randint(100000000, 999999999)}", "Erdr")
    doc.t("), с участием государственного обвинителя – помощника прокурора района ")
    keep_ru(doc, prosecutor, "gen", "init_after", "Prosecutor")
    doc.t(", защитника – адвоката ")
    keep_ru(doc, lawyer, "gen", "init_after", "Lawyer")
    doc.t(", потерпевше" + ("й " if victim.female else "го "))
    person_ru(doc, victim, "gen", "init_after")
    doc.t(", подсудимо" + ("й " if accused.female else "го "))
    person_ru(doc, accused, "gen", "full")
    doc.t(", ")
    birth_ru(doc, accused, rng)
    doc.t(", уроженца " + rng.choice(CITIES_RU) + ", гражданина Республики Казахстан, ИИН ").e(accused.iin, "Iin")
    doc.t(", удостоверение личности № ").e(id_number(rng), "IdentityDocument").t(" выдано МВД РК ").k(date_ru(rng, 2012, 2020, words=False), "EventDate")
    doc.t(", проживающего по адресу: " + rng.choice(CITY_ADDR_RU) + ", ").e(address_ru(rng), "Address")
    doc.t(", ранее не судимого,\nобвиняемо" + ("й" if accused.female else "го") + " в совершении уголовного правонарушения, предусмотренного ")
    art = rng.choice(["ч. 2 ст. 188 УК РК", "п. 2) ч. 2 ст. 190 УК РК", "ч. 1 ст. 345 УК РК", "ч. 3 ст. 188 УК РК"])
    doc.k(art, "Article").t(",\n\nУСТАНОВИЛ:\n\n")
    doc.k(date_ru(rng), "EventDate").t(" около ").k(f"{rng.randint(8, 23)} часов", "EventDate").t(" подсудим" + ("ая " if accused.female else "ый "))
    person_ru(doc, accused, "nom", "init_after")
    doc.t(", находясь возле дома по адресу: ").e(address_ru(rng), "Address")
    if "345" in art:
        doc.t(", управляя автомашиной марки «Тойота Камри» с государственным регистрационным номером ").e(plate(rng), "VehiclePlate")
        doc.t(", нарушил" + ("а" if accused.female else "") + " правила дорожного движения и совершил" + ("а" if accused.female else "") + " наезд на пешехода ")
        person_ru(doc, victim, "acc", "full")
        doc.t(", причинив ему вред здоровью средней тяжести.")
    else:
        doc.t(", тайно похитил" + ("а" if accused.female else "") + " имущество, принадлежащее ")
        person_ru(doc, victim, "dat", "full")
        doc.t(", а именно сотовый телефон стоимостью ").k(amount_ru(rng), "Amount").t(", причинив потерпевше" + ("й" if victim.female else "му") + " значительный ущерб.")
    doc.t("\n\nВ судебном заседании подсудим" + ("ая " if accused.female else "ый "))
    person_ru(doc, accused, "nom", rng.choice(["surname", "init_before"]))
    doc.t(" вину признал" + ("а" if accused.female else "") + " полностью.\n\nПотерпевш" + ("ая " if victim.female else "ий "))
    person_ru(doc, victim, "nom", rng.choice(["full", "init_after"]))
    doc.t(", ")
    birth_ru(doc, victim, rng)
    doc.t(", проживающ" + ("ая" if victim.female else "ий") + " по адресу: " + rng.choice(CITY_ADDR_RU) + ", ").e(address_ru(rng), "Address")
    doc.t(", тел. ").e(victim.phone, "Phone").t(", пояснил" + ("а" if victim.female else "") + ", что ущерб ей возмещён не был.\n\nСвидетель ")
    person_ru(doc, witness, "nom", rng.choice(["full", "init_after"]))
    doc.t(" показал" + ("а" if witness.female else "") + ", что видел" + ("а" if witness.female else "") + ", как ")
    person_ru(doc, accused, "nom", "surname")
    doc.t(" садился в автомашину ").e(plate(rng), "VehiclePlate").t(". Показания свидетеля ")
    person_ru(doc, witness, "gen", "surname")
    doc.t(" согласуются с протоколом осмотра.\n\nГосударственный обвинитель ")
    keep_ru(doc, prosecutor, "nom", "init_after", "Prosecutor")
    doc.t(" просил" + ("а" if prosecutor.female else "") + " назначить наказание в виде ").k(f"{rng.randint(1, 5)} лет", "Amount").t(" ограничения свободы. Адвокат ")
    keep_ru(doc, lawyer, "nom", "init_before", "Lawyer")
    doc.t(" просил" + ("а" if lawyer.female else "") + " о снисхождении.\n\nНа основании изложенного, руководствуясь ")
    doc.k("ст.ст. 393-395 УПК РК", "Article").t(", суд\n\nПРИГОВОРИЛ:\n\n")
    person_ru(doc, accused, "acc", "full")
    doc.t(" признать виновн" + ("ой" if accused.female else "ым") + " в совершении уголовного правонарушения, предусмотренного ").k(art, "Article")
    doc.t(", и назначить наказание в виде штрафа в размере ").k(f"{rng.randint(100, 1000)} МРП", "Amount").t(".\nВзыскать с ")
    person_ru(doc, accused, "gen", "init_after")
    doc.t(" в пользу ")
    person_ru(doc, victim, "gen", "init_after")
    doc.t(" ").k(amount_ru(rng), "Amount").t(".")
    signature_ru(doc, rng, judge)
    return doc, case


def criminal_kz(rng, n):
    case = Case(rng, True)
    judge = case.staff("Judge", 0.7)
    secretary = case.staff("CourtSecretary", 0.5)
    prosecutor = case.staff("Prosecutor", 0.7)
    lawyer = case.staff("Lawyer", 0.7)
    accused = case.person("Accused")
    victim = case.person("Victim")
    witness = case.person("Witness", listed=rng.random() < 0.4)
    doc = Doc(rng)
    header_kz(doc, rng, "ҮКІМ", rng.choice(COURTS_KZ), judge, secretary, f"1-{rng.randint(100, 999)}/{rng.randint(2022, 2024)}")
    doc.t("(СДТБТ № ").k(f"{rng.randint(21, 24)}{rng.randint(7500, 7599)}{rng.randint(100000000, 999999999)}", "Erdr")
    doc.t(") қарап, мемлекеттік айыптаушы прокурор ")
    keep_kz(doc, prosecutor, None, "init_after", "Prosecutor")
    doc.t(", қорғаушы адвокат ")
    keep_kz(doc, lawyer, None, "init_after", "Lawyer")
    doc.t(", жәбірленуші ")
    person_kz(doc, victim, None, "init_after")
    doc.t(" қатысуымен, сотталушы ")
    person_kz(doc, accused, None, "full")
    doc.t(", ")
    birth_kz(doc, accused, rng)
    doc.t(", ЖСН ").e(accused.iin, "Iin").t(", жеке куәлігі № ").e(id_number(rng), "IdentityDocument")
    doc.t(", мекенжайы: " + rng.choice(CITY_KZ) + ", ").e(address_kz(rng), "Address")
    art = rng.choice(["ҚР ҚК 188-бабының 2-бөлігі", "ҚР ҚК 190-бабының 2-бөлігі", "ҚР ҚК 345-бабының 1-бөлігі"])
    doc.t(", бұрын сотталмаған, ").k(art, "Article").t("мен көзделген қылмыстық құқық бұзушылық жасады деп айыпталған,\n\nАНЫҚТАДЫ:\n\n")
    doc.t("Сотталушы ")
    person_kz(doc, accused, None, rng.choice(["init_after", "init_before"]))
    doc.t(" ").k(date_kz(rng), "EventDate").t("да ").e(address_kz(rng), "Address").t(" мекенжайында ")
    if "345" in art:
        doc.t("мемлекеттік нөмірі ").e(plate(rng), "VehiclePlate").t(" көлігін басқарып, жол жүру ережесін бұзып, жаяу жүргінші ")
        person_kz(doc, victim, "acc", "full")
        doc.t(" қағып кетті.")
    else:
        doc.t("жәбірленуші ")
        person_kz(doc, victim, "gen", "full")
        doc.t(" ").k(amount_ru(rng).replace("тенге", "теңге"), "Amount").t(" тұратын ұялы телефонын жасырын ұрлады.")
    doc.t("\n\nСот отырысында сотталушы ")
    person_kz(doc, accused, None, "surname")
    doc.t(" кінәсін толық мойындады. Жәбірленуші ")
    person_kz(doc, victim, None, rng.choice(["full", "init_before"]))
    doc.t(", ")
    birth_kz(doc, victim, rng)
    doc.t(", телефоны ").e(victim.phone, "Phone").t(", залал өтелмегенін көрсетті.\n\nКуәгер ")
    person_kz(doc, witness, None, rng.choice(["full", "init_after"]))
    doc.t(" ")
    person_kz(doc, accused, "acc", "surname")
    doc.t(" оқиға орнында көргенін айтты. Куәгер ")
    person_kz(doc, witness, "gen", "surname")
    doc.t(" жауабы іс материалдарымен расталады.\n\nМемлекеттік айыптаушы ")
    keep_kz(doc, prosecutor, None, "init_before", "Prosecutor")
    doc.t(" жаза тағайындауды сұрады. Қорғаушы ")
    keep_kz(doc, lawyer, None, "init_before", "Lawyer")
    doc.t(" жеңілдетуді сұрады.\n\n").k("ҚР ҚПК 393-395-баптарын", "Article").t(" басшылыққа алып, сот\n\nҮКІМ ЕТТІ:\n\n")
    person_kz(doc, accused, None, "full")
    doc.t(" ").k(art, "Article").t("мен кінәлі деп танылып, ").k(f"{rng.randint(100, 1000)} АЕК", "Amount").t(" мөлшерінде айыппұл тағайындалсын. ")
    person_kz(doc, accused, "abl", "surname")
    doc.t(" жәбірленуші ")
    person_kz(doc, victim, "gen", "init_before")
    doc.t(" пайдасына ").k(amount_ru(rng).replace("тенге", "теңге"), "Amount").t(" өндірілсін.")
    signature_kz(doc, rng, judge)
    return doc, case


# ------------------------------------------------------------------ administrative


def admin_ru(rng, n):
    case = Case(rng, False)
    judge = case.staff("Judge", 0.7)
    secretary = case.staff("CourtSecretary", 0.4)
    offender = case.person("Defendant")
    ip_owner = rng.random() < 0.5
    doc = Doc(rng)
    header_ru(doc, rng, "ПОСТАНОВЛЕНИЕ по делу об административном правонарушении", rng.choice(COURTS_RU), judge, secretary,
              f"5-{rng.randint(1000, 9999)}/{rng.randint(2022, 2024)}")
    doc.t(" в отношении ")
    if ip_owner:
        doc.t("индивидуального предпринимателя ")
        person_ru(doc, offender, "gen", "full")
        doc.t(" (ИП «").e(offender.surname, "PersonName").t("», БИН ").e(bin_number(rng, 6), "Bin").t(", ИИН ").e(offender.iin, "Iin")
        doc.t(", ")
        birth_ru(doc, offender, rng)
        doc.t(", адрес: " + rng.choice(CITY_ADDR_RU) + ", ").e(address_ru(rng), "Address").t(")")
    else:
        person_ru(doc, offender, "gen", "full")
        doc.t(" ")
        contacts_ru(doc, rng, offender)
    art = rng.choice(["ч. 1 ст. 608 КоАП РК", "ч. 2 ст. 610 КоАП РК", "ст. 434 КоАП РК", "ч. 1 ст. 462 КоАП РК"])
    doc.t(", водительское удостоверение № ").e(f"{rng.choice('ABCDEKM')}{rng.choice('ABCDEKM')}{rng.randint(100000, 999999)}", "IdentityDocument")
    doc.t(",\nпривлекаемо" + ("й" if offender.female else "го") + " к административной ответственности по ").k(art, "Article").t(",\n\nУСТАНОВИЛ:\n\n")
    doc.k(date_ru(rng), "EventDate").t(" в ").k(f"{rng.randint(0, 23):02d}:{rng.randint(0, 59):02d}", "EventDate").t(" водитель ")
    person_ru(doc, offender, "nom", "init_after")
    doc.t(", управляя автомобилем «Хендай Акцент» с государственным номером ").e(plate(rng), "VehiclePlate")
    doc.t(" на ").e(f"ул. {rng.choice(STREETS)}", "Address").t(" в районе дома № ").e(f"{rng.randint(1, 200)}", "Address")
    doc.t(", совершил" + ("а" if offender.female else "") + " правонарушение, что подтверждается протоколом № ").k(f"{rng.randint(100000, 999999)}", "CaseNumber")
    doc.t(" от ").k(date_ru(rng, words=False), "EventDate").t(", составленным инспектором ").k(rng.choice(["УАП ДП г. Алматы", "УАП ДП г. Астаны", "ДП Карагандинской области"]), "Court")
    doc.t(".\n\nВ судебном заседании ")
    person_ru(doc, offender, "nom", rng.choice(["surname", "init_before", "first_patr"]))
    doc.t(" вину признал" + ("а" if offender.female else "") + ", пояснил" + ("а" if offender.female else "") + ", что с ним можно связаться по телефону ").e(offender.phone, "Phone")
    doc.t(" или по электронной почте ").e(offender.email, "Email").t(".\n\nСуд, выслушав ")
    person_ru(doc, offender, "acc", "init_after")
    doc.t(", исследовав материалы дела, руководствуясь ").k("ст. 829-1 КоАП РК", "Article").t(",\n\nПОСТАНОВИЛ:\n\n")
    person_ru(doc, offender, "acc", "full")
    doc.t(" признать виновн" + ("ой" if offender.female else "ым") + " по ").k(art, "Article").t(" и подвергнуть административному взысканию в виде штрафа в размере ")
    doc.k(f"{rng.randint(5, 100)} МРП", "Amount").t(", что составляет ").k(amount_ru(rng), "Amount").t(".\nШтраф перечислить на счёт ").k("KZ24070105KSN0000000", "BudgetAccount")
    doc.t(" (бюджетный счёт Комитета казначейства).")
    signature_ru(doc, rng, judge)
    return doc, case


def admin_kz(rng, n):
    case = Case(rng, True)
    judge = case.staff("Judge", 0.7)
    secretary = case.staff("CourtSecretary", 0.4)
    offender = case.person("Defendant")
    doc = Doc(rng)
    header_kz(doc, rng, "ҚАУЛЫ", rng.choice(COURTS_KZ), judge, secretary, f"5-{rng.randint(1000, 9999)}/{rng.randint(2022, 2024)}")
    doc.t("қарап, ")
    person_kz(doc, offender, None, "full")
    doc.t(" ")
    contacts_kz(doc, rng, offender)
    art = rng.choice(["ҚР ӘҚБтК 608-бабының 1-бөлігі", "ҚР ӘҚБтК 610-бабының 2-бөлігі", "ҚР ӘҚБтК 434-бабы"])
    doc.t(" жүргізуші куәлігі № ").e(f"{rng.choice('ABCDEKM')}{rng.choice('ABCDEKM')}{rng.randint(100000, 999999)}", "IdentityDocument")
    doc.t(", ").k(art, "Article").t(" бойынша әкімшілік жауапкершілікке тартылған,\n\nАНЫҚТАДЫ:\n\n")
    doc.k(date_kz(rng), "EventDate").t(" күні жүргізуші ")
    person_kz(doc, offender, None, "init_after")
    doc.t(" мемлекеттік нөмірі ").e(plate(rng), "VehiclePlate").t(" «Тойота Королла» көлігін басқарып, құқық бұзушылық жасады.\n\n")
    doc.t("Сот отырысында ")
    person_kz(doc, offender, None, rng.choice(["surname", "init_before"]))
    doc.t(" кінәсін мойындады. ")
    person_kz(doc, offender, "gen", "surname")
    doc.t(" байланыс телефоны: ").e(offender.phone, "Phone").t(".\n\n").k("ҚР ӘҚБтК 829-1-бабын", "Article").t(" басшылыққа алып, сот\n\nҚАУЛЫ ЕТТІ:\n\n")
    person_kz(doc, offender, None, "full")
    doc.t(" ").k(art, "Article").t(" бойынша кінәлі деп танылып, ").k(f"{rng.randint(5, 100)} АЕК", "Amount").t(" мөлшерінде айыппұл салынсын.")
    signature_kz(doc, rng, judge)
    return doc, case


# ------------------------------------------------------------------ family


def family_ru(rng, n):
    case = Case(rng, False)
    judge = case.staff("Judge", 0.7)
    secretary = case.staff("CourtSecretary", 0.5)
    wife = case.person("Plaintiff", female=True)
    husband = case.person("Defendant", female=False)
    lawyer = case.staff("Lawyer", 0.5)
    doc = Doc(rng)
    header_ru(doc, rng, "РЕШЕНИЕ", rng.choice(COURTS_RU), judge, secretary, f"2-{rng.randint(1000, 9999)}/{rng.randint(2022, 2024)}")
    doc.t(" по иску ")
    person_ru(doc, wife, "gen", "full")
    doc.t(" ")
    contacts_ru(doc, rng, wife)
    doc.t(" к ")
    person_ru(doc, husband, "dat", "full")
    doc.t(" ")
    contacts_ru(doc, rng, husband)
    doc.t(" о расторжении брака и разделе совместно нажитого имущества,\n\nУСТАНОВИЛ:\n\nИстица ")
    person_ru(doc, wife, "nom", rng.choice(["init_after", "surname"]))
    doc.t(" и ответчик ")
    person_ru(doc, husband, "nom", "init_after")
    doc.t(" состоят в браке с ").k(date_ru(rng, 2005, 2015), "EventDate").t(", брак зарегистрирован ").k("отделом ЗАГС", "Court")
    doc.t(". Совместная жизнь не сложилась, супруги проживают раздельно с ").k(date_ru(rng, 2019, 2022), "EventDate").t(".\n\n")
    doc.t("В период брака приобретена квартира по адресу: " + rng.choice(CITY_ADDR_RU) + ", ").e(address_ru(rng), "Address")
    doc.t(", и автомобиль «Киа Рио» с государственным номером ").e(plate(rng), "VehiclePlate").t(", зарегистрированный на имя ")
    person_ru(doc, husband, "gen", rng.choice(["init_after", "surname", "init_before"]))
    doc.t(". Рыночная стоимость автомобиля составляет ").k(amount_ru(rng), "Amount").t(".\n\nПредставитель истицы адвокат ")
    keep_ru(doc, lawyer, "nom", "init_after", "Lawyer")
    doc.t(" иск поддержал" + ("а" if lawyer.female else "") + ". Ответчик ")
    person_ru(doc, husband, "nom", "surname")
    doc.t(" иск признал частично, возражал против раздела автомобиля.\n\nСудом установлено, что ")
    person_ru(doc, wife, "nom", "first_patr")
    doc.t(" внесла личные средства в размере ").k(amount_ru(rng), "Amount").t(", полученные от продажи квартиры её матери ")
    mother = case.person("Other", listed=False, female=True)
    person_ru(doc, mother, "gen", "full")
    doc.t(".\n\nРуководствуясь ").k("ст. 20 Кодекса РК «О браке (супружестве) и семье»", "Article").t(" и ").k("ст.ст. 223-226 ГПК РК", "Article")
    doc.t(", суд\n\nРЕШИЛ:\n\nБрак между ")
    person_ru(doc, wife, "ins", "full")
    doc.t(" и ")
    person_ru(doc, husband, "ins", "full")
    doc.t(" расторгнуть. Признать за ")
    person_ru(doc, wife, "ins", "init_after")
    doc.t(" право собственности на ").k("1/2 доли", "Amount").t(" квартиры.")
    signature_ru(doc, rng, judge)
    return doc, case


def family_kz(rng, n):
    case = Case(rng, True)
    judge = case.staff("Judge", 0.7)
    secretary = case.staff("CourtSecretary", 0.5)
    wife = case.person("Plaintiff", female=True)
    husband = case.person("Defendant", female=False)
    doc = Doc(rng)
    header_kz(doc, rng, "ШЕШІМ", rng.choice(COURTS_KZ), judge, secretary, f"2-{rng.randint(1000, 9999)}/{rng.randint(2022, 2024)}")
    doc.t("қарап, талапкер ")
    person_kz(doc, wife, "gen", "full")
    doc.t(" ")
    contacts_kz(doc, rng, wife)
    doc.t(" жауапкер ")
    person_kz(doc, husband, "dat", "full")
    doc.t(" ")
    contacts_kz(doc, rng, husband)
    doc.t(" неке бұзу туралы талап арызы бойынша\n\nАНЫҚТАДЫ:\n\nТалапкер ")
    person_kz(doc, wife, None, rng.choice(["init_after", "surname"]))
    doc.t(" мен жауапкер ")
    person_kz(doc, husband, None, "init_after")
    doc.t(" ").k(date_kz(rng, 2005, 2015), "EventDate").t(" некеге тұрған. Ерлі-зайыптылар ").k(date_kz(rng, 2019, 2022), "EventDate").t(" бастап бөлек тұрады.\n\n")
    doc.t("Некеде ").e(address_kz(rng), "Address").t(" мекенжайындағы пәтер және мемлекеттік нөмірі ").e(plate(rng), "VehiclePlate").t(" көлік сатып алынған. Көлік ")
    person_kz(doc, husband, "gen", rng.choice(["surname", "init_before"]))
    doc.t(" атына тіркелген, құны ").k(amount_ru(rng).replace("тенге", "теңге"), "Amount").t(".\n\nЖауапкер ")
    person_kz(doc, husband, None, "surname")
    doc.t(" талапты ішінара мойындады. Талапкердің банк шоты: ").e(iban(rng), "BankAccount").t(".\n\n")
    doc.k("«Неке (ерлі-зайыптылық) және отбасы туралы» Кодекстің 20-бабын", "Article").t(" басшылыққа алып, сот\n\nШЕШТІ:\n\n")
    person_kz(doc, wife, None, "full")
    doc.t(" мен ")
    person_kz(doc, husband, None, "full")
    doc.t(" арасындағы неке бұзылсын. Пәтердің ").k("1/2 үлесіне", "Amount").t(" ")
    person_kz(doc, wife, "gen", "init_before")
    doc.t(" меншік құқығы танылсын.")
    signature_kz(doc, rng, judge)
    return doc, case


KINDS = [("civil", "ru", civil_ru), ("civil", "kk", civil_kz), ("criminal", "ru", criminal_ru), ("criminal", "kk", criminal_kz),
         ("administrative", "ru", admin_ru), ("administrative", "kk", admin_kz), ("family", "ru", family_ru), ("family", "kk", family_kz)]


MARKUP = re.compile(r"\[\[(\w+)\|(.*?)\]\]|\{\{(\w+)\|(.*?)\}\}", re.S)


def handwritten(path):
    """A hand-written document: '#key: value' header lines, then text with [[Type|datum]] and {{Type|kept}}."""
    header, body = {}, []
    with open(path, encoding="utf-8") as fh:
        lines = fh.read().split("\n")
    i = 0
    while i < len(lines) and lines[i].startswith("#"):
        key, _, value = lines[i][1:].partition(":")
        header[key.strip()] = value.strip()
        i += 1
    source = "\n".join(lines[i:])
    doc = Doc(None)
    pos = 0
    for m in MARKUP.finditer(source):
        doc.t(source[pos:m.start()])
        if m.group(1):
            doc.e(m.group(2), m.group(1))
        else:
            doc.k(m.group(4), m.group(3))
        pos = m.end()
    doc.t(source[pos:])
    participants = []
    for item in filter(None, (x.strip() for x in header.get("participants", "").split(";"))):
        name, _, role = item.partition("=")
        participants.append({"name": name.strip(), "role": role.strip()})
    return doc, header, participants


def main():
    rng = random.Random(SEED)
    os.makedirs(OUT, exist_ok=True)
    for f in os.listdir(OUT):
        os.remove(os.path.join(OUT, f))
    n = 0
    for round_ in range(9):
        for kind, lang, fn in KINDS:
            n += 1
            doc, case = fn(rng, n)
            text = doc.text()
            for span in doc.entities + doc.keep:
                assert text[span["start"]:span["end"]] == span["text"], span
            name = f"{n:03d}-{kind}-{lang}"
            with open(os.path.join(OUT, name + ".txt"), "w", encoding="utf-8") as fh:
                fh.write(text)
            labels = {"id": name, "language": lang, "kind": kind, "participants": case.participants,
                      "entities": doc.entities, "keep": doc.keep}
            with open(os.path.join(OUT, name + ".labels.json"), "w", encoding="utf-8") as fh:
                json.dump(labels, fh, ensure_ascii=False, indent=1)
                fh.write("\n")
    hand = os.path.join(os.path.dirname(os.path.abspath(__file__)), "handwritten")
    for f in sorted(os.listdir(hand)):
        doc, header, participants = handwritten(os.path.join(hand, f))
        text = doc.text()
        name = os.path.splitext(f)[0]
        with open(os.path.join(OUT, name + ".txt"), "w", encoding="utf-8") as fh:
            fh.write(text)
        labels = {"id": name, "language": header.get("language", ""), "kind": header.get("kind", ""),
                  "source": "handwritten", "participants": participants, "entities": doc.entities, "keep": doc.keep}
        with open(os.path.join(OUT, name + ".labels.json"), "w", encoding="utf-8") as fh:
            json.dump(labels, fh, ensure_ascii=False, indent=1)
            fh.write("\n")
        n += 1
    print(f"{n} documents written to {OUT}")


if __name__ == "__main__":
    main()
