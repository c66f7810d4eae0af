using Ledger.Domain.Depersonalization;

namespace Ledger.Domain.Tests.Depersonalization;

public class PersonNameTests
{
    private static readonly Participant Plaintiff = new("Иванов Иван Иванович", ParticipantRole.Plaintiff);
    private static readonly Participant Defendant = new("Петрова Анна Сергеевна", ParticipantRole.Defendant);
    private static readonly Participant KazakhDefendant = new("Сейтқалиева Айгүл Бекқызы", ParticipantRole.Defendant);
    private static readonly Participant Judge = new("Ахметова Асель Маратовна", ParticipantRole.Judge);

    [Theory]
    [InlineData("Иванов Иван Иванович")]
    [InlineData("Иванова Ивана Ивановича")]
    [InlineData("Иванову Ивану Ивановичу")]
    [InlineData("Ивановым Иваном Ивановичем")]
    [InlineData("Иванове Иване Ивановиче")]
    [InlineData("Иванов И.И.")]
    [InlineData("И.И. Иванову")]
    [InlineData("Иванова И. И.")]
    [InlineData("Иван Иванович")]
    [InlineData("ИВАНОВУ ИВАНУ ИВАНОВИЧУ")]
    public void Given_every_russian_case_of_a_male_participant_When_depersonalized_Then_the_whole_name_is_one_pseudonym(string form)
    {
        var result = TestText.Run($"Суд выслушал {form} и установил следующее.", Plaintiff);
        Assert.Equal("Суд выслушал [ФИО-1] и установил следующее.", result.Text);
        Assert.Equal([form], result.Removed(EntityType.PersonName));
    }

    [Theory]
    [InlineData("Петрова Анна Сергеевна")]
    [InlineData("Петровой Анны Сергеевны")]
    [InlineData("Петровой Анне Сергеевне")]
    [InlineData("Петрову Анну Сергеевну")]
    [InlineData("Петровой Анной Сергеевной")]
    [InlineData("Петровой А.С.")]
    [InlineData("А.С. Петровой")]
    [InlineData("Анну Сергеевну")]
    public void Given_every_russian_case_of_a_female_participant_When_depersonalized_Then_the_name_is_removed(string form)
    {
        var result = TestText.Run($"Суд выслушал {form} и установил следующее.", Defendant);
        Assert.Equal([form], result.Removed(EntityType.PersonName));
    }

    [Theory]
    [InlineData("Сейтқалиеваға")]
    [InlineData("Сейтқалиеваның")]
    [InlineData("Сейтқалиеваны")]
    [InlineData("Сейтқалиевамен")]
    [InlineData("Сейтқалиевадан")]
    [InlineData("Сейтқалиева Айгүл Бекқызына")]
    [InlineData("Сейтқалиева Айгүл Бекқызының")]
    [InlineData("Айгүл Бекқызымен")]
    [InlineData("А.Б. Сейтқалиеваға")]
    [InlineData("Сейтқалиева А.Б.-ға")]
    public void Given_kazakh_case_suffixes_When_depersonalized_Then_the_suffixed_name_is_removed(string form)
    {
        var result = TestText.Run($"Жауапкер {form} түсіндірілді.", KazakhDefendant);
        Assert.Equal($"Жауапкер [ФИО-1] түсіндірілді.", result.Text);
    }

    [Fact]
    public void Given_many_forms_of_two_people_When_depersonalized_Then_each_keeps_one_pseudonym_in_order_of_appearance()
    {
        const string text = "Иск Петровой Анны Сергеевны к Иванову И.И. Ответчик Иванов иск не признал. А.С. Петрова настаивала. Иван Иванович возражал.";
        var result = TestText.Run(text, Plaintiff, Defendant);
        Assert.Equal("Иск [ФИО-1] к [ФИО-2]. Ответчик [ФИО-2] иск не признал. [ФИО-1] настаивала. [ФИО-2] возражал.", result.Text);
    }

    [Fact]
    public void Given_a_judge_in_the_participant_list_When_depersonalized_Then_the_judge_stays_in_every_form()
    {
        const string text = "Судья Ахметова А.М., рассмотрев иск Иванова И.И. Председательствующий А.М. Ахметова. Ахметовой Асель Маратовной вынесено.";
        var result = TestText.Run(text, Plaintiff, Judge);
        // The last dot of the initials ends the sentence and stays in the text.
        Assert.Equal(["Иванова И.И"], result.Removed(EntityType.PersonName));
    }

