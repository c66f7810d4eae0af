using System.Globalization;
using System.Text;

namespace Ledger.Intake.Training;

/// <summary>A generated filing with what was planted in it (for training and for checking the extraction rules).</summary>
public sealed record GeneratedFiling(string Name, string Label, string Language, string Text, decimal? ClaimTenge, string ClaimantIdentifier, bool ClaimantIdentifierValid, string DefendantCourtId);

/// <summary>
/// Writes fictitious filings in Russian and Kazakh for every subcategory from templates: varied
/// headings, parties with IIN/BIN (some with a wrong check digit), amounts written in the ways people
/// write them, cited articles, attachments lists with omissions, shared boilerplate and sentences that
/// mention other categories, so that the classifier cannot rely on one keyword. Deterministic for a seed.
/// </summary>
public sealed class IntakeCorpusGenerator(int seed)
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private static readonly (string CourtId, string Ru, string Kk, string AddressRu, string AddressKk)[] Places =
    [
        ("almaty-bostandyk", "Бостандыкский районный суд г. Алматы", "Алматы қаласы Бостандық аудандық сотына", "г. Алматы, Бостандыкский район, ул. Тимирязева, д. {0}", "Алматы қаласы, Бостандық ауданы, Тимирязев к-сі, {0}-үй"),
        ("almaty-medeu", "Медеуский районный суд г. Алматы", "Алматы қаласы Медеу аудандық сотына", "г. Алматы, Медеуский район, пр. Достык, д. {0}", "Алматы қаласы, Медеу ауданы, Достық даңғылы, {0}-үй"),
        ("almaty-auezov", "Ауэзовский районный суд г. Алматы", "Алматы қаласы Әуезов аудандық сотына", "г. Алматы, Ауэзовский район, мкр. Аксай-2, д. {0}", "Алматы қаласы, Әуезов ауданы, Ақсай-2 ш/а, {0}-үй"),
        ("astana-esil", "Есильский районный суд г. Астаны", "Астана қаласы Есіл аудандық сотына", "г. Астана, Есильский район, ул. Сыганак, д. {0}", "Астана қаласы, Есіл ауданы, Сығанақ к-сі, {0}-үй"),
        ("astana-saryarka", "Сарыаркинский районный суд г. Астаны", "Астана қаласы Сарыарқа аудандық сотына", "г. Астана, Сарыаркинский район, ул. Бейбитшилик, д. {0}", "Астана қаласы, Сарыарқа ауданы, Бейбітшілік к-сі, {0}-үй"),
        ("shymkent-al-farabi", "Аль-Фарабийский районный суд г. Шымкента", "Шымкент қаласы Әл-Фараби аудандық сотына", "г. Шымкент, Аль-Фарабийский район, ул. Тауке хана, д. {0}", "Шымкент қаласы, Әл-Фараби ауданы, Тәуке хан к-сі, {0}-үй"),
        ("pavlodar-city", "Павлодарский городской суд", "Павлодар қалалық сотына", "г. Павлодар, ул. Торайгырова, д. {0}", "Павлодар қаласы, Торайғыров к-сі, {0}-үй"),
        ("kostanay-city", "Костанайский городской суд", "Қостанай қалалық сотына", "г. Костанай, пр. Абая, д. {0}", "Қостанай қаласы, Абай даңғылы, {0}-үй"),
        ("aktobe-city", "Актюбинский городской суд", "Ақтөбе қалалық сотына", "г. Актобе, пр. Санкибай батыра, д. {0}", "Ақтөбе қаласы, Санкибай батыр даңғылы, {0}-үй"),
        ("atyrau-city", "Атырауский городской суд", "Атырау қалалық сотына", "г. Атырау, ул. Азаттык, д. {0}", "Атырау қаласы, Азаттық к-сі, {0}-үй"),
        ("oskemen-city", "Усть-Каменогорский городской суд", "Өскемен қалалық сотына", "г. Усть-Каменогорск, ул. Казахстан, д. {0}", "Өскемен қаласы, Қазақстан к-сі, {0}-үй"),
        ("temirtau-city", "Темиртауский городской суд", "Теміртау қалалық сотына", "г. Темиртау, пр. Республики, д. {0}", "Теміртау қаласы, Республика даңғылы, {0}-үй"),
    ];

    private static readonly string[] MaleFirst = ["Арман", "Ерлан", "Нурлан", "Серик", "Бауыржан", "Данияр", "Асхат", "Тимур", "Марат", "Алексей", "Сергей", "Дмитрий", "Азамат", "Руслан"];
    private static readonly string[] FemaleFirst = ["Айгерим", "Динара", "Гульнар", "Асель", "Жанна", "Мадина", "Сауле", "Алия", "Елена", "Ольга", "Анна", "Камила"];
    private static readonly string[] Surnames = ["Ахметов", "Нурланов", "Сериков", "Жумабаев", "Касымов", "Омаров", "Искаков", "Абенов", "Тулегенов", "Иванов", "Петров", "Сагинтаев", "Кузнецов", "Ермеков"];
    private static readonly string[] Companies = ["Алем Строй", "Береке Трейд", "Астана Сервис", "КазЛогистик", "Нур Маркет", "Тау Финанс", "Сункар Авто", "Жетысу Агро"];

    private readonly Random _random = new(seed);

    /// <summary>Every label the generator writes, in a fixed order.</summary>
    public static IReadOnlyList<string> Labels { get; } =
        ["debt-loan", "alimony", "divorce", "reinstatement", "consumer", "property", "inheritance", "paternity", "special-proceedings", "administrative", "criminal"];

    public IReadOnlyList<GeneratedFiling> Generate(int perLabel, double kazakhShare = 0.4)
    {
        var filings = new List<GeneratedFiling>();
        foreach (var label in Labels)
        {
            for (var i = 1; i <= perLabel; i++)
            {
                var kazakh = _random.NextDouble() < kazakhShare;
                filings.Add(One(label, kazakh, string.Create(Invariant, $"{label}-{i:D3}.{(kazakh ? "kk" : "ru")}.txt")));
            }
        }

        return filings;
    }

    /// <summary>Writes the filings as <c>{folder}/{label}/{name}</c>, replacing what the folder held.</summary>
    public static void WriteTo(string folder, IEnumerable<GeneratedFiling> filings)
    {
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.txt", SearchOption.AllDirectories))
            {
                File.Delete(file);
            }
        }

        foreach (var f in filings)
        {
            var dir = Path.Combine(folder, f.Label);
            Directory.CreateDirectory(dir);
            File.WriteAllText(Path.Combine(dir, f.Name), f.Text, new UTF8Encoding(false));
        }
    }

    public GeneratedFiling One(string label, bool kazakh, string name)
    {
        var claimantPlace = Pick(Places);
        var defendantPlace = Chance(0.7) ? claimantPlace : Pick(Places);
        var organisationDefendant = label is "reinstatement" or "consumer" or "administrative" || (label == "debt-loan" && Chance(0.3));
        var organisationClaimant = label == "debt-loan" && Chance(0.25);
        var claimant = organisationClaimant ? Company(kazakh) : Person(kazakh);
        var defendant = organisationDefendant ? (label == "administrative" ? Authority(kazakh, defendantPlace) : Company(kazakh)) : Person(kazakh);
        var amount = label is "debt-loan" or "consumer" or "property" || (label == "reinstatement" && Chance(0.5)) || (label == "inheritance" && Chance(0.3))
            ? Amount() : (decimal?)null;
        var t = new StringBuilder();
        var court = Chance(0.9) ? defendantPlace : Pick(Places);
        t.AppendLine(kazakh ? court.Kk : "В " + court.Ru);
        var (claimantLabel, defendantLabel) = (label, kazakh) switch
        {
            ("criminal", false) => (Pick(["Заявитель (потерпевший)", "Потерпевший", "Заявитель"]), Pick(["Лицо, привлекаемое к ответственности", "Обвиняемый"])),
            ("criminal", true) => ("Жәбірленуші", "Айыпталушы"),
            ("special-proceedings", false) => ("Заявитель", "Заинтересованное лицо"),
            ("special-proceedings", true) => ("Арыз беруші", "Мүдделі тұлға"),
            (_, false) => ("Истец", "Ответчик"),
            _ => (Pick(["Талапкер", "Талап қоюшы"]), "Жауапкер"),
        };
        t.AppendLine(string.Create(Invariant, $"{claimantLabel}: {claimant.Name}, {claimant.IdLabel} {claimant.Id}, {(kazakh ? "мекенжайы" : Pick(["адрес", "проживающий по адресу", "адрес места жительства"]))}: {Address(claimantPlace, kazakh)}"));
        t.AppendLine(string.Create(Invariant, $"{defendantLabel}: {defendant.Name}, {defendant.IdLabel} {defendant.Id}, {(kazakh ? "мекенжайы" : "адрес")}: {Address(defendantPlace, kazakh)}"));
        if (amount is { } a && label != "criminal")
        {
            t.AppendLine(kazakh ? $"Талап қоюдың бағасы: {Money(a, true)}" : $"Цена иска: {Money(a, false)}");
        }

        t.AppendLine();
        t.AppendLine(Chance(0.4) ? (kazakh ? Pick(["ТАЛАП АРЫЗ", "АРЫЗ", "ТАЛАП ҚОЮ АРЫЗЫ"]) : Pick(["ИСКОВОЕ ЗАЯВЛЕНИЕ", "ЗАЯВЛЕНИЕ", "ИСК"])) : Title(label, kazakh));
        t.AppendLine();
        var body = Body(label, kazakh, amount).ToList();
        body.Add(Pick(kazakh ? SharedKk : SharedRu));
        if (Chance(0.6))
        {
            body.Add(Pick(kazakh ? ConfoundersKk : ConfoundersRu));
        }

        Shuffle(body, keepFirst: 1);
        foreach (var sentence in body)
        {
            t.AppendLine(sentence);
        }

        t.AppendLine();
        t.AppendLine(Request(label, kazakh, amount));
        t.AppendLine();
        t.AppendLine(kazakh ? "Қосымша:" : "Приложение:");
        var n = 1;
        foreach (var attachment in Attachments(label, kazakh).Where(_ => Chance(0.85)))
        {
            t.AppendLine(string.Create(Invariant, $"{n++}. {attachment}"));
        }

        var date = new DateOnly(2024, 1, 10).AddDays(_random.Next(0, 900));
        t.AppendLine();
        t.AppendLine(kazakh
            ? string.Create(Invariant, $"{date.Year} жылғы {date.Day} {KazakhMonths[date.Month - 1]}")
            : date.ToString("dd.MM.yyyy", Invariant) + " г.");
        t.AppendLine(claimant.Name);
        return new GeneratedFiling(name, label, kazakh ? "kk" : "ru", t.ToString(), label == "criminal" ? null : amount, claimant.Id, claimant.Valid, defendantPlace.CourtId);
    }

    private static readonly string[] KazakhMonths = ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз", "қыркүйек", "қазан", "қараша", "желтоқсан"];

    private static readonly string[] SharedRu =
    [
        "Досудебный порядок урегулирования спора соблюдён, однако ответ не получен.",
        "Прошу рассмотреть дело в моё отсутствие.",
        "Медиация и иные примирительные процедуры результата не дали.",
        "Доказательства, подтверждающие изложенные обстоятельства, прилагаются.",
        "Копии документов направлены сторонам через Судебный кабинет.",
        "Ранее с таким требованием в суд не обращался.",
    ];

    private static readonly string[] SharedKk =
    [
        "Дауды сотқа дейін реттеу тәртібі сақталды, бірақ жауап алынған жоқ.",
        "Істі менің қатысуымсыз қарауды сұраймын.",
        "Медиация және өзге татуластыру рәсімдері нәтиже бермеді.",
        "Баяндалған мән-жайларды растайтын дәлелдемелер қоса беріледі.",
        "Құжаттардың көшірмелері тараптарға Сот кабинеті арқылы жіберілді.",
    ];

    private static readonly string[] ConfoundersRu =
    [
        "Вопрос о разделе имущества сторонами будет решён отдельно.",
        "Ответчик ранее выплачивал алименты добровольно, но прекратил.",
        "Стороны состояли в браке, который расторгнут в 2021 году.",
        "Спорная сумма ранее была передана ответчику наличными.",
        "Ответчик работал в организации по трудовому договору.",
        "Наследство после смерти отца принято сторонами частично.",
        "Ответчик неоднократно оскорблял истца в присутствии соседей.",
    ];

    private static readonly string[] ConfoundersKk =
    [
        "Мүлікті бөлу туралы мәселені тараптар бөлек шешеді.",
        "Жауапкер бұрын алимент төлеп келген, кейін тоқтатты.",
        "Тараптар некеде болған, неке 2021 жылы бұзылған.",
        "Даулы сома жауапкерге бұрын қолма-қол берілген.",
        "Мұра әкесі қайтыс болғаннан кейін ішінара қабылданған.",
    ];

    private static string Title(string label, bool kk) => (label, kk) switch
    {
        ("debt-loan", false) => "ИСКОВОЕ ЗАЯВЛЕНИЕ о взыскании задолженности по договору займа",
        ("debt-loan", true) => "Қарыз шарты бойынша берешекті өндіріп алу туралы ТАЛАП АРЫЗ",
        ("alimony", false) => "ИСКОВОЕ ЗАЯВЛЕНИЕ о взыскании алиментов на содержание несовершеннолетнего ребёнка",
        ("alimony", true) => "Кәмелетке толмаған баланы асырауға алимент өндіріп алу туралы ТАЛАП АРЫЗ",
        ("divorce", false) => "ИСКОВОЕ ЗАЯВЛЕНИЕ о расторжении брака",
        ("divorce", true) => "Некені бұзу туралы ТАЛАП АРЫЗ",
        ("reinstatement", false) => "ИСКОВОЕ ЗАЯВЛЕНИЕ о восстановлении на работе и взыскании среднего заработка за время вынужденного прогула",
        ("reinstatement", true) => "Жұмысқа қайта алу және мәжбүрлі жұмыс істемеген уақыт үшін жалақы өндіру туралы ТАЛАП АРЫЗ",
        ("consumer", false) => "ИСКОВОЕ ЗАЯВЛЕНИЕ о защите прав потребителя",
        ("consumer", true) => "Тұтынушының құқықтарын қорғау туралы ТАЛАП АРЫЗ",
        ("property", false) => "ИСКОВОЕ ЗАЯВЛЕНИЕ о признании права собственности",
        ("property", true) => "Меншік құқығын тану туралы ТАЛАП АРЫЗ",
        ("inheritance", false) => "ИСКОВОЕ ЗАЯВЛЕНИЕ об определении долей в наследственном имуществе",
        ("inheritance", true) => "Мұра мүлкіндегі үлестерді анықтау туралы ТАЛАП АРЫЗ",
        ("paternity", false) => "ИСКОВОЕ ЗАЯВЛЕНИЕ об установлении отцовства",
        ("paternity", true) => "Әкелікті анықтау туралы ТАЛАП АРЫЗ",
        ("special-proceedings", false) => "ЗАЯВЛЕНИЕ об установлении факта, имеющего юридическое значение",
        ("special-proceedings", true) => "Заңдық маңызы бар фактіні анықтау туралы АРЫЗ",
        ("administrative", false) => "АДМИНИСТРАТИВНЫЙ ИСК об оспаривании административного акта",
        ("administrative", true) => "Әкімшілік актіге дау айту туралы ӘКІМШІЛІК ТАЛАП ҚОЮ",
        ("criminal", false) => "ЖАЛОБА по делу частного обвинения",
        _ => "Жеке айыптау ісі бойынша ШАҒЫМ",
    };

    private IEnumerable<string> Body(string label, bool kk, decimal? amount)
    {
        var date = new DateOnly(2022, 1, 1).AddDays(_random.Next(0, 900)).ToString("dd.MM.yyyy", Invariant);
        var money = amount is { } a ? Money(a, kk) : "";
        string[] pool = (label, kk) switch
        {
            ("debt-loan", false) =>
            [
                $"{date} между истцом и ответчиком заключён договор займа, по которому ответчик получил {money} со сроком возврата через шесть месяцев.",
                "Ответчик обязательство по возврату займа не исполнил, на требования о погашении долга не реагирует.",
                "Факт передачи денег подтверждается распиской ответчика.",
                "В соответствии со ст. 715 ГК РК заёмщик обязан возвратить заимодателю полученную сумму займа в срок.",
                "За пользование чужими деньгами подлежит начислению неустойка по ст. 353 ГК РК.",
                "Задолженность до настоящего времени не погашена.",
            ],
            ("debt-loan", true) =>
            [
                $"{date} талапкер мен жауапкер арасында қарыз шарты жасалды, жауапкер {money} алды.",
                "Жауапкер қарызды қайтару міндетін орындамады, берешекті өтеу туралы талаптарға жауап бермейді.",
                "Ақшаның берілгені жауапкердің қолхатымен расталады.",
                "ҚР АК 715-бабына сәйкес қарыз алушы қарыз сомасын мерзімінде қайтаруға міндетті.",
                "Берешек осы уақытқа дейін өтелген жоқ.",
            ],
            ("alimony", false) =>
            [
                $"Истец и ответчик состояли в браке, от брака имеют несовершеннолетнего ребёнка, {date} года рождения.",
                "Ребёнок проживает с истцом, ответчик материальной помощи на его содержание не оказывает.",
                "Согласно ст. 139 Кодекса о браке (супружестве) и семье РК родители обязаны содержать своих несовершеннолетних детей.",
                "Ответчик работает и имеет постоянный доход, из которого возможно удержание алиментов.",
                "Соглашение об уплате алиментов между сторонами не заключалось.",
            ],
            ("alimony", true) =>
            [
                $"Талапкер мен жауапкер некеде болған, некеден {date} жылы туған кәмелетке толмаған баласы бар.",
                "Бала талапкермен бірге тұрады, жауапкер баланы асырауға материалдық көмек көрсетпейді.",
                "Неке (ерлі-зайыптылық) және отбасы туралы кодекстің 139-бабына сәйкес ата-ана кәмелетке толмаған балаларын асырауға міндетті.",
                "Жауапкер жұмыс істейді, тұрақты табысы бар, алимент ұстауға болады.",
            ],
            ("divorce", false) =>
            [
                $"Стороны состоят в зарегистрированном браке с {date}.",
                "Совместная жизнь не сложилась, брачные отношения фактически прекращены более года назад.",
                "Сохранение семьи невозможно, примирение сторон не состоялось.",
                "Спора о детях и о разделе совместно нажитого имущества между сторонами нет.",
                "Ответчик согласие на расторжение брака в органах ЗАГС не дал.",
            ],
            ("divorce", true) =>
            [
                $"Тараптар {date} бастап тіркелген некеде тұрады.",
                "Бірлескен өмір жараспады, неке қатынастары бір жылдан астам уақыт бұрын іс жүзінде тоқтатылған.",
                "Отбасын сақтау мүмкін емес, тараптар татуласқан жоқ.",
                "Балалар туралы және ортақ мүлікті бөлу туралы дау жоқ.",
            ],
            ("reinstatement", false) =>
            [
                $"Истец работал у ответчика по трудовому договору с {date} в должности менеджера.",
                "Приказом работодателя истец уволен по п. 2 ст. 52 ТК РК, с увольнением не согласен.",
                "Увольнение произведено без законного основания и с нарушением установленного порядка.",
                "За время вынужденного прогула подлежит взысканию средний заработок.",
                "Уведомление о предстоящем увольнении истцу не вручалось.",
            ],
            ("reinstatement", true) =>
            [
                $"Талапкер {date} бастап жауапкерде еңбек шарты бойынша менеджер лауазымында жұмыс істеді.",
                "Жұмыс берушінің бұйрығымен талапкер ҚР ЕК 52-бабы бойынша жұмыстан шығарылды, онымен келіспейді.",
                "Жұмыстан шығару заңды негізсіз және белгіленген тәртіпті бұза отырып жүргізілген.",
                "Мәжбүрлі жұмыс істемеген уақыт үшін орташа жалақы өндірілуге тиіс.",
            ],
            ("consumer", false) =>
            [
                $"{date} истец приобрёл у ответчика холодильник стоимостью {money}, что подтверждается кассовым чеком.",
                "В период гарантийного срока в товаре обнаружен существенный недостаток.",
                "Претензия истца о возврате уплаченной за товар суммы продавцом оставлена без удовлетворения.",
                "Согласно Закону РК «О защите прав потребителей» потребитель вправе требовать возврата уплаченной суммы.",
                "Действиями продавца истцу причинён моральный вред.",
            ],
            ("consumer", true) =>
            [
                $"{date} талапкер жауапкерден құны {money} тоңазытқыш сатып алды, бұл кассалық чекпен расталады.",
                "Кепілдік мерзімі ішінде тауардан елеулі кемшілік анықталды.",
                "Тауар үшін төленген соманы қайтару туралы наразылық хат сатушымен қанағаттандырылмады.",
                "«Тұтынушылардың құқықтарын қорғау туралы» Заңға сәйкес тұтынушы төленген соманы қайтаруды талап етуге құқылы.",
            ],
            ("property", false) =>
            [
                $"{date} истец приобрёл у ответчика жилой дом, расположенный по адресу: {Address(Pick(Places), false)}.",
                "Договор купли-продажи исполнен, деньги переданы, однако ответчик уклоняется от государственной регистрации перехода права собственности.",
                "Истец открыто и добросовестно владеет недвижимым имуществом как своим собственным.",
                "На основании ст. 240 ГК РК право собственности на недвижимость подлежит государственной регистрации.",
                "Иным способом защитить право собственности невозможно.",
            ],
            ("property", true) =>
            [
                $"{date} талапкер жауапкерден мекенжайы: {Address(Pick(Places), true)} орналасқан тұрғын үйді сатып алды.",
                "Сатып алу-сату шарты орындалды, ақша берілді, бірақ жауапкер меншік құқығының ауысуын мемлекеттік тіркеуден жалтарады.",
                "Талапкер жылжымайтын мүлікті өзінікі ретінде ашық иеленіп келеді.",
                "ҚР АК 240-бабына сәйкес жылжымайтын мүлікке меншік құқығы мемлекеттік тіркелуге тиіс.",
            ],
            ("inheritance", false) =>
            [
                $"{date} умер отец истца, после его смерти открылось наследство в виде квартиры и денежного вклада.",
                "Истец является наследником первой очереди по закону и в установленный срок обратился к нотариусу.",
                "Ответчик препятствует оформлению наследственных прав истца.",
                "Согласно ст. 1072 ГК РК наследниками первой очереди являются дети, супруг и родители наследодателя.",
                "Нотариус отказал в выдаче свидетельства о праве на наследство ввиду спора между наследниками.",
            ],
            ("inheritance", true) =>
            [
                $"{date} талапкердің әкесі қайтыс болды, одан кейін пәтер мен ақша салымы түріндегі мұра ашылды.",
                "Талапкер заң бойынша бірінші кезектегі мұрагер болып табылады және белгіленген мерзімде нотариусқа жүгінді.",
                "Жауапкер талапкердің мұрагерлік құқықтарын ресімдеуге кедергі келтіреді.",
                "Нотариус мұрагерлер арасындағы дауға байланысты мұраға құқық туралы куәлік беруден бас тартты.",
            ],
            ("paternity", false) =>
            [
                $"Истец и ответчик проживали совместно без регистрации брака, {date} родился ребёнок.",
                "Ответчик отказывается добровольно подать совместное заявление в органы ЗАГС об установлении отцовства.",
                "Ответчик принимал участие в воспитании ребёнка, что могут подтвердить свидетели.",
                "Прошу назначить молекулярно-генетическую экспертизу для установления происхождения ребёнка.",
            ],
            ("paternity", true) =>
            [
                $"Талапкер мен жауапкер некені тіркемей бірге тұрды, {date} бала туды.",
                "Жауапкер әкелікті анықтау туралы АХАТ органдарына бірлескен өтініш беруден бас тартады.",
                "Баланың шығу тегін анықтау үшін молекулалық-генетикалық сараптама тағайындауды сұраймын.",
            ],
            ("special-proceedings", false) =>
            [
                "Заявитель просит установить факт родственных отношений с умершим, необходимый для оформления наследства.",
                "Документы, подтверждающие родство, утрачены, восстановить их в ином порядке невозможно.",
                "Установление факта необходимо для реализации прав заявителя.",
                "Спора о праве не имеется.",
                $"Архив сообщил об отсутствии записей за {date}.",
            ],
            ("special-proceedings", true) =>
            [
                "Арыз беруші мұраны ресімдеу үшін қайтыс болған адаммен туыстық қатынас фактісін анықтауды сұрайды.",
                "Туыстықты растайтын құжаттар жоғалған, оларды өзге тәртіппен қалпына келтіру мүмкін емес.",
                "Құқық туралы дау жоқ.",
            ],
            ("administrative", false) =>
            [
                $"{date} ответчиком вынесено решение об отказе в выдаче разрешения, которое истец считает незаконным.",
                "Административный акт принят с нарушением принципа соразмерности, истец не был заслушан.",
                "В соответствии со ст. 155 АППК РК административный истец вправе оспорить административный акт.",
                "Жалоба в вышестоящий административный орган оставлена без удовлетворения.",
                "Оспариваемое решение нарушает права и законные интересы истца.",
            ],
            ("administrative", true) =>
            [
                $"{date} жауапкер рұқсат беруден бас тарту туралы шешім шығарды, талапкер оны заңсыз деп санайды.",
                "Әкімшілік акт мөлшерлестік қағидатын бұза отырып қабылданған, талапкер тыңдалмаған.",
                "ҚР ӘРПК 155-бабына сәйкес әкімшілік талапкер әкімшілік актіге дау айтуға құқылы.",
                "Жоғары тұрған әкімшілік органға берілген шағым қанағаттандырылмады.",
            ],
            ("criminal", false) =>
            [
                $"{date} около 19 часов ответчик во дворе дома умышленно нанёс заявителю несколько ударов по лицу.",
                "Согласно заключению судебно-медицинской экспертизы заявителю причинён лёгкий вред здоровью.",
                "Действия лица подлежат квалификации по ст. 108 УК РК.",
                "В соответствии со ст. 32 УПК РК дела данной категории являются делами частного обвинения.",
                "Прошу привлечь виновного к уголовной ответственности.",
            ],
            _ =>
            [
                $"{date} шамамен сағат 19-да айыпталушы үйдің ауласында жәбірленушінің бетіне қасақана бірнеше рет соққы жасады.",
                "Сот-медициналық сараптама қорытындысына сәйкес денсаулыққа жеңіл зиян келтірілді.",
                "Айыпталушының әрекеттері ҚР ҚК 108-бабы бойынша саралануға тиіс.",
                "ҚР ҚПК 32-бабына сәйкес мұндай істер жеке айыптау істері болып табылады.",
            ],
        };
        var sentences = pool.ToList();
        Shuffle(sentences, keepFirst: 1);
        return sentences.Take(_random.Next(1, Math.Min(4, sentences.Count) + 1));
    }

    private string Request(string label, bool kk, decimal? amount)
    {
        var money = amount is { } a ? Money(a, kk) : "";
        return (label, kk) switch
        {
            ("debt-loan", false) => $"На основании изложенного, руководствуясь ст. 148-150 ГПК РК, ПРОШУ: взыскать с ответчика в пользу истца сумму долга в размере {money}, а также расходы по оплате государственной пошлины.",
            ("debt-loan", true) => $"Жоғарыда баяндалғанның негізінде, ҚР АПК 148-бабын басшылыққа ала отырып, СҰРАЙМЫН: жауапкерден талапкердің пайдасына {money} берешек сомасын өндіріп алу.",
            ("alimony", false) => "ПРОШУ: взыскать с ответчика алименты на содержание несовершеннолетнего ребёнка в размере 1/4 части всех видов заработка ежемесячно до совершеннолетия ребёнка.",
            ("alimony", true) => "СҰРАЙМЫН: жауапкерден кәмелетке толмаған баланы асырауға бала кәмелетке толғанға дейін табысының 1/4 бөлігі мөлшерінде ай сайын алимент өндіріп алу.",
            ("divorce", false) => "ПРОШУ: брак между истцом и ответчиком расторгнуть.",
            ("divorce", true) => "СҰРАЙМЫН: талапкер мен жауапкер арасындағы некені бұзу.",
            ("reinstatement", false) => amount is null
                ? "ПРОШУ: признать приказ об увольнении незаконным, восстановить истца на работе."
                : $"ПРОШУ: восстановить истца на работе и взыскать средний заработок за время вынужденного прогула в сумме {money}.",
            ("reinstatement", true) => "СҰРАЙМЫН: жұмыстан шығару туралы бұйрықты заңсыз деп тану, талапкерді жұмысқа қайта алу.",
            ("consumer", false) => $"ПРОШУ: расторгнуть договор купли-продажи и взыскать с ответчика уплаченную за товар сумму {money}, неустойку и компенсацию морального вреда.",
            ("consumer", true) => $"СҰРАЙМЫН: сатып алу-сату шартын бұзу және жауапкерден тауар үшін төленген {money} соманы өндіріп алу.",
            ("property", false) => "ПРОШУ: признать за истцом право собственности на жилой дом и обязать произвести государственную регистрацию.",
            ("property", true) => "СҰРАЙМЫН: талапкердің тұрғын үйге меншік құқығын тану.",
            ("inheritance", false) => "ПРОШУ: определить доли наследников в наследственном имуществе и признать за истцом право на 1/2 долю.",
            ("inheritance", true) => "СҰРАЙМЫН: мұра мүлкіндегі мұрагерлердің үлестерін анықтау және талапкердің 1/2 үлеске құқығын тану.",
            ("paternity", false) => "ПРОШУ: установить отцовство ответчика в отношении ребёнка и внести изменения в актовую запись о рождении.",
            ("paternity", true) => "СҰРАЙМЫН: жауапкердің балаға қатысты әкелігін анықтау.",
            ("special-proceedings", false) => "ПРОШУ: установить факт родственных отношений заявителя с умершим.",
            ("special-proceedings", true) => "СҰРАЙМЫН: арыз берушінің қайтыс болған адаммен туыстық қатынас фактісін анықтау.",
            ("administrative", false) => "ПРОШУ: признать административный акт незаконным и отменить его, обязать ответчика повторно рассмотреть заявление.",
            ("administrative", true) => "СҰРАЙМЫН: әкімшілік актіні заңсыз деп тану және оның күшін жою.",
            ("criminal", false) => "ПРОШУ: принять жалобу к производству и привлечь лицо к уголовной ответственности.",
            _ => "СҰРАЙМЫН: шағымды іс жүргізуге қабылдау және айыпталушыны қылмыстық жауапкершілікке тарту.",
        };
    }

    private static IEnumerable<string> Attachments(string label, bool kk)
    {
        var copy = kk ? "Талап арыздың жауапкер үшін көшірмесі" : "Копия искового заявления для ответчика";
        var duty = kk ? "Мемлекеттік баж төленгені туралы түбіртек" : "Квитанция об оплате государственной пошлины";
        return (label, kk) switch
        {
            ("debt-loan", false) => [copy, duty, "Копия договора займа", "Расписка ответчика", "Расчёт задолженности"],
            ("debt-loan", true) => [copy, duty, "Қарыз шартының көшірмесі", "Жауапкердің қолхаты"],
            ("alimony", false) => [copy, "Копия свидетельства о рождении ребёнка", "Справка с места жительства"],
            ("alimony", true) => [copy, "Баланың туу туралы куәлігінің көшірмесі"],
            ("divorce", false) => [copy, duty, "Свидетельство о заключении брака"],
            ("divorce", true) => [copy, duty, "Неке қию туралы куәлік"],
            ("reinstatement", false) => [copy, "Копия приказа об увольнении", "Копия трудового договора"],
            ("reinstatement", true) => [copy, "Жұмыстан шығару туралы бұйрықтың көшірмесі", "Еңбек шартының көшірмесі"],
            ("consumer", false) => [copy, "Кассовый чек", "Копия претензии продавцу"],
            ("consumer", true) => [copy, "Кассалық чек", "Наразылық хаттың көшірмесі"],
            ("property", false) => [copy, duty, "Правоустанавливающие документы на дом"],
            ("property", true) => [copy, duty, "Меншік құқығы туралы құжаттар"],
            ("inheritance", false) => [copy, duty, "Свидетельство о смерти"],
            ("inheritance", true) => [copy, duty, "Қайтыс болу туралы куәлік"],
            ("paternity", false) => [copy, duty, "Свидетельство о рождении ребёнка"],
            ("paternity", true) => [copy, duty, "Баланың туу туралы куәлігі"],
            ("special-proceedings", false) => [duty, "Справка архива"],
            ("special-proceedings", true) => [duty, "Мұрағат анықтамасы"],
            ("administrative", false) => [copy, duty, "Копия оспариваемого решения"],
            ("administrative", true) => [copy, duty, "Шағымданатын актінің көшірмесі"],
            ("criminal", false) => ["Копии жалобы по числу лиц", "Заключение судебно-медицинской экспертизы"],
            _ => ["Шағымның көшірмелері", "Сот-медициналық сараптама қорытындысы"],
        };
    }

    // ------------------------------------------------------------------ parties, money

    private sealed record Party(string Name, string IdLabel, string Id, bool Valid);

    private Party Person(bool kk)
    {
        var female = Chance(0.5);
        var name = $"{Pick(Surnames)}{(female ? "а" : "")} {(female ? Pick(FemaleFirst) : Pick(MaleFirst))}";
        var birth = new DateOnly(1955, 1, 1).AddDays(_random.Next(0, 18000));
        var century = birth.Year >= 2000 ? (female ? 6 : 5) : (female ? 4 : 3);
        var body = string.Create(Invariant, $"{birth.Year % 100:D2}{birth.Month:D2}{birth.Day:D2}{century}{_random.Next(0, 10000):D4}");
        var (id, valid) = WithCheckDigit(body);
        return new Party(name, kk ? "ЖСН" : "ИИН", id, valid);
    }

    private Party Company(bool kk)
    {
        var name = kk ? $"«{Pick(Companies)}» ЖШС" : $"ТОО «{Pick(Companies)}»";
        var body = string.Create(Invariant, $"{_random.Next(5, 24):D2}{_random.Next(1, 13):D2}4{_random.Next(0, 2)}{_random.Next(0, 100000):D5}");
        var (id, valid) = WithCheckDigit(body);
        return new Party(name, kk ? "БСН" : "БИН", id, valid);
    }

    private Party Authority(bool kk, (string CourtId, string Ru, string Kk, string AddressRu, string AddressKk) place)
    {
        var city = place.AddressRu.Split(',')[0].Replace("г. ", "", StringComparison.Ordinal);
        var name = kk ? Pick(["Мемлекеттік кірістер департаменті", "Қала әкімдігі", "Сәулет және қала құрылысы басқармасы"]) : Pick([$"Департамент государственных доходов по г. {city}", $"Акимат г. {city}", $"Управление архитектуры и градостроительства г. {city}"]);
        var body = string.Create(Invariant, $"{_random.Next(5, 24):D2}{_random.Next(1, 13):D2}4{_random.Next(0, 2)}{_random.Next(0, 100000):D5}");
        var (id, valid) = WithCheckDigit(body);
        return new Party(name, kk ? "БСН" : "БИН", id, valid);
    }

    /// <summary>Adds the check digit; one number in ten gets a wrong one on purpose (a typo a clerk must catch).</summary>
    private (string Id, bool Valid) WithCheckDigit(string body)
    {
        while (true)
        {
            var digits = body.Select(c => c - '0').ToArray();
            var a = digits.Select((d, i) => d * (i + 1)).Sum() % 11;
            if (a == 10)
            {
                int[] w = [3, 4, 5, 6, 7, 8, 9, 10, 11, 1, 2];
                a = digits.Select((d, i) => d * w[i]).Sum() % 11;
            }

            if (a == 10)
            {
                body = body[..7] + ((body[7] - '0' + 1) % 10).ToString(Invariant) + body[8..];
                continue;
            }

            return Chance(0.1) ? (body + ((a + 1) % 10).ToString(Invariant), false) : (body + a.ToString(Invariant), true);
        }
    }

    private string Address((string CourtId, string Ru, string Kk, string AddressRu, string AddressKk) place, bool kk) =>
        string.Format(Invariant, kk ? place.AddressKk : place.AddressRu, _random.Next(1, 200));

    private decimal Amount() => _random.Next(4) switch
    {
        0 => _random.Next(50, 400) * 1000m,
        1 => _random.Next(400, 2500) * 1000m,
        2 => _random.Next(2, 60) * 500_000m,
        _ => (_random.Next(100_000, 9_000_000) / 10) * 10m,
    };

    private string Money(decimal value, bool kk)
    {
        var grouped = value.ToString("#,0", Invariant).Replace(",", " ", StringComparison.Ordinal);
        var currency = kk ? "теңге" : Pick(["тенге", "тенге", "тг", "₸"]);
        return _random.Next(5) switch
        {
            0 when value % 100_000 == 0 && value >= 1_000_000 => (value / 1_000_000m).ToString("0.#", kk ? Invariant : CultureInfo.GetCultureInfo("ru-RU")) + $" млн {currency}",
            1 => value.ToString("0", Invariant) + " " + currency,
            2 => grouped + ",00 " + currency,
            3 when !kk => "₸ " + grouped,
            _ => grouped + " " + currency,
        };
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private bool Chance(double p) => _random.NextDouble() < p;

    private void Shuffle(List<string> items, int keepFirst)
    {
        for (var i = items.Count - 1; i > keepFirst; i--)
        {
            var j = _random.Next(keepFirst, i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }
}
