using System.Globalization;

namespace Ledger.Domain.Cases;

/// <summary>How the API reports a refused command.</summary>
public enum ViolationKind
{
    /// <summary>The case's state forbids it now (HTTP 409).</summary>
    Conflict,

    /// <summary>The command itself is invalid (HTTP 422).</summary>
    Unprocessable,

    /// <summary>The case or the thing named does not exist (HTTP 404).</summary>
    NotFound,
}

/// <summary>
/// A command refused by the case rules. <see cref="Code"/> is stable (e.g. "case.suspended"); the
/// messages are for clerks, in Russian, Kazakh and English. <see cref="Exception.Message"/> is English.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1710", Justification = "A rule violation is the domain's word; the API maps it to problem details.")]
public sealed class CaseRuleViolation(string code, ViolationKind kind, string messageRu, string messageKk, string messageEn)
    : Exception(messageEn)
{
    public string Code { get; } = code;

    public ViolationKind Kind { get; } = kind;

    public string MessageRu { get; } = messageRu;

    public string MessageKk { get; } = messageKk;

    public string MessageEn { get; } = messageEn;

    /// <summary>The message in a language ("ru", "kk", anything else gives English).</summary>
    public string MessageIn(string language) => language switch
    {
        "ru" => MessageRu,
        "kk" => MessageKk,
        _ => MessageEn,
    };
}

/// <summary>The catalogue of refusals: one factory per rule, with its code and its three messages.</summary>
public static class CaseRules
{
    private static CaseRuleViolation C(string code, string ru, string kk, string en) => new(code, ViolationKind.Conflict, ru, kk, en);

    private static CaseRuleViolation U(string code, string ru, string kk, string en) => new(code, ViolationKind.Unprocessable, ru, kk, en);

    private static CaseRuleViolation N(string code, string ru, string kk, string en) => new(code, ViolationKind.NotFound, ru, kk, en);

    private static string D(DateOnly date) => date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    public static CaseRuleViolation CaseUnknown() => N("case.unknown",
        "Дело не найдено.", "Іс табылмады.", "The case was not found.");

    public static CaseRuleViolation CaseIdMismatch() => U("case.id-mismatch",
        "Команда относится к другому делу.", "Команда басқа іске қатысты.", "The command is for another case.");

    public static CaseRuleViolation CaseAlreadyExists() => C("case.already-exists",
        "Дело с этим идентификатором уже зарегистрировано с другими данными.",
        "Осы сәйкестендіргішпен іс басқа деректермен тіркелген.",
        "A case with this identifier is already registered with different data.");

    public static CaseRuleViolation CaseKindMismatch() => U("case.kind-mismatch",
        "Это действие не применяется к делам данного вида.",
        "Бұл әрекет осы түрдегі істерге қолданылмайды.",
        "This action does not apply to this kind of case.");

    public static CaseRuleViolation CaseNumberInvalid() => U("case-number.invalid",
        "Номер дела должен иметь вид «2-1234-26»: вид дела (1 — уголовное, 2 — гражданское, 3 — административное), порядковый номер и год поступления.",
        "Іс нөмірі «2-1234-26» түрінде болуы керек: іс түрі (1 — қылмыстық, 2 — азаматтық, 3 — әкімшілік), реттік нөмірі және түскен жылы.",
        "The case number must look like \"2-1234-26\": case kind (1 criminal, 2 civil, 3 administrative), sequence number and year of receipt.");

    public static CaseRuleViolation ErdrInvalid() => U("erdr.invalid",
        "Номер ЕРДР должен состоять из 15 цифр.",
        "СДТБТ нөмірі 15 цифрдан тұруы керек.",
        "The pre-trial register (ERDR) number must have 15 digits.");

    public static CaseRuleViolation CourtUnknown() => U("court.unknown",
        "Суда с таким кодом нет в реестре судов.",
        "Мұндай кодпен сот соттар тізілімінде жоқ.",
        "No court with this code is in the court registry.");

    public static CaseRuleViolation CourtSame() => U("court.same",
        "Дело уже находится в этом суде.",
        "Іс осы сотта тұр.",
        "The case is already in this court.");

    public static CaseRuleViolation DocumentInvalid() => U("document.invalid",
        "У документа должны быть хеш SHA-256 (64 шестнадцатеричных символа в нижнем регистре), вид, имя файла, тип и ненулевой размер.",
        "Құжаттың SHA-256 хеші (кіші әріптермен 64 оналтылық таңба), түрі, файл атауы, типі және нөлден үлкен көлемі болуы керек.",
        "A document needs a SHA-256 hash (64 lower-case hex characters), a kind, a file name, a media type and a non-zero size.");

