namespace Ledger.Domain.Integrity;

/// <summary>
/// A perfect subtree of the log: level 0 holds the leaves; node (L, i) covers leaves [i·2^L, (i+1)·2^L).
/// Only perfect subtrees are ever stored; the right-edge ("ephemeral") nodes of a tree whose size is not a
/// power of two are recomputed from them.
/// </summary>
public readonly record struct NodeId(int Level, long Index)
{
    /// <summary>First leaf covered by this node.</summary>
    public long Begin => Index << Level;

    /// <summary>One past the last leaf covered by this node.</summary>
    public long End => (Index + 1) << Level;

    /// <inheritdoc />
    public override string ToString() => $"({Level}, {Index})";
}
