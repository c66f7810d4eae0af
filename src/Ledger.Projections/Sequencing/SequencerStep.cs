namespace Ledger.Projections.Sequencing;

/// <summary>
/// The points between a sequencer batch's steps. Tests inject a failure at each of them (as if the process were
/// killed there) and check that a new sequencer resumes with no gap and no duplicate.
/// </summary>
public enum SequencerStep
{
    /// <summary>The next entries to sequence (the pending ones, after the cursor) have been read, nothing written yet.</summary>
    PendingRead,

    /// <summary>Leaves are inserted, nodes not yet.</summary>
    LeavesWritten,

    /// <summary>Leaves and nodes are inserted; the checkpoint not yet.</summary>
    NodesWritten,

    /// <summary>Everything is written and the checkpoint signed, the transaction not yet committed.</summary>
    CheckpointWritten,

    /// <summary>The batch is committed.</summary>
    Committed,
}

/// <summary>Called between steps; throwing simulates a crash at that point.</summary>
public delegate ValueTask SequencerFaultHook(SequencerStep step, long treeSizeBefore, int batchCount);
