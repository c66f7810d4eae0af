using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ledger.Domain.Integrity;

/// <summary>
/// The receipt of one event (DESIGN.md): its leaf, the decoded envelope, a tlog-proof whose checkpoint is the
/// anchored one when anchored, and the anchor (null while pending). Byte arrays are standard base64 in JSON.
/// </summary>
public sealed record Receipt(
    [property: JsonPropertyName("eventId")] Guid EventId,
    [property: JsonPropertyName("leafIndex")] long LeafIndex,
    [property: JsonPropertyName("leafInput")] byte[] LeafInput,
    [property: JsonPropertyName("envelope")] LeafEnvelopeView Envelope,
    [property: JsonPropertyName("proof")] string Proof,
    [property: JsonPropertyName("anchor")] ReceiptAnchor? Anchor)
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = true,

        // Receipts are files and API bodies, not HTML: keep '+' and the note's em dash readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The receipt as indented JSON.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>Reads a receipt from JSON; throws <see cref="JsonException"/> when malformed.</summary>
    public static Receipt FromJson(string json) =>
        JsonSerializer.Deserialize<Receipt>(json, Options) ?? throw new JsonException("The receipt is empty.");
}

/// <summary>Where a checkpoint was anchored: the chain, the contract, the transaction, and what it anchored.</summary>
public sealed record ReceiptAnchor(
    [property: JsonPropertyName("chainId")] long ChainId,
    [property: JsonPropertyName("contract")] string Contract,
    [property: JsonPropertyName("txHash")] string TxHash,
    [property: JsonPropertyName("blockNumber")] long BlockNumber,
    [property: JsonPropertyName("treeSize")] long TreeSize,
    [property: JsonPropertyName("rootHash")] byte[] RootHash);
