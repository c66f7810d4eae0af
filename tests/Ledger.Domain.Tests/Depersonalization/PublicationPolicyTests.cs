using Ledger.Domain.Cases;
using Ledger.Domain.Depersonalization;

namespace Ledger.Domain.Tests.Depersonalization;

public class PublicationPolicyTests
{
    [Fact]
    public void Given_no_closed_category_When_decided_Then_the_act_may_be_published()
    {
        var decision = PublicationPolicy.Decide([]);
        Assert.True(decision.MayPublish);
    }

    [Theory]
    [InlineData(ClosedCategory.Minors)]
    [InlineData(ClosedCategory.SexualOffence)]
    [InlineData(ClosedCategory.Adoption)]
    [InlineData(ClosedCategory.StateSecrets)]
    [InlineData(ClosedCategory.ClosedHearing)]
    public void Given_a_closed_category_When_decided_Then_the_act_is_never_published(ClosedCategory category)
    {
        var decision = PublicationPolicy.Decide([category]);
        Assert.False(decision.MayPublish);
        Assert.Contains("не публикуется", decision.ReasonRu, StringComparison.Ordinal);
        Assert.Contains(category.ToString(), decision.ReasonEn, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("дело рассмотрено в закрытом судебном заседании", ClosedCategory.ClosedHearing)]
    [InlineData("об усыновлении ребёнка", ClosedCategory.Adoption)]
    [InlineData("в отношении несовершеннолетнего", ClosedCategory.Minors)]
    [InlineData("по ч. 1 ст. 120 УК РК (изнасилование)", ClosedCategory.SexualOffence)]
    [InlineData("сведения, составляющие государственные секреты", ClosedCategory.StateSecrets)]
    [InlineData("іс жабық сот отырысында қаралды", ClosedCategory.ClosedHearing)]
    public void Given_text_of_a_closed_category_When_scanned_Then_the_category_is_suggested_for_review(string text, ClosedCategory expected)
    {
        Assert.Contains(expected, PublicationPolicy.SuggestClosedCategories(text));
    }

    [Fact]
    public void Given_an_ordinary_loan_case_When_scanned_Then_nothing_is_suggested()
    {
        Assert.Empty(PublicationPolicy.SuggestClosedCategories("о взыскании суммы долга по договору займа, в открытом судебном заседании"));
    }
}
