using Ledger.Domain.Integrity;
using Ledger.Projections.Log;
using Npgsql;

namespace Ledger.Anchoring;

/// <summary>What became of a receipt request.</summary>
public enum ReceiptLookupStatus
{
    /// <summary>The receipt is ready (anchored, or pending with the latest checkpoint).</summary>
    Found,

    /// <summary>The event is committed but the sequencer has not given it a leaf yet: ask again in a moment.</summary>
    NotSequenced,

    /// <summary>No event has this id.</summary>
    UnknownEvent,
}

/// <summary>The answer to a receipt request: the receipt when <see cref="Status"/> is <see cref="ReceiptLookupStatus.Found"/>.</summary>
public sealed record ReceiptLookup(ReceiptLookupStatus Status, Receipt? Receipt)
{
    public static ReceiptLookup NotSequenced { get; } = new(ReceiptLookupStatus.NotSequenced, null);

    public static ReceiptLookup UnknownEvent { get; } = new(ReceiptLookupStatus.UnknownEvent, null);
}

/// <summary>Which anchors receipts may cite: those on this chain and contract (any, when not given).</summary>
public sealed record ReceiptAnchorScope(long? ChainId, string? ContractAddress)
{
    public static ReceiptAnchorScope Any { get; } = new(null, null);
}

/// <summary>
/// Assembles the receipt of an event (DESIGN.md "Receipt"): its leaf input and decoded envelope, a tlog-proof whose
/// checkpoint is the smallest confirmed anchored checkpoint covering the leaf (or the latest checkpoint while the leaf
/// is not anchored), and the anchor (null while pending).
/// </summary>
public sealed class ReceiptService(NpgsqlDataSource dataSource, LogReader log, AnchorStore anchors, ReceiptAnchorScope scope)
{
    private readonly NpgsqlDataSource _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));
    private readonly LogReader _log = log ?? throw new ArgumentNullException(nameof(log));
    private readonly AnchorStore _anchors = anchors ?? throw new ArgumentNullException(nameof(anchors));
    private readonly ReceiptAnchorScope _scope = scope ?? throw new ArgumentNullException(nameof(scope));

    public async Task<ReceiptLookup> GetAsync(Guid eventId, CancellationToken cancellationToken = default)
    {
        var leaf = await _log.GetLeafByEventAsync(eventId, cancellationToken);
        if (leaf is null)
        {
            return await IsCommittedAsync(eventId, cancellationToken) ? ReceiptLookup.NotSequenced : ReceiptLookup.UnknownEvent;
        }

        var anchor = await _anchors.GetConfirmedCoveringAsync(leaf.LeafIndex, _scope.ChainId, _scope.ContractAddress, cancellationToken);
        StoredCheckpoint? checkpoint = null;
        if (anchor is not null)
        {
            checkpoint = await _log.GetCheckpointAsync(anchor.TreeSize, cancellationToken);
        }

        if (checkpoint is null || !checkpoint.RootHash.AsSpan().SequenceEqual(anchor!.RootHash))
        {
            // Not anchored yet (or the anchored checkpoint is not this log's): prove against the latest checkpoint.
            anchor = null;
            checkpoint = await _log.GetLatestCheckpointAsync(cancellationToken);
            if (checkpoint is null || checkpoint.TreeSize <= leaf.LeafIndex)
            {
                return ReceiptLookup.NotSequenced;
            }
        }

        var hashes = await _log.GetInclusionProofAsync(leaf.LeafIndex, checkpoint.TreeSize, cancellationToken);
        var proof = new TlogProof(leaf.LeafIndex, hashes, checkpoint.Note).Format();
        var receiptAnchor = anchor is null
            ? null
            : new ReceiptAnchor(anchor.ChainId, anchor.Contract, anchor.TxHash, anchor.BlockNumber ?? 0, anchor.TreeSize, anchor.RootHash);
        var envelope = LeafEnvelope.Parse(leaf.LeafInput).ToView();
        return new ReceiptLookup(
            ReceiptLookupStatus.Found,
            new Receipt(leaf.EventId, leaf.LeafIndex, leaf.LeafInput, envelope, proof, receiptAnchor));
    }

    private async Task<bool> IsCommittedAsync(Guid eventId, CancellationToken cancellationToken)
    {
        await using var command = _dataSource.CreateCommand("select exists (select 1 from ledger.entries where event_id = @id)");
        command.Parameters.AddWithValue("id", eventId);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }
}
