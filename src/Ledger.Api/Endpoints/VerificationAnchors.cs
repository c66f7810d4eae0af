using Ledger.Anchoring;
using Microsoft.Extensions.Configuration;

namespace Ledger.Api.Endpoints;

/// <summary>
/// Finds the anchor that covers a leaf: the smallest confirmed anchored checkpoint whose tree contains it, on the
/// configured chain and contract (the same anchor a receipt cites). A leaf not covered yet is <c>pending</c>.
/// </summary>
public sealed class VerificationAnchors(AnchorStore anchors, IConfiguration configuration)
{
    private readonly AnchorStore _anchors = anchors ?? throw new ArgumentNullException(nameof(anchors));
    private readonly long? _chainId = configuration?.GetValue<long?>("Chain:ChainId");
    private readonly string? _contract = configuration?["Chain:ContractAddress"] is { Length: > 0 } contract ? contract : null;

    public async Task<VerifiedAnchor> ForLeafAsync(long leafIndex, CancellationToken cancellationToken = default)
    {
        var anchor = await _anchors.GetConfirmedCoveringAsync(leafIndex, _chainId, _contract, cancellationToken);
        return anchor is null
            ? new VerifiedAnchor("pending", null, null, null, null, null, null)
            : new VerifiedAnchor(
                "anchored", anchor.ChainId, anchor.Contract, anchor.TxHash, anchor.BlockNumber, anchor.TreeSize,
                Convert.ToBase64String(anchor.RootHash));
    }
}
