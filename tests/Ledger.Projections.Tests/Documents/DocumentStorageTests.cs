using System.Security.Cryptography;
using System.Text;
using Ledger.Domain.Signatures;
using Ledger.Projections.Documents;
using Ledger.Projections.Storage;
using Ledger.Projections.Tests.Infrastructure;
using Ledger.Tests.Signatures;
using Npgsql;

namespace Ledger.Projections.Tests.Documents;

[Collection("stack")]
[Trait("Category", "Integration")]
public sealed class DocumentStorageTests(StackFixture fixture) : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;
    private static readonly TestCa Ca = TestPki.CreateCa("ҰЛТТЫҚ КУӘЛАНДЫРУШЫ ОРТАЛЫҚ (GOST) TEST", TestKeyKind.Gost2012_256, Now.AddYears(-1), Now.AddYears(1));

    private NpgsqlDataSource _database = null!;
    private DocumentStorage _storage = null!;
    private DocumentUploads _uploads = null!;

    public async Task InitializeAsync()
    {
        _database = LedgerDataSource.Create(await fixture.CreateDatabaseAsync("document_storage"));
        _storage = new DocumentStorage(_database);
        _uploads = new DocumentUploads(_storage, new DocumentLimits { MaxFilingBytes = 4096 }, TrustAnchors.From([Ca.Certificate]), TimeProvider.System);
        await _storage.EnsureSchemaAsync();
    }

    public async Task DisposeAsync()
    {
        _storage.Dispose();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Given_a_signed_upload_When_a_command_asks_for_its_reference_Then_the_stored_type_size_and_signature_are_given()
    {
        var pdf = Pdf("Решение по делу 2-1234-26");
        var signer = Ca.Issue(TestKeyKind.Gost2012_256, "СЕРИКОВА АЙГУЛЬ", "790101400456", notBefore: Now.AddDays(-1), notAfter: Now.AddDays(30));
        var cms = signer.Sign(pdf, Now.AddMinutes(-1));
        using var content = new MemoryStream(pdf);

        var uploaded = await _uploads.UploadAsync(new DocumentUpload(content, "решение.pdf", "judgment", "application/pdf", cms, "judge-7"));
        var reference = await _storage.GetRefAsync(uploaded.Document.Sha256Hex, "judgment", "решение.pdf");
        var byHash = await _storage.GetRefAsync(uploaded.Document.Sha256Hex, "judgment", "решение.pdf", uploaded.Document.Signature!.SignatureSha256Hex);
        var unknownSignature = await _storage.GetRefAsync(uploaded.Document.Sha256Hex, "judgment", "решение.pdf", new string('b', 64));

        Assert.True(uploaded.Created);
        Assert.Equal(uploaded.Document, reference);
        Assert.Equal(uploaded.Document, byHash);
        Assert.Null(unknownSignature);
        Assert.True(reference!.IsValid);
        Assert.Equal("790101400456", reference.Signature!.Iin);
        Assert.Equal("judge-7", (await _storage.FindAsync(reference.Sha256Hex))!.UploadedBy);
        Assert.Equal(cms, await _storage.GetSignatureBytesAsync(reference.Sha256Hex, reference.Signature.SignatureSha256Hex));
    }

    [Fact]
    public async Task Given_stored_content_When_read_Then_its_hash_is_rechecked_and_a_changed_row_is_never_returned()
    {
        var pdf = Pdf("Протокол");
        var sha = Convert.ToHexStringLower(SHA256.HashData(pdf));
        Assert.True(await _storage.StoreAsync(new MemoryStream(pdf), sha, "application/pdf", pdf.Length, null));
        Assert.False(await _storage.StoreAsync(new MemoryStream(pdf), sha, "application/pdf", pdf.Length, null));

        await using (var read = await _storage.OpenVerifiedAsync(sha))
        {
            using var copy = new MemoryStream();
            await read!.Content.CopyToAsync(copy);
            Assert.Equal(pdf, copy.ToArray());
        }

        await using (var tamper = _database.CreateCommand("update ledger.documents set content = content || '\\x00'::bytea where sha256 = @sha"))
        {
            tamper.Parameters.AddWithValue("sha", sha);
            await tamper.ExecuteNonQueryAsync();
        }

        var damaged = await Assert.ThrowsAsync<DocumentIntegrityException>(() => _storage.OpenVerifiedAsync(sha));
        Assert.Equal(sha, damaged.ExpectedSha256Hex);
        Assert.NotEqual(sha, damaged.ActualSha256Hex);
        Assert.Null(await _storage.OpenVerifiedAsync(new string('c', 64)));
    }

    [Fact]
    public async Task Given_refused_uploads_When_checked_in_the_database_Then_no_row_was_written()
    {
        var pdf = Pdf("Ходатайство");
        var big = Pdf(new string('x', 5000));
        var exe = "MZ\u0090\0"u8.ToArray();
        var other = Ca.Issue(TestKeyKind.Gost2012_256, notBefore: Now.AddDays(-1), notAfter: Now.AddDays(30)).Sign(Pdf("другое"), Now.AddMinutes(-1));
        var auth = Ca.Issue(TestKeyKind.Gost2012_256, purpose: TestKeyPurpose.Authentication, notBefore: Now.AddDays(-1), notAfter: Now.AddDays(30)).Sign(pdf, Now.AddMinutes(-1));

        var wrong = await Assert.ThrowsAsync<DocumentRejectedException>(() => _uploads.UploadAsync(new DocumentUpload(new MemoryStream(pdf), "m.pdf", "motion", null, other, null)));
        var authKey = await Assert.ThrowsAsync<DocumentRejectedException>(() => _uploads.UploadAsync(new DocumentUpload(new MemoryStream(pdf), "m.pdf", "motion", null, auth, null)));
        var large = await Assert.ThrowsAsync<DocumentRejectedException>(() => _uploads.UploadAsync(new DocumentUpload(new MemoryStream(big), "m.pdf", "motion", null, null, null)));
        var executable = await Assert.ThrowsAsync<DocumentRejectedException>(() => _uploads.UploadAsync(new DocumentUpload(new MemoryStream(exe), "m.pdf", "motion", null, null, null)));

        Assert.Equal((DocumentRejection.SignatureRefused, SignatureStatus.WrongDocument), (wrong.Rejection, wrong.SignatureStatus));
        Assert.Equal((DocumentRejection.SignatureRefused, SignatureStatus.NotForSigning), (authKey.Rejection, authKey.SignatureStatus));
        Assert.Equal(DocumentRejection.TooLarge, large.Rejection);
        Assert.Equal(DocumentRejection.UnsupportedType, executable.Rejection);
        string[] hashes = [.. new[] { pdf, big, exe }.Select(b => Convert.ToHexStringLower(SHA256.HashData(b)))];
        await using var count = _database.CreateCommand(
            "select (select count(*) from ledger.documents where sha256 = any(@hashes)) + (select count(*) from ledger.document_signatures where document_sha256 = any(@hashes))");
        count.Parameters.AddWithValue("hashes", hashes);
        Assert.Equal(0L, await count.ExecuteScalarAsync());
    }

    private static byte[] Pdf(string text) => Encoding.UTF8.GetBytes($"%PDF-1.7\n% {text} {Guid.NewGuid()}\n%%EOF\n");
}