    [Fact]
    public void Given_kept_roles_without_lawyers_When_depersonalized_Then_a_lawyer_is_removed_too()
    {
        var lawyer = new Participant("Смағұлов Ерлан Серікұлы", ParticipantRole.Lawyer);
        const string text = "с участием адвоката Смағұлова Е.С.";
        Assert.Empty(TestText.Run(text, lawyer).Replacements);
        var keptRoles = new HashSet<ParticipantRole> { ParticipantRole.Judge, ParticipantRole.Prosecutor };
        var result = Depersonalizer.Depersonalize(text, new DepersonalizationContext([lawyer], keptRoles));
        Assert.Equal(["Смағұлова Е.С"], result.Removed(EntityType.PersonName));
    }

    [Fact]
    public void Given_unlisted_persons_When_depersonalized_Then_patterns_find_them_and_their_later_mentions()
    {
        const string text = "Свидетель Петренко Олег Викторович показал, что видел подсудимого. Показания Петренко О.В. подтверждены. "
            + "Сидоров С.С. не явился. Свидетель Кузнецова пояснила, что Кузнецовой звонили.";
        var result = TestText.Run(text);
        Assert.Equal(["Петренко Олег Викторович", "Петренко О.В.", "Сидоров С.С.", "Кузнецова", "Кузнецовой"], result.Removed(EntityType.PersonName));
        Assert.Equal("[ФИО-1]", result.Replacements[0].ReplacementText);
        Assert.Equal("[ФИО-1]", result.Replacements[1].ReplacementText);
        Assert.Equal(result.Replacements[3].ReplacementText, result.Replacements[4].ReplacementText);
    }

    [Fact]
    public void Given_unlisted_court_staff_named_after_their_role_When_depersonalized_Then_they_stay()
    {
        const string text = "в составе председательствующего судьи Мусабековой Г.К., при секретаре судебного заседания Петровой Н.С., "
            + "с участием прокурора Ибраева Д.К. и адвоката Грищенко В.В., потерпевшего Цой Виктора.";
        var result = TestText.Run(text);
        Assert.Equal(["Цой Виктора"], result.Removed(EntityType.PersonName));
    }

    [Fact]
    public void Given_a_relative_sharing_the_surname_of_a_participant_When_depersonalized_Then_they_get_a_different_pseudonym()
    {
        var father = new Participant("Абилов Руслан Кайратович", ParticipantRole.Defendant);
        const string text = "Ответчик Абилов Р.К. является отцом Абилова Тимура Руслановича. Абилов Р.К. алименты не платит.";
        var result = TestText.Run(text, father);
        Assert.Equal("Ответчик [ФИО-1] является отцом [ФИО-2]. [ФИО-1] алименты не платит.", result.Text);
    }

    [Fact]
    public void Given_a_company_and_an_institution_named_after_people_When_depersonalized_Then_they_stay()
    {
        var someone = new Participant("Абаев Абай Петрович", ParticipantRole.Plaintiff);
        const string text = "Работал в ТОО «Петров и партнёры», директор Петров А.В.; сын учится в школе-лицее № 8 имени Абая.";
        var result = TestText.Run(text, someone);
        Assert.Contains("ТОО «Петров и партнёры»", result.Text, StringComparison.Ordinal);
        Assert.Contains("имени Абая", result.Text, StringComparison.Ordinal);
        Assert.Equal(["Петров А.В."], result.Removed(EntityType.PersonName));
    }

    [Fact]
    public void Given_a_name_broken_across_lines_When_depersonalized_Then_it_is_one_replacement()
    {
        var accused = new Participant("Нуржанов Азамат Болатович", ParticipantRole.Accused);
        var result = TestText.Run("в отношении:\nНуржанова\nАзамата Болатовича, 1985 года рождения", accused);
        Assert.Equal(["Нуржанова\nАзамата Болатовича"], result.Removed(EntityType.PersonName));
    }

    [Fact]
    public void Given_replacements_When_reviewed_Then_each_says_which_participant_or_rule_fired()
    {
        var result = TestText.Run("Иванов И.И. и Сидоров С.С. явились.", Plaintiff);
        Assert.Contains("participant: Иванов Иван Иванович (Plaintiff)", result.Replacements[0].Reason, StringComparison.Ordinal);
        Assert.Contains("surname + initials", result.Replacements[1].Reason, StringComparison.Ordinal);
    }
}