    public static CaseRuleViolation MaterialsRequired() => U("materials.required",
        "Дело должно поступить хотя бы с одним документом.",
        "Іс кемінде бір құжатпен түсуі керек.",
        "A case must arrive with at least one document.");

    public static CaseRuleViolation ReasonRequired() => U("reason.required",
        "Укажите причину.", "Себебін көрсетіңіз.", "State the reason.");

    public static CaseRuleViolation ParticipantInvalid() => U("participant.invalid",
        "У участника должны быть идентификатор и имя; ИИН, если указан, состоит из 12 цифр.",
        "Қатысушының сәйкестендіргіші мен аты болуы керек; ЖСН көрсетілсе, 12 цифрдан тұрады.",
        "A participant needs an id and a name; an IIN, if given, has 12 digits.");

    public static CaseRuleViolation ParticipantUnknown() => U("participant.unknown",
        "Участник не допущен к делу.",
        "Қатысушы іске жіберілмеген.",
        "The participant has not been admitted to the case.");

    public static CaseRuleViolation ParticipantRoleConflict() => C("participant.role-conflict",
        "Участник уже допущен к делу в другой роли.",
        "Қатысушы іске басқа рөлде жіберілген.",
        "The participant is already admitted in another role.");

    public static CaseRuleViolation JudgeByAcceptance() => U("participant.judge-by-acceptance",
        "Судья назначается при принятии дела к производству, а не допуском участника.",
        "Судья іс іс жүргізуге қабылданғанда тағайындалады, қатысушы ретінде жіберілмейді.",
        "A judge is assigned when the case is accepted, not admitted as a participant.");

    public static CaseRuleViolation JudgeRequired() => U("judge.required",
        "Принять дело к производству может только судья.",
        "Істі іс жүргізуге тек судья қабылдай алады.",
        "Only a judge can accept a case into proceedings.");

    public static CaseRuleViolation JudgeNotAssigned() => U("judge.not-assigned",
        "Это может сделать только судья, в производстве которого находится дело.",
        "Мұны тек іс өзінің іс жүргізуінде жатқан судья жасай алады.",
        "Only the judge assigned to the case may do this.");

    public static CaseRuleViolation AlreadyAccepted() => C("case.already-accepted",
        "Дело уже принято к производству.",
        "Іс іс жүргізуге қабылданған.",
        "The case has already been accepted into proceedings.");

    public static CaseRuleViolation NotAccepted() => C("case.not-accepted",
        "Дело ещё не принято к производству.",
        "Іс әлі іс жүргізуге қабылданған жоқ.",
        "The case has not yet been accepted into proceedings.");

    public static CaseRuleViolation Suspended() => C("case.suspended",
        "Производство по делу приостановлено; сначала его нужно возобновить.",
        "Іс бойынша іс жүргізу тоқтатыла тұрды; алдымен оны қайта бастау керек.",
        "Proceedings in the case are suspended; they must be resumed first.");

    public static CaseRuleViolation NotSuspended() => C("case.not-suspended",
        "Производство по делу не приостанавливалось.",
        "Іс бойынша іс жүргізу тоқтатыла тұрған жоқ.",
        "Proceedings in the case have not been suspended.");

    public static CaseRuleViolation Closed() => C("case.closed",
        "Дело закрыто (возвращено, передано в другой суд или сдано в архив); действия по нему невозможны.",
        "Іс жабылған (қайтарылған, басқа сотқа берілген немесе мұрағатқа тапсырылған); ол бойынша әрекет жасауға болмайды.",
        "The case is closed (returned, transferred or archived); nothing more can be done in it.");

    public static CaseRuleViolation SuspensionGroundNotAllowed() => U("suspension.ground-not-allowed",
        "Это основание приостановления не предусмотрено кодексом для дел данного вида.",
        "Тоқтата тұрудың бұл негізі осы түрдегі істер үшін кодексте көзделмеген.",
        "This ground of suspension is not provided by the Code for this kind of case.");

    public static CaseRuleViolation MotionUnknown() => N("motion.unknown",
        "Ходатайство не найдено.", "Өтінішхат табылмады.", "The motion was not found.");

