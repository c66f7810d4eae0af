using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Npgsql;

namespace Ledger.LocalStack;

/// <summary>
/// A private PostgreSQL cluster started from the machine's PostgreSQL binaries (initdb / pg_ctl) in a project folder.
/// Listens on 127.0.0.1 only, trust authentication, superuser <c>postgres</c>, a <c>caseledger</c> database.
/// A running cluster in the same folder is reused; one left behind by a killed run is recovered.
/// Disposing stops the cluster only when this instance started (or adopted) it.
/// </summary>
public sealed partial class PostgresCluster : IAsyncDisposable
{
    /// <summary>The application database created in every cluster.</summary>
    public const string DefaultDatabase = "caseledger";

    private const string SuperUser = "postgres";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly string _binDirectory;
    private readonly Action<string> _log;
    private int _ownedPostmasterPid;
    private int _stopped;

    private PostgresCluster(string binDirectory, string dataDirectory, int port, Action<string> log)
    {
        _binDirectory = binDirectory;
        DataDirectory = dataDirectory;
        Port = port;
        _log = log;
    }

    /// <summary>The cluster's data folder (PGDATA).</summary>
    public string DataDirectory { get; }

    /// <summary>The loopback TCP port it listens on.</summary>
    public int Port { get; private set; }

    /// <summary>The postmaster's process id (from postmaster.pid); 0 when the cluster is not running.</summary>
    public int ServerProcessId => ReadPostmasterPid();

    /// <summary>True when this instance started or adopted the cluster and will stop it on dispose.</summary>
    public bool Owned => _ownedPostmasterPid != 0;

    /// <summary>Connection string of the <c>caseledger</c> database.</summary>
    public string ConnectionString => ConnectionStringFor(DefaultDatabase);

    /// <summary>Connection string of a database of this cluster.</summary>
    public string ConnectionStringFor(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = SuperUser,
        Database = database,
        IncludeErrorDetail = true,
    }.ConnectionString;

