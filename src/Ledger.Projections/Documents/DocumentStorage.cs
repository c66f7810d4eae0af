using System.Data;
using System.Security.Cryptography;
using System.Text.Json;
using Ledger.Domain.Cases;
using Ledger.Domain.Signatures;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Projections.Documents;

/// <summary>A stored document's metadata.</summary>
public sealed record StoredDocument(string Sha256Hex, string MediaType, long SizeBytes, DateTimeOffset CreatedAt, string? UploadedBy);

/// <summary>
/// A stored document's content, read from the database and re-hashed: it matched its SHA-256. Dispose it (the
/// content may sit in a temporary file).
/// </summary>
public sealed class VerifiedContent(string sha256Hex, string mediaType, long sizeBytes, Stream content) : IAsyncDisposable, IDisposable
{
    public string Sha256Hex { get; } = sha256Hex;

    public string MediaType { get; } = mediaType;

    public long SizeBytes { get; } = sizeBytes;

    /// <summary>The content, positioned at its start; seekable.</summary>
    public Stream Content { get; } = content;

    public ValueTask DisposeAsync() => Content.DisposeAsync();

    public void Dispose() => Content.Dispose();
}

/// <summary>
/// Content-addressed document storage in PostgreSQL (docs/documents.md): <c>ledger.documents</c> holds each distinct
/// content once under its SHA-256 (lower-case hex), and <c>ledger.document_signatures</c> the verified detached
/// signatures over it. Storing the same bytes again changes nothing. Every read recomputes the hash before a byte is
/// handed out; a mismatch throws <see cref="DocumentIntegrityException"/>.
/// </summary>
public sealed class DocumentStorage(NpgsqlDataSource dataSource) : IDisposable
{
    public const string Ddl = """
        create schema if not exists ledger;

        create table if not exists ledger.documents (
            sha256       text primary key check (sha256 ~ '^[0-9a-f]{64}$'),
            media_type   text not null,
            size_bytes   bigint not null check (size_bytes > 0),
            content      bytea not null,
            created_at   timestamptz not null default now(),
            uploaded_by  text
        );
        -- Uploads are compressed formats already (PDF streams, DOCX zip, JPEG, MP3, MP4 ...): store out of line, uncompressed.
        alter table ledger.documents alter column content set storage external;

        create table if not exists ledger.document_signatures (
            document_sha256   text not null references ledger.documents (sha256),
            signature_sha256  text not null check (signature_sha256 ~ '^[0-9a-f]{64}$'),
            cms               bytea not null,
            signer            jsonb not null,
            verified_at       timestamptz not null,
            uploaded_by       text,
            primary key (document_sha256, signature_sha256)
        );
        """;

    /// <summary>Content up to this size is re-hashed in memory; larger content goes through a temporary file.</summary>
    public const int InMemoryReadLimit = 32 * 1024 * 1024;

    /// <summary>The advisory lock <c>LedgerSchema.EnsureAsync</c> takes: both create objects in schema <c>ledger</c>.</summary>
    private const long SchemaLockKey = 7206112001;

    private static readonly JsonSerializerOptions SignerJson = new(JsonSerializerDefaults.Web);

    private readonly SemaphoreSlim _schemaGate = new(1, 1);
    private volatile bool _schemaReady;

