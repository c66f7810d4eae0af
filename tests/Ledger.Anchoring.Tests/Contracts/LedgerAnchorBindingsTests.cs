using Ledger.Anchoring.Contracts;
using Nethereum.ABI.ABIDeserialisation;
using Nethereum.Contracts;

namespace Ledger.Anchoring.Tests.Contracts;

/// <summary>The typed bindings in LedgerAnchorContract.gen.cs must match the compiled ABI exactly.</summary>
public sealed class LedgerAnchorBindingsTests
{
    private static readonly Type[] FunctionTypes =
    [
        typeof(AnchorFunction), typeof(RootAtFunction), typeof(LatestFunction), typeof(IsAnchorerFunction),
        typeof(GrantAnchorerFunction), typeof(RevokeAnchorerFunction), typeof(AdminFunction), typeof(PendingAdminFunction),
        typeof(TransferAdminFunction), typeof(AcceptAdminFunction),
    ];

    private static readonly Type[] EventTypes =
    [
        typeof(AnchoredEventDTO), typeof(AnchorerGrantedEventDTO), typeof(AnchorerRevokedEventDTO),
        typeof(AdminTransferStartedEventDTO), typeof(AdminTransferredEventDTO),
    ];

    private static readonly Type[] ErrorTypes =
    [
        typeof(NotAdminError), typeof(NotPendingAdminError), typeof(NotAnchorerError),
        typeof(TreeSizeNotIncreasingError), typeof(ZeroRootHashError), typeof(ZeroAddressError),
    ];

    private static readonly Nethereum.ABI.Model.ContractABI Abi = ABIDeserialiserFactory.DeserialiseContractABI(LedgerAnchorArtifacts.Abi);

    [Fact]
    public void Given_the_ABI_When_compared_with_the_function_messages_Then_every_function_has_one_with_the_same_selector()
    {
        var typed = FunctionTypes.Select(t => ABITypedRegistry.GetFunctionABI(t).Sha3Signature).Order().ToArray();
        var compiled = Abi.Functions.Select(f => f.Sha3Signature).Order().ToArray();
        Assert.Equal(compiled, typed);
    }

    [Fact]
    public void Given_the_ABI_When_compared_with_the_event_DTOs_Then_signatures_and_indexed_parameters_match()
    {
        var typed = EventTypes.Select(t => Describe(ABITypedRegistry.GetEvent(t))).Order().ToArray();
        var compiled = Abi.Events.Select(Describe).Order().ToArray();
        Assert.Equal(compiled, typed);

        static string Describe(Nethereum.ABI.Model.EventABI e) =>
            e.Sha3Signature + ":" + string.Join(",", e.InputParameters.OrderBy(p => p.Order).Select(p => p.Indexed ? "i" : "d"));
    }

    [Fact]
    public void Given_the_ABI_When_compared_with_the_error_types_Then_every_error_has_one_with_the_same_selector()
    {
        var typed = ErrorTypes.Select(t => ABITypedRegistry.GetError(t).Sha3Signature).Order().ToArray();
        var compiled = Abi.Errors.Select(e => e.Sha3Signature).Order().ToArray();
        Assert.Equal(compiled, typed);
    }

    [Fact]
    public void Given_an_origin_When_its_log_id_is_computed_Then_it_is_the_SHA256_of_the_UTF8_origin()
    {
        // SHA-256("abc"), FIPS 180-2 appendix B.1.
        Assert.Equal(
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
            Convert.ToHexStringLower(LedgerAnchorClient.LogIdFor("abc")));
    }
}