    /// <summary>
    /// Starts (or reuses) the cluster whose data lives in <paramref name="dataDirectory"/>. When running as root and
    /// the <c>postgres</c> user cannot reach that folder, the cluster is kept under the system temp folder instead
    /// (<c>/tmp/caseledger-&lt;hash&gt;/pg</c>). <paramref name="port"/> null picks a free port (the previous one when free).
    /// </summary>
    public static async Task<PostgresCluster> StartAsync(
        string dataDirectory, int? port = null, Action<string>? log = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(dataDirectory);
        log ??= _ => { };
        var binDirectory = FindBinDirectory()
            ?? throw new LocalStackException("PostgreSQL server binaries not found: apt-get install postgresql");
        var pgData = await ResolveDataDirectoryAsync(Path.GetFullPath(dataDirectory), cancellationToken).ConfigureAwait(false);

        using var startLock = await FileLock.AcquireAsync(pgData + ".lock", StartTimeout, cancellationToken).ConfigureAwait(false);
        var cluster = new PostgresCluster(binDirectory, pgData, port ?? 0, log);
        try
        {
            await cluster.StartLockedAsync(port, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Never leave behind a server that the caller cannot stop.
            await cluster.StopAsync().ConfigureAwait(false);
            throw;
        }

        return cluster;
    }

    /// <summary>The folder holding initdb/pg_ctl: the highest version under /usr/lib/postgresql, else PATH; null when absent.</summary>
    public static string? FindBinDirectory()
    {
        const string debianRoot = "/usr/lib/postgresql";
        if (Directory.Exists(debianRoot))
        {
            var best = Directory.EnumerateDirectories(debianRoot)
                .Select(dir => (dir, version: decimal.TryParse(Path.GetFileName(dir), NumberStyles.Number, CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Where(x => x.version >= 0 && File.Exists(Path.Combine(x.dir, "bin", "initdb")) && File.Exists(Path.Combine(x.dir, "bin", "pg_ctl")))
                .OrderByDescending(x => x.version)
                .Select(x => Path.Combine(x.dir, "bin"))
                .FirstOrDefault();
            if (best is not null)
            {
                return best;
            }
        }

        var pgCtl = ProcessRunner.FindOnPath("pg_ctl");
        return pgCtl is not null && File.Exists(Path.Combine(Path.GetDirectoryName(pgCtl)!, "initdb")) ? Path.GetDirectoryName(pgCtl) : null;
    }

    /// <summary>
    /// Creates a fresh database (dropped first when it exists) and returns its connection string. The name is
    /// made a valid PostgreSQL identifier: lower case, letters, digits and underscores, at most 63 characters.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        var database = NormalizeDatabaseName(name);
        var connectionString = ConnectionStringFor(database);
        ClearPool(connectionString);
        await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, $"CREATE DATABASE \"{database}\"", cancellationToken).ConfigureAwait(false);
        return connectionString;
    }

    /// <summary>Drops a database when it exists.</summary>
    public async Task DropDatabaseAsync(string name, CancellationToken cancellationToken = default)
    {
        var database = NormalizeDatabaseName(name);
        ClearPool(ConnectionStringFor(database));
        await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", cancellationToken).ConfigureAwait(false);
    }

    // Pooled connections to a dropped database are dead: forget them.
    private static void ClearPool(string connectionString)
    {
        using var connection = new NpgsqlConnection(connectionString);
        NpgsqlConnection.ClearPool(connection);
    }

    /// <summary>The identifier <see cref="CreateDatabaseAsync"/> uses for <paramref name="name"/>.</summary>
    public static string NormalizeDatabaseName(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var normalized = InvalidIdentifierCharacters().Replace(name.ToLowerInvariant(), "_");
        if (!char.IsAsciiLetterLower(normalized[0]) && normalized[0] != '_')
        {
            normalized = "db_" + normalized;
        }

        return normalized.Length <= 63 ? normalized : normalized[..63];
    }

    /// <summary>Stops the cluster when this instance owns it (pg_ctl stop -m fast).</summary>
    public async Task StopAsync()
    {
        if (!ShouldStop())
        {
            return;
        }

        _log($"Stopping PostgreSQL (port {Port}).");
        NpgsqlConnection.ClearAllPools();
        var result = await RunPgAsync("pg_ctl", ["-D", DataDirectory, "stop", "-m", "fast", "-w", "-t", "30"], CancellationToken.None).ConfigureAwait(false);
        if (!result.Succeeded && UnixProcesses.IsAlive(_ownedPostmasterPid))
        {
            UnixProcesses.Kill(_ownedPostmasterPid);
        }

        DeleteOwnerFile();
    }

    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);

    /// <summary>Stops the cluster without awaiting (process-exit safety net).</summary>
    internal void StopBlocking()
    {
        if (!ShouldStop())
        {
            return;
        }

        var (file, args) = PgCommand("pg_ctl", ["-D", DataDirectory, "stop", "-m", "fast", "-w", "-t", "20"]);
        if (ProcessRunner.RunBlocking(file, args, TimeSpan.FromSeconds(25)) != 0 && UnixProcesses.IsAlive(_ownedPostmasterPid))
        {
            UnixProcesses.Kill(_ownedPostmasterPid);
        }

        DeleteOwnerFile();
    }

    private bool ShouldStop()
    {
        if (_ownedPostmasterPid == 0 || Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return false;
        }

        // Stop only the postmaster this instance started: after a simulated crash another instance may run here now.
        return ReadPostmasterPid() == _ownedPostmasterPid && UnixProcesses.IsAlive(_ownedPostmasterPid);
    }

    private async Task StartLockedAsync(int? requestedPort, CancellationToken cancellationToken)
    {
        if (!File.Exists(Path.Combine(DataDirectory, "PG_VERSION")))
        {
            await InitializeAsync(cancellationToken).ConfigureAwait(false);
        }

        var running = await FindRunningPortAsync(cancellationToken).ConfigureAwait(false);
        if (running is { } runningPort && (requestedPort is null || requestedPort == runningPort))
        {
            Port = runningPort;
            var owner = ReadOwner();
            if (owner == 0 || !UnixProcesses.IsAlive(owner))
            {
                // Left behind by a run that was killed: adopt it, so that it is stopped when this run ends.
                _ownedPostmasterPid = ReadPostmasterPid();
                WriteOwnerFile();
                _log($"PostgreSQL left running by an earlier run adopted (port {Port}).");
            }
            else
            {
                _log($"PostgreSQL already running (port {Port}), reused.");
            }
        }
        else
        {
            if (running is not null)
            {
                _log($"PostgreSQL runs on port {running}, but port {requestedPort} was asked for: restarting it.");
                await RunPgAsync("pg_ctl", ["-D", DataDirectory, "stop", "-m", "fast", "-w", "-t", "30"], cancellationToken).ConfigureAwait(false);
            }

            RecoverFromKilledRun();
            await StartServerAsync(requestedPort, cancellationToken).ConfigureAwait(false);
        }

        await EnsureDefaultDatabaseAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task InitializeAsync(CancellationToken cancellationToken)
    {
        var staging = DataDirectory + ".init";
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        _log($"Creating a PostgreSQL cluster in {DataDirectory}.");
        Directory.CreateDirectory(staging);
        FileModes.Set(staging, FileModes.OwnerOnlyDirectory);
        await ChownToPostgresAsync(staging, cancellationToken).ConfigureAwait(false);

        var result = await RunPgAsync(
            "initdb",
            ["-D", staging, "-U", SuperUser, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-instructions"],
            cancellationToken).ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new LocalStackException($"initdb failed for {DataDirectory}:\n{result.Output}");
        }

        // Loopback only, trust authentication: a private development cluster.
        await File.WriteAllTextAsync(
            Path.Combine(staging, "pg_hba.conf"),
            """
            # CaseLedger local cluster: connections from this machine only, no passwords.
            local   all   all                  trust
            host    all   all   127.0.0.1/32   trust
            host    all   all   ::1/128        trust

            """,
            cancellationToken).ConfigureAwait(false);
        await File.AppendAllTextAsync(
            Path.Combine(staging, "postgresql.conf"),
            """

            # CaseLedger local cluster (development and tests; durability across OS crashes is not needed).
            listen_addresses = '127.0.0.1'
            max_connections = 200
            shared_buffers = 64MB
            fsync = off
            synchronous_commit = off
            full_page_writes = off

            """,
            cancellationToken).ConfigureAwait(false);
        await ChownToPostgresAsync(staging, cancellationToken).ConfigureAwait(false);
        Directory.Move(staging, DataDirectory);
    }

    private async Task<int?> FindRunningPortAsync(CancellationToken cancellationToken)
    {
        var lines = ReadPostmasterPidFile();
        if (lines is null || lines.Length < 4
            || !int.TryParse(lines[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid)
            || !int.TryParse(lines[3], NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || !UnixProcesses.IsAlive(pid))
        {
            return null;
        }

        // A postmaster that is still starting up or shutting down gets a moment to answer.
        for (var attempt = 0; attempt < 20; attempt++)
        {
            Port = port;
            if (await AnswersAsync(cancellationToken).ConfigureAwait(false))
            {
                return port;
            }

            if (!UnixProcesses.IsAlive(pid))
            {
                return null;
            }

            await Task.Delay(250, cancellationToken).ConfigureAwait(false);
        }

        return null;
    }

    private void RecoverFromKilledRun()
    {
        var postmaster = ReadPostmasterPid();
        var leftovers = UnixProcesses.WithWorkingDirectory(DataDirectory);
        if (postmaster != 0 && UnixProcesses.IsAlive(postmaster) && !leftovers.Contains(postmaster)
            && UnixProcesses.CommandLine(postmaster).Contains("postgres", StringComparison.Ordinal))
        {
            leftovers = [.. leftovers, postmaster];
        }

        if (leftovers.Count > 0)
        {
            _log($"Stopping {leftovers.Count} PostgreSQL process(es) left by a killed run.");
            foreach (var pid in leftovers)
            {
                UnixProcesses.Kill(pid, tree: false);
            }

            foreach (var pid in leftovers)
            {
                UnixProcesses.WaitForExit(pid, TimeSpan.FromSeconds(10));
            }
        }

        // With no postmaster left, its lock files are stale. PostgreSQL would remove them itself, except when the
        // killed postmaster lingers as a zombie (no init reaping it, as in some containers): then it would wait forever.
        var pidFile = Path.Combine(DataDirectory, "postmaster.pid");
        if (File.Exists(pidFile))
        {
            File.Delete(pidFile);
        }

        foreach (var socketLock in Directory.EnumerateFiles(DataDirectory, ".s.PGSQL.*"))
        {
            File.Delete(socketLock);
        }
    }

    private async Task StartServerAsync(int? requestedPort, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            Port = requestedPort ?? ChoosePort();
            if (requestedPort is not null && !Ports.IsFree(requestedPort.Value))
            {
                throw new LocalStackException($"Port {requestedPort} is already in use; choose another PostgreSQL port.");
            }

            var socketDirectory = (DataDirectory + "/.s.PGSQL.65535").Length < 100 ? Quote(DataDirectory) : "''";
            var serverOptions = string.Create(
                CultureInfo.InvariantCulture,
                $"-p {Port} -c listen_addresses=127.0.0.1 -c unix_socket_directories={socketDirectory}");
            _log($"Starting PostgreSQL on 127.0.0.1:{Port}.");
            var result = await RunPgAsync(
                "pg_ctl",
                ["-D", DataDirectory, "-l", Path.Combine(DataDirectory, "server.log"), "-w", "-t", "60", "-o", serverOptions, "start"],
                cancellationToken).ConfigureAwait(false);
            if (result.Succeeded && await AnswersAsync(cancellationToken).ConfigureAwait(false))
            {
                // Pooled connections to a killed predecessor on this port are dead.
                NpgsqlConnection.ClearAllPools();
                _ownedPostmasterPid = ReadPostmasterPid();
                WriteOwnerFile();
                await File.WriteAllTextAsync(DataDirectory + ".port", Port.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
                return;
            }

            if (attempt >= 3 || requestedPort is not null)
            {
                throw new LocalStackException(
                    $"PostgreSQL did not start in {DataDirectory} (port {Port}).\n{result.Output}\nLast lines of server.log:\n{ServerLogTail()}");
            }

            // Port taken meanwhile, or leftovers still exiting: clean up and try once more.
            RecoverFromKilledRun();
        }
    }

    private int ChoosePort()
    {
        try
        {
            var previous = File.ReadAllText(DataDirectory + ".port").Trim();
            if (int.TryParse(previous, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && Ports.IsFree(port))
            {
                return port;
            }
        }
        catch (IOException)
        {
            // First start.
        }

        return Ports.FindFree();
    }

    private async Task<bool> AnswersAsync(CancellationToken cancellationToken)
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionStringFor("postgres")) { Pooling = false, Timeout = 3 };
        try
        {
            await using var connection = new NpgsqlConnection(builder.ConnectionString);
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException or IOException or InvalidOperationException)
        {
            return false;
        }
    }

    private async Task EnsureDefaultDatabaseAsync(CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(ConnectionStringFor("postgres"));
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", DefaultDatabase);
        if (await exists.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is null)
        {
            await ExecuteAsync(connection, $"CREATE DATABASE \"{DefaultDatabase}\"", cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
#pragma warning disable CA2100 // Identifiers are normalized to [a-z0-9_] before they reach SQL.
        await using var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<string> ResolveDataDirectoryAsync(string dataDirectory, CancellationToken cancellationToken)
    {
        var pgData = Path.Combine(dataDirectory, "pg");
        Directory.CreateDirectory(dataDirectory);
        if (!UnixProcesses.IsRoot)
        {
            return pgData;
        }

        // initdb refuses root: the cluster belongs to the postgres user, who must be able to reach the folder.
        var probe = await ProcessRunner.RunAsync(
            "runuser", ["-u", SuperUser, "--", "test", "-x", dataDirectory], "/", TimeSpan.FromSeconds(30), cancellationToken).ConfigureAwait(false);
        if (probe.Succeeded)
        {
            return pgData;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(dataDirectory)))[..12];
        var fallback = Path.Combine(Path.GetTempPath(), $"caseledger-{hash}");
        Directory.CreateDirectory(fallback);
        FileModes.AllowTraverse(fallback);
        return Path.Combine(fallback, "pg");
    }

    private static async Task ChownToPostgresAsync(string path, CancellationToken cancellationToken)
    {
        if (!UnixProcesses.IsRoot)
        {
            return;
        }

        var result = await ProcessRunner.RunAsync("chown", ["-R", $"{SuperUser}:{SuperUser}", path], "/", TimeSpan.FromSeconds(30), cancellationToken)
            .ConfigureAwait(false);
        if (!result.Succeeded)
        {
            throw new LocalStackException($"Could not give {path} to the postgres user:\n{result.Output}");
        }
    }

    private Task<ProcessResult> RunPgAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var (file, args) = PgCommand(tool, arguments);
        return ProcessRunner.RunAsync(file, args, "/", StartTimeout, cancellationToken);
    }

    private (string File, IReadOnlyList<string> Arguments) PgCommand(string tool, IReadOnlyList<string> arguments)
    {
        var executable = Path.Combine(_binDirectory, tool);
        return UnixProcesses.IsRoot
            ? ("runuser", ["-u", SuperUser, "--", executable, .. arguments])
            : (executable, arguments);
    }

    private string[]? ReadPostmasterPidFile()
    {
        try
        {
            return File.ReadAllLines(Path.Combine(DataDirectory, "postmaster.pid"));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private int ReadPostmasterPid()
    {
        var lines = ReadPostmasterPidFile();
        return lines is { Length: > 0 } && int.TryParse(lines[0], NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0;
    }

    private int ReadOwner()
    {
        try
        {
            return int.TryParse(File.ReadAllText(DataDirectory + ".owner").Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private void WriteOwnerFile() =>
        File.WriteAllText(DataDirectory + ".owner", UnixProcesses.CurrentProcessId.ToString(CultureInfo.InvariantCulture));

    private void DeleteOwnerFile()
    {
        try
        {
            if (ReadOwner() == UnixProcesses.CurrentProcessId)
            {
                File.Delete(DataDirectory + ".owner");
            }
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    private string ServerLogTail()
    {
        try
        {
            return string.Join('\n', File.ReadLines(Path.Combine(DataDirectory, "server.log")).TakeLast(20));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "(no server.log)";
        }
    }

    private static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex("[^a-z0-9_]")]
    private static partial Regex InvalidIdentifierCharacters();
}
