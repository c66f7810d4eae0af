namespace Ledger.Domain.Integrity;

/// <summary>
/// Storage of the hashes of perfect subtrees. Nodes never change once written, so a store may cache freely.
/// </summary>
public interface INodeStore
{
    /// <summary>The hash of the node, or null when it has not been written.</summary>
    byte[]? Read(NodeId id);

    /// <summary>
    /// Writes a batch of nodes (for a database: one round trip, in the sequencer's transaction). The list may be
    /// reused by the caller once this returns; the hash arrays are not reused.
    /// </summary>
    void Write(IReadOnlyList<KeyValuePair<NodeId, byte[]>> nodes);
}
