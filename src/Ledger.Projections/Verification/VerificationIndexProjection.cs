using JasperFx.Events;
using Ledger.Domain.Cases;
using Marten;
using Weasel.Postgresql.Tables;

namespace Ledger.Projections.Verification;

/// <summary>
/// The verification index, an inline Marten projection: written in the same transaction as the case events it
/// reflects, so it is never behind the ledger. Three tables in the event store's schema:
/// <list type="bullet">
/// <item><c>verify_documents</c>: document SHA-256 → every event that carries it (with the act it belongs to, if any);</item>
/// <item><c>verify_acts</c>: every event that concerns a judicial act (issued, in force, appealed, set aside, amended),
/// so that the status of an act can be read in one query;</item>
/// <item><c>verify_cases</c>: the public identity of a case (number, court, kind) — never a person's name.</item>
/// </list>
/// The index holds no personal data: hashes, ids, event types, times and public case numbers only. It can be
/// rebuilt from the events at any time (<see cref="VerificationIndex.RebuildAsync"/>).
/// </summary>
public sealed class VerificationIndexProjection : Marten.Events.Projections.IProjection
{
    public const string DocumentsTable = "verify_documents";
    public const string ActsTable = "verify_acts";
    public const string CasesTable = "verify_cases";

    /// <summary>Registers the projection (inline) and its tables with a Marten store.</summary>
    public static void Register(StoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var schema = options.DatabaseSchemaName;
        options.Projections.Add(new VerificationIndexProjection(), JasperFx.Events.Projections.ProjectionLifecycle.Inline);

        var documents = new Table(Name(schema, DocumentsTable));
        documents.AddColumn("sha256", "bytea").AsPrimaryKey();
        documents.AddColumn("event_id", "uuid").AsPrimaryKey();
        documents.AddColumn("case_id", "uuid").NotNull();
        documents.AddColumn("event_type", "text").NotNull();
        documents.AddColumn("occurred_at", "timestamptz").NotNull();
        documents.AddColumn("act_id", "uuid");
        options.Storage.ExtendedSchemaObjects.Add(documents);

        var acts = new Table(Name(schema, ActsTable));
        acts.AddColumn("act_id", "uuid").AsPrimaryKey();
        acts.AddColumn("event_id", "uuid").AsPrimaryKey();
        acts.AddColumn("case_id", "uuid").NotNull();
        acts.AddColumn("event_type", "text").NotNull();
        acts.AddColumn("occurred_at", "timestamptz").NotNull();
        acts.AddColumn("act_kind", "text");
        acts.AddColumn("outcome", "text");
        acts.AddColumn("document", "bytea");
        options.Storage.ExtendedSchemaObjects.Add(acts);

        var cases = new Table(Name(schema, CasesTable));
        cases.AddColumn("case_id", "uuid").AsPrimaryKey();
        cases.AddColumn("case_number", "text").NotNull();
        cases.AddColumn("court_id", "text").NotNull();
        cases.AddColumn("case_kind", "text").NotNull();
        options.Storage.ExtendedSchemaObjects.Add(cases);
    }

    // The (schema, name) constructor is marked obsolete in favour of one taking an identifier-usage hint; plain
    // lower-case names need no hint, and the replacement's parameter type is not settled across Weasel versions.
#pragma warning disable CS0618
    private static Weasel.Postgresql.PostgresqlObjectName Name(string schema, string table) => new(schema, table);
#pragma warning restore CS0618

    public Task ApplyAsync(IDocumentOperations operations, IReadOnlyList<IEvent> events, CancellationToken cancellation)
    {
        ArgumentNullException.ThrowIfNull(operations);
        ArgumentNullException.ThrowIfNull(events);
        var schema = operations.DocumentStore.Options.DatabaseSchemaName;
        foreach (var e in events)
        {
            if (e.Data is CaseEvent data)
            {
                foreach (var row in VerificationIndex.RowsOf(e.Id, data))
                {
                    row.Queue(operations, schema);
                }
            }
        }

        return Task.CompletedTask;
    }
}