    public static CaseRuleViolation MotionKindRequired() => U("motion.kind-required",
        "Укажите вид ходатайства.", "Өтінішхаттың түрін көрсетіңіз.", "State the kind of motion.");

    public static CaseRuleViolation MotionAlreadyDecided() => C("motion.already-decided",
        "Ходатайство уже разрешено с другим результатом.",
        "Өтінішхат басқа нәтижемен шешілген.",
        "The motion has already been decided differently.");

    public static CaseRuleViolation MaterialIdReused() => C("material.id-reused",
        "Материал с этим идентификатором уже приложен с другим содержимым.",
        "Осы сәйкестендіргішпен материал басқа мазмұнмен қоса берілген.",
        "A material with this id was already attached with different content.");

    public static CaseRuleViolation HearingUnknown() => N("hearing.unknown",
        "Судебное заседание не найдено.", "Сот отырысы табылмады.", "The hearing was not found.");

    public static CaseRuleViolation HearingIdReused() => C("hearing.id-reused",
        "Заседание с этим идентификатором уже назначено на другое время.",
        "Осы сәйкестендіргішпен отырыс басқа уақытқа тағайындалған.",
        "A hearing with this id is already scheduled for another time.");

    public static CaseRuleViolation HearingInPast() => U("hearing.in-past",
        "Заседание нельзя назначить на прошедшее время.",
        "Отырысты өткен уақытқа тағайындауға болмайды.",
        "A hearing cannot be scheduled in the past.");

    public static CaseRuleViolation HearingTooSoon(DateOnly earliest) => U("hearing.too-soon",
        $"Главное судебное разбирательство может начаться не ранее {D(earliest)}: не ранее трёх суток после извещения сторон (УПК РК, ст. 322).",
        $"Басты сот талқылауы {D(earliest)} бастап қана басталуы мүмкін: тараптар хабардар етілгеннен кейін үш тәуліктен ерте емес (ҚР ҚПК, 322-бап).",
        $"The main trial may start no earlier than {D(earliest)}: three days after the parties are notified (Criminal Procedure Code art. 322).");

    public static CaseRuleViolation VideoLinkRequired() => U("hearing.video-link-required",
        "Для заседания по видеосвязи укажите ссылку на видеокомнату (https).",
        "Бейнебайланыс арқылы өтетін отырыс үшін бейнебөлмеге сілтеме (https) көрсетіңіз.",
        "A video hearing needs a video room link (https).");

    public static CaseRuleViolation HearingNotStarted() => C("hearing.not-started",
        "Время заседания по расписанию ещё не наступило.",
        "Кесте бойынша отырыс уақыты әлі келген жоқ.",
        "The hearing's scheduled time has not come yet.");

    public static CaseRuleViolation HearingPostponed() => C("hearing.postponed",
        "Заседание отложено; назначьте новое.",
        "Отырыс кейінге қалдырылды; жаңасын тағайындаңыз.",
        "The hearing was postponed; schedule a new one.");

    public static CaseRuleViolation HearingAlreadyHeld() => C("hearing.already-held",
        "Заседание уже проведено.", "Отырыс өткізіліп қойған.", "The hearing has already been held.");

    public static CaseRuleViolation RecordingRequired() => U("hearing.recording-required",
        "Заседание фиксируется аудио- и видеозаписью: приложите хотя бы одну запись.",
        "Отырыс аудио- және бейнежазбамен тіркеледі: кемінде бір жазбаны қоса беріңіз.",
        "Hearings are recorded: attach at least one audio or video recording.");

    public static CaseRuleViolation HearingStage() => C("hearing.stage",
        "После вынесения судебного акта заседания по делу в этом суде не назначаются.",
        "Сот актісі шығарылғаннан кейін бұл сотта іс бойынша отырыстар тағайындалмайды.",
        "No hearings are scheduled in this court after the judgment.");

    public static CaseRuleViolation JudgmentAlreadyIssued() => C("judgment.already-issued",
        "По делу уже вынесен судебный акт.",
        "Іс бойынша сот актісі шығарылған.",
        "A judgment has already been issued in the case.");

    public static CaseRuleViolation JudgmentKindMismatch() => U("judgment.kind-mismatch",
        "Приговор выносится только по уголовному делу, решение — только по гражданскому или административному.",
        "Үкім тек қылмыстық іс бойынша, шешім тек азаматтық немесе әкімшілік іс бойынша шығарылады.",
        "A verdict is issued only in a criminal case, a decision only in a civil or administrative case.");

