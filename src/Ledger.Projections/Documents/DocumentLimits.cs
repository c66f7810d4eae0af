namespace Ledger.Projections.Documents;

/// <summary>
/// Size limits of uploads (configuration <c>Documents:MaxFilingBytes</c>, <c>Documents:MaxRecordingBytes</c>).
/// A filing (PDF, DOCX, image, or an audio/video exhibit) may be at most <see cref="MaxFilingBytes"/>; a hearing
/// recording (an audio or video file uploaded with a kind starting "hearing-") at most <see cref="MaxRecordingBytes"/>.
/// </summary>
public sealed record DocumentLimits
{
    public const long DefaultMaxFilingBytes = 20L * 1024 * 1024;
    public const long DefaultMaxRecordingBytes = 512L * 1024 * 1024;

    /// <summary>PostgreSQL's bytea holds at most 1 GB; the recording limit stays below it.</summary>
    public const long StorageCeilingBytes = 1000L * 1024 * 1024;

    /// <summary>A detached signature is small; anything larger is not one.</summary>
    public const int MaxSignatureBytes = 1024 * 1024;

    public long MaxFilingBytes { get; init; } = DefaultMaxFilingBytes;

    public long MaxRecordingBytes { get; init; } = DefaultMaxRecordingBytes;

    /// <summary>The largest request body an upload may have: the larger limit plus room for the form and a signature.</summary>
    public long MaxRequestBytes => Math.Max(MaxFilingBytes, MaxRecordingBytes) + MaxSignatureBytes + (64 * 1024);

    /// <summary>Kinds of uploads that are hearing recordings ("hearing-audio", "hearing-video", "hearing-recording").</summary>
    public static bool IsRecordingKind(string kind) => kind.StartsWith("hearing-", StringComparison.Ordinal);

    /// <summary>The limit for an upload of this kind and detected type.</summary>
    public long LimitFor(string kind, DetectedMediaType type)
    {
        ArgumentNullException.ThrowIfNull(kind);
        ArgumentNullException.ThrowIfNull(type);
        return IsRecordingKind(kind) && type.IsRecording ? MaxRecordingBytes : MaxFilingBytes;
    }

    /// <exception cref="InvalidOperationException">A limit is not positive or the recording limit exceeds what PostgreSQL can store.</exception>
    public DocumentLimits Validated()
    {
        if (MaxFilingBytes <= 0 || MaxRecordingBytes <= 0)
        {
            throw new InvalidOperationException("Documents:MaxFilingBytes and Documents:MaxRecordingBytes must be positive numbers of bytes.");
        }

        if (MaxFilingBytes > StorageCeilingBytes || MaxRecordingBytes > StorageCeilingBytes)
        {
            throw new InvalidOperationException(
                $"Documents:MaxFilingBytes and Documents:MaxRecordingBytes may be at most {StorageCeilingBytes} bytes (documents are stored in PostgreSQL bytea).");
        }

        return this;
    }
}
