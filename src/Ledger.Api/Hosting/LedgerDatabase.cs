using Ledger.Projections.Storage;
using Marten;
using Npgsql;

namespace Ledger.Api.Hosting;

/// <summary>
/// Creates the event store's and the ledger's tables once, on first use, so that the API starts (and reports
/// health) even while the database is not reachable yet.
/// </summary>
public sealed class LedgerDatabase(NpgsqlDataSource dataSource, IDocumentStore store) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile bool _ready;

    public async ValueTask EnsureReadyAsync(CancellationToken cancellationToken = default)
    {
        if (_ready)
        {
            return;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (!_ready)
            {
                await LedgerSchema.EnsureAsync(dataSource, cancellationToken);
                for (var attempt = 1; ; attempt++)
                {
                    try
                    {
                        await store.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
                        break;
                    }
                    catch (Exception ex) when (attempt < 5 && IsConcurrentCreation(ex))
                    {
                        // The projection daemon (or another instance) created the same objects at the same moment: check again.
                        await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), cancellationToken);
                    }
                }

                _ready = true;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private static bool IsConcurrentCreation(Exception ex) =>
        ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.DuplicateTable or PostgresErrorCodes.DuplicateObject or PostgresErrorCodes.DuplicateFunction or PostgresErrorCodes.DuplicateSchema };
}