    public static CaseRuleViolation JudgmentNoHearing() => C("judgment.no-hearing",
        "Судебный акт выносится после проведённого заседания (кроме упрощённого письменного производства).",
        "Сот актісі отырыс өткізілгеннен кейін шығарылады (жеңілдетілген жазбаша іс жүргізуден басқа).",
        "A judgment follows a hearing that was held (except in the simplified written procedure).");

    public static CaseRuleViolation PreparationIncomplete() => C("judgment.preparation-incomplete",
        "Подготовка дела к судебному разбирательству не завершена.",
        "Істі сот талқылауына дайындау аяқталған жоқ.",
        "Preparation of the case for trial is not complete.");

    public static CaseRuleViolation NotInForce() => C("judgment.not-in-force",
        "Судебный акт ещё не вступил в законную силу.",
        "Сот актісі әлі заңды күшіне енген жоқ.",
        "The judgment has not yet entered into force.");

    public static CaseRuleViolation AppealTermRunning(DateOnly lastDay) => C("judgment.appeal-term-running",
        $"Срок обжалования длится по {D(lastDay)} включительно; до его окончания акт в силу не вступает.",
        $"Шағымдану мерзімі {D(lastDay)} қоса алғанда жалғасады; ол біткенге дейін акт күшіне енбейді.",
        $"The appeal term runs until {D(lastDay)} inclusive; the act cannot enter into force before it ends.");

    public static CaseRuleViolation InForce() => C("judgment.in-force",
        "Судебный акт вступил в законную силу; апелляционное обжалование невозможно.",
        "Сот актісі заңды күшіне енді; апелляциялық шағым беруге болмайды.",
        "The judgment has entered into force; it can no longer be appealed.");

    public static CaseRuleViolation ActUnknown() => N("act.unknown",
        "Судебный акт не найден.", "Сот актісі табылмады.", "The judgment was not found.");

    public static CaseRuleViolation ActSetAside() => C("act.set-aside",
        "Судебный акт отменён.", "Сот актісінің күші жойылған.", "The judgment has been set aside.");

    public static CaseRuleViolation AppealNoJudgment() => C("appeal.no-judgment",
        "Обжаловать можно только вынесенный судебный акт; по делу его ещё нет.",
        "Тек шығарылған сот актісіне шағым жасауға болады; іс бойынша ол әлі жоқ.",
        "Only an issued judgment can be appealed; there is none in this case yet.");

    public static CaseRuleViolation AppealTermExpired(DateOnly lastDay) => C("appeal.term-expired",
        $"Срок обжалования истёк {D(lastDay)}. Подайте ходатайство о восстановлении пропущенного срока.",
        $"Шағымдану мерзімі {D(lastDay)} аяқталды. Өткізіп алған мерзімді қалпына келтіру туралы өтінішхат беріңіз.",
        $"The appeal term ended on {D(lastDay)}. File a motion to reinstate the missed term.");

    public static CaseRuleViolation ReinstatementNotGranted() => C("appeal.term-not-reinstated",
        "Пропущенный срок не восстановлен: ходатайство о его восстановлении не удовлетворено.",
        "Өткізіп алған мерзім қалпына келтірілген жоқ: оны қалпына келтіру туралы өтінішхат қанағаттандырылмаған.",
        "The missed term was not reinstated: the motion to reinstate it was not granted.");

    public static CaseRuleViolation AppealNotAParty() => U("appeal.not-a-party",
        "Обжаловать судебный акт могут стороны, прокурор и их представители.",
        "Сот актісіне тараптар, прокурор және олардың өкілдері шағым жасай алады.",
        "Only the parties, the prosecutor and their representatives may appeal.");

    public static CaseRuleViolation AppealUnknown() => N("appeal.unknown",
        "Апелляционная жалоба не найдена.", "Апелляциялық шағым табылмады.", "The appeal was not found.");

    public static CaseRuleViolation AppealAlreadyDecided() => C("appeal.already-decided",
        "Апелляционная жалоба уже рассмотрена с другим результатом.",
        "Апелляциялық шағым басқа нәтижемен қаралған.",
        "The appeal has already been decided differently.");

    public static CaseRuleViolation AppealMoot() => C("appeal.moot",
        "Жалоба не рассматривается: судебный акт уже отменён.",
        "Шағым қаралмайды: сот актісінің күші жойылған.",
        "The appeal is moot: the judgment has already been set aside.");