    /// <summary>Creates the tables when they do not exist (idempotent, safe against concurrent start-ups).</summary>
    public async Task EnsureSchemaAsync(CancellationToken cancellationToken = default)
    {
        if (_schemaReady)
        {
            return;
        }

        await _schemaGate.WaitAsync(cancellationToken);
        try
        {
            if (_schemaReady)
            {
                return;
            }

            await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            await using (var lockCommand = new NpgsqlCommand($"select pg_advisory_lock({SchemaLockKey})", connection))
            {
                await lockCommand.ExecuteNonQueryAsync(cancellationToken);
            }

            try
            {
                await using var command = new NpgsqlCommand(Ddl, connection);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            finally
            {
                await using var unlock = new NpgsqlCommand($"select pg_advisory_unlock({SchemaLockKey})", connection);
                await unlock.ExecuteNonQueryAsync(CancellationToken.None);
            }

            _schemaReady = true;
        }
        finally
        {
            _schemaGate.Release();
        }
    }

    /// <summary>
    /// Stores <paramref name="content"/> (read from its start) under <paramref name="sha256Hex"/>, with a verified
    /// signature when given, in one transaction. Returns true when the content was new. The caller has hashed the
    /// content; the database row is written from the same stream.
    /// </summary>
    public async Task<bool> StoreAsync(
        Stream content, string sha256Hex, string mediaType, long sizeBytes, string? uploadedBy,
        SignatureInfo? signature = null, byte[]? cms = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentException.ThrowIfNullOrEmpty(sha256Hex);
        if ((signature is null) != (cms is null))
        {
            throw new ArgumentException("A signature is stored with its CMS bytes.", nameof(cms));
        }

        await EnsureSchemaAsync(cancellationToken);
        content.Position = 0;
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        bool created;
        await using (var insert = new NpgsqlCommand(
            """
            insert into ledger.documents (sha256, media_type, size_bytes, content, uploaded_by)
            values (@sha256, @mediaType, @size, @content, @uploadedBy)
            on conflict (sha256) do nothing
            """, connection, transaction))
        {
            insert.Parameters.AddWithValue("sha256", sha256Hex);
            insert.Parameters.AddWithValue("mediaType", mediaType);
            insert.Parameters.AddWithValue("size", sizeBytes);
            insert.Parameters.Add(new NpgsqlParameter("content", NpgsqlDbType.Bytea) { Value = content, Size = checked((int)sizeBytes) });
            insert.Parameters.AddWithValue("uploadedBy", (object?)uploadedBy ?? DBNull.Value);
            created = await insert.ExecuteNonQueryAsync(cancellationToken) == 1;
        }

        if (signature is not null)
        {
            await using var sign = new NpgsqlCommand(
                """
                insert into ledger.document_signatures (document_sha256, signature_sha256, cms, signer, verified_at, uploaded_by)
                values (@document, @signature, @cms, @signer, @verifiedAt, @uploadedBy)
                on conflict (document_sha256, signature_sha256) do nothing
                """, connection, transaction);
            sign.Parameters.AddWithValue("document", sha256Hex);
            sign.Parameters.AddWithValue("signature", signature.SignatureSha256Hex);
            sign.Parameters.AddWithValue("cms", cms!);
            sign.Parameters.Add(new NpgsqlParameter("signer", NpgsqlDbType.Jsonb) { Value = JsonSerializer.Serialize(signature, SignerJson) });
            sign.Parameters.AddWithValue("verifiedAt", signature.VerifiedAt);
            sign.Parameters.AddWithValue("uploadedBy", (object?)uploadedBy ?? DBNull.Value);
            await sign.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return created;
    }

    /// <summary>The document's metadata, or null when no document has this hash.</summary>
    public async Task<StoredDocument?> FindAsync(string sha256Hex, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var command = dataSource.CreateCommand(
            "select sha256, media_type, size_bytes, created_at, uploaded_by from ledger.documents where sha256 = @sha256");
        command.Parameters.AddWithValue("sha256", sha256Hex);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StoredDocument(
            reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetFieldValue<DateTimeOffset>(3),
            await reader.IsDBNullAsync(4, cancellationToken) ? null : reader.GetString(4));
    }

    /// <summary>
    /// The metadata and verified signatures (oldest first) of every stored document among <paramref name="sha256Hexes"/>,
    /// in one round trip; a hash that is not stored is absent from the answer. The same values as <see cref="FindAsync"/>
    /// and <see cref="GetSignaturesAsync"/> give one by one.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, (StoredDocument Document, IReadOnlyList<SignatureInfo> Signatures)>> FindWithSignaturesAsync(
        IReadOnlyCollection<string> sha256Hexes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sha256Hexes);
        var found = new Dictionary<string, (StoredDocument, IReadOnlyList<SignatureInfo>)>(StringComparer.Ordinal);
        if (sha256Hexes.Count == 0)
        {
            return found;
        }

        await EnsureSchemaAsync(cancellationToken);
        await using var command = dataSource.CreateCommand(
            """
            select d.sha256, d.media_type, d.size_bytes, d.created_at, d.uploaded_by,
                   (select coalesce(json_agg(s.signer order by s.verified_at, s.signature_sha256), '[]'::json)
                    from ledger.document_signatures s where s.document_sha256 = d.sha256)::text
            from ledger.documents d where d.sha256 = any(@sha256)
            """);
        command.Parameters.AddWithValue("sha256", sha256Hexes.ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var document = new StoredDocument(
                reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetFieldValue<DateTimeOffset>(3),
                reader.IsDBNull(4) ? null : reader.GetString(4));
            var signatures = JsonSerializer.Deserialize<List<SignatureInfo>>(reader.GetString(5), SignerJson)!;
            found[document.Sha256Hex] = (document, signatures);
        }

        return found;
    }

