using System.Data.Common;
using Marten.Internal.Operations;
using NpgsqlTypes;
using Weasel.Core;
using Weasel.Storage;

namespace Ledger.Projections.Ledger;

/// <summary>
/// The insert of one ledger entry, queued in the append's Marten session (same batch, round trip and transaction as
/// the events). Its transaction id and insertion number, the sequencer's order, are the columns' defaults. A typed
/// operation rather than <c>QueueSqlCommand</c>: the statement text is a constant (prepared on the server after its
/// first uses) and the parameters are bound with their types, without parsing placeholders or boxing per append.
/// </summary>
internal sealed class LedgerEntryInsert(
    Guid eventId, Guid caseId, long version, string eventType, DateTimeOffset occurredAt, byte[] leafInput, byte[] leafHash, byte[] salt)
    : Marten.Internal.Operations.IStorageOperation, NoDataReturnedCall
{
    // Not a document: the type Marten itself gives its raw SQL operations.
    public Type DocumentType => typeof(Marten.Storage.StorageFeatures);

    public void ConfigureCommand(Weasel.Postgresql.ICommandBuilder builder, IStorageSession session)
    {
        builder.Append("insert into ledger.entries (event_id, case_id, case_version, event_type, occurred_at, leaf_input, leaf_hash, salt) values (");
        builder.AppendParameter(eventId, NpgsqlDbType.Uuid);
        builder.Append(", ");
        builder.AppendParameter(caseId, NpgsqlDbType.Uuid);
        builder.Append(", ");
        builder.AppendParameter(version, NpgsqlDbType.Bigint);
        builder.Append(", ");
        builder.AppendParameter(eventType, NpgsqlDbType.Text);
        builder.Append(", ");
        builder.AppendParameter(occurredAt, NpgsqlDbType.TimestampTz);
        builder.Append(", ");
        builder.AppendParameter(leafInput, NpgsqlDbType.Bytea);
        builder.Append(", ");
        builder.AppendParameter(leafHash, NpgsqlDbType.Bytea);
        builder.Append(", ");
        builder.AppendParameter(salt, NpgsqlDbType.Bytea);
        builder.Append(")");
    }

    public OperationRole Role() => OperationRole.Other;

    public Task PostprocessAsync(DbDataReader reader, IList<Exception> exceptions, CancellationToken token) => Task.CompletedTask;
}