    public static CaseRuleViolation AppealPending() => C("appeal.pending",
        "Жалоба на судебный акт ещё не рассмотрена.",
        "Сот актісіне берілген шағым әлі қаралған жоқ.",
        "An appeal against the judgment is still pending.");

    public static CaseRuleViolation AmendedActRequired() => U("appeal.amended-act-required",
        "При изменении судебного акта приложите его изменённый текст.",
        "Сот актісі өзгертілгенде оның өзгертілген мәтінін қоса беріңіз.",
        "When the judgment is amended, attach its amended text.");

    public static CaseRuleViolation ErasureVersionsRequired() => U("erasure.versions-required",
        "Укажите события, данные которых подлежат удалению.",
        "Деректері жойылатын оқиғаларды көрсетіңіз.",
        "List the events whose data is to be erased.");

    public static CaseRuleViolation ErasureUnknownVersion(long version) => U("erasure.unknown-version",
        $"В деле нет события № {version}.",
        $"Істе № {version} оқиға жоқ.",
        $"The case has no event number {version}.");

    public static CaseRuleViolation ErasureOfErasure() => U("erasure.of-erasure",
        "Запись об удалении данных сама удалению не подлежит.",
        "Деректерді жою туралы жазбаның өзі жойылмайды.",
        "An erasure record cannot itself be erased.");

    public static CaseRuleViolation ErasureCaseActive() => C("erasure.case-active",
        "Срок хранения не может истечь, пока дело не завершено.",
        "Іс аяқталмайынша сақтау мерзімі өтпейді.",
        "The retention period cannot end while the case is still active.");

    public static CaseRuleViolation ClosedCategoryUnknown() => U("closed-category.unknown",
        "Неизвестная закрытая категория дела: допустимы minors, sexualOffence, adoption, stateSecrets, closedHearing.",
        "Белгісіз жабық іс санаты: minors, sexualOffence, adoption, stateSecrets, closedHearing рұқсат етіледі.",
        "Unknown closed category: use minors, sexualOffence, adoption, stateSecrets or closedHearing.");

    public static CaseRuleViolation SubjectRequired() => U("claim.subject-required",
        "Укажите предмет иска.", "Талап қоюдың нысанасын көрсетіңіз.", "State the subject of the claim.");

    public static CaseRuleViolation MotionNotAParty() => U("motion.not-a-party",
        "Ходатайство могут заявить стороны, прокурор и их представители.",
        "Өтінішхатты тараптар, прокурор және олардың өкілдері мәлімдей алады.",
        "Only the parties, the prosecutor and their representatives may file motions.");

    public static CaseRuleViolation IntakeUnknown() => N("intake.unknown",
        "Оценка документа при приёме не найдена.",
        "Қабылдау кезіндегі құжат бағасы табылмады.",
        "The intake assessment was not found.");

    public static CaseRuleViolation IntakeIdReused() => C("intake.id-reused",
        "Оценка с этим идентификатором уже записана для другого документа.",
        "Осы сәйкестендіргішпен баға басқа құжат үшін жазылған.",
        "An intake assessment with this id was already recorded for another document.");

    public static CaseRuleViolation IntakeAlreadyReviewed() => C("intake.already-reviewed",
        "Предложение уже рассмотрено сотрудником суда с другим результатом.",
        "Ұсынысты сот қызметкері басқа нәтижемен қарап қойған.",
        "The intake suggestion has already been reviewed with a different result.");

    public static CaseRuleViolation IntakeSuggestionInvalid() => U("intake.suggestion-invalid",
        "В предложении должны быть подкатегория и язык, у каждой стороны — имя, а сумма иска не может быть отрицательной.",
        "Ұсыныста кіші санат пен тіл, әр тараптың аты болуы керек, ал талап сомасы теріс бола алмайды.",
        "A suggestion needs a subcategory and a language, a name for every party, and a claim amount that is not negative.");

    public static CaseRuleViolation IntakeModelVersionRequired() => U("intake.model-version-required",
        "Укажите версию модели, сделавшей предложение.",
        "Ұсыныс жасаған модельдің нұсқасын көрсетіңіз.",
        "State the version of the model that made the suggestion.");

    public static CaseRuleViolation IntakeClerkRequired() => U("intake.clerk-required",
        "Укажите сотрудника суда, принявшего решение.",
        "Шешім қабылдаған сот қызметкерін көрсетіңіз.",
        "Name the court clerk who made the decision.");
}
