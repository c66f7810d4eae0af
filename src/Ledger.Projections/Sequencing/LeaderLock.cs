using Npgsql;

namespace Ledger.Projections.Sequencing;

/// <summary>
/// Leader election with a PostgreSQL session advisory lock held on a dedicated connection. Whoever holds the lock
/// is the only active instance of a role (sequencer, anchorer); if its process or connection dies, the lock is
/// released by the server and a waiting instance takes over.
/// </summary>
public sealed class LeaderLock : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly long _key;
    private NpgsqlConnection? _connection;

    public LeaderLock(NpgsqlDataSource dataSource, long key)
    {
        _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));
        _key = key;
    }

    /// <summary>Well-known lock keys.</summary>
    public const long SequencerKey = 0x4C45444745520001; // "LEDGER" 1
    public const long AnchorerKey = 0x4C45444745520002;

    public bool IsHeld => _connection is { State: System.Data.ConnectionState.Open };

    /// <summary>Tries once to become leader.</summary>
    public async Task<bool> TryAcquireAsync(CancellationToken cancellationToken = default)
    {
        if (IsHeld)
        {
            return true;
        }

        var connection = await _dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using var command = new NpgsqlCommand("select pg_try_advisory_lock(@key)", connection);
            command.Parameters.AddWithValue("key", _key);
            var acquired = (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
            if (acquired)
            {
                _connection = connection;
                return true;
            }
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }

        await connection.DisposeAsync();
        return false;
    }

    /// <summary>Checks that the lock connection is still alive (and so the lock still held).</summary>
    public async Task<bool> StillHeldAsync(CancellationToken cancellationToken = default)
    {
        if (_connection is null)
        {
            return false;
        }

        try
        {
            await using var command = new NpgsqlCommand("select 1", _connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
        {
            await ReleaseAsync();
            return false;
        }
    }

    public async Task ReleaseAsync()
    {
        var connection = _connection;
        _connection = null;
        if (connection is not null)
        {
            try
            {
                // Pooled connections outlive Dispose, so unlock explicitly; a broken session has lost the lock anyway.
                await using var command = new NpgsqlCommand("select pg_advisory_unlock(@key)", connection);
                command.Parameters.AddWithValue("key", _key);
                await command.ExecuteScalarAsync();
            }
            catch (Exception ex) when (ex is NpgsqlException or InvalidOperationException or TimeoutException)
            {
                // The session is gone, and with it the lock.
            }

            await connection.DisposeAsync();
        }
    }

    public ValueTask DisposeAsync() => new(ReleaseAsync());
}
