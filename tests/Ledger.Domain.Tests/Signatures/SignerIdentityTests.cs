using Ledger.Domain.Signatures;
using Ledger.Tests.Signatures;

namespace Ledger.Domain.Tests.Signatures;

public class SignerIdentityTests
{
    private static SignatureInfo Signature(string signer, string? iin) => new(
        new string('b', 64), signer, iin, null, "01", "CN=NCA TEST", "GOST R 34.10-2012 (256)", null, TestPki.Now, SignatureStatus.Valid);

    [Theory]
    [InlineData("СЕРИКОВ АРМАН", "750315300128", "Сериков Арман Болатович", "750315300128", SignerIdentity.Match.SameIin)]
    [InlineData("СЕРИКОВ АРМАН", "750315300128", "Сериков Арман Болатович", "820514400271", SignerIdentity.Match.Different)]
    // Same name, other IIN: the IIN decides.
    [InlineData("СЕРИКОВ АРМАН", "820514400271", "Сериков Арман", "750315300128", SignerIdentity.Match.Different)]
    [InlineData("СЕРИКОВ АРМАН", "750315300128", "Сериков Арман Болатович", null, SignerIdentity.Match.SameName)]
    [InlineData("СЕРИКОВ АРМАН", null, "Сериков Арман Болатович", "750315300128", SignerIdentity.Match.SameName)]
    [InlineData("СЕРИКОВ АРМАН", "750315300128", "Сериков А.Б.", null, SignerIdentity.Match.SameName)]
    [InlineData("ФЁДОРОВА АННА", "750315300128", "Федорова Анна", null, SignerIdentity.Match.SameName)]
    [InlineData("КАСЫМОВА РОЗА", "820514400271", "Сериков Арман Болатович", null, SignerIdentity.Match.Different)]
    [InlineData("СЕРИКОВА АЙГУЛЬ", "820514400271", "Сериков Арман", null, SignerIdentity.Match.Different)]
    [InlineData("СЕРИКОВ АРМАН", "750315300128", null, null, SignerIdentity.Match.Unknown)]
    [InlineData("СЕРИКОВ АРМАН", "750315300128", "А.Б.", null, SignerIdentity.Match.Unknown)]
    public void Given_a_signature_and_a_person_When_compared_Then_the_IIN_decides_and_else_the_name(
        string signer, string? signerIin, string? person, string? personIin, SignerIdentity.Match expected) =>
        Assert.Equal(expected, SignerIdentity.Compare(Signature(signer, signerIin), person, personIin));
}