    /// <summary>The verified signatures over the document, oldest first.</summary>
    public async Task<IReadOnlyList<SignatureInfo>> GetSignaturesAsync(string sha256Hex, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var command = dataSource.CreateCommand(
            "select signer::text from ledger.document_signatures where document_sha256 = @sha256 order by verified_at, signature_sha256");
        command.Parameters.AddWithValue("sha256", sha256Hex);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var signatures = new List<SignatureInfo>();
        while (await reader.ReadAsync(cancellationToken))
        {
            signatures.Add(JsonSerializer.Deserialize<SignatureInfo>(reader.GetString(0), SignerJson)!);
        }

        return signatures;
    }

    /// <summary>The detached CMS bytes of a stored signature, or null.</summary>
    public async Task<byte[]?> GetSignatureBytesAsync(string sha256Hex, string signatureSha256Hex, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var command = dataSource.CreateCommand(
            "select cms from ledger.document_signatures where document_sha256 = @sha256 and signature_sha256 = @signature");
        command.Parameters.AddWithValue("sha256", sha256Hex);
        command.Parameters.AddWithValue("signature", signatureSha256Hex);
        return await command.ExecuteScalarAsync(cancellationToken) as byte[];
    }

    /// <summary>
    /// The <see cref="DocumentRef"/> an event should carry for a stored document: media type and size as stored, the
    /// kind and file name given, and the stored verified signature (the one with <paramref name="signatureSha256Hex"/>,
    /// or the latest when null). Null when no document has this hash, or when the named signature is not stored.
    /// Commands built from uploads should use this rather than trust a client's copy of the metadata.
    /// </summary>
    public async Task<DocumentRef?> GetRefAsync(
        string sha256Hex, string kind, string fileName, string? signatureSha256Hex = null, CancellationToken cancellationToken = default)
    {
        var document = await FindAsync(sha256Hex, cancellationToken);
        if (document is null)
        {
            return null;
        }

        var signatures = await GetSignaturesAsync(sha256Hex, cancellationToken);
        if (!TrySelectSignature(signatures, signatureSha256Hex, out var signature))
        {
            return null;
        }

        return new DocumentRef(document.Sha256Hex, kind, fileName, document.MediaType, document.SizeBytes, signature);
    }

    /// <summary>
    /// The signature a document reference carries: the one with <paramref name="signatureSha256Hex"/>, or the latest of
    /// <paramref name="signatures"/> (oldest first; none when there are none) when null. False when the named signature
    /// is not among them.
    /// </summary>
    public static bool TrySelectSignature(IReadOnlyList<SignatureInfo> signatures, string? signatureSha256Hex, out SignatureInfo? signature)
    {
        ArgumentNullException.ThrowIfNull(signatures);
        if (signatureSha256Hex is null)
        {
            signature = signatures.Count == 0 ? null : signatures[^1];
            return true;
        }

        signature = signatures.FirstOrDefault(s => s.SignatureSha256Hex == signatureSha256Hex);
        return signature is not null;
    }

    /// <summary>
    /// Reads the content and recomputes its SHA-256 before returning it. Null when no document has this hash.
    /// </summary>
    /// <exception cref="DocumentIntegrityException">The stored bytes do not hash to <paramref name="sha256Hex"/>.</exception>
    public async Task<VerifiedContent?> OpenVerifiedAsync(string sha256Hex, CancellationToken cancellationToken = default)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        await using var command = new NpgsqlCommand("select media_type, size_bytes, content from ledger.documents where sha256 = @sha256", connection);
        command.Parameters.AddWithValue("sha256", sha256Hex);
        await using var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess | CommandBehavior.SingleRow, cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var mediaType = reader.GetString(0);
        var size = reader.GetInt64(1);
        Stream copy = size <= InMemoryReadLimit
            ? new MemoryStream(checked((int)size))
            : new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 81920,
                FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            await using (var source = await reader.GetStreamAsync(2, cancellationToken))
            {
                var buffer = new byte[81920];
                int read;
                while ((read = await source.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    hash.AppendData(buffer, 0, read);
                    await copy.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
                }
            }

            var actual = Convert.ToHexStringLower(hash.GetHashAndReset());
            if (actual != sha256Hex)
            {
                throw new DocumentIntegrityException(sha256Hex, actual);
            }

            copy.Position = 0;
            return new VerifiedContent(sha256Hex, mediaType, copy.Length, copy);
        }
        catch
        {
            await copy.DisposeAsync();
            throw;
        }
    }

    public void Dispose() => _schemaGate.Dispose();
}
