namespace Ledger.Domain.Integrity;

/// <summary>The checks of a receipt, in the order they are made.</summary>
public enum ReceiptCheckStep
{
    /// <summary>The leaf input decodes as a canonical envelope that matches the fields shown.</summary>
    LeafInput,

    /// <summary>The proof text is a well-formed tlog-proof for the receipt's leaf index.</summary>
    ProofFormat,

    /// <summary>The proof's checkpoint is signed by the log key.</summary>
    CheckpointSignature,

    /// <summary>The checkpoint's origin is the log the envelope names.</summary>
    Origin,

    /// <summary>The inclusion proof leads from the leaf hash to the checkpoint's root.</summary>
    Inclusion,

    /// <summary>The anchor states the checkpoint's size and root.</summary>
    Anchor,

    /// <summary>The chain holds that root for that size.</summary>
    AnchorOnChain,
}

/// <summary>How a check ended.</summary>
public enum ReceiptCheckOutcome
{
    /// <summary>The check held.</summary>
    Passed,

    /// <summary>The check failed; later checks were not made.</summary>
    Failed,

    /// <summary>The check could not be made (no anchor yet, or no chain access given).</summary>
    Skipped,
}

/// <summary>Where a receipt stands with respect to the chain.</summary>
public enum AnchorStatus
{
    /// <summary>Not anchored yet: fetch the receipt again later.</summary>
    Pending,

    /// <summary>Anchored, but the chain was not consulted.</summary>
    NotCheckedOnChain,

    /// <summary>Anchored, and the chain holds the same root.</summary>
    ConfirmedOnChain,
}

/// <summary>One check of a receipt.</summary>
public sealed record ReceiptCheck(ReceiptCheckStep Step, ReceiptCheckOutcome Outcome, string Message);

/// <summary>The chain call a receipt needs: <c>rootAt(logId, treeSize)</c> on the anchor contract.</summary>
public sealed record AnchorLookup(long ChainId, string Contract, byte[] LogId, long TreeSize, string TxHash, long BlockNumber);

/// <summary>The verdict on a receipt: which checks held and which step failed.</summary>
public sealed record ReceiptVerification(
    IReadOnlyList<ReceiptCheck> Checks,
    AnchorStatus AnchorStatus,
    LeafEnvelope? Envelope,
    Checkpoint? Checkpoint)
{
    /// <summary>True when no check failed (some may be skipped; see <see cref="AnchorStatus"/>).</summary>
    public bool IsValid => FailedStep is null;

    /// <summary>The step that failed, if any.</summary>
    public ReceiptCheckStep? FailedStep
    {
        get
        {
            foreach (var check in Checks)
            {
                if (check.Outcome == ReceiptCheckOutcome.Failed)
                {
                    return check.Step;
                }
            }

            return null;
        }
    }

    /// <summary>The failed check's message, if any.</summary>
    public string? Error => Checks.FirstOrDefault(c => c.Outcome == ReceiptCheckOutcome.Failed)?.Message;
}

/// <summary>
/// Pure receipt verification: leaf input → leaf hash → inclusion proof → checkpoint root → log signature →
/// anchored root. The chain read is passed in, so the verifier itself does no I/O.
/// </summary>
public static class ReceiptVerifier
{
    /// <summary>
    /// Verifies a receipt. <paramref name="anchoredRootLookup"/> returns the root the anchor contract holds for
    /// (logId, treeSize), or null when it holds none; pass null to verify offline without the chain.
    /// </summary>
    public static ReceiptVerification Verify(Receipt receipt, NoteVerifier logKey, Func<AnchorLookup, byte[]?>? anchoredRootLookup = null)
    {
        var state = VerifyOffline(receipt, logKey);
        if (state.Done)
        {
            return state.Result();
        }

        if (anchoredRootLookup is null)
        {
            return state.SkipChain();
        }

        byte[]? onChain;
        try
        {
            onChain = anchoredRootLookup(state.Lookup!);
        }
        catch (Exception ex) when (ex is not OutOfMemoryException)
        {
            return state.Fail(ReceiptCheckStep.AnchorOnChain, $"The chain could not be read: {ex.Message}").Result();
        }

        return state.Chain(onChain);
    }

