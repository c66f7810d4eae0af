using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Ledger.Domain.Depersonalization;

namespace Ledger.Domain.Tests.Depersonalization;

public class NameFormsTests
{
    [Theory]
    [InlineData("ивановой", "иванов")]
    [InlineData("иванову", "иванов")]
    [InlineData("ивановым", "иванов")]
    [InlineData("ивановқа", "иванов")]
    [InlineData("ивановадан", "иванов")]
    [InlineData("сейтқалиеваның", "сейтқалиев")]
    [InlineData("берёзовского", "берёзовск")]
    [InlineData("берёзовская", "берёзовск")]
    [InlineData("ильину", "ильин")]
    public void Given_an_inflected_surname_When_stemmed_Then_all_forms_share_the_stem(string word, string stem)
    {
        Assert.Equal(stem, NameForms.SurnameStem(word));
    }

    [Theory]
    [InlineData("казахстан")]
    [InlineData("решение")]
    [InlineData("один")]
    [InlineData("суд")]
    public void Given_an_ordinary_word_When_stemmed_Then_it_is_not_a_surname(string word)
    {
        Assert.Null(NameForms.SurnameStem(word));
    }

    [Theory]
    [InlineData("ивановича", true)]
    [InlineData("сергеевной", true)]
    [InlineData("бекқызының", true)]
    [InlineData("асқарұлына", true)]
    [InlineData("ильинична", true)]
    [InlineData("ивановн", false)]
    [InlineData("кирпич", false)]
    public void Given_a_word_When_checked_Then_patronymics_in_any_case_are_recognised(string word, bool expected)
    {
        Assert.Equal(expected, NameForms.IsPatronymic(word));
    }

    private static readonly string[] Surnames = ["Ахметов", "Сәрсенбаев", "Петров", "Нұрғалиев", "Ильин", "Оспанов"];

    private static readonly string[] Suffixes = ["ға", "ге", "қа", "ке", "ның", "нің", "тың", "дың", "ды", "ты", "мен", "пен", "нан", "тан", "дан", "да", "та"];

    [Property(MaxTest = 200)]
    public Property Any_kazakh_case_suffix_on_a_participant_surname_is_removed_whole()
    {
        var gen = from surname in Gen.Elements(Surnames)
                  from female in Gen.Elements(false, true)
                  from suffix in Gen.Elements(Suffixes)
                  select (Surname: female ? surname + "а" : surname, Suffix: suffix);
        return Prop.ForAll(gen.ToArbitrary(), t =>
        {
            var participant = new Participant($"{t.Surname} Асқар Серікұлы", ParticipantRole.Defendant);
            var result = Depersonalizer.Depersonalize($"Жауапкер {t.Surname}{t.Suffix} түсіндірілді.", new DepersonalizationContext([participant]));
            return result.Text == "Жауапкер [ФИО-1] түсіндірілді.";
        });
    }
}
