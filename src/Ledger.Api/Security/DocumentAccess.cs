using System.Security.Claims;
using Ledger.Api.Cases;
using Ledger.Api.Hosting;
using Ledger.Projections.Documents;
using Ledger.Projections.Verification;
using Marten;
using Npgsql;

namespace Ledger.Api.Security;

/// <summary>
/// Who may read a stored document's content and signatures (<c>/api/v1/documents/{sha256}…</c>): the one who uploaded
/// it (their <c>sub</c>), and whoever may see in full a case whose events carry it — the court of the case (court
/// system, clerks, chair), its judge, the prosecutors, lawyers and parties admitted to it (<see cref="CaseAccess"/>,
/// visibility <see cref="CaseVisibility.Court"/> or <see cref="CaseVisibility.Participant"/>). Which cases carry a
/// document is read from the verification index (<c>verify_documents</c>, written with the events).
/// <list type="bullet">
/// <item>Auditors and law-enforcement systems see such cases only redacted or as progress: the content is refused (403).</item>
/// <item>Anyone else gets 404, as for a document that is not stored: they do not learn that it exists.</item>
/// </list>
/// </summary>
public static class DocumentAccess
{
    public static async Task<CaseAccessDecision> DecideAsync(HttpContext http, StoredDocument document, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(document);
        var user = http.User;
        var subject = user.FindFirstValue(LedgerClaims.Subject);
        if (subject is not null && string.Equals(subject, document.UploadedBy, StringComparison.Ordinal))
        {
            return CaseAccessDecision.Allowed;
        }

        var services = http.RequestServices;
        await services.GetRequiredService<LedgerDatabase>().EnsureReadyAsync(cancellationToken);
        var store = services.GetRequiredService<IDocumentStore>();
        var caseIds = new List<Guid>();
        await using (var command = services.GetRequiredService<NpgsqlDataSource>().CreateCommand(
            $"select distinct case_id from {store.Options.DatabaseSchemaName}.{VerificationIndexProjection.DocumentsTable} where sha256 = @sha256"))
        {
            command.Parameters.AddWithValue("sha256", Convert.FromHexString(document.Sha256Hex));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                caseIds.Add(reader.GetGuid(0));
            }
        }

        var decision = CaseAccessDecision.NotFound;
        foreach (var caseId in caseIds)
        {
            var file = await CaseFile.LoadAsync(store, caseId, cancellationToken);
            if (file is null)
            {
                continue;
            }

            switch (CaseAccess.VisibilityOf(user, file.State, file.ProsecutorOffice))
            {
                case CaseVisibility.Court or CaseVisibility.Participant:
                    return CaseAccessDecision.Allowed;
                case CaseVisibility.Redacted or CaseVisibility.Progress:
                    decision = CaseAccessDecision.Forbidden;
                    break;
                default:
                    break;
            }
        }

        return decision;
    }
}