    /// <summary>As <see cref="Verify"/>, with an asynchronous chain read.</summary>
    public static async Task<ReceiptVerification> VerifyAsync(
        Receipt receipt, NoteVerifier logKey, Func<AnchorLookup, CancellationToken, Task<byte[]?>>? anchoredRootLookup, CancellationToken cancellationToken = default)
    {
        var state = VerifyOffline(receipt, logKey);
        if (state.Done)
        {
            return state.Result();
        }

        if (anchoredRootLookup is null)
        {
            return state.SkipChain();
        }

        byte[]? onChain;
        try
        {
            onChain = await anchoredRootLookup(state.Lookup!, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not OutOfMemoryException)
        {
            return state.Fail(ReceiptCheckStep.AnchorOnChain, $"The chain could not be read: {ex.Message}").Result();
        }

        return state.Chain(onChain);
    }

    private static State VerifyOffline(Receipt receipt, NoteVerifier logKey)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        ArgumentNullException.ThrowIfNull(logKey);
        var state = new State();

        // 1. Leaf input → envelope → leaf hash.
        LeafEnvelope envelope;
        try
        {
            envelope = LeafEnvelope.Parse(receipt.LeafInput ?? []);
        }
        catch (FormatException ex)
        {
            return state.Fail(ReceiptCheckStep.LeafInput, $"The leaf input is not a valid envelope: {ex.Message}");
        }

        state.Envelope = envelope;
        if (!envelope.ToView().Matches(receipt.Envelope))
        {
            return state.Fail(ReceiptCheckStep.LeafInput, "The fields shown in the receipt differ from those in the leaf input.");
        }

        byte[] leafHash = MerkleHash.LeafHash(receipt.LeafInput);
        state.Pass(ReceiptCheckStep.LeafInput, $"Leaf hash {Convert.ToHexStringLower(leafHash)}.");

        // 2. Proof text.
        TlogProof proof;
        try
        {
            proof = TlogProof.Parse(receipt.Proof ?? "");
        }
        catch (FormatException ex)
        {
            return state.Fail(ReceiptCheckStep.ProofFormat, $"The proof is malformed: {ex.Message}");
        }

        if (proof.Index != receipt.LeafIndex)
        {
            return state.Fail(ReceiptCheckStep.ProofFormat, $"The proof is for leaf {proof.Index}, not leaf {receipt.LeafIndex}.");
        }

        state.Pass(ReceiptCheckStep.ProofFormat, $"Proof for leaf {proof.Index} with {proof.Hashes.Count} hashes.");

        // 3. Checkpoint signature.
        var signed = SignedCheckpoint.Verify(proof.Checkpoint, logKey);
        if (!signed.IsValid)
        {
            return state.Fail(ReceiptCheckStep.CheckpointSignature, $"The checkpoint is not validly signed by the log: {signed.Error}");
        }

        var checkpoint = signed.Checkpoint!;
        state.Checkpoint = checkpoint;
        state.Pass(ReceiptCheckStep.CheckpointSignature, $"Checkpoint of {checkpoint.TreeSize} leaves signed by {logKey.Name}.");

        // 4. Origin.
        if (!string.Equals(checkpoint.Origin, envelope.Origin, StringComparison.Ordinal))
        {
            return state.Fail(ReceiptCheckStep.Origin, $"The leaf belongs to log {envelope.Origin} but the checkpoint is of log {checkpoint.Origin}.");
        }

        state.Pass(ReceiptCheckStep.Origin, $"Log {checkpoint.Origin}.");

        // 5. Inclusion.
        if (!ProofVerifier.VerifyInclusion(proof.Index, checkpoint.TreeSize, leafHash, proof.Hashes, checkpoint.RootHash))
        {
            return state.Fail(ReceiptCheckStep.Inclusion, $"The inclusion proof does not lead from leaf {proof.Index} to the checkpoint's root.");
        }

        state.Pass(ReceiptCheckStep.Inclusion, $"Leaf {proof.Index} is in the tree of {checkpoint.TreeSize} leaves.");

        // 6. Anchor fields.
        var anchor = receipt.Anchor;
        if (anchor is null)
        {
            state.Skip(ReceiptCheckStep.Anchor, "Not anchored yet; fetch the receipt again later.");
            state.Skip(ReceiptCheckStep.AnchorOnChain, "Not anchored yet.");
            state.Status = AnchorStatus.Pending;
            state.Done = true;
            return state;
        }

        if (anchor.TreeSize != checkpoint.TreeSize || anchor.RootHash is null || !anchor.RootHash.AsSpan().SequenceEqual(checkpoint.RootHash))
        {
            return state.Fail(ReceiptCheckStep.Anchor, "The anchor names a different tree size or root than the proof's checkpoint.");
        }

        state.Pass(ReceiptCheckStep.Anchor, $"Anchored in transaction {anchor.TxHash} (block {anchor.BlockNumber}, chain {anchor.ChainId}).");
        state.Lookup = new AnchorLookup(anchor.ChainId, anchor.Contract, LogId.FromOrigin(checkpoint.Origin), checkpoint.TreeSize, anchor.TxHash, anchor.BlockNumber);
        return state;
    }

    private sealed class State
    {
        private readonly List<ReceiptCheck> _checks = [];

        public bool Done { get; set; }

        public AnchorStatus Status { get; set; } = AnchorStatus.Pending;

        public LeafEnvelope? Envelope { get; set; }

        public Checkpoint? Checkpoint { get; set; }

        public AnchorLookup? Lookup { get; set; }

        public void Pass(ReceiptCheckStep step, string message) => _checks.Add(new(step, ReceiptCheckOutcome.Passed, message));

        public void Skip(ReceiptCheckStep step, string message) => _checks.Add(new(step, ReceiptCheckOutcome.Skipped, message));

        public State Fail(ReceiptCheckStep step, string message)
        {
            _checks.Add(new(step, ReceiptCheckOutcome.Failed, message));
            Done = true;
            return this;
        }

        public ReceiptVerification Result() => new(_checks.ToArray(), Status, Envelope, Checkpoint);

        public ReceiptVerification SkipChain()
        {
            Skip(ReceiptCheckStep.AnchorOnChain, "The chain was not consulted.");
            Status = AnchorStatus.NotCheckedOnChain;
            return Result();
        }

        public ReceiptVerification Chain(byte[]? onChain)
        {
            Status = AnchorStatus.NotCheckedOnChain;
            if (onChain is null)
            {
                Fail(ReceiptCheckStep.AnchorOnChain, $"The anchor contract holds no root for tree size {Lookup!.TreeSize}.");
            }
            else if (!onChain.AsSpan().SequenceEqual(Checkpoint!.RootHash))
            {
                Fail(ReceiptCheckStep.AnchorOnChain, "The root on the chain differs from the checkpoint's root.");
            }
            else
            {
                Pass(ReceiptCheckStep.AnchorOnChain, $"The chain holds this root for tree size {Lookup!.TreeSize}.");
                Status = AnchorStatus.ConfirmedOnChain;
            }

            return Result();
        }
    }
}
